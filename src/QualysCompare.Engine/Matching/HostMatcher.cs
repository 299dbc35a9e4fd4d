using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Matching
{
    /// <summary>
    /// Pairs scanner host records with agent host records, one to one.
    ///
    /// Evidence is tried strongest first: HostId (equal only where Qualys merged the records),
    /// AgentId / QG_HOSTID, FQDN (case-insensitive, no trailing dot), NetBIOS name or first DNS
    /// label, and last the IP address. A record paired at one level is not offered at weaker
    /// levels, so an agent whose name matched keeps its pair even if its last address now belongs
    /// to another device (DHCP churn).
    ///
    /// Within a level, the records that share evidence form groups; only a group of exactly one
    /// scanner record and one agent record is paired. Any larger group (two agents with one FQDN
    /// after a reinstall, two scanned addresses claiming one agent) is reported as a warning naming
    /// every record in it, and those records are not offered at weaker levels either: a weaker
    /// clue must not silently decide what a stronger one left open.
    ///
    /// Address evidence has two extra rules. An address reported by two or more agent records
    /// (remote workers behind one NAT address, home routers with the same private range) pairs
    /// nothing. And an address pair is vetoed when both records carry a name and the names differ:
    /// the address was reused by another device.
    /// </summary>
    public static class HostMatcher
    {
        private static readonly MatchMethod[] Levels =
            { MatchMethod.HostId, MatchMethod.AgentId, MatchMethod.Fqdn, MatchMethod.NetBios, MatchMethod.IP };

        public static List<HostMatch> Match(IReadOnlyList<VantageHost> scannerRecords, IReadOnlyList<VantageHost> agentRecords, IEngineOutput? output = null)
        {
            var scanners = scannerRecords.Where(r => !r.Absorbed).ToList();
            var agents = agentRecords.Where(r => !r.Absorbed).ToList();
            var scannerState = new State[scanners.Count];
            var agentState = new State[agents.Count];
            var agentOfScanner = new int[scanners.Count];
            var methodOfScanner = new MatchMethod[scanners.Count];
            var matches = new List<HostMatch>();

            foreach (var level in Levels)
            {
                var sharedAddresses = level == MatchMethod.IP ? AddressesOfSeveralAgents(agents) : null;
                var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                for (int a = 0; a < agents.Count; a++)
                {
                    if (agentState[a] != State.Open) continue;
                    foreach (var key in Evidence(agents[a], level))
                    {
                        if (sharedAddresses != null && sharedAddresses.ContainsKey(key)) continue;
                        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<int>(1);
                        if (!list.Contains(a)) list.Add(a);
                    }
                }

                // Edges of the bipartite "shares evidence" graph; scanner s is node s, agent a is node S + a.
                var groups = new UnionFind(scanners.Count + agents.Count);
                var edges = new List<Edge>();
                for (int s = 0; s < scanners.Count; s++)
                {
                    if (scannerState[s] != State.Open) continue;
                    int firstEdge = edges.Count;
                    foreach (var key in Evidence(scanners[s], level))
                    {
                        if (sharedAddresses != null && sharedAddresses.TryGetValue(key, out var claimants))
                        {
                            // Silent when the names rule every claimant out anyway: nothing was lost.
                            if (claimants.Any(c => !HostNames.NamesContradict(scanners[s], c)))
                                output?.WriteWarning($"Address {key} is reported by {claimants.Count} agent hosts ({Join(claimants)}), so it identifies none of them: {scanners[s].Describe()} is not paired by IP.");
                            continue;
                        }
                        if (!index.TryGetValue(key, out var candidates)) continue;
                        foreach (int a in candidates)
                        {
                            if (level == MatchMethod.IP && HostNames.NamesContradict(scanners[s], agents[a])) continue;
                            if (edges.FindIndex(firstEdge, e => e.Agent == a) >= 0) continue;
                            edges.Add(new Edge(s, a, key));
                            groups.Union(s, scanners.Count + a);
                        }
                    }
                }
                if (edges.Count == 0) continue;

                var members = new Dictionary<int, Group>();
                foreach (var edge in edges)
                {
                    int root = groups.Find(edge.Scanner);
                    if (!members.TryGetValue(root, out var group)) members[root] = group = new Group();
                    if (!group.Scanners.Contains(edge.Scanner)) group.Scanners.Add(edge.Scanner);
                    if (!group.Agents.Contains(edge.Agent)) group.Agents.Add(edge.Agent);
                    if (!group.Evidence.Contains(edge.Evidence)) group.Evidence.Add(edge.Evidence);
                }
                foreach (var group in members.Values.OrderBy(g => g.Scanners.Min()))
                {
                    if (group.Scanners.Count == 1 && group.Agents.Count == 1)
                    {
                        int s = group.Scanners[0], a = group.Agents[0];
                        scannerState[s] = State.Paired;
                        agentState[a] = State.Paired;
                        agentOfScanner[s] = a;
                        methodOfScanner[s] = level;
                        continue;
                    }
                    group.Scanners.Sort();
                    group.Agents.Sort();
                    foreach (int s in group.Scanners) scannerState[s] = State.Contested;
                    foreach (int a in group.Agents) agentState[a] = State.Contested;
                    output?.WriteWarning(
                        $"Ambiguous host match by {LevelName(level)} {string.Join(", ", group.Evidence.OrderBy(e => e, StringComparer.Ordinal).Select(e => "'" + e + "'"))} "
                        + $"between {Join(group.Scanners.Select(s => scanners[s]).Concat(group.Agents.Select(a => agents[a])))}: "
                        + "none of them is paired, and their findings are reported as seen from one side only.");
                }
            }

            for (int s = 0; s < scanners.Count; s++)
                matches.Add(scannerState[s] == State.Paired
                    ? new HostMatch(scanners[s], agents[agentOfScanner[s]], methodOfScanner[s])
                    : new HostMatch(scanners[s], null, MatchMethod.None));
            for (int a = 0; a < agents.Count; a++)
                if (agentState[a] != State.Paired) matches.Add(new HostMatch(null, agents[a], MatchMethod.None));
            return matches;
        }

        /// <summary>The comparable values a record offers at one level.</summary>
        private static IEnumerable<string> Evidence(VantageHost record, MatchMethod level)
        {
            switch (level)
            {
                case MatchMethod.HostId:
                    if (record.HostId != null) yield return record.HostId;
                    break;
                case MatchMethod.AgentId:
                    if (record.AgentId != null) yield return record.AgentId.ToLowerInvariant();
                    break;
                case MatchMethod.Fqdn:
                    var fqdn = HostNames.Fqdn(record.DnsName);
                    if (fqdn != null) yield return fqdn;
                    break;
                case MatchMethod.NetBios:
                    foreach (var name in HostNames.ShortNames(record.DnsName, record.NetBiosName)) yield return name;
                    break;
                case MatchMethod.IP:
                    foreach (var address in record.Addresses) yield return address;
                    break;
            }
        }

        private static Dictionary<string, List<VantageHost>> AddressesOfSeveralAgents(List<VantageHost> agents)
        {
            // Every agent record counts, paired or not: an address two agents report is not an
            // identity even if one of the two was already paired by name.
            var byAddress = new Dictionary<string, List<VantageHost>>(StringComparer.Ordinal);
            foreach (var agent in agents)
                foreach (var address in agent.Addresses)
                {
                    if (!byAddress.TryGetValue(address, out var list)) byAddress[address] = list = new List<VantageHost>(1);
                    list.Add(agent);
                }
            var shared = new Dictionary<string, List<VantageHost>>(StringComparer.Ordinal);
            foreach (var entry in byAddress)
                if (entry.Value.Count > 1) shared[entry.Key] = entry.Value;
            return shared;
        }

        private static string LevelName(MatchMethod level) => level switch
        {
            MatchMethod.HostId => "HostId",
            MatchMethod.AgentId => "AgentId",
            MatchMethod.Fqdn => "FQDN",
            MatchMethod.NetBios => "NetBIOS name",
            _ => "IP address",
        };

        /// <summary>Names the records, at most ten: a placeholder name that hundreds of agents
        /// report ("localhost.localdomain") must not produce a warning of thousands of lines.</summary>
        private static string Join(IEnumerable<VantageHost> records)
        {
            const int Shown = 10;
            var all = records.ToList();
            var descriptions = all.Take(Shown).Select(r => r.Describe()).ToList();
            if (all.Count > Shown) return string.Join(", ", descriptions) + $" and {all.Count - Shown} more";
            return descriptions.Count == 1 ? descriptions[0] : string.Join(", ", descriptions.Take(descriptions.Count - 1)) + " and " + descriptions[descriptions.Count - 1];
        }

        private enum State : byte
        {
            Open,
            Paired,
            Contested,
        }

        private readonly struct Edge
        {
            public Edge(int scanner, int agent, string evidence)
            {
                Scanner = scanner;
                Agent = agent;
                Evidence = evidence;
            }

            public int Scanner { get; }
            public int Agent { get; }
            public string Evidence { get; }
        }

        private sealed class Group
        {
            public readonly List<int> Scanners = new List<int>(1);
            public readonly List<int> Agents = new List<int>(1);
            public readonly List<string> Evidence = new List<string>(1);
        }

        private sealed class UnionFind
        {
            private readonly int[] _parent;

            public UnionFind(int size)
            {
                _parent = new int[size];
                for (int i = 0; i < size; i++) _parent[i] = i;
            }

            public int Find(int node)
            {
                while (_parent[node] != node)
                {
                    _parent[node] = _parent[_parent[node]];
                    node = _parent[node];
                }
                return node;
            }

            public void Union(int a, int b)
            {
                int ra = Find(a), rb = Find(b);
                if (ra != rb) _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }
    }
}
