using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Issue 16: with a baseline the page says what is new and what was closed, the closed rows never
    /// count as work; with a history of two runs or more it draws the trend as inline SVG.</summary>
    [Collection(HtmlPageCollection.Name)]
    public sealed class HtmlChangeTests
    {
        private static readonly GapAction[] Urgent =
        {
            GapAction.FixScanAuthentication, GapAction.InvestigateScanReach, GapAction.DeployAgent, GapAction.RepairAgent, GapAction.InvestigateDetection,
        };

        private static byte[] Write(List<VantageComparison> rows, IReadOnlyList<CoverageRun>? history = null)
        {
            using var stream = new MemoryStream();
            GapHtmlWriter.Write(stream, rows, VantageSummarizer.Summarize(rows), false, HtmlPage.Generated, history);
            return stream.ToArray();
        }

        private static List<string> Keys(XDocument page, string table) =>
            HtmlPage.Tables(page, table).SelectMany(HtmlPage.BodyRows).Select(cells => cells[0] + "|" + cells[1]).ToList();

        private static string Key(VantageComparison row) => HtmlPage.HostLabel(row) + "|" + row.QID;

        private static List<CoverageRun> History(int runs) =>
            Enumerable.Range(0, runs).Select(i => new CoverageRun
            {
                RunUtc = new DateTime(2026, 10, 6, 6, 0, 0, DateTimeKind.Utc).AddDays(7 * i),
                DataDate = new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc).AddDays(7 * i),
                Hosts = 40, HostsBoth = 30 + i % 5, ScannerCoveragePercent = 80 + i % 7, AgentCoveragePercent = 85 + i % 3, BothCoveragePercent = 75 + i % 5,
                OpenActionable = 120 - i * 3, New = 10 + i % 4, Closed = 14 - i % 6,
            }).ToList();

        [Fact]
        public void Without_a_baseline_the_page_has_no_change_sections_and_no_trend()
        {
            XDocument page = HtmlPage.Parse(Write(BaselineRows.Demo(), History(1)));
            List<string> sections = HtmlPage.Sections(page);
            Assert.DoesNotContain("new", sections);
            Assert.DoesNotContain("closed", sections);
            Assert.DoesNotContain("trend", sections);
            Assert.DoesNotContain(page.Descendants("p"), p => ((string?)p.Attribute("class") ?? string.Empty).Contains("changes"));
            Assert.DoesNotContain(page.Descendants("svg"), svg => (string?)svg.Attribute("id") is string id && id.StartsWith("trend", StringComparison.Ordinal));
            // No history and one run give the same page.
            Assert.Equal(Write(BaselineRows.Demo()), Write(BaselineRows.Demo(), History(1)));
        }

        [Fact]
        public void With_a_baseline_page_one_counts_new_closed_and_became_actionable_and_the_sections_follow_the_work()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            XDocument page = HtmlPage.Parse(Write(rows));
            List<string> sections = HtmlPage.Sections(page);
            int work = sections.IndexOf("work"), added = sections.IndexOf("new"), became = sections.IndexOf("became-actionable"), closed = sections.IndexOf("closed");
            Assert.True(work >= 0 && work < added && added < became && became < closed && closed < sections.IndexOf("accepted"), string.Join(", ", sections));
            Assert.Contains("New since 2026-11-24", page.Descendants("h2").Select(h2 => HtmlPage.Normalize(h2.Value)).First(text => text.StartsWith("New", StringComparison.Ordinal)));

            string lead = HtmlPage.Normalize(page.Descendants("p").Single(p => ((string?)p.Attribute("class") ?? string.Empty).Contains("changes")).Value);
            int newCount = rows.Count(row => row.Change == GapChange.New);
            int newWork = rows.Count(row => row.Change == GapChange.New && row.Action != GapAction.None && !row.Accepted);
            int closedCount = rows.Count(row => row.Change == GapChange.Closed);
            int closedWork = rows.Count(row => row.Change == GapChange.Closed && row.PreviousAction is GapAction previous && previous != GapAction.None);
            Assert.Equal($"Since 2026-11-24: {newCount} new gaps, {newWork} of them to act on; {closedCount} gaps closed, {closedWork} of which needed action; 2 old gaps that needed nothing became work.", lead);
            // Page one: before the work starts on its own page.
            XElement workDiv = page.Descendants("div").Single(div => (string?)div.Attribute("class") == "work");
            Assert.DoesNotContain(workDiv.Descendants("p"), p => ((string?)p.Attribute("class") ?? string.Empty).Contains("changes"));
        }

        [Fact]
        public void New_gaps_to_act_on_come_first_by_owner_and_action_and_the_expected_ones_are_counted()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            XDocument page = HtmlPage.Parse(Write(rows));
            var newWork = rows.Where(row => row.Change == GapChange.New && row.Action != GapAction.None && !row.Accepted).ToList();
            Assert.Equal(newWork.Select(Key).OrderBy(k => k, StringComparer.Ordinal), Keys(page, "new-findings").OrderBy(k => k, StringComparer.Ordinal));

            // The groups in the work section's order: owner, then action by urgency.
            List<GapAction> order = HtmlPage.Tables(page, "new-findings")
                .Select(table => (GapAction)Enum.Parse(typeof(GapAction), ((string)table.Attribute("class")!).Split(' ').Single(c => c.StartsWith("new-findings-", StringComparison.Ordinal)).Substring(13)))
                .ToList();
            Assert.Equal(Urgent.Where(order.Contains).OrderBy(action => Array.IndexOf(GapHtmlWriter.Owners, action.Owner())).ThenBy(action => Array.IndexOf(Urgent, action)), order);
            Assert.True(order.Count >= 2, "the demo's new work spans several actions");

            // Expected new gaps: counted per reason, after the listed ones, and never listed.
            XElement expected = HtmlPage.Tables(page, "new-expected").Single();
            var newExpected = rows.Where(row => row.Change == GapChange.New && !newWork.Contains(row)).ToList();
            Assert.Equal(newExpected.Count, HtmlPage.BodyRows(expected).Sum(cells => int.Parse(cells[2])));
            XElement lastListed = HtmlPage.Tables(page, "new-findings").Last();
            Assert.True(lastListed.IsBefore(expected));
        }

        [Fact]
        public void Closed_gaps_that_needed_action_come_first_by_previous_action_and_never_count_as_work()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            var closed = rows.Where(row => row.Change == GapChange.Closed).ToList();
            XDocument page = HtmlPage.Parse(Write(rows));

            var closedWork = closed.Where(row => row.PreviousAction is GapAction previous && previous != GapAction.None).ToList();
            Assert.NotEmpty(closedWork);
            Assert.Equal(closedWork.Select(Key).OrderBy(k => k, StringComparer.Ordinal), Keys(page, "closed-findings").OrderBy(k => k, StringComparer.Ordinal));
            XElement expected = HtmlPage.Tables(page, "closed-expected").Single();
            Assert.Equal(closed.Count - closedWork.Count, HtmlPage.BodyRows(expected).Sum(cells => int.Parse(cells[2])));
            Assert.True(HtmlPage.Tables(page, "closed-findings").Last().IsBefore(expected));

            // Not work, not accepted, not expected, not in the numbers: the page of the open rows alone has the same work.
            List<string> work = Keys(page, "findings");
            foreach (VantageComparison row in closed) Assert.DoesNotContain(Key(row), work);
            XDocument openOnly = HtmlPage.Parse(Write(rows.Where(row => row.Change != GapChange.Closed).ToList()));
            Assert.Equal(Keys(openOnly, "findings"), work);
            foreach (string table in new[] { "work-counts", "machines", "expected", "quality-table" })
                Assert.Equal(HtmlPage.Tables(openOnly, table).Select(t => t.ToString()), HtmlPage.Tables(page, table).Select(t => t.ToString()));
            Assert.Equal(HtmlPage.CellsStartingWith(openOnly, "Severity"), HtmlPage.CellsStartingWith(page, "Severity"));
            Assert.Equal(HtmlPage.CellsStartingWith(openOnly, "All reasons"), HtmlPage.CellsStartingWith(page, "All reasons"));
        }

        [Fact]
        public void A_machine_known_only_from_closed_rows_is_not_a_machine_of_the_page()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            XDocument before = HtmlPage.Parse(Write(rows));
            rows.Add(new VantageComparison
            {
                HostName = "retired.corp.example.com", ScannerIP = "10.9.9.9", HostCoverage = Presence.ScannerOnly, QID = 38170, Title = "Retired",
                Presence = Presence.ScannerOnly, Reason = GapReason.NoAgentOnHost, Change = GapChange.Closed, PreviousAction = GapAction.DeployAgent,
                BaselineDate = BaselineRows.BaselineDate,
            });
            XDocument page = HtmlPage.Parse(Write(rows));
            Assert.Contains("retired.corp.example.com|38170", Keys(page, "closed-findings"));
            string Machines(XDocument doc) => HtmlPage.Normalize(doc.Descendants("h2").Single(h2 => (string?)h2.Attribute("id") == "machines").Value);
            Assert.Equal(Machines(before), Machines(page));
            Assert.DoesNotContain("retired", HtmlPage.Normalize(page.Descendants("div").Single(div => (string?)div.Attribute("class") == "reference").Value));
        }

        [Fact]
        public void The_old_gaps_that_became_work_are_called_out()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            XDocument page = HtmlPage.Parse(Write(rows));
            var became = rows.Where(row => row.BecameActionable).Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.Equal(2, became.Count);
            Assert.Equal(became, Keys(page, "became-actionable").OrderBy(k => k, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData(2)]
        [InlineData(9)]
        [InlineData(75)]
        public void The_trend_is_drawn_from_two_runs_as_well_formed_svg_with_dates_and_a_text_alternative(int runs)
        {
            List<CoverageRun> history = History(runs);
            byte[] bytes = Write(BaselineRows.Demo(), history);
            XDocument page = HtmlPage.Parse(bytes);
            Assert.Contains("trend", HtmlPage.Sections(page));
            List<XElement> charts = page.Descendants("svg").Where(svg => ((string?)svg.Attribute("id") ?? string.Empty).StartsWith("trend", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "trend-coverage", "trend-work", "trend-change" }, charts.Select(svg => (string)svg.Attribute("id")!));

            int drawn = Math.Min(runs, GapHtmlWriter.TrendRuns);
            List<CoverageRun> shown = history.Skip(runs - drawn).ToList();
            foreach (XElement svg in charts)
            {
                // Each chart stands alone as XML, with its title and description.
                using (XmlReader reader = XmlReader.Create(new StringReader(svg.ToString()), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
                    Assert.Equal("svg", XDocument.Load(reader).Root!.Name.LocalName);
                Assert.False(string.IsNullOrWhiteSpace((string?)svg.Element("title")));
                string description = (string)svg.Element("desc")!;
                Assert.Contains(shown[0].DataDate!.Value.ToString("yyyy-MM-dd"), description);
                Assert.Contains(shown[drawn - 1].DataDate!.Value.ToString("yyyy-MM-dd"), description);
                List<string> dates = svg.Elements("text").Select(text => text.Value).Where(text => text.Length == 10 && text[4] == '-').ToList();
                Assert.InRange(dates.Count, Math.Min(2, drawn), 7);
                Assert.Equal(shown[drawn - 1].DataDate!.Value.ToString("yyyy-MM-dd"), dates.Last());
                Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script" || e.Name.LocalName == "image" || e.Name.LocalName == "foreignObject");
                Assert.DoesNotContain("http", svg.ToString());
            }
            foreach (XElement line in charts[0].Elements("polyline").Concat(charts[1].Elements("polyline")))
                Assert.Equal(drawn, ((string)line.Attribute("points")!).Split(' ').Length);
            Assert.Equal(3, charts[0].Elements("polyline").Count());

            // The numbers per run as a table too.
            List<List<string>> table = HtmlPage.BodyRows(HtmlPage.Tables(page, "trend").Single());
            Assert.Equal(shown.Select(run => run.DataDate!.Value.ToString("yyyy-MM-dd")), table.Select(cells => cells[0]));
            Assert.Equal(shown.Select(run => run.OpenActionable.ToString()), table.Select(cells => cells[4]));
        }

        [Fact]
        public void One_run_draws_no_trend()
        {
            XDocument page = HtmlPage.Parse(Write(BaselineRows.DemoWithChanges(), History(1)));
            Assert.DoesNotContain("trend", HtmlPage.Sections(page));
            Assert.DoesNotContain(page.Descendants("svg"), svg => ((string?)svg.Attribute("id") ?? string.Empty).StartsWith("trend", StringComparison.Ordinal));
        }
    }
}
