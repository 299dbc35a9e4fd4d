using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using Xunit;

namespace QualysCompare.Engine.Tests.Import
{
    /// <summary>
    /// Sides a report must not be built on stop the comparison before its first row; a side that
    /// is only partly readable is compared and says what it is missing.
    /// </summary>
    public sealed class SideImportTests
    {
        private static readonly string Scan = Fixtures.Scenario("demo", "appliance-scan.csv");
        private static readonly string AgentFile = Fixtures.Scenario("demo", "agent-detections.xml");

        private static (SideImport Sides, List<QualysFinding> Findings, RecordedOutput Output) Run(IReadOnlyList<object> scanner, IReadOnlyList<object> agent)
        {
            var output = new RecordedOutput();
            var sides = new SideImport(output, new ImportOptions());
            var findings = new List<QualysFinding>();
            sides.Run(scanner, agent, f => { lock (findings) findings.Add(f); });
            return (sides, findings, output);
        }

        private static QualysReportException Refused(IReadOnlyList<object> scanner, IReadOnlyList<object> agent) =>
            Assert.ThrowsAny<QualysReportException>(() => Run(scanner, agent));

        [Fact]
        public void TwoReadableSidesAreComparedWithoutProblems()
        {
            var (sides, findings, output) = Run(new object[] { Scan }, new object[] { AgentFile });
            Assert.Null(sides.Problems);
            Assert.Empty(output.Errors);
            Assert.True(sides.Scanner.Findings > 0 && sides.Agent.Findings > 0);
            Assert.Equal(sides.Scanner.Findings + sides.Agent.Findings, findings.Count);
            Assert.Equal(0, sides.Scanner.MarkedOpposite);
            Assert.Equal(0, sides.Agent.MarkedOpposite);
        }

        [Fact]
        public void ASideWhoseOnlyFileFailsStopsTheRunAndNamesTheSideAndTheFile()
        {
            using var folder = new HostileFolder();
            var broken = folder.Write("scan.csv", "not,a,report\r\n1,2,3\r\n");
            var e = Refused(new object[] { broken }, new object[] { AgentFile });
            Assert.Equal(ErrorIds.SideUnreadable, e.ErrorId);
            Assert.Contains("Scanner side", e.Message);
            Assert.Contains(broken, e.Message);
            Assert.Contains("-Scanner", e.Message);
        }

        [Fact]
        public void ASideNamedButNotFoundStopsTheRun()
        {
            var output = new RecordedOutput();
            var sides = new SideImport(output, new ImportOptions());
            sides.Scanner.Name("./nope.csv");
            var e = Assert.Throws<QualysReportException>(() => sides.Run(Array.Empty<object>(), new object[] { AgentFile }, _ => { }));
            Assert.Equal(ErrorIds.SideUnreadable, e.ErrorId);
            Assert.Contains("./nope.csv", e.Message);
        }

        [Fact]
        public void ASideThatIsReadButHoldsNoFindingsStopsTheRun()
        {
            var empty = Fixtures.Sample("e-jupiterone-detection-empty-response.xml");
            var e = Refused(new object[] { Scan }, new object[] { empty });
            Assert.Equal(ErrorIds.SideWithoutFindings, e.ErrorId);
            Assert.Contains("Agent side", e.Message);
            Assert.Contains(empty, e.Message);
        }

        [Fact]
        public void SwappedSidesStopTheRun()
        {
            var e = Refused(new object[] { AgentFile }, new object[] { Scan });
            Assert.Equal(ErrorIds.SidesSwapped, e.ErrorId);
            Assert.Contains("Swap -Scanner and -Agent", e.Message);
            Assert.Contains("100%", e.Message);
        }

        [Fact]
        public void SwappedSidesGivenAsObjectsStopTheRunToo()
        {
            var agentFindings = Fixtures.Import(AgentFile).Cast<object>().ToList();
            var scanFindings = Fixtures.Import(Scan).Cast<object>().ToList();
            Assert.Equal(ErrorIds.SidesSwapped, Refused(agentFindings, scanFindings).ErrorId);
            // One side of the other's vantage is not a swap: a path is that side whatever the file says.
            var (sides, _, _) = Run(agentFindings, new object[] { Fixtures.Scenario("traps", "agent-detections.xml") });
            Assert.Equal(sides.Scanner.Findings, sides.Scanner.MarkedOpposite);
        }

        [Fact]
        public void TheSameFileOnBothSidesStopsTheRunBeforeReading()
        {
            var e = Refused(new object[] { Scan }, new object[] { Path.Combine(Path.GetDirectoryName(Scan)!, ".", Path.GetFileName(Scan)) });
            Assert.Equal(ErrorIds.SameInputOnBothSides, e.ErrorId);
        }

        [Fact]
        public void ARenamedCopyOnTheOtherSideStopsTheRun()
        {
            using var folder = new HostileFolder();
            var copy = folder.Write("renamed.xml", File.ReadAllText(AgentFile, Encoding.UTF8));
            var e = Refused(new object[] { AgentFile, Scan }, new object[] { copy });
            Assert.Equal(ErrorIds.SameInputOnBothSides, e.ErrorId);
            Assert.Contains(copy, e.Message);
            // Same size, one byte different: not the same input.
            var text = File.ReadAllText(AgentFile, Encoding.UTF8);
            int at = text.LastIndexOf("<QID>", StringComparison.Ordinal) + 5;
            var nearCopy = folder.Write("near.xml", text.Substring(0, at) + (text[at] == '9' ? '8' : '9') + text.Substring(at + 1));
            Assert.Equal(new FileInfo(AgentFile).Length, new FileInfo(nearCopy).Length);
            Run(new object[] { Scan }, new object[] { nearCopy });
        }

        [Fact]
        public void APartlyReadableSideIsComparedAndSaysWhatItMisses()
        {
            using var folder = new HostileFolder();
            var cut = folder.Write("page-0002.xml", File.ReadAllText(Fixtures.Scenario("traps", "agent-detections.xml"), Encoding.UTF8).Substring(0, 2000));
            var (sides, findings, output) = Run(new object[] { Scan }, new object[] { AgentFile, cut });

            Assert.NotEmpty(findings);
            Assert.Equal(cut, Assert.Single(output.Errors).Target);
            Assert.Null(sides.Scanner.Problems);
            Assert.Equal($"Agent side: 1 of 2 files could not be read and are missing from this comparison: {cut} (QualysReportTruncated, line {((QualysReportException)output.Errors[0].Error).LineNumber}).", sides.Problems);
        }
    }
}
