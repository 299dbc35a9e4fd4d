using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class SummaryTests
    {
        private static VantageComparison Row(string host, int qid, Presence presence, FindingType? scannerType = FindingType.Confirmed,
            FindingType? agentType = FindingType.Confirmed, Presence coverage = Presence.Both, GapReason reason = GapReason.None,
            string? scannerIP = "10.0.0.5", string? agentIP = "10.0.0.5", string? agentHostId = "1001", MatchMethod matchedBy = MatchMethod.Fqdn)
        {
            return new VantageComparison
            {
                HostName = host,
                ScannerIP = coverage == Presence.AgentOnly ? null : scannerIP,
                AgentIP = coverage == Presence.ScannerOnly ? null : agentIP,
                AgentHostId = coverage == Presence.ScannerOnly ? null : agentHostId,
                HostCoverage = coverage,
                MatchedBy = coverage == Presence.Both ? matchedBy : MatchMethod.None,
                QID = qid,
                Presence = presence,
                ScannerType = presence == Presence.AgentOnly ? null : scannerType,
                AgentType = presence == Presence.ScannerOnly ? null : agentType,
                Reason = reason,
            };
        }

        [Fact]
        public void One_summary_per_machine_counts_each_side_and_the_gaps()
        {
            var summaries = VantageSummarizer.Summarize(new[]
            {
                Row("db-01", 90043, Presence.Both),
                Row("db-01", 105170, Presence.ScannerOnly, scannerType: FindingType.Potential, reason: GapReason.NeedsNetworkExposure),
                Row("db-01", 91900, Presence.AgentOnly, reason: GapReason.NeedsLocalAccess),
                Row("dev-9", 376187, Presence.AgentOnly, coverage: Presence.AgentOnly, reason: GapReason.HostNotScanned, agentIP: "10.0.0.99", agentHostId: "1012"),
                Row("dev-9", 91700, Presence.AgentOnly, agentType: FindingType.Potential, coverage: Presence.AgentOnly, reason: GapReason.HostNotScanned, agentIP: "10.0.0.99", agentHostId: "1012"),
            });

            Assert.Equal(3, summaries.Count);
            var db01 = summaries[0];
            Assert.Equal((SummaryScope.Host, "db-01", (Presence?)Presence.Both, MatchMethod.Fqdn, 1), (db01.Scope, db01.HostName, db01.HostCoverage, db01.MatchedBy, db01.Hosts));
            Assert.Equal((2, 1, 1), (db01.ScannerTotal, db01.ScannerConfirmed, db01.ScannerPotential));
            Assert.Equal((2, 2, 0), (db01.AgentTotal, db01.AgentConfirmed, db01.AgentPotential));
            Assert.Equal((1, 1, 1), (db01.Both, db01.ScannerOnly, db01.AgentOnly));
            Assert.Equal(33.3, db01.AgentOnlyPercent);
            Assert.Equal((1, 1, 0), (db01.NeedsLocalAccess, db01.NeedsNetworkExposure, db01.HostNotScanned));

            var dev9 = summaries[1];
            Assert.Equal(((Presence?)Presence.AgentOnly, MatchMethod.None), (dev9.HostCoverage, dev9.MatchedBy));
            Assert.Equal((0, 2, 1, 1), (dev9.ScannerTotal, dev9.AgentTotal, dev9.AgentConfirmed, dev9.AgentPotential));
            Assert.Equal(100.0, dev9.AgentOnlyPercent);
            Assert.Equal(2, dev9.HostNotScanned);

            var total = summaries[2];
            Assert.Equal((SummaryScope.Total, "(all hosts)", (Presence?)null, MatchMethod.None, 2), (total.Scope, total.HostName, total.HostCoverage, total.MatchedBy, total.Hosts));
            Assert.Equal((2, 4), (total.ScannerTotal, total.AgentTotal));
            Assert.Equal((1, 1, 3), (total.Both, total.ScannerOnly, total.AgentOnly));
            Assert.Equal(60.0, total.AgentOnlyPercent);
            Assert.Equal((1, 1, 2), (total.NeedsLocalAccess, total.NeedsNetworkExposure, total.HostNotScanned));
        }

        [Fact]
        public void Every_reason_has_its_counter()
        {
            var reasons = ((GapReason[])Enum.GetValues(typeof(GapReason))).Where(r => r != GapReason.None).ToList();
            var rows = reasons.Select((reason, i) => Row("h", 1000 + i, Presence.ScannerOnly, reason: reason)).ToList();

            var host = VantageSummarizer.Summarize(rows)[0];

            Assert.Equal(reasons.Count, new[]
            {
                host.NeedsLocalAccess, host.ScanNotAuthenticated, host.HostNotScanned, host.OutsideScanTargets, host.ScannerMissed, host.NeedsNetworkExposure,
                host.AgentFixedSinceScan, host.NoAgentOnHost, host.AgentStale, host.AgentMissed, host.AgentReportsFixed,
            }.Sum());
            Assert.All(new[]
            {
                host.NeedsLocalAccess, host.ScanNotAuthenticated, host.HostNotScanned, host.OutsideScanTargets, host.ScannerMissed, host.NeedsNetworkExposure,
                host.AgentFixedSinceScan, host.NoAgentOnHost, host.AgentStale, host.AgentMissed, host.AgentReportsFixed,
            }, count => Assert.Equal(1, count));
        }

        [Fact]
        public void Percentages_round_to_one_decimal_away_from_zero()
        {
            var rows = Enumerable.Range(1, 16).Select(q => Row("h", q, q == 1 ? Presence.AgentOnly : Presence.Both)).ToList();
            Assert.Equal(6.3, VantageSummarizer.Summarize(rows)[0].AgentOnlyPercent);

            rows = Enumerable.Range(1, 3).Select(q => Row("h", q, q == 1 ? Presence.Both : Presence.AgentOnly)).ToList();
            Assert.Equal(66.7, VantageSummarizer.Summarize(rows)[0].AgentOnlyPercent);
        }

        [Fact]
        public void No_rows_give_a_total_of_nothing()
        {
            var total = Assert.Single(VantageSummarizer.Summarize(Array.Empty<VantageComparison>()));
            Assert.Equal((SummaryScope.Total, 0, 0, 0.0), (total.Scope, total.Hosts, total.Both, total.AgentOnlyPercent));
        }

        [Fact]
        public void Machines_with_one_name_stay_apart_and_order_does_not_depend_on_input()
        {
            var rows = new[]
            {
                Row("app-1.corp.example.com", 90043, Presence.ScannerOnly, coverage: Presence.ScannerOnly, scannerIP: "10.0.0.60"),
                Row("app-1.corp.example.com", 90043, Presence.AgentOnly, coverage: Presence.AgentOnly, agentIP: "10.0.0.61", agentHostId: "1010"),
                Row("app-1.corp.example.com", 91900, Presence.AgentOnly, coverage: Presence.AgentOnly, agentIP: "10.0.0.61", agentHostId: "1010"),
                Row("app-1.corp.example.com", 90043, Presence.AgentOnly, coverage: Presence.AgentOnly, agentIP: "10.0.0.60", agentHostId: "1009"),
                Row("Zeta", 1, Presence.Both),
                Row("alpha", 1, Presence.Both),
            };

            var forward = VantageSummarizer.Summarize(rows);
            var backward = VantageSummarizer.Summarize(rows.Reverse());

            var expected = new[] { ("alpha", 1), ("app-1.corp.example.com", 1), ("app-1.corp.example.com", 2), ("app-1.corp.example.com", 1), ("Zeta", 1), ("(all hosts)", 6) };
            Assert.Equal(expected, forward.Select(s => (s.HostName!, s.Both + s.ScannerOnly + s.AgentOnly)));
            Assert.Equal(expected, backward.Select(s => (s.HostName!, s.Both + s.ScannerOnly + s.AgentOnly)));
            Assert.Equal(new Presence?[] { Presence.Both, Presence.AgentOnly, Presence.AgentOnly, Presence.ScannerOnly, Presence.Both, null }, forward.Select(s => s.HostCoverage));
            Assert.Equal(5, forward.Last().Hosts);
        }

        [Fact]
        public void The_input_is_read_once_as_a_stream()
        {
            int produced = 0;
            IEnumerable<VantageComparison> Stream()
            {
                for (int qid = 1; qid <= 1000; qid++)
                {
                    produced++;
                    yield return Row("h" + (qid % 7), qid, (Presence)(qid % 3));
                }
            }

            var summaries = VantageSummarizer.Summarize(Stream());

            Assert.Equal(1000, produced);
            Assert.Equal(8, summaries.Count);
            Assert.Equal(1000, summaries.Last().Both + summaries.Last().ScannerOnly + summaries.Last().AgentOnly);
        }

        // ---- the trap scenario, read from real file formats ----

        [Fact]
        public void Trap_scenario_summary()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());
            var summaries = VantageSummarizer.Summarize(trap.Rows);

            Assert.Equal(16, summaries.Count);
            var db01 = Assert.Single(summaries, s => s.HostName == "db-01.corp.example.com");
            Assert.Equal(((Presence?)Presence.Both, MatchMethod.Fqdn), (db01.HostCoverage, db01.MatchedBy));
            Assert.Equal((6, 5, 1), (db01.ScannerTotal, db01.ScannerConfirmed, db01.ScannerPotential));
            Assert.Equal((3, 3, 0), (db01.AgentTotal, db01.AgentConfirmed, db01.AgentPotential));
            Assert.Equal((2, 4, 1), (db01.Both, db01.ScannerOnly, db01.AgentOnly));
            Assert.Equal(14.3, db01.AgentOnlyPercent);

            var nas1 = Assert.Single(summaries, s => s.HostName == "nas-1.corp.example.com");
            Assert.Equal((MatchMethod.IP, 1, 1, 1, 33.3), (nas1.MatchedBy, nas1.Both, nas1.ScannerOnly, nas1.AgentOnly, nas1.AgentOnlyPercent));
            Assert.Equal(3, summaries.Count(s => s.HostName == "app-1.corp.example.com"));

            var total = summaries.Last();
            Assert.Equal((SummaryScope.Total, 15), (total.Scope, total.Hosts));
            Assert.Equal((5, 14, 16), (total.Both, total.ScannerOnly, total.AgentOnly));
            Assert.Equal((19, 18, 1), (total.ScannerTotal, total.ScannerConfirmed, total.ScannerPotential));
            Assert.Equal((21, 21, 0), (total.AgentTotal, total.AgentConfirmed, total.AgentPotential));
            Assert.Equal(45.7, total.AgentOnlyPercent);
            Assert.Equal(trap.Rows.Select(r => r.HostName).Distinct().ToList(), summaries.Take(15).Select(s => s.HostName).Distinct().ToList());
        }
    }
}
