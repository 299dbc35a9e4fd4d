using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The gaps that need nothing, counted per reason and per QID rather than listed row by row.</summary>
    public static partial class GapHtmlWriter
    {
        private static void WriteExpected(TextWriter w, PageRows page, bool includeBoth, CancellationToken cancellationToken)
        {
            w.WriteLine("<h2 id=\"expected\">" + (includeBoth ? "Expected gaps and findings both saw" : "Expected gaps") + ": nothing to do ("
                + N(page.Expected.Count) + ")</h2>");
            w.WriteLine("<p class=\"note\">Counted per reason and QID, not listed row by row. Every row, with its machine and evidence,"
                + " is in the CSV and JSON reports (Export-CoverageGap -Path gaps.csv, or gaps.json) and in Excel (pipe the rows to Export-Excel)."
                + " The lists per QID are folded: open them in a browser; a folded list is left out of a print.</p>");
            if (page.Expected.Count == 0)
            {
                w.WriteLine("<p>No expected gaps.</p>");
                return;
            }

            List<ExpectedGroup> groups = page.Expected
                .GroupBy(row => (row.Reason, row.Presence))
                .Select(group => new ExpectedGroup(group.Key.Reason, group.Key.Presence, group.ToList()))
                .OrderByDescending(group => group.Rows.Count)
                .ThenBy(group => group.Reason)
                .ThenBy(group => group.Presence)
                .ToList();

            w.WriteLine(FixedTable("expected", 18, 10, 48, 8, 8, 8));
            w.WriteLine("<thead><tr><th>Reason</th><th>Seen by</th><th>Why nothing is needed</th><th class=\"num\">Findings</th>"
                + "<th class=\"num\">QIDs</th><th class=\"num\">Machines</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (ExpectedGroup group in groups)
            {
                w.WriteLine("<tr><td>" + group.Name + "</td><td class=\"nowrap\">" + PresenceText(group.Presence) + "</td>"
                    + "<td>" + HtmlText.Encode(ExpectedText(group.Reason, group.Presence)) + "</td>"
                    + NumberCell(group.Rows.Count) + NumberCell(group.Qids.Count) + NumberCell(group.Machines) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("<tfoot><tr><td>Every reason</td><td></td><td></td>" + NumberCell(page.Expected.Count)
                + NumberCell(page.Expected.Select(row => row.QID).Distinct().Count())
                + NumberCell(page.Expected.Select(MachineKey).Distinct(StringComparer.Ordinal).Count()) + "</tr></tfoot>");
            w.WriteLine("</table>");

            foreach (ExpectedGroup group in groups)
            {
                cancellationToken.ThrowIfCancellationRequested();
                w.WriteLine("<details class=\"expected-qids\" id=\"expected-" + group.Reason + "-" + group.Presence + "\"><summary>" + group.Name
                    + ", " + PresenceText(group.Presence).ToLowerInvariant() + ": " + Count(group.Qids.Count, "QID") + " on " + Count(group.Machines, "machine") + "</summary>");
                w.WriteLine(FixedTable("expected-qids", 8, 70, 8, 14));
                w.WriteLine("<thead><tr><th class=\"num\">QID</th><th>Title</th><th class=\"num\">Severity</th><th class=\"num\">Machines</th></tr></thead>");
                w.WriteLine("<tbody>");
                foreach (ExpectedQid qid in group.Qids)
                {
                    w.WriteLine("<tr>" + NumberCell(qid.Qid) + "<td>" + HtmlText.Encode(qid.Title) + "</td>"
                        + "<td class=\"num\">" + (qid.Severity.HasValue ? N(qid.Severity.Value) : string.Empty) + "</td>" + NumberCell(qid.Machines) + "</tr>");
                }
                w.WriteLine("</tbody>");
                w.WriteLine("</table>");
                w.WriteLine("</details>");
            }
        }

        private sealed class ExpectedGroup
        {
            public ExpectedGroup(GapReason reason, Presence presence, List<VantageComparison> rows)
            {
                Reason = reason;
                Presence = presence;
                Rows = rows;
                Name = reason == GapReason.None ? (presence == Presence.Both ? "Seen by both" : "No reason") : Words(reason.ToString());
                Machines = rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
                // Most machines first: the QIDs that come up everywhere; then severity and number.
                Qids = rows.GroupBy(row => row.QID)
                    .Select(qid => new ExpectedQid(qid.Key, qid.ToList()))
                    .OrderByDescending(qid => qid.Machines)
                    .ThenByDescending(qid => qid.Severity ?? int.MinValue)
                    .ThenBy(qid => qid.Qid)
                    .ToList();
            }

            public GapReason Reason { get; }
            public Presence Presence { get; }
            public List<VantageComparison> Rows { get; }
            public string Name { get; }
            public int Machines { get; }
            public List<ExpectedQid> Qids { get; }
        }

        private sealed class ExpectedQid
        {
            public ExpectedQid(int qid, List<VantageComparison> rows)
            {
                Qid = qid;
                Machines = rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
                // Rows of one QID normally share title and severity; when they do not, the first title in
                // ordinal order and the highest severity, so the page does not depend on the rows' order.
                Title = rows.Select(row => row.Title).Where(title => !string.IsNullOrEmpty(title))
                    .OrderBy(title => title, StringComparer.Ordinal).FirstOrDefault();
                Severity = rows.Max(row => row.Severity);
            }

            public int Qid { get; }
            public int Machines { get; }
            public string? Title { get; }
            public int? Severity { get; }
        }
    }
}
