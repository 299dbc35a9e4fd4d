using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// What both vantage points say about one machine as a whole: whether the scanner logged in,
    /// when each side last looked, and whether Qualys may have merged the two. Made by
    /// <see cref="GapExplainer.DescribeHost(QualysCompare.Engine.Comparison.HostPair)"/>, which also judges the dates against the options.
    /// </summary>
    public sealed class HostFacts
    {
        internal HostFacts(string? hostName, DateTime? scanDate, DateTime? agentLastAssessed,
            ScannerAuthenticationResult authentication, string? mergedDataEvidence, TimeSpan staleAfter, DateTime now)
        {
            HostName = hostName;
            ScanDate = scanDate;
            AgentLastAssessed = agentLastAssessed;
            Authentication = authentication;
            MergedDataEvidence = mergedDataEvidence;
            AgentStaleAgainstScan = scanDate != null && agentLastAssessed != null && scanDate.Value - agentLastAssessed.Value > staleAfter;
            AgentStaleAgainstNow = agentLastAssessed != null && now - agentLastAssessed.Value > staleAfter;
            ScannerStaleAgainstNow = scanDate != null && now - scanDate.Value > staleAfter;
        }

        public string? HostName { get; }

        /// <summary>When the scanner assessed the machine (the scan's launch date), UTC.</summary>
        public DateTime? ScanDate { get; }

        /// <summary>When the Cloud Agent last assessed the machine, UTC.</summary>
        public DateTime? AgentLastAssessed { get; }

        public ScannerAuthenticationResult Authentication { get; }

        /// <summary>Why Qualys may have merged scan results into the agent asset, or null.</summary>
        public string? MergedDataEvidence { get; }

        public bool AgentStaleAgainstScan { get; }
        public bool AgentStaleAgainstNow { get; }
        public bool ScannerStaleAgainstNow { get; }

        /// <summary>The agent's data is too old for its silence to count against the scan: older than
        /// the scan by more than the limit or, when the scan date is unknown, older than now.</summary>
        public bool AgentStale => AgentStaleAgainstScan || (ScanDate == null && AgentStaleAgainstNow);

        /// <summary>For a machine only the agent reports: whether the compared scans state their
        /// targets and none of them includes any of its addresses (null when they do not say).</summary>
        public bool? OutsideScanTargets { get; internal set; }

        /// <summary>The machine's agent addresses, for the sentence that explains <see cref="OutsideScanTargets"/>.</summary>
        public string? AgentAddresses { get; internal set; }

        public override string ToString() => $"{HostName}: {Authentication}";
    }
}
