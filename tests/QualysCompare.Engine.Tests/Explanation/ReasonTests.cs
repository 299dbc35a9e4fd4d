using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class ReasonTests
    {
        private static readonly DateTime Now = ReasonScenario.Now;
        private static readonly DateTime Scan = ReasonScenario.ScanDate;

        // ---- The "every reason" scenario -------------------------------------------------------

        public static IEnumerable<object[]> Sources() => new[] { new object[] { "objects" }, new object[] { "files" } };

        private static List<QualysFinding> ScenarioFindings(string source)
        {
            var scanner = source == "files" ? ReasonScenario.ScannerFindingsFromCsv() : ReasonScenario.ScannerFindingsAsObjects();
            return scanner.Concat(ReasonScenario.AgentFindings()).ToList();
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public void Every_row_gets_its_reason_from_the_knowledge_base(string source)
        {
            var outcome = ReasonScenario.Run(ScenarioFindings(source), ReasonScenario.KnowledgeBase());

            Assert.Equal(ReasonScenario.Rows.Length, outcome.Rows.Count);
            foreach (var expected in ReasonScenario.Rows)
            {
                var row = outcome.Row(expected.Host, expected.Qid);
                Assert.True(expected.Presence == row.Presence, $"{expected.Host} QID {expected.Qid}: presence {row.Presence}");
                Assert.True(expected.WithKnowledgeBase == row.Reason, $"{expected.Host} QID {expected.Qid}: {row.Reason} ({row.ReasonDetail})");
                Assert.True(expected.Source == row.ReasonSource, $"{expected.Host} QID {expected.Qid}: source {row.ReasonSource}");
                Assert.True((row.Reason == GapReason.None) == (row.ReasonDetail == null), $"{expected.Host} QID {expected.Qid}: detail '{row.ReasonDetail}'");
            }
            // Every reason but OutsideScanTargets, which needs the scans' target lists that this
            // scenario's findings do not carry (ScanTargetTests covers it on the demo's files).
            var expectedReasons = Enum.GetValues(typeof(GapReason)).Cast<GapReason>().Where(r => r != GapReason.OutsideScanTargets);
            Assert.Equal(expectedReasons.OrderBy(r => r), outcome.Rows.Select(r => r.Reason).Distinct().OrderBy(r => r));
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public void Every_row_gets_its_reason_from_the_heuristics_without_a_knowledge_base(string source)
        {
            var outcome = ReasonScenario.Run(ScenarioFindings(source), null);

            Assert.Equal(ReasonScenario.Rows.Length, outcome.Rows.Count);
            foreach (var expected in ReasonScenario.Rows)
            {
                var row = outcome.Row(expected.Host, expected.Qid);
                Assert.True(expected.WithoutKnowledgeBase == row.Reason, $"{expected.Host} QID {expected.Qid}: {row.Reason} ({row.ReasonDetail})");
                var expectedSource = row.Reason == GapReason.None ? ReasonSource.None : ReasonSource.Heuristic;
                Assert.True(expectedSource == row.ReasonSource, $"{expected.Host} QID {expected.Qid}: source {row.ReasonSource}");
            }
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public void Every_row_and_summary_carries_its_hosts_scanner_authentication(string source)
        {
            var outcome = ReasonScenario.Run(ScenarioFindings(source), ReasonScenario.KnowledgeBase());

            foreach (var row in outcome.Rows)
                Assert.True(ReasonScenario.Authentication[row.HostName!] == row.ScannerAuthentication, $"{row.HostName} QID {row.QID}: {row.ScannerAuthentication}");
            foreach (var host in ReasonScenario.Authentication)
                Assert.Equal(host.Value, outcome.Summary(host.Key).ScannerAuthentication);
        }

        [Fact]
        public void Failed_and_null_session_rows_name_the_evidence()
        {
            var outcome = ReasonScenario.Run(ScenarioFindings("objects"), ReasonScenario.KnowledgeBase());

            Assert.Equal("The scanner did not log in to this machine (authentication failed: QID 70028: \"Unable to log in using credentials provided by user, fallback to NULL session\"), so it could not run the local checks that found QID 91762 on the agent; fix the scan's authentication record for this host.",
                outcome.Row(ReasonScenario.Failed, 91762).ReasonDetail);
            Assert.Equal("The scanner did not log in to this machine (only a NULL session, no user login: QID 70028: user (none), scheme NULL session), so it could not run the local checks that found QID 91762 on the agent; fix the scan's authentication record for this host.",
                outcome.Row(ReasonScenario.NullSession, 91762).ReasonDetail);
            Assert.Equal("The agent last assessed this machine on 2026-03-01, 58 days before the scan of 2026-04-28, so its silence about QID 90788 proves nothing; check that the agent is running and checking in.",
                outcome.Row(ReasonScenario.StaleAgent, 90788).ReasonDetail);
            Assert.Equal("The agent reports QID 91345 Fixed as of 2026-04-30, after the scan of 2026-04-28: the scan predates the fix, and the next scan should confirm it.",
                outcome.Row(ReasonScenario.Passed, 91345).ReasonDetail);
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public void Warnings_name_the_stale_agent_and_the_merged_host(string source)
        {
            var outcome = ReasonScenario.Run(ScenarioFindings(source), ReasonScenario.KnowledgeBase());

            Assert.Equal(new[]
            {
                "Cloud Agent data is more than 30 days older than the scan on 1 host: app-04.corp.example.com (agent 2026-03-01, scan 2026-04-28). Their scanner-only findings are marked AgentStale instead of being counted as agent misses; check that these agents still check in.",
                "Qualys may have merged scan results into the Cloud Agent asset on 1 host: laptop-07.corp.example.com (agent finding QID 38170 on port 443/tcp). Merged data keeps no per-finding source, so which vantage point found what is unreliable for these hosts; compare separate scanner and agent records instead.",
            }, outcome.Warnings);
        }

        [Theory]
        [MemberData(nameof(Sources))]
        public void Summary_counts_every_reason_per_host_and_in_total(string source)
        {
            var withKb = ReasonScenario.Run(ScenarioFindings(source), ReasonScenario.KnowledgeBase());
            var total = withKb.Total;
            Assert.Equal((2, 3, 2, 2, 2, 1, 1, 2, 2, 1), Counts(total));
            Assert.Equal(1, total.Both);
            Assert.Equal((1, 0, 0, 2, 1, 1, 0, 0, 2, 0), Counts(withKb.Summary(ReasonScenario.Passed)));
            Assert.Equal((0, 2, 0, 0, 1, 0, 0, 0, 0, 0), Counts(withKb.Summary(ReasonScenario.Failed)));
            Assert.Equal((1, 0, 0, 0, 0, 0, 0, 2, 0, 0), Counts(withKb.Summary(ReasonScenario.StaleAgent)));
            Assert.Equal((0, 0, 2, 0, 0, 0, 0, 0, 0, 0), Counts(withKb.Summary(ReasonScenario.AgentOnly)));
            Assert.Equal((0, 0, 0, 0, 0, 0, 0, 0, 0, 1), Counts(withKb.Summary(ReasonScenario.Undated)));

            var heuristic = ReasonScenario.Run(ScenarioFindings(source), null);
            Assert.Equal((3, 3, 2, 1, 3, 1, 1, 2, 1, 1), Counts(heuristic.Total));
        }

        private static (int, int, int, int, int, int, int, int, int, int) Counts(VantageSummary s) =>
            (s.NeedsLocalAccess, s.ScanNotAuthenticated, s.HostNotScanned, s.ScannerMissed, s.NeedsNetworkExposure,
                s.AgentFixedSinceScan, s.NoAgentOnHost, s.AgentStale, s.AgentMissed, s.AgentReportsFixed);

        // ---- Rules one at a time, over rows and host facts -------------------------------------

        private static GapExplainer Explainer(KnowledgeBase? knowledgeBase = null, int staleAfterDays = 30) =>
            new GapExplainer(new ExplanationOptions { KnowledgeBase = knowledgeBase, StaleAfterDays = staleAfterDays, Now = Now });

        private static ScannerAuthenticationResult Login(ScannerAuthentication state) => new ScannerAuthenticationResult(state, "test evidence");

        private static VantageComparison Row(Presence presence, int qid = 1000, Presence coverage = Presence.Both, string? category = null,
            string? title = null, string? ports = null, DetectionStatus? agentStatus = null, DateTime? agentLastDetected = null,
            DateTime? agentLastFixed = null) => new VantageComparison
        {
            HostName = "host",
            Presence = presence,
            HostCoverage = coverage,
            QID = qid,
            Category = category,
            Title = title,
            ScannerPorts = ports,
            AgentStatus = agentStatus,
            AgentLastDetected = agentLastDetected,
            AgentLastFixed = agentLastFixed,
        };

        private static KnowledgeBase Kb(int qid, bool? remote, string? authTypes, string? category = null) =>
            new KnowledgeBase(new[] { new KnowledgeBaseEntry { QID = qid, RemoteDetectable = remote, AuthTypes = authTypes, Category = category } });

        private static VantageComparison Explain(GapExplainer explainer, VantageComparison row, ScannerAuthentication login = ScannerAuthentication.Passed,
            DateTime? scanDate = null, DateTime? agentDate = null, string? agentPorts = null, bool scanDateUnknown = false)
        {
            var host = explainer.DescribeHost("host", scanDateUnknown ? null : scanDate ?? Scan, agentDate ?? Scan.AddDays(1), Login(login));
            explainer.Explain(row, host, agentPorts);
            return row;
        }

        [Fact]
        public void Both_has_no_reason()
        {
            var row = Explain(Explainer(), Row(Presence.Both));

            Assert.Equal(GapReason.None, row.Reason);
            Assert.Equal(ReasonSource.None, row.ReasonSource);
            Assert.Null(row.ReasonDetail);
            Assert.Equal(ScannerAuthentication.Passed, row.ScannerAuthentication);
        }

        [Fact]
        public void Agent_only_qid_that_no_scan_detects_needs_local_access_even_when_the_login_failed()
        {
            var row = Explain(Explainer(Kb(1000, false, null)), Row(Presence.AgentOnly), ScannerAuthentication.Failed);

            Assert.Equal(GapReason.NeedsLocalAccess, row.Reason);
            Assert.Equal(ReasonSource.KnowledgeBase, row.ReasonSource);
            Assert.Contains("detected only by the Cloud Agent", row.ReasonDetail);
        }

        [Theory]
        [InlineData(ScannerAuthentication.Failed)]
        [InlineData(ScannerAuthentication.NullSession)]
        [InlineData(ScannerAuthentication.NotAttempted)]
        public void Agent_only_finding_on_a_host_the_scan_did_not_log_in_to_is_scan_not_authenticated(ScannerAuthentication login)
        {
            var withKb = Explain(Explainer(Kb(1000, true, null)), Row(Presence.AgentOnly), login);
            var heuristic = Explain(Explainer(), Row(Presence.AgentOnly, category: "Windows"), login);

            Assert.Equal(GapReason.ScanNotAuthenticated, withKb.Reason);
            Assert.Equal(ReasonSource.KnowledgeBase, withKb.ReasonSource);
            Assert.Equal(GapReason.ScanNotAuthenticated, heuristic.Reason);
            Assert.Equal(ReasonSource.Heuristic, heuristic.ReasonSource);
        }

        [Theory]
        [InlineData(false, "Windows", ScannerAuthentication.Passed, GapReason.NeedsLocalAccess)]
        [InlineData(false, "Windows", ScannerAuthentication.Unknown, GapReason.NeedsLocalAccess)]
        [InlineData(true, null, ScannerAuthentication.Passed, GapReason.ScannerMissed)]
        [InlineData(true, "Unix", ScannerAuthentication.Passed, GapReason.ScannerMissed)]
        [InlineData(true, null, ScannerAuthentication.Unknown, GapReason.ScannerMissed)]
        public void Agent_only_reason_follows_discovery_remote_and_auth_types(bool remote, string? authTypes, ScannerAuthentication login, GapReason expected)
        {
            var row = Explain(Explainer(Kb(1000, remote, authTypes)), Row(Presence.AgentOnly), login);

            Assert.Equal(expected, row.Reason);
            Assert.Equal(ReasonSource.KnowledgeBase, row.ReasonSource);
        }

        [Theory]
        [InlineData("Windows", null, null, GapReason.NeedsLocalAccess)]
        [InlineData("Security Policy", null, null, GapReason.NeedsLocalAccess)]
        [InlineData("Ubuntu", null, null, GapReason.NeedsLocalAccess)]
        [InlineData(null, "Installed Applications Enumerated From Windows Registry", null, GapReason.NeedsLocalAccess)]
        [InlineData("TCP/IP", null, null, GapReason.ScannerMissed)]
        [InlineData("Windows", "SSL Certificate - Expired", null, GapReason.ScannerMissed)]
        [InlineData("Windows", null, "443/tcp", GapReason.ScannerMissed)]
        [InlineData(null, null, null, GapReason.NeedsLocalAccess)]
        public void Agent_only_heuristics_read_ports_title_and_category(string? category, string? title, string? agentPorts, GapReason expected)
        {
            var row = Explain(Explainer(), Row(Presence.AgentOnly, category: category, title: title), ScannerAuthentication.Unknown, agentPorts: agentPorts);

            Assert.Equal(expected, row.Reason);
            Assert.Equal(ReasonSource.Heuristic, row.ReasonSource);
        }

        [Fact]
        public void Knowledge_base_entry_without_discovery_falls_back_to_heuristics_on_its_category()
        {
            var row = Explain(Explainer(Kb(1000, null, null, "TCP/IP")), Row(Presence.AgentOnly, category: "Windows"));

            Assert.Equal(GapReason.ScannerMissed, row.Reason);
            Assert.Equal(ReasonSource.Heuristic, row.ReasonSource);
        }

        [Fact]
        public void Host_not_scanned_and_no_agent_on_host_come_from_host_coverage()
        {
            var agentOnly = Explain(Explainer(), Row(Presence.AgentOnly, coverage: Presence.AgentOnly));
            var scannerOnly = Explain(Explainer(), Row(Presence.ScannerOnly, coverage: Presence.ScannerOnly, ports: "443/tcp"));

            Assert.Equal(GapReason.HostNotScanned, agentOnly.Reason);
            Assert.Equal(ScannerAuthentication.Unknown, agentOnly.ScannerAuthentication);
            Assert.Equal(GapReason.NoAgentOnHost, scannerOnly.Reason);
        }

        [Fact]
        public void Agent_fixed_after_the_scan_is_agent_fixed_since_scan_but_fixed_before_it_is_not()
        {
            var after = Explain(Explainer(), Row(Presence.ScannerOnly, category: "Windows", agentStatus: DetectionStatus.Fixed, agentLastDetected: Scan.AddHours(20)));
            var before = Explain(Explainer(), Row(Presence.ScannerOnly, category: "Windows", agentStatus: DetectionStatus.Fixed, agentLastDetected: Scan.AddDays(-3)));

            Assert.Equal(GapReason.AgentFixedSinceScan, after.Reason);
            Assert.Equal(GapReason.AgentMissed, before.Reason);
        }

        [Theory]
        [InlineData("Windows", null)]
        [InlineData("General remote services", "443/tcp")]
        public void Agent_fixed_with_the_scan_date_unknown_is_agent_reports_fixed_never_agent_missed(string category, string? ports)
        {
            var row = Explain(Explainer(), Row(Presence.ScannerOnly, category: category, ports: ports, agentStatus: DetectionStatus.Fixed,
                agentLastDetected: Scan.AddDays(-2), agentLastFixed: Scan.AddDays(-1)), scanDateUnknown: true);

            Assert.Equal(GapReason.AgentReportsFixed, row.Reason);
            Assert.Equal(ReasonSource.Heuristic, row.ReasonSource);
            Assert.Equal($"The agent reports QID 1000 Fixed as of {Scan.AddDays(-1):yyyy-MM-dd}, but the date of the scan that found it is unknown, so whether the fix came after the scan cannot be told; the next scan should confirm it.", row.ReasonDetail);
        }

        [Fact]
        public void Agent_fixed_without_any_date_of_its_own_is_agent_reports_fixed()
        {
            var row = Explain(Explainer(), Row(Presence.ScannerOnly, category: "Windows", agentStatus: DetectionStatus.Fixed));

            Assert.Equal(GapReason.AgentReportsFixed, row.Reason);
            Assert.Contains("Fixed without a date", row.ReasonDetail);
        }

        [Fact]
        public void Agent_fixed_with_the_scan_date_unknown_is_not_stale_silence()
        {
            // The agent's data is older than now by more than the limit, which alone makes its silence
            // AgentStale; it was not silent about this QID, though.
            var explainer = Explainer(staleAfterDays: 30);
            var fixedRow = Explain(explainer, Row(Presence.ScannerOnly, category: "Windows", agentStatus: DetectionStatus.Fixed, agentLastDetected: Now.AddDays(-40)),
                scanDateUnknown: true, agentDate: Now.AddDays(-40));
            var silentRow = Explain(explainer, Row(Presence.ScannerOnly, category: "Windows"), scanDateUnknown: true, agentDate: Now.AddDays(-40));

            Assert.Equal(GapReason.AgentReportsFixed, fixedRow.Reason);
            Assert.Equal(GapReason.AgentStale, silentRow.Reason);
        }

        [Fact]
        public void Agent_older_than_the_scan_by_more_than_the_limit_is_stale()
        {
            var explainer = Explainer(staleAfterDays: 30);
            var stale = Explain(explainer, Row(Presence.ScannerOnly, ports: "443/tcp"), agentDate: Scan.AddDays(-31));
            var fresh = Explain(explainer, Row(Presence.ScannerOnly, ports: "443/tcp"), agentDate: Scan.AddDays(-29));

            Assert.Equal(GapReason.AgentStale, stale.Reason);
            Assert.Equal(GapReason.NeedsNetworkExposure, fresh.Reason);
        }

        [Fact]
        public void Without_a_scan_date_the_agent_is_judged_against_now()
        {
            var explainer = Explainer();
            var host = explainer.DescribeHost("host", null, Now.AddDays(-45), Login(ScannerAuthentication.Passed));
            var row = Row(Presence.ScannerOnly);

            explainer.Explain(row, host);

            Assert.Equal(GapReason.AgentStale, row.Reason);
            Assert.Equal("The agent last assessed this machine on 2026-03-17, 45 days ago, so its silence about QID 1000 proves nothing; check that the agent is running and checking in.", row.ReasonDetail);
        }

        [Theory]
        [InlineData(true, null, null, GapReason.NeedsNetworkExposure)]
        [InlineData(true, "Windows; Unix", "443/tcp", GapReason.AgentMissed)]
        [InlineData(false, "Windows", null, GapReason.AgentMissed)]
        public void Scanner_only_reason_follows_discovery_remote_and_auth_types(bool remote, string? authTypes, string? ports, GapReason expected)
        {
            var row = Explain(Explainer(Kb(1000, remote, authTypes)), Row(Presence.ScannerOnly, ports: ports));

            Assert.Equal(expected, row.Reason);
            Assert.Equal(ReasonSource.KnowledgeBase, row.ReasonSource);
        }

        [Theory]
        [InlineData("Windows", null, "445/tcp", GapReason.NeedsNetworkExposure)]
        [InlineData("General remote services", null, null, GapReason.NeedsNetworkExposure)]
        [InlineData(null, "TLS Version 1.0 Protocol Detection", null, GapReason.NeedsNetworkExposure)]
        [InlineData("Windows", null, null, GapReason.AgentMissed)]
        [InlineData(null, null, null, GapReason.AgentMissed)]
        public void Scanner_only_heuristics_read_ports_title_and_category(string? category, string? title, string? ports, GapReason expected)
        {
            var row = Explain(Explainer(), Row(Presence.ScannerOnly, category: category, title: title, ports: ports));

            Assert.Equal(expected, row.Reason);
            Assert.Equal(ReasonSource.Heuristic, row.ReasonSource);
        }

        [Fact]
        public void Title_words_match_whole_words_only()
        {
            var row = Explain(Explainer(), Row(Presence.ScannerOnly, title: "OpenSSL Package Installed"));

            Assert.Equal(GapReason.AgentMissed, row.Reason); // "SSL" inside "OpenSSL" names a package, not an SSL check
        }

        [Fact]
        public void Old_scanner_data_and_agents_silent_since_long_before_now_are_warned_about()
        {
            var explainer = Explainer();
            explainer.DescribeHost("old-scan", Now.AddDays(-40), Now.AddDays(-39), Login(ScannerAuthentication.Passed));
            explainer.DescribeHost("quiet-agent", null, Now.AddDays(-60), null);
            explainer.DescribeHost("fine", Now.AddDays(-2), Now.AddDays(-1), null);

            Assert.Equal(new[]
            {
                "Cloud Agent data is more than 30 days old (last assessed before 2026-04-01) on 2 hosts: old-scan (agent 2026-03-23), quiet-agent (agent 2026-03-02); check that these agents still check in.",
                "Scanner data is more than 30 days old (scanned before 2026-04-01) on 1 host: old-scan (scan 2026-03-22); the comparison shows these machines as they were when scanned.",
            }, explainer.Warnings());
        }

        [Fact]
        public void A_warning_names_at_most_twenty_hosts()
        {
            var explainer = Explainer();
            for (int i = 0; i < 23; i++) explainer.DescribeHost($"h{i:00}", Scan, Scan, null, "QID 48143 Qualys Correlation ID Detected");

            var warning = Assert.Single(explainer.Warnings());

            Assert.Contains("on 23 hosts: h00 (QID 48143 Qualys Correlation ID Detected), ", warning);
            Assert.Contains("h19 (QID 48143 Qualys Correlation ID Detected) and 3 more.", warning);
            Assert.DoesNotContain("h20", warning);
        }

        [Fact]
        public void Negative_stale_limit_is_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new GapExplainer(new ExplanationOptions { StaleAfterDays = -1 }));
        }

        // ---- Through the comparer, from findings -------------------------------------------------

        [Fact]
        public void Comparer_hands_the_filtered_out_authentication_qid_to_the_explainer()
        {
            var explainer = Explainer();
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            var login = Findings.Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 70028, FindingType.Information, 1, title: "Windows Authentication Method", assessed: Scan);
            login.Results = "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNTLMv2";
            comparer.Add(login);
            comparer.Add(Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 91762, assessed: Scan.AddDays(1)));

            var row = Assert.Single(comparer.Compare());

            Assert.Equal(91762, row.QID);
            Assert.Equal(ScannerAuthentication.Failed, row.ScannerAuthentication);
            Assert.Equal(GapReason.ScanNotAuthenticated, row.Reason);
        }

        [Fact]
        public void Enumerating_the_comparison_twice_warns_about_each_host_once()
        {
            var explainer = Explainer();
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            comparer.Add(Findings.Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, port: 443, protocol: "tcp", assessed: Scan));
            comparer.Add(Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 91762, assessed: Scan.AddDays(-40)));

            var first = comparer.Compare().ToList();
            var second = comparer.Compare().ToList();

            Assert.All(first.Concat(second).Where(r => r.QID == 38170), r => Assert.Equal(GapReason.AgentStale, r.Reason));
            var warning = Assert.Single(explainer.Warnings());
            Assert.Contains("on 1 host: db-01.corp.example.com (agent 2026-03-19, scan 2026-04-28)", warning);
        }

        [Fact]
        public void Correlation_qid_on_either_side_marks_the_host_as_merged()
        {
            var explainer = Explainer();
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            comparer.Add(Findings.Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", GapExplainer.CorrelationIdQid, FindingType.Information, 1, port: 10001, protocol: "tcp", assessed: Scan));
            comparer.Add(Findings.Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, port: 443, protocol: "tcp", assessed: Scan));
            comparer.Add(Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 91762, assessed: Scan.AddDays(1)));

            var rows = comparer.Compare().ToList();

            Assert.Equal(2, rows.Count);
            var warning = Assert.Single(explainer.Warnings());
            Assert.Contains("db-01.corp.example.com (QID 48143 Qualys Correlation ID Detected)", warning);
        }
    }
}
