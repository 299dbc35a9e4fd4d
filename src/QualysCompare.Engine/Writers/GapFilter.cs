using System;
using System.Collections.Generic;
using System.Linq;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>
    /// The one definition of what an export holds, so CSV, JSON and the HTML gap table never disagree.
    /// </summary>
    public static class GapFilter
    {
        /// <summary>
        /// By default: every finding only one side saw, and every finding on a host only one side knows
        /// (a host-coverage gap is a gap even for the rare finding both records carry). IncludeBoth: everything.
        /// </summary>
        public static IEnumerable<VantageComparison> Select(IEnumerable<VantageComparison> rows, bool includeBoth)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            return includeBoth ? rows : rows.Where(IsGap);
        }

        public static bool IsGap(VantageComparison row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            return row.Presence != Presence.Both || row.HostCoverage != Presence.Both;
        }
    }
}
