using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

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
            // Transcoding at most triples the bytes (Windows-1252 to UTF-8), so a small file needs no full window.
            long bound = stream.SourceLength > 0 ? stream.SourceLength * 3 + 1 : Window;
            var head = new byte[(int)Math.Min(Window, bound)];
            int length = 0;
            while (length < head.Length)
            {
                int n = stream.Read(head, length, head.Length - length);
                if (n == 0) break;
                length += n;
            }
            var result = Sniff(head, length, path, complete: length < head.Length);
            result.Encoding = stream.Encoding;
            return result;
        }

        /// <summary>Sniffs the first bytes of a file; <paramref name="complete"/> says they are the whole file.</summary>
        internal static SniffResult Sniff(byte[] head, int length, string path, bool complete)
        {
            int i = 0;
            while (i < length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
            if (length == 0)
                throw new QualysReportException(ErrorIds.EmptyFile, ReportErrorKind.InvalidData, path, 0, "the file is empty.");
            if (i == length)
                throw new QualysReportException(ErrorIds.EmptyFile, ReportErrorKind.InvalidData, path, 0, "the file holds only blank lines.");

            byte first = head[i];
            if (first == '<') return SniffXml(head, length, path, complete);
            if (first == '[' || first == '{') return SniffJson(head, i, length, path);
            return SniffCsv(head, length, path, complete);
        }

        private static SniffResult SniffXml(byte[] head, int length, string path, bool complete)
        {
            var text = Encoding.UTF8.GetString(head, 0, length);
            RefuseDtd(text, path);
            var settings = XmlSafety.ReaderSettings();
            try
            {
                using var reader = XmlReader.Create(new StringReader(text), settings);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        RefuseEntityDeclarations(text, reader as IXmlLineInfo, path);
                        if (reader.LocalName == "schema" && reader.NamespaceURI == XmlSchemaNamespace)
                            throw new QualysReportException(ErrorIds.Schema, ReportErrorKind.InvalidArgument, path, (reader as IXmlLineInfo)?.LineNumber ?? 0,
                                $"this is an XML Schema (XSD, root <{reader.Name}>): it describes how a report is laid out but holds no findings. Import the Qualys report itself.");
                        return new SniffResult { Format = FormatOfRoot(reader.LocalName), Marker = reader.LocalName };
                    }
                }
            }
            catch (XmlException e) when (e.LineNumber == 0 || !ClosesMarkupAfter(text, e.LineNumber, e.LinePosition))
            {
                // It failed where the text ran out ("Root element is missing" has no place at all).
                throw NoRoot(text, complete, path, e);
            }
            catch (XmlException e)
            {
                throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, path, e.LineNumber,
                    $"the XML is malformed before its root element: {e.Message}", e);
            }
            throw NoRoot(text, complete, path, null);
        }

        private static QualysReportException NoRoot(string text, bool complete, string path, XmlException? e)
        {
            long lastLine = 1;
            foreach (char c in text)
                if (c == '\n') lastLine++;
            return complete
                ? new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, path, lastLine,
                    "the XML ends before its root element: the file was cut off.", e)
                : new QualysReportException(ErrorIds.Unrecognized, ReportErrorKind.InvalidData, path, 0,
                    $"no root element in the first {Window / 1024} KB: what comes before it is far longer than in any Qualys report.", e);
        }

        private const string XmlSchemaNamespace = "http://www.w3.org/2001/XMLSchema";

        /// <summary>
        /// A DTD file (Qualys publishes one per format, and admins find it next to the report)
        /// is declarations without a root element: XmlReader would call it malformed XML at its
        /// first declaration. It is named for what it is instead. The declarations are only
        /// looked at, never processed.
        /// </summary>
        private static void RefuseDtd(string text, string path)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (char.IsWhiteSpace(text[i])) { i++; continue; }
                if (string.CompareOrdinal(text, i, "<?", 0, 2) == 0) { i = After(text, i, "?>"); continue; }
                if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0) { i = After(text, i, "-->"); continue; }
                break;
            }
            if (i >= text.Length) return;
            bool declaration = false;
            foreach (var start in DtdDeclarations)
                declaration |= string.CompareOrdinal(text, i, start, 0, start.Length) == 0;
            // A parameter entity reference (%name;) also opens DTDs that are assembled from parts.
            declaration |= text[i] == '%';
            if (!declaration) return;
            long line = 1;
            for (int k = 0; k < i; k++)
                if (text[k] == '\n') line++;
            throw new QualysReportException(ErrorIds.Schema, ReportErrorKind.InvalidArgument, path, line,
                "this is a DTD (document type definition: <!ELEMENT and <!ATTLIST declarations): it describes the elements of a Qualys report but holds no findings. Import the report itself, the XML file whose DOCTYPE names this DTD.");
        }

        private static readonly string[] DtdDeclarations = { "<!ELEMENT", "<!ATTLIST", "<!ENTITY", "<!NOTATION", "<![INCLUDE[", "<![IGNORE[" };

        private static int After(string text, int start, string end)
        {
            int at = text.IndexOf(end, start, StringComparison.Ordinal);
            return at < 0 ? text.Length : at + end.Length;
        }

        /// <summary>Whether any markup is closed after the given place. A failure with none after
        /// it is the text running out, not damage that more text could have followed.</summary>
        private static bool ClosesMarkupAfter(string text, int line, int position) =>
            text.IndexOf('>', Offset(text, line, position)) >= 0;

        /// <summary>
        /// Entities are declared only in a DTD's internal subset, before the root element. Real
        /// Qualys XML names an external DTD and declares none; the reader never expands them
        /// (DtdProcessing.Ignore), so a file that declares them is an XXE or entity-expansion
        /// attack, or damaged. It is refused by name rather than left to fail as an undeclared
        /// entity somewhere further on.
        /// </summary>
        private static void RefuseEntityDeclarations(string text, IXmlLineInfo? root, string path)
        {
            int end = text.Length;
            if (root != null && root.HasLineInfo()) end = Offset(text, root.LineNumber, root.LinePosition);
            int at = text.IndexOf("<!ENTITY", 0, end, StringComparison.Ordinal);
            if (at < 0) return;
            long line = 1;
            for (int i = 0; i < at; i++)
                if (text[i] == '\n') line++;
            throw new QualysReportException(ErrorIds.XmlDtdRefused, ReportErrorKind.InvalidData, path, line,
                "the XML declares entities in its DOCTYPE. No Qualys report does; they are how XML external entity (XXE) and entity expansion attacks work, so the file is refused without expanding or fetching anything.");
        }

        private static int Offset(string text, int line, int position)
        {
            int offset = 0;
            for (int l = 1; l < line && offset >= 0; l++)
            {
                offset = text.IndexOf('\n', offset);
                if (offset >= 0) offset++;
            }
            return offset < 0 ? text.Length : Math.Min(text.Length, offset + Math.Max(0, position - 1));
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

        private static SniffResult SniffCsv(byte[] head, int length, string path, bool complete)
        {
            var options = new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true };
            using var reader = CsvReader.Create(new ReadOnlyMemory<byte>(head, 0, length), options);
            var fields = new List<string>();
            var preamble = new List<IReadOnlyList<string>>();
            int records = 0;
            long lastLine = 0;
            try
            {
                while (reader.Read() && records++ < 400)
                {
                    lastLine = reader.LineNumber;
                    fields.Clear();
                    for (int f = 0; f < reader.FieldCount; f++) fields.Add(reader.GetString(f));
                    if (preamble.Count < 3) preamble.Add(fields.ToArray());
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
            if (complete && records <= 400 && CsvLayouts.IsMetadataBlock(preamble))
                throw new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, path, lastLine,
                    "the file holds only the metadata block of a Qualys CSV report: it ends before the findings table's header row, which Qualys writes even when there are no findings. The download was cut off, or the table was removed.");
            return new SniffResult { Format = ReportFormat.Unknown };
        }
    }
}
