using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
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
    ///
    /// The mutations are the same on every run and machine: each sample's seed is a fixed hash
    /// of its name (<see cref="SeedOf"/>; string.GetHashCode is randomised per process), and the
    /// seed is in the test output and in every failure message. A failing input is also written
    /// to out/test-results/fuzz-failures/&lt;sample&gt;-&lt;seed&gt;-&lt;iteration&gt;.bin, named in the message.
    ///
    /// To replay a failure, either
    ///  - run the same test again: dotnet test tests/QualysCompare.Engine.Tests -c Release
    ///    --filter "FullyQualifiedName~FuzzTests" (same seed, same mutations, same failure), or
    ///  - import the saved file on its own, with the staged module:
    ///    Import-QualysReport -LiteralPath out/test-results/fuzz-failures/&lt;file&gt;.bin
    ///    or from C#: FuzzTests.RunBounded(File.ReadAllBytes(path), "replay", 0, 0, "replay"),
    ///    or with the fuzzing target that build.ps1 -Task Fuzz builds, which replays a file given
    ///    as its argument: dotnet out/fuzz/target/QualysCompare.Fuzz.dll &lt;file&gt;.bin
    /// </summary>
    public sealed class FuzzTests
    {
        private const int MutationsPerFile = 700;

        /// <summary>Only stops a hang: a sample imports in milliseconds, so a loaded machine is
        /// far inside it, and an input that loops forever is still caught.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

        private const long AllocationLimit = 512L * 1024 * 1024;

        private static readonly HashSet<string> DocumentedErrorIds = new HashSet<string>(
            typeof(ErrorIds).GetFields().Select(f => (string)f.GetValue(null)!));

        private readonly ITestOutputHelper _output;

        public FuzzTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Samples() =>
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "samples"))
                .Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

        /// <summary>A seed that depends on the name alone: FNV-1a (32 bits) of its UTF-8 bytes,
        /// made non-negative. The same on every process, machine and .NET version.</summary>
        internal static int SeedOf(string name)
        {
            uint hash = 2166136261;
            foreach (byte b in Encoding.UTF8.GetBytes(name))
            {
                hash ^= b;
                hash *= 16777619;
            }
            return (int)(hash & 0x7FFFFFFF);
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void MutatedSamplesGiveFindingsOrDocumentedErrors(string sample)
        {
            var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "samples", sample));
            int seed = SeedOf(sample);
            _output.WriteLine($"{sample}: seed {seed}");
            // new Random(int) is the seeded legacy generator: the same sequence on every .NET.
            var random = new Random(seed);
            var outcomes = new Dictionary<string, int>();
            for (int i = 0; i < MutationsPerFile; i++)
            {
                var mutated = Mutator.Mutate(original, random, out string description);
                string outcome = RunBounded(mutated, sample, seed, i, description);
                outcomes[outcome] = outcomes.TryGetValue(outcome, out int n) ? n + 1 : 1;
            }
            _output.WriteLine($"{sample}: seed {seed}, {MutationsPerFile} inputs: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        }

        /// <summary>
        /// Imports one input on a thread of its own and returns its outcome (findings, or the
        /// ErrorId it was refused with). Any other outcome fails with a message that names the
        /// sample, the seed, the iteration and the mutation, and the file the input was saved to.
        /// </summary>
        internal static string RunBounded(byte[] input, string sample, int seed, int iteration, string description)
        {
            string name = $"{sample}#{iteration}";
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
                    foreach (var finding in import.ReadFindings())
                    {
                        if (finding.QID <= 0) throw new InvalidDataException($"a finding without a QID: {finding}");
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

            string? failure = null;
            if (!worker.Join(HangGuard)) failure = $"did not finish within {HangGuard.TotalMinutes} minutes (a hang)";
            else if (unexpected != null) failure = $"threw {unexpected.GetType().Name}: {unexpected}";
            else if (allocated >= AllocationLimit) failure = $"allocated {allocated / 1048576} MB";
            if (failure == null) return outcome!;

            string saved = SaveFailure(input, sample, seed, iteration);
            throw new Xunit.Sdk.XunitException($"{name} (seed {seed}, iteration {iteration}, {description}) {failure}. The input is saved as {saved}; see FuzzTests on how to replay it.");
        }

        /// <summary>Where failing inputs are written: out/test-results/fuzz-failures of the
        /// checkout the tests were built in, or beside the test assembly outside one.</summary>
        internal static string FailureFolder
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
                        return Path.Combine(dir.FullName, "out", "test-results", "fuzz-failures");
                }
                return Path.Combine(AppContext.BaseDirectory, "fuzz-failures");
            }
        }

        internal static string SaveFailure(byte[] input, string sample, int seed, int iteration)
        {
            var safe = new string(sample.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '/' || c == '\\' ? '_' : c).ToArray());
            var path = Path.Combine(FailureFolder, $"{safe}-{seed}-{iteration}.bin");
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, input);
                return path;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return $"(not saved: {e.Message}; rerun with seed {seed} to get iteration {iteration} again)";
            }
        }
    }
}
