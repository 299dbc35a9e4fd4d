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

    /// <summary>A per-host summary row, or the one total row over all hosts.</summary>
    public enum SummaryScope
    {
        Host,
        Total,
    }

    /// <summary>How a gap row stands against the baseline of -Baseline (a previous run's export).
    /// None: the comparison was made without a baseline, so it says nothing about change.</summary>
    public enum GapChange
    {
        None,
        New,
        Persisting,
        Closed,
    }
}
