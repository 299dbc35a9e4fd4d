using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Readers
{
    /// <summary>Qualys's CODE and TEXT from a SIMPLE_RETURN body; either may be missing.</summary>
    internal sealed class ApiErrorBody
    {
        public ApiErrorBody(string? code, string? text)
        {
            Code = code;
            Text = text;
        }

        public string? Code { get; }
        public string? Text { get; }

        /// <summary>The error for a file that holds this body instead of a report.</summary>
        public QualysReportException NotAReport(string? path) =>
            new QualysReportException(ErrorIds.ApiErrorResponse, ReportErrorKind.InvalidResult, path, 0,
                $"this is a Qualys API error response, not a report: CODE {Code ?? "(none)"}: {Text ?? "(no text)"}");
    }

    /// <summary>Reads SIMPLE_RETURN/RESPONSE/{CODE,TEXT}. Qualys sends it with HTTP 400 and, for
    /// some account errors, with HTTP 200, so the body decides, not the status.</summary>
    internal static class ApiErrorReader
    {
        public static ApiErrorBody Read(System.IO.TextReader text, string? path)
        {
            string? code = null, message = null;
            using (var reader = XmlReader.Create(text, XmlSafety.ReaderSettings()))
            {
                // Through the walker, so an endless TEXT or endless nesting is refused like in a report.
                var xml = new XmlWalker(reader, path ?? string.Empty);
                try
                {
                    if (xml.MoveToRoot()) Find(xml, ref code, ref message);
                }
                catch (XmlException)
                {
                    // A damaged error body still is an error body; report what was read.
                }
                catch (QualysReportException e) when (e.ErrorId == ErrorIds.Truncated)
                {
                    // So is one cut off.
                }
            }
            return new ApiErrorBody(code, message);
        }

        /// <summary>CODE and TEXT wherever they are below the current element.</summary>
        private static void Find(XmlWalker xml, ref string? code, ref string? message)
        {
            foreach (var name in xml.Children())
            {
                if (name == "CODE") code = Vocabulary.Clean(xml.Text());
                else if (name == "TEXT") message = Vocabulary.Clean(xml.Text());
                else Find(xml, ref code, ref message);
            }
        }
    }
}
