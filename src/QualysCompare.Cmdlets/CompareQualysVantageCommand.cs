using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
                PipelineInput.Take<QualysFinding>(this, InputObject, "InputObjectNotQualysFinding", Add);
                return;
            }
            var scanner = ResolveSide(Scanner, Vantage.Scanner);
            var agent = ResolveSide(Agent, Vantage.Agent);
            if (IsFilesOnly(scanner, out var scannerFiles) && IsFilesOnly(agent, out var agentFiles))
            {
                ImportSidesAtOnce(scannerFiles, agentFiles);
                return;
            }
            AddSide(scanner, Vantage.Scanner);
            AddSide(agent, Vantage.Agent);
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
                // Compare matches the hosts here, on the pipeline thread, the only one allowed to
                // write their warnings; the rows and their reasons are then built on another.
                foreach (var row in ReadAhead.Of(_comparer.Compare(), _cancel.Token)) WriteObject(row);
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
        /// parameter names is that side, whatever the file or the object says. Returns the side's
        /// findings and resolved file paths, in the order given.</summary>
        private List<object> ResolveSide(object[] items, Vantage side)
        {
            var parts = new List<object>(items.Length);
            foreach (var item in items)
            {
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case null:
                        break;
                    case QualysFinding finding:
                        parts.Add(finding);
                        break;
                    case FileInfo file:
                        parts.Add(file.FullName);
                        break;
                    case string path:
                        parts.AddRange(FilePathResolver.Resolve(this, new[] { path }, literal: false));
                        break;
                    default:
                        ThrowTerminatingError(new ErrorRecord(
                            new PSArgumentException($"-{side} takes QualysFinding objects or report paths, not {value.GetType().FullName}."),
                            "UnsupportedSideInput", ErrorCategory.InvalidArgument, value));
                        break;
                }
            }
            return parts;
        }

        private static bool IsFilesOnly(List<object> parts, out List<string> files)
        {
            files = new List<string>(parts.Count);
            foreach (var part in parts)
            {
                if (!(part is string file)) return false;
                files.Add(file);
            }
            return files.Count > 0;
        }

        private void AddSide(List<object> parts, Vantage side)
        {
            var selection = side == Vantage.Agent ? VantageSelection.Agent : VantageSelection.Scanner;
            foreach (var part in parts)
            {
                if (part is QualysFinding finding) Add(finding.Vantage == side ? finding : finding.WithVantage(side));
                else ImportFile((string)part, selection);
            }
        }

        /// <summary>
        /// Both sides are files: each side is read on a thread of its own while this thread, the
        /// only one PowerShell lets write, reports progress and passes on what the files said. The
        /// scanner's messages come as they happen and the agent's once the scanner side is done,
        /// so they arrive in the order a one-file-at-a-time import gives them.
        /// </summary>
        private void ImportSidesAtOnce(List<string> scannerFiles, List<string> agentFiles)
        {
            var import = new TwoSidedFileImport(_comparer, scannerFiles, agentFiles);
            var progress = new ProgressThrottle(this, 1, MyInvocation.MyCommand.Name);
            import.Start(_cancel.Token);
            try
            {
                // Looked at once before the first wait too: at the throttle's interval nothing is
                // due yet, and at the zero interval of the tests a bar shows however fast the read.
                do
                {
                    // Whether the scanner side is done is read before its messages are drained: read
                    // after, it could finish in between with a last message still queued, and the
                    // agent's messages would overtake it.
                    bool scannerDone = import.IsDone(Vantage.Scanner);
                    Relay(import, Vantage.Scanner);
                    if (scannerDone) Relay(import, Vantage.Agent);
                    if (progress.Due)
                    {
                        long findings = import.ScannerFindingCount + import.AgentFindingCount;
                        progress.Report($"{findings:N0} findings, {import.BytesRead / 1048576:N0} of {import.TotalBytes / 1048576:N0} MB", import.BytesRead, import.TotalBytes);
                    }
                }
                while (!import.WaitForCompletion(100));
                import.Completion.Wait();
            }
            catch (AggregateException e) when (_cancel.IsCancellationRequested && e.InnerExceptions.All(inner => inner is OperationCanceledException))
            {
                return;
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            finally
            {
                progress.Complete();
            }
            Relay(import, Vantage.Scanner);
            Relay(import, Vantage.Agent);
            _scannerFindings += (int)import.ScannerFindingCount;
            _agentFindings += (int)import.AgentFindingCount;
        }

        private void Relay(TwoSidedFileImport import, Vantage side)
        {
            while (import.TryTake(side, out var item))
            {
                switch (item.Kind)
                {
                    case FileImportEventKind.Opened:
                        WriteVerbose(ReportFileImporter.OpenedMessage(item.Path, item.Format, item.EncodingName));
                        break;
                    case FileImportEventKind.Warning:
                        WriteWarning(item.Message);
                        break;
                    case FileImportEventKind.Completed:
                        long scanner = side == Vantage.Agent ? 0 : item.FindingCount;
                        WriteVerbose(ReportFileImporter.CompletedMessage(item.Path, item.Format, scanner, item.FindingCount - scanner, item.HostCount, item.FindingCount, item.Elapsed));
                        break;
                    case FileImportEventKind.Failed:
                        WriteError(item.Error is QualysReportException report ? ErrorRecords.From(report, item.Path) : ErrorRecords.FromIo(item.Error!, item.Path));
                        break;
                }
            }
        }

        private void ImportFile(string file, VantageSelection selection)
        {
            try
            {
                ReportFileImporter.Import(this, file, selection, _cancel.Token, Add, _comparer.NeedsResults);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
            }
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
