using System;
using System.Collections.Generic;
using System.Text;
using System.Xml;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Forward-only walk over the element tree of a Qualys XML file, for the three finding readers.
    /// Qualys reorders, adds and drops elements between API versions and templates, so the readers
    /// look children up by name in whatever order they come and skip what they do not know;
    /// this class keeps that skipping, the depth limit and the text limit in one place.
    /// </summary>
    internal sealed class XmlWalker
    {
        /// <summary>Characters one element's text may hold. The largest Qualys values are RESULTS
        /// tables, far below this; past it a file is damaged or hostile, and reading on would
        /// exhaust memory before telling the admin anything.</summary>
        public const int MaxTextLength = 16 * 1024 * 1024;

        private readonly XmlReader _reader;
        private readonly IXmlLineInfo? _lines;
        private readonly string _path;
        private readonly char[] _chunk = new char[8 * 1024];
        private StringBuilder _longText = new StringBuilder();

        public XmlWalker(XmlReader reader, string path)
        {
            _reader = reader;
            _lines = reader as IXmlLineInfo;
            _path = path;
        }

        /// <summary>1-based line of the node the walker is on, or 0 when unknown.</summary>
        public long Line => _lines != null && _lines.HasLineInfo() ? _lines.LineNumber : 0;

        public string? Attribute(string name) => _reader.GetAttribute(name);

        /// <summary>Moves to the root element. False when the document holds none.</summary>
        public bool MoveToRoot()
        {
            while (_reader.Read())
            {
                if (_reader.NodeType == XmlNodeType.Element) return true;
            }
            return false;
        }

        /// <summary>
        /// Yields the name of each child element of the current element, with the walker on it.
        /// The caller reads the child with <see cref="Text"/>, <see cref="Skip"/> or a nested
        /// <see cref="Children"/>, or leaves it alone, in which case it is skipped here.
        /// </summary>
        public IEnumerable<string> Children()
        {
            if (_reader.NodeType != XmlNodeType.Element)
                throw new InvalidOperationException("Children() needs the walker on an element.");
            if (_reader.IsEmptyElement)
            {
                _reader.Read();
                yield break;
            }
            int depth = _reader.Depth;
            Advance();
            while (true)
            {
                if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
                {
                    _reader.Read();
                    yield break;
                }
                if (_reader.NodeType != XmlNodeType.Element)
                {
                    Advance();
                    continue;
                }
                CheckDepth();
                long line = Line;
                int position = _lines?.LinePosition ?? 0;
                yield return _reader.LocalName;
                // Two elements never start at the same place, so a reader still here was not consumed.
                if (_reader.NodeType == XmlNodeType.Element && _reader.Depth == depth + 1
                    && Line == line && (_lines?.LinePosition ?? 0) == position)
                    Skip();
            }
        }

        /// <summary>
        /// Passes over the current element and everything in it. XmlReader.Skip would do, but
        /// it keeps no depth limit, and the reader holds every open element: a file nested
        /// millions deep would take memory in proportion to its size.
        /// </summary>
        public void Skip()
        {
            if (_reader.IsEmptyElement)
            {
                _reader.Read();
                return;
            }
            int depth = _reader.Depth;
            Advance();
            while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
            {
                if (_reader.NodeType == XmlNodeType.Element) CheckDepth();
                Advance();
            }
            _reader.Read();
        }

        /// <summary>
        /// The trimmed text of the current element (CDATA and text alike; any child element is
        /// passed over), or null when it is empty. Leaves the walker after the element.
        /// </summary>
        public string? Text()
        {
            if (_reader.NodeType != XmlNodeType.Element)
                throw new InvalidOperationException("Text() needs the walker on an element.");
            if (_reader.IsEmptyElement)
            {
                _reader.Read();
                return null;
            }
            int depth = _reader.Depth;
            long startLine = Line;
            string? single = null;
            StringBuilder? many = null;
            Advance();
            while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        string part = ReadValue(startLine, (single?.Length ?? 0) + (many?.Length ?? 0));
                        if (single == null && many == null) single = part;
                        else
                        {
                            many ??= new StringBuilder(single);
                            single = null;
                            many.Append(part);
                        }
                        break;
                    case XmlNodeType.Element:
                        CheckDepth();
                        Skip();
                        break;
                    default:
                        Advance();
                        break;
                }
            }
            _reader.Read();
            string? text = (many?.ToString() ?? single)?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        /// <summary>Reads one text node in chunks, so an endless one is refused before it is held whole.</summary>
        private string ReadValue(long startLine, int alreadyHeld)
        {
            if (!_reader.CanReadValueChunk)
            {
                string value = _reader.Value;
                if (alreadyHeld + value.Length > MaxTextLength) throw TooLarge(startLine);
                Advance();
                return value;
            }
            int first = _reader.ReadValueChunk(_chunk, 0, _chunk.Length);
            if (alreadyHeld + first > MaxTextLength) throw TooLarge(startLine);
            int n = first > 0 && first < _chunk.Length ? _reader.ReadValueChunk(_chunk, first, _chunk.Length - first) : 0;
            if (n == 0 && first < _chunk.Length)
            {
                // Nearly every Qualys value fits one chunk: the string is made straight from it.
                Advance();
                return first == 0 ? string.Empty : new string(_chunk, 0, first);
            }
            var text = _longText.Clear();
            text.Append(_chunk, 0, first + n);
            if (alreadyHeld + text.Length > MaxTextLength) throw TooLarge(startLine);
            while ((n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                if (alreadyHeld + text.Length + n > MaxTextLength) throw TooLarge(startLine);
                text.Append(_chunk, 0, n);
            }
            Advance();
            string whole = text.ToString();
            // A RESULTS table can run to megabytes; the builder is not kept at that size.
            if (text.Capacity > _chunk.Length * 4) _longText = new StringBuilder();
            return whole;
        }

        private void Advance()
        {
            if (!_reader.Read())
                throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, _path, Line,
                    "the XML ends before its elements are closed: the file was cut off.");
        }

        private void CheckDepth()
        {
            if (_reader.Depth > XmlSafety.MaxDepth)
                throw new QualysReportException(ErrorIds.NestingTooDeep, ReportErrorKind.InvalidData, _path, Line,
                    $"elements are nested more than {XmlSafety.MaxDepth} deep; no Qualys report is, so the file is damaged or was not written by Qualys.");
        }

        private QualysReportException TooLarge(long line) =>
            new QualysReportException(ErrorIds.FieldTooLarge, ReportErrorKind.InvalidData, _path, line,
                $"an element holds more than {MaxTextLength / (1024 * 1024)} million characters of text; no Qualys field is that large, so the file is damaged.");
    }
}
