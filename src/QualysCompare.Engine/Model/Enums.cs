namespace QualysCompare.Engine.Model
{
    /// <summary>The point of view a finding was seen from.</summary>
    public enum Vantage
    {
        Scanner,
        Agent,
    }

    /// <summary>What Import-QualysReport should take as the vantage point of every host in a file.</summary>
    public enum VantageSelection
    {
        Auto,
        Scanner,
        Agent,
    }

    /// <summary>Qualys's three kinds of finding, whatever a format calls them.</summary>
    public enum FindingType
    {
        Confirmed,
        Potential,
        Information,
    }

    /// <summary>The lifecycle state of a detection, in the formats that track one.</summary>
    public enum DetectionStatus
    {
        New,
        Active,
        ReOpened,
        Fixed,
    }

    /// <summary>Every Qualys file shape the importer recognises.</summary>
    public enum ReportFormat
    {
        Unknown,
        ScanResultsCsv,
        ScanResultsJson,
        ScanXml,
        AssetDataReportXml,
        HostFindingsCsv,
        HostDetectionXml,
        VmdrCsv,
        KnowledgeBaseXml,
        HostAssetXml,
        ApiErrorXml,
        WebApplicationScan,
        PciScanCsv,
    }
}
