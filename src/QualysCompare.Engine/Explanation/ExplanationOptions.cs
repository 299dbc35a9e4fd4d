using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>Settings for explaining gaps. The cmdlet maps -KnowledgeBase and -StaleAfterDays here.</summary>
    public sealed class ExplanationOptions
    {
        /// <summary>QID facts; without it the documented heuristics decide (ReasonSource Heuristic).</summary>
        public KnowledgeBase? KnowledgeBase { get; set; }

        /// <summary>Agent data older than this many days before the scan (or before <see cref="Now"/>)
        /// counts as stale; scanner data older than this before <see cref="Now"/> is warned about.</summary>
        public int StaleAfterDays { get; set; } = 30;

        /// <summary>Accepted risks (-AcceptedRisk): entries in force on the day of <see cref="Now"/>
        /// make their rows Accepted with Action None.</summary>
        public IReadOnlyList<AcceptedRisk>? AcceptedRisks { get; set; }

        /// <summary>The present moment, in UTC; null means the clock. Tests pin it.</summary>
        public DateTime? Now { get; set; }
    }
}
