namespace QualysCompare.Engine.Model
{
    /// <summary>What a person must do about a row. None: nothing, because the gap is expected by
    /// design (a local check the scan was not expected to run, a network-only check, a device that
    /// cannot run an agent, a fix the next scan will confirm) or there is no gap.</summary>
    public enum GapAction
    {
        None,
        /// <summary>The scan did not log in to the machine: fix its authentication record.</summary>
        FixScanAuthentication,
        /// <summary>The scan should have seen the machine and did not: was it off, or blocked?</summary>
        InvestigateScanReach,
        /// <summary>A computer that can run the Cloud Agent has none.</summary>
        DeployAgent,
        /// <summary>The agent stopped checking in.</summary>
        RepairAgent,
        /// <summary>One side missed what it should have seen: a detection to investigate, or a false positive.</summary>
        InvestigateDetection,
    }

    /// <summary>Which team does the <see cref="GapAction"/>.</summary>
    public enum GapOwner
    {
        None,
        /// <summary>Runs the scanner appliances: option profiles, targets, authentication records.</summary>
        ScanTeam,
        /// <summary>Deploys and maintains the Cloud Agent on endpoints and servers.</summary>
        EndpointTeam,
        /// <summary>Owns detections: QIDs, false positives, Qualys support cases.</summary>
        VulnerabilityTeam,
    }

    public static class GapActionExtensions
    {
        /// <summary>The team that does an action.</summary>
        public static GapOwner Owner(this GapAction action) => action switch
        {
            GapAction.FixScanAuthentication => GapOwner.ScanTeam,
            GapAction.InvestigateScanReach => GapOwner.ScanTeam,
            GapAction.DeployAgent => GapOwner.EndpointTeam,
            GapAction.RepairAgent => GapOwner.EndpointTeam,
            GapAction.InvestigateDetection => GapOwner.VulnerabilityTeam,
            _ => GapOwner.None,
        };

        /// <summary>How urgent an action is when one machine has several: scan quality first (a scan
        /// that cannot log in hides everything else), then coverage, then single detections.</summary>
        public static int Urgency(this GapAction action) => action switch
        {
            GapAction.FixScanAuthentication => 5,
            GapAction.InvestigateScanReach => 4,
            GapAction.DeployAgent => 3,
            GapAction.RepairAgent => 2,
            GapAction.InvestigateDetection => 1,
            _ => 0,
        };
    }
}
