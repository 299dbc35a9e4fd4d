using System;
using System.Collections.Generic;
using System.Net;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Explanation
{
    /// <summary>
    /// Authentication verdicts per scanned machine, gathered while findings stream past and looked
    /// up once hosts are matched. Kept apart from the comparison because the QIDs that carry them
    /// are information-gathered (filtered out of rows) and their Results text is not kept there.
    /// A machine is known by its Qualys host ID, its addresses, its DNS name and its NetBIOS name,
    /// tried in that order, so a record the matcher merged from several files is still found.
    /// </summary>
    internal sealed class AuthenticationLedger
    {
        private readonly Dictionary<string, ScannerAuthenticationResult> _byHostId = new Dictionary<string, ScannerAuthenticationResult>(StringComparer.Ordinal);
        private readonly Dictionary<string, ScannerAuthenticationResult> _byAddress = new Dictionary<string, ScannerAuthenticationResult>(StringComparer.Ordinal);
        private readonly Dictionary<string, ScannerAuthenticationResult> _byDns = new Dictionary<string, ScannerAuthenticationResult>(StringComparer.Ordinal);
        private readonly Dictionary<string, ScannerAuthenticationResult> _byNetBios = new Dictionary<string, ScannerAuthenticationResult>(StringComparer.Ordinal);

        public void Record(QualysFinding finding, ScannerAuthenticationResult verdict)
        {
            Merge(_byHostId, Vocabulary.Clean(finding.HostId), verdict);
            Merge(_byAddress, Address(finding.IP), verdict);
            Merge(_byDns, Dns(finding.DnsName), verdict);
            Merge(_byNetBios, NetBios(finding.NetBiosName), verdict);
        }

        public ScannerAuthenticationResult Find(string? hostId, IEnumerable<string>? addresses, string? dnsName, string? netBiosName)
        {
            var key = Vocabulary.Clean(hostId);
            if (key != null && _byHostId.TryGetValue(key, out var verdict)) return verdict;

            ScannerAuthenticationResult? best = null;
            if (addresses != null)
            {
                foreach (var address in addresses)
                {
                    key = Address(address);
                    if (key != null && _byAddress.TryGetValue(key, out verdict))
                        best = best == null ? verdict : ScannerAuthenticationAnalyzer.Stronger(best, verdict);
                }
            }
            if (best != null) return best;

            key = Dns(dnsName);
            if (key != null && _byDns.TryGetValue(key, out verdict)) return verdict;
            key = NetBios(netBiosName);
            if (key != null && _byNetBios.TryGetValue(key, out verdict)) return verdict;
            return ScannerAuthenticationResult.Unknown;
        }

        private static void Merge(Dictionary<string, ScannerAuthenticationResult> map, string? key, ScannerAuthenticationResult verdict)
        {
            if (key == null) return;
            map[key] = map.TryGetValue(key, out var known) ? ScannerAuthenticationAnalyzer.Stronger(known, verdict) : verdict;
        }

        private static string? Address(string? value)
        {
            var text = Vocabulary.Clean(value);
            if (text == null) return null;
            return IPAddress.TryParse(text, out var address) ? address.ToString() : text.ToLowerInvariant();
        }

        private static string? Dns(string? value) => Vocabulary.Clean(value)?.TrimEnd('.').ToLowerInvariant();

        private static string? NetBios(string? value) => Vocabulary.Clean(value)?.ToUpperInvariant();
    }
}
