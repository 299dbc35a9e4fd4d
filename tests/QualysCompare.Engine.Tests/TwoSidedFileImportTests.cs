using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// Reading both sides at once must give the rows, reasons and warnings that reading them one
    /// after the other gives, with Results skipped for the findings no explainer reads, and must
    /// stop as promptly when cancelled.
    /// </summary>
    public sealed class TwoSidedFileImportTests
    {
        private static readonly DateTime Now = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public TwoSidedFileImportTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

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
        public void BothSidesAtOnceGiveTheRowsOfOneFileAtATime(string[] scannerFiles, string[] agentFiles)
        {
            var (sequential, sequentialWarnings) = Sequential(scannerFiles, agentFiles);
            var (parallel, parallelWarnings) = AtOnce(scannerFiles, agentFiles, CancellationToken.None, out var events);

            Assert.NotEmpty(sequential);
            Assert.Equal(Csv(sequential), Csv(parallel));
            Assert.Equal(sequentialWarnings, parallelWarnings);
            Assert.Equal(scannerFiles.Length + agentFiles.Length, events.Count(e => e.Kind == FileImportEventKind.Completed));
            Assert.DoesNotContain(events, e => e.Kind == FileImportEventKind.Failed);
        }

        [Fact]
        public void AFileThatFailsIsReportedAndTheOthersStillCount()
        {
            using var folder = new HostileFolder();
            var cut = folder.Write("cut.xml", File.ReadAllText(Fixtures.Scenario("traps", "agent-detections.xml"), Encoding.UTF8).Substring(0, 2000));
            var scanner = new[] { Fixtures.Scenario("traps", "scanner-scan.csv") };

            var (expected, _) = Sequential(scanner, new[] { Fixtures.Scenario("demo", "agent-detections.xml") });
            var (rows, _) = AtOnce(scanner, new[] { cut, Fixtures.Scenario("demo", "agent-detections.xml") }, CancellationToken.None, out var events);

            var failed = Assert.Single(events, e => e.Kind == FileImportEventKind.Failed);
            Assert.Equal(cut, failed.Path);
            Assert.Equal(Vantage.Agent, failed.Side);
            Assert.Equal(ErrorIds.Truncated, Assert.IsType<QualysReportException>(failed.Error).ErrorId);
            // The cut file gave its first hosts before it failed, as a one-at-a-time import keeps them.
            Assert.True(rows.Count >= expected.Count);
        }

        /// <summary>
        /// The cancel comes from inside one side's import thread, at its 5,000th finding (through
        /// an observer the comparer hands that side's findings to), so where it lands is counted
        /// in findings and not left to the scheduler: that side must hand out no more than a few
        /// hundred findings after it, so it never reaches the end of its file. Each
        /// side is the cancelled one in one case, so each side's promptness is checked exactly;
        /// the other side runs freely and is checked to end cancelled (or to have finished first),
        /// never with another error. No clock is read: the two-minute wait only stops a hang.
        /// </summary>
        [Theory]
        [InlineData(Vantage.Scanner)]
        [InlineData(Vantage.Agent)]
        public void CancellingStopsBothSidesWithinAFewHundredFindings(Vantage cancelledFrom)
        {
            const long CancelAt = 5000;
            // The readers look at the token every 256 findings and before every buffer they fill.
            const long StopsWithinFindings = 1024;
            using var folder = new HostileFolder();
            HugeScan? scanRows = null, agentRows = null;
            var scan = folder.Generate("scan.csv", stream => scanRows = HugeScan.Write(stream, 20L * 1024 * 1024));
            var agent = folder.Generate("agent.xml", stream => agentRows = HugeScan.Write(stream, 20L * 1024 * 1024, xml: true));
            using var cancel = new CancellationTokenSource();
            var observer = new CancelAtFinding(cancelledFrom, CancelAt, cancel);
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = observer });
            var import = new TwoSidedFileImport(comparer, new[] { scan }, new[] { agent });

            import.Start(cancel.Token);
            var thrown = Assert.ThrowsAny<AggregateException>(() => import.Completion.Wait(TimeSpan.FromMinutes(2)));

            long observedRows = cancelledFrom == Vantage.Agent ? agentRows!.Rows : scanRows!.Rows;
            long after = observer.Seen - CancelAt;
            _output.WriteLine($"cancelled from the {cancelledFrom} side at its finding {CancelAt}: it handed out {after} more; scanner {import.ScannerFindingCount} of {scanRows!.Rows}, agent {import.AgentFindingCount} of {agentRows!.Rows} findings counted");
            Assert.True(observer.Seen >= CancelAt, $"the {cancelledFrom} side stopped after {observer.Seen} findings, before the cancel");
            Assert.True(after <= StopsWithinFindings, $"the {cancelledFrom} side handed out {after} findings after the cancel");
            Assert.True(observer.Seen < observedRows);
            Assert.NotEmpty(thrown.InnerExceptions);
            Assert.All(thrown.InnerExceptions, e => Assert.IsAssignableFrom<OperationCanceledException>(e));
            Assert.True(import.IsDone(Vantage.Scanner) && import.IsDone(Vantage.Agent));
            Assert.True(import.ScannerFindingCount <= scanRows!.Rows && import.AgentFindingCount <= agentRows!.Rows);
            // A side that was cancelled counts none of its file as read.
            Assert.True(import.BytesRead < import.TotalBytes);
        }

        /// <summary>Cancels the import from inside it, at the n-th finding of one side.</summary>
        private sealed class CancelAtFinding : IGapExplainer, IFindingObserver
        {
            private readonly long _at;
            private readonly CancellationTokenSource _cancel;

            public CancelAtFinding(Vantage side, long at, CancellationTokenSource cancel)
            {
                ObservedVantage = side;
                _at = at;
                _cancel = cancel;
            }

            public Vantage ObservedVantage { get; }

            /// <summary>Findings of the observed side handed to the comparer.</summary>
            public long Seen { get; private set; }

            public IEnumerable<int> WatchedQids => Array.Empty<int>();

            public void Observe(QualysFinding finding)
            {
                if (++Seen == _at) _cancel.Cancel();
            }

            public void Explain(VantageComparison row, HostPair pair)
            {
            }
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

        private static (List<VantageComparison> Rows, List<string> Warnings) Sequential(string[] scannerFiles, string[] agentFiles)
        {
            var warnings = new List<string>();
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            foreach (var (files, side) in new[] { (scannerFiles, VantageSelection.Scanner), (agentFiles, VantageSelection.Agent) })
            {
                foreach (var file in files)
                {
                    var options = new ImportOptions { Vantage = side, Warning = warnings.Add };
                    try
                    {
                        foreach (var finding in Fixtures.Import(file, options)) comparer.Add(finding);
                    }
                    catch (QualysReportException)
                    {
                    }
                }
            }
            var rows = comparer.Compare().ToList();
            warnings.AddRange(explainer.Warnings());
            return (rows, warnings);
        }

        private static (List<VantageComparison> Rows, List<string> Warnings) AtOnce(string[] scannerFiles, string[] agentFiles, CancellationToken cancel, out List<FileImportEvent> events)
        {
            var explainer = new GapExplainer(new ExplanationOptions { Now = Now });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            var import = new TwoSidedFileImport(comparer, scannerFiles, agentFiles);
            import.Start(cancel);
            import.Completion.Wait();
            events = new List<FileImportEvent>();
            foreach (var side in new[] { Vantage.Scanner, Vantage.Agent })
            {
                while (import.TryTake(side, out var item)) events.Add(item);
            }
            Assert.Equal(import.TotalBytes, import.BytesRead);
            var rows = comparer.Compare().ToList();
            var warnings = events.Where(e => e.Kind == FileImportEventKind.Warning).Select(e => e.Message!).ToList();
            warnings.AddRange(explainer.Warnings());
            return (rows, warnings);
        }

        private static string Csv(IEnumerable<VantageComparison> rows)
        {
            using var stream = new MemoryStream();
            GapCsvWriter.Write(stream, rows, sanitize: false);
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
