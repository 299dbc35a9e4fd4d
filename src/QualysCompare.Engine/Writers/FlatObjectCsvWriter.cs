using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// Writes flat records as RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads accents right), one
    /// column per public property in declaration order: dates in ISO 8601 UTC, enums by name, nulls empty, numbers
    /// in the invariant culture.
    /// </summary>
    public static class FlatObjectCsvWriter<T> where T : class
    {
        /// <summary>The header: the property names, in the order the columns are written.</summary>
        public static IReadOnlyList<string> Header => FlatColumns<T>.Names;

        /// <param name="destination">Left open.</param>
        /// <param name="rows">Written in the order given.</param>
        /// <param name="sanitize">Neutralise text cells a spreadsheet would run as a formula (OWASP CSV injection):
        /// a text starting with = + - @, tab or CR gets a leading apostrophe. Numbers, dates and enums are never text.</param>
        /// <param name="cancellationToken">Checked before every row.</param>
        /// <returns>The number of data rows written.</returns>
        public static int Write(Stream destination, IEnumerable<T> rows, bool sanitize = true, CancellationToken cancellationToken = default)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (rows == null) throw new ArgumentNullException(nameof(rows));

            FlatColumn<T>[] columns = FlatColumns<T>.All.ToArray();
            int written = 0;
            using (var writer = new Utf8CsvWriter(destination, neutraliseFormulas: sanitize))
            {
                foreach (string name in FlatColumns<T>.Names) writer.WriteText(name);
                writer.EndRecord();
                foreach (T row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (row == null) throw new ArgumentException($"Row {written + 1} is null.", nameof(rows));
                    for (int i = 0; i < columns.Length; i++) columns[i].WriteCsv(writer, row);
                    writer.EndRecord();
                    written++;
                }
                writer.Flush();
            }
            return written;
        }
    }
}
