using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests.Robustness
{
    /// <summary>
    /// Fifty files, one of them bad: the other 49 import completely, every finding is counted,
    /// and the one error names the bad file. The imports are open at once and read a finding at
    /// a time in turn, so any state shared between them would show.
    /// </summary>
    public sealed class IsolationTests : IDisposable
    {
        private const int FileCount = 50;
        private const int BadIndex = 31;

        /// <summary>The good fixtures and their finding counts, as the readers' own tests assert them.</summary>
        private static readonly (string Path, int Findings)[] Good =
        {
            (Hostile.ScanResultsCsvPath, 10),
            (Hostile.ScanResultsJsonPath, 10),
            (Hostile.HostDetectionPath, 3),
            (Hostile.HostFindingsCsvPath, 6),
            (Hostile.VmdrCsvPath, 5),
        };

        private readonly HostileFolder _folder = new HostileFolder();

        public void Dispose() => _folder.Dispose();

        public static TheoryData<string, string, int, int> BadFiles() => new TheoryData<string, string, int, int>
        {
            // Bad file, its error, whole findings it gives before failing, all findings of the call.
            { "entity declaration", ErrorIds.XmlDtdRefused, 0, 335 },
            { "cut in its last row", ErrorIds.Truncated, 9, 344 },
        };

        [Theory]
        [MemberData(nameof(BadFiles))]
        public void FortyNineFilesImportCompletelyAndOneErrorNamesTheBadFile(string bad, string errorId, int badFindings, int total)
        {
            var files = new List<string>();
            var expected = new Dictionary<string, int>();
            for (int i = 0, good = 0; i < FileCount; i++)
            {
                string name = $"report-{i:D2}";
                if (i == BadIndex)
                {
                    files.Add(WriteBad(bad, name));
                    continue;
                }
                var (source, findings) = Good[good++ % Good.Length];
                var path = _folder.File(name + Path.GetExtension(source));
                File.Copy(source, path);
                files.Add(path);
                expected[path] = findings;
            }
            Assert.Equal(total - badFindings, expected.Values.Sum());

            var counted = files.ToDictionary(f => f, _ => 0);
            var errors = new List<QualysReportException>();
            var imports = new List<ReportImport>();
            var readers = new List<(string Path, IEnumerator<QualysFinding> Findings)>();
            try
            {
                foreach (var file in files)
                {
                    try
                    {
                        var import = ReportImport.Open(file);
                        imports.Add(import);
                        readers.Add((file, import.ReadFindings().GetEnumerator()));
                    }
                    catch (QualysReportException e)
                    {
                        errors.Add(e);
                    }
                }

                // One finding from each open import in turn, until every one has ended.
                while (readers.Count > 0)
                {
                    for (int r = readers.Count - 1; r >= 0; r--)
                    {
                        var (path, findings) = readers[r];
                        try
                        {
                            if (findings.MoveNext())
                            {
                                Assert.Equal(path, findings.Current.SourceFile);
                                counted[path]++;
                                continue;
                            }
                        }
                        catch (QualysReportException e)
                        {
                            errors.Add(e);
                        }
                        findings.Dispose();
                        readers.RemoveAt(r);
                    }
                }
            }
            finally
            {
                foreach (var (_, findings) in readers) findings.Dispose();
                foreach (var import in imports) import.Dispose();
            }

            var error = Assert.Single(errors);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(files[BadIndex], error.Path);
            Assert.StartsWith(files[BadIndex], error.Message);
            foreach (var (path, findings) in expected) Assert.Equal(findings, counted[path]);
            Assert.Equal(badFindings, counted[files[BadIndex]]);
            Assert.Equal(total, counted.Values.Sum());
        }

        private string WriteBad(string bad, string name)
        {
            if (bad == "entity declaration")
                return _folder.Write(name + ".xml", Hostile.HostDetectionXml.Replace("output.dtd\">", "output.dtd\" [ <!ENTITY boom \"boom\"> ]>"));
            var text = Hostile.ScanResultsCsv;
            int trailer = text.IndexOf("\"" + ScanResultsCsvReader.TargetDistribution, StringComparison.Ordinal);
            var table = text.Substring(0, trailer).TrimEnd();
            return _folder.Write(name + ".csv", table.Substring(0, table.Length - 1));
        }
    }
}
