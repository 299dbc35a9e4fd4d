using System;
using System.Collections.Generic;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Matching
{
    /// <summary>
    /// One host as one vantage point knows it, gathered from all of its findings (possibly from
    /// several files). Identity only: the findings themselves are kept by the comparer.
    /// </summary>
    public sealed class VantageHost
    {
        private readonly List<string> _addresses = new List<string>(1);

        internal VantageHost(Vantage vantage, int index)
        {
            Vantage = vantage;
            Index = index;
        }

        public Vantage Vantage { get; }

        /// <summary>Position of the record among its side's records, in order of first appearance.</summary>
        public int Index { get; }

        public string? HostId { get; private set; }
        public string? AgentId { get; private set; }
        public string? DnsName { get; private set; }
        public string? NetBiosName { get; private set; }
        public string? OperatingSystem { get; private set; }

        /// <summary>The address of the most recent assessment: the scanned address for a scanner
        /// record, the agent's last reported address for an agent record.</summary>
        public string? IP { get; private set; }

        /// <summary>Every address the record was seen with, first seen first.</summary>
        public IReadOnlyList<string> Addresses => _addresses;

        /// <summary>The latest HostLastAssessed of its findings (UTC).</summary>
        public DateTime? LastAssessed { get; private set; }

        /// <summary>The host's last scan and last authenticated scan as Host List Detection states
        /// them (the latest of its findings, UTC); null from formats that do not say.</summary>
        public DateTime? LastVmScanned { get; private set; }

        public DateTime? LastVmAuthScanned { get; private set; }

        /// <summary>The host's asset tags, joined; the first record that has them wins, like the names.</summary>
        public string? Tags { get; private set; }

        public string? DisplayName => Vocabulary.BestHostName(DnsName, NetBiosName, IP);

        /// <summary>True when the record was folded into another record of its side (see HostRegistry).</summary>
        internal bool Absorbed { get; set; }

        /// <summary>A record made from what a comparison row says of its machine, so that two runs'
        /// machines can be paired by <see cref="HostMatcher"/>'s rules.</summary>
        internal static VantageHost Identity(Vantage vantage, int index, string? hostId, string? dnsName, string? netBiosName, string? firstAddress, string? secondAddress)
        {
            var host = new VantageHost(vantage, index)
            {
                HostId = Vocabulary.Clean(hostId),
                DnsName = Vocabulary.Clean(dnsName),
                NetBiosName = Vocabulary.Clean(netBiosName),
            };
            foreach (var ip in new[] { firstAddress, secondAddress })
            {
                var address = HostNames.Address(ip);
                if (address != null && !host._addresses.Contains(address)) host._addresses.Add(address);
            }
            host.IP = host._addresses.Count > 0 ? host._addresses[0] : null;
            return host;
        }

        /// <summary>Takes what the finding says about its host. The first value of each name wins:
        /// findings of one host record repeat the same values, and a later file that differs is
        /// more likely stale than corrected.</summary>
        internal void Observe(QualysFinding finding)
        {
            HostId ??= Vocabulary.Clean(finding.HostId);
            AgentId ??= Vocabulary.Clean(finding.AgentId);
            DnsName ??= Vocabulary.Clean(finding.DnsName);
            NetBiosName ??= Vocabulary.Clean(finding.NetBiosName);
            OperatingSystem ??= Vocabulary.Clean(finding.OperatingSystem);
            var address = HostNames.Address(finding.IP);
            if (address != null && !_addresses.Contains(address)) _addresses.Add(address);
            var assessed = finding.HostLastAssessed;
            if (assessed.HasValue && (!LastAssessed.HasValue || assessed.Value > LastAssessed.Value))
            {
                LastAssessed = assessed;
                if (address != null) IP = address;
            }
            IP ??= address;
            Tags ??= finding.Tags;
            LastVmScanned = Later(LastVmScanned, finding.HostLastVmScanned);
            LastVmAuthScanned = Later(LastVmAuthScanned, finding.HostLastVmAuthScanned);
        }

        private static DateTime? Later(DateTime? known, DateTime? seen) =>
            seen.HasValue && (!known.HasValue || seen.Value > known.Value) ? seen : known;

        /// <summary>Merges another record of the same side and machine into this one.</summary>
        internal void Absorb(VantageHost other)
        {
            HostId ??= other.HostId;
            AgentId ??= other.AgentId;
            DnsName ??= other.DnsName;
            NetBiosName ??= other.NetBiosName;
            OperatingSystem ??= other.OperatingSystem;
            foreach (var address in other._addresses)
                if (!_addresses.Contains(address)) _addresses.Add(address);
            if (other.LastAssessed.HasValue && (!LastAssessed.HasValue || other.LastAssessed.Value > LastAssessed.Value))
            {
                LastAssessed = other.LastAssessed;
                if (other.IP != null) IP = other.IP;
            }
            IP ??= other.IP;
            Tags ??= other.Tags;
            LastVmScanned = Later(LastVmScanned, other.LastVmScanned);
            LastVmAuthScanned = Later(LastVmAuthScanned, other.LastVmAuthScanned);
            other.Absorbed = true;
        }

        /// <summary>How a warning names the record: enough to find it in the source files.</summary>
        public string Describe()
        {
            var text = new StringBuilder();
            text.Append(Vantage == Vantage.Scanner ? "scanner host " : "agent host ");
            text.Append(DisplayName ?? "(no name or address)");
            var details = new List<string>(3);
            if (IP != null && IP != DisplayName) details.Add(IP);
            if (HostId != null) details.Add("HostId " + HostId);
            if (AgentId != null && Vantage == Vantage.Agent) details.Add("AgentId " + AgentId);
            if (details.Count > 0) text.Append(" (").Append(string.Join(", ", details)).Append(')');
            return text.ToString();
        }

        public override string ToString() => Describe();
    }
}
