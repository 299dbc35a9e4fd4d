using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

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

        /// <summary>show_tags=1: each host's asset tags (Tags). A subscription that refuses it ends the
        /// pull with QualysApiParameterRefused.</summary>
        public bool IncludeTags { get; set; }

        /// <summary>show_qds=1: each detection's Qualys Detection Score and band (Qds, QdsSeverity), where
        /// the subscription has QDS (VMDR); one that refuses it ends the pull with QualysApiParameterRefused.</summary>
        public bool IncludeQds { get; set; }

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

        /// <summary>Where requests, pages, waits and retries (verbose), warnings and progress go, on
        /// the thread that enumerates the findings. Never receives the credential.</summary>
        public IEngineOutput Output { get; set; } = NullEngineOutput.Instance;

        /// <summary>The numbers and names above, checked before any request.</summary>
        /// <exception cref="QualysReportException">QualysApiParameterInvalid.</exception>
        internal void CheckParameters()
        {
            string? problem =
                TruncationLimit < 0 ? $"TruncationLimit {TruncationLimit} is negative; use 0 for no truncation or a number of hosts per page."
                : MaxRetries < 0 || MaxRateLimitWaits < 0 ? "MaxRetries and MaxRateLimitWaits cannot be negative."
                : RetryDelay < TimeSpan.Zero || ConcurrencyDelay < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero ? "delays cannot be negative."
                : RequestTimeout <= TimeSpan.Zero ? "RequestTimeout must be positive."
                : string.IsNullOrWhiteSpace(ClientName) ? "ClientName (sent as X-Requested-With, which Qualys requires) is empty."
                : DetectionUpdatedSince is DateTime since && DetectionRequestForm.ToUtc(since) > DateTime.UtcNow
                    ? $"DetectionUpdatedSince {DetectionRequestForm.ToUtc(since):yyyy-MM-dd HH:mm:ss} UTC is in the future: no detection can have been updated since then."
                : null;
            if (problem != null)
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0, problem);
        }
    }
}
