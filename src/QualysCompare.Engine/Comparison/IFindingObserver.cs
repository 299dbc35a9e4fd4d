using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Implemented by a gap explainer that must read findings the comparison does not keep: the
    /// comparer hands it every finding as it is added, before any filter, with its text intact
    /// (the scanner's authentication QIDs are information-gathered and say what they say in their
    /// Results, which the comparison folds away).
    /// </summary>
    public interface IFindingObserver
    {
        void Observe(QualysFinding finding);
    }
}
