using System;
using System.Collections.Generic;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Turns comparison rows into one <see cref="VantageSummary"/> per machine plus one total row.
    /// Rows are taken one at a time and only counters are kept, so the rows themselves can stream
    /// on (to a file, to the pipeline) while the summary is built.
    ///
    /// A machine is recognised by the columns all rows of one host pair share: HostName, ScannerIP,
    /// AgentIP, AgentHostId and HostCoverage. Rows may arrive in any order.
    ///
    /// Against a baseline, New rows count as gaps and as New; Closed rows (gone since the baseline)
    /// count only as Closed: never as findings, gaps, reasons, actions or hosts.
    /// </summary>
    public sealed class VantageSummarizer
    {
        private readonly Dictionary<string, HostOrder> _hosts = new Dictionary<string, HostOrder>(StringComparer.Ordinal);
        private HostOrder? _last;
        private string? _inputProblems;

        public void Add(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            // Rows of one machine usually arrive together: only a new machine costs a key.
            var entry = _last != null && _last.IsMachineOf(row) ? _last : null;
            if (entry == null)
            {
                string key = string.Join("\u001f", row.HostName, row.ScannerIP, row.AgentIP, row.AgentHostId, row.HostCoverage.ToString());
                _hosts.TryGetValue(key, out entry);
                if (entry == null)
                {
                    var host = new VantageSummary
                    {
                        Scope = SummaryScope.Host,
                        HostName = row.HostName,
                        OperatingSystem = row.OperatingSystem,
                        HostCoverage = row.HostCoverage,
                        ScannerIP = row.ScannerIP,
                        AgentIP = row.AgentIP,
                        MatchedBy = row.MatchedBy,
                        ScannerAuthentication = row.ScannerAuthentication,
                        ScannerLastScanned = row.ScannerLastScanned,
                        AgentLastAssessed = row.AgentLastAssessed,
                    };
                    _hosts[key] = entry = new HostOrder(host, row);
                }
                _last = entry;
            }
            if (row.InputProblems != null) entry.Summary.InputProblems = _inputProblems = row.InputProblems;
            if (row.Change == GapChange.Closed)
            {
                // A gap of the baseline that is gone counts as closed and as nothing else; a machine
                // known only from such rows is not in this comparison (Hosts 0).
                entry.Summary.Closed++;
                return;
            }
            if (entry.Summary.Hosts == 0)
            {
                // The machine's first row from this comparison: its facts replace what a closed row remembered.
                entry.Summary.Hosts = 1;
                entry.Summary.OperatingSystem = row.OperatingSystem;
                entry.Summary.MatchedBy = row.MatchedBy;
                entry.Summary.ScannerAuthentication = row.ScannerAuthentication;
                entry.Summary.ScannerLastScanned = row.ScannerLastScanned;
                entry.Summary.AgentLastAssessed = row.AgentLastAssessed;
            }
            if (entry.Summary.ScannerAuthentication == Model.ScannerAuthentication.Unknown)
                entry.Summary.ScannerAuthentication = row.ScannerAuthentication;
            if (row.Change == GapChange.New) entry.Summary.New++;
            Count(entry.Summary, row);
        }

        /// <summary>The per-machine rows in the comparison's order, then the total row.</summary>
        public IReadOnlyList<VantageSummary> Summaries()
        {
            var ordered = new List<HostOrder>(_hosts.Values);
            ordered.Sort();
            var hosts = ordered.ConvertAll(entry => entry.Summary);
            var total = new VantageSummary { Scope = SummaryScope.Total, HostName = "(all hosts)", MatchedBy = MatchMethod.None, InputProblems = _inputProblems };
            foreach (var host in hosts)
            {
                host.AgentOnlyPercent = Percent(host.AgentOnly, host.Both + host.ScannerOnly + host.AgentOnly);
                total.Hosts += host.Hosts;
                total.ScannerTotal += host.ScannerTotal;
                total.ScannerConfirmed += host.ScannerConfirmed;
                total.ScannerPotential += host.ScannerPotential;
                total.AgentTotal += host.AgentTotal;
                total.AgentConfirmed += host.AgentConfirmed;
                total.AgentPotential += host.AgentPotential;
                total.Both += host.Both;
                total.ScannerOnly += host.ScannerOnly;
                total.AgentOnly += host.AgentOnly;
                total.NeedsLocalAccess += host.NeedsLocalAccess;
                total.ScanNotAuthenticated += host.ScanNotAuthenticated;
                total.HostNotScanned += host.HostNotScanned;
                total.OutsideScanTargets += host.OutsideScanTargets;
                total.ScannerMissed += host.ScannerMissed;
                total.NeedsNetworkExposure += host.NeedsNetworkExposure;
                total.AgentFixedSinceScan += host.AgentFixedSinceScan;
                total.NoAgentOnHost += host.NoAgentOnHost;
                total.AgentStale += host.AgentStale;
                total.AgentMissed += host.AgentMissed;
                total.AgentReportsFixed += host.AgentReportsFixed;
                total.FixScanAuthentication += host.FixScanAuthentication;
                total.InvestigateScanReach += host.InvestigateScanReach;
                total.DeployAgent += host.DeployAgent;
                total.RepairAgent += host.RepairAgent;
                total.InvestigateDetection += host.InvestigateDetection;
                total.New += host.New;
                total.Closed += host.Closed;
                if (host.Action.Urgency() > total.Action.Urgency())
                {
                    total.Action = host.Action;
                    total.Owner = host.Owner;
                }
            }
            // Recomputed from the sums: the mean of per-host percentages would weigh a host with
            // two QIDs like one with two hundred.
            total.AgentOnlyPercent = Percent(total.AgentOnly, total.Both + total.ScannerOnly + total.AgentOnly);
            hosts.Add(total);
            return hosts;
        }

        /// <summary>Summarises a stream of rows in one pass.</summary>
        public static IReadOnlyList<VantageSummary> Summarize(IEnumerable<VantageComparison> rows)
        {
            var summarizer = new VantageSummarizer();
            foreach (var row in rows) summarizer.Add(row);
            return summarizer.Summaries();
        }

        private static void Count(VantageSummary host, VantageComparison row)
        {
            // Each row is one distinct QID of the machine, so counting rows counts distinct QIDs.
            bool scannerSaw = row.Presence != Presence.AgentOnly;
            bool agentSaw = row.Presence != Presence.ScannerOnly;
            if (scannerSaw)
            {
                host.ScannerTotal++;
                if (row.ScannerType == FindingType.Confirmed) host.ScannerConfirmed++;
                else if (row.ScannerType == FindingType.Potential) host.ScannerPotential++;
            }
            if (agentSaw)
            {
                host.AgentTotal++;
                if (row.AgentType == FindingType.Confirmed) host.AgentConfirmed++;
                else if (row.AgentType == FindingType.Potential) host.AgentPotential++;
            }
            switch (row.Presence)
            {
                case Presence.Both: host.Both++; break;
                case Presence.ScannerOnly: host.ScannerOnly++; break;
                case Presence.AgentOnly: host.AgentOnly++; break;
            }
            if (row.Action.Urgency() > host.Action.Urgency())
            {
                host.Action = row.Action;
                host.Owner = row.Action.Owner();
            }
            switch (row.Action)
            {
                case GapAction.FixScanAuthentication: host.FixScanAuthentication++; break;
                case GapAction.InvestigateScanReach: host.InvestigateScanReach++; break;
                case GapAction.DeployAgent: host.DeployAgent++; break;
                case GapAction.RepairAgent: host.RepairAgent++; break;
                case GapAction.InvestigateDetection: host.InvestigateDetection++; break;
            }
            switch (row.Reason)
            {
                case GapReason.NeedsLocalAccess: host.NeedsLocalAccess++; break;
                case GapReason.ScanNotAuthenticated: host.ScanNotAuthenticated++; break;
                case GapReason.HostNotScanned: host.HostNotScanned++; break;
                case GapReason.OutsideScanTargets: host.OutsideScanTargets++; break;
                case GapReason.ScannerMissed: host.ScannerMissed++; break;
                case GapReason.NeedsNetworkExposure: host.NeedsNetworkExposure++; break;
                case GapReason.AgentFixedSinceScan: host.AgentFixedSinceScan++; break;
                case GapReason.NoAgentOnHost: host.NoAgentOnHost++; break;
                case GapReason.AgentStale: host.AgentStale++; break;
                case GapReason.AgentMissed: host.AgentMissed++; break;
                case GapReason.AgentReportsFixed: host.AgentReportsFixed++; break;
            }
        }

        private static double Percent(int part, int whole) =>
            whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1, MidpointRounding.AwayFromZero);

        /// <summary>A machine's counters and its place in the comparison's host order, so the
        /// summary reads in the same order as the rows.</summary>
        private sealed class HostOrder : IComparable<HostOrder>
        {
            private readonly string? _hostName, _scannerIP, _agentIP, _agentHostId;
            private readonly Presence _coverage;

            public HostOrder(VantageSummary summary, VantageComparison row)
            {
                Summary = summary;
                _hostName = row.HostName;
                _scannerIP = row.ScannerIP;
                _agentIP = row.AgentIP;
                _agentHostId = row.AgentHostId;
                _coverage = row.HostCoverage;
            }

            public VantageSummary Summary { get; }

            public bool IsMachineOf(VantageComparison row) =>
                row.HostCoverage == _coverage
                && string.Equals(row.HostName, _hostName, StringComparison.Ordinal)
                && string.Equals(row.ScannerIP, _scannerIP, StringComparison.Ordinal)
                && string.Equals(row.AgentIP, _agentIP, StringComparison.Ordinal)
                && string.Equals(row.AgentHostId, _agentHostId, StringComparison.Ordinal);

            public int CompareTo(HostOrder? other)
            {
                if (other == null) return 1;
                int order = StringComparer.OrdinalIgnoreCase.Compare(_hostName, other._hostName);
                if (order == 0) order = HostNames.CompareAddresses(_scannerIP, other._scannerIP);
                if (order == 0) order = HostNames.CompareAddresses(_agentIP, other._agentIP);
                if (order == 0) order = string.CompareOrdinal(_agentHostId, other._agentHostId);
                if (order == 0) order = _coverage.CompareTo(other._coverage);
                if (order == 0) order = string.CompareOrdinal(_hostName, other._hostName);
                return order;
            }
        }
    }
}
