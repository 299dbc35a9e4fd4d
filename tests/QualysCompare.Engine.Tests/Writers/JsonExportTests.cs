using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    public sealed class JsonExportTests
    {
        private static readonly JsonSerializerOptions ReadOptions = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };

        [Fact]
        public void Every_property_round_trips()
        {
            List<VantageComparison> rows = ExportSamples.Rows();
            byte[] bytes = Write(rows);
            List<VantageComparison> back = JsonSerializer.Deserialize<List<VantageComparison>>(bytes, ReadOptions)!;

            Assert.Equal(rows.Count, back.Count);
            PropertyInfo[] properties = typeof(VantageComparison).GetProperties();
            for (int i = 0; i < rows.Count; i++)
            {
                foreach (PropertyInfo property in properties)
                    Assert.True(Equals(property.GetValue(rows[i]), property.GetValue(back[i])), $"Row {i + 1} {property.Name} differs");
            }
            Assert.Equal(DateTimeKind.Utc, back[1].AgentLastDetected!.Value.Kind);
        }

        [Fact]
        public void Objects_hold_every_property_in_declaration_order_with_names_dates_and_nulls_as_specified()
        {
            using JsonDocument document = JsonDocument.Parse(Write(ExportSamples.Rows()));
            JsonElement second = document.RootElement[1];
            Assert.Equal(FlatObjectCsvWriter<VantageComparison>.Header, second.EnumerateObject().Select(p => p.Name));
            Assert.Equal("2024-05-01T10:20:30Z", second.GetProperty("AgentLastDetected").GetString());
            Assert.Equal("AgentOnly", second.GetProperty("Presence").GetString());
            Assert.Equal(JsonValueKind.Number, second.GetProperty("QID").ValueKind);
            Assert.Equal(JsonValueKind.Null, second.GetProperty("ScannerType").ValueKind);
            Assert.Equal(JsonValueKind.Null, document.RootElement[4].GetProperty("Severity").ValueKind);
            Assert.Equal(-42, document.RootElement[5].GetProperty("QID").GetInt32());
            // JSON has no formula problem: text is kept exactly.
            Assert.Equal(ExportSamples.Formula, document.RootElement[0].GetProperty("Title").GetString());
        }

        [Fact]
        public void Output_is_an_indented_array_with_lf_line_ends_and_readable_accents()
        {
            string text = Encoding.UTF8.GetString(Write(ExportSamples.Rows()));
            Assert.StartsWith("[\n  {\n    \"HostName\": \"web01.example.com\",", text);
            Assert.EndsWith("]\n", text);
            Assert.DoesNotContain("\r", text.Replace("\\r", ""));
            Assert.Contains("Caf\u00e9-\u00fc", text);
            Assert.DoesNotContain("<script>", text);
        }

        [Fact]
        public void Same_rows_give_byte_identical_output()
        {
            Assert.Equal(Write(ExportSamples.Rows()), Write(ExportSamples.Rows()));
        }

        [Fact]
        public void An_empty_selection_is_an_empty_array()
        {
            Assert.Equal("[]\n", Encoding.UTF8.GetString(Write(new VantageComparison[0])));
        }

        [Fact]
        public void Summaries_write_non_finite_percentages_as_null()
        {
            List<VantageSummary> summaries = ExportSamples.Summaries();
            summaries[3].AgentOnlyPercent = double.NaN;
            using var stream = new MemoryStream();
            Assert.Equal(summaries.Count, GapJsonWriter.Write(stream, summaries));
            using JsonDocument document = JsonDocument.Parse(stream.ToArray());
            Assert.Equal(98.9, document.RootElement[0].GetProperty("AgentOnlyPercent").GetDouble());
            Assert.Equal(JsonValueKind.Null, document.RootElement[3].GetProperty("AgentOnlyPercent").ValueKind);
            Assert.Equal("Total", document.RootElement[4].GetProperty("Scope").GetString());
            Assert.Equal(JsonValueKind.Null, document.RootElement[4].GetProperty("HostName").ValueKind);
        }

        private static byte[] Write(IEnumerable<VantageComparison> rows)
        {
            using var stream = new MemoryStream();
            GapJsonWriter.Write(stream, rows);
            return stream.ToArray();
        }
    }
}
