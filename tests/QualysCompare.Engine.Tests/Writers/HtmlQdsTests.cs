using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>Issue 17: with -IncludeQds the work tables show each finding's QDS and rank by it within a severity.</summary>
    [Collection(HtmlPageCollection.Name)]
    public sealed class HtmlQdsTests
    {
        private static List<string> Header(XElement table) =>
            table.Elements("thead").Elements("tr").Elements("th").Select(th => HtmlPage.Normalize(th.Value)).ToList();

        [Fact]
        public void Work_tables_show_qds_and_rank_by_it_within_a_severity()
        {
            List<VantageComparison> rows = HtmlSamples.Network();
            List<VantageComparison> fix = rows.Where(row => row.Action == GapAction.FixScanAuthentication && !row.Accepted).ToList();
            int severity = fix.GroupBy(row => row.Severity).First(group => group.Count() >= 2).Key!.Value;
            List<VantageComparison> same = fix.Where(row => row.Severity == severity).ToList();
            // The row that sorts last among its severity gets the highest score, so only QDS can move it up.
            VantageComparison last = same.OrderBy(row => HtmlPage.HostLabel(row), System.StringComparer.OrdinalIgnoreCase).ThenBy(row => row.QID).Last();
            last.Qds = 97;
            last.QdsSeverity = "CRITICAL";
            same.First(row => !ReferenceEquals(row, last)).Qds = 12;

            XElement table = HtmlPage.Tables(HtmlPage.Parse(HtmlPage.Write(rows)), "findings-FixScanAuthentication").Single();

            Assert.Equal(new[] { "Machine", "QID", "Sev.", "QDS", "Title" }, Header(table).Take(5));
            List<List<string>> listed = HtmlPage.BodyRows(table);
            List<string> first = listed.First(cells => cells[2] == severity.ToString());
            Assert.Equal((HtmlPage.HostLabel(last), last.QID.ToString(), "97"), (first[0], first[1], first[3]));
            XElement cell = table.Elements("tbody").Elements("tr").First(tr => HtmlPage.Cells(tr)[3] == "97").Elements("td").ElementAt(3);
            Assert.Equal("CRITICAL", (string?)cell.Attribute("title"));
        }

        [Fact]
        public void Without_qds_the_column_is_left_out()
        {
            XElement table = HtmlPage.Tables(HtmlPage.Parse(HtmlPage.Write(HtmlSamples.Network())), "findings-FixScanAuthentication").Single();

            Assert.DoesNotContain("QDS", Header(table));
        }
    }
}
