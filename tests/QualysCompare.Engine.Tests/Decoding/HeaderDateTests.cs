using System;
using System.IO;
using System.Text;
using QualysCompare.Engine.Decoding;
using Xunit;

namespace QualysCompare.Engine.Tests.Decoding
{
    /// <summary>
    /// The dates of the header blocks, as the real files write them, through the one date parser
    /// every reader uses. Report headers follow the user's time zone and say so; rows are UTC.
    /// </summary>
    public sealed class HeaderDateTests
    {
        /// <summary>The second cell of a file's first record: where each CSV layout writes its report date.</summary>
        private static string HeaderDate(params string[] path)
        {
            string first;
            using (var reader = new StreamReader(Path.Combine(Fixtures.Root, Path.Combine(path)), Encoding.UTF8))
                first = reader.ReadLine()!;
            var cells = first.Split(new[] { "\",\"" }, StringSplitOptions.None);
            return cells[1].Trim('"');
        }

        [Theory]
        [InlineData("samples/d-defectdojo-Qualys_Sample_Report-withheader-2021.csv", "06/08/2021 at 18:39:05 (GMT+0000)", "2021-06-08T18:39:05Z")]
        [InlineData("samples/f-defectdojo-vmdr-one_vuln_qid.csv", "04 Feb 2026 10:00AM GMT-0500", "2026-02-04T15:00:00Z")]
        [InlineData("scan-results/scan-results-credentialed.csv", "04/01/2019 00:29:48", "2019-04-01T00:29:48Z")]
        public void EveryCsvLayoutsReportDateIsRead(string file, string written, string utc)
        {
            var header = HeaderDate(file.Split('/'));
            Assert.Equal(written, header);

            var date = Vocabulary.ParseDate(header);

            Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), date);
            Assert.Equal(DateTimeKind.Utc, date!.Value.Kind);
        }

        [Theory]
        [InlineData("11/20/2026 03:18:33", "2026-11-20T03:18:33Z")]
        [InlineData("11/20/2026 at 03:18:33", "2026-11-20T03:18:33Z")]
        [InlineData("11/20/2026 AT 03:18:33", "2026-11-20T03:18:33Z")]
        [InlineData("11/20/2026 at 03:18:33 (GMT+0000)", "2026-11-20T03:18:33Z")]
        [InlineData("11/20/2026 03:18:33 (GMT-0500)", "2026-11-20T08:18:33Z")]
        [InlineData("11/20/2026 at 03:18:33 (GMT+0530)", "2026-11-19T21:48:33Z")]
        [InlineData("11/20/2026 at 03:18:33 (GMT+05:30)", "2026-11-19T21:48:33Z")]
        [InlineData("11/20/2026 03:18:33 GMT-0500", "2026-11-20T08:18:33Z")]
        [InlineData("11/20/2026 03:18:33 (UTC)", "2026-11-20T03:18:33Z")]
        [InlineData("12/31/2026 at 23:30:00 (GMT-0100)", "2027-01-01T00:30:00Z")]
        public void HeaderDateFormsGiveTheInstantTheyName(string written, string utc)
        {
            Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), Vocabulary.ParseDate(written));
        }

        [Theory]
        [InlineData("N/A")]
        [InlineData("11/20/2026 at")]
        [InlineData("at 03:18:33")]
        [InlineData("11/20/2026 03:18:33 (GMT+1500)")]
        [InlineData("11/20/2026 03:18:33 (GMT+05")]
        [InlineData("(GMT+0000)")]
        [InlineData("01/01/0001 00:00:00 (GMT+0100)")]
        public void WhatIsNoDateIsNull(string written)
        {
            Assert.Null(Vocabulary.ParseDate(written));
        }
    }
}
