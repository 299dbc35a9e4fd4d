using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Threading;
using QualysCompare.Engine.Model;
using static QualysCompare.Engine.Api.ApiText;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// One HTTP attempt at one page: the POST with the credential in its Authorization header only,
    /// the body copied in full to the page's spool, and the answer handed to <see cref="ResponseCheck"/>.
    /// Redirects are never followed (they would carry the credential along), and the whole attempt,
    /// headers and body, has RequestTimeout.
    /// </summary>
    internal sealed class PageTransfer : IDisposable
    {
        private readonly Uri _endpoint;
        private readonly ApiCredential _credential;
        private readonly Redactor _redactor;
        private readonly string _clientName;
        private readonly TimeSpan _requestTimeout;
        private readonly CancellationToken _token;
        private readonly ResponseCheck _check;
        private readonly HttpClient _http;

        /// <param name="endpoint">Where every attempt is posted.</param>
        /// <param name="credential">Sent in the Authorization header only.</param>
        /// <param name="options">The client name, the timeout and the cancellation.</param>
        /// <param name="expectedRoot">The root element of the endpoint's answer.</param>
        public PageTransfer(ApiEndpoint endpoint, ApiCredential credential, QualysApiOptions options, string expectedRoot = PageEnvelope.DetectionRoot)
        {
            _endpoint = endpoint.Uri;
            _credential = credential;
            _redactor = credential.Redactor;
            _clientName = options.ClientName;
            _requestTimeout = options.RequestTimeout;
            _token = options.CancellationToken;
            _check = new ResponseCheck(_endpoint.ToString(), _redactor, expectedRoot);

            var handler = new HttpClientHandler
            {
                // A redirect would carry the Authorization header to wherever it points, possibly over http.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                // No proxy can reach this machine's loopback; for everything else the system proxy applies.
                UseProxy = !endpoint.IsLoopback,
            };
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            var version = typeof(QualysApiClient).Assembly.GetName().Version;
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("QualysCompare", version?.ToString(3) ?? "0"));
        }

        /// <summary>One request for the page. Returns the checked page, or null with the setback that
        /// calls for another attempt; anything another attempt cannot cure is thrown.</summary>
        public PageEnvelope? Attempt(IEnumerable<KeyValuePair<string, string>> form, PageSpool spool, int page, out Setback? setback)
        {
            setback = null;
            spool.Reset();
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = _credential.Authorization();
            request.Headers.TryAddWithoutValidation("X-Requested-With", _clientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_token);
            timeout.CancelAfter(_requestTimeout);

            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!_token.IsCancellationRequested)
            {
                setback = Setback.Failure(SetbackKind.TimedOut, $"Qualys did not answer within {Seconds(_requestTimeout)} s");
                return null;
            }
            catch (HttpRequestException e) when (FindInner<AuthenticationException>(e) is AuthenticationException tls)
            {
                // A certificate that does not validate will not validate on the next attempt either.
                throw new QualysReportException(ErrorIds.ApiUnavailable, ReportErrorKind.ConnectionError, _endpoint.ToString(), 0,
                    $"the TLS connection to {_endpoint.Host} could not be secured: {_redactor.Redact(tls.Message)}", e);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                setback = Setback.Failure(SetbackKind.ConnectionDropped, $"the request failed: {_redactor.Redact(Describe(e))}");
                return null;
            }

            using (response)
            using (timeout.Token.Register(response.Dispose))
            {
                setback = DownloadBody(response, spool, timeout);
                if (setback != null) return null;
                return _check.Check(response, spool, page, out setback);
            }
        }

        /// <summary>Copies the body to the spool. A setback when the connection broke or stalled
        /// before the body was complete.</summary>
        private Setback? DownloadBody(HttpResponseMessage response, PageSpool spool, CancellationTokenSource timeout)
        {
            var buffer = new byte[81920];
            try
            {
                using var body = response.Content.ReadAsStreamAsync().ConfigureAwait(false).GetAwaiter().GetResult();
                while (true)
                {
                    int n = body.ReadAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false).GetAwaiter().GetResult();
                    if (n == 0) break;
                    PageSaver.Write(spool, buffer, n);
                }
            }
            catch (QualysReportException)
            {
                // The page could not be written (PageSaver.Write): not a network fault.
                throw;
            }
            catch (Exception e) when (_token.IsCancellationRequested && !(e is OperationCanceledException))
            {
                // Stopping disposes the response under the read; that is a cancellation, not a network fault.
                throw new OperationCanceledException(_token);
            }
            catch (Exception e) when (!_token.IsCancellationRequested
                && (e is IOException || e is HttpRequestException || e is ObjectDisposedException || e is OperationCanceledException
                    // A gzip body cut short can fail in the decompressor rather than in the socket
                    // (.NET Framework); newer runtimes end it quietly and the XML check catches it.
                    || e is InvalidDataException))
            {
                return timeout.IsCancellationRequested
                    ? Setback.Failure(SetbackKind.TimedOut, $"the answer stalled after {spool.Length:N0} bytes and {Seconds(_requestTimeout)} s")
                    : Setback.Failure(SetbackKind.ConnectionDropped, $"the connection broke after {spool.Length:N0} bytes of the answer ({_redactor.Redact(Describe(e))})");
            }
            spool.Flush();
            return null;
        }

        public void Dispose() => _http.Dispose();
    }
}
