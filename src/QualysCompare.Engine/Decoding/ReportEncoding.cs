namespace QualysCompare.Engine.Decoding
{
    /// <summary>The text encoding a report was found to be written in.</summary>
    public enum ReportEncoding
    {
        Utf8,
        Utf8WithBom,
        Utf16LittleEndian,
        Utf16BigEndian,
        Utf32LittleEndian,
        Utf32BigEndian,
        Windows1252,
    }
}
