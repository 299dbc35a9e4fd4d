using System;
using System.Diagnostics;
using System.Management.Automation;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// The engine's output (<see cref="IEngineOutput"/>) on a cmdlet's streams: verbose and warning
    /// text as they are, an input's failure as a non-terminating error with its specific ErrorId,
    /// and progress as one activity's bar. Call it only on the pipeline thread (the engine does:
    /// output from its own threads is queued, see <see cref="QueuedOutput"/>).
    /// </summary>
    internal sealed class CmdletOutput : IEngineOutput
    {
        /// <summary>As PowerShell's own long-running cmdlets do: rendering a record for every report
        /// of a fast loop would cost more than the work it describes. Settable only so that the
        /// module's tests can see every report however fast the machine is (they set it through
        /// reflection and restore it).</summary>
        internal static TimeSpan DefaultProgressInterval { get; set; } = TimeSpan.FromMilliseconds(200);

        private readonly PSCmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly TimeSpan _interval;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.Zero;
        private bool _shown;

        /// <param name="cmdlet">The cmdlet whose streams are written.</param>
        /// <param name="activityId">The progress bar's ActivityId.</param>
        /// <param name="activity">The progress bar's Activity, usually the cmdlet's name.</param>
        /// <param name="progressInterval">The shortest time between two progress records, and before the
        /// first one (a bar that flashes for a small input is noise); <see cref="DefaultProgressInterval"/>
        /// unless given. <see cref="TimeSpan.Zero"/> shows every report: for work that reports rarely,
        /// each time just before or after a long wait.</param>
        public CmdletOutput(PSCmdlet cmdlet, int activityId, string activity, TimeSpan? progressInterval = null)
        {
            _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
            _activityId = activityId;
            _activity = activity ?? throw new ArgumentNullException(nameof(activity));
            _interval = progressInterval ?? DefaultProgressInterval;
        }

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

        public void WriteError(Exception error, string target) => _cmdlet.WriteError(Record(error, target));

        /// <summary>A report is dropped when the last one shown is less than the interval ago; a
        /// Completed one removes the bar, if one was shown.</summary>
        public void WriteProgress(EngineProgress progress)
        {
            if (progress == null) throw new ArgumentNullException(nameof(progress));
            if (progress.Completed)
            {
                if (!_shown) return;
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, progress.Status) { RecordType = ProgressRecordType.Completed });
                _shown = false;
                return;
            }
            var now = _clock.Elapsed;
            if (now - _last < _interval || now < _interval) return;
            _last = now;
            _shown = true;
            var record = new ProgressRecord(_activityId, _activity, progress.Status);
            if (progress.Total > 0) record.PercentComplete = progress.PercentComplete;
            _cmdlet.WriteProgress(record);
        }

        /// <summary>The engine's failures with their own ErrorId; file-system failures as the cmdlets
        /// report them everywhere else; anything else as it is.</summary>
        public static ErrorRecord Record(Exception error, string target) => error switch
        {
            QualysReportException report => ErrorRecords.From(report, target),
            _ when ErrorRecords.IsIo(error) => ErrorRecords.FromIo(error, target),
            _ => new ErrorRecord(error, error.GetType().Name, ErrorCategory.NotSpecified, target),
        };
    }
}
