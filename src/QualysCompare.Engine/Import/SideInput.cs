using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// Everything one named side of a comparison (-Scanner or -Agent) was given and what came of
    /// it: the paths named, the files read and failed, the findings, and how many of them their own
    /// source attributes to the other vantage point. <see cref="SideChecks"/> judges it before any
    /// row is made.
    /// </summary>
    public sealed class SideInput
    {
        private readonly List<string> _named = new List<string>();
        private readonly List<string> _read = new List<string>();
        private readonly List<FileFailure> _failed = new List<FileFailure>();

        public SideInput(Vantage side) => Side = side;

        public Vantage Side { get; }

        /// <summary>What the caller asked for: paths and wildcards as given, and "(objects)" for findings.</summary>
        public IReadOnlyList<string> Named => _named;

        public IReadOnlyList<string> FilesRead => _read;
        public IReadOnlyList<FileFailure> Failures => _failed;
        public long Findings { get; private set; }

        /// <summary>Findings whose file or object says they are the other vantage point's.</summary>
        public long MarkedOpposite { get; private set; }

        public void Name(string what) => _named.Add(what ?? throw new ArgumentNullException(nameof(what)));

        public void Add(ImportedSide imported)
        {
            if (imported == null) throw new ArgumentNullException(nameof(imported));
            _read.AddRange(imported.FilesRead);
            _failed.AddRange(imported.Failures);
            Findings += imported.Findings;
            MarkedOpposite += Side == Vantage.Scanner ? imported.MarkedAgent : imported.Findings - imported.MarkedAgent;
        }

        /// <summary>Counts a finding given as an object, before it is stamped with this side's vantage.</summary>
        public void AddObject(QualysFinding finding)
        {
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            Findings++;
            if (finding.Vantage != Side) MarkedOpposite++;
        }

        /// <summary>Null when every file was read; otherwise one sentence for the report's reader.</summary>
        public string? Problems
        {
            get
            {
                if (_failed.Count == 0) return null;
                int files = _read.Count + _failed.Count;
                return $"{Side} side: {_failed.Count} of {files} files could not be read and are missing from this comparison: {string.Join("; ", _failed.Select(f => f.ToString()))}.";
            }
        }
    }
}
