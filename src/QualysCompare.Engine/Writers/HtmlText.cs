using System.Net;
using System.Text;

namespace QualysCompare.Engine.Writers
{
    /// <summary>Text for the HTML page: encoded, and with the characters no HTML or XML document may hold replaced.</summary>
    internal static class HtmlText
    {
        private const char Replacement = '\uFFFD';

        /// <summary>HtmlEncode alone lets control characters (which Qualys copies from banners) and lone surrogates
        /// through; either would make the page malformed for XML tools and some mail clients.</summary>
        public static string Encode(string? value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            return WebUtility.HtmlEncode(WithoutForbiddenCharacters(value!));
        }

        internal static string WithoutForbiddenCharacters(string value)
        {
            StringBuilder? clean = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool keep;
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    clean?.Append(c).Append(value[i + 1]);
                    i++;
                    continue;
                }
                if (char.IsSurrogate(c)) keep = false;
                else if (c < ' ') keep = c == '\t' || c == '\n' || c == '\r';
                else keep = c != '\uFFFE' && c != '\uFFFF';

                if (keep)
                {
                    clean?.Append(c);
                    continue;
                }
                if (clean == null) clean = new StringBuilder(value.Length).Append(value, 0, i);
                clean.Append(Replacement);
            }
            return clean?.ToString() ?? value;
        }
    }
}
