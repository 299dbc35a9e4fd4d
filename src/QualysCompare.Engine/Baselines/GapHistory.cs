using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>
    /// Compares this run's rows with a <see cref="Baseline"/>: a one-sided row whose (machine, QID,
    /// presence) the baseline had is Persisting and keeps its FirstSeen, any other one-sided row is
    /// New, and a baseline gap no row matched comes back after the rows as Closed. Machines are
    /// the same across runs by <see cref="HostMatcher"/>'s rules, so a machine whose address changed
    /// keeps its gaps.
    /// </summary>
    public sealed class GapHistory : IGapHistory
    {
        private readonly Baseline _baseline;
        private readonly IEngineOutput _output;
        private readonly Dictionary<HostPair, int> _machineOfPair = new Dictionary<HostPair, int>();
        private BaselineGap[] _gaps = Array.Empty<BaselineGap>();
        private bool[] _matched = Array.Empty<bool>();
        private DateTime? _dataDate;
        private DateTime? _baselineDate;

        public GapHistory(Baseline baseline, IEngineOutput? output = null)
        {
            _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
            _output = output ?? NullEngineOutput.Instance;
        }

        /// <summary>How many of this run's machines the baseline also had; known after <see cref="Begin"/>.</summary>
        public int MachinesInCommon { get; private set; }

        /// <exception cref="QualysReportException">CoverageGapBaselineNewerThanData: the baseline's data is newer than this run's.</exception>
        public void Begin(IReadOnlyList<HostPair> pairs, DateTime? dataDate)
        {
            if (pairs == null) throw new ArgumentNullException(nameof(pairs));
            _dataDate = dataDate;
            _baselineDate = _baseline.Date;
            if (_baselineDate is DateTime before && dataDate is DateTime now && before > now)
                throw new QualysReportException(ErrorIds.BaselineNewerThanData, ReportErrorKind.InvalidArgument, _baseline.Path, 0,
                    $"its data is from {Day(before)}, newer than the data compared now ({Day(now)}): every gap would be younger than it was. Give the export of an earlier run as -Baseline.");
            if (_baselineDate == null && _baseline.GapCount > 0)
                _output.WriteWarning($"{_baseline.Path}: the baseline says neither when its data was assessed nor when its gaps were first seen (an export of a run without dates), so the FirstSeen of its gaps starts with this run's data.");

            MatchMachines(pairs);
            if (MachinesInCommon == 0 && _baseline.MachineCount > 0 && pairs.Count > 0)
                _output.WriteWarning($"{_baseline.Path}: no machine of the baseline is among the {pairs.Count} machines compared now, so every gap is New and every gap of the baseline Closed. Is it the export of this estate?");

            _gaps = _baseline.Gaps;
            _matched = new bool[_gaps.Length];
            // A key listed twice (an export edited by hand) closes once, not twice.
            for (int i = 1; i < _gaps.Length; i++)
                if (_gaps[i].Key == _gaps[i - 1].Key) _matched[i] = true;
        }

        public void Annotate(VantageComparison row, HostPair pair)
        {
            row.BaselineDate = _baselineDate;
            if (row.Presence == Presence.Both) return;
            int found = _machineOfPair.TryGetValue(pair, out int machine) ? Find(BaselineGap.Of(machine, row.QID, row.Presence)) : -1;
            if (found < 0)
            {
                row.Change = GapChange.New;
                row.FirstSeen = row.DataDate;
            }
            else
            {
                var gap = _gaps[found];
                _matched[found] = true;
                row.Change = GapChange.Persisting;
                row.FirstSeen = gap.FirstSeen ?? _baselineDate ?? row.DataDate;
                row.PreviousAction = gap.Action;
                row.BecameActionable = (gap.Action == GapAction.None || gap.Accepted) && row.Action != GapAction.None;
            }
            row.DaysOpen = DaysBetween(row.FirstSeen, row.DataDate);
        }

        public IEnumerable<VantageComparison> Closed()
        {
            var closed = new List<BaselineGap>();
            for (int i = 0; i < _gaps.Length; i++)
                if (!_matched[i]) closed.Add(_gaps[i]);
            // File order: the rows are read again front to back, and come out as the baseline listed them.
            closed.Sort((x, y) => x.Offset.CompareTo(y.Offset));
            int next = 0;
            foreach (var row in _baseline.ReadRows(closed))
            {
                var gap = closed[next++];
                row.Change = GapChange.Closed;
                row.PreviousAction = row.Action;
                // Nothing is left to do: a filter on Action must not list fixed work.
                row.Action = GapAction.None;
                row.Owner = GapOwner.None;
                row.BecameActionable = false;
                row.FirstSeen = gap.FirstSeen ?? _baselineDate ?? _dataDate;
                row.DataDate = _dataDate;
                row.BaselineDate = _baselineDate;
                row.DaysOpen = DaysBetween(row.FirstSeen, _dataDate);
                yield return row;
            }
        }

        /// <summary>Pairs the baseline's machines with this run's, as the matcher pairs a scanner's hosts
        /// with an agent's: strongest evidence first, contradicting names veto an address, and an
        /// ambiguous group pairs nothing.</summary>
        private void MatchMachines(IReadOnlyList<HostPair> pairs)
        {
            var before = new List<VantageHost>(_baseline.MachineCount);
            for (int i = 0; i < _baseline.Machines.Count; i++)
            {
                var m = _baseline.Machines[i];
                before.Add(VantageHost.Identity(Vantage.Scanner, i, m.AgentHostId, m.DnsName, m.NetBiosName, m.ScannerIP, m.AgentIP));
            }
            var now = new List<VantageHost>(pairs.Count);
            for (int i = 0; i < pairs.Count; i++)
            {
                var p = pairs[i];
                now.Add(VantageHost.Identity(Vantage.Agent, i, p.Agent?.HostId, p.DnsName, p.NetBiosName, p.Scanner?.IP, p.Agent?.IP));
            }
            foreach (var match in HostMatcher.Match(before, now))
            {
                if (match.Scanner == null || match.Agent == null) continue;
                _machineOfPair[pairs[match.Agent.Index]] = match.Scanner.Index;
                MachinesInCommon++;
            }
        }

        private int Find(long key)
        {
            int low = 0, high = _gaps.Length - 1;
            while (low <= high)
            {
                int middle = low + ((high - low) >> 1);
                long found = _gaps[middle].Key;
                if (found == key) return middle;
                if (found < key) low = middle + 1;
                else high = middle - 1;
            }
            return -1;
        }

        private static int? DaysBetween(DateTime? from, DateTime? to) =>
            from is DateTime start && to is DateTime end ? Math.Max(0, (int)Math.Floor((end - start).TotalDays)) : (int?)null;

        private static string Day(DateTime date) => date.ToString("yyyy'-'MM'-'dd HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
