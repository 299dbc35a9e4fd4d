using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class ScannerAuthenticationTests
    {
        // QID 70028 Results as Qualys writes them: a two-column table, name TAB value per line.
        // NullSessionResults is copied from tests/fixtures/samples/c-defectdojo-samples-Qualys_Sample_Report-2019.xml.
        private const string PassedResults = "User Name\tsvc-qualys\nDomain\tCORP\nAuthentication Scheme\tNTLMv2\nSecurity\tUser-based\nCIFS Version\tSMB v3.1.1";
        private const string NullSessionResults = "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNULL session\nSecurity\tUser-based\nSMBv1 Signing\tEnabled\nDiscovery Method\tNULL session, no valid login credentials provided or found\nCIFS Signing\tdefault\nCIFS Version\tSMB v2.1";
        private const string FallbackResults = "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNULL session\nDiscovery Method\tUnable to log in using credentials provided by user, fallback to NULL session";

        // The status QIDs other than 70028 are recognised by title; this number is deliberately
        // not a real QID, to show that nothing depends on it.
        private const int TitledQid = 999001;

        private static QualysFinding Scanner(int qid, string? title, string? results = null, string ip = "10.0.0.1") =>
            new QualysFinding { Vantage = Vantage.Scanner, IP = ip, QID = qid, Title = title, Type = FindingType.Information, Results = results };

        private static ScannerAuthenticationResult Analyze(params QualysFinding[] findings) =>
            new ScannerAuthenticationAnalyzer().Analyze(findings);

        [Fact]
        public void Windows_method_with_a_user_is_passed_and_names_the_login()
        {
            var result = Analyze(Scanner(70028, "Windows Authentication Method", PassedResults));

            Assert.Equal(ScannerAuthentication.Passed, result.State);
            Assert.Equal("QID 70028: logged in as CORP\\svc-qualys (NTLMv2)", result.Evidence);
        }

        [Fact]
        public void Windows_method_with_the_real_null_session_text_is_null_session()
        {
            var result = Analyze(Scanner(70028, "Windows Authentication Method", NullSessionResults));

            Assert.Equal(ScannerAuthentication.NullSession, result.State);
        }

        [Fact]
        public void Windows_method_falling_back_from_user_credentials_is_failed()
        {
            var result = Analyze(Scanner(70028, "Windows Authentication Method", FallbackResults));

            Assert.Equal(ScannerAuthentication.Failed, result.State);
            Assert.Contains("Unable to log in using credentials provided by user", result.Evidence);
        }

        [Fact]
        public void Windows_method_with_user_none_and_a_real_scheme_is_failed()
        {
            var result = Analyze(Scanner(70028, "Windows Authentication Method", "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNTLMv2"));

            Assert.Equal(ScannerAuthentication.Failed, result.State);
        }

        [Fact]
        public void Windows_method_without_results_proves_nothing()
        {
            // Qualys: "The presence of this QID in your scan results does not mean that authentication was successful".
            Assert.Equal(ScannerAuthentication.Unknown, Analyze(Scanner(70028, "Windows Authentication Method")).State);
        }

        [Fact]
        public void Windows_method_is_recognised_by_number_when_the_title_is_missing()
        {
            Assert.Equal(ScannerAuthentication.Passed, Analyze(Scanner(70028, null, PassedResults)).State);
        }

        [Theory]
        [InlineData("Windows Authentication Failed", ScannerAuthentication.Failed)]
        [InlineData("Unix Authentication Failed", ScannerAuthentication.Failed)]
        [InlineData("Windows Authentication Not Attempted", ScannerAuthentication.NotAttempted)]
        [InlineData("Unix Authentication Not Attempted", ScannerAuthentication.NotAttempted)]
        [InlineData("Unix Authentication Method", ScannerAuthentication.Passed)]
        [InlineData("Oracle Authentication Failed", ScannerAuthentication.Unknown)]
        [InlineData("VMware Authentication Failed", ScannerAuthentication.Unknown)]
        [InlineData("DNS Host Name", ScannerAuthentication.Unknown)]
        public void Status_qids_are_recognised_by_their_title(string title, ScannerAuthentication expected)
        {
            Assert.Equal(expected, Analyze(Scanner(TitledQid, title)).State);
        }

        [Fact]
        public void Title_comes_from_the_knowledge_base_when_the_finding_has_none()
        {
            var knowledgeBase = new KnowledgeBase(new[] { new KnowledgeBaseEntry { QID = TitledQid, Title = "Unix Authentication Failed" } });

            var result = new ScannerAuthenticationAnalyzer(knowledgeBase).Analyze(new[] { Scanner(TitledQid, null) });

            Assert.Equal(ScannerAuthentication.Failed, result.State);
            Assert.Equal($"QID {TitledQid} \"Unix Authentication Failed\"", result.Evidence);
        }

        [Fact]
        public void A_working_login_outranks_a_failed_record_which_outranks_a_null_session()
        {
            var passed = Scanner(70028, "Windows Authentication Method", PassedResults);
            var failed = Scanner(TitledQid, "Windows Authentication Failed");
            var nullSession = Scanner(70028, "Windows Authentication Method", NullSessionResults);
            var notAttempted = Scanner(TitledQid + 1, "Unix Authentication Not Attempted");

            Assert.Equal(ScannerAuthentication.Passed, Analyze(failed, passed, nullSession).State);
            Assert.Equal(ScannerAuthentication.Failed, Analyze(nullSession, failed, notAttempted).State);
            Assert.Equal(ScannerAuthentication.NullSession, Analyze(notAttempted, nullSession).State);
            Assert.Equal(ScannerAuthentication.NotAttempted, Analyze(notAttempted).State);
            Assert.Equal(ScannerAuthentication.Unknown, Analyze().State);
        }

        [Fact]
        public void Real_asset_data_report_has_three_null_sessions_and_four_hosts_without_evidence()
        {
            // The 2019 sample report: seven scanned hosts, 70028 on the three Windows ones, each a
            // NULL session ("no valid login credentials provided or found").
            var findings = Fixtures.Import(Fixtures.Sample("c-defectdojo-samples-Qualys_Sample_Report-2019.xml"));
            var analyzer = new ScannerAuthenticationAnalyzer();

            var states = findings.Where(f => f.Vantage == Vantage.Scanner).GroupBy(f => f.IP!)
                .ToDictionary(g => g.Key, g => analyzer.Analyze(g).State);

            Assert.Equal(7, states.Count);
            foreach (var ip in new[] { "64.41.200.246", "64.41.200.247", "64.41.200.249" })
                Assert.Equal(ScannerAuthentication.NullSession, states[ip]);
            foreach (var ip in new[] { "64.41.200.243", "64.41.200.244", "64.41.200.245", "64.41.200.250" })
                Assert.Equal(ScannerAuthentication.Unknown, states[ip]);
        }

        [Fact]
        public void Explainer_observes_only_scanner_findings_and_finds_hosts_by_any_name()
        {
            var explainer = new GapExplainer();
            var failed = Scanner(70028, "Windows Authentication Method", FallbackResults, ip: "10.0.0.7");
            failed.DnsName = "App-07.Corp.Example.com.";
            failed.NetBiosName = "app-07";
            failed.HostId = "4711";
            explainer.Observe(failed);
            var agentSide = Scanner(70028, "Windows Authentication Method", PassedResults, ip: "10.0.0.8");
            agentSide.Vantage = Vantage.Agent;
            explainer.Observe(agentSide);

            Assert.Equal(ScannerAuthentication.Failed, explainer.AuthenticationOf("4711", null, null, null).State);
            Assert.Equal(ScannerAuthentication.Failed, explainer.AuthenticationOf(null, new List<string> { "192.0.2.1", "10.0.0.7" }, null, null).State);
            Assert.Equal(ScannerAuthentication.Failed, explainer.AuthenticationOf(null, null, "app-07.corp.example.com", null).State);
            Assert.Equal(ScannerAuthentication.Failed, explainer.AuthenticationOf(null, null, null, "APP-07").State);
            Assert.Equal(ScannerAuthentication.Unknown, explainer.AuthenticationOf(null, new List<string> { "10.0.0.8" }, null, null).State);
        }
    }
}
