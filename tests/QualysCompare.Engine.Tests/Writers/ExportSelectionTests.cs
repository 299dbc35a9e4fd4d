using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    public sealed class ExportSelectionTests
    {
        [Theory]
        [InlineData("gaps.csv", ExportFormat.Csv)]
        [InlineData("gaps.JSON", ExportFormat.Json)]
        [InlineData("gaps.html", ExportFormat.Html)]
        [InlineData("gaps.HTM", ExportFormat.Html)]
        [InlineData("gaps", ExportFormat.Csv)]
        public void Format_comes_from_the_extension_and_a_path_without_one_is_csv(string path, ExportFormat expected)
        {
            Assert.Equal(expected, ExportFormatResolver.Resolve(null, path));
        }

        [Theory]
        [InlineData("gaps.xlsx", true)]
        [InlineData("gaps.XLS", true)]
        [InlineData("gaps.txt", false)]
        [InlineData("gaps.tsv", false)]
        public void An_extension_the_export_does_not_write_is_refused_and_an_excel_one_points_to_Export_Excel(string path, bool excel)
        {
            var e = Assert.Throws<ExportExtensionException>(() => ExportFormatResolver.Resolve(null, path));
            Assert.Equal(ExportErrorIds.ExtensionUnsupported, e.ErrorId);
            Assert.Equal(path, e.Path);
            Assert.Equal(excel, e.Message.Contains("Export-Excel"));
            Assert.Contains("Nothing was written", e.Message);
            Assert.Equal(ExportFormat.Csv, ExportFormatResolver.Resolve(ExportFormat.Csv, path));
        }

        [Fact]
        public void An_explicit_format_wins_over_the_extension()
        {
            Assert.Equal(ExportFormat.Json, ExportFormatResolver.Resolve(ExportFormat.Json, "gaps.html"));
        }

        [Fact]
        public void Gaps_are_one_sided_findings_and_findings_on_one_sided_hosts()
        {
            var rows = new List<VantageComparison>
            {
                new VantageComparison { QID = 1, Presence = Presence.Both, HostCoverage = Presence.Both },
                new VantageComparison { QID = 2, Presence = Presence.ScannerOnly, HostCoverage = Presence.Both },
                new VantageComparison { QID = 3, Presence = Presence.AgentOnly, HostCoverage = Presence.Both },
                new VantageComparison { QID = 4, Presence = Presence.Both, HostCoverage = Presence.ScannerOnly },
                new VantageComparison { QID = 5, Presence = Presence.AgentOnly, HostCoverage = Presence.AgentOnly },
            };
            Assert.Equal(new[] { 2, 3, 4, 5 }, GapFilter.Select(rows, includeBoth: false).Select(row => row.QID));
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, GapFilter.Select(rows, includeBoth: true).Select(row => row.QID));
        }

        [Fact]
        public void Export_picks_the_format_from_the_extension_and_writes_only_the_gaps()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.json");
            CoverageGapExportResult result = CoverageGapExport.Write(target, ExportSamples.Rows(), ExportSamples.Summaries(), new CoverageGapExportOptions());

            Assert.Equal(ExportFormat.Json, result.Format);
            Assert.Equal(5, result.RowsWritten);
            Assert.Equal(target, result.Path);
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(target));
            Assert.DoesNotContain(90001, document.RootElement.EnumerateArray().Select(row => row.GetProperty("QID").GetInt32()));
            Assert.Equal(new[] { "gaps.json" }, folder.Names());
        }

        [Fact]
        public void Export_with_IncludeBoth_writes_every_row()
        {
            using var folder = new TempFolder();
            string target = folder.File("all.csv");
            CoverageGapExportResult result = CoverageGapExport.Write(target, ExportSamples.Rows(), ExportSamples.Summaries(),
                new CoverageGapExportOptions { IncludeBoth = true });

            Assert.Equal(ExportFormat.Csv, result.Format);
            Assert.Equal(6, result.RowsWritten);
            Assert.Equal(6, CsvExportTests.ReadBack(File.ReadAllBytes(target), out _).Count);
        }

        [Fact]
        public void Export_honours_an_explicit_format_and_NoSanitize()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.txt");
            CoverageGapExport.Write(target, ExportSamples.Rows(), ExportSamples.Summaries(), new CoverageGapExportOptions { Format = ExportFormat.Csv, Sanitize = false });
            Assert.Contains("," + ExportSamples.Formula + ",", Encoding.UTF8.GetString(File.ReadAllBytes(target)));

            string page = folder.File("gaps.txt.html");
            CoverageGapExportResult html = CoverageGapExport.Write(page, ExportSamples.Rows(), ExportSamples.Summaries(),
                new CoverageGapExportOptions { GeneratedUtc = new DateTime(2026, 5, 9, 0, 0, 0, DateTimeKind.Utc) });
            Assert.Equal(ExportFormat.Html, html.Format);
            Assert.Equal(5, html.RowsWritten);
            Assert.Contains("Generated 2026-05-09T00:00:00Z", HtmlExportTests.Parse(File.ReadAllBytes(page)).Root!.Value);
        }

        [Fact]
        public void Summaries_export_as_csv_or_json_but_not_as_a_page_of_their_own()
        {
            using var folder = new TempFolder();
            CoverageGapExportResult csv = CoverageGapExport.WriteSummaries(folder.File("summary.csv"), ExportSamples.Summaries(), new CoverageGapExportOptions());
            Assert.Equal(5, csv.RowsWritten);
            Assert.Throws<ArgumentException>(() =>
                CoverageGapExport.WriteSummaries(folder.File("summary.html"), ExportSamples.Summaries(), new CoverageGapExportOptions()));
            Assert.Equal(new[] { "summary.csv" }, folder.Names());
        }
    }
}
