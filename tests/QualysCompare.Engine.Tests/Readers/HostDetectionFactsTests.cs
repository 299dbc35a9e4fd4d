using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    /// <summary>The host facts of Host List Detection: the scan dates, the asset tags (show_tags=1) and
    /// the QDS (show_qds=1), read from files derived from the TruRisk sample (tests/fixtures/host-facts).</summary>
    public sealed class HostDetectionFactsTests
    {
        private static string Fact(string name) => Path.Combine(Fixtures.Root, "host-facts", name);

        private static DateTime Utc(string iso) => DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        [Fact]
        public void Tags_are_joined_once_per_host_and_shared_by_its_findings()
        {
            var findings = Fixtures.Import(Fact("agent-detections-tags-qds.xml"));

            Assert.Equal(3, findings.Count);
            Assert.All(findings, f => Assert.Equal("Domain Controllers; Windows", f.Tags));
            Assert.Same(findings[0].Tags, findings[2].Tags);
        }

        [Fact]
        public void Qds_score_and_band_come_from_each_detection()
        {
            var findings = Fixtures.Import(Fact("agent-detections-tags-qds.xml"));

            Assert.Equal(new[] { (90007, 50, "MEDIUM"), (90043, 35, "LOW"), (90044, 36, "LOW") },
                findings.Select(f => (f.QID, f.Qds!.Value, f.QdsSeverity!)));
        }

        [Fact]
        public void The_real_sample_keeps_its_qds_and_its_dates()
        {
            var findings = Fixtures.Import(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"));

            var critical = Assert.Single(findings, f => f.QID == 91462);
            Assert.Equal((95, "CRITICAL"), (critical.Qds!.Value, critical.QdsSeverity!));
            Assert.All(findings, f => Assert.NotNull(f.Qds));
            Assert.All(findings, f => Assert.Null(f.Tags));
            var dc = findings.First(f => f.HostId == "294434");
            Assert.Equal(Utc("2023-03-15T00:48:49Z"), dc.HostLastVmScanned);
            Assert.Equal(Utc("2023-03-15T00:48:49Z"), dc.HostLastVmAuthScanned);
            Assert.Equal(DateTimeKind.Utc, dc.HostLastVmAuthScanned!.Value.Kind);
        }

        [Fact]
        public void Scanner_hosts_carry_their_last_scan_and_last_authenticated_scan()
        {
            var findings = Fixtures.Import(Fact("scanner-detections-dates.xml"));

            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            var dc = Assert.Single(findings, f => f.NetBiosName == "LABDC");
            Assert.Equal(Utc("2023-03-15T00:30:41Z"), dc.HostLastVmScanned);
            Assert.Equal(Utc("2023-02-20T23:12:05Z"), dc.HostLastVmAuthScanned);
            Assert.Equal("Domain Controllers; Scanned weekly", dc.Tags);
            Assert.Equal((41, "MEDIUM"), (dc.Qds!.Value, dc.QdsSeverity!));
            var fs = Assert.Single(findings, f => f.NetBiosName == "LABFS");
            Assert.Equal(fs.HostLastVmScanned, fs.HostLastVmAuthScanned);
            Assert.Null(fs.Tags);
            Assert.Null(fs.Qds);
            var printer = Assert.Single(findings, f => f.NetBiosName == "LABPR");
            Assert.NotNull(printer.HostLastVmScanned);
            Assert.Null(printer.HostLastVmAuthScanned);
        }

        [Fact]
        public void A_qds_without_its_band_gets_the_documented_band_and_a_score_out_of_range_is_unknown()
        {
            string page = File.ReadAllText(Fact("agent-detections-tags-qds.xml"))
                .Replace("<QDS severity=\"MEDIUM\">50</QDS>", "<QDS>92</QDS>")
                .Replace("<QDS severity=\"LOW\">35</QDS>", "<QDS severity=\"low\">135</QDS>");
            string path = Path.Combine(Path.GetTempPath(), "qc-facts-" + Guid.NewGuid().ToString("N") + ".xml");
            File.WriteAllText(path, page);
            try
            {
                var findings = Fixtures.Import(path);

                Assert.Equal((92, "CRITICAL"), (findings[0].Qds!.Value, findings[0].QdsSeverity!));
                Assert.Null(findings[1].Qds);
                Assert.Equal("LOW", findings[1].QdsSeverity);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Hosts_without_the_elements_have_no_facts()
        {
            var findings = Fixtures.Import(Fixtures.Sample("e-jupiterone-fixture-detections.xml"));

            Assert.All(findings, f =>
            {
                Assert.Null(f.Tags);
                Assert.Null(f.Qds);
                Assert.Null(f.QdsSeverity);
                Assert.Null(f.HostLastVmAuthScanned);
                Assert.Equal(Utc("2018-04-13T03:48:50Z"), f.HostLastVmScanned);
            });
        }
    }
}
