using System;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Import;
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
        private KnowledgeBaseLoader _loader = null!;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        protected override void BeginProcessing() => _loader = new KnowledgeBaseLoader(new CmdletOutput(this, 1, MyInvocation.MyCommand.Name), _cancel.Token);

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            try
            {
                _loader.ReadEach(FilePathResolver.Resolve(this, literal ? LiteralPath : Path, literal), WriteObject);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
