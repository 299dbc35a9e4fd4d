using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// The "every reason" scenario (tests/fixtures/scenarios/reasons, described in its README):
    /// seven machines, a Scan Results CSV, a second one without its header blocks (so without a
    /// scan date), a Host List Detection XML and a small KnowledgeBase.
    /// The scanner side can also be built from objects that mirror the CSV row for row, so the
    /// rules are checked even while the CSV reader is missing.
    /// </summary>
    internal static class ReasonScenario
    {
        public static readonly DateTime Now = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime ScanDate = new DateTime(2026, 4, 28, 10, 0, 0, DateTimeKind.Utc);

        public const string Passed = "app-01.corp.example.com";
        public const string Failed = "app-02.corp.example.com";
        public const string NullSession = "app-03.corp.example.com";
        public const string StaleAgent = "app-04.corp.example.com";
        public const string ScannerOnly = "print-01.corp.example.com";
        public const string AgentOnly = "laptop-07.corp.example.com";
        public const string Undated = "app-05.corp.example.com";

        public static string File(string name) => Fixtures.Scenario("reasons", name);

        /// <summary>Every row of the scenario: with a KnowledgeBase (reason and source) and
        /// without one (reason; the source is then always Heuristic, or None for Both).</summary>
        public static readonly Expected[] Rows =
        {
            new Expected(Passed, 11803, Presence.ScannerOnly, GapReason.AgentMissed, ReasonSource.KnowledgeBase, GapReason.NeedsNetworkExposure),
            new Expected(Passed, 38170, Presence.ScannerOnly, GapReason.NeedsNetworkExposure, ReasonSource.KnowledgeBase, GapReason.NeedsNetworkExposure),
            new Expected(Passed, 38739, Presence.AgentOnly, GapReason.ScannerMissed, ReasonSource.KnowledgeBase, GapReason.ScannerMissed),
            new Expected(Passed, 90788, Presence.AgentOnly, GapReason.ScannerMissed, ReasonSource.KnowledgeBase, GapReason.NeedsLocalAccess),
            new Expected(Passed, 91345, Presence.ScannerOnly, GapReason.AgentFixedSinceScan, ReasonSource.Heuristic, GapReason.AgentFixedSinceScan),
            new Expected(Passed, 91762, Presence.AgentOnly, GapReason.NeedsLocalAccess, ReasonSource.KnowledgeBase, GapReason.NeedsLocalAccess),
            new Expected(Passed, 105970, Presence.ScannerOnly, GapReason.AgentMissed, ReasonSource.KnowledgeBase, GapReason.AgentMissed),
            new Expected(Passed, 105971, Presence.Both, GapReason.None, ReasonSource.None, GapReason.None),
            new Expected(Failed, 38739, Presence.AgentOnly, GapReason.ScanNotAuthenticated, ReasonSource.KnowledgeBase, GapReason.ScanNotAuthenticated),
            new Expected(Failed, 82003, Presence.ScannerOnly, GapReason.NeedsNetworkExposure, ReasonSource.KnowledgeBase, GapReason.NeedsNetworkExposure),
            new Expected(Failed, 91762, Presence.AgentOnly, GapReason.ScanNotAuthenticated, ReasonSource.KnowledgeBase, GapReason.ScanNotAuthenticated),
            new Expected(NullSession, 91762, Presence.AgentOnly, GapReason.ScanNotAuthenticated, ReasonSource.KnowledgeBase, GapReason.ScanNotAuthenticated),
            new Expected(StaleAgent, 38739, Presence.ScannerOnly, GapReason.AgentStale, ReasonSource.Heuristic, GapReason.AgentStale),
            new Expected(StaleAgent, 90788, Presence.ScannerOnly, GapReason.AgentStale, ReasonSource.Heuristic, GapReason.AgentStale),
            new Expected(StaleAgent, 105971, Presence.AgentOnly, GapReason.NeedsLocalAccess, ReasonSource.KnowledgeBase, GapReason.NeedsLocalAccess),
            new Expected(ScannerOnly, 38170, Presence.ScannerOnly, GapReason.NoAgentOnHost, ReasonSource.Heuristic, GapReason.NoAgentOnHost),
            new Expected(AgentOnly, 38170, Presence.AgentOnly, GapReason.HostNotScanned, ReasonSource.Heuristic, GapReason.HostNotScanned),
            new Expected(AgentOnly, 91762, Presence.AgentOnly, GapReason.HostNotScanned, ReasonSource.Heuristic, GapReason.HostNotScanned),
            new Expected(Undated, 91345, Presence.ScannerOnly, GapReason.AgentReportsFixed, ReasonSource.Heuristic, GapReason.AgentReportsFixed),
        };

        public static readonly IReadOnlyDictionary<string, ScannerAuthentication> Authentication = new Dictionary<string, ScannerAuthentication>
        {
            [Passed] = ScannerAuthentication.Passed,
            [Failed] = ScannerAuthentication.Failed,
            [NullSession] = ScannerAuthentication.NullSession,
            [StaleAgent] = ScannerAuthentication.Passed,
            [ScannerOnly] = ScannerAuthentication.Unknown,
            [AgentOnly] = ScannerAuthentication.Unknown,
            [Undated] = ScannerAuthentication.Unknown,
        };

        public static KnowledgeBase KnowledgeBase() => KnowledgeBaseLoader.LoadFiles(File("knowledgebase.xml"));

        public static List<QualysFinding> AgentFindings()
        {
            using var import = ReportImport.Open(File("agent-detections.xml"));
            return import.ReadFindings().ToList();
        }

        public static List<QualysFinding> ScannerFindingsFromCsv()
        {
            var findings = new List<QualysFinding>();
            foreach (var name in new[] { "scanner-scan.csv", "scanner-scan-undated.csv" })
            {
                using var import = ReportImport.Open(File(name));
                findings.AddRange(import.ReadFindings());
            }
            return findings;
        }

        /// <summary>The CSV's rows as the Scan Results reader is to deliver them.</summary>
        public static List<QualysFinding> ScannerFindingsAsObjects()
        {
            const string passed = "User Name\tsvc-qualys\nDomain\tCORP\nAuthentication Scheme\tNTLMv2\nSecurity\tUser-based\nSMBv1 Signing\tDisabled\nCIFS Signing\tdefault\nCIFS Version\tSMB v3.1.1";
            const string failed = "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNULL session\nSecurity\tUser-based\nSMBv1 Signing\tDisabled\nDiscovery Method\tUnable to log in using credentials provided by user, fallback to NULL session\nCIFS Signing\tdefault\nCIFS Version\tSMB v3.1.1";
            const string nullSession = "User Name\t(none)\nDomain\t(none)\nAuthentication Scheme\tNULL session\nSecurity\tUser-based\nSMBv1 Signing\tEnabled\nDiscovery Method\tNULL session, no valid login credentials provided or found\nCIFS Signing\tdefault\nCIFS Version\tSMB v2.1";
            return new List<QualysFinding>
            {
                Scan("10.20.0.11", Passed, "APP-01", 70028, "Windows Authentication Method", FindingType.Information, 1, category: "SMB / NETBIOS", results: passed),
                Scan("10.20.0.11", Passed, "APP-01", 105971, "EOL/Obsolete Software: Microsoft ASP.NET 1.0 Detected", FindingType.Confirmed, 5, category: "Security Policy"),
                Scan("10.20.0.11", Passed, "APP-01", 38170, "SSL Certificate - Subject Common Name Does Not Match Server FQDN", FindingType.Confirmed, 2, 443, ssl: true, category: "General remote services"),
                Scan("10.20.0.11", Passed, "APP-01", 91345, "Microsoft SMB Server Remote Code Execution Vulnerability (MS17-010) and Shadow Brokers", FindingType.Confirmed, 5, 445, category: "Windows"),
                Scan("10.20.0.11", Passed, "APP-01", 105970, "EOL/Obsolete Software: Microsoft ASP.NET 1.1 Detected", FindingType.Confirmed, 5, category: "Security Policy"),
                Scan("10.20.0.11", Passed, "APP-01", 11803, "libxml2 Multiple Vulnerabilities", FindingType.Confirmed, 3, 80, category: "CGI"),
                Scan("10.20.0.12", Failed, "APP-02", 70028, "Windows Authentication Method", FindingType.Information, 1, category: "SMB / NETBIOS", results: failed),
                Scan("10.20.0.12", Failed, "APP-02", 82003, "ICMP Timestamp Request", FindingType.Confirmed, 1, category: "TCP/IP"),
                Scan("10.20.0.13", NullSession, "APP-03", 70028, "Windows Authentication Method", FindingType.Information, 1, category: "SMB / NETBIOS", results: nullSession),
                Scan("10.20.0.14", StaleAgent, "APP-04", 70028, "Windows Authentication Method", FindingType.Information, 1, category: "SMB / NETBIOS", results: passed),
                Scan("10.20.0.14", StaleAgent, "APP-04", 90788, "Microsoft Windows Network Level Authentication Disabled", FindingType.Confirmed, 1, 3389, category: "Windows"),
                Scan("10.20.0.14", StaleAgent, "APP-04", 38739, "Deprecated SSH Cryptographic Settings", FindingType.Confirmed, 2, 22, category: "General remote services"),
                Scan("10.20.0.15", ScannerOnly, "PRINT-01", 38170, "SSL Certificate - Subject Common Name Does Not Match Server FQDN", FindingType.Confirmed, 2, 443, ssl: true, category: "General remote services"),
                Scan("10.20.0.17", Undated, "APP-05", 91345, "Microsoft SMB Server Remote Code Execution Vulnerability (MS17-010) and Shadow Brokers", FindingType.Confirmed, 5, 445, category: "Windows", undated: true),
            };
        }

        private static QualysFinding Scan(string ip, string dns, string netBios, int qid, string title, FindingType type, int severity,
            int? port = null, bool ssl = false, string? category = null, string? results = null, bool undated = false) => new QualysFinding
        {
            Vantage = Vantage.Scanner,
            IP = ip,
            DnsName = dns,
            NetBiosName = netBios,
            HostName = dns,
            QID = qid,
            Title = title,
            Type = type,
            Severity = severity,
            Port = port,
            Protocol = port == null ? null : "tcp",
            Ssl = ssl,
            Category = category,
            Results = results,
            HostLastAssessed = undated ? null : ScanDate,
            SourceFormat = ReportFormat.ScanResultsCsv,
        };

        public static Outcome Run(IEnumerable<QualysFinding> findings, KnowledgeBase? knowledgeBase)
        {
            var explainer = new GapExplainer(new ExplanationOptions { KnowledgeBase = knowledgeBase, Now = Now });
            var matcherWarnings = new List<string>();
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, KnowledgeBase = knowledgeBase, Output = new RecordedOutput(matcherWarnings) });
            comparer.AddRange(findings);
            var rows = comparer.Compare().ToList();
            return new Outcome(rows, explainer.Warnings(), matcherWarnings, VantageSummarizer.Summarize(rows));
        }

        internal sealed class Expected
        {
            public Expected(string host, int qid, Presence presence, GapReason withKnowledgeBase, ReasonSource source, GapReason withoutKnowledgeBase)
            {
                Host = host;
                Qid = qid;
                Presence = presence;
                WithKnowledgeBase = withKnowledgeBase;
                Source = source;
                WithoutKnowledgeBase = withoutKnowledgeBase;
            }

            public string Host { get; }
            public int Qid { get; }
            public Presence Presence { get; }
            public GapReason WithKnowledgeBase { get; }
            public ReasonSource Source { get; }
            public GapReason WithoutKnowledgeBase { get; }
        }

        internal sealed class Outcome
        {
            public Outcome(List<VantageComparison> rows, IReadOnlyList<string> warnings, List<string> matcherWarnings, IReadOnlyList<VantageSummary> summaries)
            {
                Rows = rows;
                Warnings = warnings;
                MatcherWarnings = matcherWarnings;
                Summaries = summaries;
            }

            public List<VantageComparison> Rows { get; }
            public IReadOnlyList<string> Warnings { get; }
            public List<string> MatcherWarnings { get; }
            public IReadOnlyList<VantageSummary> Summaries { get; }

            public VantageComparison Row(string host, int qid) => Rows.Single(r => r.HostName == host && r.QID == qid);

            public VantageSummary Summary(string host) => Summaries.Single(s => s.Scope == SummaryScope.Host && s.HostName == host);

            public VantageSummary Total => Summaries.Single(s => s.Scope == SummaryScope.Total);
        }
    }
}
