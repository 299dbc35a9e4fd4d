using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>The three CSV layouts: Scan Results (a), host-based findings (d) and the VMDR export (f).</summary>
    public sealed class CsvReaderTests : IDisposable
    {
        private static readonly DateTime Launched = new DateTime(2019, 3, 30, 10, 17, 41, DateTimeKind.Utc);
        private readonly string _temp = Path.Combine(Path.GetTempPath(), "qc-csv-" + Guid.NewGuid().ToString("N"));

        public CsvReaderTests() => Directory.CreateDirectory(_temp);

        public void Dispose() => Directory.Delete(_temp, recursive: true);

        internal static string ScanResults(string extension) => Path.Combine(Fixtures.Root, "scan-results", "scan-results-credentialed." + extension);

        private static string Vmdr(string name) => Path.Combine(Fixtures.Root, "vmdr", name);

        private string Write(string name, byte[] bytes)
        {
            var path = Path.Combine(_temp, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string WriteText(string name, string text) => Write(name, new UTF8Encoding(false).GetBytes(text));

        private static string ScanCsvText() => File.ReadAllText(ScanResults("csv"), Encoding.UTF8);

        private static (List<QualysFinding> Findings, ReportImport Import) ImportKeepingImport(string path, ImportOptions? options = null)
        {
            var import = ReportImport.Open(path, options);
            return (import.ReadFindings().ToList(), import);
        }

        /// <summary>Every value of a finding but where it came from, for comparing two files.</summary>
        internal static string Describe(QualysFinding f) =>
            string.Join(" | ", typeof(QualysFinding).GetProperties()
                .Where(p => p.Name != nameof(QualysFinding.SourceFile) && p.Name != nameof(QualysFinding.SourceFormat))
                .Select(p => $"{p.Name}={p.GetValue(f)}"));

        // ---- (a) Scan Results CSV ----

        [Fact]
        public void ScanResultsCsvHasTenFindingsOnFourScannerHosts()
        {
            var (findings, import) = ImportKeepingImport(ScanResults("csv"));
            using (import)
            {
                Assert.Equal(ReportFormat.ScanResultsCsv, import.Format);
                Assert.Equal(10, findings.Count);
                Assert.Equal(4, import.HostCount);
                Assert.Equal(10, import.FindingCount);
            }
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.All(findings, f => Assert.Equal(Launched, f.HostLastAssessed));
            Assert.All(findings, f => Assert.Equal(DateTimeKind.Utc, f.HostLastAssessed!.Value.Kind));
            Assert.All(findings, f => Assert.Null(f.TrackingMethod));
            Assert.All(findings, f => Assert.Null(f.Status));
            Assert.All(findings, f => Assert.Equal(ReportFormat.ScanResultsCsv, f.SourceFormat));
            Assert.Equal(4, findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(2, findings.Count(f => f.Type == FindingType.Potential));
            Assert.Equal(4, findings.Count(f => f.Type == FindingType.Information));
            // The trailing "Target distribution" block is not read as findings.
            Assert.Equal(new[] { 38170, 38170, 38628, 86000, 91762, 90043, 45038, 82003, 6, 70001 }, findings.Select(f => f.QID));
        }

        [Fact]
        public void ScanResultsCsvKeepsOneQidOnTwoPortsApart()
        {
            var findings = Fixtures.Import(ScanResults("csv"));
            var certificate = findings.Where(f => f.QID == 38170).ToList();

            Assert.Equal(new int?[] { 443, 8443 }, certificate.Select(f => f.Port));
            var first = certificate[0];
            Assert.Equal("10.20.30.11", first.IP);
            Assert.Equal("web01.corp.example.com", first.DnsName);
            Assert.Equal("WEB01", first.NetBiosName);
            Assert.Equal("web01.corp.example.com", first.HostName);
            Assert.Equal("Ubuntu Linux 20.04.6 LTS", first.OperatingSystem);
            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN", first.Title);
            Assert.Equal(FindingType.Confirmed, first.Type);
            Assert.Equal(2, first.Severity);
            Assert.Equal("tcp", first.Protocol);
            Assert.True(first.Ssl);
            Assert.Null(first.CveIds);
            Assert.Equal(5.8, first.CvssBase);
            Assert.Equal(6.5, first.Cvss3Base);
            Assert.Equal("General remote services", first.Category);
            Assert.Equal("Certificate #0 CN=www.example.com (www.example.com) doesn't resolve", first.Results);
            Assert.Equal("Certificate #0 CN=localhost (localhost) doesn't resolve", certificate[1].Results);
        }

        [Fact]
        public void ScanResultsCsvReadsMultiLineQuotedFieldsAndHostLevelFindings()
        {
            var findings = Fixtures.Import(ScanResults("csv"));

            var banner = findings.Single(f => f.QID == 86000);
            Assert.Equal("Server Version\tServer Banner\nnginx/1.18.0 (Ubuntu)\tnginx/1.18.0 (Ubuntu), \"Welcome to nginx!\" page, \"quoted, twice\"", banner.Results);
            Assert.Equal(FindingType.Information, banner.Type);
            Assert.False(banner.Ssl);

            var update = findings.Single(f => f.QID == 91762);
            Assert.Equal("Microsoft Windows Security Update for May 2021, Cumulative", update.Title);
            Assert.Equal("CVE-2021-31192; CVE-2021-31188; CVE-2021-31170", update.CveIds);
            Assert.Null(update.Port);
            Assert.Null(update.Protocol);
            Assert.Equal(9.3, update.CvssBase);
            Assert.Equal(9.9, update.Cvss3Base);
            Assert.Equal(5, update.Severity);
            Assert.Equal("KB5003171 is not installed\n%windir%\\System32\\ntoskrnl.exe  Version is  10.0.17763.1879", update.Results);

            var scanTime = findings.Single(f => f.QID == 45038);
            Assert.Equal("Scan duration: 420 seconds\n\nStart time: Sat, Mar 30 2019, 10:18:02 GMT\n\nEnd time: Sat, Mar 30 2019, 10:25:02 GMT", scanTime.Results);

            var timestamp = findings.Single(f => f.QID == 82003);
            Assert.Equal("10.20.30.13", timestamp.HostName);
            Assert.Null(timestamp.DnsName);
            Assert.Null(timestamp.NetBiosName);
            Assert.Equal("icmp", timestamp.Protocol);
            Assert.Equal("CVE-1999-0524", timestamp.CveIds);

            var netbios = findings.Single(f => f.QID == 70001);
            Assert.Equal("PRN01", netbios.HostName);
            Assert.Equal(137, netbios.Port);
            Assert.Equal("udp", netbios.Protocol);
        }

        [Theory]
        [InlineData("lf")]
        [InlineData("utf8-bom")]
        [InlineData("utf16le-bom")]
        public void ScanResultsCsvVariantsGiveTheSameFindings(string variant)
        {
            string text = ScanCsvText();
            byte[] bytes;
            ReportEncoding encoding;
            switch (variant)
            {
                case "lf":
                    bytes = new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n"));
                    encoding = ReportEncoding.Utf8;
                    break;
                case "utf8-bom":
                    bytes = Encoding.UTF8.GetPreamble().Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();
                    encoding = ReportEncoding.Utf8WithBom;
                    break;
                default:
                    bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
                    encoding = ReportEncoding.Utf16LittleEndian;
                    break;
            }
            var path = Write($"scan-{variant}.csv", bytes);

            var expected = Fixtures.Import(ScanResults("csv")).Select(Describe).ToList();
            var (findings, import) = ImportKeepingImport(path);
            using (import)
            {
                Assert.Equal(encoding, import.Encoding);
                Assert.Equal(ReportFormat.ScanResultsCsv, import.Format);
                Assert.Equal(4, import.HostCount);
            }
            Assert.Equal(expected, findings.Select(Describe).ToList());
        }

        [Fact]
        public void ScanResultsCsvCutInsideAQuotedFieldIsTruncated()
        {
            string text = ScanCsvText();
            int cut = text.IndexOf("Scan duration: 420 seconds", StringComparison.Ordinal) + 30;
            var path = WriteText("cut.csv", text.Substring(0, cut));

            var e = Assert.Throws<QualysReportException>(() => Fixtures.Import(path));
            Assert.Equal(ErrorIds.Truncated, e.ErrorId);
            Assert.Equal(18, e.LineNumber);
            Assert.Contains(path, e.Message);
            Assert.Contains("line 18", e.Message);
        }

        [Fact]
        public void ScanResultsCsvWithADuplicatedColumnIsRefused()
        {
            var path = WriteText("duplicate.csv", ScanCsvText().Replace("\"IP Status\",", "\"Title\","));

            var e = Assert.Throws<QualysReportException>(() => Fixtures.Import(path));
            Assert.Equal(ErrorIds.DuplicateColumn, e.ErrorId);
            Assert.Equal(8, e.LineNumber);
            Assert.Contains(path, e.Message);
            Assert.Contains("line 8", e.Message);
            Assert.Contains("\"Title\"", e.Message);
        }

        [Fact]
        public void ScanResultsCsvDuplicateOfAnUnreadColumnIsHarmless()
        {
            var path = WriteText("duplicate-unread.csv", ScanCsvText().Replace("\"IP Status\",", "\"Threat\","));

            Assert.Equal(10, Fixtures.Import(path).Count);
        }

        [Fact]
        public void ScanResultsCsvRowWithANonNumericQidIsMalformed()
        {
            var path = WriteText("bad-qid.csv", ScanCsvText().Replace("\"38628\"", "\"38628x\""));

            using var import = ReportImport.Open(path);
            var read = new List<QualysFinding>();
            var e = Assert.Throws<QualysReportException>(() => { foreach (var f in import.ReadFindings()) read.Add(f); });
            Assert.Equal(ErrorIds.Malformed, e.ErrorId);
            Assert.Equal(11, e.LineNumber);
            Assert.Contains(path, e.Message);
            Assert.Contains("line 11", e.Message);
            Assert.Contains("38628x", e.Message);
            // The rows before it were read and stay valid.
            Assert.Equal(2, read.Count);
        }

        [Fact]
        public void CsvHoldingOnlyTheMetadataBlocksIsTruncated()
        {
            var lines = ScanCsvText().Split("\r\n");
            var path = WriteText("metadata-only.csv", string.Join("\r\n", lines.Take(7)) + "\r\n");

            var e = Assert.Throws<QualysReportException>(() => ReportImport.Open(path));
            Assert.Equal(ErrorIds.Truncated, e.ErrorId);
            Assert.Equal(6, e.LineNumber);
            Assert.Contains(path, e.Message);
        }

        [Theory]
        [InlineData("x-defectdojo-monthly_pci_issue6932.csv")]
        [InlineData("x-defectdojo-hackerguardian-many_finding.csv")]
        [InlineData("x-defectdojo-hackerguardian-one_finding.csv")]
        [InlineData("x-defectdojo-hackerguardian-zero_finding.csv")]
        public void PciAndHackerGuardianCsvAreRefusedAtOpen(string sample)
        {
            var path = Fixtures.Sample(sample);
            var e = Assert.Throws<QualysReportException>(() => ReportImport.Open(path));
            Assert.Equal(ErrorIds.PciScan, e.ErrorId);
            Assert.Contains(path, e.Message);
            Assert.True(e.LineNumber > 0);
            Assert.Contains($"line {e.LineNumber}", e.Message);
        }

        [Fact]
        public void FirstFindingLeavesBeforeALargeCsvIsRead()
        {
            var text = new StringBuilder();
            var lines = ScanCsvText().Split("\r\n");
            foreach (var line in lines.Take(8)) text.Append(line).Append("\r\n");
            const int Hosts = 20000;
            for (int h = 0; h < Hosts; h++)
                text.Append($"\"10.{h / 65536}.{h / 256 % 256}.{h % 256}\",\"host{h}.corp.example.com\",\"HOST{h}\",\"Linux\",\"host scanned, found vuln\",\"38170\",\"SSL Certificate\",\"Vuln\",\"2\",\"443\",\"tcp\",\"\",\"yes\",\"\",\"\",\"\",\"5.8\",\"\",\"6.5\",\"\",\"Threat text, long enough to matter.\",\"Impact text.\",\"Solution text.\",\"\",\"\",\"Certificate #0\nCN=host{h}\",\"yes\",\"\",\"General remote services\"\r\n");
            var path = WriteText("large.csv", text.ToString());

            using var import = ReportImport.Open(path);
            using var findings = import.ReadFindings().GetEnumerator();
            Assert.True(findings.MoveNext());
            Assert.True(import.BytesRead < import.TotalBytes / 4, $"{import.BytesRead} of {import.TotalBytes} bytes read before the first finding");
            int count = 1;
            while (findings.MoveNext()) count++;
            Assert.Equal(Hosts, count);
            Assert.Equal(Hosts, import.HostCount);
        }

        // ---- (d) host-based findings CSV ----

        [Theory]
        [InlineData("d-defectdojo-Qualys_Sample_Report-withheader-2021.csv")]
        [InlineData("d-defectdojo-Qualys_Sample_Report-noheader.csv")]
        public void HostFindingsSampleHasSixAgentFindingsOnFourHosts(string sample)
        {
            var (findings, import) = ImportKeepingImport(Fixtures.Sample(sample));
            using (import)
            {
                Assert.Equal(ReportFormat.HostFindingsCsv, import.Format);
                Assert.Equal(4, import.HostCount);
            }
            Assert.Equal(6, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
            Assert.All(findings, f => Assert.Equal("QAGENT", f.TrackingMethod));
            Assert.All(findings, f => Assert.Equal(DetectionStatus.Active, f.Status));
            Assert.All(findings, f => Assert.Equal(FindingType.Confirmed, f.Type));
            Assert.All(findings, f => Assert.Equal(5, f.Severity));
            Assert.All(findings, f => Assert.Null(f.Port));
            Assert.All(findings, f => Assert.Null(f.Ssl));
            Assert.All(findings, f => Assert.Null(f.HostLastAssessed));
            Assert.Equal(new[] { 105971, 105970, 91762, 105971, 105971, 105971 }, findings.Select(f => f.QID));

            var first = findings[0];
            Assert.Equal("10.98.57.180", first.IP);
            Assert.Equal("ip-10-98-57-180.eu-west-1.compute.internal", first.DnsName);
            Assert.Equal("ip-10-98-57-180.eu-west-1.compute.internal", first.HostName);
            Assert.Equal("EC2AMAZ-IU0C43L", first.NetBiosName);
            Assert.Equal("Windows Server 2016 Datacenter 64 bit Edition Version 1607", first.OperatingSystem);
            Assert.Equal("EOL/Obsolete Software: Microsoft ASP.NET 1.0 Detected", first.Title);
            Assert.Equal(new DateTime(2021, 5, 13, 7, 8, 28, DateTimeKind.Utc), first.FirstDetected);
            Assert.Equal(new DateTime(2021, 5, 25, 7, 36, 58, DateTimeKind.Utc), first.LastDetected);
            Assert.Equal(DateTimeKind.Utc, first.LastDetected!.Value.Kind);
            Assert.Equal(8.1, first.Cvss3Base);
            Assert.Null(first.CvssBase);
            Assert.Null(first.CveIds);
            Assert.Equal("Security Policy", first.Category);
            Assert.Null(first.HostId);
            Assert.Null(first.AgentId);

            var update = findings[2];
            Assert.Equal(9.9, update.Cvss3Base);
            Assert.Equal("Windows", update.Category);
            Assert.StartsWith("CVE-2021-31192; CVE-2021-31188; CVE-2021-31170", update.CveIds);
            Assert.EndsWith("CVE-2020-24587; CVE-2020-24588", update.CveIds);
            Assert.Equal(23, update.CveIds!.Split("; ").Length);
        }

        [Fact]
        public void HostFindingsWithAndWithoutTheMetadataBlockAgree()
        {
            var with = Fixtures.Import(Fixtures.Sample("d-defectdojo-Qualys_Sample_Report-withheader-2021.csv")).Select(Describe);
            var without = Fixtures.Import(Fixtures.Sample("d-defectdojo-Qualys_Sample_Report-noheader.csv")).Select(Describe);
            Assert.Equal(with, without);
        }

        [Fact]
        public void EmptyHostFindingsReportHasNoFindings()
        {
            var (findings, import) = ImportKeepingImport(Fixtures.Sample("d-defectdojo-empty.csv"));
            using (import)
            {
                Assert.Equal(ReportFormat.HostFindingsCsv, import.Format);
                Assert.Equal(0, import.HostCount);
            }
            Assert.Empty(findings);
        }

        [Fact]
        public void HostFindingsOptionalColumnsAreReadByName()
        {
            // Newer templates add identity columns and move the others; only names count.
            var text = "\"IP\",\"Tracking Method\",\"QID\",\"Host ID\",\"QG Host ID\",\"Asset ID\",\"DNS\",\"Type\",\"Vuln Status\",\"Severity\",\"Port\",\"Protocol\",\"SSL\",\"CVSS Base\",\"CVSS3.1 Base\",\"Results\",\"Last Scan Datetime\",\"First Detected\",\"Last Detected\"\r\n"
                + "\"10.0.0.5\",\"IP\",\"38170\",\"112859328\",\"\",\"5512\",\"app.corp.example.com\",\"Practice\",\"Re-Opened\",\"3\",\"443\",\"TCP\",\"true\",\"5.0 (AV:N/AC:L/Au:N/C:P/I:N/A:N)\",\"6.1\",\"line one\nline two\",\"07/01/2025 05:19:00\",\"06/30/2025 23:00:00\",\"07/01/2025 05:19:00\"\r\n"
                + "\"10.0.0.6\",\"QAGENT\",\"105971\",\"112859329\",\"8d7fb998-0000-4000-8000-000000000001\",\"\",\"\",\"Ig\",\"\",\"1\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\r\n";
            var path = WriteText("newer-template.csv", text);

            var (findings, import) = ImportKeepingImport(path);
            using (import) Assert.Equal(2, import.HostCount);
            Assert.Equal(2, findings.Count);

            var scanned = findings[0];
            Assert.Equal(Vantage.Scanner, scanned.Vantage);
            Assert.Equal("112859328", scanned.HostId);
            Assert.Null(scanned.AgentId);
            Assert.Equal(FindingType.Potential, scanned.Type);
            Assert.Equal(DetectionStatus.ReOpened, scanned.Status);
            Assert.Equal(443, scanned.Port);
            Assert.Equal("tcp", scanned.Protocol);
            Assert.True(scanned.Ssl);
            Assert.Equal(5.0, scanned.CvssBase);
            Assert.Equal(6.1, scanned.Cvss3Base);
            Assert.Equal("line one\nline two", scanned.Results);
            Assert.Equal(new DateTime(2025, 7, 1, 5, 19, 0, DateTimeKind.Utc), scanned.HostLastAssessed);

            var agent = findings[1];
            Assert.Equal(Vantage.Agent, agent.Vantage);
            Assert.Equal("8d7fb998-0000-4000-8000-000000000001", agent.AgentId);
            Assert.Equal(FindingType.Information, agent.Type);
            Assert.Null(agent.Status);
            Assert.Null(agent.HostLastAssessed);
            Assert.Equal("10.0.0.6", agent.HostName);
        }

        [Fact]
        public void VantageOptionOverridesTheTrackingMethod()
        {
            var findings = Fixtures.Import(Fixtures.Sample("d-defectdojo-Qualys_Sample_Report-noheader.csv"), new ImportOptions { Vantage = VantageSelection.Scanner });
            Assert.Equal(6, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
        }

        // ---- (f) VMDR export ----

        [Fact]
        public void VmdrQidCentricSampleHasFiveScannerFindings()
        {
            var warnings = new List<string>();
            var (findings, import) = ImportKeepingImport(Fixtures.Sample("f-defectdojo-vmdr-many_vulns_qid.csv"), new ImportOptions { Output = new RecordedOutput(warnings) });
            using (import)
            {
                Assert.Equal(ReportFormat.VmdrCsv, import.Format);
                Assert.Equal(5, import.HostCount);
            }
            Assert.Equal(5, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.All(findings, f => Assert.Equal(FindingType.Confirmed, f.Type));
            Assert.All(findings, f => Assert.Null(f.CveIds));
            Assert.All(findings, f => Assert.Null(f.HostId));
            Assert.All(findings, f => Assert.Null(f.AgentId));
            Assert.All(findings, f => Assert.Null(f.HostLastAssessed));
            Assert.Equal(4, findings.Count(f => f.Status == DetectionStatus.Active));
            Assert.Equal(1, findings.Count(f => f.Status == DetectionStatus.Fixed));
            Assert.Equal(new[] { 100001, 100002, 100003, 100004, 100005 }, findings.Select(f => f.QID));
            Assert.Equal(new int?[] { 1, 2, 3, 4, 5 }, findings.Select(f => f.Severity));

            var outdated = findings[2];
            Assert.Equal("APPSERVER01", outdated.HostName);
            Assert.Equal("APPSERVER01", outdated.NetBiosName);
            Assert.Null(outdated.DnsName);
            Assert.Equal("10.0.0.20", outdated.IP);
            Assert.Equal(22, outdated.Port);
            Assert.Equal("tcp", outdated.Protocol);
            Assert.Equal(DetectionStatus.Fixed, outdated.Status);
            Assert.Equal("CentOS 8", outdated.OperatingSystem);
            Assert.Equal("Outdated Software Version", outdated.Title);
            Assert.Equal("OpenSSH 7.9 detected", outdated.Results);
            Assert.Equal(new DateTime(2025, 12, 1, 10, 0, 0, DateTimeKind.Utc), outdated.FirstDetected);
            Assert.Equal(new DateTime(2026, 2, 3, 7, 0, 0, DateTimeKind.Utc), outdated.LastDetected);
            Assert.Equal(DateTimeKind.Utc, outdated.FirstDetected!.Value.Kind);
            Assert.Equal("2001:db8::1", findings[4].IP);

            var warning = Assert.Single(warnings);
            Assert.Contains("Cloud Agent", warning);
            Assert.Contains("-Vantage", warning);
        }

        [Fact]
        public void VmdrCveCentricSampleHasFiveFindingsWithTheirCves()
        {
            var findings = Fixtures.Import(Fixtures.Sample("f-defectdojo-vmdr-many_vulns_cve.csv"));

            Assert.Equal(5, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.Equal(new[] { 800001, 800002, 800003, 800004, 800005 }, findings.Select(f => f.QID));
            Assert.Equal(new[] { "CVE-2023-0001", "CVE-2023-0002", "CVE-2023-0003", "CVE-2023-0004", "CVE-2023-0005" }, findings.Select(f => f.CveIds));
            Assert.Equal(2.1, findings[0].CvssBase);
            Assert.Equal(3.1, findings[0].Cvss3Base);
            Assert.Equal(1, findings.Count(f => f.Status == DetectionStatus.Fixed));

            // Port 0 with protocol '- is a host-level detection.
            var privilege = findings[3];
            Assert.Null(privilege.Port);
            Assert.Null(privilege.Protocol);
            Assert.Equal("192.168.1.100", privilege.IP);
            Assert.Equal("WORKSTATION01", privilege.HostName);
        }

        [Theory]
        [InlineData("f-defectdojo-vmdr-one_vuln_cve.csv")]
        [InlineData("f-defectdojo-vmdr-one_vuln_no_metadata_cve.csv")]
        public void VmdrOneCveSampleWithOrWithoutMetadata(string sample)
        {
            var finding = Assert.Single(Fixtures.Import(Fixtures.Sample(sample)));
            Assert.Equal(730143, finding.QID);
            Assert.Equal("CVE-2021-44228", finding.CveIds);
            Assert.Equal(9.3, finding.CvssBase);
            Assert.Equal(10.0, finding.Cvss3Base);
            Assert.Equal(8080, finding.Port);
            Assert.Equal(5, finding.Severity);
            Assert.Equal(DetectionStatus.Active, finding.Status);
            Assert.Equal("JAVAAPP01", finding.HostName);
            Assert.Equal("10.1.0.50", finding.IP);
            Assert.Equal(new DateTime(2021, 12, 15, 10, 0, 0, DateTimeKind.Utc), finding.FirstDetected);
            Assert.Equal(Vantage.Scanner, finding.Vantage);
        }

        [Fact]
        public void VmdrOneQidSampleIsAHostLevelDetection()
        {
            var finding = Assert.Single(Fixtures.Import(Fixtures.Sample("f-defectdojo-vmdr-one_vuln_qid.csv")));
            Assert.Equal(100269, finding.QID);
            Assert.Null(finding.Port);
            Assert.Null(finding.Protocol);
            Assert.Equal(5, finding.Severity);
            Assert.Equal(new DateTime(2021, 4, 13, 15, 14, 0, DateTimeKind.Utc), finding.FirstDetected);
        }

        [Theory]
        [InlineData("f-defectdojo-vmdr-no_vuln_qid.csv")]
        [InlineData("f-defectdojo-vmdr-no_vuln_cve.csv")]
        [InlineData("f-defectdojo-vmdr-no_vuln_no_metadata_cve.csv")]
        public void VmdrSamplesWithoutRowsHaveNoFindingsAndNoWarning(string sample)
        {
            var warnings = new List<string>();
            var (findings, import) = ImportKeepingImport(Fixtures.Sample(sample), new ImportOptions { Output = new RecordedOutput(warnings) });
            using (import) Assert.Equal(ReportFormat.VmdrCsv, import.Format);
            Assert.Empty(findings);
            Assert.Empty(warnings);
        }

        [Fact]
        public void VmdrCveRowsOfOneDetectionFoldIntoOneFinding()
        {
            var warnings = new List<string>();
            var (findings, import) = ImportKeepingImport(Vmdr("vmdr-cve-centric-folded.csv"), new ImportOptions { Output = new RecordedOutput(warnings) });
            using (import) Assert.Equal(2, import.HostCount);

            Assert.Equal(4, findings.Count);
            Assert.Equal(2, findings.Count(f => f.Vantage == Vantage.Scanner));
            Assert.Equal(2, findings.Count(f => f.Vantage == Vantage.Agent));
            Assert.Equal(3, findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(1, findings.Count(f => f.Type == FindingType.Potential));

            var openssl = findings[0];
            Assert.Equal(38830, openssl.QID);
            Assert.Equal(443, openssl.Port);
            Assert.Equal("CVE-2021-3449; CVE-2021-3450", openssl.CveIds);
            Assert.Equal(5.8, openssl.CvssBase);
            Assert.Equal(7.4, openssl.Cvss3Base);
            Assert.Equal(DetectionStatus.New, openssl.Status);
            Assert.Equal("web01.corp.example.com", openssl.DnsName);
            Assert.Null(openssl.NetBiosName);
            Assert.Equal(Vantage.Scanner, openssl.Vantage);

            Assert.Equal(8443, findings[1].Port);
            Assert.Equal("CVE-2021-3449", findings[1].CveIds);

            var update = findings[2];
            Assert.Equal(91762, update.QID);
            Assert.Equal(Vantage.Agent, update.Vantage);
            Assert.Equal("CVE-2021-31192; CVE-2021-31188; CVE-2021-31170", update.CveIds);
            Assert.Equal(9.3, update.CvssBase);
            Assert.Equal(8.8, update.Cvss3Base);
            Assert.Null(update.Port);
            Assert.Equal(DetectionStatus.ReOpened, update.Status);
            Assert.Equal("10.20.30.12", update.IP);
            Assert.Equal("DB01", update.NetBiosName);
            Assert.Equal(new DateTime(2021, 5, 12, 15, 14, 0, DateTimeKind.Utc), update.FirstDetected);

            var sweet32 = findings[3];
            Assert.Equal(FindingType.Potential, sweet32.Type);
            Assert.Equal(DetectionStatus.Fixed, sweet32.Status);
            Assert.Equal(Vantage.Agent, sweet32.Vantage);

            Assert.Single(warnings);
        }

        [Fact]
        public void VmdrCveRowsThatAreNotTogetherAreSplitWithAWarning()
        {
            var lines = File.ReadAllLines(Vmdr("vmdr-cve-centric-folded.csv"));
            var again = lines[4].Replace("CVE-2021-3449", "CVE-2021-3451");
            var path = WriteText("split.csv", string.Join("\n", lines.Append(again)) + "\n");

            var warnings = new List<string>();
            var findings = Fixtures.Import(path, new ImportOptions { Output = new RecordedOutput(warnings) });

            Assert.Equal(5, findings.Count);
            Assert.Equal("CVE-2021-3449; CVE-2021-3450", findings[0].CveIds);
            Assert.Equal("CVE-2021-3451", findings[4].CveIds);
            Assert.Equal(2, warnings.Count);
            Assert.Contains(warnings, w => w.Contains("QID 38830") && w.Contains("line 12"));
        }

        [Fact]
        public void VmdrVantageOptionReplacesTheGuessAndItsWarning()
        {
            var warnings = new List<string>();
            var findings = Fixtures.Import(Vmdr("vmdr-cve-centric-folded.csv"), new ImportOptions { Vantage = VantageSelection.Agent, Output = new RecordedOutput(warnings) });

            Assert.Equal(4, findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
            Assert.Empty(warnings);
        }

        [Fact]
        public void VmdrRowWithoutAQidIsMalformed()
        {
            var lines = File.ReadAllLines(Fixtures.Sample("f-defectdojo-vmdr-many_vulns_qid.csv"));
            lines[6] = lines[6].Replace("\"100003\"", "\"\"");
            var path = WriteText("no-qid.csv", string.Join("\n", lines) + "\n");

            var e = Assert.Throws<QualysReportException>(() => Fixtures.Import(path));
            Assert.Equal(ErrorIds.Malformed, e.ErrorId);
            Assert.Equal(7, e.LineNumber);
            Assert.Contains(path, e.Message);
        }
    }
}
