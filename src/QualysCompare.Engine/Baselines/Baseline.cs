using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>
    /// A previous run's gap export (CSV or JSON, as Export-CoverageGap wrote it), reduced to what a
    /// later run compares with: one <see cref="BaselineGap"/> per gap row, each machine's identity
    /// once, and the run's data date. Rows of Presence Both, and rows that were already Closed, are
    /// not gaps of that run and are left out.
    /// </summary>
    public sealed class Baseline
    {
        private readonly List<BaselineMachine> _machines = new List<BaselineMachine>();
        private readonly Dictionary<string, int> _machineOfIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        private List<BaselineGap>? _gaps = new List<BaselineGap>();
        private readonly bool _json;
        private DateTime? _newestDataDate;
        private DateTime? _newestAssessment;

        private Baseline(string path, bool json)
        {
            Path = path;
            _json = json;
        }

        public string Path { get; }

        /// <summary>The data date of the run the baseline was exported from: its rows' DataDate, or for an
        /// export from before DataDate existed, the newest scan or agent assessment it names. Null when
        /// the file says neither.</summary>
        public DateTime? Date => _newestDataDate ?? _newestAssessment;

        public int GapCount => _gaps?.Count ?? Gaps.Length;

        public int MachineCount => _machines.Count;

        internal IReadOnlyList<BaselineMachine> Machines => _machines;

        /// <summary>The gaps by key, for binary search; sorted while the reading thread still has
        /// the time, so the comparison does not wait for it before its first row.</summary>
        internal BaselineGap[] Gaps { get; private set; } = Array.Empty<BaselineGap>();

        /// <summary>Reads the export at <paramref name="path"/>; the format is told by its first byte.</summary>
        /// <exception cref="QualysReportException">CoverageGapBaselineUnreadable or CoverageGapBaselineNotExport, naming the file.</exception>
        public static Baseline Read(string path, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
                bool json = StartsJsonArray(stream, out long origin);
                stream.Position = json ? origin : 0;
                var baseline = new Baseline(path, json);
                if (json) BaselineJson.ReadKeys(baseline, stream, origin, cancellationToken);
                else BaselineCsv.ReadKeys(baseline, stream, cancellationToken);
                baseline.SortGaps();
                return baseline;
            }
            catch (FileNotFoundException)
            {
                throw Unreadable(path, 0, "the file does not exist.", ReportErrorKind.ObjectNotFound);
            }
            catch (DirectoryNotFoundException)
            {
                throw Unreadable(path, 0, "the file does not exist.", ReportErrorKind.ObjectNotFound);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Unreadable(path, 0, "access is denied: " + e.Message, ReportErrorKind.PermissionDenied);
            }
            catch (IOException e)
            {
                throw Unreadable(path, 0, "the file could not be read: " + e.Message, ReportErrorKind.ResourceUnavailable);
            }
        }

        /// <summary>The rows of these gaps as they were exported, read again from the file in file order.</summary>
        internal IEnumerable<VantageComparison> ReadRows(IReadOnlyList<BaselineGap> gaps)
        {
            if (gaps.Count == 0) yield break;
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            byte[] bytes = new byte[4096];
            foreach (var gap in gaps)
            {
                if (bytes.Length < gap.Length) bytes = new byte[Math.Max(gap.Length, bytes.Length * 2)];
                stream.Position = gap.Offset;
                int read = 0;
                while (read < gap.Length)
                {
                    int n = stream.Read(bytes, read, gap.Length - read);
                    if (n == 0) throw Unreadable(Path, 0, "the file changed while it was being compared with.", ReportErrorKind.InvalidData);
                    read += n;
                }
                yield return _json ? BaselineJson.Row(bytes, gap.Length) : BaselineCsv.Row(this, bytes, gap.Length);
            }
        }

        /// <summary>The CSV header, kept for reading rows again.</summary>
        internal string[] CsvHeader { get; set; } = Array.Empty<string>();

        /// <summary>Takes one row of the first pass.</summary>
        internal void Add(BaselineRow row, long offset, int length)
        {
            if (row.DataDate is DateTime dataDate && (_newestDataDate == null || dataDate > _newestDataDate)) _newestDataDate = dataDate;
            Newest(row.ScannerLastScanned);
            Newest(row.AgentLastAssessed);
            if (row.MachineChanged || row.Machine < 0) row.Machine = MachineOf(row);
            if (row.Presence == Presence.Both || row.Change == GapChange.Closed) return;
            _gaps!.Add(new BaselineGap
            {
                Machine = row.Machine,
                Qid = row.Qid,
                Presence = row.Presence,
                Action = row.Action,
                Accepted = row.Accepted,
                FirstSeenTicks = row.FirstSeen?.Ticks ?? 0,
                Offset = offset,
                Length = length,
            });
        }

        internal static QualysReportException Unreadable(string path, long line, string message, ReportErrorKind kind = ReportErrorKind.InvalidData) =>
            new QualysReportException(ErrorIds.BaselineUnreadable, kind, path, line, message);

        internal static QualysReportException NotExport(string path, string why) =>
            new QualysReportException(ErrorIds.BaselineNotExport, ReportErrorKind.InvalidData, path, 0,
                $"this is not a gap export written by Export-CoverageGap ({why}), so it cannot be a -Baseline. Give the CSV or JSON that a previous run's Export-CoverageGap wrote.");

        private void SortGaps()
        {
            var gaps = _gaps!.ToArray();
            _gaps = null;
            var keys = new long[gaps.Length];
            for (int i = 0; i < gaps.Length; i++) keys[i] = gaps[i].Key;
            // Sorting by a key array is several times faster than by a comparison delegate.
            Array.Sort(keys, gaps);
            Gaps = gaps;
        }

        private int MachineOf(BaselineRow row)
        {
            var machine = new BaselineMachine(row.HostName, row.DnsName, row.NetBiosName, row.ScannerIP, row.AgentIP, row.AgentHostId);
            string key = machine.IdentityKey;
            if (_machineOfIdentity.TryGetValue(key, out int index)) return index;
            index = _machines.Count;
            _machines.Add(machine);
            _machineOfIdentity.Add(key, index);
            return index;
        }

        private void Newest(DateTime? date)
        {
            if (date is DateTime value && (_newestAssessment == null || value > _newestAssessment)) _newestAssessment = value;
        }

        /// <summary>True when the first byte after any byte order mark and white space opens a JSON array.</summary>
        private static bool StartsJsonArray(Stream stream, out long origin)
        {
            var head = new byte[4096];
            int length = 0, n;
            while (length < head.Length && (n = stream.Read(head, length, head.Length - length)) > 0) length += n;
            int at = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            origin = at;
            while (at < length && (head[at] == (byte)' ' || head[at] == (byte)'\t' || head[at] == (byte)'\r' || head[at] == (byte)'\n')) at++;
            return at < length && head[at] == (byte)'[';
        }
    }

    /// <summary>The first-pass values of one row, reused from row to row.</summary>
    internal sealed class BaselineRow
    {
        public string? HostName, DnsName, NetBiosName, ScannerIP, AgentIP, AgentHostId;

        /// <summary>Set when an identity column differs from the previous row's.</summary>
        public bool MachineChanged;

        /// <summary>The machine of the previous row, -1 before the first.</summary>
        public int Machine = -1;

        public int Qid;
        public Presence Presence;
        public GapAction Action;
        public bool Accepted;
        public GapChange Change;
        public DateTime? FirstSeen, DataDate, ScannerLastScanned, AgentLastAssessed;
    }
}
