using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Decoding;

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
            return new QualysApiException(path, code, message);
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
