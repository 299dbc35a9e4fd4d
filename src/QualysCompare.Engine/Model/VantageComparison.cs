using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// One (machine, QID) as both vantage points see it. Sealed, flat and scalar so that it drops
    /// straight into Export-Csv and Export-Excel; lists (ports, CVEs) are joined strings.
    /// </summary>
    public sealed class VantageComparison
    {
        public string? HostName { get; set; }
        public string? DnsName { get; set; }
        public string? NetBiosName { get; set; }
        public string? ScannerIP { get; set; }
        public string? AgentIP { get; set; }
        public string? AgentHostId { get; set; }
        public MatchMethod MatchedBy { get; set; }
        public MatchConfidence MatchConfidence { get; set; }
        public Presence HostCoverage { get; set; }
        public int QID { get; set; }
        public string? Title { get; set; }
        public FindingType Type { get; set; }
        public int? Severity { get; set; }
        public Presence Presence { get; set; }
        public GapReason Reason { get; set; }
        public string? ReasonDetail { get; set; }
        public ReasonSource ReasonSource { get; set; }
        public ScannerAuthentication ScannerAuthentication { get; set; }
        public FindingType? ScannerType { get; set; }
        public FindingType? AgentType { get; set; }
        public string? ScannerPorts { get; set; }
        public DetectionStatus? AgentStatus { get; set; }
        public DateTime? AgentLastDetected { get; set; }
        public DateTime? AgentLastFixed { get; set; }
        public DateTime? ScannerLastScanned { get; set; }
        public DateTime? AgentLastAssessed { get; set; }
        public string? CveIds { get; set; }
        public string? Category { get; set; }

        public override string ToString() => $"{HostName} QID {QID}: {Presence}";
    }

    /// <summary>One machine's comparison in numbers, or (Scope Total) all machines together.</summary>
    public sealed class VantageSummary
    {
        public SummaryScope Scope { get; set; }
        public string? HostName { get; set; }
        public Presence? HostCoverage { get; set; }
        public MatchMethod MatchedBy { get; set; }
        public ScannerAuthentication? ScannerAuthentication { get; set; }
        public int Hosts { get; set; }
        public int ScannerTotal { get; set; }
        public int ScannerConfirmed { get; set; }
        public int ScannerPotential { get; set; }
        public int AgentTotal { get; set; }
        public int AgentConfirmed { get; set; }
        public int AgentPotential { get; set; }
        public int Both { get; set; }
        public int ScannerOnly { get; set; }
        public int AgentOnly { get; set; }
        public double AgentOnlyPercent { get; set; }
        public int NeedsLocalAccess { get; set; }
        public int ScanNotAuthenticated { get; set; }
        public int HostNotScanned { get; set; }
        public int ScannerMissed { get; set; }
        public int NeedsNetworkExposure { get; set; }
        public int AgentFixedSinceScan { get; set; }
        public int NoAgentOnHost { get; set; }
        public int AgentStale { get; set; }
        public int AgentMissed { get; set; }

        public override string ToString() => $"{HostName}: {Both} both, {ScannerOnly} scanner-only, {AgentOnly} agent-only";
    }
}
