using System;
using System.IO;

namespace QualysCompare.ScenarioGen
{
    internal static class CsvText
    {
        /// <summary>Writes the characters of a quoted CSV field, its quotes doubled; the caller writes the enclosing quotes.</summary>
        public static void WriteEscaped(TextWriter output, string value)
        {
            int start = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] != '"') continue;
                output.Write(value.AsSpan(start, i + 1 - start));
                output.Write('"');
                start = i + 1;
            }
            output.Write(value.AsSpan(start));
        }
    }
}
