using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;
using static QualysCompare.Engine.Api.ApiText;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// What a complete answer means: a page, a setback another attempt may cure (HTTP 409, 5xx, a
    /// body cut off on the way), or an error that ends the pull (a refused credential, a Qualys
    /// error body, a redirect, a web page). Text from the server is redacted before it is used.
    /// </summary>
    internal sealed class ResponseCheck
    {
        private readonly string _target;
        private readonly Redactor _redactor;
        private readonly string _expectedRoot;

        /// <param name="target">The endpoint, named by the errors.</param>
        /// <param name="redactor">Cuts the password out of the server's text.</param>
        /// <param name="expectedRoot">The root element of the answer the endpoint gives.</param>
        public ResponseCheck(string target, Redactor redactor, string expectedRoot = PageEnvelope.DetectionRoot)
        {
            _target = target;
            _redactor = redactor;
            _expectedRoot = expectedRoot;
        }

        /// <summary>The checked page, or null with the setback; throws what another attempt cannot cure.</summary>
        public PageEnvelope? Check(HttpResponseMessage response, PageSpool spool, int page, out Setback? setback)
        {
            setback = null;
            int status = (int)response.StatusCode;
            string statusText = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            if (status == 200)
                return CheckPage(response, spool, page, out setback);

            var (code, text) = ReadErrorBody(spool);
            string qualysSays = code != null || text != null ? $" Qualys says: CODE {code ?? "(none)"}: {text ?? "(no text)"}." : string.Empty;
            if (status == 409 || status == 429)
            {
                setback = LimitSetback(response, statusText, qualysSays);
                return null;
            }
            if (status == 401)
                throw new QualysApiAuthenticationException(_target, status,
                    $"Qualys refused the credential ({statusText}): check the user name and password, and that the account may use the API.{qualysSays}");
            if (status == 403)
                throw new QualysApiAuthenticationException(_target, status,
                    $"Qualys refused access ({statusText}): the account may lack API access, or the subscription may accept API calls only from allowed addresses.{qualysSays}");
            if (status >= 500)
            {
                setback = Setback.Failure(SetbackKind.ServerError, $"Qualys answered {statusText}{qualysSays}");
                return null;
            }
            if (status >= 300 && status < 400)
            {
                var location = response.Headers.Location;
                string where = location != null && location.IsAbsoluteUri ? $" to {location.GetLeftPart(UriPartial.Path)}" : string.Empty;
                throw Unexpected($"Qualys answered with a redirect ({statusText}){where}, which is not followed: the credential would go with it. Pass the API server of your platform (qualysapi.…), not the web UI's address.");
            }
            if (code != null)
                throw new QualysApiException(_target, code, text, $"Qualys refused page {page} ({statusText})");
            throw Unexpected($"Qualys answered page {page} with {statusText} and no Qualys error body.");
        }

        /// <summary>An HTTP 200 body: complete XML (else the transfer is retried), and the answer
        /// asked for rather than an error body or a web page.</summary>
        private PageEnvelope? CheckPage(HttpResponseMessage response, PageSpool spool, int page, out Setback? setback)
        {
            setback = null;
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                throw Unexpected($"the answer to page {page} is a web page ({mediaType}), not the API's XML: pass the API server of your platform (qualysapi.…), not the web UI's address.");

            PageEnvelope envelope;
            try
            {
                envelope = PageEnvelope.Read(spool.TempPath, _expectedRoot);
            }
            catch (XmlException e)
            {
                setback = Setback.Failure(SetbackKind.BodyCut,
                    $"the answer is not complete XML after {spool.Length:N0} bytes ({_redactor.Redact(e.Message)}): it was cut off on the way");
                return null;
            }

            if (envelope.Root == PageEnvelope.ErrorRoot)
            {
                var (code, text) = ReadErrorBody(spool);
                throw new QualysApiException(_target, code, text, $"Qualys answered page {page} with an error (HTTP 200)");
            }
            if (envelope.Root != _expectedRoot)
                throw Unexpected($"Qualys answered page {page} with <{envelope.Root}> instead of <{_expectedRoot}>.");
            return envelope;
        }

        /// <summary>Qualys's CODE and TEXT when the body is a SIMPLE_RETURN; nulls for anything else.</summary>
        private (string? Code, string? Text) ReadErrorBody(PageSpool spool)
        {
            if (spool.Length == 0) return (null, null);
            PageEnvelope envelope;
            try
            {
                envelope = PageEnvelope.Read(spool.TempPath, _expectedRoot);
            }
            catch (XmlException)
            {
                return (null, null);
            }
            if (envelope.Root != PageEnvelope.ErrorRoot) return (null, null);
            using var body = new StreamReader(new FileStream(spool.TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
            var error = ApiErrorReader.Read(body, spool.DisplayName);
            return (_redactor.Redact(error.Code), _redactor.Redact(error.Text));
        }

        /// <summary>HTTP 409: ToWait-Sec when Qualys gives it (rate limit); otherwise a concurrency
        /// block, whose rate headers are absent.</summary>
        private static Setback LimitSetback(HttpResponseMessage response, string statusText, string qualysSays)
        {
            int? toWait = Vocabulary.ParseInt(Header(response, "X-RateLimit-ToWait-Sec"));
            string? limit = Header(response, "X-Concurrency-Limit-Limit");
            string? running = Header(response, "X-Concurrency-Limit-Running");
            string why = limit != null || running != null
                ? $"concurrency limit: {running ?? "?"} of {limit ?? "?"} calls running"
                : $"{statusText} without rate-limit headers";
            return Setback.Limit(toWait, why, qualysSays);
        }

        private QualysReportException Unexpected(string message) =>
            new QualysReportException(ErrorIds.ApiUnexpectedResponse, ReportErrorKind.InvalidResult, _target, 0, message);
    }
}
