using System;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// A page reader's warnings as verbose text. For a page of a pull, the one warning the reader
    /// gives (RESPONSE/WARNING: "import the other pages too") is about paging, which the client
    /// does itself, so it is news only to someone reading -Verbose.
    /// </summary>
    internal sealed class WarningsAsVerbose : IEngineOutput
    {
        private readonly IEngineOutput _output;

        public WarningsAsVerbose(IEngineOutput output) => _output = output ?? throw new ArgumentNullException(nameof(output));

        public void WriteVerbose(string message) => _output.WriteVerbose(message);

        public void WriteWarning(string message) => _output.WriteVerbose(message);

        public void WriteError(Exception error, string target) => _output.WriteError(error, target);

        public void WriteProgress(EngineProgress progress) => _output.WriteProgress(progress);
    }
}
