using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Readers;
using QualysCompare.Testing;
using Xunit;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>
    /// The Host List Detection pull against a real HTTP server on 127.0.0.1 (FakeQualysServer):
    /// paging, Qualys's 409 limits, retries, error bodies and broken connections. Waits go through
    /// the client's internal wait, which records them instead of sleeping.
    /// </summary>
    public sealed class QualysApiClientTests : IDisposable
    {
        private const string UserName = "qcomp_as7";
        private const string Password = "S3cr3t-P@ss!";
        private const string DetectionPath = "/api/2.0/fo/asset/host/vm/detection/";

        private readonly RecordedOutput _output = new RecordedOutput();
        private readonly List<TimeSpan> _waits = new List<TimeSpan>();
        private readonly List<string> _folders = new List<string>();
        private FakeQualysServer? _server;
        private Action<TimeSpan, CancellationToken>? _wait;

        public QualysApiClientTests()
        {
            _wait = (delay, token) => _waits.Add(delay);
        }

        private List<string> _log => _output.Verbose;
        private List<string> _warnings => _output.Warnings;

        private static readonly int TotalDetections = HostDetectionPages.Hosts.Sum(h => h.Detections.Count);

        public void Dispose()
        {
            _server?.Dispose();
            foreach (var folder in _folders)
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }

        private FakeQualysServer Serve(Func<RecordedRequest, ScriptedResponse> respond) => _server = new FakeQualysServer(respond);

        private static ScriptedResponse PageFor(RecordedRequest request) => ServerScenarios.ThreePages(request);

        private QualysApiOptions Options(Uri apiUrl) => new QualysApiOptions
        {
            ApiUrl = apiUrl,
            Credential = new NetworkCredential(UserName, Password),
            Output = _output,
            // Only stops a hang: the fake server answers at once, however loaded the machine.
            RequestTimeout = TimeSpan.FromMinutes(2),
        };

        /// <summary>A client that waits through <see cref="_wait"/>.</summary>
        private QualysApiClient Client(QualysApiOptions options) => new QualysApiClient(options, _wait);

        private List<QualysFinding> Pull(QualysApiOptions options)
        {
            using var client = Client(options);
            return client.GetHostDetections().ToList();
        }

        private TException PullFails<TException>(QualysApiOptions options) where TException : Exception
        {
            using var client = Client(options);
            var e = Assert.ThrowsAny<TException>(() => client.GetHostDetections().ToList());
            AssertNoSecret(e.ToString());
            return e;
        }

        private string NewFolder()
        {
            var folder = Path.Combine(Path.GetTempPath(), "qc-api-" + Guid.NewGuid().ToString("N"));
            _folders.Add(folder);
            return folder;
        }

        private static void AssertNoSecret(string text)
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)), text, StringComparison.Ordinal);
        }

        /// <summary>Neither the password nor the Basic token in any message, warning or finding.</summary>
        private void AssertCredentialKept(IEnumerable<QualysFinding> findings)
        {
            foreach (var line in _log.Concat(_warnings)) AssertNoSecret(line);
            foreach (var finding in findings)
                foreach (var property in typeof(QualysFinding).GetProperties())
                    AssertNoSecret(Convert.ToString(property.GetValue(finding)) ?? string.Empty);
            Assert.DoesNotContain(_log, l => l.Contains(UserName));
        }

        private static void AssertEveryHostOnce(List<QualysFinding> findings)
        {
            Assert.Equal(TotalDetections, findings.Count);
            foreach (var host in HostDetectionPages.Hosts)
            {
                var ofHost = findings.Where(f => f.HostId == host.Id.ToString()).ToList();
                Assert.Equal(host.Detections.Select(d => d.Qid), ofHost.Select(f => f.QID));
            }
        }

        [Fact]
        public void FollowsTheWarningUrlsAndYieldsEveryHostExactlyOnce()
        {
            var server = Serve(PageFor);

            var findings = Pull(Options(server.BaseUrl));

            AssertEveryHostOnce(findings);
            var requests = server.Requests;
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r => Assert.Equal("POST", r.Method));
            Assert.All(requests, r => Assert.Equal(DetectionPath, r.Target));
            Assert.Equal(new string?[] { null, "1004", "1006" }, requests.Select(r => r.Field("id_min")));
            // Only id_min is taken from the WARNING URL; its other parameters are never sent.
            Assert.All(requests, r => Assert.Null(r.Field("show_tags")));
            Assert.Contains(_log, l => l.Contains("1 host(s) already came with an earlier page") && l.Contains("1006"));
            Assert.Empty(_waits);
            Assert.Empty(server.Faults);
            AssertCredentialKept(findings);
        }

        [Fact]
        public void ReportsProgressBeforeAndAfterEachPage()
        {
            var server = Serve(PageFor);
            var options = Options(server.BaseUrl);
            options.TrackingMethod = TrackingMethodFilter.Agent;

            Pull(options);

            Assert.Equal(
                new[]
                {
                    // Agent hosts: 1002 (2 detections) on page 1, 1004 (3) on page 2, 1007 (1) on page 3.
                    "Requesting page 1 (0 hosts, 0 findings so far)",
                    "Page 1 read: 1 hosts, 2 findings so far",
                    "Requesting page 2 (1 hosts, 2 findings so far)",
                    "Page 2 read: 2 hosts, 5 findings so far",
                    "Requesting page 3 (2 hosts, 5 findings so far)",
                    "Page 3 read: 3 hosts, 6 findings so far",
                },
                _output.Progress.Select(p => p.Status));
            Assert.All(_output.Progress, p => Assert.False(p.Completed));
            Assert.All(_output.Progress, p => Assert.Equal(-1, p.PercentComplete));
        }

        [Fact]
        public void SendsTheDocumentedRequestWithBasicAuthenticationInTheHeaderOnly()
        {
            var server = Serve(PageFor);

            Pull(Options(server.BaseUrl));

            var first = server.Requests[0];
            Assert.Equal("QualysCompare", first.Header("X-Requested-With"));
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)), first.Header("Authorization"));
            Assert.StartsWith("application/x-www-form-urlencoded", first.Header("Content-Type"));
            Assert.Equal(
                new[] { "action=list", "output_format=XML", "truncation_limit=1000", "show_igs=1", "show_results=0" },
                first.Form.Select(f => f.Key + "=" + f.Value));
            Assert.DoesNotContain(UserName, first.Target);
            Assert.DoesNotContain(Password, first.Body);
            Assert.DoesNotContain(UserName, first.Body);
            AssertCredentialKept(Array.Empty<QualysFinding>());
        }

        [Fact]
        public void SendsTheFiltersAsQualysSpellsThem()
        {
            var server = Serve(PageFor);
            var options = Options(server.BaseUrl);
            options.Status = new[] { DetectionStatus.New, DetectionStatus.ReOpened, DetectionStatus.Fixed, DetectionStatus.New };
            options.DetectionUpdatedSince = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            options.IncludeResults = true;
            options.TruncationLimit = 250;
            options.ApiVersion = "5.0";

            Pull(options);

            var first = server.Requests[0];
            Assert.Equal("/api/5.0/fo/asset/host/vm/detection/", first.Target);
            Assert.Equal("New,Re-Opened,Fixed", first.Field("status"));
            Assert.Equal("2024-01-02T03:04:05Z", first.Field("detection_updated_since"));
            Assert.Equal("1", first.Field("show_results"));
            Assert.Equal("250", first.Field("truncation_limit"));
            Assert.Equal("1", first.Field("show_igs"));
            Assert.All(server.Requests, r => Assert.Equal("New,Re-Opened,Fixed", r.Field("status")));
        }

        [Fact]
        public void WaitsAsLongAsQualysSaysOnA409WithToWait()
        {
            int calls = 0;
            var server = Serve(r => Interlocked.Increment(ref calls) == 1
                ? ScriptedResponse.Xml(HostDetectionPages.Error("1960", "This API cannot be run again for another 2 seconds."), 409, "Conflict")
                    .With("x-ratelimit-limit", "300").With("x-ratelimit-window-sec", "3600").With("x-ratelimit-remaining", "0")
                    .With("x-ratelimit-towait-sec", "2").With("x-concurrency-limit-limit", "2").With("x-concurrency-limit-running", "0")
                : PageFor(r));
            var options = Options(server.BaseUrl);
            using var client = Client(options);

            var findings = client.GetHostDetections().ToList();

            AssertEveryHostOnce(findings);
            Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, _waits);
            Assert.Equal(TimeSpan.FromSeconds(2), client.TotalWaited);
            Assert.Contains("Qualys asked to wait 2 s (rate limit) — wait 1 of 5", _log);
            Assert.Equal(4, server.Requests.Count);
            Assert.Null(server.Requests[1].Field("id_min"));
            AssertCredentialKept(findings);
        }

        [Fact]
        public void BacksOffOnAConcurrencyBlockThatGivesNoToWait()
        {
            int calls = 0;
            var server = Serve(r => Interlocked.Increment(ref calls) <= 2
                ? ScriptedResponse.Xml(HostDetectionPages.Error("1965", "Concurrency limit exceeded."), 409, "Conflict")
                    .With("X-Concurrency-Limit-Limit", "2").With("X-Concurrency-Limit-Running", "2")
                : PageFor(r));

            var findings = Pull(Options(server.BaseUrl));

            AssertEveryHostOnce(findings);
            Assert.Equal(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10) }, _waits);
            Assert.Contains("Qualys asked to wait 5 s (concurrency limit: 2 of 2 calls running) — wait 1 of 5", _log);
            Assert.Contains("Qualys asked to wait 10 s (concurrency limit: 2 of 2 calls running) — wait 2 of 5", _log);
        }

        [Fact]
        public void GivesUpAfterTheBoundedNumberOfWaits()
        {
            var server = Serve(r => ScriptedResponse.Empty(409, "Conflict").With("X-RateLimit-ToWait-Sec", "3"));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiRateLimited", e.ErrorId);
            Assert.Equal(ReportErrorKind.LimitsExceeded, e.Kind);
            Assert.Equal(5, _waits.Count);
            Assert.Equal(TimeSpan.FromSeconds(15), TimeSpan.FromTicks(_waits.Sum(w => w.Ticks)));
            Assert.Equal(6, server.Requests.Count);
        }

        [Fact]
        public void RefusesToWaitLongerThanMaxSingleWait()
        {
            var server = Serve(r => ScriptedResponse.Empty(409, "Conflict").With("X-RateLimit-ToWait-Sec", "86400"));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiRateLimited", e.ErrorId);
            Assert.Contains("86400 s", e.Message);
            Assert.Empty(_waits);
        }

        [Fact]
        public void RetriesAServerErrorWithBackoff()
        {
            int calls = 0;
            var server = Serve(r => Interlocked.Increment(ref calls) == 2
                ? ScriptedResponse.Xml("<html><body>Internal Server Error</body></html>", 500, "Internal Server Error")
                : PageFor(r));

            var findings = Pull(Options(server.BaseUrl));

            AssertEveryHostOnce(findings);
            Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, _waits);
            Assert.Contains(_log, l => l.StartsWith("Page 2: Qualys answered HTTP 500 Internal Server Error — retry 1 of 4 in 2 s."));
            Assert.Equal(new string?[] { null, "1004", "1004", "1006" }, server.Requests.Select(r => r.Field("id_min")));
        }

        [Fact]
        public void GivesUpAfterTheBoundedNumberOfRetries()
        {
            var server = Serve(r => ScriptedResponse.Empty(503, "Service Unavailable"));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiUnavailable", e.ErrorId);
            Assert.Equal(ReportErrorKind.ConnectionError, e.Kind);
            Assert.Contains("HTTP 503", e.Message);
            Assert.Equal(new[] { 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s)), _waits);
            Assert.Equal(5, server.Requests.Count);
        }

        [Fact]
        public void AnErrorBodyWithHttp200BecomesAQualysApiException()
        {
            var server = Serve(r => ScriptedResponse.Xml(HostDetectionPages.Error("2001", "This account has expired.")));

            var e = PullFails<QualysApiException>(Options(server.BaseUrl));

            Assert.Equal("2001", e.Code);
            Assert.Equal("This account has expired.", e.Text);
            Assert.Equal("QualysApiErrorResponse", e.ErrorId);
            Assert.Contains("CODE 2001: This account has expired.", e.Message);
            Assert.Contains("HTTP 200", e.Message);
            Assert.Single(server.Requests);
            Assert.Empty(_waits);
        }

        [Fact]
        public void TheRecorded400ErrorBodyBecomesAQualysApiException()
        {
            var body = File.ReadAllText(Fixtures.Sample("e-jupiterone-detection-error-400-simple_return.xml"));
            var server = Serve(r => ScriptedResponse.Xml(body, 400, "Bad Request"));

            var e = PullFails<QualysApiException>(Options(server.BaseUrl));

            Assert.Equal("1905", e.Code);
            Assert.StartsWith("parameter ids has invalid value", e.Text);
            Assert.Contains("HTTP 400", e.Message);
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData(401, "Unauthorized")]
        [InlineData(403, "Forbidden")]
        public void RefusedCredentialsAreAnAuthenticationFailure(int status, string reason)
        {
            var server = Serve(r => ScriptedResponse.Xml(HostDetectionPages.Error("2000", "Bad Login/Password"), status, reason)
                .With("WWW-Authenticate", "Basic realm=\"Qualys\""));

            var e = PullFails<QualysApiAuthenticationException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiAuthenticationFailed", e.ErrorId);
            Assert.Equal(ReportErrorKind.AuthenticationError, e.Kind);
            Assert.Equal(status, e.StatusCode);
            Assert.Contains($"HTTP {status}", e.Message);
            Assert.DoesNotContain(UserName, e.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void AConnectionClosedMidBodyRequestsThePageAgainAndYieldsNoHostTwice()
        {
            int page2Calls = 0;
            var server = Serve(r =>
            {
                var response = PageFor(r);
                if (r.Field("id_min") == "1004" && Interlocked.Increment(ref page2Calls) == 1)
                    response.CloseAfterBodyBytes = response.Body.Length / 2;
                return response;
            });
            var folder = NewFolder();
            var options = Options(server.BaseUrl);
            options.OutFolder = folder;

            var findings = Pull(options);

            AssertEveryHostOnce(findings);
            Assert.Equal(2, page2Calls);
            Assert.Contains(_log, l => l.StartsWith("Page 2: the connection broke after ") && l.Contains("retry 1 of 4"));
            Assert.Equal(new[] { "page-0001.xml", "page-0002.xml", "page-0003.xml" },
                Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(HostDetectionPages.ThreePages("1004"), File.ReadAllText(Path.Combine(folder, "page-0002.xml")));
        }

        [Fact]
        public void ABodyCutShortWithoutContentLengthIsRetried()
        {
            int calls = 0;
            var server = Serve(r =>
            {
                var response = PageFor(r);
                if (Interlocked.Increment(ref calls) == 1)
                {
                    response.OmitContentLength = true;
                    response.CloseAfterBodyBytes = response.Body.Length - 200;
                }
                return response;
            });

            var findings = Pull(Options(server.BaseUrl));

            AssertEveryHostOnce(findings);
            Assert.Contains(_log, l => l.StartsWith("Page 1: the answer is not complete XML after "));
            Assert.Equal(4, server.Requests.Count);
        }

        [Fact]
        public void ReadsGzipAnswersAndRetriesOneCutShort()
        {
            int calls = 0;
            var server = Serve(r =>
            {
                var response = PageFor(r);
                using var packed = new MemoryStream();
                using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
                    gzip.Write(response.Body, 0, response.Body.Length);
                var body = packed.ToArray();
                // The first answer is a gzip stream whose second half never came, yet whose length matches.
                response.Body = Interlocked.Increment(ref calls) == 1 ? body.Take(body.Length / 2).ToArray() : body;
                return response.With("Content-Encoding", "gzip");
            });
            var folder = NewFolder();
            var options = Options(server.BaseUrl);
            options.OutFolder = folder;

            var findings = Pull(options);

            AssertEveryHostOnce(findings);
            Assert.Contains("gzip", server.Requests[0].Header("Accept-Encoding"));
            Assert.Equal(4, server.Requests.Count);
            Assert.Single(_waits);
            // .NET ends a cut gzip stream quietly; the complete-XML check is what catches it.
            Assert.Contains(_log, l => l.StartsWith("Page 1: the answer is not complete XML"));
            Assert.Equal(HostDetectionPages.ThreePages(null), File.ReadAllText(Path.Combine(folder, "page-0001.xml")));
        }

        [Fact]
        public void SavedPagesImportToTheSameFindingsAndHoldNoCredential()
        {
            var server = Serve(PageFor);
            var folder = NewFolder();
            var options = Options(server.BaseUrl);
            options.OutFolder = folder;

            var pulled = Pull(options);

            var pages = Enumerable.Range(1, 3).Select(n => Path.Combine(folder, $"page-000{n}.xml")).ToList();
            Assert.Equal(pages, Directory.GetFiles(folder).OrderBy(n => n, StringComparer.Ordinal));
            foreach (var page in pages) AssertNoSecret(File.ReadAllText(page));

            // Host 1006 is on pages 2 and 3; the pull keeps its first appearance.
            var imported = pages.SelectMany(p => Fixtures.Import(p, new ImportOptions()))
                .Where(f => !(f.HostId == "1006" && f.SourceFile == pages[2]))
                .ToList();
            Assert.Equal(imported.Count, pulled.Count);
            var properties = typeof(QualysFinding).GetProperties();
            for (int i = 0; i < pulled.Count; i++)
                foreach (var property in properties)
                    Assert.Equal(property.GetValue(imported[i]), property.GetValue(pulled[i]));
            Assert.Equal(pages[0], pulled[0].SourceFile);
            AssertCredentialKept(pulled);
        }

        [Fact]
        public void WithoutOutFolderFindingsNameTheirApiPage()
        {
            var server = Serve(PageFor);

            var findings = Pull(Options(server.BaseUrl));

            Assert.Equal(new[] { "api:page-0001", "api:page-0002", "api:page-0003" }, findings.Select(f => f.SourceFile).Distinct());
            Assert.All(findings, f => Assert.Equal(ReportFormat.HostDetectionXml, f.SourceFormat));
        }

        [Fact]
        public void WarnsAboutPagesOfAnEarlierLongerPull()
        {
            var server = Serve(PageFor);
            var folder = NewFolder();
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "page-0004.xml"), "<old/>");
            var options = Options(server.BaseUrl);
            options.OutFolder = folder;

            Pull(options);

            Assert.Contains(_warnings, w => w.Contains("page-0004.xml") && w.Contains("earlier pull"));
        }

        [Theory]
        [InlineData(TrackingMethodFilter.Agent, new long[] { 1002, 1004, 1007 })]
        [InlineData(TrackingMethodFilter.Scanner, new long[] { 1001, 1003, 1005, 1006 })]
        [InlineData(TrackingMethodFilter.All, new long[] { 1001, 1002, 1003, 1004, 1005, 1006, 1007 })]
        public void FiltersHostsByTrackingMethod(TrackingMethodFilter filter, long[] expected)
        {
            var server = Serve(PageFor);
            var options = Options(server.BaseUrl);
            options.TrackingMethod = filter;
            using var client = Client(options);

            var findings = client.GetHostDetections().ToList();

            Assert.Equal(expected.Select(id => id.ToString()), findings.Select(f => f.HostId).Distinct());
            Assert.Equal(expected.Sum(id => HostDetectionPages.Host(id).Detections.Count), findings.Count);
            Assert.Equal(expected.Length, client.HostCount);
            Assert.Equal(3, client.PagesRead);
            if (filter == TrackingMethodFilter.Agent) Assert.All(findings, f => Assert.Equal(Vantage.Agent, f.Vantage));
        }

        [Fact]
        public void RefusesPagingThatDoesNotMoveForward()
        {
            var server = Serve(r => ScriptedResponse.Xml(HostDetectionPages.Page(HostDetectionPages.Hosts.Take(1), 1002)));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiPagingFailed", e.ErrorId);
            Assert.Equal(2, server.Requests.Count);
        }

        [Fact]
        public void DoesNotFollowARedirect()
        {
            var server = Serve(r => ScriptedResponse.Empty(302, "Found").With("Location", "http://qualysguard.example.com/login"));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiUnexpectedResponse", e.ErrorId);
            Assert.Contains("redirect", e.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void AnHtmlPageIsNotTakenForAnEmptyAnswer()
        {
            var server = Serve(r => new ScriptedResponse { Body = Encoding.UTF8.GetBytes("<html><body>Log in</body></html>") }
                .With("Content-Type", "text/html; charset=UTF-8"));

            var e = PullFails<QualysReportException>(Options(server.BaseUrl));

            Assert.Equal("QualysApiUnexpectedResponse", e.ErrorId);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void CancellingDuringAWaitStopsThePull()
        {
            var server = Serve(r => ScriptedResponse.Empty(409, "Conflict").With("X-RateLimit-ToWait-Sec", "30"));
            using var cancel = new CancellationTokenSource();
            var options = Options(server.BaseUrl);
            options.CancellationToken = cancel.Token;
            _wait = (delay, token) => cancel.Cancel();
            using var client = Client(options);

            Assert.ThrowsAny<OperationCanceledException>(() => client.GetHostDetections().ToList());
            Assert.Single(server.Requests);
        }

        /// <summary>
        /// Qualys asks for ten minutes; the pull is cancelled once its thread is blocked in that
        /// wait. A default wait that did not watch the token would sleep the ten minutes, far past
        /// the two-minute guard, which only stops a hang: no clock decides the outcome.
        /// </summary>
        [Fact]
        public void TheDefaultWaitReturnsAsSoonAsThePullIsCancelled()
        {
            var guard = TimeSpan.FromMinutes(2);
            var server = Serve(r => ScriptedResponse.Empty(409, "Conflict").With("X-RateLimit-ToWait-Sec", "600"));
            using var cancel = new CancellationTokenSource();
            using var waiting = new ManualResetEventSlim();
            var options = Options(server.BaseUrl);
            options.CancellationToken = cancel.Token;
            _wait = null;
            // Said just before the client pauses for the rate limit.
            _output.OnVerbose = message =>
            {
                if (message.Contains("wait 1 of", StringComparison.Ordinal)) waiting.Set();
            };
            Exception? thrown = null;
            var pull = new Thread(() =>
            {
                try
                {
                    using var client = Client(options);
                    client.GetHostDetections().ToList();
                }
                catch (Exception e)
                {
                    thrown = e;
                }
            }) { IsBackground = true };

            pull.Start();
            Assert.True(waiting.Wait(guard), "the pull never came to the rate-limit wait: " + string.Join(" | ", _log));
            // Nothing blocks between that message and the wait, so once the thread blocks it is in it.
            Assert.True(SpinWait.SpinUntil(() => (pull.ThreadState & ThreadState.WaitSleepJoin) != 0, guard), "the pull never blocked");
            cancel.Cancel();

            Assert.True(pull.Join(guard), "the default wait went on after the pull was cancelled");
            Assert.IsAssignableFrom<OperationCanceledException>(thrown);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void AnEmptyAnswerIsOnePageWithoutFindings()
        {
            var body = File.ReadAllText(Fixtures.Sample("e-jupiterone-detection-empty-response.xml"));
            var server = Serve(r => ScriptedResponse.Xml(body));
            using var client = Client(Options(server.BaseUrl));

            Assert.Empty(client.GetHostDetections().ToList());
            Assert.Equal(1, client.PagesRead);
            Assert.Equal(0, client.HostCount);
        }

        [Fact]
        public void RefusesPlainHttpToAnotherMachineBeforeAnyRequest()
        {
            var options = Options(new Uri("http://example.com"));

            var e = Assert.Throws<InsecureApiUrlException>(() => new QualysApiClient(options));

            Assert.Equal("ApiUrlNotHttps", e.ErrorId);
            Assert.Contains("https://example.com/", e.Message);
            Assert.Empty(_log);
        }

        [Theory]
        [InlineData("http://127.0.0.1:8080")]
        [InlineData("http://127.12.0.3")]
        [InlineData("http://[::1]:8443/")]
        [InlineData("http://localhost:5000")]
        [InlineData("http://LOCALHOST")]
        [InlineData("https://qualysapi.qg2.apps.qualys.com")]
        [InlineData("https://qualysapi.qg2.apps.qualys.com/")]
        [InlineData("https://proxy.example.com/qualys")]
        public void AcceptsHttpsAndLoopbackHttp(string url)
        {
            using var client = new QualysApiClient(Options(new Uri(url)));

            Assert.EndsWith(DetectionPath, client.Endpoint.AbsoluteUri);
            Assert.Equal(new Uri(url).Host, client.Endpoint.Host);
        }

        [Theory]
        [InlineData("http://10.0.0.1")]
        [InlineData("http://localhost.example.com")]
        [InlineData("http://127.0.0.1.nip.io")]
        [InlineData("http://qualysapi.qg2.apps.qualys.com")]
        public void RefusesPlainHttpElsewhere(string url)
        {
            Assert.Throws<InsecureApiUrlException>(() => new QualysApiClient(Options(new Uri(url))));
        }

        [Theory]
        [InlineData("https://qcomp_as7:hunter2-pw@qualysapi.qg2.apps.qualys.com")]
        [InlineData("ftp://qualysapi.qg2.apps.qualys.com")]
        [InlineData("https://qualysapi.qg2.apps.qualys.com/api/2.0/fo/asset/host/vm/detection/")]
        [InlineData("https://qualysapi.qg2.apps.qualys.com/?action=list")]
        public void RefusesUrlsThatAreNotAnApiServer(string url)
        {
            var e = Assert.ThrowsAny<QualysReportException>(() => new QualysApiClient(Options(new Uri(url))));

            Assert.Equal("ApiUrlInvalid", e.ErrorId);
            Assert.DoesNotContain("hunter2", e.Message);
        }

        [Fact]
        public void RefusesARelativeUrl()
        {
            var e = Assert.ThrowsAny<QualysReportException>(() => new QualysApiClient(Options(new Uri("qualysapi.qg2.apps.qualys.com", UriKind.Relative))));

            Assert.Equal("ApiUrlInvalid", e.ErrorId);
            Assert.Contains("https://", e.Message);
        }

        [Fact]
        public void RefusesMissingCredentialsAndBadParameters()
        {
            var noPassword = Options(new Uri("https://qualysapi.qg2.apps.qualys.com"));
            noPassword.Credential = new NetworkCredential(UserName, string.Empty);
            var future = Options(new Uri("https://qualysapi.qg2.apps.qualys.com"));
            future.DetectionUpdatedSince = DateTime.UtcNow.AddDays(2);
            var negative = Options(new Uri("https://qualysapi.qg2.apps.qualys.com"));
            negative.TruncationLimit = -1;
            var version = Options(new Uri("https://qualysapi.qg2.apps.qualys.com"));
            version.ApiVersion = "../2.0";

            foreach (var options in new[] { noPassword, future, negative, version })
                Assert.Equal("QualysApiParameterInvalid", Assert.ThrowsAny<QualysReportException>(() => new QualysApiClient(options)).ErrorId);
        }

        [Theory]
        [InlineData("https://x/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&id_min=5641289", "5641289")]
        [InlineData("\n   https://x/api/2.0/fo/asset/host/vm/detection/?action=list&amp;id_min=42&show_tags=1\n  ", "42")]
        [InlineData("https://x/?ID_MIN=7#frag", "7")]
        [InlineData("https://x/?action=list", null)]
        [InlineData("no query at all", null)]
        public void ReadsIdMinFromAWarningUrl(string url, string? expected)
        {
            Assert.Equal(expected, Paging.QueryValue(url.Trim(), "id_min"));
        }
    }
}
