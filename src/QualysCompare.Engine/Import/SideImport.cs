using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// Reads the two named sides of a comparison (-Scanner and -Agent), each a list of file paths
    /// and findings, and refuses sides a report must not be built on (<see cref="SideChecks"/>)
    /// before the first row. When both sides are files only, they are read at the same time.
    /// Whatever a side's file or object says, its findings are that side's.
    /// </summary>
    public sealed class SideImport
    {
        private readonly FileImporter _importer;
        private readonly ImportOptions _options;

        /// <summary>Takes the cancellation and NeedsResults of <paramref name="options"/>; the vantage is each side's own.</summary>
        public SideImport(IEngineOutput output, ImportOptions options)
        {
            _importer = new FileImporter(output ?? throw new ArgumentNullException(nameof(output)));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public SideInput Scanner { get; } = new SideInput(Vantage.Scanner);
        public SideInput Agent { get; } = new SideInput(Vantage.Agent);

        /// <summary>What both sides leave out, for every row; null when every file was read.</summary>
        public string? Problems => Scanner.Problems == null ? Agent.Problems
            : Agent.Problems == null ? Scanner.Problems : Scanner.Problems + " " + Agent.Problems;

        /// <summary>Reads both sides into <paramref name="onFinding"/>, then checks them. Throws
        /// <see cref="QualysReportException"/> for an unusable pair of sides; a file that fails on
        /// its own is reported through the output and recorded in <see cref="Problems"/>.
        /// Each side is a list of file paths and <see cref="QualysFinding"/> objects, in the order given.</summary>
        public void Run(IReadOnlyList<object> scannerParts, IReadOnlyList<object> agentParts, Action<QualysFinding> onFinding)
        {
            if (scannerParts == null) throw new ArgumentNullException(nameof(scannerParts));
            if (agentParts == null) throw new ArgumentNullException(nameof(agentParts));
            if (onFinding == null) throw new ArgumentNullException(nameof(onFinding));
            SideChecks.RefuseSameInput(scannerParts.OfType<string>().ToList(), agentParts.OfType<string>().ToList());
            bool filesOnly = scannerParts.Count > 0 && agentParts.Count > 0 && scannerParts.All(p => p is string) && agentParts.All(p => p is string);
            if (filesOnly)
            {
                var sides = _importer.ImportSides(scannerParts.Cast<string>().ToList(), agentParts.Cast<string>().ToList(), _options, onFinding);
                Scanner.Add(sides.Scanner);
                Agent.Add(sides.Agent);
            }
            else
            {
                Read(scannerParts, Scanner, onFinding);
                Read(agentParts, Agent, onFinding);
            }
            SideChecks.RefuseUnusableSides(Scanner, Agent);
        }

        private void Read(IReadOnlyList<object> parts, SideInput side, Action<QualysFinding> onFinding)
        {
            var options = new ImportOptions
            {
                Vantage = side.Side == Vantage.Agent ? VantageSelection.Agent : VantageSelection.Scanner,
                CancellationToken = _options.CancellationToken,
                NeedsResults = _options.NeedsResults,
            };
            foreach (var part in parts)
            {
                switch (part)
                {
                    case QualysFinding finding:
                        side.AddObject(finding);
                        onFinding(finding.Vantage == side.Side ? finding : finding.WithVantage(side.Side));
                        break;
                    case string file:
                        side.Add(_importer.Import(new[] { file }, options, onFinding));
                        break;
                    default:
                        throw new ArgumentException($"A side takes file paths and QualysFinding objects, not {part?.GetType().FullName ?? "null"}.", nameof(parts));
                }
            }
        }
    }
}
