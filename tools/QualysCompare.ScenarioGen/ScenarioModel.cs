using System;
using System.Collections.Generic;

namespace QualysCompare.ScenarioGen
{
    /// <summary>Qualys's three kinds of finding (HLD spelling: Confirmed, Potential, Info).</summary>
    public enum ScenarioType
    {
        Confirmed,
        Potential,
        Info,
    }

    /// <summary>Detection lifecycle as the Host List Detection API reports it.</summary>
    public enum ScenarioStatus
    {
        New,
        Active,
        ReOpened,
        Fixed,
    }

    /// <summary>
    /// What the KnowledgeBase says about one QID. Detections point at it instead of copying its
    /// text, so a benchmark writing millions of detections of a few thousand QIDs allocates the
    /// titles and descriptions once.
    /// </summary>
    public sealed class ScenarioVuln
    {
        public ScenarioVuln(int qid, string title, ScenarioType type, int severity, string category)
        {
            if (qid <= 0) throw new ArgumentOutOfRangeException(nameof(qid), qid, "QIDs are positive.");
            if (severity < 1 || severity > 5) throw new ArgumentOutOfRangeException(nameof(severity), severity, "Qualys severities run from 1 to 5.");
            Qid = qid;
            Title = title ?? throw new ArgumentNullException(nameof(title));
            Type = type;
            Severity = severity;
            Category = category ?? throw new ArgumentNullException(nameof(category));
        }

        public int Qid { get; }
        public string Title { get; }

        /// <summary>The KnowledgeBase VULN_TYPE; a detection may still be reported differently.</summary>
        public ScenarioType Type { get; }

        public int Severity { get; }
        public string Category { get; }
        public IReadOnlyList<string> CveIds { get; init; } = Array.Empty<string>();
        public double? CvssBase { get; init; }
        public double? CvssTemporal { get; init; }
        public double? Cvss3Base { get; init; }
        public double? Cvss3Temporal { get; init; }

        /// <summary>Scan Results "Threat" column; KnowledgeBase DIAGNOSIS.</summary>
        public string? Threat { get; init; }

        /// <summary>Scan Results "Impact" column; KnowledgeBase CONSEQUENCE.</summary>
        public string? Impact { get; init; }

        public string? Solution { get; init; }
        public bool Pci { get; init; }
        public bool Patchable { get; init; }

        /// <summary>KnowledgeBase DISCOVERY/REMOTE: the check works over the network.</summary>
        public bool RemoteDiscovery { get; init; }

        /// <summary>KnowledgeBase DISCOVERY/AUTH_TYPE_LIST: the logins that let a scan (or an agent) run it.</summary>
        public IReadOnlyList<string> AuthTypes { get; init; } = Array.Empty<string>();

        public DateTime Published { get; init; }
        public DateTime LastModified { get; init; }
    }

    /// <summary>One detection of a QID on a host, on one port (or none).</summary>
    public sealed class ScenarioDetection
    {
        public ScenarioDetection(ScenarioVuln vuln)
        {
            Vuln = vuln ?? throw new ArgumentNullException(nameof(vuln));
            Type = vuln.Type;
            Severity = vuln.Severity;
        }

        public ScenarioVuln Vuln { get; }
        public int Qid => Vuln.Qid;
        public string Title => Vuln.Title;
        public string Category => Vuln.Category;
        public IReadOnlyList<string> CveIds => Vuln.CveIds;

        /// <summary>As detected on this host; starts as the KnowledgeBase type.</summary>
        public ScenarioType Type { get; set; }

        public int Severity { get; set; }
        public int? Port { get; set; }

        /// <summary>"tcp", "udp" or "icmp"; null for host-level findings.</summary>
        public string? Protocol { get; set; }

        public bool Ssl { get; set; }

        /// <summary>Null for information-gathered detections, which Qualys gives no status.</summary>
        public ScenarioStatus? Status { get; set; }

        public DateTime FirstFound { get; set; }
        public DateTime LastFound { get; set; }
        public int TimesFound { get; set; } = 1;
        public DateTime? LastFixed { get; set; }
        public DateTime? LastReopened { get; set; }
        public int TimesReopened { get; set; }

        /// <summary>Free text; may hold newlines, tabs, quotes and commas, as real results do.</summary>
        public string? Results { get; set; }
    }

    /// <summary>
    /// One host record as one vantage point sees it. The scanner's and the agent's view of the
    /// same machine are two records, because Qualys keeps them apart unless merging is enabled.
    /// </summary>
    public sealed class ScenarioHost
    {
        public const string AgentTrackingMethod = "AGENT";

        /// <summary>The VM host ID (HLD HOST/ID). Paged HLD output needs them ascending.</summary>
        public long HostId { get; set; }

        public string? Ip { get; set; }

        /// <summary>The DNS name (FQDN) as this vantage point knows it.</summary>
        public string? Dns { get; set; }

        public string? NetBios { get; set; }

        /// <summary>QG_HOSTID: the Cloud Agent's ID (or the agentless tracking UUID).</summary>
        public string? AgentId { get; set; }

        /// <summary>IP, DNS, NETBIOS for scanned hosts; AGENT for Cloud Agent hosts.</summary>
        public string TrackingMethod { get; set; } = "IP";

        public string? Os { get; set; }
        public int NetworkId { get; set; }
        public DateTime? LastScan { get; set; }
        public DateTime? LastVmScanned { get; set; }
        public int? LastVmScannedDuration { get; set; }
        public DateTime? LastVmAuthScanned { get; set; }

        /// <summary>Enumerated once by each writer; a benchmark may produce them lazily.</summary>
        public IEnumerable<ScenarioDetection> Detections { get; set; } = Array.Empty<ScenarioDetection>();

        public bool IsAgent => string.Equals(TrackingMethod, AgentTrackingMethod, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The metadata blocks above the table of a Scan Results CSV (qualys-formats.md §2).</summary>
    public sealed class ScenarioScan
    {
        public DateTime ResultDate { get; set; }
        public string Company { get; set; } = "";
        public string Address1 { get; set; } = "";
        public string Address2 { get; set; } = "";
        public string City { get; set; } = "";
        public string State { get; set; } = "";
        public string Country { get; set; } = "";
        public string Zip { get; set; } = "";
        public string UserName { get; set; } = "";
        public string UserLogin { get; set; } = "";
        public string UserRole { get; set; } = "";
        public DateTime LaunchDate { get; set; }

        /// <summary>Known before the rows are written, because the writer streams.</summary>
        public int ActiveHosts { get; set; }

        public int TotalHosts { get; set; }
        public string ScanType { get; set; } = "On Demand";
        public string Status { get; set; } = "Finished";
        public string Reference { get; set; } = "";
        public string ScannerAppliance { get; set; } = "";
        public TimeSpan Duration { get; set; }
        public string Title { get; set; } = "";
        public string AssetGroups { get; set; } = "";
        public string Ips { get; set; } = "";
        public string ExcludedIps { get; set; } = "";
        public string OptionProfile { get; set; } = "";

        /// <summary>
        /// The JSON export ends with a "target_distribution_across_scanner_appliances" object; the
        /// CSV equivalent is unverified, so it is written only when set (for reader robustness tests).
        /// </summary>
        public string? TargetDistribution { get; set; }
    }

    /// <summary>Everything one scenario writes: a scan, the agents' host records and the QIDs used.</summary>
    public sealed class ScenarioNetwork
    {
        public ScenarioNetwork(ScenarioScan scan, IReadOnlyList<ScenarioHost> scannerHosts, IReadOnlyList<ScenarioHost> agentHosts,
            IReadOnlyList<ScenarioVuln> knowledgeBase, DateTime detectionsPulled, DateTime knowledgeBasePulled)
        {
            Scan = scan;
            ScannerHosts = scannerHosts;
            AgentHosts = agentHosts;
            KnowledgeBase = knowledgeBase;
            DetectionsPulled = detectionsPulled;
            KnowledgeBasePulled = knowledgeBasePulled;
        }

        public ScenarioScan Scan { get; }
        public IReadOnlyList<ScenarioHost> ScannerHosts { get; }
        public IReadOnlyList<ScenarioHost> AgentHosts { get; }

        /// <summary>Every QID either side reports, ascending, as the KnowledgeBase API lists them.</summary>
        public IReadOnlyList<ScenarioVuln> KnowledgeBase { get; }

        /// <summary>When the Host List Detection API was called (its RESPONSE/DATETIME).</summary>
        public DateTime DetectionsPulled { get; }

        public DateTime KnowledgeBasePulled { get; }
    }
}
