using System;
using System.IO;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Passes XML text through to XmlReader, refusing any piece of markup (a tag with its
    /// attributes, or a comment, CDATA section or DOCTYPE) longer than
    /// <see cref="XmlWalker.MaxTextLength"/> characters. XmlReader holds a whole start tag in
    /// memory before it reports it, with no limit of its own, so one endless attribute value
    /// would exhaust memory; text between tags is streamed and limited by the walker.
    /// Quotes are followed so that a '&gt;' inside an attribute value does not end the tag.
    /// </summary>
    internal sealed class XmlMarkupLimit : TextReader
    {
        private readonly TextReader _inner;
        private readonly string _path;
        private readonly long _limit;
        private bool _inMarkup;
        private char _quote;
        private long _markupLength;
        private long _markupLine;
        private long _line = 1;

        public XmlMarkupLimit(TextReader inner, string path, long limit = XmlWalker.MaxTextLength)
        {
            _inner = inner;
            _path = path;
            _limit = limit;
        }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            int c = _inner.Read();
            if (c >= 0)
            {
                Span<char> one = stackalloc char[1];
                one[0] = (char)c;
                Scan(one);
            }
            return c;
        }

        public override int Read(char[] buffer, int index, int count)
        {
            int n = _inner.Read(buffer, index, count);
            Scan(new ReadOnlySpan<char>(buffer, index, n));
            return n;
        }

        /// <summary>
        /// One pass, one character at a time, state in locals: Qualys lines are a tag or two long,
        /// so a vectorised search per tag and per line costs more in calls than it saves.
        /// </summary>
        private void Scan(ReadOnlySpan<char> text)
        {
            bool inMarkup = _inMarkup;
            char quote = _quote;
            long markupLength = _markupLength;
            long line = _line;
            int markupStart = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                // Letters, most of the text, are above every character this scan looks for.
                if (c > '>') continue;
                if (c == '\n') line++;
                if (!inMarkup)
                {
                    if (c == '<')
                    {
                        inMarkup = true;
                        quote = '\0';
                        markupLength = 0;
                        markupStart = i;
                        _markupLine = line;
                    }
                    continue;
                }
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0';
                }
                else if (c == '>')
                {
                    markupLength += i - markupStart;
                    if (markupLength > _limit) throw TooLong();
                    inMarkup = false;
                }
                else if (c == '"' || c == '\'') quote = c;
            }
            if (inMarkup)
            {
                markupLength += text.Length - markupStart;
                if (markupLength > _limit) throw TooLong();
            }
            _inMarkup = inMarkup;
            _quote = quote;
            _markupLength = markupLength;
            _line = line;
        }

        private QualysReportException TooLong() =>
            new QualysReportException(ErrorIds.FieldTooLarge, ReportErrorKind.InvalidData, _path, _markupLine,
                $"a tag (with its attribute values), comment or CDATA section runs for more than {_limit / (1024 * 1024)} million characters; no Qualys report holds one that large, so the file is damaged.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
