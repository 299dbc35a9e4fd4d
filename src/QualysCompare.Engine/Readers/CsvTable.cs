using System;
using System.Collections.Generic;
using System.Text;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// The findings table of a Qualys CSV: finds its header row after whatever metadata blocks
    /// precede it, resolves columns by name, and reads the fields of one row at a time without
    /// materialising the ones a finding does not keep.
    /// </summary>
    internal sealed class CsvTable : IDisposable
    {
        private readonly ReportReadContext _context;
        private readonly CsvReader _csv;
        private readonly Dictionary<string, int> _columns;
        private readonly HashSet<string> _duplicates;
        private long _rows;

        private CsvTable(ReportReadContext context, CsvReader csv, Dictionary<string, int> columns, List<string> duplicates, long headerLine)
        {
            _context = context;
            _csv = csv;
            _columns = columns;
            _duplicates = new HashSet<string>(duplicates, StringComparer.OrdinalIgnoreCase);
            HeaderLine = headerLine;
        }

        public long HeaderLine { get; }

        /// <summary>The line where the current row starts (a row can span lines).</summary>
        public long Line => _csv.LineNumber;

        public int FieldCount => _csv.FieldCount;

        /// <summary>
        /// Reads records until one is the header row of <paramref name="format"/>. Every record
        /// before it goes to <paramref name="preamble"/>, for layouts that keep facts there (the
        /// scan's launch date).
        /// </summary>
        public static CsvTable Open(ReportReadContext context, ReportFormat format, Action<IReadOnlyList<string>>? preamble = null)
        {
            var csv = context.OpenCsv();
            try
            {
                var fields = new List<string>();
                while (csv.Read())
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    fields.Clear();
                    for (int i = 0; i < csv.FieldCount; i++) fields.Add(csv.GetString(i));
                    if (CsvLayouts.ClassifyHeader(fields) == format)
                    {
                        var columns = CsvLayouts.MapColumns(fields, out var duplicates);
                        return new CsvTable(context, csv, columns, duplicates, csv.LineNumber);
                    }
                    preamble?.Invoke(fields);
                }
                throw new QualysReportException(ErrorIds.Unrecognized, ReportErrorKind.InvalidData, context.Path, 0,
                    "no findings table header row was found after the metadata blocks.");
            }
            catch
            {
                csv.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The index of the first of <paramref name="names"/> the header has, or -1. A column the
        /// reader uses that appears twice is ambiguous, so the file is refused; duplicates of
        /// columns nobody reads do no harm.
        /// </summary>
        public int Column(params string[] names)
        {
            foreach (var name in names)
            {
                if (!_columns.TryGetValue(name, out int index)) continue;
                if (_duplicates.Contains(name))
                    throw new QualysReportException(ErrorIds.DuplicateColumn, ReportErrorKind.InvalidData, _context.Path, HeaderLine,
                        $"the header row has more than one \"{name}\" column, so its values are ambiguous.");
                return index;
            }
            return -1;
        }

        public int RequiredColumn(params string[] names)
        {
            int index = Column(names);
            if (index < 0)
                throw new QualysReportException(ErrorIds.MissingColumn, ReportErrorKind.InvalidData, _context.Path, HeaderLine,
                    names.Length == 1
                        ? $"the header row has no \"{names[0]}\" column."
                        : $"the header row has none of the columns {string.Join(", ", Array.ConvertAll(names, n => "\"" + n + "\""))}.");
            return index;
        }

        /// <summary>Advances to the next row of the table.</summary>
        public bool Read()
        {
            if ((++_rows & 0xFF) == 0) _context.CancellationToken.ThrowIfCancellationRequested();
            return _csv.Read();
        }

        /// <summary>The trimmed value, or null for a missing column, an empty field or a "-" placeholder.</summary>
        public string? Text(int column)
        {
            if (column < 0 || column >= _csv.FieldCount || IsBlank(_csv.GetSpan(column))) return null;
            return Vocabulary.Clean(_csv.GetString(column));
        }

        /// <summary>The value with its line breaks and indentation kept (Results tables).</summary>
        public string? RawText(int column)
        {
            if (column < 0 || column >= _csv.FieldCount || IsBlank(_csv.GetSpan(column))) return null;
            return _csv.GetString(column);
        }

        public int? Int(int column)
        {
            if (column < 0 || column >= _csv.FieldCount) return null;
            return ParseInt(_csv.GetSpan(column));
        }

        /// <summary>The QID of the current row; a row without a usable one is refused, not dropped.</summary>
        public int Qid(int column)
        {
            int? qid = Int(column);
            if (qid is > 0) return qid.Value;
            string raw = column < _csv.FieldCount ? _csv.GetString(column) : string.Empty;
            throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, _context.Path, Line,
                raw.Trim().Length == 0
                    ? "the row has no QID."
                    : $"the row has the QID \"{Shorten(raw)}\", which is not a positive whole number.");
        }

        /// <summary>Qualys's finding type; an empty cell is a confirmed vulnerability (the kind
        /// every layout lists first), a word no layout uses is refused.</summary>
        public FindingType Type(int column) => TypeOf(Text(column), _context.Path, Line);

        internal static FindingType TypeOf(string? text, string path, long line)
        {
            if (text == null) return FindingType.Confirmed;
            return Vocabulary.ParseType(text)
                ?? throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, path, line,
                    $"the finding has the type \"{Shorten(text)}\", which is none of Vuln, Practice, Ig, Confirmed, Potential or Information.");
        }

        /// <summary>
        /// Whether the field starts with <paramref name="prefix"/> (ASCII, ignoring case), without
        /// making a string of it: used to spot the block that follows the table.
        /// </summary>
        public bool StartsWith(int column, string prefix)
        {
            if (column < 0 || column >= _csv.FieldCount) return false;
            var span = TrimAscii(_csv.GetSpan(column));
            if (span.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
                if (char.ToLowerInvariant((char)span[i]) != char.ToLowerInvariant(prefix[i])) return false;
            return true;
        }

        /// <summary>
        /// Host columns repeat the same value on every row of a host; the cache hands back the
        /// previous row's string when the bytes are unchanged, so a host's findings share one
        /// instance instead of each holding a copy.
        /// </summary>
        public string? Repeated(int column, RepeatCache cache)
        {
            if (column < 0 || column >= _csv.FieldCount) return null;
            var span = _csv.GetSpan(column);
            if (cache.Matches(span)) return cache.Value;
            var value = IsBlank(span) ? null : Vocabulary.Clean(_csv.GetString(column));
            cache.Remember(span, value);
            return value;
        }

        internal static int? ParseInt(ReadOnlySpan<byte> field)
        {
            var span = TrimAscii(field);
            if (span.Length == 0) return null;
            bool negative = span[0] == (byte)'-';
            int i = negative || span[0] == (byte)'+' ? 1 : 0;
            if (i == span.Length) return null;
            long value = 0;
            for (; i < span.Length; i++)
            {
                int digit = span[i] - (byte)'0';
                if (digit < 0 || digit > 9) return null;
                value = value * 10 + digit;
                if (value > int.MaxValue) return null;
            }
            return (int)(negative ? -value : value);
        }

        private static ReadOnlySpan<byte> TrimAscii(ReadOnlySpan<byte> span)
        {
            int start = 0, end = span.Length;
            while (start < end && IsSpace(span[start])) start++;
            while (end > start && IsSpace(span[end - 1])) end--;
            return span.Slice(start, end - start);
        }

        private static bool IsBlank(ReadOnlySpan<byte> span) => TrimAscii(span).Length == 0;

        private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        internal static string Shorten(string value)
        {
            var s = value.Trim();
            return s.Length <= 40 ? s : s.Substring(0, 40) + "…";
        }

        public void Dispose() => _csv.Dispose();
    }

    /// <summary>The last value of one column, kept as the bytes it was read from.</summary>
    internal sealed class RepeatCache
    {
        private byte[] _bytes = new byte[64];
        private int _length = -1;

        public string? Value { get; private set; }

        public bool Matches(ReadOnlySpan<byte> span) => _length == span.Length && span.SequenceEqual(new ReadOnlySpan<byte>(_bytes, 0, _length));

        public void Remember(ReadOnlySpan<byte> span, string? value)
        {
            if (span.Length > _bytes.Length)
            {
                // Long values (Results-sized) are not worth keeping: they do not repeat.
                if (span.Length > 4096) { _length = -1; Value = null; return; }
                _bytes = new byte[span.Length];
            }
            span.CopyTo(_bytes);
            _length = span.Length;
            Value = value;
        }
    }

    /// <summary>Counts each host of a file once, whatever order its rows come in.</summary>
    internal sealed class HostTally
    {
        private readonly ReportReadContext _context;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private string? _a, _b, _c, _d;
        private bool _any;

        public HostTally(ReportReadContext context) => _context = context;

        /// <summary>Rows of one host usually follow each other, so an unchanged identity costs no key.</summary>
        public void See(string? a, string? b, string? c = null, string? d = null)
        {
            if (_any && Same(a, _a) && Same(b, _b) && Same(c, _c) && Same(d, _d)) return;
            _any = true;
            _a = a; _b = b; _c = c; _d = d;
            var key = new StringBuilder().Append(a).Append('\u001f').Append(b).Append('\u001f').Append(c).Append('\u001f').Append(d).ToString();
            if (_seen.Add(key)) _context.CountHost();
        }

        private static bool Same(string? x, string? y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }
}
