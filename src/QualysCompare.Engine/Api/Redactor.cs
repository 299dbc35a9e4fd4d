using System;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Api
{
    /// <summary>Cuts the password out of text that came from the server or the network stack, should
    /// it ever be echoed there.</summary>
    internal sealed class Redactor
    {
        public const string Mask = "********";
        private readonly string _secret;

        public Redactor(string secret)
        {
            _secret = secret ?? string.Empty;
        }

        public string? Redact(string? text)
        {
            if (text == null) return null;
            return _secret.Length == 0 ? text : text.Replace(_secret, Mask);
        }
    }

    /// <summary>The caller's output with the password cut out of every verbose line and warning.</summary>
    internal sealed class RedactingOutput : IEngineOutput
    {
        private readonly IEngineOutput _output;
        private readonly Redactor _redactor;

        public RedactingOutput(IEngineOutput output, Redactor redactor)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _redactor = redactor;
        }

        public void WriteVerbose(string message) => _output.WriteVerbose(_redactor.Redact(message)!);

        public void WriteWarning(string message) => _output.WriteWarning(_redactor.Redact(message)!);

        public void WriteError(Exception error, string target) => _output.WriteError(error, target);

        public void WriteProgress(EngineProgress progress) => _output.WriteProgress(progress);
    }
}
