using System;
using System.Collections.Generic;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>Keeps everything the engine says, for the tests to look at.</summary>
    internal sealed class RecordingOutput : IEngineOutput
    {
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<(Exception Error, string Target)> Errors { get; } = new List<(Exception, string)>();
        public List<EngineProgress> Progress { get; } = new List<EngineProgress>();

        public void WriteVerbose(string message) => Verbose.Add(message);

        public void WriteWarning(string message) => Warnings.Add(message);

        public void WriteError(Exception error, string target) => Errors.Add((error, target));

        public void WriteProgress(EngineProgress progress) => Progress.Add(progress);
    }
}
