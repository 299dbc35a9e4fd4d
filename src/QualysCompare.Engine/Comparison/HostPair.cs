using System;
using System.Collections.Generic;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// One machine of the comparison: the host match and what each side reported for it. This is
    /// what a gap explainer reasons over (e.g. "the scanner reported an authentication failure on
    /// this host", "the agent last checked in before the scan").
    /// </summary>
    public sealed class HostPair
    {
        private static readonly IReadOnlyList<FoldedFinding> None = new FoldedFinding[0];
        private readonly HashSet<int>? _scannerWatched;
        private readonly HashSet<int>? _agentWatched;

        internal HostPair(HostMatch match, List<FoldedFinding>? scannerFindings, List<FoldedFinding>? agentFindings,
            HashSet<int>? scannerWatched, HashSet<int>? agentWatched)
        {
            Match = match;
            ScannerFindings = scannerFindings ?? None;
            AgentFindings = agentFindings ?? None;
            _scannerWatched = scannerWatched;
            _agentWatched = agentWatched;
            var scanner = match.Scanner;
            var agent = match.Agent;
            DnsName = agent?.DnsName ?? scanner?.DnsName;
            NetBiosName = agent?.NetBiosName ?? scanner?.NetBiosName;
            // The agent's own name first: it is what the machine calls itself, while the scanner's
            // DNS name is a reverse lookup of an address that may have moved on.
            HostName = Vocabulary.BestHostName(DnsName, NetBiosName, scanner?.IP ?? agent?.IP);
        }

        public HostMatch Match { get; }
        public VantageHost? Scanner => Match.Scanner;
        public VantageHost? Agent => Match.Agent;
        public MatchMethod MatchedBy => Match.MatchedBy;
        public MatchConfidence MatchConfidence => Match.MatchConfidence;
        public Presence HostCoverage => Match.HostCoverage;

        public string? HostName { get; }
        public string? DnsName { get; }
        public string? NetBiosName { get; }

        /// <summary>The agent's operating system text, which it reads from inside, else the scanner's fingerprint.</summary>
        public string? OperatingSystem => Match.Agent?.OperatingSystem ?? Match.Scanner?.OperatingSystem;

        /// <summary>The machine's Qualys asset tags: the agent record's, else the scanner record's (one
        /// Qualys asset usually carries the same tags under both tracking methods).</summary>
        public string? Tags => Match.Agent?.Tags ?? Match.Scanner?.Tags;

        /// <summary>The scanner's findings for this machine, one per QID, by QID. Information-gathered
        /// QIDs are in it only when the comparison includes them.</summary>
        public IReadOnlyList<FoldedFinding> ScannerFindings { get; }

        /// <summary>The agent's findings for this machine, one per QID, by QID, Fixed ones included.</summary>
        public IReadOnlyList<FoldedFinding> AgentFindings { get; }

        /// <summary>True when the scanner reported the QID, not Fixed, on this machine. Answers for
        /// every QID in the comparison and for the explainer's watched QIDs whatever the filters.</summary>
        public bool ScannerReported(int qid) => Reported(qid, ScannerFindings, _scannerWatched);

        /// <summary>True when the agent reported the QID, not Fixed, on this machine. Answers for
        /// every QID in the comparison and for the explainer's watched QIDs whatever the filters.</summary>
        public bool AgentReported(int qid) => Reported(qid, AgentFindings, _agentWatched);

        public FoldedFinding? ScannerFinding(int qid) => Find(ScannerFindings, qid);
        public FoldedFinding? AgentFinding(int qid) => Find(AgentFindings, qid);

        private static bool Reported(int qid, IReadOnlyList<FoldedFinding> findings, HashSet<int>? watched)
        {
            if (watched != null && watched.Contains(qid)) return true;
            var finding = Find(findings, qid);
            return finding != null && finding.IsLive;
        }

        private static FoldedFinding? Find(IReadOnlyList<FoldedFinding> findings, int qid)
        {
            int low = 0, high = findings.Count - 1;
            while (low <= high)
            {
                int middle = low + ((high - low) >> 1);
                int found = findings[middle].QID;
                if (found == qid) return findings[middle];
                if (found < qid) low = middle + 1;
                else high = middle - 1;
            }
            return null;
        }

        public override string ToString() => $"{HostName} ({MatchedBy})";
    }
}
