using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Comparison;
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
    /// (the pipeline failed or was stopped) deletes it and leaves the previous file as it was.
    /// </summary>
    public sealed class CoverageGapExportWriter : IDisposable
    {
        // Rows cross to the writing thread in batches, so the hand-over costs nothing per row; the
        // bound keeps a slow disk from letting the queue grow into the memory the streaming saves.
        private const int BatchSize = 1024;
        private const int QueuedBatches = 16;

        private readonly string _path;
        private readonly CoverageGapExportOptions _options;
        private readonly ExportFormat _format;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationTokenSource _writerFailed = new CancellationTokenSource();
        private readonly CancellationTokenSource _addCancel;
        private readonly BlockingCollection<ArraySegment<VantageComparison>>? _queue;
        private readonly Task? _writer;
        private readonly List<VantageComparison>? _kept;
        private VantageComparison[] _batch = new VantageComparison[BatchSize];
        private int _batchCount;
        private int _written;
        private bool _completed;

        /// <param name="path">A rooted file-system path.</param>
        /// <param name="options">Format, content and overwrite choices, as for <see cref="CoverageGapExport.Write"/>.</param>
        /// <param name="cancellationToken">Stops the export; the previous file is then untouched.</param>
        public CoverageGapExportWriter(string path, CoverageGapExportOptions options, CancellationToken cancellationToken = default)
        {
            _path = path ?? throw new ArgumentNullException(nameof(path));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _format = ExportFormatResolver.Resolve(options.Format, path);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _addCancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _writerFailed.Token);
            if (_format == ExportFormat.Html)
            {
                _kept = new List<VantageComparison>();
                return;
            }
            _queue = new BlockingCollection<ArraySegment<VantageComparison>>(QueuedBatches);
            _writer = Task.Factory.StartNew(WriteQueuedRows, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public ExportFormat Format => _format;

        /// <summary>Takes one row. Throws the export's failure (a target that may not be replaced, a
        /// full disk) as soon as the writing thread has met it, so the caller can stop early.</summary>
        public void Add(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (_completed) throw new InvalidOperationException("The export is complete.");
            if (_kept != null)
            {
                _kept.Add(row);
                return;
            }
            _batch[_batchCount++] = row;
            if (_batchCount == BatchSize) Hand(BatchSize);
        }

        /// <summary>Writes what is left, renames the file into place and says what was written.
        /// Exceptions are those of <see cref="CoverageGapExport.Write"/>.</summary>
        public CoverageGapExportResult Complete()
        {
            if (_completed) throw new InvalidOperationException("The export is complete.");
            _completed = true;
            if (_kept != null)
            {
                return CoverageGapExport.Write(_path, _kept, VantageSummarizer.Summarize(_kept), _options, _stop.Token);
            }
            Hand(_batchCount);
            _queue!.CompleteAdding();
            _writer!.GetAwaiter().GetResult();
            return new CoverageGapExportResult(System.IO.Path.GetFullPath(_path), _format, _written);
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
            _addCancel.Dispose();
            _writerFailed.Dispose();
            _stop.Dispose();
        }

        private void Hand(int count)
        {
            if (count == 0) return;
            // A writer that failed at once (a target that may not be replaced) is reported now,
            // not after the queue has filled.
            if (_writer!.IsFaulted) _writer.GetAwaiter().GetResult();
            try
            {
                _queue!.Add(new ArraySegment<VantageComparison>(_batch, 0, count), _addCancel.Token);
            }
            catch (OperationCanceledException) when (_writerFailed.IsCancellationRequested)
            {
                _writer!.GetAwaiter().GetResult();
                throw;
            }
            _batch = new VantageComparison[BatchSize];
            _batchCount = 0;
        }

        private void WriteQueuedRows()
        {
            try
            {
                var fileOptions = new AtomicWriteOptions { NoClobber = _options.NoClobber, Force = _options.Force };
                AtomicFileWriter.Write(_path, stream =>
                {
                    var rows = GapFilter.Select(Queued(), _options.IncludeBoth);
                    _written = _format == ExportFormat.Json
                        ? GapJsonWriter.Write(stream, rows, _stop.Token)
                        : GapCsvWriter.Write(stream, rows, _options.Sanitize, _stop.Token);
                }, fileOptions, _stop.Token);
            }
            catch
            {
                // Wakes an Add that waits for room in a queue nobody will empty now.
                _writerFailed.Cancel();
                throw;
            }
        }

        private IEnumerable<VantageComparison> Queued()
        {
            foreach (var batch in _queue!.GetConsumingEnumerable(_stop.Token))
            {
                for (int i = 0; i < batch.Count; i++) yield return batch.Array![batch.Offset + i];
            }
        }
    }
}
