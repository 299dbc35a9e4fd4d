using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    public sealed class CsvExportTests
    {
        private const string InjectionStarts = "=+-@\t\r";

        private static readonly string[] ComparisonHeader =
        {
            "HostName", "DnsName", "NetBiosName", "OperatingSystem", "Tags", "ScannerIP", "AgentIP", "AgentHostId", "MatchedBy", "MatchConfidence",
            "HostCoverage", "QID", "Title", "Type", "Severity", "Qds", "QdsSeverity", "Presence", "Change", "FirstSeen", "DaysOpen", "Reason", "Action", "Owner",
            "PreviousAction", "BecameActionable", "Accepted", "AcceptedUntil", "AcceptedJustification", "ReasonDetail", "ReasonSource",
            "ScannerAuthentication", "ScannerType", "AgentType", "ScannerPorts", "AgentStatus", "AgentLastDetected", "AgentLastFixed",
            "ScannerLastScanned", "AgentLastAssessed", "CveIds", "Category", "DataDate", "BaselineDate", "InputProblems",
        };

        [Fact]
        public void Header_is_every_property_in_declaration_order()
        {
            Assert.Equal(ComparisonHeader, FlatObjectCsvWriter<VantageComparison>.Header);
            List<string[]> records = ReadBack(Write(ExportSamples.Rows(), sanitize: true), out string[] header);
            Assert.Equal(ComparisonHeader, header);
            Assert.Equal(ExportSamples.Rows().Count, records.Count);
        }

        [Fact]
        public void Output_starts_with_a_utf8_byte_order_mark()
        {
            byte[] bytes = Write(ExportSamples.Rows(), sanitize: true);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
            Assert.Contains("Caf\u00e9-\u00fc", Encoding.UTF8.GetString(bytes));
        }

        [Fact]
        public void Sanitized_rows_read_back_equal_with_formula_text_prefixed_by_an_apostrophe()
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            List<string[]> records = ReadBack(Write(rows, sanitize: true), out _);
            AssertRecordsEqual(rows, records, sanitize: true);

            Dictionary<string, string> first = Record(records[0]);
            Assert.Equal("'" + ExportSamples.Formula, first["Title"]);
            Assert.Equal("'" + ExportSamples.PlusFormula, first["Category"]);
            Dictionary<string, string> second = Record(records[1]);
            Assert.Equal("'" + ExportSamples.AtFormula, second["Title"]);
            Assert.Equal("'" + ExportSamples.MinusFormula, second["Category"]);
            Assert.Equal("'" + ExportSamples.TabLed, second["ReasonDetail"]);
            Assert.Equal("'" + ExportSamples.CrLed, Record(records[2])["Category"]);
            Assert.Equal(ExportSamples.Accented, Record(records[3])["Title"]);
        }

        [Fact]
        public void Numbers_are_never_prefixed_even_when_negative()
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            byte[] bytes = Write(rows, sanitize: true);
            List<string[]> records = ReadBack(bytes, out _);

            Dictionary<string, string> negative = Record(records[5]);
            Assert.Equal("-42", negative["QID"]);
            Assert.Equal("1", negative["Severity"]);
            Assert.Equal("5", Record(records[0])["Severity"]);
            Assert.Equal("", Record(records[4])["Severity"]);

            string text = Encoding.UTF8.GetString(bytes);
            Assert.Contains(",-42,", text);
            Assert.DoesNotContain("'-42", text);
            // The escape is CsvHelper's, in the raw file, not an artefact of reading it back; it also quotes the field.
            Assert.Contains(",\"'=cmd|' /C calc'!A0\",", text);
            Assert.Contains(",\"'-2+3\",", text);
            Assert.Contains(",\"'\tTab-led detail\",", text);
        }

        [Fact]
        public void NoSanitize_leaves_formula_text_raw()
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            byte[] bytes = Write(rows, sanitize: false);
            List<string[]> records = ReadBack(bytes, out _);
            AssertRecordsEqual(rows, records, sanitize: false);
            Assert.Equal(ExportSamples.Formula, Record(records[0])["Title"]);
            Assert.Equal(ExportSamples.CrLed, Record(records[2])["Category"]);
            Assert.DoesNotContain("'=cmd", Encoding.UTF8.GetString(bytes));
        }

        [Fact]
        public void Dates_are_iso_8601_utc_and_enums_are_names()
        {
            Dictionary<string, string> record = Record(ReadBack(Write(ExportSamples.Rows(), sanitize: true), out _)[1]);
            Assert.Equal("2024-05-01T10:20:30Z", record["AgentLastDetected"]);
            Assert.Equal("2024-04-30T23:59:59Z", record["ScannerLastScanned"]);
            Assert.Equal("AgentOnly", record["Presence"]);
            Assert.Equal("NeedsLocalAccess", record["Reason"]);
            Assert.Equal("Potential", record["AgentType"]);
            Assert.Equal("", record["ScannerType"]);
        }

        [Fact]
        public void A_local_date_is_written_as_the_same_instant_in_utc()
        {
            var local = new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc).ToLocalTime();
            var row = new VantageComparison { HostName = "h", QID = 1, AgentLastDetected = local };
            Assert.Equal("2024-05-01T10:20:30Z", Record(ReadBack(Write(new[] { row }, sanitize: true), out _)[0])["AgentLastDetected"]);
        }

        [Fact]
        public void Same_rows_give_byte_identical_output()
        {
            Assert.Equal(Write(ExportSamples.Rows(), sanitize: true), Write(ExportSamples.Rows(), sanitize: true));
        }

        [Fact]
        public void Summary_rows_use_the_same_writer()
        {
            var summaries = ExportSamples.Summaries();
            summaries[0].HostName = "=HYPERLINK(\"x\")";
            summaries[1].AgentOnlyPercent = double.NaN;
            summaries[2].AgentOnlyPercent = -12.5;
            using var stream = new MemoryStream();
            Assert.Equal(summaries.Count, GapCsvWriter.Write(stream, summaries, sanitize: true));

            List<string[]> records = ReadBack(stream.ToArray(), out string[] header);
            Assert.Equal(FlatObjectCsvWriter<VantageSummary>.Header, header);
            Assert.Equal(new[] { "Scope", "HostName", "OperatingSystem", "HostCoverage", "Action", "Owner" }, header.Take(6));
            Assert.Equal(42, header.Length);
            var first = records[0].Select((value, i) => (header[i], value)).ToDictionary(p => p.Item1, p => p.value);
            Assert.Equal("'=HYPERLINK(\"x\")", first["HostName"]);
            Assert.Equal("264", first["AgentTotal"]);
            Assert.Equal("98.9", first["AgentOnlyPercent"]);
            Assert.Equal("", records[1][Array.IndexOf(header, "AgentOnlyPercent")]);
            Assert.Equal("-12.5", records[2][Array.IndexOf(header, "AgentOnlyPercent")]);
            Assert.Equal("Total", records[4][0]);
            Assert.Equal("", records[4][Array.IndexOf(header, "HostCoverage")]);
        }

        [Fact]
        public void Random_text_round_trips_after_the_escape_prefix_is_accounted_for()
        {
            var random = new Random(20260509);
            string[] pieces = { "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", "\"", "'", " ", "a", "Z", "0", "9", "\u00e9", "\u00fc", "\u20ac", "\ud83d\ude00", ";", "|" };
            var rows = new List<VantageComparison>();
            for (int i = 0; i < 300; i++)
            {
                rows.Add(new VantageComparison
                {
                    HostName = RandomText(random, pieces),
                    QID = random.Next(-1000, 1000),
                    Title = RandomText(random, pieces),
                    Severity = random.Next(6) == 0 ? (int?)null : random.Next(1, 6),
                    ReasonDetail = RandomText(random, pieces),
                    Category = RandomText(random, pieces),
                    CveIds = RandomText(random, pieces),
                });
            }
            foreach (bool sanitize in new[] { true, false })
            {
                List<string[]> records = ReadBack(Write(rows, sanitize), out _);
                AssertRecordsEqual(rows, records, sanitize);
            }
        }

        private static string? RandomText(Random random, string[] pieces)
        {
            int length = random.Next(-1, 12);
            if (length < 0) return null;
            var text = new StringBuilder();
            for (int i = 0; i < length; i++) text.Append(pieces[random.Next(pieces.Length)]);
            return text.ToString();
        }

        internal static byte[] Write(IEnumerable<VantageComparison> rows, bool sanitize)
        {
            using var stream = new MemoryStream();
            GapCsvWriter.Write(stream, rows, sanitize);
            return stream.ToArray();
        }

        internal static List<string[]> ReadBack(byte[] bytes, out string[] header)
        {
            using CsvReader reader = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = ',', HasHeader = true }, false);
            var records = new List<string[]>();
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (int i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
                records.Add(fields);
            }
            header = reader.Headers.ToArray();
            return records;
        }

        private static Dictionary<string, string> Record(string[] fields)
        {
            Assert.Equal(ComparisonHeader.Length, fields.Length);
            return ComparisonHeader.Select((name, i) => (name, fields[i])).ToDictionary(p => p.name, p => p.Item2);
        }

        /// <summary>What each cell must read back as, spelled out here independently of the writer.</summary>
        private static string Expected(object? value, bool sanitize)
        {
            switch (value)
            {
                case null: return "";
                case string text: return sanitize && text.Length > 0 && InjectionStarts.IndexOf(text[0]) >= 0 ? "'" + text : text;
                case DateTime date: return date.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                case Enum name: return name.ToString();
                case int number: return number.ToString(CultureInfo.InvariantCulture);
                case bool flag: return flag ? "True" : "False";
                default: throw new InvalidOperationException("No expectation for " + value.GetType());
            }
        }

        private static void AssertRecordsEqual(List<VantageComparison> rows, List<string[]> records, bool sanitize)
        {
            Assert.Equal(rows.Count, records.Count);
            for (int r = 0; r < rows.Count; r++)
            {
                Dictionary<string, string> record = Record(records[r]);
                foreach (string name in ComparisonHeader)
                {
                    object? value = typeof(VantageComparison).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.GetValue(rows[r]);
                    string expected = Expected(value, sanitize);
                    if (expected != record[name])
                        Assert.Fail($"Row {r + 1} {name}: expected [{Escape(expected)}] but read [{Escape(record[name])}]");
                }
            }
        }

        private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}
