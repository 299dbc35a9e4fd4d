using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Export-CoverageGap's rows as they arrive from the pipeline. CSV and JSON are written by a thread
    /// of their own while the comparison is still producing rows, so on two cores the writing overlaps
    /// the comparing, and no row is kept once it is written: a million-row export no longer holds every
    /// row until the end. The HTML page needs every row and the summaries before its first byte, so it
    /// keeps the rows and is written by <see cref="Complete"/>.
    ///
    /// The file is written atomically either way (<see cref="AtomicFileWriter"/>): until
    /// <see cref="Complete"/> succeeds only a temporary file exists, and disposing an incomplete export
    /// (the pipeline failed or was stopped) deletes it and leaves the previous file as it was. The run's
    /// history record, with -HistoryPath, is written only after the export is in place.
    /// </summary>
    public sealed class CoverageGapExportWriter : IDisposable
    {
        // A slow disk holds the pipeline back rather than letting the rows pile up in memory.
        private const int WaitingBatches = 16;

        private readonly string _path;
        private readonly CoverageGapExportOptions _options;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationTokenSource _writerFailed = new CancellationTokenSource();
        private readonly CancellationTokenSource _handCancel;
        private readonly BatchQueue<VantageComparison>? _queue;
        private readonly Task? _writer;
        private readonly List<VantageComparison>? _kept;
        private CoverageGapExportResult? _result;
        private bool _completed;

        /// <param name="path">A rooted file-system path.</param>
        /// <param name="options">Format, content and overwrite choices, as for <see cref="CoverageGapExport.Write"/>. With a
        /// HistoryPath and no History, the history is read here and kept in <see cref="CoverageGapExportOptions.History"/>.</param>
        /// <param name="cancellationToken">Stops the export; the previous file is then untouched.</param>
        public CoverageGapExportWriter(string path, CoverageGapExportOptions options, CancellationToken cancellationToken = default)
        {
            _path = path ?? throw new ArgumentNullException(nameof(path));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            // A history that cannot be read stops the export before it starts a file.
            if (options.HistoryPath != null && options.History == null) options.History = CoverageHistory.Read(options.HistoryPath);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _handCancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _writerFailed.Token);
            if (ExportFormatResolver.Resolve(options.Format, path) == ExportFormat.Html)
            {
                _kept = new List<VantageComparison>();
                return;
            }
            _queue = new BatchQueue<VantageComparison>(WaitingBatches);
            _writer = Task.Factory.StartNew(WriteQueuedRows, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>Takes one row. Throws the export's failure (a target that may not be replaced, a
        /// full disk) as soon as the writing thread has met it, so the caller can stop early.</summary>
        public void Add(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (_completed) throw new InvalidOperationException("The export is complete.");
            if (_kept != null) _kept.Add(row);
            else Hand(row);
        }

        /// <summary>Writes what is left, renames the file into place and says what was written.
        /// Exceptions are those of <see cref="CoverageGapExport.Write"/>.</summary>
        public CoverageGapExportResult Complete()
        {
            if (_completed) throw new InvalidOperationException("The export is complete.");
            _completed = true;
            if (_kept != null) return CoverageGapExport.Write(_path, _kept, VantageSummarizer.Summarize(_kept), _options, _stop.Token);
            Hand(null);
            _queue!.CompleteAdding();
            _writer!.GetAwaiter().GetResult();
            return _result!;
        }

        /// <summary>An export that was not completed is abandoned: its temporary file is deleted.</summary>
        public void Dispose()
        {
            if (_writer != null)
            {
                if (!_writer.IsCompleted)
                {
                    _stop.Cancel();
                    try
                    {
                        _writer.Wait();
                    }
                    catch (AggregateException)
                    {
                        // The abandoned export's own failure or cancellation: nobody is left to tell.
                    }
                }
                else if (_writer.IsFaulted)
                {
                    _ = _writer.Exception;
                }
                _queue!.Dispose();
            }
            _handCancel.Dispose();
            _writerFailed.Dispose();
            _stop.Dispose();
        }

        /// <summary>Passes a row (null: the rows of the unfinished batch) to the writing thread, or
        /// throws its failure: at once when it has already failed (a target that may not be
        /// replaced), and while waiting for room in a queue it will no longer empty.</summary>
        private void Hand(VantageComparison? row)
        {
            if (_writer!.IsFaulted) _writer.GetAwaiter().GetResult();
            try
            {
                if (row != null) _queue!.Add(row, _handCancel.Token);
                else _queue!.Flush(_handCancel.Token);
            }
            catch (OperationCanceledException) when (_writerFailed.IsCancellationRequested)
            {
                _writer.GetAwaiter().GetResult();
                throw;
            }
        }

        private void WriteQueuedRows()
        {
            try
            {
                // CSV and JSON only: the summaries are for the HTML page, which is written by Complete.
                _result = CoverageGapExport.Write(_path, _queue!.Take(_stop.Token), Array.Empty<VantageSummary>(), _options, _stop.Token);
            }
            catch
            {
                // Wakes a Hand that waits for room in a queue nobody will empty now.
                _writerFailed.Cancel();
                throw;
            }
        }
    }
}
