using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>One line of an accepted-risk file: a QID on a host that nobody will fix before
    /// <see cref="Expires"/>, and why.</summary>
    public sealed class AcceptedRisk
    {
        public AcceptedRisk(string hostName, int qid, DateTime expires, string justification, string sourceFile, long line)
        {
            HostName = hostName ?? throw new ArgumentNullException(nameof(hostName));
            Qid = qid;
            Expires = expires;
            Justification = justification ?? throw new ArgumentNullException(nameof(justification));
            SourceFile = sourceFile;
            Line = line;
        }

        /// <summary>An FQDN, a NetBIOS name or an IP address, as written.</summary>
        public string HostName { get; }

        public int Qid { get; }

        /// <summary>The last day the acceptance holds (a date; the time of day is ignored).</summary>
        public DateTime Expires { get; }

        public string Justification { get; }
        public string SourceFile { get; }
        public long Line { get; }

        public override string ToString() => $"{HostName} QID {Qid} until {Expires:yyyy-MM-dd} ({SourceFile}, line {Line})";
    }
}
