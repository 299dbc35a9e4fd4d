using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Benchmarks
{
    /// <summary>
    /// The engine's stages on one generated network, each against the raw read of the same bytes,
    /// the physical limit. The files are read from the page cache after the first iteration, as
    /// in the end-to-end benchmark. They run in process: a project BenchmarkDotNet generates would
    /// take CsvHelper's net10.0 build, not the netstandard2.0 build the engine is compiled against
    /// and the module ships.
    /// </summary>
    [MemoryDiagnoser]
    [InProcess]
    [WarmupCount(2)]
    [IterationCount(7)]
    public class EngineBenchmarks
    {
        private string _scanCsv = string.Empty;
        private string[] _hldPages = Array.Empty<string>();
        private List<QualysFinding> _scanner = new List<QualysFinding>();
        private List<QualysFinding> _agent = new List<QualysFinding>();
        private readonly byte[] _buffer = new byte[1 << 20];

        [GlobalSetup]
        public void Setup()
        {
            _scanCsv = BenchData.ScanResultsCsv;
            _hldPages = BenchData.HostDetectionPages;
            _scanner = Import(new[] { _scanCsv }, VantageSelection.Scanner);
            _agent = Import(new[] { BenchData.HostFindingsCsv }, VantageSelection.Agent);
        }

        [Benchmark(Description = "Raw read of the scan CSV, newlines counted")]
        public long RawReadScanCsv() => CountNewlines(_scanCsv);

        [Benchmark(Description = "Import the Scan Results CSV")]
        public long ImportScanCsv() => Count(new[] { _scanCsv });

        // The next two bound what any reader built on CsvHelper 34 can do with this file: its
        // tokenizer finding the records, then every field of them turned into a string.
        [Benchmark(Description = "CsvHelper 34 tokenizer alone: records found, no field read")]
        public long CsvHelperRecordsOnly()
        {
            long records = 0;
            using var csv = OpenCsv(_scanCsv);
            while (csv.Read()) records++;
            return records;
        }

        [Benchmark(Description = "CsvHelper 34: every field of every record as a string")]
        public long CsvHelperEveryField()
        {
            long characters = 0;
            using var csv = OpenCsv(_scanCsv);
            while (csv.Read())
            {
                for (int i = 0; i < csv.FieldCount; i++) characters += csv.GetString(i).Length;
            }
            return characters;
        }

        [Benchmark(Description = "Import the Scan Results CSV without the Results no comparison reads")]
        public long ImportScanCsvWithoutResults()
        {
            long findings = 0;
            using var import = ReportImport.Open(_scanCsv, new ImportOptions { NeedsResults = (_, _) => false });
            foreach (var finding in import.ReadFindings()) findings++;
            return findings;
        }

        [Benchmark(Description = "Raw read of the HLD XML pages, newlines counted")]
        public long RawReadHldXml()
        {
            long lines = 0;
            foreach (var page in _hldPages) lines += CountNewlines(page);
            return lines;
        }

        [Benchmark(Description = "Import the Host List Detection XML pages")]
        public long ImportHldXml() => Count(_hldPages);

        [Benchmark(Description = "Comparer: add both sides, compare")]
        public long AddAndCompare()
        {
            var comparer = new VantageComparer();
            foreach (var finding in _scanner) comparer.Add(finding);
            foreach (var finding in _agent) comparer.Add(finding);
            long rows = 0;
            foreach (var row in comparer.Compare()) rows++;
            return rows;
        }

        /// <summary>The options the engine's readers open a CSV with, so the bound is for the same work.</summary>
        private static CsvReader OpenCsv(string path) => CsvReader.Create(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan),
            new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true, MaxRecordSize = 16 << 20 },
            false);

        private long CountNewlines(string path)
        {
            long lines = 0;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int n;
            while ((n = stream.Read(_buffer, 0, _buffer.Length)) > 0) lines += _buffer.AsSpan(0, n).Count((byte)'\n');
            return lines;
        }

        private static long Count(string[] paths)
        {
            long findings = 0;
            foreach (var path in paths)
            {
                using var import = ReportImport.Open(path);
                foreach (var finding in import.ReadFindings()) findings++;
            }
            return findings;
        }

        private static List<QualysFinding> Import(string[] paths, VantageSelection vantage)
        {
            var findings = new List<QualysFinding>();
            foreach (var path in paths)
            {
                using var import = ReportImport.Open(path, new ImportOptions { Vantage = vantage });
                findings.AddRange(import.ReadFindings());
            }
            return findings;
        }
    }
}
