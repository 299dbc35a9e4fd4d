using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Implemented by a gap explainer that must read findings the comparison does not keep: the
    /// comparer hands it every finding of <see cref="ObservedVantage"/> as it is added, before any
    /// filter, with its text intact (the scanner's authentication QIDs are information-gathered and
    /// say what they say in their Results, which the comparison folds away).
    /// </summary>
    public interface IFindingObserver
    {
        /// <summary>The one side whose findings <see cref="Observe"/> reads. The comparer calls it
        /// for that side only, and one side's findings come from one thread at a time, so the two
        /// import threads share nothing through it and need no lock.</summary>
        Vantage ObservedVantage { get; }

        void Observe(QualysFinding finding);

        /// <summary>Whether <see cref="Observe"/> reads the Results text of a finding with this QID
        /// and title. A reader told no leaves Results empty, which saves most of an import's memory.</summary>
        bool NeedsResults(int qid, string? title);
    }
}
