using System;
using System.IO;
using System.Linq;
using Xunit;

namespace QualysCompare.Engine.Tests.Architecture
{
    /// <summary>
    /// Size rules of docs/architecture.md that keep the code readable by anyone: no source file
    /// under src/ over 500 lines, and every cmdlet a thin adapter of at most 200.
    /// </summary>
    public sealed class SourceSizeTests
    {
        private static readonly string Src = Path.Combine(Fixtures.RepositoryRoot, "src");

        private static (string File, int Lines)[] Sources(string pattern) =>
            Directory.GetFiles(Src, pattern, SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(f => (f.Substring(Src.Length).TrimStart(Path.DirectorySeparatorChar), File.ReadAllLines(f).Length))
                .ToArray();

        [Fact]
        public void NoSourceFileIsLongerThan500Lines()
        {
            var sources = Sources("*.cs");
            Assert.True(sources.Length > 50, "the source tree was found");
            var tooLong = sources.Where(s => s.Lines > 500).Select(s => $"{s.File}: {s.Lines}").ToList();
            Assert.True(tooLong.Count == 0, "over 500 lines: " + string.Join(", ", tooLong));
        }

        [Fact]
        public void EveryCmdletIsAtMost200Lines()
        {
            var cmdlets = Sources("*Command.cs");
            Assert.True(cmdlets.Length >= 6, "every cmdlet was found");
            var tooLong = cmdlets.Where(s => s.Lines > 200).Select(s => $"{s.File}: {s.Lines}").ToList();
            Assert.True(tooLong.Count == 0, "cmdlets over 200 lines: " + string.Join(", ", tooLong));
        }
    }
}
