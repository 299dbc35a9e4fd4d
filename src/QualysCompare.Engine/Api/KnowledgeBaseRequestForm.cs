using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// The form posted to the KnowledgeBase (action=list). The QIDs travel in the body as ranges
    /// ("1-5,9,100-120"): a long ids= in the URL is a known cause of "414 Request-URI Too Long".
    /// details=All, because Basic lacks DISCOVERY (REMOTE, AUTH_TYPE_LIST), which the reasons need.
    /// </summary>
    internal static class KnowledgeBaseRequestForm
    {
        /// <param name="ids">The QIDs to ask for, already compacted (<see cref="Ranges"/>); null asks for every QID.</param>
        /// <param name="modifiedAfter">last_modified_after: only entries Qualys changed since then.</param>
        /// <param name="idMin">Where the next page starts, as the previous one's WARNING said.</param>
        public static List<KeyValuePair<string, string>> For(string? ids, DateTime? modifiedAfter, string? idMin)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                Field("action", "list"),
                Field("details", "All"),
            };
            if (ids != null) form.Add(Field("ids", ids));
            if (modifiedAfter is DateTime after)
                form.Add(Field("last_modified_after", DetectionRequestForm.ToUtc(after).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            if (idMin != null) form.Add(Field("id_min", idMin));
            return form;
        }

        /// <summary>The form for the verbose log, with a long ids list shortened: thousands of
        /// ranges would bury every other line.</summary>
        public static string Text(IEnumerable<KeyValuePair<string, string>> form) =>
            string.Join("&", form.Select(p => p.Key + "=" + (p.Key == "ids" && p.Value.Length > 120 ? p.Value.Substring(0, 120) + "…" : p.Value)));

        /// <summary>Distinct QIDs, sorted, with each run of consecutive ones written as a range.</summary>
        public static string Ranges(IEnumerable<int> qids)
        {
            var sorted = qids.Distinct().OrderBy(q => q).ToList();
            var text = new StringBuilder();
            for (int i = 0; i < sorted.Count; i++)
            {
                int first = sorted[i];
                while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1) i++;
                if (text.Length > 0) text.Append(',');
                text.Append(first.ToString(CultureInfo.InvariantCulture));
                if (sorted[i] != first) text.Append('-').Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }

        private static KeyValuePair<string, string> Field(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
