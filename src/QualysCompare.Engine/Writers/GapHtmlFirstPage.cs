using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>Page one: what to do, by whom, on which machines; scan quality first.</summary>
    public static partial class GapHtmlWriter
    {
        /// <summary>What each action asks, in a few words, for the counts on page one.</summary>
        internal static string ToDoShort(GapAction action)
        {
            switch (action)
            {
                case GapAction.FixScanAuthentication: return "Fix the scan's authentication record and rescan";
                case GapAction.InvestigateScanReach: return "Check the scan's targets and whether the machines were on the network";
                case GapAction.DeployAgent: return "Install the Cloud Agent";
                case GapAction.RepairAgent: return "Get the agent checking in again";
                case GapAction.InvestigateDetection: return "Find out why one side missed what it should have seen";
                default: return "Nothing";
            }
        }

        /// <summary>One machine with work: its summary's main action, and its rows to act on per action.</summary>
        internal sealed class Machine
        {
            public Machine(string key, string label)
            {
                Key = key;
                Label = label;
            }

            public string Key { get; }
            public string Label { get; set; }
            public string? OperatingSystem { get; set; }
            public string? Address { get; set; }
            public ScannerAuthentication? ScannerAuthentication { get; set; }
            public DateTime? ScannerLastScanned { get; set; }
            public DateTime? AgentLastAssessed { get; set; }

            /// <summary>The host summary's Action; without a summary, the most urgent action of its rows.</summary>
            public GapAction MainAction { get; set; }

            public bool FromSummary { get; set; }
            public int[] Work { get; } = new int[ActionsByUrgency.Length + 1];
            public int WorkTotal => Work.Sum();
            public int WorkOf(GapAction action) => Work[(int)action];
        }

        /// <summary>Every machine that needs attention: a host summary with an action, or rows to act on.
        /// Most urgent main action first, then most findings.</summary>
        internal static List<Machine> MachinesToAttend(PageRows page)
        {
            var machines = new Dictionary<string, Machine>(StringComparer.Ordinal);
            foreach (VantageSummary summary in page.HostSummaries)
            {
                string key = MachineKey(summary);
                if (machines.ContainsKey(key)) continue;
                machines.Add(key, new Machine(key, summary.HostName ?? "(no name)")
                {
                    OperatingSystem = summary.OperatingSystem,
                    Address = summary.HostCoverage == Presence.AgentOnly ? summary.AgentIP ?? summary.ScannerIP : summary.ScannerIP ?? summary.AgentIP,
                    ScannerAuthentication = summary.ScannerAuthentication,
                    ScannerLastScanned = summary.ScannerLastScanned,
                    AgentLastAssessed = summary.AgentLastAssessed,
                    MainAction = summary.Action,
                    FromSummary = true,
                });
            }
            foreach (VantageComparison row in page.Work)
            {
                string key = MachineKey(row);
                if (!machines.TryGetValue(key, out Machine? machine))
                {
                    machines.Add(key, machine = new Machine(key, HostLabel(row))
                    {
                        OperatingSystem = row.OperatingSystem,
                        Address = row.HostCoverage == Presence.AgentOnly ? row.AgentIP ?? row.ScannerIP : row.ScannerIP ?? row.AgentIP,
                        ScannerAuthentication = row.ScannerAuthentication,
                        ScannerLastScanned = row.ScannerLastScanned,
                        AgentLastAssessed = row.AgentLastAssessed,
                    });
                }
                if (Array.IndexOf(ActionsByUrgency, row.Action) < 0) continue;
                machine.Work[(int)row.Action]++;
                if (!machine.FromSummary && row.Action.Urgency() > machine.MainAction.Urgency()) machine.MainAction = row.Action;
            }
            foreach (Machine machine in machines.Values)
            {
                // A summary that says nothing about a machine whose rows ask for work is out of date.
                if (machine.MainAction == GapAction.None)
                    machine.MainAction = ActionsByUrgency.FirstOrDefault(action => machine.WorkOf(action) > 0);
            }
            return machines.Values
                .Where(machine => machine.MainAction != GapAction.None || machine.WorkTotal > 0)
                .OrderByDescending(machine => machine.MainAction.Urgency())
                .ThenByDescending(machine => machine.WorkTotal)
                .ThenBy(machine => machine.Label, StringComparer.OrdinalIgnoreCase)
                .ThenBy(machine => machine.Key, StringComparer.Ordinal)
                .ToList();
        }

        private static void WriteLead(TextWriter w, PageRows page)
        {
            int machinesWithWork = page.Work.Select(MachineKey).Distinct(StringComparer.Ordinal).Count();
            var lead = new StringBuilder("<p class=\"lead\">");
            lead.Append(page.Work.Count == 0
                ? "<strong>Nothing to act on.</strong>"
                : "<strong>" + Count(page.Work.Count, "finding") + " to act on</strong>, on " + N(machinesWithWork) + " of " + Count(page.MachineCount, "machine") + ".");
            lead.Append(' ').Append(Count(page.Expected.Count, "gap")).Append(page.Expected.Count == 1 ? " is" : " are")
                .Append(" expected by design and need nothing: they are counted per reason and QID further on, not listed.");
            if (page.Accepted.Count > 0)
                lead.Append(' ').Append(Count(page.Accepted.Count, "accepted risk")).Append(page.Accepted.Count == 1 ? " is" : " are").Append(" listed apart.");
            w.WriteLine(lead.Append("</p>").ToString());
        }

        private static void WriteScanQuality(TextWriter w, PageRows page)
        {
            List<Machine> failed = MachinesToAttend(page)
                .Where(machine => machine.WorkOf(GapAction.FixScanAuthentication) > 0 || machine.MainAction == GapAction.FixScanAuthentication)
                .OrderByDescending(machine => machine.WorkOf(GapAction.FixScanAuthentication))
                .ThenBy(machine => machine.Label, StringComparer.OrdinalIgnoreCase)
                .ThenBy(machine => machine.Key, StringComparer.Ordinal)
                .ToList();
            w.WriteLine("<div class=\"quality\">");
            w.WriteLine("<h2 id=\"scan-quality\">Scan quality first: scans that did not log in (" + N(failed.Count) + ")</h2>");
            if (failed.Count == 0)
            {
                w.WriteLine("<p>No finding here is hidden by a scan that failed to log in.</p>");
                w.WriteLine("</div>");
                return;
            }
            w.WriteLine("<p class=\"note\">A scan that does not log in cannot run the checks that read installed software, patches and settings,"
                + " so it hides every such finding on the machine. Fix these first: the scan team's <strong>Fix scan authentication</strong> below.</p>");
            w.WriteLine(FixedTable("quality-table", 24, 12, 28, 12, 10, 14));
            w.WriteLine("<thead><tr><th>Machine</th><th>Address</th><th>Operating system</th><th>Scanner login</th><th>Scanned</th>"
                + "<th class=\"num\">Findings it could not check</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (Machine machine in failed)
            {
                w.WriteLine("<tr><td class=\"host\">" + HostHtml(machine.Label) + "</td><td>" + HtmlText.Encode(machine.Address) + "</td>"
                    + "<td>" + HtmlText.Encode(machine.OperatingSystem) + "</td>"
                    + "<td>" + (machine.ScannerAuthentication.HasValue ? Words(machine.ScannerAuthentication.Value.ToString()) : string.Empty) + "</td>"
                    + "<td class=\"nowrap\">" + Day(machine.ScannerLastScanned) + "</td>"
                    + NumberCell(machine.WorkOf(GapAction.FixScanAuthentication)) + "</tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
            w.WriteLine("</div>");
        }

        /// <summary>Findings and machines per owner, and per action under each owner; every action, even at zero.</summary>
        private static void WriteWorkCounts(TextWriter w, PageRows page)
        {
            w.WriteLine("<h2 id=\"work-counts\">The work per owner and action</h2>");
            w.WriteLine(FixedTable("work-counts", 24, 52, 12, 12));
            w.WriteLine("<thead><tr><th>Owner and action</th><th>What to do</th><th class=\"num\">Findings</th><th class=\"num\">Machines</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (GapOwner owner in Owners)
            {
                List<VantageComparison> owned = page.Work.Where(row => row.Action.Owner() == owner).ToList();
                w.WriteLine("<tr class=\"owner\"><td>" + OwnerText(owner) + "</td><td></td>" + NumberCell(owned.Count)
                    + NumberCell(owned.Select(MachineKey).Distinct(StringComparer.Ordinal).Count()) + "</tr>");
                foreach (GapAction action in ActionsByUrgency.Where(action => action.Owner() == owner))
                {
                    List<VantageComparison> rows = owned.Where(row => row.Action == action).ToList();
                    w.WriteLine("<tr><td class=\"action\">" + ActionText(action) + "</td><td>" + HtmlText.Encode(ToDoShort(action)) + "</td>"
                        + NumberCell(rows.Count) + NumberCell(rows.Select(MachineKey).Distinct(StringComparer.Ordinal).Count()) + "</tr>");
                }
            }
            w.WriteLine("</tbody>");
            w.WriteLine("<tfoot><tr><td>Every owner</td><td></td>" + NumberCell(page.Work.Count)
                + NumberCell(page.Work.Select(MachineKey).Distinct(StringComparer.Ordinal).Count()) + "</tr></tfoot>");
            w.WriteLine("</table>");
        }

        private static void WriteMachines(TextWriter w, PageRows page)
        {
            List<Machine> machines = MachinesToAttend(page);
            w.WriteLine("<h2 id=\"machines\">Machines that need attention (" + N(machines.Count) + " of " + N(page.MachineCount) + ")</h2>");
            if (machines.Count == 0)
            {
                w.WriteLine("<p>No machine needs attention.</p>");
                return;
            }
            w.WriteLine(FixedTable("machines", 19, 31, 14, 11, 11, 7, 7));
            w.WriteLine("<thead><tr><th>Machine</th><th>Operating system</th><th>Main action</th><th>Owner</th><th>Findings to act on</th>"
                + "<th>Scanned</th><th>Agent assessed</th></tr></thead>");
            w.WriteLine("<tbody>");
            foreach (Machine machine in machines)
            {
                var work = new StringBuilder(N(machine.WorkTotal));
                List<GapAction> actions = ActionsByUrgency.Where(action => machine.WorkOf(action) > 0).ToList();
                if (actions.Count > 1)
                    work.Append(": ").Append(string.Join(", ", actions.Select(action => N(machine.WorkOf(action)) + " " + ActionText(action).ToLowerInvariant())));
                w.WriteLine("<tr><td class=\"host\">" + HostHtml(machine.Label) + "</td><td>" + HtmlText.Encode(machine.OperatingSystem) + "</td>"
                    + "<td>" + ActionText(machine.MainAction) + "</td><td>" + OwnerText(machine.MainAction.Owner()) + "</td>"
                    + "<td>" + work + "</td><td class=\"nowrap\">" + Day(machine.ScannerLastScanned) + "</td>"
                    + "<td class=\"nowrap\">" + Day(machine.AgentLastAssessed) + "</td></tr>");
            }
            w.WriteLine("</tbody>");
            w.WriteLine("</table>");
        }
    }
}
