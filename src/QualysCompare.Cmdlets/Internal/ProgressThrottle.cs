using System;
using System.Diagnostics;
using System.Management.Automation;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// Progress at most every 200 ms, as PowerShell's own long-running cmdlets do: rendering a
    /// record per finding would cost more than the import. Completed is sent only if a bar was shown.
    /// </summary>
    internal sealed class ProgressThrottle
    {
        /// <summary>The least time before the first report and between two. Settable for the
        /// Pester tests alone (tests/Pester, through reflection), which set it to zero so that
        /// whether a bar is shown does not depend on how fast the machine reads.</summary>
        internal static TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(200);
        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.Zero;
        private bool _shown;

        public ProgressThrottle(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
        }

        /// <summary>Whether a report now would be shown: callers ask before building the status text,
        /// which costs more than the finding it describes.</summary>
        public bool Due
        {
            get
            {
                var now = _clock.Elapsed;
                // A bar that flashes for a small file is noise; only imports that take a moment get one.
                return now - _last >= Interval && now >= Interval;
            }
        }

        public void Report(string status, long done, long total)
        {
            if (!Due) return;
            _last = _clock.Elapsed;
            _shown = true;
            var record = new ProgressRecord(_activityId, _activity, status);
            if (total > 0) record.PercentComplete = (int)Math.Min(100, done * 100 / total);
            _cmdlet.WriteProgress(record);
        }

        public void Complete()
        {
            if (!_shown) return;
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            _shown = false;
        }
    }
}
