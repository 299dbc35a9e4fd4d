using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// Host List Detection without its information-gathered QIDs (the default pull) still says whether
    /// the last scan logged in: LAST_VM_AUTH_SCANNED_DATE against LAST_VM_SCANNED_DATE.
    /// </summary>
    public sealed class ScanDateAuthenticationTests
    {
        private static readonly DateTime Scan = ReasonScenario.ScanDate;
        private const int LocalQid = 91762;

        private static VantageComparer Comparer() =>
            new VantageComparer(new ComparisonOptions { Explainer = new GapExplainer(new ExplanationOptions { Now = ReasonScenario.Now }) });

        private static QualysFinding ScannerWithDates(DateTime? lastScanned, DateTime? lastAuthScanned, int qid = 38170)
        {
            var finding = Findings.Scanner("10.0.0.5", "db-01.corp.example.com", "DB-01", qid, port: 443, protocol: "tcp", assessed: Scan);
            finding.SourceFormat = ReportFormat.HostDetectionXml;
            finding.TrackingMethod = "IP";
            finding.HostLastVmScanned = lastScanned;
            finding.HostLastVmAuthScanned = lastAuthScanned;
            return finding;
        }

        private static VantageComparison AgentOnlyRow(params QualysFinding[] scanner)
        {
            var comparer = Comparer();
            foreach (var finding in scanner) comparer.Add(finding);
            comparer.Add(Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", LocalQid, assessed: Scan.AddHours(3)));
            return Assert.Single(comparer.Compare(), r => r.QID == LocalQid);
        }

        [Fact]
        public void A_last_authenticated_scan_older_than_the_last_scan_means_the_scan_did_not_log_in()
        {
            var row = AgentOnlyRow(ScannerWithDates(Scan, Scan.AddDays(-23)));

            Assert.Equal(ScannerAuthentication.Failed, row.ScannerAuthentication);
            Assert.Equal(GapReason.ScanNotAuthenticated, row.Reason);
            Assert.Equal(GapAction.FixScanAuthentication, row.Action);
            Assert.Contains("by the host's scan dates", row.ReasonDetail);
            Assert.Contains("last authenticated scan " + Scan.AddDays(-23).ToString("yyyy-MM-dd"), row.ReasonDetail);
        }

        [Fact]
        public void A_later_finding_of_the_same_host_that_adds_only_the_last_scan_date_is_still_heard()
        {
            // The registry skips findings that repeat what it knows of the host; a new last-scan date is news.
            var row = AgentOnlyRow(ScannerWithDates(null, Scan.AddDays(-23)), ScannerWithDates(Scan, Scan.AddDays(-23), qid: 38171));

            Assert.Equal(ScannerAuthentication.Failed, row.ScannerAuthentication);
        }

        [Fact]
        public void No_authenticated_scan_on_record_is_not_attempted()
        {
            var row = AgentOnlyRow(ScannerWithDates(Scan, null));

            Assert.Equal(ScannerAuthentication.NotAttempted, row.ScannerAuthentication);
            Assert.Equal(GapReason.ScanNotAuthenticated, row.Reason);
            Assert.Equal(GapAction.FixScanAuthentication, row.Action);
            Assert.Contains("no authenticated scan on record", row.ReasonDetail);
        }

        [Fact]
        public void An_authenticated_scan_as_recent_as_the_last_scan_is_a_login()
        {
            var row = AgentOnlyRow(ScannerWithDates(Scan, Scan));

            Assert.Equal(ScannerAuthentication.Passed, row.ScannerAuthentication);
            Assert.Equal(GapReason.NeedsLocalAccess, row.Reason);
            Assert.Contains("by the host's scan dates", row.ReasonDetail);
        }

        [Fact]
        public void The_scans_own_authentication_qid_wins_over_the_dates()
        {
            var login = ScannerWithDates(Scan, Scan.AddDays(-23), qid: ScannerAuthenticationAnalyzer.WindowsAuthenticationMethodQid);
            login.Type = FindingType.Information;
            login.Port = null;
            login.Title = "Windows Authentication Method";
            login.Results = "User Name\tsvc-qualys\nDomain\tCORP\nAuthentication Scheme\tNTLMv2";

            var row = AgentOnlyRow(login, ScannerWithDates(Scan, Scan.AddDays(-23)));

            Assert.Equal(ScannerAuthentication.Passed, row.ScannerAuthentication);
            Assert.Equal(GapReason.NeedsLocalAccess, row.Reason);
            Assert.Contains("CORP\\svc-qualys", row.ReasonDetail);
            Assert.DoesNotContain("scan dates", row.ReasonDetail);
        }

        [Fact]
        public void Without_the_dates_the_login_stays_unknown()
        {
            var row = AgentOnlyRow(ScannerWithDates(null, null));

            Assert.Equal(ScannerAuthentication.Unknown, row.ScannerAuthentication);
            Assert.NotEqual(GapReason.ScanNotAuthenticated, row.Reason);
        }

        [Fact]
        public void The_dates_are_read_to_the_day_and_need_a_last_scan()
        {
            Assert.Null(ScannerAuthenticationResult.FromDates(null, Scan));

            var failed = ScannerAuthenticationResult.FromDates(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 19, 23, 59, 0, DateTimeKind.Utc))!;
            Assert.Equal(ScannerAuthentication.Failed, failed.State);
            Assert.True(failed.FromScanDates);
            Assert.Equal("by the host's scan dates: last scan 2026-11-20, last authenticated scan 2026-11-19", failed.Evidence);

            var passed = ScannerAuthenticationResult.FromDates(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc))!;
            Assert.Equal(ScannerAuthentication.Passed, passed.State);
            Assert.False(new ScannerAuthenticationResult(ScannerAuthentication.Passed, "QID 70028").FromScanDates);
        }

        [Fact]
        public void The_agents_own_dates_say_nothing_about_the_scan()
        {
            var comparer = Comparer();
            var agent = Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", LocalQid, assessed: Scan);
            agent.HostLastVmScanned = Scan;
            agent.HostLastVmAuthScanned = Scan.AddDays(-30);
            comparer.Add(agent);

            var row = Assert.Single(comparer.Compare());

            Assert.Equal(ScannerAuthentication.Unknown, row.ScannerAuthentication);
        }

        [Fact]
        public void Real_pages_compared_give_tags_qds_and_the_authentication_from_dates()
        {
            var comparer = Comparer();
            comparer.AddRange(Fixtures.Import(Path.Combine(Fixtures.Root, "host-facts", "scanner-detections-dates.xml")));
            comparer.AddRange(Fixtures.Import(Path.Combine(Fixtures.Root, "host-facts", "agent-detections-tags-qds.xml")));

            var rows = comparer.Compare().Where(r => r.NetBiosName == "LABDC").OrderBy(r => r.QID).ToList();

            Assert.Equal(new[] { 90007, 90043, 90044 }, rows.Select(r => r.QID));
            Assert.All(rows, r => Assert.Equal("Domain Controllers; Windows", r.Tags));
            Assert.All(rows, r => Assert.Equal(ScannerAuthentication.Failed, r.ScannerAuthentication));
            var both = rows[1];
            Assert.Equal(Presence.Both, both.Presence);
            Assert.Equal((41, "MEDIUM"), (both.Qds!.Value, both.QdsSeverity!));
            var agentOnly = rows[0];
            Assert.Equal(Presence.AgentOnly, agentOnly.Presence);
            Assert.Equal((50, "MEDIUM"), (agentOnly.Qds!.Value, agentOnly.QdsSeverity!));
            Assert.Equal(GapReason.ScanNotAuthenticated, agentOnly.Reason);
            Assert.Equal(GapAction.FixScanAuthentication, agentOnly.Action);

            var printer = Assert.Single(comparer.Compare(), r => r.NetBiosName == "LABPR");
            Assert.Equal(ScannerAuthentication.NotAttempted, printer.ScannerAuthentication);
            Assert.Null(printer.Tags);
            var fileServer = Assert.Single(comparer.Compare(), r => r.NetBiosName == "LABFS");
            Assert.Equal(ScannerAuthentication.Passed, fileServer.ScannerAuthentication);
        }

        [Fact]
        public void The_higher_qds_of_the_two_sides_ranks_the_row()
        {
            var comparer = Comparer();
            var scanner = ScannerWithDates(Scan, Scan);
            scanner.Qds = 62;
            scanner.QdsSeverity = "MEDIUM";
            comparer.Add(scanner);
            var agent = Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, assessed: Scan);
            agent.Qds = 88;
            agent.QdsSeverity = "HIGH";
            agent.Tags = "Databases";
            comparer.Add(agent);
            var other = Findings.Agent("1001", "10.0.0.5", "db-01.corp.example.com", "DB-01", 38170, assessed: Scan, port: 8443, protocol: "tcp");
            other.Qds = 70;
            other.QdsSeverity = "HIGH";
            comparer.Add(other);

            var row = Assert.Single(comparer.Compare());

            Assert.Equal((88, "HIGH"), (row.Qds!.Value, row.QdsSeverity!));
            Assert.Equal("Databases", row.Tags);
        }
    }
}
