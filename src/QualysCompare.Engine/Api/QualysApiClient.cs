using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Decoding;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Pulls detections from the Host List VM Detection API (qualys-formats.md §6) and hands them out
    /// as the same <see cref="QualysFinding"/> objects Import-QualysReport makes of the saved pages:
    /// every page is read by the Host List Detection reader itself.
    /// </summary>
    /// <remarks>
    /// Everything the caller sees (callbacks, waits, findings) happens on the thread that enumerates
    /// <see cref="GetHostDetections"/>, so a cmdlet may write from the callbacks directly.
    /// </remarks>
    public sealed class QualysApiClient : IDisposable
    {
        private const string WarningCodeTruncated = "1980";
        private static readonly Regex ApiVersionPattern = new Regex(@"^[0-9]{1,2}\.[0-9]{1,2}$", RegexOptions.CultureInvariant);

        private readonly QualysApiOptions _options;
        private readonly NetworkCredential _credential;
        private readonly Uri _endpoint;
        private readonly HttpClient _http;
        private readonly CancellationToken _token;

        /// <summary>Checks the options and prepares the connection; no request is made yet.</summary>
        /// <exception cref="InsecureApiUrlException">ApiUrl is plain http to a host other than this machine.</exception>
        /// <exception cref="QualysReportException">Another option is missing or invalid (ErrorIds ApiUrlInvalid, QualysApiParameterInvalid).</exception>
        public QualysApiClient(QualysApiOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            bool loopback;
            (_endpoint, loopback) = EndpointOf(options.ApiUrl, options.ApiVersion);
            _credential = CheckCredential(options.Credential);
            CheckParameters(options);
            _token = options.CancellationToken;

            var handler = new HttpClientHandler
            {
                // A redirect would carry the Authorization header to wherever it points, possibly over http.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                // No proxy can reach this machine's loopback; for everything else the system proxy applies.
                UseProxy = !loopback,
            };
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            var version = typeof(QualysApiClient).Assembly.GetName().Version;
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("QualysCompare", version?.ToString(3) ?? "0"));
        }

        /// <summary>The detection endpoint every page is posted to.</summary>
        public Uri Endpoint => _endpoint;

        public int PagesRead { get; private set; }

        /// <summary>Hosts handed out so far (after the tracking-method filter; each counted once).</summary>
        public int HostCount { get; private set; }

        public long FindingCount { get; private set; }

        /// <summary>Time spent waiting for rate limits, concurrency blocks and retries.</summary>
        public TimeSpan TotalWaited { get; private set; }

        /// <summary>
        /// Streams the findings, page after page, until Qualys stops linking to a next page. A page is
        /// downloaded and checked in full before any of its findings is handed out, and a host that an
        /// earlier page already held is never handed out again.
        /// </summary>
        public IEnumerable<QualysFinding> GetHostDetections()
        {
            PagesRead = 0;
            HostCount = 0;
            FindingCount = 0;
            TotalWaited = TimeSpan.Zero;
            return Pull();
        }

        private IEnumerable<QualysFinding> Pull()
        {
            if (_options.OutFolder != null) CreateOutFolder(_options.OutFolder);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? idMin = null;
            int page = 0;
            while (true)
            {
                _token.ThrowIfCancellationRequested();
                page++;
                _options.Progress?.Invoke(new QualysApiProgress(page, false, HostCount, FindingCount));
                using var download = Download(page, idMin);
                var envelope = download.Envelope;
                PagesRead = page;

                var repeated = new HashSet<string>(StringComparer.Ordinal);
                var trackingOf = new Dictionary<string, string?>(StringComparer.Ordinal);
                int kept = 0;
                foreach (var host in envelope.Hosts)
                {
                    if (seen.Contains(host.Key)) { repeated.Add(host.Key); continue; }
                    if (trackingOf.ContainsKey(host.Key)) continue;
                    trackingOf[host.Key] = host.Value;
                    if (Keeps(host.Value)) kept++;
                }
                if (repeated.Count > 0)
                    Say($"Page {page}: {repeated.Count} host(s) already came with an earlier page and are skipped (host ID {string.Join(", ", repeated.Take(5))}{(repeated.Count > 5 ? ", …" : string.Empty)}).");

                long before = FindingCount;
                foreach (var finding in ReadPage(download.Spool, repeated, trackingOf))
                {
                    FindingCount++;
                    yield return finding;
                }
                foreach (var id in trackingOf.Keys) seen.Add(id);
                HostCount += kept;

                string? next = NextIdMin(envelope, page, idMin);
                Say($"Page {page}: {envelope.Hosts.Count} host(s), {kept} kept by -TrackingMethod {_options.TrackingMethod}, {FindingCount - before} finding(s)"
                    + (next != null ? $"; the next page starts at host ID {next}." : "; it is the last page."));
                _options.Progress?.Invoke(new QualysApiProgress(page, true, HostCount, FindingCount));
                if (next == null) break;
                idMin = next;
            }
            if (_options.OutFolder != null) WarnAboutStalePages(_options.OutFolder, page);
            Say($"{PagesRead} page(s), {HostCount} host(s), {FindingCount} finding(s); waited {Seconds(TotalWaited)} s in all.");
        }

        private bool Keeps(string? trackingMethod) => _options.TrackingMethod switch
        {
            TrackingMethodFilter.Agent => Vocabulary.VantageOfTrackingMethod(trackingMethod) == Vantage.Agent,
            TrackingMethodFilter.Scanner => Vocabulary.VantageOfTrackingMethod(trackingMethod) == Vantage.Scanner,
            _ => true,
        };

        /// <summary>The page through the reader Import-QualysReport uses, so the findings are the ones
        /// importing the saved page gives.</summary>
        private IEnumerable<QualysFinding> ReadPage(PageSpool spool, HashSet<string> repeated, Dictionary<string, string?> trackingOf)
        {
            // The reader's warnings go to Verbose: for a page, the one it gives (RESPONSE/WARNING, "import
            // the other pages too") is about paging, which this client does itself.
            var importOptions = new ImportOptions { Vantage = VantageSelection.Auto, CancellationToken = _token, Output = new WarningsAsVerbose(Say) };
            using var file = new FileStream(spool.TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            using var import = ReportImport.Open(file, spool.DisplayName, importOptions);
            foreach (var finding in import.ReadFindings())
            {
                string? hostId = finding.HostId;
                if (hostId != null && repeated.Contains(hostId)) continue;
                string? method = finding.TrackingMethod;
                if (method == null && hostId != null) trackingOf.TryGetValue(hostId, out method);
                if (!Keeps(method)) continue;
                yield return finding;
            }
        }

        // ---- one page: request, waits and retries ----------------------------------------------

        private sealed class PageDownload : IDisposable
        {
            public PageDownload(PageSpool spool, PageEnvelope envelope)
            {
                Spool = spool;
                Envelope = envelope;
            }

            public PageSpool Spool { get; }
            public PageEnvelope Envelope { get; }
            public void Dispose() => Spool.Dispose();
        }

        /// <summary>Why an attempt at a page did not give a page, when another attempt may.</summary>
        private sealed class Setback
        {
            public Setback(bool limited, string reason, TimeSpan delay)
            {
                Limited = limited;
                Reason = reason;
                Delay = delay;
            }

            /// <summary>True for HTTP 409 (Qualys's rate or concurrency limit), false for a failure.</summary>
            public bool Limited { get; }
            public string Reason { get; }
            public TimeSpan Delay { get; }
        }

        private PageDownload Download(int page, string? idMin)
        {
            var form = BuildForm(idMin);
            // Readable rather than encoded: the values are plain words, numbers and a date.
            string formText = string.Join("&", form.Select(p => p.Key + "=" + p.Value));
            var spool = CreateSpool(page);
            try
            {
                int waits = 0, failures = 0;
                while (true)
                {
                    _token.ThrowIfCancellationRequested();
                    int attempt = waits + failures + 1;
                    Say($"Page {page}: POST {_endpoint} {formText}" + (attempt > 1 ? $" (attempt {attempt})" : string.Empty));
                    var clock = Stopwatch.StartNew();
                    var envelope = Attempt(form, spool, page, waits, out var setback);
                    if (envelope != null)
                    {
                        Say($"Page {page}: {spool.Length:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s.");
                        Commit(spool);
                        return new PageDownload(spool, envelope);
                    }
                    if (setback!.Limited)
                    {
                        if (++waits > _options.MaxRateLimitWaits)
                            throw new QualysReportException(ErrorIds.ApiRateLimited, ReportErrorKind.LimitsExceeded, _endpoint.ToString(), 0,
                                $"Qualys still refused page {page} after {_options.MaxRateLimitWaits} waits ({setback.Reason}). API limits are shared by every script of the subscription; try again later.");
                        Say($"{setback.Reason} — wait {waits} of {_options.MaxRateLimitWaits}");
                    }
                    else
                    {
                        if (++failures > _options.MaxRetries)
                            throw new QualysReportException(ErrorIds.ApiUnavailable, ReportErrorKind.ConnectionError, _endpoint.ToString(), 0,
                                $"page {page} failed {failures} times; the last time {setback.Reason}.");
                        var delay = Backoff(_options.RetryDelay, failures);
                        Say($"Page {page}: {setback.Reason} — retry {failures} of {_options.MaxRetries} in {Seconds(delay)} s.");
                        Pause(delay);
                        continue;
                    }
                    Pause(setback.Delay);
                }
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }

        /// <summary>One request for the page. Returns the checked page, or null with the setback that
        /// calls for another attempt; anything another attempt cannot cure is thrown.</summary>
        private PageEnvelope? Attempt(List<KeyValuePair<string, string>> form, PageSpool spool, int page, int waitsSoFar, out Setback? setback)
        {
            setback = null;
            spool.Reset();
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(_credential.UserName + ":" + _credential.Password)));
            request.Headers.TryAddWithoutValidation("X-Requested-With", _options.ClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_token);
            timeout.CancelAfter(_options.RequestTimeout);

            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!_token.IsCancellationRequested)
            {
                setback = Failure($"Qualys did not answer within {Seconds(_options.RequestTimeout)} s");
                return null;
            }
            catch (HttpRequestException e) when (FindInner<AuthenticationException>(e) is AuthenticationException tls)
            {
                // A certificate that does not validate will not validate on the next attempt either.
                throw new QualysReportException(ErrorIds.ApiUnavailable, ReportErrorKind.ConnectionError, _endpoint.ToString(), 0,
                    $"the TLS connection to {_endpoint.Host} could not be secured: {Redact(tls.Message)}", e);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                setback = Failure($"the request failed: {Redact(Describe(e))}");
                return null;
            }

            using (response)
            using (timeout.Token.Register(response.Dispose))
            {
                int status = (int)response.StatusCode;
                string statusText = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                if (!TryDownloadBody(response, spool, timeout, out string? cut))
                {
                    setback = Failure(cut!);
                    return null;
                }

                if (status == 200)
                    return CheckPage(response, spool, page, ref setback);

                var (code, text) = ReadErrorBody(spool);
                string qualysSays = code != null || text != null ? $" Qualys says: CODE {code ?? "(none)"}: {text ?? "(no text)"}." : string.Empty;
                if (status == 409 || status == 429)
                {
                    setback = LimitSetback(response, page, waitsSoFar, statusText, qualysSays);
                    return null;
                }
                if (status == 401)
                    throw new QualysApiAuthenticationException(_endpoint.ToString(), status,
                        $"Qualys refused the credential ({statusText}): check the user name and password, and that the account may use the API.{qualysSays}");
                if (status == 403)
                    throw new QualysApiAuthenticationException(_endpoint.ToString(), status,
                        $"Qualys refused access ({statusText}): the account may lack API access, or the subscription may accept API calls only from allowed addresses.{qualysSays}");
                if (status >= 500)
                {
                    setback = Failure($"Qualys answered {statusText}{qualysSays}");
                    return null;
                }
                if (status >= 300 && status < 400)
                {
                    var location = response.Headers.Location;
                    string where = location != null && location.IsAbsoluteUri ? $" to {location.GetLeftPart(UriPartial.Path)}" : string.Empty;
                    throw new QualysReportException(ErrorIds.ApiUnexpectedResponse, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                        $"Qualys answered with a redirect ({statusText}){where}, which is not followed: the credential would go with it. Pass the API server of your platform (qualysapi.…), not the web UI's address.");
                }
                if (code != null)
                    throw new QualysApiException(_endpoint.ToString(), code, text, $"Qualys refused page {page} ({statusText})");
                throw new QualysReportException(ErrorIds.ApiUnexpectedResponse, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                    $"Qualys answered page {page} with {statusText} and no Qualys error body.");
            }
        }

        /// <summary>Copies the body to the spool. False (with the reason) when the connection broke
        /// or stalled before the body was complete.</summary>
        private bool TryDownloadBody(HttpResponseMessage response, PageSpool spool, CancellationTokenSource timeout, out string? cut)
        {
            cut = null;
            var buffer = new byte[81920];
            try
            {
                using var body = response.Content.ReadAsStreamAsync().ConfigureAwait(false).GetAwaiter().GetResult();
                while (true)
                {
                    int n = body.ReadAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false).GetAwaiter().GetResult();
                    if (n == 0) break;
                    WriteSpool(spool, buffer, n);
                }
            }
            catch (SpoolWriteException e)
            {
                throw PageNotSaved(spool, e.InnerException!);
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
                cut = timeout.IsCancellationRequested
                    ? $"the answer stalled after {spool.Length:N0} bytes and {Seconds(_options.RequestTimeout)} s"
                    : $"the connection broke after {spool.Length:N0} bytes of the answer ({Redact(Describe(e))})";
                return false;
            }
            spool.Flush();
            return true;
        }

        private sealed class SpoolWriteException : Exception
        {
            public SpoolWriteException(Exception inner) : base(inner.Message, inner) { }
        }

        private static void WriteSpool(PageSpool spool, byte[] buffer, int count)
        {
            try
            {
                spool.Body.Write(buffer, 0, count);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Kept apart from network failures: a full disk is not cured by asking again.
                throw new SpoolWriteException(e);
            }
        }

        /// <summary>An HTTP 200 body: complete XML (else the transfer is retried), and a detection
        /// answer rather than an error body or a web page.</summary>
        private PageEnvelope? CheckPage(HttpResponseMessage response, PageSpool spool, int page, ref Setback? setback)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                throw new QualysReportException(ErrorIds.ApiUnexpectedResponse, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                    $"the answer to page {page} is a web page ({mediaType}), not the API's XML: pass the API server of your platform (qualysapi.…), not the web UI's address.");

            PageEnvelope envelope;
            try
            {
                envelope = PageEnvelope.Read(spool.TempPath);
            }
            catch (XmlException e)
            {
                setback = Failure($"the answer is not complete XML after {spool.Length:N0} bytes ({Redact(e.Message)}): it was cut off on the way");
                return null;
            }

            if (envelope.Root == PageEnvelope.ErrorRoot)
            {
                var (code, text) = ReadErrorBody(spool);
                throw new QualysApiException(_endpoint.ToString(), code, text, $"Qualys answered page {page} with an error (HTTP 200)");
            }
            if (envelope.Root != PageEnvelope.DetectionRoot)
                throw new QualysReportException(ErrorIds.ApiUnexpectedResponse, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                    $"Qualys answered page {page} with <{envelope.Root}> instead of <{PageEnvelope.DetectionRoot}>.");
            return envelope;
        }

        /// <summary>Qualys's CODE and TEXT when the body is a SIMPLE_RETURN; nulls for anything else.</summary>
        private (string? Code, string? Text) ReadErrorBody(PageSpool spool)
        {
            if (spool.Length == 0) return (null, null);
            PageEnvelope envelope;
            try
            {
                envelope = PageEnvelope.Read(spool.TempPath);
            }
            catch (XmlException)
            {
                return (null, null);
            }
            if (envelope.Root != PageEnvelope.ErrorRoot) return (null, null);
            var stream = new FileStream(spool.TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var error = ApiErrorReader.Read(new StreamReader(stream, Encoding.UTF8), spool.DisplayName);
            return (Redact(error.Code), Redact(error.Text));
        }

        /// <summary>HTTP 409: ToWait-Sec when Qualys gives it (rate limit); otherwise a concurrency
        /// block, whose rate headers are absent, waited out with a doubling backoff.</summary>
        private Setback LimitSetback(HttpResponseMessage response, int page, int waitsSoFar, string statusText, string qualysSays)
        {
            int? toWait = Vocabulary.ParseInt(Header(response, "X-RateLimit-ToWait-Sec"));
            if (toWait > 0)
            {
                var delay = TimeSpan.FromSeconds(toWait.Value);
                if (delay > _options.MaxSingleWait)
                    throw new QualysReportException(ErrorIds.ApiRateLimited, ReportErrorKind.LimitsExceeded, _endpoint.ToString(), 0,
                        $"the subscription's API rate limit is used up: Qualys asks to wait {toWait} s before page {page} (longer than {Seconds(_options.MaxSingleWait)} s). Try again later.{qualysSays}");
                return new Setback(true, $"Qualys asked to wait {toWait} s (rate limit)", delay);
            }

            var backoff = Backoff(_options.ConcurrencyDelay, waitsSoFar + 1);
            string? limit = Header(response, "X-Concurrency-Limit-Limit");
            string? running = Header(response, "X-Concurrency-Limit-Running");
            string why = limit != null || running != null
                ? $"concurrency limit: {running ?? "?"} of {limit ?? "?"} calls running"
                : $"{statusText} without rate-limit headers";
            return new Setback(true, $"Qualys asked to wait {Seconds(backoff)} s ({why})", backoff);
        }

        private static Setback Failure(string reason) => new Setback(false, reason, TimeSpan.Zero);

        private PageSpool CreateSpool(int page)
        {
            try
            {
                return PageSpool.Create(_options.OutFolder, page);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                string where = _options.OutFolder ?? Path.GetTempPath();
                throw new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, where, 0,
                    $"page {page} cannot be written there: {e.Message}", e);
            }
        }

        private void Commit(PageSpool spool)
        {
            try
            {
                spool.Commit();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw PageNotSaved(spool, e);
            }
        }

        private static QualysReportException PageNotSaved(PageSpool spool, Exception e) =>
            new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, spool.DisplayName, 0,
                $"the page could not be saved: {e.Message}", e);

        // ---- paging ------------------------------------------------------------------------------

        private List<KeyValuePair<string, string>> BuildForm(string? idMin)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("action", "list"),
                new KeyValuePair<string, string>("output_format", "XML"),
                new KeyValuePair<string, string>("truncation_limit", _options.TruncationLimit.ToString(CultureInfo.InvariantCulture)),
                // Information-gathered QIDs carry the scanner's authentication results (105015, 105296…).
                new KeyValuePair<string, string>("show_igs", "1"),
                new KeyValuePair<string, string>("show_results", _options.IncludeResults ? "1" : "0"),
            };
            if (_options.Status.Count > 0)
                form.Add(new KeyValuePair<string, string>("status", string.Join(",", _options.Status.Distinct().Select(StatusName))));
            if (_options.DetectionUpdatedSince is DateTime since)
                form.Add(new KeyValuePair<string, string>("detection_updated_since", ToUtc(since).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            if (idMin != null)
                form.Add(new KeyValuePair<string, string>("id_min", idMin));
            return form;
        }

        private static string StatusName(DetectionStatus status) => status switch
        {
            DetectionStatus.New => "New",
            DetectionStatus.Active => "Active",
            DetectionStatus.ReOpened => "Re-Opened",
            DetectionStatus.Fixed => "Fixed",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a detection status"),
        };

        private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

        /// <summary>
        /// The id_min of the next page, from RESPONSE/WARNING/URL, or null on the last page. Only
        /// id_min is taken from that URL: it may name another host or parameters that were never
        /// sent, and this client posts its own form, with the credential, to its own endpoint only.
        /// </summary>
        private string? NextIdMin(PageEnvelope envelope, int page, string? idMin)
        {
            if (envelope.WarningCode == null && envelope.WarningText == null && envelope.WarningUrl == null) return null;
            string warning = $"CODE {envelope.WarningCode ?? "(none)"}: {Redact(envelope.WarningText) ?? "(no text)"}";
            if (envelope.WarningUrl == null)
            {
                _options.Warning?.Invoke($"Qualys warned with page {page}: {warning}");
                return null;
            }
            string? next = QueryValue(envelope.WarningUrl.Trim(), "id_min");
            if (next == null || !long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out long nextId) || nextId <= 0)
                throw new QualysReportException(ErrorIds.ApiPagingFailed, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                    $"page {page} says more hosts follow ({warning}), but its URL names no usable id_min, so the next page cannot be asked for.");
            if (envelope.WarningCode != WarningCodeTruncated)
                Say($"Page {page}: Qualys warned {warning}; following its URL to the next page.");
            if (idMin != null && nextId <= long.Parse(idMin, CultureInfo.InvariantCulture))
                throw new QualysReportException(ErrorIds.ApiPagingFailed, ReportErrorKind.InvalidResult, _endpoint.ToString(), 0,
                    $"page {page} (id_min={idMin}) links to id_min={next}, which does not move forward: stopping rather than reading the same hosts again.");
            return next;
        }

        /// <summary>One query parameter of a URL as Qualys writes it in the WARNING (possibly with
        /// &amp;amp; left in, when the URL was escaped instead of put in CDATA).</summary>
        internal static string? QueryValue(string url, string name)
        {
            int q = url.IndexOf('?');
            if (q < 0) return null;
            string query = url.Substring(q + 1);
            int hash = query.IndexOf('#');
            if (hash >= 0) query = query.Substring(0, hash);
            query = query.Replace("&amp;", "&");
            foreach (var part in query.Split('&'))
            {
                int eq = part.IndexOf('=');
                string key = Unescape(eq < 0 ? part : part.Substring(0, eq)).Trim();
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                    return eq < 0 ? string.Empty : Unescape(part.Substring(eq + 1)).Trim();
            }
            return null;
        }

        private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

        // ---- options -----------------------------------------------------------------------------

        /// <summary>The detection endpoint for an API server URL, refusing what would expose the credential.</summary>
        internal static (Uri Endpoint, bool Loopback) EndpointOf(Uri? apiUrl, string? apiVersion)
        {
            const string Example = "https://qualysapi.qg2.apps.qualys.com";
            if (apiUrl == null)
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"no API URL was given. Pass the API server of your platform, e.g. {Example}.");
            // The URL may carry a password by mistake; it is echoed only when it cannot.
            string shown = apiUrl.OriginalString.IndexOf('@') >= 0 ? "the API URL" : $"'{apiUrl.OriginalString}'";
            if (!apiUrl.IsAbsoluteUri)
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"{shown} is not an absolute URL. Pass the API server with its scheme, e.g. {Example}.");
            if (!string.IsNullOrEmpty(apiUrl.UserInfo))
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    "the API URL carries a user name or password. Give them as the credential and the URL without them: a URL ends up in logs and history.");

            bool loopback = IsLoopback(apiUrl);
            string scheme = apiUrl.Scheme.ToLowerInvariant();
            if (scheme == "http" && !loopback)
                throw new InsecureApiUrlException(
                    $"{shown} is plain http: the user name and password would cross the network readable by anyone on the way. Use https://{apiUrl.Authority}/ (http is accepted only for this machine's loopback address).");
            if (scheme != "https" && scheme != "http")
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"{shown} is not an https URL. Pass the API server of your platform, e.g. {Example}.");
            if (!string.IsNullOrEmpty(apiUrl.Query) || !string.IsNullOrEmpty(apiUrl.Fragment))
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"{shown} has a query or fragment. Pass only the API server, e.g. {Example}: the client builds the request itself.");
            string basePath = apiUrl.AbsolutePath.TrimEnd('/');
            if (basePath.IndexOf("/api/", StringComparison.OrdinalIgnoreCase) >= 0 || basePath.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
                throw new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"{shown} already has an API path. Pass only the API server, e.g. {Example}: /api/<version>/fo/asset/host/vm/detection/ is added to it.");

            string version = apiVersion ?? string.Empty;
            if (!ApiVersionPattern.IsMatch(version))
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"'{version}' is not an API version such as 2.0 or 5.0.");
            var endpoint = new Uri($"{scheme}://{apiUrl.Authority}{basePath}/api/{version}/fo/asset/host/vm/detection/", UriKind.Absolute);
            return (endpoint, loopback);
        }

        private static bool IsLoopback(Uri url)
        {
            string host = url.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        private static NetworkCredential CheckCredential(NetworkCredential? credential)
        {
            if (credential == null || string.IsNullOrEmpty(credential.UserName) || string.IsNullOrEmpty(credential.Password))
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    "a Qualys user name and password are needed.");
            if (credential.UserName.IndexOf(':') >= 0)
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    "the user name contains ':', which HTTP Basic authentication cannot carry. Qualys user names never do: check it.");
            return credential;
        }

        private static void CheckParameters(QualysApiOptions options)
        {
            string? problem =
                options.TruncationLimit < 0 ? $"TruncationLimit {options.TruncationLimit} is negative; use 0 for no truncation or a number of hosts per page."
                : options.MaxRetries < 0 || options.MaxRateLimitWaits < 0 ? "MaxRetries and MaxRateLimitWaits cannot be negative."
                : options.RetryDelay < TimeSpan.Zero || options.ConcurrencyDelay < TimeSpan.Zero || options.MaxBackoff < TimeSpan.Zero ? "delays cannot be negative."
                : options.RequestTimeout <= TimeSpan.Zero ? "RequestTimeout must be positive."
                : string.IsNullOrWhiteSpace(options.ClientName) ? "ClientName (sent as X-Requested-With, which Qualys requires) is empty."
                : options.DetectionUpdatedSince is DateTime since && ToUtc(since) > DateTime.UtcNow
                    ? $"DetectionUpdatedSince {ToUtc(since):yyyy-MM-dd HH:mm:ss} UTC is in the future: no detection can have been updated since then."
                : null;
            if (problem != null)
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0, problem);
        }

        private static void CreateOutFolder(string folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                throw new QualysReportException(ErrorIds.ApiPageNotSaved, ReportErrorKind.WriteError, folder, 0,
                    $"the folder for the pages cannot be created: {e.Message}", e);
            }
        }

        /// <summary>Pages of an earlier, longer pull left in the folder would be taken for part of this one.</summary>
        private void WarnAboutStalePages(string folder, int lastPage)
        {
            var stale = new List<string>();
            foreach (var file in Directory.EnumerateFiles(folder, "page-*.xml"))
            {
                string name = Path.GetFileName(file);
                if (name.Length == 13 && int.TryParse(name.Substring(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > lastPage)
                    stale.Add(name);
            }
            if (stale.Count == 0) return;
            stale.Sort(StringComparer.Ordinal);
            _options.Warning?.Invoke($"{folder} still holds {stale.Count} page file(s) from an earlier pull ({stale[0]}{(stale.Count > 1 ? " … " + stale[stale.Count - 1] : string.Empty)}); this pull wrote {PageSpool.PageFileName(1)} to {PageSpool.PageFileName(lastPage)}. Remove the others before importing the folder.");
        }

        // ---- small helpers -----------------------------------------------------------------------

        private TimeSpan Backoff(TimeSpan first, int attempt)
        {
            double factor = Math.Pow(2, Math.Max(0, attempt - 1));
            double ticks = Math.Min(first.Ticks * factor, _options.MaxBackoff.Ticks);
            return TimeSpan.FromTicks((long)ticks);
        }

        private void Pause(TimeSpan delay)
        {
            TotalWaited += delay;
            if (_options.Wait != null) _options.Wait(delay, _token);
            else _token.WaitHandle.WaitOne(delay);
            _token.ThrowIfCancellationRequested();
        }

        private void Say(string message) => _options.Verbose?.Invoke(Redact(message)!);

        private sealed class WarningsAsVerbose : Output.IEngineOutput
        {
            private readonly Action<string> _say;
            public WarningsAsVerbose(Action<string> say) => _say = say;
            public void WriteVerbose(string message) => _say(message);
            public void WriteWarning(string message) => _say(message);
            public void WriteError(Exception error, string target) => _say($"{target}: {error.Message}");
            public void WriteProgress(Output.EngineProgress progress) { }
        }

        /// <summary>Text that came from the server or the network stack, with the password cut out
        /// should it ever be echoed.</summary>
        private string? Redact(string? text)
        {
            if (text == null) return null;
            string password = _credential.Password;
            return password.Length == 0 ? text : text.Replace(password, "********");
        }

        private static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                return values.FirstOrDefault()?.Trim();
            return null;
        }

        private static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var current = e; current != null && parts.Count < 3; current = current.InnerException)
                if (parts.Count == 0 || !parts[parts.Count - 1].Contains(current.Message)) parts.Add(current.Message);
            return string.Join(": ", parts);
        }

        private static T? FindInner<T>(Exception e) where T : Exception
        {
            for (var current = e.InnerException; current != null; current = current.InnerException)
                if (current is T found) return found;
            return null;
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);

        public void Dispose() => _http.Dispose();
    }
}
