using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Files that are not a report at all: an archive the report is still inside, binary data,
    /// a schema that describes a report. Each is refused with an ErrorId and a message that say
    /// what the file is, instead of what reading it as text happened to trip over.
    /// </summary>
    public sealed class WrongFormatTests
    {
        private static byte[] Report => File.ReadAllBytes(Hostile.ScanResultsCsvPath);

        private static byte[] Zip(params string[] entries)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var name in entries)
                {
                    using var entry = zip.CreateEntry(name).Open();
                    entry.Write(Report, 0, Report.Length);
                }
            }
            return buffer.ToArray();
        }

        private static void AssertCompressed(byte[] bytes, string kind)
        {
            var error = Hostile.Refusal(bytes, "download");

            Assert.Equal(ErrorIds.Compressed, error.ErrorId);
            Assert.Equal(ReportErrorKind.InvalidArgument, error.Kind);
            Assert.StartsWith("download: this is " + kind, error.Message);
            Assert.Contains("compressed archive", error.Message);
            Assert.DoesNotContain("NUL", error.Message);
        }

        [Fact]
        public void ZipArchiveOfAReportIsRefusedAsCompressedWithAdviceToExtractIt()
        {
            var zip = Zip("scan-results.csv");
            Assert.Equal(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, zip.Take(4));

            AssertCompressed(zip, "a ZIP archive");
            Assert.Contains("Extract", Hostile.Refusal(zip).Message);
        }

        [Fact]
        public void EmptyZipArchiveIsRefusedAsCompressed()
        {
            var empty = Zip();
            Assert.Equal(new byte[] { 0x50, 0x4B, 0x05, 0x06 }, empty.Take(4));

            AssertCompressed(empty, "a ZIP archive");
        }

        [Fact]
        public void FirstPartOfASplitZipArchiveIsRefusedAsCompressed()
        {
            // A split archive's first part starts with the spanning signature, then the first local header.
            var split = new byte[] { 0x50, 0x4B, 0x07, 0x08 }.Concat(Zip("scan-results.csv")).ToArray();

            AssertCompressed(split, "a ZIP archive");
        }

        [Fact]
        public void GzipFileIsRefusedAsCompressedWithAdviceToDecompressIt()
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                gzip.Write(Report, 0, Report.Length);

            AssertCompressed(buffer.ToArray(), "a gzip-compressed file");
            Assert.Contains("Decompress", Hostile.Refusal(buffer.ToArray()).Message);
        }

        [Fact]
        public void SevenZipArchiveIsRefusedAsCompressed()
        {
            AssertCompressed(EmptySevenZipArchive(), "a 7-Zip archive");
        }

        /// <summary>An empty 7-Zip archive: the 32-byte signature header alone, as 7-Zip writes it
        /// (signature, version 0.4, the CRC of the next-header fields, which are all zero).</summary>
        private static byte[] EmptySevenZipArchive()
        {
            var archive = new byte[32];
            new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04 }.CopyTo(archive, 0);
            BitConverter.GetBytes(Crc32(archive, 12, 20)).CopyTo(archive, 8);
            return archive;
        }

        private static uint Crc32(byte[] bytes, int start, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = start; i < start + count; i++)
            {
                crc ^= bytes[i];
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
            return ~crc;
        }

        [Fact]
        public void KnowledgeBaseImportRefusesAZipArchiveAsCompressed()
        {
            using var stream = new MemoryStream(Zip("kb.xml"));
            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(stream, "kb.zip").ToList());

            Assert.Equal(ErrorIds.Compressed, error.ErrorId);
        }

        [Fact]
        public void RandomBytesAreBinaryNotAnotherCodePage()
        {
            var random = new byte[64 * 1024];
            new Random(14).NextBytes(random);
            random[0] = (byte)'"'; // not a signature any rule knows

            var error = Hostile.Refusal(random);

            Assert.Equal(ErrorIds.Binary, error.ErrorId);
            Assert.Contains("binary data, not a text report", error.Message);
            Assert.DoesNotContain("code page", error.Message);
            Assert.DoesNotContain("UTF-8", error.Message);
        }

        [Fact]
        public void AnExecutableIsBinary()
        {
            // The engine's own assembly: a real binary format (PE), full of zero bytes.
            var executable = File.ReadAllBytes(typeof(ReportImport).Assembly.Location);

            Assert.Equal(ErrorIds.Binary, Hostile.Refusal(executable).ErrorId);
        }

        [Fact]
        public void ControlCharactersOfABannerInTheFirstBlockDoNotMakeAReportBinary()
        {
            // Qualys copies service banners into Results, control characters and all.
            var text = Hostile.ScanResultsCsv.Replace("Certificate #0 CN=www.example.com", "Banner \u0007\u0001\u0002\u0003\u0004\u0005\u0006\u0008\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019 end");
            Assert.True(Hostile.LineOf(text, "Banner") < 15);

            var findings = Hostile.Import(Hostile.Utf8(text));

            Assert.Equal(10, findings.Count);
            Assert.Contains(findings, f => f.Results != null && f.Results.Contains("\u0007\u0001"));
        }

        [Fact]
        public void ValidUtf8FullOfControlCharactersIsTextNotBinary()
        {
            // Many control characters, but no NUL and no byte that is not UTF-8: text, read as such.
            var banner = string.Concat(Enumerable.Repeat("\u0007\u0001\u0002\u0003 é ", 300));
            var text = Hostile.ScanResultsCsv.Replace("Certificate #0 CN=www.example.com", banner);

            var findings = Hostile.Import(Hostile.Utf8(text));

            Assert.Contains(findings, f => f.Results != null && f.Results.Contains(banner));
        }

        [Fact]
        public void ControlCharactersAndANulInTheFirstBlockAreBinary()
        {
            var banner = string.Concat(Enumerable.Repeat("\u0007\u0001\u0002\u0003 é ", 300));
            var text = Hostile.ScanResultsCsv.Replace("Certificate #0 CN=www.example.com", banner + "\0");

            Assert.Equal(ErrorIds.Binary, Hostile.Refusal(Hostile.Utf8(text)).ErrorId);
        }

        [Fact]
        public void OneNulInTheFirstBlockIsStillANulAtItsLine()
        {
            var text = Hostile.ScanResultsCsv.Replace("Threat text.", "Threat \0 text.");

            var error = Hostile.Refusal(Hostile.Utf8(text));

            Hostile.AssertRefused(error, ErrorIds.NullCharacter, Hostile.LineOf(text, "Threat \0"));
        }

        // ---- schemas ----

        [Fact]
        public void QualysDtdIsASchemaNotAMalformedReport()
        {
            var path = Fixtures.Sample("f-qualyspy-knowledge_base_vuln_list_output.dtd");
            var error = Hostile.Refusal(path);

            Assert.Equal(ErrorIds.Schema, error.ErrorId);
            Assert.Equal(ReportErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(3, error.LineNumber); // two comments, then the first <!ELEMENT
            Assert.StartsWith(path + ", line 3: this is a DTD", error.Message);
        }

        [Fact]
        public void QualysDtdGivenAsAKnowledgeBaseIsASchema()
        {
            var path = Fixtures.Sample("f-qualyspy-knowledge_base_vuln_list_output.dtd");

            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(path).ToList());

            Assert.Equal(ErrorIds.Schema, error.ErrorId);
        }

        [Theory]
        [InlineData("xs")]
        [InlineData("xsd")]
        [InlineData("")]
        public void XmlSchemaIsASchemaNotAnUnknownRoot(string prefix)
        {
            string p = prefix.Length == 0 ? string.Empty : prefix + ":";
            string ns = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
            var xsd = $@"<?xml version=""1.0"" encoding=""UTF-8""?>
<{p}schema {ns}=""http://www.w3.org/2001/XMLSchema"" elementFormDefault=""qualified"">
  <{p}element name=""HOST_LIST_VM_DETECTION_OUTPUT"">
    <{p}complexType><{p}sequence><{p}element name=""RESPONSE"" type=""{p}string""/></{p}sequence></{p}complexType>
  </{p}element>
</{p}schema>
";
            var error = Hostile.Refusal(Hostile.Utf8(xsd));

            Hostile.AssertRefused(error, ErrorIds.Schema, 2);
            Assert.Contains("XML Schema (XSD", error.Message);
        }

        [Fact]
        public void AnElementNamedSchemaOutsideTheXmlSchemaNamespaceIsNoSchema()
        {
            var error = Hostile.Refusal(Hostile.Utf8("<?xml version=\"1.0\"?>\n<schema><HOST/></schema>\n"));

            Assert.Equal(ErrorIds.Unrecognized, error.ErrorId);
        }

        [Fact]
        public void EntityDeclarationsInADoctypeAreStillRefusedAsDtdAttacks()
        {
            var xml = Hostile.HostDetectionXml.Replace("output.dtd\">", "output.dtd\" [ <!ENTITY leak SYSTEM \"file:///etc/passwd\"> ]>");

            Assert.Equal(ErrorIds.XmlDtdRefused, Hostile.Refusal(Hostile.Utf8(xml)).ErrorId);
        }
    }
}
