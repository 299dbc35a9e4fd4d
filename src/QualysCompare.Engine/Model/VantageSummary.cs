using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>One machine's comparison in numbers, or (Scope Total) all machines together.</summary>
    public sealed class VantageSummary
    {
        public SummaryScope Scope { get; set; }
        public string? HostName { get; set; }
        public string? OperatingSystem { get; set; }
        public Presence? HostCoverage { get; set; }

        /// <summary>The machine's most urgent action among its rows (a server without an agent: DeployAgent).</summary>
        public GapAction Action { get; set; }

        public GapOwner Owner { get; set; }
        public string? ScannerIP { get; set; }
        public string? AgentIP { get; set; }
        public MatchMethod MatchedBy { get; set; }
        public ScannerAuthentication? ScannerAuthentication { get; set; }
        public DateTime? ScannerLastScanned { get; set; }
        public DateTime? AgentLastAssessed { get; set; }
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
        public int OutsideScanTargets { get; set; }
        public int ScannerMissed { get; set; }
        public int NeedsNetworkExposure { get; set; }
        public int AgentFixedSinceScan { get; set; }
        public int NoAgentOnHost { get; set; }
        public int AgentStale { get; set; }
        public int AgentMissed { get; set; }
        public int AgentReportsFixed { get; set; }

        // Rows per action: the work in numbers, per machine and in total.
        public int FixScanAuthentication { get; set; }
        public int InvestigateScanReach { get; set; }
        public int DeployAgent { get; set; }
        public int RepairAgent { get; set; }
        public int InvestigateDetection { get; set; }

        // Against -Baseline: gaps new since it, and baseline gaps that are gone now (not counted above).
        public int New { get; set; }
        public int Closed { get; set; }

        /// <summary>Files of either side that could not be read (see <see cref="VantageComparison.InputProblems"/>).</summary>
        public string? InputProblems { get; set; }

        public override string ToString() => $"{HostName}: {Both} both, {ScannerOnly} scanner-only, {AgentOnly} agent-only";
    }
}
