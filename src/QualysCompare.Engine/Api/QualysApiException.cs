using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>Qualys answered an API request with an error body (SIMPLE_RETURN), with its own CODE and TEXT.</summary>
    /// <remarks>A SIMPLE_RETURN read from a <em>file</em> is a plain <see cref="QualysReportException"/>
    /// with the same ErrorId (<see cref="ErrorIds.ApiErrorResponse"/>): the readers sit below the API client.</remarks>
    public sealed class QualysApiException : QualysReportException
    {
        /// <param name="endpoint">The URL the request went to.</param>
        /// <param name="code">Qualys's CODE, if the body had one.</param>
        /// <param name="text">Qualys's TEXT, if the body had one.</param>
        /// <param name="lead">What was being asked when Qualys answered with the error.</param>
        public QualysApiException(string? endpoint, string? code, string? text, string lead)
            : base(ErrorIds.ApiErrorResponse, ReportErrorKind.InvalidResult, endpoint, 0,
                $"{lead}: CODE {code ?? "(none)"}: {text ?? "(no text)"}")
        {
            Code = code;
            Text = text;
        }

        public string? Code { get; }
        public string? Text { get; }
    }
}
