// Also compiled by tests/Pester (Add-Type), which has no project settings: hence the pragma.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace QualysCompare.Testing
{
    /// <summary>
    /// The KnowledgeBase endpoint of the fake server, answering from a recorded response
    /// (tests/fixtures/api/knowledgebase-vuln-list.xml): its prolog, DOCTYPE and comments are kept,
    /// and its VULNs are picked by the ids, last_modified_after, id_min and id_max fields of the
    /// POST body, in QID order, PageSize at a time with Qualys's paging WARNING after a full page.
    /// Query-string fields are ignored, as the client must never send ids there.
    /// </summary>
    public sealed class FakeKnowledgeBase
    {
        public const string Endpoint = "/api/2.0/fo/knowledge_base/vuln/";

        private static readonly Regex VulnPattern = new Regex(@"  <VULN>\s*<QID>(\d+)</QID>.*?</VULN>\r?\n", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        private static readonly Regex ModifiedPattern = new Regex(@"<LAST_SERVICE_MODIFICATION_DATETIME>([^<]*)</LAST_SERVICE_MODIFICATION_DATETIME>", RegexOptions.CultureInvariant);
        private static readonly Regex TitlePattern = new Regex(@"<TITLE>.*?</TITLE>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private readonly object _gate = new object();
        private readonly string _head;
        private readonly string _tail;
        private readonly SortedDictionary<int, string> _vulns = new SortedDictionary<int, string>();

        public FakeKnowledgeBase(string recorded)
        {
            int listStart = recorded.IndexOf("<VULN_LIST>", StringComparison.Ordinal) + "<VULN_LIST>".Length;
            int listEnd = recorded.IndexOf("</VULN_LIST>", StringComparison.Ordinal);
            _head = recorded.Substring(0, listStart) + "\n";
            _tail = recorded.Substring(listEnd);
            foreach (Match m in VulnPattern.Matches(recorded.Substring(listStart, listEnd - listStart)))
                _vulns[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)] = m.Value;
        }

        /// <summary>Where the recorded response is; Pester sets it, as its compiled copy has no base directory of the tests.</summary>
        public static string FixturePath { get; set; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "api", "knowledgebase-vuln-list.xml");

        public static FakeKnowledgeBase FromFixture() => new FakeKnowledgeBase(File.ReadAllText(FixturePath));

        /// <summary>VULNs per answer; a fuller answer ends with the paging WARNING.</summary>
        public int PageSize { get; set; } = 1000;

        public IReadOnlyList<int> Qids
        {
            get { lock (_gate) return _vulns.Keys.ToList(); }
        }

        public static bool Serves(RecordedRequest request) => request.Target.StartsWith(Endpoint, StringComparison.Ordinal);

        /// <summary>The newest LAST_SERVICE_MODIFICATION_DATETIME of the recorded VULNs.</summary>
        public DateTime Newest
        {
            get { lock (_gate) return _vulns.Values.Select(Modified).Max(); }
        }

        /// <summary>Qualys changes an entry: its title and modification time.</summary>
        public void Revise(int qid, string title, DateTime modified)
        {
            lock (_gate)
            {
                string vuln = TitlePattern.Replace(_vulns[qid], "<TITLE><![CDATA[" + title + "]]></TITLE>");
                _vulns[qid] = ModifiedPattern.Replace(vuln, "<LAST_SERVICE_MODIFICATION_DATETIME>" + Iso(modified) + "</LAST_SERVICE_MODIFICATION_DATETIME>");
            }
        }

        public ScriptedResponse Answer(RecordedRequest request)
        {
            var ranges = request.Field("ids") is string ids ? Ranges(ids) : null;
            DateTime? after = request.Field("last_modified_after") is string a
                ? DateTime.Parse(a, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                : (DateTime?)null;
            int idMin = request.Field("id_min") is string min ? int.Parse(min, CultureInfo.InvariantCulture) : int.MinValue;
            int idMax = request.Field("id_max") is string max ? int.Parse(max, CultureInfo.InvariantCulture) : int.MaxValue;
            List<KeyValuePair<int, string>> picked;
            lock (_gate)
            {
                picked = _vulns.Where(v => v.Key >= idMin && v.Key <= idMax
                        && (ranges == null || ranges.Any(r => v.Key >= r.Key && v.Key <= r.Value))
                        && (after == null || Modified(v.Value) > after.Value))
                    .ToList();
            }
            var page = picked.Take(PageSize).ToList();
            var x = new StringBuilder(_head);
            foreach (var v in page) x.Append(v.Value);
            if (picked.Count > page.Count)
            {
                // Qualys closes VULN_LIST before the WARNING; the recorded tail closes it again, so
                // the WARNING goes after VULN_LIST, inside RESPONSE, as the format guide says.
                string rest = _tail.Substring("</VULN_LIST>".Length);
                x.Append("</VULN_LIST>\n    <WARNING>\n      <CODE>1980</CODE>\n      <TEXT>").Append(PageSize)
                    .Append(" record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL><![CDATA[")
                    .Append(HostDetectionPages.RecordedHost).Append(Endpoint).Append("?action=list&details=All&id_min=")
                    .Append(picked[page.Count].Key.ToString(CultureInfo.InvariantCulture)).Append("]]></URL>\n    </WARNING>")
                    .Append(rest);
            }
            else
            {
                x.Append(_tail);
            }
            return ScriptedResponse.Xml(x.ToString());
        }

        /// <summary>"1-5,9,100-120" as inclusive ranges.</summary>
        public static List<KeyValuePair<int, int>> Ranges(string ids) =>
            ids.Split(',').Select(part =>
            {
                var bounds = part.Trim().Split('-');
                int low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                int high = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
                return new KeyValuePair<int, int>(low, high);
            }).ToList();

        private static DateTime Modified(string vuln) =>
            DateTime.Parse(ModifiedPattern.Match(vuln).Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        private static string Iso(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
