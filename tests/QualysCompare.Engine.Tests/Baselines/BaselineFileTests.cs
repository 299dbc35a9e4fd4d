using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using QualysCompare.Engine.Baselines;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;
using static QualysCompare.Engine.Tests.ChangeOverTime;

namespace QualysCompare.Engine.Tests.Baselines
{
    /// <summary>What Baseline.Read accepts and refuses, and that the exports carry every column it reads.</summary>
    public sealed class BaselineFileTests : IDisposable
    {
        private readonly List<string> _files = new List<string>();

        public void Dispose()
        {
            foreach (var file in _files) File.Delete(file);
        }

        [Theory]
        [InlineData(".csv")]
        [InlineData(".json")]
        public void TheExportRoundTripsEveryColumn(string extension)
        {
            var rows = new[]
            {
                Sample("=cmd|' /C calc'!A0", "-rogue.corp.example.com", "+NB", GapChange.Persisting, GapAction.None, accepted: true),
                Sample("@host", "host.corp.example.com", null, GapChange.New, GapAction.FixScanAuthentication, accepted: false),
            };
            string path = Keep(ExportGaps(rows, extension));
            var baseline = Baseline.Read(path);
            Assert.Equal(2, baseline.GapCount);
            var read = baseline.ReadRows(baseline.Gaps.OrderBy(g => g.Offset).ToList()).ToList();
            foreach (var property in typeof(VantageComparison).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                for (int i = 0; i < rows.Length; i++)
                    Assert.True(Equals(property.GetValue(rows[i]), property.GetValue(read[i])), $"{property.Name} of row {i}: {property.GetValue(rows[i])} became {property.GetValue(read[i])}");
            Assert.Equal(new DateTime(2026, 11, 20, 5, 46, 2, DateTimeKind.Utc), baseline.Date);
        }

        [Fact]
        public void NeutralisedNamesStillIdentifyTheirMachine()
        {
            var rows = new[] { Sample("=evil.corp.example.com", "=evil.corp.example.com", "-EVIL", GapChange.None, GapAction.None, accepted: false) };
            var baseline = Baseline.Read(Keep(ExportGaps(rows, ".csv")));
            var machine = Assert.Single(baseline.Machines);
            Assert.Equal(("=evil.corp.example.com", "-EVIL"), (machine.DnsName, machine.NetBiosName));
        }

        [Fact]
        public void AMissingFileIsUnreadable()
        {
            var error = Assert.Throws<QualysReportException>(() => Baseline.Read(Path.Combine(Path.GetTempPath(), "qc-no-such-baseline.csv")));
            Assert.Equal(ErrorIds.BaselineUnreadable, error.ErrorId);
            Assert.Contains("qc-no-such-baseline.csv", error.Message);
        }

        [Fact]
        public void AMalformedCsvIsUnreadableAndNamesTheLine()
        {
            var lines = File.ReadAllLines(Legacy("run1-gaps.csv"));
            lines[4] = lines[4].Replace(",ScannerOnly,", ",Scanner\"Only,").Replace(",AgentOnly,", ",Agent\"Only,");
            string path = Keep(Write(".csv", string.Join("\r\n", lines) + "\r\n"));
            var error = Assert.Throws<QualysReportException>(() => Baseline.Read(path));
            Assert.Equal(ErrorIds.BaselineUnreadable, error.ErrorId);
            Assert.Equal(5, error.LineNumber);
            Assert.StartsWith(path + ", line 5: ", error.Message);
        }

        [Fact]
        public void AMalformedJsonIsUnreadableAndNamesTheLine()
        {
            var text = File.ReadAllText(Legacy("run1-gaps.json"));
            int at = text.IndexOf("\"QID\"", text.IndexOf("\"QID\"") + 1);
            string path = Keep(Write(".json", text.Substring(0, at) + "QID: 5," + text.Substring(at)));
            var error = Assert.Throws<QualysReportException>(() => Baseline.Read(path));
            Assert.Equal(ErrorIds.BaselineUnreadable, error.ErrorId);
            Assert.Equal(text.Substring(0, at).Count(c => c == '\n') + 1, error.LineNumber);
        }

        [Fact]
        public void ACutOffJsonIsUnreadable()
        {
            var text = File.ReadAllText(Legacy("run1-gaps.json"));
            string path = Keep(Write(".json", text.Substring(0, text.Length / 2)));
            Assert.Equal(ErrorIds.BaselineUnreadable, Assert.Throws<QualysReportException>(() => Baseline.Read(path)).ErrorId);
        }

        [Theory]
        [InlineData("scan")]
        [InlineData("summary")]
        [InlineData("html")]
        [InlineData("object")]
        [InlineData("array")]
        [InlineData("empty")]
        public void AFileThatIsNotAGapExportIsRefused(string kind)
        {
            string path = kind switch
            {
                "scan" => Input(1, "appliance-scan.csv"),
                "summary" => Keep(SummaryExport()),
                "html" => Keep(HtmlExport()),
                "object" => Keep(Write(".json", "{\"HostName\": \"a\", \"QID\": 1}")),
                "array" => Keep(Write(".json", "[{\"name\": \"a\", \"value\": 1}]")),
                _ => Keep(Write(".csv", string.Empty)),
            };
            var error = Assert.Throws<QualysReportException>(() => Baseline.Read(path));
            Assert.Equal(ErrorIds.BaselineNotExport, error.ErrorId);
            Assert.Contains(path, error.Message);
        }

        [Fact]
        public void ABaselineNewerThanTheDataStopsTheComparisonBeforeAnyRow()
        {
            string path = Keep(ExportGaps(Compare(2), ".csv"));
            var comparer = NewComparer(1, new RecordedOutput());
            comparer.History = new GapHistory(Baseline.Read(path));
            var error = Assert.Throws<QualysReportException>(() => comparer.Compare());
            Assert.Equal(ErrorIds.BaselineNewerThanData, error.ErrorId);
            Assert.Contains(path, error.Message);
        }

        [Fact]
        public void ABaselineOfAnotherEstateIsWarnedAbout()
        {
            var elsewhere = new[] { Sample("other.example.org", "other.example.org", "OTHER", GapChange.None, GapAction.None, accepted: false) };
            elsewhere[0].ScannerIP = elsewhere[0].AgentIP = "172.31.0.9";
            elsewhere[0].AgentHostId = "999";
            var output = new RecordedOutput();
            var rows = Compare(1, Keep(ExportGaps(elsewhere, ".csv")), output);
            Assert.Contains(output.Warnings, w => w.Contains("no machine of the baseline"));
            Assert.Single(rows, r => r.Change == GapChange.Closed);
            Assert.All(rows.Where(r => r.Presence != Presence.Both && r.Change != GapChange.Closed), r => Assert.Equal(GapChange.New, r.Change));
        }

        [Fact]
        public void AnUndatedBaselineIsWarnedAboutAndAgesStartNow()
        {
            var undated = Compare(1).Where(r => r.Presence != Presence.Both).ToList();
            foreach (var row in undated) row.DataDate = row.ScannerLastScanned = row.AgentLastAssessed = row.FirstSeen = null;
            var output = new RecordedOutput();
            var rows = Compare(2, Keep(ExportGaps(undated, ".json")), output);
            Assert.Single(output.Warnings, w => w.Contains("FirstSeen of its gaps starts with this run's data"));
            Assert.All(rows.Where(r => r.Change == GapChange.Persisting), r => Assert.Equal((Run2Date, 0), (r.FirstSeen!.Value, r.DaysOpen!.Value)));
        }

        [Fact]
        public void ClosedAndBothRowsOfABaselineAreNotItsGaps()
        {
            var rows = new[]
            {
                Sample("a.corp.example.com", "a.corp.example.com", "A", GapChange.Closed, GapAction.None, accepted: false),
                Sample("a.corp.example.com", "a.corp.example.com", "A", GapChange.None, GapAction.None, accepted: false),
            };
            rows[1].Presence = Presence.Both;
            var path = Keep(Path.Combine(Path.GetTempPath(), "qc-baseline-" + Guid.NewGuid().ToString("N") + ".csv"));
            CoverageGapExport.Write(path, rows, Array.Empty<VantageSummary>(), new CoverageGapExportOptions { IncludeBoth = true });
            Assert.Equal(0, Baseline.Read(path).GapCount);
        }

        private string Keep(string path)
        {
            _files.Add(path);
            return path;
        }

        private static string Write(string extension, string text)
        {
            string path = Path.Combine(Path.GetTempPath(), "qc-baseline-" + Guid.NewGuid().ToString("N") + extension);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        private static string SummaryExport()
        {
            string path = Path.Combine(Path.GetTempPath(), "qc-baseline-" + Guid.NewGuid().ToString("N") + ".csv");
            CoverageGapExport.WriteSummaries(path, VantageSummarizer.Summarize(Compare(1)), new CoverageGapExportOptions());
            return path;
        }

        private static string HtmlExport()
        {
            var rows = Compare(1);
            string path = Path.Combine(Path.GetTempPath(), "qc-baseline-" + Guid.NewGuid().ToString("N") + ".html");
            CoverageGapExport.Write(path, rows, VantageSummarizer.Summarize(rows), new CoverageGapExportOptions { GeneratedUtc = Run1Date });
            return path;
        }

        private static VantageComparison Sample(string hostName, string dnsName, string? netBios, GapChange change, GapAction action, bool accepted) => new VantageComparison
        {
            HostName = hostName,
            DnsName = dnsName,
            NetBiosName = netBios,
            OperatingSystem = "Windows \"Server\", 2019\r\nline two",
            ScannerIP = "10.0.0.1",
            AgentIP = "fe80::1",
            AgentHostId = "118402117",
            MatchedBy = MatchMethod.Fqdn,
            MatchConfidence = MatchConfidence.High,
            HostCoverage = Presence.Both,
            QID = 90044,
            Title = "Title, with comma",
            Type = FindingType.Potential,
            Severity = 4,
            Presence = Presence.AgentOnly,
            Change = change,
            FirstSeen = new DateTime(2026, 10, 1, 0, 0, 1, DateTimeKind.Utc),
            DaysOpen = 50,
            Reason = GapReason.ScanNotAuthenticated,
            Action = action,
            Owner = action.Owner(),
            PreviousAction = change == GapChange.Persisting ? GapAction.InvestigateDetection : (GapAction?)null,
            BecameActionable = change == GapChange.Persisting,
            Accepted = accepted,
            AcceptedUntil = accepted ? new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc) : (DateTime?)null,
            AcceptedJustification = accepted ? "-approved" : null,
            ReasonDetail = "detail",
            ReasonSource = ReasonSource.KnowledgeBase,
            ScannerAuthentication = ScannerAuthentication.Failed,
            ScannerType = null,
            AgentType = FindingType.Potential,
            ScannerPorts = null,
            AgentStatus = DetectionStatus.Active,
            AgentLastDetected = new DateTime(2026, 11, 19, 23, 41, 5, DateTimeKind.Utc),
            AgentLastFixed = null,
            ScannerLastScanned = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc),
            AgentLastAssessed = new DateTime(2026, 11, 19, 23, 41, 5, DateTimeKind.Utc),
            CveIds = "CVE-2026-0001, CVE-2026-0002",
            Category = "Windows",
            Tags = "Servers; Corp",
            Qds = 70,
            QdsSeverity = "HIGH",
            DataDate = new DateTime(2026, 11, 20, 5, 46, 2, DateTimeKind.Utc),
            BaselineDate = new DateTime(2026, 11, 13, 5, 46, 2, DateTimeKind.Utc),
            InputProblems = "+problem",
        };
    }
}
