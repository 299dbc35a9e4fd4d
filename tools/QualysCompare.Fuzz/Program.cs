using System;
using System.IO;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using SharpFuzz;

namespace QualysCompare.Fuzz
{
    /// <summary>
    /// One fuzz input is one file given to Import-QualysReport. A QualysReportException is the
    /// importer refusing the input by name, which is what it should do; any other exception, a
    /// finding without a QID, or a hang is a bug that libFuzzer saves as a crash or timeout.
    /// Outside libFuzzer, the first argument is a file to replay (a saved crash).
    /// </summary>
    internal static class Program
    {
        private static void Main() => Fuzzer.LibFuzzer.Run(Import);

        private static void Import(ReadOnlySpan<byte> input)
        {
            using var stream = new MemoryStream(input.ToArray(), writable: false);
            try
            {
                using var import = ReportImport.Open(stream, "fuzz-input");
                foreach (var finding in import.ReadFindings())
                {
                    if (finding.QID <= 0) throw new InvalidOperationException($"a finding without a QID: {finding}");
                }
            }
            catch (QualysReportException)
            {
                // Refused by name: the expected outcome for damaged input.
            }
        }
    }
}
