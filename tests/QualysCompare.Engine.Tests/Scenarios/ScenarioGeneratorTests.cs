using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using CsvHelper;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.ScenarioGen;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>
    /// The scenario generator writes the demo fixtures the other tests and the demo rely on. These
    /// tests pin them down three ways: regenerating gives the committed bytes, the files say what
    /// the story needs (read here without the engine), and the engine reads them.
    /// </summary>
    public sealed class ScenarioGeneratorTests : IDisposable
    {
        private static readonly string DemoFixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios", "demo");
        private static readonly string NextNightFixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios", "demo-next-night");

        private static readonly XmlReaderSettings OfflineXml = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "qualyscompare-scenario-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private static string Fixture(string name) => Path.Combine(DemoFixtures, name);

        [Fact]
        public void RegeneratingTheDemoReproducesTheCommittedFixturesByteForByte() =>
            AssertReproduces(DemoScenario.Write(_folder), DemoFixtures, "demo");

        [Fact]
        public void RegeneratingTheNextNightReproducesTheCommittedFixturesByteForByte() =>
            AssertReproduces(DemoNextNight.Write(Path.Combine(_folder, "next-night")), NextNightFixtures, "demo-next-night");

        private static void AssertReproduces(IReadOnlyList<string> written, string fixtures, string scenario)
        {
            var generatedNames = written.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var committedNames = Directory.GetFiles(fixtures).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.Equal(committedNames, generatedNames);

            foreach (var path in written)
            {
                var generated = File.ReadAllBytes(path);
                var committed = File.ReadAllBytes(Path.Combine(fixtures, Path.GetFileName(path)!));
                int firstDifference = Enumerable.Range(0, Math.Min(generated.Length, committed.Length)).FirstOrDefault(i => generated[i] != committed[i], -1);
                Assert.True(generated.Length == committed.Length && firstDifference < 0,
                    $"{Path.GetFileName(path)} differs from the committed fixture (lengths {generated.Length} and {committed.Length}, first difference at byte {firstDifference}). " +
                    $"If the change is intended, regenerate with: dotnet run --project tools/QualysCompare.ScenarioGen -- {scenario} tests/fixtures/scenarios/{scenario}");
            }
        }

        [Fact]
        public void TheWriteUpMachineShowsFiveVulnerabilitiesToTheApplianceAndTwoHundredSixtyFourToItsAgent()
        {
            var rows = ScanRows(Fixture(DemoScenario.ScanFileName)).Where(r => r["IP"] == DemoScenario.WriteUpIp).ToList();
            var vulnerabilities = rows.Where(r => r["Type"] != "Ig").ToList();
            Assert.Equal(5, vulnerabilities.Count);
            Assert.Equal(3, vulnerabilities.Count(r => r["Type"] == "Vuln"));
            Assert.Equal(2, vulnerabilities.Count(r => r["Type"] == "Practice"));
            Assert.All(rows, r => Assert.Equal(DemoScenario.WriteUpDns, r["DNS"]));
            Assert.All(rows, r => Assert.Equal(DemoScenario.WriteUpNetBios, r["NetBIOS"]));

            var informationGathered = rows.Where(r => r["Type"] == "Ig").Select(r => r["QID"]).ToList();
            Assert.Contains("45038", informationGathered);
            Assert.Contains("82023", informationGathered);
            var login = rows.Single(r => r["QID"] == "70028");
            Assert.Equal("Windows Authentication Method", login["Title"]);
            Assert.Contains("svc_qualys\tCORP", login["Results"]);

            // The three that only the network can see: certificate and cipher checks on TLS ports.
            var networkOnly = vulnerabilities.Where(r => r["SSL"] == "yes").ToList();
            Assert.Equal(new[] { "38169", "38173", "38601" }, networkOnly.Select(r => r["QID"]).OrderBy(q => q, StringComparer.Ordinal));
            Assert.All(networkOnly, r => Assert.Contains(r["Port"], new[] { "443", "3389" }));

            var agentHost = AgentHosts(Fixture(DemoScenario.AgentFileName)).Single(h => h.NetBios == DemoScenario.WriteUpNetBios);
            Assert.Equal(264, agentHost.Detections.Count);
            Assert.DoesNotContain(agentHost.Detections, d => d.Status == "Fixed");
            Assert.Equal(new[] { "Confirmed", "Potential" }, agentHost.Detections.Select(d => d.Type).Distinct().OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, agentHost.Detections.Select(d => d.Severity).Distinct().OrderBy(s => s));

            // Exactly the two non-network vulnerabilities are seen from both sides.
            var seenByBoth = vulnerabilities.Select(r => int.Parse(r["QID"])).Intersect(agentHost.Detections.Select(d => d.Qid)).OrderBy(q => q).ToList();
            Assert.Equal(new[] { 90783, 90882 }, seenByBoth);
        }

        [Fact]
        public void TheScanResultsCsvHasTheExportLayout()
        {
            var bytes = File.ReadAllBytes(Fixture(DemoScenario.ScanFileName));
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "Qualys downloads carry no byte order mark.");
            var text = Encoding.UTF8.GetString(bytes);
            var lines = text.Split("\r\n");

            Assert.StartsWith("\"Scan Results\",\"11/20/2026 ", lines[0]);
            Assert.Equal(7, Fields(lines[1]));
            Assert.Equal(3, Fields(lines[2]));
            Assert.Equal("", lines[3]);
            Assert.StartsWith("\"Launch Date\",\"Active Hosts\",\"Total Hosts\"", lines[4]);
            Assert.StartsWith("\"11/20/2026 02:00:00\",", lines[5]);
            Assert.Equal("", lines[6]);
            Assert.Equal(string.Join(",", ScanResultsCsvWriter.TableColumns.Select(c => "\"" + c + "\"")), lines[7]);
            Assert.Equal(29, ScanResultsCsvWriter.TableColumns.Count);
            Assert.EndsWith("\r\n", text);

            var rows = ScanRows(Fixture(DemoScenario.ScanFileName));
            Assert.All(rows, r => Assert.Contains(r["Type"], new[] { "Vuln", "Practice", "Ig" }));
            Assert.Contains(rows, r => r["Results"].Contains('"') && r["Results"].Contains(',') && r["Results"].Contains('\n'));
            Assert.Contains(rows, r => r["Results"].Contains('\t'));
        }

        [Fact]
        public void TheHostListDetectionXmlHasTheApiShape()
        {
            var path = Fixture(DemoScenario.AgentFileName);
            var text = File.ReadAllText(path);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM \"https://", text);
            Assert.EndsWith("Copyright 2026, Qualys, Inc. //--> \n", text);
            Assert.Contains("<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION.", text);
            Assert.DoesNotContain("<WARNING>", text);

            var hosts = AgentHosts(path);
            Assert.Equal(5, hosts.Count);
            Assert.All(hosts, h => Assert.Equal("AGENT", h.TrackingMethod));
            Assert.All(hosts, h => Assert.True(Guid.TryParse(h.AgentId, out _), $"QG_HOSTID {h.AgentId} is not a GUID."));
            Assert.Equal(hosts.Select(h => h.Id).OrderBy(id => id), hosts.Select(h => h.Id));
            Assert.All(hosts.SelectMany(h => h.Detections), d => Assert.InRange(d.Severity, 1, 5));
        }

        [Fact]
        public void TheKnowledgeBaseListsEveryQidUsedOnceAndIsValidAgainstTheQualysDtd()
        {
            var path = Fixture(DemoScenario.KnowledgeBaseFileName);
            var used = new SortedSet<int>(ScanRows(Fixture(DemoScenario.ScanFileName)).Select(r => int.Parse(r["QID"])));
            used.UnionWith(AgentHosts(Fixture(DemoScenario.AgentFileName)).SelectMany(h => h.Detections).Select(d => d.Qid));

            var listed = new List<(int Qid, string Remote, List<string> AuthTypes, string Category)>();
            using (var reader = XmlReader.Create(path, OfflineXml))
            {
                while (reader.ReadToFollowing("VULN"))
                {
                    using var vuln = reader.ReadSubtree();
                    int qid = 0;
                    string remote = "", category = "";
                    var authTypes = new List<string>();
                    while (vuln.Read())
                    {
                        if (vuln.NodeType != XmlNodeType.Element) continue;
                        switch (vuln.Name)
                        {
                            case "QID": qid = vuln.ReadElementContentAsInt(); break;
                            case "CATEGORY": category = vuln.ReadElementContentAsString(); break;
                            case "REMOTE": remote = vuln.ReadElementContentAsString(); break;
                            case "AUTH_TYPE": authTypes.Add(vuln.ReadElementContentAsString()); break;
                        }
                    }
                    listed.Add((qid, remote, authTypes, category));
                }
            }
            Assert.Equal(used, listed.Select(v => v.Qid));

            // Network checks are remote; local checks need a Windows or Unix login.
            foreach (int qid in new[] { 38169, 38170, 38173, 38601, 38739, 82003, 82023, 11827 })
                Assert.Equal("1", listed.Single(v => v.Qid == qid).Remote);
            Assert.All(listed.Where(v => v.Remote == "0"), v => Assert.True(v.AuthTypes.Contains("Windows") || v.AuthTypes.Contains("Unix"), $"QID {v.Qid} is local but names no login."));
            Assert.Contains(listed, v => v.Remote == "0" && v.Category == "Local");

            ValidateAgainstDtd(path, Path.Combine(AppContext.BaseDirectory, "fixtures", "samples", "f-qualyspy-knowledge_base_vuln_list_output.dtd"));
        }

        [Fact]
        public void PagedHostListsEndEveryPageButTheLastWithTheTruncationWarning()
        {
            var network = DemoScenario.Build();
            var pages = new List<StringWriter>();
            int count = new HostDetectionXmlWriter(network.DetectionsPulled).WritePages(network.AgentHosts, 2, page =>
            {
                Assert.Equal(pages.Count + 1, page);
                var writer = new StringWriter();
                pages.Add(writer);
                return writer;
            });

            Assert.Equal(3, count);
            var ids = new List<long>();
            for (int i = 0; i < pages.Count; i++)
            {
                var page = ParseHostList(pages[i].ToString());
                ids.AddRange(page.HostIds);
                if (i < pages.Count - 1)
                {
                    Assert.Equal(2, page.HostIds.Count);
                    Assert.Equal("1980", page.WarningCode);
                    Assert.Equal("2 record limit exceeded. Use URL to get next batch of results.", page.WarningText);
                    Assert.EndsWith("&id_min=" + network.AgentHosts[2 * (i + 1)].HostId, page.WarningUrl);
                }
                else
                {
                    Assert.Single(page.HostIds);
                    Assert.Null(page.WarningCode);
                }
            }
            Assert.Equal(network.AgentHosts.Select(h => h.HostId), ids);
        }

        [Fact]
        public void HostIdsOutOfOrderAreRefusedBecausePagingByIdMinWouldSkipHosts()
        {
            var hosts = new[] { new ScenarioHost { HostId = 20 }, new ScenarioHost { HostId = 10 } };
            Assert.Throws<ArgumentException>(() => new HostDetectionXmlWriter(DemoScenario.ScanLaunched).Write(hosts, new StringWriter()));
        }

        [Fact]
        public void AScanResultsExportRefusesAgentHosts()
        {
            var agent = new ScenarioHost { TrackingMethod = ScenarioHost.AgentTrackingMethod, Ip = "10.0.0.1" };
            Assert.Throws<ArgumentException>(() => new ScanResultsCsvWriter(new StringWriter()).Write(new ScenarioScan(), new[] { agent }));
        }

        [Fact]
        public void ResultsSurviveQuotesCommasTabsNewlinesAndCdataTerminators()
        {
            const string results = "Name\tValue\n\"quoted, with comma\"\tx]]>y & <z>\r\nlast line";
            var vuln = new ScenarioVuln(38169, "Title with \"quotes\", commas & <angles>", ScenarioType.Confirmed, 2, "General remote services");
            var host = new ScenarioHost { HostId = 1, Ip = "10.0.0.1", Detections = new[] { new ScenarioDetection(vuln) { Results = results, Status = ScenarioStatus.Active } } };

            var csv = new StringWriter();
            new ScanResultsCsvWriter(csv).Write(new ScenarioScan(), new[] { host });
            var row = ScanRows(Encoding.UTF8.GetBytes(csv.ToString())).Single();
            Assert.Equal(results, row["Results"]);
            Assert.Equal(vuln.Title, row["Title"]);

            var xml = new StringWriter();
            new HostDetectionXmlWriter(DemoScenario.ScanLaunched).Write(new[] { host }, xml);
            using var reader = XmlReader.Create(new StringReader(xml.ToString()), OfflineXml);
            Assert.True(reader.ReadToFollowing("RESULTS"));
            Assert.Equal(results.Replace("\r\n", "\n"), reader.ReadElementContentAsString());
        }

        // ---- the engine reads what the generator writes ---------------------------------------
        // These need the Scan Results CSV reader and the Host List Detection reader.

        [Fact]
        public void TheEngineReadsTheApplianceScan()
        {
            var network = DemoScenario.Build();
            using var import = ReportImport.Open(Fixture(DemoScenario.ScanFileName));
            Assert.Equal(ReportFormat.ScanResultsCsv, import.Format);
            var findings = import.ReadFindings().ToList();

            Assert.Equal(network.ScannerHosts.Sum(h => h.Detections.Count()), findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Scanner, f.Vantage));

            var writeUp = findings.Where(f => f.IP == DemoScenario.WriteUpIp).ToList();
            Assert.Equal(3, writeUp.Count(f => f.Type == FindingType.Confirmed));
            Assert.Equal(2, writeUp.Count(f => f.Type == FindingType.Potential));
            Assert.All(writeUp, f => Assert.Equal(DemoScenario.WriteUpNetBios, f.NetBiosName));
            var rc4 = writeUp.Single(f => f.QID == 38601);
            Assert.Equal(443, rc4.Port);
            Assert.Equal("tcp", rc4.Protocol);
            Assert.True(rc4.Ssl);
            Assert.Equal("CVE-2013-2566; CVE-2015-2808", rc4.CveIds);
            Assert.Equal(2, rc4.Severity);
            var login = writeUp.Single(f => f.QID == 70028);
            Assert.Equal(FindingType.Information, login.Type);
            Assert.Contains("svc_qualys", login.Results);

            var fileServer = findings.Where(f => f.IP == "10.20.10.15").ToList();
            Assert.NotEmpty(fileServer);
            Assert.All(fileServer, f => Assert.Equal("FS01", f.NetBiosName));
            Assert.All(fileServer, f => Assert.Null(f.DnsName));
            Assert.Contains(findings, f => f.QID == 105053 && f.Type == FindingType.Information);
        }

        [Fact]
        public void TheEngineReadsTheAgentDetections()
        {
            var network = DemoScenario.Build();
            using var import = ReportImport.Open(Fixture(DemoScenario.AgentFileName));
            Assert.Equal(ReportFormat.HostDetectionXml, import.Format);
            var findings = import.ReadFindings().ToList();

            Assert.Equal(network.AgentHosts.Sum(h => h.Detections.Count()), findings.Count);
            Assert.All(findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
            Assert.All(findings, f => Assert.False(string.IsNullOrEmpty(f.AgentId)));

            var writeUp = findings.Where(f => f.NetBiosName == DemoScenario.WriteUpNetBios).ToList();
            Assert.Equal(264, writeUp.Count);
            Assert.DoesNotContain(writeUp, f => f.Status == DetectionStatus.Fixed);
            Assert.Equal(FindingType.Potential, writeUp.Single(f => f.QID == 90783).Type);

            var fixedOnFileServer = findings.Where(f => f.HostId == "118402245" && f.Status == DetectionStatus.Fixed).ToList();
            Assert.Equal(2, fixedOnFileServer.Count);
            // Last seen missing the evening before the scan, found fixed after it.
            Assert.All(fixedOnFileServer, f => Assert.True(f.LastDetected < DemoScenario.ScanLaunched, $"QID {f.QID} was last detected {f.LastDetected:O}."));

            var stale = findings.Where(f => f.NetBiosName == "WIN10-WS077").ToList();
            Assert.NotEmpty(stale);
            Assert.All(stale, f => Assert.True(f.HostLastAssessed <= DemoScenario.ScanLaunched.AddDays(-60), $"HostLastAssessed {f.HostLastAssessed:O} is not stale."));
        }

        [Fact]
        public void TheEngineRecognisesTheKnowledgeBaseAndRefusesItAsAReport()
        {
            var e = Assert.Throws<QualysReportException>(() => ReportImport.Open(Fixture(DemoScenario.KnowledgeBaseFileName)));
            Assert.Equal(ErrorIds.NoDetections, e.ErrorId);
        }

        // ---- independent readers for the checks above -----------------------------------------

        private static int Fields(string line) => line.Split("\",\"").Length;

        private static List<Dictionary<string, string>> ScanRows(string path) => ScanRows(File.ReadAllBytes(path));

        /// <summary>The table rows of a Scan Results CSV, by column name, read with CsvHelper rather than the engine.</summary>
        private static List<Dictionary<string, string>> ScanRows(byte[] csv)
        {
            var rows = new List<Dictionary<string, string>>();
            using var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, Separator = ',' });
            List<string>? header = null;
            while (reader.Read())
            {
                var fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
                if (header == null)
                {
                    if (fields.Count > 1 && fields[0] == "IP" && fields[1] == "DNS") header = fields;
                    continue;
                }
                Assert.Equal(header.Count, fields.Count);
                rows.Add(header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => fields[c.i]));
            }
            Assert.NotNull(header);
            return rows;
        }

        private sealed class AgentHostRecord
        {
            public long Id;
            public string? TrackingMethod, NetBios, AgentId;
            public List<(int Qid, string Type, int Severity, string? Status)> Detections = new List<(int, string, int, string?)>();
        }

        private static List<AgentHostRecord> AgentHosts(string path)
        {
            var hosts = new List<AgentHostRecord>();
            using var reader = XmlReader.Create(path, OfflineXml);
            while (reader.ReadToFollowing("HOST"))
            {
                var host = new AgentHostRecord();
                using var subtree = reader.ReadSubtree();
                int qid = 0, severity = 0;
                string type = "";
                string? status = null;
                while (subtree.Read())
                {
                    if (subtree.NodeType == XmlNodeType.EndElement && subtree.Name == "DETECTION")
                    {
                        host.Detections.Add((qid, type, severity, status));
                        status = null;
                        continue;
                    }
                    if (subtree.NodeType != XmlNodeType.Element) continue;
                    switch (subtree.Name)
                    {
                        case "ID": host.Id = subtree.ReadElementContentAsLong(); break;
                        case "TRACKING_METHOD": host.TrackingMethod = subtree.ReadElementContentAsString(); break;
                        case "NETBIOS": host.NetBios = subtree.ReadElementContentAsString(); break;
                        case "QG_HOSTID": host.AgentId = subtree.ReadElementContentAsString(); break;
                        case "QID": qid = subtree.ReadElementContentAsInt(); break;
                        case "TYPE": type = subtree.ReadElementContentAsString(); break;
                        case "SEVERITY": severity = subtree.ReadElementContentAsInt(); break;
                        case "STATUS": status = subtree.ReadElementContentAsString(); break;
                    }
                }
                hosts.Add(host);
            }
            return hosts;
        }

        private static (List<long> HostIds, string? WarningCode, string? WarningText, string? WarningUrl) ParseHostList(string xml)
        {
            var ids = new List<long>();
            string? code = null, text = null, url = null;
            using var reader = XmlReader.Create(new StringReader(xml), OfflineXml);
            bool inHost = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Name == "HOST") inHost = false;
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.Name)
                {
                    case "HOST": inHost = true; break;
                    case "ID" when inHost: ids.Add(reader.ReadElementContentAsLong()); inHost = false; break;
                    case "CODE": code = reader.ReadElementContentAsString(); break;
                    case "TEXT": text = reader.ReadElementContentAsString(); break;
                    case "URL": url = reader.ReadElementContentAsString().Trim(); break;
                }
            }
            return (ids, code, text, url);
        }

        /// <summary>
        /// Validates against the real DTD by inlining it as the internal subset, so nothing is
        /// fetched: the file's own DOCTYPE points at qualysapi.qualys.com.
        /// </summary>
        private static void ValidateAgainstDtd(string xmlPath, string dtdPath)
        {
            var xml = File.ReadAllText(xmlPath);
            int rootStart = xml.IndexOf("<KNOWLEDGE_BASE_VULN_LIST_OUTPUT>", StringComparison.Ordinal);
            var document = "<!DOCTYPE KNOWLEDGE_BASE_VULN_LIST_OUTPUT [\n" + File.ReadAllText(dtdPath) + "\n]>\n" + xml.Substring(rootStart);

            var errors = new List<string>();
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, ValidationType = ValidationType.DTD, XmlResolver = null };
            settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception?.LineNumber}: {e.Message}");
            using (var reader = XmlReader.Create(new StringReader(document), settings))
                while (reader.Read()) { }
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        }
    }
}
