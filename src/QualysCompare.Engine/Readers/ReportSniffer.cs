using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

namespace QualysCompare.Engine.Readers
{
    /// <summary>What the first bytes of a file say it is.</summary>
    public sealed class SniffResult
    {
        public ReportFormat Format { get; internal set; }
        public ReportEncoding Encoding { get; internal set; }

        /// <summary>The XML root element, or the first JSON property, that decided the format.</summary>
        public string? Marker { get; internal set; }

        /// <summary>For CSV, the 1-based line of the table header row.</summary>
        public long HeaderLine { get; internal set; }
    }

    /// <summary>
    /// Decides the format from content alone (qualys-formats.md §0): the XML root element, the JSON
    /// shape, or the CSV header row found after any metadata blocks. File names are never used:
    /// admins rename downloads.
    /// </summary>
    public static class ReportSniffer
    {
        private const int Window = 256 * 1024;

        public static SniffResult Sniff(string path)
        {
            using var stream = ReportStream.Open(path);
            return Sniff(stream, path);
        }

        internal static SniffResult Sniff(ReportStream stream, string path)
        {
            var head = new byte[Window];
            int length = 0;
            while (length < head.Length)
            {
                int n = stream.Read(head, length, head.Length - length);
                if (n == 0) break;
                length += n;
            }
            var result = Sniff(head, length, path);
            result.Encoding = stream.Encoding;
            return result;
        }

        internal static SniffResult Sniff(byte[] head, int length, string path)
        {
            int i = 0;
            while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
            if (length == 0)
                throw new QualysReportException(ErrorIds.EmptyFile, ReportErrorKind.InvalidData, path, 0, "the file is empty.");
            if (i == length)
                throw new QualysReportException(ErrorIds.EmptyFile, ReportErrorKind.InvalidData, path, 0, "the file holds only blank lines.");

            byte first = head[i];
            if (first == '<') return SniffXml(head, length, path);
            if (first == '[' || first == '{') return SniffJson(head, i, length, path);
            return SniffCsv(head, length, path);
        }

        private static SniffResult SniffXml(byte[] head, int length, string path)
        {
            var text = Encoding.UTF8.GetString(head, 0, length);
            var settings = XmlSafety.ReaderSettings();
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), settings);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element)
                        return new SniffResult { Format = FormatOfRoot(reader.LocalName), Marker = reader.LocalName };
                }
            }
            catch (XmlException e)
            {
                throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, path, e.LineNumber,
                    $"the XML is malformed before its root element: {e.Message}", e);
            }
            throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, path, 0,
                "the XML ends before its root element.");
        }

        internal static ReportFormat FormatOfRoot(string root)
        {
            switch (root)
            {
                case "SCAN": return ReportFormat.ScanXml;
                case "ASSET_DATA_REPORT": return ReportFormat.AssetDataReportXml;
                case "HOST_LIST_VM_DETECTION_OUTPUT": return ReportFormat.HostDetectionXml;
                case "KNOWLEDGE_BASE_VULN_LIST_OUTPUT": return ReportFormat.KnowledgeBaseXml;
                case "ServiceResponse": return ReportFormat.HostAssetXml;
                case "SIMPLE_RETURN": return ReportFormat.ApiErrorXml;
                case "WAS_SCAN_REPORT":
                case "WAS_WEBAPP_REPORT":
                case "WEB_APPLICATION_SCAN":
                case "WAS_SCAN":
                    return ReportFormat.WebApplicationScan;
                default: return ReportFormat.Unknown;
            }
        }

        private static SniffResult SniffJson(byte[] head, int start, int length, string path)
        {
            // The Scan Results JSON opens with its report header object; its first key is enough.
            var text = Encoding.UTF8.GetString(head, start, Math.Min(length - start, 4096));
            if (text.IndexOf("\"scan_report_template_title\"", StringComparison.Ordinal) >= 0
                || (text.IndexOf("\"launch_date\"", StringComparison.Ordinal) >= 0 && text.IndexOf("\"qid\"", StringComparison.Ordinal) >= 0))
                return new SniffResult { Format = ReportFormat.ScanResultsJson, Marker = "scan_report_template_title" };
            return new SniffResult { Format = ReportFormat.Unknown, Marker = "JSON" };
        }

        private static SniffResult SniffCsv(byte[] head, int length, string path)
        {
            var options = new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true };
            using var reader = CsvReader.Create(new ReadOnlyMemory<byte>(head, 0, length), options);
            var fields = new List<string>();
            int records = 0;
            try
            {
                while (reader.Read() && records++ < 400)
                {
                    fields.Clear();
                    for (int f = 0; f < reader.FieldCount; f++) fields.Add(reader.GetString(f));
                    if (records == 1 && fields.Count > 0 && fields[0].Trim().Equals("Asset Vuln Datalist Report", StringComparison.OrdinalIgnoreCase))
                        continue; // VMDR metadata; the header row follows
                    var format = CsvLayouts.ClassifyHeader(fields);
                    if (format != ReportFormat.Unknown)
                        return new SniffResult { Format = format, HeaderLine = reader.LineNumber, Marker = fields.Count > 0 ? fields[0] : null };
                }
            }
            catch (CsvFormatException)
            {
                // The window cut a record in half; what came before decided nothing.
            }
            return new SniffResult { Format = ReportFormat.Unknown };
        }
    }
}
