using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// One run of Export-CoverageGap -HistoryPath in numbers: a row of the history file, which a
    /// spreadsheet charts as it is. Counts only; the rows stay in the run's own export. Closed rows
    /// count only as <see cref="Closed"/>, never as open gaps or hosts.
    /// </summary>
    public sealed class CoverageRun
    {
        /// <summary>When the export ran, in UTC.</summary>
        public DateTime RunUtc { get; set; }

        /// <summary>The date of the data compared (<see cref="VantageComparison.DataDate"/>); the trend's dates.</summary>
        public DateTime? DataDate { get; set; }

        /// <summary>The data date of the -Baseline the rows were compared with, if any.</summary>
        public DateTime? BaselineDate { get; set; }

        /// <summary>Machines in the comparison, and how many of them each side saw.</summary>
        public int Hosts { get; set; }
        public int HostsBoth { get; set; }
        public int HostsScannerOnly { get; set; }
        public int HostsAgentOnly { get; set; }

        /// <summary>Shares of <see cref="Hosts"/>: seen by the scanner (with or without the agent), by the agent, by both.</summary>
        public double ScannerCoveragePercent { get; set; }
        public double AgentCoveragePercent { get; set; }
        public double BothCoveragePercent { get; set; }

        /// <summary>Gap rows that are not Closed, accepted or not.</summary>
        public int OpenGaps { get; set; }

        /// <summary>Rows with an action that are neither accepted nor Closed: the page's findings to act on.</summary>
        public int OpenActionable { get; set; }

        public int New { get; set; }
        public int NewActionable { get; set; }
        public int Persisting { get; set; }
        public int BecameActionable { get; set; }
        public int Closed { get; set; }
        public int Accepted { get; set; }

        // Open gaps per reason.
        public int NeedsLocalAccess { get; set; }
        public int ScanNotAuthenticated { get; set; }
        public int HostNotScanned { get; set; }
        public int OutsideScanTargets { get; set; }
        public int ScannerMissed { get; set; }
        public int NeedsNetworkExposure { get; set; }
        public int AgentFixedSinceScan { get; set; }
        public int NoAgentOnHost { get; set; }
        public int AgentStale { get; set; }
        public int AgentMissed { get; set; }
        public int AgentReportsFixed { get; set; }

        // Open findings to act on per action.
        public int FixScanAuthentication { get; set; }
        public int InvestigateScanReach { get; set; }
        public int DeployAgent { get; set; }
        public int RepairAgent { get; set; }
        public int InvestigateDetection { get; set; }

        public override string ToString() => $"{RunUtc:yyyy-MM-dd HH:mm}Z: {OpenActionable} to act on, {New} new, {Closed} closed";
    }
}
