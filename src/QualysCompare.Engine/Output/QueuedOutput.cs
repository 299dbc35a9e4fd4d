using System;
using System.Collections.Concurrent;

namespace QualysCompare.Engine.Output
{
    /// <summary>
    /// Collects what a worker thread says, in order, so the caller's thread can pass it on later
    /// (<see cref="Drain"/>). Progress is not queued: the latest report is all a bar needs, and the
    /// caller reads it when it wants (<see cref="LatestProgress"/>).
    /// </summary>
    public sealed class QueuedOutput : IEngineOutput
    {
        private readonly ConcurrentQueue<Action<IEngineOutput>> _pending = new ConcurrentQueue<Action<IEngineOutput>>();
        private volatile EngineProgress? _latestProgress;

        public EngineProgress? LatestProgress => _latestProgress;

        public void WriteVerbose(string message) => _pending.Enqueue(output => output.WriteVerbose(message));

        public void WriteWarning(string message) => _pending.Enqueue(output => output.WriteWarning(message));

        public void WriteError(Exception error, string target) => _pending.Enqueue(output => output.WriteError(error, target));

        public void WriteProgress(EngineProgress progress) => _latestProgress = progress;

        /// <summary>Passes on everything queued so far, in the order it was said. Call it from one thread.</summary>
        public void Drain(IEngineOutput to)
        {
            if (to == null) throw new ArgumentNullException(nameof(to));
            while (_pending.TryDequeue(out var say)) say(to);
        }
    }
}
