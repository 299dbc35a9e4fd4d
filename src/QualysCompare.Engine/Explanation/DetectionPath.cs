using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>How a QID can be detected, which is what decides whether a one-sided finding is
    /// expected or worth investigating.</summary>
    public enum DetectionKind
    {
        /// <summary>Nothing says: neither the KnowledgeBase nor the heuristics decide.</summary>
        Unknown,

        /// <summary>Only from the network (a port, a service banner, a certificate): a Cloud Agent
        /// on the machine does not test it.</summary>
        NetworkOnly,

        /// <summary>From the network, or from inside with a login: both vantage points can see it.</summary>
        NetworkOrLogin,

        /// <summary>Only from inside the machine: an agent, or a scan that logged in.</summary>
        NeedsLogin,

        /// <summary>Only by the Cloud Agent: not even an authenticated scan detects it.</summary>
        AgentOnly,
    }

    /// <summary>A <see cref="DetectionKind"/> and what it was decided from.</summary>
    public sealed class DetectionPath
    {
        public DetectionPath(DetectionKind kind, ReasonSource source, string? why)
        {
            Kind = kind;
            Source = source;
            Why = why;
        }

        public DetectionKind Kind { get; }
        public ReasonSource Source { get; }

        /// <summary>A few words an admin can check, e.g. "port 443/tcp over SSL" or
        /// "KnowledgeBase: remote detection, no login".</summary>
        public string? Why { get; }
    }

    /// <summary>
    /// Classifies a QID from its KnowledgeBase entry (DISCOVERY/REMOTE and AUTH_TYPE_LIST) when one
    /// is known, and otherwise from what the findings themselves show. The heuristic tables are
    /// documented in docs/reasons.md; keep the two in step.
    /// </summary>
    public static class DetectionPaths
    {
        /// <summary>Qualys KnowledgeBase categories whose checks read the machine's own software,
        /// patches, packages or settings (docs/reasons.md, "Local categories").</summary>
        private static readonly HashSet<string> Local = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Windows", "Local", "Security Policy", "Office Application", "Internet Explorer", "Adobe", "Java",
            "Forensics", "RedHat", "CentOS", "Fedora", "Debian", "Ubuntu", "SUSE", "OEL", "Amazon Linux",
            "AIX", "HP-UX", "Solaris",
        };

        /// <summary>Categories whose checks talk to a listening service, which an agent on the
        /// machine does not do (docs/reasons.md, "Network categories").</summary>
        private static readonly HashSet<string> Network = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "TCP/IP", "General remote services", "Web Application", "CGI", "SMB / NETBIOS", "RPC", "Firewall",
            "SNMP", "DNS and BIND", "Mail services", "File Transfer Protocol", "Finger", "Proxy", "SSL/TLS",
            "Brute Force Attack", "News Server", "X-Window",
        };

        public static IReadOnlyCollection<string> LocalCategories => Local;

        public static IReadOnlyCollection<string> NetworkCategories => Network;

        private static readonly string[] NetworkTitleWords = { "SSL", "TLS", "Certificate" };
        private static readonly string[] LocalTitleWords = { "Installed", "Registry" };

        /// <summary>
        /// Classifies a QID, preferring the KnowledgeBase. <paramref name="endpoint"/> describes the
        /// port or service the side that saw the QID reported it on ("443/tcp"), or is null for a
        /// host-level finding; <paramref name="category"/> and <paramref name="title"/> are the
        /// finding's, used when the KnowledgeBase has no entry.
        /// </summary>
        public static DetectionPath Classify(int qid, string? endpoint, string? category, string? title, KnowledgeBase? knowledgeBase)
        {
            var entry = knowledgeBase?.Find(qid);
            if (entry?.RemoteDetectable != null) return FromKnowledgeBase(entry);
            return FromHeuristics(endpoint, entry?.Category ?? category, entry?.Title ?? title);
        }

        public static DetectionPath FromKnowledgeBase(KnowledgeBaseEntry entry)
        {
            bool remote = entry.RemoteDetectable == true;
            string? logins = entry.AuthTypes;
            if (remote && logins == null)
                return new DetectionPath(DetectionKind.NetworkOnly, ReasonSource.KnowledgeBase, "KnowledgeBase: remote detection, no login");
            if (remote)
                return new DetectionPath(DetectionKind.NetworkOrLogin, ReasonSource.KnowledgeBase, $"KnowledgeBase: remote detection, or with a {logins} login");
            if (logins != null)
                return new DetectionPath(DetectionKind.NeedsLogin, ReasonSource.KnowledgeBase, $"KnowledgeBase: not remote, needs a {logins} login");
            return new DetectionPath(DetectionKind.AgentOnly, ReasonSource.KnowledgeBase, "KnowledgeBase: not remote and no scan login detects it");
        }

        /// <summary>The documented heuristics (docs/reasons.md), strongest evidence first: a port
        /// or service on the finding, then network words in the title, then the category, then
        /// inventory words in the title.</summary>
        public static DetectionPath FromHeuristics(string? endpoint, string? category, string? title)
        {
            endpoint = Vocabulary.Clean(endpoint);
            if (endpoint != null)
                return new DetectionPath(DetectionKind.NetworkOnly, ReasonSource.Heuristic,
                    char.IsDigit(endpoint[0]) ? "reported on port " + endpoint : "reported on " + endpoint);

            string? cat = Vocabulary.Clean(category);
            string? word = FirstWord(title, NetworkTitleWords);
            if (word != null) return new DetectionPath(DetectionKind.NetworkOnly, ReasonSource.Heuristic, $"\"{word}\" in its title");
            if (cat != null && Network.Contains(cat))
                return new DetectionPath(DetectionKind.NetworkOnly, ReasonSource.Heuristic, $"category {cat}");
            if (cat != null && Local.Contains(cat))
                return new DetectionPath(DetectionKind.NeedsLogin, ReasonSource.Heuristic, $"category {cat}");
            word = FirstWord(title, LocalTitleWords);
            if (word != null) return new DetectionPath(DetectionKind.NeedsLogin, ReasonSource.Heuristic, $"\"{word}\" in its title");
            return new DetectionPath(DetectionKind.Unknown, ReasonSource.Heuristic, cat != null ? $"category {cat}" : null);
        }

        private static string? FirstWord(string? title, string[] words)
        {
            if (string.IsNullOrEmpty(title)) return null;
            foreach (var word in words)
                if (ContainsWord(title!, word)) return word;
            return null;
        }

        /// <summary>Whole-word match, so "TLS" does not match inside "Atlas".</summary>
        private static bool ContainsWord(string text, string word)
        {
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return false;
                bool startOk = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
                int end = at + word.Length;
                bool endOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
                if (startOk && endOk) return true;
                from = at + 1;
            }
        }
    }
}
