using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    public sealed class HostDetectionReaderTests
    {
        private static DateTime Utc(string iso) => DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        [Fact]
        public void AgentHostsAreAgentFindingsWithIdentityStatusAndDates()
        {
            var import = XmlImport.Sample("e-defectdojo-trurisk-detections.xml");

            Assert.Equal(ReportFormat.HostDetectionXml, import.Format);
            Assert.Equal(2, import.Hosts);
            Assert.Equal(20, import.Findings.Count);
            Assert.All(import.Findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
            Assert.All(import.Findings, f => Assert.Equal("AGENT", f.TrackingMethod));
            Assert.Equal(19, import.Findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(1, import.Findings.Count(f => f.Type == FindingType.Potential));
            Assert.Equal(17, import.Findings.Count(f => f.Status == DetectionStatus.New));
            Assert.Equal(3, import.Findings.Count(f => f.Status == DetectionStatus.Active));
            Assert.All(import.Findings, f => Assert.Null(f.Port));
            Assert.All(import.Findings, f => Assert.Equal(false, f.Ssl));

            var dc = import.Findings.Where(f => f.HostId == "294434").ToList();
            Assert.Equal(17, dc.Count);
            var first = dc[0];
            Assert.Equal(90007, first.QID);
            Assert.Equal(2, first.Severity);
            Assert.Equal("192.168.44.184", first.IP);
            Assert.Equal("labdc.doobsiss.local", first.DnsName);
            Assert.Equal("labdc.doobsiss.local", first.HostName);
            Assert.Equal("LABDC", first.NetBiosName);
            Assert.Equal("5c9d412c-bf4f-4fdb-8bcd-46ee0f6529de", first.AgentId);
            Assert.Equal("Windows Server 2019 Standard Evaluation 64 bit Edition AD Version 1809 Build 17763", first.OperatingSystem);
            Assert.Equal(Utc("2023-03-15T00:48:49Z"), first.HostLastAssessed);
            Assert.Equal(Utc("2023-03-15T00:48:49Z"), first.FirstDetected);
            Assert.Equal(DateTimeKind.Utc, first.FirstDetected!.Value.Kind);
            Assert.Equal(@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon cachedlogonscount = 10", first.Results);
            Assert.Null(first.Title);
            Assert.Null(first.CveIds);

            var potential = Assert.Single(import.Findings, f => f.Type == FindingType.Potential);
            Assert.Equal(115284, potential.QID);
            Assert.Equal("294442", potential.HostId);
            Assert.Null(potential.NetBiosName);
            Assert.Equal(Utc("2023-03-15T01:03:39Z"), potential.FirstDetected);
            Assert.Equal(Utc("2023-03-15T01:10:15Z"), potential.LastDetected);
            Assert.Equal(Utc("2023-03-15T01:10:15Z"), potential.HostLastAssessed);
            Assert.Empty(import.Warnings);
        }

        [Fact]
        public void PrettyPrintedScannerOutputWithBreaksInsideTags()
        {
            var import = XmlImport.Sample("e-jupiterone-fixture-detections.xml");

            Assert.Equal(1, import.Hosts);
            Assert.Equal(new[] { 38170, 38173, 38601 }, import.Findings.Select(f => f.QID));
            Assert.All(import.Findings, f =>
            {
                Assert.Equal(Vantage.Scanner, f.Vantage);
                Assert.Equal("IP", f.TrackingMethod);
                Assert.Equal("6506432", f.HostId);
                Assert.Equal((3389, "tcp", true), (f.Port!.Value, f.Protocol, f.Ssl!.Value));
                Assert.Equal(DetectionStatus.Active, f.Status);
                Assert.Equal(Utc("2018-01-26T04:45:50Z"), f.FirstDetected);
                Assert.Equal(Utc("2018-04-13T03:48:50Z"), f.LastDetected);
                Assert.Equal(Utc("2018-04-13T03:48:50Z"), f.HostLastAssessed);
                Assert.Equal("2k8r2-u-10-11", f.DnsName);
                Assert.Equal("2K8R2-U-10-11", f.NetBiosName);
                Assert.Null(f.AgentId);
            });
            Assert.Equal("Certificate #0 CN=2k8r2-u-10-11\nunable to get local\nissuer certificate", import.Findings[1].Results);
        }

        [Fact]
        public void ResponseWithOnlyADateHasNoHosts()
        {
            var import = XmlImport.Sample("e-jupiterone-detection-empty-response.xml");

            Assert.Equal(ReportFormat.HostDetectionXml, import.Format);
            Assert.Equal(0, import.Hosts);
            Assert.Empty(import.Findings);
            Assert.Empty(import.Warnings);
        }

        [Fact]
        public void TruncatedPageIsAnnouncedWithTheNextPage()
        {
            var import = XmlImport.Text(Output(Host("1001", "IP", Detection("38170", "Confirmed")))
                .Replace("</RESPONSE>", @"<WARNING><CODE>1980</CODE><TEXT>1000 record limit exceeded. Use URL to get next batch of results.</TEXT>
<URL><![CDATA[
  https://qualysapi.example/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=1002
]]></URL></WARNING></RESPONSE>"));

            Assert.Single(import.Findings);
            var warning = Assert.Single(import.Warnings);
            Assert.Contains("one page of a longer Host List Detection result", warning);
            Assert.Contains("https://qualysapi.example/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=1002", warning);
        }

        [Fact]
        public void IdentityAfterTheDetectionsStillReachesThem()
        {
            var xml = Output(@"<HOST><DETECTION_LIST>" + Detection("38170", "Confirmed") + @"</DETECTION_LIST>
<ID>77</ID><IP>10.9.9.9</IP><TRACKING_METHOD>QAGENT</TRACKING_METHOD><DNS>db01</DNS>
<DNS_DATA><HOSTNAME>db01</HOSTNAME><DOMAIN>corp.example</DOMAIN><FQDN>db01.corp.example</FQDN></DNS_DATA>
<LAST_SCAN_DATETIME>2024-05-02T10:00:00Z</LAST_SCAN_DATETIME></HOST>");

            var finding = Assert.Single(XmlImport.Text(xml).Findings);

            Assert.Equal(Vantage.Agent, finding.Vantage);
            Assert.Equal("77", finding.HostId);
            Assert.Equal("db01.corp.example", finding.DnsName);
            Assert.Equal(Utc("2024-05-02T10:00:00Z"), finding.HostLastAssessed);
        }

        [Fact]
        public void DetectionWithoutTypeIsConfirmedAndWithoutQidIsSkipped()
        {
            var import = XmlImport.Text(Output(Host("5", "IP",
                "<DETECTION><QID>90007</QID><SEVERITY>2</SEVERITY><STATUS>Active</STATUS></DETECTION>"
                + "<DETECTION><TYPE>Confirmed</TYPE></DETECTION>"
                + "<DETECTION><QID>-4</QID><TYPE>Confirmed</TYPE></DETECTION>")));

            var finding = Assert.Single(import.Findings);
            Assert.Equal(FindingType.Confirmed, finding.Type);
            Assert.Equal(2, import.Warnings.Count);
            Assert.Contains(import.Warnings, w => w.Contains("2 detection(s) without a valid QID were skipped"));
            Assert.Contains(import.Warnings, w => w.Contains("1 detection(s) had no recognisable type and were taken as Confirmed"));
        }

        [Fact]
        public void IPv6OnlyHostKeepsItsAddress()
        {
            var xml = Output("<HOST><ID>9</ID><IPV6>fd00::5</IPV6><TRACKING_METHOD>IP</TRACKING_METHOD><DETECTION_LIST>"
                + Detection("38170", "Potential") + "</DETECTION_LIST></HOST>");

            var finding = Assert.Single(XmlImport.Text(xml).Findings);

            Assert.Equal("fd00::5", finding.IP);
            Assert.Equal("fd00::5", finding.HostName);
            Assert.Equal(FindingType.Potential, finding.Type);
        }

        [Fact]
        public void CutOffPageIsReportedAsTruncated()
        {
            var bytes = File.ReadAllBytes(XmlImport.SamplePath("e-defectdojo-trurisk-detections.xml"));

            var error = XmlImport.Failure(bytes.Take(bytes.Length * 2 / 3).ToArray());

            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
        }

        private static string Output(string hosts) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><DATETIME>2024-05-02T11:00:00Z</DATETIME>\n<HOST_LIST>"
            + hosts + "</HOST_LIST></RESPONSE></HOST_LIST_VM_DETECTION_OUTPUT>\n";

        private static string Host(string id, string tracking, string detections) =>
            $"<HOST><ID>{id}</ID><IP>10.0.0.1</IP><TRACKING_METHOD>{tracking}</TRACKING_METHOD><DETECTION_LIST>{detections}</DETECTION_LIST></HOST>";

        private static string Detection(string qid, string type) =>
            $"<DETECTION><QID>{qid}</QID><TYPE>{type}</TYPE><SEVERITY>3</SEVERITY><SSL>0</SSL><STATUS>Active</STATUS>"
            + "<FIRST_FOUND_DATETIME>2024-01-01T00:00:00Z</FIRST_FOUND_DATETIME><LAST_FOUND_DATETIME>2024-05-01T00:00:00Z</LAST_FOUND_DATETIME></DETECTION>";
    }
}
