using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Baselines;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;

namespace QualysCompare.Engine.Tests
{
    /// <summary>The three runs of tests/fixtures/change-over-time (see its README), compared as the
    /// cmdlet compares them, and their gap exports.</summary>
    internal static class ChangeOverTime
    {
        public static readonly DateTime Run1Date = new DateTime(2026, 11, 20, 5, 46, 2, DateTimeKind.Utc);
        public static readonly DateTime Run2Date = Run1Date.AddDays(7);
        public static readonly DateTime Run3Date = Run1Date.AddDays(14);

        public const string Printer = "prn-3f-01.corp.example.com";
        public const string Workstation = "win10-ws042.corp.example.com";
        public const string Laptop = "lt-rw-117.corp.example.com";
        public const string FileServer = "FS01.Corp.Example.com";

        private static readonly Lazy<KnowledgeBase> KnowledgeBase =
            new Lazy<KnowledgeBase>(() => KnowledgeBaseLoader.LoadFiles(Fixtures.Scenario("demo", "knowledgebase.xml")));

        public static string Input(int run, string name) =>
            run == 1 ? Fixtures.Scenario("demo", name) : Path.Combine(Fixtures.Root, "change-over-time", "run" + run, name);

        public static string Legacy(string name) => Path.Combine(Fixtures.Root, "change-over-time", "legacy", name);

        /// <summary>The rows of one run, against a baseline file when one is given.</summary>
        public static List<VantageComparison> Compare(int run, string? baseline = null, RecordedOutput? output = null)
        {
            output ??= new RecordedOutput();
            var comparer = NewComparer(run, output);
            if (baseline != null) comparer.History = new GapHistory(Baseline.Read(baseline), output);
            return comparer.Compare().ToList();
        }

        public static VantageComparer NewComparer(int run, RecordedOutput output)
        {
            var explainer = new GapExplainer(new ExplanationOptions { KnowledgeBase = KnowledgeBase.Value, Now = Run1Date.AddDays(7 * (run - 1) + 1) });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, KnowledgeBase = KnowledgeBase.Value, Output = output });
            foreach (var finding in Fixtures.Import(Input(run, "appliance-scan.csv"))) comparer.Add(finding);
            foreach (var finding in Fixtures.Import(Input(run, "agent-detections.xml"))) comparer.Add(finding);
            return comparer;
        }

        /// <summary>Writes the rows as Export-CoverageGap does (the gaps, CSV or JSON by extension) to a new temporary file.</summary>
        public static string ExportGaps(IEnumerable<VantageComparison> rows, string extension, bool sanitize = true)
        {
            string path = Path.Combine(Path.GetTempPath(), "qc-baseline-" + Guid.NewGuid().ToString("N") + extension);
            CoverageGapExport.Write(path, rows, Array.Empty<VantageSummary>(), new CoverageGapExportOptions { Sanitize = sanitize });
            return path;
        }

        public static VantageComparison Row(IEnumerable<VantageComparison> rows, string host, int qid, GapChange? change = null) =>
            rows.Single(r => r.HostName == host && r.QID == qid && (change == null || r.Change == change));
    }
}
