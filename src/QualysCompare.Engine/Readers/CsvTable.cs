using System;
using System.Collections.Generic;
using System.Text;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

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
        private readonly int _headerFieldCount;
        private readonly FieldValueCache<FindingType> _types = new FieldValueCache<FindingType>();
        private long _rows;

        private CsvTable(ReportReadContext context, CsvReader csv, Dictionary<string, int> columns, List<string> duplicates, long headerLine, int headerFieldCount)
        {
            _context = context;
            _csv = csv;
            _columns = columns;
            _headerFieldCount = headerFieldCount;
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
                        // A header row the file ends in, without its line break, may have lost columns.
                        if (context.Stream.AtEnd && csv.ByteOffset + csv.RawRecord.Length >= context.Stream.Position)
                            throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, context.Path, csv.LineNumber,
                                "the file ends with the findings table's header row, without the line break that ends it: it was cut off.");
                        var columns = CsvLayouts.MapColumns(fields, out var duplicates);
                        return new CsvTable(context, csv, columns, duplicates, csv.LineNumber, fields.Count);
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
            if (!_csv.Read()) return false;
            if (CompleteFieldsOfCutRow() is int complete)
                throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, _context.Path, Line,
                    $"the file ends inside its last row, after {complete} of the {_headerFieldCount} columns of the header: it was cut off (an interrupted download?) and its last record is incomplete.");
            return true;
        }

        /// <summary>
        /// When the current record is the end of a file cut off between two fields, where no quote
        /// is left open to say so: the number of its fields that are whole; otherwise null. Qualys
        /// writes every column of every row and ends each row with a line break, so a last row
        /// without one that is short of columns, or whose last field was cut to nothing after its
        /// separator, is incomplete.
        /// </summary>
        private int? CompleteFieldsOfCutRow()
        {
            if (!_context.Stream.AtEnd) return null;
            var raw = _csv.RawRecord;
            if (_csv.ByteOffset + raw.Length < _context.Stream.Position) return null; // a line break follows
            if (_csv.FieldCount == 1 && IsBlank(_csv.GetSpan(0))) return null;
            if (raw.Length > 0 && raw[raw.Length - 1] == (byte)_csv.Separator) return _csv.FieldCount - 1;
            return _csv.FieldCount < _headerFieldCount ? _csv.FieldCount : (int?)null;
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
            // Blank in Unicode's sense too (a no-break space alone), as the JSON reader has it.
            var value = _csv.GetString(column);
            return string.IsNullOrWhiteSpace(value) ? null : value;
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
        public FindingType Type(int column)
        {
            if (column < 0 || column >= _csv.FieldCount) return TypeOf(null, _context.Path, Line);
            var span = _csv.GetSpan(column);
            if (_types.TryFind(span, out var type)) return type;
            type = TypeOf(Text(column), _context.Path, Line);
            _types.Add(span, type);
            return type;
        }

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

        /// <summary>
        /// <paramref name="parse"/> of the field's text, remembered by the field's bytes: columns
        /// such as Type, Severity, Status and the dates hold a few values over and over, and
        /// turning the same bytes into a string and parsing it again on every row is most of what
        /// reading them costs. The value is always what <paramref name="parse"/> gives for the text.
        /// </summary>
        public T Parsed<T>(int column, FieldValueCache<T> cache, Func<string?, T> parse)
        {
            if (column < 0 || column >= _csv.FieldCount) return parse(null);
            var span = _csv.GetSpan(column);
            if (cache.TryFind(span, out T value)) return value;
            value = parse(Text(column));
            cache.Add(span, value);
            return value;
        }

        /// <summary>
        /// A QID's descriptive text (Title, Category, CVE ID): the same on every row of the QID, so
        /// the string of the QID's previous row is handed back while the bytes are unchanged, and
        /// each QID's text is held once however many hosts report it.
        /// </summary>
        public string? PerQid(int column, int qid, QidFieldCache cache) => PerQid(column, qid, cache, text => text);

        /// <inheritdoc cref="PerQid(int, int, QidFieldCache)"/>
        public string? PerQid(int column, int qid, QidFieldCache cache, Func<string?, string?> parse)
        {
            if (column < 0 || column >= _csv.FieldCount) return parse(null);
            var span = _csv.GetSpan(column);
            if (cache.TryFind(qid, span, out string? value)) return value;
            value = parse(Text(column));
            cache.Add(qid, span, value);
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

    /// <summary>The values of a few distinct field texts, found by their bytes. When a column holds
    /// more distinct texts than it has room for, the oldest entry gives way.</summary>
    internal sealed class FieldValueCache<T>
    {
        private const int Capacity = 16;
        private const int LongestKept = 64;
        private readonly byte[][] _keys = new byte[Capacity][];
        private readonly T[] _values = new T[Capacity];
        private int _count;
        private int _next;
        private int _last;

        public bool TryFind(ReadOnlySpan<byte> span, out T value)
        {
            // The previous row's value first: consecutive rows of a host repeat most fields.
            if (_count > 0 && span.SequenceEqual(_keys[_last]))
            {
                value = _values[_last];
                return true;
            }
            for (int i = 0; i < _count; i++)
            {
                if (span.SequenceEqual(_keys[i]))
                {
                    _last = i;
                    value = _values[i];
                    return true;
                }
            }
            value = default!;
            return false;
        }

        public void Add(ReadOnlySpan<byte> span, T value)
        {
            if (span.Length > LongestKept) return;
            int slot = _count < Capacity ? _count++ : _next;
            _next = (slot + 1) % Capacity;
            _keys[slot] = span.ToArray();
            _values[slot] = value;
            _last = slot;
        }
    }

    /// <summary>The last text of one column per QID, kept with the bytes it was read from.</summary>
    internal sealed class QidFieldCache
    {
        private const int LongestKept = 4096;
        private readonly Dictionary<int, KeyValuePair<byte[], string?>> _byQid = new Dictionary<int, KeyValuePair<byte[], string?>>();

        public bool TryFind(int qid, ReadOnlySpan<byte> span, out string? value)
        {
            if (_byQid.TryGetValue(qid, out var entry) && span.SequenceEqual(entry.Key))
            {
                value = entry.Value;
                return true;
            }
            value = null;
            return false;
        }

        public void Add(int qid, ReadOnlySpan<byte> span, string? value)
        {
            if (span.Length <= LongestKept) _byQid[qid] = new KeyValuePair<byte[], string?>(span.ToArray(), value);
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
