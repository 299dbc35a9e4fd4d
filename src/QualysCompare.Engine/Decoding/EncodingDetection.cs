using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Decoding
{
    /// <summary>What <see cref="ReportStream"/> decides from a report's first bytes, before it reads a line.</summary>
    internal static class EncodingDetection
    {
        /// <summary>The encoding of a report from its first bytes: a byte order mark, the zero bytes of
        /// UTF-16, else UTF-8 or Windows-1252; archives, binary data and UTF-32 without a BOM are refused.</summary>
        public static (ReportEncoding Encoding, int BomLength) Detect(byte[] head, int length, string path)
        {
            NotText.RefuseArchive(head, length, path);
            if (length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return (ReportEncoding.Utf8WithBom, 3);
            if (length >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) return (ReportEncoding.Utf32LittleEndian, 4);
            if (length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) return (ReportEncoding.Utf32BigEndian, 4);
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
                if (LooksLikeUtf32(head, sample))
                    throw new QualysReportException(ErrorIds.EncodingUnsupported, ReportErrorKind.InvalidData, path, 0,
                        "the file is UTF-32 without a byte order mark (three zero bytes beside nearly every character), which is read only with its byte order mark. Re-save it as UTF-8, or as UTF-32 with a byte order mark.");
            }

            // Zero and control bytes that no byte order mark or UTF-16 pattern explains: not text.
            NotText.RefuseBinary(head, length, path);

            // Excel and older Qualys templates save Windows-1252: bytes that cannot be UTF-8 early on
            // mean the whole file is in that code page. Unless the same bytes also hold more real
            // UTF-8 characters than bad bytes: then it is a damaged UTF-8 file, and reading it as
            // Windows-1252 would turn every accent into two wrong characters ("Ã©" for "é"). As UTF-8,
            // the validator refuses it at the line of its first bad byte.
            var (multiByte, invalid) = CountUtf8Sequences(head, length);
            return invalid == 0 || multiByte > invalid ? (ReportEncoding.Utf8, 0) : (ReportEncoding.Windows1252, 0);
        }

        /// <summary>UTF-32 without a BOM: in nearly every group of four bytes, three zeros on the
        /// same side of the character (the high bytes of a code point below U+10000).</summary>
        private static bool LooksLikeUtf32(byte[] head, int sample)
        {
            int groups = sample / 4, little = 0, big = 0;
            for (int i = 0; i + 4 <= groups * 4; i += 4)
            {
                if (head[i] != 0 && head[i + 2] == 0 && head[i + 3] == 0) little++;
                if (head[i] == 0 && head[i + 1] == 0 && head[i + 3] != 0) big++;
            }
            return groups > 0 && (little * 10 >= groups * 7 || big * 10 >= groups * 7);
        }

        /// <summary>Valid multi-byte UTF-8 characters and bytes that cannot start or continue one.</summary>
        public static (int MultiByte, int Invalid) CountUtf8Sequences(byte[] bytes, int length)
        {
            int multiByte = 0, invalid = 0;
            int i = 0;
            while (i < length)
            {
                byte b = bytes[i];
                if (b < 0x80) { i++; continue; }
                int need; int min;
                if (b >= 0xC2 && b <= 0xDF) { need = 1; min = 0x80; }
                else if (b >= 0xE0 && b <= 0xEF) { need = 2; min = 0x800; }
                else if (b >= 0xF0 && b <= 0xF4) { need = 3; min = 0x10000; }
                else { invalid++; i++; continue; }
                if (i + need >= length) break; // cut by the sniff window, not invalid
                int cp = b & (0x3F >> need);
                int k = 1;
                for (; k <= need && (bytes[i + k] & 0xC0) == 0x80; k++) cp = (cp << 6) | (bytes[i + k] & 0x3F);
                if (k <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    invalid++;
                    i++;
                    continue;
                }
                multiByte++;
                i += need + 1;
            }
            return (multiByte, invalid);
        }
    }
}
