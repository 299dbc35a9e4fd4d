using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;

namespace QualysCompare.Cmdlets
{
    /// <summary>Writes comparison rows to a CSV, JSON or HTML report, atomically.</summary>
    [Cmdlet(VerbsData.Export, "CoverageGap", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCoverageGapCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private CoverageGapExportWriter? _writer;
        private string _fullPath = string.Empty;

        /// <summary>VantageComparison rows; anything else is a non-terminating InputObjectNotVantageComparison error.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter]
        public ExportFormat Format { get; set; }

        [Parameter]
        public SwitchParameter IncludeBoth { get; set; }

        [Parameter]
        public SwitchParameter NoSanitize { get; set; }

        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The run history (a CSV) that gets one record for this run once the export is written.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HistoryPath { get; set; }

        protected override void BeginProcessing()
        {
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            ExportFormat? format = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (ExportFormat?)null;
            ExportFormat resolved = ExportFormat.Csv;
            try
            {
                resolved = ExportFormatResolver.Resolve(format, _fullPath);
            }
            catch (ExportExtensionException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, _fullPath));
            }
            string? historyPath = HistoryPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(HistoryPath);
            System.Collections.Generic.IReadOnlyList<CoverageRun>? history = null;
            if (historyPath != null)
            {
                if (string.Equals(System.IO.Path.GetFullPath(historyPath), System.IO.Path.GetFullPath(_fullPath), StringComparison.OrdinalIgnoreCase))
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{historyPath}: -HistoryPath names the export itself; give the history a file of its own."),
                        "CoverageGapHistoryIsExport", ErrorCategory.InvalidArgument, historyPath));
                try
                {
                    // Read first: a history that cannot be extended stops the run before it writes anything.
                    history = CoverageHistory.Read(historyPath);
                }
                catch (QualysReportException e)
                {
                    ThrowTerminatingError(ErrorRecords.From(e, historyPath));
                }
            }
            // One question per file, as Export-Csv asks: -WhatIf then writes nothing at all.
            string action = $"Write the coverage-gap report as {resolved}" + (historyPath == null ? string.Empty : $" and add this run to the history {historyPath}");
            if (!ShouldProcess(_fullPath, action)) return;
            _writer = new CoverageGapExportWriter(_fullPath, new CoverageGapExportOptions
            {
                Format = format,
                IncludeBoth = IncludeBoth,
                Sanitize = !NoSanitize,
                NoClobber = NoClobber,
                Force = Force,
                GeneratedUtc = DateTime.UtcNow,
                HistoryPath = historyPath,
                History = history,
            }, _cancel.Token);
        }

        protected override void ProcessRecord()
        {
            if (_writer == null) return;
            PipelineInput.Take<VantageComparison>(this, InputObject, "InputObjectNotVantageComparison", Add);
        }

        protected override void EndProcessing()
        {
            if (_writer == null) return;
            CoverageGapExportResult result;
            try
            {
                result = _writer.Complete();
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, _fullPath));
                return;
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                return;
            }
            WriteVerbose($"Wrote {result.RowsWritten} rows as {result.Format} to {result.Path}."
                + (HistoryPath == null ? string.Empty : " Added this run to the history."));
            if (PassThru) WriteObject(new FileInfo(result.Path));
        }

        /// <summary>Whatever ended the pipeline early, an export that did not complete leaves no file.</summary>
        public void Dispose()
        {
            _writer?.Dispose();
            _cancel.Dispose();
        }

        private void Add(VantageComparison row)
        {
            try
            {
                _writer!.Add(row);
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, _fullPath));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // Stopping: the pipeline ends and Dispose abandons the file.
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
