using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    /// <summary>Runs alone, after the parallel tests, so the process's memory is this test's.</summary>
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
    /// Memory follows the distinct (host, QID) pairs, not the text read; cancelling stops within
    /// a second and leaves no output file. Every run imports 200 MB and 2 GB of each format.
    /// </summary>
    [Collection(nameof(ResourceBounds))]
    public sealed class ResourceBoundTests
    {
        private const long MB = 1024 * 1024;

        private const string GarbageCollectorMeasurement = "measures the runtime's garbage collector (GC.GetTotalMemory, the working set), and Mono's SGen "
            + "is not the .NET Framework's collector: a result there says nothing about Windows PowerShell 5.1";
        private readonly HugeScanFiles _files;
        private readonly ITestOutputHelper _output;

        public ResourceBoundTests(HugeScanFiles files, ITestOutputHelper output)
        {
            _files = files;
            _output = output;
        }

        private sealed class Measured
        {
            public long Findings;
            public int Rows;
            public long Retained;
            public long PeakHeap;
            public long PeakWorkingSetGrowth;
            public TimeSpan Elapsed;
        }

        /// <summary>Imports a file into a comparer, watching the managed heap and the working set.</summary>
        private Measured Measure(string path)
        {
            var measured = new Measured();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long heapBefore = GC.GetTotalMemory(true);
            using var process = Process.GetCurrentProcess();
            long workingSetBefore = process.WorkingSet64;
            long peakHeap = 0, peakWorkingSet = 0;
            using var done = new ManualResetEventSlim();
            var watcher = new Thread(() =>
            {
                using var self = Process.GetCurrentProcess();
                do
                {
                    self.Refresh();
                    peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                }
                while (!done.Wait(10));
            }) { IsBackground = true };
            watcher.Start();

            var clock = Stopwatch.StartNew();
            // Held through an array slot and used only in methods of their own, so that clearing the
            // slot frees the comparer even in a Debug build, where locals live to the end of a method.
            var held = new VantageComparer?[1];
            measured.Findings = ImportInto(held, path);
            measured.Elapsed = clock.Elapsed;
            done.Set();
            watcher.Join();

            // What the comparer keeps is the heap with it less the heap without it, both measured
            // now: whatever else the process holds cancels out.
            long withComparer = GC.GetTotalMemory(true);
            measured.Rows = CountRows(held);
            held[0] = null;
            measured.Retained = withComparer - GC.GetTotalMemory(true);
            measured.PeakHeap = peakHeap - heapBefore;
            measured.PeakWorkingSetGrowth = peakWorkingSet - workingSetBefore;
            _output.WriteLine($"{Path.GetFileName(path)}: {new FileInfo(path).Length / MB} MB, {measured.Findings} findings, {measured.Rows} rows in {measured.Elapsed.TotalSeconds:0.0} s; "
                + $"retained {measured.Retained / MB} MB, heap peak +{measured.PeakHeap / MB} MB, working set peak +{measured.PeakWorkingSetGrowth / MB} MB");
            return measured;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static long ImportInto(VantageComparer?[] held, string path)
        {
            var comparer = new VantageComparer();
            long findings = 0;
            using (var import = ReportImport.Open(path))
            {
                foreach (var finding in import.ReadFindings())
                {
                    comparer.Add(finding);
                    findings++;
                }
            }
            held[0] = comparer;
            return findings;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static int CountRows(VantageComparer?[] held) => held[0]!.Compare().Count();

        public static TheoryData<string> Formats() => new TheoryData<string> { "csv", "xml" };

        [Theory]
        [MemberData(nameof(Formats))]
        [ExcludedOnMono(GarbageCollectorMeasurement)]
        public void MemoryFollowsTheDistinctHostQidPairsNotTheText(string format)
        {
            var small = Measure(_files.Small(format).Path);
            var large = Measure(_files.Large(format).Path);

            Assert.Equal(_files.Small(format).Scan.Rows, small.Findings);
            Assert.Equal(_files.Large(format).Scan.Rows, large.Findings);
            Assert.True(_files.Large(format).Scan.Bytes >= 200 * MB);
            Assert.Equal(HugeScan.DistinctHostQid, small.Rows);
            Assert.Equal(HugeScan.DistinctHostQid, large.Rows);
            Assert.True(small.Retained > MB, "the measurement sees the comparer's 20,000 cells");
            // Ten times the text, the same pairs: the same memory, within the noise of a heap.
            Assert.True(Math.Abs(large.Retained - small.Retained) < 4 * MB, $"retained {small.Retained / MB} MB after one pass, {large.Retained / MB} MB after ten");
            // The heap peak counts garbage not yet collected, which the GC's budget (set by the
            // machine's caches) decides; the working set is what the machine gives the process.
            Assert.True(large.PeakWorkingSetGrowth < 100 * MB, $"working set peak +{large.PeakWorkingSetGrowth / MB} MB while reading 200 MB");
        }

        /// <summary>The same as the 200 MB test at 2 GB, the size of an enterprise export: about 25 s for
        /// both formats, generated into the temporary folder and deleted after.</summary>
        [Theory]
        [MemberData(nameof(Formats))]
        [ExcludedOnMono(GarbageCollectorMeasurement)]
        public void TwoGigabyteImportKeepsMemoryBounded(string format)
        {
            using var folder = new HostileFolder();
            HugeScan? scan = null;
            var clock = Stopwatch.StartNew();
            var path = folder.Generate("two-gigabytes." + format, stream => scan = HugeScan.Write(stream, 2048 * MB, xml: format == "xml"));
            _output.WriteLine($"generated {scan!.Bytes / MB} MB, {scan.Rows} findings in {clock.Elapsed.TotalSeconds:0.0} s");

            var small = Measure(_files.Small(format).Path);
            var huge = Measure(path);
            using var process = Process.GetCurrentProcess();
            _output.WriteLine($"2 GB import: {huge.Elapsed.TotalSeconds:0.0} s, {scan.Bytes / MB / huge.Elapsed.TotalSeconds:0} MB/s; process peak working set {process.PeakWorkingSet64 / MB} MB");

            Assert.True(scan.Bytes >= 2048 * MB);
            Assert.Equal(scan.Rows, huge.Findings);
            Assert.Equal(HugeScan.DistinctHostQid, huge.Rows);
            Assert.True(Math.Abs(huge.Retained - small.Retained) < 4 * MB, $"retained {small.Retained / MB} MB after one pass, {huge.Retained / MB} MB after a hundred");
            Assert.True(huge.PeakWorkingSetGrowth < 100 * MB, $"working set peak +{huge.PeakWorkingSetGrowth / MB} MB while reading 2 GB");
        }

        // ---- cancellation ----

        // The cancel is fired from another thread, as Ctrl+C is, at a point counted in findings
        // rather than in milliseconds: a faster machine must not finish the file before the cancel.
        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(50)]
        public void CancellingAnImportStopsItWithinASecond(int atPercentOfFindings)
        {
            var large = _files.Large("csv");
            long cancelAt = large.Scan.Rows * atPercentOfFindings / 100;
            using var cancel = new CancellationTokenSource();
            var options = new ImportOptions { CancellationToken = cancel.Token };
            long cancelledAt = 0, findings = 0;
            var clock = Stopwatch.StartNew();
            // A thread of its own: a thread-pool task can wait behind the other tests running in parallel.
            var canceller = new Thread(() =>
            {
                Interlocked.Exchange(ref cancelledAt, clock.ElapsedTicks);
                cancel.Cancel();
            }) { IsBackground = true };
            void CancelFromAnotherThread() => canceller.Start();

            if (cancelAt == 0) CancelFromAnotherThread();
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                var comparer = new VantageComparer();
                using var import = ReportImport.Open(large.Path, options);
                foreach (var finding in import.ReadFindings())
                {
                    comparer.Add(finding);
                    if (++findings == cancelAt) CancelFromAnotherThread();
                }
            });
            canceller.Join();
            var stopped = TimeSpan.FromTicks(clock.ElapsedTicks - Interlocked.Read(ref cancelledAt));

            _output.WriteLine($"cancelled at {atPercentOfFindings}% with {findings} of {large.Scan.Rows} findings read; stopped {stopped.TotalMilliseconds:0} ms later");
            Assert.True(findings < large.Scan.Rows);
            Assert.True(stopped < TimeSpan.FromSeconds(1), $"stopped {stopped.TotalMilliseconds:0} ms after the cancel");
        }

        public static TheoryData<string, bool> ExportCancels() => new TheoryData<string, bool>
        {
            { "gaps.csv", false }, { "gaps.json", false }, { "gaps.html", false }, { "gaps.csv", true },
        };

        /// <summary>
        /// Import, compare and export with one token, cancelled when the export has written its
        /// 5,000th row: it stops within a second, the target is not there (or, when it was, holds
        /// what it held before), and no temporary file is left beside it.
        /// </summary>
        [Theory]
        [MemberData(nameof(ExportCancels))]
        public void CancellingAnExportStopsItWithinASecondAndLeavesNoFile(string name, bool targetExists)
        {
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
            var clock = new Stopwatch();

            IEnumerable<VantageComparison> CancelPartWay()
            {
                int written = 0;
                foreach (var row in rows)
                {
                    if (++written == 5000)
                    {
                        clock.Start();
                        cancel.Cancel();
                    }
                    yield return row;
                }
            }

            Assert.ThrowsAny<OperationCanceledException>(() =>
                CoverageGapExport.Write(target, CancelPartWay(), Array.Empty<VantageSummary>(), new CoverageGapExportOptions(), cancel.Token));
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopped {clock.Elapsed.TotalMilliseconds:0} ms after the cancel");
            if (targetExists) Assert.Equal("the previous export", File.ReadAllText(target));
            else Assert.False(File.Exists(target));
            Assert.Equal(targetExists ? new[] { name } : Array.Empty<string>(), Directory.GetFiles(folder.Root).Select(Path.GetFileName).ToArray());
        }
    }
}
