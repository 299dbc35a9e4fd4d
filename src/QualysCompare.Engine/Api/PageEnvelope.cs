using System.Collections.Generic;
using System.IO;
using System.Xml;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// What the client itself needs from one downloaded page, read in a pass of its own before any
    /// finding is handed out: that the XML is complete (a body cut short is retried, not half-used),
    /// which root came back (an error body can arrive with HTTP 200), the hosts it holds (so none is
    /// handed out twice), and the WARNING that links to the next page.
    /// </summary>
    internal sealed class PageEnvelope
    {
        public const string DetectionRoot = "HOST_LIST_VM_DETECTION_OUTPUT";
        public const string KnowledgeBaseRoot = "KNOWLEDGE_BASE_VULN_LIST_OUTPUT";
        public const string ErrorRoot = "SIMPLE_RETURN";

        public string? Root { get; private set; }

        /// <summary>Host ID → TRACKING_METHOD, in page order.</summary>
        public List<KeyValuePair<string, string?>> Hosts { get; } = new List<KeyValuePair<string, string?>>();

        public string? WarningCode { get; private set; }
        public string? WarningText { get; private set; }
        public string? WarningUrl { get; private set; }

        /// <summary>Reads the page; throws <see cref="XmlException"/> when it is not complete, well-formed XML.</summary>
        /// <param name="file">The downloaded body.</param>
        /// <param name="expectedRoot">The root of the answer asked for; any other root is only named.</param>
        public static PageEnvelope Read(string file, string expectedRoot = DetectionRoot)
        {
            var envelope = new PageEnvelope();
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            using var reader = XmlReader.Create(stream, XmlSafety.ReaderSettings());
            var names = new string[XmlSafety.MaxDepth + 1];
            string? hostId = null, hostTracking = null;
            bool inHost = false;

            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 3 && inHost && reader.LocalName == "HOST")
                {
                    if (hostId != null) envelope.Hosts.Add(new KeyValuePair<string, string?>(hostId, hostTracking));
                    inHost = false;
                }
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                int depth = reader.Depth;
                if (depth > XmlSafety.MaxDepth)
                    throw new XmlException("the XML nests deeper than any Qualys answer.");
                string name = reader.LocalName;
                names[depth] = name;
                if (depth == 0)
                {
                    envelope.Root = name;
                    // An error body is read by ApiErrorReader; nothing else here applies to it.
                    if (name != expectedRoot) return envelope;
                }
                else if (depth == 3 && name == "HOST" && names[2] == "HOST_LIST")
                {
                    inHost = !reader.IsEmptyElement;
                    hostId = null;
                    hostTracking = null;
                }
                else if (depth == 4 && inHost && (name == "ID" || name == "TRACKING_METHOD"))
                {
                    var value = Vocabulary.Clean(reader.ReadElementContentAsString());
                    if (name == "ID") hostId = value; else hostTracking = value;
                    continue;
                }
                else if (depth == 3 && names[2] == "WARNING" && names[1] == "RESPONSE")
                {
                    var value = Vocabulary.Clean(reader.ReadElementContentAsString());
                    if (name == "CODE") envelope.WarningCode = value;
                    else if (name == "TEXT") envelope.WarningText = value;
                    else if (name == "URL") envelope.WarningUrl = value;
                    continue;
                }
                reader.Read();
            }
            return envelope;
        }
    }
}
