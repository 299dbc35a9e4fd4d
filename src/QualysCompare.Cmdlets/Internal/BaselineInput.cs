using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QualysCompare.Engine.Baselines;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// Compare-QualysVantage's -Baseline: the export is read on a thread of its own while the sides
    /// are imported, and waited for before the first row, so a baseline that cannot be used stops
    /// the command before anything downstream has written a file.
    /// </summary>
    internal sealed class BaselineInput
    {
        private readonly Task<Baseline> _reading;

        private BaselineInput(string path, Task<Baseline> reading)
        {
            Path = path;
            _reading = reading;
        }

        public string Path { get; }

        public static BaselineInput? Start(PSCmdlet cmdlet, string? baseline, CancellationToken cancellationToken)
        {
            if (baseline == null) return null;
            string path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(baseline);
            return new BaselineInput(path, Task.Run(() => Baseline.Read(path, cancellationToken), cancellationToken));
        }

        /// <summary>The history the comparer annotates its rows with; a terminating error when the file
        /// could not be read or is not a gap export.</summary>
        public GapHistory Finish(PSCmdlet cmdlet, IEngineOutput output)
        {
            try
            {
                var baseline = _reading.GetAwaiter().GetResult();
                cmdlet.WriteVerbose($"{Path}: {baseline.GapCount} gaps on {baseline.MachineCount} machines, data of {baseline.Date?.ToString("u") ?? "an unknown date"}.");
                return new GapHistory(baseline, output);
            }
            catch (QualysReportException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e, Path));
                throw;
            }
        }
    }
}
