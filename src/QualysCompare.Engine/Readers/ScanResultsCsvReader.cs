using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Scan Results CSV of one scan job (qualys-formats.md §2): report, company and user lines, the
    /// "Launch Date" block, then the findings table, and possibly a trailing "Target distribution
    /// across scanner appliances" block. Only a scanner appliance runs scan jobs, so every host is
    /// seen from the scanner, assessed at the scan's launch.
    /// </summary>
    internal sealed class ScanResultsCsvReader : FindingReader
    {
        internal const string TargetDistribution = "Target distribution across scanner appliances";

        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            var launch = new LaunchDateBlock();
            var targets = new ScanTargetBlock();
            using var table = CsvTable.Open(context, ReportFormat.ScanResultsCsv, fields =>
            {
                launch.Observe(fields);
                targets.Observe(fields);
            });
            context.SetScanTargets(targets.Included, targets.Excluded);
            DateTime? launched = launch.Value;

            int ip = table.RequiredColumn("IP");
            int qid = table.RequiredColumn("QID");
            int dns = table.Column("DNS"), netbios = table.Column("NetBIOS"), os = table.Column("OS");
            int title = table.Column("Title"), type = table.Column("Type"), severity = table.Column("Severity");
            int port = table.Column("Port"), protocol = table.Column("Protocol"), fqdn = table.Column("FQDN"), ssl = table.Column("SSL");
            int cves = table.Column("CVE ID"), cvss = table.Column("CVSS Base"), cvss3 = table.Column("CVSS3 Base", "CVSS3.1 Base");
            int results = table.Column("Results"), category = table.Column("Category");

            RepeatCache ipCache = new RepeatCache(), dnsCache = new RepeatCache(), fqdnCache = new RepeatCache(),
                netbiosCache = new RepeatCache(), osCache = new RepeatCache(), protocolCache = new RepeatCache();
            var titles = new QidFieldCache();
            var categories = new QidFieldCache();
            var cveLists = new QidFieldCache();
            var severities = new FieldValueCache<int?>();
            var ssls = new FieldValueCache<bool?>();
            var cvssScores = new FieldValueCache<double?>();
            var cvss3Scores = new FieldValueCache<double?>();
            var hosts = new HostTally(context);
            bool dateWarned = false;

            while (table.Read())
            {
                // The trailer is a block of its own after the table, not a host.
                if (table.StartsWith(0, TargetDistribution)) yield break;
                if (launched == null && !dateWarned)
                {
                    dateWarned = true;
                    context.Warn(ScanDate.Unknown(launch.Text == null
                        ? "the file has no \"Launch Date\" block"
                        : $"its Launch Date \"{CsvTable.Shorten(launch.Text)}\" is not a date"));
                }

                int id = table.Qid(qid);
                var finding = new QualysFinding
                {
                    QID = id,
                    IP = table.Repeated(ip, ipCache),
                    DnsName = table.Repeated(dns, dnsCache) ?? table.Repeated(fqdn, fqdnCache),
                    NetBiosName = table.Repeated(netbios, netbiosCache),
                    OperatingSystem = table.Repeated(os, osCache),
                    Title = table.PerQid(title, id, titles),
                    Type = table.Type(type),
                    Severity = table.Parsed(severity, severities, Vocabulary.ParseSeverity),
                    Port = table.Int(port),
                    Protocol = table.Repeated(protocol, protocolCache)?.ToLowerInvariant(),
                    Ssl = table.Parsed(ssl, ssls, Vocabulary.ParseBool),
                    CveIds = table.PerQid(cves, id, cveLists, Vocabulary.JoinCves),
                    CvssBase = table.Parsed(cvss, cvssScores, Vocabulary.ParseCvss),
                    Cvss3Base = table.Parsed(cvss3, cvss3Scores, Vocabulary.ParseCvss),
                    Category = table.PerQid(category, id, categories),
                    HostLastAssessed = launched,
                };
                if (context.WantsResults(id, finding.Title)) finding.Results = table.RawText(results);
                hosts.See(finding.IP, finding.DnsName, finding.NetBiosName);
                yield return context.Complete(finding, Vantage.Scanner);
            }
        }

        /// <summary>
        /// Watches the metadata records for the "Launch Date" header record and takes the date
        /// from the record after it. The scan's launch is when the scanner assessed its hosts.
        /// </summary>
        private sealed class LaunchDateBlock
        {
            private int _column = -1;

            public DateTime? Value { get; private set; }

            /// <summary>The Launch Date as written, when the block has one.</summary>
            public string? Text { get; private set; }

            public void Observe(IReadOnlyList<string> fields)
            {
                if (_column >= 0)
                {
                    if (_column < fields.Count)
                    {
                        Text = fields[_column];
                        Value = Vocabulary.ParseDate(Text) ?? Value;
                    }
                    _column = -1;
                    return;
                }
                for (int i = 0; i < fields.Count; i++)
                {
                    if (string.Equals(fields[i].Trim(), "Launch Date", StringComparison.OrdinalIgnoreCase))
                    {
                        _column = i;
                        return;
                    }
                }
            }
        }

        /// <summary>Watches the scan header block for its "IPs" and "Excluded IPs" columns and takes
        /// them from the record after it: the addresses the scan was asked to scan.</summary>
        private sealed class ScanTargetBlock
        {
            private int _included = -1;
            private int _excluded = -1;

            public string? Included { get; private set; }
            public string? Excluded { get; private set; }

            public void Observe(IReadOnlyList<string> fields)
            {
                if (_included >= 0)
                {
                    if (_included < fields.Count)
                    {
                        Included = fields[_included];
                        Excluded = _excluded >= 0 && _excluded < fields.Count ? fields[_excluded] : null;
                    }
                    _included = _excluded = -1;
                    return;
                }
                for (int i = 0; i < fields.Count; i++)
                {
                    string name = fields[i].Trim();
                    if (string.Equals(name, "IPs", StringComparison.OrdinalIgnoreCase)) _included = i;
                    else if (string.Equals(name, "Excluded IPs", StringComparison.OrdinalIgnoreCase)) _excluded = i;
                }
            }
        }
    }
}
