using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Comparison;
using QualysCompare.Engine.Explanation;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Every reason's action and owner (docs/reasons.md), devices that cannot run an agent,
    /// and the host-level action the summary takes from a machine's rows.</summary>
    public sealed class GapActionTests
    {
        [Theory]
        [InlineData(GapReason.ScanNotAuthenticated, GapAction.FixScanAuthentication, GapOwner.ScanTeam)]
        [InlineData(GapReason.HostNotScanned, GapAction.InvestigateScanReach, GapOwner.ScanTeam)]
        [InlineData(GapReason.NoAgentOnHost, GapAction.DeployAgent, GapOwner.EndpointTeam)]
        [InlineData(GapReason.AgentStale, GapAction.RepairAgent, GapOwner.EndpointTeam)]
        [InlineData(GapReason.ScannerMissed, GapAction.InvestigateDetection, GapOwner.VulnerabilityTeam)]
        [InlineData(GapReason.AgentMissed, GapAction.InvestigateDetection, GapOwner.VulnerabilityTeam)]
        [InlineData(GapReason.NeedsLocalAccess, GapAction.None, GapOwner.None)]
        [InlineData(GapReason.NeedsNetworkExposure, GapAction.None, GapOwner.None)]
        [InlineData(GapReason.AgentFixedSinceScan, GapAction.None, GapOwner.None)]
        [InlineData(GapReason.OutsideScanTargets, GapAction.None, GapOwner.None)]
        [InlineData(GapReason.AgentReportsFixed, GapAction.None, GapOwner.None)]
        [InlineData(GapReason.None, GapAction.None, GapOwner.None)]
        public void EachReasonHasItsActionAndOwner(GapReason reason, GapAction action, GapOwner owner)
        {
            var row = new VantageComparison { Reason = reason, OperatingSystem = "Windows Server 2019" };
            GapActions.Assign(row);
            Assert.Equal((action, owner), (row.Action, row.Owner));
        }

        [Fact]
        public void EveryReasonIsInTheTable()
        {
            // A new reason must be given its action on purpose: the list above covers them all.
            var covered = new[]
            {
                GapReason.ScanNotAuthenticated, GapReason.HostNotScanned, GapReason.NoAgentOnHost, GapReason.AgentStale, GapReason.ScannerMissed,
                GapReason.AgentMissed, GapReason.NeedsLocalAccess, GapReason.NeedsNetworkExposure, GapReason.AgentFixedSinceScan, GapReason.AgentReportsFixed, GapReason.None,
                GapReason.OutsideScanTargets,
            };
            Assert.Empty(Enum.GetValues(typeof(GapReason)).Cast<GapReason>().Except(covered));
        }

        [Theory]
        [InlineData("HP LaserJet Printer", "a printer")]
        [InlineData("HP LaserJet M607", "a printer")]
        [InlineData("Xerox WorkCentre 7845", "a printer")]
        [InlineData("Cisco IOS 15.x", "a network device")]
        [InlineData("Cisco IOS XE 16.9", "a network device")]
        [InlineData("Juniper Networks JUNOS 18", "a network device")]
        [InlineData("Fortinet FortiOS 7.0", "a firewall")]
        [InlineData("Palo Alto Networks PAN-OS 10.1", "a firewall")]
        [InlineData("APC UPS Network Management Card", "a UPS card")]
        [InlineData("Linux 2.6 (HP printer)", "a printer")]
        [InlineData("VMware ESXi 7.0", "a hypervisor")]
        [InlineData("Dell iDRAC 9", "a management controller")]
        public void DevicesThatCannotRunTheAgentAreRecognisedFromTheirOsText(string os, string device)
        {
            Assert.False(AgentPlatforms.CanRunAgent(os, out var found));
            Assert.Equal(device, found);
            Assert.Equal(GapAction.None, GapActions.ActionFor(GapReason.NoAgentOnHost, os));
        }

        [Theory]
        [InlineData("Windows Server 2019")]
        [InlineData("Windows 10 Enterprise 64 bit Edition Version 22H2")]
        [InlineData("Linux 4.x")]
        [InlineData("Red Hat Enterprise Linux 8.6")]
        [InlineData("Ubuntu 22.04")]
        [InlineData("macOS 13.4")]
        [InlineData("Microsoft Windows Server 2016 Datacenter (Groups)")]
        [InlineData("Linux 3.10 (kilobyte build)")]
        [InlineData(null)]
        [InlineData("")]
        public void ComputersAndUnknownMachinesShouldHaveAnAgent(string? os)
        {
            Assert.True(AgentPlatforms.CanRunAgent(os, out var device));
            Assert.Null(device);
            Assert.Equal(GapAction.DeployAgent, GapActions.ActionFor(GapReason.NoAgentOnHost, os));
        }

        [Fact]
        public void APrinterWithoutAnAgentIsExplainedAndNeedsNobody()
        {
            var explainer = new GapExplainer(new ExplanationOptions { Now = new DateTime(2024, 5, 7, 0, 0, 0, DateTimeKind.Utc) });
            var comparer = new VantageComparer(new ComparisonOptions { Explainer = explainer });
            comparer.Add(Findings.Scanner("10.0.0.9", "printer1.corp.example.com", null, 38170, os: "HP LaserJet Printer"));
            comparer.Add(Findings.Scanner("10.0.0.10", "srv1.corp.example.com", null, 38170, os: "Windows Server 2019"));
            comparer.Add(Findings.Agent("1", "10.0.0.11", "ws1.corp.example.com", null, 90043));
            var rows = comparer.Compare().ToList();

            var printer = rows.Single(r => r.HostName == "printer1.corp.example.com");
            Assert.Equal((GapReason.NoAgentOnHost, GapAction.None, GapOwner.None), (printer.Reason, printer.Action, printer.Owner));
            Assert.Equal("HP LaserJet Printer", printer.OperatingSystem);
            Assert.Contains("a printer, which the Cloud Agent does not run on", printer.ReasonDetail);
            var server = rows.Single(r => r.HostName == "srv1.corp.example.com");
            Assert.Equal((GapReason.NoAgentOnHost, GapAction.DeployAgent, GapOwner.EndpointTeam), (server.Reason, server.Action, server.Owner));
            Assert.Contains("install the agent", server.ReasonDetail);

            var summaries = VantageSummarizer.Summarize(rows);
            var serverSummary = summaries.Single(s => s.HostName == "srv1.corp.example.com");
            Assert.Equal((GapAction.DeployAgent, GapOwner.EndpointTeam, "Windows Server 2019", "10.0.0.10", (string?)null),
                (serverSummary.Action, serverSummary.Owner, serverSummary.OperatingSystem, serverSummary.ScannerIP, serverSummary.AgentIP));
            Assert.Equal(Findings.ScanDate, serverSummary.ScannerLastScanned);
            Assert.Equal(GapAction.None, summaries.Single(s => s.HostName == "printer1.corp.example.com").Action);
            var workstation = summaries.Single(s => s.HostName == "ws1.corp.example.com");
            Assert.Equal((GapAction.InvestigateScanReach, "10.0.0.11"), (workstation.Action, workstation.AgentIP));
            var total = summaries.Single(s => s.Scope == SummaryScope.Total);
            Assert.Equal((1, 1, GapAction.InvestigateScanReach), (total.DeployAgent, total.InvestigateScanReach, total.Action));
        }

        [Fact]
        public void AMachinesActionIsItsMostUrgent()
        {
            var rows = new List<VantageComparison>
            {
                new VantageComparison { HostName = "a", Presence = Presence.AgentOnly, HostCoverage = Presence.Both, Reason = GapReason.ScannerMissed, Action = GapAction.InvestigateDetection },
                new VantageComparison { HostName = "a", Presence = Presence.AgentOnly, HostCoverage = Presence.Both, Reason = GapReason.ScanNotAuthenticated, Action = GapAction.FixScanAuthentication },
                new VantageComparison { HostName = "a", Presence = Presence.Both, HostCoverage = Presence.Both },
            };
            var host = VantageSummarizer.Summarize(rows)[0];
            Assert.Equal((GapAction.FixScanAuthentication, GapOwner.ScanTeam), (host.Action, host.Owner));
            Assert.Equal((1, 1), (host.FixScanAuthentication, host.InvestigateDetection));
        }
    }
}
