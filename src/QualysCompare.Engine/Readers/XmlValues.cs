using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>Value conversions the three XML readers share.</summary>
    internal static class XmlValues
    {
        public const string SkippedWithoutQid = "detection(s) without a valid QID were skipped";
        public const string TypeMissing = "detection(s) had no recognisable type and were taken as Confirmed";

        /// <summary>A QID is a positive integer; anything else cannot be compared and is skipped.</summary>
        public static int? Qid(string? text)
        {
            int? qid = Vocabulary.ParseInt(text);
            return qid > 0 ? qid : null;
        }

        /// <summary>
        /// FindingType has no "unknown"; a detection whose type is missing (HLD outputs that omit
        /// it, edge case 14 in qualys-formats.md) is kept as Confirmed, the default Qualys reports,
        /// and counted so the admin is told.
        /// </summary>
        public static FindingType TypeOrConfirmed(string? text, RecordProblems problems, long line)
        {
            var type = Vocabulary.ParseType(text);
            if (type.HasValue) return type.Value;
            problems.Add(TypeMissing, line);
            return FindingType.Confirmed;
        }

        /// <summary>Joins CVE IDs collected one per element, dropping repeats, as "a; b".</summary>
        public static string? Cves(List<string> ids)
        {
            if (ids.Count == 0) return null;
            var unique = new List<string>(ids.Count);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var id in ids)
            {
                if (seen.Add(id)) unique.Add(id);
            }
            return Vocabulary.JoinCves(string.Join(",", unique));
        }

        /// <summary>Reads CVE_ID_LIST/CVE_ID/ID (SCAN and ASSET_DATA_REPORT glossary) into <paramref name="into"/>.</summary>
        public static void ReadCveIdList(XmlWalker xml, List<string> into)
        {
            foreach (var cve in xml.Children())
            {
                if (cve != "CVE_ID") continue;
                foreach (var part in xml.Children())
                {
                    if (part != "ID") continue;
                    var id = Vocabulary.Clean(xml.Text());
                    if (id != null) into.Add(id);
                }
            }
        }
    }
}
