using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// The same inputs give byte-identical CSV and JSON exports whatever order the files are
    /// given in: the trap scenario (the hardest matching cases), a later scan and agent page of
    /// the same machines that disagree with it (names spelled otherwise, a title reworded, a
    /// severity raised, detections fixed), and five real exports of both vantage points, through
    /// the comparer and the writers the cmdlets use.
    /// </summary>
    public sealed class DeterminismTests : IDisposable
    {
        private readonly HostileFolder _folder = new HostileFolder();
        private readonly string[] _files;

        public DeterminismTests()
        {
            var scan = File.ReadAllText(Path.Combine(TrapScenario.Directory, "scanner-scan.csv"));
            var agent = File.ReadAllText(Path.Combine(TrapScenario.Directory, "agent-detections.xml"));
            _files = new[]
            {
                Path.Combine(TrapScenario.Directory, "scanner-scan.csv"),
                Path.Combine(TrapScenario.Directory, "agent-detections.xml"),
                _folder.Write("later-scan.csv", scan.Replace("Corp.Example.com.", "corp.example.com")
                    .Replace("SSL Certificate - Subject", "SSL Certificate: Subject").Replace("03/30/2019", "04/06/2019").Replace("\"3\",\"445\"", "\"4\",\"445\"")),
                _folder.Write("later-agent.xml", agent.Replace("<STATUS>Active</STATUS>", "<STATUS>Fixed</STATUS>").Replace("2024-", "2025-")),
                Hostile.HostDetectionPath,
                Hostile.HostFindingsCsvPath,
                Hostile.ScanResultsCsvPath,
                Hostile.ScanResultsJsonPath,
                Hostile.VmdrCsvPath,
            };
            Assert.NotEqual(scan, File.ReadAllText(_files[2]));
            Assert.NotEqual(agent, File.ReadAllText(_files[3]));
        }

        public void Dispose() => _folder.Dispose();

        public static TheoryData<string> OptionSets() => new TheoryData<string> { "defaults", "everything" };

        private static ComparisonOptions Options(string set) => set == "defaults"
            ? new ComparisonOptions()
            : new ComparisonOptions { IncludeInformational = true, IncludeFixed = true };

        /// <summary>The four exports, as the bytes the files would hold.</summary>
        private static (byte[] GapsCsv, byte[] GapsJson, byte[] SummaryCsv, byte[] SummaryJson) Export(IEnumerable<string> files, string options)
        {
            var comparer = new VantageComparer(Options(options));
            foreach (var file in files)
            {
                using var import = ReportImport.Open(file);
                foreach (var finding in import.ReadFindings()) comparer.Add(finding);
            }
            var rows = comparer.Compare().ToList();
            var summaries = VantageSummarizer.Summarize(rows);
            return (
                Write(stream => GapCsvWriter.Write(stream, GapFilter.Select(rows, includeBoth: true))),
                Write(stream => GapJsonWriter.Write(stream, GapFilter.Select(rows, includeBoth: true))),
                Write(stream => GapCsvWriter.Write(stream, summaries)),
                Write(stream => GapJsonWriter.Write(stream, summaries)));
        }

        private static byte[] Write(Action<Stream> write)
        {
            using var stream = new MemoryStream();
            write(stream);
            return stream.ToArray();
        }

        private IEnumerable<string[]> Orders()
        {
            yield return _files.Reverse().ToArray();
            // The earlier and the later scan swapped, the trap files apart, first and last.
            yield return new[] { _files[2], _files[3], _files[0], _files[1] }.Concat(_files.Skip(4)).ToArray();
            yield return _files.Skip(1).Concat(_files.Take(1)).ToArray();
            var random = new Random(20240501);
            for (int i = 0; i < 12; i++) yield return _files.OrderBy(_ => random.Next()).ToArray();
        }

        [Theory]
        [MemberData(nameof(OptionSets))]
        public void ExportsAreByteIdenticalWhateverTheFileOrder(string options)
        {
            var expected = Export(_files, options);
            Assert.Contains((byte)'\n', expected.GapsCsv);
            Assert.True(expected.GapsCsv.Count(b => b == '\n') > 20, "the exports hold enough rows to disagree");

            foreach (var order in Orders())
            {
                var actual = Export(order, options);
                string described = string.Join(", ", order.Select(Path.GetFileName));
                Assert.True(expected.GapsCsv.SequenceEqual(actual.GapsCsv), $"gap CSV differs for {described}");
                Assert.True(expected.GapsJson.SequenceEqual(actual.GapsJson), $"gap JSON differs for {described}");
                Assert.True(expected.SummaryCsv.SequenceEqual(actual.SummaryCsv), $"summary CSV differs for {described}");
                Assert.True(expected.SummaryJson.SequenceEqual(actual.SummaryJson), $"summary JSON differs for {described}");
            }
        }

        [Fact]
        public void ExportsAreByteIdenticalRunAfterRun()
        {
            var first = Export(_files, "everything");
            var second = Export(_files, "everything");

            Assert.Equal(first.GapsCsv, second.GapsCsv);
            Assert.Equal(first.GapsJson, second.GapsJson);
        }
    }
}
