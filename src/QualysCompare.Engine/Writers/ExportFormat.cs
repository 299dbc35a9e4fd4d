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
        /// An explicit format always wins, so "-Format Json -Path gaps.txt" does what it says; otherwise the
        /// extension decides, and anything unrecognised is CSV because that is what Export-Csv users expect.
        /// </summary>
        public static ExportFormat Resolve(ExportFormat? requested, string path)
        {
            if (requested.HasValue) return requested.Value;
            if (path == null) throw new ArgumentNullException(nameof(path));
            string extension = Path.GetExtension(path);
            if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Json;
            if (string.Equals(extension, ".html", StringComparison.OrdinalIgnoreCase)
                || string.Equals(extension, ".htm", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Html;
            return ExportFormat.Csv;
        }
    }
}
