using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// What an XML report says about one host. The XML readers collect a host's findings first
    /// and stamp these fields on them when the host element closes, because nothing obliges
    /// Qualys to write the identity elements before the detections.
    /// </summary>
    internal sealed class HostRecord
    {
        public string? IP { get; set; }
        public string? DnsName { get; set; }
        public string? NetBiosName { get; set; }
        public string? HostId { get; set; }
        public string? AgentId { get; set; }
        public string? TrackingMethod { get; set; }
        public string? OperatingSystem { get; set; }
        public DateTime? LastAssessed { get; set; }
        public List<QualysFinding> Findings { get; } = new List<QualysFinding>();

        public void ApplyTo(QualysFinding finding)
        {
            finding.IP = IP;
            finding.DnsName = DnsName;
            finding.NetBiosName = NetBiosName;
            finding.HostId = HostId;
            finding.AgentId = AgentId;
            finding.TrackingMethod = TrackingMethod;
            finding.OperatingSystem = OperatingSystem;
            finding.HostLastAssessed = LastAssessed;
        }

        /// <summary>Stamps the host on its findings and completes them (vantage, source, count).</summary>
        public List<QualysFinding> Complete(ReportReadContext context, Vantage inferred)
        {
            foreach (var finding in Findings)
            {
                ApplyTo(finding);
                context.Complete(finding, inferred);
            }
            return Findings;
        }
    }

    /// <summary>
    /// Records that a reader could not use or had to guess, reported once per kind at the end of
    /// the file with a count and the first line, so a damaged file yields one warning, not thousands.
    /// </summary>
    internal sealed class RecordProblems
    {
        private readonly Dictionary<string, (int Count, long FirstLine)> _seen = new Dictionary<string, (int, long)>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();

        public void Add(string what, long line)
        {
            if (_seen.TryGetValue(what, out var known)) _seen[what] = (known.Count + 1, known.FirstLine);
            else
            {
                _seen[what] = (1, line);
                _order.Add(what);
            }
        }

        public int Count(string what) => _seen.TryGetValue(what, out var known) ? known.Count : 0;

        public void Report(ReportReadContext context)
        {
            foreach (var what in _order)
            {
                var (count, line) = _seen[what];
                context.Warn(line > 0 ? $"{count} {what} (first at line {line})." : $"{count} {what}.");
            }
        }
    }

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
