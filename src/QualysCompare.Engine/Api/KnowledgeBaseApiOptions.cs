using System.Collections.Generic;

namespace QualysCompare.Engine.Api
{
    /// <summary>Everything one KnowledgeBase download needs.</summary>
    public sealed class KnowledgeBaseApiOptions
    {
        /// <summary>The server, credential, API version, limits, output and cancellation, exactly as
        /// for the detection pull; its detection filters (TrackingMethod, Status, DetectionUpdatedSince,
        /// IncludeResults, TruncationLimit, OutFolder) do not apply here and are ignored.</summary>
        public QualysApiOptions Connection { get; set; } = new QualysApiOptions();

        /// <summary>Only these QIDs (sent as ranges in the POST body); empty asks for the whole KnowledgeBase.</summary>
        public IList<int> Qids { get; set; } = new List<int>();

        /// <summary>A KnowledgeBase file kept between runs: filled by the first, refreshed by later
        /// ones with only what Qualys changed since, plus the QIDs it lacks. Rooted.</summary>
        public string? CachePath { get; set; }
    }
}
