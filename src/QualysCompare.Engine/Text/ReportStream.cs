using System;
using System.IO;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Text
{
    /// <summary>The text encoding a report was found to be written in.</summary>
    public enum ReportEncoding
    {
        Utf8,
        Utf8WithBom,
        Utf16LittleEndian,
        Utf16BigEndian,
        Utf32LittleEndian,
        Windows1252,
    }

    /// <summary>
    /// Presents any report as validated UTF-8 bytes without a byte order mark, whatever it was
    /// written in. CSV libraries (CsvHelper 34 and Import-Csv alike) turn invalid bytes into U+FFFD
    /// without a word, so validation happens here, where the line of a bad byte is still known.
    /// </summary>
    internal sealed class ReportStream : Stream
    {
        private const int SniffWindow = 64 * 1024;

        private readonly Stream _source;
        private readonly string _path;
        private readonly bool _rejectNul;
        private readonly bool _leaveOpen;
        private readonly byte[] _raw = new byte[64 * 1024];
        private int _rawStart;
        private int _rawEnd;
        private bool _sourceDone;

        // Transcoding state, used for everything but UTF-8.
        private readonly Decoder? _decoder;
        private readonly char[] _chars = new char[16 * 1024];
        private byte[] _pending = Array.Empty<byte>();
        private int _pendingStart;
        private int _pendingEnd;

        // UTF-8 validation state carried across reads.
        private int _continuationBytesLeft;
        private int _sequenceMin;
        private int _codePointSoFar;
        private long _line = 1;
        private long _outputPosition;
        private long _sourceStart;

        private ReportStream(Stream source, string path, ReportEncoding encoding, bool rejectNul, bool leaveOpen)
        {
            _source = source;
            _path = path;
            _rejectNul = rejectNul;
            _leaveOpen = leaveOpen;
            Encoding = encoding;
            _decoder = encoding switch
            {
                ReportEncoding.Utf16LittleEndian => new UnicodeEncoding(false, false, true).GetDecoder(),
                ReportEncoding.Utf16BigEndian => new UnicodeEncoding(true, false, true).GetDecoder(),
                ReportEncoding.Utf32LittleEndian => new UTF32Encoding(false, false, true).GetDecoder(),
                _ => null,
            };
        }

        public ReportEncoding Encoding { get; }

        /// <summary>Bytes consumed from the file, for progress reports.</summary>
        public long SourcePosition => _source.CanSeek ? _source.Position - _sourceStart - (_rawEnd - _rawStart) : 0;

        public long SourceLength => _source.CanSeek ? _source.Length - _sourceStart : 0;

        /// <summary>Whether every byte of the source has been handed out.</summary>
        public bool AtEnd => _sourceDone && _rawStart == _rawEnd && _pendingStart == _pendingEnd;

        /// <summary>The line the next byte handed out belongs to (1-based).</summary>
        public long Line => _line;

        /// <summary>Opens a file, detecting its encoding from the byte order mark or from its first bytes.</summary>
        public static ReportStream Open(string path, bool rejectNul = false)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            try
            {
                return Open(file, path, rejectNul);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        public static ReportStream Open(Stream source, string path, bool rejectNul = false, bool leaveOpen = false)
        {
            long sourceStart = source.CanSeek ? source.Position : 0;
            var head = new byte[SniffWindow];
            int headLength = ReadFully(source, head);
            var (encoding, bomLength) = DetectEncoding(head, headLength);
            var stream = new ReportStream(source, path, encoding, rejectNul, leaveOpen);
            Buffer.BlockCopy(head, bomLength, stream._raw, 0, headLength - bomLength);
            stream._rawEnd = headLength - bomLength;
            stream._sourceDone = headLength < head.Length;
            stream._sourceStart = sourceStart;
            return stream;
        }

        internal static (ReportEncoding Encoding, int BomLength) DetectEncoding(byte[] head, int length)
        {
            if (length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (ReportEncoding.Utf8WithBom, 3);
            if (length >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) return (ReportEncoding.Utf32LittleEndian, 4);
            if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return (ReportEncoding.Utf16LittleEndian, 2);
            if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return (ReportEncoding.Utf16BigEndian, 2);

            // Without a BOM, UTF-16 shows as a zero byte beside nearly every ASCII character.
            int sample = Math.Min(length & ~1, 1024);
            if (sample >= 4)
            {
                int zeroEven = 0, zeroOdd = 0;
                for (int i = 0; i < sample; i += 2)
                {
                    if (head[i] == 0) zeroEven++;
                    if (head[i + 1] == 0) zeroOdd++;
                }
                int pairs = sample / 2;
                if (zeroOdd * 10 >= pairs * 7 && zeroEven * 10 < pairs) return (ReportEncoding.Utf16LittleEndian, 0);
                if (zeroEven * 10 >= pairs * 7 && zeroOdd * 10 < pairs) return (ReportEncoding.Utf16BigEndian, 0);
            }

            // Excel and older Qualys templates save Windows-1252: bytes that cannot be UTF-8 early on
            // mean the whole file is in that code page.
            return IsValidUtf8Prefix(head, length) ? (ReportEncoding.Utf8, 0) : (ReportEncoding.Windows1252, 0);
        }

        private static bool IsValidUtf8Prefix(byte[] bytes, int length)
        {
            int i = 0;
            while (i < length)
            {
                byte b = bytes[i];
                if (b < 0x80) { i++; continue; }
                int need; int min;
                if (b >= 0xC2 && b <= 0xDF) { need = 1; min = 0x80; }
                else if (b >= 0xE0 && b <= 0xEF) { need = 2; min = 0x800; }
                else if (b >= 0xF0 && b <= 0xF4) { need = 3; min = 0x10000; }
                else return false;
                if (i + need >= length) return true; // cut by the sniff window, not invalid
                int cp = b & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    if ((bytes[i + k] & 0xC0) != 0x80) return false;
                    cp = (cp << 6) | (bytes[i + k] & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                i += need + 1;
            }
            return true;
        }

        private static int ReadFully(Stream s, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = s.Read(buffer, total, buffer.Length - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        private bool FillRaw()
        {
            if (_sourceDone) return false;
            if (_rawStart > 0)
            {
                Buffer.BlockCopy(_raw, _rawStart, _raw, 0, _rawEnd - _rawStart);
                _rawEnd -= _rawStart;
                _rawStart = 0;
            }
            int n = _source.Read(_raw, _rawEnd, _raw.Length - _rawEnd);
            if (n == 0) { _sourceDone = true; return false; }
            _rawEnd += n;
            return true;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count == 0) return 0;
            int n = Encoding switch
            {
                ReportEncoding.Utf8 or ReportEncoding.Utf8WithBom => ReadUtf8(buffer, offset, count),
                ReportEncoding.Windows1252 => ReadWindows1252(buffer, offset, count),
                _ => ReadTranscoded(buffer, offset, count),
            };
            _outputPosition += n;
            return n;
        }

        private int ReadUtf8(byte[] buffer, int offset, int count)
        {
            if (_rawStart == _rawEnd && !FillRaw())
            {
                if (_continuationBytesLeft > 0) throw Invalid("the file ends inside a multi-byte character");
                return 0;
            }
            int n = Math.Min(count, _rawEnd - _rawStart);
            Buffer.BlockCopy(_raw, _rawStart, buffer, offset, n);
            _rawStart += n;
            Validate(buffer, offset, n);
            return n;
        }

        private void Validate(byte[] bytes, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = bytes[i];
                if (_continuationBytesLeft > 0)
                {
                    if ((b & 0xC0) != 0x80) throw Invalid($"byte 0x{b:X2} breaks a multi-byte UTF-8 character");
                    _codePointSoFar = (_codePointSoFar << 6) | (b & 0x3F);
                    if (--_continuationBytesLeft == 0)
                    {
                        int cp = _codePointSoFar;
                        if (cp < _sequenceMin || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                            throw Invalid($"an invalid UTF-8 sequence for U+{cp:X4}");
                    }
                    continue;
                }
                if (b < 0x80)
                {
                    if (b == (byte)'\n') _line++;
                    else if (b == 0 && _rejectNul) throw Nul();
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) { _continuationBytesLeft = 1; _sequenceMin = 0x80; _codePointSoFar = b & 0x1F; }
                else if (b >= 0xE0 && b <= 0xEF) { _continuationBytesLeft = 2; _sequenceMin = 0x800; _codePointSoFar = b & 0x0F; }
                else if (b >= 0xF0 && b <= 0xF4) { _continuationBytesLeft = 3; _sequenceMin = 0x10000; _codePointSoFar = b & 0x07; }
                else throw Invalid($"byte 0x{b:X2} is not valid UTF-8 (is the file in another code page?)");
            }
        }

        // Windows-1252 differs from Latin-1 only in 0x80-0x9F; undefined slots become U+FFFD
        // because Windows itself maps them nowhere.
        private static readonly char[] Cp1252High =
        {
            '\u20AC', '\uFFFD', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\uFFFD', '\u017D', '\uFFFD',
            '\uFFFD', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\uFFFD', '\u017E', '\u0178',
        };

        private int ReadWindows1252(byte[] buffer, int offset, int count)
        {
            if (_pendingStart < _pendingEnd) return DrainPending(buffer, offset, count);
            if (_rawStart == _rawEnd && !FillRaw()) return 0;
            int take = Math.Min(_rawEnd - _rawStart, 8 * 1024);
            EnsurePending(take * 3);
            int w = 0;
            for (int i = 0; i < take; i++)
            {
                byte b = _raw[_rawStart + i];
                if (b < 0x80)
                {
                    if (b == (byte)'\n') _line++;
                    else if (b == 0 && _rejectNul) throw Nul();
                    _pending[w++] = b;
                    continue;
                }
                char c = b < 0xA0 ? Cp1252High[b - 0x80] : (char)b;
                if (c < 0x800) { _pending[w++] = (byte)(0xC0 | (c >> 6)); _pending[w++] = (byte)(0x80 | (c & 0x3F)); }
                else { _pending[w++] = (byte)(0xE0 | (c >> 12)); _pending[w++] = (byte)(0x80 | ((c >> 6) & 0x3F)); _pending[w++] = (byte)(0x80 | (c & 0x3F)); }
            }
            _rawStart += take;
            _pendingStart = 0;
            _pendingEnd = w;
            return DrainPending(buffer, offset, count);
        }

        private int ReadTranscoded(byte[] buffer, int offset, int count)
        {
            while (_pendingStart == _pendingEnd)
            {
                bool more = _rawStart < _rawEnd || FillRaw();
                int charCount;
                try
                {
                    charCount = _decoder!.GetChars(_raw, _rawStart, _rawEnd - _rawStart, _chars, 0, flush: !more);
                }
                catch (DecoderFallbackException e)
                {
                    throw new QualysReportException(ErrorIds.EncodingInvalid, ReportErrorKind.InvalidData, _path, _line,
                        $"the file is not valid {Describe(Encoding)}: {e.Message}", e);
                }
                _rawStart = _rawEnd;
                if (charCount == 0)
                {
                    if (!more) return 0;
                    continue;
                }
                for (int i = 0; i < charCount; i++)
                {
                    if (_chars[i] == '\n') _line++;
                    else if (_chars[i] == '\0' && _rejectNul) throw Nul();
                }
                EnsurePending(charCount * 3);
                _pendingStart = 0;
                _pendingEnd = System.Text.Encoding.UTF8.GetBytes(_chars, 0, charCount, _pending, 0);
            }
            return DrainPending(buffer, offset, count);
        }

        private void EnsurePending(int size)
        {
            if (_pending.Length < size) _pending = new byte[Math.Max(size, 16 * 1024)];
        }

        private int DrainPending(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, _pendingEnd - _pendingStart);
            Buffer.BlockCopy(_pending, _pendingStart, buffer, offset, n);
            _pendingStart += n;
            return n;
        }

        private QualysReportException Invalid(string what) =>
            new QualysReportException(ErrorIds.EncodingInvalid, ReportErrorKind.InvalidData, _path, _line,
                $"the file is not valid UTF-8: {what}. Re-save it as UTF-8 and import it again.");

        private QualysReportException Nul() =>
            new QualysReportException(ErrorIds.NullCharacter, ReportErrorKind.InvalidData, _path, _line,
                "the file contains a NUL character, which no Qualys export writes; it is damaged or not text.");

        internal static string Describe(ReportEncoding e) => e switch
        {
            ReportEncoding.Utf8 => "UTF-8",
            ReportEncoding.Utf8WithBom => "UTF-8 (with BOM)",
            ReportEncoding.Utf16LittleEndian => "UTF-16 LE",
            ReportEncoding.Utf16BigEndian => "UTF-16 BE",
            ReportEncoding.Utf32LittleEndian => "UTF-32 LE",
            ReportEncoding.Windows1252 => "Windows-1252",
            _ => e.ToString(),
        };

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _outputPosition; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_leaveOpen) _source.Dispose();
            base.Dispose(disposing);
        }
    }
}
