using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// The request fields a subscription may lack (show_tags, show_qds), each with the switch that asks
    /// for it, and how Qualys's refusal of one becomes an error that names the switch.
    /// </summary>
    /// <remarks>
    /// Qualys answers a field the account may not use with HTTP 400 and SIMPLE_RETURN CODE 1901
    /// "Unrecognized parameter(s): …", which its API guide (Appendix D, error codes) describes as "one or
    /// more parameters which are not supported, or are not available to the browsing user"; a value it
    /// rejects is CODE 1905 "parameter … has invalid value". Either, naming the field, is the refusal.
    /// </remarks>
    internal sealed class OptionalFields
    {
        public static readonly OptionalFields Tags = new OptionalFields("show_tags", "-IncludeTags", "asset tags in Host List Detection");
        public static readonly OptionalFields Qds = new OptionalFields("show_qds", "-IncludeQds", "QDS (Qualys Detection Score, a VMDR feature)");

        private static readonly OptionalFields[] All = { Tags, Qds };
        private static readonly string[] RefusalCodes = { "1901", "1905" };

        private OptionalFields(string field, string switchName, string feature)
        {
            Field = field;
            SwitchName = switchName;
            Feature = feature;
        }

        public string Field { get; }
        public string SwitchName { get; }
        public string Feature { get; }

        /// <summary>The refusal of an optional field the request carried, as the error to raise; null
        /// when the error is about something else, which then stands as it is.</summary>
        public static QualysReportException? Refusal(QualysApiException error, IEnumerable<KeyValuePair<string, string>> form)
        {
            if (error.Text == null || Array.IndexOf(RefusalCodes, error.Code) < 0) return null;
            foreach (var pair in form)
            {
                foreach (var optional in All)
                {
                    if (pair.Key != optional.Field || !Names(error.Text, optional.Field)) continue;
                    return new QualysReportException(ErrorIds.ApiParameterRefused, ReportErrorKind.InvalidArgument, error.Path, 0,
                        $"{optional.SwitchName}: this subscription does not offer {optional.Feature} (Qualys code {error.Code}: {error.Text}). "
                        + $"Run again without {optional.SwitchName}, or ask Qualys to enable it for the subscription.", error);
                }
            }
            return null;
        }

        /// <summary>The field as a word of the text: show_qds must not match show_qds_factors.</summary>
        private static bool Names(string text, string field)
        {
            int at = 0;
            while ((at = text.IndexOf(field, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                int end = at + field.Length;
                bool startsWord = at == 0 || !IsNameChar(text[at - 1]);
                bool endsWord = end == text.Length || !IsNameChar(text[end]);
                if (startsWord && endsWord) return true;
                at = end;
            }
            return false;
        }

        private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
    }
}
