using System;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>
    /// What a baseline keeps of one gap row: its key (machine, QID, presence), the facts a later run
    /// carries over, and where the row lies in the file. No text: a million-row baseline costs its
    /// keys, and the few rows that close are read again from the file by position.
    /// </summary>
    internal struct BaselineGap
    {
        /// <summary>Ticks of the row's FirstSeen (UTC), 0 when the row had none.</summary>
        public long FirstSeenTicks;

        public long Offset;
        public int Machine;
        public int Qid;
        public int Length;

        // Bytes rather than the enums' ints: 32 bytes a gap instead of 48.
        private byte _presence;
        private byte _action;
        public bool Accepted;

        public Presence Presence
        {
            get => (Presence)_presence;
            set => _presence = (byte)value;
        }

        public GapAction Action
        {
            get => (GapAction)_action;
            set => _action = (byte)value;
        }

        /// <summary>Two bits of presence under the QID under the machine: one number to sort and search.</summary>
        public long Key => Of(Machine, Qid, Presence);

        public DateTime? FirstSeen => FirstSeenTicks == 0 ? (DateTime?)null : new DateTime(FirstSeenTicks, DateTimeKind.Utc);

        public static long Of(int machine, int qid, Presence presence) =>
            ((((long)machine << 31) | (uint)qid) << 2) | (uint)presence;
    }

    /// <summary>One machine of a baseline as its rows name it; kept once however many gaps it has.</summary>
    internal sealed class BaselineMachine
    {
        public BaselineMachine(string? hostName, string? dnsName, string? netBiosName, string? scannerIP, string? agentIP, string? agentHostId)
        {
            HostName = hostName;
            DnsName = dnsName;
            NetBiosName = netBiosName;
            ScannerIP = scannerIP;
            AgentIP = agentIP;
            AgentHostId = agentHostId;
        }

        public string? HostName { get; }
        public string? DnsName { get; }
        public string? NetBiosName { get; }
        public string? ScannerIP { get; }
        public string? AgentIP { get; }
        public string? AgentHostId { get; }

        public string IdentityKey => string.Join("\u0000", HostName, DnsName, NetBiosName, ScannerIP, AgentIP, AgentHostId);
    }
}
