using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Issue 15: the page leads with the work. Page one says what to do; every row with an action is
    /// listed by owner and action; accepted risks apart; expected gaps counted, not listed.</summary>
    [Collection(HtmlPageCollection.Name)]
    public sealed class HtmlWorkTests
    {
        private static readonly GapAction[] Urgent =
        {
            GapAction.FixScanAuthentication, GapAction.InvestigateScanReach, GapAction.DeployAgent, GapAction.RepairAgent, GapAction.InvestigateDetection,
        };

        private readonly List<VantageComparison> _rows = HtmlSamples.Network();

        private List<VantageComparison> Work => _rows.Where(row => row.Action != GapAction.None && !row.Accepted).ToList();

        [Fact]
        public void The_sample_network_has_every_action_an_accepted_risk_and_expected_gaps()
        {
            foreach (GapAction action in Urgent) Assert.Contains(_rows, row => row.Action == action);
            Assert.Single(_rows, row => row.Accepted);
            Assert.Contains(_rows, row => row.Reason == GapReason.NoAgentOnHost && row.Action == GapAction.None);
            Assert.True(_rows.Count(row => row.Action == GapAction.None && row.Presence != Presence.Both) > 100);
        }

        [Fact]
        public void Page_one_says_what_to_do_before_the_rows_then_the_numbers()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            Assert.Equal(new[]
            {
                "scan-quality", "work-counts", "machines", "work", "accepted", "expected",
                "Findings per vantage", "Findings by severity", "Host coverage", "Why one side missed",
            }, HtmlPage.Sections(page));

            // The lead sentence comes straight after the title and the generation line.
            XElement lead = page.Descendants("p").First(p => (string?)p.Attribute("class") == "lead");
            Assert.Equal(Work.Count + " findings to act on, on " + Work.Select(HostLabel).Distinct().Count() + " of 12 machines.",
                HtmlPage.Normalize(lead.Value).Split(new[] { ". " }, StringSplitOptions.None)[0] + ".");

            // Printed, the work starts on a page of its own.
            XElement work = page.Descendants("div").Single(div => (string?)div.Attribute("class") == "work");
            Assert.Equal("work", (string?)work.Element("h2")!.Attribute("id"));
        }

        [Fact]
        public void Scan_quality_lists_the_machines_whose_scan_did_not_log_in()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            XElement quality = page.Descendants("div").Single(div => (string?)div.Attribute("class") == "quality");
            List<VantageComparison> failed = _rows.Where(row => row.Action == GapAction.FixScanAuthentication).ToList();
            List<List<string>> machines = HtmlPage.BodyRows(quality.Descendants("table").Single());
            Assert.Equal(failed.Select(HostLabel).Distinct(), machines.Select(cells => cells[0]));
            Assert.Equal("Failed", machines[0][3]);
            Assert.Equal(failed.Count.ToString(), machines[0][5]);

            var clean = _rows.Where(row => row.Action != GapAction.FixScanAuthentication).ToList();
            string text = HtmlPage.Parse(HtmlPage.Write(clean)).Root!.Value;
            Assert.Contains("No finding here is hidden by a scan that failed to log in.", text);
        }

        [Fact]
        public void Counts_per_owner_and_action_equal_the_rows()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            XElement table = HtmlPage.Tables(page, "work-counts").Single();
            List<List<string>> lines = HtmlPage.BodyRows(table);
            // Three owners, each followed by its actions, most urgent first.
            Assert.Equal(new[]
            {
                "Scan team", "Fix scan authentication", "Investigate scan reach",
                "Endpoint team", "Deploy agent", "Repair agent",
                "Vulnerability team", "Investigate detection",
            }, lines.Select(cells => cells[0]));
            foreach (GapAction action in Urgent)
            {
                List<VantageComparison> rows = Work.Where(row => row.Action == action).ToList();
                List<string> line = lines.Single(cells => cells[0] == GapHtmlWriter.Words(action.ToString()));
                Assert.Equal(rows.Count.ToString(), line[2]);
                Assert.Equal(rows.Select(HostLabel).Distinct().Count().ToString(), line[3]);
            }
            foreach (GapOwner owner in new[] { GapOwner.ScanTeam, GapOwner.EndpointTeam, GapOwner.VulnerabilityTeam })
            {
                List<VantageComparison> rows = Work.Where(row => row.Owner == owner).ToList();
                List<string> line = lines.Single(cells => cells[0] == GapHtmlWriter.OwnerText(owner));
                Assert.Equal(rows.Count.ToString(), line[2]);
                Assert.Equal(rows.Select(HostLabel).Distinct().Count().ToString(), line[3]);
            }
            Assert.Equal(new[] { "Every owner", "", Work.Count.ToString(), Work.Select(HostLabel).Distinct().Count().ToString() }, HtmlPage.FootRow(table));

            // The summary's counts per action say the same.
            VantageSummary total = VantageSummarizer.Summarize(_rows).Single(summary => summary.Scope == SummaryScope.Total);
            Assert.Equal(total.FixScanAuthentication + total.InvestigateScanReach + total.DeployAgent + total.RepairAgent + total.InvestigateDetection, Work.Count);
        }

        [Fact]
        public void Machines_that_need_attention_carry_their_summary_main_action_most_urgent_first()
        {
            IReadOnlyList<VantageSummary> summaries = VantageSummarizer.Summarize(_rows);
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows, summaries: summaries));
            List<List<string>> machines = HtmlPage.BodyRows(HtmlPage.Tables(page, "machines").Single());
            List<VantageSummary> needing = summaries.Where(summary => summary.Scope == SummaryScope.Host && summary.Action != GapAction.None).ToList();
            Assert.Equal(needing.Count, machines.Count);
            foreach (List<string> cells in machines)
            {
                VantageSummary summary = needing.Single(s => s.HostName == cells[0]);
                Assert.Equal(summary.OperatingSystem, cells[1]);
                Assert.Equal(GapHtmlWriter.Words(summary.Action.ToString()), cells[2]);
                Assert.Equal(GapHtmlWriter.OwnerText(summary.Owner), cells[3]);
            }
            List<int> urgency = machines.Select(cells => needing.Single(s => s.HostName == cells[0]).Action.Urgency()).ToList();
            Assert.Equal(urgency.OrderByDescending(u => u), urgency);
            Assert.Equal(needing.Max(s => s.Action.Urgency()), urgency[0]);
        }

        [Fact]
        public void Every_row_with_an_action_is_listed_once_by_owner_and_action_highest_severity_first()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            List<XElement> tables = HtmlPage.Tables(page, "findings");
            Assert.Equal(Urgent.Select(action => "findings-" + action),
                tables.Select(table => ((string)table.Attribute("class")!).Split(' ').Single(name => name.StartsWith("findings-", StringComparison.Ordinal))));
            foreach (GapAction action in Urgent)
            {
                List<List<string>> listed = HtmlPage.BodyRows(HtmlPage.Tables(page, "findings-" + action).Single());
                List<VantageComparison> expected = Work.Where(row => row.Action == action).ToList();
                Assert.Equal(expected.Select(row => HostLabel(row) + "|" + row.QID).OrderBy(key => key, StringComparer.Ordinal),
                    listed.Select(cells => cells[0] + "|" + cells[1]).OrderBy(key => key, StringComparer.Ordinal));
                List<int> severities = listed.Select(cells => cells[2].Length == 0 ? 0 : int.Parse(cells[2])).ToList();
                Assert.Equal(severities.OrderByDescending(severity => severity), severities);
            }
            // The groups' headings: owner, then its actions in order of urgency.
            Assert.Equal(new[]
            {
                "owner-ScanTeam", "action-FixScanAuthentication", "action-InvestigateScanReach",
                "owner-EndpointTeam", "action-DeployAgent", "action-RepairAgent",
                "owner-VulnerabilityTeam", "action-InvestigateDetection",
            }, page.Descendants().Where(e => e.Name.LocalName == "h3" || e.Name.LocalName == "h4").Select(e => (string)e.Attribute("id")!));
        }

        [Fact]
        public void Evidence_is_given_once_per_wording_with_its_machines()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            List<List<string>> evidence = HtmlPage.BodyRows(HtmlPage.Tables(page, "evidence-FixScanAuthentication").Single());
            List<VantageComparison> failed = _rows.Where(row => row.Action == GapAction.FixScanAuthentication).ToList();
            Assert.Equal(new[]
            {
                "The scanner did not log in to this machine (authentication failed: QID 105015 \"Windows Authentication Failed\"), so it could not run"
                + " the local checks that found this QID on the agent; fix the scan's authentication record for this host.",
                HostLabel(failed[0]), failed.Count.ToString(),
            }, evidence.Single());

            Assert.Equal("This QID is", GapHtmlWriter.SharedEvidence(new VantageComparison { QID = 105, ReasonDetail = "QID 105 is" }));
            Assert.Equal("QID 1050 and this QID", GapHtmlWriter.SharedEvidence(new VantageComparison { QID = 105, ReasonDetail = "QID 1050 and QID 105" }));
        }

        [Fact]
        public void Expected_gaps_are_counted_per_reason_and_qid_not_listed_row_by_row()
        {
            byte[] bytes = HtmlPage.Write(_rows);
            XDocument page = HtmlPage.Parse(bytes);
            string text = HtmlPage.Text(bytes);
            List<VantageComparison> expected = _rows.Where(row => row.Action == GapAction.None && !row.Accepted && row.Presence != Presence.Both).ToList();

            List<List<string>> reasons = HtmlPage.BodyRows(HtmlPage.Tables(page, "expected").Single());
            foreach (var group in expected.GroupBy(row => (row.Reason, row.Presence)))
            {
                List<string> line = reasons.Single(cells => cells[0] == GapHtmlWriter.Words(group.Key.Reason.ToString()) && cells[1] == GapHtmlWriter.PresenceText(group.Key.Presence));
                Assert.Equal(new[] { group.Count(), group.Select(row => row.QID).Distinct().Count(), group.Select(HostLabel).Distinct().Count() }.Select(n => n.ToString()), line.Skip(3));

                // The folded list per QID: title and number of machines.
                XElement details = page.Descendants("details").Single(d => (string?)d.Attribute("id") == "expected-" + group.Key.Reason + "-" + group.Key.Presence);
                List<List<string>> qids = HtmlPage.BodyRows(details.Element("table")!);
                Assert.Equal(group.Select(row => row.QID).Distinct().Count(), qids.Count);
                foreach (List<string> cells in qids)
                {
                    List<VantageComparison> ofQid = group.Where(row => row.QID.ToString() == cells[0]).ToList();
                    Assert.Equal(ofQid[0].Title, cells[1]);
                    Assert.Equal(ofQid.Select(HostLabel).Distinct().Count().ToString(), cells[3]);
                }
            }
            Assert.Equal(expected.Count.ToString(), HtmlPage.FootRow(HtmlPage.Tables(page, "expected").Single())[3]);

            // No expected row is listed: its evidence (unique to the row here) is nowhere on the page.
            foreach (VantageComparison row in expected) Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(row.ReasonDetail!), text);
            Assert.Contains("Every row, with its machine and evidence, is in the CSV and JSON reports", HtmlPage.Normalize(page.Root!.Value));
            Assert.Contains("Export-Excel", text);
        }

        [Fact]
        public void Accepted_rows_are_listed_apart_and_are_not_work()
        {
            VantageComparison accepted = _rows.Single(row => row.Accepted);
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
            List<List<string>> listed = HtmlPage.BodyRows(HtmlPage.Tables(page, "accepted").Single());
            Assert.Equal(new[] { HostLabel(accepted), accepted.QID.ToString() }, listed.Single().Take(2));
            Assert.Equal(new[] { "False positive confirmed with Qualys support, case 01234567", "2099-12-31" }, listed.Single().Skip(5));
            Assert.DoesNotContain(HtmlPage.Tables(page, "findings").SelectMany(HtmlPage.BodyRows), cells => cells[0] == HostLabel(accepted) && cells[1] == accepted.QID.ToString());
            // Nor is it counted with the expected gaps, nor in the lead sentence's work.
            Assert.Equal(_rows.Count(row => !row.Accepted && row.Action == GapAction.None && row.Presence != Presence.Both).ToString(),
                HtmlPage.FootRow(HtmlPage.Tables(page, "expected").Single())[3]);
            Assert.Contains("1 accepted risk is listed apart.", HtmlPage.Normalize(page.Root!.Value));
        }

        [Fact]
        public void The_accepted_row_hook_decides_which_rows_are_listed_apart()
        {
            List<VantageComparison> deploy = _rows.Where(row => row.Action == GapAction.DeployAgent).ToList();
            Func<VantageComparison, bool> before = GapHtmlWriter.AcceptedRow;
            try
            {
                GapHtmlWriter.AcceptedRow = row => row.Action == GapAction.DeployAgent;
                XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows));
                Assert.Equal(deploy.Select(row => row.QID.ToString()).OrderBy(q => q), HtmlPage.BodyRows(HtmlPage.Tables(page, "accepted").Single()).Select(cells => cells[1]).OrderBy(q => q));
                Assert.Empty(HtmlPage.Tables(page, "findings-DeployAgent"));
                Assert.Equal("0", HtmlPage.BodyRows(HtmlPage.Tables(page, "work-counts").Single()).Single(cells => cells[0] == "Deploy agent")[2]);

                GapHtmlWriter.AcceptedRow = row => false;
                page = HtmlPage.Parse(HtmlPage.Write(_rows));
                Assert.Contains("No finding is an accepted risk.", page.Root!.Value);
                Assert.Throws<ArgumentNullException>(() => GapHtmlWriter.AcceptedRow = null!);
            }
            finally
            {
                GapHtmlWriter.AcceptedRow = before;
            }
        }

        [Fact]
        public void Print_stylesheet_lays_out_landscape_pages_with_headers_and_columns_that_keep_their_width()
        {
            byte[] bytes = HtmlPage.Write(_rows);
            string html = HtmlPage.Text(bytes);
            string css = html.Substring(html.IndexOf("<style>", StringComparison.Ordinal), html.IndexOf("</style>", StringComparison.Ordinal) - html.IndexOf("<style>", StringComparison.Ordinal));
            Assert.Contains("@page{size:landscape;margin:0.4in}", css);
            string print = css.Substring(css.IndexOf("@media print{", StringComparison.Ordinal));
            Assert.Contains("thead{display:table-header-group}", print);
            Assert.Contains("tfoot{display:table-row-group}", print);
            Assert.Contains("tr,svg{break-inside:avoid;page-break-inside:avoid}", print);
            Assert.Contains(".work{break-before:page;page-break-before:always}", print);
            Assert.Contains("table.fixed{table-layout:fixed}", css);
            Assert.Contains("table.data td.cves{font-size:0.86em;overflow-wrap:anywhere;word-break:normal}", css);
            Assert.Contains("table.data span.id{white-space:nowrap}", css);

            // Every fixed table gives each column a width, and the widths fill the page.
            XDocument page = HtmlPage.Parse(bytes);
            foreach (XElement table in HtmlPage.Tables(page, "fixed"))
            {
                List<int> widths = table.Element("colgroup")!.Elements("col")
                    .Select(col => int.Parse(Regex.Match((string)col.Attribute("style")!, @"^width:(\d+)%$").Groups[1].Value)).ToList();
                Assert.Equal(100, widths.Sum());
                Assert.Equal(widths.Count, table.Element("thead")!.Descendants("th").Count());
            }

            // A CVE ID and a host name's labels are never broken at their hyphens: each is kept whole.
            XElement cves = page.Descendants("td").First(td => (string?)td.Attribute("class") == "cves" && td.Value.Contains(";"));
            Assert.All(cves.Elements("span"), span => Assert.Matches(@"^CVE-\d{4}-\d+$", span.Value));
            Assert.Equal(cves.Value.Split(new[] { "; " }, StringSplitOptions.None).Length, cves.Elements("span").Count());
            XElement host = page.Descendants("td").First(td => (string?)td.Attribute("class") == "host");
            Assert.Equal(new[] { "ws-001.", "corp.", "example.", "com" }, host.Elements("span").Select(span => span.Value));
        }

        [Fact]
        public void Page_has_no_script_and_no_external_reference_and_is_the_same_bytes_for_the_same_rows()
        {
            byte[] first = HtmlPage.Write(_rows);
            string html = HtmlPage.Text(first);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            XDocument page = HtmlPage.Parse(first);
            string[] forbidden = { "script", "link", "img", "image", "iframe", "object", "embed", "use", "foreignObject", "base" };
            Assert.DoesNotContain(page.Descendants(), e => forbidden.Contains(e.Name.LocalName));
            Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName == "src" || a.Name.LocalName == "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));

            Assert.Equal(first, HtmlPage.Write(HtmlSamples.Network()));
            // The rows' order does not matter either: every list on the page is sorted.
            var shuffled = HtmlSamples.Network().OrderBy(row => (row.QID * 7919 + row.HostName!.Length) % 101).ThenByDescending(row => row.QID).ToList();
            Assert.Equal(first, HtmlPage.Write(shuffled));
        }

        [Fact]
        public void Every_finding_both_saw_is_counted_with_the_expected_gaps_when_asked_for()
        {
            XDocument page = HtmlPage.Parse(HtmlPage.Write(_rows, includeBoth: true));
            List<string> both = HtmlPage.BodyRows(HtmlPage.Tables(page, "expected").Single()).Single(cells => cells[0] == "Seen by both");
            Assert.Equal(_rows.Count(row => row.Presence == Presence.Both).ToString(), both[3]);
            Assert.Equal(Work.Count, HtmlPage.Tables(page, "findings").SelectMany(HtmlPage.BodyRows).Count());
        }

        private static string HostLabel(VantageComparison row) => HtmlPage.HostLabel(row);
    }
}
