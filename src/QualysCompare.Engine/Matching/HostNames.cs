using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Matching
{
    /// <summary>
    /// The comparable forms of host names and addresses. Every name is compared lower-case: DNS and
    /// NetBIOS are both case-insensitive, and Qualys spells the same host "WIN-01" (NBNS answer)
    /// and "win-01.corp.example.com" (agent) in one subscription.
    /// </summary>
    internal static class HostNames
    {
        /// <summary>A fully qualified DNS name, or null. A name without a dot is a short name, not
        /// an FQDN: short names collide across domains, so they only count as NetBIOS-level evidence.</summary>
        public static string? Fqdn(string? dnsName)
        {
            var name = DnsWithoutRoot(dnsName);
            return name != null && name.IndexOf('.') > 0 ? name : null;
        }

        /// <summary>The first label of a DNS name (the host part), which Windows uses as its NetBIOS name.</summary>
        public static string? FirstLabel(string? dnsName)
        {
            var name = DnsWithoutRoot(dnsName);
            if (name == null) return null;
            int dot = name.IndexOf('.');
            return dot < 0 ? name : dot == 0 ? null : name.Substring(0, dot);
        }

        public static string? NetBios(string? netBiosName)
        {
            var name = Vocabulary.Clean(netBiosName);
            return name == null || IsAddress(name) ? null : name.ToLowerInvariant();
        }

        /// <summary>Every short form a host answers to: its NetBIOS name and the first label of its
        /// DNS name. Usually one value, two when NBNS and DNS disagree.</summary>
        public static List<string> ShortNames(string? dnsName, string? netBiosName)
        {
            var names = new List<string>(2);
            var netBios = NetBios(netBiosName);
            if (netBios != null) names.Add(netBios);
            var label = FirstLabel(dnsName);
            if (label != null && label != netBios) names.Add(label);
            return names;
        }

        /// <summary>
        /// True when both records carry a name and no form of one equals a form of the other. Only
        /// then does name evidence contradict an address match; a side without any name is silent.
        /// </summary>
        public static bool NamesContradict(VantageHost a, VantageHost b)
        {
            var namesOfA = AllNames(a);
            var namesOfB = AllNames(b);
            if (namesOfA.Count == 0 || namesOfB.Count == 0) return false;
            foreach (var name in namesOfA)
                if (namesOfB.Contains(name)) return false;
            return true;
        }

        private static List<string> AllNames(VantageHost host)
        {
            var names = ShortNames(host.DnsName, host.NetBiosName);
            var fqdn = Fqdn(host.DnsName);
            if (fqdn != null) names.Add(fqdn);
            return names;
        }

        /// <summary>An address in its canonical text (IPv6 compressed, lower-case), or the trimmed
        /// text when it does not parse, or null when empty.</summary>
        public static string? Address(string? ip)
        {
            var text = Vocabulary.Clean(ip);
            if (text == null) return null;
            return IsAddress(text) && IPAddress.TryParse(text, out var parsed) ? parsed.ToString() : text;
        }

        /// <summary>
        /// IPAddress.TryParse alone is too lenient ("1234" parses as 0.0.4.210), and NetBIOS names can
        /// be all digits: only a dotted quad or a colon form counts as an address.
        /// </summary>
        public static bool IsAddress(string text)
        {
            if (text.IndexOf(':') >= 0) return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
            var parts = text.Split('.');
            if (parts.Length != 4) return false;
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3) return false;
                foreach (char c in part)
                    if (c < '0' || c > '9') return false;
                if (int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255) return false;
            }
            return true;
        }

        /// <summary>Orders addresses numerically (10.0.0.9 before 10.0.0.10); null first; text that is
        /// not an address after every address, ordinally.</summary>
        public static int CompareAddresses(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x == null) return -1;
            if (y == null) return 1;
            var xb = AddressBytes(x);
            var yb = AddressBytes(y);
            if (xb != null && yb != null)
            {
                if (xb.Length != yb.Length) return xb.Length.CompareTo(yb.Length);
                for (int i = 0; i < xb.Length; i++)
                    if (xb[i] != yb[i]) return xb[i].CompareTo(yb[i]);
                return 0;
            }
            bool xParsed = xb != null, yParsed = yb != null;
            if (xParsed != yParsed) return xParsed ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }

        private static byte[]? AddressBytes(string text) =>
            IsAddress(text) && IPAddress.TryParse(text, out var parsed) ? parsed.GetAddressBytes() : null;

        private static string? DnsWithoutRoot(string? dnsName)
        {
            var name = Vocabulary.Clean(dnsName);
            if (name == null) return null;
            name = name.TrimEnd('.');
            // Some exports put the address in the DNS column when reverse lookup failed.
            if (name.Length == 0 || IsAddress(name)) return null;
            return name.ToLowerInvariant();
        }
    }
}
