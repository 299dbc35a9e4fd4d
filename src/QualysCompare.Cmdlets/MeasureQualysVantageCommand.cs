using System;
using System.Management.Automation;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;

namespace QualysCompare.Cmdlets
{
    /// <summary>Sums comparison rows into one VantageSummary per machine, and a total.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "QualysVantage")]
    [OutputType(typeof(VantageSummary))]
    public sealed class MeasureQualysVantageCommand : PSCmdlet
    {
        private readonly VantageSummarizer _summarizer = new VantageSummarizer();

        /// <summary>VantageComparison rows; anything else is a non-terminating InputObjectNotVantageComparison error.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject? InputObject { get; set; }

        /// <summary>Only the total row, for a one-line answer to "how big is the gap".</summary>
        [Parameter]
        public SwitchParameter Total { get; set; }

        protected override void ProcessRecord()
        {
            PipelineInput.Take<VantageComparison>(this, InputObject, "InputObjectNotVantageComparison", _summarizer.Add);
        }

        protected override void EndProcessing()
        {
            foreach (var summary in _summarizer.Summaries())
            {
                if (Total && summary.Scope != SummaryScope.Total) continue;
                WriteObject(summary);
            }
        }
    }
}
