using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>What Export-CoverageGap was asked for, beyond the path and the rows.</summary>
    public sealed class CoverageGapExportOptions
    {
        /// <summary>-Format; null takes it from the extension (<see cref="ExportFormatResolver"/>).</summary>
        public ExportFormat? Format { get; set; }

        /// <summary>-IncludeBoth: export findings both sides saw too.</summary>
        public bool IncludeBoth { get; set; }

        /// <summary>Neutralise formula-like CSV text cells (on unless -NoSanitize).</summary>
        public bool Sanitize { get; set; } = true;

        public bool NoClobber { get; set; }
        public bool Force { get; set; }

        /// <summary>Shown on the HTML page, and the history's RunUtc; CSV and JSON carry no time so that the same rows give the same bytes.</summary>
        public DateTime GeneratedUtc { get; set; }

        /// <summary>-HistoryPath: a rooted path to the run history (<see cref="CoverageHistory"/>), which gets this
        /// run's record once the export is in place. Null: no history.</summary>
        public string? HistoryPath { get; set; }

        /// <summary>The runs already in <see cref="HistoryPath"/>, when the caller has read them (to fail before
        /// anything else); null reads the file when the export starts.</summary>
        public IReadOnlyList<CoverageRun>? History { get; set; }
    }

    /// <summary>What was written, for -PassThru and verbose messages.</summary>
    public sealed class CoverageGapExportResult
    {
        public CoverageGapExportResult(string path, ExportFormat format, int rowsWritten)
        {
            Path = path;
            Format = format;
            RowsWritten = rowsWritten;
        }

        public string Path { get; }
        public ExportFormat Format { get; }

        /// <summary>CSV and JSON: the rows in the file. HTML: the rows the page lists or counts (the gaps, or every row with -IncludeBoth).</summary>
        public int RowsWritten { get; }
    }

    /// <summary>
    /// The one call behind Export-CoverageGap: picks the format, selects the rows (<see cref="GapFilter"/>) and writes
    /// the file atomically. Failures are the exceptions <see cref="AtomicFileWriter"/> documents.
    /// </summary>
    public static class CoverageGapExport
    {
        /// <param name="path">A rooted file-system path.</param>
        /// <param name="rows">Every comparison row; the export selects the gaps itself unless IncludeBoth.</param>
        /// <param name="summaries">The comparison's summary rows; only the HTML page uses them.</param>
        /// <param name="options">Format, content and overwrite choices.</param>
        /// <param name="cancellationToken">Stops the export; the previous file, and the history, are then untouched.</param>
        /// <exception cref="CoverageHistoryUnreadableException">The history of <see cref="CoverageGapExportOptions.HistoryPath"/> cannot be read; nothing was written.</exception>
        public static CoverageGapExportResult Write(string path, IEnumerable<VantageComparison> rows, IEnumerable<VantageSummary> summaries,
            CoverageGapExportOptions options, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));
            if (options == null) throw new ArgumentNullException(nameof(options));

            ExportFormat format = ExportFormatResolver.Resolve(options.Format, path);
            var fileOptions = new AtomicWriteOptions { NoClobber = options.NoClobber, Force = options.Force };
            List<CoverageRun>? history = options.HistoryPath == null ? null : new List<CoverageRun>(options.History ?? CoverageHistory.Read(options.HistoryPath));
            var counter = new CoverageRunCounter();
            IEnumerable<VantageComparison> counted = history == null ? rows : Counted(rows, counter);
            int written = 0;
            AtomicFileWriter.Write(path, stream =>
            {
                switch (format)
                {
                    case ExportFormat.Json:
                        written = GapJsonWriter.Write(stream, GapFilter.Select(counted, options.IncludeBoth), cancellationToken);
                        break;
                    case ExportFormat.Html:
                        IEnumerable<VantageComparison> pageRows = rows;
                        List<CoverageRun>? trend = null;
                        if (history != null)
                        {
                            // The page draws the trend with this run in it, so the run is counted before the page.
                            var all = new List<VantageComparison>();
                            foreach (VantageComparison row in counted)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                all.Add(row);
                            }
                            pageRows = all;
                            trend = history.Concat(new[] { counter.Run(options.GeneratedUtc) }).ToList();
                        }
                        written = GapHtmlWriter.Write(stream, pageRows, summaries, options.IncludeBoth, options.GeneratedUtc, trend, cancellationToken);
                        break;
                    default:
                        written = GapCsvWriter.Write(stream, GapFilter.Select(counted, options.IncludeBoth), options.Sanitize, cancellationToken);
                        break;
                }
            }, fileOptions, cancellationToken);
            if (history != null)
            {
                // The export is in place: its record follows even if the run is being stopped now, so the
                // history never lacks a report that exists; a failed or stopped export never got here.
                history.Add(counter.Run(options.GeneratedUtc));
                CoverageHistory.Write(options.HistoryPath!, history, options.Force, CancellationToken.None);
            }
            return new CoverageGapExportResult(System.IO.Path.GetFullPath(path), format, written);
        }

        private static IEnumerable<VantageComparison> Counted(IEnumerable<VantageComparison> rows, CoverageRunCounter counter)
        {
            foreach (VantageComparison row in rows)
            {
                if (row != null) counter.Add(row);
                yield return row!;
            }
        }

        /// <summary>The summary rows alone, as CSV or JSON (the HTML page already shows them).</summary>
        /// <exception cref="ArgumentException">Html was asked for, or resolved from the extension.</exception>
        public static CoverageGapExportResult WriteSummaries(string path, IEnumerable<VantageSummary> summaries,
            CoverageGapExportOptions options, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));
            if (options == null) throw new ArgumentNullException(nameof(options));

            ExportFormat format = ExportFormatResolver.Resolve(options.Format, path);
            if (format == ExportFormat.Html)
                throw new ArgumentException("The summary has no HTML form of its own: the coverage gap page includes it. Use Csv or Json.", nameof(options));
            var fileOptions = new AtomicWriteOptions { NoClobber = options.NoClobber, Force = options.Force };
            int written = 0;
            AtomicFileWriter.Write(path, stream =>
            {
                written = format == ExportFormat.Json
                    ? GapJsonWriter.Write(stream, summaries, cancellationToken)
                    : GapCsvWriter.Write(stream, summaries, options.Sanitize, cancellationToken);
            }, fileOptions, cancellationToken);
            return new CoverageGapExportResult(System.IO.Path.GetFullPath(path), format, written);
        }
    }
}
