using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using CsvHelper;
using QualysCompare.Engine.Writers;

namespace QualysCompare.Engine.Tests.Export
{
    /// <summary>
    /// The CSV export as it was before Utf8CsvWriter: CsvHelper 34's writer with the same options and the same typed
    /// WriteField call per column type, kept as the reference the new writer must match byte for byte. Reflection
    /// and boxing are fine here; the order of the columns and the enum name table are built as FlatColumns built them.
    /// </summary>
    internal static class CsvHelperReferenceWriter
    {
        private static readonly ConcurrentDictionary<Type, Dictionary<object, string>> EnumNames = new ConcurrentDictionary<Type, Dictionary<object, string>>();

        public static int Write<T>(Stream destination, IEnumerable<T> rows, bool sanitize, CancellationToken cancellationToken = default) where T : class
        {
            var options = new CsvWriterOptions
            {
                WriteByteOrderMark = true,
                Injection = sanitize ? CsvInjection.Escape : CsvInjection.None,
                FormatProvider = CultureInfo.InvariantCulture,
            };
            PropertyInfo[] properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetGetMethod() != null && property.GetIndexParameters().Length == 0)
                .OrderBy(property => property.MetadataToken)
                .ToArray();
            int written = 0;
            using (CsvWriter writer = CsvWriter.Create(destination, options, leaveOpen: true))
            {
                writer.WriteHeader(properties.Select(property => property.Name).ToArray());
                foreach (T row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (row == null) throw new ArgumentException($"Row {written + 1} is null.", nameof(rows));
                    foreach (PropertyInfo property in properties) WriteCell(writer, property.PropertyType, property.GetValue(row));
                    writer.EndRecord();
                    written++;
                }
                writer.Flush();
            }
            return written;
        }

        public static byte[] Bytes<T>(IEnumerable<T> rows, bool sanitize) where T : class
        {
            using var stream = new MemoryStream();
            Write(stream, rows, sanitize);
            return stream.ToArray();
        }

        private static void WriteCell(CsvWriter writer, Type type, object? value)
        {
            if (type == typeof(string) || value == null)
            {
                writer.WriteField((string?)value);
                return;
            }
            switch (value)
            {
                case int number:
                    writer.WriteField(number, default);
                    break;
                case long number:
                    writer.WriteField(number, default);
                    break;
                case double number:
                    if (double.IsNaN(number) || double.IsInfinity(number)) writer.WriteField((string?)null);
                    else writer.WriteField(number, default);
                    break;
                case bool flag:
                    writer.WriteField(flag);
                    break;
                case DateTime date:
                    writer.WriteField(ExportText.ToUtc(date), ExportText.UtcDateFormat.AsSpan());
                    break;
                case Enum member:
                    if (Names(member.GetType()).TryGetValue(member, out string? name)) writer.WriteField(name);
                    else writer.WriteField(Convert.ToInt64(member, CultureInfo.InvariantCulture), default);
                    break;
                default:
                    throw new NotSupportedException(type.Name);
            }
        }

        /// <summary>The first name of each value, in Enum.GetNames order.</summary>
        private static Dictionary<object, string> Names(Type enumType) => EnumNames.GetOrAdd(enumType, type =>
        {
            var names = new Dictionary<object, string>();
            foreach (string name in Enum.GetNames(type))
            {
                object value = Enum.Parse(type, name);
                if (!names.ContainsKey(value)) names.Add(value, name);
            }
            return names;
        });
    }
}
