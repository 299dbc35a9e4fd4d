using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Model;

namespace QualysCompare.Cmdlets
{
    /// <summary>Pairs scanner and agent hosts and writes one VantageComparison per (machine, QID).</summary>
    [Cmdlet(VerbsData.Compare, "QualysVantage", DefaultParameterSetName = PipelineSet)]
    [OutputType(typeof(VantageComparison))]
    public sealed class CompareQualysVantageCommand : PSCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string SidesSet = "Sides";

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private VantageComparer _comparer = new VantageComparer();
        private GapExplainer _explainer = new GapExplainer();
        private int _scannerFindings;
        private int _agentFindings;

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        [AllowEmptyCollection]
        public QualysFinding[] InputObject { get; set; } = Array.Empty<QualysFinding>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SidesSet)]
        [ValidateNotNullOrEmpty]
        public object[] Scanner { get; set; } = Array.Empty<object>();

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SidesSet)]
        [ValidateNotNullOrEmpty]
        public object[] Agent { get; set; } = Array.Empty<object>();

        [Parameter]
        public SwitchParameter IncludeInformational { get; set; }

        [Parameter]
        public SwitchParameter IncludeFixed { get; set; }

        [Parameter]
        [ValidateRange(1, 5)]
        public int MinimumSeverity { get; set; } = 1;

        [Parameter]
        public FindingType[] Type { get; set; } = Array.Empty<FindingType>();

        /// <summary>KnowledgeBase files, or KnowledgeBaseEntry objects from Import-QualysKnowledgeBase.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[] KnowledgeBase { get; set; } = Array.Empty<object>();

        [Parameter]
        [ValidateRange(1, 3650)]
        public int StaleAfterDays { get; set; } = 30;

        protected override void BeginProcessing()
        {
            if (ParameterSetName == SidesSet && MyInvocation.ExpectingInput)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("Give the findings either through the pipeline (one mixed stream, split by each finding's Vantage) or through -Scanner and -Agent, not both."),
                    "CannotCombinePipelineAndSides", ErrorCategory.InvalidArgument, null));
            }
            _explainer = new GapExplainer(new ExplanationOptions { KnowledgeBase = LoadKnowledgeBase(), StaleAfterDays = StaleAfterDays });
            _comparer = new VantageComparer(new ComparisonOptions
            {
                Explainer = _explainer,
                IncludeInformational = IncludeInformational,
                IncludeFixed = IncludeFixed,
                MinimumSeverity = MinimumSeverity,
                Types = Type.Length == 0 ? null : Type,
                Warning = WriteWarning,
            });
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PipelineSet)
            {
                foreach (var finding in InputObject)
                {
                    if (finding != null) Add(finding);
                }
                return;
            }
            AddSide(Scanner, Vantage.Scanner);
            AddSide(Agent, Vantage.Agent);
        }

        protected override void EndProcessing()
        {
            if (_scannerFindings == 0 || _agentFindings == 0)
            {
                WriteWarning(_scannerFindings == 0 && _agentFindings == 0
                    ? "No findings were given: there is nothing to compare."
                    : $"Only {(_scannerFindings == 0 ? "agent" : "scanner")} findings were given, so every host is {(_scannerFindings == 0 ? "AgentOnly" : "ScannerOnly")}. Pass both vantage points to compare them.");
            }
            WriteVerbose($"Comparing {_scannerFindings} scanner findings on {_comparer.ScannerHostCount} hosts with {_agentFindings} agent findings on {_comparer.AgentHostCount} hosts.");
            try
            {
                foreach (var row in _comparer.Compare())
                {
                    _cancel.Token.ThrowIfCancellationRequested();
                    WriteObject(row);
                }
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                return;
            }
            foreach (var warning in _explainer.Warnings()) WriteWarning(warning);
        }

        /// <summary>A KnowledgeBase that cannot be read changes every reason, so it stops the command
        /// rather than letting it guess silently.</summary>
        private Engine.Model.KnowledgeBase? LoadKnowledgeBase()
        {
            if (KnowledgeBase.Length == 0) return null;
            var knowledgeBase = new Engine.Model.KnowledgeBase();
            foreach (var item in KnowledgeBase)
            {
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case KnowledgeBaseEntry entry:
                        knowledgeBase.Add(entry);
                        break;
                    case FileInfo file:
                        Load(knowledgeBase, file.FullName);
                        break;
                    case string path:
                        foreach (var file in FilePathResolver.Resolve(this, new[] { path }, literal: false)) Load(knowledgeBase, file);
                        break;
                    default:
                        ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException($"-KnowledgeBase takes KnowledgeBaseEntry objects or KnowledgeBase file paths, not {value?.GetType().FullName ?? "null"}."),
                            "UnsupportedKnowledgeBaseInput", ErrorCategory.InvalidArgument, value));
                        break;
                }
            }
            WriteVerbose($"KnowledgeBase: {knowledgeBase.Count} QIDs.");
            return knowledgeBase;
        }

        private void Load(Engine.Model.KnowledgeBase knowledgeBase, string file)
        {
            try
            {
                foreach (var entry in KnowledgeBaseReader.Read(file, new Engine.Readers.ImportOptions { CancellationToken = _cancel.Token, Warning = WriteWarning }))
                    knowledgeBase.Add(entry);
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, file));
            }
        }

        private void Add(QualysFinding finding)
        {
            if (finding.Vantage == Vantage.Agent) _agentFindings++; else _scannerFindings++;
            _comparer.Add(finding);
        }

        /// <summary>-Scanner and -Agent take findings, paths (wildcards allowed) or files; what a
        /// parameter names is that side, whatever the file or the object says.</summary>
        private void AddSide(object[] items, Vantage side)
        {
            var selection = side == Vantage.Agent ? VantageSelection.Agent : VantageSelection.Scanner;
            foreach (var item in items)
            {
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case null:
                        break;
                    case QualysFinding finding:
                        Add(finding.Vantage == side ? finding : finding.WithVantage(side));
                        break;
                    case FileInfo file:
                        ImportFile(file.FullName, selection);
                        break;
                    case string path:
                        foreach (var file in FilePathResolver.Resolve(this, new[] { path }, literal: false))
                            ImportFile(file, selection);
                        break;
                    default:
                        ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException($"-{side} takes QualysFinding objects or report paths, not {value.GetType().FullName}."),
                            "UnsupportedSideInput", ErrorCategory.InvalidArgument, value));
                        break;
                }
            }
        }

        private void ImportFile(string file, VantageSelection selection)
        {
            try
            {
                ReportFileImporter.Import(this, file, selection, _cancel.Token, Add);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
