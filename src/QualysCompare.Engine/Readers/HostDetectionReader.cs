using System;
using System.Collections.Generic;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Host List VM Detection XML (qualys-formats.md §6): HOST_LIST_VM_DETECTION_OUTPUT/RESPONSE/
    /// HOST_LIST/HOST, each with its DETECTION_LIST. The vantage of each host comes from its
    /// TRACKING_METHOD (AGENT is the Cloud Agent). A host's detections are emitted when the host
    /// closes, because nothing in the DTD promises that identity elements precede DETECTION_LIST.
    /// </summary>
    internal sealed class HostDetectionReader : FindingReader
    {
        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            using var reader = context.OpenXml();
            XmlElements.MoveToRoot(reader, "HOST_LIST_VM_DETECTION_OUTPUT", context.Path);
            var pending = new List<QualysFinding>();
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                XmlElements.CheckDepth(reader, context.Path);
                switch (reader.LocalName)
                {
                    case "HOST":
                        pending.Clear();
                        var vantage = ReadHost(reader, context, pending);
                        context.CountHost();
                        foreach (var finding in pending) yield return context.Complete(finding, vantage);
                        break;
                    case "WARNING":
                        ReadWarning(reader, context);
                        break;
                    default:
                        // Containers (RESPONSE, HOST_LIST) are entered; the host readers consume
                        // their own elements and leave the reader on the next node.
                        reader.Read();
                        break;
                }
            }
        }

        private sealed class HostIdentity
        {
            public string? Id, Ip, TrackingMethod, Os, Dns, Fqdn, NetBios, AgentId;
            public DateTime? LastAssessed;

            public void Assessed(string? value)
            {
                var date = Vocabulary.ParseDate(value);
                if (date != null && (LastAssessed == null || date > LastAssessed)) LastAssessed = date;
            }
        }

        private static Vantage ReadHost(XmlReader reader, ReportReadContext context, List<QualysFinding> findings)
        {
            var host = new HostIdentity();
            XmlElements.ForEachChild(reader, context.Path, name =>
            {
                switch (name)
                {
                    case "ID": host.Id = XmlElements.ReadText(reader); break;
                    case "IP": host.Ip = XmlElements.ReadText(reader); break;
                    case "IPV6": host.Ip ??= XmlElements.ReadText(reader); break;
                    case "TRACKING_METHOD": host.TrackingMethod = XmlElements.ReadText(reader); break;
                    case "OS": host.Os = XmlElements.ReadText(reader); break;
                    case "DNS": host.Dns = XmlElements.ReadText(reader); break;
                    case "NETBIOS": host.NetBios = XmlElements.ReadText(reader); break;
                    case "QG_HOSTID": host.AgentId = XmlElements.ReadText(reader); break;
                    case "LAST_SCAN_DATETIME":
                    case "LAST_VM_SCANNED_DATE":
                    case "LAST_VM_AUTH_SCANNED_DATE":
                        host.Assessed(XmlElements.ReadText(reader));
                        break;
                    case "DNS_DATA":
                        XmlElements.ForEachChild(reader, context.Path, part =>
                        {
                            if (part == "FQDN") host.Fqdn = XmlElements.ReadText(reader);
                            else reader.Skip();
                        });
                        break;
                    case "DETECTION_LIST":
                        XmlElements.ForEachChild(reader, context.Path, item =>
                        {
                            if (item == "DETECTION") findings.Add(ReadDetection(reader, context));
                            else reader.Skip();
                        });
                        break;
                    default: reader.Skip(); break;
                }
            });

            string? dns = host.Fqdn ?? host.Dns;
            foreach (var f in findings)
            {
                f.IP = host.Ip;
                f.DnsName = dns;
                f.NetBiosName = host.NetBios;
                f.HostId = host.Id;
                f.AgentId = host.AgentId;
                f.TrackingMethod = host.TrackingMethod;
                f.OperatingSystem = host.Os;
                f.HostLastAssessed = host.LastAssessed;
            }
            return Vocabulary.VantageOfTrackingMethod(host.TrackingMethod);
        }

        private static QualysFinding ReadDetection(XmlReader reader, ReportReadContext context)
        {
            var finding = new QualysFinding();
            long line = XmlElements.Line(reader);
            string? qid = null;
            XmlElements.ForEachChild(reader, context.Path, name =>
            {
                switch (name)
                {
                    case "QID": qid = XmlElements.ReadText(reader); break;
                    // Minimal outputs omit TYPE; without show_igs the API returns only
                    // confirmed and potential detections, and confirmed is its default.
                    case "TYPE": finding.Type = Vocabulary.ParseType(XmlElements.ReadText(reader)) ?? FindingType.Confirmed; break;
                    case "SEVERITY": finding.Severity = Vocabulary.ParseSeverity(XmlElements.ReadText(reader)); break;
                    case "PORT": finding.Port = Vocabulary.ParseInt(XmlElements.ReadText(reader)); break;
                    case "PROTOCOL": finding.Protocol = XmlElements.ReadText(reader)?.ToLowerInvariant(); break;
                    case "SSL": finding.Ssl = Vocabulary.ParseBool(XmlElements.ReadText(reader)); break;
                    case "RESULTS": finding.Results = XmlElements.ReadText(reader); break;
                    case "STATUS": finding.Status = Vocabulary.ParseStatus(XmlElements.ReadText(reader)); break;
                    case "FIRST_FOUND_DATETIME": finding.FirstDetected = Vocabulary.ParseDate(XmlElements.ReadText(reader)); break;
                    case "LAST_FOUND_DATETIME": finding.LastDetected = Vocabulary.ParseDate(XmlElements.ReadText(reader)); break;
                    case "ASSET_CVE": finding.CveIds = Vocabulary.JoinCves(XmlElements.ReadText(reader)); break;
                    default: reader.Skip(); break;
                }
            });
            int? number = Vocabulary.ParseInt(qid);
            if (number is null or <= 0)
                throw new QualysReportException(ErrorIds.Malformed, ReportErrorKind.InvalidData, context.Path, line,
                    qid == null ? "a DETECTION has no QID." : $"a DETECTION has the QID '{qid}', which is not a number.");
            finding.QID = number.Value;
            return finding;
        }

        private static void ReadWarning(XmlReader reader, ReportReadContext context)
        {
            string? code = null, text = null;
            XmlElements.ForEachChild(reader, context.Path, name =>
            {
                if (name == "CODE") code = XmlElements.ReadText(reader);
                else if (name == "TEXT") text = XmlElements.ReadText(reader);
                else reader.Skip();
            });
            // CODE 1980: this file is one page of a larger answer; the other pages hold other hosts.
            context.Warn(code == "1980"
                ? $"this is one page of a paged Host List Detection answer ({text}); import the other pages too, or use Get-QualysHostDetection, which follows them."
                : $"the response carries WARNING CODE {code}: {text}");
        }
    }
}
