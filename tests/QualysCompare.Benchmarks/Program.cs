using BenchmarkDotNet.Running;

namespace QualysCompare.Benchmarks
{
    public static class Program
    {
        // Every benchmark, without BenchmarkDotNet's interactive prompt; its other options (--artifacts,
        // --job) still apply. A --filter argument would be globbed by PowerShell on Linux.
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).RunAll(null, args);
    }
}
