using System;
using System.IO;
using System.Linq;
using QualysCompare.Engine.Model;
using Xunit;
using static QualysCompare.Engine.Tests.ChangeOverTime;

namespace QualysCompare.Engine.Tests.Baselines
{
    /// <summary>Three runs, each compared with the export of the one before (tests/fixtures/change-over-time/README.md).</summary>
    public sealed class ChangeOverTimeTests
    {
        [Fact]
        public void WithoutABaselineOnlyTheDataDateIsSet()
        {
            var rows = Compare(1);
            Assert.All(rows, row =>
            {
                Assert.Equal(Run1Date, row.DataDate);
                Assert.Equal(GapChange.None, row.Change);
                Assert.Null(row.FirstSeen);
                Assert.Null(row.DaysOpen);
                Assert.Null(row.PreviousAction);
                Assert.Null(row.BaselineDate);
                Assert.False(row.BecameActionable);
            });
        }

        [Fact]
        public void ThreeRunsGiveNewPersistingAndClosedAndKeepFirstSeen()
        {
            var run1 = Compare(1);
            string csv = ExportGaps(run1, ".csv");
            string json = null!;
            try
            {
                var run2 = Compare(2, csv);
                json = ExportGaps(run2, ".json");
                var run3 = Compare(3, json);
                int gaps1 = run1.Count(r => r.Presence != Presence.Both);

                // Run 2: the printer's new 38173; its 82003 and the workstation's 90044 closed.
                var created = Assert.Single(run2, r => r.Change == GapChange.New);
                Assert.Equal((Printer, 38173, Presence.ScannerOnly), (created.HostName!, created.QID, created.Presence));
                Assert.Equal(Run2Date, created.FirstSeen);
                Assert.Equal(0, created.DaysOpen);
                Assert.Null(created.PreviousAction);
                Assert.Equal(new[] { (Printer, 82003), (Workstation, 90044) },
                    run2.Where(r => r.Change == GapChange.Closed).Select(r => (r.HostName!, r.QID)).OrderBy(k => k.Item1, StringComparer.Ordinal).ToArray());
                Assert.Equal(gaps1 - 2, run2.Count(r => r.Change == GapChange.Persisting));
                Assert.All(run2.Where(r => r.Presence == Presence.Both), r => Assert.Equal(GapChange.None, r.Change));
                Assert.All(run2, r => Assert.Equal(Run1Date, r.BaselineDate));
                Assert.All(run2, r => Assert.Equal(Run2Date, r.DataDate));

                // The closed rows come after every current row, with their last known values and nothing left to do.
                int firstClosed = run2.FindIndex(r => r.Change == GapChange.Closed);
                Assert.All(run2.Skip(firstClosed), r => Assert.Equal(GapChange.Closed, r.Change));
                var fixedOnWorkstation = Row(run2, Workstation, 90044);
                var before = Row(run1, Workstation, 90044);
                Assert.Equal((before.Title, before.Presence, before.Reason, before.Severity, before.AgentIP), (fixedOnWorkstation.Title, fixedOnWorkstation.Presence, fixedOnWorkstation.Reason, fixedOnWorkstation.Severity, fixedOnWorkstation.AgentIP));
                Assert.Equal(before.Action, fixedOnWorkstation.PreviousAction);
                Assert.Equal((GapAction.None, GapOwner.None), (fixedOnWorkstation.Action, fixedOnWorkstation.Owner));
                Assert.Equal(Run1Date, fixedOnWorkstation.FirstSeen);
                Assert.Equal(7, fixedOnWorkstation.DaysOpen);

                // Run 3: the laptop's 90007 closed; nothing new; what persists was first seen in run 1.
                Assert.DoesNotContain(run3, r => r.Change == GapChange.New);
                var closed3 = Assert.Single(run3, r => r.Change == GapChange.Closed);
                Assert.Equal((Laptop, 90007), (closed3.HostName!, closed3.QID));
                Assert.Equal(Run1Date, closed3.FirstSeen);
                Assert.Equal(14, closed3.DaysOpen);

                var persisting = run3.Where(r => r.Change == GapChange.Persisting).ToList();
                Assert.Equal(gaps1 - 3, persisting.Count(r => r.FirstSeen == Run1Date));
                Assert.All(persisting.Where(r => r.FirstSeen == Run1Date), r => Assert.Equal(14, r.DaysOpen));
                // The printer's 38173 was new in run 2: its FirstSeen is run 2's, kept in run 3.
                var second = Row(run3, Printer, 38173);
                Assert.Equal((GapChange.Persisting, (DateTime?)Run2Date, (int?)7), (second.Change, second.FirstSeen, second.DaysOpen));
                Assert.All(run3, r => Assert.Equal(Run2Date, r.BaselineDate));
            }
            finally
            {
                File.Delete(csv);
                if (json != null) File.Delete(json);
            }
        }

        [Fact]
        public void AMachineWhoseAddressChangedKeepsItsGaps()
        {
            var run1 = Compare(1);
            string csv = ExportGaps(run1, ".csv");
            try
            {
                var laptop1 = run1.Where(r => r.HostName == Laptop).ToList();
                var laptop2 = Compare(2, csv).Where(r => r.HostName == Laptop).ToList();
                Assert.NotEmpty(laptop1);
                Assert.Equal("192.168.1.57", laptop1[0].AgentIP);
                Assert.All(laptop2, r => Assert.Equal("192.168.1.88", r.AgentIP));
                Assert.Equal(laptop1.Count, laptop2.Count);
                Assert.All(laptop2, r => Assert.Equal((GapChange.Persisting, (DateTime?)Run1Date), (r.Change, r.FirstSeen)));
            }
            finally
            {
                File.Delete(csv);
            }
        }

        [Fact]
        public void APersistingGapWhoseActionBecameActionableIsMarked()
        {
            string first = ExportGaps(Compare(1), ".csv");
            string csv = null!;
            try
            {
                csv = ExportGaps(Compare(2, first), ".csv");
                var run3 = Compare(3, csv);
                var marked = run3.Where(r => r.BecameActionable).ToList();
                Assert.Equal(4, marked.Count);
                Assert.All(marked, r =>
                {
                    Assert.Equal(FileServer, r.HostName);
                    Assert.Equal(Presence.AgentOnly, r.Presence);
                    Assert.Equal(GapChange.Persisting, r.Change);
                    Assert.Equal(GapAction.None, r.PreviousAction);
                    Assert.Equal(GapAction.FixScanAuthentication, r.Action);
                    Assert.Equal(Run1Date, r.FirstSeen);
                });
                // A gap that was actionable before and still is, is old news.
                Assert.Contains(run3, r => r.Change == GapChange.Persisting && r.PreviousAction == GapAction.FixScanAuthentication && r.Action == GapAction.FixScanAuthentication && !r.BecameActionable);
            }
            finally
            {
                File.Delete(first);
                if (csv != null) File.Delete(csv);
            }
        }

        [Theory]
        [InlineData("run1-gaps.csv")]
        [InlineData("run1-gaps.json")]
        public void AnExportFromBeforeThisChangeIsABaseline(string legacy)
        {
            var output = new RecordedOutput();
            var run2 = Compare(2, Legacy(legacy), output);
            Assert.DoesNotContain(output.Warnings, w => w.Contains("baseline"));
            Assert.Equal(new[] { (Printer, 38173) }, run2.Where(r => r.Change == GapChange.New).Select(r => (r.HostName!, r.QID)).ToArray());
            Assert.Equal(2, run2.Count(r => r.Change == GapChange.Closed));
            // Without DataDate, the baseline's date is the newest scan or assessment it names: run 1's.
            Assert.All(run2.Where(r => r.Change == GapChange.Persisting), r => Assert.Equal(Run1Date, r.FirstSeen));
            Assert.All(run2, r => Assert.Equal(Run1Date, r.BaselineDate));
        }
    }
}
