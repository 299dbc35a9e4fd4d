using System;
using System.Collections.Generic;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// Streams a KnowledgeBase API response (KNOWLEDGE_BASE_VULN_LIST_OUTPUT) shaped like
    /// tests/fixtures/samples/f-jupiterone-knowledge_base_vuln_list_output.xml, including its odd
    /// indentation (VULN_LIST at column 0), with the children of VULN in the order the DTD requires.
    /// </summary>
    public sealed class KnowledgeBaseXmlWriter
    {
        private const string Indent = "    ";

        private readonly DateTime _responseDateTime;

        public KnowledgeBaseXmlWriter(DateTime responseDateTime)
        {
            _responseDateTime = QualysText.Utc(responseDateTime);
        }

        public string ApiServer { get; init; } = "https://qualysapi.qg2.apps.qualys.com";

        /// <summary>Writes the QIDs in the order given (the API lists them ascending). The writer is not disposed.</summary>
        /// <returns>The number of VULN elements written.</returns>
        public long Write(IEnumerable<ScenarioVuln> vulns, TextWriter output)
        {
            if (vulns == null) throw new ArgumentNullException(nameof(vulns));
            if (output == null) throw new ArgumentNullException(nameof(output));

            output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
            output.Write("<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT SYSTEM \"");
            output.Write(ApiServer);
            output.Write("/api/2.0/fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd\">\n");
            output.Write("<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n  <RESPONSE>\n    <DATETIME>");
            QualysText.WriteDate(output, _responseDateTime, QualysText.IsoDateFormat);
            output.Write("</DATETIME>\n<VULN_LIST>\n");

            long written = 0;
            foreach (var vuln in vulns)
            {
                WriteVuln(output, vuln);
                written++;
            }

            output.Write("</VULN_LIST>\n  </RESPONSE>\n</KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n");
            QualysText.WriteConfidentialComment(output, _responseDateTime.Year);
            output.Flush();
            return written;
        }

        private static void WriteVuln(TextWriter output, ScenarioVuln vuln)
        {
            output.Write("  <VULN>\n");
            XmlLines.Number(output, Indent, "QID", vuln.Qid);
            XmlLines.Text(output, Indent, "VULN_TYPE", QualysText.KnowledgeBaseType(vuln.Type));
            XmlLines.Number(output, Indent, "SEVERITY_LEVEL", vuln.Severity);
            XmlLines.CData(output, Indent, "TITLE", vuln.Title);
            XmlLines.Text(output, Indent, "CATEGORY", vuln.Category);
            XmlLines.Date(output, Indent, "LAST_SERVICE_MODIFICATION_DATETIME", vuln.LastModified);
            XmlLines.Date(output, Indent, "PUBLISHED_DATETIME", vuln.Published);
            XmlLines.Number(output, Indent, "PATCHABLE", vuln.Patchable ? 1 : 0);

            if (vuln.CveIds.Count > 0)
            {
                output.Write("    <CVE_LIST>\n");
                foreach (var cve in vuln.CveIds)
                {
                    output.Write("      <CVE>\n");
                    XmlLines.CData(output, "        ", "ID", cve);
                    XmlLines.CData(output, "        ", "URL", "http://cve.mitre.org/cgi-bin/cvename.cgi?name=" + cve);
                    output.Write("      </CVE>\n");
                }
                output.Write("    </CVE_LIST>\n");
            }

            if (vuln.Threat != null) XmlLines.CData(output, Indent, "DIAGNOSIS", vuln.Threat);
            if (vuln.Impact != null) XmlLines.CData(output, Indent, "CONSEQUENCE", vuln.Impact);
            if (vuln.Solution != null) XmlLines.CData(output, Indent, "SOLUTION", vuln.Solution);

            if (vuln.CvssBase.HasValue || vuln.CvssTemporal.HasValue)
            {
                output.Write("    <CVSS>\n");
                if (vuln.CvssBase.HasValue)
                {
                    output.Write("      <BASE source=\"service\">");
                    QualysText.WriteScore(output, vuln.CvssBase.Value);
                    output.Write("</BASE>\n");
                }
                XmlLines.Score(output, "      ", "TEMPORAL", vuln.CvssTemporal);
                output.Write("    </CVSS>\n");
            }
            if (vuln.Cvss3Base.HasValue || vuln.Cvss3Temporal.HasValue)
            {
                output.Write("    <CVSS_V3>\n");
                XmlLines.Score(output, "      ", "BASE", vuln.Cvss3Base);
                XmlLines.Score(output, "      ", "TEMPORAL", vuln.Cvss3Temporal);
                XmlLines.Text(output, "      ", "CVSS3_VERSION", "3.1");
                output.Write("    </CVSS_V3>\n");
            }

            XmlLines.Number(output, Indent, "PCI_FLAG", vuln.Pci ? 1 : 0);

            output.Write("    <DISCOVERY>\n");
            XmlLines.Number(output, "      ", "REMOTE", vuln.RemoteDiscovery ? 1 : 0);
            if (vuln.AuthTypes.Count > 0)
            {
                output.Write("      <AUTH_TYPE_LIST>\n");
                foreach (var auth in vuln.AuthTypes) XmlLines.Text(output, "        ", "AUTH_TYPE", auth);
                output.Write("      </AUTH_TYPE_LIST>\n");
            }
            if (vuln.Patchable) XmlLines.Text(output, "      ", "ADDITIONAL_INFO", "Patch Available");
            output.Write("    </DISCOVERY>\n");
            output.Write("  </VULN>\n");
        }
    }
}
