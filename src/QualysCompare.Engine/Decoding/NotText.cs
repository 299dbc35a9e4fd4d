using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Decoding
{
    /// <summary>
    /// Files that are not text at all, told apart by their first bytes before any encoding is
    /// guessed: read as text, a compressed download or a binary file fails somewhere in its
    /// bytes with a message about a NUL or a code page, which sends the admin after the wrong
    /// problem.
    /// </summary>
    internal static class NotText
    {
        /// <summary>Bytes examined for control characters: enough for a statistic, and inside the
        /// first block of every report, where only the header and the first records are.</summary>
        private const int BinarySample = 4096;

        /// <summary>
        /// Control bytes, as a share of the sample, from which the file is binary. Random and
        /// compressed data has about one in ten (30 of the 256 byte values); a report has none
        /// outside a damaged record, and a RESULTS banner with a few dozen in the first block is
        /// still far below this.
        /// </summary>
        private const int BinaryPercent = 5;

        /// <summary>Refuses ZIP, gzip and 7-Zip files by their signatures.</summary>
        public static void RefuseArchive(byte[] head, int length, string path)
        {
            string? kind = null;
            string? advice = null;
            // Local file header, empty archive (end of central directory only), split archive.
            if (StartsWith(head, length, 0x50, 0x4B, 0x03, 0x04) || StartsWith(head, length, 0x50, 0x4B, 0x05, 0x06) || StartsWith(head, length, 0x50, 0x4B, 0x07, 0x08))
            {
                kind = "a ZIP archive";
                advice = "Extract the Qualys report from it and import the extracted file. (An Excel .xlsx workbook is a ZIP archive too: import the CSV or XML file Qualys exported, not a workbook.)";
            }
            else if (StartsWith(head, length, 0x1F, 0x8B))
            {
                kind = "a gzip-compressed file (.gz)";
                advice = "Decompress it first (with 7-Zip, or gzip -d) and import the file inside.";
            }
            else if (StartsWith(head, length, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C))
            {
                kind = "a 7-Zip archive (.7z)";
                advice = "Extract the Qualys report from it with 7-Zip and import the extracted file.";
            }
            if (kind == null) return;
            throw new QualysReportException(ErrorIds.Compressed, ReportErrorKind.InvalidArgument, path, 0,
                $"this is {kind}, a compressed archive, not a report. {advice}");
        }

        /// <summary>
        /// Refuses a file whose first block is full of control bytes and is no text either: it
        /// holds a NUL, or bytes that are not UTF-8. Call it only when no byte order mark and no
        /// UTF-16 pattern explains zero bytes: UTF-16 and UTF-32 text is full of them. Valid UTF-8
        /// with many control characters is still text (to be read, or refused where it breaks a
        /// format), and a report damaged by a NUL or two is refused at the line of the first one
        /// by the stream.
        /// </summary>
        public static void RefuseBinary(byte[] head, int length, string path)
        {
            int sample = length < BinarySample ? length : BinarySample;
            int controls = 0, nuls = 0;
            for (int i = 0; i < sample; i++)
            {
                if (IsBinaryControl(head[i])) controls++;
                if (head[i] == 0) nuls++;
            }
            if (sample == 0 || controls * 100 < sample * BinaryPercent) return;
            if (nuls == 0 && EncodingDetection.CountUtf8Sequences(head, sample).Invalid == 0) return;
            throw new QualysReportException(ErrorIds.Binary, ReportErrorKind.InvalidData, path, 0,
                $"this is binary data, not a text report: {controls} of its first {sample} bytes are control characters (NUL and others) that no Qualys export holds. It may be a spreadsheet, an image, an executable or an encrypted file; import the CSV, XML or JSON file Qualys exported.");
        }

        /// <summary>C0 controls other than tab, line feed, vertical tab, form feed, carriage return
        /// and escape, which plain text and the banners Qualys copies into RESULTS do use.</summary>
        private static bool IsBinaryControl(byte b) => b < 0x20 && (b < 0x09 || (b > 0x0D && b != 0x1B));

        private static bool StartsWith(byte[] head, int length, params byte[] signature)
        {
            if (length < signature.Length) return false;
            for (int i = 0; i < signature.Length; i++)
            {
                if (head[i] != signature[i]) return false;
            }
            return true;
        }
    }
}
