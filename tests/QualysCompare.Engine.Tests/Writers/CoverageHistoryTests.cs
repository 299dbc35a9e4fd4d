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
    /// <summary>Issue 16: the run history of Export-CoverageGap -HistoryPath: one record per run, counted from
    /// the rows, appended atomically after the export, readable by header name, refused when damaged.</summary>
    public sealed class CoverageHistoryTests
    {
        private static readonly DateTime FirstRun = new DateTime(2026, 11, 24, 6, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime SecondRun = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);

        private static string HostKey(VantageComparison row) =>
            string.Join("|", row.HostName, row.ScannerIP, row.AgentIP, row.AgentHostId, row.HostCoverage);

        private static CoverageRunExpectation Expect(List<VantageComparison> rows) => new CoverageRunExpectation(rows);

        private static CoverageGapExportResult Export(string target, IEnumerable<VantageComparison> rows, CoverageGapExportOptions options, CancellationToken token = default)
        {
            using var writer = new CoverageGapExportWriter(target, options, token);
            foreach (VantageComparison row in rows) writer.Add(row);
            return writer.Complete();
        }

        [Fact]
        public void The_record_counts_the_demo_rows_and_counts_closed_rows_only_as_closed()
        {
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            var open = rows.Where(row => row.Change != GapChange.Closed).ToList();
            Assert.True(rows.Count(row => row.Change == GapChange.Closed) >= 3);

            CoverageRun run = CoverageRunCounter.Count(rows, SecondRun);

            var hosts = open.GroupBy(HostKey).ToList();
            Assert.Equal(SecondRun, run.RunUtc);
            Assert.Equal(BaselineRows.DataDate, run.DataDate);
            Assert.Equal(BaselineRows.BaselineDate, run.BaselineDate);
            Assert.Equal(hosts.Count, run.Hosts);
            Assert.Equal(hosts.Count(host => host.First().HostCoverage == Presence.Both), run.HostsBoth);
            Assert.Equal(hosts.Count(host => host.First().HostCoverage == Presence.ScannerOnly), run.HostsScannerOnly);
            Assert.Equal(hosts.Count(host => host.First().HostCoverage == Presence.AgentOnly), run.HostsAgentOnly);
            Assert.True(run.HostsScannerOnly > 0 && run.HostsAgentOnly > 0 && run.HostsBoth > 0, "the demo has every host coverage");
            Assert.Equal(Math.Round((run.HostsBoth + run.HostsScannerOnly) * 100.0 / run.Hosts, 1, MidpointRounding.AwayFromZero), run.ScannerCoveragePercent);
            Assert.Equal(Math.Round((run.HostsBoth + run.HostsAgentOnly) * 100.0 / run.Hosts, 1, MidpointRounding.AwayFromZero), run.AgentCoveragePercent);
            Assert.Equal(Math.Round(run.HostsBoth * 100.0 / run.Hosts, 1, MidpointRounding.AwayFromZero), run.BothCoveragePercent);

            var expected = Expect(rows);
            Assert.Equal(expected.OpenGaps, run.OpenGaps);
            Assert.Equal(expected.OpenActionable, run.OpenActionable);
            Assert.Equal(rows.Count(row => row.Change == GapChange.New), run.New);
            Assert.Equal(rows.Count(row => row.Change == GapChange.New && row.Action != GapAction.None && !row.Accepted), run.NewActionable);
            Assert.Equal(rows.Count(row => row.Change == GapChange.Persisting), run.Persisting);
            Assert.Equal(2, run.BecameActionable);
            Assert.Equal(rows.Count(row => row.Change == GapChange.Closed), run.Closed);
            Assert.Equal(open.Count(row => row.Accepted), run.Accepted);
            Assert.True(run.New > 0 && run.NewActionable > 0 && run.Persisting > 0);

            // Per reason and per action, with the closed rows (which keep their reason) left out.
            foreach (GapReason reason in Enum.GetValues(typeof(GapReason)).Cast<GapReason>().Where(reason => reason != GapReason.None))
                Assert.Equal(open.Count(row => BaselineRows.IsGap(row) && row.Reason == reason), (int)typeof(CoverageRun).GetProperty(reason.ToString())!.GetValue(run)!);
            foreach (GapAction action in Enum.GetValues(typeof(GapAction)).Cast<GapAction>().Where(action => action != GapAction.None))
                Assert.Equal(open.Count(row => row.Action == action && !row.Accepted), (int)typeof(CoverageRun).GetProperty(action.ToString())!.GetValue(run)!);
            Assert.Equal(run.OpenActionable, run.FixScanAuthentication + run.InvestigateScanReach + run.DeployAgent + run.RepairAgent + run.InvestigateDetection);
        }

        [Fact]
        public void The_record_is_flat_and_in_spreadsheet_order()
        {
            string[] names = FlatObjectCsvWriter<CoverageRun>.Header.ToArray();
            Assert.Equal(new[]
            {
                "RunUtc", "DataDate", "BaselineDate", "Hosts", "HostsBoth", "HostsScannerOnly", "HostsAgentOnly",
                "ScannerCoveragePercent", "AgentCoveragePercent", "BothCoveragePercent", "OpenGaps", "OpenActionable",
                "New", "NewActionable", "Persisting", "BecameActionable", "Closed", "Accepted",
            }, names.Take(18));
            Assert.Equal(Enum.GetNames(typeof(GapReason)).Skip(1).Concat(Enum.GetNames(typeof(GapAction)).Skip(1)), names.Skip(18));
            Assert.True(typeof(CoverageRun).IsSealed);
        }

        [Theory]
        [InlineData("gaps.csv")]
        [InlineData("gaps.json")]
        [InlineData("gaps.html")]
        public void Each_export_appends_one_record_and_the_file_reads_back(string name)
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv");
            List<VantageComparison> before = BaselineRows.Demo(), after = BaselineRows.DemoWithChanges();

            Export(folder.File(name), before, new CoverageGapExportOptions { GeneratedUtc = FirstRun, HistoryPath = history });
            Assert.Single(CoverageHistory.Read(history));
            Export(folder.File(name), after, new CoverageGapExportOptions { GeneratedUtc = SecondRun, HistoryPath = history });

            List<CoverageRun> runs = CoverageHistory.Read(history);
            Assert.Equal(new[] { FirstRun, SecondRun }, runs.Select(run => run.RunUtc));
            Assert.Equal(CoverageRunCounter.Count(before, FirstRun).OpenActionable, runs[0].OpenActionable);
            CoverageRun expected = CoverageRunCounter.Count(after, SecondRun);
            foreach (var property in typeof(CoverageRun).GetProperties())
                Assert.Equal(property.GetValue(expected), property.GetValue(runs[1]));
            string header = File.ReadAllLines(history)[0].TrimStart('\uFEFF');
            Assert.Equal(string.Join(",", FlatObjectCsvWriter<CoverageRun>.Header), header);
            Assert.Equal(new[] { "history.csv", name }.OrderBy(n => n, StringComparer.Ordinal), folder.Names());
        }

        [Fact]
        public void A_failing_export_leaves_the_history_byte_identical()
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv"), target = folder.File("gaps.csv");
            Export(target, BaselineRows.Demo(), new CoverageGapExportOptions { GeneratedUtc = FirstRun, HistoryPath = history });
            byte[] previous = File.ReadAllBytes(history);

            // The target may not be replaced: the export fails, and so no record is added.
            Assert.Throws<ExportTargetExistsException>(() =>
                Export(target, BaselineRows.DemoWithChanges(), new CoverageGapExportOptions { GeneratedUtc = SecondRun, HistoryPath = history, NoClobber = true }));
            Assert.Equal(previous, File.ReadAllBytes(history));

            // Stopped half-way through the rows: no record either, and no temporary file is left.
            using (var cancel = new CancellationTokenSource())
            using (var writer = new CoverageGapExportWriter(target, new CoverageGapExportOptions { GeneratedUtc = SecondRun, HistoryPath = history }, cancel.Token))
            {
                foreach (VantageComparison row in BaselineRows.DemoWithChanges().Take(10)) writer.Add(row);
                cancel.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => writer.Complete());
            }
            Assert.Equal(previous, File.ReadAllBytes(history));
            Assert.Equal(new[] { "gaps.csv", "history.csv" }, folder.Names());
        }

        [Theory]
        [InlineData("gaps.csv")]
        [InlineData("gaps.json")]
        [InlineData("gaps.html")]
        public void An_export_stopped_part_way_through_the_rows_adds_no_record(string name)
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv");
            List<VantageComparison> rows = BaselineRows.DemoWithChanges();
            Export(folder.File(name), rows, new CoverageGapExportOptions { GeneratedUtc = FirstRun, HistoryPath = history });
            byte[] previous = File.ReadAllBytes(history);
            byte[] export = File.ReadAllBytes(folder.File(name));

            using var cancel = new CancellationTokenSource();
            int taken = 0;
            IEnumerable<VantageComparison> CancelPartWay()
            {
                foreach (VantageComparison row in rows)
                {
                    if (++taken == rows.Count / 2) cancel.Cancel();
                    yield return row;
                }
            }
            Assert.ThrowsAny<OperationCanceledException>(() => CoverageGapExport.Write(folder.File(name), CancelPartWay(), Array.Empty<VantageSummary>(),
                new CoverageGapExportOptions { GeneratedUtc = SecondRun, HistoryPath = history }, cancel.Token));
            Assert.Equal(rows.Count / 2, taken);
            Assert.Equal(previous, File.ReadAllBytes(history));
            Assert.Equal(export, File.ReadAllBytes(folder.File(name)));
            Assert.Equal(new[] { "history.csv", name }.OrderBy(n => n, StringComparer.Ordinal), folder.Names());
        }

        [Fact]
        public void A_history_with_fewer_columns_loads_and_is_rewritten_whole()
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv");
            // An older version's file, as Excel saves it: fewer columns, another order, a date without seconds.
            File.WriteAllText(history, "OpenActionable,RunUtc,Hosts,ScannerCoveragePercent\r\n12,2026-11-10T06:00:00Z,40,87.5\r\n9,2026-11-17 06:00,41,90\r\n", new UTF8Encoding(false));

            List<CoverageRun> old = CoverageHistory.Read(history);
            Assert.Equal(2, old.Count);
            Assert.Equal((new DateTime(2026, 11, 10, 6, 0, 0, DateTimeKind.Utc), 12, 40, 87.5, 0), (old[0].RunUtc, old[0].OpenActionable, old[0].Hosts, old[0].ScannerCoveragePercent, old[0].New));
            Assert.Equal(new DateTime(2026, 11, 17, 6, 0, 0, DateTimeKind.Utc), old[1].RunUtc);
            Assert.Null(old[1].DataDate);

            Export(folder.File("gaps.csv"), BaselineRows.DemoWithChanges(), new CoverageGapExportOptions { GeneratedUtc = SecondRun, HistoryPath = history });
            List<CoverageRun> runs = CoverageHistory.Read(history);
            Assert.Equal(3, runs.Count);
            Assert.Equal((12, 9), (runs[0].OpenActionable, runs[1].OpenActionable));
            Assert.Equal(string.Join(",", FlatObjectCsvWriter<CoverageRun>.Header), File.ReadAllLines(history)[0].TrimStart('\uFEFF'));
        }

        [Theory]
        [InlineData("RunUtc,Hosts\n2026-11-10T06:00:00Z,40\n2026-11-17T06:00:00Z,forty\n", 3, "Hosts 'forty'")]
        [InlineData("RunUtc,Hosts\n2026-11-10T06:00:00Z,40\nyesterday,41\n", 3, "RunUtc 'yesterday'")]
        [InlineData("HostName,QID,Presence\nweb01,38170,ScannerOnly\n", 1, "no RunUtc column")]
        [InlineData("RunUtc,Hosts,Hosts\n2026-11-10T06:00:00Z,40,41\n", 1, "more than one \"Hosts\" column")]
        [InlineData("RunUtc,Hosts\n,40\n", 2, "RunUtc is empty")]
        public void A_damaged_history_is_refused_with_its_line_before_anything_is_written(string content, long line, string problem)
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv");
            File.WriteAllText(history, content);
            byte[] previous = File.ReadAllBytes(history);

            var e = Assert.Throws<CoverageHistoryUnreadableException>(() =>
                new CoverageGapExportWriter(folder.File("gaps.csv"), new CoverageGapExportOptions { HistoryPath = history }).Dispose());
            Assert.Equal("CoverageGapHistoryUnreadable", e.ErrorId);
            Assert.Equal(ExportErrorIds.HistoryUnreadable, e.ErrorId);
            Assert.Equal(line, e.LineNumber);
            Assert.StartsWith(history + ", line " + line + ": ", e.Message);
            Assert.Contains(problem, e.Message);
            Assert.Equal(new[] { "history.csv" }, folder.Names());
            Assert.Equal(previous, File.ReadAllBytes(history));
        }

        [Fact]
        public void A_binary_file_is_not_a_history()
        {
            using var folder = new TempFolder();
            string history = folder.File("history.csv");
            File.WriteAllBytes(history, new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0xFE, 0x00, 0x01 });
            var e = Assert.Throws<CoverageHistoryUnreadableException>(() => CoverageHistory.Read(history));
            Assert.Equal(ExportErrorIds.HistoryUnreadable, e.ErrorId);
            Assert.Contains(history, e.Message);
        }

        [Fact]
        public void A_missing_or_empty_history_starts_a_new_one()
        {
            using var folder = new TempFolder();
            Assert.Empty(CoverageHistory.Read(folder.File("none.csv")));
            File.WriteAllBytes(folder.File("empty.csv"), new byte[0]);
            Assert.Empty(CoverageHistory.Read(folder.File("empty.csv")));
        }

        /// <summary>The open counts, from their definitions rather than from the counter's code.</summary>
        private sealed class CoverageRunExpectation
        {
            public CoverageRunExpectation(List<VantageComparison> rows)
            {
                OpenGaps = rows.Count(BaselineRows.IsGap);
                OpenActionable = rows.Count(row => row.Change != GapChange.Closed && row.Action != GapAction.None && !row.Accepted);
            }

            public int OpenGaps { get; }
            public int OpenActionable { get; }
        }
    }
}
