using System;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Cmdlets
{
    /// <summary>Reads KNOWLEDGE_BASE_VULN_LIST_OUTPUT XML into KnowledgeBaseEntry objects.</summary>
    [Cmdlet(VerbsData.Import, "QualysKnowledgeBase", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(KnowledgeBaseEntry))]
    public sealed class ImportQualysKnowledgeBaseCommand : PSCmdlet
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

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (var file in FilePathResolver.Resolve(this, literal ? LiteralPath : Path, literal))
            {
                try
                {
                    int count = 0;
                    foreach (var entry in KnowledgeBaseReader.Read(file, new ImportOptions { CancellationToken = _cancel.Token, Warning = WriteWarning }))
                    {
                        WriteObject(entry);
                        count++;
                    }
                    WriteVerbose($"{file}: {count} KnowledgeBase entries.");
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
                    return;
                }
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
