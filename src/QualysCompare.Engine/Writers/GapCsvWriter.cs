using System.Collections.Generic;
using System.IO;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The CSV form of the comparison rows and of the summary rows. Rows are written as given:
    /// choosing them is <see cref="GapFilter"/>'s job.</summary>
    public static class GapCsvWriter
    {
        public static int Write(Stream destination, IEnumerable<VantageComparison> rows, bool sanitize = true, CancellationToken cancellationToken = default) =>
            FlatObjectCsvWriter<VantageComparison>.Write(destination, rows, sanitize, cancellationToken);

        public static int Write(Stream destination, IEnumerable<VantageSummary> rows, bool sanitize = true, CancellationToken cancellationToken = default) =>
            FlatObjectCsvWriter<VantageSummary>.Write(destination, rows, sanitize, cancellationToken);
    }
}
