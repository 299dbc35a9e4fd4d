using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// The one way report files are imported, by every cmdlet that reads them: each file is opened,
    /// its format and encoding are said (verbose), its findings go to the caller as they are read,
    /// what it held is said when it ends (verbose), and a file that cannot be read is reported
    /// (<see cref="IEngineOutput.WriteError"/>) while the files after it are still read.
    ///
    /// <see cref="Import"/> reads files one after another on the calling thread.
    /// <see cref="ImportSides"/> reads a scanner side and an agent side at the same time, one thread
    /// each: parsing is nearly all of a comparison's work and the sides share nothing while they are
    /// read, so on two cores the import takes as long as the larger side. Both say the same things
    /// in the same order: a side's messages are replayed on the calling thread, the scanner's as
    /// they happen and the agent's once the scanner side is done.
    /// </summary>
    public sealed class FileImporter
    {
        // Progress and cancellation are looked at once per this many findings: per finding they
        // would cost more than the finding.
        private const int ReportEvery = 1024; // a power of two: the test is a mask, not a division

        private readonly IEngineOutput _output;

        public FileImporter(IEngineOutput output) => _output = output ?? throw new ArgumentNullException(nameof(output));

        /// <summary>Reads the files in order on this thread, handing every finding to <paramref name="onFinding"/>.</summary>
        public ImportedSide Import(IEnumerable<string> files, ImportOptions options, Action<QualysFinding> onFinding)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (onFinding == null) throw new ArgumentNullException(nameof(onFinding));
            var side = new ImportedSide(options.Vantage);
            foreach (var file in files) ReadFile(file, options, onFinding, _output, side, 0);
            return side;
        }

        /// <summary>
        /// Reads both sides at once and blocks until both are done, reporting progress over both
        /// meanwhile. <paramref name="onFinding"/> is called from two threads, but never twice at
        /// once for one side (the comparer allows exactly that).
        /// A cancellation stops both sides within one buffer and is rethrown here.
        /// </summary>
        public ImportedSides ImportSides(IReadOnlyList<string> scannerFiles, IReadOnlyList<string> agentFiles, ImportOptions options, Action<QualysFinding> onFinding)
        {
            if (scannerFiles == null) throw new ArgumentNullException(nameof(scannerFiles));
            if (agentFiles == null) throw new ArgumentNullException(nameof(agentFiles));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (onFinding == null) throw new ArgumentNullException(nameof(onFinding));
            var scanner = new ImportedSide(VantageSelection.Scanner);
            var agent = new ImportedSide(VantageSelection.Agent);
            var scannerOutput = new QueuedOutput();
            var agentOutput = new QueuedOutput();
            long totalBytes = SizeOf(scannerFiles) + SizeOf(agentFiles);
            var token = options.CancellationToken;

            var scannerTask = Start(() => ReadSide(scannerFiles, options, onFinding, scannerOutput, scanner), token);
            var agentTask = Start(() => ReadSide(agentFiles, options, onFinding, agentOutput, agent), token);
            var both = Task.WhenAll(scannerTask, agentTask);
            // A handle rather than Task.Wait(timeout): waking every 100 ms to report progress must
            // not spin away CPU the two import threads need.
            var done = ((IAsyncResult)both).AsyncWaitHandle;
            // Once before the first wait too: the caller decides whether an import is long enough for a bar.
            do
            {
                Relay(scannerOutput, agentOutput, scannerTask.IsCompleted);
                long findings = scanner.FindingCount + agent.FindingCount;
                long read = scanner.BytesRead + agent.BytesRead;
                _output.WriteProgress(new EngineProgress($"{findings:N0} findings, {read / 1048576:N0} of {totalBytes / 1048576:N0} MB", read, totalBytes));
            }
            while (!done.WaitOne(100));
            _output.WriteProgress(EngineProgress.Finished);
            try
            {
                both.GetAwaiter().GetResult();
            }
            finally
            {
                Relay(scannerOutput, agentOutput, agentTurn: true);
            }
            return new ImportedSides(scanner, agent);
        }

        private void Relay(QueuedOutput scannerOutput, QueuedOutput agentOutput, bool agentTurn)
        {
            scannerOutput.Drain(_output);
            if (agentTurn) agentOutput.Drain(_output);
        }

        private static Task Start(Action read, CancellationToken token) =>
            Task.Factory.StartNew(read, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        private static void ReadSide(IReadOnlyList<string> files, ImportOptions options, Action<QualysFinding> onFinding, IEngineOutput output, ImportedSide side)
        {
            foreach (var file in files)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                ReadFile(file, options, onFinding, output, side, side.BytesRead);
            }
        }

        /// <summary>Reads one file into the side's tally; <paramref name="bytesBefore"/> is what the
        /// side's earlier files took, so the side's progress counts on from there.</summary>
        private static void ReadFile(string file, ImportOptions options, Action<QualysFinding> onFinding, IEngineOutput output, ImportedSide side, long bytesBefore)
        {
            var clock = Stopwatch.StartNew();
            // The side says the vantage: the caller's for one side, Scanner or Agent for each of two.
            var fileOptions = new ImportOptions { Vantage = side.Vantage, CancellationToken = options.CancellationToken, NeedsResults = options.NeedsResults, Output = output };
            ReportImport? import = null;
            long scanner = 0, agent = 0, size = 0;
            Exception? failure = null;
            bool completed = false;
            try
            {
                import = ReportImport.Open(file, fileOptions);
                // Taken now: the reader closes the file when it has read the last finding.
                size = import.TotalBytes;
                output.WriteVerbose($"{file}: detected {import.Format} ({import.EncodingName}).");
                foreach (var finding in import.ReadFindings())
                {
                    if (finding.Vantage == Vantage.Agent) agent++; else scanner++;
                    onFinding(finding);
                    if (((scanner + agent) & (ReportEvery - 1)) == 0)
                    {
                        side.Progress(bytesBefore + import.BytesRead, ReportEvery);
                        output.WriteProgress(new EngineProgress(
                            $"{Path.GetFileName(file)}: {import.FindingCount:N0} findings, {import.BytesRead / 1048576:N0} of {size / 1048576:N0} MB", import.BytesRead, size));
                    }
                }
                output.WriteProgress(new EngineProgress($"{Path.GetFileName(file)}: {import.FindingCount:N0} findings, {size / 1048576:N0} of {size / 1048576:N0} MB", size, size));
                output.WriteVerbose($"{file}: {import.Format}, {Describe(scanner, agent)}, {import.HostCount} hosts, {import.FindingCount} findings in {clock.Elapsed.TotalSeconds:0.00} s.");
                completed = true;
            }
            catch (Exception e) when (e is QualysReportException || e is IOException || e is UnauthorizedAccessException)
            {
                failure = e;
                output.WriteError(e, file);
            }
            finally
            {
                // A file that fails part-way still gave its first findings to the caller.
                side.Progress(bytesBefore + (options.CancellationToken.IsCancellationRequested ? import?.BytesRead ?? 0 : size), (scanner + agent) & (ReportEvery - 1));
                side.Count(scanner, agent, import?.MarkedAgentCount ?? 0);
                if (failure != null) side.Failed(file, failure);
                else if (completed) side.Read(file);
                output.WriteProgress(EngineProgress.Finished);
                import?.Dispose();
            }
        }

        private static string Describe(long scanner, long agent) =>
            scanner > 0 && agent > 0 ? $"vantage Scanner ({scanner}) and Agent ({agent})"
            : agent > 0 ? "vantage Agent" : scanner > 0 ? "vantage Scanner" : "no findings";

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
