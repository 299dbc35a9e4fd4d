using System;
using System.Collections.Generic;
using System.IO;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Comparison rows built by hand (the comparison engine is not on this branch), full of text an
    /// attacker controls: Qualys copies titles, banners and host names from the scanned machines.</summary>
    internal static class ExportSamples
    {
        public const string Formula = "=cmd|' /C calc'!A0";
        public const string PlusFormula = "+1+1";
        public const string AtFormula = "@SUM(1)";
        public const string MinusFormula = "-2+3";
        public const string TabLed = "\tTab-led detail";
        public const string CrLed = "\rCR-led category";
        public const string Script = "<script>alert(1)</script>";
        public const string Accented = "Caf\u00e9 \u00fcber \"quoted\", with comma\nand a newline";
        public const string ControlCharacters = "bell\u0001 and form feed\u000c inside";

        public static readonly DateTime Detected = new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc);
        public static readonly DateTime Scanned = new DateTime(2024, 4, 30, 23, 59, 59, DateTimeKind.Utc);
        public static readonly DateTime Assessed = new DateTime(2024, 5, 2, 0, 0, 1, DateTimeKind.Utc);

        public static List<VantageComparison> Rows() => new List<VantageComparison>
        {
            new VantageComparison
            {
                HostName = "web01.example.com", DnsName = "web01.example.com", NetBiosName = "WEB01",
                ScannerIP = "10.0.0.5", AgentIP = "10.0.0.5", AgentHostId = "123456",
                MatchedBy = MatchMethod.HostId, MatchConfidence = MatchConfidence.High, HostCoverage = Presence.Both,
                QID = 38173, Title = Formula, Type = FindingType.Confirmed, Severity = 5,
                Presence = Presence.ScannerOnly, Reason = GapReason.NeedsNetworkExposure, ReasonDetail = "Port 443 answers only from the scanner's network",
                ReasonSource = ReasonSource.Heuristic, ScannerAuthentication = ScannerAuthentication.Passed,
                ScannerType = FindingType.Confirmed, ScannerPorts = "443/tcp, 8443/tcp", ScannerLastScanned = Scanned,
                CveIds = "CVE-2024-0001; CVE-2024-0002", Category = PlusFormula,
            },
            new VantageComparison
            {
                HostName = "web01.example.com", DnsName = "web01.example.com", NetBiosName = "WEB01",
                ScannerIP = "10.0.0.5", AgentIP = "10.0.0.5", AgentHostId = "123456",
                MatchedBy = MatchMethod.HostId, MatchConfidence = MatchConfidence.High, HostCoverage = Presence.Both,
                QID = 105, Title = AtFormula, Type = FindingType.Potential, Severity = 4,
                Presence = Presence.AgentOnly, Reason = GapReason.NeedsLocalAccess, ReasonDetail = TabLed,
                ReasonSource = ReasonSource.KnowledgeBase, ScannerAuthentication = ScannerAuthentication.Passed,
                AgentType = FindingType.Potential, AgentStatus = DetectionStatus.Active,
                AgentLastDetected = Detected, AgentLastAssessed = Assessed, ScannerLastScanned = Scanned,
                Category = MinusFormula,
            },
            new VantageComparison
            {
                HostName = "web01.example.com", ScannerIP = "10.0.0.5", AgentIP = "10.0.0.5",
                MatchedBy = MatchMethod.HostId, MatchConfidence = MatchConfidence.High, HostCoverage = Presence.Both,
                QID = 90001, Title = "Both saw this: OpenSSL 1.0.2 end of life", Type = FindingType.Confirmed, Severity = 5,
                Presence = Presence.Both, ScannerType = FindingType.Confirmed, AgentType = FindingType.Confirmed,
                ScannerPorts = "22/tcp", AgentStatus = DetectionStatus.New, AgentLastDetected = Detected,
                ScannerLastScanned = Scanned, AgentLastAssessed = Assessed, Category = CrLed,
            },
            new VantageComparison
            {
                HostName = "Caf\u00e9-\u00fc", ScannerIP = "10.0.0.9",
                MatchedBy = MatchMethod.None, MatchConfidence = MatchConfidence.None, HostCoverage = Presence.ScannerOnly,
                QID = 6, Title = Accented, Type = FindingType.Information, Severity = 2,
                Presence = Presence.ScannerOnly, Reason = GapReason.NoAgentOnHost, ReasonDetail = ControlCharacters,
                ReasonSource = ReasonSource.Heuristic, ScannerAuthentication = ScannerAuthentication.NullSession,
                ScannerType = FindingType.Information, ScannerPorts = "", ScannerLastScanned = Scanned,
            },
            new VantageComparison
            {
                HostName = "never-scanned.example.org", AgentIP = "192.168.7.20", AgentHostId = "998877",
                MatchedBy = MatchMethod.None, MatchConfidence = MatchConfidence.None, HostCoverage = Presence.AgentOnly,
                QID = 370000, Title = Script, Type = FindingType.Confirmed, Severity = null,
                Presence = Presence.AgentOnly, Reason = GapReason.HostNotScanned, ReasonSource = ReasonSource.Heuristic,
                ScannerAuthentication = ScannerAuthentication.Unknown, AgentType = FindingType.Confirmed,
                AgentStatus = DetectionStatus.ReOpened, AgentLastDetected = Detected, AgentLastAssessed = Assessed,
                CveIds = "CVE-2023-4863",
            },
            new VantageComparison
            {
                // Not a real QID: proves that a negative number is written as a number, not neutralised as text.
                HostName = "web01.example.com", ScannerIP = "10.0.0.5", AgentIP = "10.0.0.5",
                MatchedBy = MatchMethod.HostId, MatchConfidence = MatchConfidence.High, HostCoverage = Presence.Both,
                QID = -42, Title = "Negative QID", Type = FindingType.Potential, Severity = 1,
                Presence = Presence.ScannerOnly, ScannerType = FindingType.Potential,
            },
        };

        /// <summary>Numbers the way the comparison engine reports them; the page must show exactly these.</summary>
        public static List<VantageSummary> Summaries() => new List<VantageSummary>
        {
            new VantageSummary
            {
                Scope = SummaryScope.Host, HostName = "web01.example.com", HostCoverage = Presence.Both, MatchedBy = MatchMethod.HostId,
                ScannerAuthentication = ScannerAuthentication.Passed, Hosts = 1,
                ScannerTotal = 5, ScannerConfirmed = 3, ScannerPotential = 2, AgentTotal = 264, AgentConfirmed = 250, AgentPotential = 14,
                Both = 3, ScannerOnly = 2, AgentOnly = 261, AgentOnlyPercent = 98.9, NeedsLocalAccess = 1, NeedsNetworkExposure = 1,
            },
            new VantageSummary
            {
                Scope = SummaryScope.Host, HostName = "Caf\u00e9-\u00fc", HostCoverage = Presence.ScannerOnly, MatchedBy = MatchMethod.None,
                ScannerAuthentication = ScannerAuthentication.NullSession, Hosts = 1,
                ScannerTotal = 1, ScannerConfirmed = 0, ScannerPotential = 0, ScannerOnly = 1, NoAgentOnHost = 1,
            },
            new VantageSummary
            {
                Scope = SummaryScope.Host, HostName = "never-scanned.example.org", HostCoverage = Presence.AgentOnly, MatchedBy = MatchMethod.None,
                Hosts = 1, AgentTotal = 1, AgentConfirmed = 1, AgentOnly = 1, AgentOnlyPercent = 100, HostNotScanned = 1,
            },
            new VantageSummary
            {
                // Known to the agent only and without findings: it has no comparison row, only this summary.
                Scope = SummaryScope.Host, HostName = "idle-box.example.org", HostCoverage = Presence.AgentOnly, MatchedBy = MatchMethod.None, Hosts = 1,
            },
            new VantageSummary
            {
                Scope = SummaryScope.Total, Hosts = 4, MatchedBy = MatchMethod.None,
                ScannerTotal = 6, ScannerConfirmed = 3, ScannerPotential = 2, AgentTotal = 265, AgentConfirmed = 251, AgentPotential = 14,
                Both = 3, ScannerOnly = 3, AgentOnly = 262, AgentOnlyPercent = 97.8,
            },
        };
    }

    /// <summary>A fresh folder per test, removed afterwards even when a test left a read-only file in it.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qc-export-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string[] Names()
        {
            var names = Directory.GetFiles(Path);
            for (int i = 0; i < names.Length; i++) names[i] = System.IO.Path.GetFileName(names[i]);
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }

        public void Dispose()
        {
            if (!Directory.Exists(Path)) return;
            foreach (string file in Directory.GetFiles(Path)) System.IO.File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
    }
}
