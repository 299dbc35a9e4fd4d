using System;
using System.IO;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The file formats Export-CoverageGap writes.</summary>
    public enum ExportFormat
    {
        Csv,
        Json,
        Html,
    }

    public static class ExportFormatResolver
    {
        /// <summary>
        /// An explicit format always wins, so "-Format Json -Path gaps.txt" does what it says.
        /// Otherwise the extension decides: .csv (or none), .json, .html and .htm. Any other
        /// extension is refused rather than guessed: CSV written into gaps.xlsx makes a file Excel
        /// then refuses to open, and nobody reads the warning in a scheduled run.
        /// </summary>
        /// <exception cref="ExportExtensionException">The extension is not one of those and no format was given.</exception>
        public static ExportFormat Resolve(ExportFormat? requested, string path)
        {
            if (requested.HasValue) return requested.Value;
            if (path == null) throw new ArgumentNullException(nameof(path));
            string extension = Path.GetExtension(path);
            if (extension.Length == 0 || string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Csv;
            if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Json;
            if (string.Equals(extension, ".html", StringComparison.OrdinalIgnoreCase)
                || string.Equals(extension, ".htm", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Html;
            throw new ExportExtensionException(path, extension);
        }
    }
}
