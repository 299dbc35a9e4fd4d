using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Readers;
using static QualysCompare.Engine.Api.ApiText;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Pulls detections from the Host List VM Detection API (qualys-formats.md §6) and hands them out
    /// as the same <see cref="QualysFinding"/> objects Import-QualysReport makes of the saved pages:
    /// every page is read by the Host List Detection reader itself.
    /// </summary>
    /// <remarks>
    /// This class runs the pull; each concern has a class of its own: <see cref="ApiEndpoint"/> and
    /// <see cref="ApiCredential"/> (what may be sent where), <see cref="DetectionRequestForm"/>,
    /// <see cref="PageTransfer"/> and <see cref="ResponseCheck"/> (one attempt), <see cref="RetryPolicy"/>
    /// (waits and retries), <see cref="PageSaver"/>, <see cref="Paging"/>, <see cref="HostFilter"/>
    /// and <see cref="Redactor"/>; <see cref="ApiConnection"/> ties the ones every API client shares.
    /// Everything the caller sees (output, waits, findings) happens on the thread that enumerates
    /// <see cref="GetHostDetections"/>, so a cmdlet may write from its <see cref="IEngineOutput"/> directly.
    /// </remarks>
    public sealed class QualysApiClient : IDisposable
    {
        private readonly QualysApiOptions _options;
        private readonly ApiConnection _connection;
        private readonly CancellationToken _token;
        private readonly IEngineOutput _output;
        private readonly PageSaver _saver;
        private readonly Paging _paging;

        /// <summary>Checks the options and prepares the connection; no request is made yet.</summary>
        /// <exception cref="InsecureApiUrlException">ApiUrl is plain http to a host other than this machine.</exception>
        /// <exception cref="QualysReportException">Another option is missing or invalid (ErrorIds ApiUrlInvalid, QualysApiParameterInvalid).</exception>
        public QualysApiClient(QualysApiOptions options)
            : this(options, wait: null)
        {
        }

        /// <param name="options">The pull.</param>
        /// <param name="wait">How the client waits before asking again (see <see cref="RetryPolicy"/>);
        /// tests record the waits instead of sleeping.</param>
        internal QualysApiClient(QualysApiOptions options, Action<TimeSpan, CancellationToken>? wait)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _connection = new ApiConnection(options, ApiEndpoint.DetectionService, PageEnvelope.DetectionRoot, wait);
            _token = options.CancellationToken;
            _output = _connection.Output;
            _saver = new PageSaver(options.OutFolder);
            _paging = _connection.Paging;
        }

        /// <summary>The detection endpoint every page is posted to.</summary>
        public Uri Endpoint => _connection.Endpoint.Uri;

        public int PagesRead { get; private set; }

        /// <summary>Hosts handed out so far (after the tracking-method filter; each counted once).</summary>
        public int HostCount { get; private set; }

        public long FindingCount { get; private set; }

        /// <summary>Time spent waiting for rate limits, concurrency blocks and retries.</summary>
        public TimeSpan TotalWaited => _connection.TotalWaited;

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
            _connection.ResetWaited();
            return Pull();
        }

        private IEnumerable<QualysFinding> Pull()
        {
            _saver.Prepare();
            var hosts = new HostFilter(_options.TrackingMethod);
            string? idMin = null;
            int page = 0;
            while (true)
            {
                _token.ThrowIfCancellationRequested();
                page++;
                _output.WriteProgress(new EngineProgress($"Requesting page {page} ({HostCount:N0} hosts, {FindingCount:N0} findings so far)"));
                using var download = Download(page, idMin);
                var envelope = download.Envelope;
                PagesRead = page;

                var pageHosts = hosts.Sort(envelope);
                var repeated = pageHosts.Repeated;
                if (repeated.Count > 0)
                    Say($"Page {page}: {repeated.Count} host(s) already came with an earlier page and are skipped (host ID {string.Join(", ", repeated.Take(5))}{(repeated.Count > 5 ? ", …" : string.Empty)}).");

                long before = FindingCount;
                foreach (var finding in ReadPage(download.Spool, hosts, pageHosts))
                {
                    FindingCount++;
                    yield return finding;
                }
                hosts.Remember(pageHosts);
                HostCount += pageHosts.Kept;

                string? next = _paging.NextIdMin(envelope, page, idMin);
                Say($"Page {page}: {envelope.Hosts.Count} host(s), {pageHosts.Kept} kept by -TrackingMethod {_options.TrackingMethod}, {FindingCount - before} finding(s)"
                    + (next != null ? $"; the next page starts at host ID {next}." : "; it is the last page."));
                _output.WriteProgress(new EngineProgress($"Page {page} read: {HostCount:N0} hosts, {FindingCount:N0} findings so far"));
                if (next == null) break;
                idMin = next;
            }
            _saver.WarnAboutStalePages(page, _output);
            Say($"{PagesRead} page(s), {HostCount} host(s), {FindingCount} finding(s); waited {Seconds(TotalWaited)} s in all.");
        }

        /// <summary>The page through the reader Import-QualysReport uses, so the findings are the ones
        /// importing the saved page gives.</summary>
        private IEnumerable<QualysFinding> ReadPage(PageSpool spool, HostFilter hosts, PageHosts pageHosts)
        {
            var importOptions = new ImportOptions { Vantage = VantageSelection.Auto, CancellationToken = _token, Output = new WarningsAsVerbose(_output) };
            using var file = new FileStream(spool.TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            using var import = ReportImport.Open(file, spool.DisplayName, importOptions);
            foreach (var finding in import.ReadFindings())
            {
                if (hosts.Admits(pageHosts, finding)) yield return finding;
            }
        }

        private PageDownload Download(int page, string? idMin)
        {
            var form = DetectionRequestForm.For(_options, idMin);
            try
            {
                return _connection.Fetch(page, form, DetectionRequestForm.Text(form), _saver.Open(page));
            }
            catch (QualysApiException e) when (OptionalFields.Refusal(e, form) is QualysReportException refusal)
            {
                throw refusal;
            }
        }

        private void Say(string message) => _output.WriteVerbose(message);

        public void Dispose() => _connection.Dispose();
    }
}
