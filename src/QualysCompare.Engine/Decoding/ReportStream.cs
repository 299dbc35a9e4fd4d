using System;
using System.IO;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Decoding
{
    /// <summary>
    /// Presents any report as validated UTF-8 bytes without a byte order mark, whatever it was
    /// written in. CSV libraries (CsvHelper 34 and Import-Csv alike) turn invalid bytes into U+FFFD
    /// without a word, so validation happens here, where the line of a bad byte is still known.
    /// </summary>
    internal sealed class ReportStream : Stream
    {
        private const int SniffWindow = 64 * 1024;
        private const int TailSize = 4 * 1024;

        private readonly Stream _source;
        private readonly string _path;
        private readonly bool _rejectNul;
        private readonly bool _leaveOpen;
        private readonly CancellationToken _cancellationToken;
        private byte[] _raw = Array.Empty<byte>();
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

        // The last bytes handed out, so a parser failure at the end can tell a cut-off file from a complete one.
        private readonly byte[] _tail = new byte[TailSize];
        private int _tailLength;

        private ReportStream(Stream source, string path, ReportEncoding encoding, bool rejectNul, bool leaveOpen, CancellationToken cancellationToken)
        {
            _source = source;
            _path = path;
            _rejectNul = rejectNul;
            _leaveOpen = leaveOpen;
            _cancellationToken = cancellationToken;
            Encoding = encoding;
            _decoder = encoding switch
            {
                ReportEncoding.Utf16LittleEndian => new UnicodeEncoding(false, false, true).GetDecoder(),
                ReportEncoding.Utf16BigEndian => new UnicodeEncoding(true, false, true).GetDecoder(),
                ReportEncoding.Utf32LittleEndian => new UTF32Encoding(false, false, true).GetDecoder(),
                ReportEncoding.Utf32BigEndian => new UTF32Encoding(true, false, true).GetDecoder(),
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

        /// <summary>Opens a stream, detecting its encoding. <paramref name="cancellationToken"/> is checked
        /// before every read from the source, so cancelling stops an import within one buffer whatever
        /// the reader above is doing.</summary>
        public static ReportStream Open(Stream source, string path, bool rejectNul = false, bool leaveOpen = false, CancellationToken cancellationToken = default)
        {
            long sourceStart = source.CanSeek ? source.Position : 0;
            // The first bytes become the read buffer. A small API page or fuzzed input needs no
            // 64 KB of it; one byte more than it holds lets the first read see its end.
            var head = new byte[source.CanSeek ? (int)Math.Min(SniffWindow, source.Length - sourceStart + 1) : SniffWindow];
            int headLength = ReadFully(source, head);
            var (encoding, bomLength) = EncodingDetection.Detect(head, headLength, path);
            var stream = new ReportStream(source, path, encoding, rejectNul, leaveOpen, cancellationToken);
            stream._raw = head;
            stream._rawStart = bomLength;
            stream._rawEnd = headLength;
            stream._sourceDone = headLength < head.Length;
            stream._sourceStart = sourceStart;
            return stream;
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
            _cancellationToken.ThrowIfCancellationRequested();
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
            KeepTail(buffer, offset, n);
            return n;
        }

        private void KeepTail(byte[] buffer, int offset, int count)
        {
            if (count >= TailSize)
            {
                Buffer.BlockCopy(buffer, offset + count - TailSize, _tail, 0, TailSize);
                _tailLength = TailSize;
                return;
            }
            int keep = Math.Min(_tailLength, TailSize - count);
            Buffer.BlockCopy(_tail, _tailLength - keep, _tail, 0, keep);
            Buffer.BlockCopy(buffer, offset, _tail, keep, count);
            _tailLength = keep + count;
        }

        /// <summary>
        /// Whether the text handed out so far ends with the end tag of <paramref name="root"/>, followed
        /// by nothing but whitespace and comments (Qualys appends a confidentiality comment). A file
        /// whose parser fails at its end without it was cut off; with it, the file is complete and damaged.
        /// </summary>
        public bool EndsWithEndTag(string root)
        {
            string tail = System.Text.Encoding.UTF8.GetString(_tail, 0, _tailLength);
            int at = tail.LastIndexOf("</" + root, StringComparison.Ordinal);
            if (at < 0) return false;
            int i = at + 2 + root.Length;
            while (i < tail.Length && char.IsWhiteSpace(tail[i])) i++;
            if (i >= tail.Length || tail[i] != '>') return false;
            for (i++; i < tail.Length;)
            {
                if (char.IsWhiteSpace(tail[i])) { i++; continue; }
                if (string.CompareOrdinal(tail, i, "<!--", 0, 4) != 0) return false;
                int end = tail.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) return false;
                i = end + 3;
            }
            return true;
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
            int i = offset;
            while (i < end)
            {
                byte b = bytes[i];
                if (_continuationBytesLeft > 0 || b >= 0x80)
                {
                    ValidateMultiByte(b);
                    i++;
                    continue;
                }
                // Reports are nearly all ASCII: find where the run ends a word at a time, then let
                // the vectorised span searches count its lines and look for NUL.
                int runEnd = EndOfAscii(bytes, i, end);
                var run = new ReadOnlySpan<byte>(bytes, i, runEnd - i);
                if (_rejectNul)
                {
                    int nul = run.IndexOf((byte)0);
                    if (nul >= 0)
                    {
                        _line += CountLines(run.Slice(0, nul));
                        throw Nul();
                    }
                }
                _line += CountLines(run);
                i = runEnd;
            }
        }

        private void ValidateMultiByte(byte b)
        {
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
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) { _continuationBytesLeft = 1; _sequenceMin = 0x80; _codePointSoFar = b & 0x1F; }
            else if (b >= 0xE0 && b <= 0xEF) { _continuationBytesLeft = 2; _sequenceMin = 0x800; _codePointSoFar = b & 0x0F; }
            else if (b >= 0xF0 && b <= 0xF4) { _continuationBytesLeft = 3; _sequenceMin = 0x10000; _codePointSoFar = b & 0x07; }
            else throw Invalid($"byte 0x{b:X2} is not valid UTF-8 (is the file in another code page?)");
        }

        /// <summary>The index of the first byte from <paramref name="start"/> that is not ASCII, or <paramref name="end"/>.</summary>
        private static int EndOfAscii(byte[] bytes, int start, int end)
        {
            int i = start;
            for (; i + 8 <= end; i += 8)
            {
                if ((BitConverter.ToUInt64(bytes, i) & 0x8080808080808080UL) != 0) break;
            }
            while (i < end && bytes[i] < 0x80) i++;
            return i;
        }

        private static int CountLines(ReadOnlySpan<byte> text)
        {
            int lines = 0;
            for (int at; (at = text.IndexOf((byte)'\n')) >= 0; text = text.Slice(at + 1)) lines++;
            return lines;
        }

        // Windows-1252 differs from Latin-1 only in 0x80-0x9F. Its five undefined slots are marked
        // U+FFFD here and refused when met: a file that holds them is in neither encoding, and
        // handing out U+FFFD would hide that.
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
                if (c == '\uFFFD')
                {
                    throw new QualysReportException(ErrorIds.EncodingInvalid, ReportErrorKind.InvalidData, _path, _line,
                        $"byte 0x{b:X2} is not a character in UTF-8 or in Windows-1252, the two encodings a file without a byte order mark is read in: the file is in another code page. Re-save it as UTF-8 and import it again.");
                }
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
                int bytesUsed, charCount;
                try
                {
                    // Convert, not GetChars: 64 KB of UTF-16 is 32K characters, more than the
                    // character buffer holds; the rest of the bytes wait for the next round.
                    _decoder!.Convert(_raw, _rawStart, _rawEnd - _rawStart, _chars, 0, _chars.Length, !more, out bytesUsed, out charCount, out _);
                }
                catch (DecoderFallbackException e)
                {
                    throw new QualysReportException(ErrorIds.EncodingInvalid, ReportErrorKind.InvalidData, _path, _line + LinesBeforeInvalid(),
                        $"the file is not valid {Describe(Encoding)}: {e.Message}", e);
                }
                _rawStart += bytesUsed;
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

        /// <summary>The line breaks in the failed chunk before its first invalid sequence: the
        /// throwing decoder says only that the chunk holds one.</summary>
        private int LinesBeforeInvalid()
        {
            System.Text.Encoding lenient = Encoding switch
            {
                ReportEncoding.Utf16BigEndian => new UnicodeEncoding(true, false, false),
                ReportEncoding.Utf32LittleEndian => new UTF32Encoding(false, false, false),
                ReportEncoding.Utf32BigEndian => new UTF32Encoding(true, false, false),
                _ => new UnicodeEncoding(false, false, false),
            };
            string text = lenient.GetString(_raw, _rawStart, _rawEnd - _rawStart);
            int lines = 0;
            foreach (char c in text)
            {
                if (c == '\uFFFD') break;
                if (c == '\n') lines++;
            }
            return lines;
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
            ReportEncoding.Utf32BigEndian => "UTF-32 BE",
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
