using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The numbers after the work: per vantage, per severity, per host coverage and per reason.</summary>
    public static partial class GapHtmlWriter
    {
        /// <summary>Severity 1-5 and, when some rows have none, one group for them.</summary>
        private const int UnknownSeverity = 0;

        private static readonly Presence[] ChartSeries = { Presence.Both, Presence.ScannerOnly, Presence.AgentOnly };

        private static void WriteSummary(TextWriter w, List<VantageSummary> summaries)
        {
            w.WriteLine("<h2>Findings per vantage</h2>");
            VantageSummary? total = summaries.FirstOrDefault(summary => summary.Scope == SummaryScope.Total);
            List<VantageSummary> hosts = summaries
                .Where(summary => summary.Scope == SummaryScope.Host && !OnlyClosed(summary))
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

            w.WriteLine(FixedTable("vantage", 18, 8, 7, 7, 42, 6, 6, 6));
            w.WriteLine("<thead><tr><th>Host</th><th>Host seen by</th><th>Matched by</th><th>Scanner login</th><th>Findings per vantage</th>"
                + "<th class=\"num\">Both</th><th class=\"num\">Scanner only</th><th class=\"num\">Agent only</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (VantageSummary host in hosts)
            {
                w.WriteLine("<tr><td class=\"host\">" + HostHtml(host.HostName ?? "(no name)") + "</td>"
                    + "<td>" + (host.HostCoverage.HasValue ? PresenceText(host.HostCoverage.Value) : string.Empty) + "</td>"
                    + "<td>" + (host.MatchedBy == MatchMethod.None ? "not matched" : host.MatchedBy.ToString()) + "</td>"
                    + "<td>" + (host.ScannerAuthentication.HasValue ? host.ScannerAuthentication.Value.ToString() : string.Empty) + "</td>"
                    + "<td>" + HtmlText.Encode(VantageSentence(host)) + "</td>"
                    + NumberCell(host.Both) + NumberCell(host.ScannerOnly) + NumberCell(host.AgentOnly) + "</tr>");
            }
            w.WriteLine("</tbody>");
            if (total != null)
            {
                w.WriteLine("<tfoot><tr><td colspan=\"4\">All " + Count(total.Hosts, "host") + "</td><td>" + HtmlText.Encode(VantageSentence(total)) + "</td>"
                    + NumberCell(total.Both) + NumberCell(total.ScannerOnly) + NumberCell(total.AgentOnly) + "</tr></tfoot>");
            }
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
                if (summary.Scope != SummaryScope.Host || OnlyClosed(summary) || summary.HostCoverage is not Presence coverage || coverage == Presence.Both) continue;
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
            w.WriteLine("<tbody>");
            foreach (string line in lines) w.WriteLine(line);
            w.WriteLine("</tbody>");
            w.WriteLine("<tfoot><tr><td>All reasons</td>" + NumberCell(scannerTotal) + NumberCell(agentTotal) + NumberCell(withReason) + "</tr></tfoot>");
            w.WriteLine("</table>");
        }
    }
}
