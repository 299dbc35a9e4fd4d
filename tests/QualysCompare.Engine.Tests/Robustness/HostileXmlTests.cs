using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Hostile XML: each input is refused with a named error or read safely, and nothing is ever
    /// fetched, read from disk or expanded. The network proof is a listener on 127.0.0.1 that must
    /// see no connection; the file proof is a local file whose content must appear nowhere.
    /// </summary>
    public sealed class HostileXmlTests : IDisposable
    {
        private const int HugeChars = 100 * 1024 * 1024;
        private readonly HostileFolder _folder = new HostileFolder();
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public HostileXmlTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        public void Dispose() => _folder.Dispose();

        /// <summary>A Host List Detection page of one scanner host with one detection; the
        /// hostile parts go into the DOCTYPE, the DNS name, or beside the host's elements.</summary>
        private static string Detections(string doctype = "", string dns = "web01.corp.example.com", string extra = "") =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n" + doctype + (doctype.Length > 0 ? "\n" : "")
            + "<HOST_LIST_VM_DETECTION_OUTPUT>\n<RESPONSE>\n<DATETIME>2024-05-01T10:00:00Z</DATETIME>\n<HOST_LIST>\n<HOST>\n"
            + "<ID>101</ID>\n<IP>10.0.0.1</IP>\n<TRACKING_METHOD>IP</TRACKING_METHOD>\n"
            + $"<DNS>{dns}</DNS>\n{extra}\n"
            + "<DETECTION_LIST>\n<DETECTION>\n<QID>38170</QID>\n<TYPE>Confirmed</TYPE>\n<SEVERITY>2</SEVERITY>\n<STATUS>Active</STATUS>\n</DETECTION>\n</DETECTION_LIST>\n"
            + "</HOST>\n</HOST_LIST>\n</RESPONSE>\n</HOST_LIST_VM_DETECTION_OUTPUT>\n";

        [Fact]
        public void PlainDetectionPageGivesItsFinding()
        {
            var finding = Assert.Single(Hostile.Import(Hostile.Utf8(Detections())));
            Assert.Equal(38170, finding.QID);
            Assert.Equal("web01.corp.example.com", finding.DnsName);
        }

        // ---- external DTD and entities ----

        [Fact]
        public void ListenerNoticesAConnection()
        {
            // The control for the tests below: were anything to fetch the URL, the listener would know.
            using var listener = new Listener();
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, new Uri(listener.Url).Port);
            Assert.Throws<Xunit.Sdk.FalseException>(() => listener.AssertNoConnection());
        }

        [Theory]
        [InlineData("b-defectdojo-qualys_infrascan_webgui_multiple.xml")]
        [InlineData("c-defectdojo-samples-Qualys_Sample_Report-2019.xml")]
        [InlineData("e-jupiterone-fixture-detections.xml")]
        public void ExternalDtdOnThisMachineIsNeverFetched(string sample)
        {
            var original = File.ReadAllText(Fixtures.Sample(sample), Encoding.UTF8);
            int expected = Fixtures.Import(Fixtures.Sample(sample)).Count;
            using var listener = new Listener();
            var hostile = Regex.Replace(original, "SYSTEM\\s+\"https://[^\"]+\"", $"SYSTEM \"{listener.Url}\"");
            Assert.Contains(listener.Url, hostile);

            var findings = Hostile.Import(Hostile.Utf8(hostile));

            Assert.Equal(expected, findings.Count);
            listener.AssertNoConnection();
        }

        public static TheoryData<string, string> EntityAttacks() => new TheoryData<string, string>
        {
            { "file entity", "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [\n<!ENTITY leak SYSTEM \"{secret}\">\n]>" },
            { "network entity", "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [\n<!ENTITY leak SYSTEM \"{url}\">\n]>" },
            { "parameter entity", "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [\n<!ENTITY % remote SYSTEM \"{url}\"> %remote;\n]>" },
            { "external DTD and entity", "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM \"{url}\" [\n<!ENTITY leak SYSTEM \"{secret}\">\n]>" },
            {
                "billion laughs",
                "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [\n<!ENTITY lol \"lol\">\n"
                + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">\n"))
                + "<!ENTITY leak \"&lol9;\">\n]>"
            },
            { "quadratic blowup", "<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT [\n<!ENTITY leak \"" + new string('x', 100000) + "\">\n]>" },
        };

        [Theory]
        [MemberData(nameof(EntityAttacks))]
        public void EntityDeclarationsAreRefusedWithoutFetchingReadingOrExpanding(string attack, string doctype)
        {
            var secret = _folder.Write("secret.txt", "SECRET-CONTENT-4711");
            using var listener = new Listener();
            doctype = doctype.Replace("{secret}", new Uri(secret).AbsoluteUri).Replace("{url}", listener.Url);
            var xml = Detections(doctype, dns: "&leak;&leak;&leak;");
            var path = _folder.Write("attack.xml", xml);

            // What this thread allocated: other threads and the machine's speed do not move it.
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var error = Hostile.Refusal(path);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Assert.Equal(ErrorIds.XmlDtdRefused, error.ErrorId);
            Assert.Equal(Hostile.LineOf(xml, "<!ENTITY"), error.LineNumber);
            Assert.Contains(path, error.Message);
            Assert.DoesNotContain("SECRET-CONTENT", error.ToString());
            listener.AssertNoConnection();
            // A billion laughs expanded is 3 GB of text; refused at its declaration, a few KB.
            Assert.True(allocated < 16 * 1024 * 1024, $"{attack} allocated {allocated / 1024} KB");
        }

        [Fact]
        public void EntityReferenceWithoutADeclarationIsMalformedNotCutOff()
        {
            var xml = Detections(dns: "&leak;");

            var error = Hostile.Refusal(Hostile.Utf8(xml));

            Hostile.AssertRefused(error, ErrorIds.Malformed, Hostile.LineOf(xml, "&leak;"));
        }

        [Fact]
        public void SmallFileCutOffIsTruncated()
        {
            var xml = Detections();
            var cut = xml.Substring(0, xml.IndexOf("</HOST>", StringComparison.Ordinal) + 4);

            var error = Hostile.Refusal(Hostile.Utf8(cut));

            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
            Assert.Equal(cut.Count(c => c == '\n') + 1, error.LineNumber);
        }

        [Fact]
        public void DamageJustBeforeTheEndOfACompleteFileIsMalformed()
        {
            var xml = Detections().Replace("</HOST_LIST>", "</HOST_LIST></BROKEN>");

            var error = Hostile.Refusal(Hostile.Utf8(xml));

            Hostile.AssertRefused(error, ErrorIds.Malformed, Hostile.LineOf(xml, "</BROKEN>"));
        }

        // ---- nesting ----

        public static TheoryData<string> NestingPlaces() => new TheoryData<string> { "read element", "skipped element", "below the root", "API error body" };

        [Theory]
        [MemberData(nameof(NestingPlaces))]
        public void MillionDeepNestingIsRefusedAtItsLine(string place)
        {
            const int Depth = 1_000_000;
            var open = string.Concat(Enumerable.Repeat("<x>", Depth));
            var close = string.Concat(Enumerable.Repeat("</x>", Depth));
            string xml = place switch
            {
                "read element" => Detections(dns: "\n" + open + close),
                "skipped element" => Detections(extra: "<UNKNOWN>\n" + open + close + "</UNKNOWN>"),
                "below the root" => Detections().Replace("<RESPONSE>", "\n" + open + close + "<RESPONSE>"),
                _ => "<?xml version=\"1.0\"?>\n<SIMPLE_RETURN>\n<RESPONSE>\n" + open + close + "<CODE>1905</CODE></RESPONSE></SIMPLE_RETURN>\n",
            };

            var bytes = Hostile.Utf8(xml);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var error = Hostile.Refusal(bytes);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Hostile.AssertRefused(error, ErrorIds.NestingTooDeep, Hostile.LineOf(xml, "<x>"));
            _output.WriteLine($"{place}: {bytes.Length / 1024} KB in, {allocated / 1024} KB allocated");
            // Refused at the depth limit, not after a million levels of reader state.
            Assert.True(allocated < 16 * 1024 * 1024, $"{place}: {allocated / 1024} KB allocated for {bytes.Length / 1024} KB of input");
        }

        // ---- 100 MB nodes, generated on disk ----

        /// <summary>A detection page with <see cref="HugeChars"/> of 'A' written between
        /// <paramref name="before"/> and <paramref name="after"/>, which replace the DNS element.</summary>
        private string HugeNode(string name, string before, string after, out int line)
        {
            var xml = Detections(dns: "\u0001");
            var parts = xml.Split("<DNS>\u0001</DNS>");
            line = Hostile.LineOf(xml, "<DNS>");
            return _folder.Generate(name, stream =>
            {
                var utf8 = new UTF8Encoding(false);
                stream.Write(utf8.GetBytes(parts[0] + before));
                var chunk = Enumerable.Repeat((byte)'A', 1 << 20).ToArray();
                for (int written = 0; written < HugeChars; written += chunk.Length) stream.Write(chunk);
                stream.Write(utf8.GetBytes(after + parts[1]));
            });
        }

        [Theory]
        [InlineData("text of a read element", "<DNS>", "</DNS>")]
        [InlineData("CDATA of a read element", "<DNS><![CDATA[", "]]></DNS>")]
        [InlineData("attribute value", "<DNS type=\"", "\">web01</DNS>")]
        [InlineData("comment", "<!--", "--><DNS>web01</DNS>")]
        [InlineData("CDATA of a skipped element", "<UNKNOWN><![CDATA[", "]]></UNKNOWN>")]
        public void HundredMegabyteNodeIsRefusedBeforeItIsHeld(string node, string before, string after)
        {
            var path = HugeNode("huge.xml", before, after, out int line);

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var error = Hostile.Refusal(path);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Assert.Equal(ErrorIds.FieldTooLarge, error.ErrorId);
            Assert.Equal(line, error.LineNumber);
            Assert.True(allocated < 100L * 1024 * 1024, $"{node}: {allocated / 1048576} MB allocated for a 100 MB node");
        }

        [Fact]
        public void HundredMegabyteTextOfASkippedElementIsPassedOverUnheld()
        {
            var path = HugeNode("huge-skipped.xml", "<UNKNOWN>", "</UNKNOWN><DNS>web01</DNS>", out _);

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var finding = Assert.Single(Fixtures.Import(path));
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Assert.Equal("web01", finding.DnsName);
            Assert.True(allocated < 16L * 1024 * 1024, $"{allocated / 1048576} MB allocated to pass over a 100 MB text node");
        }

        // ---- declarations that lie ----

        public static TheoryData<string, string, string> LyingDeclarations() => new TheoryData<string, string, string>
        {
            { "UTF-8", "with BOM", "UTF-16" },
            { "UTF-8", "without BOM", "UTF-16" },
            { "UTF-8", "without BOM", "ISO-8859-1" },
            { "UTF-16LE", "with BOM", "UTF-8" },
            { "UTF-16LE", "without BOM", "UTF-8" },
            { "UTF-16BE", "with BOM", "UTF-8" },
            { "UTF-16BE", "without BOM", "UTF-8" },
        };

        [Theory]
        [MemberData(nameof(LyingDeclarations))]
        public void DeclarationThatLiesAboutTheEncodingIsIgnored(string written, string bom, string declared)
        {
            var xml = Detections(dns: "büro-ñandú.corp.example.com").Replace("encoding=\"UTF-8\"", $"encoding=\"{declared}\"");
            Encoding encoding = written switch
            {
                "UTF-16LE" => new UnicodeEncoding(false, bom == "with BOM"),
                "UTF-16BE" => new UnicodeEncoding(true, bom == "with BOM"),
                _ => new UTF8Encoding(bom == "with BOM"),
            };
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(xml)).ToArray();

            var finding = Assert.Single(Hostile.Import(bytes));

            Assert.Equal("büro-ñandú.corp.example.com", finding.DnsName);
        }

        // ---- the KnowledgeBase, read by a reader of its own ----

        private static string KnowledgeBase(string doctype = "", string title = "DNS Host Name", string extra = "") =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n" + doctype + (doctype.Length > 0 ? "\n" : "")
            + "<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n<RESPONSE>\n<DATETIME>2024-05-01T10:00:00Z</DATETIME>\n<VULN_LIST>\n<VULN>\n<QID>6</QID>\n"
            + $"<VULN_TYPE>Information Gathered</VULN_TYPE>\n<SEVERITY_LEVEL>1</SEVERITY_LEVEL>\n<TITLE>{title}</TITLE>\n{extra}\n"
            + "<CATEGORY>Information gathering</CATEGORY>\n</VULN>\n</VULN_LIST>\n</RESPONSE>\n</KNOWLEDGE_BASE_VULN_LIST_OUTPUT>\n";

        private static QualysReportException KnowledgeBaseRefusal(byte[] bytes) =>
            Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(new MemoryStream(bytes), "hostile").ToList());

        public static TheoryData<string> KnowledgeBaseAttacks() => new TheoryData<string>
        {
            "entity declaration", "million-deep nesting", "16 MB title", "16 MB attribute", "NUL", "cut off", "damaged before its end",
        };

        [Theory]
        [MemberData(nameof(KnowledgeBaseAttacks))]
        public void KnowledgeBaseRefusesHostileInputByName(string attack)
        {
            var plain = KnowledgeBase();
            Assert.Equal("DNS Host Name", Assert.Single(KnowledgeBaseReader.Read(new MemoryStream(Hostile.Utf8(plain)), "plain")).Title);
            var huge = new string('A', 17 * 1024 * 1024);
            var (xml, errorId, marker) = attack switch
            {
                "entity declaration" => (KnowledgeBase("<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT [\n<!ENTITY lol \"lol\">\n]>", title: "&lol;"), ErrorIds.XmlDtdRefused, "<!ENTITY"),
                "million-deep nesting" => (KnowledgeBase(extra: string.Concat(Enumerable.Repeat("<x>", 1_000_000)) + string.Concat(Enumerable.Repeat("</x>", 1_000_000))), ErrorIds.NestingTooDeep, "<x>"),
                "16 MB title" => (KnowledgeBase(title: huge), ErrorIds.FieldTooLarge, "<TITLE>"),
                "16 MB attribute" => (KnowledgeBase(extra: $"<SOFTWARE_LIST a=\"{huge}\"/>"), ErrorIds.FieldTooLarge, "<SOFTWARE_LIST"),
                "NUL" => (KnowledgeBase(title: "DNS \0Host"), ErrorIds.NullCharacter, "<TITLE>"),
                "cut off" => (plain.Substring(0, plain.IndexOf("</VULN>", StringComparison.Ordinal)), ErrorIds.Truncated, (string?)null),
                _ => (plain.Replace("</VULN_LIST>", "</VULN_LIST></BROKEN>"), ErrorIds.Malformed, "</BROKEN>"),
            };

            var error = KnowledgeBaseRefusal(Hostile.Utf8(xml));

            // Cut off, it fails where the text runs out: on its last line.
            Hostile.AssertRefused(error, errorId, marker == null ? xml.Count(c => c == '\n') + 1 : Hostile.LineOf(xml, marker));
        }

        /// <summary>
        /// A TCP listener on a free port of 127.0.0.1. A connection attempt completes its handshake
        /// in the backlog whether or not it is accepted, so Pending() sees any fetch.
        /// </summary>
        private sealed class Listener : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);

            public Listener()
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/qualys/output.dtd";
            }

            public string Url { get; }

            public void AssertNoConnection()
            {
                // The import is synchronous, so a fetch would already have connected; the pause
                // only covers a resolver that connects on another thread.
                System.Threading.Thread.Sleep(50);
                Assert.False(_listener.Pending(), $"something connected to {Url}");
            }

            public void Dispose() => _listener.Stop();
        }
    }
}
