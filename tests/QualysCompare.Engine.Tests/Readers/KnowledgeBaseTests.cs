using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    public sealed class KnowledgeBaseTests
    {
        private static readonly string Sample = Fixtures.Sample("f-jupiterone-knowledge_base_vuln_list_output.xml");

        private static DateTime Utc(string iso) => DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        [Fact]
        public void Sample_holds_exactly_42_entries_with_distinct_qids()
        {
            var entries = KnowledgeBaseReader.Read(Sample).ToList();

            Assert.Equal(42, entries.Count);
            Assert.Equal(42, entries.Select(e => e.QID).Distinct().Count());
            Assert.All(entries, e => Assert.Equal(Sample, e.SourceFile));
        }

        [Fact]
        public void Sample_entry_6_is_read_field_by_field()
        {
            var entry = KnowledgeBaseLoader.LoadFiles(Sample).Find(6)!;

            Assert.Equal("DNS Host Name", entry.Title);
            Assert.Equal(FindingType.Information, entry.VulnType);
            Assert.Equal(1, entry.Severity);
            Assert.Equal("Information gathering", entry.Category);
            Assert.False(entry.Patchable);
            Assert.True(entry.RemoteDetectable);
            Assert.Null(entry.AuthTypes);
            Assert.Null(entry.CveIds);
            Assert.Equal(Utc("1999-01-01T08:00:00Z"), entry.PublishedDate);
            Assert.Equal(Utc("2018-01-04T17:39:37Z"), entry.LastModified);
            Assert.Equal(DateTimeKind.Utc, entry.LastModified!.Value.Kind);
            Assert.Null(entry.CvssBase);
            Assert.Null(entry.Cvss3Base);
        }

        [Fact]
        public void Sample_entry_45017_lists_both_login_types()
        {
            var entry = KnowledgeBaseLoader.LoadFiles(Sample).Find(45017)!;

            Assert.Equal("Operating System Detected", entry.Title);
            Assert.Equal(2, entry.Severity);
            Assert.True(entry.RemoteDetectable);
            Assert.Equal("Unix; Windows", entry.AuthTypes);
            Assert.Equal(Utc("2022-10-17T18:12:12Z"), entry.LastModified);
        }

        [Fact]
        public void Sample_entry_150272_carries_its_cves_and_is_patchable()
        {
            var entry = KnowledgeBaseLoader.LoadFiles(Sample).Find(150272)!;

            Assert.Equal("PHP 7 Multiple Vulnerabilities", entry.Title);
            Assert.Equal(FindingType.Potential, entry.VulnType);
            Assert.Equal(3, entry.Severity);
            Assert.Equal("Web Application", entry.Category);
            Assert.True(entry.Patchable);
            Assert.Equal("CVE-2019-11041; CVE-2019-11042", entry.CveIds);
            Assert.Equal(Utc("2019-12-27T11:59:09Z"), entry.PublishedDate);
        }

        [Fact]
        public void Sample_counts_by_type_match_the_file()
        {
            var entries = KnowledgeBaseReader.Read(Sample).ToList();

            // Counted in the file: 11 Vulnerability, 6 Potential Vulnerability, 25 Information Gathered.
            Assert.Equal(11, entries.Count(e => e.VulnType == FindingType.Confirmed));
            Assert.Equal(6, entries.Count(e => e.VulnType == FindingType.Potential));
            Assert.Equal(25, entries.Count(e => e.VulnType == FindingType.Information));
            Assert.All(entries, e => Assert.True(e.RemoteDetectable));
        }

        [Fact]
        public void Lookup_answers_null_for_a_qid_it_does_not_hold()
        {
            var knowledgeBase = KnowledgeBaseLoader.LoadFiles(Sample);

            Assert.Equal(42, knowledgeBase.Count);
            Assert.Null(knowledgeBase.Find(70028));
            Assert.False(knowledgeBase.Contains(70028));
            Assert.True(knowledgeBase.Contains(150001));
        }

        [Fact]
        public void Scenario_knowledge_base_reads_cvss_and_discovery()
        {
            var knowledgeBase = KnowledgeBaseLoader.LoadFiles(Fixtures.Scenario("reasons", "knowledgebase.xml"));

            Assert.Equal(10, knowledgeBase.Count);
            var smb = knowledgeBase.Find(91345)!;
            Assert.Equal(9.3, smb.CvssBase);
            Assert.Equal(8.1, smb.Cvss3Base);
            Assert.Equal("Windows", smb.AuthTypes);
            Assert.Equal("CVE-2017-0143; CVE-2017-0144; CVE-2017-0145; CVE-2017-0146; CVE-2017-0147; CVE-2017-0148", smb.CveIds);
            var update = knowledgeBase.Find(91762)!;
            Assert.False(update.RemoteDetectable);
            Assert.Equal("Windows", update.AuthTypes);
        }

        [Fact]
        public void Newer_entry_for_the_same_qid_wins_whatever_the_order()
        {
            var older = new KnowledgeBaseEntry { QID = 1, Title = "old", LastModified = Utc("2020-01-01T00:00:00Z") };
            var newer = new KnowledgeBaseEntry { QID = 1, Title = "new", LastModified = Utc("2024-01-01T00:00:00Z") };

            Assert.Equal("new", new KnowledgeBase(new[] { older, newer }).Find(1)!.Title);
            Assert.Equal("new", new KnowledgeBase(new[] { newer, older }).Find(1)!.Title);
        }

        [Fact]
        public void Api_error_body_is_refused_with_qualys_code_and_text()
        {
            // A plain QualysReportException (Throws checks the exact type): the readers never reach up to the Api layer.
            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(Fixtures.Sample("e-jupiterone-detection-error-400-simple_return.xml")));

            Assert.Equal(ErrorIds.ApiErrorResponse, error.ErrorId);
            Assert.Equal(ReportErrorKind.InvalidResult, error.Kind);
            Assert.Contains(": this is a Qualys API error response, not a report: CODE 1905: parameter ids has invalid value: abc123", error.Message);
        }

        [Fact]
        public void Detection_report_is_refused_as_not_a_knowledge_base()
        {
            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(Fixtures.Sample("e-jupiterone-fixture-detections.xml")));

            Assert.Equal(ErrorIds.Unrecognized, error.ErrorId);
            Assert.Contains("not a KnowledgeBase", error.Message);
        }

        [Fact]
        public void Unknown_xml_is_refused_as_unrecognized()
        {
            using var temp = new TempFile("<?xml version=\"1.0\"?><SOMETHING_ELSE><A/></SOMETHING_ELSE>");

            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(temp.Path));

            Assert.Equal(ErrorIds.Unrecognized, error.ErrorId);
            Assert.Contains("<SOMETHING_ELSE>", error.Message);
        }

        [Fact]
        public void Cut_off_download_is_truncated_with_file_and_line()
        {
            string text = File.ReadAllText(Sample);
            int cut = text.IndexOf("<QID>150204</QID>", StringComparison.Ordinal);
            using var temp = new TempFile(text.Substring(0, cut + 12));

            var read = new List<KnowledgeBaseEntry>();
            var error = Assert.Throws<QualysReportException>(() => read.AddRange(KnowledgeBaseReader.Read(temp.Path)));

            Assert.Equal(ErrorIds.Truncated, error.ErrorId);
            Assert.Equal(temp.Path, error.Path);
            Assert.Equal(635, error.LineNumber); // <QID>150204 is on line 635, where the cut file ends
            Assert.Equal(26, read.Count); // the entries before the cut stay valid
        }

        [Fact]
        public void Damage_inside_the_file_is_malformed_with_its_line()
        {
            string text = File.ReadAllText(Sample);
            int at = text.IndexOf("<QID>45038</QID>", StringComparison.Ordinal);
            string damaged = text.Substring(0, at) + "<QID>45038</QDI>" + text.Substring(at + "<QID>45038</QID>".Length);
            int line = damaged.Substring(0, at).Count(c => c == '\n') + 1;
            using var temp = new TempFile(damaged);

            var error = Assert.Throws<QualysReportException>(() => KnowledgeBaseReader.Read(temp.Path).ToList());

            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.Equal(line, error.LineNumber);
        }

        [Fact]
        public void Paging_warning_is_passed_on_with_the_next_url()
        {
            const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><DATETIME>2026-05-01T00:00:00Z</DATETIME><VULN_LIST>"
                + "<VULN><QID>6</QID><VULN_TYPE>Information Gathered</VULN_TYPE><SEVERITY_LEVEL>1</SEVERITY_LEVEL><TITLE><![CDATA[DNS Host Name]]></TITLE><PUBLISHED_DATETIME>1999-01-01T08:00:00Z</PUBLISHED_DATETIME><PATCHABLE>0</PATCHABLE><DISCOVERY><REMOTE>1</REMOTE></DISCOVERY></VULN>"
                + "</VULN_LIST><WARNING><CODE>1980</CODE><TEXT>1000 record limit exceeded. Use URL to get next batch of results.</TEXT>"
                + "<URL><![CDATA[https://qualysapi.example/api/2.0/fo/knowledge_base/vuln/?action=list&id_min=7]]></URL></WARNING></RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>";
            using var temp = new TempFile(xml);
            var warnings = new List<string>();

            var entries = KnowledgeBaseReader.Read(temp.Path, new ImportOptions { Output = new RecordedOutput(warnings) }).ToList();

            Assert.Single(entries);
            var warning = Assert.Single(warnings);
            Assert.Contains("1980", warning);
            Assert.Contains("id_min=7", warning);
        }

        [Fact]
        public void Qid_numbers_only_download_is_warned_about()
        {
            const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><DATETIME>2026-05-01T00:00:00Z</DATETIME>"
                + "<ID_SET><ID>6</ID><ID_RANGE>45017-45038</ID_RANGE></ID_SET></RESPONSE></KNOWLEDGE_BASE_VULN_LIST_OUTPUT>";
            using var temp = new TempFile(xml);
            var warnings = new List<string>();

            var entries = KnowledgeBaseReader.Read(temp.Path, new ImportOptions { Output = new RecordedOutput(warnings) }).ToList();

            Assert.Empty(entries);
            Assert.Contains("details=None", Assert.Single(warnings));
        }

        [Fact]
        public void Seekable_stream_is_read_like_a_file()
        {
            using var memory = new MemoryStream(File.ReadAllBytes(Sample));

            var entries = KnowledgeBaseReader.Read(memory, "kb-page-1").ToList();

            Assert.Equal(42, entries.Count);
            Assert.Equal("kb-page-1", entries[0].SourceFile);
        }

        private sealed class TempFile : IDisposable
        {
            public TempFile(string content)
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qc-kb-" + Guid.NewGuid().ToString("N") + ".xml");
                File.WriteAllText(Path, content, new UTF8Encoding(false));
            }

            public string Path { get; }

            public void Dispose() => File.Delete(Path);
        }
    }
}
