using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// A CDATA section whose end marker is damaged runs on to the next "]]>" in the file and takes
    /// the elements between as its text. When that next "]]>" ends a value of the same element
    /// (the next detection's RESULTS), the damaged file is still well-formed XML: XmlReader says
    /// nothing, and a detection or a finding is lost. The tests damage real-format files so and
    /// check that they are well-formed and short of a record without the check; they expect
    /// QualysReportMalformed at the line the damaged section starts on. Where the next "]]>"
    /// belongs to another element (SCAN files, whose every field is CDATA), XmlReader fails
    /// anyway, further on and with a tag mismatch; the check names the damage at its own line.
    /// </summary>
    public sealed class SwallowedElementTests
    {
        /// <summary>Damages the <paramref name="nth"/> (0-based) end marker of the CDATA sections that
        /// end <paramref name="endTag"/>: "]]&gt;" becomes "]&gt;".</summary>
        private static string Damage(string xml, string endTag, int nth = 0)
        {
            string marker = "]]></" + endTag + ">";
            int at = -1;
            for (int i = 0; i <= nth; i++)
            {
                at = xml.IndexOf(marker, at + 1, StringComparison.Ordinal);
                Assert.True(at >= 0, $"the sample has fewer than {nth + 1} {endTag} values in CDATA");
            }
            return xml.Substring(0, at) + "]>" + xml.Substring(at + 3);
        }

        /// <summary>Damages the first end marker of a <paramref name="endTag"/> value whose damage
        /// leaves the file well-formed and short of a <paramref name="record"/>.</summary>
        private static (string Damaged, int Nth) DamageKeepingItWellFormed(string xml, string endTag, string record)
        {
            int values = (xml.Length - xml.Replace("]]></" + endTag + ">", string.Empty).Length) / ("]]></" + endTag + ">").Length;
            for (int nth = 0; nth < values; nth++)
            {
                var damaged = Damage(xml, endTag, nth);
                int? count = CountIfWellFormed(damaged, record);
                if (count != null && count < CountIfWellFormed(xml, record)) return (damaged, nth);
            }
            throw new Xunit.Sdk.XunitException($"no {endTag} value swallows a {record} and leaves the file well-formed");
        }

        private static int? CountIfWellFormed(string xml, string element)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            try
            {
                using var reader = XmlReader.Create(new StringReader(xml), settings);
                int n = 0;
                while (reader.Read())
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == element) n++;
                return n;
            }
            catch (XmlException)
            {
                return null;
            }
        }

        /// <summary>The line of the "&lt;![CDATA[" whose section ends at the damaged marker.</summary>
        private static int LineOfSectionBefore(string xml, string endTag, int nth = 0)
        {
            string marker = "]]></" + endTag + ">";
            int at = -1;
            for (int i = 0; i <= nth; i++) at = xml.IndexOf(marker, at + 1, StringComparison.Ordinal);
            int open = xml.LastIndexOf("<![CDATA[", at, StringComparison.Ordinal);
            return xml.Take(open).Count(c => c == '\n') + 1;
        }

        private static QualysReportException Refusal(string xml, ImportOptions? options = null)
        {
            using var stream = new MemoryStream(Hostile.Utf8(xml), writable: false);
            return Assert.Throws<QualysReportException>(() =>
            {
                using var import = ReportImport.Open(stream, "damaged.xml", options);
                import.ReadFindings().ToList();
            });
        }

        private static string Sample(string name) => File.ReadAllText(Fixtures.Sample(name), Encoding.UTF8);

        private static string Fixture(params string[] parts) => File.ReadAllText(Path.Combine(new[] { Fixtures.Root }.Concat(parts).ToArray()), Encoding.UTF8);

        [Fact]
        public void HostDetectionResultsThatSwallowTheNextDetectionAreMalformedAtTheirLine()
        {
            var xml = Fixture("scenarios", "reasons", "agent-detections.xml");
            var (damaged, nth) = DamageKeepingItWellFormed(xml, "RESULTS", "DETECTION");

            var error = Refusal(damaged);

            Hostile.AssertRefused(error, ErrorIds.Malformed, LineOfSectionBefore(xml, "RESULTS", nth), "damaged.xml");
            Assert.Contains("the end tag </RESULTS>", error.Message);
            Assert.Contains("]]>", error.Message);
        }

        [Fact]
        public void SwallowingResultsNobodyAskedForAreMalformedToo()
        {
            // RESULTS nobody wants are passed over without a string being made of them: the check
            // must not depend on the reader reading the value.
            var (damaged, _) = DamageKeepingItWellFormed(Fixture("scenarios", "demo", "agent-detections.xml"), "RESULTS", "DETECTION");

            var error = Refusal(damaged, new ImportOptions { NeedsResults = (_, _) => false });

            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
        }

        [Fact]
        public void AssetDataReportResultThatSwallowsTheNextVulnInfoIsMalformedAtItsLine()
        {
            var xml = Sample("c-defectdojo-samples-Qualys_Sample_Report-2019.xml");
            var (damaged, nth) = DamageKeepingItWellFormed(xml, "RESULT", "VULN_INFO");

            var error = Refusal(damaged);

            Hostile.AssertRefused(error, ErrorIds.Malformed, LineOfSectionBefore(xml, "RESULT", nth), "damaged.xml");
            Assert.Contains("the end tag </RESULT>", error.Message);
        }

        [Fact]
        public void ScanResultThatSwallowsTheNextFindingIsNamedAtItsOwnLine()
        {
            var xml = Sample("b-defectdojo-qualys_infrascan_webgui_multiple.xml");
            var damaged = Damage(xml, "RESULT");

            var error = Refusal(damaged);

            Hostile.AssertRefused(error, ErrorIds.Malformed, LineOfSectionBefore(xml, "RESULT"), "damaged.xml");
            Assert.Contains("the end tag </RESULT>", error.Message);
        }

        [Fact]
        public void AssetDataReportGlossaryTextThatSwallowsTheNextEntryIsNamedPastQualysHtml()
        {
            // Qualys's own HTML fills THREAT, IMPACT and SOLUTION; the damage is found past it.
            var xml = Sample("c-defectdojo-samples-Qualys_Sample_Report-2019.xml");
            Assert.Contains("<P>", xml);
            var damaged = Damage(xml, "SOLUTION", nth: 2);

            var error = Refusal(damaged);

            Hostile.AssertRefused(error, ErrorIds.Malformed, LineOfSectionBefore(xml, "SOLUTION", nth: 2), "damaged.xml");
        }

        [Fact]
        public void KnowledgeBaseSolutionThatSwallowsTheNextElementsIsNamedAtItsLine()
        {
            var xml = Sample("f-jupiterone-knowledge_base_vuln_list_output.xml");
            var damaged = Damage(xml, "SOLUTION");
            using var stream = new MemoryStream(Hostile.Utf8(damaged));

            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(stream, "kb.xml").ToList());

            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.Equal(LineOfSectionBefore(xml, "SOLUTION"), error.LineNumber);
            Assert.Contains("CDATA section", error.Message);
        }

        [Fact]
        public void SectionThatSwallowsOnlyGenericElementsIsCaughtByTheNextValuesCdata()
        {
            // OS and DNS are names a quoted file may use, so they alone prove nothing; the next
            // value's "<![CDATA[", right after its start tag, does.
            var xml = Hostile.HostDetectionXml;
            int os = xml.IndexOf("<OS>", StringComparison.Ordinal);
            var damaged = xml.Substring(0, os) + "<OS><![CDATA[Linux]></OS>\n        <DNS><![CDATA[swallowed.example.com]]></DNS>\n" + xml.Substring(os);

            var error = Refusal(damaged);

            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.Equal(xml.Take(os).Count(c => c == '\n') + 1, error.LineNumber);
            Assert.Contains("another value's \"<![CDATA[\"", error.Message);
        }

        [Fact]
        public void HtmlAndQuotedPagesInsideCdataAreTheValuesOwnText()
        {
            // Qualys's HTML, a quoted web page with its end tags, an ASP.NET page's script block
            // (whose "]]>" Qualys must split across two sections) and lower-case XML.
            string page = "<P>Server banner:<BR><A HREF=\"https://example.com/\">link</A><TABLE><TR><TD>x</TD></TR></TABLE>"
                + "<html><head><title>Login</title></head><body><form id=\"form1\"><script type=\"text/javascript\">\n//<![CDATA[\nvar theForm = document.forms['form1'];\n//]]]]><![CDATA[>\n</script>"
                + "<results><qid>5</qid></results><TITLE>IIS</TITLE><HEADER>h</HEADER></body></html>";
            var xml = Fixture("scenarios", "reasons", "agent-detections.xml");
            int results = xml.IndexOf("<RESULTS>", StringComparison.Ordinal);
            int end = xml.IndexOf("</RESULTS>", results, StringComparison.Ordinal);
            var quoted = xml.Substring(0, results) + "<RESULTS><![CDATA[" + page + "]]></RESULTS>" + xml.Substring(end + "</RESULTS>".Length);

            var findings = Hostile.Import(Hostile.Utf8(quoted));

            Assert.Equal(Hostile.Import(Hostile.Utf8(xml)).Count, findings.Count);
            Assert.Contains(findings, f => f.Results == page.Replace("]]]]><![CDATA[>", "]]>"));
        }

        [Fact]
        public void EveryRealXmlSampleStillImports()
        {
            foreach (var name in new[]
            {
                "b-defectdojo-qualys_infrascan_webgui_0.xml", "b-defectdojo-qualys_infrascan_webgui_1.xml", "b-defectdojo-qualys_infrascan_webgui_3.xml",
                "b-defectdojo-qualys_infrascan_webgui_multiple.xml", "c-defectdojo-empty.xml", "c-defectdojo-same_qid_different_ports.xml",
                "c-defectdojo-samples-Qualys_Sample_Report-2019.xml", "e-defectdojo-trurisk-detections.xml", "e-jupiterone-detection-empty-response.xml",
                "e-jupiterone-fixture-detections.xml",
            })
                Fixtures.Import(Fixtures.Sample(name));
            Assert.Equal(42, KnowledgeBaseReader.Read(Fixtures.Sample("f-jupiterone-knowledge_base_vuln_list_output.xml")).Count());
        }

        public static TheoryData<int> ReadSizes() => new TheoryData<int> { 1, 2, 3, 7, 64, 4096 };

        [Theory]
        [MemberData(nameof(ReadSizes))]
        public void TheVerdictDoesNotDependOnHowTheTextIsReadIn(int readSize)
        {
            // Markers, names and "]]>" split across reads at every place.
            var xml = Fixture("scenarios", "reasons", "agent-detections.xml");
            var (damaged, nth) = DamageKeepingItWellFormed(xml, "RESULTS", "DETECTION");

            Assert.Equal(xml, ReadThrough(xml, readSize));
            var error = Assert.Throws<QualysReportException>(() => ReadThrough(damaged, readSize));
            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.Equal(LineOfSectionBefore(xml, "RESULTS", nth), error.LineNumber);
        }

        private static string ReadThrough(string text, int readSize)
        {
            using var reader = new XmlMarkupLimit(new StringReader(text), "damaged.xml", names: XmlElementNames.HostDetection);
            var copy = new StringBuilder();
            var buffer = new char[readSize];
            for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;) copy.Append(buffer, 0, n);
            return copy.ToString();
        }
    }
}
