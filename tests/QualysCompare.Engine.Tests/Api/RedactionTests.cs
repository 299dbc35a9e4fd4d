using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Testing;
using Xunit;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>
    /// The password never leaves the client except in the Authorization header, even when the server
    /// or the network stack echoes it: every verbose line, warning, exception message and Qualys
    /// TEXT that could carry it is redacted.
    /// </summary>
    public sealed class RedactionTests : IDisposable
    {
        private const string UserName = "qcomp_as7";
        private const string Password = "S3cr3t-P@ss!";

        private readonly RecordedOutput _output = new RecordedOutput();
        private FakeQualysServer? _server;

        public void Dispose() => _server?.Dispose();

        private QualysApiClient Client(Func<RecordedRequest, ScriptedResponse> respond)
        {
            _server = new FakeQualysServer(respond);
            var options = new QualysApiOptions
            {
                ApiUrl = _server.BaseUrl,
                Credential = new NetworkCredential(UserName, Password),
                Output = _output,
                RequestTimeout = TimeSpan.FromSeconds(20),
            };
            return new QualysApiClient(options, (delay, token) => { });
        }

        private void AssertNothingSaidHoldsThePassword()
        {
            foreach (var line in _output.Verbose.Concat(_output.Warnings))
                Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        }

        [Fact]
        public void AServerErrorThatEchoesThePasswordIsRedactedInTheRetriesAndTheFinalError()
        {
            using var client = Client(r => ScriptedResponse.Xml(HostDetectionPages.Error("1999", $"login {UserName}/{Password} failed"), 503, "Service Unavailable"));

            var e = Assert.Throws<QualysReportException>(() => client.GetHostDetections().ToList());

            Assert.Equal(ErrorIds.ApiUnavailable, e.ErrorId);
            Assert.DoesNotContain(Password, e.ToString(), StringComparison.Ordinal);
            Assert.Contains($"CODE 1999: login {UserName}/{Redactor.Mask} failed", e.Message);
            Assert.Contains(_output.Verbose, l => l.Contains($"{UserName}/{Redactor.Mask} failed") && l.Contains("retry 1 of 4"));
            AssertNothingSaidHoldsThePassword();
        }

        [Fact]
        public void AnErrorBodyThatEchoesThePasswordGivesAQualysApiExceptionWithoutIt()
        {
            using var client = Client(r => ScriptedResponse.Xml(HostDetectionPages.Error("1905", $"parameter password has invalid value: {Password}"), 400, "Bad Request"));

            var e = Assert.Throws<QualysApiException>(() => client.GetHostDetections().ToList());

            Assert.Equal($"parameter password has invalid value: {Redactor.Mask}", e.Text);
            Assert.DoesNotContain(Password, e.ToString(), StringComparison.Ordinal);
            AssertNothingSaidHoldsThePassword();
        }

        [Fact]
        public void AWarningThatEchoesThePasswordIsRedacted()
        {
            string page = HostDetectionPages.Page(HostDetectionPages.Hosts.Take(1), null)
                .Replace("  </RESPONSE>", $"    <WARNING>\n      <CODE>1999</CODE>\n      <TEXT>account {Password} expires soon</TEXT>\n    </WARNING>\n  </RESPONSE>");
            using var client = Client(r => ScriptedResponse.Xml(page));

            client.GetHostDetections().ToList();

            Assert.Equal(new[] { $"Qualys warned with page 1: CODE 1999: account {Redactor.Mask} expires soon" }, _output.Warnings);
            AssertNothingSaidHoldsThePassword();
        }

        [Fact]
        public void TheRedactorCutsOutEveryOccurrence()
        {
            var redactor = new Redactor("pw");

            Assert.Equal("a ******** b ********", redactor.Redact("a pw b pw"));
            Assert.Null(redactor.Redact(null));
            Assert.Equal("nothing here", new Redactor(string.Empty).Redact("nothing here"));
        }

        [Fact]
        public void TheClientsOutputRedactsVerboseAndWarningText()
        {
            var inner = new RecordedOutput();
            var output = new RedactingOutput(inner, new Redactor(Password));
            var progress = new EngineProgress("Page 1 read");

            output.WriteVerbose($"said {Password}");
            output.WriteWarning($"warned {Password}");
            output.WriteProgress(progress);

            Assert.Equal(new[] { $"said {Redactor.Mask}" }, inner.Verbose);
            Assert.Equal(new[] { $"warned {Redactor.Mask}" }, inner.Warnings);
            Assert.Same(progress, Assert.Single(inner.Progress));
        }
    }
}
