using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// From a scanner file's header date to the reason of an agent-fixed row: a Scan Results CSV
    /// and the db01 agent, which reports QID 91762 Fixed on 2019-03-31, the day after the scan.
    /// The scan's date decides whether that is news from after the scan; a date the reader
    /// cannot read must neither hide the fix nor turn it into a miss.
    /// </summary>
    public sealed class ScanDateTests
    {
        private static readonly DateTime Launched = new DateTime(2019, 3, 30, 10, 17, 41, DateTimeKind.Utc);
        private static readonly DateTime Now = new DateTime(2019, 4, 5, 0, 0, 0, DateTimeKind.Utc);

        private static string ScanResults(string name) => Path.Combine(Fixtures.Root, "scan-results", name);

        private sealed class Outcome
        {
            public List<VantageComparison> Rows = new List<VantageComparison>();
            public List<string> ImportWarnings = new List<string>();

            public VantageComparison Row(int qid) => Rows.Single(r => r.HostName == "db01.corp.example.com" && r.QID == qid);
        }

        private static Outcome Compare(byte[] scanner, string scannerName = "scan.csv")
        {
            var outcome = new Outcome();
            var findings = new List<QualysFinding>();
            var options = new ImportOptions { Output = new RecordedOutput(outcome.ImportWarnings) };
            using (var import = ReportImport.Open(new MemoryStream(scanner, writable: false), scannerName, options))
                findings.AddRange(import.ReadFindings());
            using (var import = ReportImport.Open(ScanResults("agent-detections-db01.xml"), options))
                findings.AddRange(import.ReadFindings());

            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, Output = new RecordedOutput() });
            comparer.AddRange(findings);
            outcome.Rows = comparer.Compare().ToList();
            return outcome;
        }

        [Fact]
        public void LaunchDateWrittenWithAtDatesTheAgentsFixAfterTheScan()
        {
            var file = ScanResults("scan-results-launch-date-at.csv");
            Assert.Contains("\"03/30/2019 at 10:17:41\"", File.ReadAllText(file));

            var outcome = Compare(File.ReadAllBytes(file), file);
            var fixedRow = outcome.Row(91762);

            Assert.Equal(Presence.ScannerOnly, fixedRow.Presence);
            Assert.Equal(DetectionStatus.Fixed, fixedRow.AgentStatus);
            Assert.Equal(Launched, fixedRow.ScannerLastScanned);
            Assert.Equal(GapReason.AgentFixedSinceScan, fixedRow.Reason);
            Assert.Equal("The agent reports QID 91762 Fixed as of 2019-03-31, after the scan of 2019-03-30: the scan predates the fix, and the next scan should confirm it.", fixedRow.ReasonDetail);
            Assert.Equal(Presence.Both, outcome.Row(90043).Presence);
            Assert.Empty(outcome.ImportWarnings);
        }

        public static TheoryData<string> LaunchDates() => new TheoryData<string>
        {
            "03/30/2019 10:17:41",
            "03/30/2019 at 10:17:41",
            "03/30/2019 at 10:17:41 (GMT+0000)",
            "03/30/2019 10:17:41 (GMT+0000)",
            "03/30/2019 at 05:17:41 (GMT-0500)",
            "03/30/2019 15:47:41 (GMT+05:30)",
            "03/30/2019 05:17:41 GMT-0500",
        };

        [Theory]
        [MemberData(nameof(LaunchDates))]
        public void EveryFormOfTheLaunchDateGivesTheSameScanDate(string launchDate)
        {
            var text = File.ReadAllText(ScanResults("scan-results-credentialed.csv"), Encoding.UTF8).Replace("\"03/30/2019 10:17:41\"", "\"" + launchDate + "\"");

            var outcome = Compare(Hostile.Utf8(text));

            Assert.Equal(Launched, outcome.Row(91762).ScannerLastScanned);
            Assert.Equal(GapReason.AgentFixedSinceScan, outcome.Row(91762).Reason);
            Assert.Empty(outcome.ImportWarnings);
        }

        [Theory]
        [InlineData("\"03/30/2019 10:17:41\"", "\"N/A\"", "its Launch Date \"N/A\" is not a date")]
        [InlineData("\"Launch Date\"", "\"Scan Start\"", "the file has no \"Launch Date\" block")]
        public void UnreadableScanDateWarnsOnceAndTheAgentsFixIsReportedNotMissed(string original, string replacement, string why)
        {
            var text = File.ReadAllText(ScanResults("scan-results-credentialed.csv"), Encoding.UTF8).Replace(original, replacement);

            var outcome = Compare(Hostile.Utf8(text));
            var fixedRow = outcome.Row(91762);

            Assert.Null(fixedRow.ScannerLastScanned);
            Assert.Equal(GapReason.AgentReportsFixed, fixedRow.Reason);
            Assert.Equal("The agent reports QID 91762 Fixed as of 2019-03-31, but the date of the scan that found it is unknown, so whether the fix came after the scan cannot be told; the next scan should confirm it.", fixedRow.ReasonDetail);
            var warning = Assert.Single(outcome.ImportWarnings);
            Assert.StartsWith($"scan.csv: the date of the scan cannot be read ({why}), so its hosts have no scan date", warning);
        }

        /// <summary>As the JSON fixture writes it, with its slashes escaped.</summary>
        private const string JsonLaunchDate = "\"launch_date\": \"03\\/30\\/2019 10:17:41\"";

        [Fact]
        public void ScanResultsJsonWithAnUnreadableLaunchDateWarnsOnce()
        {
            var json = File.ReadAllText(ScanResults("scan-results-credentialed.json"), Encoding.UTF8);
            Assert.Contains(JsonLaunchDate, json);

            var outcome = Compare(Hostile.Utf8(json.Replace(JsonLaunchDate, "\"launch_date\": \"yesterday\"")), "scan.json");

            Assert.Equal(GapReason.AgentReportsFixed, outcome.Row(91762).Reason);
            var warning = Assert.Single(outcome.ImportWarnings);
            Assert.StartsWith("scan.json: the date of the scan cannot be read (its launch_date \"yesterday\" is not a date)", warning);
        }

        [Fact]
        public void ScanResultsJsonWithTheAtFormDatesTheScan()
        {
            var json = File.ReadAllText(ScanResults("scan-results-credentialed.json"), Encoding.UTF8)
                .Replace(JsonLaunchDate, "\"launch_date\": \"03/30/2019 at 10:17:41 (GMT+0000)\"");

            var outcome = Compare(Hostile.Utf8(json), "scan.json");

            Assert.Equal(GapReason.AgentFixedSinceScan, outcome.Row(91762).Reason);
            Assert.Empty(outcome.ImportWarnings);
        }

        [Theory]
        [InlineData("<KEY value=\"DATE\">2019-04-02T10:14:53Z</KEY>", "<KEY value=\"DATE\">04/02/2019 at 10:14:53 (GMT+0000)</KEY>", null)]
        [InlineData("<KEY value=\"DATE\">2019-04-02T10:14:53Z</KEY>", "<KEY value=\"DATE\">soon</KEY>", "its HEADER's DATE \"soon\" is not a date")]
        [InlineData("<KEY value=\"DATE\">2019-04-02T10:14:53Z</KEY>", "", "there is no HEADER/KEY value=\"DATE\"")]
        public void ScanXmlDateIsReadInEveryFormOrWarnedAboutOnce(string original, string replacement, string? why)
        {
            var xml = File.ReadAllText(Fixtures.Sample("b-defectdojo-qualys_infrascan_webgui_multiple.xml"), Encoding.UTF8);
            Assert.Contains(original, xml);
            var warnings = new List<string>();

            List<QualysFinding> findings;
            using (var import = ReportImport.Open(new MemoryStream(Hostile.Utf8(xml.Replace(original, replacement))), "scan.xml",
                new ImportOptions { Output = new RecordedOutput(warnings) }))
                findings = import.ReadFindings().ToList();

            Assert.True(findings.Count > 1);
            if (why == null)
            {
                Assert.All(findings, f => Assert.Equal(new DateTime(2019, 4, 2, 10, 14, 53, DateTimeKind.Utc), f.HostLastAssessed));
                Assert.Empty(warnings);
            }
            else
            {
                Assert.All(findings, f => Assert.Null(f.HostLastAssessed));
                Assert.StartsWith($"scan.xml: the date of the scan cannot be read ({why})", Assert.Single(warnings));
            }
        }
    }
}
