using System;
using System.Collections.Generic;
using System.Globalization;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// The QIDs of the benchmark network: a few thousand invented in Qualys's numbering ranges and
    /// title style, in families that behave differently. Patch and package QIDs are local checks
    /// (no port; an agent's home ground), certificate and TLS QIDs are network checks on a port,
    /// some of them reported on two ports of one host, as real exports do. Every text is built
    /// once here, so the millions of rows that point at a QID share its strings.
    /// Information-gathered QIDs are left out on purpose: Compare-QualysVantage leaves them out by
    /// default and the PowerShell baseline has no such filter, so both must see the same rows.
    /// </summary>
    public sealed class BenchCatalog
    {
        /// <summary>Prime, so that any stride walks every QID before it repeats one.</summary>
        public const int Size = 4999;

        private static readonly string[] Months =
            { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

        private static readonly string[] Packages =
            { "openssl", "kernel", "glibc", "curl", "sudo", "openssh", "bind", "httpd", "nginx", "python3", "libxml2", "systemd", "krb5", "samba", "postgresql" };

        private static readonly string[] Products =
            { "Google Chrome", "Mozilla Firefox", "Adobe Acrobat Reader", "Oracle Java SE", "7-Zip", "Zoom Client", "Microsoft Edge", "VMware Tools", "Notepad++", "WinRAR" };

        private readonly ScenarioVuln[] _vulns;
        private readonly bool[] _twoPorts;
        private readonly int?[] _ports;
        private readonly string[][] _results;

        public BenchCatalog(ScenarioRandom random)
        {
            var families = new List<(int Qid, Func<int, ScenarioRandom, Entry> Make)>();
            var used = new HashSet<int>();
            // Shares of the catalog, roughly as QIDs fall on an enterprise's hosts.
            AddFamily(families, used, random, 1400, 91000, 92999, WindowsPatch);
            AddFamily(families, used, random, 1100, 370000, 382999, LinuxPackage);
            AddFamily(families, used, random, 1200, 376000, 379999, ThirdParty);
            AddFamily(families, used, random, 600, 105000, 106999, Policy);
            AddFamily(families, used, random, 450, 38000, 38999, TlsCheck);
            AddFamily(families, used, random, 249, 11000, 13999, WebCheck);
            families.Sort((a, b) => a.Qid.CompareTo(b.Qid));

            _vulns = new ScenarioVuln[Size];
            _twoPorts = new bool[Size];
            _ports = new int?[Size];
            _results = new string[Size][];
            for (int i = 0; i < Size; i++)
            {
                var entry = families[i].Make(families[i].Qid, random);
                _vulns[i] = entry.Vuln;
                _twoPorts[i] = entry.TwoPorts;
                _ports[i] = entry.Port;
                _results[i] = entry.Results;
            }
        }

        public ScenarioVuln this[int index] => _vulns[index];

        /// <summary>Network checks a scanner reports on two ports of one host (443 and 8443).</summary>
        public bool OnTwoPorts(int index) => _twoPorts[index];

        /// <summary>The port a scanner reports the QID on; null for local checks.</summary>
        public int? Port(int index) => _ports[index];

        public string Results(int index, int variant) => _results[index][variant % _results[index].Length];

        private static void AddFamily(List<(int, Func<int, ScenarioRandom, Entry>)> families, HashSet<int> used, ScenarioRandom random,
            int count, int first, int last, Func<int, ScenarioRandom, Entry> make)
        {
            for (int added = 0; added < count;)
            {
                int qid = random.Next(first, last + 1);
                if (!used.Add(qid)) continue;
                families.Add((qid, make));
                added++;
            }
        }

        private sealed class Entry
        {
            public Entry(ScenarioVuln vuln, int? port, bool twoPorts, params string[] results)
            {
                Vuln = vuln;
                Port = port;
                TwoPorts = twoPorts;
                Results = results;
            }

            public ScenarioVuln Vuln { get; }
            public int? Port { get; }
            public bool TwoPorts { get; }
            public string[] Results { get; }
        }

        private static string Cve(ScenarioRandom random, int year) =>
            string.Create(CultureInfo.InvariantCulture, $"CVE-{year}-{random.Next(1000, 49999)}");

        private static IReadOnlyList<string> Cves(ScenarioRandom random, int year)
        {
            int count = random.Next(0, 3);
            var cves = new string[count];
            for (int i = 0; i < count; i++) cves[i] = Cve(random, year);
            return cves;
        }

        private static double Score(ScenarioRandom random, int lowTenths, int highTenths) => random.Next(lowTenths, highTenths + 1) / 10.0;

        private static Entry WindowsPatch(int qid, ScenarioRandom random)
        {
            int year = random.Next(2019, 2027);
            string month = Months[random.Next(0, 12)];
            int kb = random.Next(5000000, 5059999);
            var vuln = new ScenarioVuln(qid, $"Microsoft Windows Security Update for {month} {year}", ScenarioType.Confirmed, random.Next(4, 6), "Windows")
            {
                CveIds = Cves(random, year),
                CvssBase = Score(random, 60, 93), CvssTemporal = Score(random, 45, 70), Cvss3Base = Score(random, 70, 98), Cvss3Temporal = Score(random, 60, 88),
                Threat = $"KB{kb} is missing.\n{month} fixes.",
                Impact = "Code execution.",
                Solution = $"Install KB{kb}.",
                Pci = true,
            };
            return new Entry(vuln, null, false,
                string.Create(CultureInfo.InvariantCulture, $"ntoskrnl.exe Version is 10.0.{random.Next(17763, 22631)}.{random.Next(1000, 6999)}"),
                $"KB{kb} is not installed");
        }

        private static Entry LinuxPackage(int qid, ScenarioRandom random)
        {
            int year = random.Next(2019, 2027);
            string package = Packages[random.Next(0, Packages.Length)];
            var vuln = new ScenarioVuln(qid, string.Create(CultureInfo.InvariantCulture, $"Red Hat Update for {package} (RHSA-{year}:{random.Next(1000, 9999)})"),
                ScenarioType.Confirmed, random.Next(2, 6), "RedHat")
            {
                CveIds = Cves(random, year),
                CvssBase = Score(random, 40, 90), Cvss3Base = Score(random, 50, 98),
                Threat = $"Security fixes for {package}.",
                Impact = "Escalation.",
                Solution = $"yum update {package}",
            };
            return new Entry(vuln, null, false,
                string.Create(CultureInfo.InvariantCulture, $"{package}-{random.Next(1, 4)}.{random.Next(0, 20)}-{random.Next(1, 40)}.el8 installed"));
        }

        private static Entry ThirdParty(int qid, ScenarioRandom random)
        {
            int year = random.Next(2020, 2027);
            string product = Products[random.Next(0, Products.Length)];
            string version = string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 130)}.{random.Next(0, 10)}.{random.Next(0, 999)}");
            var vuln = new ScenarioVuln(qid, $"{product} Prior to {version} Multiple Vulnerabilities", ScenarioType.Confirmed, random.Next(3, 6), "Local")
            {
                CveIds = Cves(random, year),
                Cvss3Base = Score(random, 50, 98), Cvss3Temporal = Score(random, 45, 88),
                Threat = $"Flaws before\n{version}.",
                Impact = "Code execution.",
                Solution = $"Upgrade to {version}.",
            };
            return new Entry(vuln, null, false, $"{product} version older than {version}");
        }

        private static Entry Policy(int qid, ScenarioRandom random)
        {
            int setting = random.Next(1, 400);
            var vuln = new ScenarioVuln(qid, string.Create(CultureInfo.InvariantCulture, $"Windows Hardening Setting {setting} Not Configured"),
                random.Chance(60) ? ScenarioType.Potential : ScenarioType.Confirmed, random.Next(2, 4), "Security Policy")
            {
                Cvss3Base = Score(random, 30, 60),
                Threat = "A setting is off.",
                Impact = "Weakens defences.",
                Solution = "Set the policy.",
            };
            return new Entry(vuln, null, false,
                string.Create(CultureInfo.InvariantCulture, $"HKLM\\SOFTWARE\\Policies\\P{setting}\nValue = 0"));
        }

        private static Entry TlsCheck(int qid, ScenarioRandom random)
        {
            bool twoPorts = random.Chance(40);
            var vuln = new ScenarioVuln(qid, string.Create(CultureInfo.InvariantCulture, $"SSL/TLS Weakness {qid - 38000} Detected"),
                random.Chance(50) ? ScenarioType.Potential : ScenarioType.Confirmed, random.Next(2, 4), "General remote services")
            {
                Cvss3Base = Score(random, 37, 75),
                Threat = "TLS accepts\nweak settings.",
                Impact = "Traffic can be read.",
                Solution = "Disable weak ciphers.",
                Pci = true,
                RemoteDiscovery = true,
            };
            return new Entry(vuln, 443, twoPorts, "TLSv1.0 supported\nRC4-SHA accepted", "Certificate #0 CN=self-signed");
        }

        private static Entry WebCheck(int qid, ScenarioRandom random)
        {
            var vuln = new ScenarioVuln(qid, string.Create(CultureInfo.InvariantCulture, $"Web Server Misconfiguration {qid}"),
                ScenarioType.Potential, random.Next(1, 4), "Web server")
            {
                Cvss3Base = Score(random, 30, 65),
                Threat = "Server leaks details.",
                Impact = "Aids an attacker.",
                Solution = "Fix the config.",
                RemoteDiscovery = true,
            };
            return new Entry(vuln, 80, false, "GET / HTTP/1.1\nServer: Apache");
        }
    }
}
