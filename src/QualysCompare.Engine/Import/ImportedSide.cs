using System;
using System.Collections.Generic;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// What the files of one side gave: findings per vantage, the files read whole and the files
    /// that failed. The counts for progress are updated by the thread reading the side and may be
    /// read from any thread; the lists are complete once the import has returned.
    /// </summary>
    public sealed class ImportedSide
    {
        private readonly List<string> _read = new List<string>();
        private readonly List<FileFailure> _failed = new List<FileFailure>();
        private long _findingCount;
        private long _bytesRead;

        internal ImportedSide(VantageSelection vantage) => Vantage = vantage;

        /// <summary>The vantage the files were read as; Auto when each file said its own.</summary>
        public VantageSelection Vantage { get; }

        public long ScannerFindings { get; private set; }
        public long AgentFindings { get; private set; }
        public long Findings => ScannerFindings + AgentFindings;

        /// <summary>Findings their file marks as the Cloud Agent's, whatever vantage they were read as:
        /// what tells a file given to the wrong side.</summary>
        public long MarkedAgent { get; private set; }

        /// <summary>Files read to their end, in the order given.</summary>
        public IReadOnlyList<string> FilesRead => _read;

        /// <summary>Files that could not be read (each was reported through the output), in the order given.</summary>
        public IReadOnlyList<FileFailure> Failures => _failed;

        /// <summary>Findings read so far, for progress while the side is being read.</summary>
        public long FindingCount => Interlocked.Read(ref _findingCount);

        /// <summary>Bytes of the side's files read so far, for progress.</summary>
        public long BytesRead => Interlocked.Read(ref _bytesRead);

        internal void Progress(long bytesRead, long moreFindings)
        {
            Interlocked.Exchange(ref _bytesRead, bytesRead);
            Interlocked.Add(ref _findingCount, moreFindings);
        }

        internal void Count(long scanner, long agent, long markedAgent)
        {
            ScannerFindings += scanner;
            AgentFindings += agent;
            MarkedAgent += markedAgent;
        }

        internal void Read(string file) => _read.Add(file);

        internal void Failed(string file, Exception error) => _failed.Add(new FileFailure(file, error));
    }

    /// <summary>A file that could not be read, and why.</summary>
    public sealed class FileFailure
    {
        public FileFailure(string path, Exception error)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Error = error ?? throw new ArgumentNullException(nameof(error));
        }

        public string Path { get; }

        /// <summary>A <see cref="QualysReportException"/>, an IOException or an UnauthorizedAccessException.</summary>
        public Exception Error { get; }

        /// <summary>"page-0031.xml (QualysReportTruncated, line 4711)": enough for a report's reader to find it.</summary>
        public override string ToString() => Error is QualysReportException report
            ? $"{Path} ({report.ErrorId}{(report.LineNumber > 0 ? ", line " + report.LineNumber : string.Empty)})"
            : $"{Path} ({Error.GetType().Name})";
    }

    /// <summary>What both sides of a two-sided import gave.</summary>
    public sealed class ImportedSides
    {
        internal ImportedSides(ImportedSide scanner, ImportedSide agent)
        {
            Scanner = scanner;
            Agent = agent;
        }

        public ImportedSide Scanner { get; }
        public ImportedSide Agent { get; }
    }
}
