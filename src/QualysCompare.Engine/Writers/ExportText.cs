using System;
using System.Globalization;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The value spellings every export shares, so CSV, JSON and HTML show a date the same way.</summary>
    internal static class ExportText
    {
        /// <summary>ISO 8601 in UTC to the second: Qualys dates carry no fractions, and a fixed width sorts as text.
        /// Literals are quoted so no culture can change a separator.</summary>
        public const string UtcDateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";

        /// <summary>The engine keeps dates in UTC (Vocabulary.ParseDate); an Unspecified date is taken to be UTC
        /// rather than shifted by the exporting machine's time zone.</summary>
        public static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        public static string FormatUtc(DateTime value) => ToUtc(value).ToString(UtcDateFormat, CultureInfo.InvariantCulture);
    }
}
