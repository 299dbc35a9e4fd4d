using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>
    /// The demo's comparison rows as Compare-QualysVantage -Baseline would give them: the change columns set
    /// on every gap from a fixed rule, old gaps that became work, and closed rows carrying their last known
    /// values (Action and Owner None, PreviousAction their action then).
    /// </summary>
    internal static class BaselineRows
    {
        public static readonly DateTime DataDate = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime BaselineDate = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The demo's rows without any change column: a comparison without -Baseline.</summary>
        public static List<VantageComparison> Demo() =>
            ReasonScenario.Run(
                Fixtures.Import(Fixtures.Scenario("demo", "appliance-scan.csv")).Concat(Fixtures.Import(Fixtures.Scenario("demo", "agent-detections.xml"))),
                KnowledgeBaseLoader.LoadFiles(Fixtures.Scenario("demo", "knowledgebase.xml"))).Rows;

        /// <summary>Every third gap is New, the rest Persisting; two expected persisting gaps of the
        /// baseline are work now (BecameActionable); then one closed row per gap of every fifth machine's
        /// first three gaps, as copies under QIDs the comparison does not have.</summary>
        public static List<VantageComparison> DemoWithChanges()
        {
            List<VantageComparison> rows = Demo();
            int gap = 0;
            foreach (VantageComparison row in rows)
            {
                row.DataDate = DataDate;
                row.BaselineDate = BaselineDate;
                if (!IsGap(row)) continue;
                if (gap++ % 3 == 0)
                {
                    row.Change = GapChange.New;
                    row.FirstSeen = DataDate;
                    row.DaysOpen = 0;
                }
                else
                {
                    row.Change = GapChange.Persisting;
                    row.FirstSeen = BaselineDate.AddDays(-7 * (gap % 4));
                    row.DaysOpen = (int)(DataDate - row.FirstSeen.Value).TotalDays;
                    row.PreviousAction = row.Action;
                }
            }
            foreach (VantageComparison row in rows.Where(row => row.Change == GapChange.Persisting && row.Action != GapAction.None && !row.Accepted).Take(2))
            {
                row.PreviousAction = GapAction.None;
                row.BecameActionable = true;
            }

            var used = new HashSet<(string?, int)>(rows.Select(row => (row.HostName, row.QID)));
            var machines = rows.Where(IsGap).Select(row => row.HostName).Distinct().ToList();
            var closed = new List<VantageComparison>();
            for (int m = 0; m < machines.Count; m += 5)
            {
                foreach (VantageComparison row in rows.Where(row => row.HostName == machines[m] && IsGap(row)).Take(3))
                {
                    int qid = row.QID;
                    while (used.Contains((row.HostName, qid))) qid += 100000;
                    used.Add((row.HostName, qid));
                    closed.Add(Closed(row, qid));
                }
            }
            // A closed gap that needed action, whatever the machines above had.
            VantageComparison work = rows.First(row => row.Action != GapAction.None && !row.Accepted);
            int workQid = work.QID;
            while (used.Contains((work.HostName, workQid))) workQid += 100000;
            closed.Add(Closed(work, workQid));
            rows.AddRange(closed);
            return rows;
        }

        public static bool IsGap(VantageComparison row) => row.Change != GapChange.Closed && (row.Presence != Presence.Both || row.HostCoverage != Presence.Both);

        private static VantageComparison Closed(VantageComparison row, int qid) => new VantageComparison
        {
            HostName = row.HostName, DnsName = row.DnsName, NetBiosName = row.NetBiosName, OperatingSystem = row.OperatingSystem,
            ScannerIP = row.ScannerIP, AgentIP = row.AgentIP, AgentHostId = row.AgentHostId, MatchedBy = row.MatchedBy,
            HostCoverage = row.HostCoverage, QID = qid, Title = row.Title + " (closed)", Type = row.Type, Severity = row.Severity,
            Presence = row.Presence, Reason = row.Reason, ReasonDetail = row.ReasonDetail, ScannerAuthentication = row.ScannerAuthentication,
            Change = GapChange.Closed, Action = GapAction.None, Owner = GapOwner.None, PreviousAction = row.Accepted ? GapAction.None : row.Action,
            FirstSeen = BaselineDate.AddDays(-14), DaysOpen = 21, DataDate = DataDate, BaselineDate = BaselineDate,
        };
    }
}
