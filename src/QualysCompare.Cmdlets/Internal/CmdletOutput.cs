using System;
using System.Diagnostics;
using System.Management.Automation;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// The engine's output, in PowerShell's streams: the one place where what the engine says
    /// becomes verbose text, warnings, non-terminating errors and progress bars. Progress is shown
    /// at most every 200 ms, as PowerShell's own long-running cmdlets do, and only for work that
    /// takes a moment; a Completed report removes a bar only if one was shown.
    /// </summary>
    internal sealed class CmdletOutput : IEngineOutput
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastProgress = TimeSpan.Zero;
        private bool _barShown;

        public CmdletOutput(PSCmdlet cmdlet, int activityId = 1)
        {
            _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
            _activityId = activityId;
            _activity = cmdlet.MyInvocation.MyCommand.Name;
        }

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

        public void WriteError(Exception error, string target) =>
            _cmdlet.WriteError(error is QualysReportException report ? ErrorRecords.From(report, target) : ErrorRecords.FromIo(error, target));

        public void WriteProgress(EngineProgress progress)
        {
            if (progress == null) throw new ArgumentNullException(nameof(progress));
            if (progress.Completed)
            {
                if (!_barShown) return;
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, progress.Status) { RecordType = ProgressRecordType.Completed });
                _barShown = false;
                return;
            }
            var now = _clock.Elapsed;
            // A bar that flashes for a small file is noise; only work that takes a moment gets one.
            if (now - _lastProgress < ProgressInterval || now < ProgressInterval) return;
            _lastProgress = now;
            _barShown = true;
            var record = new ProgressRecord(_activityId, _activity, progress.Status);
            if (progress.PercentComplete >= 0) record.PercentComplete = progress.PercentComplete;
            _cmdlet.WriteProgress(record);
        }
    }
}
