using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// One self-contained HTML page for people rather than tools: it is mailed, archived and printed, so it has no
    /// script and no external reference of any kind (styles, fonts and the chart are inline), lays out with tables
    /// so mail clients keep it together, and is well-formed XML so any XML tool can pick it apart.
    ///
    /// It leads with the work. Page one says what to do: the scans that could not log in, the findings per owner
    /// and action, and the machines that need attention. Then every finding to act on, grouped by owner and action,
    /// highest severity first; the accepted risks apart; the gaps expected by design counted per reason and QID
    /// rather than listed (every row stays in the CSV and JSON exports); and last the numbers per vantage, per
    /// severity, per host coverage and per reason. A print stylesheet lays it out on landscape pages.
    ///
    /// Rows compared with a baseline add the change: its counts on page one, then after the work the new gaps,
    /// the old ones that became work and the closed ones (<see cref="GapChange.Closed"/> rows are news only,
    /// never work, expected gaps or numbers). A run history of two runs or more adds the trend before the numbers.
    /// </summary>
    public static partial class GapHtmlWriter
    {
        private const string DefaultTitle = "Coverage gaps: Scanner Appliance vs Cloud Agent";

        private static Func<VantageComparison, bool> _acceptedRow = row => row.Accepted;

        /// <summary>
        /// Which rows the page lists apart as accepted risks rather than as work or as expected gaps. By default
        /// the rows an -AcceptedRisk file covers (<see cref="VantageComparison.Accepted"/>).
        /// </summary>
        public static Func<VantageComparison, bool> AcceptedRow
        {
            get => _acceptedRow;
            set => _acceptedRow = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <param name="destination">Receives UTF-8 without a byte order mark; left open.</param>
        /// <param name="rows">Every comparison row, gaps or not: the chart counts what both sides saw too.
        /// The expected gaps are what <see cref="GapFilter"/> selects; every row with an action is listed.</param>
        /// <param name="summaries">The comparison's summary rows (per host and the total); the page shows their numbers as they are.</param>
        /// <param name="includeBoth">Count findings both sides saw with the expected gaps too.</param>
        /// <param name="generatedUtc">Shown as the generation time; passed in so the same input gives the same page.</param>
        /// <param name="cancellationToken">Checked before every row.</param>
        /// <returns>The number of rows <see cref="GapFilter"/> selects, which the page lists or counts.</returns>
        public static int Write(Stream destination, IEnumerable<VantageComparison> rows, IEnumerable<VantageSummary> summaries,
            bool includeBoth, DateTime generatedUtc, CancellationToken cancellationToken = default) =>
            Write(destination, rows, summaries, includeBoth, generatedUtc, null, cancellationToken);

        /// <summary>As the overload without <paramref name="history"/>, and with the trend of the runs in it.</summary>
        /// <param name="destination">See the other overload.</param>
        /// <param name="rows">See the other overload.</param>
        /// <param name="summaries">See the other overload.</param>
        /// <param name="includeBoth">See the other overload.</param>
        /// <param name="generatedUtc">See the other overload.</param>
        /// <param name="history">The run history including this run, oldest first; with two runs or more the page
        /// draws the trend. Null or one run: no trend.</param>
        /// <param name="cancellationToken">See the other overload.</param>
        public static int Write(Stream destination, IEnumerable<VantageComparison> rows, IEnumerable<VantageSummary> summaries,
            bool includeBoth, DateTime generatedUtc, IReadOnlyList<CoverageRun>? history, CancellationToken cancellationToken = default)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));

            List<VantageComparison> all = Materialize(rows, nameof(rows), cancellationToken);
            List<VantageSummary> summaryRows = Materialize(summaries, nameof(summaries), cancellationToken);
            var page = new PageRows(all, summaryRows, includeBoth, AcceptedRow);
            List<CoverageRun> runs = history == null ? new List<CoverageRun>() : history.Where(run => run != null).ToList();

            using (var w = new StreamWriter(destination, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" })
            {
                WriteHead(w);
                w.WriteLine("<h1>" + HtmlText.Encode(DefaultTitle) + "</h1>");
                w.WriteLine("<p class=\"meta\">Generated " + ExportText.FormatUtc(generatedUtc) + ". "
                    + Count(all.Count, "comparison row") + ", " + Count(page.Selected.Count, "row") + " in this report"
                    + (includeBoth ? " (every finding)." : " (gaps only).") + "</p>");
                WriteIncompleteInput(w, all, summaryRows);
                WriteLead(w, page);
                WriteChangeLead(w, page);
                WriteScanQuality(w, page);
                WriteWorkCounts(w, page);
                WriteMachines(w, page);
                // The work starts on a page of its own when printed, so page one is what to do.
                w.WriteLine("<div class=\"work\">");
                WriteWork(w, page, cancellationToken);
                WriteChanges(w, page, cancellationToken);
                WriteAccepted(w, page, cancellationToken);
                WriteExpected(w, page, includeBoth, cancellationToken);
                w.WriteLine("</div>");
                w.WriteLine("<div class=\"reference\">");
                WriteTrend(w, runs);
                WriteSummary(w, summaryRows);
                WriteSeverityChart(w, page.Open);
                WriteHostCoverage(w, page.Open, summaryRows);
                WriteReasons(w, page.Open);
                w.WriteLine("</div>");
                w.WriteLine("</td></tr></table>");
                w.WriteLine("</td></tr></table>");
                w.WriteLine("</body>");
                w.WriteLine("</html>");
            }
            return page.Selected.Count;
        }

        /// <summary>The rows split the way the page shows them: each row is work, accepted or expected, never two.</summary>
        internal sealed class PageRows
        {
            public PageRows(List<VantageComparison> all, List<VantageSummary> summaries, bool includeBoth, Func<VantageComparison, bool> accepted)
            {
                All = all;
                Summaries = summaries;
                Selected = GapFilter.Select(all, includeBoth).ToList();
                foreach (VantageComparison row in all)
                {
                    // A gap of the baseline that is gone now is news, never work, accepted or expected.
                    if (row.Change == GapChange.Closed) Closed.Add(row);
                    else Open.Add(row);
                    if (row.Change == GapChange.Closed) continue;
                    if (row.Change != GapChange.None) HasBaseline = true;
                    if (accepted(row)) Accepted.Add(row);
                    else if (row.Action != GapAction.None) Work.Add(row);
                }
                if (Closed.Count > 0) HasBaseline = true;
                var listed = new HashSet<VantageComparison>(Accepted.Concat(Work).Concat(Closed));
                Expected = Selected.Where(row => !listed.Contains(row)).ToList();
                // A machine known only from closed rows is not in this comparison.
                HostSummaries = summaries.Where(summary => summary.Scope == SummaryScope.Host && !OnlyClosed(summary)).ToList();
                BaselineDate = all.Select(row => row.BaselineDate).FirstOrDefault(date => date.HasValue);
            }

            public List<VantageComparison> All { get; }

            /// <summary>Every row but the Closed ones: what the comparison sees now.</summary>
            public List<VantageComparison> Open { get; } = new List<VantageComparison>();

            /// <summary>Gaps of the baseline that are gone now.</summary>
            public List<VantageComparison> Closed { get; } = new List<VantageComparison>();

            /// <summary>Some row says how it stands against a baseline (its Change is not None).</summary>
            public bool HasBaseline { get; }

            public DateTime? BaselineDate { get; }
            public List<VantageSummary> Summaries { get; }
            public List<VantageSummary> HostSummaries { get; }

            /// <summary>What <see cref="GapFilter"/> selects: the rows the CSV and JSON exports hold.</summary>
            public List<VantageComparison> Selected { get; }

            /// <summary>Every row with an action that is not accepted, gap or not.</summary>
            public List<VantageComparison> Work { get; } = new List<VantageComparison>();

            public List<VantageComparison> Accepted { get; } = new List<VantageComparison>();

            /// <summary>Selected rows that are neither work nor accepted: counted, not listed.</summary>
            public List<VantageComparison> Expected { get; }

            /// <summary>Machines in the comparison: the host summaries, or the rows' machines without them.</summary>
            public int MachineCount =>
                HostSummaries.Count > 0 ? HostSummaries.Count : Open.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
        }

        /// <summary>A machine known only from closed rows: gone since the baseline, not in this comparison.</summary>
        internal static bool OnlyClosed(VantageSummary summary) => summary.Hosts == 0 && summary.Closed > 0;

        private static List<TRow> Materialize<TRow>(IEnumerable<TRow> rows, string parameter, CancellationToken cancellationToken) where TRow : class
        {
            var list = new List<TRow>();
            foreach (TRow row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (row == null) throw new ArgumentException($"Row {list.Count + 1} is null.", parameter);
                list.Add(row);
            }
            return list;
        }

        private static void WriteHead(TextWriter w)
        {
            w.WriteLine("<!DOCTYPE html>");
            w.WriteLine("<html lang=\"en\">");
            w.WriteLine("<head>");
            w.WriteLine("<meta charset=\"utf-8\"/>");
            w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
            w.WriteLine("<meta name=\"color-scheme\" content=\"light\"/>");
            w.WriteLine("<title>" + HtmlText.Encode(DefaultTitle) + "</title>");
            w.WriteLine("<style>");
            w.WriteLine(GapHtmlStyle.Css);
            w.WriteLine("</style>");
            w.WriteLine("</head>");
            w.WriteLine("<body>");
            // Nested presentation tables rather than a centred div: Outlook and other mail clients ignore
            // max-width and margins on divs but honour table widths and align.
            w.WriteLine("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">");
            w.WriteLine("<table role=\"presentation\" class=\"page\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:"
                + GapHtmlStyle.ScreenWidth + "\"><tr><td class=\"content\">");
        }

        /// <summary>First on the page: a report that is missing part of a side must say so before any number.</summary>
        private static void WriteIncompleteInput(TextWriter w, List<VantageComparison> rows, List<VantageSummary> summaries)
        {
            var problems = rows.Select(row => row.InputProblems).Concat(summaries.Select(summary => summary.InputProblems))
                .Where(text => !string.IsNullOrEmpty(text)).Distinct(StringComparer.Ordinal).ToList();
            if (problems.Count == 0) return;
            w.WriteLine("<div class=\"banner\" role=\"alert\"><p><strong>Incomplete input: this report leaves out files that could not be read.</strong></p>");
            foreach (var problem in problems) w.WriteLine("<p>" + HtmlText.Encode(problem!) + "</p>");
            w.WriteLine("</div>");
        }
    }
}
