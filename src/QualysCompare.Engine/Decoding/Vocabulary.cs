using System;
using System.Globalization;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Decoding
{
    /// <summary>
    /// Lookup tables for the values every format spells its own way (qualys-formats.md §9).
    /// Every parser returns null for what it does not recognise instead of guessing.
    /// </summary>
    public static class Vocabulary
    {
        public static FindingType? ParseType(string? value)
        {
            switch (Normalize(value))
            {
                case "vuln": case "confirmed": case "vulnerability": case "vulns": return FindingType.Confirmed;
                case "practice": case "potential": case "potential vulnerability": case "practices": return FindingType.Potential;
                case "ig": case "info": case "information": case "information gathered": case "infos": case "service": case "services": return FindingType.Information;
                default: return null;
            }
        }

        public static DetectionStatus? ParseStatus(string? value)
        {
            switch (Normalize(value)?.Replace("-", string.Empty).Replace(" ", string.Empty))
            {
                case "new": return DetectionStatus.New;
                case "active": return DetectionStatus.Active;
                case "reopened": return DetectionStatus.ReOpened;
                case "fixed": return DetectionStatus.Fixed;
                default: return null;
            }
        }

        /// <summary>AGENT (host list detection), QAGENT (reports, CSV, HostAsset) and "Cloud Agent"
        /// (an API guide sample) all mean the Cloud Agent; every other method is a scan target.</summary>
        public static Vantage VantageOfTrackingMethod(string? trackingMethod)
        {
            switch (Normalize(trackingMethod))
            {
                case "agent": case "qagent": case "cloud agent": case "cloudagent": return Vantage.Agent;
                default: return Vantage.Scanner;
            }
        }

        public static bool? ParseBool(string? value)
        {
            switch (Normalize(value))
            {
                case "1": case "true": case "yes": case "y": case "over ssl": return true;
                case "0": case "false": case "no": case "n": return false;
                default: return null;
            }
        }

        public static int? ParseInt(string? value)
        {
            var s = value?.Trim();
            if (string.IsNullOrEmpty(s)) return null;
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : (int?)null;
        }

        /// <summary>Severity 1-5; anything else is unknown, not clamped.</summary>
        public static int? ParseSeverity(string? value)
        {
            int? n = ParseInt(value);
            return n is >= 1 and <= 5 ? n : null;
        }

        /// <summary>Qualys Detection Score, 1 to 100 (Host List Detection QDS); anything else is unknown.</summary>
        public static int? ParseQds(string? value)
        {
            int? n = ParseInt(value);
            return n is >= 1 and <= 100 ? n : null;
        }

        /// <summary>The QDS band (the severity attribute of QDS) in Qualys's spelling, LOW, MEDIUM, HIGH
        /// or CRITICAL, as one shared string each: it repeats on every detection of a large pull.</summary>
        public static string? ParseQdsSeverity(string? value)
        {
            var s = value?.Trim();
            if (string.IsNullOrEmpty(s)) return null;
            foreach (var band in QdsBands)
                if (string.Equals(s, band, StringComparison.OrdinalIgnoreCase)) return band;
            return null;
        }

        private static readonly string[] QdsBands = { QdsLow, QdsMedium, QdsHigh, QdsCritical };

        public const string QdsLow = "LOW", QdsMedium = "MEDIUM", QdsHigh = "HIGH", QdsCritical = "CRITICAL";

        /// <summary>The band Qualys documents for a score (Host Detection List API: Critical 90-100,
        /// High 70-89, Medium 40-69, Low 1-39), for a QDS that came without its severity attribute.</summary>
        public static string? QdsSeverityOf(int? qds) => qds switch
        {
            null => null,
            >= 90 => QdsCritical,
            >= 70 => QdsHigh,
            >= 40 => QdsMedium,
            >= 1 => QdsLow,
            _ => null,
        };

        /// <summary>"7.5", "7.5 (AV:N/...)", "-" and "" all occur; only the leading number counts.</summary>
        public static double? ParseCvss(string? value)
        {
            var s = value?.Trim();
            if (string.IsNullOrEmpty(s)) return null;
            int end = 0;
            while (end < s!.Length && (char.IsDigit(s[end]) || s[end] == '.')) end++;
            if (end == 0) return null;
            return double.TryParse(s.Substring(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && d <= 10 ? d : (double?)null;
        }

        private static readonly string[] DateFormats =
        {
            "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss",
            "MM/dd/yyyy HH:mm:ss", "M/d/yyyy H:mm:ss", "MM/dd/yyyy HH:mm", "M/d/yyyy H:mm", "MM/dd/yyyy",
            "MMM dd, yyyy hh:mm tt", "MMM d, yyyy h:mm tt", "dd MMM yyyy hh:mmtt",
            "MM-dd-yyyy HH:mm", "MM-dd-yyyy HH:mm:ss",
        };

        /// <summary>
        /// The one date parser of every format: values in rows and the dates of report headers
        /// alike. Qualys writes UTC in every format (ISO with Z in XML, US month-first in CSV
        /// exports) except in report headers, which follow the user's time zone and say so:
        /// "06/08/2021 at 18:39:05 (GMT+0000)" (host-based findings CSV), "11/20/2026 at 03:18:33"
        /// (Scan Results Launch Date), "04 Feb 2026 10:00AM GMT-0500" (VMDR). A written offset is
        /// applied; without one, UTC is assumed. The result is always DateTimeKind.Utc.
        /// </summary>
        public static DateTime? ParseDate(string? value)
        {
            var s = value?.Trim();
            if (string.IsNullOrEmpty(s) || s == "-" || s == "'-") return null;
            if (TryParseCommonDate(s!, out var common)) return common;
            // Only what the fast path refused pays for looking for a zone or an "at".
            s = WithoutZone(s!, out var offset);
            s = WithoutAt(s);
            var local = TryParseCommonDate(s, out common) ? common : ParseOtherDate(s);
            if (local == null) return null;
            long ticks = local.Value.Ticks - offset.Ticks;
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return null;
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        private static DateTime? ParseOtherDate(string s)
        {
            if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d))
                return DateTime.SpecifyKind(d, DateTimeKind.Utc);
            if (DateTime.TryParse(s, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out d))
                return DateTime.SpecifyKind(d, DateTimeKind.Utc);
            return null;
        }

        /// <summary>
        /// Takes a trailing zone off: "(GMT+0000)", "(GMT-0500)", "GMT-0500", "(GMT+05:30)", "GMT",
        /// "UTC", in parentheses or not. <paramref name="offset"/> is what the zone adds to UTC.
        /// Text that is not such a zone is returned unchanged, with a zero offset.
        /// </summary>
        private static string WithoutZone(string s, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            bool parenthesised = s[s.Length - 1] == ')';
            int end = parenthesised ? s.Length - 1 : s.Length;
            int at = -1;
            for (int i = end - 3; i > 0 && at < 0; i--)
            {
                if (string.Compare(s, i, "GMT", 0, 3, StringComparison.OrdinalIgnoreCase) == 0
                    || string.Compare(s, i, "UTC", 0, 3, StringComparison.OrdinalIgnoreCase) == 0) at = i;
            }
            if (at < 0) return s;
            int start = parenthesised ? at - 1 : at;
            if (start < 1 || (parenthesised && s[start] != '(') || !char.IsWhiteSpace(s[start - 1])) return s;

            string rest = s.Substring(at + 3, end - at - 3).Replace(":", string.Empty);
            if (rest.Length > 0)
            {
                int sign = rest[0] == '+' ? 1 : rest[0] == '-' ? -1 : 0;
                string digits = rest.Substring(1);
                if (sign == 0 || (digits.Length != 1 && digits.Length != 2 && digits.Length != 4)) return s;
                int hours = Digits(digits, 0, digits.Length == 4 ? 2 : digits.Length);
                int minutes = digits.Length == 4 ? Digits(digits, 2, 2) : 0;
                if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59) return s;
                offset = TimeSpan.FromMinutes(sign * (hours * 60 + minutes));
            }
            return s.Substring(0, start).TrimEnd();
        }

        /// <summary>"11/20/2026 at 03:18:33" as "11/20/2026 03:18:33".</summary>
        private static string WithoutAt(string s)
        {
            int at = s.IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
            return at < 0 ? s : s.Remove(at + 1, 3);
        }

        /// <summary>
        /// The two spellings nearly every date has, "MM/dd/yyyy HH:mm:ss" (CSV exports) and
        /// "yyyy-MM-ddTHH:mm:ssZ" (XML), read digit by digit: the general parser tries a list of
        /// formats and costs a microsecond a date. Gives what the first matching format of
        /// <see cref="DateFormats"/> gives, and false for anything else, which then takes that path.
        /// </summary>
        private static bool TryParseCommonDate(string s, out DateTime value)
        {
            value = default;
            int year, month, day;
            if (s.Length == 19 && s[2] == '/' && s[5] == '/' && s[10] == ' ')
            {
                month = Digits(s, 0, 2); day = Digits(s, 3, 2); year = Digits(s, 6, 4);
            }
            else if (s.Length == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[19] == 'Z')
            {
                year = Digits(s, 0, 4); month = Digits(s, 5, 2); day = Digits(s, 8, 2);
            }
            else
            {
                return false;
            }
            if (s[13] != ':' || s[16] != ':') return false;
            int hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return true;
        }

        /// <summary>The number the ASCII digits spell, or -1 when one is not a digit.</summary>
        private static int Digits(string s, int start, int count)
        {
            int n = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = s[i] - '0';
                if (digit < 0 || digit > 9) return -1;
                n = n * 10 + digit;
            }
            return n;
        }

        /// <summary>Joins CVE lists written as "a,b", "a, b" or one per element into "a; b".</summary>
        public static string? JoinCves(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var parts = value!.Split(new[] { ',', ';', ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 0 ? null : string.Join("; ", parts);
        }

        /// <summary>Trims, and turns empty or placeholder values into null.</summary>
        public static string? Clean(string? value)
        {
            if (value == null) return null;
            var s = value.Trim();
            if (s.Length == 0 || s == "'-" || s == "-") return null;
            return s;
        }

        /// <summary>The name an admin knows a host by: FQDN, then NetBIOS, then address.</summary>
        public static string? BestHostName(string? dns, string? netbios, string? ip) =>
            Clean(dns) ?? Clean(netbios) ?? Clean(ip);

        private static string? Normalize(string? value) => value?.Trim().ToLowerInvariant();
    }
}
