using System;
using System.IO;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Passes XML text through to XmlReader, watching two things XmlReader cannot:
    /// <list type="bullet">
    /// <item>Markup (a tag with its attributes, or a comment, CDATA section or DOCTYPE) longer than
    /// <see cref="XmlWalker.MaxTextLength"/> characters is refused. XmlReader holds a whole start
    /// tag in memory before it reports it, with no limit of its own, so one endless attribute
    /// value would exhaust memory; text between tags is streamed and limited by the walker.</item>
    /// <item>A CDATA section that holds the report's own markup is refused. When its end marker
    /// <c>]]&gt;</c> is damaged, the section runs on to the next <c>]]&gt;</c> in the file and
    /// swallows everything between as text: <c>&lt;/RESULTS&gt;&lt;/DETECTION&gt;&lt;DETECTION&gt;…</c>.
    /// The file stays well-formed and a detection is gone without any error. Such a section
    /// holds a tag of an element of the format (<see cref="XmlElementNames"/>), and the next
    /// value's <c>&lt;![CDATA[</c> right after its element's upper-case start tag, the way Qualys
    /// opens every value. HTML in CDATA passes, and so does a quoted page's
    /// <c>//&lt;![CDATA[</c> (ASP.NET writes one into every page), which no tag opens.</item>
    /// </list>
    /// Both are seen here, in the one pass over the characters, because here every value is seen,
    /// including those the readers skip without making a string of them (RESULTS nobody asked for).
    /// Quotes are followed so that a '&gt;' inside an attribute value does not end the tag.
    /// </summary>
    internal sealed class XmlMarkupLimit : TextReader
    {
        private const string CDataOpen = "![CDATA[";
        private const string CommentOpen = "!--";

        // Where the scan is. The first four pass over letters without looking (see Scan).
        private const int Text = 0, Tag = 1, Comment = 2, CData = 3, AfterLt = 4, AfterLtInCData = 5;

        // What follows a '<' inside a CDATA section, while it is being read.
        private const int Undecided = 0, MaybeCData = 1, EndTagName = 2, StartTagName = 3, Attributes = 4;

        private readonly TextReader _inner;
        private readonly string _path;
        private readonly long _limit;
        private readonly XmlElementNames? _names;
        private int _state;
        private char _quote;
        private long _markupLength;
        private long _markupLine;
        private long _line = 1;

        // The two characters before the current chunk, for "]]>" and "-->" split across reads.
        private char _before1, _before2;

        // Characters of a comment's content so far, up to 2: "<!-->" ends nothing.
        private int _contentSeen;

        // The '<' inside a CDATA section being read: how far "![CDATA[" matched, or the tag's name.
        private int _ltKind;
        private int _ltMatched;
        private long _ltLine;
        private long _ltAt;
        private bool _upperName;
        private readonly char[] _name = new char[XmlElementNames.MaxLength];

        // Characters handed out before the current chunk, to place things across chunks.
        private long _consumed;

        // Inside a CDATA section: where the last upper-case start tag ended, and the whitespace
        // seen since. A "<![CDATA[" after nothing else opens that element's value.
        private long _tagEndAt = -1;
        private long _whitespaceAfterTag;

        public XmlMarkupLimit(TextReader inner, string path, long limit = XmlWalker.MaxTextLength, XmlElementNames? names = null)
        {
            _inner = inner;
            _path = path;
            _limit = limit;
            _names = names;
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
        /// so a vectorised search per tag and per line costs more in calls than it saves. Letters,
        /// most of the text, are above every character the scan looks for, except right after a
        /// '&lt;', where the few characters that say what follows are read one by one.
        /// </summary>
        private void Scan(ReadOnlySpan<char> text)
        {
            int state = _state;
            char quote = _quote;
            long markupLength = _markupLength;
            long line = _line;
            long whitespace = _whitespaceAfterTag;
            int markupStart = 0;
            // Characters above this are passed over unseen: letters everywhere but right after a '<'.
            char seenUpTo = state <= CData ? '>' : char.MaxValue;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > seenUpTo) continue;
                if (c == '\n') line++;

                // The three states nearly every character is read in come first, as plain tests.
                if (state == Text)
                {
                    if (c != '<') continue;
                    markupLength = 0;
                    markupStart = i;
                    _markupLine = line;
                    // Only "<!" can open a comment or CDATA section: every other tag, nearly all
                    // of them, is a tag from here on.
                    if (i + 1 < text.Length && text[i + 1] != '!')
                    {
                        state = Tag;
                        quote = '\0';
                        continue;
                    }
                    state = AfterLt;
                    seenUpTo = char.MaxValue;
                    _ltMatched = 0;
                    continue;
                }
                if (state == Tag)
                {
                    if (quote != '\0')
                    {
                        if (c == quote) quote = '\0';
                    }
                    else if (c == '>')
                    {
                        markupLength += i - markupStart;
                        if (markupLength > _limit) throw TooLong();
                        state = Text;
                    }
                    else if (c == '"' || c == '\'') quote = c;
                    continue;
                }
                if (state == CData)
                {
                    if (c == '>')
                    {
                        if (Before(text, i, 1) != ']' || Before(text, i, 2) != ']') continue;
                        markupLength += i - markupStart;
                        if (markupLength > _limit) throw TooLong();
                        state = Text;
                    }
                    else if (c == '<')
                    {
                        state = AfterLtInCData;
                        seenUpTo = char.MaxValue;
                        _ltKind = Undecided;
                        _ltMatched = 0;
                        _ltLine = line;
                        _ltAt = _consumed + i;
                    }
                    else if (c == ' ' || (c >= '\t' && c <= '\r')) whitespace++;
                    continue;
                }

                switch (state)
                {
                    case AfterLt:
                        // "<!--" and "<![CDATA[" are told from a tag, a declaration or a processing
                        // instruction by the characters after the '<'.
                        if (_ltMatched < CDataOpen.Length && c == CDataOpen[_ltMatched])
                        {
                            if (++_ltMatched == CDataOpen.Length) { state = CData; _tagEndAt = -1; }
                            break;
                        }
                        if (_ltMatched < CommentOpen.Length && c == CommentOpen[_ltMatched])
                        {
                            if (++_ltMatched == CommentOpen.Length) { state = Comment; _contentSeen = 0; }
                            break;
                        }
                        // A tag, a declaration or a processing instruction: "<>" ends here, a
                        // quote cannot come before a name.
                        state = Tag;
                        quote = '\0';
                        if (c == '>')
                        {
                            markupLength += i - markupStart;
                            if (markupLength > _limit) throw TooLong();
                            state = Text;
                        }
                        break;

                    case Comment:
                        if (c == '>' && _contentSeen >= 2 && Before(text, i, 1) == '-' && Before(text, i, 2) == '-')
                        {
                            markupLength += i - markupStart;
                            if (markupLength > _limit) throw TooLong();
                            state = Text;
                        }
                        else if (_contentSeen < 2) _contentSeen++;
                        break;

                    case AfterLtInCData:
                        _whitespaceAfterTag = whitespace;
                        bool more = ReadAfterLt(c, _consumed + i);
                        whitespace = _whitespaceAfterTag;
                        if (more) break;
                        // Not markup of the report. The character that said so may end the section
                        // or open another tag; anything else is the section's own text.
                        state = CData;
                        if (c == '>' && Before(text, i, 1) == ']' && Before(text, i, 2) == ']')
                        {
                            markupLength += i - markupStart;
                            if (markupLength > _limit) throw TooLong();
                            state = Text;
                        }
                        else if (c == '<')
                        {
                            state = AfterLtInCData;
                            _ltKind = Undecided;
                            _ltMatched = 0;
                            _ltLine = line;
                            _ltAt = _consumed + i;
                        }
                        break;
                }
                seenUpTo = state <= CData ? '>' : char.MaxValue;
            }
            _whitespaceAfterTag = whitespace;
            if (state != Text)
            {
                markupLength += text.Length - markupStart;
                if (markupLength > _limit) throw TooLong();
            }
            _consumed += text.Length;
            if (text.Length >= 2) { _before2 = text[text.Length - 2]; _before1 = text[text.Length - 1]; }
            else if (text.Length == 1) { _before2 = _before1; _before1 = text[0]; }
            _state = state;
            _quote = quote;
            _markupLength = markupLength;
            _line = line;
        }

        /// <summary>The character <paramref name="back"/> places before index <paramref name="i"/>,
        /// looking into the previous chunk when the current one is too short.</summary>
        private char Before(ReadOnlySpan<char> text, int i, int back)
        {
            int at = i - back;
            if (at >= 0) return text[at];
            return at == -1 ? _before1 : _before2;
        }

        /// <summary>
        /// Reads one character after a '&lt;' inside a CDATA section (at <paramref name="at"/>):
        /// true while it may still be a nested "&lt;![CDATA[" or a tag, false once it is neither or
        /// the tag has ended. Throws when the section has swallowed markup of the report.
        /// </summary>
        private bool ReadAfterLt(char c, long at)
        {
            switch (_ltKind)
            {
                case Undecided:
                    if (c == '!') { _ltKind = MaybeCData; _ltMatched = 1; return true; }
                    if (c == '/') { _ltKind = EndTagName; _ltMatched = 0; return true; }
                    if (!IsNameStart(c)) return false;
                    _ltKind = StartTagName;
                    _name[0] = c;
                    _ltMatched = 1;
                    _upperName = IsUpperNameChar(c);
                    return true;

                case MaybeCData:
                    if (c != CDataOpen[_ltMatched]) return false;
                    if (++_ltMatched < CDataOpen.Length) return true;
                    if (_tagEndAt >= 0 && _ltAt - _tagEndAt - 1 == _whitespaceAfterTag)
                        throw Swallowed("another value's \"<![CDATA[\"");
                    return false;

                case Attributes:
                    // Attribute values are not followed: a '>' in one ends the tag early, which
                    // can only lose a match, never make one.
                    if (c == '<') return false;
                    if (c != '>') return true;
                    OpenedValue(at);
                    return false;

                default:
                    if (IsNameStart(c) || (_ltMatched > 0 && IsNameChar(c)))
                    {
                        if (_ltMatched == _name.Length) return false; // longer than any element name
                        _name[_ltMatched++] = c;
                        _upperName &= IsUpperNameChar(c);
                        return true;
                    }
                    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
                    if (_ltMatched == 0 || !(c == '>' || space || (_ltKind == StartTagName && c == '/'))) return false;
                    var name = _names?.Find(_name, _ltMatched);
                    if (name != null) throw Swallowed(_ltKind == EndTagName ? $"the end tag </{name}>" : $"the tag <{name}>");
                    if (_ltKind != StartTagName || !_upperName) return false;
                    if (c == '>') { OpenedValue(at); return false; }
                    if (!space) return false;
                    _ltKind = Attributes;
                    return true;
            }
        }

        /// <summary>An upper-case start tag (Qualys's element names are) ended at <paramref name="at"/>.</summary>
        private void OpenedValue(long at)
        {
            _tagEndAt = at;
            _whitespaceAfterTag = 0;
        }

        private static bool IsUpperNameChar(char c) => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';

        private static bool IsNameStart(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';

        private static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';

        private QualysReportException Swallowed(string what) =>
            new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, _path, _markupLine,
                $"the CDATA section that starts here holds {what} as text at line {_ltLine}: its end marker \"]]>\" is damaged before that line, so the section swallowed the elements after it, which would be lost without an error. The file is damaged.");

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
