using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// Whether a machine can run the Cloud Agent, from the operating system text Qualys reports.
    /// The agent runs on Windows, Linux and macOS computers (and a few Unix servers); printers,
    /// switches, routers, firewalls, UPS cards and other appliances cannot run it, so a missing agent
    /// on them is expected. The list is docs/reasons.md's; extend both together. Matching is by
    /// case-insensitive substring of the OS text, devices first, so "Linux 2.6 (HP printer)" is a printer.
    /// </summary>
    public static class AgentPlatforms
    {
        /// <summary>(text found in the OS string, what such a device is called in a sentence).</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, string>> Devices = new[]
        {
            Device("printer", "a printer"),
            Device("laserjet", "a printer"),
            Device("officejet", "a printer"),
            Device("deskjet", "a printer"),
            Device("jetdirect", "a printer"),
            Device("xerox", "a printer"),
            Device("ricoh", "a printer"),
            Device("lexmark", "a printer"),
            Device("kyocera", "a printer"),
            Device("konica", "a printer"),
            Device("brother", "a printer"),
            Device("canon", "a printer"),
            Device("zebra", "a printer"),
            Device("cisco ios", "a network device"),
            Device("cisco nx-os", "a network device"),
            Device("cisco asa", "a firewall"),
            Device("junos", "a network device"),
            Device("juniper", "a network device"),
            Device("arista eos", "a network device"),
            Device("procurve", "a switch"),
            Device("aruba", "a network device"),
            Device("mikrotik", "a router"),
            Device("routeros", "a router"),
            Device("switch", "a switch"),
            Device("router", "a router"),
            Device("fortios", "a firewall"),
            Device("fortigate", "a firewall"),
            Device("pan-os", "a firewall"),
            Device("palo alto", "a firewall"),
            Device("sonicwall", "a firewall"),
            Device("checkpoint gaia", "a firewall"),
            Device("firewall", "a firewall"),
            Device("f5 big-ip", "a load balancer"),
            Device("netscaler", "a load balancer"),
            Device("ups", "a UPS card"),
            Device("apc", "a UPS card"),
            Device("network management card", "a UPS card"),
            Device("vmware esx", "a hypervisor"),
            Device("esxi", "a hypervisor"),
            Device("idrac", "a management controller"),
            Device("ilo", "a management controller"),
            Device("ipmi", "a management controller"),
            Device("camera", "a camera"),
            Device("voip", "a phone"),
            Device("polycom", "a phone"),
            Device("avaya", "a phone"),
            Device("nas", "a storage appliance"),
            Device("synology", "a storage appliance"),
            Device("netapp", "a storage appliance"),
            Device("data ontap", "a storage appliance"),
        };

        /// <summary>
        /// False when the OS text names a device that cannot run the agent, with what it is; true
        /// otherwise, unknown OS included: a machine nobody can name is one to look at.
        /// </summary>
        public static bool CanRunAgent(string? operatingSystem, out string? device)
        {
            device = null;
            if (string.IsNullOrWhiteSpace(operatingSystem)) return true;
            // A network has a few hundred distinct OS strings and may have a million rows; the cap
            // keeps a file with a different string on every host from growing the cache without end.
            if (!Judged.TryGetValue(operatingSystem!, out device))
            {
                device = Judge(operatingSystem!);
                if (Judged.Count < MaxRemembered) Judged.TryAdd(operatingSystem!, device);
            }
            if (device.Length == 0) device = null;
            return device == null;
        }

        private const int MaxRemembered = 10_000;

        private static readonly ConcurrentDictionary<string, string> Judged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private static string Judge(string operatingSystem)
        {
            foreach (var entry in Devices)
                if (ContainsWord(operatingSystem, entry.Key)) return entry.Value;
            return string.Empty;
        }

        // Whole words only: "ups" must not match "groups", nor "nas" "dynastic", nor "ilo" "kilobyte".
        private static bool ContainsWord(string text, string word)
        {
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return false;
                int end = at + word.Length;
                bool startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
                bool endsWord = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (startsWord && endsWord) return true;
                from = at + 1;
            }
        }

        private static KeyValuePair<string, string> Device(string text, string what) => new KeyValuePair<string, string>(text, what);
    }
}
