using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Import
{
    /// <summary>
    /// Reading both sides at once must give the rows, reasons and warnings that reading them one
    /// after the other gives, with Results skipped for the findings no explainer reads, and must
    /// stop as promptly when cancelled.
    /// </summary>
    public sealed class FileImporterTests
    {
        private static readonly DateTime Now = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        public static TheoryData<string[], string[]> Pairs() => new TheoryData<string[], string[]>
        {
            { new[] { Fixtures.Scenario("demo", "appliance-scan.csv") }, new[] { Fixtures.Scenario("demo", "agent-detections.xml") } },
            { new[] { Fixtures.Scenario("traps", "scanner-scan.csv") }, new[] { Fixtures.Scenario("traps", "agent-detections.xml") } },
            {
                new[] { Hostile.ScanResultsCsvPath, Fixtures.Scenario("demo", "appliance-scan.csv") },
                new[] { Hostile.HostFindingsCsvPath, Hostile.HostDetectionPath, Fixtures.Scenario("traps", "agent-detections.xml") }
            },
        };

        [Theory]
        [MemberData(nameof(Pairs))]
        public void BothSidesAtOnceSayAndGiveWhatOneFileAtATimeDoes(string[] scannerFiles, string[] agentFiles)
        {
            var (sequential, sequentialOutput) = Sequential(scannerFiles, agentFiles);
            var (parallel, parallelOutput, sides) = AtOnce(scannerFiles, agentFiles, CancellationToken.None);

            Assert.NotEmpty(sequential);
            Assert.Equal(Csv(sequential), Csv(parallel));
            Assert.Equal(WithoutTimes(sequentialOutput.Said), WithoutTimes(parallelOutput.Said));
            Assert.Equal(scannerFiles, sides.Scanner.FilesRead);
            Assert.Equal(agentFiles, sides.Agent.FilesRead);
            Assert.Empty(sides.Scanner.Failures);
            Assert.Empty(sides.Agent.Failures);
            Assert.Equal(0, sides.Scanner.AgentFindings);
            Assert.Equal(0, sides.Agent.ScannerFindings);
            Assert.Equal(parallelOutput.Verbose.Count(v => v.Contains(": detected ")), scannerFiles.Length + agentFiles.Length);
        }

        [Fact]
        public void EachFileIsNamedWhenOpenedAndWhenRead()
        {
            var scan = Fixtures.Scenario("demo", "appliance-scan.csv");
            var output = new RecordedOutput();
            var side = new FileImporter(output).Import(new[] { scan }, new ImportOptions { Vantage = VantageSelection.Scanner }, _ => { });

            Assert.Equal(new[] { scan }, side.FilesRead);
            Assert.Equal(2, output.Verbose.Count);
            Assert.Equal($"{scan}: detected ScanResultsCsv (UTF-8).", output.Verbose[0]);
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(scan)}: ScanResultsCsv, vantage Scanner, \d+ hosts, {side.Findings} findings in \d+\.\d\d s\.$", output.Verbose[1]);
            Assert.True(side.Findings > 0);
            Assert.Equal(side.Findings, side.ScannerFindings);
        }

        [Fact]
        public void AFileThatFailsIsReportedAndTheOthersStillCount()
        {
            using var folder = new HostileFolder();
            var cut = folder.Write("cut.xml", File.ReadAllText(Fixtures.Scenario("traps", "agent-detections.xml"), Encoding.UTF8).Substring(0, 2000));
            var scanner = new[] { Fixtures.Scenario("traps", "scanner-scan.csv") };
            var agent = new[] { cut, Fixtures.Scenario("demo", "agent-detections.xml") };

            var (expected, _) = Sequential(scanner, new[] { Fixtures.Scenario("demo", "agent-detections.xml") });
            var (rows, output, sides) = AtOnce(scanner, agent, CancellationToken.None);

            var (error, target) = Assert.Single(output.Errors);
            Assert.Equal(cut, target);
            Assert.Equal(ErrorIds.Truncated, Assert.IsType<QualysReportException>(error).ErrorId);
            Assert.Equal(new[] { cut }, sides.Agent.Failures.Select(f => f.Path));
            Assert.Equal(new[] { Fixtures.Scenario("demo", "agent-detections.xml") }, sides.Agent.FilesRead);
            // The cut file gave its first hosts before it failed, as a one-at-a-time import keeps them.
            Assert.True(rows.Count >= expected.Count);
        }

        [Fact]
        public void OneFileAtATimeAFailedFileIsReportedAndTheNextIsRead()
        {
            using var folder = new HostileFolder();
            var broken = folder.Write("broken.csv", "not,a,report\r\n1,2,3\r\n");
            var scan = Fixtures.Scenario("demo", "appliance-scan.csv");
            var output = new RecordedOutput();
            var findings = new List<QualysFinding>();

            var side = new FileImporter(output).Import(new[] { broken, scan }, new ImportOptions(), findings.Add);

            Assert.Equal(broken, Assert.Single(output.Errors).Target);
            Assert.Equal(new[] { broken }, side.Failures.Select(f => f.Path));
            Assert.Equal(new[] { scan }, side.FilesRead);
            Assert.Equal(Fixtures.Import(scan).Count, findings.Count);
        }

        /// <summary>The cancel comes from inside the import, at a fixed count of findings, so the
        /// claim (both sides stop within a few buffers, long before the end) holds on any machine.</summary>
        [Fact]
        public void CancellingStopsBothSidesLongBeforeTheirEnd()
        {
            using var folder = new HostileFolder();
            var scan = folder.Generate("scan.csv", stream => HugeScan.Write(stream, 60L * 1024 * 1024));
            var agent = folder.Generate("agent.xml", stream => HugeScan.Write(stream, 60L * 1024 * 1024, xml: true));
            var comparer = new VantageComparer();
            using var cancel = new CancellationTokenSource();
            long seen = 0, afterCancel = 0;
            void Take(QualysFinding finding)
            {
                comparer.Add(finding);
                if (Interlocked.Increment(ref seen) == 20_000) cancel.Cancel();
                else if (cancel.IsCancellationRequested) Interlocked.Increment(ref afterCancel);
            }

            var output = new RecordedOutput();
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new FileImporter(output).ImportSides(new[] { scan }, new[] { agent }, new ImportOptions { CancellationToken = cancel.Token }, Take));

            long whole = Fixtures.Import(scan).Count;
            // Each reader looks at the token every 256 findings; one side may be inside a host block.
            Assert.True(Interlocked.Read(ref afterCancel) < 10_000, $"{afterCancel} findings were read after the cancel");
            Assert.True(seen < whole, $"{seen} findings read of the scan's {whole} alone");
            Assert.Empty(output.Errors);
        }

        [Fact]
        public void ResultsAreKeptOnlyForTheQidsTheExplainerReads()
        {
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = new GapExplainer(new ExplanationOptions { Now = Now }) });
            var options = new ImportOptions { Vantage = VantageSelection.Scanner, NeedsResults = comparer.NeedsResults };
            var scan = Fixtures.Scenario("demo", "appliance-scan.csv");
            var lean = Fixtures.Import(scan, options);
            var full = Fixtures.Import(scan, new ImportOptions { Vantage = VantageSelection.Scanner });

            Assert.Equal(full.Count, lean.Count);
            Assert.Contains(lean, f => f.QID == ScannerAuthenticationAnalyzer.WindowsAuthenticationMethodQid && f.Results != null);
            for (int i = 0; i < full.Count; i++)
            {
                bool read = full[i].QID == ScannerAuthenticationAnalyzer.WindowsAuthenticationMethodQid
                    || (full[i].Title ?? string.Empty).StartsWith("Windows Authentication Method", StringComparison.OrdinalIgnoreCase);
                Assert.Equal(read ? full[i].Results : null, lean[i].Results);
                Assert.Equal(full[i].Title, lean[i].Title);
                Assert.Equal(full[i].LastDetected, lean[i].LastDetected);
            }
        }

        /// <summary>Both sides through <see cref="FileImporter.Import"/>, one file after another.</summary>
        private static (List<VantageComparison> Rows, RecordedOutput Output) Sequential(string[] scannerFiles, string[] agentFiles)
        {
            var output = new RecordedOutput();
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, Output = output });
            var importer = new FileImporter(output);
            importer.Import(scannerFiles, new ImportOptions { Vantage = VantageSelection.Scanner, NeedsResults = comparer.NeedsResults }, comparer.Add);
            importer.Import(agentFiles, new ImportOptions { Vantage = VantageSelection.Agent, NeedsResults = comparer.NeedsResults }, comparer.Add);
            var rows = comparer.Compare().ToList();
            foreach (var warning in explainer.Warnings()) output.WriteWarning(warning);
            return (rows, output);
        }

        private static (List<VantageComparison> Rows, RecordedOutput Output, ImportedSides Sides) AtOnce(string[] scannerFiles, string[] agentFiles, CancellationToken cancel)
        {
            var output = new RecordedOutput();
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, Output = output });
            var sides = new FileImporter(output).ImportSides(scannerFiles, agentFiles, new ImportOptions { CancellationToken = cancel, NeedsResults = comparer.NeedsResults }, comparer.Add);
            var rows = comparer.Compare().ToList();
            foreach (var warning in explainer.Warnings()) output.WriteWarning(warning);
            return (rows, output, sides);
        }

        private static IEnumerable<string> WithoutTimes(IEnumerable<string> said) =>
            said.Select(line => System.Text.RegularExpressions.Regex.Replace(line, @" in \d+\.\d\d s\.$", " in (time)."));

        private static string Csv(IEnumerable<VantageComparison> rows)
        {
            using var stream = new MemoryStream();
            GapCsvWriter.Write(stream, rows, sanitize: false);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
