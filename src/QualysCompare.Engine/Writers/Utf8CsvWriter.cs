using System;
using System.Buffers.Text;
using System.IO;
using System.Text;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// RFC 4180 CSV in UTF-8 with a byte order mark, comma separated, records ending in CRLF: byte for byte what
    /// CsvHelper 34 wrote for the exports (Rfc4180 mode, quoting when needed, invariant culture, optional formula
    /// escape), at a fraction of the cost. CsvHelper transcodes a field into its buffer and then, if it needs quotes,
    /// moves it there to make room for them; here a field is examined first and written once, quoted or not, and the
    /// writer does no per-field work for options the exports do not use.
    /// </summary>
    internal sealed class Utf8CsvWriter : IDisposable
    {
        private const int BufferSize = 64 * 1024;

        // RFC 4180: a field containing any of these is enclosed in quotes (and nothing else is: not even leading or
        // trailing spaces, which CsvHelper 33 and earlier quoted).
        private static readonly char[] CharactersThatNeedQuotes = { ',', '"', '\r', '\n' };

        // Up to this length a field is copied char by char while looking for what needs quotes: cheaper than
        // searching it and then transcoding it, for names, addresses and ports.
        private const int ShortField = 32;

        private static readonly byte[] True = Encoding.ASCII.GetBytes("True");
        private static readonly byte[] False = Encoding.ASCII.GetBytes("False");

        private readonly Stream _destination;
        private readonly bool _neutraliseFormulas;
        private byte[] _buffer = new byte[BufferSize];
        private int _position;
        private long _flushedBytes;
        private long _recordStart;
        private int _fieldCount;
        private bool _disposed;

        /// <param name="destination">Left open.</param>
        /// <param name="neutraliseFormulas">Put an apostrophe in front of text that starts like a formula, and quote
        /// it; numbers, dates, enums and booleans are never text.</param>
        public Utf8CsvWriter(Stream destination, bool neutraliseFormulas)
        {
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
            _neutraliseFormulas = neutraliseFormulas;
            _buffer[0] = 0xEF;
            _buffer[1] = 0xBB;
            _buffer[2] = 0xBF;
            _position = 3;
            _recordStart = 3;
        }

        /// <summary>A null is an empty field, as is an empty string.</summary>
        public void WriteText(string? value)
        {
            if (value == null)
            {
                WriteEmpty();
                return;
            }

            StartField(checked(value.Length * 3 + 3));
            int field = _fieldCount - 1;
            if (value.Length > ShortField && field < RepeatSlots)
            {
                // The rows of one machine come together and share its name, addresses and operating
                // system as one string instance each: the second time a column repeats its value,
                // its bytes are kept, and from then on copied instead of checked and encoded again.
                if (ReferenceEquals(value, _lastText[field]))
                {
                    var known = _lastBytes[field];
                    if (known != null)
                    {
                        Buffer.BlockCopy(known, 0, _buffer, _position, known.Length);
                        _position += known.Length;
                        return;
                    }
                    int start = _position;
                    WriteTextBody(value);
                    _lastBytes[field] = _buffer.AsSpan(start, _position - start).ToArray();
                    return;
                }
                _lastText[field] = value;
                _lastBytes[field] = null;
            }
            WriteTextBody(value);
        }

        private const int RepeatSlots = 64;
        private readonly string?[] _lastText = new string?[RepeatSlots];
        private readonly byte[]?[] _lastBytes = new byte[]?[RepeatSlots];

        private void WriteTextBody(string value)
        {
            int length = value.Length;
            bool neutralise = _neutraliseFormulas && length > 0 && StartsFormula(value[0]);
            if (length <= ShortField && !neutralise && TryCopyPlainAscii(value)) return;

            int firstSpecial = value.AsSpan().IndexOfAny(CharactersThatNeedQuotes);
            if (firstSpecial < 0 && !neutralise)
            {
                AppendUtf8(value, 0, length);
                return;
            }

            // The escape goes inside the quotes, so the apostrophe is part of the cell's text.
            _buffer[_position++] = (byte)'"';
            if (neutralise) _buffer[_position++] = (byte)'\'';
            int start = 0;
            int quote = firstSpecial < 0 ? -1 : value.IndexOf('"', firstSpecial);
            while (quote >= 0)
            {
                AppendUtf8(value, start, quote + 1 - start);
                _buffer[_position++] = (byte)'"';
                start = quote + 1;
                quote = value.IndexOf('"', start);
            }
            AppendUtf8(value, start, length - start);
            _buffer[_position++] = (byte)'"';
        }

        // OWASP's list, CsvHelper's default InjectionCharacters: a spreadsheet runs a cell starting with one of these
        // as a formula. A leading space hides them from Excel, so only the very first character counts.
        private static bool StartsFormula(char first) =>
            first == '=' || first == '@' || first == '+' || first == '-' || first == '\t' || first == '\r';

        // The characters that need quotes all lie below 64, so one bit each marks them.
        private const ulong NeedQuotesBelow64 = (1UL << ',') | (1UL << '"') | (1UL << '\r') | (1UL << '\n');

        /// <summary>Copies the value when it is all ASCII and needs no quotes; otherwise leaves the position alone.</summary>
        private bool TryCopyPlainAscii(string value)
        {
            ReadOnlySpan<char> chars = value.AsSpan();
            Span<byte> destination = _buffer.AsSpan(_position, chars.Length);
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c >= 0x80 || (c < 64 && (NeedQuotesBelow64 & (1UL << c)) != 0)) return false;
                destination[i] = (byte)c;
            }
            _position += chars.Length;
            return true;
        }

        public void WriteEmpty() => StartField(0);

        /// <summary>Bytes that need neither quotes nor escaping, such as an enum's name.</summary>
        public void WritePlain(byte[] utf8)
        {
            StartField(utf8.Length);
            Buffer.BlockCopy(utf8, 0, _buffer, _position, utf8.Length);
            _position += utf8.Length;
        }

        public void WriteInt32(int value)
        {
            StartField(11);
            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out int written);
            _position += written;
        }

        public void WriteInt64(long value)
        {
            StartField(20);
            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out int written);
            _position += written;
        }

        /// <param name="value">Finite: a NaN or an infinity has no spelling here.</param>
        public void WriteDouble(double value)
        {
            StartField(ShortestDouble.MaxLength);
            _position += ShortestDouble.Format(value, _buffer.AsSpan(_position));
        }

        public void WriteBoolean(bool value) => WritePlain(value ? True : False);

        /// <summary>Spells <see cref="ExportText.UtcDateFormat"/> ("2024-05-01T10:20:30Z") digit by digit:
        /// DateTime.ToString with a custom format costs more than the rest of a row.</summary>
        /// <param name="utc">Already converted with <see cref="ExportText.ToUtc"/>.</param>
        public void WriteUtcDate(DateTime utc)
        {
            StartField(20);
            byte[] buffer = _buffer;
            int at = _position;
            int year = utc.Year;
            TwoDigits(buffer, at, year / 100);
            TwoDigits(buffer, at + 2, year % 100);
            buffer[at + 4] = (byte)'-';
            TwoDigits(buffer, at + 5, utc.Month);
            buffer[at + 7] = (byte)'-';
            TwoDigits(buffer, at + 8, utc.Day);
            buffer[at + 10] = (byte)'T';
            TwoDigits(buffer, at + 11, utc.Hour);
            buffer[at + 13] = (byte)':';
            TwoDigits(buffer, at + 14, utc.Minute);
            buffer[at + 16] = (byte)':';
            TwoDigits(buffer, at + 17, utc.Second);
            buffer[at + 19] = (byte)'Z';
            _position = at + 20;
        }

        private static void TwoDigits(byte[] buffer, int at, int value)
        {
            buffer[at] = (byte)('0' + value / 10);
            buffer[at + 1] = (byte)('0' + value % 10);
        }

        /// <exception cref="InvalidOperationException">The record has no fields (as CsvHelper throws).</exception>
        public void EndRecord()
        {
            if (_fieldCount == 0) throw new InvalidOperationException("A CSV record must contain at least one field.");
            TerminateRecord();
        }

        /// <summary>Hands the buffered bytes to the destination and flushes it.</summary>
        public void Flush()
        {
            WriteBuffer();
            _destination.Flush();
        }

        /// <summary>Like CsvHelper's writer: an unfinished record is ended and what was written so far reaches the
        /// destination, even when an exception is on its way out. The destination stays open.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_fieldCount > 0) TerminateRecord();
            Flush();
        }

        private void TerminateRecord()
        {
            EnsureRoom(4);
            // A record of one empty field would read as a blank line, which readers skip.
            if (_fieldCount == 1 && _flushedBytes + _position == _recordStart)
            {
                _buffer[_position++] = (byte)'"';
                _buffer[_position++] = (byte)'"';
            }
            _buffer[_position++] = (byte)'\r';
            _buffer[_position++] = (byte)'\n';
            _recordStart = _flushedBytes + _position;
            _fieldCount = 0;
        }

        /// <summary>Writes the separator when the field is not the record's first, and makes room for
        /// <paramref name="maxBytes"/> more.</summary>
        private void StartField(int maxBytes)
        {
            EnsureRoom(maxBytes + 1);
            if (_fieldCount++ > 0) _buffer[_position++] = (byte)',';
        }

        private void AppendUtf8(string value, int start, int count)
        {
            // Encoding.UTF8 replaces a lone surrogate with U+FFFD, as CsvHelper's transcoding does.
            if (count > 0) _position += Encoding.UTF8.GetBytes(value, start, count, _buffer, _position);
        }

        private void EnsureRoom(int bytes)
        {
            if (_buffer.Length - _position >= bytes) return;
            WriteBuffer();
            if (_buffer.Length < bytes) _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }

        private void WriteBuffer()
        {
            if (_position == 0) return;
            _destination.Write(_buffer, 0, _position);
            _flushedBytes += _position;
            _position = 0;
        }
    }
}
