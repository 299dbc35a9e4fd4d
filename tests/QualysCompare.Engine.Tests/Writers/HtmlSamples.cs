using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Rows for the HTML page's tests: the hostile export samples with the actions the explainer
    /// would give them, and a small network with every action, accepted risks and expected gaps.</summary>
    internal static class HtmlSamples
    {
        public static readonly DateTime Scanned = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime Assessed = new DateTime(2026, 11, 21, 6, 30, 0, DateTimeKind.Utc);

        /// <summary><see cref="ExportSamples.Rows"/> with Action and Owner: the host without an agent
        /// (a computer) needs one, the host never scanned needs the scan's reach checked, the rest is expected.</summary>
        public static List<VantageComparison> ExportRowsWithActions()
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            foreach (VantageComparison row in rows)
            {
                row.Action = row.Reason switch
                {
                    GapReason.NoAgentOnHost => GapAction.DeployAgent,
                    GapReason.HostNotScanned => GapAction.InvestigateScanReach,
                    _ => GapAction.None,
                };
                row.Owner = row.Action.Owner();
            }
            return rows;
        }

        /// <summary>
        /// A network of <paramref name="machines"/> machines from a fixed seed: one in ten scans fails to log in,
        /// one in ten agents is stale, a few servers have no agent, a few laptops were never scanned, a few
        /// detections are missed; the rest of the gaps are expected by design, and one finding is accepted.
        /// </summary>
        public static List<VantageComparison> Network(int machines = 12, int seed = 15)
        {
            var random = new Random(seed);
            var rows = new List<VantageComparison>();
            for (int m = 0; m < machines; m++)
            {
                Presence coverage = m % 6 == 4 ? Presence.ScannerOnly : m % 6 == 5 ? Presence.AgentOnly : Presence.Both;
                bool device = coverage == Presence.ScannerOnly && m % 12 == 4;
                bool failedLogin = coverage == Presence.Both && m % 10 == 1;
                bool staleAgent = coverage == Presence.Both && m % 10 == 2;
                string name = string.Format(CultureInfo.InvariantCulture, "{0}-{1:000}.corp.example.com",
                    coverage == Presence.ScannerOnly ? "dev" : coverage == Presence.AgentOnly ? "lt" : "ws", m);
                string os = device ? "HP LaserJet Enterprise M607" : m % 4 == 3 ? "Ubuntu Linux 22.04.5 LTS" : "Windows 11 Enterprise 64 bit Edition Version 23H2";
                var used = new HashSet<int>();
                VantageComparison Row(Presence presence, GapReason reason, GapAction action, bool network)
                {
                    int qid;
                    do qid = (network ? 38000 : 370000) + random.Next(0, network ? 60 : 400) * 3;
                    while (!used.Add(qid));
                    int cves = random.Next(0, 4) == 0 ? random.Next(5, 20) : random.Next(0, 3);
                    var row = new VantageComparison
                    {
                        HostName = name, DnsName = name, NetBiosName = name.Substring(0, name.IndexOf('.')).ToUpperInvariant(), OperatingSystem = os,
                        ScannerIP = coverage == Presence.AgentOnly ? null : "10.40.1." + m.ToString(CultureInfo.InvariantCulture),
                        AgentIP = coverage == Presence.ScannerOnly ? null : "10.40.1." + m.ToString(CultureInfo.InvariantCulture),
                        AgentHostId = coverage == Presence.ScannerOnly ? null : (5000000 + m).ToString(CultureInfo.InvariantCulture),
                        MatchedBy = coverage == Presence.Both ? MatchMethod.Fqdn : MatchMethod.None, HostCoverage = coverage,
                        QID = qid, Title = (network ? "Network check " : "Local check ") + qid.ToString(CultureInfo.InvariantCulture) + " of a product with a long name",
                        Type = random.Next(0, 6) == 0 ? FindingType.Potential : FindingType.Confirmed,
                        Severity = random.Next(0, 12) == 0 ? (int?)null : random.Next(1, 6),
                        Presence = presence, Reason = reason, Action = action, Owner = action.Owner(),
                        ReasonSource = reason == GapReason.None ? ReasonSource.None : ReasonSource.KnowledgeBase,
                        ScannerAuthentication = coverage == Presence.AgentOnly ? ScannerAuthentication.Unknown : failedLogin ? ScannerAuthentication.Failed : ScannerAuthentication.Passed,
                        CveIds = string.Join("; ", Enumerable.Range(0, cves).Select(i => "CVE-2025-" + (10000 + random.Next(0, 50000)).ToString(CultureInfo.InvariantCulture))),
                        // The machine's dates, on every row of it, as the comparison gives them.
                        ScannerLastScanned = coverage == Presence.AgentOnly ? (DateTime?)null : Scanned,
                        AgentLastAssessed = coverage == Presence.ScannerOnly ? (DateTime?)null : staleAgent ? Scanned.AddDays(-72) : Assessed,
                        ScannerPorts = network && presence != Presence.AgentOnly ? "443/tcp" : null,
                    };
                    row.ReasonDetail = Detail(row);
                    rows.Add(row);
                    return row;
                }

                if (coverage == Presence.AgentOnly)
                {
                    for (int i = 0; i < 6; i++) Row(Presence.AgentOnly, GapReason.HostNotScanned, GapAction.InvestigateScanReach, network: false);
                    continue;
                }
                if (coverage == Presence.ScannerOnly)
                {
                    for (int i = 0; i < 5; i++) Row(Presence.ScannerOnly, GapReason.NoAgentOnHost, device ? GapAction.None : GapAction.DeployAgent, network: i < 3);
                    continue;
                }
                for (int i = 0; i < 8; i++) Row(Presence.Both, GapReason.None, GapAction.None, network: false);
                for (int i = 0; i < 20; i++)
                {
                    if (failedLogin) Row(Presence.AgentOnly, GapReason.ScanNotAuthenticated, GapAction.FixScanAuthentication, network: false);
                    else if (random.Next(0, 25) == 0) Row(Presence.AgentOnly, GapReason.ScannerMissed, GapAction.InvestigateDetection, network: false);
                    else Row(Presence.AgentOnly, GapReason.NeedsLocalAccess, GapAction.None, network: false);
                }
                for (int i = 0; i < 4; i++)
                {
                    if (staleAgent) Row(Presence.ScannerOnly, GapReason.AgentStale, GapAction.RepairAgent, network: true);
                    else if (random.Next(0, 6) == 0) Row(Presence.ScannerOnly, GapReason.AgentMissed, GapAction.InvestigateDetection, network: true);
                    else Row(Presence.ScannerOnly, GapReason.NeedsNetworkExposure, GapAction.None, network: true);
                }
                Row(Presence.ScannerOnly, GapReason.AgentFixedSinceScan, GapAction.None, network: false);
            }

            // One accepted risk, as Compare-QualysVantage -AcceptedRisk marks it.
            VantageComparison accepted = rows.First(row => row.Reason == GapReason.ScannerMissed || row.Reason == GapReason.AgentMissed);
            accepted.Accepted = true;
            accepted.Action = GapAction.None;
            accepted.Owner = GapOwner.None;
            accepted.AcceptedJustification = "False positive confirmed with Qualys support, case 01234567";
            accepted.AcceptedUntil = new DateTime(2099, 12, 31, 0, 0, 0, DateTimeKind.Utc);
            return rows;
        }

        /// <summary>The explainer's wording, with the QID in it, so that evidence is shared across a machine's rows.</summary>
        private static string? Detail(VantageComparison row)
        {
            string qid = "QID " + row.QID.ToString(CultureInfo.InvariantCulture);
            switch (row.Reason)
            {
                case GapReason.ScanNotAuthenticated:
                    return $"The scanner did not log in to this machine (authentication failed: QID 105015 \"Windows Authentication Failed\"), so it could not run the local checks that found {qid} on the agent; fix the scan's authentication record for this host.";
                case GapReason.HostNotScanned:
                    return $"Only the Cloud Agent reports this machine: no scan in the compared data covered it, so no scanner could report {qid}.";
                case GapReason.NeedsLocalAccess:
                    return $"{qid} is detected from inside the machine (KnowledgeBase: Windows login needed); the scan did log in, so if it keeps missing it, check the scan account's privileges ({row.HostName}).";
                case GapReason.ScannerMissed:
                    return $"{qid} can be detected over the network (KnowledgeBase: remote detection), yet only the agent reported it: investigate the scan.";
                case GapReason.AgentStale:
                    return $"The agent last assessed this machine on 2026-09-09, 72 days before the scan of 2026-11-20, so its silence about {qid} proves nothing; check that the agent is running and checking in.";
                case GapReason.AgentMissed:
                    return $"The agent assesses this machine and {qid} is not a network-only check, yet only the scan reported it: investigate the agent or a scanner false positive.";
                case GapReason.NeedsNetworkExposure:
                    return $"{qid} is seen only from the network (port 443/tcp on {row.HostName}), which a Cloud Agent inside the machine does not test.";
                case GapReason.AgentFixedSinceScan:
                    return $"The agent reports {qid} Fixed on {row.HostName} as of 2026-11-21, after the scan of 2026-11-20.";
                case GapReason.NoAgentOnHost:
                    return row.Action == GapAction.None
                        ? $"No Cloud Agent reports this machine, and none is expected on {row.HostName}: only the scanner can report {qid}."
                        : $"No Cloud Agent reports this machine, so only the scanner could report {qid}; install the agent if this machine should have one.";
                default:
                    return null;
            }
        }
    }
}
