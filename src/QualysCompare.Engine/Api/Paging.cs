using System;
using System.Globalization;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Follows Qualys's paging: a truncated page ends with RESPONSE/WARNING (CODE 1980) whose URL
    /// carries the id_min of the next page. Only id_min is taken from that URL: it may name another
    /// host or parameters that were never sent, and the client posts its own form, with the
    /// credential, to its own endpoint only.
    /// </summary>
    internal sealed class Paging
    {
        private const string WarningCodeTruncated = "1980";

        private readonly string _target;
        private readonly Redactor _redactor;
        private readonly IEngineOutput _output;

        public Paging(string target, Redactor redactor, IEngineOutput output)
        {
            _target = target;
            _redactor = redactor;
            _output = output;
        }

        /// <summary>The id_min of the next page, or null on the last page.</summary>
        /// <exception cref="QualysReportException">QualysApiPagingFailed: the WARNING names no usable
        /// id_min, or one that does not move forward.</exception>
        public string? NextIdMin(PageEnvelope envelope, int page, string? idMin)
        {
            if (envelope.WarningCode == null && envelope.WarningText == null && envelope.WarningUrl == null) return null;
            string warning = $"CODE {envelope.WarningCode ?? "(none)"}: {_redactor.Redact(envelope.WarningText) ?? "(no text)"}";
            if (envelope.WarningUrl == null)
            {
                _output.WriteWarning($"Qualys warned with page {page}: {warning}");
                return null;
            }
            string? next = QueryValue(envelope.WarningUrl.Trim(), "id_min");
            if (next == null || !long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out long nextId) || nextId <= 0)
                throw Failed($"page {page} says more follows ({warning}), but its URL names no usable id_min, so the next page cannot be asked for.");
            if (envelope.WarningCode != WarningCodeTruncated)
                _output.WriteVerbose($"Page {page}: Qualys warned {warning}; following its URL to the next page.");
            if (idMin != null && nextId <= long.Parse(idMin, CultureInfo.InvariantCulture))
                throw Failed($"page {page} (id_min={idMin}) links to id_min={next}, which does not move forward: stopping rather than reading the same entries again.");
            return next;
        }

        /// <summary>One query parameter of a URL as Qualys writes it in the WARNING (possibly with
        /// &amp;amp; left in, when the URL was escaped instead of put in CDATA).</summary>
        public static string? QueryValue(string url, string name)
        {
            int q = url.IndexOf('?');
            if (q < 0) return null;
            string query = url.Substring(q + 1);
            int hash = query.IndexOf('#');
            if (hash >= 0) query = query.Substring(0, hash);
            query = query.Replace("&amp;", "&");
            foreach (var part in query.Split('&'))
            {
                int eq = part.IndexOf('=');
                string key = Unescape(eq < 0 ? part : part.Substring(0, eq)).Trim();
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                    return eq < 0 ? string.Empty : Unescape(part.Substring(eq + 1)).Trim();
            }
            return null;
        }

        private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

        private QualysReportException Failed(string message) =>
            new QualysReportException(ErrorIds.ApiPagingFailed, ReportErrorKind.InvalidResult, _target, 0, message);
    }
}
