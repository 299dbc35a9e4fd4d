using System;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Readers
{
    public sealed class ImportOptions
    {
        public VantageSelection Vantage { get; set; } = VantageSelection.Auto;
        public CancellationToken CancellationToken { get; set; }

        /// <summary>Receives warnings (ambiguous or suspicious data) that do not stop the import.</summary>
        public IEngineOutput Output { get; set; } = NullEngineOutput.Instance;

        /// <summary>
        /// Asked with each finding's QID and title (as read) whether its Results text is wanted;
        /// when it says no, Results stays null. Results is the largest field of most rows, and a
        /// comparison reads it for a handful of QIDs only. Null (the default) keeps every Results text.
        /// </summary>
        public Func<int, string?, bool>? NeedsResults { get; set; }
    }
}
