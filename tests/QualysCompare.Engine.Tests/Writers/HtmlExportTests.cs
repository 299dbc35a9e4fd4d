using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    [Collection(HtmlPageCollection.Name)]
    public sealed class HtmlExportTests
    {
        private static readonly DateTime Generated = new DateTime(2026, 5, 9, 7, 30, 0, DateTimeKind.Utc);

        [Fact]
        public void Page_is_well_formed_xml()
        {
            // Reading every node is the check: XmlReader throws on the first malformed one.
            using XmlReader reader = XmlReader.Create(new MemoryStream(Write(includeBoth: true)), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            int elements = 0;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element) elements++;
            }
            Assert.True(elements > 100, $"only {elements} elements");
        }

        [Fact]
        public void Page_has_no_script_and_references_nothing_outside_itself()
        {
            string html = Text(Write(includeBoth: true));
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);

            XDocument page = Parse(Write(includeBoth: true));
            string[] forbidden = { "script", "link", "img", "image", "iframe", "object", "embed", "use", "foreignObject", "base" };
            Assert.Empty(page.Descendants().Where(e => forbidden.Contains(e.Name.LocalName)).Select(e => e.Name.LocalName));
            Assert.Empty(page.Descendants().Attributes()
                .Where(a => a.Name.LocalName == "src" || a.Name.LocalName == "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal))
                .Select(a => a.ToString()));
            // The only url() is the chart's own pattern.
            foreach (XAttribute fill in page.Descendants().Attributes("fill").Where(a => a.Value.Contains("url(")))
                Assert.Equal("url(#scanner-only-hatch)", fill.Value);
        }

        [Fact]
        public void Attacker_text_is_shown_as_text()
        {
            XDocument page = Parse(Write(includeBoth: false));
            string text = page.Root!.Value;
            Assert.Contains(ExportSamples.Script, text);
            Assert.Contains(ExportSamples.Formula, text);
            Assert.Contains("Caf\u00e9 \u00fcber \"quoted\", with comma", text);
            // Control characters no XML document may hold are replaced, not dropped silently.
            Assert.Contains("bell\ufffd and form feed\ufffd inside", text);
        }

        [Fact]
        public void Summary_shows_the_numbers_of_the_summary_rows()
        {
            XDocument page = Parse(Write(includeBoth: false));
            string text = Normalize(page.Root!.Value);
            Assert.Contains("Scanner appliance: 5 findings (3 confirmed, 2 potential) \u2014 Cloud Agent: 264 findings (250 confirmed, 14 potential)", text);
            Assert.Contains("Scanner appliance: 1 finding (0 confirmed, 0 potential) \u2014 Cloud Agent: 0 findings (0 confirmed, 0 potential)", text);
            Assert.Contains("All 4 hosts: Scanner appliance: 6 findings (3 confirmed, 2 potential) \u2014 Cloud Agent: 265 findings (251 confirmed, 14 potential). Both saw 3, scanner only 3, agent only 262 (97.8 % agent only).", text);

            List<string> web01 = Cells(page, "web01.example.com").First();
            Assert.Equal(new[] { "web01.example.com", "Both", "HostId", "Passed" }, web01.Take(4));
            Assert.Equal(new[] { "3", "2", "261" }, web01.Skip(5));
        }

        [Fact]
        public void Every_gap_host_is_on_the_page()
        {
            string text = Parse(Write(includeBoth: false)).Root!.Value;
            List<string> hosts = GapFilter.Select(ExportSamples.Rows(), includeBoth: false).Select(row => row.HostName!).Distinct().ToList();
            Assert.Equal(3, hosts.Count);
            foreach (string host in hosts) Assert.Contains(host, text);
        }

        [Fact]
        public void Severity_chart_counts_both_scanner_only_and_agent_only_per_severity_with_text_and_a_legend()
        {
            XDocument page = Parse(Write(includeBoth: false));
            // Counted from every row, including the one both sides saw, whatever the gap table shows.
            Assert.Equal(new[] { "Severity 5", "1", "1", "0", "2" }, Cells(page, "Severity 5").Single());
            Assert.Equal(new[] { "Severity 4", "0", "0", "1", "1" }, Cells(page, "Severity 4").Single());
            Assert.Equal(new[] { "Severity 1", "0", "1", "0", "1" }, Cells(page, "Severity 1").Single());
            Assert.Equal(new[] { "No severity", "0", "0", "1", "1" }, Cells(page, "No severity").Single());

            XElement svg = page.Descendants().Single(e => e.Name.LocalName == "svg");
            string[] labels = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToArray();
            Assert.Equal(new[] { "Both", "Scanner only", "Agent only" }, labels.Take(3));
            Assert.Contains("Severity 3", labels);
            Assert.Contains("No severity", labels);
            Assert.Equal(6 * 3, labels.Count(label => label.All(char.IsDigit)));
            Assert.NotNull(svg.Elements().SingleOrDefault(e => e.Name.LocalName == "title"));
        }

        [Fact]
        public void Host_coverage_lists_hosts_without_agent_and_hosts_never_scanned()
        {
            XDocument page = Parse(Write(includeBoth: false));
            Assert.Equal(new[] { "Caf\u00e9-\u00fc", "10.0.0.9", "Scanner only", "No Cloud Agent reports this host." },
                Cells(page, "Caf\u00e9-\u00fc").Single(cells => cells.Count == 4));
            Assert.Equal(new[] { "never-scanned.example.org", "192.168.7.20", "Agent only", "No scanner appliance scan covered this host." },
                Cells(page, "never-scanned.example.org").Single(cells => cells.Count == 4));
            Assert.Equal(new[] { "idle-box.example.org", "", "Agent only", "No scanner appliance scan covered this host." },
                Cells(page, "idle-box.example.org").Single(cells => cells.Count == 4));
        }

        [Fact]
        public void Reason_counts_appear_when_rows_have_reasons()
        {
            XDocument page = Parse(Write(includeBoth: false));
            Assert.Equal(new[] { "Needs local access (NeedsLocalAccess)", "0", "1", "1" }, Cells(page, "Needs local access (NeedsLocalAccess)").Single());
            Assert.Equal(new[] { "No agent on host (NoAgentOnHost)", "1", "0", "1" }, Cells(page, "No agent on host (NoAgentOnHost)").Single());
            Assert.Equal(new[] { "All reasons", "2", "2", "4" }, Cells(page, "All reasons").Single());

            var withoutReasons = ExportSamples.Rows();
            foreach (VantageComparison row in withoutReasons) row.Reason = GapReason.None;
            string text = Parse(Write(withoutReasons, includeBoth: false)).Root!.Value;
            Assert.DoesNotContain("Why one side missed", text);
            Assert.DoesNotContain("All reasons", text);
        }

        [Fact]
        public void Rows_with_an_action_are_listed_and_the_others_only_counted()
        {
            XDocument page = Parse(Write(includeBoth: false));
            List<List<string>> deploy = HtmlPage.BodyRows(HtmlPage.Tables(page, "findings-DeployAgent").Single());
            Assert.Equal(new[] { "Caf\u00e9-\u00fc", "6", "2" }, deploy.Single().Take(3));
            List<List<string>> reach = HtmlPage.BodyRows(HtmlPage.Tables(page, "findings-InvestigateScanReach").Single());
            Assert.Equal(new[] { "never-scanned.example.org", "370000", "" }, reach.Single().Take(3));
            Assert.Equal(2, HtmlPage.Tables(page, "findings").Count);

            // The expected gaps (38173, 105 and -42) are counted per QID with their titles, and listed nowhere else.
            List<string> counted = HtmlPage.Tables(page, "expected-qids").SelectMany(HtmlPage.BodyRows).Select(cells => cells[0]).ToList();
            Assert.Equal(new[] { "-42", "105", "38173" }, counted.OrderBy(qid => qid, StringComparer.Ordinal));
            Assert.Equal(new[] { "38173", ExportSamples.Formula, "5", "1" }, HtmlPage.CellsStartingWith(page, "38173").Single());
        }

        [Fact]
        public void Page_reads_well_printed_and_in_mail_clients()
        {
            string html = Text(Write(includeBoth: false));
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
            Assert.Contains("@media print{", html);
            Assert.Contains("max-width:1200px", html);
            Assert.Contains("<meta charset=\"utf-8\"/>", html);
            Assert.Contains("Generated 2026-05-09T07:30:00Z.", html);
            Assert.DoesNotContain("\r", html.Replace("&#13;", ""));
        }

        [Fact]
        public void Same_input_gives_byte_identical_page()
        {
            Assert.Equal(Write(includeBoth: false), Write(includeBoth: false));
        }

        [Fact]
        public void Empty_comparison_still_gives_a_valid_page()
        {
            XDocument page = Parse(Write(new List<VantageComparison>(), includeBoth: false, summaries: new List<VantageSummary>()));
            string text = page.Root!.Value;
            Assert.Contains("Nothing to act on.", text);
            Assert.Contains("No expected gaps.", text);
            Assert.Contains("No machine needs attention.", text);
            Assert.Contains("Every host was seen by both", text);
            Assert.Contains("No summary was supplied.", text);
        }

        [Fact]
        public void Input_files_that_failed_are_a_banner_before_the_numbers_and_in_the_summary()
        {
            const string problem = "Agent side: 1 of 50 files could not be read and are missing from this comparison: page-0031.xml (QualysReportTruncated, line 12).";
            var rows = ExportSamples.Rows();
            foreach (var row in rows) row.InputProblems = problem;
            var summaries = Comparison.VantageSummarizer.Summarize(rows).ToList();
            Assert.Equal(problem, summaries.Single(s => s.Scope == SummaryScope.Total).InputProblems);

            string text = Text(Write(rows, includeBoth: false, summaries));
            int banner = text.IndexOf("Incomplete input", StringComparison.Ordinal);
            Assert.True(banner > 0, "the page has the banner");
            Assert.True(banner < text.IndexOf("<h2>", StringComparison.Ordinal), "the banner comes before the first section");
            Assert.Contains(problem, text);
            Assert.DoesNotContain("Incomplete input", Text(Write(includeBoth: false)));
        }

        [Theory]
        [InlineData("NeedsLocalAccess", "Needs local access")]
        [InlineData("AgentFixedSinceScan", "Agent fixed since scan")]
        [InlineData("IP", "IP")]
        public void Enum_names_read_as_words(string name, string words)
        {
            Assert.Equal(words, GapHtmlWriter.Words(name));
        }

        private static byte[] Write(bool includeBoth) => Write(HtmlSamples.ExportRowsWithActions(), includeBoth);

        private static byte[] Write(List<VantageComparison> rows, bool includeBoth, List<VantageSummary>? summaries = null)
        {
            using var stream = new MemoryStream();
            GapHtmlWriter.Write(stream, rows, summaries ?? ExportSamples.Summaries(), includeBoth, Generated);
            return stream.ToArray();
        }

        private static string Text(byte[] bytes)
        {
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the page has no byte order mark");
            return Encoding.UTF8.GetString(bytes);
        }

        internal static XDocument Parse(byte[] bytes)
        {
            using XmlReader reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            return XDocument.Load(reader);
        }

        /// <summary>The cells of every table row whose first cell starts with <paramref name="first"/>.</summary>
        private static List<List<string>> Cells(XDocument page, string first) =>
            page.Descendants("tr")
                .Select(tr => tr.Elements("td").Select(td => Normalize(td.Value)).ToList())
                .Where(cells => cells.Count > 0 && cells[0].StartsWith(first, StringComparison.Ordinal))
                .ToList();

        private static string Normalize(string text) => string.Join(" ", text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));
    }
}
