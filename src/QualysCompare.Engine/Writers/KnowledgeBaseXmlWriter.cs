using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Xml;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Writes KnowledgeBase entries as KNOWLEDGE_BASE_VULN_LIST_OUTPUT, the shape the KnowledgeBase
    /// API answers in (qualys-formats.md §7), so that a file written here is read by
    /// Import-QualysKnowledgeBase and Compare-QualysVantage -KnowledgeBase like a download. Only what
    /// an entry holds is written (no diagnosis or solution texts); reading the file back gives the
    /// same entries. Atomic: a reader sees the old file or the whole new one.
    /// </summary>
    public static class KnowledgeBaseXmlWriter
    {
        private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        /// <param name="path">A rooted path.</param>
        /// <param name="entries">Written in the order given.</param>
        /// <param name="generated">RESPONSE/DATETIME: when the entries were fetched.</param>
        /// <param name="cancellationToken">Checked between entries and before the file replaces the old one.</param>
        /// <exception cref="QualysReportException">The file cannot be written (the Export… ErrorIds of <see cref="AtomicFileWriter"/>).</exception>
        public static void Write(string path, IEnumerable<KnowledgeBaseEntry> entries, DateTime generated, CancellationToken cancellationToken = default)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            AtomicFileWriter.Write(path, stream => WriteTo(stream, entries, generated, cancellationToken), new AtomicWriteOptions { Force = true }, cancellationToken);
        }

        private static void WriteTo(Stream stream, IEnumerable<KnowledgeBaseEntry> entries, DateTime generated, CancellationToken cancellationToken)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", CloseOutput = false };
            using var xml = XmlWriter.Create(stream, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("KNOWLEDGE_BASE_VULN_LIST_OUTPUT");
            xml.WriteStartElement("RESPONSE");
            xml.WriteElementString("DATETIME", Date(generated));
            xml.WriteStartElement("VULN_LIST");
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteVuln(xml, entry);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteVuln(XmlWriter xml, KnowledgeBaseEntry entry)
        {
            xml.WriteStartElement("VULN");
            xml.WriteElementString("QID", entry.QID.ToString(CultureInfo.InvariantCulture));
            Optional(xml, "VULN_TYPE", entry.VulnType switch
            {
                FindingType.Confirmed => "Vulnerability",
                FindingType.Potential => "Potential Vulnerability",
                FindingType.Information => "Information Gathered",
                _ => null,
            });
            Optional(xml, "SEVERITY_LEVEL", entry.Severity?.ToString(CultureInfo.InvariantCulture));
            Optional(xml, "TITLE", entry.Title);
            Optional(xml, "CATEGORY", entry.Category);
            Optional(xml, "LAST_SERVICE_MODIFICATION_DATETIME", entry.LastModified is DateTime modified ? Date(modified) : null);
            Optional(xml, "PUBLISHED_DATETIME", entry.PublishedDate is DateTime published ? Date(published) : null);
            Optional(xml, "PATCHABLE", Flag(entry.Patchable));
            var cves = Split(entry.CveIds);
            if (cves.Count > 0)
            {
                xml.WriteStartElement("CVE_LIST");
                foreach (var cve in cves)
                {
                    xml.WriteStartElement("CVE");
                    xml.WriteElementString("ID", cve);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            Score(xml, "CVSS", entry.CvssBase);
            Score(xml, "CVSS_V3", entry.Cvss3Base);
            var authTypes = Split(entry.AuthTypes);
            if (entry.RemoteDetectable != null || authTypes.Count > 0)
            {
                xml.WriteStartElement("DISCOVERY");
                Optional(xml, "REMOTE", Flag(entry.RemoteDetectable));
                if (authTypes.Count > 0)
                {
                    xml.WriteStartElement("AUTH_TYPE_LIST");
                    foreach (var type in authTypes) xml.WriteElementString("AUTH_TYPE", type);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void Optional(XmlWriter xml, string name, string? value)
        {
            if (value != null) xml.WriteElementString(name, value);
        }

        private static void Score(XmlWriter xml, string name, double? score)
        {
            if (score == null) return;
            xml.WriteStartElement(name);
            xml.WriteElementString("BASE", score.Value.ToString("0.0##", CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }

        private static string? Flag(bool? value) => value == null ? null : value.Value ? "1" : "0";

        private static string Date(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(DateFormat, CultureInfo.InvariantCulture);

        /// <summary>The "; "-joined lists of an entry, back into their items.</summary>
        private static List<string> Split(string? joined)
        {
            var items = new List<string>();
            if (joined == null) return items;
            foreach (var item in joined.Split(new[] { "; " }, StringSplitOptions.None))
                if (item.Length > 0) items.Add(item);
            return items;
        }
    }
}
