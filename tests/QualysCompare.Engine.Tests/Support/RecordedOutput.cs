using System;
using System.Collections.Generic;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Keeps everything the engine said, each kind in its own list and all of it in order.</summary>
    internal sealed class RecordedOutput : IEngineOutput
    {
        public RecordedOutput(List<string>? warnings = null) => Warnings = warnings ?? new List<string>();

        public List<string> Warnings { get; }
        public List<string> Verbose { get; } = new List<string>();
        public List<(Exception Error, string Target)> Errors { get; } = new List<(Exception, string)>();
        public List<EngineProgress> Progress { get; } = new List<EngineProgress>();

        /// <summary>Warnings, verbose text and errors in the order they came, each led by its kind.</summary>
        public List<string> Said { get; } = new List<string>();

        /// <summary>Told of each verbose message as it is written, on the engine's thread.</summary>
        public Action<string>? OnVerbose { get; set; }

        public void WriteVerbose(string message)
        {
            OnVerbose?.Invoke(message);
            Verbose.Add(message);
            Said.Add("verbose: " + message);
        }

        public void WriteWarning(string message)
        {
            Warnings.Add(message);
            Said.Add("warning: " + message);
        }

        public void WriteError(Exception error, string target)
        {
            Errors.Add((error, target));
            Said.Add($"error: {target}: {error.Message}");
        }

        public void WriteProgress(EngineProgress progress) => Progress.Add(progress);
    }
}
