using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// One QID as the Qualys KnowledgeBase describes it. Flat and scalar (lists joined with "; ")
    /// so that it goes straight to Export-Csv; only what explains a coverage gap is kept, not the
    /// long diagnosis and solution texts.
    /// </summary>
    public sealed class KnowledgeBaseEntry
    {
        public int QID { get; set; }
        public string? Title { get; set; }
        public FindingType? VulnType { get; set; }
        public int? Severity { get; set; }
        public string? Category { get; set; }
        public bool? Patchable { get; set; }

        /// <summary>DISCOVERY/REMOTE: true when an unauthenticated network scan can detect the QID,
        /// false when it needs a login or an agent, null when the entry does not say.</summary>
        public bool? RemoteDetectable { get; set; }

        /// <summary>DISCOVERY/AUTH_TYPE_LIST: the logins ("Windows; Unix") that let a scan detect it.</summary>
        public string? AuthTypes { get; set; }

        public string? CveIds { get; set; }
        public DateTime? PublishedDate { get; set; }

        /// <summary>LAST_SERVICE_MODIFICATION_DATETIME, in UTC.</summary>
        public DateTime? LastModified { get; set; }

        public double? CvssBase { get; set; }
        public double? Cvss3Base { get; set; }
        public string? SourceFile { get; set; }

        public override string ToString() => $"QID {QID}: {Title}";
    }
}
