using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    public sealed class CoverageGapExportWriterTests
    {
        private static readonly byte[] Previous = Encoding.UTF8.GetBytes("previous export, which must survive a failed one\n");
        private static readonly DateTime Generated = new DateTime(2026, 11, 27, 6, 0, 0, DateTimeKind.Utc);

        /// <summary>Enough rows to cross many hand-over batches and to fill the bounded queue.</summary>
        private static List<VantageComparison> ManyRows(int count)
        {
            var samples = ExportSamples.Rows();
            var rows = new List<VantageComparison>(count);
            for (int i = 0; i < count; i++)
            {
                var sample = samples[i % samples.Count];
                rows.Add(new VantageComparison
                {
                    HostName = sample.HostName + "-" + i,
                    ScannerIP = sample.ScannerIP,
                    HostCoverage = sample.HostCoverage,
                    Presence = sample.Presence,
                    QID = sample.QID + i,
                    Title = sample.Title,
                    Severity = sample.Severity,
                    Reason = sample.Reason,
                    ReasonDetail = sample.ReasonDetail,
                    AgentLastDetected = sample.AgentLastDetected,
                    CveIds = sample.CveIds,
                });
            }
            return rows;
        }

        private static CoverageGapExportResult Stream(string target, IEnumerable<VantageComparison> rows, CoverageGapExportOptions options, CancellationToken token = default)
        {
            using var writer = new CoverageGapExportWriter(target, options, token);
            foreach (var row in rows) writer.Add(row);
            return writer.Complete();
        }

        [Theory]
        [InlineData("gaps.csv", false)]
        [InlineData("gaps.csv", true)]
        [InlineData("gaps.json", false)]
        [InlineData("gaps.html", false)]
        [InlineData("gaps.html", true)]
        public void Writes_the_same_bytes_as_the_whole_list_export(string name, bool includeBoth)
        {
            using var folder = new TempFolder();
            var rows = ManyRows(5_000).Concat(ExportSamples.Rows()).ToList();
            var options = new CoverageGapExportOptions { IncludeBoth = includeBoth, GeneratedUtc = Generated };
            string whole = folder.File("whole-" + name), streamed = folder.File(name);

            var expected = CoverageGapExport.Write(whole, rows, VantageSummarizer.Summarize(rows), options);
            var result = Stream(streamed, rows, options);

            Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(streamed));
            Assert.Equal(expected.RowsWritten, result.RowsWritten);
            Assert.Equal(expected.Format, result.Format);
            Assert.Equal(Path.GetFullPath(streamed), result.Path);
            Assert.Equal(new[] { name, "whole-" + name }.OrderBy(n => n, StringComparer.Ordinal), folder.Names());
        }

        [Fact]
        public void No_rows_still_writes_the_header()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            var result = Stream(target, new VantageComparison[0], new CoverageGapExportOptions());
            Assert.Equal(0, result.RowsWritten);
            Assert.StartsWith("\uFEFFHostName,", File.ReadAllText(target, new UTF8Encoding(false)));
        }

        [Theory]
        [InlineData("gaps.csv")]
        [InlineData("gaps.json")]
        [InlineData("gaps.html")]
        public void An_export_disposed_before_it_completes_leaves_the_previous_file_and_no_temporary_file(string name)
        {
            using var folder = new TempFolder();
            string target = folder.File(name);
            File.WriteAllBytes(target, Previous);

            using (var writer = new CoverageGapExportWriter(target, new CoverageGapExportOptions()))
            {
                foreach (var row in ManyRows(20_000)) writer.Add(row);
            }

            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { name }, folder.Names());
        }

        [Theory]
        [InlineData("gaps.csv")]
        [InlineData("gaps.html")]
        public void Cancellation_part_way_leaves_the_previous_file_and_no_temporary_file(string name)
        {
            using var folder = new TempFolder();
            string target = folder.File(name);
            File.WriteAllBytes(target, Previous);
            using var cancellation = new CancellationTokenSource();

            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                using var writer = new CoverageGapExportWriter(target, new CoverageGapExportOptions(), cancellation.Token);
                int added = 0;
                foreach (var row in ManyRows(50_000))
                {
                    if (++added == 5_000) cancellation.Cancel();
                    writer.Add(row);
                }
                writer.Complete();
            });

            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { name }, folder.Names());
        }

        [Fact]
        public void NoClobber_fails_while_rows_still_arrive_rather_than_waiting_on_a_full_queue()
        {
            using var folder = new TempFolder();
            string target = folder.File("gaps.csv");
            File.WriteAllBytes(target, Previous);
            int added = 0;

            // 100,000 rows are far more than the queue holds: an Add that waited for room would hang.
            Assert.Throws<ExportTargetExistsException>(() =>
            {
                using var writer = new CoverageGapExportWriter(target, new CoverageGapExportOptions { NoClobber = true });
                foreach (var row in ManyRows(100_000))
                {
                    writer.Add(row);
                    added++;
                }
                writer.Complete();
            });

            Assert.True(added < 100_000, "the failure was only reported at the end");
            Assert.Equal(Previous, File.ReadAllBytes(target));
            Assert.Equal(new[] { "gaps.csv" }, folder.Names());
        }

        [Fact]
        public void A_missing_folder_is_reported_by_Complete_when_no_row_came()
        {
            using var folder = new TempFolder();
            string target = Path.Combine(folder.Path, "no", "such", "gaps.csv");
            using var writer = new CoverageGapExportWriter(target, new CoverageGapExportOptions());
            Assert.Throws<ExportFolderNotFoundException>(() => writer.Complete());
        }

        [Fact]
        public void Rows_cannot_be_added_after_Complete()
        {
            using var folder = new TempFolder();
            using var writer = new CoverageGapExportWriter(folder.File("gaps.csv"), new CoverageGapExportOptions());
            writer.Complete();
            Assert.Throws<InvalidOperationException>(() => writer.Add(ExportSamples.Rows()[0]));
            Assert.Throws<InvalidOperationException>(() => writer.Complete());
        }
    }
}
