using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
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
