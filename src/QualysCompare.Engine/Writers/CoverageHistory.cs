using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using CsvHelper;
using QualysCompare.Engine.Decoding;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// The run history of Export-CoverageGap -HistoryPath: a CSV with one <see cref="CoverageRun"/> per
    /// row, in the export's CSV form so that Excel and Import-Csv read it. Columns are found by header
    /// name, so a file an older version wrote, with fewer columns, still loads (the missing counts are 0);
    /// a column this version does not know is not kept. The file is rewritten whole, atomically.
    /// </summary>
    public static class CoverageHistory
    {
        private static readonly Dictionary<string, PropertyInfo> Properties = typeof(CoverageRun)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);

        private static readonly string[] DateFormats = { ExportText.UtcDateFormat, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd" };

        /// <summary>The runs in the file, in its order; none when the file does not exist or is empty.</summary>
        /// <exception cref="CoverageHistoryUnreadableException">The file cannot be read, or is not a history.</exception>
        public static List<CoverageRun> Read(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            var runs = new List<CoverageRun>();
            if (!File.Exists(path))
            {
                if (Directory.Exists(path)) throw new CoverageHistoryUnreadableException(path, 0, "this is a folder, not a history file.");
                return runs;
            }
            try
            {
                if (new FileInfo(path).Length == 0) return runs;
                using var text = ReportStream.Open(path, rejectNul: true);
                using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true, MaxRecordSize = 1024 * 1024 }, false);
                if (!csv.Read()) return runs;
                long headerLine = csv.LineNumber;
                var columns = new PropertyInfo?[csv.FieldCount];
                for (int i = 0; i < csv.FieldCount; i++)
                {
                    Properties.TryGetValue(csv.GetString(i).Trim(), out PropertyInfo? property);
                    if (property != null && columns.Contains(property))
                        throw new CoverageHistoryUnreadableException(path, headerLine, $"the header row has more than one \"{property.Name}\" column.");
                    columns[i] = property;
                }
                if (!columns.Any(column => column?.Name == nameof(CoverageRun.RunUtc)))
                    throw new CoverageHistoryUnreadableException(path, headerLine,
                        "the header row has no RunUtc column, so this is not a run history written by Export-CoverageGap -HistoryPath.");
                while (csv.Read())
                {
                    var run = new CoverageRun();
                    for (int i = 0; i < columns.Length && i < csv.FieldCount; i++)
                    {
                        PropertyInfo? property = columns[i];
                        if (property == null) continue;
                        string field = csv.GetString(i).Trim();
                        if (!TryParse(property.PropertyType, field, out object? value))
                            throw new CoverageHistoryUnreadableException(path, csv.LineNumber, $"{property.Name} '{Shorten(field)}' is not {Expected(property.PropertyType)}.");
                        if (value != null) property.SetValue(run, value);
                    }
                    if (run.RunUtc == default)
                        throw new CoverageHistoryUnreadableException(path, csv.LineNumber, "RunUtc is empty; every run has the time it ran.");
                    runs.Add(run);
                }
            }
            catch (QualysReportException e) when (!(e is CoverageHistoryUnreadableException))
            {
                throw new CoverageHistoryUnreadableException(path, e.LineNumber, "the file is not a readable CSV history: " + e.Message, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CoverageHistoryUnreadableException(path, 0, "the file could not be read: " + e.Message, e);
            }
            return runs;
        }

        /// <summary>Writes <paramref name="runs"/> as the whole file, atomically: a run that dies leaves the previous file.</summary>
        /// <exception cref="QualysReportException">As <see cref="AtomicFileWriter.Write(string, Action{Stream}, AtomicWriteOptions, CancellationToken)"/>.</exception>
        public static void Write(string path, IEnumerable<CoverageRun> runs, bool force = false, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (runs == null) throw new ArgumentNullException(nameof(runs));
            AtomicFileWriter.Write(path, stream => FlatObjectCsvWriter<CoverageRun>.Write(stream, runs, sanitize: true, cancellationToken),
                new AtomicWriteOptions { Force = force }, cancellationToken);
        }

        private static bool TryParse(Type type, string field, out object? value)
        {
            value = null;
            Type? underlying = Nullable.GetUnderlyingType(type);
            if (field.Length == 0) return underlying != null || type == typeof(int) || type == typeof(double) || type == typeof(DateTime);
            Type target = underlying ?? type;
            if (target == typeof(int))
            {
                bool ok = int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number);
                value = number;
                return ok && number >= 0;
            }
            if (target == typeof(double))
            {
                bool ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double number);
                value = number;
                return ok && !double.IsNaN(number) && !double.IsInfinity(number);
            }
            if (target == typeof(DateTime))
            {
                bool ok = DateTime.TryParseExact(field, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime date);
                value = DateTime.SpecifyKind(date, DateTimeKind.Utc);
                return ok;
            }
            return false;
        }

        private static string Expected(Type type)
        {
            Type target = Nullable.GetUnderlyingType(type) ?? type;
            if (target == typeof(int)) return "a whole number of zero or more";
            if (target == typeof(double)) return "a number";
            return "a UTC date such as 2026-12-03T06:00:00Z";
        }

        private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
    }
}
