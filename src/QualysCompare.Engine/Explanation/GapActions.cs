using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// Who must do what about a row, from its reason: the table in docs/reasons.md. Gaps that are
    /// expected by design get None, so a report can lead with the few rows that need a person.
    /// </summary>
    public static class GapActions
    {
        /// <summary>Sets Action and Owner from Reason (and, for NoAgentOnHost, from the operating system).</summary>
        public static void Assign(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            row.Action = ActionFor(row.Reason, row.OperatingSystem);
            row.Owner = row.Action.Owner();
        }

        public static GapAction ActionFor(GapReason reason, string? operatingSystem) => reason switch
        {
            GapReason.ScanNotAuthenticated => GapAction.FixScanAuthentication,
            GapReason.HostNotScanned => GapAction.InvestigateScanReach,
            GapReason.NoAgentOnHost => AgentPlatforms.CanRunAgent(operatingSystem, out _) ? GapAction.DeployAgent : GapAction.None,
            GapReason.AgentStale => GapAction.RepairAgent,
            GapReason.ScannerMissed => GapAction.InvestigateDetection,
            GapReason.AgentMissed => GapAction.InvestigateDetection,
            // NeedsLocalAccess: the agent checks inside the machine, which a scan does only with a
            // working login; where the login is known to have failed the reason is ScanNotAuthenticated.
            // NeedsNetworkExposure, AgentFixedSinceScan and None need nobody; nor does
            // AgentReportsFixed: the agent found the QID and reports it fixed, and the next scan,
            // which runs anyway, confirms it.
            _ => GapAction.None,
        };
    }
}
