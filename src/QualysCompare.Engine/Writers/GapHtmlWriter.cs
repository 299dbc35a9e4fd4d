using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// </summary>
    public static class GapHtmlWriter
    {
        private const string DefaultTitle = "Coverage gaps: Scanner Appliance vs Cloud Agent";

        /// <summary>Severity 1-5 and, when some rows have none, one group for them.</summary>
        private const int UnknownSeverity = 0;

        private static readonly Presence[] ChartSeries = { Presence.Both, Presence.ScannerOnly, Presence.AgentOnly };

        private static readonly string Css = string.Join("\n", new[]
        {
            "body{margin:0;padding:0;background:#ffffff;color:#111111;font-family:'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4}",
            "td.content{padding:16px;text-align:left}",
            "h1{font-size:22px;margin:0 0 6px 0}",
            "h2{font-size:17px;margin:28px 0 8px 0;padding-bottom:2px;border-bottom:1px solid #888888}",
            "p{margin:6px 0}",
            ".meta,.note{color:#444444;font-size:12px}",
            ".lead{font-size:15px}",
            "table.data{border-collapse:collapse;width:100%;margin:6px 0 10px 0}",
            "table.data th,table.data td{border:1px solid #999999;padding:3px 6px;text-align:left;vertical-align:top}",
            "table.data th{background:#e6e6e6;font-weight:bold}",
            "table.data tfoot td{font-weight:bold;background:#f3f3f3}",
            "table.data .num{text-align:right;white-space:nowrap}",
            "table.data .nowrap{white-space:nowrap}",
            "svg.chart{max-width:100%;height:auto}",
            ".banner{border:2px solid #b00020;background:#fdecee;padding:6px 10px;margin:8px 0}",
            "@media print{",
            "body{font-size:9pt}",
            "td.content{padding:0}",
            "table.page{max-width:none !important}",
            "h2{page-break-after:avoid}",
            "thead{display:table-header-group}",
            "tr,svg{page-break-inside:avoid}",
            "table.data th{background:none}",
            "}",
        });

        /// <param name="destination">Receives UTF-8 without a byte order mark; left open.</param>
        /// <param name="rows">Every comparison row, gaps or not: the chart counts what both sides saw too.
        /// The gap table takes what <see cref="GapFilter"/> selects.</param>
        /// <param name="summaries">The comparison's summary rows (per host and the total); the page shows their numbers as they are.</param>
        /// <param name="includeBoth">List findings both sides saw in the gap table too.</param>
        /// <param name="generatedUtc">Shown as the generation time; passed in so the same input gives the same page.</param>
        /// <param name="cancellationToken">Checked before every row.</param>
        /// <returns>The number of rows in the gap table.</returns>
        public static int Write(Stream destination, IEnumerable<VantageComparison> rows, IEnumerable<VantageSummary> summaries,
            bool includeBoth, DateTime generatedUtc, CancellationToken cancellationToken = default)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));

            List<VantageComparison> all = Materialize(rows, nameof(rows), cancellationToken);
            List<VantageSummary> summaryRows = Materialize(summaries, nameof(summaries), cancellationToken);
            List<VantageComparison> gaps = GapFilter.Select(all, includeBoth)
                .OrderBy(HostLabel, StringComparer.OrdinalIgnoreCase)
                .ThenBy(row => row.QID)
                .ThenBy(row => row.Presence)
                .ThenBy(row => row.ScannerPorts ?? string.Empty, StringComparer.Ordinal)
                .ToList();

            using (var w = new StreamWriter(destination, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" })
            {
                WriteHead(w);
                w.WriteLine("<h1>" + HtmlText.Encode(DefaultTitle) + "</h1>");
                w.WriteLine("<p class=\"meta\">Generated " + ExportText.FormatUtc(generatedUtc) + ". "
                    + Count(all.Count, "comparison row") + ", " + Count(gaps.Count, "row") + " in the gap table"
                    + (includeBoth ? " (every finding)." : " (gaps only).") + "</p>");
                WriteIncompleteInput(w, all, summaryRows);
                WriteSummary(w, summaryRows);
                WriteSeverityChart(w, all);
                WriteHostCoverage(w, all, summaryRows);
                WriteReasons(w, all);
                WriteGapTable(w, gaps, includeBoth, cancellationToken);
                w.WriteLine("</td></tr></table>");
                w.WriteLine("</td></tr></table>");
                w.WriteLine("</body>");
                w.WriteLine("</html>");
            }
            return gaps.Count;
        }

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
            w.WriteLine(Css);
            w.WriteLine("</style>");
            w.WriteLine("</head>");
            w.WriteLine("<body>");
            // Nested presentation tables rather than a centred div: Outlook and other mail clients ignore
            // max-width and margins on divs but honour table widths and align.
            w.WriteLine("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">");
            w.WriteLine("<table role=\"presentation\" class=\"page\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:960px\"><tr><td class=\"content\">");
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

        private static void WriteSummary(TextWriter w, List<VantageSummary> summaries)
        {
            w.WriteLine("<h2>Findings per vantage</h2>");
            VantageSummary? total = summaries.FirstOrDefault(summary => summary.Scope == SummaryScope.Total);
            List<VantageSummary> hosts = summaries
                .Where(summary => summary.Scope == SummaryScope.Host)
                .OrderBy(summary => summary.HostName ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .ToList();

            if (total != null)
            {
                w.WriteLine("<p class=\"lead\"><strong>All " + Count(total.Hosts, "host") + ":</strong> " + HtmlText.Encode(VantageSentence(total))
                    + ". Both saw " + N(total.Both) + ", scanner only " + N(total.ScannerOnly) + ", agent only " + N(total.AgentOnly)
                    + " (" + Percent(total.AgentOnlyPercent) + ").</p>");
            }
            if (hosts.Count == 0 && total == null)
            {
                w.WriteLine("<p>No summary was supplied.</p>");
                return;
            }
            if (hosts.Count == 0) return;

            w.WriteLine("<table class=\"data\">");
            w.WriteLine("<thead><tr><th>Host</th><th>Host seen by</th><th>Matched by</th><th>Scanner login</th><th>Findings per vantage</th>"
                + "<th class=\"num\">Both</th><th class=\"num\">Scanner only</th><th class=\"num\">Agent only</th></tr></thead>");
            if (total != null)
            {
                w.WriteLine("<tfoot><tr><td colspan=\"4\">All " + Count(total.Hosts, "host") + "</td><td>" + HtmlText.Encode(VantageSentence(total)) + "</td>"
                    + NumberCell(total.Both) + NumberCell(total.ScannerOnly) + NumberCell(total.AgentOnly) + "</tr></tfoot>");
            }
            w.WriteLine("<tbody>");
            foreach (VantageSummary host in hosts)
            {
                w.WriteLine("<tr><td>" + HtmlText.Encode(host.HostName ?? "(no name)") + "</td>"
                    + "<td>" + (host.HostCoverage.HasValue ? PresenceText(host.HostCoverage.Value) : string.Empty) + "</td>"
                    + "<td>" + (host.MatchedBy == MatchMethod.None ? "not matched" : host.MatchedBy.ToString()) + "</td>"
                    + "<td>" + (host.ScannerAuthentication.HasValue ? host.ScannerAuthentication.Value.ToString() : string.Empty) + "</td>"
                    + "<td>" + HtmlText.Encode(VantageSentence(host)) + "</td>"
                    + NumberCell(host.Both) + NumberCell(host.ScannerOnly) + NumberCell(host.AgentOnly) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        /// <summary>The wording of the write-up that asked for this report:
        /// "Scanner appliance: 5 findings (3 confirmed, 2 potential) — Cloud Agent: 264 findings (...)".</summary>
        internal static string VantageSentence(VantageSummary summary) =>
            "Scanner appliance: " + Count(summary.ScannerTotal, "finding") + " (" + N(summary.ScannerConfirmed) + " confirmed, " + N(summary.ScannerPotential) + " potential)"
            + " \u2014 Cloud Agent: " + Count(summary.AgentTotal, "finding") + " (" + N(summary.AgentConfirmed) + " confirmed, " + N(summary.AgentPotential) + " potential)";

        private static void WriteSeverityChart(TextWriter w, List<VantageComparison> rows)
        {
            w.WriteLine("<h2>Findings by severity</h2>");
            bool anyUnknown = rows.Any(row => SeverityGroup(row) == UnknownSeverity);
            var groups = new List<int> { 1, 2, 3, 4, 5 };
            if (anyUnknown) groups.Add(UnknownSeverity);
            var counts = new int[groups.Count, ChartSeries.Length];
            foreach (VantageComparison row in rows)
            {
                int series = Array.IndexOf(ChartSeries, row.Presence);
                if (series >= 0) counts[groups.IndexOf(SeverityGroup(row)), series]++;
            }
            int max = 1;
            foreach (int count in counts) max = Math.Max(max, count);

            const int width = 640, height = 280, left = 16, right = 16, top = 44, bottom = 40;
            int plotWidth = width - left - right, plotHeight = height - top - bottom;
            int groupWidth = plotWidth / groups.Count;
            int barWidth = Math.Min(32, (groupWidth - 18) / ChartSeries.Length);
            int baseline = height - bottom;

            w.WriteLine("<svg class=\"chart\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
                + "\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"Helvetica, Arial, sans-serif\">");
            w.WriteLine("<title id=\"chart-title\">Findings by severity: both vantages, scanner appliance only, Cloud Agent only</title>");
            // Patterns and outlines as well as colours, so the three series stay apart printed in black and white.
            w.WriteLine("<defs><pattern id=\"scanner-only-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1f5fa8\" stroke-width=\"3\"/></pattern></defs>");
            for (int s = 0; s < ChartSeries.Length; s++)
            {
                int x = left + s * 170;
                w.WriteLine("<rect x=\"" + x + "\" y=\"8\" width=\"14\" height=\"14\" " + SeriesStyle(ChartSeries[s]) + "/>"
                    + "<text x=\"" + (x + 20) + "\" y=\"20\" font-size=\"13\">" + PresenceText(ChartSeries[s]) + "</text>");
            }
            w.WriteLine("<line x1=\"" + left + "\" y1=\"" + baseline + "\" x2=\"" + (width - right) + "\" y2=\"" + baseline + "\" stroke=\"#000000\" stroke-width=\"1\"/>");
            for (int g = 0; g < groups.Count; g++)
            {
                int groupLeft = left + g * groupWidth;
                int barsLeft = groupLeft + (groupWidth - barWidth * ChartSeries.Length) / 2;
                for (int s = 0; s < ChartSeries.Length; s++)
                {
                    int count = counts[g, s];
                    int barHeight = (int)Math.Round((double)count / max * (plotHeight - 16));
                    int x = barsLeft + s * barWidth;
                    if (barHeight > 0)
                    {
                        w.WriteLine("<rect x=\"" + (x + 2) + "\" y=\"" + (baseline - barHeight) + "\" width=\"" + (barWidth - 4) + "\" height=\"" + barHeight + "\" "
                            + SeriesStyle(ChartSeries[s]) + "/>");
                    }
                    w.WriteLine("<text x=\"" + (x + barWidth / 2) + "\" y=\"" + (baseline - barHeight - 4) + "\" font-size=\"11\" text-anchor=\"middle\">" + N(count) + "</text>");
                }
                w.WriteLine("<text x=\"" + (groupLeft + groupWidth / 2) + "\" y=\"" + (baseline + 18) + "\" font-size=\"12\" text-anchor=\"middle\">" + SeverityText(groups[g]) + "</text>");
            }
            w.WriteLine("</svg>");

            // The same numbers as a table: some mail clients drop inline SVG, and a table can be copied.
            w.WriteLine("<table class=\"data\">");
            w.WriteLine("<thead><tr><th>Severity</th><th class=\"num\">Both</th><th class=\"num\">Scanner only</th><th class=\"num\">Agent only</th><th class=\"num\">Total</th></tr></thead>");
            w.WriteLine("<tbody>");
            for (int g = 0; g < groups.Count; g++)
            {
                int sum = 0;
                var line = new StringBuilder("<tr><td>" + SeverityText(groups[g]) + "</td>");
                for (int s = 0; s < ChartSeries.Length; s++)
                {
                    line.Append(NumberCell(counts[g, s]));
                    sum += counts[g, s];
                }
                w.WriteLine(line.Append(NumberCell(sum)).Append("</tr>").ToString());
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private static string SeriesStyle(Presence presence)
        {
            switch (presence)
            {
                case Presence.Both: return "fill=\"#404040\" stroke=\"#000000\" stroke-width=\"1\"";
                case Presence.ScannerOnly: return "fill=\"url(#scanner-only-hatch)\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"";
                default: return "fill=\"#ffffff\" stroke=\"#b35900\" stroke-width=\"2.5\"";
            }
        }

        private static int SeverityGroup(VantageComparison row) =>
            row.Severity is int severity && severity >= 1 && severity <= 5 ? severity : UnknownSeverity;

        private static string SeverityText(int group) => group == UnknownSeverity ? "No severity" : "Severity " + N(group);

        private static void WriteHostCoverage(TextWriter w, List<VantageComparison> rows, List<VantageSummary> summaries)
        {
            w.WriteLine("<h2>Host coverage</h2>");
            var hosts = new Dictionary<string, HostCoverageGap>(StringComparer.OrdinalIgnoreCase);
            foreach (VantageComparison row in rows)
            {
                if (row.HostCoverage == Presence.Both) continue;
                string label = HostLabel(row);
                if (!hosts.TryGetValue(label, out HostCoverageGap? host))
                {
                    hosts.Add(label, host = new HostCoverageGap(label, row.HostCoverage));
                }
                host.Address ??= row.HostCoverage == Presence.ScannerOnly ? row.ScannerIP ?? row.AgentIP : row.AgentIP ?? row.ScannerIP;
            }
            // A host only one side knows may have no finding at all; the summary still lists it.
            foreach (VantageSummary summary in summaries)
            {
                if (summary.Scope != SummaryScope.Host || summary.HostCoverage is not Presence coverage || coverage == Presence.Both) continue;
                string label = summary.HostName ?? "(no name)";
                if (!hosts.ContainsKey(label)) hosts.Add(label, new HostCoverageGap(label, coverage));
            }

            if (hosts.Count == 0)
            {
                w.WriteLine("<p>Every host was seen by both the scanner appliance and the Cloud Agent.</p>");
                return;
            }
            w.WriteLine("<table class=\"data\">");
            w.WriteLine("<thead><tr><th>Host</th><th>Address</th><th>Seen by</th><th>What it means</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (HostCoverageGap host in hosts.Values
                .OrderBy(host => host.Coverage)
                .ThenBy(host => host.Label, StringComparer.OrdinalIgnoreCase)
                .ThenBy(host => host.Label, StringComparer.Ordinal))
            {
                string meaning = host.Coverage == Presence.ScannerOnly
                    ? "No Cloud Agent reports this host."
                    : "No scanner appliance scan covered this host.";
                w.WriteLine("<tr><td>" + HtmlText.Encode(host.Label) + "</td><td>" + HtmlText.Encode(host.Address) + "</td><td>"
                    + PresenceText(host.Coverage) + "</td><td>" + meaning + "</td></tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private sealed class HostCoverageGap
        {
            public HostCoverageGap(string label, Presence coverage)
            {
                Label = label;
                Coverage = coverage;
            }

            public string Label { get; }
            public Presence Coverage { get; }
            public string? Address { get; set; }
        }

        private static void WriteReasons(TextWriter w, List<VantageComparison> rows)
        {
            if (!rows.Any(row => row.Reason != GapReason.None)) return;

            w.WriteLine("<h2>Why one side missed</h2>");
            w.WriteLine("<table class=\"data\">");
            w.WriteLine("<thead><tr><th>Reason</th><th class=\"num\">Scanner only</th><th class=\"num\">Agent only</th><th class=\"num\">Total</th></tr></thead>");
            int scannerTotal = 0, agentTotal = 0;
            var lines = new List<string>();
            foreach (GapReason reason in (GapReason[])Enum.GetValues(typeof(GapReason)))
            {
                if (reason == GapReason.None) continue;
                int scanner = rows.Count(row => row.Reason == reason && row.Presence == Presence.ScannerOnly);
                int agent = rows.Count(row => row.Reason == reason && row.Presence == Presence.AgentOnly);
                int both = rows.Count(row => row.Reason == reason && row.Presence == Presence.Both);
                if (scanner + agent + both == 0) continue;
                scannerTotal += scanner;
                agentTotal += agent;
                lines.Add("<tr><td>" + Words(reason.ToString()) + " <span class=\"note\">(" + reason + ")</span></td>"
                    + NumberCell(scanner) + NumberCell(agent) + NumberCell(scanner + agent + both) + "</tr>");
            }
            int withReason = rows.Count(row => row.Reason != GapReason.None);
            w.WriteLine("<tfoot><tr><td>All reasons</td>" + NumberCell(scannerTotal) + NumberCell(agentTotal) + NumberCell(withReason) + "</tr></tfoot>");
            w.WriteLine("<tbody>");
            foreach (string line in lines) w.WriteLine(line);
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private static void WriteGapTable(TextWriter w, List<VantageComparison> gaps, bool includeBoth, CancellationToken cancellationToken)
        {
            w.WriteLine("<h2>" + (includeBoth ? "Every finding" : "Gaps") + " (" + N(gaps.Count) + ")</h2>");
            w.WriteLine("<p class=\"note\">" + (includeBoth
                ? "Every finding of the comparison, sorted by host and QID."
                : "Findings only one vantage saw, and findings on hosts only one vantage knows, sorted by host and QID.") + "</p>");
            if (gaps.Count == 0)
            {
                w.WriteLine("<p>No gaps: both vantages saw every finding.</p>");
                return;
            }
            w.WriteLine("<table class=\"data\">");
            w.WriteLine("<thead><tr><th>Host</th><th class=\"num\">QID</th><th class=\"num\">Severity</th><th>Type</th><th>Title</th><th>Seen by</th><th>Reason</th>"
                + "<th>Scanner ports</th><th>Agent status</th><th>Agent last detected</th><th>Scanner last scanned</th><th>CVE IDs</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (VantageComparison row in gaps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = new StringBuilder(512);
                line.Append("<tr><td>").Append(HtmlText.Encode(HostLabel(row)));
                if (row.HostCoverage != Presence.Both)
                    line.Append("<br/><span class=\"note\">host seen by ").Append(PresenceText(row.HostCoverage).ToLowerInvariant()).Append("</span>");
                line.Append("</td>")
                    .Append(NumberCell(row.QID))
                    .Append("<td class=\"num\">").Append(row.Severity.HasValue ? N(row.Severity.Value) : string.Empty).Append("</td>")
                    .Append("<td>").Append(row.Type).Append("</td>")
                    .Append("<td>").Append(HtmlText.Encode(row.Title)).Append("</td>")
                    .Append("<td class=\"nowrap\">").Append(PresenceText(row.Presence)).Append("</td>")
                    .Append("<td>").Append(ReasonCell(row)).Append("</td>")
                    .Append("<td>").Append(HtmlText.Encode(row.ScannerPorts)).Append("</td>")
                    .Append("<td>").Append(row.AgentStatus.HasValue ? row.AgentStatus.Value.ToString() : string.Empty).Append("</td>")
                    .Append("<td class=\"nowrap\">").Append(Date(row.AgentLastDetected)).Append("</td>")
                    .Append("<td class=\"nowrap\">").Append(Date(row.ScannerLastScanned)).Append("</td>")
                    .Append("<td>").Append(HtmlText.Encode(row.CveIds)).Append("</td></tr>");
                w.WriteLine(line.ToString());
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }

        private static string ReasonCell(VantageComparison row)
        {
            var cell = new StringBuilder();
            if (row.Reason != GapReason.None) cell.Append("<strong>").Append(Words(row.Reason.ToString())).Append("</strong>");
            if (!string.IsNullOrEmpty(row.ReasonDetail))
            {
                if (cell.Length > 0) cell.Append("<br/>");
                cell.Append(HtmlText.Encode(row.ReasonDetail));
            }
            if (row.ReasonSource != ReasonSource.None)
            {
                if (cell.Length > 0) cell.Append("<br/>");
                cell.Append("<span class=\"note\">source: ").Append(row.ReasonSource).Append("</span>");
            }
            return cell.ToString();
        }

        /// <summary>The name a person knows the host by, whichever of the names the comparison found.</summary>
        private static string HostLabel(VantageComparison row) =>
            FirstText(row.HostName, row.DnsName, row.NetBiosName, row.ScannerIP, row.AgentIP) ?? "(no name)";

        private static string? FirstText(params string?[] values)
        {
            foreach (string? value in values)
            {
                if (!string.IsNullOrWhiteSpace(value)) return value;
            }
            return null;
        }

        private static string PresenceText(Presence presence)
        {
            switch (presence)
            {
                case Presence.Both: return "Both";
                case Presence.ScannerOnly: return "Scanner only";
                case Presence.AgentOnly: return "Agent only";
                default: return presence.ToString();
            }
        }

        /// <summary>"NeedsLocalAccess" as "Needs local access".</summary>
        internal static string Words(string pascalCase)
        {
            var words = new StringBuilder(pascalCase.Length + 8);
            for (int i = 0; i < pascalCase.Length; i++)
            {
                char c = pascalCase[i];
                if (i > 0 && char.IsUpper(c) && char.IsLower(pascalCase[i - 1]))
                {
                    words.Append(' ');
                    bool acronym = i + 1 < pascalCase.Length && char.IsUpper(pascalCase[i + 1]);
                    words.Append(acronym ? c : char.ToLowerInvariant(c));
                }
                else
                {
                    words.Append(c);
                }
            }
            return words.ToString();
        }

        private static string Date(DateTime? value) => value.HasValue ? ExportText.FormatUtc(value.Value) : string.Empty;

        private static string NumberCell(int value) => "<td class=\"num\">" + N(value) + "</td>";

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Count(int value, string noun) => N(value) + " " + noun + (value == 1 ? string.Empty : "s");

        private static string Percent(double value) =>
            double.IsNaN(value) || double.IsInfinity(value) ? "no percentage" : value.ToString("0.#", CultureInfo.InvariantCulture) + " % agent only";
    }
}
