using System;
using System.Collections.Generic;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// Streams the host-based findings CSV of a Scan Report template (qualys-formats.md §5), laid out
    /// as the real 2021 export: the report title and generation time, the company's address with an
    /// unquoted empty field, the user, a blank line, then the table. Values are quoted, empty values
    /// are not, records end in CRLF. The columns are the 2021 template's plus Results, Host ID and
    /// QG Host ID, which newer templates add.
    /// </summary>
    public sealed class HostFindingsCsvWriter
    {
        public static readonly IReadOnlyList<string> TableColumns = new[]
        {
            "IP", "Network", "DNS", "NetBIOS", "Tracking Method", "OS", "IP Status", "QID", "Title", "Vuln Status", "Type", "Severity",
            "Port", "Protocol", "FQDN", "SSL", "First Detected", "Last Detected", "Times Detected", "Date Last Fixed", "CVE ID",
            "Vendor Reference", "Bugtraq ID", "CVSS3", "CVSS3 Base", "CVSS3 Temporal", "Threat", "Impact", "Solution", "Exploitability",
            "Associated Malware", "Results", "PCI Vuln", "Ticket State", "Instance", "OS CPE", "Category", "Associated Tags", "Host ID", "QG Host ID",
        };

        private const string RecordEnd = "\r\n";

        private readonly TextWriter _output;

        public HostFindingsCsvWriter(TextWriter output)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
        }

        /// <summary>False writes the table alone, header first: what Import-Csv can read.</summary>
        public bool IncludeMetadata { get; init; } = true;

        public string ReportTitle { get; init; } = "Agent Findings";
        public DateTime Generated { get; init; }
        public string Company { get; init; } = "Example Corp";
        public string UserName { get; init; } = "Report User";
        public string UserLogin { get; init; } = "excor_ru";
        public string UserRole { get; init; } = "Manager";

        /// <summary>Writes the whole report and returns the number of table rows.</summary>
        public long Write(IEnumerable<ScenarioHost> hosts)
        {
            if (hosts == null) throw new ArgumentNullException(nameof(hosts));
            if (IncludeMetadata)
            {
                Quoted(ReportTitle, first: true);
                _output.Write(",\"");
                QualysText.WriteDate(_output, Generated, "MM/dd/yyyy");
                _output.Write(" at ");
                QualysText.WriteDate(_output, Generated, "HH:mm:ss");
                _output.Write(" (GMT+0000)");
                _output.Write('"');
                _output.Write(RecordEnd);
                Quoted(Company, first: true);
                Quoted("100 Harbour Street");
                _output.Write(',');
                Quoted("Springfield");
                Quoted("Illinois");
                Quoted("United States of America");
                Quoted("62701");
                _output.Write(RecordEnd);
                Quoted(UserName, first: true);
                Quoted(UserLogin);
                Quoted(UserRole);
                _output.Write(RecordEnd);
                _output.Write(RecordEnd);
            }
            for (int i = 0; i < TableColumns.Count; i++) Quoted(TableColumns[i], first: i == 0);
            _output.Write(RecordEnd);

            long rows = 0;
            foreach (var host in hosts)
            {
                string tracking = host.IsAgent ? "QAGENT" : host.TrackingMethod;
                foreach (var detection in host.Detections)
                {
                    WriteRow(host, tracking, detection);
                    rows++;
                }
            }
            _output.Flush();
            return rows;
        }

        private void WriteRow(ScenarioHost host, string tracking, ScenarioDetection detection)
        {
            var vuln = detection.Vuln;
            Quoted(host.Ip, first: true);
            Quoted("Global Default Network");
            Quoted(host.Dns);
            Quoted(host.NetBios);
            Quoted(tracking);
            Quoted(host.Os);
            Quoted("host scanned, found vuln");
            Number(detection.Qid);
            Quoted(detection.Title);
            Quoted(detection.Status.HasValue ? QualysText.Status(detection.Status.Value) : null);
            Quoted(QualysText.ScanResultsType(detection.Type));
            Number(detection.Severity);
            if (detection.Port.HasValue) Number(detection.Port.Value); else _output.Write(',');
            Quoted(detection.Protocol);
            _output.Write(','); // FQDN: the virtual host a web check ran against; none here
            _output.Write(','); // SSL: empty on agent rows in the real export
            Date(detection.FirstFound);
            Date(detection.LastFound);
            Number(detection.TimesFound);
            if (detection.LastFixed.HasValue) Date(detection.LastFixed.Value); else _output.Write(',');
            Cves(detection.CveIds);
            _output.Write(','); // Vendor Reference
            _output.Write(','); // Bugtraq ID
            Score(vuln.Cvss3Base);
            Score(vuln.Cvss3Base);
            Score(vuln.Cvss3Temporal);
            Quoted(vuln.Threat);
            Quoted(vuln.Impact);
            Quoted(vuln.Solution);
            _output.Write(','); // Exploitability
            _output.Write(','); // Associated Malware
            Quoted(detection.Results);
            Quoted(vuln.Pci ? "yes" : "no");
            Quoted("Open");
            _output.Write(','); // Instance
            _output.Write(','); // OS CPE
            Quoted(detection.Category);
            Quoted(host.IsAgent ? "Cloud Agent" : null);
            Number(host.HostId);
            Quoted(host.AgentId);
            _output.Write(RecordEnd);
        }

        private void Quoted(string? value, bool first = false)
        {
            if (!first) _output.Write(',');
            if (string.IsNullOrEmpty(value)) return;
            _output.Write('"');
            CsvText.WriteEscaped(_output, value);
            _output.Write('"');
        }

        private void Number(long value)
        {
            _output.Write(",\"");
            QualysText.WriteInt(_output, value);
            _output.Write('"');
        }

        private void Date(DateTime value)
        {
            _output.Write(",\"");
            QualysText.WriteDate(_output, value, QualysText.UsDateFormat);
            _output.Write('"');
        }

        private void Score(double? value)
        {
            _output.Write(',');
            if (!value.HasValue) return;
            _output.Write('"');
            QualysText.WriteScore(_output, value.Value);
            _output.Write('"');
        }

        private void Cves(IReadOnlyList<string> cves)
        {
            _output.Write(',');
            if (cves.Count == 0) return;
            _output.Write('"');
            for (int i = 0; i < cves.Count; i++)
            {
                if (i > 0) _output.Write(", ");
                _output.Write(cves[i]);
            }
            _output.Write('"');
        }
    }
}
