using System;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using Xunit;

namespace QualysCompare.Engine.Tests
{
    /// <summary>Damage inside a file, as opposed to a file cut off at its end.</summary>
    public sealed class XmlDamageTests
    {
        [Fact]
        public void BrokenCdataIsMalformedWithItsLine()
        {
            var xml = File.ReadAllText(Fixtures.Sample("e-defectdojo-trurisk-detections.xml"));
            int at = xml.IndexOf("]]></OS>", StringComparison.Ordinal);
            var broken = xml.Substring(0, at) + "]></OS>" + xml.Substring(at + "]]></OS>".Length);
            using var import = ReportImport.Open(new MemoryStream(Encoding.UTF8.GetBytes(broken)), "broken.xml");
            var error = Assert.Throws<QualysReportException>(() => import.ReadFindings().ToList());
            Assert.Equal(ErrorIds.Malformed, error.ErrorId);
            Assert.True(error.LineNumber > 5);
        }
    }
}
