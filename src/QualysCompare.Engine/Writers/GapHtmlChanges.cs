using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>What changed since the -Baseline: the new gaps, the old ones that became work, the closed ones.
    /// Only when the rows carry a baseline; without one the page has none of this.</summary>
    public static partial class GapHtmlWriter
    {
        private static string SinceText(PageRows page) =>
            page.BaselineDate.HasValue ? "since " + Day(page.BaselineDate) : "since the baseline";

        private static List<VantageComparison> NewRows(PageRows page) => page.Open.Where(row => row.Change == GapChange.New).ToList();

        private static List<VantageComparison> NewWork(PageRows page) => page.Work.Where(row => row.Change == GapChange.New).ToList();

        /// <summary>Old gaps that need work now and did not: news although the gap is not.</summary>
        private static List<VantageComparison> BecameWork(PageRows page) =>
            page.Work.Where(row => row.BecameActionable && row.Change != GapChange.New).ToList();

        private static bool WasWork(VantageComparison row) => (row.PreviousAction ?? GapAction.None) != GapAction.None;

        /// <summary>Page one, under the lead: the change in three numbers.</summary>
        private static void WriteChangeLead(TextWriter w, PageRows page)
        {
            if (!page.HasBaseline) return;
            List<VantageComparison> added = NewRows(page);
            int addedWork = NewWork(page).Count, became = BecameWork(page).Count, closedWork = page.Closed.Count(WasWork);
            w.WriteLine("<p class=\"lead changes\"><strong>" + HtmlText.Encode(char.ToUpperInvariant(SinceText(page)[0]) + SinceText(page).Substring(1)) + ":</strong> "
                + Count(added.Count, "new gap") + ", " + N(addedWork) + " of them to act on; "
                + Count(page.Closed.Count, "gap") + " closed, " + N(closedWork) + " of which needed action; "
                + Count(became, "old gap") + " that needed nothing became work.</p>");
        }

        private static void WriteChanges(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            if (!page.HasBaseline) return;
            WriteNew(w, page, cancellationToken);
            WriteBecameWork(w, page, cancellationToken);
            WriteClosed(w, page, cancellationToken);
        }

        private static void WriteNew(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            List<VantageComparison> added = NewRows(page);
            List<VantageComparison> work = NewWork(page);
            w.WriteLine("<h2 id=\"new\">New " + HtmlText.Encode(SinceText(page)) + " (" + N(added.Count) + ")</h2>");
            if (added.Count == 0)
            {
                w.WriteLine("<p>No new gap.</p>");
                return;
            }
            w.WriteLine("<p class=\"note\">" + Count(work.Count, "new finding") + " to act on, by owner and action (they are in the work above too);"
                + " the new gaps that need nothing are counted per reason.</p>");
            foreach (GapOwner owner in Owners)
            {
                List<VantageComparison> owned = work.Where(row => row.Action.Owner() == owner).ToList();
                if (owned.Count == 0) continue;
                w.WriteLine("<h3 id=\"new-owner-" + owner + "\">" + OwnerText(owner) + ": " + Count(owned.Count, "new finding") + "</h3>");
                foreach (GapAction action in ActionsByUrgency.Where(action => action.Owner() == owner))
                {
                    List<VantageComparison> rows = SortedBySeverity(owned.Where(row => row.Action == action));
                    if (rows.Count == 0) continue;
                    int machines = rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
                    w.WriteLine("<h4 id=\"new-action-" + action + "\">" + ActionText(action) + ": " + Count(rows.Count, "finding") + " on " + Count(machines, "machine") + "</h4>");
                    WriteFindings(w, rows, action, cancellationToken, "new-findings");
                }
            }
            var listed = new HashSet<VantageComparison>(work);
            WriteReasonCounts(w, "new-expected", added.Where(row => !listed.Contains(row)).ToList(), "New gaps that need nothing");
        }

        private static void WriteBecameWork(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            List<VantageComparison> became = SortedBySeverity(BecameWork(page));
            if (became.Count == 0) return;
            w.WriteLine("<h2 id=\"became-actionable\">Old gaps that became work " + HtmlText.Encode(SinceText(page)) + " (" + N(became.Count) + ")</h2>");
            w.WriteLine("<p class=\"note\">Gaps the baseline already had, expected then, that ask for action now: a scan that stopped logging in, an agent that went quiet.</p>");
            w.WriteLine(FixedTable("became-actionable", 17, 5, 4, 36, 16, 11, 11));
            w.WriteLine("<thead><tr><th>Machine</th><th class=\"num\">QID</th><th class=\"num\">Sev.</th><th>Title</th><th>Action now</th>"
                + "<th>First seen</th><th class=\"num\">Days open</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (VantageComparison row in became)
            {
                cancellationToken.ThrowIfCancellationRequested();
                w.WriteLine("<tr><td class=\"host\">" + HostHtml(HostLabel(row)) + "</td>" + NumberCell(row.QID)
                    + "<td class=\"num\">" + (row.Severity.HasValue ? N(row.Severity.Value) : string.Empty) + "</td>"
                    + "<td>" + TitleHtml(row) + "</td><td>" + ActionText(row.Action) + "</td>"
                    + "<td class=\"nowrap\">" + Day(row.FirstSeen) + "</td>"
                    + "<td class=\"num\">" + (row.DaysOpen.HasValue ? N(row.DaysOpen.Value) : string.Empty) + "</td></tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private static void WriteClosed(TextWriter w, PageRows page, CancellationToken cancellationToken)
        {
            w.WriteLine("<h2 id=\"closed\">Closed " + HtmlText.Encode(SinceText(page)) + " (" + N(page.Closed.Count) + ")</h2>");
            if (page.Closed.Count == 0)
            {
                w.WriteLine("<p>No gap of the baseline is gone.</p>");
                return;
            }
            List<VantageComparison> wasWork = page.Closed.Where(WasWork).ToList();
            w.WriteLine("<p class=\"note\">Gaps of the baseline that this comparison no longer has, with what they were then: "
                + Count(wasWork.Count, "finding") + " that needed action, by the action it needed; the gaps that needed nothing are counted per reason.</p>");
            foreach (GapAction action in ActionsByUrgency)
            {
                List<VantageComparison> rows = SortedBySeverity(wasWork.Where(row => row.PreviousAction == action));
                if (rows.Count == 0) continue;
                int machines = rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
                w.WriteLine("<h4 id=\"closed-action-" + action + "\">Was " + ActionText(action).ToLowerInvariant() + " (" + OwnerText(action.Owner()) + "): "
                    + Count(rows.Count, "finding") + " on " + Count(machines, "machine") + "</h4>");
                w.WriteLine(FixedTable("closed-findings closed-findings-" + action, 17, 5, 4, 40, 13, 11, 10));
                w.WriteLine("<thead><tr><th>Machine</th><th class=\"num\">QID</th><th class=\"num\">Sev.</th><th>Title</th><th>Why it was a gap</th>"
                    + "<th>First seen</th><th class=\"num\">Days open</th></tr></thead>");
                w.WriteLine("<tbody>");
                foreach (VantageComparison row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    w.WriteLine("<tr><td class=\"host\">" + HostHtml(HostLabel(row)) + "</td>" + NumberCell(row.QID)
                        + "<td class=\"num\">" + (row.Severity.HasValue ? N(row.Severity.Value) : string.Empty) + "</td>"
                        + "<td>" + TitleHtml(row) + "</td><td>" + WhyText(row) + "</td>"
                        + "<td class=\"nowrap\">" + Day(row.FirstSeen) + "</td>"
                        + "<td class=\"num\">" + (row.DaysOpen.HasValue ? N(row.DaysOpen.Value) : string.Empty) + "</td></tr>");
                }
                w.WriteLine("</tbody>");
                w.WriteLine("</table>");
            }
            WriteReasonCounts(w, "closed-expected", page.Closed.Where(row => !WasWork(row)).ToList(), "Closed gaps that needed nothing");
        }

        /// <summary>Rows counted per reason and side rather than listed.</summary>
        private static void WriteReasonCounts(TextWriter w, string table, List<VantageComparison> rows, string caption)
        {
            if (rows.Count == 0) return;
            w.WriteLine("<p><strong>" + HtmlText.Encode(caption) + ": " + N(rows.Count) + "</strong></p>");
            w.WriteLine(FixedTable(table, 40, 20, 20, 20));
            w.WriteLine("<thead><tr><th>Reason</th><th>Seen by</th><th class=\"num\">Findings</th><th class=\"num\">Machines</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (var group in rows.GroupBy(row => (row.Reason, row.Presence))
                .OrderByDescending(group => group.Count()).ThenBy(group => group.Key.Reason).ThenBy(group => group.Key.Presence))
            {
                string reason = group.Key.Reason == GapReason.None ? "No reason" : Words(group.Key.Reason.ToString());
                w.WriteLine("<tr><td>" + reason + "</td><td class=\"nowrap\">" + PresenceText(group.Key.Presence) + "</td>" + NumberCell(group.Count())
                    + NumberCell(group.Select(MachineKey).Distinct(StringComparer.Ordinal).Count()) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }
    }
}
