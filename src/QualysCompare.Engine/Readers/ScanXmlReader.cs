using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Reads the scan results XML of one scan job (root SCAN, scan-1.dtd; qualys-formats.md §3).
    /// Only scanner appliances run scan jobs, so every finding is a scanner finding. The file has no
    /// host ID, tracking method, status or detection dates: what it has is what that scan saw, at
    /// the scan's DATE.
    /// </summary>
    internal sealed class ScanXmlReader : FindingReader
    {
        /// <summary>Qualys writes this in IP/@name when reverse DNS gave nothing; it is not a name.</summary>
        private const string NoHostname = "No registered hostname";

        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            var problems = new RecordProblems();
            using (var reader = context.OpenXml())
            {
                var xml = new XmlWalker(reader, context.Path);
                if (!xml.MoveToRoot()) yield break;
                DateTime? scanDate = null;
                string? dateText = null;
                bool dateWarned = false;
                foreach (var section in xml.Children())
                {
                    if (section == "HEADER")
                    {
                        scanDate = ReadHeader(xml, context, out dateText);
                    }
                    else if (section == "IP")
                    {
                        context.CountHost();
                        var host = ReadHost(xml, problems);
                        host.LastAssessed = scanDate;
                        if (scanDate == null && !dateWarned && host.Findings.Count > 0)
                        {
                            dateWarned = true;
                            context.Warn(ScanDate.Unknown(dateText == null
                                ? "there is no HEADER/KEY value=\"DATE\""
                                : $"its HEADER's DATE \"{CsvTable.Shorten(dateText)}\" is not a date"));
                        }
                        foreach (var finding in host.Complete(context, Vantage.Scanner)) yield return finding;
                    }
                }
            }
            problems.Report(context);
        }

        /// <summary>HEADER/KEY[@value=DATE] is the scan's launch time: when the scanner assessed every
        /// host in the file; <paramref name="dateText"/> is it as written. TARGET and EXCLUDED_TARGET
        /// are the addresses it was asked to scan.</summary>
        private static DateTime? ReadHeader(XmlWalker xml, ReportReadContext context, out string? dateText)
        {
            DateTime? date = null;
            string? target = null, excluded = null;
            dateText = null;
            foreach (var child in xml.Children())
            {
                if (child != "KEY") continue;
                switch (xml.Attribute("value"))
                {
                    case "DATE":
                        dateText = xml.Text() ?? string.Empty;
                        date = Vocabulary.ParseDate(dateText);
                        break;
                    case "TARGET": target = xml.Text(); break;
                    case "EXCLUDED_TARGET": excluded = xml.Text(); break;
                }
            }
            context.SetScanTargets(target, excluded);
            return date;
        }

        private static ReportedHost ReadHost(XmlWalker xml, RecordProblems problems)
        {
            var name = Vocabulary.Clean(xml.Attribute("name"));
            var host = new ReportedHost
            {
                IP = Vocabulary.Clean(xml.Attribute("value")),
                DnsName = string.Equals(name, NoHostname, StringComparison.OrdinalIgnoreCase) ? null : name,
            };
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "OS":
                        host.OperatingSystem = Vocabulary.Clean(xml.Text());
                        break;
                    case "NETBIOS_HOSTNAME":
                    case "NETBIOS":
                        // No sample has either. NETBIOS_HOSTNAME is the child of IP that scan-1.dtd
                        // models are built with (the Marcuccio/qualysx parser: OS, OS_CPE,
                        // NETBIOS_HOSTNAME, INFOS, ...); NETBIOS is what HLD and reports call it.
                        // A machine without DNS is known by this name alone, so dropping it splits
                        // the machine from its agent whenever the two addresses differ.
                        host.NetBiosName = Vocabulary.Clean(xml.Text());
                        break;
                    case "VULNS":
                    case "PRACTICES":
                    case "INFOS":
                    case "SERVICES":
                        ReadSection(xml, host, problems);
                        break;
                }
            }
            return host;
        }

        /// <summary>A section holds CATs; the CAT carries the category and, for service-level
        /// findings, the port, protocol and SSL flag of every finding in it.</summary>
        private static void ReadSection(XmlWalker xml, ReportedHost host, RecordProblems problems)
        {
            foreach (var cat in xml.Children())
            {
                if (cat != "CAT") continue;
                var category = Vocabulary.Clean(xml.Attribute("value"));
                var port = Vocabulary.ParseInt(xml.Attribute("port"));
                var protocol = Vocabulary.Clean(xml.Attribute("protocol"));
                var misc = xml.Attribute("misc");
                bool? ssl = misc != null && misc.IndexOf("over ssl", StringComparison.OrdinalIgnoreCase) >= 0
                    ? true
                    : port.HasValue ? false : (bool?)null;
                foreach (var element in xml.Children())
                {
                    if (element != "VULN" && element != "PRACTICE" && element != "INFO" && element != "SERVICE") continue;
                    long line = xml.Line;
                    var qid = XmlValues.Qid(xml.Attribute("number"));
                    if (qid == null)
                    {
                        problems.Add(XmlValues.SkippedWithoutQid, line);
                        continue;
                    }
                    var finding = new QualysFinding
                    {
                        QID = qid.Value,
                        // VULN = confirmed, PRACTICE = potential, INFO and SERVICE = information gathered.
                        Type = XmlValues.TypeOrConfirmed(element, problems, line),
                        Severity = Vocabulary.ParseSeverity(xml.Attribute("severity")),
                        Port = port,
                        Protocol = protocol,
                        Ssl = ssl,
                        Category = category,
                    };
                    var cveAttribute = xml.Attribute("cveid");
                    ReadFinding(xml, finding, cveAttribute);
                    host.Findings.Add(finding);
                }
            }
        }

        private static void ReadFinding(XmlWalker xml, QualysFinding finding, string? cveAttribute)
        {
            var cves = new List<string>();
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "TITLE": finding.Title = Vocabulary.Clean(xml.Text()); break;
                    case "CVSS_BASE": finding.CvssBase = Vocabulary.ParseCvss(xml.Text()); break;
                    case "CVSS3_BASE": finding.Cvss3Base = Vocabulary.ParseCvss(xml.Text()); break;
                    case "CVE_ID_LIST": XmlValues.ReadCveIdList(xml, cves); break;
                    case "RESULT": finding.Results = xml.Text(); break;
                }
            }
            // The structured list and the attribute name the same CVEs in the samples; the
            // attribute stands in only when a finding comes without the list.
            finding.CveIds = cves.Count > 0 ? XmlValues.Cves(cves) : Vocabulary.JoinCves(cveAttribute);
        }
    }
}
