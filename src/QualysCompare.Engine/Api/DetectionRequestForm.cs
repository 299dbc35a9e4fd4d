using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// The form posted for one page of Host List VM Detection (qualys-formats.md §6): the same fields
    /// for every page, plus the id_min the previous page pointed to. The credential is never part of it.
    /// </summary>
    internal static class DetectionRequestForm
    {
        public static List<KeyValuePair<string, string>> For(QualysApiOptions options, string? idMin)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                Field("action", "list"),
                Field("output_format", "XML"),
                Field("truncation_limit", options.TruncationLimit.ToString(CultureInfo.InvariantCulture)),
                // Information-gathered QIDs carry the scanner's authentication results (105015, 105296…).
                Field("show_igs", "1"),
                Field("show_results", options.IncludeResults ? "1" : "0"),
                // LAST_VM_SCANNED_DATE and LAST_VM_AUTH_SCANNED_DATE, the authentication evidence when
                // the IG QIDs are missing, come without asking: no field turns them on (qualys-formats.md §6-7).
            };
            // Only when asked: a subscription without the feature refuses the whole request (OptionalFields).
            if (options.IncludeTags) form.Add(Field(OptionalFields.Tags.Field, "1"));
            if (options.IncludeQds) form.Add(Field(OptionalFields.Qds.Field, "1"));
            if (options.Status.Count > 0)
                form.Add(Field("status", string.Join(",", options.Status.Distinct().Select(StatusName))));
            if (options.DetectionUpdatedSince is DateTime since)
                form.Add(Field("detection_updated_since", ToUtc(since).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            if (idMin != null)
                form.Add(Field("id_min", idMin));
            return form;
        }

        /// <summary>The form as the verbose log shows it: readable rather than encoded, since the
        /// values are plain words, numbers and a date.</summary>
        public static string Text(IEnumerable<KeyValuePair<string, string>> form) => string.Join("&", form.Select(p => p.Key + "=" + p.Value));

        /// <summary>A local or unspecified time taken as local time, in UTC.</summary>
        public static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

        private static KeyValuePair<string, string> Field(string name, string value) => new KeyValuePair<string, string>(name, value);

        private static string StatusName(DetectionStatus status) => status switch
        {
            DetectionStatus.New => "New",
            DetectionStatus.Active => "Active",
            DetectionStatus.ReOpened => "Re-Opened",
            DetectionStatus.Fixed => "Fixed",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a detection status"),
        };
    }
}
