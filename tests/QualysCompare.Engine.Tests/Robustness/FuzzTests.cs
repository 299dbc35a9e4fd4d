using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;
using Xunit.Abstractions;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Every real sample, damaged many ways. The only outcomes allowed are findings or a
    /// QualysReportException with a documented ErrorId; no other exception, no hang, no runaway
    /// allocation. CI runs a bounded number; build.ps1 -Task Fuzz runs as long as asked.
    /// </summary>
    public sealed class FuzzTests
    {
        private const int MutationsPerFile = 700;
        private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);
        private const long AllocationLimit = 512L * 1024 * 1024;

        private static readonly HashSet<string> DocumentedErrorIds = new HashSet<string>(
            typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!));

        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Samples() =>
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "samples"))
                .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

        [Theory]
        [MemberData(nameof(Samples))]
        public void MutatedSamplesGiveFindingsOrDocumentedErrors(string sample)
        {
            var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "samples", sample));
            var random = new Random(sample.GetHashCode(StringComparison.Ordinal) ^ 0x5eed);
            var outcomes = new Dictionary<string, int>();
            for (int i = 0; i < MutationsPerFile; i++)
            {
                var mutated = Mutator.Mutate(original, random, out string description);
                string outcome = RunBounded(mutated, $"{sample}#{i}", description);
                outcomes[outcome] = outcomes.TryGetValue(outcome, out int n) ? n + 1 : 1;
            }
            _output.WriteLine($"{sample}: {MutationsPerFile} inputs: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        }

        internal static string RunBounded(byte[] input, string name, string description)
        {
            string? outcome = null;
            Exception? unexpected = null;
            long allocated = 0;
            var worker = new Thread(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    using var stream = new MemoryStream(input, writable: false);
                    using var import = ReportImport.Open(stream, name);
                    long count = 0;
                    foreach (var finding in import.ReadFindings())
                    {
                        Assert.True(finding.QID > 0, $"{name} ({description}): a finding without a QID");
                        count++;
                    }
                    outcome = "findings";
                }
                catch (QualysReportException e)
                {
                    outcome = e.ErrorId;
                    if (!DocumentedErrorIds.Contains(e.ErrorId)) unexpected = e;
                }
                catch (Exception e)
                {
                    unexpected = e;
                }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }, 16 * 1024 * 1024) { IsBackground = true };
            worker.Start();
            Assert.True(worker.Join(PerInputLimit), $"{name} ({description}) did not finish within {PerInputLimit.TotalSeconds} s");
            if (unexpected != null) throw new Xunit.Sdk.XunitException($"{name} ({description}) threw {unexpected.GetType().Name}: {unexpected}");
            Assert.True(allocated < AllocationLimit, $"{name} ({description}) allocated {allocated / 1048576} MB");
            return outcome!;
        }
    }
}
