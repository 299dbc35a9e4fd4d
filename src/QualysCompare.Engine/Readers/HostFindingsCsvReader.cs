using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Host-based findings CSV of a Scan Report template (qualys-formats.md §5), with or without
    /// its metadata block. Each row names its host's tracking method, which decides the vantage
    /// (QAGENT is the Cloud Agent). Templates choose their columns, so all but IP and QID are optional.
    /// </summary>
    internal sealed class HostFindingsCsvReader : FindingReader
    {
        // Host-level scan dates that some templates add. "Last Detected" is not one of them: it
        // is when this finding was last seen, and a host can be assessed without it.
        private static readonly string[] HostAssessedColumns =
        {
            "Last Scan Datetime", "Last Scan Date", "Last VM Scanned Date", "Last VM Auth Scanned Date",
        };

        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            using var table = CsvTable.Open(context, ReportFormat.HostFindingsCsv);

            int ip = table.RequiredColumn("IP");
            int qid = table.RequiredColumn("QID");
            int dns = table.Column("DNS"), netbios = table.Column("NetBIOS"), fqdn = table.Column("FQDN");
            int tracking = table.Column("Tracking Method"), os = table.Column("OS");
            int hostId = table.Column("Host ID"), agentId = table.Column("QG Host ID");
            int title = table.Column("Title"), status = table.Column("Vuln Status"), type = table.Column("Type"), severity = table.Column("Severity");
            int port = table.Column("Port"), protocol = table.Column("Protocol"), ssl = table.Column("SSL");
            int first = table.Column("First Detected"), last = table.Column("Last Detected"), lastFixed = table.Column("Date Last Fixed");
            int cves = table.Column("CVE ID"), cvss = table.Column("CVSS Base"), cvss3 = table.Column("CVSS3 Base", "CVSS3.1 Base");
            int results = table.Column("Results"), category = table.Column("Category");
            var assessed = new List<int>();
            foreach (var name in HostAssessedColumns)
            {
                int column = table.Column(name);
                if (column >= 0) assessed.Add(column);
            }

            RepeatCache ipCache = new RepeatCache(), dnsCache = new RepeatCache(), fqdnCache = new RepeatCache(),
                netbiosCache = new RepeatCache(), trackingCache = new RepeatCache(), osCache = new RepeatCache(),
                hostIdCache = new RepeatCache(), agentIdCache = new RepeatCache(), protocolCache = new RepeatCache();
            var titles = new QidFieldCache();
            var categories = new QidFieldCache();
            var cveLists = new QidFieldCache();
            var statuses = new FieldValueCache<DetectionStatus?>();
            var severities = new FieldValueCache<int?>();
            var ssls = new FieldValueCache<bool?>();
            var cvssScores = new FieldValueCache<double?>();
            var cvss3Scores = new FieldValueCache<double?>();
            var firstDates = new FieldValueCache<DateTime?>();
            var lastDates = new FieldValueCache<DateTime?>();
            var fixedDates = new FieldValueCache<DateTime?>();
            var assessedDates = new FieldValueCache<DateTime?>[assessed.Count];
            for (int i = 0; i < assessedDates.Length; i++) assessedDates[i] = new FieldValueCache<DateTime?>();
            var hosts = new HostTally(context);

            while (table.Read())
            {
                int id = table.Qid(qid);
                var finding = new QualysFinding
                {
                    QID = id,
                    IP = table.Repeated(ip, ipCache),
                    DnsName = table.Repeated(dns, dnsCache) ?? table.Repeated(fqdn, fqdnCache),
                    NetBiosName = table.Repeated(netbios, netbiosCache),
                    TrackingMethod = table.Repeated(tracking, trackingCache),
                    OperatingSystem = table.Repeated(os, osCache),
                    HostId = table.Repeated(hostId, hostIdCache),
                    AgentId = table.Repeated(agentId, agentIdCache),
                    Title = table.PerQid(title, id, titles),
                    Status = table.Parsed(status, statuses, Vocabulary.ParseStatus),
                    Type = table.Type(type),
                    Severity = table.Parsed(severity, severities, Vocabulary.ParseSeverity),
                    Port = table.Int(port),
                    Protocol = table.Repeated(protocol, protocolCache)?.ToLowerInvariant(),
                    Ssl = table.Parsed(ssl, ssls, Vocabulary.ParseBool),
                    FirstDetected = table.Parsed(first, firstDates, Vocabulary.ParseDate),
                    LastDetected = table.Parsed(last, lastDates, Vocabulary.ParseDate),
                    LastFixed = table.Parsed(lastFixed, fixedDates, Vocabulary.ParseDate),
                    CveIds = table.PerQid(cves, id, cveLists, Vocabulary.JoinCves),
                    CvssBase = table.Parsed(cvss, cvssScores, Vocabulary.ParseCvss),
                    Cvss3Base = table.Parsed(cvss3, cvss3Scores, Vocabulary.ParseCvss),
                    Category = table.PerQid(category, id, categories),
                    HostLastAssessed = LatestOf(table, assessed, assessedDates),
                };
                if (context.WantsResults(id, finding.Title)) finding.Results = table.RawText(results);

                // A scanner record and an agent record of one machine are separate hosts in Qualys.
                if (finding.HostId != null || finding.AgentId != null) hosts.See(finding.HostId, finding.AgentId);
                else hosts.See(finding.TrackingMethod, finding.IP, finding.DnsName, finding.NetBiosName);

                yield return context.Complete(finding, Vocabulary.VantageOfTrackingMethod(finding.TrackingMethod));
            }
        }

        private static DateTime? LatestOf(CsvTable table, List<int> columns, FieldValueCache<DateTime?>[] caches)
        {
            DateTime? latest = null;
            for (int i = 0; i < columns.Count; i++)
            {
                var date = table.Parsed(columns[i], caches[i], Vocabulary.ParseDate);
                if (date != null && (latest == null || date > latest)) latest = date;
            }
            return latest;
        }
    }
}
