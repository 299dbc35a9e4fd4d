using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Writers;
using Xunit;
using Xunit.Abstractions;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>Runs alone, after the parallel tests: the files are large, and the forced full
    /// collections of the memory tests would stall every other test while they run.</summary>
    [CollectionDefinition(nameof(ResourceBounds), DisableParallelization = true)]
    public sealed class ResourceBounds : ICollectionFixture<HugeScanFiles>
    {
    }

    /// <summary>The generated scans the resource tests share, as Scan Results CSV and as Host
    /// List Detection XML: one pass over the estate (about 20 MB), and ten passes (about 200 MB).
    /// Deleted when the tests end.</summary>
    public sealed class HugeScanFiles : IDisposable
    {
        private readonly HostileFolder _folder = new HostileFolder();
        private readonly System.Collections.Generic.Dictionary<string, (string Path, HugeScan Scan)> _files =
            new System.Collections.Generic.Dictionary<string, (string, HugeScan)>();

        public HugeScanFiles()
        {
            foreach (var format in new[] { "csv", "xml" })
            {
                foreach (var (name, bytes) in new[] { ("one-pass", 1L), ("ten-passes", 200L * 1024 * 1024) })
                {
                    HugeScan? scan = null;
                    var path = _folder.Generate($"{name}.{format}", stream => scan = HugeScan.Write(stream, bytes, xml: format == "xml"));
                    _files[$"{name}.{format}"] = (path, scan!);
                }
            }
        }

        internal (string Path, HugeScan Scan) Small(string format) => _files["one-pass." + format];

        internal (string Path, HugeScan Scan) Large(string format) => _files["ten-passes." + format];

        public void Dispose() => _folder.Dispose();
    }

    /// <summary>
    /// What the comparer keeps follows the distinct (host, QID) pairs, not the text read; a
    /// cancelled import or export stops within a few hundred findings (rows) of the cancel and
    /// leaves no output file. Every run imports 200 MB and 2 GB of each format.
    ///
    /// Nothing here reads a clock or the process's memory: other tests, other processes and the
    /// GC's own budget move those. What is retained is checked through weak references to a
    /// sample of the findings fed in (each must be collected once the comparer has folded it,
    /// while the comparer itself is alive) and through the comparer's own counts; how much of the
    /// text is held is checked through how far the file has been read when a finding comes out.
    /// </summary>
    [Collection(nameof(ResourceBounds))]
    public sealed class ResourceBoundTests
    {
        private const long MB = 1024 * 1024;

        /// <summary>Every this many findings one is sampled (a prime, so the sample walks across
        /// hosts and QIDs rather than repeating one).</summary>
        private const int SampleEvery = 1009;

        /// <summary>The findings just handed out may still be referenced from the reader's own
        /// state (a host's detections, a buffer of parsed rows); older ones must be gone.</summary>
        private const int RecentWindow = 4096;

        /// <summary>How far the reader may have read ahead of the finding it hands out: its
        /// buffers and the 64 KB format sniff, many times over. A reader that took in the whole
        /// file (or any fixed share of it) before its first finding is far past it.</summary>
        private const long ReadAheadBound = 4 * MB;

        /// <summary>A guard against a hang, not a measure of speed.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private const string GarbageCollectorMeasurement = "forces full collections and checks that weak references to what was read have died; Mono's SGen "
            + "scans stacks conservatively and is not the .NET Framework's collector, so a result there says nothing about Windows PowerShell 5.1";

        private readonly HugeScanFiles _files;
        private readonly ITestOutputHelper _output;

        public ResourceBoundTests(HugeScanFiles files, ITestOutputHelper output)
        {
            _files = files;
            _output = output;
        }

        /// <summary>What one import into a fresh comparer left behind, counted rather than weighed.</summary>
        private sealed class Imported
        {
            public long Findings;
            public long TotalBytes;
            public long BytesReadAtFirstFinding;
            public long MostReadAhead;
            public int ScannerHosts;
            public int AgentHosts;
            public int Cells;
            public int Rows;
            public int Sampled;
            public int SampledAliveMidway;
            public int SampledCheckedMidway;
            public int SampledAliveAfter;
            public readonly List<WeakReference> SampledFindings = new List<WeakReference>();
            public readonly List<WeakReference> SampledResults = new List<WeakReference>();
            public readonly List<long> SampleIndex = new List<long>();
        }

        /// <summary>
        /// Imports a file into a comparer. Every <see cref="SampleEvery"/>th finding is watched
        /// through a weak reference to it and to its Results text (unique per row: the pass and
        /// row number). Half-way through, and again once the import is done and the comparer is
        /// still held, a full blocking collection must have collected every watched object that
        /// is not among the most recent <see cref="RecentWindow"/>: what the comparer keeps of a
        /// finding is its folded cell, never the finding or its text.
        /// </summary>
        private Imported Import(string path, long expectedFindings)
        {
            var imported = new Imported();
            // Held through an array slot and filled in methods of their own, so that nothing on
            // this method's stack refers to a finding, even in a Debug build where locals live
            // to the end of a method.
            var held = new VantageComparer?[1];
            ImportInto(held, path, expectedFindings, imported);

            FullCollection();
            imported.SampledAliveAfter = CountAlive(imported);
            Count(held, imported);
            GC.KeepAlive(held[0]);

            _output.WriteLine($"{Path.GetFileName(path)}: {imported.TotalBytes / MB} MB, {imported.Findings} findings; "
                + $"{imported.BytesReadAtFirstFinding / 1024} KB read at the first finding, at most {imported.MostReadAhead / 1024} KB ahead at a sample; "
                + $"{imported.ScannerHosts + imported.AgentHosts} hosts, {imported.Cells} cells, {imported.Rows} rows; "
                + $"{imported.Sampled} findings sampled, {imported.SampledAliveMidway} of {imported.SampledCheckedMidway} alive half-way, {imported.SampledAliveAfter} alive after");
            return imported;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void ImportInto(VantageComparer?[] held, string path, long expectedFindings, Imported imported)
        {
            var comparer = new VantageComparer();
            long findings = 0;
            bool checkedMidway = false;
            using (var import = ReportImport.Open(path))
            {
                imported.TotalBytes = import.TotalBytes;
                // A fixed share of the way through the file: the bytes expected before finding n
                // if the findings were evenly spread, which HugeScan's rows are to within a row.
                double bytesPerFinding = (double)import.TotalBytes / expectedFindings;
                foreach (var finding in import.ReadFindings())
                {
                    comparer.Add(finding);
                    if (findings == 0) imported.BytesReadAtFirstFinding = import.BytesRead;
                    if (findings % SampleEvery == 0)
                    {
                        Assert.NotNull(finding.Results);
                        imported.SampledFindings.Add(new WeakReference(finding));
                        imported.SampledResults.Add(new WeakReference(finding.Results));
                        imported.SampleIndex.Add(findings);
                        imported.Sampled++;
                        long ahead = import.BytesRead - (long)(findings * bytesPerFinding);
                        if (ahead > imported.MostReadAhead) imported.MostReadAhead = ahead;
                    }
                    findings++;
                    if (!checkedMidway && findings >= expectedFindings / 2)
                    {
                        checkedMidway = true;
                        FullCollection();
                        for (int i = 0; i < imported.SampleIndex.Count; i++)
                        {
                            if (imported.SampleIndex[i] > findings - RecentWindow) continue;
                            imported.SampledCheckedMidway++;
                            if (imported.SampledFindings[i].IsAlive || imported.SampledResults[i].IsAlive) imported.SampledAliveMidway++;
                        }
                    }
                }
            }
            imported.Findings = findings;
            held[0] = comparer;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void Count(VantageComparer?[] held, Imported imported)
        {
            var comparer = held[0]!;
            imported.ScannerHosts = comparer.ScannerHostCount;
            imported.AgentHosts = comparer.AgentHostCount;
            imported.Cells = comparer.Pairs.Sum(p => p.ScannerFindings.Count + p.AgentFindings.Count);
            imported.Rows = comparer.Compare().Count();
        }

        private static int CountAlive(Imported imported)
        {
            int alive = 0;
            for (int i = 0; i < imported.SampleIndex.Count; i++)
                if (imported.SampledFindings[i].IsAlive || imported.SampledResults[i].IsAlive) alive++;
            return alive;
        }

        /// <summary>A full, blocking, compacting collection with the finalizers run: whatever is
        /// unreachable is gone after it, however busy the machine or the other threads are.</summary>
        private static void FullCollection()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        /// <summary>The claims both sizes share: every finding read; the comparer holds one host
        /// record per host and one cell per distinct (host, QID), whatever the size of the text;
        /// no finding or Results text it was fed outlives its folding; and the file is streamed.</summary>
        private static void AssertBoundedByTheResult(Imported imported, HugeScan scan, string what)
        {
            Assert.Equal(scan.Rows, imported.Findings);
            Assert.Equal(HugeScan.Hosts, imported.ScannerHosts + imported.AgentHosts);
            Assert.Equal(HugeScan.DistinctHostQid, imported.Cells);
            Assert.Equal(HugeScan.DistinctHostQid, imported.Rows);

            // The sample is large enough to mean something, and the half-way check saw most of it.
            Assert.True(imported.Sampled >= scan.Rows / SampleEvery, $"{what}: only {imported.Sampled} findings sampled");
            Assert.True(imported.SampledCheckedMidway > 0, $"{what}: no sampled finding was old enough to check half-way");
            Assert.True(imported.SampledAliveMidway == 0,
                $"{what}: half-way through, {imported.SampledAliveMidway} of {imported.SampledCheckedMidway} sampled findings (or their Results text) read earlier were still reachable");
            Assert.True(imported.SampledAliveAfter == 0,
                $"{what}: after the import, {imported.SampledAliveAfter} of {imported.Sampled} sampled findings (or their Results text) were still reachable while the comparer was");

            Assert.True(imported.BytesReadAtFirstFinding <= ReadAheadBound,
                $"{what}: {imported.BytesReadAtFirstFinding / 1024} KB of {imported.TotalBytes / MB} MB had been read when the first finding came out");
            Assert.True(imported.MostReadAhead <= ReadAheadBound,
                $"{what}: the reader was {imported.MostReadAhead / 1024} KB ahead of a finding it handed out");
        }

        public static TheoryData<string> Formats() => new TheoryData<string> { "csv", "xml" };

        [Theory]
        [MemberData(nameof(Formats))]
        [ExcludedOnMono(GarbageCollectorMeasurement)]
        public void MemoryFollowsTheDistinctHostQidPairsNotTheText(string format)
        {
            var small = _files.Small(format);
            var large = _files.Large(format);
            Assert.True(large.Scan.Bytes >= 200 * MB);
            Assert.Equal(10 * small.Scan.Rows, large.Scan.Rows);

            var one = Import(small.Path, small.Scan.Rows);
            var ten = Import(large.Path, large.Scan.Rows);

            AssertBoundedByTheResult(one, small.Scan, "one pass");
            AssertBoundedByTheResult(ten, large.Scan, "ten passes");
        }

        /// <summary>The same as the 200 MB test at 2 GB, the size of an enterprise export, generated
        /// into the temporary folder and deleted after: a hundred passes over the same estate keep
        /// what one pass keeps.</summary>
        [Theory]
        [MemberData(nameof(Formats))]
        [ExcludedOnMono(GarbageCollectorMeasurement)]
        public void TwoGigabyteImportKeepsMemoryBounded(string format)
        {
            using var folder = new HostileFolder();
            HugeScan? scan = null;
            var path = folder.Generate("two-gigabytes." + format, stream => scan = HugeScan.Write(stream, 2048 * MB, xml: format == "xml"));
            _output.WriteLine($"generated {scan!.Bytes / MB} MB, {scan.Rows} findings");
            Assert.True(scan.Bytes >= 2048 * MB);

            var huge = Import(path, scan.Rows);

            AssertBoundedByTheResult(huge, scan, "a hundred passes");
        }

        // ---- cancellation ----

        /// <summary>How many findings a reader may still hand out once its token is cancelled: the
        /// readers look at it every 256 findings and before every buffer they fill. A reader that
        /// looked only between files would hand out the rest of this one.</summary>
        private const int StopsWithinFindings = 1024;

        // The cancel is fired from another thread, as Ctrl+C is, at a point counted in findings,
        // and the import waits for that thread to have cancelled before it goes on: how far the
        // reader gets after the cancel is then the reader's doing, not the scheduler's.
        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(50)]
        public void CancellingAnImportStopsItWithinAFewHundredFindings(int atPercentOfFindings)
        {
            var large = _files.Large("csv");
            long cancelAt = large.Scan.Rows * atPercentOfFindings / 100;
            using var cancel = new CancellationTokenSource();
            var options = new ImportOptions { CancellationToken = cancel.Token };
            long findings = 0, bytesAtCancel = 0, bytesAtLast = 0, totalBytes = 0;

            void CancelFromAnotherThread()
            {
                var canceller = new Thread(() => cancel.Cancel()) { IsBackground = true };
                canceller.Start();
                Assert.True(canceller.Join(HangGuard), "the cancelling thread never ran");
            }

            if (cancelAt == 0) CancelFromAnotherThread();
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                var comparer = new VantageComparer();
                using var import = ReportImport.Open(large.Path, options);
                totalBytes = import.TotalBytes;
                foreach (var finding in import.ReadFindings())
                {
                    comparer.Add(finding);
                    bytesAtLast = import.BytesRead;
                    if (++findings == cancelAt)
                    {
                        bytesAtCancel = bytesAtLast;
                        CancelFromAnotherThread();
                    }
                }
            });
            long after = findings - cancelAt;

            _output.WriteLine($"cancelled at {atPercentOfFindings}% ({cancelAt} of {large.Scan.Rows} findings, {bytesAtCancel / 1024} KB of {totalBytes / 1024} KB read); "
                + $"{after} findings and {(bytesAtLast - bytesAtCancel) / 1024} KB after the cancel");
            Assert.True(cancelAt == 0 || bytesAtCancel > 0, "the import never reached the cancel point");
            Assert.True(after >= 0 && after <= StopsWithinFindings, $"{after} findings were handed out after the cancel at finding {cancelAt}");
            Assert.True(findings < large.Scan.Rows, "the whole file was read");
            Assert.True(bytesAtLast - bytesAtCancel <= ReadAheadBound,
                $"{(bytesAtLast - bytesAtCancel) / 1024} KB were read after the cancel at {bytesAtCancel / 1024} KB");
        }

        public static TheoryData<string, bool> ExportCancels() => new TheoryData<string, bool>
        {
            { "gaps.csv", false }, { "gaps.json", false }, { "gaps.html", false }, { "gaps.csv", true },
        };

        /// <summary>
        /// Import, compare and export with one token, cancelled while the export takes its
        /// 5,000th row: it asks for no row after that one, the target is not there (or, when it
        /// was, holds what it held before), and no temporary file is left beside it.
        /// </summary>
        [Theory]
        [MemberData(nameof(ExportCancels))]
        public void CancellingAnExportStopsItAtTheNextRowAndLeavesNoFile(string name, bool targetExists)
        {
            const int CancelAtRow = 5000;
            using var folder = new HostileFolder();
            var target = folder.File(name);
            if (targetExists) File.WriteAllText(target, "the previous export");
            using var cancel = new CancellationTokenSource();
            var comparer = new VantageComparer();
            using (var import = ReportImport.Open(_files.Small("csv").Path, new ImportOptions { CancellationToken = cancel.Token }))
            {
                foreach (var finding in import.ReadFindings()) comparer.Add(finding);
            }
            var rows = comparer.Compare().ToList();
            Assert.True(rows.Count > 2 * CancelAtRow);
            int taken = 0;

            IEnumerable<VantageComparison> CancelPartWay()
            {
                foreach (var row in rows)
                {
                    if (++taken == CancelAtRow) cancel.Cancel();
                    yield return row;
                }
            }

            Assert.ThrowsAny<OperationCanceledException>(() =>
                CoverageGapExport.Write(target, CancelPartWay(), Array.Empty<VantageSummary>(), new CoverageGapExportOptions(), cancel.Token));

            // The writers look at the token before every row they write.
            Assert.Equal(CancelAtRow, taken);
            if (targetExists) Assert.Equal("the previous export", File.ReadAllText(target));
            else Assert.False(File.Exists(target));
            Assert.Equal(targetExists ? new[] { name } : Array.Empty<string>(), Directory.GetFiles(folder.Root).Select(Path.GetFileName).ToArray());
        }
    }
}
