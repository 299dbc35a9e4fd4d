using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace QualysCompare.Engine.Writers
{
    /// <summary>One public property of a flat record, with a typed getter, written as CSV or JSON.</summary>
    internal abstract class FlatColumn<T>
    {
        protected FlatColumn(string name)
        {
            Name = name;
            JsonName = JsonEncodedText.Encode(name);
        }

        public string Name { get; }
        public JsonEncodedText JsonName { get; }

        public abstract void WriteCsv(Utf8CsvWriter writer, T item);

        /// <summary>Writes the value only; the caller writes the property name.</summary>
        public abstract void WriteJson(Utf8JsonWriter writer, T item);
    }

    /// <summary>
    /// The columns of <typeparamref name="T"/>: every public instance property in declaration order, found by
    /// reflection once per type. Each getter becomes a typed delegate so writing a cell neither reflects nor boxes.
    /// A property of a type no format knows fails here, at first use, rather than turning into "System.Object" cells.
    /// </summary>
    internal static class FlatColumns<T> where T : class
    {
        public static readonly IReadOnlyList<FlatColumn<T>> All = Build();

        public static readonly string[] Names = All.Select(column => column.Name).ToArray();

        private static FlatColumn<T>[] Build() =>
            typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetGetMethod() != null && property.GetIndexParameters().Length == 0)
                // GetProperties promises no order; metadata tokens follow declaration order, which is the order
                // Export-Csv and Export-Excel use for the same objects.
                .OrderBy(property => property.MetadataToken)
                .Select(Create)
                .ToArray();

        private static FlatColumn<T> Create(PropertyInfo property)
        {
            Type type = property.PropertyType;
            if (type == typeof(string))
                return new TextColumn<T>(property.Name, Getter<string?>(property));

            Type? underlying = Nullable.GetUnderlyingType(type);
            Type valueType = underlying ?? type;
            object format = ValueFormats.For(valueType)
                ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a {type.Name}, which the flat exports cannot write.");
            string factory = underlying != null ? nameof(NullableColumn) : nameof(PlainColumn);
            MethodInfo method = typeof(FlatColumns<T>).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(valueType);
            return (FlatColumn<T>)method.Invoke(null, new[] { property, format })!;
        }

        private static FlatColumn<T> PlainColumn<TValue>(PropertyInfo property, ValueFormat<TValue> format) where TValue : struct
        {
            Func<T, TValue> get = Getter<TValue>(property);
            return new ValueColumn<T, TValue>(property.Name, item => get(item), format);
        }

        private static FlatColumn<T> NullableColumn<TValue>(PropertyInfo property, ValueFormat<TValue> format) where TValue : struct =>
            new ValueColumn<T, TValue>(property.Name, Getter<TValue?>(property), format);

        private static Func<T, TProperty> Getter<TProperty>(PropertyInfo property) =>
            (Func<T, TProperty>)Delegate.CreateDelegate(typeof(Func<T, TProperty>), property.GetGetMethod()!);
    }

    internal sealed class TextColumn<T> : FlatColumn<T>
    {
        private readonly Func<T, string?> _get;

        public TextColumn(string name, Func<T, string?> get) : base(name) => _get = get;

        // Text is the only kind of cell whose formula-like start is neutralised.
        public override void WriteCsv(Utf8CsvWriter writer, T item) => writer.WriteText(_get(item));

        public override void WriteJson(Utf8JsonWriter writer, T item)
        {
            string? value = _get(item);
            if (value == null) writer.WriteNullValue();
            else writer.WriteStringValue(value);
        }
    }

    internal sealed class ValueColumn<T, TValue> : FlatColumn<T> where TValue : struct
    {
        private readonly Func<T, TValue?> _get;
        private readonly ValueFormat<TValue> _format;

        public ValueColumn(string name, Func<T, TValue?> get, ValueFormat<TValue> format) : base(name)
        {
            _get = get;
            _format = format;
        }

        public override void WriteCsv(Utf8CsvWriter writer, T item)
        {
            TValue? value = _get(item);
            if (value.HasValue && _format.HasValue(value.Value)) _format.WriteCsv(writer, value.Value);
            else writer.WriteEmpty();
        }

        public override void WriteJson(Utf8JsonWriter writer, T item)
        {
            TValue? value = _get(item);
            if (value.HasValue && _format.HasValue(value.Value)) _format.WriteJson(writer, value.Value);
            else writer.WriteNullValue();
        }
    }

    /// <summary>How one value type is spelled. None of them is text, so none is neutralised as a formula: a
    /// severity or a negative number is never prefixed with an apostrophe.</summary>
    internal abstract class ValueFormat<TValue> where TValue : struct
    {
        /// <summary>False for values that have no spelling in every format (NaN), which are written as null.</summary>
        public virtual bool HasValue(TValue value) => true;

        public abstract void WriteCsv(Utf8CsvWriter writer, TValue value);

        public abstract void WriteJson(Utf8JsonWriter writer, TValue value);
    }

    internal static class ValueFormats
    {
        public static object? For(Type type)
        {
            if (type == typeof(int)) return new Int32Format();
            if (type == typeof(long)) return new Int64Format();
            if (type == typeof(double)) return new DoubleFormat();
            if (type == typeof(bool)) return new BooleanFormat();
            if (type == typeof(DateTime)) return new DateTimeFormat();
            if (type.IsEnum) return Activator.CreateInstance(typeof(EnumFormat<>).MakeGenericType(type));
            return null;
        }
    }

    internal sealed class Int32Format : ValueFormat<int>
    {
        public override void WriteCsv(Utf8CsvWriter writer, int value) => writer.WriteInt32(value);

        public override void WriteJson(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);
    }

    internal sealed class Int64Format : ValueFormat<long>
    {
        public override void WriteCsv(Utf8CsvWriter writer, long value) => writer.WriteInt64(value);

        public override void WriteJson(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
    }

    internal sealed class DoubleFormat : ValueFormat<double>
    {
        // JSON has no NaN or infinity, and a percentage of nothing is better empty than "NaN" in a spreadsheet.
        public override bool HasValue(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        public override void WriteCsv(Utf8CsvWriter writer, double value) => writer.WriteDouble(value);

        public override void WriteJson(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);
    }

    internal sealed class BooleanFormat : ValueFormat<bool>
    {
        public override void WriteCsv(Utf8CsvWriter writer, bool value) => writer.WriteBoolean(value);

        public override void WriteJson(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
    }

    internal sealed class DateTimeFormat : ValueFormat<DateTime>
    {
        public override void WriteCsv(Utf8CsvWriter writer, DateTime value) => writer.WriteUtcDate(ExportText.ToUtc(value));

        public override void WriteJson(Utf8JsonWriter writer, DateTime value) => writer.WriteStringValue(ExportText.FormatUtc(value));
    }

    /// <summary>Enums as their names, looked up in a table built once; a value outside the enum (a cast
    /// integer) is written as its number rather than as a name nobody can look up.</summary>
    internal sealed class EnumFormat<TEnum> : ValueFormat<TEnum> where TEnum : struct, Enum
    {
        // A name is an identifier: no separator, quote or line break to quote, no formula character to start with.
        private readonly Dictionary<TEnum, byte[]> _csvNames = new Dictionary<TEnum, byte[]>();
        private readonly Dictionary<TEnum, JsonEncodedText> _jsonNames = new Dictionary<TEnum, JsonEncodedText>();

        public EnumFormat()
        {
            foreach (string name in Enum.GetNames(typeof(TEnum)))
            {
                var value = (TEnum)Enum.Parse(typeof(TEnum), name);
                if (_csvNames.ContainsKey(value)) continue;
                _csvNames.Add(value, Encoding.UTF8.GetBytes(name));
                _jsonNames.Add(value, JsonEncodedText.Encode(name));
            }
        }

        public override void WriteCsv(Utf8CsvWriter writer, TEnum value)
        {
            if (_csvNames.TryGetValue(value, out byte[]? name)) writer.WritePlain(name);
            else writer.WriteInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        public override void WriteJson(Utf8JsonWriter writer, TEnum value)
        {
            if (_jsonNames.TryGetValue(value, out JsonEncodedText name)) writer.WriteStringValue(name);
            else writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
    }
}
