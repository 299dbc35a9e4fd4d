using System;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// The Qualys user name and password. They leave this class only as the Authorization header of
    /// a request over https (or loopback http); everything the client says or throws that could echo
    /// them passes through <see cref="Redactor"/>.
    /// </summary>
    internal sealed class ApiCredential
    {
        private readonly NetworkCredential _credential;

        private ApiCredential(NetworkCredential credential)
        {
            _credential = credential;
            Redactor = new Redactor(credential.Password);
        }

        /// <summary>Cuts the password out of text that came from the server or the network stack.</summary>
        public Redactor Redactor { get; }

        /// <exception cref="QualysReportException">QualysApiParameterInvalid: no usable user name and password.</exception>
        public static ApiCredential Check(NetworkCredential? credential)
        {
            if (credential == null || string.IsNullOrEmpty(credential.UserName) || string.IsNullOrEmpty(credential.Password))
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    "a Qualys user name and password are needed.");
            if (credential.UserName.IndexOf(':') >= 0)
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    "the user name contains ':', which HTTP Basic authentication cannot carry. Qualys user names never do: check it.");
            return new ApiCredential(credential);
        }

        /// <summary>HTTP Basic, built for each request so the token is not kept around.</summary>
        public AuthenticationHeaderValue Authorization() =>
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_credential.UserName + ":" + _credential.Password)));
    }
}
