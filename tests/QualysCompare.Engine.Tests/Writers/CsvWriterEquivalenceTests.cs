using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>
    /// The CSV export writes exactly the bytes CsvHelper wrote before it was replaced (see
    /// <see cref="CsvHelperReferenceWriter"/>): generated values of every column type, the real comparison and
    /// summary rows of the scenarios, and what reaches the stream when a row is null or the export is cancelled.
    /// </summary>
    public sealed class CsvWriterEquivalenceTests
    {
        public static readonly TheoryData<bool> SanitizeOnAndOff = new TheoryData<bool> { true, false };

        public enum Shade
        {
            Light = -1,
            Pale = -1,
            Medium = 0,
            Dark = 7,
        }

        public enum Wide : long
        {
            Low = long.MinValue,
            Zero = 0,
            High = long.MaxValue,
        }

        public sealed class EveryKind
        {
            public string? Text { get; set; }
            public int Int32 { get; set; }
            public int? NullableInt32 { get; set; }
            public long Int64 { get; set; }
            public long? NullableInt64 { get; set; }
            public double Double { get; set; }
            public double? NullableDouble { get; set; }
            public bool Boolean { get; set; }
            public bool? NullableBoolean { get; set; }
            public DateTime Date { get; set; }
            public DateTime? NullableDate { get; set; }
            public Presence Presence { get; set; }
            public Shade? Shade { get; set; }
            public Wide Wide { get; set; }
            public string? MoreText { get; set; }
        }

        public sealed class OnlyText
        {
            public string? Value { get; set; }
        }

        public sealed class FourDoubles
        {
            public double A { get; set; }
            public double B { get; set; }
            public double C { get; set; }
            public double D { get; set; }
        }

        public sealed class NoColumns
        {
        }

        private static readonly string[] TextPieces =
        {
            "a", "Z", "0", "9", "host", " ", "  ", ",", "\"", "\"\"", "'", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", ";", "|",
            "\0", "\u0001", "\u007f", "\u0085", "\u00a0", "\u00e9", "\u00fc", "\u20ac", "\u2028", "\ufeff", "\ufffd",
            "\ud83d\ude00", "\ud800", "\udc00", "\udbff", "\udfff",
        };

        private static readonly double[] SpecialDoubles =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.1, 0.1 + 0.2, 1.0 / 3, 2.5, -12.5, 98.9, 100,
            1e-7, 1e-5, 1e-4, 0.0001234, 1e14, 1e15, 1e16, 1e17, 1e20, 1e21, 123456789012345.6, 1234567890123456.7, 12345678901234567,
            9007199254740993, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 2.2250738585072009E-308, double.MaxValue, double.MinValue,
            Math.Pow(2, -25), Math.Pow(2, -958), Math.Pow(2, 60), 5e-324, 1.7976931348623157E+308,
        };

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void Generated_values_of_every_column_type_give_the_bytes_CsvHelper_wrote(bool sanitize)
        {
            var random = new Random(20260520);
            var rows = new List<EveryKind>();
            for (int i = 0; i < 4000; i++) rows.Add(RandomRow(random));
            // Longer than the writers' 64 KiB buffers, with something to quote at both ends.
            rows.Add(new EveryKind { Text = "=" + new string('x', 100_000) + ",\"", MoreText = string.Concat(Enumerable.Repeat("\u20ac\"\ud83d\ude00,", 30_000)) });

            AssertSameBytes(rows, sanitize);
        }

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void Doubles_are_spelled_as_CsvHelper_spelled_them(bool sanitize)
        {
            var random = new Random(7);
            var values = new List<double>(SpecialDoubles);
            for (int exponent = -1074; exponent <= 1023; exponent++)
            {
                double power = Math.Pow(2, exponent);
                values.Add(power);
                values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) + 1));
                values.Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(power) - 1));
            }
            for (int i = 0; i < 40_000; i++) values.Add(BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)));
            for (int i = 0; i < 20_000; i++) values.Add(Math.Round(random.NextDouble() * 200 - 100, random.Next(0, 8)));
            for (int i = 0; i < 10_000; i++) values.Add(random.NextInt64(-1L << 60, 1L << 60) * Math.Pow(10, random.Next(-30, 30)));

            var rows = new List<FourDoubles>();
            for (int i = 0; i + 3 < values.Count; i += 4)
                rows.Add(new FourDoubles { A = values[i], B = values[i + 1], C = values[i + 2], D = values[i + 3] });

            AssertSameBytes(rows, sanitize);
        }

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void A_record_of_one_column_gives_the_bytes_CsvHelper_wrote_including_an_empty_field_as_two_quotes(bool sanitize)
        {
            var rows = new[] { "x", "", null, "=1", " ", "a,b", "\"", "\r\n" }.Select(value => new OnlyText { Value = value }).ToList();
            byte[] bytes = AssertSameBytes(rows, sanitize);
            Assert.Contains("\r\nx\r\n\"\"\r\n\"\"\r\n", Encoding.UTF8.GetString(bytes));
        }

        [Fact]
        public void A_type_without_columns_fails_as_it_did_after_writing_only_the_byte_order_mark()
        {
            var rows = new[] { new NoColumns() };
            using var expected = new MemoryStream();
            using var actual = new MemoryStream();
            var old = Assert.Throws<InvalidOperationException>(() => CsvHelperReferenceWriter.Write(expected, rows, sanitize: true));
            var now = Assert.Throws<InvalidOperationException>(() => FlatObjectCsvWriter<NoColumns>.Write(actual, rows, sanitize: true));
            Assert.Equal(old.Message, now.Message);
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void Export_samples_and_their_summaries_give_the_bytes_CsvHelper_wrote(bool sanitize)
        {
            AssertSameBytes(ExportSamples.Rows(), sanitize);
            List<VantageSummary> summaries = ExportSamples.Summaries();
            summaries[1].AgentOnlyPercent = double.NaN;
            summaries[2].AgentOnlyPercent = -12.5;
            summaries[3].AgentOnlyPercent = double.NegativeInfinity;
            AssertSameBytes(summaries, sanitize);
        }

        [Theory]
        [InlineData("reasons", true)]
        [InlineData("reasons", false)]
        [InlineData("traps", true)]
        [InlineData("traps", false)]
        [InlineData("demo", true)]
        [InlineData("demo", false)]
        public void Scenario_comparison_and_summary_rows_give_the_bytes_CsvHelper_wrote(string scenario, bool sanitize)
        {
            ReasonScenario.Outcome outcome = RunScenario(scenario);
            Assert.NotEmpty(outcome.Rows);
            AssertSameBytes(outcome.Rows, sanitize);
            AssertSameBytes(outcome.Summaries.ToList(), sanitize);
        }

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void A_null_row_throws_the_same_exception_after_the_same_bytes(bool sanitize)
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            rows.Insert(3, null!);
            using var expected = new MemoryStream();
            using var actual = new MemoryStream();
            var old = Assert.Throws<ArgumentException>(() => CsvHelperReferenceWriter.Write(expected, rows, sanitize));
            var now = Assert.Throws<ArgumentException>(() => GapCsvWriter.Write(actual, rows, sanitize));
            Assert.Equal(old.Message, now.Message);
            Assert.Equal("rows", now.ParamName);
            Assert.Equal(expected.ToArray(), actual.ToArray());
            Assert.True(actual.CanWrite, "The destination must be left open.");
        }

        [Theory]
        [MemberData(nameof(SanitizeOnAndOff))]
        public void Cancelling_before_a_row_stops_after_the_same_bytes(bool sanitize)
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            using var expected = new MemoryStream();
            using var actual = new MemoryStream();
            using (var cancel = new CancellationTokenSource())
                Assert.ThrowsAny<OperationCanceledException>(() => CsvHelperReferenceWriter.Write(expected, CancelAfter(rows, 2, cancel), sanitize, cancel.Token));
            using (var cancel = new CancellationTokenSource())
                Assert.ThrowsAny<OperationCanceledException>(() => GapCsvWriter.Write(actual, CancelAfter(rows, 2, cancel), sanitize, cancel.Token));
            Assert.Equal(expected.ToArray(), actual.ToArray());
            Assert.Equal(3, Encoding.UTF8.GetString(actual.ToArray()).Split("\r\n").Length - 1);
            Assert.True(actual.CanWrite, "The destination must be left open.");
        }

        [Fact]
        public void The_count_is_the_number_of_data_rows_and_the_stream_stays_open_at_its_end()
        {
            using var stream = new MemoryStream();
            stream.Write(new byte[] { 1, 2 });
            Assert.Equal(ExportSamples.Rows().Count, GapCsvWriter.Write(stream, ExportSamples.Rows(), sanitize: true));
            Assert.Equal(0, GapCsvWriter.Write(stream, new List<VantageComparison>(), sanitize: true));
            stream.WriteByte(3);

            byte[] one = CsvHelperReferenceWriter.Bytes(ExportSamples.Rows(), sanitize: true);
            byte[] none = CsvHelperReferenceWriter.Bytes(new List<VantageComparison>(), sanitize: true);
            Assert.Equal(new byte[] { 1, 2 }.Concat(one).Concat(none).Append((byte)3), stream.ToArray());
        }

        /// <summary>Long values a column repeats as one instance are copied from the bytes kept for
        /// them: plain, quoted, with quotes inside, formula-like and non-ASCII, alternating with
        /// other instances of equal text, must still give CsvHelper's bytes.</summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Long_values_repeated_from_row_to_row_give_the_bytes_CsvHelper_wrote(bool sanitize)
        {
            string[] shared =
            {
                "Windows 10 Enterprise 64 bit Edition Version 22H2 Build 19045.6691",
                "=HYPERLINK(\"http://example.com\",\"a long formula-like value that repeats\")",
                "a value, with a comma and \"quotes\" and a\r\nline break that repeats row after row",
                "Überwachungs-Server für das Rechenzentrum Nord, Gebäude 7 (repeats)",
            };
            var rows = new List<VantageComparison>();
            for (int i = 0; i < 40; i++)
            {
                // Runs of one instance, then a copy with the same text (another instance), then the next value.
                string value = i % 10 == 9 ? new string(shared[(i / 10) % shared.Length].ToCharArray()) : shared[(i / 10) % shared.Length];
                rows.Add(new VantageComparison { HostName = value, OperatingSystem = value, Title = shared[i % shared.Length], QID = i, ReasonDetail = i % 3 == 0 ? null : value });
            }
            AssertSameBytes(rows, sanitize);
        }

        private static byte[] AssertSameBytes<T>(IReadOnlyList<T> rows, bool sanitize) where T : class
        {
            using var expectedStream = new MemoryStream();
            using var actualStream = new MemoryStream();
            int expectedCount = CsvHelperReferenceWriter.Write(expectedStream, rows, sanitize);
            int actualCount = FlatObjectCsvWriter<T>.Write(actualStream, rows, sanitize);
            Assert.Equal(expectedCount, actualCount);
            Assert.Equal(rows.Count, actualCount);

            byte[] expected = expectedStream.ToArray();
            byte[] actual = actualStream.ToArray();
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                int at = expected.AsSpan().CommonPrefixLength(actual);
                Assert.Fail($"{typeof(T).Name}, sanitize {sanitize}: the bytes differ at offset {at} of {expected.Length} (now {actual.Length}).\n"
                    + $"CsvHelper: {Around(expected, at)}\nnow:       {Around(actual, at)}");
            }
            return actual;
        }

        private static string Around(byte[] bytes, int at)
        {
            int start = Math.Max(0, at - 60);
            int end = Math.Min(bytes.Length, at + 60);
            return BitConverter.ToString(bytes, start, end - start) + " | " + Encoding.UTF8.GetString(bytes, start, end - start).Replace("\r", "\\r").Replace("\n", "\\n");
        }

        private static IEnumerable<T> CancelAfter<T>(IEnumerable<T> rows, int count, CancellationTokenSource cancel)
        {
            int given = 0;
            foreach (T row in rows)
            {
                if (given++ == count) cancel.Cancel();
                yield return row;
            }
        }

        private static ReasonScenario.Outcome RunScenario(string scenario)
        {
            switch (scenario)
            {
                case "reasons":
                    return ReasonScenario.Run(ReasonScenario.ScannerFindingsFromCsv().Concat(ReasonScenario.AgentFindings()), ReasonScenario.KnowledgeBase());
                case "traps":
                    return ReasonScenario.Run(
                        Fixtures.Import(Fixtures.Scenario("traps", "scanner-scan.csv")).Concat(Fixtures.Import(Fixtures.Scenario("traps", "agent-detections.xml"))),
                        null);
                case "demo":
                    return ReasonScenario.Run(
                        Fixtures.Import(Fixtures.Scenario("demo", "appliance-scan.csv")).Concat(Fixtures.Import(Fixtures.Scenario("demo", "agent-detections.xml"))),
                        KnowledgeBaseLoader.LoadFiles(Fixtures.Scenario("demo", "knowledgebase.xml")));
                default:
                    throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
            }
        }

        private static EveryKind RandomRow(Random random) => new EveryKind
        {
            Text = RandomText(random),
            Int32 = RandomInt32(random),
            NullableInt32 = random.Next(4) == 0 ? null : RandomInt32(random),
            Int64 = RandomInt64(random),
            NullableInt64 = random.Next(4) == 0 ? null : RandomInt64(random),
            Double = RandomDouble(random),
            NullableDouble = random.Next(4) == 0 ? null : RandomDouble(random),
            Boolean = random.Next(2) == 0,
            NullableBoolean = random.Next(3) switch { 0 => null, 1 => true, _ => false },
            Date = RandomDate(random),
            NullableDate = random.Next(4) == 0 ? null : RandomDate(random),
            Presence = (Presence)random.Next(-1, 5),
            Shade = random.Next(5) == 0 ? null : (Shade)(random.Next(3) == 0 ? random.Next(-3, 10) : new[] { -1, 0, 7 }[random.Next(3)]),
            Wide = random.Next(3) switch { 0 => Wide.Low, 1 => Wide.High, _ => (Wide)random.NextInt64(long.MinValue, long.MaxValue) },
            MoreText = RandomText(random),
        };

        private static string? RandomText(Random random)
        {
            int length = random.Next(-1, 12) switch
            {
                -1 => -1,
                0 => 0,
                11 => random.Next(30, 300),
                var small => small,
            };
            if (length < 0) return null;
            var text = new StringBuilder();
            for (int i = 0; i < length; i++)
            {
                // Long stretches of plain letters between the special pieces, as in real titles and sentences.
                text.Append(random.Next(3) == 0 ? TextPieces[random.Next(TextPieces.Length)] : ((char)random.Next('a', 'z' + 1)).ToString());
            }
            return text.ToString();
        }

        private static int RandomInt32(Random random) => random.Next(4) switch
        {
            0 => new[] { 0, 1, -1, int.MinValue, int.MaxValue, -42 }[random.Next(6)],
            1 => random.Next(-1000, 1000),
            _ => (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
        };

        private static long RandomInt64(Random random) => random.Next(3) switch
        {
            0 => new[] { 0L, 1L, -1L, long.MinValue, long.MaxValue, int.MinValue - 1L }[random.Next(6)],
            _ => random.NextInt64(long.MinValue, long.MaxValue),
        };

        private static double RandomDouble(Random random) => random.Next(4) switch
        {
            0 => SpecialDoubles[random.Next(SpecialDoubles.Length)],
            1 => Math.Round(random.NextDouble() * 100, 1),
            2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
            _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
        };

        private static DateTime RandomDate(Random random)
        {
            long ticks = random.Next(5) == 0
                ? new[] { DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks, new DateTime(999, 12, 31).Ticks, new DateTime(2024, 2, 29, 23, 59, 59).Ticks }[random.Next(4)]
                : random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks + 1);
            return new DateTime(ticks, (DateTimeKind)random.Next(3));
        }
    }
}
