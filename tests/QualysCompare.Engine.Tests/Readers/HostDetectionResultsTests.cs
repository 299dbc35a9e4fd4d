using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Readers
{
    /// <summary>
    /// The Host List Detection reader passes over a RESULTS no one will read, which is most of an
    /// agent page's bytes, and must not lose anything else while doing so.
    /// </summary>
    public sealed class HostDetectionResultsTests
    {
        private static readonly string[] Pages =
        {
            Fixtures.Scenario("demo", "agent-detections.xml"),
            Fixtures.Sample("e-defectdojo-trurisk-detections.xml"),
        };

        public static IEnumerable<object[]> EachPage() => Pages.Select(page => new object[] { Path.GetFileName(page) });

        [Theory]
        [MemberData(nameof(EachPage))]
        public void ResultsNobodyNeedsAreSkippedAndEverythingElseIsKept(string page)
        {
            var path = Pages.Single(p => Path.GetFileName(p) == page);
            var full = Fixtures.Import(path);
            var lean = Fixtures.Import(path, new ImportOptions { NeedsResults = (_, _) => false });

            Assert.Contains(full, f => f.Results != null);
            Assert.Equal(full.Count, lean.Count);
            for (int i = 0; i < full.Count; i++)
            {
                Assert.Null(lean[i].Results);
                Assert.Equal(Describe(full[i]), Describe(lean[i]));
            }
        }

        [Fact]
        public void ResultsAreKeptForTheQidsAskedFor()
        {
            var path = Fixtures.Scenario("demo", "agent-detections.xml");
            var full = Fixtures.Import(path);
            int wanted = full.First(f => f.Results != null).QID;

            var lean = Fixtures.Import(path, new ImportOptions { NeedsResults = (qid, _) => qid == wanted });

            Assert.Equal(full.Select(f => f.QID == wanted ? f.Results : null), lean.Select(f => f.Results));
        }

        /// <summary>
        /// Whether a RESULTS is wanted depends on its QID; one written before its QID (Qualys does
        /// not, but the schema allows any order) is kept rather than guessed about.
        /// </summary>
        [Fact]
        public void ResultsBeforeTheirQidAreKept()
        {
            var source = File.ReadAllText(Fixtures.Scenario("demo", "agent-detections.xml"));
            var resultsFirst = Regex.Replace(source, @"(<QID>\d+</QID>)(.*?)(<RESULTS>.*?</RESULTS>)", "$3$1$2", RegexOptions.Singleline);
            Assert.NotEqual(source, resultsFirst);
            var path = Path.Combine(Path.GetTempPath(), "qc-results-first-" + Path.GetRandomFileName() + ".xml");
            try
            {
                File.WriteAllText(path, resultsFirst);
                var full = Fixtures.Import(Fixtures.Scenario("demo", "agent-detections.xml"));
                var lean = Fixtures.Import(path, new ImportOptions { NeedsResults = (_, _) => false });

                Assert.Equal(full.Select(f => f.Results), lean.Select(f => f.Results));
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static string Describe(QualysFinding f) =>
            string.Join("|", f.Vantage, f.HostName, f.IP, f.DnsName, f.NetBiosName, f.HostId, f.AgentId, f.TrackingMethod,
                f.OperatingSystem, f.QID, f.Title, f.Type, f.Severity, f.Port, f.Protocol, f.Ssl, f.Status, f.FirstDetected,
                f.LastDetected, f.CveIds, f.CvssBase, f.Cvss3Base, f.Category, f.HostLastAssessed, f.LastFixed);
    }
}
