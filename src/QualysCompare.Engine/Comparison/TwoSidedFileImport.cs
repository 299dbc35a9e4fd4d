using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Comparison
{
    public enum FileImportEventKind
    {
        /// <summary>The file was opened and its format detected.</summary>
        Opened,
        Warning,
        /// <summary>Every finding of the file was read.</summary>
        Completed,
        /// <summary>The file could not be read; <see cref="FileImportEvent.Error"/> says why. The side goes on with its next file.</summary>
        Failed,
    }

    /// <summary>Something the caller should tell the user about one file of one side.</summary>
    public sealed class FileImportEvent
    {
        internal FileImportEvent(Vantage side, string path, FileImportEventKind kind)
        {
            Side = side;
            Path = path;
            Kind = kind;
        }

        public Vantage Side { get; }
        public string Path { get; }
        public FileImportEventKind Kind { get; }

        /// <summary>Opened and Completed: the detected format.</summary>
        public ReportFormat Format { get; internal set; }

        /// <summary>Opened: the detected encoding's name.</summary>
        public string? EncodingName { get; internal set; }

        /// <summary>Warning: the message.</summary>
        public string? Message { get; internal set; }

        /// <summary>Completed: what the file held.</summary>
        public int HostCount { get; internal set; }
        public long FindingCount { get; internal set; }
        public TimeSpan Elapsed { get; internal set; }

        /// <summary>Failed: a <see cref="QualysReportException"/>, an <see cref="IOException"/> or an
        /// <see cref="UnauthorizedAccessException"/>.</summary>
        public Exception? Error { get; internal set; }
    }

    /// <summary>
    /// Reads the scanner's files and the agent's files into one comparer at the same time, one
    /// thread per side. Parsing is nearly all of the work of a comparison, and the two sides share
    /// nothing while they are read, so on two cores the import takes as long as the larger side
    /// instead of both together. Within a side the files are read in the order given, so host
    /// records are created in the same order as a sequential import and the rows are the same.
    ///
    /// The caller's thread stays free: it polls <see cref="BytesRead"/> for progress and drains
    /// <see cref="TryTake"/> for messages (PowerShell allows output only from the pipeline thread).
    /// A file that fails is reported and skipped; cancelling stops both sides within one buffer.
    /// </summary>
    public sealed class TwoSidedFileImport
    {
        private readonly VantageComparer _comparer;
        private readonly IReadOnlyList<string> _scannerFiles;
        private readonly IReadOnlyList<string> _agentFiles;
        private readonly ConcurrentQueue<FileImportEvent> _scannerEvents = new ConcurrentQueue<FileImportEvent>();
        private readonly ConcurrentQueue<FileImportEvent> _agentEvents = new ConcurrentQueue<FileImportEvent>();
        private long _scannerBytes;
        private long _agentBytes;
        private long _scannerFindings;
        private long _agentFindings;
        private Task? _scanner;
        private Task? _agent;

        public TwoSidedFileImport(VantageComparer comparer, IReadOnlyList<string> scannerFiles, IReadOnlyList<string> agentFiles)
        {
            _comparer = comparer ?? throw new ArgumentNullException(nameof(comparer));
            _scannerFiles = scannerFiles ?? throw new ArgumentNullException(nameof(scannerFiles));
            _agentFiles = agentFiles ?? throw new ArgumentNullException(nameof(agentFiles));
            TotalBytes = SizeOf(scannerFiles) + SizeOf(agentFiles);
        }

        /// <summary>The size of every file of both sides, as they were when the import was created.</summary>
        public long TotalBytes { get; }

        /// <summary>Bytes read so far over both sides, updated every few hundred findings.</summary>
        public long BytesRead => Interlocked.Read(ref _scannerBytes) + Interlocked.Read(ref _agentBytes);

        public long ScannerFindingCount => Interlocked.Read(ref _scannerFindings);
        public long AgentFindingCount => Interlocked.Read(ref _agentFindings);

        private Task? _completion;

        /// <summary>Completes when both sides have read every file, or stopped.</summary>
        public Task Completion => _completion ??= Task.WhenAll(_scanner ?? Task.CompletedTask, _agent ?? Task.CompletedTask);

        /// <summary>
        /// Blocks the caller until both sides are done or the timeout passes; true when done. Unlike
        /// <see cref="Task.Wait(int)"/> it does not spin first: on two cores a caller that wakes every
        /// 100 ms to report progress would otherwise spin away CPU the two import threads need.
        /// A failure is not thrown here; wait on <see cref="Completion"/> for it once this is true.
        /// </summary>
        public bool WaitForCompletion(int millisecondsTimeout) =>
            ((IAsyncResult)Completion).AsyncWaitHandle.WaitOne(millisecondsTimeout);

        /// <summary>True once the side has read all of its files (or stopped).</summary>
        public bool IsDone(Vantage side) => (side == Vantage.Agent ? _agent : _scanner)?.IsCompleted ?? false;

        /// <summary>Starts both sides on threads of their own.</summary>
        public void Start(CancellationToken cancellationToken)
        {
            if (_scanner != null) throw new InvalidOperationException("The import has already started.");
            _scanner = Task.Factory.StartNew(() => ReadSide(Vantage.Scanner, _scannerFiles, _scannerEvents, ref _scannerBytes, ref _scannerFindings, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _agent = Task.Factory.StartNew(() => ReadSide(Vantage.Agent, _agentFiles, _agentEvents, ref _agentBytes, ref _agentFindings, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The next message of one side, in the order that side produced them.</summary>
        public bool TryTake(Vantage side, out FileImportEvent item) =>
            (side == Vantage.Agent ? _agentEvents : _scannerEvents).TryDequeue(out item!);

        private void ReadSide(Vantage side, IReadOnlyList<string> files, ConcurrentQueue<FileImportEvent> events, ref long bytes, ref long findings, CancellationToken cancellationToken)
        {
            var selection = side == Vantage.Agent ? VantageSelection.Agent : VantageSelection.Scanner;
            long finishedBytes = 0;
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var options = new ImportOptions
                {
                    Vantage = selection,
                    CancellationToken = cancellationToken,
                    Warning = message => events.Enqueue(new FileImportEvent(side, file, FileImportEventKind.Warning) { Message = message }),
                    NeedsResults = _comparer.NeedsResults,
                };
                ReportImport? import = null;
                long count = 0, size = 0;
                try
                {
                    import = ReportImport.Open(file, options);
                    // Taken now: the reader closes the file when it has read the last finding.
                    size = import.TotalBytes;
                    events.Enqueue(new FileImportEvent(side, file, FileImportEventKind.Opened) { Format = import.Format, EncodingName = import.EncodingName });
                    foreach (var finding in import.ReadFindings())
                    {
                        _comparer.Add(finding);
                        if ((++count & 0x3FF) == 0)
                        {
                            Interlocked.Exchange(ref bytes, finishedBytes + import.BytesRead);
                            Interlocked.Add(ref findings, 0x400);
                        }
                    }
                    events.Enqueue(new FileImportEvent(side, file, FileImportEventKind.Completed)
                    {
                        Format = import.Format,
                        HostCount = import.HostCount,
                        FindingCount = import.FindingCount,
                        Elapsed = clock.Elapsed,
                    });
                }
                catch (Exception e) when (e is QualysReportException || e is IOException || e is UnauthorizedAccessException)
                {
                    events.Enqueue(new FileImportEvent(side, file, FileImportEventKind.Failed) { Error = e });
                }
                finally
                {
                    // A file that fails part-way still gave its first findings to the comparer.
                    Interlocked.Add(ref findings, count & 0x3FF);
                    // A cancelled file was not read to its end.
                    if (!cancellationToken.IsCancellationRequested) finishedBytes += size;
                    Interlocked.Exchange(ref bytes, finishedBytes);
                    import?.Dispose();
                }
            }
        }

        private static long SizeOf(IReadOnlyList<string> files)
        {
            long total = 0;
            foreach (var file in files)
            {
                try
                {
                    total += new FileInfo(file).Length;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Reading the file reports the problem; progress just counts it as empty.
                }
            }
            return total;
        }
    }
}
