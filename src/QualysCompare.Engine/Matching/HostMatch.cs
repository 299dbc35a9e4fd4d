using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Matching
{
    /// <summary>
    /// The outcome for one machine: a scanner record and an agent record paired one to one, or a
    /// record of one side that has no counterpart (MatchedBy None).
    /// </summary>
    public sealed class HostMatch
    {
        internal HostMatch(VantageHost? scanner, VantageHost? agent, MatchMethod matchedBy)
        {
            Scanner = scanner;
            Agent = agent;
            MatchedBy = matchedBy;
        }

        public VantageHost? Scanner { get; }
        public VantageHost? Agent { get; }
        public MatchMethod MatchedBy { get; }
        public MatchConfidence MatchConfidence => ConfidenceOf(MatchedBy);

        public Presence HostCoverage =>
            Scanner != null && Agent != null ? Presence.Both : Scanner != null ? Presence.ScannerOnly : Presence.AgentOnly;

        /// <summary>
        /// High: IDs Qualys itself assigned, and FQDNs, are unique within a subscription and survive
        /// address changes. Medium: a NetBIOS name or short DNS label is unique only within one
        /// domain (two "WEB" hosts in different domains collide). Low: an address identifies a
        /// device only at one moment (DHCP, NAT, reuse), and is accepted only with no name against it.
        /// </summary>
        public static MatchConfidence ConfidenceOf(MatchMethod method)
        {
            switch (method)
            {
                case MatchMethod.HostId:
                case MatchMethod.AgentId:
                case MatchMethod.Fqdn:
                    return MatchConfidence.High;
                case MatchMethod.NetBios:
                    return MatchConfidence.Medium;
                case MatchMethod.IP:
                    return MatchConfidence.Low;
                default:
                    return MatchConfidence.None;
            }
        }

        public override string ToString() =>
            $"{Scanner?.DisplayName ?? "-"} <-> {Agent?.DisplayName ?? "-"} ({MatchedBy})";
    }
}
