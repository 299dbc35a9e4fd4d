using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Reads the host-based scan report in XML (root ASSET_DATA_REPORT; qualys-formats.md §4).
    /// Each HOST says by TRACKING_METHOD whether a Cloud Agent (QAGENT) or a scanner assessed it.
    /// A VULN_INFO names only its QID: title, severity, category, CVSS and CVEs live in the
    /// GLOSSARY, which Qualys writes after HOST_LIST.
    /// </summary>
    internal sealed class AssetDataReportReader : FindingReader
    {
        private const string MissingDetails = "finding(s) name a QID the GLOSSARY does not describe, so they have no title or severity";

        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            var problems = new RecordProblems();
            Dictionary<int, QidDetails>? glossary = null;
            // Findings read before the GLOSSARY wait here for their titles: the report is
            // unusable without them, and it holds no more findings than the result does.
            var waiting = new List<QualysFinding>();
            using (var reader = context.OpenXml())
            {
                var xml = new XmlWalker(reader, context.Path);
                if (!xml.MoveToRoot()) yield break;
                foreach (var section in xml.Children())
                {
                    if (section == "HOST_LIST")
                    {
                        foreach (var element in xml.Children())
                        {
                            if (element != "HOST") continue;
                            context.CountHost();
                            var host = ReadHost(xml, problems, out var vantage);
                            var findings = host.Complete(context, vantage);
                            if (glossary == null)
                            {
                                waiting.AddRange(findings);
                                continue;
                            }
                            foreach (var finding in findings)
                            {
                                Describe(finding, glossary, problems);
                                yield return finding;
                            }
                        }
                    }
                    else if (section == "GLOSSARY")
                    {
                        glossary = ReadGlossary(xml, glossary);
                        foreach (var finding in waiting)
                        {
                            Describe(finding, glossary, problems);
                            yield return finding;
                        }
                        waiting.Clear();
                    }
                }
            }
            // A report without a GLOSSARY still says which host has which QID.
            foreach (var finding in waiting)
            {
                problems.Add(MissingDetails, 0);
                yield return finding;
            }
            problems.Report(context);
        }

        private static ReportedHost ReadHost(XmlWalker xml, RecordProblems problems, out Vantage vantage)
        {
            var host = new ReportedHost();
            DateTime? lastScan = null, latestFound = null;
            bool cloudAgentTag = false;
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "IP": host.IP = Vocabulary.Clean(xml.Text()); break;
                    case "TRACKING_METHOD": host.TrackingMethod = Vocabulary.Clean(xml.Text()); break;
                    case "HOST_ID": host.HostId = Vocabulary.Clean(xml.Text()); break;
                    case "DNS": host.DnsName = Vocabulary.Clean(xml.Text()); break;
                    case "NETBIOS": host.NetBiosName = Vocabulary.Clean(xml.Text()); break;
                    // See HostDetectionReader: the agent or agentless-tracking UUID, HostAsset's agentId.
                    case "QG_HOSTID": host.AgentId = Vocabulary.Clean(xml.Text()); break;
                    case "OPERATING_SYSTEM":
                    case "OS":
                        host.OperatingSystem = Vocabulary.Clean(xml.Text());
                        break;
                    case "LAST_SCAN_DATETIME": lastScan = Vocabulary.ParseDate(xml.Text()); break;
                    case "ASSET_TAGS": cloudAgentTag = ReadCloudAgentTag(xml); break;
                    case "VULN_INFO_LIST": latestFound = ReadVulnInfos(xml, host, problems); break;
                }
            }
            // The real sample carries no scan date per host. The latest LAST_FOUND is the latest
            // moment the report shows the host being assessed: the true last assessment can only
            // be later, never earlier.
            host.LastAssessed = lastScan ?? latestFound;
            // TRACKING_METHOD decides; the "Cloud Agent" asset tag Qualys puts on agent hosts
            // stands in only when a template leaves the tracking method out.
            vantage = host.TrackingMethod == null && cloudAgentTag ? Vantage.Agent : Vocabulary.VantageOfTrackingMethod(host.TrackingMethod);
            return host;
        }

        private static bool ReadCloudAgentTag(XmlWalker xml)
        {
            bool found = false;
            foreach (var child in xml.Children())
            {
                if (child == "ASSET_TAG" && string.Equals(xml.Text(), "Cloud Agent", StringComparison.OrdinalIgnoreCase)) found = true;
            }
            return found;
        }

        /// <summary>Reads the host's findings; returns the latest LAST_FOUND among them.</summary>
        private static DateTime? ReadVulnInfos(XmlWalker xml, ReportedHost host, RecordProblems problems)
        {
            DateTime? latest = null;
            foreach (var element in xml.Children())
            {
                if (element != "VULN_INFO") continue;
                long line = xml.Line;
                var finding = new QualysFinding();
                int? qid = null;
                string? type = null;
                foreach (var child in xml.Children())
                {
                    switch (child)
                    {
                        case "QID":
                            var glossaryKey = xml.Attribute("id");
                            qid = XmlValues.Qid(xml.Text()) ?? QidOfKey(glossaryKey);
                            break;
                        case "TYPE": type = xml.Text(); break;
                        case "PORT": finding.Port = Vocabulary.ParseInt(xml.Text()); break;
                        case "PROTOCOL": finding.Protocol = Vocabulary.Clean(xml.Text()); break;
                        case "SSL": finding.Ssl = Vocabulary.ParseBool(xml.Text()); break;
                        case "RESULT": finding.Results = xml.Text(); break;
                        case "FIRST_FOUND": finding.FirstDetected = Vocabulary.ParseDate(xml.Text()); break;
                        case "LAST_FOUND": finding.LastDetected = Vocabulary.ParseDate(xml.Text()); break;
                        case "LAST_FIXED": finding.LastFixed = Vocabulary.ParseDate(xml.Text()); break;
                        case "VULN_STATUS": finding.Status = Vocabulary.ParseStatus(xml.Text()); break;
                    }
                }
                if (qid == null)
                {
                    problems.Add(XmlValues.SkippedWithoutQid, line);
                    continue;
                }
                finding.QID = qid.Value;
                finding.Type = XmlValues.TypeOrConfirmed(type, problems, line);
                var found = finding.LastDetected;
                if (found.HasValue && (latest == null || found > latest)) latest = found;
                host.Findings.Add(finding);
            }
            return latest;
        }

        /// <summary>The glossary key "qid_11" names QID 11.</summary>
        private static int? QidOfKey(string? key)
        {
            if (key == null || !key.StartsWith("qid_", StringComparison.OrdinalIgnoreCase)) return null;
            return XmlValues.Qid(key.Substring(4));
        }

        private static Dictionary<int, QidDetails> ReadGlossary(XmlWalker xml, Dictionary<int, QidDetails>? known)
        {
            var glossary = known ?? new Dictionary<int, QidDetails>();
            foreach (var list in xml.Children())
            {
                if (list != "VULN_DETAILS_LIST") continue;
                foreach (var element in xml.Children())
                {
                    if (element != "VULN_DETAILS") continue;
                    var keyQid = QidOfKey(xml.Attribute("id"));
                    var details = ReadDetails(xml, out int? childQid);
                    var qid = childQid ?? keyQid;
                    if (qid != null) glossary[qid.Value] = details;
                }
            }
            return glossary;
        }

        private static QidDetails ReadDetails(XmlWalker xml, out int? qid)
        {
            qid = null;
            var details = new QidDetails();
            var cves = new List<string>();
            foreach (var child in xml.Children())
            {
                switch (child)
                {
                    case "QID": qid = XmlValues.Qid(xml.Text()); break;
                    case "TITLE": details.Title = Vocabulary.Clean(xml.Text()); break;
                    case "SEVERITY": details.Severity = Vocabulary.ParseSeverity(xml.Text()); break;
                    case "CATEGORY": details.Category = Vocabulary.Clean(xml.Text()); break;
                    case "CVSS_SCORE":
                        foreach (var score in xml.Children())
                        {
                            if (score == "CVSS_BASE") details.CvssBase = Vocabulary.ParseCvss(xml.Text());
                        }
                        break;
                    case "CVSS3_SCORE":
                        foreach (var score in xml.Children())
                        {
                            if (score == "CVSS3_BASE") details.Cvss3Base = Vocabulary.ParseCvss(xml.Text());
                        }
                        break;
                    case "CVE_ID_LIST": XmlValues.ReadCveIdList(xml, cves); break;
                }
            }
            details.CveIds = XmlValues.Cves(cves);
            return details;
        }

        private static void Describe(QualysFinding finding, Dictionary<int, QidDetails> glossary, RecordProblems problems)
        {
            if (!glossary.TryGetValue(finding.QID, out var details))
            {
                problems.Add(MissingDetails, 0);
                return;
            }
            finding.Title = details.Title;
            finding.Severity = details.Severity;
            finding.Category = details.Category;
            finding.CvssBase = details.CvssBase;
            finding.Cvss3Base = details.Cvss3Base;
            finding.CveIds = details.CveIds;
        }

        /// <summary>One GLOSSARY/VULN_DETAILS: what the report says about a QID, shared by every host that has it.</summary>
        private sealed class QidDetails
        {
            public string? Title { get; set; }
            public int? Severity { get; set; }
            public string? Category { get; set; }
            public double? CvssBase { get; set; }
            public double? Cvss3Base { get; set; }
            public string? CveIds { get; set; }
        }
    }
}
