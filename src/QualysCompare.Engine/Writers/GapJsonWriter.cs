using System.Collections.Generic;
using System.IO;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Writers
{
    /// <summary>The JSON form of the comparison rows and of the summary rows. Rows are written as given:
    /// choosing them is <see cref="GapFilter"/>'s job.</summary>
    public static class GapJsonWriter
    {
        public static int Write(Stream destination, IEnumerable<VantageComparison> rows, CancellationToken cancellationToken = default) =>
            FlatObjectJsonWriter<VantageComparison>.Write(destination, rows, cancellationToken);

        public static int Write(Stream destination, IEnumerable<VantageSummary> rows, CancellationToken cancellationToken = default) =>
            FlatObjectJsonWriter<VantageSummary>.Write(destination, rows, cancellationToken);
    }
}
