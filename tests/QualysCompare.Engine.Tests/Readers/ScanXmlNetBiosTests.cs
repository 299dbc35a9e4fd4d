using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    /// <summary>
    /// A workstation without DNS (IP/@name "No registered hostname"), known by its NetBIOS name
    /// alone, scanned at one address while its Cloud Agent reports another (a laptop at home).
    /// Only the NetBIOS name, in the SCAN file's NETBIOS_HOSTNAME, can pair the two.
    /// </summary>
    public sealed class ScanXmlNetBiosTests
    {
        private static string File(string name) => Path.Combine(Fixtures.Root, "netbios", name);

        [Fact]
        public void NetBiosHostnameChildOfIpIsTheHostsNetBiosName()
        {
            var findings = Fixtures.Import(File("scan-netbios-only.xml"));

            Assert.Equal(3, findings.Count);
            Assert.All(findings, f =>
            {
                Assert.Equal("WS-NB01", f.NetBiosName);
                Assert.Null(f.DnsName);
                Assert.Equal("10.0.0.5", f.IP);
                Assert.Equal("WS-NB01", f.HostName);
            });
        }

        [Fact]
        public void NetBiosOnlyMachineAndItsAgentAreOneHostSeenByBoth()
        {
            var findings = Fixtures.Import(File("scan-netbios-only.xml")).Concat(Fixtures.Import(File("agent-detections-netbios.xml"))).ToList();
            var explainer = new GapExplainer(new ExplanationOptions { Now = new DateTime(2026, 5, 16, 0, 0, 0, DateTimeKind.Utc) });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, Output = new RecordedOutput() });
            comparer.AddRange(findings);

            var rows = comparer.Compare().ToList();

            Assert.All(rows, r => Assert.Equal(Presence.Both, r.HostCoverage));
            Assert.All(rows, r => Assert.Equal(MatchMethod.NetBios, r.MatchedBy));
            Assert.Equal(new[] { "10.0.0.5" }, rows.Select(r => r.ScannerIP).Distinct());
            Assert.Equal(new[] { "192.168.1.23" }, rows.Select(r => r.AgentIP).Distinct());
            Assert.Equal(Presence.Both, rows.Single(r => r.QID == 91762).Presence);
            Assert.Equal(Presence.ScannerOnly, rows.Single(r => r.QID == 90043).Presence);
            Assert.Equal(Presence.AgentOnly, rows.Single(r => r.QID == 105171).Presence);
            var summaries = VantageSummarizer.Summarize(rows);
            var host = Assert.Single(summaries, s => s.Scope == SummaryScope.Host);
            Assert.Equal(Presence.Both, host.HostCoverage);
        }
    }
}
