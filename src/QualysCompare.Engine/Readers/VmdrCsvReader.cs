using System;
using System.Collections.Generic;
using System.Net;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// VMDR UI "Vulnerabilities" export (qualys-formats.md §7), QID-centric or CVE-centric, with or
    /// without the "Asset Vuln Datalist Report" metadata lines. The export names no scanner or
    /// agent, so the vantage is inferred from the "Cloud Agent" asset tag, and the file says so once.
    /// </summary>
    internal sealed class VmdrCsvReader : FindingReader
    {
        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            using var table = CsvTable.Open(context, ReportFormat.VmdrCsv);

            int qid = table.RequiredColumn("QID");
            table.RequiredColumn("Asset Id", "Asset Name", "Asset IPV4", "Asset IPV6");
            int assetId = table.Column("Asset Id"), assetName = table.Column("Asset Name");
            int ipv4 = table.Column("Asset IPV4"), ipv6 = table.Column("Asset IPV6"), tags = table.Column("Asset Tags");
            int os = table.Column("Operating System"), title = table.Column("Title"), severity = table.Column("Severity");
            int type = table.Column("Type Detected"), status = table.Column("Status");
            int port = table.Column("Port"), protocol = table.Column("Protocol");
            int first = table.Column("First Detected"), last = table.Column("Last Detected"), lastFixed = table.Column("Last Fixed");
            int results = table.Column("Results"), category = table.Column("Category");
            int cve = table.Column("CVE"), cvss = table.Column("CVSSv2 Base (nvd)"), cvss3 = table.Column("CVSSv3.1 Base (nvd)", "CVSSv3 Base (nvd)");
            bool cveCentric = cve >= 0;

            RepeatCache idCache = new RepeatCache(), nameCache = new RepeatCache(), ipv4Cache = new RepeatCache(),
                ipv6Cache = new RepeatCache(), tagsCache = new RepeatCache(), osCache = new RepeatCache(),
                protocolCache = new RepeatCache(), statusCache = new RepeatCache();
            var hosts = new HostTally(context);
            bool warned = false;

            // CVE-centric exports repeat a detection once per CVE. Rows of one detection are folded
            // while they follow each other; the keys already emitted catch an export sorted so
            // that they do not, which would otherwise pass unnoticed as duplicate findings.
            QualysFinding? pending = null;
            Vantage pendingVantage = Vantage.Scanner;
            string? pendingKey = null;
            var emitted = cveCentric ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
            bool warnedSplit = false;

            while (table.Read())
            {
                int number = table.Qid(qid);
                string? id = table.Repeated(assetId, idCache);
                string? name = table.Repeated(assetName, nameCache);
                string? addresses4 = table.Repeated(ipv4, ipv4Cache);
                string? addresses6 = table.Repeated(ipv6, ipv6Cache);
                string? protocolText = table.Repeated(protocol, protocolCache)?.ToLowerInvariant();
                int? portNumber = table.Int(port);
                // Host-level detections are written as port 0 with protocol "'-"; the other
                // formats leave the port empty, so they must compare equal.
                if (portNumber == 0 && protocolText == null) portNumber = null;

                if (!warned && !context.VantageChosen)
                {
                    warned = true;
                    context.Warn("the VMDR export has no scanner or Cloud Agent column: the vantage of each asset was inferred from its tags (\"Cloud Agent\" = Agent, otherwise Scanner). Pass -Vantage to set it for the whole file.");
                }

                string? key = null;
                if (cveCentric)
                {
                    key = string.Join("\u001f", id ?? string.Empty, name ?? string.Empty, addresses4 ?? string.Empty, addresses6 ?? string.Empty,
                        number.ToString(System.Globalization.CultureInfo.InvariantCulture), portNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, protocolText ?? string.Empty);
                    if (pending != null && string.Equals(key, pendingKey, StringComparison.OrdinalIgnoreCase))
                    {
                        AddCve(pending, table.Text(cve));
                        pending.CvssBase = Max(pending.CvssBase, Vocabulary.ParseCvss(table.Text(cvss)));
                        pending.Cvss3Base = Max(pending.Cvss3Base, Vocabulary.ParseCvss(table.Text(cvss3)));
                        continue;
                    }
                }

                if (pending != null) yield return context.Complete(pending, pendingVantage);

                string? tagList = table.Repeated(tags, tagsCache);
                var finding = new QualysFinding
                {
                    QID = number,
                    HostName = name,
                    IP = FirstAddress(addresses4) ?? FirstAddress(addresses6),
                    OperatingSystem = table.Repeated(os, osCache),
                    Title = table.Text(title),
                    Type = table.Type(type),
                    Severity = Vocabulary.ParseSeverity(table.Text(severity)),
                    Port = portNumber,
                    Protocol = protocolText,
                    Status = Vocabulary.ParseStatus(table.Repeated(status, statusCache)),
                    FirstDetected = Vocabulary.ParseDate(table.Text(first)),
                    LastDetected = Vocabulary.ParseDate(table.Text(last)),
                    LastFixed = Vocabulary.ParseDate(table.Text(lastFixed)),
                    CveIds = cveCentric ? Vocabulary.JoinCves(table.Text(cve)) : null,
                    CvssBase = Vocabulary.ParseCvss(table.Text(cvss)),
                    Cvss3Base = Vocabulary.ParseCvss(table.Text(cvss3)),
                    Category = table.Text(category),
                    Results = table.RawText(results),
                };
                NameTheHost(finding, name);
                hosts.See(id, name, addresses4, addresses6);
                var vantage = tagList != null && tagList.IndexOf("Cloud Agent", StringComparison.OrdinalIgnoreCase) >= 0 ? Vantage.Agent : Vantage.Scanner;

                if (!cveCentric)
                {
                    yield return context.Complete(finding, vantage);
                    continue;
                }
                if (!emitted!.Add(key!) && !warnedSplit)
                {
                    warnedSplit = true;
                    context.Warn($"the CVE rows of asset {name ?? id ?? finding.IP}, QID {number} are not next to each other (line {table.Line}), so its CVEs are split over more than one finding. Export the CVE view sorted by asset and QID to have one finding per detection.");
                }
                pending = finding;
                pendingVantage = vantage;
                pendingKey = key;
            }
            if (pending != null) yield return context.Complete(pending, pendingVantage);
        }

        /// <summary>
        /// "Asset Name" is the name CSAM gives the asset: its DNS name when it has a dot, the
        /// machine (NetBIOS) name when it is a single label. Putting it where the other formats put
        /// those names lets hosts match on more than their address.
        /// </summary>
        private static void NameTheHost(QualysFinding finding, string? name)
        {
            if (name == null || IPAddress.TryParse(name, out _)) return;
            if (name.IndexOf('.') >= 0) finding.DnsName = name;
            else if (name.Length <= 15) finding.NetBiosName = name;
        }

        /// <summary>Assets with several interfaces list their addresses comma-separated; the first one
        /// is the primary address.</summary>
        private static string? FirstAddress(string? addresses)
        {
            if (addresses == null) return null;
            int comma = addresses.IndexOf(',');
            return Vocabulary.Clean(comma < 0 ? addresses : addresses.Substring(0, comma));
        }

        private static void AddCve(QualysFinding finding, string? cve)
        {
            var joined = Vocabulary.JoinCves(cve);
            if (joined == null) return;
            if (finding.CveIds == null)
            {
                finding.CveIds = joined;
                return;
            }
            foreach (var id in joined.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (("; " + finding.CveIds + "; ").IndexOf("; " + id + "; ", StringComparison.OrdinalIgnoreCase) < 0)
                    finding.CveIds += "; " + id;
            }
        }

        // The CVE-centric export scores each CVE; a detection of several CVEs is as severe as its worst.
        private static double? Max(double? a, double? b) => a == null ? b : b == null ? a : Math.Max(a.Value, b.Value);
    }
}
