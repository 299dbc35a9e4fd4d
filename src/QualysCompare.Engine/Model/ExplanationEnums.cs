namespace QualysCompare.Engine.Model
{
    // The vocabulary of the Reason columns: the explainer fills them, the model carries them.
    /// <summary>Why a finding was seen from one side only. None for findings both sides saw.</summary>
    public enum GapReason
    {
        None,
        NeedsLocalAccess,
        ScanNotAuthenticated,
        HostNotScanned,
        /// <summary>Only the agent reports the machine, and no compared scan was asked to scan any of its addresses.</summary>
        OutsideScanTargets,
        ScannerMissed,
        NeedsNetworkExposure,
        AgentFixedSinceScan,
        NoAgentOnHost,
        AgentStale,
        AgentMissed,

        /// <summary>The agent reports the QID Fixed, but the scan's date or the agent's is unknown,
        /// so whether the fix came after the scan cannot be told.</summary>
        AgentReportsFixed,
    }

    /// <summary>Where a reason came from: the QID's KnowledgeBase entry, or the documented heuristics.</summary>
    public enum ReasonSource
    {
        None,
        KnowledgeBase,
        Heuristic,
    }

    /// <summary>What the scanner's own QIDs say about its login to the host.</summary>
    public enum ScannerAuthentication
    {
        Unknown,
        Passed,
        Failed,
        NullSession,
        NotAttempted,
    }
}
