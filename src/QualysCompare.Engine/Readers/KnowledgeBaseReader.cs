using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Reads the KnowledgeBase API response (KNOWLEDGE_BASE_VULN_LIST_OUTPUT,
    /// /api/2.0/fo/knowledge_base/vuln/?action=list; qualys-formats.md §7) one VULN at a time, so
    /// a full KnowledgeBase download of several hundred megabytes costs the memory of its entries,
    /// not of its text. Diagnosis, consequence and solution texts are skipped unread.
    /// </summary>
    public static class KnowledgeBaseReader
    {
        /// <summary>
        /// Checks that the file is a KnowledgeBase (an API error body or any other file is refused
        /// here, before the first entry is asked for) and streams its entries. The file stays open
        /// until the enumeration ends.
        /// </summary>
        public static IEnumerable<KnowledgeBaseEntry> Read(string path, ImportOptions? options = null)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            try
            {
                return Open(file, path, options, leaveOpen: false);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Reads from a seekable stream (an API response held in memory);
        /// <paramref name="displayName"/> names it in entries and messages. The stream stays open.</summary>
        public static IEnumerable<KnowledgeBaseEntry> Read(Stream seekable, string displayName, ImportOptions? options = null) =>
            Open(seekable, displayName, options, leaveOpen: true);

        private static IEnumerable<KnowledgeBaseEntry> Open(Stream source, string path, ImportOptions? options, bool leaveOpen)
        {
            if (!source.CanSeek) throw new ArgumentException("The stream must be seekable: the format is read from its first bytes, then it is read again.", nameof(source));
            options ??= new ImportOptions();
            long start = source.Position;
            SniffResult sniff;
            using (var head = ReportStream.Open(source, path, rejectNul: true, leaveOpen: true, options.CancellationToken))
            {
                sniff = ReportSniffer.Sniff(head, path);
            }
            source.Position = start;
            switch (sniff.Format)
            {
                case ReportFormat.KnowledgeBaseXml:
                    return ReadEntries(ReportStream.Open(source, path, rejectNul: true, leaveOpen: leaveOpen, options.CancellationToken), path, options);
                case ReportFormat.ApiErrorXml:
                    using (var body = ReportStream.Open(source, path, rejectNul: true, leaveOpen: leaveOpen, options.CancellationToken))
                        throw ApiErrorReader.Read(new XmlMarkupLimit(new StreamReader(body), path, names: XmlElementNames.ApiError), path).NotAReport(path);
                case ReportFormat.Unknown:
                    if (!leaveOpen) source.Dispose();
                    throw new QualysReportException(ErrorIds.Unrecognized, ReportErrorKind.InvalidData, path, 0,
                        sniff.Marker != null && sniff.Marker != "JSON"
                            ? $"this is not a Qualys KnowledgeBase: its root element is <{sniff.Marker}>, not <KNOWLEDGE_BASE_VULN_LIST_OUTPUT>."
                            : "this is not a Qualys KnowledgeBase: it has no <KNOWLEDGE_BASE_VULN_LIST_OUTPUT> root element.");
                default:
                    if (!leaveOpen) source.Dispose();
                    throw new QualysReportException(ErrorIds.Unrecognized, ReportErrorKind.InvalidArgument, path, 0,
                        $"this is a Qualys {sniff.Format} file, not a KnowledgeBase. Download the KnowledgeBase with /api/2.0/fo/knowledge_base/vuln/?action=list (details=All) and pass that file; pass this one to Import-QualysReport.");
            }
        }

        private static IEnumerable<KnowledgeBaseEntry> ReadEntries(ReportStream stream, string path, ImportOptions options)
        {
            using (stream)
            using (var text = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024))
            using (var xml = XmlReader.Create(new XmlMarkupLimit(text, path, names: XmlElementNames.KnowledgeBase), XmlSafety.ReaderSettings()))
            {
                // The walker reads values and skips what is not read within the text and depth limits.
                var walker = new XmlWalker(xml, path);
                long count = 0;
                while (true)
                {
                    KnowledgeBaseEntry? entry;
                    try
                    {
                        entry = NextEntry(xml, walker, path, options);
                    }
                    catch (XmlException e)
                    {
                        throw Translate(e, stream, path);
                    }
                    if (entry == null) yield break;
                    if ((++count & 0xFF) == 0) options.CancellationToken.ThrowIfCancellationRequested();
                    yield return entry;
                }
            }
        }

        private static KnowledgeBaseEntry? NextEntry(XmlReader xml, XmlWalker walker, string path, ImportOptions options)
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.Depth > XmlSafety.MaxDepth)
                    throw new QualysReportException(ErrorIds.NestingTooDeep, ReportErrorKind.InvalidData, path, LineOf(xml),
                        $"the XML nests elements more than {XmlSafety.MaxDepth} deep; a KnowledgeBase never does.");
                switch (xml.LocalName)
                {
                    case "VULN":
                        long line = LineOf(xml);
                        var entry = ReadVuln(xml, walker, path);
                        if (entry != null) return entry;
                        options.Output.WriteWarning($"{path}, line {line}: a VULN without a QID was skipped.");
                        break;
                    case "WARNING":
                        ReportTruncation(xml, walker, path, options);
                        break;
                    case "ID_SET":
                        // details=None answers with QID numbers only: nothing to explain a gap with.
                        options.Output.WriteWarning($"{path}, line {LineOf(xml)}: this KnowledgeBase lists QID numbers only (downloaded with details=None); download it with details=Basic or details=All.");
                        walker.Skip();
                        break;
                }
            }
            return null;
        }

        private static KnowledgeBaseEntry? ReadVuln(XmlReader xml, XmlWalker walker, string path)
        {
            var entry = new KnowledgeBaseEntry { SourceFile = path };
            if (xml.IsEmptyElement) return null;

            int vulnDepth = xml.Depth;
            bool hasQid = false;
            var cves = new List<string>();
            var authTypes = new List<string>();
            var open = new List<string>();

            xml.Read();
            while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == vulnDepth))
            {
                if (xml.NodeType == XmlNodeType.EndElement)
                {
                    open.RemoveAt(open.Count - 1);
                    xml.Read();
                    continue;
                }
                if (xml.NodeType != XmlNodeType.Element)
                {
                    xml.Read();
                    continue;
                }

                string parent = open.Count == 0 ? string.Empty : open[open.Count - 1];
                string name = xml.LocalName;
                if (IsContainer(parent, name))
                {
                    if (xml.IsEmptyElement) xml.Read();
                    else { open.Add(name); xml.Read(); }
                    continue;
                }
                if (!IsValue(parent, name))
                {
                    walker.Skip();
                    continue;
                }

                // Text() leaves the reader on the node after the end tag.
                string? value = Vocabulary.Clean(walker.Text());
                switch (parent + "/" + name)
                {
                    case "/QID":
                        int? qid = Vocabulary.ParseInt(value);
                        if (qid != null) { entry.QID = qid.Value; hasQid = true; }
                        break;
                    case "/VULN_TYPE": entry.VulnType = Vocabulary.ParseType(value); break;
                    case "/SEVERITY_LEVEL": entry.Severity = Vocabulary.ParseSeverity(value); break;
                    case "/TITLE": entry.Title = value; break;
                    case "/CATEGORY": entry.Category = value; break;
                    case "/LAST_SERVICE_MODIFICATION_DATETIME": entry.LastModified = Vocabulary.ParseDate(value); break;
                    case "/PUBLISHED_DATETIME": entry.PublishedDate = Vocabulary.ParseDate(value); break;
                    case "/PATCHABLE": entry.Patchable = Vocabulary.ParseBool(value); break;
                    case "CVE/ID": if (value != null) cves.Add(value); break;
                    case "CVSS/BASE": entry.CvssBase = Vocabulary.ParseCvss(value); break;
                    case "CVSS_V3/BASE": entry.Cvss3Base = Vocabulary.ParseCvss(value); break;
                    case "DISCOVERY/REMOTE": entry.RemoteDetectable = Vocabulary.ParseBool(value); break;
                    case "AUTH_TYPE_LIST/AUTH_TYPE": if (value != null) authTypes.Add(value); break;
                }
            }

            entry.CveIds = cves.Count == 0 ? null : string.Join("; ", cves);
            entry.AuthTypes = authTypes.Count == 0 ? null : string.Join("; ", authTypes);
            return hasQid ? entry : null;
        }

        private static bool IsContainer(string parent, string name) =>
            (parent.Length == 0 && (name == "CVE_LIST" || name == "CVSS" || name == "CVSS_V3" || name == "DISCOVERY"))
            || (parent == "CVE_LIST" && name == "CVE")
            || (parent == "DISCOVERY" && name == "AUTH_TYPE_LIST");

        private static bool IsValue(string parent, string name)
        {
            switch (parent)
            {
                case "":
                    switch (name)
                    {
                        case "QID": case "VULN_TYPE": case "SEVERITY_LEVEL": case "TITLE": case "CATEGORY":
                        case "LAST_SERVICE_MODIFICATION_DATETIME": case "PUBLISHED_DATETIME": case "PATCHABLE":
                            return true;
                        default: return false;
                    }
                case "CVE": return name == "ID";
                case "CVSS": case "CVSS_V3": return name == "BASE";
                case "DISCOVERY": return name == "REMOTE";
                case "AUTH_TYPE_LIST": return name == "AUTH_TYPE";
                default: return false;
            }
        }

        /// <summary>Qualys pages large KnowledgeBase downloads and says so in RESPONSE/WARNING; the
        /// file then lacks QIDs, which would silently turn KnowledgeBase reasons into heuristics.</summary>
        private static void ReportTruncation(XmlReader xml, XmlWalker walker, string path, ImportOptions options)
        {
            string? code = null, message = null, url = null;
            if (!xml.IsEmptyElement)
            {
                int depth = xml.Depth;
                xml.Read();
                while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
                {
                    if (xml.NodeType != XmlNodeType.Element) { xml.Read(); continue; }
                    switch (xml.LocalName)
                    {
                        case "CODE": code = Vocabulary.Clean(walker.Text()); break;
                        case "TEXT": message = Vocabulary.Clean(walker.Text()); break;
                        case "URL": url = Vocabulary.Clean(walker.Text()); break;
                        default: walker.Skip(); break;
                    }
                }
            }
            options.Output.WriteWarning($"{path}: the KnowledgeBase download is incomplete (Qualys warning {code ?? "(no code)"}: {message ?? "(no text)"})."
                + (url != null ? $" The remaining QIDs come from {url}" : string.Empty));
        }

        private static long LineOf(XmlReader xml) => xml is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

        private static QualysReportException Translate(XmlException e, ReportStream stream, string path)
        {
            // As in ReportImport: XmlReader cannot say "ended too early", but a failure once the whole
            // file is read, in a file that does not end with its root's end tag, is a cut-off download.
            bool cutOff = stream.AtEnd && !stream.EndsWithEndTag("KNOWLEDGE_BASE_VULN_LIST_OUTPUT");
            return cutOff
                ? new QualysReportException(ErrorIds.Truncated, ReportErrorKind.InvalidData, path, e.LineNumber,
                    $"the KnowledgeBase XML ends before its elements are closed: the file was cut off. ({e.Message})", e)
                : new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, path, e.LineNumber,
                    $"the KnowledgeBase XML is malformed: {e.Message}", e);
        }
    }
}
