using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>Every finding to act on, grouped by owner and action; then the accepted risks.</summary>
    public static partial class GapHtmlWriter
    {
        private static void WriteWork(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            w.WriteLine("<h2 id=\"work\">Findings to act on (" + N(page.Work.Count) + ")</h2>");
            if (page.Work.Count == 0)
            {
                w.WriteLine("<p>Nothing to act on: every gap in this report is expected by design or an accepted risk.</p>");
                return;
            }
            w.WriteLine("<p class=\"note\">Every finding with an action, grouped by owner and action, highest severity first."
                + " Each group first gives its evidence, once per wording and with the machines it concerns (\"this QID\" stands for each finding's own QID), then its findings.</p>");
            foreach (GapOwner owner in Owners)
            {
                List<VantageComparison> owned = page.Work.Where(row => row.Action.Owner() == owner).ToList();
                if (owned.Count == 0) continue;
                w.WriteLine("<h3 id=\"owner-" + owner + "\">" + OwnerText(owner) + ": " + Count(owned.Count, "finding") + "</h3>");
                foreach (GapAction action in ActionsByUrgency.Where(action => action.Owner() == owner))
                {
                    List<VantageComparison> rows = SortedBySeverity(owned.Where(row => row.Action == action));
                    if (rows.Count == 0) continue;
                    int machines = rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
                    w.WriteLine("<h4 id=\"action-" + action + "\">" + ActionText(action) + ": " + Count(rows.Count, "finding") + " on " + Count(machines, "machine") + "</h4>");
                    w.WriteLine("<p class=\"todo\">" + HtmlText.Encode(ToDo(action)) + "</p>");
                    WriteEvidence(w, rows, action);
                    WriteFindings(w, rows, action, cancellationToken);
                }
            }
            // Other work-like rows: an action outside the known ones has no owner section; none exist today.
            List<VantageComparison> unowned = page.Work.Where(row => Array.IndexOf(Owners, row.Action.Owner()) < 0).ToList();
            if (unowned.Count > 0)
            {
                w.WriteLine("<h3 id=\"owner-None\">No owner: " + Count(unowned.Count, "finding") + "</h3>");
                WriteFindings(w, SortedBySeverity(unowned), GapAction.None, cancellationToken);
            }
        }

        /// <summary>The group's evidence, once per wording: rows whose detail differs only by their own QID
        /// share a line, whichever machines they are on.</summary>
        private static void WriteEvidence(TextWriter w, List<VantageComparison> rows, GapAction action)
        {
            var entries = new Dictionary<string, EvidenceEntry>(StringComparer.Ordinal);
            foreach (VantageComparison row in rows)
            {
                string text = SharedEvidence(row);
                if (!entries.TryGetValue(text, out EvidenceEntry? entry)) entries.Add(text, entry = new EvidenceEntry(text, row));
                entry.Add(row);
            }
            w.WriteLine(FixedTable("evidence evidence-" + action, 64, 28, 8));
            w.WriteLine("<thead><tr><th>Evidence</th><th>Machines</th><th class=\"num\">Findings</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (EvidenceEntry entry in entries.Values
                .OrderByDescending(entry => entry.Findings)
                .ThenBy(entry => entry.Text, StringComparer.Ordinal))
            {
                // One finding: its own words, QID and all.
                string text = entry.Findings == 1 ? entry.First.ReasonDetail ?? entry.Text : entry.Text;
                w.WriteLine("<tr><td>" + HtmlText.Encode(text) + "</td><td class=\"host\">" + entry.MachinesHtml() + "</td>" + NumberCell(entry.Findings) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private sealed class EvidenceEntry
        {
            /// <summary>More machines than this are counted rather than named: the findings below name them.</summary>
            private const int NamedMachines = 3;

            private readonly SortedDictionary<string, string> _machines = new SortedDictionary<string, string>(StringComparer.Ordinal);

            public EvidenceEntry(string text, VantageComparison first)
            {
                Text = text;
                First = first;
            }

            public string Text { get; }
            public VantageComparison First { get; }
            public int Findings { get; private set; }

            public void Add(VantageComparison row)
            {
                Findings++;
                _machines[MachineKey(row)] = HostLabel(row);
            }

            public string MachinesHtml()
            {
                if (_machines.Count > NamedMachines) return Count(_machines.Count, "machine");
                return string.Join(", ", _machines.Values
                    .OrderBy(label => label, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(label => label, StringComparer.Ordinal)
                    .Select(HostHtml));
            }
        }

        /// <summary>The findings of one group. The reason and port columns appear only where they tell the
        /// rows apart or hold something: the space goes to the title and the CVE list.</summary>
        private static void WriteFindings(TextWriter w, List<VantageComparison> rows, GapAction action, CancellationToken cancellationToken,
            string table = "findings")
        {
            bool why = rows.Select(row => row.Reason).Distinct().Skip(1).Any();
            bool ports = rows.Any(row => !string.IsNullOrEmpty(row.ScannerPorts));
            // QDS only from a pull with -IncludeQds: without it the column would be empty.
            bool qds = rows.Any(row => row.Qds.HasValue);
            int rest = 74 - (why ? 12 : 0) - (ports ? 7 : 0) - (qds ? 4 : 0);
            int title = rest * 55 / 100;
            var widths = new List<int> { 17, 5, 4 };
            if (qds) widths.Add(4);
            widths.Add(title);
            if (why) widths.Add(12);
            if (ports) widths.Add(7);
            widths.Add(rest - title);
            w.WriteLine(FixedTable(table + " " + table + "-" + action, widths.ToArray()));
            w.WriteLine("<thead><tr><th>Machine</th><th class=\"num\">QID</th><th class=\"num\">Sev.</th>"
                + (qds ? "<th class=\"num\" title=\"Qualys Detection Score, 1 to 100\">QDS</th>" : string.Empty) + "<th>Title</th>"
                + (why ? "<th>Why</th>" : string.Empty) + (ports ? "<th>Ports</th>" : string.Empty) + "<th>CVE IDs</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (VantageComparison row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = new StringBuilder(512)
                    .Append("<tr><td class=\"host\">").Append(HostHtml(HostLabel(row))).Append("</td>")
                    .Append(NumberCell(row.QID))
                    .Append("<td class=\"num\">").Append(row.Severity.HasValue ? N(row.Severity.Value) : string.Empty).Append("</td>");
                if (qds) line.Append(QdsCell(row));
                line.Append("<td>").Append(TitleHtml(row)).Append("</td>");
                if (why) line.Append("<td>").Append(WhyText(row)).Append("</td>");
                if (ports) line.Append("<td>").Append(HtmlText.Encode(row.ScannerPorts)).Append("</td>");
                w.WriteLine(line.Append("<td class=\"cves\">").Append(CveHtml(row.CveIds)).Append("</td></tr>").ToString());
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        /// <summary>The score, with its band as the tooltip.</summary>
        private static string QdsCell(VantageComparison row) =>
            !row.Qds.HasValue ? "<td class=\"num\"></td>"
            : "<td class=\"num\"" + (row.QdsSeverity != null ? " title=\"" + HtmlText.Encode(row.QdsSeverity) + "\"" : string.Empty) + ">" + N(row.Qds.Value) + "</td>";

        /// <summary>The title, and the finding type when it is not a confirmed vulnerability.</summary>
        private static string TitleHtml(VantageComparison row)
        {
            string title = HtmlText.Encode(row.Title);
            return row.Type == FindingType.Confirmed ? title : title + " <span class=\"note\">(" + Words(row.Type.ToString()).ToLowerInvariant() + ")</span>";
        }

        private static string WhyText(VantageComparison row) =>
            row.Reason == GapReason.None ? PresenceText(row.Presence) : Words(row.Reason.ToString());

        /// <summary>The rows <see cref="AcceptedRow"/> picks: listed apart, neither work nor expected.</summary>
        private static void WriteAccepted(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            w.WriteLine("<h2 id=\"accepted\">Accepted risks (" + N(page.Accepted.Count) + ")</h2>");
            if (page.Accepted.Count == 0)
            {
                w.WriteLine("<p>No finding is an accepted risk.</p>");
                return;
            }
            w.WriteLine("<p class=\"note\">Findings an accepted-risk entry covers (Compare-QualysVantage -AcceptedRisk): not counted as work. Highest severity first.</p>");
            w.WriteLine(FixedTable("accepted", 17, 5, 4, 27, 11, 26, 10));
            w.WriteLine("<thead><tr><th>Machine</th><th class=\"num\">QID</th><th class=\"num\">Sev.</th><th>Title</th><th>Why</th>"
                + "<th>Justification</th><th>Accepted until</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (VantageComparison row in SortedBySeverity(page.Accepted))
            {
                cancellationToken.ThrowIfCancellationRequested();
                w.WriteLine("<tr><td class=\"host\">" + HostHtml(HostLabel(row)) + "</td>" + NumberCell(row.QID)
                    + "<td class=\"num\">" + (row.Severity.HasValue ? N(row.Severity.Value) : string.Empty) + "</td>"
                    + "<td>" + TitleHtml(row) + "</td><td>" + WhyText(row) + "</td>"
                    + "<td>" + HtmlText.Encode(row.AcceptedJustification) + "</td><td class=\"nowrap\">" + Day(row.AcceptedUntil) + "</td></tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }
    }
}
