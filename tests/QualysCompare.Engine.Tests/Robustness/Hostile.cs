using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// A temporary folder for the hostile inputs of one test class. Large inputs are generated
    /// into it at test time, streamed to disk, and deleted with it; none is ever committed.
    /// </summary>
    public sealed class HostileFolder : IDisposable
    {
        public HostileFolder() => Directory.CreateDirectory(Root);

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "qc-hostile-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => Path.Combine(Root, name);

        public string Write(string name, byte[] bytes)
        {
            var path = File(name);
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        public string Write(string name, string text) => Write(name, Hostile.Utf8(text));

        /// <summary>Writes a file through a stream, so inputs of hundreds of MB never sit in memory.</summary>
        public string Generate(string name, Action<Stream> write)
        {
            var path = File(name);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                write(file);
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A test that failed may still hold a file open; the OS cleans the temp folder.
            }
        }
    }

    /// <summary>The fixtures the hostile inputs are made from, and the calls that import them.</summary>
    internal static class Hostile
    {
        public static string ScanResultsCsvPath => Path.Combine(Fixtures.Root, "scan-results", "scan-results-credentialed.csv");
        public static string ScanResultsJsonPath => Path.Combine(Fixtures.Root, "scan-results", "scan-results-credentialed.json");
        public static string HostDetectionPath => Fixtures.Sample("e-jupiterone-fixture-detections.xml");
        public static string HostFindingsCsvPath => Fixtures.Sample("d-defectdojo-Qualys_Sample_Report-withheader-2021.csv");
        public static string VmdrCsvPath => Fixtures.Sample("f-defectdojo-vmdr-many_vulns_qid.csv");
        public static string ScanXmlPath => Fixtures.Sample("b-defectdojo-qualys_infrascan_webgui_multiple.xml");
        public static string AssetDataReportPath => Fixtures.Sample("c-defectdojo-samples-Qualys_Sample_Report-2019.xml");

        public static string ScanResultsCsv => System.IO.File.ReadAllText(ScanResultsCsvPath, Encoding.UTF8);
        public static string HostDetectionXml => System.IO.File.ReadAllText(HostDetectionPath, Encoding.UTF8);

        public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

        public static List<QualysFinding> Import(byte[] bytes, string name = "hostile")
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var import = ReportImport.Open(stream, name);
            return import.ReadFindings().ToList();
        }

        /// <summary>The error an input must end in; opening and reading alike count.</summary>
        public static QualysReportException Refusal(byte[] bytes, string name = "hostile") =>
            Assert.Throws<QualysReportException>(() => Import(bytes, name));

        public static QualysReportException Refusal(string path) =>
            Assert.Throws<QualysReportException>(() => Fixtures.Import(path));

        /// <summary>Every value of a finding but where it came from, for comparing two imports.</summary>
        public static List<string> Describe(IEnumerable<QualysFinding> findings) => findings.Select(CsvReaderTests.Describe).ToList();

        /// <summary>The 1-based line that <paramref name="marker"/> first appears on.</summary>
        public static int LineOf(string text, string marker)
        {
            int at = text.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{marker}' is not in the text");
            return text.Take(at).Count(c => c == '\n') + 1;
        }

        public static void AssertRefused(QualysReportException error, string errorId, long line, string name = "hostile")
        {
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(line, error.LineNumber);
            Assert.StartsWith($"{name}, line {line}: ", error.Message);
        }
    }
}
