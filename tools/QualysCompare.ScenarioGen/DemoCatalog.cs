using System;
using System.Collections.Generic;
using System.Globalization;

namespace QualysCompare.ScenarioGen
{
    /// <summary>A product release or patch day that a QID tests for.</summary>
    public sealed class DemoRelease
    {
        public DemoRelease(ScenarioVuln vuln, string fixedVersion)
        {
            Vuln = vuln;
            FixedVersion = fixedVersion;
        }

        public ScenarioVuln Vuln { get; }
        public DateTime Published => Vuln.Published;

        /// <summary>The version (or month) that fixes it, for result texts.</summary>
        public string FixedVersion { get; }
    }

    /// <summary>A configuration check with the registry or policy evidence the agent reports.</summary>
    public sealed class DemoCheck
    {
        public DemoCheck(ScenarioVuln vuln, string results)
        {
            Vuln = vuln;
            Results = results;
        }

        public ScenarioVuln Vuln { get; }
        public string Results { get; }
    }

    /// <summary>
    /// The QIDs of the demo network. The network checks, information-gathered QIDs and the
    /// well-known Windows configuration checks use real Qualys QIDs and titles. The versioned
    /// families (browser, Office, Windows patch days, Adobe, Zoom, Java, Ubuntu notices, policy
    /// checks) are invented in Qualys's numbering ranges and title style, because their real QIDs
    /// for 2025-2026 cannot be known here; their QIDs are handed out in publication order, as
    /// Qualys does, so different products interleave.
    /// </summary>
    public sealed class DemoCatalog
    {
        /// <summary>Chosen so that the write-up machine's agent reports exactly 264 detections.</summary>
        public const int ChromeReleaseCount = 88;

        public const int EdgeReleaseCount = 80;

        private static readonly string[] Windows = { "Windows" };
        private static readonly string[] Unix = { "Unix" };
        private static readonly string[] UnixAndWindows = { "Unix", "Windows" };

        private readonly ScenarioRandom _random;

        public DemoCatalog(ScenarioRandom random)
        {
            _random = random;

            DnsHostName = new ScenarioVuln(6, "DNS Host Name", ScenarioType.Info, 1, "Information gathering")
            {
                Threat = "The fully qualified domain name of this host, if it was obtained from a DNS server, is displayed in the RESULT section.",
                RemoteDiscovery = true,
                Published = Utc(1999, 1, 1, 8, 0),
                LastModified = Utc(2018, 1, 4, 17, 39),
            };
            OperatingSystemDetected = new ScenarioVuln(45017, "Operating System Detected", ScenarioType.Info, 2, "Information gathering")
            {
                Threat = "Several different techniques can be used to identify the operating system (OS) running on a host. The specific technique used to identify the OS on this host is included in the RESULTS section of your report.",
                Impact = "Not applicable.",
                Solution = "Not applicable.",
                RemoteDiscovery = true,
                AuthTypes = UnixAndWindows,
                Published = Utc(2003, 1, 16, 19, 4),
                LastModified = Utc(2026, 3, 2, 9, 11),
            };
            HostScanTime = new ScenarioVuln(45038, "Host Scan Time - Scanner", ScenarioType.Info, 1, "Information gathering")
            {
                Threat = "The Host Scan Time is the period of time it takes the scanning engine to perform the vulnerability assessment of a single target host. The Host Scan Time for this host is reported in the Result section below.",
                RemoteDiscovery = true,
                Published = Utc(2004, 10, 12, 23, 37),
                LastModified = Utc(2022, 9, 15, 18, 2),
            };
            WindowsAuthenticationMethod = new ScenarioVuln(70028, "Windows Authentication Method", ScenarioType.Info, 1, "Windows")
            {
                Threat = "The scanner logged in to this host with the credentials of a Windows authentication record. The account and the authentication scheme used are listed in the Result section.",
                RemoteDiscovery = true,
                AuthTypes = Windows,
                Published = Utc(2006, 5, 24, 17, 26),
                LastModified = Utc(2024, 2, 7, 11, 40),
            };
            OpenTcpServices = new ScenarioVuln(82023, "Open TCP Services List", ScenarioType.Info, 1, "TCP/IP")
            {
                Threat = "The port scanner enables unauthorized users with the appropriate tools to draw a map of all services on this host that can be accessed from the Internet. The test was carried out with a \"stealth\" port scanner so that the server does not log real connections.",
                Impact = "Unauthorized users can exploit this information to test vulnerabilities in each of the open services.",
                Solution = "Shut down any unknown or unused service on the list. If you have difficulty figuring out which service is provided by which process or program, contact your provider's support team.",
                RemoteDiscovery = true,
                Published = Utc(2001, 3, 28, 8, 0),
                LastModified = Utc(2025, 6, 17, 14, 2),
            };
            SslServerInformation = new ScenarioVuln(38116, "SSL Server Information Retrieval", ScenarioType.Info, 1, "General remote services")
            {
                Threat = "The following is a list of supported SSL/TLS protocol versions and the ciphers the server accepts for each.",
                RemoteDiscovery = true,
                Published = Utc(2003, 5, 20, 8, 0),
                LastModified = Utc(2025, 9, 3, 6, 55),
            };
            UnixAuthenticationFailed = new ScenarioVuln(105053, "Unix Authentication Failed", ScenarioType.Info, 2, "Information gathering")
            {
                Threat = "Authentication to this Unix host failed with the credentials of the Unix authentication record that applies to it. Checks that need a login were not run.",
                Impact = "Vulnerabilities that can only be detected with a login were not assessed on this host.",
                Solution = "Check the user name, password or key of the authentication record, that the account may log in over SSH, and the Authentication Report for the cause.",
                RemoteDiscovery = true,
                AuthTypes = Unix,
                Published = Utc(2007, 2, 21, 20, 13),
                LastModified = Utc(2025, 4, 29, 10, 30),
            };

            SelfSignedCertificate = Network(38169, "SSL Certificate - Self-Signed Certificate", ScenarioType.Confirmed, 2, "General remote services",
                cvss: 9.4, cvss3: 6.5, published: Utc(2010, 3, 4, 23, 55),
                threat: "An SSL Certificate associates an entity (person, organization, host, etc.) with a Public Key. In an SSL connection, the client authenticates the remote server using the server's Certificate and extracts the Public Key in the Certificate to establish the secure connection. The server is presenting a self-signed certificate, which a client cannot verify against a trusted root.",
                impact: "By exploiting this vulnerability, an attacker can launch a man-in-the-middle attack.",
                solution: "Please install a server certificate whose Issuer is a trusted Certificate Authority.");
            CommonNameMismatch = Network(38170, "SSL Certificate - Subject Common Name Does Not Match Server FQDN", ScenarioType.Confirmed, 2, "General remote services",
                cvss: 9.4, cvss3: 6.5, published: Utc(2010, 3, 4, 23, 55),
                threat: "The common name (CN) of the certificate the server presents is not the fully qualified domain name (FQDN) of the server, nor does the certificate list that name as a subject alternative name.",
                impact: "A man-in-the-middle attacker can exploit this vulnerability in tandem with a DNS cache poisoning attack to lure the client to another server, and then steal all the encryption communication.",
                solution: "Please install a server certificate whose Subject commonName or subjectAltName matches the server FQDN.");
            SignatureVerificationFailed = Network(38173, "SSL Certificate - Signature Verification Failed Vulnerability", ScenarioType.Confirmed, 2, "General remote services",
                cvss: 9.4, cvss3: 6.5, published: Utc(2010, 3, 4, 23, 55),
                threat: "An SSL Certificate associates an entity (person, organization, host, etc.) with a Public Key. The certificate chain the server presents could not be verified up to a trusted root: the signature of one of its certificates could not be checked.",
                impact: "By exploiting this vulnerability, man-in-the-middle attacks in tandem with DNS cache poisoning can occur.",
                solution: "Please install a server certificate signed by a trusted certificate authority, and send the intermediate certificates with it.");
            WeakRc4Cipher = Network(38601, "SSL/TLS use of weak RC4 cipher", ScenarioType.Confirmed, 2, "General remote services",
                cvss: 4.3, cvss3: 5.9, published: Utc(2013, 3, 18, 22, 12),
                cves: new[] { "CVE-2013-2566", "CVE-2015-2808" },
                threat: "Secure Sockets Layer (SSL v2/v3) and Transport Layer Security (TLS) protocols provide integrity, confidentiality and authenticity services to other protocols that lack these features. The RC4 cipher is flawed in its generation of a pseudo-random stream of bytes, so that a wide variety of small biases are introduced into the stream.",
                impact: "An attacker who observes many connections that carry the same plaintext can recover parts of it, for example session cookies.",
                solution: "RC4 should not be used where possible. Disable the RC4 cipher suites on the server and prefer AES-GCM cipher suites.");
            DeprecatedSshCrypto = Network(38739, "Deprecated SSH Cryptographic Settings", ScenarioType.Confirmed, 3, "General remote services",
                cvss: 6.4, cvss3: 6.5, published: Utc(2018, 10, 2, 21, 48), auth: Unix,
                threat: "The SSH protocol (Secure Shell) is a method for secure remote login from one computer to another. The SSH server accepts key exchange algorithms, ciphers or message authentication codes that are considered weak: diffie-hellman-group1-sha1, arcfour, hmac-sha1-96 or CBC-mode ciphers.",
                impact: "A man-in-the-middle attacker may be able to decrypt or tamper with the SSH session.",
                solution: "Remove the weak algorithms from the KexAlgorithms, Ciphers and MACs settings of the SSH server and restart it.");
            HttpSecurityHeader = Network(11827, "HTTP Security Header Not Detected", ScenarioType.Potential, 2, "CGI",
                cvss: 5.0, cvss3: 5.3, published: Utc(2017, 11, 28, 9, 2),
                threat: "This QID reports the absence of the following HTTP headers according to CWE-693: Protection Mechanism Failure: X-Content-Type-Options, Strict-Transport-Security, Content-Security-Policy, X-Frame-Options.",
                impact: "Depending on the vulnerability being exploited, an unauthenticated remote attacker could conduct cross-site scripting, clickjacking or MIME-type sniffing attacks.",
                solution: "Configure the web server to send the X-Content-Type-Options, Strict-Transport-Security, Content-Security-Policy and X-Frame-Options headers on every response.");
            IcmpTimestamp = Network(82003, "ICMP Timestamp Request", ScenarioType.Confirmed, 1, "TCP/IP",
                cvss: 2.1, cvss3: 5.3, published: Utc(1999, 1, 1, 8, 0),
                cves: new[] { "CVE-1999-0524" },
                threat: "ICMP (Internet Control and Error Message Protocol) is a protocol encapsulated in IP packets. Its principal purpose is to provide a protocol layer able to inform gateways of the inter-connectivity and accessibility of other gateways or hosts. The host answered an ICMP timestamp request with its current time.",
                impact: "Unauthorized users can obtain information about your network by sending ICMP packets, including the exact time on the host, which can help to defeat time-based random number generators.",
                solution: "You can filter ICMP messages of type \"Timestamp\" and \"Timestamp Reply\" at the firewall level.");
            SmbSigningNotRequired = Network(90043, "SMB Signing Disabled or SMB Signing Not Required", ScenarioType.Confirmed, 3, "Windows",
                cvss: 7.3, cvss3: 5.3, published: Utc(2007, 12, 12, 1, 6), auth: Windows,
                threat: "This host does not require the Server Message Block (SMB) protocol to sign its packets. SMB signing puts a digital signature into each SMB packet, which lets the recipient verify that the packet is genuine and has not been altered in transit.",
                impact: "Unauthorized users sniffing the network could catch many NTLM hashes and relay them to this host.",
                solution: "Enable \"Microsoft network server: Digitally sign communications (always)\" in the local or domain security policy.");
            RdpManInTheMiddle = Network(90783, "Microsoft Windows Remote Desktop Protocol Server Man-in-the-Middle Weakness", ScenarioType.Potential, 3, "Windows",
                cvss: 5.1, cvss3: 6.8, published: Utc(2012, 3, 26, 21, 47), auth: Windows,
                cves: new[] { "CVE-2005-1794" },
                threat: "The Remote Desktop Protocol (RDP) server accepts Standard RDP Security, whose RSA keys are not tied to a certificate the client can verify.",
                impact: "An attacker in the path between client and server can impersonate the server, obtain the login and read the session.",
                solution: "Configure the RDP listener to require TLS (SecurityLayer = 2) and Network Level Authentication.");
            RdpWeakEncryption = Network(90882, "Windows Remote Desktop Protocol Weak Encryption Method Allowed", ScenarioType.Potential, 2, "Windows",
                cvss: 2.6, cvss3: 3.7, published: Utc(2013, 6, 13, 0, 28), auth: Windows,
                threat: "The Remote Desktop Protocol (RDP) server allows clients to connect with the \"Low\" or \"Client Compatible\" encryption level, which uses 56-bit or 40-bit RC4.",
                impact: "An attacker who captures the session traffic may be able to decrypt it.",
                solution: "Set the group policy \"Set client connection encryption level\" to \"High Level\" (MinEncryptionLevel = 3).");
            NullSession = Network(90044, "Allowed Null Session", ScenarioType.Confirmed, 3, "Windows",
                cvss: 5.0, cvss3: 5.3, published: Utc(2007, 12, 12, 1, 6), auth: Windows,
                threat: "It was possible to log into the target host using a NULL session. A NULL session is a connection with no user name and no password; the host lets anonymous users enumerate shares and accounts.",
                impact: "Unauthorized users can obtain the list of user accounts and shares, which helps password guessing.",
                solution: "Set \"Network access: Do not allow anonymous enumeration of SAM accounts and shares\" and RestrictAnonymous = 1.");

            CachedLogonCredential = Local(90007, "Enabled Cached Logon Credential", ScenarioType.Confirmed, 2, "Windows", Windows,
                cvss: 4.6, cvss3: 5.5, published: Utc(2004, 9, 8, 19, 40), patchable: false,
                threat: "Windows caches the credentials of the last users who logged on (cachedlogonscount), so that they can log on when no domain controller can be reached.",
                impact: "An attacker with administrative access to the host can extract the cached hashes and attempt to crack them offline.",
                solution: "Set \"Interactive logon: Number of previous logons to cache\" to 0, or to 1 on laptops that must work offline.");
            AutoPlayNotDisabled = Local(105170, "Microsoft Windows Explorer AutoPlay Not Disabled", ScenarioType.Confirmed, 2, "Security Policy", Windows,
                cvss: 4.6, cvss3: null, published: Utc(2009, 7, 14, 20, 22), patchable: false,
                threat: "AutoPlay starts the program of a removable drive or CD when it is inserted. It is enabled for at least one drive type on this host.",
                impact: "Malware on removable media can run without the user starting it.",
                solution: "Set NoDriveTypeAutoRun = 255 under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer.");
            AutoPlayDefaultUser = Local(105171, "Windows Explorer Autoplay Not Disabled for Default User", ScenarioType.Confirmed, 2, "Security Policy", Windows,
                cvss: 4.6, cvss3: null, published: Utc(2009, 7, 14, 20, 22), patchable: false,
                threat: "AutoPlay is not disabled in the profile that new users inherit (HKEY_USERS\\.DEFAULT).",
                impact: "Malware on removable media can run without the user starting it.",
                solution: "Set NoDriveTypeAutoRun = 255 for the default user profile.");
            UnquotedServicePath = Local(105484, "Microsoft Windows Unquoted Service Path Enumeration Vulnerability", ScenarioType.Confirmed, 3, "Windows", Windows,
                cvss: 6.8, cvss3: 7.8, published: Utc(2014, 2, 6, 0, 37), patchable: false,
                threat: "The image path of a Windows service contains spaces and is not enclosed in quotes, so Windows tries each space-separated prefix of the path as a program to start.",
                impact: "A local user who can write to a folder on the path can run code as the service account, often LocalSystem.",
                solution: "Enclose the ImagePath value of the service in quotes, for example \"C:\\Program Files\\Vendor\\service.exe\".");
            WinVerifyTrust = Local(378332, "Microsoft Windows WinVerifyTrust Signature Validation Vulnerability", ScenarioType.Confirmed, 3, "Windows", Windows,
                cvss: 7.6, cvss3: 8.8, published: Utc(2022, 1, 12, 8, 1), patchable: true,
                cves: new[] { "CVE-2013-3900" },
                threat: "The WinVerifyTrust function does not check the padding of Authenticode signatures unless EnableCertPaddingCheck is set, so a signed file can be altered without invalidating its signature.",
                impact: "An attacker can add content to a signed executable and have it run as if it were the unaltered, trusted file.",
                solution: "Set EnableCertPaddingCheck = 1 under HKLM\\Software\\Microsoft\\Cryptography\\Wintrust\\Config and its Wow6432Node twin.");
            Windows10EndOfLife = Local(105986, "EOL/Obsolete Operating System: Microsoft Windows 10 Detected", ScenarioType.Confirmed, 5, "Security Policy", Windows,
                cvss: 10.0, cvss3: 10.0, published: Utc(2025, 10, 15, 7, 0), patchable: false,
                threat: "Microsoft ended support for Windows 10 on October 14, 2025. Without an Extended Security Updates licence the host receives no further security updates.",
                impact: "Vulnerabilities found after the end of support stay open on the host.",
                solution: "Upgrade the host to a supported Windows release, or enrol it in Extended Security Updates.");

            Policies = BuildPolicies();
            BuildReleases();
            UbuntuNotices = BuildUbuntuNotices();
        }

        public ScenarioVuln DnsHostName { get; }
        public ScenarioVuln OperatingSystemDetected { get; }
        public ScenarioVuln HostScanTime { get; }
        public ScenarioVuln WindowsAuthenticationMethod { get; }
        public ScenarioVuln OpenTcpServices { get; }
        public ScenarioVuln SslServerInformation { get; }
        public ScenarioVuln UnixAuthenticationFailed { get; }
        public ScenarioVuln SelfSignedCertificate { get; }
        public ScenarioVuln CommonNameMismatch { get; }
        public ScenarioVuln SignatureVerificationFailed { get; }
        public ScenarioVuln WeakRc4Cipher { get; }
        public ScenarioVuln DeprecatedSshCrypto { get; }
        public ScenarioVuln HttpSecurityHeader { get; }
        public ScenarioVuln IcmpTimestamp { get; }
        public ScenarioVuln SmbSigningNotRequired { get; }
        public ScenarioVuln RdpManInTheMiddle { get; }
        public ScenarioVuln RdpWeakEncryption { get; }
        public ScenarioVuln NullSession { get; }
        public ScenarioVuln CachedLogonCredential { get; }
        public ScenarioVuln AutoPlayNotDisabled { get; }
        public ScenarioVuln AutoPlayDefaultUser { get; }
        public ScenarioVuln UnquotedServicePath { get; }
        public ScenarioVuln WinVerifyTrust { get; }
        public ScenarioVuln Windows10EndOfLife { get; }

        /// <summary>Windows hardening checks (category Security Policy), in QID order.</summary>
        public IReadOnlyList<DemoCheck> Policies { get; }

        /// <summary>Patch Tuesday QIDs, January to November 2026.</summary>
        public IReadOnlyList<DemoRelease> WindowsUpdates { get; private set; } = Array.Empty<DemoRelease>();

        public IReadOnlyList<DemoRelease> DotNetUpdates { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> OfficeUpdates { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> Chrome { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> Edge { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> AdobeReader { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> Zoom { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> Java { get; private set; } = Array.Empty<DemoRelease>();
        public IReadOnlyList<DemoRelease> SevenZip { get; private set; } = Array.Empty<DemoRelease>();

        /// <summary>Ubuntu 22.04 security notices, with the vulnerable package and its fixed version.</summary>
        public IReadOnlyList<DemoUbuntuNotice> UbuntuNotices { get; }

        public DemoRelease WindowsUpdate(int month) => WindowsUpdates[month - 1];

        private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
            new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc);

        private static double Temporal(double score) => Math.Round(score * 0.9, 1, MidpointRounding.AwayFromZero);

        private static ScenarioVuln Network(int qid, string title, ScenarioType type, int severity, string category,
            double cvss, double cvss3, DateTime published, string threat, string impact, string solution,
            string[]? cves = null, string[]? auth = null) =>
            new ScenarioVuln(qid, title, type, severity, category)
            {
                CveIds = cves ?? Array.Empty<string>(),
                CvssBase = cvss,
                CvssTemporal = Temporal(cvss),
                Cvss3Base = cvss3,
                Cvss3Temporal = Temporal(cvss3),
                Threat = threat,
                Impact = impact,
                Solution = solution,
                Pci = severity >= 3 || cvss3 >= 4.0,
                RemoteDiscovery = true,
                AuthTypes = auth ?? Array.Empty<string>(),
                Published = published,
                LastModified = published.AddDays(400),
            };

        private static ScenarioVuln Local(int qid, string title, ScenarioType type, int severity, string category, string[] auth,
            double? cvss, double? cvss3, DateTime published, bool patchable, string threat, string impact, string solution,
            string[]? cves = null) =>
            new ScenarioVuln(qid, title, type, severity, category)
            {
                CveIds = cves ?? Array.Empty<string>(),
                CvssBase = cvss,
                CvssTemporal = cvss.HasValue ? Temporal(cvss.Value) : (double?)null,
                Cvss3Base = cvss3,
                Cvss3Temporal = cvss3.HasValue ? Temporal(cvss3.Value) : (double?)null,
                Threat = threat,
                Impact = impact,
                Solution = solution,
                Pci = severity >= 3,
                Patchable = patchable,
                RemoteDiscovery = false,
                AuthTypes = auth,
                Published = published,
                LastModified = published.AddDays(30),
            };

        private IReadOnlyList<DemoCheck> BuildPolicies()
        {
            // (title, type, severity, evidence). Evidence keeps the agent's style: registry path,
            // value name, " = ", value; some hold tabs and quotes on purpose.
            var specs = new (string Title, ScenarioType Type, int Severity, string Results)[]
            {
                ("Link-Local Multicast Name Resolution (LLMNR) Enabled", ScenarioType.Potential, 2, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient EnableMulticast is missing."),
                ("NetBIOS over TCP/IP Enabled on Network Adapter", ScenarioType.Potential, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters\\Interfaces\\Tcpip_{7A3F2C1E-5B4D-4E8A-9C61-2D0F3B8E4A17} NetbiosOptions = 0"),
                ("SMB Version 1 (SMBv1) Client Enabled", ScenarioType.Confirmed, 3, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10 Start = 2"),
                ("WDigest Authentication Credential Caching Enabled", ScenarioType.Confirmed, 3, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest UseLogonCredential = 1"),
                ("LSA Protection (RunAsPPL) Not Enabled", ScenarioType.Potential, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa RunAsPPL is missing."),
                ("Windows Defender Credential Guard Not Enabled", ScenarioType.Potential, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\DeviceGuard EnableVirtualizationBasedSecurity = 0"),
                ("Windows PowerShell 2.0 Engine Enabled", ScenarioType.Potential, 2, "Optional feature\tState\nMicrosoftWindowsPowerShellV2Root\tEnabled\nMicrosoftWindowsPowerShellV2\tEnabled"),
                ("Remote Registry Service Enabled", ScenarioType.Potential, 1, "Service\tStart Type\tState\nRemoteRegistry\tAutomatic\tRunning"),
                ("Windows Script Host Enabled", ScenarioType.Potential, 1, "HKLM\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings Enabled is missing."),
                ("Built-in Administrator Account Not Renamed", ScenarioType.Confirmed, 1, "Account with RID 500: Administrator"),
                ("Local Account Password Set to Never Expire", ScenarioType.Confirmed, 2, "User Name\tPassword Expires\nhelpdesk\tNever\nsupport_local\tNever"),
                ("Account Lockout Threshold Not Configured", ScenarioType.Confirmed, 2, "Lockout threshold = 0 (account never locked out)"),
                ("Minimum Password Length Less Than 14 Characters", ScenarioType.Confirmed, 2, "Minimum password length = 8"),
                ("Audit Policy for Logon & Logoff Events Not Configured", ScenarioType.Potential, 1, "Subcategory\tSetting\nLogon\tNo Auditing\nLogoff\tNo Auditing"),
                ("Microsoft Office VBA Macros from the Internet Not Blocked", ScenarioType.Confirmed, 3, "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Excel\\Security blockcontentexecutionfrominternet is missing.\nHKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Word\\Security blockcontentexecutionfrominternet is missing."),
                ("Internet Explorer 11 Enabled as a Windows Feature", ScenarioType.Potential, 2, "Optional feature Internet-Explorer-Optional-amd64 State = Enabled"),
                ("TLS 1.0 Enabled in SCHANNEL Client Configuration", ScenarioType.Potential, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client Enabled is missing (defaults to enabled)."),
                ("Windows Installer AlwaysInstallElevated Policy Enabled", ScenarioType.Confirmed, 4, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Installer AlwaysInstallElevated = 1\nHKCU\\SOFTWARE\\Policies\\Microsoft\\Windows\\Installer AlwaysInstallElevated = 1"),
                ("BitLocker Drive Encryption Not Enabled on Operating System Drive", ScenarioType.Confirmed, 3, "Volume\tProtection Status\tEncryption Method\nC:\tOff\tNone"),
                ("Secure Boot Not Enabled", ScenarioType.Potential, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State UEFISecureBootEnabled = 0"),
                ("User Account Control Admin Approval Mode Disabled for Built-in Administrator", ScenarioType.Confirmed, 2, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System FilterAdministratorToken = 0"),
                ("Anonymous Enumeration of SAM Accounts Allowed", ScenarioType.Confirmed, 2, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa RestrictAnonymousSAM = 0"),
                ("Windows Remote Management (WinRM) Service Allows Unencrypted Traffic", ScenarioType.Confirmed, 3, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service AllowUnencryptedTraffic = 1"),
                ("LAN Manager Authentication Level Allows LM and NTLMv1 Responses", ScenarioType.Confirmed, 3, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa LmCompatibilityLevel = 1"),
                ("Windows Update Service Disabled", ScenarioType.Confirmed, 4, "Service\tStart Type\tState\nwuauserv\tDisabled\tStopped\nHKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU NoAutoUpdate = 1"),
            };

            var checks = new List<DemoCheck>(specs.Length);
            int qid = 105701;
            for (int i = 0; i < specs.Length; i++)
            {
                var s = specs[i];
                var published = Utc(2016, 1, 12, 7, 0).AddDays(97 * i + _random.Next(0, 60));
                var vuln = new ScenarioVuln(qid, s.Title, s.Type, s.Severity, "Security Policy")
                {
                    Threat = $"The agent checked the configuration this QID is named after and found it in the weaker state; the Result section shows the setting as found.",
                    Impact = "The setting makes it easier for an attacker who already has a foothold on the network, or on the host, to gain credentials or move laterally.",
                    Solution = "Apply the setting recommended by the Microsoft security baseline through Group Policy, then let the agent re-evaluate the host.",
                    RemoteDiscovery = false,
                    AuthTypes = Windows,
                    Pci = s.Severity >= 3,
                    Published = published,
                    LastModified = published.AddDays(45),
                };
                checks.Add(new DemoCheck(vuln, s.Results));
                qid += 2 + _random.Next(0, 4);
            }
            return checks;
        }

        /// <summary>One release of a product family, before its QID is known.</summary>
        private sealed class Draft
        {
            public Draft(List<DemoRelease> family, int familyOrder, DateTime published, string fixedVersion, Func<int, ScenarioVuln> create)
            {
                Family = family;
                FamilyOrder = familyOrder;
                Published = published;
                FixedVersion = fixedVersion;
                Create = create;
            }

            public List<DemoRelease> Family { get; }
            public int FamilyOrder { get; }
            public DateTime Published { get; }
            public string FixedVersion { get; }
            public Func<int, ScenarioVuln> Create { get; }
        }

        private void BuildReleases()
        {
            var windows = new List<DemoRelease>();
            var dotnet = new List<DemoRelease>();
            var office = new List<DemoRelease>();
            var chrome = new List<DemoRelease>();
            var edge = new List<DemoRelease>();
            var adobe = new List<DemoRelease>();
            var zoom = new List<DemoRelease>();
            var java = new List<DemoRelease>();
            var sevenZip = new List<DemoRelease>();

            var microsoft = new List<Draft>();
            var officeDrafts = new List<Draft>();
            var thirdParty = new List<Draft>();

            for (int month = 1; month <= 11; month++)
            {
                var patchTuesday = PatchTuesday(2026, month);
                string label = new DateTime(2026, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
                var cves = Cves(2026, _random.Next(6, 14));
                int severity = _random.Chance(70) ? 5 : 4;
                microsoft.Add(new Draft(windows, 0, patchTuesday, label, qid => Family(qid, $"Microsoft Windows Security Update for {label}", ScenarioType.Confirmed, severity, "Windows",
                    Windows, patchTuesday, cves, 8.8, 9.8,
                    $"Microsoft releases the security update for Windows for {label}. The cumulative update fixes the vulnerabilities listed in the CVE section, among them remote code execution and elevation of privilege in Windows components.",
                    "Successful exploitation could allow an attacker to execute arbitrary code, elevate privileges or bypass security features.",
                    $"Install the {label} cumulative update for the Windows release on the host from Windows Update or the Microsoft Update Catalog.")));
                if (month == 1 || month == 4 || month == 7 || month == 10 || month == 11)
                {
                    var dotnetCves = Cves(2026, _random.Next(1, 4));
                    microsoft.Add(new Draft(dotnet, 1, patchTuesday, label, qid => Family(qid, $"Microsoft .NET Framework Security Update for {label}", ScenarioType.Confirmed, 4, "Windows",
                        Windows, patchTuesday, dotnetCves, 7.5, 7.5,
                        $"Microsoft releases the security update for .NET Framework for {label}.",
                        "Successful exploitation could allow an attacker to cause a denial of service or disclose information.",
                        $"Install the {label} .NET Framework update from Windows Update.")));
                }
                var officeCves = Cves(2026, _random.Next(3, 9));
                int officeSeverity = _random.Chance(60) ? 4 : 3;
                officeDrafts.Add(new Draft(office, 2, patchTuesday, label, qid => Family(qid, $"Microsoft Office Security Update for {label}", ScenarioType.Confirmed, officeSeverity, "Office Application",
                    Windows, patchTuesday, officeCves, 7.8, 7.8,
                    $"Microsoft releases the security update for Microsoft Office and Microsoft 365 Apps for {label}.",
                    "An attacker who convinces a user to open a crafted document could execute code with the user's rights.",
                    $"Update Microsoft 365 Apps to the {label} build of the update channel in use.")));
            }

            AddBrowserDrafts(thirdParty, chrome, 3, "Google Chrome", ChromeReleaseCount, Utc(2025, 1, 14, 19, 0), Utc(2026, 11, 18, 19, 0), 6834);
            AddBrowserDrafts(thirdParty, edge, 4, "Microsoft Edge Based on Chromium", EdgeReleaseCount, Utc(2025, 1, 16, 21, 0), Utc(2026, 11, 19, 17, 0), 2957);

            for (int i = 0; i < 12; i++)
            {
                var published = Utc(2025, 12, 9, 17, 0).AddDays(28 * i + _random.Next(0, 3));
                string bulletin = $"APSB26-{2 + 3 * i + _random.Next(0, 2):00}";
                string version = $"26.001.{20140 + 171 * i + _random.Next(0, 40)}";
                var cves = Cves(published.Year, _random.Next(2, 9));
                int severity = _random.Chance(55) ? 5 : 4;
                thirdParty.Add(new Draft(adobe, 5, published, version, qid => Family(qid, $"Adobe Acrobat and Reader Multiple Vulnerabilities ({bulletin})", ScenarioType.Confirmed, severity, "Local",
                    Windows, published, cves, 7.8, 7.8,
                    $"Adobe has released security updates for Adobe Acrobat and Reader for Windows and macOS ({bulletin}). These updates address critical and important vulnerabilities.",
                    "Successful exploitation could lead to arbitrary code execution in the context of the current user.",
                    $"Update Adobe Acrobat and Reader to version {version} or later.")));
            }

            for (int i = 0; i < 12; i++)
            {
                var published = Utc(2025, 11, 11, 16, 0).AddDays(28 * i + _random.Next(0, 5));
                string bulletin = $"ZSB-{published.Year % 100:00}{_random.Next(1, 9)}{i + 10:00}";
                string version = $"6.{5 + i / 3}.{i % 3 * 5 + 1}";
                var cves = Cves(published.Year, _random.Next(1, 4));
                int severity = i % 4 == 0 ? 4 : (i % 4 == 3 ? 2 : 3);
                thirdParty.Add(new Draft(zoom, 6, published, version, qid => Family(qid, $"Zoom Workplace App for Windows Multiple Vulnerabilities ({bulletin})", ScenarioType.Confirmed, severity, "Local",
                    Windows, published, cves, 6.8, severity >= 4 ? 8.1 : 6.5,
                    $"Zoom has released security bulletin {bulletin} for the Zoom Workplace App for Windows.",
                    "Successful exploitation could allow an authenticated user to escalate privileges or disclose information.",
                    $"Update the Zoom Workplace App to version {version} or later.")));
            }

            string[] quarters = { "January", "April", "July", "October" };
            for (int i = 0; i < 8; i++)
            {
                int year = 2025 + i / 4;
                int month = 1 + 3 * (i % 4);
                var published = CriticalPatchDay(year, month);
                string label = $"{quarters[i % 4]} {year}";
                string version = $"8u{441 + 10 * i}";
                var cves = Cves(year, _random.Next(2, 6));
                int severity = i % 3 == 0 ? 4 : 3;
                thirdParty.Add(new Draft(java, 7, published, version, qid => Family(qid, $"Oracle Java Standard Edition (SE) Critical Patch Update - {label}", ScenarioType.Confirmed, severity, "Local",
                    Windows, published, cves, 7.5, 7.4,
                    $"Oracle Java SE is affected by the vulnerabilities fixed in the {label} Critical Patch Update.",
                    "Successful exploitation could allow an unauthenticated attacker with network access to compromise Java SE.",
                    $"Update Oracle Java SE to {version} or later, or remove it if no application needs it.")));
            }

            var sevenZipSpecs = new (string Title, DateTime Published, string Version, string[] Cves, int Severity)[]
            {
                ("7-Zip Zstandard Decompression Integer Underflow Remote Code Execution Vulnerability", Utc(2024, 11, 22, 15, 0), "24.07", new[] { "CVE-2024-11477" }, 4),
                ("7-Zip Mark-of-the-Web Bypass Vulnerability", Utc(2025, 1, 27, 13, 0), "24.09", new[] { "CVE-2025-0411" }, 3),
                ("7-Zip Symbolic Link Directory Traversal Remote Code Execution Vulnerabilities", Utc(2025, 10, 8, 12, 0), "25.00", new[] { "CVE-2025-11001", "CVE-2025-11002" }, 4),
            };
            foreach (var s in sevenZipSpecs)
            {
                thirdParty.Add(new Draft(sevenZip, 8, s.Published, s.Version, qid => Family(qid, s.Title, ScenarioType.Confirmed, s.Severity, "Local",
                    Windows, s.Published, s.Cves, 6.8, s.Severity >= 4 ? 7.8 : 7.0,
                    "7-Zip is a file archiver. The installed version mishandles crafted archives as described in the CVE section.",
                    "An attacker who convinces a user to open a crafted archive could execute code or bypass Windows security warnings.",
                    $"Update 7-Zip to version {s.Version} or later.")));
            }

            Allocate(microsoft, 92201);
            Allocate(officeDrafts, 110493);
            Allocate(thirdParty, 385108);

            WindowsUpdates = windows;
            DotNetUpdates = dotnet;
            OfficeUpdates = office;
            Chrome = chrome;
            Edge = edge;
            AdobeReader = adobe;
            Zoom = zoom;
            Java = java;
            SevenZip = sevenZip;
        }

        /// <summary>Chromium ships a major release about every four weeks and several security
        /// updates in between; the releases are spread evenly over the period.</summary>
        private void AddBrowserDrafts(List<Draft> drafts, List<DemoRelease> family, int familyOrder, string product, int count, DateTime first, DateTime last, int firstBuild)
        {
            double step = (last - first).TotalHours / (count - 1);
            int previousMajor = -1;
            int patch = 0;
            for (int i = 0; i < count; i++)
            {
                var published = first.AddHours(Math.Round(step * i));
                int major = 132 + (int)((published - first).TotalDays / 28);
                int build = firstBuild + 95 * (major - 132);
                patch = major == previousMajor ? patch + 20 + _random.Next(0, 40) : 50 + _random.Next(0, 40);
                previousMajor = major;
                string version = $"{major}.0.{build}.{patch}";
                var cves = Cves(published.Year, _random.Next(1, 12));
                int roll = _random.Next(0, 100);
                int severity = roll < 20 ? 5 : roll < 85 ? 4 : 3;
                bool isEdge = familyOrder == 4;
                drafts.Add(new Draft(family, familyOrder, published, version, qid => Family(qid, $"{product} Prior to {version} Multiple Vulnerabilities", ScenarioType.Confirmed, severity, "Local",
                    Windows, published, cves, 6.8, 8.8,
                    isEdge
                        ? $"Microsoft Edge is a Chromium-based web browser. Microsoft Edge prior to {version} is affected by the Chromium vulnerabilities listed in the CVE section."
                        : $"Google Chrome is a web browser. Google Chrome prior to {version} is affected by multiple vulnerabilities, among them use-after-free and type confusion flaws.",
                    "Successful exploitation could allow a remote attacker to execute arbitrary code via a crafted HTML page.",
                    $"Update {(isEdge ? "Microsoft Edge" : "Google Chrome")} to version {version} or later.")));
            }
        }

        /// <summary>QIDs follow publication order across families, with the gaps other QIDs leave.</summary>
        private void Allocate(List<Draft> drafts, int firstQid)
        {
            var ordered = new List<Draft>(drafts);
            ordered.Sort((a, b) =>
            {
                int byDate = a.Published.CompareTo(b.Published);
                return byDate != 0 ? byDate : a.FamilyOrder.CompareTo(b.FamilyOrder);
            });
            // List.Sort is unstable; equal keys keep their order only because every draft of one
            // family has a distinct date. Fail loudly if that ever stops being true.
            for (int i = 1; i < ordered.Count; i++)
                if (ordered[i].Published == ordered[i - 1].Published && ordered[i].FamilyOrder == ordered[i - 1].FamilyOrder)
                    throw new InvalidOperationException($"Two releases of one family share the date {ordered[i].Published:O}.");

            int qid = firstQid;
            var created = new Dictionary<Draft, DemoRelease>();
            foreach (var draft in ordered)
            {
                created[draft] = new DemoRelease(draft.Create(qid), draft.FixedVersion);
                qid += 1 + _random.Next(0, 4);
            }
            foreach (var draft in drafts) draft.Family.Add(created[draft]);
        }

        private static ScenarioVuln Family(int qid, string title, ScenarioType type, int severity, string category, string[] auth,
            DateTime published, string[] cves, double cvss, double cvss3, string threat, string impact, string solution) =>
            new ScenarioVuln(qid, title, type, severity, category)
            {
                CveIds = cves,
                CvssBase = cvss,
                CvssTemporal = Temporal(cvss),
                Cvss3Base = cvss3,
                Cvss3Temporal = Temporal(cvss3),
                Threat = threat,
                Impact = impact,
                Solution = solution,
                Pci = severity >= 3,
                Patchable = true,
                RemoteDiscovery = false,
                AuthTypes = auth,
                Published = published,
                LastModified = published.AddDays(2),
            };

        private string[] Cves(int year, int count)
        {
            var cves = new List<string>(count);
            while (cves.Count < count)
            {
                string cve = $"CVE-{year}-{_random.Next(20000, 59999)}";
                if (!cves.Contains(cve)) cves.Add(cve);
            }
            cves.Sort(StringComparer.Ordinal);
            return cves.ToArray();
        }

        /// <summary>The second Tuesday of the month, when Microsoft publishes (17:00 UTC).</summary>
        private static DateTime PatchTuesday(int year, int month)
        {
            var day = new DateTime(year, month, 1, 17, 0, 0, DateTimeKind.Utc);
            while (day.DayOfWeek != DayOfWeek.Tuesday) day = day.AddDays(1);
            return day.AddDays(7);
        }

        /// <summary>Oracle's Critical Patch Updates come on the Tuesday closest to the 17th (20:00 UTC).</summary>
        private static DateTime CriticalPatchDay(int year, int month)
        {
            var day = new DateTime(year, month, 14, 20, 0, 0, DateTimeKind.Utc);
            while (day.DayOfWeek != DayOfWeek.Tuesday) day = day.AddDays(1);
            return day;
        }

        private IReadOnlyList<DemoUbuntuNotice> BuildUbuntuNotices()
        {
            // (package, what the notice is about, installed version, fixed version)
            var specs = new (string Package, string Subject, string Installed, string Fixed)[]
            {
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-122.132"),
                ("openssl", "OpenSSL", "3.0.2-0ubuntu1.17", "3.0.2-0ubuntu1.18"),
                ("curl", "curl", "7.81.0-1ubuntu1.17", "7.81.0-1ubuntu1.18"),
                ("libxml2", "libxml2", "2.9.13+dfsg-1ubuntu0.4", "2.9.13+dfsg-1ubuntu0.5"),
                ("sudo", "Sudo", "1.9.9-1ubuntu2.4", "1.9.9-1ubuntu2.5"),
                ("vim", "Vim", "2:8.2.3995-1ubuntu2.19", "2:8.2.3995-1ubuntu2.20"),
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-125.135"),
                ("python3.10", "Python", "3.10.12-1~22.04.6", "3.10.12-1~22.04.7"),
                ("libc6", "GNU C Library", "2.35-0ubuntu3.8", "2.35-0ubuntu3.9"),
                ("openssh-server", "OpenSSH", "1:8.9p1-3ubuntu0.10", "1:8.9p1-3ubuntu0.11"),
                ("git", "Git", "1:2.34.1-1ubuntu1.11", "1:2.34.1-1ubuntu1.12"),
                ("nginx", "nginx", "1.18.0-6ubuntu14.4", "1.18.0-6ubuntu14.5"),
                ("libexpat1", "Expat", "2.4.7-1ubuntu0.4", "2.4.7-1ubuntu0.5"),
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-127.137"),
                ("libgnutls30", "GnuTLS", "3.7.3-4ubuntu1.5", "3.7.3-4ubuntu1.6"),
                ("libkrb5-3", "Kerberos", "1.19.2-2ubuntu0.4", "1.19.2-2ubuntu0.5"),
                ("vim", "Vim", "2:8.2.3995-1ubuntu2.19", "2:8.2.3995-1ubuntu2.21"),
                ("libssh-4", "libssh", "0.9.6-2ubuntu0.22.04.3", "0.9.6-2ubuntu0.22.04.4"),
                ("less", "less", "590-1ubuntu0.22.04.3", "590-1ubuntu0.22.04.4"),
                ("tar", "GNU tar", "1.34+dfsg-1ubuntu0.1.22.04.2", "1.34+dfsg-1ubuntu0.1.22.04.3"),
                ("rsync", "rsync", "3.2.7-0ubuntu0.22.04.2", "3.2.7-0ubuntu0.22.04.4"),
                ("curl", "curl", "7.81.0-1ubuntu1.17", "7.81.0-1ubuntu1.20"),
                ("libpam-modules", "Linux PAM", "1.4.0-11ubuntu2.4", "1.4.0-11ubuntu2.5"),
                ("util-linux", "util-linux", "2.37.2-4ubuntu3.4", "2.37.2-4ubuntu3.5"),
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-130.140"),
                ("sqlite3", "SQLite", "3.37.2-2ubuntu0.3", "3.37.2-2ubuntu0.4"),
                ("libtiff5", "LibTIFF", "4.3.0-6ubuntu0.9", "4.3.0-6ubuntu0.10"),
                ("openssl", "OpenSSL", "3.0.2-0ubuntu1.17", "3.0.2-0ubuntu1.19"),
                ("python3.10", "Python", "3.10.12-1~22.04.6", "3.10.12-1~22.04.9"),
                ("systemd", "systemd", "249.11-0ubuntu3.12", "249.11-0ubuntu3.15"),
                ("postgresql-14", "PostgreSQL", "14.13-0ubuntu0.22.04.1", "14.15-0ubuntu0.22.04.1"),
                ("libxml2", "libxml2", "2.9.13+dfsg-1ubuntu0.4", "2.9.13+dfsg-1ubuntu0.7"),
                ("vim", "Vim", "2:8.2.3995-1ubuntu2.19", "2:8.2.3995-1ubuntu2.23"),
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-133.144"),
                ("libarchive13", "libarchive", "3.6.0-1ubuntu1.1", "3.6.0-1ubuntu1.3"),
                ("postgresql-14", "PostgreSQL", "14.13-0ubuntu0.22.04.1", "14.18-0ubuntu0.22.04.1"),
                ("linux-image-5.15.0-119-generic", "Linux kernel", "5.15.0-119.129", "5.15.0-136.147"),
            };

            var notices = new List<DemoUbuntuNotice>(specs.Length);
            int qid = 200203;
            int usn = 7264;
            for (int i = 0; i < specs.Length; i++)
            {
                var s = specs[i];
                var published = Utc(2025, 2, 4, 14, 0).AddDays(17 * i + _random.Next(0, 9));
                bool kernel = s.Package.StartsWith("linux-image", StringComparison.Ordinal);
                int roll = _random.Next(0, 100);
                int severity = kernel ? 4 : roll < 15 ? 5 : roll < 50 ? 4 : roll < 85 ? 3 : 2;
                // Qualys reports kernel notices as potential when it cannot tell the running kernel
                // from the installed one.
                var type = kernel && i % 2 == 0 ? ScenarioType.Potential : ScenarioType.Confirmed;
                string notice = $"USN-{usn}-1";
                var cves = Cves(published.Year, _random.Next(1, kernel ? 20 : 5));
                var vuln = new ScenarioVuln(qid, $"Ubuntu Security Notification for {s.Subject} Vulnerabilities ({notice})", type, severity, "Ubuntu")
                {
                    CveIds = cves,
                    CvssBase = 6.8,
                    CvssTemporal = Temporal(6.8),
                    Cvss3Base = kernel ? 7.8 : 7.5,
                    Cvss3Temporal = Temporal(kernel ? 7.8 : 7.5),
                    Threat = $"Ubuntu has released a security update for {s.Subject} to fix the vulnerabilities listed in the CVE section. Affected Ubuntu release: Ubuntu 22.04 LTS.",
                    Impact = "Successful exploitation could allow an attacker to cause a denial of service, disclose information or execute arbitrary code.",
                    Solution = $"Refer to Ubuntu advisory {notice} for updates and patch information, and update {s.Package} to {s.Fixed} or later.",
                    Pci = severity >= 3,
                    Patchable = true,
                    RemoteDiscovery = false,
                    AuthTypes = Unix,
                    Published = published,
                    LastModified = published.AddDays(1),
                };
                notices.Add(new DemoUbuntuNotice(vuln, s.Package, s.Installed, s.Fixed));
                qid += 3 + _random.Next(0, 9);
                usn += 12 + _random.Next(0, 30);
            }
            return notices;
        }
    }

    /// <summary>An Ubuntu notice QID and the package evidence the agent reports for it.</summary>
    public sealed class DemoUbuntuNotice
    {
        public DemoUbuntuNotice(ScenarioVuln vuln, string package, string installed, string fixedVersion)
        {
            Vuln = vuln;
            Package = package;
            Installed = installed;
            FixedVersion = fixedVersion;
        }

        public ScenarioVuln Vuln { get; }
        public string Package { get; }
        public string Installed { get; }
        public string FixedVersion { get; }

        public string Results => $"Vulnerable Package\tInstalled Version\tRequired Version\n{Package}\t{Installed}\t{FixedVersion}";
    }
}
