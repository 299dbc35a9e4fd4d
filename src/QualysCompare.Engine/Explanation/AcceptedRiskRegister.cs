using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// The accepted risks in force on the day of the run, looked up by the names a row's machine
    /// answers to: an FQDN entry matches the DNS name, a short name matches the NetBIOS name or the
    /// DNS name's first label, an address matches either side's IP. An accepted row keeps its reason
    /// and gets Action None with the justification and expiry. Expired entries are not applied, and
    /// entries whose host is not in the data are reported, so stale exceptions get cleaned up.
    /// </summary>
    public sealed class AcceptedRiskRegister
    {
        private readonly Dictionary<(string Host, int Qid), AcceptedRisk> _byHostAndQid = new Dictionary<(string, int), AcceptedRisk>();
        private readonly Dictionary<string, List<AcceptedRisk>> _byHost = new Dictionary<string, List<AcceptedRisk>>(StringComparer.Ordinal);
        private readonly HashSet<AcceptedRisk> _hostSeen = new HashSet<AcceptedRisk>();
        private readonly List<AcceptedRisk> _expired = new List<AcceptedRisk>();

        public AcceptedRiskRegister(IEnumerable<AcceptedRisk> risks, DateTime now)
        {
            if (risks == null) throw new ArgumentNullException(nameof(risks));
            var today = now.ToUniversalTime().Date;
            foreach (var risk in risks)
            {
                if (risk.Expires.Date < today)
                {
                    _expired.Add(risk);
                    continue;
                }
                string key = Key(risk.HostName);
                // Two lines for one host and QID: the later expiry wins, as a renewal would.
                if (!_byHostAndQid.TryGetValue((key, risk.Qid), out var known) || known.Expires < risk.Expires)
                    _byHostAndQid[(key, risk.Qid)] = risk;
                if (!_byHost.TryGetValue(key, out var list)) _byHost[key] = list = new List<AcceptedRisk>();
                list.Add(risk);
            }
        }

        public int Count => _byHostAndQid.Count;

        /// <summary>Marks the row accepted when an entry covers its machine and QID.</summary>
        public void Apply(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (_byHost.Count == 0) return;
            AcceptedRisk? match = null;
            foreach (var key in KeysOf(row))
            {
                if (key == null || !_byHost.TryGetValue(key, out var entries)) continue;
                foreach (var entry in entries) _hostSeen.Add(entry);
                if (match == null && _byHostAndQid.TryGetValue((key, row.QID), out var found)) match = found;
            }
            if (match == null || row.Presence == Presence.Both) return;
            row.Accepted = true;
            row.AcceptedUntil = match.Expires;
            row.AcceptedJustification = match.Justification;
            row.Action = GapAction.None;
            row.Owner = GapOwner.None;
        }

        /// <summary>What the caller should warn about once the rows are read: expired entries, and
        /// entries whose host no row of the data names.</summary>
        public IEnumerable<string> Warnings()
        {
            foreach (var risk in _expired)
                yield return $"Accepted risk {risk} expired on {risk.Expires:yyyy-MM-dd} and was not applied; renew it or remove it.";
            var absent = _byHost.Values.SelectMany(list => list).Where(risk => !_hostSeen.Contains(risk)).ToList();
            if (absent.Count > 0)
                yield return $"{absent.Count} accepted risk(s) name hosts that are not in the compared data, so they are stale or misspelt: {string.Join("; ", absent.Take(20))}{(absent.Count > 20 ? $" and {absent.Count - 20} more" : string.Empty)}.";
        }

        private static IEnumerable<string?> KeysOf(VantageComparison row)
        {
            yield return HostNames.Fqdn(row.DnsName)?.ToLowerInvariant();
            yield return HostNames.NetBios(row.NetBiosName);
            yield return HostNames.FirstLabel(row.DnsName)?.ToLowerInvariant();
            yield return HostNames.Address(row.ScannerIP);
            yield return HostNames.Address(row.AgentIP);
        }

        private static string Key(string hostName)
        {
            if (HostNames.IsAddress(hostName)) return HostNames.Address(hostName)!;
            return hostName.TrimEnd('.').ToLowerInvariant();
        }
    }
}
