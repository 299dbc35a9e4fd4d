using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// Says, for every one-sided (machine, QID) row, why only one vantage point reported it: one
    /// <see cref="GapReason"/>, one sentence an admin can act on, and whether the KnowledgeBase or
    /// the heuristics decided. The rules and their order are documented in docs/reasons.md.
    ///
    /// With the comparer: set it as <see cref="ComparisonOptions.Explainer"/>; the comparer hands
    /// it every finding (<see cref="Observe"/>) and every row with its host pair, and after the
    /// rows are read <see cref="Warnings"/> says what the caller should warn about.
    /// Without the comparer: <see cref="Observe"/> every finding, then per machine
    /// <see cref="DescribeHost(string, DateTime?, DateTime?, ScannerAuthenticationResult, string)"/> once and <see cref="Explain(VantageComparison, HostFacts, string)"/>
    /// each of its rows.
    /// </summary>
    public sealed class GapExplainer : IGapExplainer, IFindingObserver
    {
        private const int HostsNamedPerWarning = 20;

        private readonly ScannerAuthenticationAnalyzer _analyzer;
        private readonly AcceptedRiskRegister? _accepted;
        private readonly AuthenticationLedger _ledger = new AuthenticationLedger();
        private readonly TimeSpan _staleAfter;
        private readonly List<string> _agentStaleAgainstScan = new List<string>();
        private readonly List<string> _agentStaleAgainstNow = new List<string>();
        private readonly List<string> _scannerStale = new List<string>();
        private readonly List<string> _merged = new List<string>();
        private readonly Dictionary<HostPair, HostFacts> _described = new Dictionary<HostPair, HostFacts>();
        private HostPair? _currentPair;
        private HostFacts? _currentFacts;
        private readonly Dictionary<(Sentence, int), CachedSentence> _sentences = new Dictionary<(Sentence, int), CachedSentence>();

        /// <summary>The sentences whose wording depends only on the QID and the strings kept with
        /// them, not on one machine's dates or login.</summary>
        private enum Sentence
        {
            HostNotScanned,
            OutsideScanTargets,
            HostInsideTargetsNotScanned,
            AgentOnlyCheck,
            NetworkCheckMissed,
            LocalCheckLoggedIn,
            LocalCheckNoLogin,
            NoAgentOnHost,
            NoAgentOnDevice,
            NetworkOnlyCheck,
            AgentMissed,
        }

        private sealed class CachedSentence
        {
            public string? First;
            public string? Second;
            public string Text = string.Empty;
        }

        public GapExplainer(ExplanationOptions? options = null)
        {
            options ??= new ExplanationOptions();
            if (options.StaleAfterDays < 0)
                throw new ArgumentOutOfRangeException(nameof(options), options.StaleAfterDays, "StaleAfterDays cannot be negative.");
            KnowledgeBase = options.KnowledgeBase;
            StaleAfterDays = options.StaleAfterDays;
            Now = (options.Now ?? DateTime.UtcNow).ToUniversalTime();
            _staleAfter = TimeSpan.FromDays(StaleAfterDays);
            _analyzer = new ScannerAuthenticationAnalyzer(KnowledgeBase);
            if (options.AcceptedRisks != null && options.AcceptedRisks.Count > 0) _accepted = new AcceptedRiskRegister(options.AcceptedRisks, Now);
        }

        public KnowledgeBase? KnowledgeBase { get; }

        /// <summary>What every compared scan was asked to scan, as its findings carry it; null when
        /// any scan does not say, or says it in a way that cannot be read in full. An agent-only
        /// machine outside all of them is OutsideScanTargets.</summary>
        public IReadOnlyList<ScanTargets>? ScanTargets
        {
            get
            {
                if (_scanWithoutTargets || _targetLists.Count == 0) return null;
                var lists = new List<ScanTargets>(_targetLists.Count);
                foreach (var targets in _targetLists.Values)
                {
                    if (targets == null) return null;
                    lists.Add(targets);
                }
                return lists;
            }
        }

        private readonly Dictionary<(string Included, string? Excluded), ScanTargets?> _targetLists = new Dictionary<(string, string?), ScanTargets?>();
        private string? _lastTargets;
        private string? _lastExcluded;
        private bool _scanWithoutTargets;
        private IReadOnlyList<ScanTargets>? _knownTargets;
        private bool _targetsJudged;
        public int StaleAfterDays { get; }
        public DateTime Now { get; }

        /// <summary>Only the scanner's findings say how its scan logged in.</summary>
        public Vantage ObservedVantage => Vantage.Scanner;

        /// <summary>Takes one finding from the raw stream, before filters. Only the scanner's
        /// authentication QIDs are kept (one verdict per machine); everything else passes by.</summary>
        public void Observe(QualysFinding finding)
        {
            if (finding == null) throw new ArgumentNullException(nameof(finding));
            if (finding.Vantage != Vantage.Scanner) return;
            NoteTargets(finding);
            var verdict = _analyzer.Judge(finding);
            if (verdict != null) _ledger.Record(finding, verdict);
        }

        // One file's findings share one string instance each, so a new list costs a look-up once per file.
        private void NoteTargets(QualysFinding finding)
        {
            if (finding.ScanTargets == null)
            {
                _scanWithoutTargets = true;
                return;
            }
            if (ReferenceEquals(finding.ScanTargets, _lastTargets) && ReferenceEquals(finding.ScanExcludedTargets, _lastExcluded)) return;
            _lastTargets = finding.ScanTargets;
            _lastExcluded = finding.ScanExcludedTargets;
            var key = (finding.ScanTargets, finding.ScanExcludedTargets);
            if (!_targetLists.ContainsKey(key)) _targetLists[key] = Model.ScanTargets.Parse(key.ScanTargets, key.ScanExcludedTargets);
        }

        /// <summary>Whether <see cref="Observe"/> reads the Results text of a finding with this QID
        /// and title: only the Windows authentication method QID's table is read.</summary>
        public bool NeedsResults(int qid, string? title) => _analyzer.ReadsResults(qid, title);

        /// <summary>Asks the comparer to note, per host, whether Qualys's agent correlation QID was
        /// reported: it is information-gathered, and it marks merged scanner and agent data.</summary>
        public IEnumerable<int> WatchedQids => new[] { CorrelationIdQid };

        /// <summary>Qualys's agent correlation QID "Qualys Correlation ID Detected"
        /// (qualys-formats.md §8; Qualys help pages agent_merge_data.htm and
        /// agent_correlation_identifier.htm): scan results of the machine can be merged into its
        /// agent asset.</summary>
        public const int CorrelationIdQid = 48143;

        /// <summary>The comparer's hook. A machine's facts are worked out on its first row and kept,
        /// so its rows (and a second enumeration of the comparison) reuse them and each machine is
        /// warned about once.</summary>
        public void Explain(VantageComparison row, HostPair pair)
        {
            if (pair == null) throw new ArgumentNullException(nameof(pair));
            if (!ReferenceEquals(pair, _currentPair) || _currentFacts == null)
            {
                if (!_described.TryGetValue(pair, out var facts)) _described[pair] = facts = DescribeHost(pair);
                _currentFacts = facts;
                _currentPair = pair;
            }
            Explain(row, _currentFacts, pair.AgentFinding(row.QID)?.Ports);
        }

        /// <summary>Describes a matched machine from what the comparer kept of it.</summary>
        public HostFacts DescribeHost(HostPair pair)
        {
            if (pair == null) throw new ArgumentNullException(nameof(pair));
            var scanner = pair.Scanner;
            var login = scanner == null ? ScannerAuthenticationResult.Unknown
                : AuthenticationOf(scanner.HostId, scanner.Addresses, scanner.DnsName, scanner.NetBiosName);
            // The scan's own authentication QIDs win; a default Host List Detection pull has none
            // (they are information-gathered), and then the host's scan dates are the evidence.
            if (login.State == ScannerAuthentication.Unknown && scanner != null)
                login = ScannerAuthenticationResult.FromDates(scanner.LastVmScanned, scanner.LastVmAuthScanned) ?? login;
            var facts = DescribeHost(pair.HostName, scanner?.LastAssessed, pair.Agent?.LastAssessed, login, MergeEvidence(pair));
            if (!_targetsJudged)
            {
                // Every finding has been observed by the time machines are described.
                _knownTargets = ScanTargets;
                _targetsJudged = true;
            }
            var known = _knownTargets;
            if (scanner == null && pair.Agent != null && known != null && pair.Agent.Addresses.Count > 0)
            {
                facts.AgentAddresses = string.Join(", ", pair.Agent.Addresses);
                facts.OutsideScanTargets = !pair.Agent.Addresses.Any(address => known.Any(targets => targets.Contains(address)));
            }
            return facts;
        }

        private static string? MergeEvidence(HostPair pair)
        {
            var evidence = new List<string>(2);
            if (pair.ScannerReported(CorrelationIdQid) || pair.AgentReported(CorrelationIdQid))
                evidence.Add($"QID {CorrelationIdQid} Qualys Correlation ID Detected");
            // A Cloud Agent reads the machine from inside and reports no listening port: a port on
            // an agent detection is a scanner's observation merged into the agent asset.
            foreach (var finding in pair.AgentFindings)
            {
                if (finding.PortCount == 0) continue;
                evidence.Add($"agent finding QID {finding.QID} on port {finding.Ports}");
                break;
            }
            return evidence.Count == 0 ? null : string.Join(", ", evidence);
        }

        /// <summary>The verdict observed for a scanned machine, found by its Qualys host ID, any of
        /// its addresses, its DNS name or its NetBIOS name (in that order).</summary>
        public ScannerAuthenticationResult AuthenticationOf(string? hostId, IEnumerable<string>? addresses, string? dnsName, string? netBiosName) =>
            _ledger.Find(hostId, addresses, dnsName, netBiosName);

        /// <summary>
        /// Judges one machine: its scan and agent dates against <see cref="StaleAfterDays"/>, and
        /// remembers it for <see cref="Warnings"/>. Call once per machine. Pass the scanner's login
        /// verdict from <see cref="AuthenticationOf"/>; null means none is known.
        /// </summary>
        public HostFacts DescribeHost(string? hostName, DateTime? scanDate, DateTime? agentLastAssessed,
            ScannerAuthenticationResult? authentication = null, string? mergedDataEvidence = null)
        {
            var facts = new HostFacts(hostName, scanDate?.ToUniversalTime(), agentLastAssessed?.ToUniversalTime(),
                authentication ?? ScannerAuthenticationResult.Unknown, mergedDataEvidence, _staleAfter, Now);
            string name = hostName ?? "(unnamed host)";
            if (facts.AgentStaleAgainstScan)
                _agentStaleAgainstScan.Add($"{name} (agent {Day(facts.AgentLastAssessed)}, scan {Day(facts.ScanDate)})");
            else if (facts.AgentStaleAgainstNow)
                _agentStaleAgainstNow.Add($"{name} (agent {Day(facts.AgentLastAssessed)})");
            if (facts.ScannerStaleAgainstNow) _scannerStale.Add($"{name} (scan {Day(facts.ScanDate)})");
            if (mergedDataEvidence != null) _merged.Add($"{name} ({mergedDataEvidence})");
            return facts;
        }

        /// <summary>
        /// Fills Reason, ReasonDetail, ReasonSource and ScannerAuthentication of one row (and the
        /// scan and agent dates when the row has none). <paramref name="agentPorts"/> are the ports
        /// the agent reported the QID on ("443/tcp"), if any.
        /// </summary>
        public void Explain(VantageComparison row, HostFacts host, string? agentPorts = null)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            if (host == null) throw new ArgumentNullException(nameof(host));
            row.ScannerAuthentication = row.HostCoverage == Presence.AgentOnly ? ScannerAuthentication.Unknown : host.Authentication.State;
            row.ScannerLastScanned ??= host.ScanDate;
            row.AgentLastAssessed ??= host.AgentLastAssessed;
            switch (row.Presence)
            {
                case Presence.AgentOnly:
                    ExplainAgentOnly(row, host, agentPorts);
                    break;
                case Presence.ScannerOnly:
                    ExplainScannerOnly(row, host);
                    break;
                default:
                    Set(row, GapReason.None, ReasonSource.None, null);
                    break;
            }
            GapActions.Assign(row);
            _accepted?.Apply(row);
        }

        /// <summary>The warnings about the whole comparison, one per kind, naming the hosts.</summary>
        public IReadOnlyList<string> Warnings()
        {
            var warnings = new List<string>();
            string cutoff = Day(Now - _staleAfter);
            if (_agentStaleAgainstScan.Count > 0)
                warnings.Add($"Cloud Agent data is more than {StaleAfterDays} days older than the scan on {Name(_agentStaleAgainstScan)}. Their scanner-only findings are marked AgentStale instead of being counted as agent misses; check that these agents still check in.");
            if (_agentStaleAgainstNow.Count > 0)
                warnings.Add($"Cloud Agent data is more than {StaleAfterDays} days old (last assessed before {cutoff}) on {Name(_agentStaleAgainstNow)}; check that these agents still check in.");
            if (_scannerStale.Count > 0)
                warnings.Add($"Scanner data is more than {StaleAfterDays} days old (scanned before {cutoff}) on {Name(_scannerStale)}; the comparison shows these machines as they were when scanned.");
            if (_merged.Count > 0)
                warnings.Add($"Qualys may have merged scan results into the Cloud Agent asset on {Name(_merged)}. Merged data keeps no per-finding source, so which vantage point found what is unreliable for these hosts; compare separate scanner and agent records instead.");
            if (_accepted != null) warnings.AddRange(_accepted.Warnings());
            return warnings;
        }

        private void ExplainAgentOnly(VantageComparison row, HostFacts host, string? agentPorts)
        {
            int qid = row.QID;
            if (row.HostCoverage == Presence.AgentOnly && host.OutsideScanTargets == true)
            {
                Set(row, GapReason.OutsideScanTargets, ReasonSource.Heuristic,
                    Cached(Sentence.OutsideScanTargets, qid, host.AgentAddresses, null)
                    ?? Keep(Sentence.OutsideScanTargets, qid, host.AgentAddresses, null,
                        $"Only the Cloud Agent reports this machine, and no compared scan was asked to scan its address ({host.AgentAddresses}), so no scanner could report QID {qid}: expected for a machine off the scanned networks, such as a remote worker."));
                return;
            }
            if (row.HostCoverage == Presence.AgentOnly && host.OutsideScanTargets == false)
            {
                Set(row, GapReason.HostNotScanned, ReasonSource.Heuristic,
                    Cached(Sentence.HostInsideTargetsNotScanned, qid, host.AgentAddresses, null)
                    ?? Keep(Sentence.HostInsideTargetsNotScanned, qid, host.AgentAddresses, null,
                        $"Only the Cloud Agent reports this machine, yet its address ({host.AgentAddresses}) is inside a compared scan's targets: the scan should have seen it and did not report QID {qid}. Was the machine off, or blocked?"));
                return;
            }
            if (row.HostCoverage == Presence.AgentOnly)
            {
                Set(row, GapReason.HostNotScanned, ReasonSource.Heuristic,
                    Cached(Sentence.HostNotScanned, qid, null, null)
                    ?? Keep(Sentence.HostNotScanned, qid, null, null,
                        $"Only the Cloud Agent reports this machine: no scan in the compared data covered it, so no scanner could report QID {qid}."));
                return;
            }

            var path = DetectionPaths.Classify(qid, agentPorts, row.Category, row.Title, KnowledgeBase);
            if (path.Kind == DetectionKind.AgentOnly)
            {
                Set(row, GapReason.NeedsLocalAccess, path.Source,
                    Cached(Sentence.AgentOnlyCheck, qid, path.Why, null)
                    ?? Keep(Sentence.AgentOnlyCheck, qid, path.Why, null,
                        $"QID {qid} is detected only by the Cloud Agent ({path.Why}), so no scan, even one that logs in, was expected to report it."));
                return;
            }

            var login = host.Authentication;
            if (login.State == ScannerAuthentication.Failed || login.State == ScannerAuthentication.NullSession || login.State == ScannerAuthentication.NotAttempted)
            {
                Set(row, GapReason.ScanNotAuthenticated, path.Source,
                    $"The scanner did not log in to this machine ({Describe(login)}), so it could not run the local checks that found QID {qid} on the agent; fix the scan's authentication record for this host.");
                return;
            }

            if (path.Kind == DetectionKind.NetworkOnly || path.Kind == DetectionKind.NetworkOrLogin)
            {
                Set(row, GapReason.ScannerMissed, path.Source,
                    Cached(Sentence.NetworkCheckMissed, qid, path.Why, null)
                    ?? Keep(Sentence.NetworkCheckMissed, qid, path.Why, null,
                        $"QID {qid} can be detected over the network ({path.Why}), yet only the agent reported it: investigate the scan (the ports and QIDs of its option profile, whether the host answered during the scan)."));
                return;
            }

            // NeedsLogin, or nothing known: an agent reports a host-level finding (no port), the
            // mark of a check made inside the machine, so an unknown QID is taken as a local one.
            string why = path.Kind == DetectionKind.NeedsLogin ? path.Why!
                : $"no KnowledgeBase entry{(path.Why != null ? ", " + path.Why : string.Empty)}; the agent found it without a port, inside the machine";
            Set(row, GapReason.NeedsLocalAccess, path.Source, login.State == ScannerAuthentication.Passed
                ? Cached(Sentence.LocalCheckLoggedIn, qid, why, login.Evidence)
                    ?? Keep(Sentence.LocalCheckLoggedIn, qid, why, login.Evidence,
                        $"QID {qid} is detected from inside the machine ({why}); the scan did log in ({login.Evidence}), so if it keeps missing it, check that the scan account has the privileges this check needs.")
                : Cached(Sentence.LocalCheckNoLogin, qid, why, null)
                    ?? Keep(Sentence.LocalCheckNoLogin, qid, why, null,
                        $"QID {qid} is detected from inside the machine ({why}), which the agent always does and a scan does only with a working login, and these scan results do not show one."));
        }

        private void ExplainScannerOnly(VantageComparison row, HostFacts host)
        {
            int qid = row.QID;
            if (row.HostCoverage == Presence.ScannerOnly)
            {
                if (!AgentPlatforms.CanRunAgent(row.OperatingSystem, out var device))
                {
                    Set(row, GapReason.NoAgentOnHost, ReasonSource.Heuristic,
                        Cached(Sentence.NoAgentOnDevice, qid, row.OperatingSystem, device)
                        ?? Keep(Sentence.NoAgentOnDevice, qid, row.OperatingSystem, device,
                            $"No Cloud Agent reports this machine, and none is expected: its operating system ({row.OperatingSystem}) makes it {device}, which the Cloud Agent does not run on, so only the scanner can report QID {qid}."));
                    return;
                }
                Set(row, GapReason.NoAgentOnHost, ReasonSource.Heuristic,
                    Cached(Sentence.NoAgentOnHost, qid, null, null)
                    ?? Keep(Sentence.NoAgentOnHost, qid, null, null,
                        $"No Cloud Agent reports this machine, so only the scanner could report QID {qid}; install the agent if this machine should have one."));
                return;
            }

            // The comparer keeps a Fixed agent detection on the row (AgentStatus) while counting it
            // as absent. Its last detection is when the agent last saw it open: after the scan, the
            // fix came after the scan too, and the scanner has simply not looked again.
            // The agent's Fixed is news from after the scan when it was fixed after the scan, or,
            // in formats without a fix date, when the agent still found the QID after the scan.
            if (row.AgentStatus == DetectionStatus.Fixed)
            {
                DateTime? agentDate = row.AgentLastFixed ?? row.AgentLastDetected;
                if (host.ScanDate == null || agentDate == null)
                {
                    // Without both dates the fix cannot be put before or after the scan. What is
                    // known is that the agent did not miss the QID: it found it and reports it
                    // fixed, which calling it AgentMissed would deny.
                    Set(row, GapReason.AgentReportsFixed, ReasonSource.Heuristic, host.ScanDate == null
                        ? $"The agent reports QID {qid} Fixed{(agentDate != null ? " as of " + Day(agentDate) : string.Empty)}, but the date of the scan that found it is unknown, so whether the fix came after the scan cannot be told; the next scan should confirm it."
                        : $"The agent reports QID {qid} Fixed without a date, so whether the fix came after the scan of {Day(host.ScanDate)} cannot be told; the next scan should confirm it.");
                    return;
                }
                if (agentDate.Value.ToUniversalTime() > host.ScanDate.Value)
                {
                    Set(row, GapReason.AgentFixedSinceScan, ReasonSource.Heuristic,
                        $"The agent reports QID {qid} Fixed as of {Day(agentDate)}, after the scan of {Day(host.ScanDate)}: the scan predates the fix, and the next scan should confirm it.");
                    return;
                }
            }

            if (host.AgentStale)
            {
                Set(row, GapReason.AgentStale, ReasonSource.Heuristic, host.ScanDate != null
                    ? $"The agent last assessed this machine on {Day(host.AgentLastAssessed)}, {Days(host.ScanDate.Value - host.AgentLastAssessed!.Value)} days before the scan of {Day(host.ScanDate)}, so its silence about QID {qid} proves nothing; check that the agent is running and checking in."
                    : $"The agent last assessed this machine on {Day(host.AgentLastAssessed)}, {Days(Now - host.AgentLastAssessed!.Value)} days ago, so its silence about QID {qid} proves nothing; check that the agent is running and checking in.");
                return;
            }

            var path = DetectionPaths.Classify(qid, row.ScannerPorts, row.Category, row.Title, KnowledgeBase);
            if (path.Kind == DetectionKind.NetworkOnly)
            {
                Set(row, GapReason.NeedsNetworkExposure, path.Source,
                    Cached(Sentence.NetworkOnlyCheck, qid, path.Why, null)
                    ?? Keep(Sentence.NetworkOnlyCheck, qid, path.Why, null,
                        $"QID {qid} is seen only from the network ({path.Why}), which a Cloud Agent inside the machine does not test, so only the scanner was expected to report it."));
                return;
            }

            string seen = host.AgentLastAssessed != null ? $" (last on {Day(host.AgentLastAssessed)})" : string.Empty;
            string why = path.Why ?? (KnowledgeBase == null ? "no KnowledgeBase given" : "not in the KnowledgeBase");
            Set(row, GapReason.AgentMissed, path.Source,
                Cached(Sentence.AgentMissed, qid, seen, why)
                ?? Keep(Sentence.AgentMissed, qid, seen, why,
                    $"The agent assesses this machine{seen} and QID {qid} is not a network-only check ({why}), yet only the scan reported it: investigate the agent (its modules and manifest) or a scanner false positive."));
        }

        /// <summary>
        /// The sentence last made for this QID from the same strings, or null. Most rows of a QID
        /// read alike across machines, and sharing one string instead of making a fresh one per row
        /// keeps a million rows from holding a million copies of a few thousand sentences.
        /// </summary>
        private string? Cached(Sentence sentence, int qid, string? first, string? second) =>
            _sentences.TryGetValue((sentence, qid), out var cached)
            && string.Equals(cached.First, first, StringComparison.Ordinal)
            && string.Equals(cached.Second, second, StringComparison.Ordinal)
                ? cached.Text : null;

        private string Keep(Sentence sentence, int qid, string? first, string? second, string text)
        {
            if (!_sentences.TryGetValue((sentence, qid), out var cached))
                _sentences[(sentence, qid)] = cached = new CachedSentence();
            cached.First = first;
            cached.Second = second;
            cached.Text = text;
            return text;
        }

        private static void Set(VantageComparison row, GapReason reason, ReasonSource source, string? detail)
        {
            row.Reason = reason;
            row.ReasonSource = source;
            row.ReasonDetail = detail;
        }

        private static string Describe(ScannerAuthenticationResult login)
        {
            // The dates show that the last scan did not log in, not whether a login was tried.
            if (login.FromScanDates) return login.Evidence!;
            string what = login.State switch
            {
                ScannerAuthentication.Failed => "authentication failed",
                ScannerAuthentication.NullSession => "only a NULL session, no user login",
                _ => "authentication not attempted",
            };
            return login.Evidence == null ? what : $"{what}: {login.Evidence}";
        }

        private static string Name(List<string> hosts)
        {
            int shown = Math.Min(hosts.Count, HostsNamedPerWarning);
            string names = string.Join(", ", hosts.GetRange(0, shown));
            string count = hosts.Count == 1 ? "1 host" : $"{hosts.Count} hosts";
            return hosts.Count > shown ? $"{count}: {names} and {hosts.Count - shown} more" : $"{count}: {names}";
        }

        private static string Day(DateTime? date) =>
            date?.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "an unknown date";

        private static string Days(TimeSpan span) => ((int)Math.Floor(span.TotalDays)).ToString(CultureInfo.InvariantCulture);
    }
}
