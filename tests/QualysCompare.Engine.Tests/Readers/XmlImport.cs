using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;

namespace QualysCompare.Engine.Tests.Readers
{
    /// <summary>Runs a whole import (sniffing included) over a sample file or an XML text, and
    /// keeps what the import reported besides the findings.</summary>
    internal sealed class XmlImport
    {
        private XmlImport(List<QualysFinding> findings, int hosts, long counted, ReportFormat format, List<string> warnings)
        {
            Findings = findings;
            Hosts = hosts;
            Counted = counted;
            Format = format;
            Warnings = warnings;
        }

        public List<QualysFinding> Findings { get; }
        public int Hosts { get; }
        public long Counted { get; }
        public ReportFormat Format { get; }
        public List<string> Warnings { get; }

        public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "samples", name);

        public static XmlImport Sample(string name, VantageSelection vantage = VantageSelection.Auto) =>
            Run(File.ReadAllBytes(SamplePath(name)), name, vantage);

        public static XmlImport Text(string xml, VantageSelection vantage = VantageSelection.Auto) =>
            Run(Encoding.UTF8.GetBytes(xml), "crafted.xml", vantage);

        public static QualysReportException Failure(byte[] bytes)
        {
            try
            {
                Run(bytes, "damaged.xml", VantageSelection.Auto);
            }
            catch (QualysReportException e)
            {
                return e;
            }
            throw new Xunit.Sdk.XunitException("the import succeeded; a QualysReportException was expected");
        }

        public static QualysReportException Failure(string xml) => Failure(Encoding.UTF8.GetBytes(xml));

        private static XmlImport Run(byte[] bytes, string name, VantageSelection vantage)
        {
            var warnings = new List<string>();
            using var stream = new MemoryStream(bytes, writable: false);
            using var import = ReportImport.Open(stream, name, new ImportOptions { Vantage = vantage, Output = new RecordedOutput(warnings) });
            var findings = import.ReadFindings().ToList();
            return new XmlImport(findings, import.HostCount, import.FindingCount, import.Format, warnings);
        }
    }
}
