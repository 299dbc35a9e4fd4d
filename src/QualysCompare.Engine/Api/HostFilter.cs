using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Api
{
    /// <summary>The hosts of one page: which came with an earlier page, and each new host's TRACKING_METHOD.</summary>
    internal sealed class PageHosts
    {
        /// <summary>Hosts an earlier page already held: their findings are not handed out again.</summary>
        public HashSet<string> Repeated { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Host ID → TRACKING_METHOD of the hosts new with this page.</summary>
        public Dictionary<string, string?> TrackingOf { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>New hosts the tracking-method filter keeps.</summary>
        public int Kept { get; set; }
    }

    /// <summary>
    /// Which hosts of the pull are handed out: each host once (Qualys can serve the host at a page
    /// boundary on both pages), and only those of the asked-for tracking method. The API has no
    /// such filter, so it is applied to each HOST's TRACKING_METHOD as the pages arrive.
    /// </summary>
    internal sealed class HostFilter
    {
        private readonly TrackingMethodFilter _filter;
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        public HostFilter(TrackingMethodFilter filter)
        {
            _filter = filter;
        }

        public PageHosts Sort(PageEnvelope envelope)
        {
            var hosts = new PageHosts();
            foreach (var host in envelope.Hosts)
            {
                if (_seen.Contains(host.Key)) { hosts.Repeated.Add(host.Key); continue; }
                if (hosts.TrackingOf.ContainsKey(host.Key)) continue;
                hosts.TrackingOf[host.Key] = host.Value;
                if (Keeps(host.Value)) hosts.Kept++;
            }
            return hosts;
        }

        /// <summary>Whether a finding of the page is handed out. A finding without its own tracking
        /// method takes its host's.</summary>
        public bool Admits(PageHosts hosts, QualysFinding finding)
        {
            string? hostId = finding.HostId;
            if (hostId != null && hosts.Repeated.Contains(hostId)) return false;
            string? method = finding.TrackingMethod;
            if (method == null && hostId != null) hosts.TrackingOf.TryGetValue(hostId, out method);
            return Keeps(method);
        }

        /// <summary>The page has been handed out: its hosts are not handed out again.</summary>
        public void Remember(PageHosts hosts)
        {
            foreach (var id in hosts.TrackingOf.Keys) _seen.Add(id);
        }

        private bool Keeps(string? trackingMethod) => _filter switch
        {
            TrackingMethodFilter.Agent => Vocabulary.VantageOfTrackingMethod(trackingMethod) == Vantage.Agent,
            TrackingMethodFilter.Scanner => Vocabulary.VantageOfTrackingMethod(trackingMethod) == Vantage.Scanner,
            _ => true,
        };
    }
}
