using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>The API URL would send the credential in clear text: plain http to a host that is not
    /// this machine. Raised before any request is made.</summary>
    public sealed class InsecureApiUrlException : QualysReportException
    {
        public InsecureApiUrlException(string message)
            : base(ErrorIds.ApiUrlNotHttps, ReportErrorKind.InvalidArgument, null, 0, message)
        {
        }
    }

    /// <summary>Qualys refused the credential or the account's access (HTTP 401 or 403).</summary>
    public sealed class QualysApiAuthenticationException : QualysReportException
    {
        public QualysApiAuthenticationException(string? endpoint, int statusCode, string message)
            : base(ErrorIds.ApiAuthenticationFailed, ReportErrorKind.AuthenticationError, endpoint, 0, message)
        {
            StatusCode = statusCode;
        }

        public int StatusCode { get; }
    }
}
