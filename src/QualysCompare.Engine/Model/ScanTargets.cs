using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace QualysCompare.Engine.Model
{
    /// <summary>
    /// The addresses a scan was asked to scan, as its own file states them (Scan Results "IPs" and
    /// "Excluded IPs"; SCAN XML's TARGET and EXCLUDED_TARGET): single addresses, ranges
    /// ("10.0.0.1-10.0.0.254") and CIDR blocks ("10.0.0.0/24"), IPv4 or IPv6, separated by commas.
    /// </summary>
    public sealed class ScanTargets
    {
        private readonly List<Range> _included;
        private readonly List<Range> _excluded;

        private ScanTargets(List<Range> included, List<Range> excluded, string text)
        {
            _included = included;
            _excluded = excluded;
            Text = text;
        }

        /// <summary>The target list as the file wrote it, for messages.</summary>
        public string Text { get; }

        /// <summary>The targets, or null when the included list is empty or has a part that is not
        /// an address, a range or a block (an asset group's name, say): a target list that cannot be
        /// read in full must not put a machine outside it.</summary>
        public static ScanTargets? Parse(string? included, string? excluded)
        {
            var inside = ParseList(included);
            if (inside == null || inside.Count == 0) return null;
            var outside = ParseList(excluded) ?? new List<Range>();
            return new ScanTargets(inside, outside, included!.Trim());
        }

        /// <summary>Whether the scan was asked to scan this address. An address that does not parse is not in it.</summary>
        public bool Contains(string? address)
        {
            if (address == null || !IPAddress.TryParse(address.Trim(), out var parsed)) return false;
            var key = Key(parsed);
            return Any(_included, key) && !Any(_excluded, key);
        }

        private static bool Any(List<Range> ranges, byte[] key)
        {
            foreach (var range in ranges)
                if (range.Contains(key)) return true;
            return false;
        }

        private static List<Range>? ParseList(string? text)
        {
            var ranges = new List<Range>();
            if (string.IsNullOrWhiteSpace(text)) return ranges;
            string trimmed = text!.Trim();
            // Qualys writes N/A for "no exclusions".
            if (string.Equals(trimmed, "N/A", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "None", StringComparison.OrdinalIgnoreCase)) return ranges;
            foreach (var raw in trimmed.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var part = raw.Trim();
                if (part.Length == 0) continue;
                var range = ParseRange(part);
                if (range == null) return null;
                ranges.Add(range);
            }
            return ranges;
        }

        private static Range? ParseRange(string part)
        {
            int slash = part.IndexOf('/');
            if (slash > 0)
            {
                if (!IPAddress.TryParse(part.Substring(0, slash), out var network)) return null;
                if (!int.TryParse(part.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)) return null;
                var bytes = Key(network);
                if (prefix > bytes.Length * 8) return null;
                var low = (byte[])bytes.Clone();
                var high = (byte[])bytes.Clone();
                for (int bit = prefix; bit < bytes.Length * 8; bit++)
                {
                    low[bit / 8] &= (byte)~(0x80 >> (bit % 8));
                    high[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
                return new Range(low, high);
            }
            int dash = part.IndexOf('-');
            if (dash > 0)
            {
                if (!IPAddress.TryParse(part.Substring(0, dash).Trim(), out var first) || !IPAddress.TryParse(part.Substring(dash + 1).Trim(), out var last)) return null;
                var low = Key(first);
                var high = Key(last);
                if (low.Length != high.Length || Compare(low, high) > 0) return null;
                return new Range(low, high);
            }
            if (!IsAddressText(part) || !IPAddress.TryParse(part, out var single)) return null;
            var key = Key(single);
            return new Range(key, key);
        }

        // IPAddress.TryParse takes "1234" as 0.0.4.210; a target is written dotted or with colons.
        private static bool IsAddressText(string part) => part.IndexOf(':') >= 0 || part.Split('.').Length == 4;

        /// <summary>IPv4 as its 4 bytes, IPv6 (and IPv4-mapped IPv6 as IPv4) as 16.</summary>
        private static byte[] Key(IPAddress address)
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var bytes = address.GetAddressBytes();
                bool mapped = true;
                for (int i = 0; i < 10; i++) mapped &= bytes[i] == 0;
                if (mapped && bytes[10] == 0xFF && bytes[11] == 0xFF) return new[] { bytes[12], bytes[13], bytes[14], bytes[15] };
                return bytes;
            }
            return address.GetAddressBytes();
        }

        private static int Compare(byte[] x, byte[] y)
        {
            for (int i = 0; i < x.Length; i++)
                if (x[i] != y[i]) return x[i].CompareTo(y[i]);
            return 0;
        }

        private sealed class Range
        {
            private readonly byte[] _low;
            private readonly byte[] _high;

            public Range(byte[] low, byte[] high)
            {
                _low = low;
                _high = high;
            }

            public bool Contains(byte[] key) => key.Length == _low.Length && Compare(key, _low) >= 0 && Compare(key, _high) <= 0;
        }
    }
}
