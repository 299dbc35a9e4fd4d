using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;
using Xunit;
using static QualysCompare.Engine.Tests.Findings;

namespace QualysCompare.Engine.Tests
{
    public sealed class MatchingTests
    {
        private static (IReadOnlyList<HostPair> Pairs, List<string> Warnings) Match(params QualysFinding[] findings)
        {
            var warnings = new List<string>();
            var comparer = new VantageComparer(new ComparisonOptions { Output = new RecordedOutput(warnings) });
            comparer.AddRange(findings);
            return (comparer.Pairs, warnings);
        }

        private static HostPair PairOf(IReadOnlyList<HostPair> pairs, string? scannerIP, string? agentHostId) =>
            Assert.Single(pairs, p => p.Scanner?.IP == scannerIP && p.Agent?.HostId == agentHostId);

        [Fact]
        public void HostId_pairs_records_even_when_their_names_disagree()
        {
            var (pairs, warnings) = Match(
                Scanner("10.1.1.1", null, "OLDNAME", 1001, hostId: "42"),
                Agent("42", "10.1.1.9", "newname.corp.example.com", "NEWNAME", 1001));

            var pair = PairOf(pairs, "10.1.1.1", "42");
            Assert.Equal(MatchMethod.HostId, pair.MatchedBy);
            Assert.Equal(MatchConfidence.High, pair.MatchConfidence);
            Assert.Equal(Presence.Both, pair.HostCoverage);
            Assert.Single(pairs);
            Assert.Empty(warnings);
        }

        [Fact]
        public void AgentId_pairs_regardless_of_case()
        {
            var (pairs, _) = Match(
                Scanner("10.1.1.2", null, null, 1001, agentId: "6F1E3C2A-8D4B-4C1E-9A7F-0B1C2D3E4F01"),
                Agent("77", "10.1.1.3", "srv.corp.example.com", null, 1001, agentId: "6f1e3c2a-8d4b-4c1e-9a7f-0b1c2d3e4f01"));

            var pair = PairOf(pairs, "10.1.1.2", "77");
            Assert.Equal(MatchMethod.AgentId, pair.MatchedBy);
            Assert.Equal(MatchConfidence.High, pair.MatchConfidence);
        }

        [Fact]
        public void Fqdn_pairs_ignoring_case_and_the_trailing_root_dot()
        {
            var (pairs, _) = Match(
                Scanner("10.0.0.5", "DB-01.Corp.Example.com.", "DB-01", 90043),
                Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 90043));

            var pair = PairOf(pairs, "10.0.0.5", "1001");
            Assert.Equal(MatchMethod.Fqdn, pair.MatchedBy);
            Assert.Equal(MatchConfidence.High, pair.MatchConfidence);
            Assert.Equal("db-01.corp.example.com", pair.HostName);
        }

        [Fact]
        public void NetBios_name_pairs_with_the_first_label_of_a_dns_name()
        {
            var (pairs, _) = Match(
                Scanner("10.0.0.21", null, "WIN-01", 90043),
                Agent("1002", "10.0.0.21", "win-01.corp.example.com", null, 90043));

            var pair = PairOf(pairs, "10.0.0.21", "1002");
            Assert.Equal(MatchMethod.NetBios, pair.MatchedBy);
            Assert.Equal(MatchConfidence.Medium, pair.MatchConfidence);
            Assert.Equal("win-01.corp.example.com", pair.HostName);
        }

        [Fact]
        public void A_dns_name_without_a_dot_is_a_short_name_not_an_fqdn()
        {
            var (pairs, _) = Match(
                Scanner("10.0.0.22", "kiosk", null, 90043),
                Agent("1022", "10.0.0.23", "kiosk", null, 90043));

            Assert.Equal(MatchMethod.NetBios, PairOf(pairs, "10.0.0.22", "1022").MatchedBy);
        }

        [Fact]
        public void Dhcp_churn_pairs_by_name_and_leaves_the_old_address_to_nobody()
        {
            var (pairs, warnings) = Match(
                Scanner("10.0.0.88", "ws-12.corp.example.com", "WS-12", 90043),
                Scanner("10.0.0.31", null, null, 82003),
                Agent("1004", "10.0.0.31", "ws-12.corp.example.com", "WS-12", 90043));

            var pair = PairOf(pairs, "10.0.0.88", "1004");
            Assert.Equal(MatchMethod.Fqdn, pair.MatchedBy);
            Assert.Equal("10.0.0.31", pair.Agent!.IP);
            var nameless = PairOf(pairs, "10.0.0.31", null);
            Assert.Equal(MatchMethod.None, nameless.MatchedBy);
            Assert.Equal(Presence.ScannerOnly, nameless.HostCoverage);
            Assert.Equal(2, pairs.Count);
            Assert.Empty(warnings);
        }

        [Fact]
        public void An_address_reused_by_a_device_with_another_name_is_vetoed()
        {
            var (pairs, warnings) = Match(
                Scanner("10.0.0.50", "prn-3.corp.example.com", "PRN-3", 11827),
                Agent("1003", "10.0.0.50", "laptop-7.corp.example.com", "LAPTOP-7", 376187));

            Assert.Equal(2, pairs.Count);
            Assert.Equal(Presence.ScannerOnly, PairOf(pairs, "10.0.0.50", null).HostCoverage);
            Assert.Equal(Presence.AgentOnly, PairOf(pairs, null, "1003").HostCoverage);
            Assert.All(pairs, p => Assert.Equal(MatchMethod.None, p.MatchedBy));
            Assert.Empty(warnings);
        }

        [Fact]
        public void A_scan_record_without_any_name_pairs_by_address_with_low_confidence()
        {
            var (pairs, _) = Match(
                Scanner("10.0.0.40", null, null, 38739, port: 22, protocol: "tcp"),
                Agent("1006", "10.0.0.40", "nas-1.corp.example.com", null, 38739));

            var pair = PairOf(pairs, "10.0.0.40", "1006");
            Assert.Equal(MatchMethod.IP, pair.MatchedBy);
            Assert.Equal(MatchConfidence.Low, pair.MatchConfidence);
            Assert.Equal("nas-1.corp.example.com", pair.HostName);
        }

        [Fact]
        public void An_address_two_agents_report_pairs_nothing_and_is_warned_about()
        {
            var (pairs, warnings) = Match(
                Scanner("203.0.113.10", null, null, 38628),
                Agent("1007", "203.0.113.10", "rw-anna.corp.example.com", "RW-ANNA", 376187),
                Agent("1008", "203.0.113.10", "rw-ben.corp.example.com", "RW-BEN", 376187));

            Assert.Equal(3, pairs.Count);
            Assert.All(pairs, p => Assert.Equal(MatchMethod.None, p.MatchedBy));
            var warning = Assert.Single(warnings);
            Assert.Contains("203.0.113.10", warning);
            Assert.Contains("rw-anna.corp.example.com", warning);
            Assert.Contains("rw-ben.corp.example.com", warning);
        }

        [Fact]
        public void Two_agents_with_one_fqdn_are_not_merged_and_are_both_named()
        {
            var (pairs, warnings) = Match(
                Scanner("10.0.0.60", "app-1.corp.example.com", "APP-1", 90043),
                Agent("1009", "10.0.0.60", "app-1.corp.example.com", "APP-1", 90043),
                Agent("1010", "10.0.0.61", "app-1.corp.example.com", "APP-1", 90043));

            Assert.Equal(3, pairs.Count);
            // Not paired by IP either, although 10.0.0.60 would single out HostId 1009.
            Assert.All(pairs, p => Assert.Equal(MatchMethod.None, p.MatchedBy));
            var warning = Assert.Single(warnings);
            Assert.Contains("FQDN 'app-1.corp.example.com'", warning);
            Assert.Contains("HostId 1009", warning);
            Assert.Contains("HostId 1010", warning);
            Assert.Contains("scanner host app-1.corp.example.com (10.0.0.60)", warning);
        }

        [Fact]
        public void Two_scanner_records_claiming_one_agent_are_not_merged()
        {
            var (pairs, warnings) = Match(
                Scanner("10.0.1.1", null, "WEB", 80001),
                Scanner("10.0.2.1", null, "WEB", 80001),
                Agent("2001", "10.0.3.1", "web.corp.example.com", null, 80001));

            Assert.Equal(3, pairs.Count);
            Assert.All(pairs, p => Assert.Equal(MatchMethod.None, p.MatchedBy));
            var warning = Assert.Single(warnings);
            Assert.Contains("NetBIOS name 'web'", warning);
            Assert.Contains("10.0.1.1", warning);
            Assert.Contains("10.0.2.1", warning);
            Assert.Contains("HostId 2001", warning);
        }

        [Fact]
        public void Stronger_evidence_wins_over_an_address_that_points_elsewhere()
        {
            // The agent's address is the scanner record B's, but its FQDN is record A's.
            var (pairs, _) = Match(
                Scanner("10.0.0.10", "a.corp.example.com", null, 1),
                Scanner("10.0.0.11", null, null, 1),
                Agent("3001", "10.0.0.11", "a.corp.example.com", null, 1));

            Assert.Equal(MatchMethod.Fqdn, PairOf(pairs, "10.0.0.10", "3001").MatchedBy);
            Assert.Equal(MatchMethod.None, PairOf(pairs, "10.0.0.11", null).MatchedBy);
        }

        [Fact]
        public void Scanner_records_of_one_address_and_name_in_different_files_are_one_host()
        {
            var comparer = new VantageComparer();
            comparer.Add(Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, port: 443, protocol: "tcp"));
            comparer.Add(Scanner("10.0.0.5", null, "DB-01", 38601, port: 3389, protocol: "tcp", assessed: ScanDate.AddDays(7)));

            var pair = Assert.Single(comparer.Pairs);
            Assert.Equal(new[] { 38170, 38601 }, pair.ScannerFindings.Select(f => f.QID));
            Assert.Equal(ScanDate.AddDays(7), pair.Scanner!.LastAssessed);
            Assert.Equal(1, comparer.ScannerHostCount);
        }

        [Fact]
        public void A_nameless_scan_of_an_address_folds_into_its_one_named_host_unless_the_os_differs()
        {
            var comparer = new VantageComparer();
            comparer.Add(Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, os: "Windows Server 2019"));
            comparer.Add(Scanner("10.0.0.5", null, null, 38601, os: "Windows Server 2019"));
            comparer.Add(Scanner("10.0.0.50", "laptop-7.corp.example.com", "LAPTOP-7", 90043, os: "Windows 11"));
            comparer.Add(Scanner("10.0.0.50", null, null, 11827, os: "HP LaserJet MFP"));

            var pairs = comparer.Pairs;
            Assert.Equal(3, pairs.Count);
            Assert.Equal(new[] { 38170, 38601 }, Assert.Single(pairs, p => p.Scanner!.IP == "10.0.0.5").ScannerFindings.Select(f => f.QID));
            Assert.Single(pairs, p => p.Scanner!.IP == "10.0.0.50" && p.ScannerFindings.Single().QID == 90043);
            Assert.Single(pairs, p => p.Scanner!.IP == "10.0.0.50" && p.ScannerFindings.Single().QID == 11827);
        }

        [Fact]
        public void A_nameless_scan_of_an_address_with_two_named_hosts_stays_apart_with_a_warning()
        {
            var (pairs, warnings) = Match(
                Scanner("10.0.0.50", "laptop-7.corp.example.com", "LAPTOP-7", 90043),
                Scanner("10.0.0.50", "prn-3.corp.example.com", "PRN-3", 11827),
                Scanner("10.0.0.50", null, null, 82003));

            Assert.Equal(3, pairs.Count);
            Assert.Contains(warnings, w => w.Contains("10.0.0.50") && w.Contains("laptop-7") && w.Contains("prn-3"));
        }

        [Fact]
        public void Agent_records_are_keyed_by_host_id_then_agent_id()
        {
            var comparer = new VantageComparer();
            // One agent in two exports: its address changed in between, its host ID did not.
            comparer.Add(Agent("1004", "10.0.0.31", "ws-12.corp.example.com", "WS-12", 90043, assessed: AgentDate.AddDays(-3)));
            comparer.Add(Agent("1004", "10.0.0.88", "ws-12.corp.example.com", "WS-12", 376187));
            // An export without host IDs names the same agent by its AgentId.
            comparer.Add(Agent(null, "10.0.0.99", "dev-9.corp.example.com", null, 1, agentId: "AAAA"));
            comparer.Add(Agent("1012", "10.0.0.99", "dev-9.corp.example.com", null, 2, agentId: "aaaa"));

            Assert.Equal(2, comparer.AgentHostCount);
            var ws12 = Assert.Single(comparer.Pairs, p => p.Agent!.HostId == "1004");
            Assert.Equal("10.0.0.88", ws12.Agent!.IP);
            Assert.Equal(new[] { "10.0.0.31", "10.0.0.88" }, ws12.Agent.Addresses);
            var dev9 = Assert.Single(comparer.Pairs, p => p.Agent!.HostId == "1012");
            Assert.Equal(new[] { 1, 2 }, dev9.AgentFindings.Select(f => f.QID));
        }

        [Fact]
        public void Agents_without_ids_are_keyed_by_name_and_address()
        {
            var comparer = new VantageComparer();
            comparer.Add(Agent(null, "10.9.0.1", "a.corp.example.com", null, 1));
            comparer.Add(Agent(null, "10.9.0.1", "A.corp.example.com", null, 2));
            comparer.Add(Agent(null, "10.9.0.2", "a.corp.example.com", null, 3));

            Assert.Equal(2, comparer.AgentHostCount);
        }

        [Fact]
        public void Digit_only_netbios_names_are_names_and_addresses_in_the_dns_column_are_not()
        {
            Assert.False(HostNames.IsAddress("1234"));
            Assert.True(HostNames.IsAddress("10.0.0.5"));
            Assert.True(HostNames.IsAddress("fe80::1"));
            Assert.Null(HostNames.Fqdn("10.0.0.5"));
            Assert.Null(HostNames.FirstLabel("10.0.0.5"));
            Assert.Equal("1234", HostNames.NetBios("1234"));

            var (pairs, _) = Match(
                Scanner("10.0.0.8", "10.0.0.8", null, 1),
                Agent("5001", "10.0.0.8", "box.corp.example.com", null, 1));
            // The DNS column holding the address is no name, so it cannot veto the address match.
            Assert.Equal(MatchMethod.IP, PairOf(pairs, "10.0.0.8", "5001").MatchedBy);
        }

        [Fact]
        public void Addresses_order_numerically()
        {
            Assert.True(HostNames.CompareAddresses("10.0.0.9", "10.0.0.10") < 0);
            Assert.True(HostNames.CompareAddresses(null, "10.0.0.1") < 0);
            Assert.True(HostNames.CompareAddresses("10.0.0.1", "not-an-address") < 0);
            Assert.Equal(0, HostNames.CompareAddresses("2001:DB8::1", "2001:db8:0::1"));
        }

        [Fact]
        public void Confidence_follows_the_documented_mapping()
        {
            Assert.Equal(MatchConfidence.High, HostMatch.ConfidenceOf(MatchMethod.HostId));
            Assert.Equal(MatchConfidence.High, HostMatch.ConfidenceOf(MatchMethod.AgentId));
            Assert.Equal(MatchConfidence.High, HostMatch.ConfidenceOf(MatchMethod.Fqdn));
            Assert.Equal(MatchConfidence.Medium, HostMatch.ConfidenceOf(MatchMethod.NetBios));
            Assert.Equal(MatchConfidence.Low, HostMatch.ConfidenceOf(MatchMethod.IP));
            Assert.Equal(MatchConfidence.None, HostMatch.ConfidenceOf(MatchMethod.None));
        }

        // ---- the trap scenario, read from real file formats ----

        [Fact]
        public void Trap_scenario_pairs_every_host_as_documented()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());
            var byName = trap.Pairs.Select(p => (p.HostName, p.Scanner?.IP, p.Agent?.HostId, p.MatchedBy, p.MatchConfidence, p.HostCoverage)).ToList();

            Assert.Equal(new (string?, string?, string?, MatchMethod, MatchConfidence, Presence)[]
            {
                ("10.0.0.31", "10.0.0.31", null, MatchMethod.None, MatchConfidence.None, Presence.ScannerOnly),
                ("203.0.113.10", "203.0.113.10", null, MatchMethod.None, MatchConfidence.None, Presence.ScannerOnly),
                ("app-1.corp.example.com", null, "1009", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("app-1.corp.example.com", null, "1010", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("app-1.corp.example.com", "10.0.0.60", null, MatchMethod.None, MatchConfidence.None, Presence.ScannerOnly),
                ("db-01.corp.example.com", "10.0.0.5", "1001", MatchMethod.Fqdn, MatchConfidence.High, Presence.Both),
                ("dev-9.corp.example.com", null, "1012", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("laptop-7.corp.example.com", null, "1003", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("lnx-5.corp.example.com", "10.0.0.70", "1011", MatchMethod.Fqdn, MatchConfidence.High, Presence.Both),
                ("nas-1.corp.example.com", "10.0.0.40", "1006", MatchMethod.IP, MatchConfidence.Low, Presence.Both),
                ("prn-3.corp.example.com", "10.0.0.50", null, MatchMethod.None, MatchConfidence.None, Presence.ScannerOnly),
                ("rw-anna.corp.example.com", null, "1007", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("rw-ben.corp.example.com", null, "1008", MatchMethod.None, MatchConfidence.None, Presence.AgentOnly),
                ("win-01.corp.example.com", "10.0.0.21", "1002", MatchMethod.NetBios, MatchConfidence.Medium, Presence.Both),
                ("ws-12.corp.example.com", "10.0.0.88", "1004", MatchMethod.Fqdn, MatchConfidence.High, Presence.Both),
            }, byName);
        }

        [Fact]
        public void Trap_scenario_warns_about_both_ambiguities_and_nothing_else()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());

            Assert.Equal(2, trap.Warnings.Count);
            Assert.Contains(trap.Warnings, w => w.StartsWith("Ambiguous host match by FQDN 'app-1.corp.example.com'")
                && w.Contains("HostId 1009") && w.Contains("HostId 1010") && w.Contains("10.0.0.60"));
            Assert.Contains(trap.Warnings, w => w.StartsWith("Address 203.0.113.10 is reported by 2 agent hosts")
                && w.Contains("rw-anna.corp.example.com") && w.Contains("rw-ben.corp.example.com"));
        }

        [Fact]
        public void Trap_scenario_keeps_the_agents_last_address_after_dhcp_churn()
        {
            var trap = TrapScenario.Load(new ComparisonOptions());
            var ws12 = Assert.Single(trap.Pairs, p => p.HostName == "ws-12.corp.example.com");

            Assert.Equal("10.0.0.88", ws12.Scanner!.IP);
            Assert.Equal("10.0.0.31", ws12.Agent!.IP);
        }
    }
}
