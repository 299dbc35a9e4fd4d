using System;
using System.IO;
using System.Linq;

namespace QualysCompare.Benchmarks
{
    /// <summary>
    /// The generated benchmark network the micro-benchmarks read: the folder in
    /// QUALYSCOMPARE_BENCH_DATA (build.ps1 -Task Bench -Micro sets it), else bench-data/100k of the
    /// checkout. The files are generated, never committed: "QualysCompare.ScenarioGen bench" writes them.
    /// </summary>
    internal static class BenchData
    {
        public static string Folder
        {
            get
            {
                string? folder = Environment.GetEnvironmentVariable("QUALYSCOMPARE_BENCH_DATA");
                if (string.IsNullOrEmpty(folder)) folder = Path.Combine(FindCheckout(), "bench-data", "100k");
                if (!File.Exists(Path.Combine(folder, "manifest.json")))
                    throw new InvalidOperationException($"No benchmark network in {folder}: generate one with 'dotnet run --project tools/QualysCompare.ScenarioGen -c Release -- bench {folder} 100k', or run 'build.ps1 -Task Bench -Micro'.");
                return folder;
            }
        }

        public static string ScanResultsCsv => Path.Combine(Folder, "scanner", "scan-results.csv");
        public static string HostFindingsCsv => Path.Combine(Folder, "agent", "host-findings.csv");

        public static string[] HostDetectionPages =>
            Directory.GetFiles(Path.Combine(Folder, "agent", "hld"), "hld-page-*.xml").OrderBy(p => p, StringComparer.Ordinal).ToArray();

        // BenchmarkDotNet runs the benchmarks from a generated project deep under bin/, so the
        // checkout is found upwards from there, by its build script.
        private static string FindCheckout()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
            throw new InvalidOperationException("Set QUALYSCOMPARE_BENCH_DATA: the checkout holding bench-data was not found above " + AppContext.BaseDirectory);
        }
    }
}
