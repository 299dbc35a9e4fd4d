using System;
using System.Collections.Generic;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// Streams Host List VM Detection API output (HOST_LIST_VM_DETECTION_OUTPUT, qualys-formats.md §6),
    /// element order and indentation as in the real samples. Written as text rather than with
    /// XmlWriter because the real declaration has a space before "?&gt;" that XmlWriter cannot produce.
    /// Paged output repeats what the API does when truncation_limit is reached: every page but the
    /// last ends with WARNING 1980 and a URL whose id_min is the next page's first host ID.
    /// </summary>
    public sealed class HostDetectionXmlWriter
    {
        public const int TruncationWarningCode = 1980;

        private readonly DateTime _responseDateTime;

        public HostDetectionXmlWriter(DateTime responseDateTime)
        {
            _responseDateTime = QualysText.Utc(responseDateTime);
        }

        /// <summary>The platform the DOCTYPE and WARNING URLs point at.</summary>
        public string ApiServer { get; init; } = "https://qualysapi.qg2.apps.qualys.com";

        /// <summary>Writes every host into one response with no truncation warning. The writer is not disposed.</summary>
        /// <returns>The number of hosts written.</returns>
        public long Write(IEnumerable<ScenarioHost> hosts, TextWriter output)
        {
            if (hosts == null) throw new ArgumentNullException(nameof(hosts));
            if (output == null) throw new ArgumentNullException(nameof(output));
            using var cursor = new HostCursor(hosts);
            long written = WritePage(output, cursor, int.MaxValue, 0);
            output.Flush();
            return written;
        }

        /// <summary>
        /// Writes <paramref name="hostsPerPage"/> hosts per response. <paramref name="openPage"/> gets
        /// the 1-based page number and returns where to write it; the writer disposes it when the
        /// page is complete. With no hosts, one page without HOST_LIST is written, as the API does.
        /// </summary>
        /// <returns>The number of pages written.</returns>
        public int WritePages(IEnumerable<ScenarioHost> hosts, int hostsPerPage, Func<int, TextWriter> openPage)
        {
            if (hosts == null) throw new ArgumentNullException(nameof(hosts));
            if (openPage == null) throw new ArgumentNullException(nameof(openPage));
            if (hostsPerPage < 1) throw new ArgumentOutOfRangeException(nameof(hostsPerPage), hostsPerPage, "A page holds at least one host.");

            using var cursor = new HostCursor(hosts);
            int page = 0;
            do
            {
                page++;
                using var output = openPage(page) ?? throw new InvalidOperationException($"No writer was returned for page {page}.");
                WritePage(output, cursor, hostsPerPage, hostsPerPage);
                output.Flush();
            }
            while (cursor.HasCurrent);
            return page;
        }

        private long WritePage(TextWriter output, HostCursor cursor, int limit, int truncationLimit)
        {
            output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n");
            output.Write("<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM \"");
            output.Write(ApiServer);
            output.Write("/api/2.0/fo/asset/host/vm/detection/dtd/output.dtd\">\n");
            output.Write("<HOST_LIST_VM_DETECTION_OUTPUT>\n  <RESPONSE>\n    <DATETIME>");
            QualysText.WriteDate(output, _responseDateTime, QualysText.IsoDateFormat);
            output.Write("</DATETIME>\n");

            long written = 0;
            if (cursor.HasCurrent)
            {
                output.Write("    <HOST_LIST>\n");
                while (cursor.HasCurrent && written < limit)
                {
                    WriteHost(output, cursor.Current);
                    written++;
                    cursor.Advance();
                }
                output.Write("    </HOST_LIST>\n");
            }

            if (cursor.HasCurrent)
            {
                output.Write("    <WARNING>\n      <CODE>");
                QualysText.WriteInt(output, TruncationWarningCode);
                output.Write("</CODE>\n      <TEXT>");
                QualysText.WriteInt(output, truncationLimit);
                output.Write(" record limit exceeded. Use URL to get next batch of results.</TEXT>\n      <URL><![CDATA[");
                output.Write(ApiServer);
                output.Write("/api/2.0/fo/asset/host/vm/detection/?action=list&show_igs=1&output_format=XML&truncation_limit=");
                QualysText.WriteInt(output, truncationLimit);
                output.Write("&id_min=");
                QualysText.WriteInt(output, cursor.Current.HostId);
                output.Write("]]></URL>\n    </WARNING>\n");
            }

            output.Write("  </RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n");
            QualysText.WriteConfidentialComment(output, _responseDateTime.Year);
            return written;
        }

        private static void WriteHost(TextWriter output, ScenarioHost host)
        {
            output.Write("      <HOST>\n");
            XmlLines.Number(output, "        ", "ID", host.HostId);
            if (host.Ip != null) XmlLines.Text(output, "        ", "IP", host.Ip);
            XmlLines.Text(output, "        ", "TRACKING_METHOD", host.TrackingMethod);
            XmlLines.Number(output, "        ", "NETWORK_ID", host.NetworkId);
            if (host.Os != null) XmlLines.CData(output, "        ", "OS", host.Os);
            if (host.Dns != null)
            {
                XmlLines.CData(output, "        ", "DNS", host.Dns);
                WriteDnsData(output, host.Dns);
            }
            if (host.NetBios != null) XmlLines.CData(output, "        ", "NETBIOS", host.NetBios);
            if (host.AgentId != null) XmlLines.CData(output, "        ", "QG_HOSTID", host.AgentId);
            XmlLines.Date(output, "        ", "LAST_SCAN_DATETIME", host.LastScan);
            XmlLines.Date(output, "        ", "LAST_VM_SCANNED_DATE", host.LastVmScanned);
            if (host.LastVmScannedDuration.HasValue) XmlLines.Number(output, "        ", "LAST_VM_SCANNED_DURATION", host.LastVmScannedDuration.Value);
            XmlLines.Date(output, "        ", "LAST_VM_AUTH_SCANNED_DATE", host.LastVmAuthScanned);

            bool any = false;
            foreach (var detection in host.Detections)
            {
                if (!any)
                {
                    output.Write("        <DETECTION_LIST>\n");
                    any = true;
                }
                WriteDetection(output, detection, host.LastScan);
            }
            if (any) output.Write("        </DETECTION_LIST>\n");
            output.Write("      </HOST>\n");
        }

        private static void WriteDnsData(TextWriter output, string dns)
        {
            int dot = dns.IndexOf('.');
            output.Write("        <DNS_DATA>\n");
            XmlLines.CData(output, "          ", "HOSTNAME", dot < 0 ? dns : dns.Substring(0, dot));
            if (dot > 0)
            {
                XmlLines.CData(output, "          ", "DOMAIN", dns.Substring(dot + 1));
                XmlLines.CData(output, "          ", "FQDN", dns);
            }
            output.Write("        </DNS_DATA>\n");
        }

        private static void WriteDetection(TextWriter output, ScenarioDetection detection, DateTime? hostProcessed)
        {
            const string indent = "            ";
            output.Write("          <DETECTION>\n");
            XmlLines.Number(output, indent, "QID", detection.Qid);
            XmlLines.Text(output, indent, "TYPE", QualysText.DetectionType(detection.Type));
            XmlLines.Number(output, indent, "SEVERITY", detection.Severity);
            if (detection.Port.HasValue) XmlLines.Number(output, indent, "PORT", detection.Port.Value);
            if (detection.Protocol != null) XmlLines.Text(output, indent, "PROTOCOL", detection.Protocol);
            XmlLines.Number(output, indent, "SSL", detection.Ssl ? 1 : 0);
            if (detection.Results != null) XmlLines.CData(output, indent, "RESULTS", detection.Results);
            if (detection.Status.HasValue) XmlLines.Text(output, indent, "STATUS", QualysText.Status(detection.Status.Value));
            XmlLines.Date(output, indent, "FIRST_FOUND_DATETIME", detection.FirstFound);
            XmlLines.Date(output, indent, "LAST_FOUND_DATETIME", detection.LastFound);
            XmlLines.Number(output, indent, "TIMES_FOUND", detection.TimesFound);
            // A fixed detection was last tested when it was found fixed, after it was last found;
            // updating and processing happen when the host's scan is processed, minutes later.
            var tested = Max(detection.LastFound, detection.LastFixed);
            var processed = Max(tested, hostProcessed);
            XmlLines.Date(output, indent, "LAST_TEST_DATETIME", tested);
            XmlLines.Date(output, indent, "LAST_UPDATE_DATETIME", processed);
            XmlLines.Date(output, indent, "LAST_FIXED_DATETIME", detection.LastFixed);
            if (detection.LastReopened.HasValue)
            {
                XmlLines.Date(output, indent, "LAST_REOPENED_DATETIME", detection.LastReopened);
                XmlLines.Number(output, indent, "TIMES_REOPENED", detection.TimesReopened);
            }
            XmlLines.Number(output, indent, "IS_IGNORED", 0);
            XmlLines.Number(output, indent, "IS_DISABLED", 0);
            XmlLines.Date(output, indent, "LAST_PROCESSED_DATETIME", processed);
            output.Write("          </DETECTION>\n");
        }

        private static DateTime Max(DateTime a, DateTime? b) => b.HasValue && QualysText.Utc(b.Value) > QualysText.Utc(a) ? b.Value : a;

        /// <summary>One host of lookahead, so a page knows whether another follows (and its ID for id_min).</summary>
        private sealed class HostCursor : IDisposable
        {
            private readonly IEnumerator<ScenarioHost> _hosts;
            private long? _previousId;

            public HostCursor(IEnumerable<ScenarioHost> hosts)
            {
                _hosts = hosts.GetEnumerator();
                Advance();
            }

            public bool HasCurrent { get; private set; }
            public ScenarioHost Current => _hosts.Current;

            public void Advance()
            {
                HasCurrent = _hosts.MoveNext();
                if (!HasCurrent) return;
                long id = _hosts.Current.HostId;
                // The API lists hosts by ascending ID; id_min paging is meaningless otherwise.
                if (_previousId.HasValue && id <= _previousId.Value)
                    throw new ArgumentException($"Host IDs must ascend, as the API lists them: {id} follows {_previousId.Value}.", "hosts");
                _previousId = id;
            }

            public void Dispose() => _hosts.Dispose();
        }
    }
}
