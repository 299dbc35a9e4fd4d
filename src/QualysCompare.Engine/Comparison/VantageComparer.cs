using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Matching;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Comparison
{
    /// <summary>
    /// Lines up scanner findings with agent findings per (machine, QID).
    ///
    /// Feed every finding of either side to <see cref="Add"/> (the side is the finding's Vantage),
    /// then enumerate <see cref="Compare"/>. Findings are folded as they arrive: per host and QID
    /// only the type, severity, status, last detection and the set of ports are kept, so memory
    /// grows with the number of distinct (host, QID), not with the size of the files.
    ///
    /// The two sides share nothing while findings are added, so a scanner finding and an agent
    /// finding may be added from two threads at once (see <see cref="Import.FileImporter.ImportSides"/>); the
    /// findings of one side must come from one thread at a time.
    /// </summary>
    public sealed class VantageComparer
    {
        private readonly ComparisonOptions _options;
        private readonly IGapExplainer _explainer;
        private readonly IFindingObserver? _observer;
        private readonly HashSet<int> _watchedQids;
        private readonly bool _keepInformation;
        private readonly HashSet<FindingType>? _types;
        private QidCatalog? _catalog;
        private readonly Side _scanner = new Side(Vantage.Scanner);
        private readonly Side _agent = new Side(Vantage.Agent);
        private List<HostPair>? _pairs;

        public VantageComparer(ComparisonOptions? options = null)
        {
            _options = options ?? new ComparisonOptions();
            _explainer = _options.Explainer ?? NoGapExplainer.Instance;
            _observer = _explainer as IFindingObserver;
            _watchedQids = new HashSet<int>(_explainer.WatchedQids ?? Enumerable.Empty<int>());
            _types = _options.Types != null && _options.Types.Count > 0 ? new HashSet<FindingType>(_options.Types) : null;
            _keepInformation = _options.IncludeInformational || (_types != null && _types.Contains(FindingType.Information));
        }

        /// <summary>Set before the rows are read when some input files failed: every row carries it,
        /// so whatever report is made of the rows says what is missing from it.</summary>
        public string? InputProblems { get; set; }

        /// <summary>Set before the rows are read to compare them with an earlier run.</summary>
        public IGapHistory? History { get; set; }

        /// <summary>The newest HostLastAssessed of any finding given, else the newest LastDetected of
        /// the findings kept; known once the hosts are matched, so before the first row.</summary>
        public DateTime? DataDate { get; private set; }

        public int ScannerHostCount => _scanner.Hosts.Records.Count(r => !r.Absorbed);
        public int AgentHostCount => _agent.Hosts.Records.Count(r => !r.Absorbed);

        /// <summary>Takes one finding of either side. Not allowed once the comparison has started.</summary>
        public void Add(QualysFinding finding)
        {
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            if (_pairs != null) throw new InvalidOperationException("Findings cannot be added after the comparison has started: hosts have already been matched.");
            var side = finding.Vantage == Vantage.Agent ? _agent : _scanner;
            // No lock: the observer reads one side, and one side's findings come from one thread
            // at a time. A lock here cost the two import threads a third of their time waiting.
            if (_observer != null && finding.Vantage == _observer.ObservedVantage) _observer.Observe(finding);

            // Every finding registers its host, even one the filters drop: a host the scanner saw
            // only information-gathered QIDs on was still scanned, and must pair with its agent.
            int host = side.Hosts.Resolve(finding);
            if (_watchedQids.Contains(finding.QID) && finding.Status != DetectionStatus.Fixed) side.Watch(host, finding.QID);

            // Information-gathered QIDs are dropped here rather than at output because they are
            // the bulk of a scan's rows; a QID is information on both sides or on neither.
            if (finding.Type == FindingType.Information && !_keepInformation) return;
            side.Catalog.Learn(finding);
            side.Cell(host, finding.QID).Fold(finding);
        }

        /// <summary>
        /// Whether a finding of this QID and title needs its Results text: only an observer reads it
        /// (the scanner's authentication QIDs), and the comparison keeps none, so a reader given
        /// this as <see cref="Readers.ImportOptions.NeedsResults"/> need not materialise the rest.
        /// </summary>
        public bool NeedsResults(int qid, string? title) => _observer != null && _observer.NeedsResults(qid, title);

        public void AddRange(IEnumerable<QualysFinding> findings)
        {
            foreach (var finding in findings) Add(finding);
        }

        /// <summary>The machines, matched and ordered as the comparison emits them. Matching happens
        /// on first use; later Adds are refused.</summary>
        public IReadOnlyList<HostPair> Pairs
        {
            get
            {
                if (_pairs == null) _pairs = MatchHosts();
                return _pairs;
            }
        }

        /// <summary>
        /// One row per (machine, QID) that survives the filters, ordered by host name
        /// (ordinal, ignoring case), then scanner address, then agent address, then QID. Hosts are
        /// matched when enumeration starts; rows are then produced one machine at a time.
        /// </summary>
        public IEnumerable<VantageComparison> Compare()
        {
            var pairs = Pairs;
            // Here rather than in the iterator: a baseline that cannot be used must fail before
            // anything downstream has seen a row.
            History?.Begin(pairs, DataDate);
            return Rows(pairs, History);
        }

        private IEnumerable<VantageComparison> Rows(IReadOnlyList<HostPair> pairs, IGapHistory? history)
        {
            foreach (var pair in pairs)
            {
                var scanner = pair.ScannerFindings;
                var agent = pair.AgentFindings;
                int s = 0, a = 0;
                while (s < scanner.Count || a < agent.Count)
                {
                    FoldedFinding? scannerFinding = null, agentFinding = null;
                    if (a >= agent.Count || (s < scanner.Count && scanner[s].QID < agent[a].QID)) scannerFinding = scanner[s++];
                    else if (s >= scanner.Count || agent[a].QID < scanner[s].QID) agentFinding = agent[a++];
                    else
                    {
                        scannerFinding = scanner[s++];
                        agentFinding = agent[a++];
                    }
                    var row = Row(pair, scannerFinding, agentFinding);
                    if (row == null) continue;
                    history?.Annotate(row, pair);
                    yield return row;
                }
            }
            if (history == null) yield break;
            foreach (var closed in history.Closed())
            {
                closed.InputProblems = InputProblems;
                yield return closed;
            }
        }

        /// <summary>
        /// The one place a row is made: decides presence, applies the row filters, fills every
        /// comparison column and hands the row to the explainer. Null when the row is filtered out.
        /// </summary>
        private VantageComparison? Row(HostPair pair, FoldedFinding? scanner, FoldedFinding? agent)
        {
            bool scannerSaw = scanner != null && (scanner.IsLive || _options.IncludeFixed);
            bool agentSaw = agent != null && (agent.IsLive || _options.IncludeFixed);
            if (!scannerSaw && !agentSaw) return null;

            // A side's type counts only when that side saw the QID: the row is kept when a side
            // that saw it reported it as a wanted type (scanner Potential + agent Confirmed is kept
            // for Types = Confirmed, and shows both).
            if (_types != null && !((scannerSaw && _types.Contains(scanner!.Type)) || (agentSaw && _types.Contains(agent!.Type)))) return null;

            int qid = (scanner ?? agent)!.QID;
            // The KnowledgeBase fills what the findings lack before the filter judges the row: an
            // agent finding without a severity is as severe as its QID is.
            var entry = _options.KnowledgeBase?.Find(qid);
            int? severity = Max(scanner?.Severity, agent?.Severity) ?? entry?.Severity;
            if (_options.MinimumSeverity is int minimum && minimum > 1 && (severity == null || severity < minimum)) return null;

            var text = _catalog!.Find(qid);
            var scored = HigherQds(scannerSaw ? scanner : null, agentSaw ? agent : null);
            var row = new VantageComparison
            {
                HostName = pair.HostName,
                DnsName = pair.DnsName,
                NetBiosName = pair.NetBiosName,
                OperatingSystem = pair.OperatingSystem,
                Tags = pair.Tags,
                ScannerIP = pair.Scanner?.IP,
                AgentIP = pair.Agent?.IP,
                AgentHostId = pair.Agent?.HostId,
                MatchedBy = pair.MatchedBy,
                MatchConfidence = pair.MatchConfidence,
                HostCoverage = pair.HostCoverage,
                QID = qid,
                Title = text?.Title ?? entry?.Title,
                Type = Strongest(scannerSaw ? scanner!.Type : (FindingType?)null, agentSaw ? agent!.Type : (FindingType?)null),
                Severity = severity,
                Qds = scored?.Qds,
                QdsSeverity = scored?.QdsSeverity,
                Presence = scannerSaw && agentSaw ? Presence.Both : scannerSaw ? Presence.ScannerOnly : Presence.AgentOnly,
                ScannerType = scannerSaw ? scanner!.Type : (FindingType?)null,
                AgentType = agentSaw ? agent!.Type : (FindingType?)null,
                ScannerPorts = scannerSaw ? scanner!.Ports : null,
                // Kept when the agent's detection counts as absent: "Fixed" is the point of the row.
                AgentStatus = agent?.Status,
                AgentLastDetected = agent?.LastDetected,
                AgentLastFixed = agent?.LastFixed,
                ScannerLastScanned = pair.Scanner?.LastAssessed,
                AgentLastAssessed = pair.Agent?.LastAssessed,
                CveIds = text?.CveIds ?? entry?.CveIds,
                Category = text?.Category ?? entry?.Category,
                DataDate = DataDate,
                InputProblems = InputProblems,
            };
            _explainer.Explain(row, pair);
            return row;
        }

        private List<HostPair> MatchHosts()
        {
            // Each side learnt its own texts; the fuller text wins whichever side had it.
            _catalog = _scanner.Catalog;
            _catalog.Merge(_agent.Catalog);

            foreach (var fold in _scanner.Hosts.FoldNamelessScannerRecords(_options.Output))
                _scanner.MoveCells(fold.Key, fold.Value);

            var matches = HostMatcher.Match(_scanner.Hosts.Records, _agent.Hosts.Records, _options.Output);
            var pairs = new List<HostPair>(matches.Count);
            foreach (var match in matches)
                pairs.Add(new HostPair(match,
                    match.Scanner == null ? null : _scanner.SortedCells(match.Scanner.Index),
                    match.Agent == null ? null : _agent.SortedCells(match.Agent.Index),
                    match.Scanner == null ? null : _scanner.Watched(match.Scanner.Index),
                    match.Agent == null ? null : _agent.Watched(match.Agent.Index)));
            pairs.Sort(ComparePairs);
            DataDate = NewestAssessment() ?? NewestDetection(pairs);
            // The per-host lists now hold every cell; the lookup index is only needed while adding.
            _scanner.ReleaseIndex();
            _agent.ReleaseIndex();
            return pairs;
        }

        private DateTime? NewestAssessment()
        {
            DateTime? newest = null;
            foreach (var record in _scanner.Hosts.Records.Concat(_agent.Hosts.Records))
                if (record.LastAssessed is DateTime assessed && (newest == null || assessed > newest)) newest = assessed;
            return newest;
        }

        private static DateTime? NewestDetection(List<HostPair> pairs)
        {
            DateTime? newest = null;
            foreach (var pair in pairs)
                foreach (var finding in pair.ScannerFindings.Concat(pair.AgentFindings))
                    if (finding.LastDetected is DateTime detected && (newest == null || detected > newest)) newest = detected;
            return newest;
        }

        private static int ComparePairs(HostPair x, HostPair y)
        {
            int order = StringComparer.OrdinalIgnoreCase.Compare(x.HostName, y.HostName);
            if (order != 0) return order;
            order = HostNames.CompareAddresses(x.Scanner?.IP, y.Scanner?.IP);
            if (order != 0) return order;
            order = HostNames.CompareAddresses(x.Agent?.IP, y.Agent?.IP);
            if (order != 0) return order;
            order = string.CompareOrdinal(x.Agent?.HostId, y.Agent?.HostId);
            if (order != 0) return order;
            // Same name and addresses on both: fall back to the order the records first appeared in.
            order = (x.Scanner?.Index ?? -1).CompareTo(y.Scanner?.Index ?? -1);
            return order != 0 ? order : (x.Agent?.Index ?? -1).CompareTo(y.Agent?.Index ?? -1);
        }

        /// <summary>The side whose detection scores higher, so a row is prioritised by its worse reading.</summary>
        private static FoldedFinding? HigherQds(FoldedFinding? scanner, FoldedFinding? agent)
        {
            if (scanner?.Qds == null) return agent?.Qds == null ? null : agent;
            if (agent?.Qds == null) return scanner;
            return agent.Qds.Value > scanner.Qds.Value ? agent : scanner;
        }

        private static int? Max(int? a, int? b) => a == null ? b : b == null ? a : Math.Max(a.Value, b.Value);

        private static FindingType Strongest(FindingType? a, FindingType? b) =>
            a == null ? b!.Value : b == null ? a.Value : (FindingType)Math.Min((int)a.Value, (int)b.Value);

        /// <summary>One vantage point: its host records and its folded findings.</summary>
        private sealed class Side
        {
            // Key: host index in the high 32 bits, QID in the low 32; no string per finding.
            private Dictionary<long, FoldedFinding> _cells = new Dictionary<long, FoldedFinding>(PackedKeyComparer.Instance);
            private readonly List<List<FoldedFinding>?> _cellsOfHost = new List<List<FoldedFinding>?>();
            private readonly Dictionary<int, HashSet<int>> _watched = new Dictionary<int, HashSet<int>>();
            private readonly ProtocolTable _protocols = new ProtocolTable();

            public Side(Vantage vantage) => Hosts = new HostRegistry(vantage);

            public HostRegistry Hosts { get; }

            public QidCatalog Catalog { get; } = new QidCatalog();

            public FoldedFinding Cell(int host, int qid)
            {
                long key = Key(host, qid);
                if (_cells.TryGetValue(key, out var cell)) return cell;
                cell = new FoldedFinding(qid, _protocols);
                _cells[key] = cell;
                CellsOf(host).Add(cell);
                return cell;
            }

            public void Watch(int host, int qid)
            {
                if (!_watched.TryGetValue(host, out var set)) _watched[host] = set = new HashSet<int>();
                set.Add(qid);
            }

            public HashSet<int>? Watched(int host) => _watched.TryGetValue(host, out var set) ? set : null;

            /// <summary>Moves the findings of a host record that was folded into another.</summary>
            public void MoveCells(int from, int into)
            {
                var moving = from < _cellsOfHost.Count ? _cellsOfHost[from] : null;
                if (moving != null)
                {
                    foreach (var cell in moving)
                    {
                        _cells.Remove(Key(from, cell.QID));
                        long key = Key(into, cell.QID);
                        if (_cells.TryGetValue(key, out var existing))
                        {
                            existing.Merge(cell);
                        }
                        else
                        {
                            _cells[key] = cell;
                            CellsOf(into).Add(cell);
                        }
                    }
                    _cellsOfHost[from] = null;
                }
                if (_watched.TryGetValue(from, out var watched))
                {
                    foreach (int qid in watched) Watch(into, qid);
                    _watched.Remove(from);
                }
            }

            public void ReleaseIndex() => _cells = new Dictionary<long, FoldedFinding>(PackedKeyComparer.Instance);

            public List<FoldedFinding>? SortedCells(int host)
            {
                var cells = host < _cellsOfHost.Count ? _cellsOfHost[host] : null;
                cells?.Sort((x, y) => x.QID.CompareTo(y.QID));
                return cells;
            }

            private List<FoldedFinding> CellsOf(int host)
            {
                while (_cellsOfHost.Count <= host) _cellsOfHost.Add(null);
                return _cellsOfHost[host] ??= new List<FoldedFinding>();
            }

            private static long Key(int host, int qid) => ((long)host << 32) | (uint)qid;
        }
    }
}
