using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Hostile CSV in each of the three Qualys layouts: every input ends in a named error with
    /// the line it is on. Inputs of 100 MB are generated on disk and deleted afterwards.
    /// </summary>
    public sealed class HostileCsvTests : IDisposable
    {
        private const int HugeBytes = 100 * 1024 * 1024;
        private readonly HostileFolder _folder = new HostileFolder();

        public void Dispose() => _folder.Dispose();

        public static TheoryData<string> Layouts() => new TheoryData<string> { "scan results", "host findings", "vmdr" };

        /// <summary>A layout's real file, without its Scan Results trailer, ending in a line break.</summary>
        private static string Table(string layout)
        {
            var text = File.ReadAllText(layout switch
            {
                "scan results" => Hostile.ScanResultsCsvPath,
                "host findings" => Hostile.HostFindingsCsvPath,
                _ => Hostile.VmdrCsvPath,
            }, Encoding.UTF8);
            int trailer = text.IndexOf("\"" + QualysCompare.Engine.Readers.ScanResultsCsvReader.TargetDistribution, StringComparison.Ordinal);
            return (trailer < 0 ? text : text.Substring(0, trailer)).TrimEnd() + "\n";
        }

        private static int Lines(string text) => text.Count(c => c == '\n');

        /// <summary>The header's line and its first column name, for each layout.</summary>
        private static int HeaderLine(string table) =>
            Hostile.LineOf(table, table.Contains("\"QID\",\"Title\",\"Severity\",\"KB Severity\"", StringComparison.Ordinal) ? "\"QID\",\"Title\",\"Severity\"" : "\"IP\",");

        [Theory]
        [MemberData(nameof(Layouts))]
        public void UnterminatedQuoteAtTheEndIsTruncatedAtItsRow(string layout)
        {
            var table = Table(layout);
            var text = table + "\"10.0.0.99\",\"never closed";

            var error = Hostile.Refusal(Hostile.Utf8(text));

            Hostile.AssertRefused(error, ErrorIds.Truncated, Lines(table) + 1);
        }

        // ---- 100 MB fields ----

        public static TheoryData<string, string> HugeFields() => new TheoryData<string, string>
        {
            { "scan results", "quoted" },
            { "scan results", "unquoted" },
            { "scan results", "quote never closed" },
            { "host findings", "quoted" },
            { "vmdr", "quoted" },
        };

        [Theory]
        [MemberData(nameof(HugeFields))]
        public void HundredMegabyteFieldIsRefusedAtItsRowBeforeItIsHeld(string layout, string field)
        {
            var table = Table(layout);
            var path = _folder.Generate("huge.csv", stream =>
            {
                stream.Write(Hostile.Utf8(table + (field == "unquoted" ? "10.0.0.99," : "\"10.0.0.99\",\"")));
                var chunk = Enumerable.Repeat((byte)'A', 1 << 20).ToArray();
                for (int written = 0; written < HugeBytes; written += chunk.Length) stream.Write(chunk);
                stream.Write(Hostile.Utf8(field switch { "quoted" => "\",\"38170\"\n", "unquoted" => ",38170\n", _ => string.Empty }));
            });

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var error = Hostile.Refusal(path);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

            Assert.Equal(ErrorIds.FieldTooLarge, error.ErrorId);
            Assert.Equal(Lines(table) + 1, error.LineNumber);
            Assert.Contains($"line {Lines(table) + 1}", error.Message);
            Assert.True(allocated < HugeBytes, $"{allocated / 1048576} MB allocated for a 100 MB field");
        }

        [Fact]
        public void HundredMegabyteJsonValueIsRefusedBeforeItIsHeld()
        {
            var json = File.ReadAllText(Hostile.ScanResultsJsonPath, Encoding.UTF8);
            int at = json.IndexOf("\"results\": \"", StringComparison.Ordinal) + "\"results\": \"".Length;
            var path = _folder.Generate("huge.json", stream =>
            {
                stream.Write(Hostile.Utf8(json.Substring(0, at)));
                var chunk = Enumerable.Repeat((byte)'A', 1 << 20).ToArray();
                for (int written = 0; written < HugeBytes; written += chunk.Length) stream.Write(chunk);
                stream.Write(Hostile.Utf8(json.Substring(at)));
            });

            var error = Hostile.Refusal(path);

            Assert.Equal(ErrorIds.FieldTooLarge, error.ErrorId);
            Assert.True(error.LineNumber > 0);
        }

        // ---- NUL ----

        public static TheoryData<string, string> NulPlaces() => new TheoryData<string, string>
        {
            { "scan results", "UTF-8" }, { "host findings", "UTF-8" }, { "vmdr", "UTF-8" },
            { "scan results", "UTF-16" }, { "json", "UTF-8" }, { "xml", "UTF-8" },
        };

        [Theory]
        [MemberData(nameof(NulPlaces))]
        public void NulCharacterIsRefusedAtItsLine(string layout, string encoding)
        {
            var text = layout switch
            {
                "json" => File.ReadAllText(Hostile.ScanResultsJsonPath, Encoding.UTF8),
                "xml" => Hostile.HostDetectionXml,
                _ => Table(layout),
            };
            // In the last finding, where a reader that let it through would hand it out.
            int at = layout == "xml" ? text.LastIndexOf("<QID>", StringComparison.Ordinal) + 5 : text.LastIndexOf("\"1", StringComparison.Ordinal) + 3;
            text = text.Insert(at, "\0");
            var bytes = encoding == "UTF-16" ? Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray() : Hostile.Utf8(text);

            var error = Hostile.Refusal(bytes);

            Hostile.AssertRefused(error, ErrorIds.NullCharacter, text.Take(at).Count(c => c == '\n') + 1);
        }

        // ---- invalid UTF-8 past the bytes the encoding is told from ----

        public static TheoryData<string, byte[]> InvalidSequences() => new TheoryData<string, byte[]>
        {
            { "byte that never starts UTF-8", new byte[] { 0xFF } },
            { "continuation byte alone", new byte[] { 0x80 } },
            { "overlong NUL", new byte[] { 0xC0, 0x80 } },
            { "overlong slash", new byte[] { 0xE0, 0x80, 0xAF } },
            { "UTF-16 surrogate", new byte[] { 0xED, 0xA0, 0x80 } },
            { "above U+10FFFF", new byte[] { 0xF4, 0x90, 0x80, 0x80 } },
            { "sequence broken by ASCII", new byte[] { 0xE2, 0x82, 0x41 } },
            { "Windows-1252 e acute", new byte[] { 0xE9, 0x74, 0xE9 } },
        };

        [Theory]
        [MemberData(nameof(InvalidSequences))]
        public void InvalidUtf8AfterTheFirst64KilobytesIsRefusedAtItsLine(string what, byte[] sequence)
        {
            // Rows enough that the bad bytes come after the 64 KB the encoding is told from.
            var table = Table("scan results");
            int header = HeaderLine(table);
            var row = table.Split('\n')[header];
            var text = new StringBuilder(table);
            for (int i = 0; i < 150; i++) text.Append(row).Append('\n');
            text.Append(row.Replace("SSL Certificate", "SSL \u0001Certificate")).Append('\n');
            var bytes = Hostile.Utf8(text.ToString()).ToList();
            int at = bytes.IndexOf(1);
            Assert.True(at > 64 * 1024);
            bytes.RemoveAt(at);
            bytes.InsertRange(at, sequence);

            var error = Hostile.Refusal(bytes.ToArray(), what);

            Hostile.AssertRefused(error, ErrorIds.EncodingInvalid, Lines(text.ToString()), what);
        }

        [Fact]
        public void FileEndingInsideAMultiByteCharacterIsRefused()
        {
            var bytes = Hostile.Utf8(Table("scan results") + "\"10.0.0.99\",\"caf").Concat(new byte[] { 0xC3 }).ToArray();

            var error = Hostile.Refusal(bytes);

            Assert.Equal(ErrorIds.EncodingInvalid, error.ErrorId);
            Assert.True(error.LineNumber > 0);
        }

        // ---- the header row and the blocks before it ----

        [Theory]
        [InlineData("scan results", "\"IP Status\"")]
        [InlineData("host findings", "\"IP Status\"")]
        [InlineData("vmdr", "\"KB Severity\"")]
        public void DuplicatedColumnNameIsRefusedAtTheHeaderLine(string layout, string renamed)
        {
            var table = Table(layout);
            int header = HeaderLine(table);
            var text = table.Replace(renamed, "\"QID\"");

            var error = Hostile.Refusal(Hostile.Utf8(text));

            Hostile.AssertRefused(error, ErrorIds.DuplicateColumn, header);
            Assert.Contains("\"QID\"", error.Message);
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public void FileHoldingOnlyTheMetadataBlockIsTruncatedAtItsLastLine(string layout)
        {
            var table = Table(layout);
            var lines = table.Split('\n');
            int header = HeaderLine(table);
            var metadata = string.Join("\n", lines.Take(header - 1)) + "\n";
            int last = Enumerable.Range(1, header - 1).Last(l => lines[l - 1].Trim().Length > 0);

            var error = Hostile.Refusal(Hostile.Utf8(metadata));

            Hostile.AssertRefused(error, ErrorIds.Truncated, last);
            Assert.Contains("metadata block", error.Message);
        }

        [Fact]
        public void CsvThatIsNoQualysReportStaysUnrecognized()
        {
            var error = Hostile.Refusal(Hostile.Utf8("name,age\nbob,3\nalice,4\n"));

            Assert.Equal(ErrorIds.Unrecognized, error.ErrorId);
        }
    }
}
