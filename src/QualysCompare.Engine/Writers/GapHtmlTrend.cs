using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The trend over the run history (-HistoryPath): host coverage, findings to act on, and new
    /// against closed gaps per run, as inline SVG with the numbers in words beside each chart.</summary>
    public static partial class GapHtmlWriter
    {
        /// <summary>The most recent runs drawn; older ones stay in the history file.</summary>
        internal const int TrendRuns = 60;

        private const int TrendWidth = 640, TrendHeight = 220, TrendLeft = 52, TrendRight = 16, TrendTop = 34, TrendBottom = 36;

        /// <summary>Labels under the x axis: at most this many, so dates never overlap.</summary>
        private const int TrendDateLabels = 6;

        private sealed class TrendSeries
        {
            public TrendSeries(string name, string style, Func<CoverageRun, double> value)
            {
                Name = name;
                Style = style;
                Value = value;
            }

            public string Name { get; }
            public string Style { get; }
            public Func<CoverageRun, double> Value { get; }
        }

        private static void WriteTrend(TextWriter w, List<CoverageRun> history)
        {
            if (history.Count < 2) return;
            List<CoverageRun> runs = history.Skip(Math.Max(0, history.Count - TrendRuns)).ToList();
            w.WriteLine("<h2 id=\"trend\">Trend over " + Count(runs.Count, "run")
                + (runs.Count < history.Count ? " (the last " + N(runs.Count) + " of " + N(history.Count) + ")" : string.Empty) + "</h2>");
            w.WriteLine("<p class=\"note\">From the run history (Export-CoverageGap -HistoryPath), one point per run at the date of its data.</p>");
            WriteTrendLines(w, "trend-coverage", "Host coverage per run, in per cent of the machines", runs, 100, "%", new[]
            {
                new TrendSeries("Scanner", "stroke=\"#1f5fa8\" stroke-width=\"2\" stroke-dasharray=\"7 4\"", run => run.ScannerCoveragePercent),
                new TrendSeries("Agent", "stroke=\"#b35900\" stroke-width=\"2.5\"", run => run.AgentCoveragePercent),
                new TrendSeries("Both", "stroke=\"#404040\" stroke-width=\"2\" stroke-dasharray=\"2 3\"", run => run.BothCoveragePercent),
            });
            WriteTrendLines(w, "trend-work", "Findings to act on per run", runs, NiceMaximum(runs.Max(run => run.OpenActionable)), string.Empty, new[]
            {
                new TrendSeries("To act on", "stroke=\"#b00020\" stroke-width=\"2.5\"", run => run.OpenActionable),
            });
            WriteTrendBars(w, runs);
            WriteTrendTable(w, runs);
        }

        private static void WriteTrendLines(TextWriter w, string id, string title, List<CoverageRun> runs, double maximum, string unit, TrendSeries[] series)
        {
            var description = new StringBuilder();
            foreach (CoverageRun run in runs)
            {
                description.Append(RunDay(run)).Append(": ")
                    .Append(string.Join(", ", series.Select(line => line.Name + " " + Number(line.Value(run)) + unit))).Append(". ");
            }
            WriteTrendStart(w, id, title, description.ToString().TrimEnd());
            for (int s = 0; s < series.Length; s++)
            {
                int x = TrendLeft + s * 130;
                w.WriteLine("<line x1=\"" + x + "\" y1=\"15\" x2=\"" + (x + 26) + "\" y2=\"15\" " + series[s].Style + "/>"
                    + "<text x=\"" + (x + 32) + "\" y=\"19\" font-size=\"12\">" + HtmlText.Encode(series[s].Name) + "</text>");
            }
            WriteTrendAxes(w, runs, maximum, unit, bars: false);
            foreach (TrendSeries line in series)
            {
                var points = new StringBuilder();
                for (int i = 0; i < runs.Count; i++)
                {
                    if (i > 0) points.Append(' ');
                    points.Append(Coordinate(PointX(i, runs.Count))).Append(',').Append(Coordinate(ValueY(line.Value(runs[i]), maximum)));
                }
                w.WriteLine("<polyline fill=\"none\" " + line.Style + " points=\"" + points + "\"/>");
            }
            w.WriteLine("</svg>");
        }

        private static void WriteTrendBars(TextWriter w, List<CoverageRun> runs)
        {
            double maximum = NiceMaximum(runs.Max(run => Math.Max(run.New, run.Closed)));
            string description = string.Join(" ", runs.Select(run => RunDay(run) + ": " + N(run.New) + " new, " + N(run.Closed) + " closed."));
            WriteTrendStart(w, "trend-change", "New and closed gaps per run", description);
            w.WriteLine("<defs><pattern id=\"trend-closed-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#1f7a3a\" stroke-width=\"3\"/></pattern></defs>");
            const string newStyle = "fill=\"#b00020\" stroke=\"#000000\" stroke-width=\"1\"";
            const string closedStyle = "fill=\"url(#trend-closed-hatch)\" stroke=\"#1f7a3a\" stroke-width=\"1.5\"";
            w.WriteLine("<rect x=\"" + TrendLeft + "\" y=\"8\" width=\"14\" height=\"14\" " + newStyle + "/><text x=\"" + (TrendLeft + 20) + "\" y=\"19\" font-size=\"12\">New</text>");
            w.WriteLine("<rect x=\"" + (TrendLeft + 130) + "\" y=\"8\" width=\"14\" height=\"14\" " + closedStyle + "/><text x=\"" + (TrendLeft + 150) + "\" y=\"19\" font-size=\"12\">Closed</text>");
            WriteTrendAxes(w, runs, maximum, string.Empty, bars: true);
            double slot = (double)(TrendWidth - TrendLeft - TrendRight) / runs.Count;
            double bar = Math.Max(1, Math.Min(18, slot / 2 - 1));
            for (int i = 0; i < runs.Count; i++)
            {
                double middle = TrendLeft + slot * (i + 0.5);
                WriteBar(w, middle - bar, bar, runs[i].New, maximum, newStyle);
                WriteBar(w, middle, bar, runs[i].Closed, maximum, closedStyle);
            }
            w.WriteLine("</svg>");
        }

        private static void WriteBar(TextWriter w, double x, double width, int value, double maximum, string style)
        {
            double top = ValueY(value, maximum), height = TrendHeight - TrendBottom - top;
            if (height <= 0) return;
            w.WriteLine("<rect x=\"" + Coordinate(x) + "\" y=\"" + Coordinate(top) + "\" width=\"" + Coordinate(width) + "\" height=\"" + Coordinate(height) + "\" " + style + "/>");
        }

        private static void WriteTrendStart(TextWriter w, string id, string title, string description)
        {
            w.WriteLine("<svg class=\"chart trend\" id=\"" + id + "\" width=\"" + TrendWidth + "\" height=\"" + TrendHeight + "\" viewBox=\"0 0 " + TrendWidth + " " + TrendHeight
                + "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\" font-family=\"Helvetica, Arial, sans-serif\">");
            w.WriteLine("<title id=\"" + id + "-title\">" + HtmlText.Encode(title) + "</title>");
            w.WriteLine("<desc id=\"" + id + "-desc\">" + HtmlText.Encode(description) + "</desc>");
        }

        /// <summary>The y axis with five gridlines and their values, and the dates of some runs under the x axis.</summary>
        private static void WriteTrendAxes(TextWriter w, List<CoverageRun> runs, double maximum, string unit, bool bars)
        {
            int right = TrendWidth - TrendRight, bottom = TrendHeight - TrendBottom;
            for (int step = 0; step <= 4; step++)
            {
                double value = maximum * step / 4;
                string y = Coordinate(ValueY(value, maximum));
                w.WriteLine("<line x1=\"" + TrendLeft + "\" y1=\"" + y + "\" x2=\"" + right + "\" y2=\"" + y + "\" stroke=\"" + (step == 0 ? "#000000" : "#cccccc") + "\" stroke-width=\"1\"/>"
                    + "<text x=\"" + (TrendLeft - 6) + "\" y=\"" + y + "\" dy=\"4\" font-size=\"11\" text-anchor=\"end\">" + Number(value) + unit + "</text>");
            }
            int every = (runs.Count + TrendDateLabels - 1) / TrendDateLabels;
            for (int i = 0; i < runs.Count; i++)
            {
                // The last run is always labelled: it is this report's.
                bool last = i == runs.Count - 1;
                if (!last && (i % every != 0 || runs.Count - 1 - i < every)) continue;
                double x = bars ? TrendLeft + (double)(right - TrendLeft) / runs.Count * (i + 0.5) : PointX(i, runs.Count);
                string anchor = !bars && i == 0 ? "start" : !bars && last ? "end" : "middle";
                w.WriteLine("<text x=\"" + Coordinate(x) + "\" y=\"" + (bottom + 18) + "\" font-size=\"11\" text-anchor=\"" + anchor + "\">" + RunDay(runs[i]) + "</text>");
            }
        }

        /// <summary>The numbers of the charts, as a table: copied, read aloud, or kept where a mail client drops SVG.</summary>
        private static void WriteTrendTable(TextWriter w, List<CoverageRun> runs)
        {
            w.WriteLine("<details class=\"trend-numbers\"><summary>The numbers per run</summary>");
            w.WriteLine(FixedTable("trend", 16, 12, 12, 12, 16, 16, 16));
            w.WriteLine("<thead><tr><th>Data of</th><th class=\"num\">Scanner coverage %</th><th class=\"num\">Agent coverage %</th><th class=\"num\">Both %</th>"
                + "<th class=\"num\">To act on</th><th class=\"num\">New</th><th class=\"num\">Closed</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (CoverageRun run in runs)
            {
                w.WriteLine("<tr><td class=\"nowrap\">" + RunDay(run) + "</td><td class=\"num\">" + Number(run.ScannerCoveragePercent) + "</td>"
                    + "<td class=\"num\">" + Number(run.AgentCoveragePercent) + "</td><td class=\"num\">" + Number(run.BothCoveragePercent) + "</td>"
                    + NumberCell(run.OpenActionable) + NumberCell(run.New) + NumberCell(run.Closed) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
            w.WriteLine("</details>");
        }

        private static string RunDay(CoverageRun run) => Day(run.DataDate ?? run.RunUtc);

        private static double PointX(int index, int count) =>
            TrendLeft + (count == 1 ? 0 : (double)(TrendWidth - TrendLeft - TrendRight) * index / (count - 1));

        private static double ValueY(double value, double maximum) =>
            TrendHeight - TrendBottom - (TrendHeight - TrendBottom - TrendTop) * Math.Max(0, Math.Min(value, maximum)) / maximum;

        /// <summary>A round top for the y axis (1, 2 or 5 times a power of ten, times four for the gridlines), at least 4.</summary>
        private static double NiceMaximum(int largest)
        {
            double quarter = Math.Max(1, largest / 4.0);
            double power = Math.Pow(10, Math.Floor(Math.Log10(quarter)));
            double step = quarter <= power ? power : quarter <= 2 * power ? 2 * power : quarter <= 5 * power ? 5 * power : 10 * power;
            return step * 4;
        }

        private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
