using System;
using System.IO;
using System.Text;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Writes a Scan Results CSV or a Host List Detection XML page of any size, straight to a
    /// stream. Every (host, QID) pair of a fixed estate is written once per pass, with the same
    /// port, and whole passes repeat until the file is at least as large as asked: a larger file
    /// holds more text, never more distinct findings. Each finding carries about a kilobyte of
    /// text, numbered so no two are alike.
    /// </summary>
    internal sealed class HugeScan
    {
        public const int Hosts = 1000;
        public const int Qids = 20;
        private const int FirstQid = 100000;

        private static readonly string Threat = new string('t', 150) + " remote attackers may read data.";
        private static readonly string Solution = "Apply the vendor update. " + new string('s', 120);

        private readonly StringBuilder _text = new StringBuilder(32 * 1024);

        public long Rows { get; private set; }
        public long Bytes { get; private set; }

        public static int DistinctHostQid => Hosts * Qids;

        public static HugeScan Write(Stream destination, long targetBytes, bool xml = false)
        {
            var scan = new HugeScan();
            if (xml) scan.WriteDetections(destination, targetBytes);
            else scan.WriteCsv(destination, targetBytes);
            return scan;
        }

        private bool More(long targetBytes) => Rows == 0 || Bytes < targetBytes || Rows % DistinctHostQid != 0;

        private void WriteCsv(Stream destination, long targetBytes)
        {
            var metadata = File.ReadAllText(Hostile.ScanResultsCsvPath, Encoding.UTF8);
            int header = metadata.IndexOf("\"IP\",\"DNS\"", StringComparison.Ordinal);
            Append(destination, _text.Append(metadata, 0, metadata.IndexOf('\n', header) + 1));

            while (More(targetBytes))
            {
                long pass = Rows / DistinctHostQid;
                int h = (int)(Rows % Hosts), q = FirstQid + (int)(Rows / Hosts % Qids);
                _text.Append("\"10.").Append(h / 256 % 256).Append('.').Append(h % 256).Append(".1\",")
                    .Append("\"host").Append(h).Append(".corp.example.com\",\"HOST").Append(h).Append("\",\"Windows Server 2019 Standard\",")
                    .Append("\"host scanned, found vuln\",\"").Append(q).Append("\",\"Generated vulnerability ").Append(q).Append("\",\"Vuln\",\"")
                    .Append(q % 5 + 1).Append("\",\"").Append(443 + q % 3).Append("\",\"tcp\",\"\",\"no\",\"CVE-2024-").Append(q).Append("\",\"\",\"\",\"5.0\",\"\",\"6.5\",\"\",\"")
                    .Append(Threat).Append("\",\"Impact text.\",\"").Append(Solution).Append("\",\"\",\"\",\"Pass ").Append(pass).Append(", row ").Append(Rows)
                    .Append(":\nTLSv1.0 is supported\n").Append('r', 400).Append("\",\"no\",\"\",\"General remote services\"\r\n");
                Rows++;
                if (_text.Length > 16 * 1024) Append(destination, _text);
            }
            Append(destination, _text);
        }

        /// <summary>One HOST element per host and pass, holding the host's detections.</summary>
        private void WriteDetections(Stream destination, long targetBytes)
        {
            _text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n")
                .Append("<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM \"https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd\">\n")
                .Append("<HOST_LIST_VM_DETECTION_OUTPUT>\n<RESPONSE>\n<DATETIME>2024-05-01T10:00:00Z</DATETIME>\n<HOST_LIST>\n");
            while (More(targetBytes))
            {
                long pass = Rows / DistinctHostQid;
                int h = (int)(Rows / Qids % Hosts);
                _text.Append("<HOST>\n<ID>").Append(1000000 + h).Append("</ID>\n<IP>10.").Append(h / 256 % 256).Append('.').Append(h % 256).Append(".1</IP>\n")
                    .Append("<TRACKING_METHOD>IP</TRACKING_METHOD>\n<OS><![CDATA[Windows Server 2019 Standard]]></OS>\n")
                    .Append("<DNS><![CDATA[host").Append(h).Append(".corp.example.com]]></DNS>\n<NETBIOS><![CDATA[HOST").Append(h).Append("]]></NETBIOS>\n")
                    .Append("<LAST_SCAN_DATETIME>2024-04-30T22:00:00Z</LAST_SCAN_DATETIME>\n<DETECTION_LIST>\n");
                for (int k = 0; k < Qids; k++)
                {
                    int q = FirstQid + k;
                    _text.Append("<DETECTION>\n<QID>").Append(q).Append("</QID>\n<TYPE>Confirmed</TYPE>\n<SEVERITY>").Append(q % 5 + 1).Append("</SEVERITY>\n")
                        .Append("<PORT>").Append(443 + q % 3).Append("</PORT>\n<PROTOCOL>tcp</PROTOCOL>\n<SSL>0</SSL>\n<RESULTS><![CDATA[Pass ").Append(pass).Append(", detection ").Append(Rows)
                        .Append(":\n").Append(Threat).Append('\n').Append(Solution).Append('\n').Append('r', 400).Append("]]></RESULTS>\n")
                        .Append("<STATUS>Active</STATUS>\n<FIRST_FOUND_DATETIME>2024-01-01T00:00:00Z</FIRST_FOUND_DATETIME>\n<LAST_FOUND_DATETIME>2024-04-30T22:00:00Z</LAST_FOUND_DATETIME>\n</DETECTION>\n");
                    Rows++;
                }
                _text.Append("</DETECTION_LIST>\n</HOST>\n");
                if (_text.Length > 16 * 1024) Append(destination, _text);
            }
            Append(destination, _text.Append("</HOST_LIST>\n</RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n"));
        }

        private void Append(Stream destination, StringBuilder text)
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            destination.Write(bytes, 0, bytes.Length);
            Bytes += bytes.Length;
            text.Clear();
        }
    }
}
