using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace QualysCompare.Engine.Tests.Architecture
{
    /// <summary>
    /// The run under Mono leaves some tests out: whole files the net472 project does not compile, and
    /// tests marked [ExcludedOnMono]. Each must be named in docs/windows.md with its reason, so the list
    /// there cannot fall behind the code.
    /// </summary>
    public sealed class MonoExclusionTests
    {
        private static string WindowsPage => File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "docs", "windows.md"));

        [Fact]
        public void EveryTestExcludedOnMonoIsListedInDocsWindowsWithItsReason()
        {
            var excluded = typeof(MonoExclusionTests).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Select(m => (Method: m, Attribute: m.GetCustomAttribute<ExcludedOnMonoAttribute>()))
                .Where(x => x.Attribute != null)
                .ToList();
            string page = WindowsPage;
            foreach (var (method, attribute) in excluded)
            {
                Assert.False(string.IsNullOrWhiteSpace(attribute!.Reason), $"{method.DeclaringType!.Name}.{method.Name} gives no reason");
                Assert.True(page.Contains($"{method.DeclaringType!.Name}.{method.Name}"), $"docs/windows.md does not list {method.DeclaringType.Name}.{method.Name}, which is excluded on Mono");
            }
        }

        [Fact]
        public void EveryTestFileTheNet472ProjectLeavesOutIsListedInDocsWindows()
        {
            var project = XDocument.Load(Path.Combine(Fixtures.RepositoryRoot, "tests", "QualysCompare.Engine.Tests.Net472", "QualysCompare.Engine.Tests.Net472.csproj"));
            var removed = project.Descendants("Compile").Select(c => (string?)c.Attribute("Remove")).Where(r => r != null).ToList();
            Assert.NotEmpty(removed);
            string page = WindowsPage;
            foreach (var file in removed)
            {
                string name = Path.GetFileName(file!.Replace('\\', '/'));
                Assert.True(File.Exists(Path.Combine(Fixtures.RepositoryRoot, "tests", "QualysCompare.Engine.Tests", file.Replace("..\\QualysCompare.Engine.Tests\\", "").Replace('\\', Path.DirectorySeparatorChar))), $"{file} does not exist");
                Assert.True(page.Contains(name), $"docs/windows.md does not list {name}, which the net472 test project does not compile");
            }
        }
    }
}
