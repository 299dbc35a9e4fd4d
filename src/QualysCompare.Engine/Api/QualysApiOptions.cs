using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>Which hosts of a Host List Detection pull to keep. The API has no such filter, so
    /// it is applied to each HOST's TRACKING_METHOD as the pages arrive.</summary>
    public enum TrackingMethodFilter
    {
        All,
        Agent,
        Scanner,
    }

    /// <summary>Where a pull has got to, for progress bars.</summary>
    public sealed class QualysApiProgress
    {
        internal QualysApiProgress(int page, bool pageDone, int hosts, long findings)
        {
            Page = page;
            PageDone = pageDone;
            Hosts = hosts;
            Findings = findings;
        }

        /// <summary>The 1-based page being requested or just read.</summary>
        public int Page { get; }

        /// <summary>False while the page is being requested, true once it has been read.</summary>
        public bool PageDone { get; }

        /// <summary>Hosts kept so far (after the tracking-method filter).</summary>
        public int Hosts { get; }

        public long Findings { get; }
    }

    /// <summary>Everything one Host List VM Detection pull needs.</summary>
    public sealed class QualysApiOptions
    {
        /// <summary>The API server of the subscription's platform, e.g. https://qualysapi.qg2.apps.qualys.com.
        /// https only; http is accepted for loopback addresses, where test servers live.</summary>
        public Uri? ApiUrl { get; set; }

        /// <summary>Sent as HTTP Basic authentication over TLS, and nowhere else.</summary>
        public NetworkCredential? Credential { get; set; }

        /// <summary>The path segment of /api/&lt;version&gt;/fo/asset/host/vm/detection/.</summary>
        public string ApiVersion { get; set; } = "2.0";

        public TrackingMethodFilter TrackingMethod { get; set; } = TrackingMethodFilter.All;

        /// <summary>Sent as status=; empty leaves Qualys's default (which leaves out Fixed).</summary>
        public IList<DetectionStatus> Status { get; set; } = new List<DetectionStatus>();

        /// <summary>Sent as detection_updated_since= in UTC. Local and unspecified times are taken as local time.</summary>
        public DateTime? DetectionUpdatedSince { get; set; }

        /// <summary>show_results=1: the detection's evidence text. Makes pages much larger.</summary>
        public bool IncludeResults { get; set; }

        /// <summary>Hosts per page (truncation_limit=); 0 asks for everything in one answer.</summary>
        public int TruncationLimit { get; set; } = 1000;

        /// <summary>When set, every page is kept there as page-0001.xml, page-0002.xml… exactly as
        /// received, for audit and for Import-QualysReport later.</summary>
        public string? OutFolder { get; set; }

        /// <summary>The X-Requested-With value the FO API requires.</summary>
        public string ClientName { get; set; } = "QualysCompare";

        /// <summary>How many times one page may be held back by HTTP 409 (rate or concurrency limit).</summary>
        public int MaxRateLimitWaits { get; set; } = 5;

        /// <summary>How many times one page is requested again after a 5xx, a dropped connection or a cut-off body.</summary>
        public int MaxRetries { get; set; } = 4;

        /// <summary>The first retry's delay; each further retry doubles it, up to <see cref="MaxBackoff"/>.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The first wait after a concurrency block (409 without X-RateLimit-ToWait-Sec); doubles each time.</summary>
        public TimeSpan ConcurrencyDelay { get; set; } = TimeSpan.FromSeconds(5);

        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The longest X-RateLimit-ToWait-Sec honoured; a longer one (a used-up hourly or daily
        /// limit) ends the pull with a clear message instead of blocking for hours.</summary>
        public TimeSpan MaxSingleWait { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long one page may take, headers and body, before it counts as a failed attempt.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

        public CancellationToken CancellationToken { get; set; }

        /// <summary>Requests, pages, waits and retries, for -Verbose. Never receives the credential.</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>Things worth a user's attention that do not stop the pull.</summary>
        public Action<string>? Warning { get; set; }

        public Action<QualysApiProgress>? Progress { get; set; }

        /// <summary>How the client waits before a retry; the default blocks the calling thread until the
        /// delay has passed or the token is cancelled. Tests replace it to record waits instead of sleeping.</summary>
        public Action<TimeSpan, CancellationToken>? Wait { get; set; }
    }
}
