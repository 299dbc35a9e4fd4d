using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// Streams a Qualys "Scan Results" CSV export in the layout of qualys-formats.md §2: title and
    /// date, company, user, a blank line, the scan header block, a blank line, then the 29-column
    /// table. Every field is quoted with quotes doubled, and records end in CRLF; line breaks inside
    /// a field are written as given.
    /// </summary>
    public sealed class ScanResultsCsvWriter
    {
        public static readonly IReadOnlyList<string> ScanHeaderColumns = new[]
        {
            "Launch Date", "Active Hosts", "Total Hosts", "Type", "Status", "Reference", "Scanner Appliance", "Duration",
            "Scan Title", "Asset Groups", "IPs", "Excluded IPs", "Option Profile",
        };

        public static readonly IReadOnlyList<string> TableColumns = new[]
        {
            "IP", "DNS", "NetBIOS", "OS", "IP Status", "QID", "Title", "Type", "Severity", "Port", "Protocol", "FQDN", "SSL",
            "CVE ID", "Vendor Reference", "Bugtraq ID", "CVSS Base", "CVSS Temporal", "CVSS3 Base", "CVSS3 Temporal", "Threat",
            "Impact", "Solution", "Exploitability", "Associated Malware", "Results", "PCI Vuln", "Instance", "Category",
        };

        private const string RecordEnd = "\r\n";

        private readonly TextWriter _output;

        public ScanResultsCsvWriter(TextWriter output)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
        }

        /// <summary>False writes the table alone, header first: the shape Import-Csv can read, since it
        /// cannot skip the metadata blocks.</summary>
        public bool IncludeMetadata { get; init; } = true;

        /// <summary>Writes the whole export and returns the number of table rows.</summary>
        /// <exception cref="ArgumentException">A host is agent-tracked: scan jobs hold scanner appliance results only.</exception>
        public long Write(ScenarioScan scan, IEnumerable<ScenarioHost> hosts)
        {
            if (scan == null) throw new ArgumentNullException(nameof(scan));
            if (hosts == null) throw new ArgumentNullException(nameof(hosts));

            if (IncludeMetadata) WriteMetadata(scan);
            WriteRecord(TableColumns);

            long rows = 0;
            foreach (var host in hosts)
            {
                if (host.IsAgent)
                    throw new ArgumentException($"Host {host.HostId} ({host.Ip}) is tracked by {host.TrackingMethod}: a Scan Results export holds only what a scanner appliance saw.", nameof(hosts));
                foreach (var detection in host.Detections)
                {
                    WriteRow(host, detection);
                    rows++;
                }
            }

            if (scan.TargetDistribution != null && IncludeMetadata)
            {
                _output.Write(RecordEnd);
                Field("Target distribution across scanner appliances", first: true);
                _output.Write(RecordEnd);
                Field(scan.TargetDistribution, first: true);
                _output.Write(RecordEnd);
            }
            _output.Flush();
            return rows;
        }

        private void WriteMetadata(ScenarioScan scan)
        {
            Field("Scan Results", first: true);
            DateField(scan.ResultDate);
            _output.Write(RecordEnd);

            WriteRecord(new[] { scan.Company, scan.Address1, scan.Address2, scan.City, scan.State, scan.Country, scan.Zip });
            WriteRecord(new[] { scan.UserName, scan.UserLogin, scan.UserRole });
            _output.Write(RecordEnd);

            WriteRecord(ScanHeaderColumns);
            DateField(scan.LaunchDate, first: true);
            NumberField(scan.ActiveHosts);
            NumberField(scan.TotalHosts);
            Field(scan.ScanType);
            Field(scan.Status);
            Field(scan.Reference);
            Field(scan.ScannerAppliance);
            Field(FormatDuration(scan.Duration));
            Field(scan.Title);
            Field(scan.AssetGroups);
            Field(scan.Ips);
            Field(scan.ExcludedIps);
            Field(scan.OptionProfile);
            _output.Write(RecordEnd);
            _output.Write(RecordEnd);
        }

        private void WriteRow(ScenarioHost host, ScenarioDetection detection)
        {
            var vuln = detection.Vuln;
            Field(host.Ip, first: true);
            Field(host.Dns);
            Field(host.NetBios);
            Field(host.Os);
            Field("host scanned, found vuln");
            NumberField(detection.Qid);
            Field(detection.Title);
            Field(QualysText.ScanResultsType(detection.Type));
            NumberField(detection.Severity);
            if (detection.Port.HasValue) NumberField(detection.Port.Value); else Field(null);
            Field(detection.Protocol);
            Field(null); // FQDN: the virtual host a web check ran against; none here
            Field(detection.Ssl ? "yes" : "no");
            CveField(detection.CveIds);
            Field(null); // Vendor Reference
            Field(null); // Bugtraq ID
            ScoreField(vuln.CvssBase);
            ScoreField(vuln.CvssTemporal);
            ScoreField(vuln.Cvss3Base);
            ScoreField(vuln.Cvss3Temporal);
            Field(vuln.Threat);
            Field(vuln.Impact);
            Field(vuln.Solution);
            Field(null); // Exploitability
            Field(null); // Associated Malware
            Field(detection.Results);
            Field(vuln.Pci ? "yes" : "no");
            Field(null); // Instance
            Field(detection.Category);
            _output.Write(RecordEnd);
        }

        private void WriteRecord(IReadOnlyList<string> fields)
        {
            for (int i = 0; i < fields.Count; i++) Field(fields[i], first: i == 0);
            _output.Write(RecordEnd);
        }

        private void Field(string? value, bool first = false)
        {
            if (!first) _output.Write(',');
            _output.Write('"');
            if (value != null) CsvText.WriteEscaped(_output, value);
            _output.Write('"');
        }

        private void NumberField(long value, bool first = false)
        {
            if (!first) _output.Write(',');
            _output.Write('"');
            QualysText.WriteInt(_output, value);
            _output.Write('"');
        }

        private void ScoreField(double? value)
        {
            _output.Write(",\"");
            if (value.HasValue) QualysText.WriteScore(_output, value.Value);
            _output.Write('"');
        }

        private void DateField(DateTime value, bool first = false)
        {
            if (!first) _output.Write(',');
            _output.Write('"');
            QualysText.WriteDate(_output, value, QualysText.UsDateFormat);
            _output.Write('"');
        }

        /// <summary>Comma and space between CVEs, as in every Qualys CSV seen.</summary>
        private void CveField(IReadOnlyList<string> cves)
        {
            _output.Write(",\"");
            for (int i = 0; i < cves.Count; i++)
            {
                if (i > 0) _output.Write(", ");
                _output.Write(cves[i]);
            }
            _output.Write('"');
        }

        private static string FormatDuration(TimeSpan duration) =>
            string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours:00}:{duration.Minutes:00}:{duration.Seconds:00}");
    }
}
