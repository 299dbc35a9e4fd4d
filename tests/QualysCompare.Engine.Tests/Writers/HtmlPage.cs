using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Writers;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Every test that writes the HTML page runs in this collection: one of them changes
    /// <see cref="GapHtmlWriter.AcceptedRow"/>, which is static, and the others must not see it.</summary>
    [CollectionDefinition(Name)]
    public sealed class HtmlPageCollection
    {
        public const string Name = "GapHtmlWriter pages";
    }

    /// <summary>Writes the page and reads it back as XML.</summary>
    internal static class HtmlPage
    {
        public static readonly DateTime Generated = new DateTime(2026, 5, 9, 7, 30, 0, DateTimeKind.Utc);

        public static byte[] Write(List<VantageComparison> rows, bool includeBoth = false, IEnumerable<VantageSummary>? summaries = null)
        {
            using var stream = new MemoryStream();
            GapHtmlWriter.Write(stream, rows, summaries ?? VantageSummarizer.Summarize(rows), includeBoth, Generated);
            return stream.ToArray();
        }

        public static string Text(byte[] bytes)
        {
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the page has no byte order mark");
            return Encoding.UTF8.GetString(bytes);
        }

        public static XDocument Parse(byte[] bytes)
        {
            using XmlReader reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            return XDocument.Load(reader);
        }

        /// <summary>The tables whose class attribute holds <paramref name="cssClass"/>.</summary>
        public static List<XElement> Tables(XDocument page, string cssClass) =>
            page.Descendants("table").Where(table => ((string?)table.Attribute("class") ?? string.Empty).Split(' ').Contains(cssClass)).ToList();

        public static List<List<string>> BodyRows(XElement table) =>
            table.Elements("tbody").Elements("tr").Select(Cells).ToList();

        public static List<string> FootRow(XElement table) => Cells(table.Elements("tfoot").Elements("tr").Single());

        public static List<string> Cells(XElement tr) => tr.Elements("td").Select(td => Normalize(td.Value)).ToList();

        /// <summary>The cells of every table row whose first cell starts with <paramref name="first"/>.</summary>
        public static List<List<string>> CellsStartingWith(XDocument page, string first) =>
            page.Descendants("tr").Select(Cells).Where(cells => cells.Count > 0 && cells[0].StartsWith(first, StringComparison.Ordinal)).ToList();

        /// <summary>The h2 headings in page order: their id, or their text when they have none.</summary>
        public static List<string> Sections(XDocument page) =>
            page.Descendants("h2").Select(h2 => (string?)h2.Attribute("id") ?? Normalize(h2.Value)).ToList();

        public static string Normalize(string text) => string.Join(" ", text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));

        public static string HostLabel(VantageComparison row) => row.HostName ?? row.DnsName ?? row.NetBiosName ?? row.ScannerIP ?? row.AgentIP ?? "(no name)";
    }
}
