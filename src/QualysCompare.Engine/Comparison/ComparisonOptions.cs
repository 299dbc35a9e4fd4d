using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Comparison
{
    public sealed class ComparisonOptions
    {
        /// <summary>Keep information-gathered QIDs (Type Information). They describe the host
        /// rather than a weakness, and each side gathers different ones, so by default they are left
        /// out. Naming Information in <see cref="Types"/> includes them too.</summary>
        public bool IncludeInformational { get; set; }

        /// <summary>Count detections with Status Fixed as present. By default a Fixed detection is
        /// absent: a QID the agent reports Fixed while the scanner still sees it is ScannerOnly with
        /// AgentStatus Fixed.</summary>
        public bool IncludeFixed { get; set; }

        /// <summary>Leave out rows whose severity is lower, or unknown. 1 or null: no limit.</summary>
        public int? MinimumSeverity { get; set; }

        /// <summary>Keep only rows where a side that saw the QID reported it as one of these types.
        /// Null or empty: every type.</summary>
        public ICollection<FindingType>? Types { get; set; }

        /// <summary>Fills the Reason columns of each row. Default: leaves them empty.</summary>
        public IGapExplainer? Explainer { get; set; }

        /// <summary>QID facts that fill a row's Title, Category, Severity and CVEs where the findings
        /// lack them (Host List Detection carries none), before the severity and type filters judge it.</summary>
        public KnowledgeBase? KnowledgeBase { get; set; }

        /// <summary>Receives ambiguities the matcher refused to decide.</summary>
        public IEngineOutput Output { get; set; } = NullEngineOutput.Instance;
    }
}
