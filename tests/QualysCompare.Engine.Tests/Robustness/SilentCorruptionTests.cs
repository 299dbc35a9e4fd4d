using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// The cases where CSV libraries (CsvHelper 34 and Import-Csv included) were seen to give no
    /// error: Windows-1252 text turned into U+FFFD, a file cut off inside a quoted field giving
    /// the partial field, UTF-16 without a BOM giving garbage rows. The importer detects the
    /// encoding or refuses with a named error, reports a cut-off file as truncated, and never
    /// hands out garbage as findings.
    /// </summary>
    public sealed class SilentCorruptionTests
    {
        static SilentCorruptionTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        private const string Accented = "Certificat SSL – nom « commun » ≠ serveur: Müller, Peña, “quoted”, €5, ™";
        private const string OriginalTitle = "SSL Certificate - Subject Common Name Does Not Match Server FQDN";

        // ---- Windows-1252 ----

        [Fact]
        public void Windows1252CsvKeepsEveryAccent()
        {
            var text = Hostile.ScanResultsCsv.Replace(OriginalTitle, Accented.Replace("≠", "-"));
            var cp1252 = Encoding.GetEncoding(1252).GetBytes(text);
            Assert.Contains(cp1252, b => b >= 0x80);

            using var stream = new MemoryStream(cp1252);
            using var import = ReportImport.Open(stream, "cp1252.csv");
            var findings = import.ReadFindings().ToList();

            Assert.Equal(ReportEncoding.Windows1252, import.Encoding);
            Assert.Equal(Hostile.Describe(Hostile.Import(Hostile.Utf8(text))), Hostile.Describe(findings));
            Assert.Contains(findings, f => f.Title == Accented.Replace("≠", "-"));
            Assert.DoesNotContain(findings, f => CsvReaderTests.Describe(f).Contains('\uFFFD'));
        }

        [Fact]
        public void Windows1252XmlDeclaredUtf8KeepsEveryAccent()
        {
            var xml = Hostile.HostDetectionXml.Replace("2k8r2-u-10-11]]></DNS>", "büro-ñandú]]></DNS>");
            var findings = Hostile.Import(Encoding.GetEncoding(1252).GetBytes(xml));

            Assert.Equal(Hostile.Describe(Hostile.Import(Hostile.Utf8(xml))), Hostile.Describe(findings));
            Assert.Contains(findings, f => f.DnsName == "büro-ñandú");
        }

        [Theory]
        [InlineData(0x81)]
        [InlineData(0x8D)]
        [InlineData(0x8F)]
        [InlineData(0x90)]
        [InlineData(0x9D)]
        public void ByteThatNoEncodingReadIsACharacterOfIsRefusedNotReplaced(int undefined)
        {
            var text = Hostile.ScanResultsCsv.Replace(OriginalTitle, "Café " + OriginalTitle);
            var bytes = Encoding.GetEncoding(1252).GetBytes(text.Replace("Threat text.", "Threat \u0001 text."));
            bytes[Array.IndexOf(bytes, (byte)1)] = (byte)undefined;

            var error = Hostile.Refusal(bytes);

            Hostile.AssertRefused(error, ErrorIds.EncodingInvalid, Hostile.LineOf(text, "Threat text."));
            Assert.Contains($"0x{undefined:X2}", error.Message);
        }

        [Fact]
        public void DamagedUtf8IsRefusedAtItsLineNotReadAsWindows1252()
        {
            // Reading it as Windows-1252 would turn every "é" into "Ã©" without a word.
            var text = Hostile.ScanResultsCsv.Replace(OriginalTitle, "Données élevées " + OriginalTitle).Replace("Threat text.", "Threat \u0001 text.");
            var bytes = Hostile.Utf8(text);
            bytes[Array.IndexOf(bytes, (byte)1)] = 0xE9; // "é" in Windows-1252, a broken sequence in UTF-8

            var error = Hostile.Refusal(bytes);

            Hostile.AssertRefused(error, ErrorIds.EncodingInvalid, Hostile.LineOf(text, "Threat \u0001"));
        }

        // ---- UTF-16 and UTF-32, with and without a byte order mark ----

        public static TheoryData<string, string> Encodings()
        {
            var data = new TheoryData<string, string>();
            foreach (var file in new[] { "csv", "json", "xml", "host-findings.csv", "vmdr.csv" })
            {
                foreach (var encoding in new[] { "UTF-16LE", "UTF-16BE", "UTF-16LE BOM", "UTF-16BE BOM", "UTF-32LE BOM", "UTF-32BE BOM", "UTF-8 BOM" })
                    data.Add(file, encoding);
            }
            return data;
        }

        private static string FixtureText(string file) => File.ReadAllText(file switch
        {
            "csv" => Hostile.ScanResultsCsvPath,
            "json" => Hostile.ScanResultsJsonPath,
            "xml" => Hostile.HostDetectionPath,
            "host-findings.csv" => Hostile.HostFindingsCsvPath,
            _ => Hostile.VmdrCsvPath,
        }, Encoding.UTF8);

        private static byte[] Encode(string text, string name)
        {
            Encoding encoding = name switch
            {
                "UTF-16LE" or "UTF-16LE BOM" => new UnicodeEncoding(false, true),
                "UTF-16BE" or "UTF-16BE BOM" => new UnicodeEncoding(true, true),
                "UTF-32LE BOM" => new UTF32Encoding(false, true),
                "UTF-32BE BOM" => new UTF32Encoding(true, true),
                _ => new UTF8Encoding(true),
            };
            var bytes = encoding.GetBytes(text);
            return name.EndsWith("BOM", StringComparison.Ordinal) ? encoding.GetPreamble().Concat(bytes).ToArray() : bytes;
        }

        [Theory]
        [MemberData(nameof(Encodings))]
        public void EveryUnicodeEncodingGivesTheSameFindingsAsUtf8(string file, string encoding)
        {
            var text = FixtureText(file).Replace("Ubuntu", "Ubüntü ✓");
            var expected = Hostile.Describe(Hostile.Import(Hostile.Utf8(text)));
            Assert.NotEmpty(expected);

            Assert.Equal(expected, Hostile.Describe(Hostile.Import(Encode(text, encoding))));
        }

        [Theory]
        [InlineData("UTF-16LE")]
        [InlineData("UTF-16BE BOM")]
        [InlineData("UTF-32LE BOM")]
        public void LargeUnicodeFileGivesTheSameFindingsAsUtf8(string encoding)
        {
            // More characters than one read buffer decodes at once (the property test found that limit).
            var text = Hostile.ScanResultsCsv;
            int header = Hostile.LineOf(text, "\"IP\",\"DNS\"");
            var lines = text.Split('\n');
            var large = string.Join("\n", lines.Take(header)) + "\n" + string.Concat(Enumerable.Repeat(lines[header].Replace("Ubuntu", "Ubüntü 😀") + "\n", 400));
            var expected = Hostile.Describe(Hostile.Import(Hostile.Utf8(large)));
            Assert.Equal(400, expected.Count);

            Assert.Equal(expected, Hostile.Describe(Hostile.Import(Encode(large, encoding))));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Utf32WithoutByteOrderMarkIsRefusedByName(bool bigEndian)
        {
            var bytes = new UTF32Encoding(bigEndian, false).GetBytes(Hostile.ScanResultsCsv);

            var error = Hostile.Refusal(bytes);

            Assert.Equal(ErrorIds.EncodingUnsupported, error.ErrorId);
        }

        [Fact]
        public void LoneSurrogateInUtf16IsRefusedAtItsLine()
        {
            var text = Hostile.ScanResultsCsv.Replace("Threat text.", "Threat \u0001 text.");
            var bytes = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
            int at = Enumerable.Range(0, bytes.Length / 2).Select(i => i * 2).First(i => bytes[i] == 1 && bytes[i + 1] == 0);
            bytes[at] = 0x00;
            bytes[at + 1] = 0xDC;

            var error = Hostile.Refusal(bytes);

            Hostile.AssertRefused(error, ErrorIds.EncodingInvalid, Hostile.LineOf(text, "Threat \u0001"));
        }

        // ---- files cut off ----

        public static TheoryData<string> CutFiles() => new TheoryData<string> { "csv", "host-findings.csv", "vmdr.csv", "json", "xml", "scan.xml" };

        /// <summary>
        /// Cuts a real file at every place after its header (every 17th place in the larger SCAN
        /// file). Each cut must give Truncated, or findings that are exactly the first findings of
        /// the whole file. Fewer of them without an error is right only for a CSV cut at the end
        /// of a row, where no format has anything to say that more was to come; so for a CSV
        /// every such shorter read must be at a row end, and the cuts at row ends must give one
        /// for every count of findings short of the whole (the file could have ended after any
        /// of its rows); for XML and JSON, which close what they open, no cut may ever give a
        /// shorter read without an error.
        /// </summary>
        [Theory]
        [MemberData(nameof(CutFiles))]
        public void FileCutAnywhereIsTruncatedOrGivesOnlyWholeFindings(string file)
        {
            var bytes = file == "scan.xml" ? File.ReadAllBytes(Hostile.ScanXmlPath) : Hostile.Utf8(FixtureText(file));
            var text = Encoding.UTF8.GetString(bytes);
            var whole = Hostile.Describe(Hostile.Import(bytes));
            bool csv = file.EndsWith("csv", StringComparison.Ordinal);
            int start = file switch
            {
                "json" => text.IndexOf("},", StringComparison.Ordinal) + 2,
                "xml" or "scan.xml" => 1,
                _ => Encoding.UTF8.GetByteCount(text.Substring(0, text.IndexOf("\"QID\"", StringComparison.Ordinal))),
            };
            int step = file == "scan.xml" ? 17 : 1;
            int truncated = 0;
            // The cuts that gave fewer findings than the whole file and no error.
            var shorter = new List<(int Cut, int Findings, bool RowEnd)>();

            for (int cut = start; cut < bytes.Length; cut += step)
            {
                var read = new List<QualysFinding>();
                string outcome;
                try
                {
                    using var stream = new MemoryStream(bytes, 0, cut, writable: false);
                    using var import = ReportImport.Open(stream, "cut");
                    foreach (var finding in import.ReadFindings()) read.Add(finding);
                    outcome = "read";
                }
                catch (QualysReportException e)
                {
                    outcome = e.ErrorId;
                }

                var described = Hostile.Describe(read);
                Assert.True(described.SequenceEqual(whole.Take(described.Count)), $"cut at {cut}: a finding differs from the whole file's");
                if (outcome == ErrorIds.Truncated)
                {
                    truncated++;
                    continue;
                }
                Assert.True(outcome == "read", $"cut at {cut}: {outcome}");
                if (described.Count == whole.Count) continue;
                bool rowEnd = bytes[cut - 1] == '\n' || bytes[cut - 1] == '\r' || bytes[cut] == '\r' || bytes[cut] == '\n';
                shorter.Add((cut, described.Count, rowEnd));
            }

            Assert.True(truncated > (bytes.Length - start) / step / 2, $"only {truncated} cuts were truncated");
            if (!csv)
            {
                Assert.True(shorter.Count == 0, $"{shorter.Count} cuts gave fewer findings and no error, the first at {shorter.FirstOrDefault().Cut} "
                    + $"with {shorter.FirstOrDefault().Findings} of {whole.Count}");
                return;
            }
            var inRow = shorter.Where(s => !s.RowEnd).ToList();
            Assert.True(inRow.Count == 0, $"{inRow.Count} cuts inside a row gave fewer findings and no error, the first at {inRow.FirstOrDefault().Cut} "
                + $"with {inRow.FirstOrDefault().Findings} of {whole.Count}");
            Assert.True(whole.Count > 1, "the fixture needs more than one finding for a cut between rows");
            var missing = Enumerable.Range(1, whole.Count - 1).Except(shorter.Select(s => s.Findings)).ToList();
            Assert.True(missing.Count == 0, $"no cut at a row end gave {string.Join(", ", missing)} of the {whole.Count} findings");
        }

        [Theory]
        [InlineData("csv", "\"10.20.30.")]
        [InlineData("host-findings.csv", "\"10.98.")]
        [InlineData("vmdr.csv", "\"1000")]
        public void CsvCutInsideTheLastQuotedFieldIsTruncatedAtTheRowsLine(string file, string rowStart)
        {
            var text = FixtureText(file);
            // The Scan Results trailer block is not a finding; cut the table's own last row.
            int trailer = text.IndexOf("\"" + ScanResultsCsvReader.TargetDistribution, StringComparison.Ordinal);
            var table = (trailer < 0 ? text : text.Substring(0, trailer)).TrimEnd();
            int lastRow = table.LastIndexOf("\n" + rowStart, StringComparison.Ordinal) + 1;
            Assert.EndsWith("\"", table);
            var cut = table.Substring(0, table.Length - 1); // its closing quote

            var error = Hostile.Refusal(Hostile.Utf8(cut));

            Hostile.AssertRefused(error, ErrorIds.Truncated, table.Take(lastRow).Count(c => c == '\n') + 1);
            Assert.Contains("quoted field", error.Message);
        }

        [Fact]
        public void CsvCutBetweenTwoFieldsIsTruncated()
        {
            var text = Hostile.ScanResultsCsv;
            int header = Hostile.LineOf(text, "\"IP\",\"DNS\"");
            var row = text.Split('\n')[header].TrimEnd('\r');
            var table = string.Join("\n", text.Split('\n').Take(header)) + "\n";
            foreach (int fields in new[] { 1, 5, 28 })
            {
                var cells = row.Split("\",\"");
                var cut = table + string.Join("\",\"", cells.Take(fields)) + "\"";
                var error = Hostile.Refusal(Hostile.Utf8(cut));
                Hostile.AssertRefused(error, ErrorIds.Truncated, header + 1);
                Assert.Contains($"after {fields} of the 29 columns", error.Message);

                var error2 = Hostile.Refusal(Hostile.Utf8(cut + ","));
                Hostile.AssertRefused(error2, ErrorIds.Truncated, header + 1);
            }
            // The whole row without its line break is complete.
            Assert.Single(Hostile.Import(Hostile.Utf8(table + row)));
        }
    }
}
