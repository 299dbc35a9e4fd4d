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

        /// <summary>The operating system as the agent reports it, else as the scanner does: for cutting a report by platform.</summary>
        public string? OperatingSystem { get; set; }

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

        /// <summary>What a person must do about the row; None for gaps that are expected by design.</summary>
        public GapAction Action { get; set; }

        /// <summary>Which team does the <see cref="Action"/>.</summary>
        public GapOwner Owner { get; set; }

        /// <summary>An entry of the -AcceptedRisk file covers this host and QID and has not expired;
        /// the row's Action is then None.</summary>
        public bool Accepted { get; set; }

        public DateTime? AcceptedUntil { get; set; }
        public string? AcceptedJustification { get; set; }

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

        /// <summary>Files of either side that could not be read, when some could: the rows are
        /// right for what was read, and this says what was not. Null when every input was read.</summary>
        public string? InputProblems { get; set; }

        public override string ToString() => $"{HostName} QID {QID}: {Presence}";
    }
}
