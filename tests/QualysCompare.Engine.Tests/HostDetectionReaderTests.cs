using System;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class HostDetectionReaderTests
    {
        [Fact]
        public void TruRiskSampleHasTwoAgentHostsAndTwentyDetections()
        {
            var findings = Fixtures.Import(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"));

            Assert.Equal(20, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
            Assert.Equal(2, findings.Select(f => f.HostId).Distinct().Count());
            Assert.Equal(19, findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(1, findings.Count(f => f.Type == FindingType.Potential));
            Assert.Equal(17, findings.Count(f => f.Status == DetectionStatus.New));
            Assert.Equal(3, findings.Count(f => f.Status == DetectionStatus.Active));

            var first = findings[0];
            Assert.Equal("labdc.doobsiss.local", first.HostName);
            Assert.Equal("192.168.44.184", first.IP);
            Assert.Equal("LABDC", first.NetBiosName);
            Assert.Equal("294434", first.HostId);
            Assert.Equal("5c9d412c-bf4f-4fdb-8bcd-46ee0f6529de", first.AgentId);
            Assert.Equal("AGENT", first.TrackingMethod);
            Assert.Equal(90007, first.QID);
            Assert.Equal(2, first.Severity);
            Assert.False(first.Ssl);
            Assert.Equal(new DateTime(2023, 3, 15, 0, 48, 49, DateTimeKind.Utc), first.FirstDetected);
            Assert.Equal(DateTimeKind.Utc, first.FirstDetected!.Value.Kind);
            Assert.Equal(new DateTime(2023, 3, 15, 0, 54, 58, DateTimeKind.Utc), first.HostLastAssessed);
            Assert.Equal(ReportFormat.HostDetectionXml, first.SourceFormat);
        }

        [Fact]
        public void PrettyPrintedFixtureWithLineBreaksInsideTagsIsAScannerHost()
        {
            var findings = Fixtures.Import(Fixtures.Sample("e-jupiterone-fixture-detections.xml"));

            Assert.Equal(3, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.All(findings, f => Assert.Equal(FindingType.Confirmed, f.Type));
            Assert.Single(findings.Select(f => f.HostId).Distinct());
        }

        [Fact]
        public void EmptyResponseHasNoFindings()
        {
            using var import = ReportImport.Open(Fixtures.Sample("e-jupiterone-detection-empty-response.xml"));
            Assert.Empty(import.ReadFindings());
            Assert.Equal(0, import.HostCount);
        }

        [Fact]
        public void VantageOverrideWinsOverTrackingMethod()
        {
            var findings = Fixtures.Import(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"), new ImportOptions { Vantage = VantageSelection.Scanner });
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
        }

        [Fact]
        public void PagedAnswerWarnsThatOtherPagesExist()
        {
            var xml = File.ReadAllText(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"))
                .Replace("  </RESPONSE>", "    <WARNING><CODE>1980</CODE><TEXT>1000 record limit exceeded. Use URL to get next batch of results.</TEXT><URL><![CDATA[\nhttps://qualysapi.example/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=294500\n]]></URL></WARNING>\n  </RESPONSE>");
            var warnings = new System.Collections.Generic.List<string>();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            using var import = ReportImport.Open(stream, "page-0001.xml", new ImportOptions { Warning = warnings.Add });
            Assert.Equal(20, import.ReadFindings().Count());
            Assert.Single(warnings);
            Assert.Contains("one page", warnings[0]);
        }

        [Fact]
        public void CutOffFileIsTruncatedAfterTheHostsBeforeIt()
        {
            var bytes = File.ReadAllBytes(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"));
            var cut = bytes.Take(bytes.Length * 2 / 3).ToArray();
            using var import = ReportImport.Open(new MemoryStream(cut), "cut.xml");
            var read = 0;
            var error = Assert.Throws<QualysReportException>(() => { foreach (var _ in import.ReadFindings()) read++; });
            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
            Assert.True(error.LineNumber > 0);
            Assert.Contains("cut.xml", error.Message);
        }

        [Fact]
        public void BrokenCdataIsMalformedWithItsLine()
        {
            var xml = File.ReadAllText(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"));
            int at = xml.IndexOf("]]></OS>", StringComparison.Ordinal);
            var broken = xml.Substring(0, at) + "]></OS>" + xml.Substring(at + "]]></OS>".Length);
            using var import = ReportImport.Open(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "broken.xml");
            var error = Assert.Throws<QualysReportException>(() => import.ReadFindings().ToList());
            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.True(error.LineNumber > 5);
        }
    }
}
