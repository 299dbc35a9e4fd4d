namespace QualysCompare.Engine.Model
{
    /// <summary>Which vantage points saw something: a finding, or a host at all.</summary>
    public enum Presence
    {
        Both,
        ScannerOnly,
        AgentOnly,
    }

    /// <summary>The evidence that paired a scanner host record with an agent host record,
    /// strongest first. None: the host has no counterpart.</summary>
    public enum MatchMethod
    {
        None,
        HostId,
        AgentId,
        Fqdn,
        NetBios,
        IP,
    }

    public enum MatchConfidence
    {
        None,
        High,
        Medium,
        Low,
    }

    /// <summary>Why a finding was seen from one side only. None for findings both sides saw.</summary>
    public enum GapReason
    {
        None,
        NeedsLocalAccess,
        ScanNotAuthenticated,
        HostNotScanned,
        ScannerMissed,
        NeedsNetworkExposure,
        AgentFixedSinceScan,
        NoAgentOnHost,
        AgentStale,
        AgentMissed,
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

    /// <summary>A per-host summary row, or the one total row over all hosts.</summary>
    public enum SummaryScope
    {
        Host,
        Total,
    }
}
