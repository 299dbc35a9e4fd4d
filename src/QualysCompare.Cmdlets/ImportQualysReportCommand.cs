using System;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Cmdlets
{
    /// <summary>Reads Qualys exports of either vantage point into QualysFinding objects.</summary>
    [Cmdlet(VerbsData.Import, "QualysReport", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(QualysFinding))]
    public sealed class ImportQualysReportCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        [Parameter]
        public VantageSelection Vantage { get; set; } = VantageSelection.Auto;

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (var file in FilePathResolver.Resolve(this, literal ? LiteralPath : Path, literal))
            {
                ImportFile(file);
            }
        }

        private void ImportFile(string file)
        {
            try
            {
                ReportFileImporter.Import(this, file, Vantage, _cancel.Token, WriteObject);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
