using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    public sealed class ScanXmlReaderTests
    {
        private static readonly DateTime ScanDate = new DateTime(2019, 4, 2, 10, 14, 53, DateTimeKind.Utc);

        [Fact]
        public void HostWithEmptyVulnsGivesNoFindingsButCountsTheHost()
        {
            var import = XmlImport.Sample("b-defectdojo-qualys_infrascan_webgui_0.xml");

            Assert.Equal(ReportFormat.ScanXml, import.Format);
            Assert.Equal(1, import.Hosts);
            Assert.Empty(import.Findings);
        }

        [Fact]
        public void OneVulnCarriesHostCategoryScoresAndTheStructuredCveList()
        {
            var import = XmlImport.Sample("b-defectdojo-qualys_infrascan_webgui_1.xml");

            var finding = Assert.Single(import.Findings);
            Assert.Equal(Vantage.Scanner, finding.Vantage);
            Assert.Equal(123168, finding.QID);
            Assert.Equal(FindingType.Confirmed, finding.Type);
            Assert.Equal(5, finding.Severity);
            Assert.Equal("Oracle Java SE Critical Patch Update - January 2015", finding.Title);
            Assert.Equal("Local", finding.Category);
            Assert.Equal(10, finding.CvssBase);
            Assert.Equal(3.4, finding.Cvss3Base);
            Assert.Equal("10.1.10.1", finding.IP);
            Assert.Equal("host1.example.com", finding.DnsName);
            Assert.Equal("host1.example.com", finding.HostName);
            Assert.Equal("Ubuntu 11", finding.OperatingSystem);
            Assert.Equal(ScanDate, finding.HostLastAssessed);
            Assert.Equal(DateTimeKind.Utc, finding.HostLastAssessed!.Value.Kind);
            Assert.Null(finding.Port);
            Assert.Null(finding.Ssl);
            Assert.Null(finding.Status);
            Assert.Null(finding.HostId);
            Assert.Null(finding.TrackingMethod);
            Assert.Equal(ReportFormat.ScanXml, finding.SourceFormat);
            Assert.Equal("b-defectdojo-qualys_infrascan_webgui_1.xml", finding.SourceFile);

            var cves = finding.CveIds!.Split("; ");
            Assert.Equal(19, cves.Length);
            Assert.Equal("CVE-2014-6601", cves[0]);
            Assert.Equal("CVE-2015-0413", cves[18]);
        }

        [Fact]
        public void NoRegisteredHostnameIsNotANameAndCommentsBeforeTheRootAreIgnored()
        {
            var import = XmlImport.Sample("b-defectdojo-qualys_infrascan_webgui_3.xml");

            var finding = Assert.Single(import.Findings);
            Assert.Null(finding.DnsName);
            Assert.Equal("10.1.10.1", finding.HostName);
            Assert.Equal(82024, finding.QID);
            Assert.Equal(2, finding.Severity);
            Assert.Equal("CVE-2002-0510", finding.CveIds);
            Assert.Equal(5, finding.CvssBase);
            Assert.Null(finding.Cvss3Base);
            Assert.Equal("some output", finding.Results);
            Assert.Equal("Linux 2.6", finding.OperatingSystem);
        }

        [Fact]
        public void EverySectionMapsToItsType()
        {
            var import = XmlImport.Sample("b-defectdojo-qualys_infrascan_webgui_multiple.xml");

            Assert.Equal(2, import.Hosts);
            Assert.Equal(24, import.Findings.Count);
            Assert.Equal(24, import.Counted);
            Assert.Equal(6, import.Findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(2, import.Findings.Count(f => f.Type == FindingType.Potential));
            Assert.Equal(16, import.Findings.Count(f => f.Type == FindingType.Information));
            Assert.Equal(12, import.Findings.Count(f => f.IP == "10.1.10.1"));
            Assert.Equal(12, import.Findings.Count(f => f.HostName == "host2.example.com"));

            var practice = import.Findings.First(f => f.Type == FindingType.Potential);
            Assert.Equal(124848, practice.QID);
            Assert.Equal("CVE-2016-0636", practice.CveIds);
            Assert.Equal(8.1, practice.Cvss3Base);

            var service = import.Findings.First(f => f.QID == 82023);
            Assert.Equal(FindingType.Information, service.Type);
            Assert.Equal("TCP/IP", service.Category);
            Assert.Empty(import.Warnings);
        }

        [Fact]
        public void PortProtocolAndSslComeFromTheCategory()
        {
            var import = XmlImport.Text(Scan(@"
  <VULNS>
    <CAT value=""Web server"" port=""443"" protocol=""tcp"" misc=""over ssl"">
      <VULN number=""11827"" severity=""3""><TITLE>HTTP Security Header Not Detected</TITLE></VULN>
    </CAT>
    <CAT value=""Web server"" port=""80"" protocol=""tcp"">
      <VULN number=""11827"" severity=""3""><TITLE>HTTP Security Header Not Detected</TITLE></VULN>
    </CAT>
  </VULNS>"));

            Assert.Equal(2, import.Findings.Count);
            Assert.Equal((443, "tcp", true), (import.Findings[0].Port!.Value, import.Findings[0].Protocol, import.Findings[0].Ssl!.Value));
            Assert.Equal((80, "tcp", false), (import.Findings[1].Port!.Value, import.Findings[1].Protocol, import.Findings[1].Ssl!.Value));
        }

        [Fact]
        public void CveAttributeStandsInWhenThereIsNoList()
        {
            var import = XmlImport.Text(Scan(@"
  <VULNS><CAT value=""Local""><VULN number=""38170"" severity=""2"" cveid=""CVE-2013-2566,CVE-2015-2808""><TITLE>t</TITLE></VULN></CAT></VULNS>"));

            Assert.Equal("CVE-2013-2566; CVE-2015-2808", Assert.Single(import.Findings).CveIds);
        }

        [Fact]
        public void OsAfterTheFindingsStillReachesThem()
        {
            var import = XmlImport.Text(Scan(@"
  <VULNS><CAT value=""Local""><VULN number=""38170"" severity=""2""><TITLE>t</TITLE></VULN></CAT></VULNS>
  <NETBIOS>WEB01</NETBIOS>", os: null).Replace("</IP>", "<OS>Windows Server 2019</OS></IP>"));

            var finding = Assert.Single(import.Findings);
            Assert.Equal("Windows Server 2019", finding.OperatingSystem);
            Assert.Equal("WEB01", finding.NetBiosName);
        }

        [Fact]
        public void FindingWithoutANumberIsSkippedWithOneWarning()
        {
            var import = XmlImport.Text(Scan(@"
  <VULNS><CAT value=""Local"">
    <VULN severity=""2""><TITLE>no number</TITLE></VULN>
    <VULN number=""abc"" severity=""2""><TITLE>bad number</TITLE></VULN>
    <VULN number=""38170"" severity=""2""><TITLE>good</TITLE></VULN>
  </CAT></VULNS>"));

            Assert.Equal(38170, Assert.Single(import.Findings).QID);
            var warning = Assert.Single(import.Warnings);
            Assert.Contains("2 detection(s) without a valid QID were skipped (first at line", warning);
        }

        [Fact]
        public void VantageParameterOverridesTheScanner()
        {
            var import = XmlImport.Sample("b-defectdojo-qualys_infrascan_webgui_1.xml", VantageSelection.Agent);

            Assert.Equal(Vantage.Agent, Assert.Single(import.Findings).Vantage);
        }

        [Fact]
        public void CutOffFileIsReportedAsTruncated()
        {
            var bytes = File.ReadAllBytes(XmlImport.SamplePath("b-defectdojo-qualys_infrascan_webgui_multiple.xml"));
            var cut = bytes.Take(bytes.Length / 2).ToArray();

            var error = XmlImport.Failure(cut);

            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
            Assert.True(error.LineNumber > 0);
        }

        [Fact]
        public void ExternalEntityIsNeverResolved()
        {
            var secret = Path.GetTempFileName();
            try
            {
                File.WriteAllText(secret, "SECRET-CONTENT");
                var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE SCAN [<!ENTITY leak SYSTEM \"{new Uri(secret).AbsoluteUri}\">]>\n"
                    + Scan(@"<VULNS><CAT value=""Local""><VULN number=""1"" severity=""1""><TITLE>&leak;</TITLE></VULN></CAT></VULNS>").Substring("<?xml version=\"1.0\"?>".Length);

                var error = XmlImport.Failure(xml);

                Assert.Equal(ErrorIds.Malformed, error.ErrorId);
                Assert.DoesNotContain("SECRET-CONTENT", error.Message);
            }
            finally
            {
                File.Delete(secret);
            }
        }

        [Fact]
        public void NestingBeyondTheLimitIsRefused()
        {
            var deep = string.Concat(Enumerable.Repeat("<x>", 80)) + string.Concat(Enumerable.Repeat("</x>", 80));
            var error = XmlImport.Failure(Scan($@"<VULNS><CAT value=""Local""><VULN number=""1"" severity=""1""><RESULT>{deep}</RESULT></VULN></CAT></VULNS>"));

            Assert.Equal(ErrorIds.NestingTooDeep, error.ErrorId);
        }

        [Fact]
        public void EndlessTextIsRefusedBeforeItIsHeldWhole()
        {
            var huge = new string('A', 17 * 1024 * 1024);
            var error = XmlImport.Failure(Scan($@"<VULNS><CAT value=""Local""><VULN number=""1"" severity=""1""><RESULT>{huge}</RESULT></VULN></CAT></VULNS>"));

            Assert.Equal(ErrorIds.FieldTooLarge, error.ErrorId);
        }

        private static string Scan(string ipContent, string? os = "Linux 2.6") =>
            "<?xml version=\"1.0\"?>\n<SCAN value=\"scan/1.2\">\n<HEADER><KEY value=\"DATE\">2019-04-02T10:14:53Z</KEY></HEADER>\n"
            + "<IP value=\"10.0.0.5\" name=\"web01.example.com\">\n"
            + (os != null ? $"  <OS><![CDATA[{os}]]></OS>\n" : string.Empty)
            + ipContent + "\n</IP>\n</SCAN>\n";
    }
}
