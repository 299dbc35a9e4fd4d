using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;

namespace QualysCompare.Cmdlets
{
    /// <summary>Writes comparison rows to a CSV, JSON or HTML report, atomically.</summary>
    [Cmdlet(VerbsData.Export, "CoverageGap", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCoverageGapCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly List<VantageComparison> _rows = new List<VantageComparison>();
        private string _fullPath = string.Empty;
        private bool _approved;

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

        protected override void BeginProcessing()
        {
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var format = ExportFormatResolver.Resolve(MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (ExportFormat?)null, _fullPath);
            // One question per file, as Export-Csv asks: -WhatIf then writes nothing at all.
            _approved = ShouldProcess(_fullPath, $"Write the coverage-gap report as {format}");
        }

        protected override void ProcessRecord()
        {
            if (!_approved) return;
            PipelineInput.Take<VantageComparison>(this, InputObject, "InputObjectNotVantageComparison", _rows.Add);
        }

        protected override void EndProcessing()
        {
            if (!_approved) return;
            var options = new CoverageGapExportOptions
            {
                Format = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : (ExportFormat?)null,
                IncludeBoth = IncludeBoth,
                Sanitize = !NoSanitize,
                NoClobber = NoClobber,
                Force = Force,
                GeneratedUtc = DateTime.UtcNow,
            };
            try
            {
                var result = CoverageGapExport.Write(_fullPath, _rows, VantageSummarizer.Summarize(_rows), options, _cancel.Token);
                WriteVerbose($"Wrote {result.RowsWritten} rows as {result.Format} to {result.Path}.");
                if (PassThru) WriteObject(new FileInfo(result.Path));
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, _fullPath));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
