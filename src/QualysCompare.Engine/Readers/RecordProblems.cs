using System;
using System.Collections.Generic;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// Records that a reader could not use or had to guess, reported once per kind at the end of
    /// the file with a count and the first line, so a damaged file yields one warning, not thousands.
    /// </summary>
    internal sealed class RecordProblems
    {
        private readonly Dictionary<string, (int Count, long FirstLine)> _seen = new Dictionary<string, (int, long)>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();

        public void Add(string what, long line)
        {
            if (_seen.TryGetValue(what, out var known)) _seen[what] = (known.Count + 1, known.FirstLine);
            else
            {
                _seen[what] = (1, line);
                _order.Add(what);
            }
        }

        public int Count(string what) => _seen.TryGetValue(what, out var known) ? known.Count : 0;

        public void Report(ReportReadContext context)
        {
            foreach (var what in _order)
            {
                var (count, line) = _seen[what];
                context.Warn(line > 0 ? $"{count} {what} (first at line {line})." : $"{count} {what}.");
            }
        }
    }
}
