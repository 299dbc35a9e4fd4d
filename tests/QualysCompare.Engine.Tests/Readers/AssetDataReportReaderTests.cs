using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    public sealed class AssetDataReportReaderTests
    {
        private const string RealReport = "c-defectdojo-samples-Qualys_Sample_Report-2019.xml";

        private static DateTime Utc(string iso) => DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        [Fact]
        public void RealReportGivesEveryVulnInfoJoinedToItsGlossaryEntry()
        {
            var import = XmlImport.Sample(RealReport);

            Assert.Equal(ReportFormat.AssetDataReportXml, import.Format);
            Assert.Equal(7, import.Hosts);
            Assert.Equal(299, import.Findings.Count);
            Assert.Equal(299, import.Counted);
            Assert.Equal(90, import.Findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(209, import.Findings.Count(f => f.Type == FindingType.Information));
            Assert.Equal(90, import.Findings.Count(f => f.Status == DetectionStatus.New));
            Assert.Equal(209, import.Findings.Count(f => f.Status == null));
            Assert.Equal(147, import.Findings.Count(f => f.Port.HasValue));
            Assert.Equal(37, import.Findings.Count(f => f.Ssl == true));
            Assert.All(import.Findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.All(import.Findings, f => Assert.NotNull(f.Title));
            Assert.All(import.Findings, f => Assert.InRange(f.Severity!.Value, 1, 5));
            Assert.Equal(120, import.Findings.Count(f => f.IP == "64.41.200.250"));
            Assert.Empty(import.Warnings);

            var tcp = import.Findings.First(f => f.IP == "64.41.200.243" && f.QID == 82054);
            Assert.Equal("TCP Sequence Number Approximation Based Denial of Service", tcp.Title);
            Assert.Equal(2, tcp.Severity);
            Assert.Equal("TCP/IP", tcp.Category);
            Assert.Equal("CVE-2004-0230", tcp.CveIds);
            Assert.Equal(FindingType.Confirmed, tcp.Type);
            Assert.Equal(DetectionStatus.New, tcp.Status);
            Assert.Equal(Utc("2019-07-31T21:57:48Z"), tcp.FirstDetected);
            Assert.Equal("DNS", tcp.TrackingMethod);
            Assert.Equal("demo13.s02.sjc01.qualys.com", tcp.HostName);
            Assert.Equal("Ubuntu / Tiny Core Linux / Linux 2.6.x", tcp.OperatingSystem);
        }

        [Fact]
        public void HostWithoutScanDateIsAssessedAtItsLatestLastFound()
        {
            var import = XmlImport.Sample(RealReport);

            var windows = import.Findings.Where(f => f.IP == "64.41.200.247").ToList();
            Assert.Equal(42, windows.Count);
            Assert.All(windows, f =>
            {
                Assert.Equal("TRN-WIN7", f.NetBiosName);
                Assert.Equal("trn-win7.trn.qualys.com", f.DnsName);
                Assert.Equal("NETBIOS", f.TrackingMethod);
                Assert.Equal(Utc("2019-07-31T21:58:08Z"), f.HostLastAssessed);
            });
        }

        [Fact]
        public void GlossaryBeforeHostListAndSameQidOnThreePortsStaySeparate()
        {
            var import = XmlImport.Sample("c-defectdojo-same_qid_different_ports.xml");

            Assert.Equal(1, import.Hosts);
            Assert.Equal(new int?[] { 80, 443, 8080 }, import.Findings.Select(f => f.Port));
            Assert.Equal(new bool?[] { false, true, false }, import.Findings.Select(f => f.Ssl));
            Assert.All(import.Findings, f =>
            {
                Assert.Equal(12345, f.QID);
                Assert.Equal(FindingType.Potential, f.Type);
                Assert.Equal("Test Vulnerability", f.Title);
                Assert.Equal(3, f.Severity);
                Assert.Equal("Test", f.Category);
                Assert.Equal("Linux", f.OperatingSystem);
                Assert.Equal("testhost.example.com", f.HostName);
                Assert.Equal(Utc("2024-01-01T00:00:00Z"), f.HostLastAssessed);
            });
            Assert.Equal("Test result on port 443", import.Findings[1].Results);
        }

        [Fact]
        public void ReportWithoutHostsIsEmpty()
        {
            var import = XmlImport.Sample("c-defectdojo-empty.xml");

            Assert.Equal(0, import.Hosts);
            Assert.Empty(import.Findings);
            Assert.Empty(import.Warnings);
        }

        [Fact]
        public void AgentHostsAreTakenFromTheTrackingMethodOrTheCloudAgentTag()
        {
            var import = XmlImport.Text(Report(
                Host("<TRACKING_METHOD>QAGENT</TRACKING_METHOD><HOST_ID>112859328</HOST_ID><QG_HOSTID>8d7fb998-0000-4000-8000-000000000001</QG_HOSTID>", "10.0.0.1")
                + Host("<ASSET_TAGS><ASSET_TAG>AWS</ASSET_TAG><ASSET_TAG>Cloud Agent</ASSET_TAG></ASSET_TAGS>", "10.0.0.2")
                + Host("<TRACKING_METHOD>IP</TRACKING_METHOD><ASSET_TAGS><ASSET_TAG>Cloud Agent</ASSET_TAG></ASSET_TAGS>", "10.0.0.3"),
                Glossary()));

            Assert.Equal(3, import.Findings.Count);
            // Both sides arrays: Mono lists IEnumerable<int> among an enum array's interfaces, and xunit
            // then compares an array with a lazy sequence as ints against enums (docs/windows.md).
            Assert.Equal(new[] { Vantage.Agent, Vantage.Agent, Vantage.Scanner }, import.Findings.Select(f => f.Vantage).ToArray());
            Assert.Equal("112859328", import.Findings[0].HostId);
            Assert.Equal("8d7fb998-0000-4000-8000-000000000001", import.Findings[0].AgentId);
            Assert.Equal("QAGENT", import.Findings[0].TrackingMethod);
        }

        [Fact]
        public void GlossaryScoresAndCvesReachTheFinding()
        {
            var glossary = @"<GLOSSARY><VULN_DETAILS_LIST><VULN_DETAILS id=""qid_38170"">
  <QID id=""qid_38170"">38170</QID><TITLE><![CDATA[SSL Certificate - Subject Common Name Does Not Match Server FQDN]]></TITLE>
  <SEVERITY>2</SEVERITY><CATEGORY>General remote services</CATEGORY>
  <CVSS_SCORE><CVSS_BASE source=""service"">9.4 (AV:N/AC:L/Au:N/C:C/I:N/A:C)</CVSS_BASE><CVSS_TEMPORAL>7.1</CVSS_TEMPORAL></CVSS_SCORE>
  <CVSS3_SCORE><CVSS3_BASE>-</CVSS3_BASE><CVSS3_TEMPORAL>-</CVSS3_TEMPORAL></CVSS3_SCORE>
  <CVE_ID_LIST><CVE_ID><ID>CVE-2013-2566</ID><URL>u</URL></CVE_ID><CVE_ID><ID>CVE-2015-2808</ID><URL>u</URL></CVE_ID></CVE_ID_LIST>
</VULN_DETAILS></VULN_DETAILS_LIST></GLOSSARY>";
            var import = XmlImport.Text(Report(Host("<TRACKING_METHOD>IP</TRACKING_METHOD>", "10.0.0.1"), glossary));

            var finding = Assert.Single(import.Findings);
            Assert.Equal(9.4, finding.CvssBase);
            Assert.Null(finding.Cvss3Base);
            Assert.Equal("CVE-2013-2566; CVE-2015-2808", finding.CveIds);
            Assert.Equal("General remote services", finding.Category);
        }

        [Fact]
        public void ReportWithoutGlossaryStillGivesItsFindingsAndSaysWhatIsMissing()
        {
            var import = XmlImport.Text(Report(Host("<TRACKING_METHOD>IP</TRACKING_METHOD>", "10.0.0.1"), glossary: string.Empty));

            var finding = Assert.Single(import.Findings);
            Assert.Equal(38170, finding.QID);
            Assert.Null(finding.Title);
            Assert.Contains("1 finding(s) name a QID the GLOSSARY does not describe", Assert.Single(import.Warnings));
        }

        [Fact]
        public void QidIsTakenFromTheGlossaryKeyWhenItsTextIsMissing()
        {
            var host = "<HOST><IP>10.0.0.1</IP><TRACKING_METHOD>IP</TRACKING_METHOD><VULN_INFO_LIST><VULN_INFO><QID id=\"qid_38170\"></QID><TYPE>Vuln</TYPE></VULN_INFO></VULN_INFO_LIST></HOST>";

            var finding = Assert.Single(XmlImport.Text(Report(host, Glossary())).Findings);

            Assert.Equal(38170, finding.QID);
            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN", finding.Title);
        }

        [Fact]
        public void CutOffReportIsReportedAsTruncated()
        {
            var bytes = File.ReadAllBytes(XmlImport.SamplePath(RealReport));

            var error = XmlImport.Failure(bytes.Take(bytes.Length - 5000).ToArray());

            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
        }

        private static string Report(string hosts, string glossary) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ASSET_DATA_REPORT><HEADER><GENERATION_DATETIME>2024-05-02T11:00:00Z</GENERATION_DATETIME></HEADER>\n<HOST_LIST>"
            + hosts + "</HOST_LIST>\n" + glossary + "\n</ASSET_DATA_REPORT>\n";

        private static string Host(string identity, string ip) =>
            $"<HOST><IP network_id=\"0\">{ip}</IP>{identity}<VULN_INFO_LIST><VULN_INFO><QID id=\"qid_38170\">38170</QID><TYPE>Vuln</TYPE>"
            + "<PORT>443</PORT><PROTOCOL>tcp</PROTOCOL><SSL>true</SSL><FIRST_FOUND>2024-01-01T00:00:00Z</FIRST_FOUND><LAST_FOUND>2024-05-01T00:00:00Z</LAST_FOUND>"
            + "<VULN_STATUS>Re-Opened</VULN_STATUS></VULN_INFO></VULN_INFO_LIST></HOST>";

        private static string Glossary() =>
            "<GLOSSARY><VULN_DETAILS_LIST><VULN_DETAILS id=\"qid_38170\"><QID id=\"qid_38170\">38170</QID>"
            + "<TITLE><![CDATA[SSL Certificate - Subject Common Name Does Not Match Server FQDN]]></TITLE><SEVERITY>2</SEVERITY></VULN_DETAILS></VULN_DETAILS_LIST></GLOSSARY>";
    }
}
