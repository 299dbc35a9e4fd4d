using System;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Import;
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
        private FileImporter _importer = null!;

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

        protected override void BeginProcessing() => _importer = new FileImporter(new CmdletOutput(this, 1, MyInvocation.MyCommand.Name));

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            var files = FilePathResolver.Resolve(this, literal ? LiteralPath : Path, literal);
            try
            {
                _importer.Import(files, new ImportOptions { Vantage = Vantage, CancellationToken = _cancel.Token }, WriteObject);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
