using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Text;

namespace QualysCompare.Engine.Readers
{
    /// <summary>A Qualys API error (SIMPLE_RETURN), with Qualys's own CODE and TEXT.</summary>
    public sealed class QualysApiException : QualysReportException
    {
        public QualysApiException(string? path, string? code, string? text)
            : base(ErrorIds.ApiErrorResponse, ReportErrorKind.InvalidResult, path, 0,
                $"this is a Qualys API error response, not a report: CODE {code ?? "(none)"}: {text ?? "(no text)"}")
        {
            Code = code;
            Text = text;
        }

        /// <summary>For an error body that arrived over the wire: <paramref name="lead"/> says what was
        /// being asked when Qualys answered with it.</summary>
        internal QualysApiException(string? path, string? code, string? text, string lead)
            : base(ErrorIds.ApiErrorResponse, ReportErrorKind.InvalidResult, path, 0,
                $"{lead}: CODE {code ?? "(none)"}: {text ?? "(no text)"}")
        {
            Code = code;
            Text = text;
        }

        public string? Code { get; }
        public string? Text { get; }
    }

    /// <summary>Reads SIMPLE_RETURN/RESPONSE/{CODE,TEXT}. Qualys sends it with HTTP 400 and, for
    /// some account errors, with HTTP 200, so the body decides, not the status.</summary>
    internal static class ApiErrorReader
    {
        public static QualysApiException Read(System.IO.TextReader text, string? path)
        {
            string? code = null, message = null;
            using (var reader = XmlReader.Create(text, XmlSafety.ReaderSettings()))
            {
                try
                {
                    while (!reader.EOF)
                    {
                        // ReadElementContentAsString already moves to the next node (with whitespace
                        // ignored, TEXT right after CODE), so only other nodes advance the reader here.
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "CODE") code = Vocabulary.Clean(reader.ReadElementContentAsString());
                        else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "TEXT") message = Vocabulary.Clean(reader.ReadElementContentAsString());
                        else reader.Read();
                    }
                }
                catch (XmlException)
                {
                    // A damaged error body still is an error body; report what was read.
                }
            }
            return new QualysApiException(path, code, message);
        }
    }
}
