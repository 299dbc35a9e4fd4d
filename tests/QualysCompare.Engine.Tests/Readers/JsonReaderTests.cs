using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Scan Results JSON (json_extended) and its agreement with the CSV of the same scan.</summary>
    public sealed class JsonReaderTests : IDisposable
    {
        private readonly string _temp = Path.Combine(Path.GetTempPath(), "qc-json-" + Guid.NewGuid().ToString("N"));

        public JsonReaderTests() => Directory.CreateDirectory(_temp);

        public void Dispose() => Directory.Delete(_temp, recursive: true);

        private static string JsonText() => File.ReadAllText(CsvReaderTests.ScanResults("json"), Encoding.UTF8);

        private string WriteText(string name, string text)
        {
            var path = Path.Combine(_temp, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        private static long LineOf(string text, int index) => text.Take(index).Count(c => c == '\n') + 1;

        [Fact]
        public void ScanResultsJsonHasTenFindingsOnFourScannerHosts()
        {
            using var import = ReportImport.Open(CsvReaderTests.ScanResults("json"));
            var findings = import.ReadFindings().ToList();

            Assert.Equal(ReportFormat.ScanResultsJson, import.Format);
            Assert.Equal(10, findings.Count);
            Assert.Equal(4, import.HostCount);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));
            Assert.All(findings, f => Assert.Equal(new DateTime(2019, 3, 30, 10, 17, 41, DateTimeKind.Utc), f.HostLastAssessed));
            Assert.All(findings, f => Assert.Equal(ReportFormat.ScanResultsJson, f.SourceFormat));
            Assert.Equal(4, findings.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(2, findings.Count(f => f.Type == FindingType.Potential));
            Assert.Equal(4, findings.Count(f => f.Type == FindingType.Information));

            var update = findings.Single(f => f.QID == 91762);
            Assert.Equal("CVE-2021-31192; CVE-2021-31188; CVE-2021-31170", update.CveIds);
            Assert.Equal(9.9, update.Cvss3Base);
            Assert.Equal("KB5003171 is not installed\n%windir%\\System32\\ntoskrnl.exe  Version is  10.0.17763.1879", update.Results);
            Assert.Null(update.Port);

            // dns null and netbios "" both mean "none".
            var timestamp = findings.Single(f => f.QID == 82003);
            Assert.Null(timestamp.DnsName);
            Assert.Null(timestamp.NetBiosName);
            Assert.Equal("10.20.30.13", timestamp.HostName);
        }

        [Fact]
        public void ScanResultsJsonAndCsvOfOneScanGiveTheSameFindings()
        {
            var csv = Fixtures.Import(CsvReaderTests.ScanResults("csv")).Select(CsvReaderTests.Describe).ToList();
            var json = Fixtures.Import(CsvReaderTests.ScanResults("json")).Select(CsvReaderTests.Describe).ToList();
            Assert.Equal(csv, json);
        }

        [Fact]
        public void ScanResultsJsonOnOneLineGivesTheSameFindings()
        {
            // Compact output (no indentation) is what the API returns.
            string compact = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(JsonText()).RootElement);
            var path = WriteText("compact.json", compact);

            var expected = Fixtures.Import(CsvReaderTests.ScanResults("json")).Select(CsvReaderTests.Describe);
            Assert.Equal(expected, Fixtures.Import(path).Select(CsvReaderTests.Describe));
        }

        [Fact]
        public void TruncatedJsonIsRefusedAsTruncated()
        {
            string text = JsonText();
            int cut = text.IndexOf("\"qid\": 90043", StringComparison.Ordinal);
            var path = WriteText("cut.json", text.Substring(0, cut));

            var read = new List<QualysFinding>();
            using var import = ReportImport.Open(path);
            var e = Assert.Throws<QualysReportException>(() => { foreach (var f in import.ReadFindings()) read.Add(f); });
            Assert.Equal(ErrorIds.Truncated, e.ErrorId);
            Assert.Equal(LineOf(text, cut), e.LineNumber);
            Assert.Contains(path, e.Message);
            Assert.Contains($"line {e.LineNumber}", e.Message);
            Assert.Equal(5, read.Count);
        }

        [Fact]
        public void DamageInsideTheJsonIsMalformedWithItsLine()
        {
            string text = JsonText();
            int at = text.IndexOf("\"title\": \"Web Server Version\",", StringComparison.Ordinal);
            var damaged = text.Substring(0, at) + "\"title\" \"Web Server Version\"," + text.Substring(at + "\"title\": \"Web Server Version\",".Length);
            var path = WriteText("damaged.json", damaged);

            var e = Assert.Throws<QualysReportException>(() => Fixtures.Import(path));
            Assert.Equal(ErrorIds.Malformed, e.ErrorId);
            Assert.Equal(LineOf(damaged, at), e.LineNumber);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void JsonFindingWithANonNumericQidIsMalformed()
        {
            string text = JsonText();
            var damaged = text.Replace("\"qid\": 38628,", "\"qid\": \"38628x\",");
            int objectStart = damaged.LastIndexOf('{', damaged.IndexOf("\"38628x\"", StringComparison.Ordinal));
            var path = WriteText("bad-qid.json", damaged);

            var e = Assert.Throws<QualysReportException>(() => Fixtures.Import(path));
            Assert.Equal(ErrorIds.Malformed, e.ErrorId);
            Assert.Equal(LineOf(damaged, objectStart), e.LineNumber);
            Assert.Contains("38628x", e.Message);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void FirstFindingLeavesBeforeALargeJsonIsRead()
        {
            var text = new StringBuilder("[{\"scan_report_template_title\":\"Scan Results\"},{\"launch_date\":\"03\\/30\\/2019 10:17:41\"}");
            const int Findings = 20000;
            for (int i = 0; i < Findings; i++)
                text.Append($",\n{{\"ip\":\"10.{i / 65536}.{i / 256 % 256}.{i % 256}\",\"dns\":\"host{i}.corp.example.com\",\"netbios\":null,\"os\":\"Linux\",\"qid\":38170,\"title\":\"SSL Certificate\",\"type\":\"Vuln\",\"severity\":\"2\",\"port\":\"443\",\"protocol\":\"tcp\",\"ssl\":\"yes\",\"threat\":\"Threat text, long enough to matter, and then some more of it.\",\"results\":\"Certificate #0\\nCN=host{i}\",\"category\":\"General remote services\"}}");
            text.Append(",\n{\"target_distribution_across_scanner_appliances\":\"External : 64.39.99.13\"}]");
            var path = WriteText("large.json", text.ToString());

            using var import = ReportImport.Open(path);
            using var findings = import.ReadFindings().GetEnumerator();
            Assert.True(findings.MoveNext());
            Assert.True(import.BytesRead < import.TotalBytes / 4, $"{import.BytesRead} of {import.TotalBytes} bytes read before the first finding");
            int count = 1;
            while (findings.MoveNext()) count++;
            Assert.Equal(Findings, count);
            Assert.Equal(Findings, import.HostCount);
        }

        [Fact]
        public void ObjectLargerThanTheBufferIsReadWhole()
        {
            string results = new string('x', 300 * 1024);
            var text = "[{\"scan_report_template_title\":\"Scan Results\"},{\"ip\":\"10.0.0.1\",\"qid\":6,\"type\":\"Ig\",\"severity\":\"1\",\"results\":\"" + results + "\",\"port\":443}]";
            var path = WriteText("big-object.json", text);

            var finding = Assert.Single(Fixtures.Import(path));
            Assert.Equal(results, finding.Results);
            Assert.Equal(443, finding.Port);
            Assert.Null(finding.HostLastAssessed);
        }

        [Theory]
        [InlineData("scan-results/scan-results-credentialed.csv")]
        [InlineData("scan-results/scan-results-credentialed.json")]
        [InlineData("vmdr/vmdr-cve-centric-folded.csv")]
        public void MutatedFixturesGiveFindingsOrDocumentedErrors(string fixture)
        {
            var original = File.ReadAllBytes(Path.Combine(Fixtures.Root, fixture));
            // A fixed seed, named in any failure with the saved input (see FuzzTests).
            int seed = FuzzTests.SeedOf(fixture);
            var random = new Random(seed);
            for (int i = 0; i < 300; i++)
            {
                var mutated = Mutator.Mutate(original, random, out string description);
                FuzzTests.RunBounded(mutated, fixture, seed, i, description);
            }
        }
    }
}
