using System.Xml;

namespace QualysCompare.Engine.Readers
{
    /// <summary>
    /// One place for the XML reader settings. Real Qualys XML names an https DTD that must never be
    /// fetched (offline use, XXE): the DTD is skipped, no resolver exists, and entity expansion is
    /// capped. Control characters Qualys copies from banners are tolerated rather than fatal.
    /// </summary>
    internal static class XmlSafety
    {
        public const int MaxDepth = 64;

        public static XmlReaderSettings ReaderSettings() => new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 1024 * 1024,
            CloseInput = true,
        };
    }
}
