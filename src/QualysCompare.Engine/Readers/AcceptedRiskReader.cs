using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using QualysCompare.Engine.Decoding;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Reads an accepted-risk CSV: a header row with HostName, QID, Expires and Justification (any
    /// order, any case, other columns ignored), then one accepted (host, QID) per row. Anything it
    /// cannot read exactly is <see cref="ErrorIds.AcceptedRiskMalformed"/> at its line: a list that
    /// is misread would hide work or show work that was accepted.
    /// </summary>
    public static class AcceptedRiskReader
    {
        private static readonly string[] Columns = { "HostName", "QID", "Expires", "Justification" };

        // A DNS name or NetBIOS name: letters, digits, hyphens and underscores in dot-separated labels.
        private static readonly Regex HostNamePattern = new Regex(@"^[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$", RegexOptions.CultureInvariant);

        private static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss", "MM/dd/yyyy", "M/d/yyyy" };

        public static List<AcceptedRisk> Read(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            using var text = ReportStream.Open(path, rejectNul: true);
            using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true, MaxRecordSize = 1024 * 1024 }, false);
            if (!csv.Read()) throw Malformed(path, 1, "the file is empty; it needs a header row with HostName, QID, Expires and Justification.");
            var index = new int[Columns.Length];
            for (int c = 0; c < Columns.Length; c++)
            {
                index[c] = -1;
                for (int i = 0; i < csv.FieldCount; i++)
                    if (string.Equals(csv.GetString(i).Trim(), Columns[c], StringComparison.OrdinalIgnoreCase)) index[c] = i;
                if (index[c] < 0) throw Malformed(path, csv.LineNumber, $"the header row has no {Columns[c]} column; it needs HostName, QID, Expires and Justification.");
            }
            var risks = new List<AcceptedRisk>();
            while (csv.Read())
            {
                long line = csv.LineNumber;
                string Field(int c) => index[c] < csv.FieldCount ? csv.GetString(index[c]).Trim() : string.Empty;
                string host = Field(0), qidText = Field(1), expiresText = Field(2), justification = Field(3);
                if (host.Length == 0) throw Malformed(path, line, "HostName is empty.");
                if (!IsHostName(host))
                    throw Malformed(path, line, $"HostName '{host}' is not an FQDN, a NetBIOS name or an IP address.");
                if (!int.TryParse(qidText, NumberStyles.None, CultureInfo.InvariantCulture, out int qid) || qid <= 0)
                    throw Malformed(path, line, $"QID '{qidText}' is not a QID number.");
                if (!DateTime.TryParseExact(expiresText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expires))
                    throw Malformed(path, line, $"Expires '{expiresText}' is not a date (write it as yyyy-MM-dd).");
                if (justification.Length == 0) throw Malformed(path, line, "Justification is empty; an accepted risk needs its reason.");
                risks.Add(new AcceptedRisk(host, qid, DateTime.SpecifyKind(expires.Date, DateTimeKind.Utc), justification, path, line));
            }
            return risks;
        }

        private static bool IsHostName(string host)
        {
            if (host.IndexOf(':') >= 0) return IPAddress.TryParse(host, out _);
            // Digits and dots only is meant as an IPv4 address, and must be one: 10.0.0.300 is a typo, not a name.
            if (NumericPattern.IsMatch(host)) return IPAddress.TryParse(host, out var v4) && host.Split('.').Length == 4 && v4.ToString() == host;
            return HostNamePattern.IsMatch(host);
        }

        private static readonly Regex NumericPattern = new Regex(@"^[0-9.]+$", RegexOptions.CultureInvariant);

        private static QualysReportException Malformed(string path, long line, string message) =>
            new QualysReportException(ErrorIds.AcceptedRiskMalformed, ReportErrorKind.InvalidData, path, line, message);
    }
}
