using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Tests.Robustness;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>-AcceptedRisk: the file's rules (malformed lines stop the run), the three ways an
    /// entry names a host, expiry, and the warnings that keep the list clean.</summary>
    public sealed class AcceptedRiskTests
    {
        private static readonly DateTime Now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly string Demo = Fixtures.Scenario("demo");
        private static readonly string RiskFile = Path.Combine(Fixtures.Root, "accepted-risks", "demo-accepted-risks.csv");

        private static (List<VantageComparison> Rows, IReadOnlyList<string> Warnings) CompareDemo(IReadOnlyList<AcceptedRisk>? risks)
        {
            var knowledgeBase = KnowledgeBaseLoader.LoadFiles(Path.Combine(Demo, "knowledgebase.xml"));
            var explainer = new GapExplainer(new ExplanationOptions { KnowledgeBase = knowledgeBase, Now = Now, AcceptedRisks = risks });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer, KnowledgeBase = knowledgeBase });
            new SideImport(new RecordedOutput(), new ImportOptions { NeedsResults = comparer.NeedsResults })
                .Run(new object[] { Path.Combine(Demo, "appliance-scan.csv") }, new object[] { Path.Combine(Demo, "agent-detections.xml") }, comparer.Add);
            var rows = comparer.Compare().ToList();
            return (rows, explainer.Warnings());
        }

        [Fact]
        public void TheFileIsReadWithItsLines()
        {
            var risks = AcceptedRiskReader.Read(RiskFile);
            Assert.Equal(5, risks.Count);
            Assert.Equal(("win10-ws042.corp.example.com", 90044, new DateTime(2099, 12, 31), 2L), (risks[0].HostName, risks[0].Qid, risks[0].Expires, risks[0].Line));
            Assert.Equal("False positive confirmed with Qualys support, case 01234567", risks[0].Justification);
        }

        [Fact]
        public void EntriesMatchByFqdnNetBiosNameAndAddressAndMakeTheRowNeedNobody()
        {
            var (without, _) = CompareDemo(null);
            var (rows, warnings) = CompareDemo(AcceptedRiskReader.Read(RiskFile));

            var accepted = rows.Where(r => r.Accepted).ToDictionary(r => (r.HostName, r.QID));
            Assert.Equal(3, accepted.Count);
            var byFqdn = accepted[("win10-ws042.corp.example.com", 90044)];
            Assert.Equal((GapAction.None, GapOwner.None, new DateTime(2099, 12, 31)), (byFqdn.Action, byFqdn.Owner, byFqdn.AcceptedUntil!.Value));
            Assert.Equal("False positive confirmed with Qualys support, case 01234567", byFqdn.AcceptedJustification);
            Assert.Equal(GapReason.ScannerMissed, byFqdn.Reason);
            Assert.True(accepted.ContainsKey(("win10-ws077.corp.example.com", 38169)), "matched by NetBIOS name");
            Assert.True(accepted.ContainsKey(("app01.corp.example.com", 200203)), "matched by address");
            // Without the file the same rows were work for someone; nothing else changed.
            Assert.All(without.Where(r => accepted.ContainsKey((r.HostName, r.QID))), r => Assert.NotEqual(GapAction.None, r.Action));
            Assert.Equal(without.Count, rows.Count);
            Assert.Equal(without.Count(r => r.Action != GapAction.None) - 3, rows.Count(r => r.Action != GapAction.None));

            Assert.Contains(warnings, w => w.Contains("10.20.30.42 QID 90043") && w.Contains("expired on 2020-01-01"));
            Assert.Contains(warnings, w => w.Contains("not in the compared data") && w.Contains("oldbox.corp.example.com"));
            // The expired entry was not applied.
            Assert.DoesNotContain(rows, r => r.QID == 90043 && r.Accepted);
        }

        [Fact]
        public void AnEntryExpiringTodayStillHolds()
        {
            var register = new AcceptedRiskRegister(new[] { new AcceptedRisk("host1", 5, Now.Date, "until today", "x.csv", 2) }, Now.AddHours(23));
            var row = new VantageComparison { HostName = "host1", NetBiosName = "HOST1", QID = 5, Presence = Presence.AgentOnly, Action = GapAction.InvestigateScanReach };
            register.Apply(row);
            Assert.True(row.Accepted);
            Assert.Empty(register.Warnings());
        }

        [Theory]
        [InlineData("HostName,QID,Expires\r\nhost1,5,2099-01-01\r\n", 1, "no Justification column")]
        [InlineData("HostName,QID,Expires,Justification\r\nhost1,five,2099-01-01,x\r\n", 2, "QID 'five'")]
        [InlineData("HostName,QID,Expires,Justification\r\nhost1,5,next year,x\r\n", 2, "Expires 'next year'")]
        [InlineData("HostName,QID,Expires,Justification\r\nhost1,5,2099-01-01,x\r\nhttp://host2/,6,2099-01-01,y\r\n", 3, "HostName 'http://host2/'")]
        [InlineData("HostName,QID,Expires,Justification\r\n10.0.0.300,5,2099-01-01,x\r\n", 2, "HostName '10.0.0.300'")]
        [InlineData("HostName,QID,Expires,Justification\r\nhost1,5,2099-01-01,\r\n", 2, "Justification is empty")]
        [InlineData("HostName,QID,Expires,Justification\r\n,5,2099-01-01,x\r\n", 2, "HostName is empty")]
        [InlineData("", 1, "the file is empty")]
        public void AMalformedFileIsRefusedAtItsLine(string text, long line, string says)
        {
            using var folder = new HostileFolder();
            var path = folder.Write("risks.csv", text);
            var e = Assert.Throws<QualysReportException>(() => AcceptedRiskReader.Read(path));
            Assert.Equal(ErrorIds.AcceptedRiskMalformed, e.ErrorId);
            Assert.Equal(line, e.LineNumber);
            Assert.Contains(says, e.Message);
            Assert.StartsWith(path, e.Message);
        }

        [Fact]
        public void ColumnsMayComeInAnyOrderAndCaseWithOthersBeside()
        {
            using var folder = new HostileFolder();
            var path = folder.Write("risks.csv", "owner,justification,EXPIRES,qid,hostname\r\nbob,why not,11/30/2027,42,fe80::1\r\n");
            var risk = Assert.Single(AcceptedRiskReader.Read(path));
            Assert.Equal(("fe80::1", 42, new DateTime(2027, 11, 30), "why not"), (risk.HostName, risk.Qid, risk.Expires, risk.Justification));
        }
    }
}
