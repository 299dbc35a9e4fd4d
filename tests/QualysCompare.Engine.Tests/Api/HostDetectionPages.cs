// Also compiled by tests/Pester (Add-Type), which has no project settings: hence the pragma.
#nullable enable
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace QualysCompare.Testing
{
    public sealed class FakeDetection
    {
        public FakeDetection(int qid, string type, int severity, string status, int? port = null, string? protocol = null)
        {
            Qid = qid;
            Type = type;
            Severity = severity;
            Status = status;
            Port = port;
            Protocol = protocol;
        }

        public int Qid { get; }
        public string Type { get; }
        public int Severity { get; }
        public string Status { get; }
        public int? Port { get; }
        public string? Protocol { get; }

        /// <summary>QDS and its band, written only when the request asks show_qds=1.</summary>
        public int? Qds { get; set; }
        public string? QdsSeverity { get; set; }
    }

    public sealed class FakeHost
    {
        public FakeHost(long id, string ip, string trackingMethod, string dns, string netbios, params FakeDetection[] detections)
        {
            Id = id;
            Ip = ip;
            TrackingMethod = trackingMethod;
            Dns = dns;
            NetBios = netbios;
            Detections = detections;
        }

        public long Id { get; }
        public string Ip { get; }
        public string TrackingMethod { get; }
        public string Dns { get; }
        public string NetBios { get; }
        public IReadOnlyList<FakeDetection> Detections { get; }

        public string LastVmScanned { get; set; } = "2023-03-15T00:48:49Z";

        /// <summary>LAST_VM_AUTH_SCANNED_DATE, which Qualys writes without being asked; null leaves it out.</summary>
        public string? LastVmAuthScanned { get; set; }

        /// <summary>Asset tag names, written only when the request asks show_tags=1.</summary>
        public string[] Tags { get; set; } = new string[0];
    }

    /// <summary>
    /// Host List VM Detection answers in the shape of the recorded ones (e-jupiterone-*.har,
    /// e-defectdojo-trurisk-detections.xml): DOCTYPE naming an https DTD, evaluation and
    /// confidentiality comments around the root, CDATA text, and the paging WARNING whose URL is
    /// CDATA padded with newlines and carries parameters the client never sent.
    /// </summary>
    public static class HostDetectionPages
    {
        public const string RecordedHost = "https://qualysapi.qg3.apps.qualys.com";

        /// <summary>Seven hosts: four tracked by scanner methods (IP, DNS, NETBIOS, EC2), three by AGENT.</summary>
        public static readonly FakeHost[] Hosts =
        {
            new FakeHost(1001, "10.10.10.11", "IP", "2k8r2-u-10-11", "2K8R2-U-10-11",
                new FakeDetection(38170, "Confirmed", 2, "Active", 3389, "tcp") { Qds = 35, QdsSeverity = "LOW" },
                new FakeDetection(38173, "Confirmed", 2, "Active", 3389, "tcp"),
                new FakeDetection(105015, "Info", 1, "Active")) { Tags = new[] { "Servers", "Windows" } },
            new FakeHost(1002, "192.168.44.184", "AGENT", "labdc.doobsiss.local", "LABDC",
                new FakeDetection(90007, "Confirmed", 2, "New") { Qds = 50, QdsSeverity = "MEDIUM" },
                new FakeDetection(90043, "Confirmed", 3, "New") { Qds = 95, QdsSeverity = "CRITICAL" }) { Tags = new[] { "Domain Controllers", "Windows" } },
            new FakeHost(1003, "10.10.10.12", "DNS", "web01.example.local", "WEB01",
                new FakeDetection(11827, "Potential", 3, "Re-Opened", 443, "tcp")),
            new FakeHost(1004, "10.10.10.13", "AGENT", "app02.example.local", "APP02",
                new FakeDetection(376157, "Confirmed", 4, "Active"),
                new FakeDetection(91713, "Confirmed", 5, "Fixed"),
                new FakeDetection(45038, "Info", 1, "Active")),
            new FakeHost(1005, "10.10.10.14", "NETBIOS", "", "FILESRV",
                new FakeDetection(90882, "Confirmed", 3, "Active", 445, "tcp")),
            new FakeHost(1006, "10.10.10.15", "EC2", "ip-10-10-10-15.ec2.internal", "",
                new FakeDetection(38628, "Confirmed", 2, "New", 22, "tcp"),
                new FakeDetection(38739, "Potential", 2, "Active", 22, "tcp")),
            new FakeHost(1007, "10.10.10.16", "AGENT", "db03.example.local", "DB03",
                new FakeDetection(19824, "Confirmed", 4, "Active")),
        };

        public static FakeHost Host(long id) => Hosts.Single(h => h.Id == id);

        /// <summary>Scanner hosts whose dates tell how their last scan logged in, and the Cloud Agent of
        /// the first: 2001 last authenticated before its last scan, 2002 at it, 2003 never.</summary>
        public static readonly FakeHost[] FactHosts =
        {
            new FakeHost(2001, "10.20.0.21", "IP", "web21.example.local", "WEB21",
                new FakeDetection(38170, "Confirmed", 2, "Active", 443, "tcp") { Qds = 40, QdsSeverity = "MEDIUM" })
                { LastVmScanned = "2023-03-15T00:48:49Z", LastVmAuthScanned = "2023-02-01T02:10:00Z", Tags = new[] { "Web", "DMZ" } },
            new FakeHost(2002, "10.20.0.22", "IP", "app22.example.local", "APP22",
                new FakeDetection(38173, "Confirmed", 2, "Active", 3389, "tcp"))
                { LastVmScanned = "2023-03-15T00:48:49Z", LastVmAuthScanned = "2023-03-15T00:48:49Z" },
            new FakeHost(2003, "10.20.0.23", "DNS", "print23.example.local", "PRINT23",
                new FakeDetection(11827, "Potential", 3, "Active", 443, "tcp"))
                { LastVmScanned = "2023-03-14T22:00:00Z" },
            new FakeHost(2004, "10.20.0.21", "AGENT", "web21.example.local", "WEB21",
                new FakeDetection(90043, "Confirmed", 3, "Active") { Qds = 72, QdsSeverity = "HIGH" },
                new FakeDetection(38170, "Confirmed", 2, "Active", 443, "tcp") { Qds = 81, QdsSeverity = "HIGH" })
                { LastVmScanned = "2023-03-15T03:00:00Z", LastVmAuthScanned = "2023-03-15T03:00:00Z", Tags = new[] { "Web", "Owner: Web Team" } },
        };

        public static string Page(IEnumerable<FakeHost> hosts, long? nextIdMin, int truncationLimit = 3, bool showTags = false, bool showQds = false)
        {
            var x = new StringBuilder();
            x.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
            x.Append("<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM \"").Append(RecordedHost).Append("/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd\">\n");
            x.Append("<!-- This report was generated with an evaluation version of Qualys //--> \n");
            x.Append("<HOST_LIST_VM_DETECTION_OUTPUT>\n  <RESPONSE>\n    <DATETIME>2020-09-27T01:29:21Z</DATETIME>\n");
            var list = hosts.ToList();
            if (list.Count > 0)
            {
                x.Append("    <HOST_LIST>\n");
                foreach (var h in list)
                {
                    x.Append("      <HOST>\n");
                    x.Append("        <ID>").Append(h.Id).Append("</ID>\n");
                    x.Append("        <IP>").Append(h.Ip).Append("</IP>\n");
                    x.Append("        <TRACKING_METHOD>").Append(h.TrackingMethod).Append("</TRACKING_METHOD>\n");
                    x.Append("        <OS><![CDATA[Windows Server 2019 Standard]]></OS>\n");
                    if (h.Dns.Length > 0) x.Append("        <DNS><![CDATA[").Append(h.Dns).Append("]]></DNS>\n");
                    if (h.NetBios.Length > 0) x.Append("        <NETBIOS><![CDATA[").Append(h.NetBios).Append("]]></NETBIOS>\n");
                    x.Append("        <LAST_SCAN_DATETIME>2023-03-15T00:54:58Z</LAST_SCAN_DATETIME>\n");
                    x.Append("        <LAST_VM_SCANNED_DATE>").Append(h.LastVmScanned).Append("</LAST_VM_SCANNED_DATE>\n");
                    if (h.LastVmAuthScanned != null) x.Append("        <LAST_VM_AUTH_SCANNED_DATE>").Append(h.LastVmAuthScanned).Append("</LAST_VM_AUTH_SCANNED_DATE>\n");
                    if (showTags && h.Tags.Length > 0)
                    {
                        // TAGS/TAG{TAG_ID, NAME, COLOR, BACKGROUND_COLOR}, as the HLD schema orders them.
                        x.Append("        <TAGS>\n");
                        int tagId = 19427596;
                        foreach (var tag in h.Tags)
                            x.Append("          <TAG>\n            <TAG_ID>").Append(tagId++).Append("</TAG_ID>\n            <NAME><![CDATA[").Append(tag)
                                .Append("]]></NAME>\n            <COLOR>#FFFFFF</COLOR>\n            <BACKGROUND_COLOR>#1C8AD6</BACKGROUND_COLOR>\n          </TAG>\n");
                        x.Append("        </TAGS>\n");
                    }
                    x.Append("        <DETECTION_LIST>\n");
                    foreach (var d in h.Detections)
                    {
                        x.Append("          <DETECTION>\n");
                        x.Append("            <QID>").Append(d.Qid).Append("</QID>\n");
                        x.Append("            <TYPE>").Append(d.Type).Append("</TYPE>\n");
                        x.Append("            <SEVERITY>").Append(d.Severity).Append("</SEVERITY>\n");
                        if (d.Port != null) x.Append("            <PORT>").Append(d.Port).Append("</PORT>\n");
                        if (d.Protocol != null) x.Append("            <PROTOCOL>").Append(d.Protocol).Append("</PROTOCOL>\n");
                        x.Append("            <SSL>0</SSL>\n");
                        x.Append("            <STATUS>").Append(d.Status).Append("</STATUS>\n");
                        x.Append("            <FIRST_FOUND_DATETIME>2023-01-26T04:45:50Z</FIRST_FOUND_DATETIME>\n");
                        x.Append("            <LAST_FOUND_DATETIME>2023-03-15T00:48:49Z</LAST_FOUND_DATETIME>\n");
                        if (showQds && d.Qds != null)
                            x.Append("            <QDS severity=\"").Append(d.QdsSeverity).Append("\">").Append(d.Qds).Append("</QDS>\n")
                                .Append("            <QDS_FACTORS>\n              <QDS_FACTOR name=\"CVSS\"><![CDATA[5.0]]></QDS_FACTOR>\n            </QDS_FACTORS>\n");
                        x.Append("            <TIMES_FOUND>7</TIMES_FOUND>\n");
                        x.Append("            <IS_IGNORED>0</IS_IGNORED>\n");
                        x.Append("            <IS_DISABLED>0</IS_DISABLED>\n");
                        x.Append("          </DETECTION>\n");
                    }
                    x.Append("        </DETECTION_LIST>\n");
                    x.Append("      </HOST>\n");
                }
                x.Append("    </HOST_LIST>\n");
            }
            if (nextIdMin != null)
            {
                x.Append("    <WARNING>\n      <CODE>1980</CODE>\n");
                x.Append("      <TEXT>").Append(truncationLimit).Append(" record limit exceeded. Use URL to get next batch of results.</TEXT>\n");
                x.Append("      <URL><![CDATA[\n        ").Append(RecordedHost)
                    .Append("/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=").Append(truncationLimit)
                    .Append("&show_tags=1&show_igs=1&id_min=").Append(nextIdMin).Append("\n      ]]></URL>\n    </WARNING>\n");
            }
            x.Append("  </RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n");
            x.Append("<!-- This report was generated with an evaluation version of Qualys //--> \n");
            x.Append("<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. Qualys provides the QualysGuard Service \"As Is,\" without any warranty of any kind. //--> \n");
            return x.ToString();
        }

        public static string Error(string code, string text) =>
            "\n<!DOCTYPE SIMPLE_RETURN SYSTEM \"" + RecordedHost + "/api/2.0/simple_return.dtd\">\n<SIMPLE_RETURN>\n  <RESPONSE>\n    <DATETIME>2020-09-27T01:23:36Z</DATETIME>\n    <CODE>"
            + code + "</CODE>\n    <TEXT>" + text + "</TEXT>\n  </RESPONSE>\n</SIMPLE_RETURN>\n";

        /// <summary>The three linked pages of the scenario: 1001-1003, 1004-1006, then 1006-1007 (host
        /// 1006 on two pages, as when hosts change while a pull runs), chosen by the id_min asked for.</summary>
        public static string ThreePages(string? idMin, bool showTags = false, bool showQds = false) => idMin switch
        {
            null => Page(Hosts.Where(h => h.Id <= 1003), 1004, showTags: showTags, showQds: showQds),
            "1004" => Page(Hosts.Where(h => h.Id >= 1004 && h.Id <= 1006), 1006, showTags: showTags, showQds: showQds),
            "1006" => Page(Hosts.Where(h => h.Id >= 1006), null, showTags: showTags, showQds: showQds),
            _ => throw new System.InvalidOperationException($"no page starts at id_min={idMin}"),
        };
    }
}
