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

        /// <summary>The host's Qualys asset tags, joined with "; " (Host List Detection with show_tags=1).</summary>
        public string? Tags { get; set; }

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

        /// <summary>Qualys Detection Score, 1 to 100 (show_qds=1, where the subscription has it): for prioritising.</summary>
        public int? Qds { get; set; }

        /// <summary>The QDS band as Qualys names it: LOW, MEDIUM, HIGH or CRITICAL.</summary>
        public string? QdsSeverity { get; set; }

        public Presence Presence { get; set; }

        /// <summary>Against -Baseline: New, Persisting, or Closed for a baseline gap that is gone now
        /// (the row then carries its last known values). None without a baseline.</summary>
        public GapChange Change { get; set; }

        /// <summary>The data date of the run that first reported this gap, carried over from the baseline.</summary>
        public DateTime? FirstSeen { get; set; }

        /// <summary>Whole days from <see cref="FirstSeen"/> to <see cref="DataDate"/>.</summary>
        public int? DaysOpen { get; set; }
        public GapReason Reason { get; set; }

        /// <summary>What a person must do about the row; None for gaps that are expected by design.</summary>
        public GapAction Action { get; set; }

        /// <summary>Which team does the <see cref="Action"/>.</summary>
        public GapOwner Owner { get; set; }

        /// <summary>The row's Action in the baseline, for a Persisting or Closed row.</summary>
        public GapAction? PreviousAction { get; set; }

        /// <summary>A Persisting gap whose Action was None in the baseline and is actionable now (a scan
        /// that stopped authenticating): news although the gap is old.</summary>
        public bool BecameActionable { get; set; }

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

        /// <summary>The date of the data compared: the newest scan or agent assessment of any input, in
        /// UTC. A new gap's FirstSeen, and what a later -Baseline reads as this run's date.</summary>
        public DateTime? DataDate { get; set; }

        /// <summary>The <see cref="DataDate"/> of the -Baseline this row was compared with; null without one.</summary>
        public DateTime? BaselineDate { get; set; }

        /// <summary>Files of either side that could not be read, when some could: the rows are
        /// right for what was read, and this says what was not. Null when every input was read.</summary>
        public string? InputProblems { get; set; }

        public override string ToString() => $"{HostName} QID {QID}: {Presence}";
    }
}
