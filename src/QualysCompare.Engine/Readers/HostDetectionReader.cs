using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Reads Host List VM Detection API output (root HOST_LIST_VM_DETECTION_OUTPUT;
    /// qualys-formats.md §6). Each HOST says by TRACKING_METHOD whether a Cloud Agent or a scanner
    /// assessed it. Titles, categories and CVEs are not in this output: they come from the
    /// KnowledgeBase by QID.
    /// </summary>
    internal sealed class HostDetectionReader : FindingReader
    {
        /// <summary>RESPONSE/WARNING CODE for "record limit exceeded": this file is one page of many.</summary>
        private const string TruncationWarningCode = "1980";

        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            var problems = new RecordProblems();
            using (var reader = context.OpenXml())
            {
                var xml = new XmlWalker(reader, context.Path);
                if (!xml.MoveToRoot()) yield break;
                foreach (var part in xml.Children())
                {
                    if (part != "RESPONSE") continue;
                    foreach (var section in xml.Children())
                    {
                        if (section == "HOST_LIST")
                        {
                            foreach (var element in xml.Children())
                            {
                                if (element != "HOST") continue;
                                context.CountHost();
                                var host = ReadHost(xml, context, problems);
                                var vantage = Vocabulary.VantageOfTrackingMethod(host.TrackingMethod);
                                foreach (var finding in host.Complete(context, vantage)) yield return finding;
                            }
                        }
                        else if (section == "WARNING")
                        {
                            ReadWarning(xml, context);
                        }
                    }
                }
            }
            problems.Report(context);
        }

        private static ReportedHost ReadHost(XmlWalker xml, ReportReadContext context, RecordProblems problems)
        {
            var host = new ReportedHost();
            string? dns = null, fqdn = null, ipv6 = null;
            DateTime? lastVmScan = null, lastScan = null;
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "ID": host.HostId = Vocabulary.Clean(xml.Text()); break;
                    case "IP": host.IP = Vocabulary.Clean(xml.Text()); break;
                    case "IPV6": ipv6 = Vocabulary.Clean(xml.Text()); break;
                    case "TRACKING_METHOD": host.TrackingMethod = Vocabulary.Clean(xml.Text()); break;
                    case "OS": host.OperatingSystem = Vocabulary.Clean(xml.Text()); break;
                    case "DNS": dns = Vocabulary.Clean(xml.Text()); break;
                    case "DNS_DATA": fqdn = ReadFqdn(xml); break;
                    case "NETBIOS": host.NetBiosName = Vocabulary.Clean(xml.Text()); break;
                    // The agent's UUID on agent hosts and the agentless-tracking UUID on scanned
                    // hosts; both are what HostAsset calls agentId, so matching pairs on it.
                    case "QG_HOSTID": host.AgentId = Vocabulary.Clean(xml.Text()); break;
                    case "LAST_VM_SCANNED_DATE": lastVmScan = Vocabulary.ParseDate(xml.Text()); break;
                    // The last scan that logged in: older than LAST_VM_SCANNED_DATE, or absent, means
                    // the last scan did not (qualys-formats.md §7, the HLD schema's element order).
                    case "LAST_VM_AUTH_SCANNED_DATE": host.LastVmAuthScanned = Vocabulary.ParseDate(xml.Text()); break;
                    case "LAST_SCAN_DATETIME": lastScan = Vocabulary.ParseDate(xml.Text()); break;
                    case "TAGS": host.Tags = ReadTags(xml); break;
                    case "DETECTION_LIST": ReadDetections(xml, context, host, problems); break;
                }
            }
            // DNS_DATA/FQDN is the name split out and qualified by Qualys; DNS may be a bare host label.
            host.DnsName = fqdn ?? dns;
            host.IP ??= ipv6;
            // LAST_VM_SCANNED_DATE is when the host was last assessed (agent scan or network
            // scan, equal to LAST_FOUND in the samples); LAST_SCAN_DATETIME is when Qualys
            // processed the results, minutes later, so it only stands in when the VM date is missing.
            host.LastAssessed = lastVmScan ?? lastScan;
            host.LastVmScanned = lastVmScan;
            return host;
        }

        /// <summary>TAGS/TAG/NAME with show_tags=1 (qualys-formats.md §7: TAG{TAG_ID?, NAME, COLOR?,
        /// BACKGROUND_COLOR?}), the names joined with "; " in the order Qualys lists them.</summary>
        private static string? ReadTags(XmlWalker xml)
        {
            List<string>? names = null;
            // A set, not a scan of the list: a damaged file may repeat a tag without end.
            HashSet<string>? seen = null;
            foreach (var tag in xml.Children())
            {
                if (tag != "TAG") continue;
                foreach (var child in xml.Children())
                {
                    if (child != "NAME") continue;
                    var name = Vocabulary.Clean(xml.Text());
                    if (name == null || !(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(name)) continue;
                    (names ??= new List<string>(4)).Add(name);
                }
            }
            return names == null ? null : string.Join(TagSeparator, names);
        }

        public const string TagSeparator = "; ";

        private static string? ReadFqdn(XmlWalker xml)
        {
            string? fqdn = null;
            foreach (var child in xml.Children())
            {
                if (child == "FQDN") fqdn = Vocabulary.Clean(xml.Text());
            }
            return fqdn;
        }

        private static void ReadDetections(XmlWalker xml, ReportReadContext context, ReportedHost host, RecordProblems problems)
        {
            foreach (var element in xml.Children())
            {
                if (element != "DETECTION") continue;
                long line = xml.Line;
                var finding = new QualysFinding();
                string? qid = null, type = null;
                foreach (var child in xml.Children())
                {
                    switch (child)
                    {
                        case "QID": qid = xml.Text(); break;
                        case "TYPE": type = xml.Text(); break;
                        case "SEVERITY": finding.Severity = Vocabulary.ParseSeverity(xml.Text()); break;
                        case "PORT": finding.Port = Vocabulary.ParseInt(xml.Text()); break;
                        case "PROTOCOL": finding.Protocol = Vocabulary.Clean(xml.Text()); break;
                        case "SSL": finding.Ssl = Vocabulary.ParseBool(xml.Text()); break;
                        // Qualys writes QID before RESULTS, so the text no one reads is passed over
                        // unmaterialised; a RESULTS that comes first is kept, as asking needs the QID.
                        case "RESULTS":
                            var known = XmlValues.Qid(qid);
                            if (known == null || context.WantsResults(known.Value, null)) finding.Results = xml.Text();
                            else xml.Skip();
                            break;
                        case "STATUS": finding.Status = Vocabulary.ParseStatus(xml.Text()); break;
                        case "FIRST_FOUND_DATETIME": finding.FirstDetected = Vocabulary.ParseDate(xml.Text()); break;
                        case "LAST_FOUND_DATETIME": finding.LastDetected = Vocabulary.ParseDate(xml.Text()); break;
                        case "LAST_FIXED_DATETIME": finding.LastFixed = Vocabulary.ParseDate(xml.Text()); break;
                        // <QDS severity="HIGH">80</QDS> with show_qds=1 (qualys-formats.md §6, §7 and
                        // the TruRisk sample); the attribute is read before Text() moves past it.
                        case "QDS":
                            var band = Vocabulary.ParseQdsSeverity(xml.Attribute("severity"));
                            finding.Qds = Vocabulary.ParseQds(xml.Text());
                            finding.QdsSeverity = band ?? Vocabulary.QdsSeverityOf(finding.Qds);
                            break;
                    }
                }
                var id = XmlValues.Qid(qid);
                if (id == null)
                {
                    problems.Add(XmlValues.SkippedWithoutQid, line);
                    continue;
                }
                finding.QID = id.Value;
                finding.Type = XmlValues.TypeOrConfirmed(type, problems, line);
                host.Findings.Add(finding);
            }
        }

        /// <summary>
        /// A truncated page is complete XML, so nothing else would reveal that hosts are missing;
        /// comparing it as if it were everything would report every later host as unscanned.
        /// </summary>
        private static void ReadWarning(XmlWalker xml, ReportReadContext context)
        {
            string? code = null, text = null, url = null;
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "CODE": code = Vocabulary.Clean(xml.Text()); break;
                    case "TEXT": text = Vocabulary.Clean(xml.Text()); break;
                    case "URL": url = Vocabulary.Clean(xml.Text()); break;
                }
            }
            if (code == TruncationWarningCode)
                context.Warn($"this is one page of a longer Host List Detection result ({text ?? "record limit exceeded"}); hosts after it are not in this file."
                    + (url != null ? $" The next page is at {url}" : string.Empty));
            else
                context.Warn($"Qualys added a warning to this response: CODE {code ?? "(none)"}: {text ?? "(no text)"}");
        }
    }
}
