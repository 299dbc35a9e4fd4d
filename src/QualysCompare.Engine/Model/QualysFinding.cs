using System;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// One detection: a host, a QID and a port or instance, from either vantage point.
    /// Properties are declared in the order a spreadsheet should show them, and every one is a
    /// scalar, so Export-Csv and Export-Excel need no help.
    /// </summary>
    public sealed class QualysFinding
    {
        public Vantage Vantage { get; set; }
        public string? HostName { get; set; }
        public string? IP { get; set; }
        public string? DnsName { get; set; }
        public string? NetBiosName { get; set; }
        public string? HostId { get; set; }
        public string? AgentId { get; set; }
        public string? TrackingMethod { get; set; }
        public string? OperatingSystem { get; set; }
        public int QID { get; set; }
        public string? Title { get; set; }
        public FindingType Type { get; set; }
        public int? Severity { get; set; }
        public int? Port { get; set; }
        public string? Protocol { get; set; }
        public bool? Ssl { get; set; }
        public DetectionStatus? Status { get; set; }
        public DateTime? FirstDetected { get; set; }
        public DateTime? LastDetected { get; set; }
        public string? CveIds { get; set; }
        public double? CvssBase { get; set; }
        public double? Cvss3Base { get; set; }
        public string? Category { get; set; }
        public string? Results { get; set; }
        public string? SourceFile { get; set; }
        public ReportFormat SourceFormat { get; set; }

        /// <summary>
        /// When this vantage point last assessed the host (the scan's launch date for a scanner
        /// file; the agent's last scan or check-in for a host record), in UTC. Staleness is judged
        /// from it.
        /// </summary>
        public DateTime? HostLastAssessed { get; set; }

        /// <summary>When the detection was last marked Fixed (UTC), in the formats that say so.
        /// Tells a fix made after a scan from one made before it.</summary>
        public DateTime? LastFixed { get; set; }

        /// <summary>The addresses the finding's scan was asked to scan, as its file states them (Scan
        /// Results "IPs", SCAN XML TARGET); null when the file does not say. One string per file.</summary>
        public string? ScanTargets { get; set; }

        /// <summary>The addresses that scan was told to leave out ("Excluded IPs", EXCLUDED_TARGET).</summary>
        public string? ScanExcludedTargets { get; set; }

        /// <summary>The host's last vulnerability scan by a scanner, and its last authenticated one
        /// (Host List Detection LAST_VM_SCANNED_DATE, LAST_VM_AUTH_SCANNED_DATE), in UTC: the
        /// authentication evidence when the data has no authentication QIDs.</summary>
        public DateTime? HostLastVmScanned { get; set; }

        public DateTime? HostLastVmAuthScanned { get; set; }

        /// <summary>The host's asset tags, joined with "; " (show_tags=1).</summary>
        public string? Tags { get; set; }

        /// <summary>Qualys Detection Score and its band (show_qds=1).</summary>
        public int? Qds { get; set; }

        public string? QdsSeverity { get; set; }

        /// <summary>A copy attributed to another vantage point, for callers that say which side a
        /// finding belongs to (Compare-QualysVantage -Scanner / -Agent) without changing the input.</summary>
        public QualysFinding WithVantage(Vantage vantage)
        {
            var copy = (QualysFinding)MemberwiseClone();
            copy.Vantage = vantage;
            return copy;
        }

        public override string ToString() => $"{Vantage} {HostName} QID {QID}";
    }
}
