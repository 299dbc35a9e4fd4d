using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Says how each row stands against an earlier run (-Baseline). Declared here so the comparer
    /// can call it without knowing how a baseline is read; the Baselines layer implements it.
    /// </summary>
    public interface IGapHistory
    {
        /// <summary>Called once, on the thread that starts the comparison, after the hosts are
        /// matched and before the first row: the last moment a failure can stop the run without
        /// a partial report.</summary>
        /// <param name="pairs">This run's machines, as the rows will name them.</param>
        /// <param name="dataDate">This run's <see cref="VantageComparison.DataDate"/>.</param>
        void Begin(IReadOnlyList<HostPair> pairs, DateTime? dataDate);

        /// <summary>Fills the change columns of one row, after the explainer has set its Action.</summary>
        void Annotate(VantageComparison row, HostPair pair);

        /// <summary>The earlier run's gaps that no row matched, once every row has been annotated.</summary>
        IEnumerable<VantageComparison> Closed();
    }
}
