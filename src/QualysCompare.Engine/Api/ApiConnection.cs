using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using QualysCompare.Engine.Output;

namespace QualysCompare.Engine.Api
{
    /// <summary>A page that arrived in full and passed <see cref="ResponseCheck"/>; disposing it
    /// removes a temporary spool.</summary>
    internal sealed class PageDownload : IDisposable
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

    /// <summary>
    /// What every Qualys API client of the engine shares, so the detection pull and the
    /// KnowledgeBase download check URLs and credentials, wait out limits, retry, follow pages and
    /// redact in one way: the endpoint, the redacting output, <see cref="RetryPolicy"/>,
    /// <see cref="Paging"/>, <see cref="PageTransfer"/>, and the loop that asks for one page until
    /// it arrives or is given up.
    /// </summary>
    internal sealed class ApiConnection : IDisposable
    {
        private readonly CancellationToken _token;
        private readonly RetryPolicy _retry;
        private readonly PageTransfer _transfer;

        /// <param name="options">The server, credential, limits, output and cancellation.</param>
        /// <param name="service">The endpoint below /api/&lt;version&gt;/ (<see cref="ApiEndpoint"/>).</param>
        /// <param name="expectedRoot">The root element of the endpoint's answer.</param>
        /// <param name="wait">How to wait before asking again; null sleeps (see <see cref="RetryPolicy"/>).</param>
        /// <exception cref="InsecureApiUrlException">ApiUrl is plain http to a host other than this machine.</exception>
        /// <exception cref="Model.QualysReportException">ApiUrlInvalid, QualysApiParameterInvalid.</exception>
        public ApiConnection(QualysApiOptions options, string service, string expectedRoot, Action<TimeSpan, CancellationToken>? wait)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            Endpoint = ApiEndpoint.Of(options.ApiUrl, options.ApiVersion, service);
            var credential = ApiCredential.Check(options.Credential);
            options.CheckParameters();
            _token = options.CancellationToken;
            Redactor = credential.Redactor;
            Output = new RedactingOutput(options.Output ?? NullEngineOutput.Instance, credential.Redactor);

            string target = Endpoint.Uri.ToString();
            _retry = new RetryPolicy(options, target, wait);
            Paging = new Paging(target, credential.Redactor, Output);
            _transfer = new PageTransfer(Endpoint, credential, options, expectedRoot);
        }

        public ApiEndpoint Endpoint { get; }

        /// <summary>The caller's output with the password cut out of every line.</summary>
        public IEngineOutput Output { get; }

        public Redactor Redactor { get; }

        public Paging Paging { get; }

        /// <summary>Time spent waiting for rate limits, concurrency blocks and retries since the last <see cref="ResetWaited"/>.</summary>
        public TimeSpan TotalWaited { get; private set; }

        public void ResetWaited() => TotalWaited = TimeSpan.Zero;

        /// <summary>One page, asked for again as <see cref="RetryPolicy"/> decides, until it arrives in
        /// full and checked (and, with an OutFolder, saved) or the pull is given up. The spool is
        /// the caller's until this returns, and disposed here when it throws.</summary>
        /// <param name="page">The 1-based page number, for messages.</param>
        /// <param name="form">The POST body; never the credential.</param>
        /// <param name="formText">The body as the verbose log shows it.</param>
        /// <param name="spool">Where the body goes.</param>
        public PageDownload Fetch(int page, IReadOnlyList<KeyValuePair<string, string>> form, string formText, PageSpool spool)
        {
            try
            {
                var state = new RetryState(0, 0);
                while (true)
                {
                    _token.ThrowIfCancellationRequested();
                    Output.WriteVerbose($"Page {page}: POST {Endpoint.Uri} {formText}" + (state.Attempt > 1 ? $" (attempt {state.Attempt})" : string.Empty));
                    var clock = Stopwatch.StartNew();
                    var envelope = _transfer.Attempt(form, spool, page, out var setback);
                    if (envelope != null)
                    {
                        Output.WriteVerbose($"Page {page}: {spool.Length:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s.");
                        PageSaver.Commit(spool);
                        return new PageDownload(spool, envelope);
                    }

                    var decision = _retry.Decide(page, state, setback!);
                    if (decision.GiveUp != null) throw decision.GiveUp;
                    Output.WriteVerbose(decision.Announcement!);
                    TotalWaited += decision.Delay;
                    _retry.Pause(decision.Delay, _token);
                    state = decision.Next;
                }
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }

        public void Dispose() => _transfer.Dispose();
    }
}
