using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// The hand-written trap scenario (tests/fixtures/scenarios/traps, described in its README):
    /// a Scan Results CSV and a Host List Detection XML, read by the real readers and compared.
    /// </summary>
    internal sealed class TrapScenario
    {
        public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios", "traps");

        private TrapScenario(IReadOnlyList<HostPair> pairs, List<VantageComparison> rows, List<string> warnings)
        {
            Pairs = pairs;
            Rows = rows;
            Warnings = warnings;
        }

        public IReadOnlyList<HostPair> Pairs { get; }
        public List<VantageComparison> Rows { get; }
        public List<string> Warnings { get; }

        public static List<QualysFinding> ReadFindings()
        {
            var findings = new List<QualysFinding>();
            foreach (var file in new[] { "scanner-scan.csv", "agent-detections.xml" })
            {
                using var import = ReportImport.Open(Path.Combine(Directory, file));
                findings.AddRange(import.ReadFindings());
            }
            return findings;
        }

        public static TrapScenario Load(ComparisonOptions options) => Load(options, ReadFindings());

        public static TrapScenario Load(ComparisonOptions options, IEnumerable<QualysFinding> findings)
        {
            var warnings = new List<string>();
            options.Output = new RecordedOutput(warnings);
            var comparer = new VantageComparer(options);
            comparer.AddRange(findings);
            var rows = comparer.Compare().ToList();
            return new TrapScenario(comparer.Pairs, rows, warnings);
        }

        /// <summary>(Both, ScannerOnly, AgentOnly) of one machine's rows.</summary>
        public (int Both, int ScannerOnly, int AgentOnly) Counts(string hostName, string? scannerIP = null, string? agentHostId = null)
        {
            var rows = Rows.Where(r => r.HostName == hostName
                && (scannerIP == null || r.ScannerIP == scannerIP)
                && (agentHostId == null || r.AgentHostId == agentHostId)).ToList();
            return (rows.Count(r => r.Presence == Presence.Both), rows.Count(r => r.Presence == Presence.ScannerOnly), rows.Count(r => r.Presence == Presence.AgentOnly));
        }

        public VantageComparison Row(string hostName, int qid) => Rows.Single(r => r.HostName == hostName && r.QID == qid);
    }
}
