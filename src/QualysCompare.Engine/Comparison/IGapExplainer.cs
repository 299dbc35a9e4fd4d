using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Says why a finding was seen from one side only. The comparer calls it once per row it emits,
    /// after every comparison column is set, and before the row is handed on; the explainer fills
    /// Reason, ReasonDetail, ReasonSource and ScannerAuthentication.
    /// </summary>
    public interface IGapExplainer
    {
        /// <summary>
        /// QIDs the explainer must know about on every host even when the comparison leaves them out
        /// (the scanner's authentication QIDs are information-gathered). The comparer records, per
        /// host and side, which of them were reported and not Fixed; see <see cref="HostPair.ScannerReported"/>.
        /// Read once, when the comparer is created.
        /// </summary>
        IEnumerable<int> WatchedQids { get; }

        void Explain(VantageComparison row, HostPair pair);
    }

    /// <summary>The default explainer: leaves the Reason columns at None / Unknown.</summary>
    public sealed class NoGapExplainer : IGapExplainer
    {
        public static readonly NoGapExplainer Instance = new NoGapExplainer();

        private NoGapExplainer()
        {
        }

        public IEnumerable<int> WatchedQids => Array.Empty<int>();

        public void Explain(VantageComparison row, HostPair pair)
        {
        }
    }
}
