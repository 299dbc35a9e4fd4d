using System;
using System.Buffers.Text;
using System.IO;
using System.Text;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>
    /// The records of an RFC 4180 CSV as Export-CoverageGap writes it (UTF-8, optional byte order
    /// mark, quoted fields that may span lines), one at a time from a reused buffer. A field becomes a
    /// string only when asked for, and each record's file position and length are known, so that
    /// it can be read again later without keeping it.
    /// </summary>
    internal sealed class ExportCsvRecords : IDisposable
    {
        private const int MaxRecordBytes = 64 * 1024 * 1024;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        // What ends an unquoted field, and the quote that may not appear in one.
        private static readonly byte[] FieldEnds = { (byte)',', (byte)'\r', (byte)'\n', (byte)'"' };

        private readonly Stream _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private long _bufferOffset;
        private bool _eof;
        private int[] _fieldStart = new int[64];
        private int[] _fieldEnd = new int[64];
        private bool[] _escaped = new bool[64];
        private long _nextLine = 1;

        public ExportCsvRecords(Stream stream)
        {
            _stream = stream;
            _buffer = new byte[256 * 1024];
            Fill();
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
        }

        /// <summary>One record already in memory (a row read again by its position): its bytes are the
        /// buffer, so reading tens of thousands of closed rows allocates no buffer each.</summary>
        public ExportCsvRecords(byte[] record, int length)
        {
            _stream = Stream.Null;
            _buffer = record;
            _end = length;
            _eof = true;
        }

        public int FieldCount { get; private set; }

        /// <summary>The line the current record starts on.</summary>
        public long Line { get; private set; }

        public long RecordOffset { get; private set; }
        public int RecordLength { get; private set; }

        /// <summary>Reads the next record; false at the end of the file.</summary>
        /// <exception cref="InvalidDataException">The CSV is malformed; the message says how, and the record starts on <see cref="Line"/>.</exception>
        public bool Next()
        {
            while (true)
            {
                Line = _nextLine;
                if (_start >= _end && _eof) return false;
                int lines;
                int next = Parse(_start, out lines);
                if (next < 0)
                {
                    if (_eof) throw new InvalidDataException("the file ends inside a quoted field: it was cut off.");
                    Fill();
                    continue;
                }
                RecordOffset = _bufferOffset + _start;
                RecordLength = next - _start;
                _start = next;
                _nextLine += lines;
                return true;
            }
        }

        /// <summary>The text of a field, or null when it is empty.</summary>
        public string? Text(int field)
        {
            if (field < 0 || field >= FieldCount) return null;
            int start = _fieldStart[field], end = _fieldEnd[field];
            if (end == start) return null;
            string text = Utf8.GetString(_buffer, start, end - start);
            return _escaped[field] ? text.Replace("\"\"", "\"") : text;
        }

        /// <summary>Whether a field holds exactly these bytes (ASCII), without making a string of it.</summary>
        public bool Equals(int field, byte[] ascii)
        {
            if (field < 0 || field >= FieldCount || _escaped[field]) return false;
            int start = _fieldStart[field], length = _fieldEnd[field] - start;
            if (length != ascii.Length) return false;
            for (int i = 0; i < length; i++)
                if (_buffer[start + i] != ascii[i]) return false;
            return true;
        }

        /// <summary>Whether a field equals the previous value of a column, byte for byte: the rows of
        /// one machine repeat its names, which then need no new string.</summary>
        public bool SameBytes(int field, byte[]? previous)
        {
            if (previous == null) return field < 0 || field >= FieldCount || _fieldEnd[field] == _fieldStart[field];
            if (field < 0 || field >= FieldCount) return false;
            int start = _fieldStart[field], length = _fieldEnd[field] - start;
            return length == previous.Length && _buffer.AsSpan(start, length).SequenceEqual(previous);
        }

        /// <summary>A field that is a whole number and nothing else, or null.</summary>
        public int? Int(int field)
        {
            if (field < 0 || field >= FieldCount) return null;
            var span = _buffer.AsSpan(_fieldStart[field], _fieldEnd[field] - _fieldStart[field]);
            return span.Length > 0 && Utf8Parser.TryParse(span, out int value, out int consumed) && consumed == span.Length ? value : (int?)null;
        }

        public byte[]? Bytes(int field) =>
            field < 0 || field >= FieldCount || _fieldEnd[field] == _fieldStart[field] ? null : _buffer.AsSpan(_fieldStart[field], _fieldEnd[field] - _fieldStart[field]).ToArray();

        public void Dispose() => _stream.Dispose();

        /// <summary>Splits the record at <paramref name="at"/> into fields; returns where the next one
        /// starts, or -1 when the buffer ends first (and more may come).</summary>
        private int Parse(int at, out int lines)
        {
            lines = 0;
            FieldCount = 0;
            int p = at;
            while (true)
            {
                if (FieldCount == _fieldStart.Length) GrowFields();
                int field = FieldCount++;
                if (p < _end && _buffer[p] == (byte)'"')
                {
                    int q = p + 1;
                    bool escaped = false;
                    while (true)
                    {
                        // Vectorised: long quoted texts (ReasonDetail, titles) are most of the bytes.
                        int quote = _buffer.AsSpan(q, _end - q).IndexOf((byte)'"');
                        if (quote < 0) return -1;
                        lines += NewLines(q, q + quote);
                        q += quote;
                        if (q + 1 >= _end && !_eof) return -1;
                        if (q + 1 < _end && _buffer[q + 1] == (byte)'"')
                        {
                            escaped = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    _fieldStart[field] = p + 1;
                    _fieldEnd[field] = q;
                    _escaped[field] = escaped;
                    p = q + 1;
                    if (p < _end && _buffer[p] != (byte)',' && _buffer[p] != (byte)'\r' && _buffer[p] != (byte)'\n')
                        throw new InvalidDataException("the CSV is malformed: text follows a closing quote.");
                }
                else
                {
                    int end = _buffer.AsSpan(p, _end - p).IndexOfAny(FieldEnds);
                    int q = end < 0 ? _end : p + end;
                    if (q < _end && _buffer[q] == (byte)'"') throw new InvalidDataException("the CSV is malformed: a quote inside an unquoted field.");
                    if (q >= _end && !_eof) return -1;
                    _fieldStart[field] = p;
                    _fieldEnd[field] = q;
                    _escaped[field] = false;
                    p = q;
                }
                if (p >= _end)
                {
                    if (!_eof) return -1;
                    return p;
                }
                byte separator = _buffer[p];
                if (separator == (byte)',')
                {
                    p++;
                    continue;
                }
                if (separator == (byte)'\r')
                {
                    if (p + 1 >= _end && !_eof) return -1;
                    if (p + 1 < _end && _buffer[p + 1] == (byte)'\n') p++;
                }
                lines++;
                return p + 1;
            }
        }

        private int NewLines(int from, int to)
        {
            int lines = 0;
            var span = _buffer.AsSpan(from, to - from);
            for (int at; (at = span.IndexOf((byte)'\n')) >= 0; span = span.Slice(at + 1)) lines++;
            return lines;
        }

        private void GrowFields()
        {
            Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
            Array.Resize(ref _fieldEnd, _fieldEnd.Length * 2);
            Array.Resize(ref _escaped, _escaped.Length * 2);
        }

        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _bufferOffset += _start;
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= MaxRecordBytes)
                    throw new InvalidDataException($"one record is larger than {MaxRecordBytes / (1024 * 1024)} MB; no gap row is that large.");
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            while (_end < _buffer.Length)
            {
                int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                    break;
                }
                _end += read;
            }
        }
    }
}
