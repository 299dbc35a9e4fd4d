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
        private static readonly char[] TagStops = { '"', '\'', '>', '\n' };

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

        private void Scan(ReadOnlySpan<char> text)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (!_inMarkup)
                {
                    int next = text.Slice(i).IndexOfAny('<', '\n');
                    if (next < 0) return;
                    i += next;
                    if (text[i] == '\n') _line++;
                    else
                    {
                        _inMarkup = true;
                        _quote = '\0';
                        _markupLength = 0;
                        _markupLine = _line;
                    }
                    i++;
                    continue;
                }

                var rest = text.Slice(i);
                int stop = _quote != '\0' ? rest.IndexOfAny(_quote, '\n') : rest.IndexOfAny(TagStops);
                int run = stop < 0 ? rest.Length : stop + 1;
                _markupLength += run;
                if (_markupLength > _limit) throw TooLong();
                i += run;
                if (stop < 0) return;
                char c = rest[stop];
                if (c == '\n') _line++;
                else if (_quote != '\0') _quote = '\0';
                else if (c == '>') _inMarkup = false;
                else _quote = c;
            }
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
