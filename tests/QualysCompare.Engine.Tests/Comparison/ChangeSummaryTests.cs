using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Tests.Export;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Issue 16: the summaries count New and Closed per machine and in total; a closed row counts as
    /// nothing else, so the open numbers are those of the comparison without it.</summary>
    public sealed class ChangeSummaryTests
    {
        [Fact]
        public void New_and_closed_are_counted_per_machine_and_in_total_and_closed_rows_change_nothing_else()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            IReadOnlyList<VantageSummary> summaries = VantageSummarizer.Summarize(rows);
            IReadOnlyList<VantageSummary> openOnly = VantageSummarizer.Summarize(rows.Where(row => row.Change != GapChange.Closed));

            VantageSummary total = summaries.Single(summary => summary.Scope == SummaryScope.Total);
            Assert.Equal(rows.Count(row => row.Change == GapChange.New), total.New);
            Assert.Equal(rows.Count(row => row.Change == GapChange.Closed), total.Closed);
            Assert.True(total.New > 0 && total.Closed > 0);
            foreach (VantageSummary host in summaries.Where(summary => summary.Scope == SummaryScope.Host))
            {
                var own = rows.Where(row => row.HostName == host.HostName && row.ScannerIP == host.ScannerIP && row.AgentIP == host.AgentIP).ToList();
                Assert.Equal(own.Count(row => row.Change == GapChange.New), host.New);
                Assert.Equal(own.Count(row => row.Change == GapChange.Closed), host.Closed);
            }

            // Every other number is the same as without the closed rows.
            Assert.Equal(openOnly.Count, summaries.Count);
            for (int i = 0; i < summaries.Count; i++)
            {
                foreach (var property in typeof(VantageSummary).GetProperties().Where(property => property.Name != nameof(VantageSummary.Closed)))
                    Assert.Equal(property.GetValue(openOnly[i]), property.GetValue(summaries[i]));
            }
        }

        [Fact]
        public void A_machine_known_only_from_closed_rows_counts_no_host()
        {
            var gone = new VantageComparison
            {
                HostName = "retired.corp.example.com", ScannerIP = "10.9.9.9", HostCoverage = Presence.ScannerOnly, QID = 38170,
                Presence = Presence.ScannerOnly, Reason = GapReason.NoAgentOnHost, Change = GapChange.Closed, PreviousAction = GapAction.DeployAgent,
            };
            List<VantageComparison> rows = BaselineRows.Demo();
            rows.Add(gone);
            IReadOnlyList<VantageSummary> summaries = VantageSummarizer.Summarize(rows);
            VantageSummary retired = summaries.Single(summary => summary.HostName == gone.HostName);
            Assert.Equal((0, 1, 0, 0, GapAction.None), (retired.Hosts, retired.Closed, retired.ScannerOnly, retired.NoAgentOnHost, retired.Action));
            Assert.Equal(VantageSummarizer.Summarize(BaselineRows.Demo()).Last().Hosts, summaries.Last().Hosts);
        }
    }
}
