using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Counts one run's <see cref="CoverageRun"/> from the rows of an export as they go by: counters and
    /// the distinct machines only, so a streamed CSV or JSON export still keeps no row.
    /// </summary>
    public sealed class CoverageRunCounter
    {
        private readonly Dictionary<string, Presence> _hosts = new Dictionary<string, Presence>(StringComparer.Ordinal);
        private readonly CoverageRun _run = new CoverageRun();
        private string? _lastHost;

        public void Add(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (row.DataDate.HasValue && (!_run.DataDate.HasValue || row.DataDate.Value > _run.DataDate.Value)) _run.DataDate = row.DataDate;
            if (row.BaselineDate.HasValue && !_run.BaselineDate.HasValue) _run.BaselineDate = row.BaselineDate;
            if (row.Change == GapChange.Closed)
            {
                // Gone from the data: it says what was fixed, not what is open, and its machine may be gone too.
                _run.Closed++;
                return;
            }
            string host = string.Join("\u001f", row.HostName, row.ScannerIP, row.AgentIP, row.AgentHostId, row.HostCoverage.ToString());
            // Rows of one machine usually arrive together: only a new machine costs a lookup.
            if (!string.Equals(host, _lastHost, StringComparison.Ordinal))
            {
                _hosts[host] = row.HostCoverage;
                _lastHost = host;
            }

            bool actionable = row.Action != GapAction.None && !row.Accepted;
            if (row.Change == GapChange.New)
            {
                _run.New++;
                if (actionable) _run.NewActionable++;
            }
            else if (row.Change == GapChange.Persisting)
            {
                _run.Persisting++;
            }
            if (row.BecameActionable) _run.BecameActionable++;
            if (row.Accepted) _run.Accepted++;
            if (GapFilter.IsGap(row))
            {
                _run.OpenGaps++;
                CountReason(row.Reason);
            }
            if (actionable)
            {
                _run.OpenActionable++;
                CountAction(row.Action);
            }
        }

        /// <summary>The run, stamped with <paramref name="runUtc"/>; call it once the last row is in.</summary>
        public CoverageRun Run(DateTime runUtc)
        {
            _run.RunUtc = ExportText.ToUtc(runUtc);
            _run.Hosts = _hosts.Count;
            _run.HostsBoth = _run.HostsScannerOnly = _run.HostsAgentOnly = 0;
            foreach (Presence coverage in _hosts.Values)
            {
                if (coverage == Presence.Both) _run.HostsBoth++;
                else if (coverage == Presence.ScannerOnly) _run.HostsScannerOnly++;
                else _run.HostsAgentOnly++;
            }
            _run.ScannerCoveragePercent = Percent(_run.HostsBoth + _run.HostsScannerOnly, _run.Hosts);
            _run.AgentCoveragePercent = Percent(_run.HostsBoth + _run.HostsAgentOnly, _run.Hosts);
            _run.BothCoveragePercent = Percent(_run.HostsBoth, _run.Hosts);
            return _run;
        }

        /// <summary>Counts a stream of rows in one pass.</summary>
        public static CoverageRun Count(IEnumerable<VantageComparison> rows, DateTime runUtc)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            var counter = new CoverageRunCounter();
            foreach (VantageComparison row in rows) counter.Add(row);
            return counter.Run(runUtc);
        }

        private void CountReason(GapReason reason)
        {
            switch (reason)
            {
                case GapReason.NeedsLocalAccess: _run.NeedsLocalAccess++; break;
                case GapReason.ScanNotAuthenticated: _run.ScanNotAuthenticated++; break;
                case GapReason.HostNotScanned: _run.HostNotScanned++; break;
                case GapReason.OutsideScanTargets: _run.OutsideScanTargets++; break;
                case GapReason.ScannerMissed: _run.ScannerMissed++; break;
                case GapReason.NeedsNetworkExposure: _run.NeedsNetworkExposure++; break;
                case GapReason.AgentFixedSinceScan: _run.AgentFixedSinceScan++; break;
                case GapReason.NoAgentOnHost: _run.NoAgentOnHost++; break;
                case GapReason.AgentStale: _run.AgentStale++; break;
                case GapReason.AgentMissed: _run.AgentMissed++; break;
                case GapReason.AgentReportsFixed: _run.AgentReportsFixed++; break;
            }
        }

        private void CountAction(GapAction action)
        {
            switch (action)
            {
                case GapAction.FixScanAuthentication: _run.FixScanAuthentication++; break;
                case GapAction.InvestigateScanReach: _run.InvestigateScanReach++; break;
                case GapAction.DeployAgent: _run.DeployAgent++; break;
                case GapAction.RepairAgent: _run.RepairAgent++; break;
                case GapAction.InvestigateDetection: _run.InvestigateDetection++; break;
            }
        }

        private static double Percent(int part, int whole) =>
            whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero);
    }
}
