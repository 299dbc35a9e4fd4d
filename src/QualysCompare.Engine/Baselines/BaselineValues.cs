using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Baselines
{
    /// <summary>
    /// The spellings Export-CoverageGap writes (Writers/FlatColumns), read back: dates as
    /// "2024-05-01T10:20:30Z", enums by name, booleans as True/False, CSV text with the formula
    /// escape undone. A whole row is rebuilt only for a gap that closed.
    /// </summary>
    internal static class BaselineValues
    {
        public const string HostName = nameof(VantageComparison.HostName);
        public const string DnsName = nameof(VantageComparison.DnsName);
        public const string NetBiosName = nameof(VantageComparison.NetBiosName);
        public const string ScannerIP = nameof(VantageComparison.ScannerIP);
        public const string AgentIP = nameof(VantageComparison.AgentIP);
        public const string AgentHostId = nameof(VantageComparison.AgentHostId);
        public const string Qid = nameof(VantageComparison.QID);
        public const string Presence = nameof(VantageComparison.Presence);
        public const string Action = nameof(VantageComparison.Action);
        public const string Accepted = nameof(VantageComparison.Accepted);
        public const string Change = nameof(VantageComparison.Change);
        public const string FirstSeen = nameof(VantageComparison.FirstSeen);
        public const string DataDate = nameof(VantageComparison.DataDate);
        public const string ScannerLastScanned = nameof(VantageComparison.ScannerLastScanned);
        public const string AgentLastAssessed = nameof(VantageComparison.AgentLastAssessed);

        /// <summary>The columns every gap export has had since Action was added: a file without them
        /// was not written by Export-CoverageGap.</summary>
        public static readonly string[] Required = { HostName, DnsName, NetBiosName, ScannerIP, AgentIP, AgentHostId, Qid, Presence, Action };

        /// <summary>Every column read on the first pass, in the order <see cref="BaselineRow"/> numbers them.</summary>
        public static readonly string[] KeyColumns =
            { HostName, DnsName, NetBiosName, ScannerIP, AgentIP, AgentHostId, Qid, Presence, Action, Accepted, Change, FirstSeen, DataDate, ScannerLastScanned, AgentLastAssessed };

        private static readonly Dictionary<string, Action<VantageComparison, string>> Setters = BuildSetters();

        /// <summary>Undoes exactly what the CSV export's formula escape did: an apostrophe in front of
        /// = + - @ tab or CR.</summary>
        public static string? Unneutralised(string? text)
        {
            if (text == null || text.Length < 2 || text[0] != '\'') return text;
            char next = text[1];
            return next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r' ? text.Substring(1) : text;
        }

        /// <summary>The export's fixed form fast; anything else a date parser accepts, taken as UTC.</summary>
        public static DateTime? Date(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (text!.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z'
                && Digits(text, 0, 4, out int year) && Digits(text, 5, 2, out int month) && Digits(text, 8, 2, out int day)
                && Digits(text, 11, 2, out int hour) && Digits(text, 14, 2, out int minute) && Digits(text, 17, 2, out int second)
                && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(1, year), month) && hour < 24 && minute < 60 && second < 60 && year >= 1)
                return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? DateTime.SpecifyKind(parsed, DateTimeKind.Utc)
                : (DateTime?)null;
        }

        public static int? Int(string? text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : (int?)null;

        public static bool Bool(string? text) => string.Equals(text, "True", StringComparison.OrdinalIgnoreCase);

        public static bool TryEnum<TEnum>(string? text, out TEnum value) where TEnum : struct
        {
            value = default;
            // Names only: Enum.TryParse would take "7" for a value the enum does not have.
            return !string.IsNullOrEmpty(text) && !char.IsDigit(text![0]) && text[0] != '-' && Enum.TryParse(text, false, out value) && Enum.IsDefined(typeof(TEnum), value);
        }

        /// <summary>A row as it was exported, from its columns' texts; columns this version does not
        /// know are ignored, values it cannot read stay empty.</summary>
        public static VantageComparison Row(IEnumerable<KeyValuePair<string, string?>> fields)
        {
            var row = new VantageComparison();
            foreach (var field in fields)
                if (field.Value != null && Setters.TryGetValue(field.Key, out var set)) set(row, field.Value);
            return row;
        }

        private static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }

        private static Dictionary<string, Action<VantageComparison, string>> BuildSetters()
        {
            var setters = new Dictionary<string, Action<VantageComparison, string>>(StringComparer.Ordinal);
            foreach (var property in typeof(VantageComparison).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod == null) continue;
                var parse = Parser(property.PropertyType);
                if (parse == null) continue;
                var target = property;
                setters[property.Name] = (row, text) =>
                {
                    object? value = parse(text);
                    if (value != null) target.SetValue(row, value);
                };
            }
            return setters;
        }

        private static Func<string, object?>? Parser(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string)) return text => Unneutralised(text);
            if (underlying == typeof(int)) return text => Int(text);
            if (underlying == typeof(bool)) return text => Bool(text);
            if (underlying == typeof(DateTime)) return text => Date(text);
            if (underlying.IsEnum)
            {
                var names = Enum.GetNames(underlying);
                return text => Array.IndexOf(names, text) >= 0 ? Enum.Parse(underlying, text) : null;
            }
            return null;
        }
    }
}
