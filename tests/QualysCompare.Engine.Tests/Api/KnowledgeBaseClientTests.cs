using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Import;
using QualysCompare.Engine.Model;
using QualysCompare.Testing;
using Xunit;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>
    /// The KnowledgeBase download against the fake Qualys on 127.0.0.1, which answers from the
    /// recorded response in tests/fixtures/api: ids in the body, paging, the cache's first fill and
    /// refresh, a damaged cache, and the detection pull's error and limit handling.
    /// </summary>
    public sealed class KnowledgeBaseClientTests : IDisposable
    {
        private const string UserName = "qcomp_as7";
        private const string Password = "S3cr3t-P@ss!";

        private readonly RecordedOutput _output = new RecordedOutput();
        private readonly List<TimeSpan> _waits = new List<TimeSpan>();
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "qc-kb-" + Guid.NewGuid().ToString("N"));
        private readonly FakeKnowledgeBase _knowledgeBase = FakeKnowledgeBase.FromFixture();
        private FakeQualysServer? _server;

        public KnowledgeBaseClientTests() => Directory.CreateDirectory(_folder);

        public void Dispose()
        {
            _server?.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private string CachePath => Path.Combine(_folder, "knowledgebase-cache.xml");

        private static readonly int[] DetectionQids = HostDetectionPages.Hosts.SelectMany(h => h.Detections).Select(d => d.Qid).Distinct().OrderBy(q => q).ToArray();

        private FakeQualysServer Serve(Func<RecordedRequest, ScriptedResponse>? respond = null) =>
            _server = new FakeQualysServer(respond ?? _knowledgeBase.Answer);

        private KnowledgeBaseApiOptions Options(IEnumerable<int>? qids = null, string? cachePath = null) => new KnowledgeBaseApiOptions
        {
            Connection = new QualysApiOptions
            {
                ApiUrl = _server!.BaseUrl,
                Credential = new NetworkCredential(UserName, Password),
                Output = _output,
                RequestTimeout = TimeSpan.FromMinutes(2),
            },
            Qids = (qids ?? Array.Empty<int>()).ToList(),
            CachePath = cachePath,
        };

        private List<KnowledgeBaseEntry> Get(KnowledgeBaseApiOptions options)
        {
            using var client = new KnowledgeBaseClient(options, (delay, token) => _waits.Add(delay));
            return client.GetEntries().ToList();
        }

        private IReadOnlyList<RecordedRequest> RequestsSince(int index) => _server!.Requests.Skip(index).ToList();

        private void AssertNoSecret(string text)
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)), text, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(new int[0], "")]
        [InlineData(new[] { 9 }, "9")]
        [InlineData(new[] { 5, 1, 2, 3, 4, 9, 100, 101, 120, 102 }, "1-5,9,100-102,120")]
        [InlineData(new[] { 7, 7, 8, 8, 10 }, "7-8,10")]
        public void CompactsQidsIntoSortedRanges(int[] qids, string expected) =>
            Assert.Equal(expected, KnowledgeBaseRequestForm.Ranges(qids));

        [Fact]
        public void SendsTheQidsAsRangesInTheBodyNeverInTheUrl()
        {
            var server = Serve();
            var qids = new[] { 38173, 38170, 90043, 90007, 105015, 6, 45017, 45038 };

            var entries = Get(Options(qids));

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal(FakeKnowledgeBase.Endpoint, request.Target);
            Assert.Equal("6,38170,38173,45017,45038,90007,90043,105015", request.Field("ids"));
            Assert.Equal("list", request.Field("action"));
            Assert.Equal("All", request.Field("details"));
            Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
            Assert.Equal(qids.OrderBy(q => q), entries.Select(e => e.QID).OrderBy(q => q));
            Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.Title)));
        }

        [Fact]
        public void ReadsTheDetailsTheReasonsNeed()
        {
            Serve();

            var entries = Get(Options(new[] { 38170, 45038, 376157 })).ToDictionary(e => e.QID);

            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN", entries[38170].Title);
            Assert.True(entries[38170].RemoteDetectable);
            Assert.Equal(FindingType.Information, entries[45038].VulnType);
            Assert.False(entries[376157].RemoteDetectable);
            Assert.Equal("Windows", entries[376157].AuthTypes);
            Assert.All(entries.Values, e => Assert.Equal(_server!.BaseUrl + "api/2.0/fo/knowledge_base/vuln/", e.SourceFile));
        }

        [Fact]
        public void FollowsTheWarningUrlsPageAfterPage()
        {
            _knowledgeBase.PageSize = 5;
            var server = Serve();

            var entries = Get(Options());

            Assert.Equal(_knowledgeBase.Qids, entries.Select(e => e.QID));
            var requests = server.Requests;
            Assert.Equal(4, requests.Count);
            var qids = _knowledgeBase.Qids;
            Assert.Equal(new string?[] { null, qids[5].ToString(), qids[10].ToString(), qids[15].ToString() }, requests.Select(r => r.Field("id_min")));
            Assert.All(requests, r => Assert.Equal("All", r.Field("details")));
            Assert.Empty(_output.Warnings);
        }

        [Fact]
        public void PagesThroughAnIdListKeepingTheIdsOnEveryPage()
        {
            _knowledgeBase.PageSize = 2;
            var server = Serve();

            var entries = Get(Options(DetectionQids));

            Assert.Equal(DetectionQids, entries.Select(e => e.QID));
            Assert.Equal(7, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal(KnowledgeBaseRequestForm.Ranges(DetectionQids), r.Field("ids")));
        }

        [Fact]
        public void ListsTheQidsQualysDoesNotDescribe()
        {
            Serve();
            using var client = new KnowledgeBaseClient(Options(new[] { 38170, 999998, 999999 }), (d, t) => _waits.Add(d));

            var entries = client.GetEntries().ToList();

            Assert.Equal(new[] { 38170 }, entries.Select(e => e.QID));
            Assert.Equal(new[] { 999998, 999999 }, client.UnknownQids);
            Assert.Contains(_output.Verbose, l => l.Contains("Qualys describes no QID 999998, 999999"));
        }

        [Fact]
        public void FillsTheCacheOnTheFirstRunAndAsksOnlyForChangesOnTheNext()
        {
            var server = Serve();

            var first = Get(Options(DetectionQids, CachePath));

            Assert.Single(server.Requests);
            Assert.Null(server.Requests[0].Field("last_modified_after"));
            Assert.Equal(DetectionQids, first.Select(e => e.QID));
            // The cache is a KnowledgeBase file like a download: the file readers take it as it is.
            var cached = new KnowledgeBaseLoader().Load(new[] { CachePath });
            Assert.Equal(DetectionQids, cached.Entries.Select(e => e.QID).OrderBy(q => q));
            foreach (var entry in first)
            {
                var back = cached.Find(entry.QID)!;
                foreach (var property in typeof(KnowledgeBaseEntry).GetProperties().Where(p => p.Name != nameof(KnowledgeBaseEntry.SourceFile)))
                    Assert.Equal(property.GetValue(entry), property.GetValue(back));
            }

            var newest = first.Max(e => e.LastModified)!.Value;
            _knowledgeBase.Revise(38170, "SSL Certificate - Subject Common Name Does Not Match Server FQDN (revised)", newest.AddDays(3));
            int before = server.Requests.Count;
            using var client = new KnowledgeBaseClient(Options(DetectionQids, CachePath), (d, t) => _waits.Add(d));
            var second = client.GetEntries().ToList();

            var refresh = Assert.Single(RequestsSince(before));
            Assert.Equal(newest.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), refresh.Field("last_modified_after"));
            Assert.Equal(KnowledgeBaseRequestForm.Ranges(DetectionQids), refresh.Field("ids"));
            Assert.True(client.CacheUsed);
            Assert.Equal(1, client.FetchedCount);
            Assert.Equal(DetectionQids, second.Select(e => e.QID));
            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN (revised)", second.Single(e => e.QID == 38170).Title);
            Assert.Equal("SSL Certificate - Subject Common Name Does Not Match Server FQDN (revised)", new KnowledgeBaseLoader().Load(new[] { CachePath }).Find(38170)!.Title);
            Assert.Empty(_output.Warnings);
        }

        [Fact]
        public void AsksSeparatelyOnlyForTheQidsTheCacheLacks()
        {
            var server = Serve();
            // The newest of these two was modified 2019-01-02.
            Get(Options(new[] { 11827, 38170 }, CachePath));
            int before = server.Requests.Count;

            var entries = Get(Options(new[] { 11827, 38170, 90007, 90043, 90882, 105015 }, CachePath));

            var requests = RequestsSince(before);
            Assert.Equal(2, requests.Count);
            Assert.Equal("2019-01-02T09:02:00Z", requests[0].Field("last_modified_after"));
            Assert.Equal("11827,38170,90007,90043,90882,105015", requests[0].Field("ids"));
            // 105015 was modified after the cache's newest entry, so the refresh brought it already.
            Assert.Null(requests[1].Field("last_modified_after"));
            Assert.Equal("90007,90043,90882", requests[1].Field("ids"));
            Assert.Equal(new[] { 11827, 38170, 90007, 90043, 90882, 105015 }, entries.Select(e => e.QID));
            Assert.Equal(6, new KnowledgeBaseLoader().Load(new[] { CachePath }).Count);
        }

        [Fact]
        public void MakesNoSecondRequestWhenTheCacheHasEveryQid()
        {
            var server = Serve();
            Get(Options(DetectionQids, CachePath));
            int before = server.Requests.Count;

            Get(Options(new[] { 38170, 90007 }, CachePath));

            var refresh = Assert.Single(RequestsSince(before));
            Assert.Equal("38170,90007", refresh.Field("ids"));
            Assert.NotNull(refresh.Field("last_modified_after"));
        }

        [Fact]
        public void EmitsOnlyTheAskedQidsFromALargerCache()
        {
            Serve();
            Get(Options(cachePath: CachePath));

            var entries = Get(Options(new[] { 90043, 6 }, CachePath));

            Assert.Equal(new[] { 6, 90043 }, entries.Select(e => e.QID));
        }

        [Theory]
        [InlineData("malformed")]
        [InlineData("truncated")]
        [InlineData("not a KnowledgeBase")]
        [InlineData("empty")]
        public void RebuildsADamagedCacheWithOneWarning(string damage)
        {
            var server = Serve();
            Get(Options(DetectionQids, CachePath));
            string good = File.ReadAllText(CachePath);
            File.WriteAllText(CachePath, damage switch
            {
                "malformed" => good.Replace("</TITLE>", "</TITLE_>"),
                "truncated" => good.Substring(0, good.Length / 2),
                "not a KnowledgeBase" => HostDetectionPages.ThreePages(null),
                _ => string.Empty,
            });
            int before = server.Requests.Count;

            var entries = Get(Options(DetectionQids, CachePath));

            var warning = Assert.Single(_output.Warnings);
            Assert.Contains(CachePath, warning);
            Assert.Contains("rebuilt from a full download", warning);
            var rebuild = Assert.Single(RequestsSince(before));
            Assert.Null(rebuild.Field("last_modified_after"));
            Assert.Equal(DetectionQids, entries.Select(e => e.QID));
            Assert.Equal(good, File.ReadAllText(CachePath).Replace(DateTimeLine(File.ReadAllText(CachePath)), DateTimeLine(good)));
        }

        private static string DateTimeLine(string xml)
        {
            int start = xml.IndexOf("<DATETIME>", StringComparison.Ordinal);
            return xml.Substring(start, xml.IndexOf("</DATETIME>", start, StringComparison.Ordinal) - start);
        }

        [Fact]
        public void LeavesTheCacheAsItWasWhenTheRefreshFails()
        {
            bool failing = false;
            var server = Serve(r => failing
                ? ScriptedResponse.Xml(HostDetectionPages.Error("2001", "This account has expired."))
                : _knowledgeBase.Answer(r));
            Get(Options(DetectionQids, CachePath));
            string good = File.ReadAllText(CachePath);
            failing = true;

            var e = Assert.Throws<QualysApiException>(() => Get(Options(DetectionQids, CachePath)));

            Assert.Equal("2001", e.Code);
            Assert.Equal(good, File.ReadAllText(CachePath));
        }

        [Fact]
        public void WaitsOutTheRateLimitAsForDetections()
        {
            int calls = 0;
            var server = Serve(r => Interlocked.Increment(ref calls) == 1
                ? ScriptedResponse.Xml(HostDetectionPages.Error("1960", "This API cannot be run again for another 7 seconds."), 409, "Conflict")
                    .With("X-RateLimit-ToWait-Sec", "7")
                : _knowledgeBase.Answer(r));

            var entries = Get(Options(new[] { 38170 }));

            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, _waits);
            Assert.Equal(2, server.Requests.Count);
            Assert.Equal(new[] { 38170 }, entries.Select(e => e.QID));
        }

        [Fact]
        public void GivesUpOnAConcurrencyBlockThatDoesNotClear()
        {
            Serve(r => ScriptedResponse.Empty(409, "Conflict").With("X-Concurrency-Limit-Limit", "2").With("X-Concurrency-Limit-Running", "2"));
            var options = Options(new[] { 38170 });
            options.Connection.MaxRateLimitWaits = 2;

            var e = Assert.ThrowsAny<QualysReportException>(() => Get(options));

            Assert.Equal(ErrorIds.ApiRateLimited, e.ErrorId);
            Assert.Equal(2, _waits.Count);
        }

        [Fact]
        public void RetriesServerErrorsThenGivesUpAsForDetections()
        {
            int calls = 0;
            var server = Serve(r => Interlocked.Increment(ref calls) <= 2 ? ScriptedResponse.Empty(503, "Service Unavailable") : _knowledgeBase.Answer(r));
            Assert.Single(Get(Options(new[] { 38170 })));
            Assert.Equal(3, server.Requests.Count);

            _server!.Dispose();
            Serve(r => ScriptedResponse.Empty(500, "Internal Server Error"));
            var options = Options(new[] { 38170 });
            options.Connection.MaxRetries = 1;
            var e = Assert.ThrowsAny<QualysReportException>(() => Get(options));
            Assert.Equal(ErrorIds.ApiUnavailable, e.ErrorId);
        }

        [Fact]
        public void RefusedCredentialAndErrorBodiesEndTheDownload()
        {
            Serve(r => ScriptedResponse.Xml(HostDetectionPages.Error("2000", "Bad Login/Password " + Password), 401, "Unauthorized"));
            var refused = Assert.Throws<QualysApiAuthenticationException>(() => Get(Options(new[] { 38170 })));
            Assert.Equal(ErrorIds.ApiAuthenticationFailed, refused.ErrorId);
            AssertNoSecret(refused.ToString());

            _server!.Dispose();
            Serve(r => ScriptedResponse.Xml(HostDetectionPages.Error("1905", "parameter ids has invalid value " + Password)));
            var error = Assert.Throws<QualysApiException>(() => Get(Options(new[] { 38170 })));
            Assert.Equal(ErrorIds.ApiErrorResponse, error.ErrorId);
            Assert.Equal("1905", error.Code);
            AssertNoSecret(error.ToString());
        }

        [Fact]
        public void RefusesAnAnswerOfTheWrongKind()
        {
            Serve(r => ScriptedResponse.Xml(HostDetectionPages.ThreePages(null)));

            var e = Assert.ThrowsAny<QualysReportException>(() => Get(Options(new[] { 38170 })));

            Assert.Equal(ErrorIds.ApiUnexpectedResponse, e.ErrorId);
            Assert.Contains("KNOWLEDGE_BASE_VULN_LIST_OUTPUT", e.Message);
        }

        [Fact]
        public void NeverSaysOrSendsTheCredentialOutsideTheAuthorizationHeader()
        {
            _knowledgeBase.PageSize = 4;
            var server = Serve();

            var entries = Get(Options(DetectionQids, CachePath));

            foreach (var request in server.Requests)
            {
                Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)), request.Header("Authorization"));
                Assert.DoesNotContain(UserName, request.Target);
                Assert.DoesNotContain(UserName, request.Body);
                AssertNoSecret(request.Target + request.Body);
            }
            foreach (var line in _output.Verbose.Concat(_output.Warnings)) AssertNoSecret(line);
            Assert.DoesNotContain(_output.Verbose, l => l.Contains(UserName));
            AssertNoSecret(File.ReadAllText(CachePath));
            foreach (var entry in entries)
                foreach (var property in typeof(KnowledgeBaseEntry).GetProperties())
                    AssertNoSecret(Convert.ToString(property.GetValue(entry)) ?? string.Empty);
        }

        [Fact]
        public void RefusesQidsThatAreNotQidsBeforeAnyRequest()
        {
            var server = Serve();

            var e = Assert.ThrowsAny<QualysReportException>(() => Get(Options(new[] { 38170, 0 })));

            Assert.Equal(ErrorIds.ApiParameterInvalid, e.ErrorId);
            Assert.Empty(server.Requests);
        }
    }
}
