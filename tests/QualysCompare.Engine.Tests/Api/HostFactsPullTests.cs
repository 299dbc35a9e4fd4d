using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Model;
using QualysCompare.Testing;
using Xunit;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>-IncludeTags and -IncludeQds against the fake Qualys server: the fields asked for, what
    /// comes back, and a subscription that refuses show_qds.</summary>
    public sealed class HostFactsPullTests : IDisposable
    {
        private readonly RecordedOutput _output = new RecordedOutput();
        private FakeQualysServer? _server;

        public void Dispose() => _server?.Dispose();

        private FakeQualysServer Serve(string scenario) => _server = ServerScenarios.Start(scenario);

        private QualysApiOptions Options(Uri apiUrl, bool tags = false, bool qds = false) => new QualysApiOptions
        {
            ApiUrl = apiUrl,
            Credential = new NetworkCredential("qcomp_as7", "S3cr3t-P@ss!"),
            Output = _output,
            IncludeTags = tags,
            IncludeQds = qds,
            RequestTimeout = TimeSpan.FromMinutes(2),
        };

        private static List<QualysFinding> Pull(QualysApiOptions options)
        {
            using var client = new QualysApiClient(options, (delay, token) => { });
            return client.GetHostDetections().ToList();
        }

        [Fact]
        public void The_switches_ask_for_show_tags_and_show_qds_on_every_page()
        {
            var server = Serve("ThreePages");

            Pull(Options(server.BaseUrl, tags: true, qds: true));

            Assert.Equal(3, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal("1", r.Field("show_tags")));
            Assert.All(server.Requests, r => Assert.Equal("1", r.Field("show_qds")));
        }

        [Fact]
        public void Without_the_switches_neither_field_is_sent_and_no_facts_come_back()
        {
            var server = Serve("ThreePages");

            var findings = Pull(Options(server.BaseUrl));

            Assert.All(server.Requests, r => Assert.Null(r.Field("show_tags")));
            Assert.All(server.Requests, r => Assert.Null(r.Field("show_qds")));
            Assert.All(findings, f => Assert.Null(f.Tags));
            Assert.All(findings, f => Assert.Null(f.Qds));
        }

        [Fact]
        public void Tags_and_qds_reach_the_findings()
        {
            var server = Serve("ThreePages");

            var findings = Pull(Options(server.BaseUrl, tags: true, qds: true));

            var scanned = findings.Where(f => f.HostId == "1001").ToList();
            Assert.All(scanned, f => Assert.Equal("Servers; Windows", f.Tags));
            Assert.Equal((35, "LOW"), (scanned.Single(f => f.QID == 38170).Qds!.Value, scanned.Single(f => f.QID == 38170).QdsSeverity!));
            Assert.Null(scanned.Single(f => f.QID == 38173).Qds);
            var critical = findings.Single(f => f.HostId == "1002" && f.QID == 90043);
            Assert.Equal((95, "CRITICAL"), (critical.Qds!.Value, critical.QdsSeverity!));
            Assert.Equal("Domain Controllers; Windows", critical.Tags);
        }

        [Fact]
        public void The_default_pull_carries_the_scan_dates()
        {
            var server = Serve("HostFacts");

            var findings = Pull(Options(server.BaseUrl));

            var web = findings.Single(f => f.HostId == "2001");
            Assert.Equal(new DateTime(2023, 3, 15, 0, 48, 49, DateTimeKind.Utc), web.HostLastVmScanned);
            Assert.Equal(new DateTime(2023, 2, 1, 2, 10, 0, DateTimeKind.Utc), web.HostLastVmAuthScanned);
            Assert.Null(findings.Single(f => f.HostId == "2003").HostLastVmAuthScanned);
            Assert.All(findings, f => Assert.Null(f.Tags));
        }

        [Fact]
        public void A_subscription_that_refuses_show_qds_ends_the_pull_naming_the_switch()
        {
            var server = Serve("QdsRefused");

            using var client = new QualysApiClient(Options(server.BaseUrl, tags: true, qds: true), (delay, token) => { });
            var e = Assert.Throws<QualysReportException>(() => client.GetHostDetections().ToList());

            Assert.Equal("QualysApiParameterRefused", e.ErrorId);
            Assert.Equal(ReportErrorKind.InvalidArgument, e.Kind);
            Assert.Contains("-IncludeQds: this subscription does not offer QDS", e.Message);
            Assert.Contains("Qualys code 1901: Unrecognized parameter(s): show_qds", e.Message);
            Assert.DoesNotContain("-IncludeTags", e.Message);
            Assert.IsType<QualysApiException>(e.InnerException);
            Assert.Single(server.Requests);
        }

        [Fact]
        public void The_same_subscription_answers_without_the_switch()
        {
            var server = Serve("QdsRefused");

            var findings = Pull(Options(server.BaseUrl, tags: true));

            Assert.NotEmpty(findings);
            Assert.Contains(findings, f => f.Tags != null);
        }

        [Fact]
        public void Another_error_while_asking_for_qds_stays_what_it_is()
        {
            _server = new FakeQualysServer(r => ScriptedResponse.Xml(HostDetectionPages.Error("1905", "parameter truncation_limit has invalid value: -1"), 400, "Bad Request"));

            using var client = new QualysApiClient(Options(_server.BaseUrl, qds: true), (delay, token) => { });
            var e = Assert.Throws<QualysApiException>(() => client.GetHostDetections().ToList());

            Assert.Equal("QualysApiErrorResponse", e.ErrorId);
        }

        [Fact]
        public void A_refusal_of_show_qds_factors_is_not_taken_for_show_qds()
        {
            _server = new FakeQualysServer(r => ScriptedResponse.Xml(HostDetectionPages.Error("1901", "Unrecognized parameter(s): show_qds_factors"), 400, "Bad Request"));

            using var client = new QualysApiClient(Options(_server.BaseUrl, qds: true), (delay, token) => { });
            var e = Assert.Throws<QualysApiException>(() => client.GetHostDetections().ToList());

            Assert.Equal("QualysApiErrorResponse", e.ErrorId);
        }

        [Fact]
        public void A_refused_show_tags_names_its_switch()
        {
            _server = new FakeQualysServer(r => ScriptedResponse.Xml(HostDetectionPages.Error("1901", "Unrecognized parameter(s): show_tags"), 400, "Bad Request"));

            using var client = new QualysApiClient(Options(_server.BaseUrl, tags: true, qds: true), (delay, token) => { });
            var e = Assert.Throws<QualysReportException>(() => client.GetHostDetections().ToList());

            Assert.Equal("QualysApiParameterRefused", e.ErrorId);
            Assert.StartsWith("-IncludeTags: this subscription does not offer asset tags", e.Message.Substring(e.Message.IndexOf("-Include", StringComparison.Ordinal)));
        }
    }
}
