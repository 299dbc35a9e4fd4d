using System.Globalization;
using CsvHelper;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// The two CsvWriterOptions the exports use, built once. CsvWriterOptions only has init-only setters, and an init
    /// setter's signature names the IsExternalInit type of the build it was compiled against: CsvHelper's own copy in
    /// its netstandard2.0 build, the runtime's in its net8.0 build. This engine compiles against the former, but under
    /// PowerShell 7 (and in the tests) the latter is loaded, so an object initializer fails with MissingMethodException.
    /// Reflection ignores that part of the signature and works with either build.
    /// </summary>
    internal static class CsvWriterSettings
    {
        public static readonly CsvWriterOptions Sanitized = Create(CsvInjection.Escape);
        public static readonly CsvWriterOptions Raw = Create(CsvInjection.None);

        private static CsvWriterOptions Create(CsvInjection injection)
        {
            var options = new CsvWriterOptions();
            Set(options, nameof(CsvWriterOptions.WriteByteOrderMark), true);
            Set(options, nameof(CsvWriterOptions.Injection), injection);
            Set(options, nameof(CsvWriterOptions.FormatProvider), CultureInfo.InvariantCulture);
            return options;
        }

        private static void Set<TValue>(CsvWriterOptions options, string property, TValue value) =>
            typeof(CsvWriterOptions).GetProperty(property)!.SetValue(options, value);
    }
}
