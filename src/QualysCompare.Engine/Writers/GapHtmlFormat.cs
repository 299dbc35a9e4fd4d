using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The words and cells every section of the HTML page shares.</summary>
    public static partial class GapHtmlWriter
    {
        /// <summary>The actions in the order the work is listed: scan quality first (a scan that cannot
        /// log in hides everything else), then coverage, then single detections.</summary>
        internal static readonly GapAction[] ActionsByUrgency =
        {
            GapAction.FixScanAuthentication, GapAction.InvestigateScanReach, GapAction.DeployAgent,
            GapAction.RepairAgent, GapAction.InvestigateDetection,
        };

        internal static readonly GapOwner[] Owners = { GapOwner.ScanTeam, GapOwner.EndpointTeam, GapOwner.VulnerabilityTeam };

        internal static string ActionText(GapAction action) => action == GapAction.None ? "Nothing" : Words(action.ToString());

        internal static string OwnerText(GapOwner owner)
        {
            switch (owner)
            {
                case GapOwner.ScanTeam: return "Scan team";
                case GapOwner.EndpointTeam: return "Endpoint team";
                case GapOwner.VulnerabilityTeam: return "Vulnerability team";
                default: return "Nobody";
            }
        }

        /// <summary>What the owner does, in one sentence (docs/reasons.md, "What to do").</summary>
        internal static string ToDo(GapAction action)
        {
            switch (action)
            {
                case GapAction.FixScanAuthentication:
                    return "Fix the scan's authentication record for these machines (credentials, account rights, the record's IP range) and rescan: until the scan logs in, it cannot run the checks that read installed software, patches and settings.";
                case GapAction.InvestigateScanReach:
                    return "Check the scan's targets (IP ranges, asset groups, exclusions) and whether these machines were on the network during the scan.";
                case GapAction.DeployAgent:
                    return "Install the Cloud Agent on these machines: they can run one and have none.";
                case GapAction.RepairAgent:
                    return "Check that the agent is running, checking in and not blocked by a proxy or firewall: its silence proves nothing.";
                case GapAction.InvestigateDetection:
                    return "Find out why one side missed what it should have seen: the scan's option profile and reach, the agent's modules and manifest, or a false positive.";
                default:
                    return "Nothing.";
            }
        }

        /// <summary>Why a gap with no action needs nothing (docs/reasons.md).</summary>
        internal static string ExpectedText(GapReason reason, Presence presence)
        {
            switch (reason)
            {
                case GapReason.NeedsLocalAccess:
                    return "Found from inside the machine, which the agent always does and a scan only with a working login: the agent's added value.";
                case GapReason.NeedsNetworkExposure:
                    return "Seen only from the network (a listening port, a banner, a certificate), which the agent does not test: the scanner's added value. Fix the finding itself.";
                case GapReason.AgentFixedSinceScan:
                    return "The agent reports it fixed after the scan; the next scan should confirm the fix.";
                case GapReason.NoAgentOnHost:
                    return "Devices that cannot run the Cloud Agent (printers, network gear, appliances): only the scanner can see them.";
                case GapReason.OutsideScanTargets:
                    return "Machines outside every scan's targets (remote workers, say): no scan was asked to see them, so only the agent can.";
                case GapReason.None:
                    return presence == Presence.Both ? "Both vantages saw it." : "The comparison gave no reason.";
                default:
                    return "The comparison gave this reason and no action.";
            }
        }

        /// <summary>The machine a row belongs to, as the summaries tell machines apart.</summary>
        internal static string MachineKey(VantageComparison row) => MachineKey(row.HostName, row.ScannerIP, row.AgentIP, row.HostCoverage);

        internal static string MachineKey(VantageSummary summary) =>
            MachineKey(summary.HostName, summary.ScannerIP, summary.AgentIP, summary.HostCoverage ?? Presence.Both);

        private static string MachineKey(string? hostName, string? scannerIP, string? agentIP, Presence coverage) =>
            string.Join("\u001f", hostName ?? string.Empty, scannerIP ?? string.Empty, agentIP ?? string.Empty, coverage.ToString());

        /// <summary>The row's ReasonDetail with its own QID number said as "this QID", so that rows of one
        /// machine whose evidence differs only by the QID read as one piece of evidence.</summary>
        internal static string SharedEvidence(VantageComparison row)
        {
            string detail = row.ReasonDetail ?? string.Empty;
            if (detail.Length == 0) return row.Reason == GapReason.None ? "No reason given." : Words(row.Reason.ToString()) + ".";
            string own = "QID " + N(row.QID);
            var text = new StringBuilder(detail.Length);
            int from = 0;
            while (true)
            {
                int at = detail.IndexOf(own, from, StringComparison.Ordinal);
                if (at < 0) break;
                int end = at + own.Length;
                bool wholeNumber = end >= detail.Length || !char.IsDigit(detail[end]);
                text.Append(detail, from, at - from).Append(wholeNumber ? (at == 0 ? "This QID" : "this QID") : own);
                from = end;
            }
            return text.Append(detail, from, detail.Length - from).ToString();
        }

        /// <summary>Highest severity first, rows without one last; within a severity the higher QDS (which
        /// weighs exploitation and threat intelligence) first; then machine and QID.</summary>
        internal static int CompareBySeverity(VantageComparison a, VantageComparison b)
        {
            int bySeverity = (b.Severity ?? int.MinValue).CompareTo(a.Severity ?? int.MinValue);
            if (bySeverity != 0) return bySeverity;
            int byQds = (b.Qds ?? int.MinValue).CompareTo(a.Qds ?? int.MinValue);
            if (byQds != 0) return byQds;
            int byHost = StringComparer.OrdinalIgnoreCase.Compare(HostLabel(a), HostLabel(b));
            if (byHost != 0) return byHost;
            byHost = StringComparer.Ordinal.Compare(HostLabel(a), HostLabel(b));
            if (byHost != 0) return byHost;
            int byQid = a.QID.CompareTo(b.QID);
            if (byQid != 0) return byQid;
            int byPresence = a.Presence.CompareTo(b.Presence);
            if (byPresence != 0) return byPresence;
            return StringComparer.Ordinal.Compare(MachineKey(a), MachineKey(b));
        }

        internal static List<VantageComparison> SortedBySeverity(IEnumerable<VantageComparison> rows)
        {
            var sorted = new List<VantageComparison>(rows);
            // List.Sort is not stable; the comparison breaks every tie that matters, and rows that still
            // tie are the same (host, QID) twice and print the same.
            sorted.Sort(CompareBySeverity);
            return sorted;
        }

        /// <summary>The name a person knows the host by, whichever of the names the comparison found.</summary>
        internal static string HostLabel(VantageComparison row) =>
            FirstText(row.HostName, row.DnsName, row.NetBiosName, row.ScannerIP, row.AgentIP) ?? "(no name)";

        private static string? FirstText(params string?[] values)
        {
            foreach (string? value in values)
            {
                if (!string.IsNullOrWhiteSpace(value)) return value;
            }
            return null;
        }

        /// <summary>A host name that wraps after its dots rather than at a hyphen or anywhere: each label is
        /// kept whole unless it is too long for any column.</summary>
        internal static string HostHtml(string label)
        {
            string[] parts = label.Split('.');
            var html = new StringBuilder(label.Length * 2);
            for (int i = 0; i < parts.Length; i++)
            {
                string part = HtmlText.Encode(parts[i]) + (i < parts.Length - 1 ? "." : string.Empty);
                html.Append(parts[i].Length > 0 && parts[i].Length <= 24 ? "<span class=\"id\">" + part + "</span>" : part);
                if (i < parts.Length - 1) html.Append("<wbr/>");
            }
            return html.ToString();
        }

        /// <summary>A CVE list that wraps between CVEs, never inside one: a browser would otherwise break
        /// "CVE-2025-41702" at its hyphens. Each ID is kept whole; a token too long for any column may still
        /// break anywhere (the cell's overflow-wrap), and a comma gets a break opportunity.</summary>
        internal static string CveHtml(string? cves)
        {
            if (string.IsNullOrEmpty(cves)) return string.Empty;
            var html = new StringBuilder(cves!.Length * 2);
            int start = 0;
            for (int i = 0; i <= cves.Length; i++)
            {
                bool separator = i == cves.Length || cves[i] == ';' || cves[i] == ',' || char.IsWhiteSpace(cves[i]);
                if (!separator) continue;
                if (i > start)
                {
                    string token = HtmlText.Encode(cves.Substring(start, i - start));
                    html.Append(i - start <= 24 ? "<span class=\"id\">" + token + "</span>" : token);
                }
                if (i < cves.Length) html.Append(HtmlText.Encode(cves[i].ToString())).Append(cves[i] == ',' ? "<wbr/>" : string.Empty);
                start = i + 1;
            }
            return html.ToString();
        }

        internal static string PresenceText(Presence presence)
        {
            switch (presence)
            {
                case Presence.Both: return "Both";
                case Presence.ScannerOnly: return "Scanner only";
                case Presence.AgentOnly: return "Agent only";
                default: return presence.ToString();
            }
        }

        /// <summary>"NeedsLocalAccess" as "Needs local access".</summary>
        internal static string Words(string pascalCase)
        {
            var words = new StringBuilder(pascalCase.Length + 8);
            for (int i = 0; i < pascalCase.Length; i++)
            {
                char c = pascalCase[i];
                if (i > 0 && char.IsUpper(c) && char.IsLower(pascalCase[i - 1]))
                {
                    words.Append(' ');
                    bool acronym = i + 1 < pascalCase.Length && char.IsUpper(pascalCase[i + 1]);
                    words.Append(acronym ? c : char.ToLowerInvariant(c));
                }
                else
                {
                    words.Append(c);
                }
            }
            return words.ToString();
        }

        /// <summary>The day alone, where the column is narrow and the hour says nothing to act on.</summary>
        private static string Day(DateTime? value) =>
            value.HasValue ? ExportText.ToUtc(value.Value).ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture) : string.Empty;

        private static string NumberCell(int value) => "<td class=\"num\">" + N(value) + "</td>";

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Count(int value, string noun) => N(value) + " " + noun + (value == 1 ? string.Empty : "s");

        private static string Percent(double value) =>
            double.IsNaN(value) || double.IsInfinity(value) ? "no percentage" : value.ToString("0.#", CultureInfo.InvariantCulture) + " % agent only";

        /// <summary>A table with fixed column widths (percentages of the page), so no column is squeezed
        /// to a word per line and long text wraps inside its own column.</summary>
        private static string FixedTable(string cssClass, params int[] widths)
        {
            var html = new StringBuilder("<table class=\"data fixed " + cssClass + "\"><colgroup>");
            foreach (int width in widths) html.Append("<col style=\"width:").Append(N(width)).Append("%\"/>");
            return html.Append("</colgroup>").ToString();
        }
    }
}
