namespace QualysCompare.Engine.Api
{
    /// <summary>What kept an attempt at a page from giving the page, when another attempt may.</summary>
    internal enum SetbackKind
    {
        /// <summary>HTTP 409 with X-RateLimit-ToWait-Sec: the subscription's rate limit.</summary>
        RateLimited,

        /// <summary>HTTP 409 without a wait: too many calls running at once.</summary>
        ConcurrencyLimited,

        /// <summary>HTTP 5xx.</summary>
        ServerError,

        /// <summary>The request failed or the connection broke before the answer was complete.</summary>
        ConnectionDropped,

        /// <summary>The answer arrived but is not complete XML: it was cut off on the way.</summary>
        BodyCut,

        /// <summary>No answer, or no more of it, within RequestTimeout.</summary>
        TimedOut,
    }

    /// <summary>One setback, as <see cref="RetryPolicy"/> needs it to decide.</summary>
    internal sealed class Setback
    {
        private Setback(SetbackKind kind, string reason, int toWaitSeconds, string qualysSays)
        {
            Kind = kind;
            Reason = reason;
            ToWaitSeconds = toWaitSeconds;
            QualysSays = qualysSays;
        }

        public SetbackKind Kind { get; }

        /// <summary>True for HTTP 409 (Qualys's rate or concurrency limit), false for a failure.</summary>
        public bool Limited => Kind == SetbackKind.RateLimited || Kind == SetbackKind.ConcurrencyLimited;

        /// <summary>For a failure, what went wrong ("Qualys answered HTTP 503 …"); for a concurrency
        /// block, why Qualys refused ("concurrency limit: 2 of 2 calls running"); for a rate limit, empty.</summary>
        public string Reason { get; }

        /// <summary>X-RateLimit-ToWait-Sec of a <see cref="SetbackKind.RateLimited"/> answer.</summary>
        public int ToWaitSeconds { get; }

        /// <summary>" Qualys says: CODE …: …." from the error body, or empty.</summary>
        public string QualysSays { get; }

        public static Setback Failure(SetbackKind kind, string reason) => new Setback(kind, reason, 0, string.Empty);

        /// <summary>HTTP 409: a rate limit when Qualys says how long to wait (a positive ToWait-Sec),
        /// otherwise a concurrency block.</summary>
        public static Setback Limit(int? toWaitSeconds, string concurrencyReason, string qualysSays) =>
            toWaitSeconds > 0
                ? new Setback(SetbackKind.RateLimited, string.Empty, toWaitSeconds.Value, qualysSays)
                : new Setback(SetbackKind.ConcurrencyLimited, concurrencyReason, 0, qualysSays);
    }
}
