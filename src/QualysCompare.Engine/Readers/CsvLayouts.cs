using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Recognises the table header row of each Qualys CSV layout by the names in it, wherever the
    /// metadata blocks put it (qualys-formats.md §0, §2, §5, §7). Columns are found by name, never
    /// by position, because report templates add, drop and reorder them.
    /// </summary>
    internal static class CsvLayouts
    {
        public static ReportFormat ClassifyHeader(IReadOnlyList<string> fields)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in fields) names.Add(f.Trim());

            if (names.Contains("VULN TITLE") && names.Contains("HOSTNAME") && names.Contains("QID")) return ReportFormat.PciScanCsv;
            if (names.Contains("QID") && names.Contains("Type Detected") && (names.Contains("Asset Name") || names.Contains("Asset IPV4") || names.Contains("Asset Id")))
                return ReportFormat.VmdrCsv;
            if (names.Contains("IP") && names.Contains("QID") && names.Contains("Tracking Method")) return ReportFormat.HostFindingsCsv;
            if (names.Contains("IP") && names.Contains("QID") && names.Contains("Title") && names.Contains("Type") && names.Contains("Severity"))
                return ReportFormat.ScanResultsCsv;
            return ReportFormat.Unknown;
        }

        /// <summary>
        /// Whether the first (up to three) records of a CSV are the metadata block every Qualys CSV
        /// report opens with (qualys-formats.md §2, §5, §7), or the start of it: the report title
        /// (Scan Results, Asset Vuln Datalist Report, or the template's name) with its date, the
        /// company's address, then the user's name, login and role.
        /// </summary>
        public static bool IsMetadataBlock(IReadOnlyList<IReadOnlyList<string>> records)
        {
            if (records.Count == 0) return false;
            string title = records[0].Count > 0 ? records[0][0].Trim() : string.Empty;
            if (title.Equals("Scan Results", StringComparison.OrdinalIgnoreCase) || title.Equals("Asset Vuln Datalist Report", StringComparison.OrdinalIgnoreCase))
                return true;
            return records.Count >= 2
                && records[0].Count >= 2 && records[0].Count <= 3 && LooksLikeADate(records[0][1])
                && records[1].Count >= 6 && records[1].Count <= 7
                && (records.Count < 3 || records[2].Count == 3);
        }

        private static bool LooksLikeADate(string text)
        {
            bool digit = false;
            foreach (char c in text) digit |= c >= '0' && c <= '9';
            return digit && (text.IndexOf('/') >= 0 || text.IndexOf(':') >= 0);
        }

        /// <summary>Maps header names to indexes; the first of a duplicated name wins, and the
        /// duplicates are reported so a caller can refuse an ambiguous file.</summary>
        public static Dictionary<string, int> MapColumns(IReadOnlyList<string> header, out List<string> duplicates)
        {
            var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            duplicates = new List<string>();
            for (int i = 0; i < header.Count; i++)
            {
                var name = header[i].Trim();
                if (name.Length == 0) continue;
                if (map.ContainsKey(name)) duplicates.Add(name);
                else map[name] = i;
            }
            return map;
        }
    }
}
