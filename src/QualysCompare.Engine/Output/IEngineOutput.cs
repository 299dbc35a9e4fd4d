using System;

namespace QualysCompare.Engine.Output
{
    /// <summary>
    /// Everything the engine tells its caller while it works, apart from its results: the one way
    /// warnings, verbose text, the failures of single inputs and progress leave the engine. The
    /// cmdlets implement it with PowerShell's streams; the engine never sees PowerShell (the model
    /// is PSScriptAnalyzer's IOutputWriter).
    ///
    /// The engine calls it on the thread that called the engine. Work the engine does on threads
    /// of its own is queued (<see cref="QueuedOutput"/>) and replayed on the caller's thread,
    /// because PowerShell accepts output only from the pipeline thread.
    /// </summary>
    public interface IEngineOutput
    {
        void WriteVerbose(string message);

        /// <summary>Something worth a user's attention that does not stop the work.</summary>
        void WriteWarning(string message);

        /// <summary>
        /// One input (a file, an API page) failed and the others go on. <paramref name="error"/> is a
        /// <see cref="Model.QualysReportException"/>, an <see cref="System.IO.IOException"/> or an
        /// <see cref="UnauthorizedAccessException"/>; <paramref name="target"/> names the input.
        /// </summary>
        void WriteError(Exception error, string target);

        /// <summary>Where long work has got to. The engine reports at most every few hundred items;
        /// the caller decides how often to show it.</summary>
        void WriteProgress(EngineProgress progress);
    }

    /// <summary>How far one activity has got.</summary>
    public sealed class EngineProgress
    {
        public EngineProgress(string status, long done = 0, long total = 0, bool completed = false)
        {
            Status = status ?? throw new ArgumentNullException(nameof(status));
            Done = done;
            Total = total;
            Completed = completed;
        }

        /// <summary>A short line for the progress bar, e.g. "1,024 findings, 12 of 300 MB".</summary>
        public string Status { get; }

        /// <summary>Work done out of <see cref="Total"/>, in any unit; Total 0 means the end is not known.</summary>
        public long Done { get; }

        public long Total { get; }

        /// <summary>The activity has ended; the bar can go.</summary>
        public bool Completed { get; }

        /// <summary>Done as a percentage of Total, or -1 when Total is not known.</summary>
        public int PercentComplete => Total > 0 ? (int)Math.Min(100, Math.Max(0, Done * 100 / Total)) : -1;

        public static EngineProgress Finished { get; } = new EngineProgress("Done", completed: true);
    }

    /// <summary>Discards everything: for callers that want only the results.</summary>
    public sealed class NullEngineOutput : IEngineOutput
    {
        public static readonly NullEngineOutput Instance = new NullEngineOutput();

        private NullEngineOutput()
        {
        }

        public void WriteVerbose(string message)
        {
        }

        public void WriteWarning(string message)
        {
        }

        public void WriteError(Exception error, string target)
        {
        }

        public void WriteProgress(EngineProgress progress)
        {
        }
    }
}
