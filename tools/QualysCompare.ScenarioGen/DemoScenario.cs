using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// The user's story: a credentialed appliance scan launched 2026-11-20 02:00 UTC and the Cloud
    /// Agents of the same small network, pulled from the API that morning. The write-up's Windows
    /// 10 machine shows 5 vulnerabilities to the appliance and 264 to its agent; the neighbours each
    /// exercise one reason the two vantage points disagree:
    /// <list type="bullet">
    /// <item>FS01, a file server matched by NetBIOS name alone, whose agent already reports two patches as fixed;</item>
    /// <item>PRN-3F-01, a printer no agent can run on;</item>
    /// <item>LT-RW-117, a home-office laptop the appliance never reaches;</item>
    /// <item>APP01, a Linux server where the appliance's SSH login failed;</item>
    /// <item>WIN10-WS077, whose agent stopped reporting 73 days before the scan.</item>
    /// </list>
    /// Everything is fixed or drawn from a seeded generator, so the files are byte-identical on every run.
    /// </summary>
    public static class DemoScenario
    {
        public const string ScanFileName = "appliance-scan.csv";
        public const string AgentFileName = "agent-detections.xml";
        public const string KnowledgeBaseFileName = "knowledgebase.xml";

        public const string WriteUpIp = "10.20.30.42";
        public const string WriteUpDns = "win10-ws042.corp.example.com";
        public const string WriteUpNetBios = "WIN10-WS042";
        public const int WriteUpScannerConfirmed = 3;
        public const int WriteUpScannerPotential = 2;
        public const int WriteUpAgentDetections = 264;

        public static readonly DateTime ScanLaunched = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

        private const ulong Seed = 0x5CA9_2026_1120_0200UL;

        public static ScenarioNetwork Build() => new Builder(new ScenarioRandom(Seed)).Build();

        /// <summary>Writes the three files into <paramref name="outputFolder"/> (created if needed) and returns their full paths.</summary>
        public static IReadOnlyList<string> Write(string outputFolder) => Write(Build(), outputFolder);

        internal static IReadOnlyList<string> Write(ScenarioNetwork network, string outputFolder)
        {
            Directory.CreateDirectory(outputFolder);

            string scanPath = Path.GetFullPath(Path.Combine(outputFolder, ScanFileName));
            using (var output = QualysText.CreateFile(scanPath))
                new ScanResultsCsvWriter(output).Write(network.Scan, network.ScannerHosts);

            string agentPath = Path.GetFullPath(Path.Combine(outputFolder, AgentFileName));
            using (var output = QualysText.CreateFile(agentPath))
                new HostDetectionXmlWriter(network.DetectionsPulled).Write(network.AgentHosts, output);

            string knowledgeBasePath = Path.GetFullPath(Path.Combine(outputFolder, KnowledgeBaseFileName));
            using (var output = QualysText.CreateFile(knowledgeBasePath))
                new KnowledgeBaseXmlWriter(network.KnowledgeBasePulled).Write(network.KnowledgeBase, output);

            return new[] { scanPath, agentPath, knowledgeBasePath };
        }

        private static DateTime Utc(int year, int month, int day, int hour, int minute, int second) =>
            new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);

        /// <summary>When an agent was deployed and when it last scanned and uploaded.</summary>
        private sealed class AgentClock
        {
            public AgentClock(DateTime installed, DateTime lastVmScanned, DateTime lastScan)
            {
                Installed = installed;
                LastVmScanned = lastVmScanned;
                LastScan = lastScan;
            }

            public DateTime Installed { get; }
            public DateTime LastVmScanned { get; }
            public DateTime LastScan { get; }
        }

        private sealed class Builder
        {
            private static readonly TimeSpan AgentScanInterval = TimeSpan.FromHours(6);

            private readonly ScenarioRandom _random;
            private readonly DemoCatalog _catalog;

            public Builder(ScenarioRandom random)
            {
                _random = random;
                _catalog = new DemoCatalog(random);
            }

            public ScenarioNetwork Build()
            {
                var writeUp = WriteUpMachine();
                var fileServer = FileServer();
                var printer = Printer();
                var laptop = Laptop();
                var linux = LinuxServer();
                var stale = StaleAgentWorkstation();

                // The appliance reports hosts by IP; the API lists agent hosts by host ID.
                var scannerHosts = new[] { fileServer.Scanner, linux.Scanner, writeUp.Scanner, stale.Scanner, printer };
                var agentHosts = new[] { writeUp.Agent, fileServer.Agent, linux.Agent, stale.Agent, laptop };

                // Both the appliance's export and the API list a host's findings by QID.
                foreach (var host in scannerHosts.Concat(agentHosts))
                    host.Detections = host.Detections.OrderBy(d => d.Qid).ThenBy(d => d.Port ?? -1).ToList();
                CheckWriteUpCounts(writeUp.Scanner, writeUp.Agent);

                var scan = new ScenarioScan
                {
                    ResultDate = ScanLaunched + TimeSpan.FromSeconds(4713),
                    Company = "Example Corp",
                    Address1 = "100 Harbour Street",
                    Address2 = "Floor 3",
                    City = "Springfield",
                    State = "Illinois",
                    Country = "United States of America",
                    Zip = "62701",
                    UserName = "Dana Whitfield",
                    UserLogin = "excor_dw",
                    UserRole = "Scanner",
                    LaunchDate = ScanLaunched,
                    ActiveHosts = scannerHosts.Length,
                    TotalHosts = 1016,
                    ScanType = "Scheduled",
                    Status = "Finished",
                    Reference = $"scan/{new DateTimeOffset(ScanLaunched).ToUnixTimeSeconds()}.40219",
                    ScannerAppliance = "corp_scanner_01 (Scanner 13.6.28-1, Vulnerability Signatures 2.6.402-2)",
                    Duration = TimeSpan.FromSeconds(4713),
                    Title = "Corp Weekly Authenticated Scan",
                    AssetGroups = "Corp Servers, Corp Workstations, Corp Printers",
                    Ips = "10.20.10.1-10.20.10.254, 10.20.20.1-10.20.20.254, 10.20.30.1-10.20.30.254, 10.20.40.1-10.20.40.254",
                    ExcludedIps = "",
                    OptionProfile = "Authenticated Scan - Windows and Unix",
                };

                return new ScenarioNetwork(scan, scannerHosts, agentHosts, KnowledgeBaseOf(scannerHosts.Concat(agentHosts)),
                    Utc(2026, 11, 20, 7, 58, 21), Utc(2026, 11, 20, 8, 1, 12));
            }

            // ---- the write-up's Windows 10 machine ------------------------------------------

            private (ScenarioHost Scanner, ScenarioHost Agent) WriteUpMachine()
            {
                var start = ScanLaunched + TimeSpan.FromSeconds(192);
                var end = start + TimeSpan.FromSeconds(1893);
                var scanner = ScannedHost(WriteUpIp, WriteUpDns, WriteUpNetBios, "Windows 10 Enterprise 22H2 64 bit Edition Version 22H2 Build 19045");
                scanner.Detections = new List<ScenarioDetection>
                {
                    Found(_catalog.DnsHostName, start, $"IP address\tHost name\n{WriteUpIp}\t{WriteUpDns}"),
                    Found(_catalog.SslServerInformation, start, "PROTOCOL\tSTATUS\nTLSv1.0\tsupported\nTLSv1.1\tsupported\nTLSv1.2\tsupported\nTLSv1.3\tnot supported", 3389, ssl: true),
                    Found(_catalog.SelfSignedCertificate, start, "Certificate #0 CN=WIN10-WS042.corp.example.com is a self-signed certificate.\n(0)CN=WIN10-WS042.corp.example.com valid from Jul 02 2026 to Jan 01 2027", 3389, ssl: true),
                    Found(_catalog.SignatureVerificationFailed, start, "Certificate #0 CN=localhost,O=\"Example Corp, Endpoint Tools\",C=US\nunable to get local issuer certificate", 443, ssl: true),
                    Found(_catalog.WeakRc4Cipher, start, "CIPHER\tKEY-EXCHANGE\tAUTHENTICATION\tMAC\tENCRYPTION(KEY-STRENGTH)\tGRADE\nTLSv1.2 WITH RC4 CIPHERs IS SUPPORTED\t\t\t\t\t\nRC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM\nRC4-MD5\tRSA\tRSA\tMD5\tRC4(128)\tMEDIUM", 443, ssl: true),
                    Found(_catalog.OperatingSystemDetected, start, "Operating System\tTechnique\tID\nWindows 10 Enterprise 22H2 64 bit Edition Version 22H2 Build 19045\tWindows Registry\t\nWindows 10 / Windows 11\tCIFS via TCP Port 445\t\nWindows Vista / Windows 2008 / Windows 7 / Windows 2012 / Windows 8 / Windows 10\tTCP/IP Fingerprint\tU3428:3389"),
                    Found(_catalog.HostScanTime, start, HostScanTime(start, end)),
                    Found(_catalog.WindowsAuthenticationMethod, start, "Windows authentication was successful.\nUser Name\tDomain\tAuthentication Scheme\nsvc_qualys\tCORP\tNTLMv2"),
                    Found(_catalog.OpenTcpServices, start, OpenPorts((135, "msrpc-epmap", "epmap - DCE endpoint resolution", "msrpc"), (139, "netbios-ssn", "NETBIOS Session Service", "netbios ssn"), (443, "https", "http protocol over TLS/SSL", "http over ssl"), (445, "microsoft-ds", "Microsoft-DS", "microsoft-ds"), (3389, "ms-wbt-server", "MS WBT Server", "msrdp over ssl"))),
                    Found(_catalog.RdpManInTheMiddle, start, "Standard RDP Security is accepted: the server completed a connection without TLS.", 3389),
                    Found(_catalog.RdpWeakEncryption, start, "RDP encryption level: Client Compatible\nLowest cipher accepted: RC4 56-bit", 3389),
                };

                var clock = new AgentClock(Utc(2024, 6, 3, 9, 14, 27), Utc(2026, 11, 19, 23, 41, 5), Utc(2026, 11, 19, 23, 47, 12));
                var agent = AgentHost(118402117, WriteUpIp, WriteUpDns, WriteUpNetBios, "Windows 10 Enterprise 64 bit Edition Version 22H2 Build 19045.6691", clock);
                var detections = new List<ScenarioDetection>
                {
                    Seen(_catalog.RdpManInTheMiddle, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp SecurityLayer = 0"),
                    Seen(_catalog.RdpWeakEncryption, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp MinEncryptionLevel = 1"),
                    Reopened(Seen(_catalog.CachedLogonCredential, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"), Utc(2026, 3, 17, 11, 2, 40)),
                    Seen(_catalog.NullSession, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\LSA RestrictAnonymous = 0"),
                    Reopened(Seen(_catalog.AutoPlayNotDisabled, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer NoDriveTypeAutoRun is missing."), Utc(2026, 8, 4, 15, 20, 9)),
                    Seen(_catalog.AutoPlayDefaultUser, clock, "HKEY_USERS\\.DEFAULT\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer NoDriveTypeAutoRun is missing."),
                    Seen(_catalog.UnquotedServicePath, clock, "Service Name\tImage Path\nZoomCptService\tC:\\Program Files\\Zoom\\bin\\Zoom Opener.exe -service\nDellTechHub\tC:\\Program Files\\Dell\\TechHub\\Dell.TechHub.exe"),
                    Seen(_catalog.WinVerifyTrust, clock, "HKLM\\Software\\Microsoft\\Cryptography\\Wintrust\\Config EnableCertPaddingCheck is missing.\nHKLM\\Software\\Wow6432Node\\Microsoft\\Cryptography\\Wintrust\\Config EnableCertPaddingCheck is missing."),
                    Seen(_catalog.Windows10EndOfLife, clock, "Operating System: Windows 10 Enterprise 22H2 Build 19045.6691\nExtended Security Updates: not enrolled"),
                };
                foreach (var check in _catalog.Policies)
                {
                    var detection = Seen(check.Vuln, clock, check.Results);
                    if (check.Vuln.Title == "Windows Update Service Disabled") Reopened(detection, Utc(2026, 1, 6, 8, 45, 51));
                    detections.Add(detection);
                }
                AddReleases(detections, _catalog.WindowsUpdates, clock, r => WindowsUpdateEvidence(r, "10.0.19041.6691", 19045));
                AddReleases(detections, _catalog.DotNetUpdates, clock, r => $"%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\System.dll  Version is  4.8.4785.0\nUpdate for {r.FixedVersion} is not installed");
                AddReleases(detections, _catalog.OfficeUpdates, clock, r => "C:\\Program Files\\Microsoft Office\\root\\Office16\\mso.dll  Version is  16.0.19127.20302");
                AddReleases(detections, _catalog.AdobeReader, clock, r => AcrobatEvidence("25.001.20844"));
                AddReleases(detections, _catalog.SevenZip, clock, r => "C:\\Program Files\\7-Zip\\7z.exe  Version is  23.01");
                AddReleases(detections, _catalog.Zoom, clock, r => "C:\\Users\\mhoffmann\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe  Version is  6.4.6.53970");
                AddReleases(detections, _catalog.Java, clock, r => "C:\\Program Files\\Java\\jre-1.8\\bin\\java.exe  Version is  8.0.4310.10");
                AddReleases(detections, _catalog.Edge, clock, r => "%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe  Version is  131.0.2903.112#");
                AddReleases(detections, _catalog.Chrome, clock, r => "%ProgramFiles%\\Google\\Chrome\\Application\\chrome.exe  Version is  131.0.6778.265#");
                Reopened(detections.First(d => d.Vuln == _catalog.Zoom[7].Vuln), Utc(2026, 9, 22, 7, 31, 2));
                agent.Detections = detections;
                return (scanner, agent);
            }

            // ---- (a) FS01: NetBIOS is the only key both records share ------------------------

            private (ScenarioHost Scanner, ScenarioHost Agent) FileServer()
            {
                var start = ScanLaunched + TimeSpan.FromSeconds(67);
                var end = start + TimeSpan.FromSeconds(1727);
                // No PTR record for the server, so the appliance knows it only by address and NetBIOS.
                var scanner = ScannedHost("10.20.10.15", null, "FS01", "Windows Server 2019 Standard 64 bit Edition Version 1809 Build 17763");
                var november = _catalog.WindowsUpdate(11);
                var dotnetNovember = _catalog.DotNetUpdates[_catalog.DotNetUpdates.Count - 1];
                scanner.Detections = new List<ScenarioDetection>
                {
                    Found(_catalog.CommonNameMismatch, start, "Certificate #0 CN=FS01.corp.example.com\n(The scanned address 10.20.10.15 has no DNS name to compare it with.)", 3389, ssl: true),
                    Found(_catalog.OperatingSystemDetected, start, "Operating System\tTechnique\tID\nWindows Server 2019 Standard 64 bit Edition Version 1809 Build 17763\tWindows Registry\t"),
                    Found(_catalog.HostScanTime, start, HostScanTime(start, end)),
                    Found(_catalog.WindowsAuthenticationMethod, start, "Windows authentication was successful.\nUser Name\tDomain\tAuthentication Scheme\nsvc_qualys\tCORP\tKerberos"),
                    Found(_catalog.OpenTcpServices, start, OpenPorts((135, "msrpc-epmap", "epmap - DCE endpoint resolution", "msrpc"), (445, "microsoft-ds", "Microsoft-DS", "microsoft-ds"), (3389, "ms-wbt-server", "MS WBT Server", "msrdp over ssl"), (5985, "wsman", "WBEM WS-Management HTTP", "http"))),
                    Found(_catalog.CachedLogonCredential, start, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"),
                    Found(_catalog.SmbSigningNotRequired, start, "SMB signing: enabled but not required", 445),
                    Found(dotnetNovember.Vuln, start, "%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\System.dll  Version is  4.8.4785.0"),
                    Found(november.Vuln, start, WindowsUpdateEvidence(november, "10.0.17763.8027", 17763)),
                };

                // The patches went on in the maintenance window after the scan; the agent's next
                // scan at 05:46 found them fixed while the appliance's results still list them.
                var clock = new AgentClock(Utc(2023, 2, 14, 10, 5, 33), Utc(2026, 11, 20, 5, 46, 2), Utc(2026, 11, 20, 5, 52, 40));
                var agent = AgentHost(118402245, "192.168.50.15", "FS01.Corp.Example.com", "fs01", "Windows Server 2019 Standard 64 bit Edition Version 1809 Build 17763.8160", clock);
                var lastSeenMissing = Utc(2026, 11, 19, 21, 40, 11);
                agent.Detections = new List<ScenarioDetection>
                {
                    Seen(_catalog.CachedLogonCredential, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"),
                    Seen(_catalog.SmbSigningNotRequired, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanManServer\\Parameters RequireSecuritySignature = 0"),
                    Fixed(Seen(dotnetNovember.Vuln, clock, "%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\System.dll  Version is  4.8.4785.0"), lastSeenMissing, clock),
                    Fixed(Seen(november.Vuln, clock, WindowsUpdateEvidence(november, "10.0.17763.8027", 17763)), lastSeenMissing, clock),
                    Seen(_catalog.SevenZip[1].Vuln, clock, "C:\\Program Files\\7-Zip\\7z.exe  Version is  24.08"),
                    Seen(_catalog.Java[_catalog.Java.Count - 1].Vuln, clock, "C:\\Program Files\\Java\\jre-1.8\\bin\\java.exe  Version is  8.0.4610.11"),
                    Seen(_catalog.UnquotedServicePath, clock, "Service Name\tImage Path\nBackupExecAgent\tC:\\Program Files\\Veritas\\Backup Exec\\RAWS\\beremote.exe"),
                    Seen(_catalog.Policies.First(p => p.Vuln.Title.StartsWith("WDigest", StringComparison.Ordinal)).Vuln, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest UseLogonCredential = 1"),
                };
                return (scanner, agent);
            }

            // ---- (b) a printer: nothing to install an agent on -------------------------------

            private ScenarioHost Printer()
            {
                var start = ScanLaunched + TimeSpan.FromSeconds(344);
                var end = start + TimeSpan.FromSeconds(2135);
                var scanner = ScannedHost("10.20.40.21", "prn-3f-01.corp.example.com", "NPI7A2B3C", "HP LaserJet Enterprise M607");
                scanner.Detections = new List<ScenarioDetection>
                {
                    Found(_catalog.DnsHostName, start, "IP address\tHost name\n10.20.40.21\tprn-3f-01.corp.example.com"),
                    Found(_catalog.HttpSecurityHeader, start, "X-Frame-Options HTTP Header missing on port 80.\nGET / HTTP/1.1\nHost: prn-3f-01.corp.example.com", 80),
                    Found(_catalog.SelfSignedCertificate, start, "Certificate #0 CN=NPI7A2B3C,O=HP,OU=\"LaserJet, 3rd floor\" is a self-signed certificate.", 443, ssl: true),
                    Found(_catalog.WeakRc4Cipher, start, "CIPHER\tKEY-EXCHANGE\tAUTHENTICATION\tMAC\tENCRYPTION(KEY-STRENGTH)\tGRADE\nTLSv1 WITH RC4 CIPHERs IS SUPPORTED\t\t\t\t\t\nRC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM", 443, ssl: true),
                    Found(_catalog.OperatingSystemDetected, start, "Operating System\tTechnique\tID\nHP LaserJet Enterprise M607\tTCP/IP Fingerprint\tU5162:80\nHP LaserJet Enterprise M607\tSNMP\t"),
                    Found(_catalog.HostScanTime, start, HostScanTime(start, end)),
                    Found(_catalog.IcmpTimestamp, start, "Timestamp of host (network byte ordering): 09:51:07 GMT", protocol: "icmp"),
                    Found(_catalog.OpenTcpServices, start, OpenPorts((80, "www", "World Wide Web HTTP", "http"), (443, "https", "http protocol over TLS/SSL", "http over ssl"), (515, "printer", "spooler", "lpd"), (9100, "hp-pdl-datastr", "PDL Data Streaming Port", "jetdirect"))),
                };
                return scanner;
            }

            // ---- (c) a laptop at home: agent only -------------------------------------------

            private ScenarioHost Laptop()
            {
                var clock = new AgentClock(Utc(2025, 9, 29, 8, 2, 44), Utc(2026, 11, 19, 18, 16, 50), Utc(2026, 11, 19, 18, 22, 9));
                var agent = AgentHost(118402590, "192.168.1.57", "lt-rw-117.corp.example.com", "LT-RW-117", "Windows 11 Pro 64 bit Edition Version 24H2 Build 26100.7171", clock);
                var chrome = _catalog.Chrome;
                var edge = _catalog.Edge;
                var detections = new List<ScenarioDetection>();
                AddReleases(detections, new[] { chrome[chrome.Count - 2], chrome[chrome.Count - 1] }, clock, r => $"%ProgramFiles%\\Google\\Chrome\\Application\\chrome.exe  Version is  {chrome[chrome.Count - 3].FixedVersion}#");
                AddReleases(detections, new[] { edge[edge.Count - 2], edge[edge.Count - 1] }, clock, r => $"%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe  Version is  {edge[edge.Count - 3].FixedVersion}#");
                AddReleases(detections, new[] { _catalog.WindowsUpdate(11) }, clock, r => WindowsUpdateEvidence(r, "10.0.26100.7019", 26100));
                AddReleases(detections, new[] { _catalog.OfficeUpdates[_catalog.OfficeUpdates.Count - 1] }, clock, r => "C:\\Program Files\\Microsoft Office\\root\\Office16\\mso.dll  Version is  16.0.19328.20190");
                AddReleases(detections, new[] { _catalog.Zoom[_catalog.Zoom.Count - 1] }, clock, r => "C:\\Users\\rkeller\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe  Version is  6.7.6.12004");
                AddReleases(detections, new[] { _catalog.AdobeReader[_catalog.AdobeReader.Count - 1] }, clock, r => AcrobatEvidence(_catalog.AdobeReader[_catalog.AdobeReader.Count - 2].FixedVersion));
                detections.Add(Seen(_catalog.CachedLogonCredential, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"));
                detections.Add(Seen(_catalog.AutoPlayNotDisabled, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer NoDriveTypeAutoRun is missing."));
                foreach (var check in _catalog.Policies.Where(p => p.Vuln.Title.StartsWith("Link-Local", StringComparison.Ordinal)
                    || p.Vuln.Title.StartsWith("NetBIOS", StringComparison.Ordinal) || p.Vuln.Title.StartsWith("LSA", StringComparison.Ordinal)
                    || p.Vuln.Title.StartsWith("Windows PowerShell", StringComparison.Ordinal)))
                    detections.Add(Seen(check.Vuln, clock, check.Results));
                agent.Detections = detections;
                return agent;
            }

            // ---- (d) APP01: the appliance's SSH login failed ---------------------------------

            private (ScenarioHost Scanner, ScenarioHost Agent) LinuxServer()
            {
                var start = ScanLaunched + TimeSpan.FromSeconds(69);
                var end = start + TimeSpan.FromSeconds(691);
                var scanner = ScannedHost("10.20.20.31", "app01.corp.example.com", null, "Linux 5.4-5.15 / Ubuntu");
                scanner.Detections = new List<ScenarioDetection>
                {
                    Found(_catalog.DnsHostName, start, "IP address\tHost name\n10.20.20.31\tapp01.corp.example.com"),
                    Found(_catalog.CommonNameMismatch, start, "Certificate #0 CN=app01.internal.example.com\nsubjectAltName: DNS:app01.internal.example.com, DNS:localhost", 443, ssl: true),
                    Found(_catalog.DeprecatedSshCrypto, start, "Type\tName\nkey exchange\tdiffie-hellman-group1-sha1\ncipher\taes128-cbc\ncipher\t3des-cbc\nmac\thmac-sha1-96", 22),
                    Found(_catalog.HttpSecurityHeader, start, "Strict-Transport-Security HTTP Header missing on port 443.\nGET / HTTP/1.1\nHost: app01.corp.example.com", 443, ssl: true),
                    Found(_catalog.OperatingSystemDetected, start, "Operating System\tTechnique\tID\nLinux 5.4-5.15\tTCP/IP Fingerprint\tU7021:22\nUbuntu\tSSH banner\t"),
                    Found(_catalog.HostScanTime, start, HostScanTime(start, end)),
                    Found(_catalog.OpenTcpServices, start, OpenPorts((22, "ssh", "SSH Remote Login Protocol", "ssh"), (80, "www", "World Wide Web HTTP", "http"), (443, "https", "http protocol over TLS/SSL", "http over ssl"), (5432, "postgresql", "PostgreSQL Database", "postgresql"))),
                    Found(_catalog.UnixAuthenticationFailed, start, "Login\tPort\tReason\nsvc_qualys\t22\tPermission denied (publickey,password)", 22),
                };

                var clock = new AgentClock(Utc(2024, 11, 5, 13, 37, 2), Utc(2026, 11, 20, 1, 9, 48), Utc(2026, 11, 20, 1, 15, 33));
                var agent = AgentHost(118402389, "10.20.20.31", "app01.corp.example.com", null, "Ubuntu Linux 22.04.5 LTS", clock);
                var detections = new List<ScenarioDetection>
                {
                    Seen(_catalog.DeprecatedSshCrypto, clock, "/etc/ssh/sshd_config:\nKexAlgorithms diffie-hellman-group1-sha1,curve25519-sha256\nCiphers aes128-cbc,3des-cbc,aes256-gcm@openssh.com"),
                };
                foreach (var notice in _catalog.UbuntuNotices) detections.Add(Seen(notice.Vuln, clock, notice.Results));
                Reopened(detections[5], Utc(2026, 6, 30, 2, 14, 55));
                agent.Detections = detections;
                return (scanner, agent);
            }

            // ---- (e) WIN10-WS077: the agent went quiet in September ---------------------------

            private (ScenarioHost Scanner, ScenarioHost Agent) StaleAgentWorkstation()
            {
                var start = ScanLaunched + TimeSpan.FromSeconds(195);
                var end = start + TimeSpan.FromSeconds(2027);
                const string dns = "win10-ws077.corp.example.com";
                var scanner = ScannedHost("10.20.30.77", dns, "WIN10-WS077", "Windows 10 Enterprise 22H2 64 bit Edition Version 22H2 Build 19045");
                var scannerDetections = new List<ScenarioDetection>
                {
                    Found(_catalog.DnsHostName, start, $"IP address\tHost name\n10.20.30.77\t{dns}"),
                    Found(_catalog.SelfSignedCertificate, start, "Certificate #0 CN=WIN10-WS077.corp.example.com is a self-signed certificate.", 3389, ssl: true),
                    Found(_catalog.OperatingSystemDetected, start, "Operating System\tTechnique\tID\nWindows 10 Enterprise 22H2 64 bit Edition Version 22H2 Build 19045\tWindows Registry\t"),
                    Found(_catalog.HostScanTime, start, HostScanTime(start, end)),
                    Found(_catalog.WindowsAuthenticationMethod, start, "Windows authentication was successful.\nUser Name\tDomain\tAuthentication Scheme\nsvc_qualys\tCORP\tNTLMv2"),
                    Found(_catalog.OpenTcpServices, start, OpenPorts((135, "msrpc-epmap", "epmap - DCE endpoint resolution", "msrpc"), (139, "netbios-ssn", "NETBIOS Session Service", "netbios ssn"), (445, "microsoft-ds", "Microsoft-DS", "microsoft-ds"), (3389, "ms-wbt-server", "MS WBT Server", "msrdp over ssl"))),
                    Found(_catalog.CachedLogonCredential, start, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"),
                    Found(_catalog.SmbSigningNotRequired, start, "SMB signing: enabled but not required", 445),
                };
                for (int month = 8; month <= 11; month++)
                    scannerDetections.Add(Found(_catalog.WindowsUpdate(month).Vuln, start, WindowsUpdateEvidence(_catalog.WindowsUpdate(month), "10.0.19041.6093", 19045)));
                scanner.Detections = scannerDetections;

                // 73 days before the scan: everything after that is unknown to this agent, and
                // everything fixed since is still open in its last report.
                var clock = new AgentClock(Utc(2024, 6, 3, 9, 58, 10), Utc(2026, 9, 8, 2, 4, 19), Utc(2026, 9, 8, 2, 10, 41));
                var agent = AgentHost(118402463, "10.20.30.61", dns, "WIN10-WS077", "Windows 10 Enterprise 64 bit Edition Version 22H2 Build 19045.6093", clock);
                var beforeSilence = _catalog.Chrome.Where(r => r.Published < clock.LastVmScanned).ToList();
                var detections = new List<ScenarioDetection>
                {
                    Seen(_catalog.CachedLogonCredential, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon cachedlogonscount = 10"),
                    Seen(_catalog.SmbSigningNotRequired, clock, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanManServer\\Parameters RequireSecuritySignature = 0"),
                    Seen(_catalog.AutoPlayNotDisabled, clock, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer NoDriveTypeAutoRun is missing."),
                };
                AddReleases(detections, new[] { _catalog.WindowsUpdate(8) }, clock, r => WindowsUpdateEvidence(r, "10.0.19041.6093", 19045));
                AddReleases(detections, beforeSilence.Skip(beforeSilence.Count - 2), clock, r => $"%ProgramFiles%\\Google\\Chrome\\Application\\chrome.exe  Version is  {beforeSilence[beforeSilence.Count - 3].FixedVersion}#");
                AddReleases(detections, _catalog.Zoom.Where(r => r.Published < clock.LastVmScanned).TakeLast(1), clock, r => "C:\\Users\\tnguyen\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe  Version is  6.5.11.4230");
                AddReleases(detections, _catalog.Java.Where(r => r.Published < clock.LastVmScanned).TakeLast(1), clock, r => "C:\\Program Files\\Java\\jre-1.8\\bin\\java.exe  Version is  8.0.4610.11");
                AddReleases(detections, new[] { _catalog.SevenZip[2] }, clock, r => "C:\\Program Files\\7-Zip\\7z.exe  Version is  24.09");
                agent.Detections = detections;
                return (scanner, agent);
            }

            // ---- building blocks ------------------------------------------------------------

            private static ScenarioHost ScannedHost(string ip, string? dns, string? netBios, string os) => new ScenarioHost
            {
                Ip = ip,
                Dns = dns,
                NetBios = netBios,
                TrackingMethod = "IP",
                Os = os,
                LastScan = ScanLaunched,
                LastVmScanned = ScanLaunched,
            };

            private ScenarioHost AgentHost(long hostId, string ip, string? dns, string? netBios, string os, AgentClock clock) => new ScenarioHost
            {
                HostId = hostId,
                Ip = ip,
                Dns = dns,
                NetBios = netBios,
                AgentId = _random.NextGuid(),
                TrackingMethod = ScenarioHost.AgentTrackingMethod,
                Os = os,
                LastScan = clock.LastScan,
                LastVmScanned = clock.LastVmScanned,
                LastVmScannedDuration = _random.Next(180, 1500),
                LastVmAuthScanned = clock.LastVmScanned,
            };

            /// <summary>A detection of the appliance's scan: one scan, so first and last found are the same.</summary>
            private static ScenarioDetection Found(ScenarioVuln vuln, DateTime hostScanStart, string results, int? port = null, bool ssl = false, string? protocol = null) => new ScenarioDetection(vuln)
            {
                Port = port,
                Protocol = protocol ?? (port.HasValue ? "tcp" : null),
                Ssl = ssl,
                Status = vuln.Type == ScenarioType.Info ? (ScenarioStatus?)null : ScenarioStatus.Active,
                FirstFound = hostScanStart,
                LastFound = hostScanStart,
                Results = results,
            };

            /// <summary>
            /// A detection the agent has reported since the QID was published (or since the agent
            /// was installed) up to its last scan. One it saw for the first time in that scan is New.
            /// </summary>
            private ScenarioDetection Seen(ScenarioVuln vuln, AgentClock clock, string results)
            {
                var published = vuln.Published + _random.NextTime(TimeSpan.FromHours(2), TimeSpan.FromDays(3));
                var installed = clock.Installed + _random.NextTime(TimeSpan.FromMinutes(20), TimeSpan.FromHours(30));
                var first = published > installed ? published : installed;
                if (first >= clock.LastVmScanned) first = clock.LastVmScanned;
                return new ScenarioDetection(vuln)
                {
                    Status = first == clock.LastVmScanned ? ScenarioStatus.New : ScenarioStatus.Active,
                    FirstFound = first,
                    LastFound = clock.LastVmScanned,
                    TimesFound = 1 + (int)((clock.LastVmScanned - first).Ticks / AgentScanInterval.Ticks),
                    Results = results,
                };
            }

            private static ScenarioDetection Reopened(ScenarioDetection detection, DateTime reopened)
            {
                detection.Status = ScenarioStatus.ReOpened;
                detection.LastReopened = reopened;
                detection.TimesReopened = 1;
                return detection;
            }

            private static ScenarioDetection Fixed(ScenarioDetection detection, DateTime lastFound, AgentClock clock)
            {
                detection.Status = ScenarioStatus.Fixed;
                detection.TimesFound -= (int)((clock.LastVmScanned - lastFound).Ticks / AgentScanInterval.Ticks);
                detection.LastFound = lastFound;
                detection.LastFixed = clock.LastVmScanned;
                return detection;
            }

            private void AddReleases(List<ScenarioDetection> detections, IEnumerable<DemoRelease> releases, AgentClock clock, Func<DemoRelease, string> evidence)
            {
                foreach (var release in releases)
                {
                    if (release.Published >= clock.LastVmScanned)
                        throw new InvalidOperationException($"QID {release.Vuln.Qid} was published after the agent's last scan and cannot be among its detections.");
                    detections.Add(Seen(release.Vuln, clock, evidence(release)));
                }
            }

            private static string WindowsUpdateEvidence(DemoRelease update, string kernelVersion, int build)
            {
                int kb = 5071000 + 577 * update.Published.Month + (build % 1000);
                return $"KB{kb} is not installed\n%windir%\\system32\\ntoskrnl.exe  Version is  {kernelVersion}#";
            }

            /// <summary>The registered command line is quoted, so the evidence carries quotes.</summary>
            private static string AcrobatEvidence(string version) =>
                "HKLM\\SOFTWARE\\Classes\\acrobat\\shell\\open\\command = \"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe\" /u \"%1\"\n"
                + $"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe  Version is  {version}";

            private static string HostScanTime(DateTime start, DateTime end)
            {
                const string format = "ddd, MMM dd yyyy, HH:mm:ss 'GMT'";
                var culture = System.Globalization.CultureInfo.InvariantCulture;
                return $"Scan duration: {(int)(end - start).TotalSeconds} seconds\n\nStart time: {start.ToString(format, culture)}\n\nEnd time: {end.ToString(format, culture)}";
            }

            private static string OpenPorts(params (int Port, string Iana, string Description, string Service)[] ports)
            {
                var lines = new List<string> { "Port\tIANA Assigned Ports/Services\tDescription\tService Detected\tOS On Redirected Port" };
                foreach (var p in ports) lines.Add($"{p.Port}\t{p.Iana}\t{p.Description}\t{p.Service}\t");
                return string.Join("\n", lines);
            }

            private static void CheckWriteUpCounts(ScenarioHost scanner, ScenarioHost agent)
            {
                var scanned = scanner.Detections.Where(d => d.Type != ScenarioType.Info).ToList();
                int confirmed = scanned.Count(d => d.Type == ScenarioType.Confirmed);
                int potential = scanned.Count(d => d.Type == ScenarioType.Potential);
                int agentCount = agent.Detections.Count();
                if (confirmed != WriteUpScannerConfirmed || potential != WriteUpScannerPotential || agentCount != WriteUpAgentDetections)
                    throw new InvalidOperationException(
                        $"The write-up machine must show {WriteUpScannerConfirmed}+{WriteUpScannerPotential} scanner vulnerabilities and {WriteUpAgentDetections} agent detections; it has {confirmed}+{potential} and {agentCount}.");
                if (agent.Detections.Any(d => d.Status == ScenarioStatus.Fixed))
                    throw new InvalidOperationException("The write-up machine's agent reports nothing as fixed.");
            }

            /// <summary>Every QID either side reports, once, ascending.</summary>
            private static IReadOnlyList<ScenarioVuln> KnowledgeBaseOf(IEnumerable<ScenarioHost> hosts)
            {
                var byQid = new SortedDictionary<int, ScenarioVuln>();
                foreach (var host in hosts)
                {
                    foreach (var detection in host.Detections)
                    {
                        if (byQid.TryGetValue(detection.Qid, out var known) && !ReferenceEquals(known, detection.Vuln))
                            throw new InvalidOperationException($"QID {detection.Qid} is defined twice.");
                        byQid[detection.Qid] = detection.Vuln;
                    }
                }
                return byQid.Values.ToList();
            }
        }
    }
}
