using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Import
{
    /// <summary>
    /// The checks that stop a comparison before its first row, because a report built on its sides
    /// would be confidently wrong: a side that gave nothing (every host would read "not scanned" or
    /// "no agent"), the sides swapped (every reason inverted), or one file on both sides (no gap at
    /// all). In a scheduled run nobody reads a warning, so each is a <see cref="QualysReportException"/>.
    /// </summary>
    public static class SideChecks
    {
        private const int CompareBlock = 64 * 1024;

        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>Before reading: the same file named for both sides, by path or as a copy with the
        /// same bytes. Files of different sizes are told apart without being read.</summary>
        public static void RefuseSameInput(IReadOnlyList<string> scannerFiles, IReadOnlyList<string> agentFiles)
        {
            if (scannerFiles == null) throw new ArgumentNullException(nameof(scannerFiles));
            if (agentFiles == null) throw new ArgumentNullException(nameof(agentFiles));
            foreach (var scanner in scannerFiles)
            {
                foreach (var agent in agentFiles)
                {
                    if (string.Equals(Path.GetFullPath(scanner), Path.GetFullPath(agent), PathComparison))
                        throw Same($"{scanner} is given as both -Scanner and -Agent");
                    if (SameBytes(scanner, agent))
                        throw Same($"{scanner} (-Scanner) and {agent} (-Agent) hold the same bytes: one export was given as both sides");
                }
            }
        }

        /// <summary>After reading and before any row: a side with no findings, or sides that look swapped.</summary>
        public static void RefuseUnusableSides(SideInput scanner, SideInput agent)
        {
            if (scanner == null) throw new ArgumentNullException(nameof(scanner));
            if (agent == null) throw new ArgumentNullException(nameof(agent));
            RefuseEmpty(scanner);
            RefuseEmpty(agent);
            if (LooksForeign(scanner) && LooksForeign(agent))
            {
                throw new QualysReportException(ErrorIds.SidesSwapped, ReportErrorKind.InvalidArgument, null, 0,
                    $"the sides look swapped: {Share(scanner)} of the -Scanner findings come from Cloud Agent-tracked hosts ({Files(scanner)}) and {Share(agent)} of the -Agent findings from scanner-tracked hosts ({Files(agent)}). "
                    + "Swap -Scanner and -Agent; a comparison of swapped sides would invert every reason, so nothing was compared.");
            }
        }

        private static void RefuseEmpty(SideInput side)
        {
            if (side.Findings > 0) return;
            string parameter = "-" + side.Side;
            if (side.FilesRead.Count == 0)
            {
                string what = side.Failures.Count > 0
                    ? $"every file failed: {string.Join("; ", side.Failures.Select(f => f.ToString()))}"
                    : $"nothing was found at {string.Join(", ", side.Named.DefaultIfEmpty("(nothing given)"))}";
                throw new QualysReportException(ErrorIds.SideUnreadable, ReportErrorKind.InvalidData, null, 0,
                    $"the {side.Side} side could not be read ({parameter}: {what}). Without it every host would be reported as {(side.Side == Vantage.Scanner ? "HostNotScanned" : "NoAgentOnHost")}, so nothing was compared.");
            }
            throw new QualysReportException(ErrorIds.SideWithoutFindings, ReportErrorKind.InvalidData, null, 0,
                $"the {side.Side} side holds no findings ({parameter}: {string.Join(", ", side.FilesRead)}{(side.Failures.Count > 0 ? "; failed: " + string.Join("; ", side.Failures.Select(f => f.ToString())) : string.Empty)}). "
                + $"Without it every host would be reported as {(side.Side == Vantage.Scanner ? "HostNotScanned" : "NoAgentOnHost")}, so nothing was compared.");
        }

        // More than half: a file of merged data may carry a few findings of the other side, and a
        // scan of a machine that also runs an agent is still a scan.
        private static bool LooksForeign(SideInput side) => side.Findings > 0 && side.MarkedOpposite * 2 > side.Findings;

        private static string Share(SideInput side) => $"{side.MarkedOpposite * 100 / side.Findings}%";

        private static string Files(SideInput side) => side.FilesRead.Count > 0 ? string.Join(", ", side.FilesRead) : "findings given as objects";

        private static QualysReportException Same(string what) =>
            new QualysReportException(ErrorIds.SameInputOnBothSides, ReportErrorKind.InvalidArgument, null, 0,
                what + ". A side compared with itself shows no gap at all, so nothing was compared.");

        private static bool SameBytes(string first, string second)
        {
            try
            {
                var a = new FileInfo(first);
                var b = new FileInfo(second);
                if (!a.Exists || !b.Exists || a.Length != b.Length) return false;
                using var x = new FileStream(first, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, CompareBlock);
                using var y = new FileStream(second, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, CompareBlock);
                var bufferX = new byte[CompareBlock];
                var bufferY = new byte[CompareBlock];
                while (true)
                {
                    int readX = ReadBlock(x, bufferX);
                    int readY = ReadBlock(y, bufferY);
                    if (readX != readY) return false;
                    if (readX == 0) return true;
                    for (int i = 0; i < readX; i++)
                        if (bufferX[i] != bufferY[i]) return false;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Reading the file will report the problem with its own error.
                return false;
            }
        }

        private static int ReadBlock(Stream stream, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0) break;
                total += read;
            }
            return total;
        }
    }
}
