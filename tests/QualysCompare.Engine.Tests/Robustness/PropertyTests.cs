using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Properties checked on generated input (CsCheck; a failure is shrunk to a small case and
    /// printed with the seed that replays it).
    /// </summary>
    public sealed class PropertyTests
    {
        /// <summary>What a spreadsheet would run as a formula, and what CSV and XML treat specially.</summary>
        private static readonly int[] Awkward =
        {
            ',', '"', '\r', '\n', '\t', ' ', '=', '+', '-', '@', '\'', ';', '<', '>', '&', 0x01, 0x7F, 0x85, 0xA0, 0x2028, 0xFFFD,
        };

        /// <summary>Unicode scalar values (no surrogate halves), weighted towards the awkward ones.
        /// <paramref name="withNul"/> adds U+0000; U+FEFF never appears (at the start of a file it
        /// is a byte order mark, by definition).</summary>
        private static Gen<string> Text(int maxLength, bool withNul = false)
        {
            var codePoint = Gen.OneOf<int>(
                Gen.Int[0x20, 0x7E],
                Gen.OneOf(Awkward),
                Gen.Int[0xA1, 0xD7FF].Where(c => c != 0xFEFF),
                Gen.Int[0xE000, 0xFFFD].Where(c => c != 0xFEFF),
                Gen.Int[0x10000, 0x10FFFF],
                Gen.Int[withNul ? 0 : 1, 0x1F]);
            return codePoint.Array[0, maxLength].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));
        }

        // ---- CSV export: write, then read back with a strict RFC 4180 reader of our own ----

        private static readonly Gen<VantageComparison> Rows =
            Gen.Select(Text(30, withNul: true).Array[11, 11], Gen.Int[1, 999999], Gen.Int[0, 6], Gen.Bool, (text, qid, severity, nullSome) => new VantageComparison
            {
                HostName = text[0],
                DnsName = nullSome ? null : text[1],
                NetBiosName = text[2],
                ScannerIP = text[3],
                AgentIP = nullSome ? null : text[4],
                AgentHostId = text[5],
                QID = qid,
                Title = text[6],
                Severity = severity == 0 ? (int?)null : severity,
                ReasonDetail = text[7],
                ScannerPorts = text[8],
                CveIds = text[9],
                Category = text[10],
                AgentLastDetected = nullSome ? (DateTime?)null : new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc),
            });

        private static readonly Func<VantageComparison, string?>[] TextColumns =
        {
            r => r.HostName, r => r.DnsName, r => r.NetBiosName, r => r.ScannerIP, r => r.AgentIP, r => r.AgentHostId,
            r => r.Title, r => r.ReasonDetail, r => r.ScannerPorts, r => r.CveIds, r => r.Category,
        };

        private static readonly string[] TextColumnNames =
        {
            "HostName", "DnsName", "NetBiosName", "ScannerIP", "AgentIP", "AgentHostId", "Title", "ReasonDetail", "ScannerPorts", "CveIds", "Category",
        };

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void CsvExportReadsBackAsWritten(bool sanitize)
        {
            Rows.Array[0, 20].Sample(rows =>
            {
                using var stream = new MemoryStream();
                int written = GapCsvWriter.Write(stream, rows, sanitize);
                var bytes = stream.ToArray();
                Assert.Equal(rows.Length, written);
                Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));

                var records = StrictCsv.Parse(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3));
                Assert.Equal(rows.Length + 1, records.Count);
                var header = records[0];
                Assert.Equal(FlatObjectCsvWriter<VantageComparison>.Header, header);
                for (int r = 0; r < rows.Length; r++)
                {
                    var record = records[r + 1];
                    Assert.Equal(header.Count, record.Count);
                    for (int c = 0; c < TextColumns.Length; c++)
                    {
                        string original = TextColumns[c](rows[r]) ?? string.Empty;
                        string expected = sanitize && original.Length > 0 && "=+-@\t\r".IndexOf(original[0]) >= 0 ? "'" + original : original;
                        Assert.Equal(expected, record[header.IndexOf(TextColumnNames[c])]);
                    }
                    Assert.Equal(rows[r].QID.ToString(System.Globalization.CultureInfo.InvariantCulture), record[header.IndexOf("QID")]);
                    Assert.Equal(rows[r].Severity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, record[header.IndexOf("Severity")]);
                    Assert.Equal(rows[r].AgentLastDetected == null ? string.Empty : "2024-05-01T10:00:00Z", record[header.IndexOf("AgentLastDetected")]);
                }
            }, iter: 300);
        }

        [Fact]
        public void SanitizedCsvHasNoCellThatStartsAFormula()
        {
            Rows.Array[1, 10].Sample(rows =>
            {
                using var stream = new MemoryStream();
                GapCsvWriter.Write(stream, rows, sanitize: true);
                var records = StrictCsv.Parse(Encoding.UTF8.GetString(stream.ToArray(), 3, (int)stream.Length - 3));
                foreach (var cell in records.Skip(1).SelectMany(record => record))
                {
                    // Negative numbers are numbers, not formulas; text never starts with a formula character.
                    bool number = double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
                    Assert.True(number || cell.Length == 0 || "=+-@\t\r".IndexOf(cell[0]) < 0, $"cell starts a formula: {cell}");
                }
            }, iter: 200);
        }

        // ---- ReportStream: any Unicode text, in any encoding with a byte order mark, comes back the same ----

        private static readonly (string Name, Encoding Encoding)[] Encodings =
        {
            ("UTF-8", new UTF8Encoding(false)),
            ("UTF-8 BOM", new UTF8Encoding(true)),
            ("UTF-16LE BOM", new UnicodeEncoding(false, true)),
            ("UTF-16BE BOM", new UnicodeEncoding(true, true)),
            ("UTF-32LE BOM", new UTF32Encoding(false, true)),
            ("UTF-32BE BOM", new UTF32Encoding(true, true)),
        };

        [Fact]
        public void TranscodingGivesTheSameTextBackWhateverTheEncodingAndReadSizes()
        {
            var texts = Gen.OneOf(Text(200), Text(40000));
            Gen.Select(texts, Gen.Int[0, Encodings.Length - 1], Gen.Int[1, 70000].Array[1, 4]).Sample((text, e, readSizes) =>
            {
                var (name, encoding) = Encodings[e];
                var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

                using var stream = ReportStream.Open(new MemoryStream(bytes), name);
                var output = new MemoryStream();
                var buffer = new byte[readSizes.Max()];
                for (int i = 0, n; (n = stream.Read(buffer, 0, readSizes[i++ % readSizes.Length])) > 0;) output.Write(buffer, 0, n);

                Assert.Equal(text, new UTF8Encoding(false, true).GetString(output.ToArray()));
                Assert.Equal(text.Count(c => c == '\n') + 1, stream.Line);
                Assert.True(stream.AtEnd);
            }, iter: 200);
        }

        [Fact]
        public void MarkupLimitPassesEveryCharacterThroughUnchanged()
        {
            Gen.Select(Text(3000), Gen.Int[1, 5000]).Sample((text, readSize) =>
            {
                using var reader = new XmlMarkupLimit(new StringReader(text), "generated");
                var copy = new StringBuilder();
                var buffer = new char[readSize];
                for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;) copy.Append(buffer, 0, n);

                Assert.Equal(text, copy.ToString());
            }, iter: 300);
        }

        // ---- the Scan Results CSV reader: whatever a field holds, the finding holds it ----

        private const string Header = "\"IP\",\"DNS\",\"NetBIOS\",\"OS\",\"IP Status\",\"QID\",\"Title\",\"Type\",\"Severity\",\"Port\",\"Protocol\",\"FQDN\",\"SSL\",\"CVE ID\",\"Vendor Reference\",\"Bugtraq ID\",\"CVSS Base\",\"CVSS Temporal\",\"CVSS3 Base\",\"CVSS3 Temporal\",\"Threat\",\"Impact\",\"Solution\",\"Exploitability\",\"Associated Malware\",\"Results\",\"PCI Vuln\",\"Instance\",\"Category\"";

        private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

        [Fact]
        public void ScanResultsCsvFieldsReachTheFindingsWhateverTheyHold()
        {
            var row = Gen.Select(Text(40), Text(40), Text(200), Gen.Int[1, 999999]);
            Gen.Select(row.Array[1, 8], Gen.Bool).Sample((rows, crlf) =>
            {
                string newLine = crlf ? "\r\n" : "\n";
                var csv = new StringBuilder(Header).Append(newLine);
                for (int i = 0; i < rows.Length; i++)
                {
                    var (title, netbios, results, qid) = rows[i];
                    csv.Append(string.Join(",", new[]
                    {
                        Quote($"10.0.0.{i + 1}"), Quote("host.example.com"), Quote(netbios), Quote("Linux"), Quote("host scanned, found vuln"),
                        Quote(qid.ToString(System.Globalization.CultureInfo.InvariantCulture)), Quote(title), Quote("Vuln"), Quote("3"), Quote("443"), Quote("tcp"),
                    }.Concat(Enumerable.Repeat(Quote(string.Empty), 14)).Concat(new[] { Quote(results), Quote("no"), Quote(string.Empty), Quote("General") })));
                    csv.Append(newLine);
                }

                var findings = Hostile.Import(Hostile.Utf8(csv.ToString()), "generated.csv");

                Assert.Equal(rows.Length, findings.Count);
                for (int i = 0; i < rows.Length; i++)
                {
                    var (title, netbios, results, qid) = rows[i];
                    Assert.Equal(qid, findings[i].QID);
                    Assert.Equal(Vocabulary.Clean(title), findings[i].Title);
                    Assert.Equal(Vocabulary.Clean(netbios), findings[i].NetBiosName);
                    Assert.Equal(string.IsNullOrWhiteSpace(results) ? null : results, findings[i].Results);
                }
            }, iter: 300);
        }
    }

    /// <summary>
    /// An RFC 4180 reader that accepts nothing else: CRLF record ends, quotes only around whole
    /// fields, doubled quotes inside them. Written here so the exporter is not checked by the
    /// library that wrote its output.
    /// </summary>
    internal static class StrictCsv
    {
        public static List<List<string>> Parse(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            int i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    for (i++; ; i++)
                    {
                        if (i >= text.Length) throw new FormatException("a quoted field is never closed");
                        if (text[i] != '"') field.Append(text[i]);
                        else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                        else break;
                    }
                    i++;
                }
                else
                {
                    for (; i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n'; i++)
                    {
                        if (text[i] == '"') throw new FormatException($"a quote inside an unquoted field at {i}");
                        field.Append(text[i]);
                    }
                }
                record.Add(field.ToString());
                field.Clear();
                if (i >= text.Length) throw new FormatException("the last record has no CRLF");
                if (text[i] == ',')
                {
                    i++;
                    continue;
                }
                if (text[i] != '\r' || i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"a record ends without CRLF at {i}");
                i += 2;
                records.Add(record);
                record = new List<string>();
            }
            return records;
        }
    }
}
