using System.Collections.Generic;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Readers
{
    internal sealed class VmdrCsvReader : FindingReader
    {
        public override IEnumerable<QualysFinding> Read(ReportReadContext context)
        {
            yield break;
        }
    }
}
