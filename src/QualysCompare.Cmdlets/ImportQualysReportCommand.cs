using System;
using System.Diagnostics;
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
            var clock = Stopwatch.StartNew();
            var progress = new ProgressThrottle(this, 1, "Import-QualysReport");
            var options = new ImportOptions { Vantage = Vantage, CancellationToken = _cancel.Token, Warning = WriteWarning };
            ReportImport? import = null;
            int scanner = 0, agent = 0;
            try
            {
                import = ReportImport.Open(file, options);
                WriteVerbose($"{file}: detected {import.Format} ({import.EncodingName}).");
                foreach (var finding in import.ReadFindings())
                {
                    if (finding.Vantage == Engine.Model.Vantage.Agent) agent++; else scanner++;
                    WriteObject(finding);
                    progress.Report($"{System.IO.Path.GetFileName(file)}: {import.FindingCount:N0} findings, {import.BytesRead / 1048576:N0} of {import.TotalBytes / 1048576:N0} MB", import.BytesRead, import.TotalBytes);
                }
                WriteVerbose($"{file}: {import.Format}, {Describe(scanner, agent)}, {import.HostCount} hosts, {import.FindingCount} findings in {clock.Elapsed.TotalSeconds:0.00} s.");
            }
            catch (QualysReportException e)
            {
                WriteError(ErrorRecords.From(e, file));
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                WriteError(ErrorRecords.FromIo(e, file));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
            }
            finally
            {
                progress.Complete();
                import?.Dispose();
            }
        }

        private static string Describe(int scanner, int agent) =>
            scanner > 0 && agent > 0 ? $"vantage Scanner ({scanner}) and Agent ({agent})"
            : agent > 0 ? "vantage Agent" : scanner > 0 ? "vantage Scanner" : "no findings";

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
