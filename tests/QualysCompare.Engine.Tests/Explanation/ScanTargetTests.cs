using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>What a scan was asked to scan, read from its own file, and the reason it gives an
    /// agent-only machine: outside every scan's targets is expected, inside is a scan to investigate.</summary>
    public sealed class ScanTargetTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        private static readonly string Demo = Fixtures.Scenario("demo");

        [Theory]
        [InlineData("10.0.0.1-10.0.0.254", "", "10.0.0.17", true)]
        [InlineData("10.0.0.1-10.0.0.254", "", "10.0.1.17", false)]
        [InlineData("10.0.0.0/24", null, "10.0.0.255", true)]
        [InlineData("10.0.0.0/24", null, "10.0.1.0", false)]
        [InlineData("10.0.0.0/16, 192.168.5.5", "10.0.3.0/24", "10.0.3.7", false)]
        [InlineData("10.0.0.0/16, 192.168.5.5", "10.0.3.0/24", "10.0.4.7", true)]
        [InlineData("10.0.0.0/16, 192.168.5.5", "N/A", "192.168.5.5", true)]
        [InlineData("10.1.10.1", "N/A", "10.1.10.1", true)]
        [InlineData("2001:db8::/32", "", "2001:db8::1", true)]
        [InlineData("2001:db8::/32", "", "2001:db9::1", false)]
        [InlineData("10.0.0.0/8", "", "::ffff:10.2.3.4", true)]
        [InlineData("10.0.0.0/8", "", "not an address", false)]
        public void AnAddressIsATargetWhenIncludedAndNotExcluded(string included, string? excluded, string address, bool inside)
        {
            var targets = ScanTargets.Parse(included, excluded);
            Assert.NotNull(targets);
            Assert.Equal(inside, targets!.Contains(address));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Corp Servers")]
        [InlineData("10.0.0.1, Corp Servers")]
        [InlineData("10.0.0.9-10.0.0.1")]
        [InlineData("10.0.0.0/40")]
        [InlineData("1234")]
        public void ATargetListThatCannotBeReadInFullIsUnknown(string? included) => Assert.Null(ScanTargets.Parse(included, null));

        [Theory]
        [InlineData("scenarios/demo/appliance-scan.csv", "10.20.10.1-10.20.10.254, 10.20.20.1-10.20.20.254, 10.20.30.1-10.20.30.254, 10.20.40.1-10.20.40.254")]
        [InlineData("scan-results/scan-results-credentialed.json", "10.20.30.11-10.20.30.14")]
        [InlineData("scan-results/scan-results-credentialed.csv", "10.20.30.11-10.20.30.14")]
        [InlineData("samples/b-defectdojo-qualys_infrascan_webgui_1.xml", "10.1.10.1")]
        public void EachScanFormatStatesItsTargets(string fixture, string text)
        {
            var findings = Fixtures.Import(Path.Combine(Fixtures.Root, fixture));
            Assert.NotEmpty(findings);
            Assert.All(findings, f => Assert.Equal(text, f.ScanTargets));
            // One string per file, not one per finding.
            Assert.All(findings, f => Assert.Same(findings[0].ScanTargets, f.ScanTargets));
            Assert.NotNull(ScanTargets.Parse(findings[0].ScanTargets, findings[0].ScanExcludedTargets));
        }

        [Fact]
        public void ARemoteWorkerOutsideTheScanIsExpectedAndAMachineInsideItIsWork()
        {
            using var folder = new HostileFolder();
            // The demo's agents, plus one moved into the scanned network (10.20.30.200) that the scan did not see.
            var agentText = File.ReadAllText(Path.Combine(Demo, "agent-detections.xml"));
            var inside = folder.Write("agents.xml", agentText.Replace("192.168.1.57", "10.20.30.200"));

            var outsideRows = Compare(Path.Combine(Demo, "agent-detections.xml"));
            var laptop = outsideRows.Where(r => r.HostName == "lt-rw-117.corp.example.com").ToList();
            Assert.NotEmpty(laptop);
            Assert.All(laptop, r => Assert.Equal((GapReason.OutsideScanTargets, GapAction.None), (r.Reason, r.Action)));
            Assert.Contains("192.168.1.57", laptop[0].ReasonDetail);
            Assert.Equal(laptop.Count, VantageSummarizer.Summarize(outsideRows).Single(s => s.Scope == SummaryScope.Total).OutsideScanTargets);

            var insideRows = Compare(inside).Where(r => r.HostName == "lt-rw-117.corp.example.com").ToList();
            Assert.All(insideRows, r => Assert.Equal((GapReason.HostNotScanned, GapAction.InvestigateScanReach), (r.Reason, r.Action)));
            Assert.Contains("inside a compared scan's targets", insideRows[0].ReasonDetail);
        }

        [Fact]
        public void ThePipelineGivesWhatTheFilesGive()
        {
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            foreach (var finding in Fixtures.Import(Path.Combine(Demo, "appliance-scan.csv"))) comparer.Add(finding);
            foreach (var finding in Fixtures.Import(Path.Combine(Demo, "agent-detections.xml"))) comparer.Add(finding);
            var piped = comparer.Compare().Where(r => r.HostName == "lt-rw-117.corp.example.com").ToList();
            Assert.NotEmpty(piped);
            Assert.All(piped, r => Assert.Equal(GapReason.OutsideScanTargets, r.Reason));
        }

        [Fact]
        public void WithoutTargetInformationTheMachineIsNotScannedAsBefore()
        {
            using var folder = new HostileFolder();
            var scanText = File.ReadAllText(Path.Combine(Demo, "appliance-scan.csv"));
            var withoutTargets = folder.Write("scan.csv", scanText.Replace("\"10.20.10.1-10.20.10.254, 10.20.20.1-10.20.20.254, 10.20.30.1-10.20.30.254, 10.20.40.1-10.20.40.254\"", "\"\""));
            var rows = Compare(Path.Combine(Demo, "agent-detections.xml"), withoutTargets);
            var laptop = rows.Where(r => r.HostName == "lt-rw-117.corp.example.com").ToList();
            Assert.NotEmpty(laptop);
            Assert.All(laptop, r => Assert.Equal(GapReason.HostNotScanned, r.Reason));
            Assert.DoesNotContain("targets", laptop[0].ReasonDetail);
        }

        private static System.Collections.Generic.List<VantageComparison> Compare(string agentFile, string? scanFile = null)
        {
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            var sides = new SideImport(new RecordedOutput(), new ImportOptions { NeedsResults = comparer.NeedsResults });
            sides.Run(new object[] { scanFile ?? Path.Combine(Demo, "appliance-scan.csv") }, new object[] { agentFile }, comparer.Add);
            return comparer.Compare().ToList();
        }
    }
}
