using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;

namespace QualysCompare.ScenarioGen
{
    /// <summary>Which of the benchmark's files to write.</summary>
    [Flags]
    public enum BenchParts
    {
        None = 0,
        ScanResultsCsv = 1,
        HostDetectionXml = 2,
        HostFindingsCsv = 4,
        Baseline = 8,
        All = ScanResultsCsv | HostDetectionXml | HostFindingsCsv | Baseline,
    }

    /// <summary>What a benchmark network holds, known before a byte is written.</summary>
    public sealed class BenchCounts
    {
        public long DetectionsPerSide { get; internal set; }
        public int BothHosts { get; internal set; }
        public int ScannerOnlyHosts { get; internal set; }
        public int AgentOnlyHosts { get; internal set; }
        public long ScannerRows { get; internal set; }
        public long AgentRows { get; internal set; }

        /// <summary>Distinct (host, QID) pairs both sides report: the comparison's Both rows.</summary>
        public long BothPairs { get; internal set; }

        public long ScannerOnlyPairs { get; internal set; }
        public long AgentOnlyPairs { get; internal set; }

        /// <summary>The sum of <see cref="BenchScenario.PairHash"/> over the ScannerOnly pairs: equal
        /// sums of equal counts say a benchmark found the same pairs, in any order.</summary>
        public ulong ScannerOnlyFingerprint { get; internal set; }

        public ulong AgentOnlyFingerprint { get; internal set; }
    }

    /// <summary>
    /// The enterprise-scale network of the benchmarks (issue 6): a size in detections per side,
    /// hosts of 100 to 300 detections each, most machines seen by both the appliance and an agent
    /// (sharing half to four fifths of their QIDs), some only by one. Written as the exports an
    /// admin has: the appliance's Scan Results CSV, the agents' Host List Detection XML in pages of
    /// 1,000 hosts and the same agent data as a host-based findings CSV, plus the two tables alone
    /// (no metadata blocks) for the Import-Csv baseline, which cannot skip Qualys's blocks.
    ///
    /// Every choice comes from one seed: the plan (hosts, their sizes, their QID walks) is drawn
    /// up front and is small; each host's detections are made again from its own seed by every
    /// writer that needs them, so the writers run in parallel and nothing holds the whole network.
    /// The expected answer is counted from the plan, so a benchmark can check what it measured.
    /// </summary>
    public static class BenchScenario
    {
        public const string ScanResultsFile = "scanner/scan-results.csv";
        public const string HostDetectionFolder = "agent/hld";
        public const string HostFindingsFile = "agent/host-findings.csv";
        public const string BaselineScannerFile = "baseline/scanner.csv";
        public const string BaselineAgentFile = "baseline/agent.csv";
        public const string ManifestFile = "manifest.json";
        public const int HostsPerPage = 1000;

        /// <summary>Raised whenever the bytes written change, so data on disk from an older
        /// generator is never taken for the current one.</summary>
        public const int FormatVersion = 2;

        public static readonly DateTime ScanLaunched = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

        private const ulong Seed = 0xBE4C_0006_2026_1120UL;
        private const int BothPercent = 80;
        private const int ScannerOnlyPercent = 10;

        private static readonly string[] WindowsVersions =
        {
            "Windows 10 Enterprise 64 bit Edition Version 22H2", "Windows 11 Enterprise 64 bit Edition Version 23H2",
            "Windows Server 2019 Standard 64 bit Edition Version 1809", "Windows Server 2022 Datacenter 64 bit Edition Version 21H2",
        };

        private static readonly string[] LinuxVersions = { "Red Hat Enterprise Linux 8.10", "Ubuntu Linux 22.04.5 LTS", "Red Hat Enterprise Linux 9.4" };

        private static readonly string[] DeviceVersions = { "HP LaserJet Enterprise M607", "Cisco IOS 15.2", "Linux 4.x-5.x", "VMware ESXi 8.0" };

        /// <summary>
        /// FNV-1a (64 bit) of "IP|QID" in ASCII, the key the PowerShell baseline joins on. A
        /// benchmark hashes the pairs it found the same way and adds them up.
        /// </summary>
        public static ulong PairHash(string ip, int qid)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in ip) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ '|') * 1099511628211UL;
            foreach (char c in qid.ToString(CultureInfo.InvariantCulture)) hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }

        /// <summary>Unique per machine and ascending with it, as the appliance lists hosts.</summary>
        private static string IpOf(int index) =>
            string.Create(CultureInfo.InvariantCulture, $"10.{16 + index / (254 * 256)}.{index / 254 % 256}.{index % 254 + 1}");

        /// <summary>"100k", "1M", "4M", "1.5M" or a plain number of detections per side.</summary>
        public static long ParseSize(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new FormatException("The size is empty.");
            text = text.Trim();
            long multiplier = 1;
            char last = char.ToLowerInvariant(text[text.Length - 1]);
            if (last == 'k') multiplier = 1_000;
            else if (last == 'm') multiplier = 1_000_000;
            string number = multiplier == 1 ? text : text.Substring(0, text.Length - 1);
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * multiplier < 1 || value * multiplier > 1_000_000_000)
                throw new FormatException($"'{text}' is not a size in detections per side (such as 100k, 1M, 4M or 250000).");
            return (long)Math.Round(value * multiplier);
        }

        /// <summary>The folder name for a size: 100k, 1M, 4M, or the plain number.</summary>
        public static string SizeLabel(long detectionsPerSide) =>
            detectionsPerSide % 1_000_000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{detectionsPerSide / 1_000_000}M")
            : detectionsPerSide % 1_000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{detectionsPerSide / 1_000}k")
            : detectionsPerSide.ToString(CultureInfo.InvariantCulture);

        public static BenchCounts Count(long detectionsPerSide) => new Network(detectionsPerSide).Counts;

        /// <summary>
        /// Writes the files into <paramref name="outputFolder"/> and the manifest last, so a manifest
        /// means complete files. With <paramref name="reuse"/>, a folder whose manifest already says
        /// this size, this generator and at least these parts is left as it is.
        /// </summary>
        public static IReadOnlyList<string> Write(string outputFolder, long detectionsPerSide, BenchParts parts, bool reuse)
        {
            if (parts == BenchParts.None) throw new ArgumentException("Nothing to write.", nameof(parts));
            string root = Path.GetFullPath(outputFolder);
            string manifestPath = Path.Combine(root, ManifestFile);
            if (reuse && ManifestCovers(manifestPath, detectionsPerSide, parts)) return new[] { manifestPath };

            var network = new Network(detectionsPerSide);
            if (File.Exists(manifestPath)) File.Delete(manifestPath);
            Directory.CreateDirectory(root);

            var written = new List<string>();
            var writers = new List<Action>();
            if (parts.HasFlag(BenchParts.ScanResultsCsv))
                writers.Add(() => WriteScanResults(network, Prepare(root, ScanResultsFile, written), includeMetadata: true));
            if (parts.HasFlag(BenchParts.HostFindingsCsv))
                writers.Add(() => WriteHostFindings(network, Prepare(root, HostFindingsFile, written), includeMetadata: true));
            if (parts.HasFlag(BenchParts.HostDetectionXml))
            {
                string folder = Path.Combine(root, HostDetectionFolder);
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
                lock (written) written.Add(Path.Combine(folder, "hld-page-*.xml"));
                writers.Add(() => new HostDetectionXmlWriter(ScanLaunched.AddHours(6)).WritePages(network.AgentHosts(), HostsPerPage,
                    page => QualysText.CreateFile(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"hld-page-{page:0000}.xml")))));
            }
            if (parts.HasFlag(BenchParts.Baseline))
            {
                writers.Add(() => WriteScanResults(network, Prepare(root, BaselineScannerFile, written), includeMetadata: false));
                writers.Add(() => WriteHostFindings(network, Prepare(root, BaselineAgentFile, written), includeMetadata: false));
            }
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, writers.ToArray());

            WriteManifest(manifestPath, network.Counts, parts);
            written.Add(manifestPath);
            return written;
        }

        private static string Prepare(string root, string relative, List<string> written)
        {
            string path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            lock (written) written.Add(path);
            return path;
        }

        private static void WriteScanResults(Network network, string path, bool includeMetadata)
        {
            using var output = QualysText.CreateFile(path);
            new ScanResultsCsvWriter(output) { IncludeMetadata = includeMetadata }.Write(network.Scan, network.ScannerHosts());
        }

        private static void WriteHostFindings(Network network, string path, bool includeMetadata)
        {
            using var output = QualysText.CreateFile(path);
            new HostFindingsCsvWriter(output) { IncludeMetadata = includeMetadata, Generated = ScanLaunched.AddHours(7) }.Write(network.AgentHosts());
        }

        private static bool ManifestCovers(string manifestPath, long detectionsPerSide, BenchParts parts)
        {
            if (!File.Exists(manifestPath)) return false;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
                var root = document.RootElement;
                var had = (BenchParts)root.GetProperty("parts").GetInt32();
                return root.GetProperty("formatVersion").GetInt32() == FormatVersion
                    && root.GetProperty("detectionsPerSide").GetInt64() == detectionsPerSide
                    && (had & parts) == parts;
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException)
            {
                return false;
            }
        }

        private static void WriteManifest(string path, BenchCounts counts, BenchParts parts)
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("generator", "QualysCompare.ScenarioGen bench");
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteNumber("detectionsPerSide", counts.DetectionsPerSide);
            json.WriteString("label", SizeLabel(counts.DetectionsPerSide));
            json.WriteNumber("parts", (int)parts);
            json.WriteNumber("scannerRows", counts.ScannerRows);
            json.WriteNumber("agentRows", counts.AgentRows);
            json.WriteStartObject("hosts");
            json.WriteNumber("both", counts.BothHosts);
            json.WriteNumber("scannerOnly", counts.ScannerOnlyHosts);
            json.WriteNumber("agentOnly", counts.AgentOnlyHosts);
            json.WriteEndObject();
            json.WriteStartObject("expectedPairs");
            json.WriteNumber("both", counts.BothPairs);
            json.WriteNumber("scannerOnly", counts.ScannerOnlyPairs);
            json.WriteNumber("agentOnly", counts.AgentOnlyPairs);
            json.WriteEndObject();
            // Strings: a JSON number this large loses digits in most readers.
            json.WriteStartObject("expectedFingerprints");
            json.WriteString("scannerOnly", counts.ScannerOnlyFingerprint.ToString(CultureInfo.InvariantCulture));
            json.WriteString("agentOnly", counts.AgentOnlyFingerprint.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("files");
            if (parts.HasFlag(BenchParts.ScanResultsCsv)) json.WriteString("scanResultsCsv", ScanResultsFile);
            if (parts.HasFlag(BenchParts.HostDetectionXml)) json.WriteString("hostDetectionXml", HostDetectionFolder + "/hld-page-*.xml");
            if (parts.HasFlag(BenchParts.HostFindingsCsv)) json.WriteString("hostFindingsCsv", HostFindingsFile);
            if (parts.HasFlag(BenchParts.Baseline))
            {
                json.WriteString("baselineScanner", BaselineScannerFile);
                json.WriteString("baselineAgent", BaselineAgentFile);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private enum HostKind
        {
            Both,
            ScannerOnly,
            AgentOnly,
        }

        /// <summary>One machine of the plan: which sides see it and which of the catalog's QIDs.</summary>
        private sealed class HostPlan
        {
            public int Index;
            public HostKind Kind;
            public ulong Seed;
            public int ScannerRows;
            public int AgentRows;

            /// <summary>QIDs behind ScannerRows: fewer than the rows where a QID is on two ports.</summary>
            public int ScannerQids;

            public int Shared;
            public int WalkStart;
            public int WalkStride;

            /// <summary>
            /// The catalog index at a place of the host's walk. The scanner takes places
            /// [0, ScannerQids); the agent takes [0, Shared) and then places after the scanner's,
            /// so the QIDs the two sides share are exactly the first Shared.
            /// </summary>
            public int QidAt(int place) => (int)((WalkStart + (long)place * WalkStride) % BenchCatalog.Size);
        }

        private sealed class Network
        {
            private readonly BenchCatalog _catalog;
            private readonly List<HostPlan> _hosts = new List<HostPlan>();

            public Network(long detectionsPerSide)
            {
                if (detectionsPerSide < 1) throw new ArgumentOutOfRangeException(nameof(detectionsPerSide), detectionsPerSide, "At least one detection per side.");
                var random = new ScenarioRandom(Seed);
                _catalog = new BenchCatalog(random);
                Counts = new BenchCounts { DetectionsPerSide = detectionsPerSide };

                long scannerLeft = detectionsPerSide, agentLeft = detectionsPerSide;
                while (scannerLeft > 0 || agentLeft > 0)
                {
                    int roll = random.Next(0, 100);
                    var kind = roll < BothPercent ? HostKind.Both : roll < BothPercent + ScannerOnlyPercent ? HostKind.ScannerOnly : HostKind.AgentOnly;
                    if (scannerLeft == 0) kind = HostKind.AgentOnly;
                    else if (agentLeft == 0) kind = HostKind.ScannerOnly;

                    var host = new HostPlan
                    {
                        Index = _hosts.Count,
                        Kind = kind,
                        Seed = random.NextUInt64(),
                        WalkStart = random.Next(0, BenchCatalog.Size),
                        WalkStride = random.Next(1, BenchCatalog.Size),
                    };
                    int scannerWanted = random.Next(100, 301), agentWanted = random.Next(100, 301), sharedPercent = random.Next(50, 81);
                    if (kind != HostKind.AgentOnly)
                    {
                        host.ScannerRows = (int)Math.Min(scannerWanted, scannerLeft);
                        int rows = 0, place = 0;
                        while (rows < host.ScannerRows) rows += RowsOf(host.QidAt(place++), host.ScannerRows - rows);
                        host.ScannerQids = place;
                        scannerLeft -= host.ScannerRows;
                    }
                    if (kind != HostKind.ScannerOnly)
                    {
                        host.AgentRows = (int)Math.Min(agentWanted, agentLeft);
                        agentLeft -= host.AgentRows;
                    }
                    if (kind == HostKind.Both) host.Shared = Math.Min(host.ScannerQids, host.AgentRows) * sharedPercent / 100;

                    _hosts.Add(host);
                    Counts.ScannerRows += host.ScannerRows;
                    Counts.AgentRows += host.AgentRows;
                    Counts.BothPairs += host.Shared;
                    Counts.ScannerOnlyPairs += host.ScannerQids - host.Shared;
                    Counts.AgentOnlyPairs += host.AgentRows - host.Shared;
                    string ip = IpOf(host.Index);
                    for (int place = host.Shared; place < host.ScannerQids; place++)
                        Counts.ScannerOnlyFingerprint += PairHash(ip, _catalog[host.QidAt(place)].Qid);
                    for (int place = host.ScannerQids; place < host.ScannerQids + host.AgentRows - host.Shared; place++)
                        Counts.AgentOnlyFingerprint += PairHash(ip, _catalog[host.QidAt(place)].Qid);
                    switch (kind)
                    {
                        case HostKind.Both: Counts.BothHosts++; break;
                        case HostKind.ScannerOnly: Counts.ScannerOnlyHosts++; break;
                        default: Counts.AgentOnlyHosts++; break;
                    }
                }

                Scan = new ScenarioScan
                {
                    ResultDate = ScanLaunched + TimeSpan.FromHours(5),
                    Company = "Example Corp",
                    Address1 = "100 Harbour Street",
                    Address2 = "Floor 3",
                    City = "Springfield",
                    State = "Illinois",
                    Country = "United States of America",
                    Zip = "62701",
                    UserName = "Dana Whitfield",
                    UserLogin = "excor_dw",
                    UserRole = "Scanner",
                    LaunchDate = ScanLaunched,
                    ActiveHosts = Counts.BothHosts + Counts.ScannerOnlyHosts,
                    TotalHosts = Counts.BothHosts + Counts.ScannerOnlyHosts,
                    ScanType = "Scheduled",
                    Reference = $"scan/{new DateTimeOffset(ScanLaunched).ToUnixTimeSeconds()}.60001",
                    ScannerAppliance = "corp_scanner_01 (Scanner 13.6.28-1, Vulnerability Signatures 2.6.402-2)",
                    Duration = TimeSpan.FromHours(4.5),
                    Title = "Enterprise Weekly Authenticated Scan",
                    AssetGroups = "All Servers, All Workstations, Network Devices",
                    Ips = "10.16.0.1-10.31.255.254",
                    OptionProfile = "Authenticated Scan - Windows and Unix",
                };
            }

            public BenchCounts Counts { get; }
            public ScenarioScan Scan { get; }

            /// <summary>Two rows for a QID on two ports, if the host has room for both.</summary>
            private int RowsOf(int qid, int room) => _catalog.OnTwoPorts(qid) && room >= 2 ? 2 : 1;

            public IEnumerable<ScenarioHost> ScannerHosts()
            {
                foreach (var plan in _hosts)
                {
                    if (plan.Kind == HostKind.AgentOnly) continue;
                    var host = Describe(plan, agent: false);
                    host.Detections = ScannerDetections(plan, host.LastScan!.Value);
                    yield return host;
                }
            }

            public IEnumerable<ScenarioHost> AgentHosts()
            {
                foreach (var plan in _hosts)
                {
                    if (plan.Kind == HostKind.ScannerOnly) continue;
                    var host = Describe(plan, agent: true);
                    host.Detections = AgentDetections(plan, host.LastScan!.Value);
                    yield return host;
                }
            }

            /// <summary>Addresses and names are unique per machine, so the appliance's and the agent's
            /// record of one machine pair by FQDN and no two machines can be taken for one.</summary>
            private static ScenarioHost Describe(HostPlan plan, bool agent)
            {
                var random = new ScenarioRandom(plan.Seed);
                int i = plan.Index;
                string ip = IpOf(i);
                string prefix = plan.Kind switch { HostKind.ScannerOnly => "dev", HostKind.AgentOnly => "lt", _ => random.Chance(30) ? "srv" : "ws" };
                string name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:000000}");
                string os = plan.Kind == HostKind.ScannerOnly ? DeviceVersions[random.Next(0, DeviceVersions.Length)]
                    : random.Chance(75) ? WindowsVersions[random.Next(0, WindowsVersions.Length)] : LinuxVersions[random.Next(0, LinuxVersions.Length)];
                var lastScan = ScanLaunched + TimeSpan.FromSeconds(random.Next(60, 4 * 3600));
                string agentId = random.NextGuid();
                var host = new ScenarioHost
                {
                    HostId = 1_000_000 + i,
                    Ip = ip,
                    Dns = name + ".corp.example.com",
                    NetBios = name.ToUpperInvariant(),
                    Os = os,
                    NetworkId = 0,
                };
                if (agent)
                {
                    var agentScan = ScanLaunched - TimeSpan.FromSeconds(random.Next(60, 20 * 3600));
                    host.TrackingMethod = ScenarioHost.AgentTrackingMethod;
                    host.AgentId = agentId;
                    host.LastScan = agentScan + TimeSpan.FromMinutes(6);
                    host.LastVmScanned = agentScan;
                    host.LastVmAuthScanned = agentScan;
                }
                else
                {
                    host.TrackingMethod = "IP";
                    host.LastScan = lastScan;
                    host.LastVmScanned = lastScan;
                    host.LastVmScannedDuration = random.Next(300, 2400);
                    host.LastVmAuthScanned = lastScan;
                }
                return host;
            }

            private IEnumerable<ScenarioDetection> ScannerDetections(HostPlan plan, DateTime scanned)
            {
                // Walk order decides which QID gets a second port; the export lists them by QID.
                var entries = new int[plan.ScannerQids];
                int rows = 0;
                for (int place = 0; place < plan.ScannerQids; place++)
                {
                    int qid = plan.QidAt(place);
                    int n = RowsOf(qid, plan.ScannerRows - rows);
                    rows += n;
                    entries[place] = qid * 2 + (n - 1);
                }
                Array.Sort(entries);
                var random = new ScenarioRandom(plan.Seed ^ 0x5CA7_7E55UL);
                foreach (int entry in entries)
                {
                    int qid = entry >> 1;
                    int? port = _catalog.Port(qid);
                    yield return Scanned(qid, port, scanned, random);
                    if ((entry & 1) == 1) yield return Scanned(qid, 8443, scanned, random);
                }
            }

            private ScenarioDetection Scanned(int qid, int? port, DateTime scanned, ScenarioRandom random) =>
                new ScenarioDetection(_catalog[qid])
                {
                    Port = port,
                    Protocol = port.HasValue ? "tcp" : null,
                    Ssl = port == 443 || port == 8443,
                    Results = _catalog.Results(qid, random.Next(0, 4)),
                    FirstFound = scanned,
                    LastFound = scanned,
                };

            private IEnumerable<ScenarioDetection> AgentDetections(HostPlan plan, DateTime lastScan)
            {
                var qids = new int[plan.AgentRows];
                for (int i = 0; i < plan.Shared; i++) qids[i] = plan.QidAt(i);
                for (int i = plan.Shared; i < plan.AgentRows; i++) qids[i] = plan.QidAt(plan.ScannerQids + i - plan.Shared);
                Array.Sort(qids);
                var random = new ScenarioRandom(plan.Seed ^ 0xA6E7_7E55UL);
                foreach (int qid in qids)
                {
                    int roll = random.Next(0, 100);
                    yield return new ScenarioDetection(_catalog[qid])
                    {
                        Status = roll < 8 ? ScenarioStatus.New : roll < 12 ? ScenarioStatus.ReOpened : ScenarioStatus.Active,
                        Results = _catalog.Results(qid, roll),
                        FirstFound = lastScan - TimeSpan.FromHours(random.Next(6, 24 * 400)),
                        LastFound = lastScan,
                        TimesFound = random.Next(1, 400),
                    };
                }
            }
        }
    }
}
