using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace QualysCompare.ScenarioGen
{
    /// <summary>
    /// Allocation-free pieces the writers share: Qualys's spellings, XML escaping and CDATA, and
    /// numbers and dates formatted straight into the output (a benchmark writes millions of them).
    /// </summary>
    internal static class QualysText
    {
        public const string IsoDateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
        public const string UsDateFormat = "MM/dd/yyyy HH:mm:ss";

        /// <summary>The trailer every Qualys API response ends with (note the space before the line end).</summary>
        public static void WriteConfidentialComment(TextWriter output, int year)
        {
            output.Write("<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. Qualys provides the QualysGuard Service \"As Is,\" without any warranty of any kind. Qualys makes no warranty that the information contained in this report is complete or error-free. Copyright ");
            WriteInt(output, year);
            output.Write(", Qualys, Inc. //--> \n");
        }

        public static string DetectionType(ScenarioType type) => type switch
        {
            ScenarioType.Confirmed => "Confirmed",
            ScenarioType.Potential => "Potential",
            _ => "Info",
        };

        public static string KnowledgeBaseType(ScenarioType type) => type switch
        {
            ScenarioType.Confirmed => "Vulnerability",
            ScenarioType.Potential => "Potential Vulnerability",
            _ => "Information Gathered",
        };

        public static string ScanResultsType(ScenarioType type) => type switch
        {
            ScenarioType.Confirmed => "Vuln",
            ScenarioType.Potential => "Practice",
            _ => "Ig",
        };

        public static string Status(ScenarioStatus status) => status switch
        {
            ScenarioStatus.New => "New",
            ScenarioStatus.Active => "Active",
            ScenarioStatus.ReOpened => "Re-Opened",
            _ => "Fixed",
        };

        /// <summary>Escapes &amp;, &lt; and &gt; for element text.</summary>
        public static void WriteXmlText(TextWriter output, string value)
        {
            int start = 0;
            for (int i = 0; i < value.Length; i++)
            {
                string? entity = value[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };
                if (entity == null) continue;
                output.Write(value.AsSpan(start, i - start));
                output.Write(entity);
                start = i + 1;
            }
            output.Write(value.AsSpan(start));
        }

        /// <summary>
        /// Writes a CDATA section, splitting it where the text itself contains "]]&gt;". Control
        /// characters pass through untouched: Qualys emits them too (qualys-formats.md §10.8), and a
        /// scenario that wants them must be able to produce them.
        /// </summary>
        public static void WriteCData(TextWriter output, string value)
        {
            output.Write("<![CDATA[");
            int start = 0;
            int end;
            while ((end = value.IndexOf("]]>", start, StringComparison.Ordinal)) >= 0)
            {
                output.Write(value.AsSpan(start, end + 2 - start));
                output.Write("]]><![CDATA[");
                start = end + 2;
            }
            output.Write(value.AsSpan(start));
            output.Write("]]>");
        }

        public static void WriteInt(TextWriter output, long value)
        {
            Span<char> buffer = stackalloc char[24];
            value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
            output.Write(buffer.Slice(0, written));
        }

        /// <summary>One decimal, the way Qualys prints CVSS scores ("5.0", "7.5").</summary>
        public static void WriteScore(TextWriter output, double value)
        {
            Span<char> buffer = stackalloc char[24];
            value.TryFormat(buffer, out int written, "0.0", CultureInfo.InvariantCulture);
            output.Write(buffer.Slice(0, written));
        }

        public static void WriteDate(TextWriter output, DateTime value, string format)
        {
            Span<char> buffer = stackalloc char[32];
            Utc(value).TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture);
            output.Write(buffer.Slice(0, written));
        }

        public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

        /// <summary>UTF-8 without a byte order mark, as Qualys serves its downloads.</summary>
        public static StreamWriter CreateFile(string path) =>
            new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>One element per line, "indent&lt;NAME&gt;value&lt;/NAME&gt;\n", as the Qualys APIs print them.</summary>
    internal static class XmlLines
    {
        public static void Number(TextWriter output, string indent, string name, long value)
        {
            Open(output, indent, name);
            QualysText.WriteInt(output, value);
            Close(output, name);
        }

        public static void Score(TextWriter output, string indent, string name, double? value)
        {
            if (!value.HasValue) return;
            Open(output, indent, name);
            QualysText.WriteScore(output, value.Value);
            Close(output, name);
        }

        public static void Text(TextWriter output, string indent, string name, string value)
        {
            Open(output, indent, name);
            QualysText.WriteXmlText(output, value);
            Close(output, name);
        }

        public static void CData(TextWriter output, string indent, string name, string value)
        {
            Open(output, indent, name);
            QualysText.WriteCData(output, value);
            Close(output, name);
        }

        public static void Date(TextWriter output, string indent, string name, DateTime? value)
        {
            if (!value.HasValue) return;
            Open(output, indent, name);
            QualysText.WriteDate(output, value.Value, QualysText.IsoDateFormat);
            Close(output, name);
        }

        private static void Open(TextWriter output, string indent, string name)
        {
            output.Write(indent);
            output.Write('<');
            output.Write(name);
            output.Write('>');
        }

        private static void Close(TextWriter output, string name)
        {
            output.Write("</");
            output.Write(name);
            output.Write(">\n");
        }
    }
}
