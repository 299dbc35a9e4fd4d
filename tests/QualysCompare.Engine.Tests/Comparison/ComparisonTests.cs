using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using Xunit;
using static QualysCompare.Engine.Tests.Findings;

namespace QualysCompare.Engine.Tests
{
    public sealed class ComparisonTests
    {
        private static List<VantageComparison> Compare(ComparisonOptions options, params QualysFinding[] findings)
        {
            var comparer = new VantageComparer(options);
            comparer.AddRange(findings);
            return comparer.Compare().ToList();
        }

        private static List<VantageComparison> Compare(params QualysFinding[] findings) => Compare(new ComparisonOptions(), findings);

        private static readonly QualysFinding[] Db01 =
        {
            Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, severity: 2, port: 3389, protocol: "tcp", title: "SSL Certificate - Subject Common Name Does Not Match Server FQDN"),
            Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, severity: 2, port: 443, protocol: "TCP"),
            Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, severity: 2, port: 3389, protocol: "tcp"),
            Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 90043, port: 445, protocol: "tcp"),
            Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 90043),
            Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 91900, DetectionStatus.New, severity: 5),
        };

        [Fact]
        public void Port_instances_fold_into_one_row_with_sorted_distinct_ports()
        {
            var rows = Compare(Db01);

            var row = Assert.Single(rows, r => r.QID == 38170);
            Assert.Equal("443/tcp, 3389/tcp", row.ScannerPorts);
            Assert.Equal(Presence.ScannerOnly, row.Presence);
            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN", row.Title);
        }

        [Fact]
        public void Ports_sort_by_number_and_a_port_without_protocol_stays_bare()
        {
            var rows = Compare(
                Scanner("10.0.0.5", null, null, 1, port: 8443, protocol: "tcp"),
                Scanner("10.0.0.5", null, null, 1, port: 443, protocol: "udp"),
                Scanner("10.0.0.5", null, null, 1, port: 443, protocol: "tcp"),
                Scanner("10.0.0.5", null, null, 1, port: 80),
                Scanner("10.0.0.5", null, null, 1));

            Assert.Equal("80, 443/tcp, 443/udp, 8443/tcp", Assert.Single(rows).ScannerPorts);
        }

        [Fact]
        public void Each_machine_and_qid_is_one_row_with_presence_and_both_sides_columns()
        {
            var rows = Compare(Db01);

            Assert.Equal(new[] { 38170, 90043, 91900 }, rows.Select(r => r.QID));
            var both = rows[1];
            Assert.Equal(Presence.Both, both.Presence);
            Assert.Equal("db-01.corp.example.com", both.HostName);
            Assert.Equal("db-01.corp.example.com", both.DnsName);
            Assert.Equal("DB-01", both.NetBiosName);
            Assert.Equal("10.0.0.5", both.ScannerIP);
            Assert.Equal("10.0.0.5", both.AgentIP);
            Assert.Equal("1001", both.AgentHostId);
            Assert.Equal(MatchMethod.Fqdn, both.MatchedBy);
            Assert.Equal(MatchConfidence.High, both.MatchConfidence);
            Assert.Equal(Presence.Both, both.HostCoverage);
            Assert.Equal(FindingType.Confirmed, both.ScannerType);
            Assert.Equal(FindingType.Confirmed, both.AgentType);
            Assert.Equal("445/tcp", both.ScannerPorts);
            Assert.Equal(DetectionStatus.Active, both.AgentStatus);
            Assert.Equal(AgentDate, both.AgentLastDetected);
            Assert.Equal(ScanDate, both.ScannerLastScanned);
            Assert.Equal(AgentDate, both.AgentLastAssessed);
            Assert.Equal(GapReason.None, both.Reason);
            Assert.Equal(ReasonSource.None, both.ReasonSource);
            Assert.Null(both.ReasonDetail);
            Assert.Equal(ScannerAuthentication.Unknown, both.ScannerAuthentication);

            var agentOnly = rows[2];
            Assert.Equal(Presence.AgentOnly, agentOnly.Presence);
            Assert.Null(agentOnly.ScannerType);
            Assert.Null(agentOnly.ScannerPorts);
            Assert.Equal(DetectionStatus.New, agentOnly.AgentStatus);
            Assert.Equal(5, agentOnly.Severity);
        }

        [Fact]
        public void Title_cves_and_category_come_from_whichever_side_carries_them_once_per_qid()
        {
            var scanner = Scanner("10.0.0.5", null, "A", 91850, title: null);
            scanner.Title = null;
            var agent = Agent("1", "10.0.0.6", null, "A", 91850);
            agent.Title = "Microsoft Windows Security Update for November 2021";
            agent.CveIds = "CVE-2021-42278; CVE-2021-42287";
            agent.Category = "Windows";
            var other = Scanner("10.0.0.7", null, "B", 91850);
            other.Title = null;

            var rows = Compare(scanner, agent, other);

            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal("Microsoft Windows Security Update for November 2021", r.Title));
            Assert.All(rows, r => Assert.Equal("CVE-2021-42278; CVE-2021-42287", r.CveIds));
            Assert.All(rows, r => Assert.Equal("Windows", r.Category));
        }

        [Fact]
        public void A_qid_the_agent_reports_fixed_is_absent_unless_fixed_ones_are_included()
        {
            var findings = new[]
            {
                Scanner("10.0.0.5", "db-01.corp.example.com", null, 91850, severity: 4),
                Agent("1001", "10.0.0.5", "db-01.corp.example.com", null, 91850, DetectionStatus.Fixed, severity: 4, lastDetected: AgentDate.AddDays(-5)),
                Agent("1001", "10.0.0.5", "db-01.corp.example.com", null, 91700, DetectionStatus.Fixed, severity: 4),
            };

            var row = Assert.Single(Compare(findings));
            Assert.Equal(91850, row.QID);
            Assert.Equal(Presence.ScannerOnly, row.Presence);
            Assert.Equal(DetectionStatus.Fixed, row.AgentStatus);
            Assert.Equal(AgentDate.AddDays(-5), row.AgentLastDetected);
            Assert.Null(row.AgentType);

            var included = Compare(new ComparisonOptions { IncludeFixed = true }, findings);
            Assert.Equal(new[] { (91700, Presence.AgentOnly), (91850, Presence.Both) }, included.Select(r => (r.QID, r.Presence)));
            Assert.All(included, r => Assert.Equal(DetectionStatus.Fixed, r.AgentStatus));
            Assert.All(included, r => Assert.Equal(FindingType.Confirmed, r.AgentType));
        }

        [Fact]
        public void A_qid_fixed_on_one_port_and_active_on_another_is_live()
        {
            var row = Assert.Single(Compare(
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 38170, DetectionStatus.Fixed, port: 443, protocol: "tcp", lastDetected: AgentDate),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 38170, DetectionStatus.ReOpened, port: 8443, protocol: "tcp", lastDetected: AgentDate.AddDays(-1))));

            Assert.Equal(Presence.AgentOnly, row.Presence);
            Assert.Equal(DetectionStatus.ReOpened, row.AgentStatus);
            Assert.Equal(AgentDate, row.AgentLastDetected);
        }

        [Fact]
        public void Information_gathered_qids_are_left_out_unless_asked_for()
        {
            var findings = new[]
            {
                Scanner("10.0.0.5", "a.corp.example.com", null, 45038, FindingType.Information, 1),
                Scanner("10.0.0.5", "a.corp.example.com", null, 90043),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 90235, null, FindingType.Information, 1),
            };

            Assert.Equal(new[] { 90043 }, Compare(findings).Select(r => r.QID));
            Assert.Equal(new[] { 45038, 90043, 90235 }, Compare(new ComparisonOptions { IncludeInformational = true }, findings).Select(r => r.QID));
            Assert.Equal(new[] { 45038, 90235 }, Compare(new ComparisonOptions { Types = new[] { FindingType.Information } }, findings).Select(r => r.QID));
        }

        [Fact]
        public void A_host_the_scanner_saw_only_information_on_still_pairs_with_its_agent()
        {
            var rows = Compare(
                Scanner("10.0.0.70", "lnx-5.corp.example.com", null, 45038, FindingType.Information, 1),
                Agent("1011", "10.0.0.70", "lnx-5.corp.example.com", null, 198890));

            var row = Assert.Single(rows);
            Assert.Equal(Presence.AgentOnly, row.Presence);
            Assert.Equal(Presence.Both, row.HostCoverage);
            Assert.Equal(MatchMethod.Fqdn, row.MatchedBy);
            Assert.Equal("10.0.0.70", row.ScannerIP);
            Assert.Equal(ScanDate, row.ScannerLastScanned);
        }

        [Fact]
        public void Minimum_severity_keeps_rows_at_or_above_it_and_drops_unknown_severity()
        {
            var findings = new[]
            {
                Scanner("10.0.0.5", "a.corp.example.com", null, 1, severity: 2),
                Scanner("10.0.0.5", "a.corp.example.com", null, 2, severity: 3),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 3, severity: 5),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 4, severity: null),
            };

            Assert.Equal(new[] { 2, 3 }, Compare(new ComparisonOptions { MinimumSeverity = 3 }, findings).Select(r => r.QID));
            Assert.Equal(new[] { 1, 2, 3, 4 }, Compare(new ComparisonOptions { MinimumSeverity = 1 }, findings).Select(r => r.QID));
        }

        [Fact]
        public void The_KnowledgeBase_fills_severity_before_the_minimum_severity_judges_the_row()
        {
            var knowledgeBase = new KnowledgeBase();
            knowledgeBase.Add(new KnowledgeBaseEntry { QID = 4, Severity = 5, Title = "Known severe", Category = "Windows", CveIds = "CVE-2024-0001" });
            knowledgeBase.Add(new KnowledgeBaseEntry { QID = 1, Severity = 5, Title = "Reported mild" });
            var findings = new[]
            {
                Scanner("10.0.0.5", "a.corp.example.com", null, 1, severity: 2),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 4, severity: null),
            };

            var severe = Compare(new ComparisonOptions { MinimumSeverity = 4, KnowledgeBase = knowledgeBase }, findings);
            var all = Compare(new ComparisonOptions { MinimumSeverity = 1, KnowledgeBase = knowledgeBase }, findings);

            // QID 4 has no severity of its own: the KnowledgeBase's 5 decides, under either filter.
            var row = Assert.Single(severe);
            Assert.Equal(4, row.QID);
            Assert.Equal(5, row.Severity);
            Assert.Equal(new[] { 1, 4 }, all.Select(r => r.QID));
            Assert.Equal(new int?[] { 2, 5 }, all.Select(r => r.Severity));
            // What a finding says wins over the KnowledgeBase; what it lacks is filled.
            Assert.Equal(("QID 1", "Known severe", "Windows", "CVE-2024-0001"), (all[0].Title, all[1].Title, all[1].Category, all[1].CveIds));
        }

        [Fact]
        public void Type_filter_keeps_a_row_when_a_side_that_saw_it_reported_a_wanted_type()
        {
            var findings = new[]
            {
                Scanner("10.0.0.5", "a.corp.example.com", null, 105170, FindingType.Potential, 2),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 105170, type: FindingType.Confirmed, severity: 2),
                Scanner("10.0.0.5", "a.corp.example.com", null, 38170, FindingType.Confirmed, 2),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 91850, DetectionStatus.Fixed, FindingType.Potential, 4),
            };

            var potential = Assert.Single(Compare(new ComparisonOptions { Types = new[] { FindingType.Potential } }, findings));
            Assert.Equal(105170, potential.QID);
            Assert.Equal(Presence.Both, potential.Presence);
            Assert.Equal(FindingType.Potential, potential.ScannerType);
            Assert.Equal(FindingType.Confirmed, potential.AgentType);
            Assert.Equal(FindingType.Confirmed, potential.Type);

            Assert.Equal(new[] { 38170, 105170 }, Compare(new ComparisonOptions { Types = new[] { FindingType.Confirmed } }, findings).Select(r => r.QID));
        }

        [Fact]
        public void Hosts_without_counterpart_still_produce_their_rows()
        {
            var rows = Compare(
                Scanner("10.0.0.50", "prn-3.corp.example.com", "PRN-3", 11827, port: 80, protocol: "tcp"),
                Agent("1012", "10.0.0.99", "dev-9.corp.example.com", "DEV-9", 376187));

            Assert.Equal(2, rows.Count);
            var agentOnly = rows[0];
            Assert.Equal(("dev-9.corp.example.com", Presence.AgentOnly, Presence.AgentOnly, MatchMethod.None, MatchConfidence.None),
                (agentOnly.HostName, agentOnly.HostCoverage, agentOnly.Presence, agentOnly.MatchedBy, agentOnly.MatchConfidence));
            Assert.Null(agentOnly.ScannerIP);
            Assert.Null(agentOnly.ScannerLastScanned);
            var scannerOnly = rows[1];
            Assert.Equal(("prn-3.corp.example.com", Presence.ScannerOnly, Presence.ScannerOnly, MatchMethod.None),
                (scannerOnly.HostName, scannerOnly.HostCoverage, scannerOnly.Presence, scannerOnly.MatchedBy));
            Assert.Null(scannerOnly.AgentHostId);
            Assert.Null(scannerOnly.AgentIP);
        }

        [Fact]
        public void Output_order_does_not_depend_on_input_order()
        {
            var findings = new List<QualysFinding>
            {
                Scanner("10.0.0.10", null, null, 5),
                Scanner("10.0.0.9", null, null, 5),
                Scanner("10.0.0.5", "Zeta.corp.example.com", null, 7),
                Scanner("10.0.0.5", "Zeta.corp.example.com", null, 3),
                Agent("2", "10.0.0.6", "alpha.corp.example.com", null, 9),
                Agent("1", "10.0.0.7", "ALPHA.corp.example.com", null, 9),
                Agent("3", "10.0.0.8", "beta.corp.example.com", null, 1),
                Scanner("10.0.0.8", "beta.corp.example.com", null, 2),
            };
            var expected = new[]
            {
                // Host names compare as text (ordinal, ignoring case), also when they are addresses.
                ("10.0.0.10", 5), ("10.0.0.9", 5),
                ("alpha.corp.example.com", 9), ("ALPHA.corp.example.com", 9),
                ("beta.corp.example.com", 1), ("beta.corp.example.com", 2),
                ("Zeta.corp.example.com", 3), ("Zeta.corp.example.com", 7),
            };

            var random = new Random(20240506);
            for (int round = 0; round < 5; round++)
            {
                var shuffled = findings.OrderBy(_ => random.Next()).ToArray();
                var rows = Compare(shuffled);
                // Two agents named alpha: ordered by their addresses (10.0.0.6 is HostId 2).
                Assert.Equal(expected.Select(e => e.Item1.ToLowerInvariant()), rows.Select(r => r.HostName!.ToLowerInvariant()));
                Assert.Equal(expected.Select(e => e.Item2), rows.Select(r => r.QID));
                Assert.Equal(new[] { "2", "1" }, rows.Where(r => r.QID == 9).Select(r => r.AgentHostId));
            }
        }

        [Fact]
        public void The_explainer_sees_every_row_with_its_host_pair_and_watched_qids()
        {
            var explainer = new RecordingExplainer(105015);
            var options = new ComparisonOptions { Explainer = explainer };
            var rows = Compare(options,
                Scanner("10.0.0.5", "a.corp.example.com", null, 105015, FindingType.Information, 1),
                Scanner("10.0.0.5", "a.corp.example.com", null, 38170, port: 443, protocol: "tcp"),
                Agent("1", "10.0.0.5", "a.corp.example.com", null, 90043));

            Assert.Equal(2, rows.Count);
            Assert.Equal(rows, explainer.Rows);
            Assert.All(rows, r => Assert.Equal(GapReason.ScannerMissed, r.Reason));
            var pair = explainer.Pairs.Distinct().Single();
            Assert.True(pair.ScannerReported(105015));
            Assert.False(pair.AgentReported(105015));
            Assert.True(pair.ScannerReported(38170));
            Assert.Equal("443/tcp", pair.ScannerFinding(38170)!.Ports);
            Assert.Equal(new[] { 90043 }, pair.AgentFindings.Select(f => f.QID));
        }

        [Fact]
        public void Findings_cannot_be_added_once_hosts_are_matched()
        {
            var comparer = new VantageComparer();
            comparer.Add(Scanner("10.0.0.5", null, null, 1));
            comparer.Compare();

            Assert.Throws<InvalidOperationException>(() => comparer.Add(Scanner("10.0.0.6", null, null, 1)));
        }

        [Fact]
        public void Host_and_qid_keys_spread_over_buckets()
        {
            // long.GetHashCode gives host ^ QID, which is 0 for every host i paired with QID i and
            // made the cell index quadratic; the packed-key hash must tell them apart.
            var hashes = new HashSet<int>();
            for (int i = 0; i < 10000; i++) hashes.Add(PackedKeyComparer.Instance.GetHashCode(((long)i << 32) | (uint)i));
            Assert.Equal(10000, hashes.Count);
        }

        private sealed class RecordingExplainer : IGapExplainer
        {
            public RecordingExplainer(params int[] watched) => WatchedQids = watched;

            public IEnumerable<int> WatchedQids { get; }
            public List<VantageComparison> Rows { get; } = new List<VantageComparison>();
            public List<HostPair> Pairs { get; } = new List<HostPair>();

            public void Explain(VantageComparison row, HostPair pair)
            {
                row.Reason = GapReason.ScannerMissed;
                Rows.Add(row);
                Pairs.Add(pair);
            }
        }

        // ---- the trap scenario, read from real file formats ----

        [Fact]
        public void Trap_scenario_counts_per_host_by_default()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());

            Assert.Equal((0, 2, 0), trap.Counts("10.0.0.31"));
            Assert.Equal((0, 1, 0), trap.Counts("203.0.113.10"));
            Assert.Equal((0, 0, 1), trap.Counts("app-1.corp.example.com", agentHostId: "1009"));
            Assert.Equal((0, 0, 2), trap.Counts("app-1.corp.example.com", agentHostId: "1010"));
            Assert.Equal((0, 2, 0), trap.Counts("app-1.corp.example.com", scannerIP: "10.0.0.60"));
            Assert.Equal((2, 4, 1), trap.Counts("db-01.corp.example.com"));
            Assert.Equal((0, 0, 1), trap.Counts("dev-9.corp.example.com"));
            Assert.Equal((0, 0, 2), trap.Counts("laptop-7.corp.example.com"));
            Assert.Equal((0, 0, 2), trap.Counts("lnx-5.corp.example.com"));
            Assert.Equal((1, 1, 1), trap.Counts("nas-1.corp.example.com"));
            Assert.Equal((0, 2, 0), trap.Counts("prn-3.corp.example.com"));
            Assert.Equal((0, 0, 1), trap.Counts("rw-anna.corp.example.com"));
            Assert.Equal((0, 0, 2), trap.Counts("rw-ben.corp.example.com"));
            Assert.Equal((1, 1, 2), trap.Counts("win-01.corp.example.com"));
            Assert.Equal((1, 1, 1), trap.Counts("ws-12.corp.example.com"));
            Assert.Equal(35, trap.Rows.Count);
        }

        [Fact]
        public void Trap_scenario_rows_come_in_host_then_qid_order()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());

            Assert.Equal(new[] { 38170, 38601, 82003, 90043, 91850, 91900, 105170 },
                trap.Rows.Where(r => r.HostName == "db-01.corp.example.com").Select(r => r.QID));
            var hostOrder = trap.Rows.Select(r => (r.HostName, r.ScannerIP, r.AgentHostId)).Distinct().ToList();
            Assert.Equal(new (string?, string?, string?)[]
            {
                ("10.0.0.31", "10.0.0.31", null), ("203.0.113.10", "203.0.113.10", null),
                ("app-1.corp.example.com", null, "1009"), ("app-1.corp.example.com", null, "1010"), ("app-1.corp.example.com", "10.0.0.60", null),
                ("db-01.corp.example.com", "10.0.0.5", "1001"), ("dev-9.corp.example.com", null, "1012"), ("laptop-7.corp.example.com", null, "1003"),
                ("lnx-5.corp.example.com", "10.0.0.70", "1011"), ("nas-1.corp.example.com", "10.0.0.40", "1006"), ("prn-3.corp.example.com", "10.0.0.50", null),
                ("rw-anna.corp.example.com", null, "1007"), ("rw-ben.corp.example.com", null, "1008"), ("win-01.corp.example.com", "10.0.0.21", "1002"),
                ("ws-12.corp.example.com", "10.0.0.88", "1004"),
            }, hostOrder);
            for (int i = 1; i < trap.Rows.Count; i++)
                if (trap.Rows[i].HostName == trap.Rows[i - 1].HostName && trap.Rows[i].ScannerIP == trap.Rows[i - 1].ScannerIP && trap.Rows[i].AgentHostId == trap.Rows[i - 1].AgentHostId)
                    Assert.True(trap.Rows[i - 1].QID < trap.Rows[i].QID);

            var reversed = TrapScenario.Load(new ComparisonOptions(), Enumerable.Reverse(TrapScenario.ReadFindings()));
            Assert.Equal(trap.Rows.Select(r => (r.HostName, r.QID, r.Presence)), reversed.Rows.Select(r => (r.HostName, r.QID, r.Presence)));
        }

        [Fact]
        public void Trap_scenario_folds_one_qid_on_two_ports()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());

            var row = trap.Row("db-01.corp.example.com", 38170);
            Assert.Equal("443/tcp, 3389/tcp", row.ScannerPorts);
            Assert.Equal(Presence.ScannerOnly, row.Presence);
            Assert.Equal("3389/tcp", trap.Row("db-01.corp.example.com", 38601).ScannerPorts);
            Assert.Equal("CVE-2013-2566; CVE-2015-2808", trap.Row("db-01.corp.example.com", 38601).CveIds);
            Assert.Null(trap.Row("db-01.corp.example.com", 82003).ScannerPorts);
        }

        [Fact]
        public void Trap_scenario_fixed_detections_without_and_with_include_fixed()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());
            var fixedRow = trap.Row("db-01.corp.example.com", 91850);
            Assert.Equal(Presence.ScannerOnly, fixedRow.Presence);
            Assert.Equal(DetectionStatus.Fixed, fixedRow.AgentStatus);
            Assert.Equal(new DateTime(2024, 5, 1, 22, 0, 0, DateTimeKind.Utc), fixedRow.AgentLastDetected);
            Assert.DoesNotContain(trap.Rows, r => r.QID == 91700);

            var withFixed = TrapScenario.Load(new ComparisonOptions { IncludeFixed = true });
            Assert.Equal(Presence.Both, withFixed.Row("db-01.corp.example.com", 91850).Presence);
            Assert.Equal(Presence.AgentOnly, withFixed.Row("db-01.corp.example.com", 91700).Presence);
            Assert.Equal(Presence.AgentOnly, withFixed.Row("dev-9.corp.example.com", 91700).Presence);
            Assert.Equal((3, 3, 2), withFixed.Counts("db-01.corp.example.com"));
            Assert.Equal((0, 0, 2), withFixed.Counts("dev-9.corp.example.com"));
            Assert.Equal(37, withFixed.Rows.Count);
        }

        [Fact]
        public void Trap_scenario_informational_qids_excluded_and_included()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());
            Assert.DoesNotContain(trap.Rows, r => r.Type == FindingType.Information);

            var withInfo = TrapScenario.Load(new ComparisonOptions { IncludeInformational = true });
            var info = withInfo.Rows.Where(r => r.Type == FindingType.Information).Select(r => (r.HostName, r.QID, r.Presence)).ToList();
            Assert.Equal(new (string?, int, Presence)[]
            {
                ("db-01.corp.example.com", 6, Presence.ScannerOnly),
                ("db-01.corp.example.com", 45038, Presence.ScannerOnly),
                ("db-01.corp.example.com", 90235, Presence.AgentOnly),
                ("lnx-5.corp.example.com", 6, Presence.ScannerOnly),
                ("lnx-5.corp.example.com", 45038, Presence.ScannerOnly),
                ("prn-3.corp.example.com", 45038, Presence.ScannerOnly),
                ("win-01.corp.example.com", 45038, Presence.ScannerOnly),
            }, info);
            Assert.Equal(42, withInfo.Rows.Count);
        }

        [Fact]
        public void Trap_scenario_minimum_severity_and_type_filters()
        {
            var severe = TrapScenario.Load(new ComparisonOptions { MinimumSeverity = 4 });
            Assert.All(severe.Rows, r => Assert.True(r.Severity >= 4));
            Assert.Equal(new[] { 91900, 91850, 91900, 376187, 376187, 197500, 376187, 91850, 376187, 91850, 376187, 376187 },
                severe.Rows.Select(r => r.QID));

            var potential = TrapScenario.Load(new ComparisonOptions { Types = new[] { FindingType.Potential } });
            var row = Assert.Single(potential.Rows);
            Assert.Equal((105170, Presence.Both, FindingType.Potential, FindingType.Confirmed),
                (row.QID, row.Presence, row.ScannerType, row.AgentType));
        }

        [Fact]
        public void Trap_scenario_row_columns_for_a_churned_pair()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());

            var row = trap.Row("ws-12.corp.example.com", 90043);
            Assert.Equal(Presence.Both, row.Presence);
            Assert.Equal("10.0.0.88", row.ScannerIP);
            Assert.Equal("10.0.0.31", row.AgentIP);
            Assert.Equal("1004", row.AgentHostId);
            Assert.Equal("445/tcp", row.ScannerPorts);
            Assert.Equal("SMB Signing Disabled or SMB Signing Not Required", row.Title);
            Assert.Equal(new DateTime(2024, 5, 6, 9, 0, 0, DateTimeKind.Utc), row.ScannerLastScanned);
            Assert.Equal(new DateTime(2024, 5, 6, 23, 30, 0, DateTimeKind.Utc), row.AgentLastAssessed);
        }
    }
}
