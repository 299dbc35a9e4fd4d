using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Matching
{
    /// <summary>
    /// Decides which findings of ONE side belong to the same host record (the per-side host key).
    ///
    /// Agent side: HostId, else AgentId (QG_HOSTID), else name + address. The agent reports its own
    /// identity, so its IDs are trusted; a record without IDs falls back to its name and address.
    ///
    /// Scanner side: address + short name (NetBIOS, else the first DNS label). A scanner knows a host
    /// only by where it answered, so the same address in two scan files is the same host unless the
    /// names say otherwise (a printer that inherited a laptop's DHCP lease). Records of an address
    /// that answered without any name are folded into the one named record of that address when the
    /// OS fingerprint does not contradict it (see <see cref="FoldNamelessScannerRecords"/>).
    /// </summary>
    internal sealed class HostRegistry
    {
        private readonly Vantage _vantage;
        private readonly List<VantageHost> _records = new List<VantageHost>();
        private readonly Dictionary<string, int> _byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byHostId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _byAgentId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        // Readers emit a host's findings one after another: remembering the previous finding's
        // identity turns most look-ups into five string comparisons. The strings, not the finding,
        // are kept, so no Results text outlives its finding.
        private string? _lastIP, _lastHostId, _lastAgentId, _lastDns, _lastNetBios, _lastOs;
        private DateTime? _lastAssessed, _lastVmScanned, _lastVmAuthScanned;
        private string? _lastTags;
        private int _lastIndex = -1;

        public HostRegistry(Vantage vantage) => _vantage = vantage;

        public IReadOnlyList<VantageHost> Records => _records;

        /// <summary>The index of the host record the finding belongs to, created when new.</summary>
        public int Resolve(QualysFinding finding)
        {
            if (_lastIndex >= 0 && SameIdentityAsLast(finding))
            {
                // Same names, address, OS, dates and tags: Observe would learn nothing new.
                if (finding.HostLastAssessed != _lastAssessed || !string.Equals(finding.OperatingSystem, _lastOs, StringComparison.Ordinal)
                    || finding.HostLastVmScanned != _lastVmScanned || finding.HostLastVmAuthScanned != _lastVmAuthScanned
                    || !ReferenceEquals(finding.Tags, _lastTags))
                {
                    _records[_lastIndex].Observe(finding);
                    _lastAssessed = finding.HostLastAssessed;
                    _lastOs = finding.OperatingSystem;
                    _lastVmScanned = finding.HostLastVmScanned;
                    _lastVmAuthScanned = finding.HostLastVmAuthScanned;
                    _lastTags = finding.Tags;
                }
                return _lastIndex;
            }

            int index = _vantage == Vantage.Agent ? ResolveAgent(finding) : ResolveScanner(finding);
            var record = _records[index];
            record.Observe(finding);
            if (record.HostId != null && !_byHostId.ContainsKey(record.HostId)) _byHostId[record.HostId] = index;
            if (record.AgentId != null && !_byAgentId.ContainsKey(record.AgentId)) _byAgentId[record.AgentId] = index;
            _lastIP = finding.IP;
            _lastHostId = finding.HostId;
            _lastAgentId = finding.AgentId;
            _lastDns = finding.DnsName;
            _lastNetBios = finding.NetBiosName;
            _lastOs = finding.OperatingSystem;
            _lastAssessed = finding.HostLastAssessed;
            _lastVmScanned = finding.HostLastVmScanned;
            _lastVmAuthScanned = finding.HostLastVmAuthScanned;
            _lastTags = finding.Tags;
            _lastIndex = index;
            return index;
        }

        private int ResolveAgent(QualysFinding finding)
        {
            var hostId = Vocabulary.Clean(finding.HostId);
            var agentId = Vocabulary.Clean(finding.AgentId);
            if (hostId != null)
            {
                if (_byHostId.TryGetValue(hostId, out int known)) return known;
                // A file without host IDs may have introduced the same agent by its AgentId first.
                if (agentId != null && _byAgentId.TryGetValue(agentId, out known) && _records[known].HostId == null) return known;
                return Create(null);
            }
            if (agentId != null)
                return _byAgentId.TryGetValue(agentId, out int known) ? known : Create(null);

            var name = HostNames.Fqdn(finding.DnsName) ?? HostNames.NetBios(finding.NetBiosName) ?? HostNames.FirstLabel(finding.DnsName);
            return ByKey(name + "\n" + HostNames.Address(finding.IP));
        }

        private int ResolveScanner(QualysFinding finding)
        {
            var address = HostNames.Address(finding.IP);
            var name = ScannerName(finding.DnsName, finding.NetBiosName);
            if (address == null && name == null)
            {
                // Only formats with host IDs get here; without any of the three the findings
                // share one anonymous record rather than being dropped.
                var hostId = Vocabulary.Clean(finding.HostId);
                return ByKey(hostId == null ? "\n" : "#" + hostId);
            }
            return ByKey(address + "\n" + name);
        }

        /// <summary>NetBIOS first: it is the name the machine gives itself, while the DNS name
        /// depends on the scanner's reverse lookup working that day.</summary>
        private static string? ScannerName(string? dnsName, string? netBiosName) =>
            HostNames.NetBios(netBiosName) ?? HostNames.FirstLabel(dnsName);

        private int ByKey(string key)
        {
            if (_byKey.TryGetValue(key, out int index)) return index;
            index = Create(key);
            return index;
        }

        private int Create(string? key)
        {
            int index = _records.Count;
            _records.Add(new VantageHost(_vantage, index));
            if (key != null) _byKey[key] = index;
            return index;
        }

        private bool SameIdentityAsLast(QualysFinding finding) =>
            string.Equals(finding.IP, _lastIP, StringComparison.Ordinal)
            && string.Equals(finding.HostId, _lastHostId, StringComparison.Ordinal)
            && string.Equals(finding.AgentId, _lastAgentId, StringComparison.Ordinal)
            && string.Equals(finding.DnsName, _lastDns, StringComparison.Ordinal)
            && string.Equals(finding.NetBiosName, _lastNetBios, StringComparison.Ordinal);

        /// <summary>
        /// Folds scanner records of an address that carry no name into the single named record of
        /// that address (one scan resolved the name, another did not). Not folded, and warned about,
        /// when the address has several named records; not folded when the OS fingerprints differ,
        /// because a nameless device on a reused address (a printer) must not inherit a laptop.
        /// Returns pairs (absorbed, into) so the caller can move the findings.
        /// </summary>
        public List<KeyValuePair<int, int>> FoldNamelessScannerRecords(IEngineOutput output)
        {
            var folds = new List<KeyValuePair<int, int>>();
            var byAddress = new Dictionary<string, List<VantageHost>>(StringComparer.Ordinal);
            foreach (var record in _records)
            {
                if (record.Absorbed || record.Addresses.Count == 0) continue;
                foreach (var address in record.Addresses)
                {
                    if (!byAddress.TryGetValue(address, out var list)) byAddress[address] = list = new List<VantageHost>(1);
                    list.Add(record);
                }
            }
            foreach (var entry in byAddress)
            {
                var records = entry.Value;
                if (records.Count < 2) continue;
                var named = records.FindAll(r => ScannerName(r.DnsName, r.NetBiosName) != null);
                var nameless = records.FindAll(r => ScannerName(r.DnsName, r.NetBiosName) == null);
                if (nameless.Count == 0) continue;
                if (named.Count > 1)
                {
                    output?.WriteWarning($"Scanner findings for {entry.Key} without a host name could belong to any of {string.Join(", ", named.ConvertAll(r => r.Describe()))}; they are kept as a separate host.");
                    continue;
                }
                var target = named.Count == 1 ? named[0] : nameless[0];
                foreach (var record in nameless)
                {
                    if (record == target || record.Absorbed) continue;
                    if (!SameOperatingSystem(record, target)) continue;
                    target.Absorb(record);
                    folds.Add(new KeyValuePair<int, int>(record.Index, target.Index));
                }
            }
            return folds;
        }

        private static bool SameOperatingSystem(VantageHost a, VantageHost b) =>
            a.OperatingSystem == null || b.OperatingSystem == null
            || string.Equals(a.OperatingSystem, b.OperatingSystem, StringComparison.OrdinalIgnoreCase);
    }
}
