using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// The demo network one night later, for the tour's second run against the first run's report
    /// (Compare-QualysVantage -Baseline). Each change shows one kind of change over time:
    /// <list type="bullet">
    /// <item>win10-ws042 installed Patch Tuesday's updates: its agent no longer reports them (Closed, expected);</item>
    /// <item>the remote laptop lt-rw-117 came back with another home address: the same machine, so none of
    /// its gaps closes or reopens;</item>
    /// <item>the file server FS01 was scanned with a password that had expired: the scan did not log in,
    /// so gaps that needed nothing become FixScanAuthentication (BecameActionable);</item>
    /// <item>a new server, APP07, was racked without an agent: its findings are New DeployAgent work.</item>
    /// </list>
    /// Everything else is the first night's data, a day later.
    /// </summary>
    public static class DemoNextNight
    {
        public const string NewServerIp = "10.20.10.77";
        public const string NewServerDns = "app07.corp.example.com";
        public const string LaptopNewIp = "192.168.178.23";
        public const int PatchedUpdates = 12;

        private static readonly TimeSpan Night = TimeSpan.FromDays(1);

        // Not in the first night's catalog: only a scan that fails to log in to Windows reports it.
        private static readonly ScenarioVuln WindowsAuthenticationFailed = new ScenarioVuln(105015, "Windows Authentication Failed", ScenarioType.Info, 2, "Information gathering")
        {
            Threat = "Authentication to this Windows host failed with the credentials of the Windows authentication record that applies to it. Checks that need a login were not run.",
            Impact = "The scan could not run its authenticated checks, so vulnerabilities that need a login were not looked for.",
            Solution = "Check the user name and password of the authentication record, that the account is not locked or expired, and the Authentication Report for the cause.",
            RemoteDiscovery = true,
            Published = new DateTime(2005, 6, 21, 17, 2, 0, DateTimeKind.Utc),
            LastModified = new DateTime(2024, 11, 5, 9, 30, 0, DateTimeKind.Utc),
        };

        public static DateTime ScanLaunched => DemoScenario.ScanLaunched + Night;

        public static ScenarioNetwork Build()
        {
            var first = DemoScenario.Build();
            var scan = first.Scan;
            scan.LaunchDate += Night;
            scan.ResultDate += Night;
            scan.Reference = $"scan/{new DateTimeOffset(scan.LaunchDate).ToUnixTimeSeconds()}.40311";

            foreach (var host in first.ScannerHosts) ScannedAgain(host);
            var fileServer = first.ScannerHosts.Single(h => h.NetBios == "FS01");
            fileServer.Detections = LoginFailed(fileServer);

            foreach (var agent in first.AgentHosts.Where(a => a.LastScan >= DemoScenario.ScanLaunched - TimeSpan.FromDays(2)))
                CheckedInAgain(agent);
            var writeUp = first.AgentHosts.Single(a => a.NetBios == DemoScenario.WriteUpNetBios);
            writeUp.Detections = Patched(writeUp.Detections);
            first.AgentHosts.Single(a => a.NetBios == "LT-RW-117").Ip = LaptopNewIp;

            var scannerHosts = first.ScannerHosts.Concat(new[] { NewServer(first.ScannerHosts) }).ToList();
            scan.ActiveHosts = scannerHosts.Count;
            var knowledgeBase = first.KnowledgeBase.Concat(new[] { WindowsAuthenticationFailed }).OrderBy(v => v.Qid).ToList();
            return new ScenarioNetwork(scan, scannerHosts, first.AgentHosts, knowledgeBase,
                first.DetectionsPulled + Night, first.KnowledgeBasePulled + Night);
        }

        /// <summary>Writes the night's three files, with the first night's names, into <paramref name="outputFolder"/>.</summary>
        public static IReadOnlyList<string> Write(string outputFolder) => DemoScenario.Write(Build(), outputFolder);

        private static void ScannedAgain(ScenarioHost host)
        {
            host.LastScan += Night;
            host.LastVmScanned += Night;
            foreach (var detection in host.Detections)
            {
                detection.LastFound += Night;
                detection.TimesFound++;
            }
        }

        private static void CheckedInAgain(ScenarioHost agent)
        {
            agent.LastScan += Night;
            agent.LastVmScanned += Night;
            agent.LastVmAuthScanned += Night;
            foreach (var detection in agent.Detections.Where(d => d.Status != ScenarioStatus.Fixed))
            {
                detection.LastFound += Night;
                detection.TimesFound++;
            }
        }

        /// <summary>Without a login the scan keeps only what it sees from the network.</summary>
        private static List<ScenarioDetection> LoginFailed(ScenarioHost host)
        {
            var start = host.Detections.Min(d => d.FirstFound);
            var kept = host.Detections.Where(d => d.Vuln.RemoteDiscovery && d.Vuln.AuthTypes.Count == 0).ToList();
            kept.Add(new ScenarioDetection(WindowsAuthenticationFailed)
            {
                Type = ScenarioType.Info,
                Severity = WindowsAuthenticationFailed.Severity,
                FirstFound = start,
                LastFound = start,
                Results = "User Name\tDomain\tReason\nsvc_qualys\tCORP\tThe user's password has expired (STATUS_PASSWORD_EXPIRED)",
            });
            return kept.OrderBy(d => d.Qid).ThenBy(d => d.Port ?? -1).ToList();
        }

        /// <summary>The month's updates installed: the agent reports their QIDs no more.</summary>
        private static List<ScenarioDetection> Patched(IEnumerable<ScenarioDetection> detections)
        {
            var all = detections.ToList();
            var patched = new HashSet<ScenarioDetection>(all.Where(d => d.Vuln.Patchable && d.Type == ScenarioType.Confirmed && d.Status != ScenarioStatus.Fixed)
                .OrderByDescending(d => d.Qid).Take(PatchedUpdates));
            return all.Where(d => !patched.Contains(d)).ToList();
        }

        /// <summary>A new server, racked and scanned but never given an agent.</summary>
        private static ScenarioHost NewServer(IReadOnlyList<ScenarioHost> scanned)
        {
            var template = scanned.Single(h => h.NetBios == "FS01");
            var start = ScanLaunched + TimeSpan.FromSeconds(88);
            var remote = template.Detections.Where(d => d.Vuln.RemoteDiscovery && d.Vuln.AuthTypes.Count == 0 && d.Type != ScenarioType.Info).ToList();
            var host = new ScenarioHost
            {
                Ip = NewServerIp,
                Dns = NewServerDns,
                NetBios = "APP07",
                TrackingMethod = "IP",
                Os = "Windows Server 2022 Standard 64 bit Edition Version 21H2 Build 20348",
                LastScan = ScanLaunched,
                LastVmScanned = ScanLaunched,
            };
            host.Detections = remote.Select(d => new ScenarioDetection(d.Vuln)
            {
                Type = d.Type,
                Severity = d.Severity,
                Port = d.Port,
                Protocol = d.Protocol,
                Ssl = d.Ssl,
                FirstFound = start,
                LastFound = start,
                Results = d.Results?.Replace("FS01", "APP07").Replace("10.20.10.15", NewServerIp),
            }).ToList();
            return host;
        }
    }
}
