using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// Imports one file for any cmdlet that reads reports: progress, verbose summary, and the
    /// file's failure as a non-terminating error so the other inputs still complete.
    /// </summary>
    internal static class ReportFileImporter
    {
        public static void Import(PSCmdlet cmdlet, string file, VantageSelection vantage, CancellationToken cancel, Action<QualysFinding> onFinding,
            Func<int, string?, bool>? needsResults = null)
        {
            var clock = Stopwatch.StartNew();
            var progress = new ProgressThrottle(cmdlet, 1, cmdlet.MyInvocation.MyCommand.Name);
            var options = new ImportOptions { Vantage = vantage, CancellationToken = cancel, Warning = cmdlet.WriteWarning, NeedsResults = needsResults };
            ReportImport? import = null;
            int scanner = 0, agent = 0;
            try
            {
                import = ReportImport.Open(file, options);
                cmdlet.WriteVerbose(OpenedMessage(file, import.Format, import.EncodingName));
                foreach (var finding in import.ReadFindings())
                {
                    if (finding.Vantage == Vantage.Agent) agent++; else scanner++;
                    onFinding(finding);
                    if (progress.Due) progress.Report($"{System.IO.Path.GetFileName(file)}: {import.FindingCount:N0} findings, {import.BytesRead / 1048576:N0} of {import.TotalBytes / 1048576:N0} MB", import.BytesRead, import.TotalBytes);
                }
                cmdlet.WriteVerbose(CompletedMessage(file, import.Format, scanner, agent, import.HostCount, import.FindingCount, clock.Elapsed));
            }
            catch (QualysReportException e)
            {
                cmdlet.WriteError(ErrorRecords.From(e, file));
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                cmdlet.WriteError(ErrorRecords.FromIo(e, file));
            }
            finally
            {
                progress.Complete();
                import?.Dispose();
            }
        }

        // The two-sided import of Compare-QualysVantage reports its files with the same words.
        internal static string OpenedMessage(string file, ReportFormat format, string? encodingName) =>
            $"{file}: detected {format} ({encodingName}).";

        internal static string CompletedMessage(string file, ReportFormat format, long scanner, long agent, int hosts, long findings, TimeSpan elapsed) =>
            $"{file}: {format}, {Describe(scanner, agent)}, {hosts} hosts, {findings} findings in {elapsed.TotalSeconds:0.00} s.";

        private static string Describe(long scanner, long agent) =>
            scanner > 0 && agent > 0 ? $"vantage Scanner ({scanner}) and Agent ({agent})"
            : agent > 0 ? "vantage Agent" : scanner > 0 ? "vantage Scanner" : "no findings";
    }
}
