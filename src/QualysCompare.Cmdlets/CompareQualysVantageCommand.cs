using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
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
        private CmdletOutput _output = null!;
        private VantageComparer _comparer = new VantageComparer();
        private GapExplainer _explainer = new GapExplainer();
        private long _scannerFindings;
        private long _agentFindings;
        private BaselineInput? _baseline;

        /// <summary>QualysFinding objects; anything else is a non-terminating InputObjectNotQualysFinding error.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject? InputObject { get; set; }

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

        /// <summary>A CSV of accepted risks: HostName (FQDN, NetBIOS or IP), QID, Expires, Justification.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AcceptedRisk { get; set; }

        /// <summary>A previous run's gap export (CSV or JSON from Export-CoverageGap): fills Change, FirstSeen and DaysOpen.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Baseline { get; set; }

        protected override void BeginProcessing()
        {
            if (ParameterSetName == SidesSet && MyInvocation.ExpectingInput)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("Give the findings either through the pipeline (one mixed stream, split by each finding's Vantage) or through -Scanner and -Agent, not both."),
                    "CannotCombinePipelineAndSides", ErrorCategory.InvalidArgument, null));
            }
            _output = new CmdletOutput(this, 1, MyInvocation.MyCommand.Name);
            _baseline = BaselineInput.Start(this, Baseline, _cancel.Token);
            var knowledgeBase = LoadKnowledgeBase();
            _explainer = new GapExplainer(new ExplanationOptions { KnowledgeBase = knowledgeBase, StaleAfterDays = StaleAfterDays, AcceptedRisks = CompareInputs.ReadAcceptedRisks(this, AcceptedRisk) });
            _comparer = new VantageComparer(new ComparisonOptions
            {
                Explainer = _explainer,
                KnowledgeBase = knowledgeBase,
                IncludeInformational = IncludeInformational,
                IncludeFixed = IncludeFixed,
                MinimumSeverity = MinimumSeverity,
                Types = Type.Length == 0 ? null : Type,
                Output = _output,
            });
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PipelineSet)
            {
                PipelineInput.Take<QualysFinding>(this, InputObject, "InputObjectNotQualysFinding", Add);
                return;
            }
            var sides = new SideImport(_output, ImportOptions());
            var scanner = CompareInputs.ResolveSide(this, Scanner, sides.Scanner);
            var agent = CompareInputs.ResolveSide(this, Agent, sides.Agent);
            try
            {
                sides.Run(scanner, agent, _comparer.Add);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
                return;
            }
            catch (QualysReportException e)
            {
                // Before any row: nothing downstream (Export-CoverageGap) writes a file.
                ThrowTerminatingError(ErrorRecords.From(e, string.Join(", ", sides.Scanner.Named.Concat(sides.Agent.Named))));
            }
            _scannerFindings += sides.Scanner.Findings;
            _agentFindings += sides.Agent.Findings;
            _comparer.InputProblems = sides.Problems;
        }

        protected override void EndProcessing()
        {
            if (_scannerFindings == 0 || _agentFindings == 0)
            {
                WriteWarning(_scannerFindings == 0 && _agentFindings == 0
                    ? "No findings were given: there is nothing to compare."
                    : $"Only {(_scannerFindings == 0 ? "agent" : "scanner")} findings were given, so every host is {(_scannerFindings == 0 ? "AgentOnly" : "ScannerOnly")}. Pass both vantage points to compare them.");
            }
            if (_baseline != null) _comparer.History = _baseline.Finish(this, _output);
            WriteVerbose($"Comparing {_scannerFindings} scanner findings on {_comparer.ScannerHostCount} hosts with {_agentFindings} agent findings on {_comparer.AgentHostCount} hosts.");
            try
            {
                // Compare matches the hosts here, on the pipeline thread, the only one allowed to
                // write their warnings; the rows and their reasons are then built on another.
                foreach (var row in ReadAhead.Of(_comparer.Compare(), _cancel.Token)) WriteObject(row);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                return;
            }
            catch (QualysReportException e) when (_baseline != null && e.Path == _baseline.Path)
            {
                // Thrown before the first row: a baseline newer than the data.
                ThrowTerminatingError(ErrorRecords.From(e, _baseline.Path));
            }
            foreach (var warning in _explainer.Warnings()) WriteWarning(warning);
        }

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>A KnowledgeBase that cannot be read changes every reason, so it stops the command
        /// rather than letting it guess silently.</summary>
        private KnowledgeBase? LoadKnowledgeBase()
        {
            if (KnowledgeBase.Length == 0) return null;
            var (entries, files) = CompareInputs.SplitKnowledgeBase(this, KnowledgeBase);
            try
            {
                return new KnowledgeBaseLoader(_output, _cancel.Token).Load(files, entries);
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                ThrowTerminatingError(ErrorRecords.FromIo(e, (e as FileNotFoundException)?.FileName ?? string.Join(", ", files)));
            }
            return null;
        }

        private void Add(QualysFinding finding)
        {
            if (finding.Vantage == Vantage.Agent) _agentFindings++; else _scannerFindings++;
            _comparer.Add(finding);
        }

        private ImportOptions ImportOptions() => new ImportOptions { CancellationToken = _cancel.Token, NeedsResults = _comparer.NeedsResults };
    }
}
