using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// What an XML report says about one host. The XML readers collect a host's findings first
    /// and stamp these fields on them when the host element closes, because nothing obliges
    /// Qualys to write the identity elements before the detections.
    /// </summary>
    internal sealed class ReportedHost
    {
        public string? IP { get; set; }
        public string? DnsName { get; set; }
        public string? NetBiosName { get; set; }
        public string? HostId { get; set; }
        public string? AgentId { get; set; }
        public string? TrackingMethod { get; set; }
        public string? OperatingSystem { get; set; }
        public DateTime? LastAssessed { get; set; }
        public DateTime? LastVmScanned { get; set; }
        public DateTime? LastVmAuthScanned { get; set; }

        /// <summary>Joined once per host; its findings share the one string.</summary>
        public string? Tags { get; set; }

        public List<QualysFinding> Findings { get; } = new List<QualysFinding>();

        public void ApplyTo(QualysFinding finding)
        {
            finding.IP = IP;
            finding.DnsName = DnsName;
            finding.NetBiosName = NetBiosName;
            finding.HostId = HostId;
            finding.AgentId = AgentId;
            finding.TrackingMethod = TrackingMethod;
            finding.OperatingSystem = OperatingSystem;
            finding.HostLastAssessed = LastAssessed;
            finding.HostLastVmScanned = LastVmScanned;
            finding.HostLastVmAuthScanned = LastVmAuthScanned;
            finding.Tags = Tags;
        }

        /// <summary>Stamps the host on its findings and completes them (vantage, source, count).</summary>
        public List<QualysFinding> Complete(ReportReadContext context, Vantage inferred)
        {
            foreach (var finding in Findings)
            {
                ApplyTo(finding);
                context.Complete(finding, inferred);
            }
            return Findings;
        }
    }
}
