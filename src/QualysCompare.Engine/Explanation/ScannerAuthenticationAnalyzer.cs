using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>What one scanned machine's authentication QIDs say, with the evidence in words.</summary>
    public sealed class ScannerAuthenticationResult
    {
        public ScannerAuthenticationResult(ScannerAuthentication state, string? evidence)
            : this(state, evidence, false)
        {
        }

        private ScannerAuthenticationResult(ScannerAuthentication state, string? evidence, bool fromScanDates)
        {
            State = state;
            Evidence = evidence;
            FromScanDates = fromScanDates;
        }

        public static readonly ScannerAuthenticationResult Unknown = new ScannerAuthenticationResult(ScannerAuthentication.Unknown, null);

        public ScannerAuthentication State { get; }

        /// <summary>The QID and the words in it that decided the state, e.g.
        /// "QID 70028 shows the login CORP\svc-scan"; null when nothing was found.</summary>
        public string? Evidence { get; }

        /// <summary>True when the verdict comes from the host's last scan and last authenticated scan
        /// dates (Host List Detection) because the data holds no authentication QID for it.</summary>
        public bool FromScanDates { get; }

        /// <summary>
        /// The verdict of a scanner-tracked host's dates (LAST_VM_SCANNED_DATE, LAST_VM_AUTH_SCANNED_DATE;
        /// qualys-formats.md §7): an authenticated scan as recent as the last scan means the last scan
        /// logged in (Passed). An older one means a login that worked before stopped working (Failed);
        /// none at all means no scan of the host ever logged in, most often because no authentication
        /// record covers it (NotAttempted). The dates cannot tell a failed login from one never tried,
        /// so the evidence says which dates decided. Null without a last scan date.
        /// </summary>
        public static ScannerAuthenticationResult? FromDates(DateTime? lastScanned, DateTime? lastAuthScanned)
        {
            if (lastScanned == null) return null;
            string scan = Day(lastScanned.Value);
            if (lastAuthScanned == null)
                return new ScannerAuthenticationResult(ScannerAuthentication.NotAttempted,
                    $"by the host's scan dates: last scan {scan}, no authenticated scan on record", true);
            string auth = Day(lastAuthScanned.Value);
            return lastAuthScanned.Value.ToUniversalTime() >= lastScanned.Value.ToUniversalTime()
                ? new ScannerAuthenticationResult(ScannerAuthentication.Passed,
                    $"by the host's scan dates: last authenticated scan {auth}, as recent as its last scan {scan}", true)
                : new ScannerAuthenticationResult(ScannerAuthentication.Failed,
                    $"by the host's scan dates: last scan {scan}, last authenticated scan {auth}", true);
        }

        // Days, not times: machines whose login stopped working together (an expired password) then
        // share one wording, and the report groups them under one line of evidence.
        private static string Day(DateTime date) =>
            date.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        public override string ToString() => Evidence == null ? State.ToString() : $"{State} ({Evidence})";
    }

    /// <summary>
    /// Decides from a scanned machine's own Information Gathered QIDs whether the scanner logged in
    /// to it. Those QIDs are filtered out of the comparison rows, so the caller must hand over the
    /// machine's scanner findings before that filter.
    /// </summary>
    /// <remarks>
    /// Sources:
    /// <list type="bullet">
    /// <item>QID 70028 "Windows Authentication Method": Qualys help page "Windows Authentication
    /// Method QID" (qualysguard.qualys.eu/qwebhelp/fo_help/authentication/windows_auth_method_qid.htm)
    /// says its Results name the user ("(none)" when authentication failed) and the scheme ("NULL
    /// session" when only a NULL session was made), and that "the presence of this QID in your scan
    /// results does not mean that authentication was successful". Its KnowledgeBase threat text
    /// (tests/fixtures/samples/c-defectdojo-samples-Qualys_Sample_Report-2019.xml) adds that
    /// user-provided credentials failed when the discovery method reads "Unable to log in using
    /// credentials provided by user, fallback to NULL session"; the same sample shows a NULL session
    /// as "Discovery Method: NULL session, no valid login credentials provided or found".</item>
    /// <item>The per-technology status QIDs are recognised by their Qualys titles ("Windows
    /// Authentication Failed", "Unix Authentication Failed", "… Authentication Not Attempted",
    /// "Unix Authentication Method"), the way public Qualys tooling reads them, because their
    /// numbers could not be confirmed from Qualys documentation here. The title comes from the
    /// finding, or from the KnowledgeBase when the format carries none (Host List Detection).
    /// Other technologies (databases, VMware) are ignored: they say nothing about the operating
    /// system checks that explain an agent-only finding.</item>
    /// </list>
    /// When several QIDs disagree, a working login (Passed) wins over a failed record, which wins
    /// over a NULL session, which wins over "not attempted": Qualys tries every matching
    /// authentication record, and one that worked means the local checks ran.
    /// </remarks>
    public sealed class ScannerAuthenticationAnalyzer
    {
        public const int WindowsAuthenticationMethodQid = 70028;

        private readonly KnowledgeBase? _knowledgeBase;

        public ScannerAuthenticationAnalyzer(KnowledgeBase? knowledgeBase = null)
        {
            _knowledgeBase = knowledgeBase;
        }

        public ScannerAuthenticationResult Analyze(IEnumerable<QualysFinding> scannerFindings)
        {
            var best = ScannerAuthenticationResult.Unknown;
            foreach (var finding in scannerFindings)
            {
                var candidate = Judge(finding);
                if (candidate != null) best = Stronger(best, candidate);
            }
            return best;
        }

        /// <summary>The verdict that wins when two authentication QIDs of one machine disagree
        /// (see the remarks); the first on a tie.</summary>
        public static ScannerAuthenticationResult Stronger(ScannerAuthenticationResult first, ScannerAuthenticationResult second) =>
            Rank(second.State) > Rank(first.State) ? second : first;

        /// <summary>Whether <see cref="Judge"/> reads the Results of a finding with this QID and title.</summary>
        public bool ReadsResults(int qid, string? title) =>
            qid == WindowsAuthenticationMethodQid || StartsWith(title ?? _knowledgeBase?.Find(qid)?.Title, "Windows Authentication Method");

        /// <summary>The verdict of one finding, or null when it is not an authentication QID.</summary>
        public ScannerAuthenticationResult? Judge(QualysFinding finding)
        {
            string? title = finding.Title ?? _knowledgeBase?.Find(finding.QID)?.Title;
            if (finding.QID == WindowsAuthenticationMethodQid || StartsWith(title, "Windows Authentication Method"))
                return JudgeWindowsMethod(finding);
            if (title == null) return null;

            string technology = StartsWith(title, "Windows ") ? "Windows" : StartsWith(title, "Unix ") ? "Unix" : string.Empty;
            if (technology.Length == 0) return null;
            if (StartsWith(title, technology + " Authentication Failed"))
                return new ScannerAuthenticationResult(ScannerAuthentication.Failed, $"QID {finding.QID} \"{title}\"");
            if (StartsWith(title, technology + " Authentication Not Attempted"))
                return new ScannerAuthenticationResult(ScannerAuthentication.NotAttempted, $"QID {finding.QID} \"{title}\"");
            if (StartsWith(title, "Unix Authentication Method"))
                return new ScannerAuthenticationResult(ScannerAuthentication.Passed, $"QID {finding.QID} \"{title}\"");
            return null;
        }

        private static ScannerAuthenticationResult? JudgeWindowsMethod(QualysFinding finding)
        {
            var fields = ParseTable(finding.Results);
            fields.TryGetValue("User Name", out string? user);
            fields.TryGetValue("Domain", out string? domain);
            fields.TryGetValue("Authentication Scheme", out string? scheme);
            fields.TryGetValue("Discovery Method", out string? discovery);
            if (user == null && scheme == null && discovery == null) return null; // presence alone proves nothing

            string qid = $"QID {finding.QID}";
            if (Mentions(discovery, "Unable to log in using credentials provided by user"))
                return new ScannerAuthenticationResult(ScannerAuthentication.Failed, $"{qid}: \"{discovery}\"");

            bool noUser = user == null || user == "(none)";
            bool nullSession = Mentions(scheme, "NULL session") || Mentions(discovery, "NULL session");
            if (nullSession)
                return new ScannerAuthenticationResult(ScannerAuthentication.NullSession,
                    $"{qid}: user {user ?? "(none)"}, scheme NULL session");
            if (noUser)
                return new ScannerAuthenticationResult(ScannerAuthentication.Failed, $"{qid}: user (none)");

            string login = domain != null && domain != "(none)" ? domain + "\\" + user : user!;
            return new ScannerAuthenticationResult(ScannerAuthentication.Passed,
                scheme != null ? $"{qid}: logged in as {login} ({scheme})" : $"{qid}: logged in as {login}");
        }

        /// <summary>70028 Results are a two-column table, one "name TAB value" per line.</summary>
        private static Dictionary<string, string> ParseTable(string? results)
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(results)) return fields;
            foreach (var rawLine in results!.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int tab = rawLine.IndexOf('\t');
                if (tab <= 0) continue;
                string name = rawLine.Substring(0, tab).Trim();
                string value = rawLine.Substring(tab + 1).Trim();
                if (name.Length > 0 && value.Length > 0 && !fields.ContainsKey(name)) fields[name] = value;
            }
            return fields;
        }

        private static int Rank(ScannerAuthentication state)
        {
            switch (state)
            {
                case ScannerAuthentication.Passed: return 4;
                case ScannerAuthentication.Failed: return 3;
                case ScannerAuthentication.NullSession: return 2;
                case ScannerAuthentication.NotAttempted: return 1;
                default: return 0;
            }
        }

        private static bool StartsWith(string? text, string prefix) =>
            text != null && text.TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        private static bool Mentions(string? text, string phrase) =>
            text != null && text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
