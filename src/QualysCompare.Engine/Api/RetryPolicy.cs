using System;
using System.Threading;
using QualysCompare.Engine.Model;
using static QualysCompare.Engine.Api.ApiText;

namespace QualysCompare.Engine.Api
{
    /// <summary>How many times one page has been held back so far.</summary>
    internal readonly struct RetryState
    {
        public RetryState(int waits, int failures)
        {
            Waits = waits;
            Failures = failures;
        }

        /// <summary>Attempts refused by a rate or concurrency limit (HTTP 409).</summary>
        public int Waits { get; }

        /// <summary>Attempts that failed (5xx, dropped connection, cut body, timeout).</summary>
        public int Failures { get; }

        /// <summary>The 1-based number of the next attempt.</summary>
        public int Attempt => Waits + Failures + 1;
    }

    /// <summary>Try the page again after <see cref="Delay"/>, or give up with <see cref="GiveUp"/>.</summary>
    internal sealed class RetryDecision
    {
        private RetryDecision(RetryState next, TimeSpan delay, string? announcement, QualysReportException? giveUp)
        {
            Next = next;
            Delay = delay;
            Announcement = announcement;
            GiveUp = giveUp;
        }

        /// <summary>The counts including this setback.</summary>
        public RetryState Next { get; }

        public TimeSpan Delay { get; }

        /// <summary>The verbose line that says why and how long the client waits.</summary>
        public string? Announcement { get; }

        /// <summary>Not null when the page is given up: the error that ends the pull.</summary>
        public QualysReportException? GiveUp { get; }

        public static RetryDecision Retry(RetryState next, TimeSpan delay, string announcement) => new RetryDecision(next, delay, announcement, null);

        public static RetryDecision Stop(RetryState next, QualysReportException error) => new RetryDecision(next, TimeSpan.Zero, null, error);
    }

    /// <summary>
    /// Whether, and after how long, a page is asked for again. The decisions are pure: given the
    /// page's counts so far and what happened, they say how long to wait and what to tell the user,
    /// or which error ends the pull. HTTP 409 counts against MaxRateLimitWaits and waits as long as
    /// X-RateLimit-ToWait-Sec says (up to MaxSingleWait), or, without it, a concurrency backoff that
    /// doubles from ConcurrencyDelay. Everything else counts against MaxRetries and waits a backoff
    /// that doubles from RetryDelay. Backoffs stop growing at MaxBackoff.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly int _maxRetries;
        private readonly int _maxRateLimitWaits;
        private readonly TimeSpan _retryDelay;
        private readonly TimeSpan _concurrencyDelay;
        private readonly TimeSpan _maxBackoff;
        private readonly TimeSpan _maxSingleWait;
        private readonly string _target;
        private readonly Action<TimeSpan, CancellationToken> _wait;

        /// <param name="options">The limits and delays.</param>
        /// <param name="target">The endpoint, named by the errors.</param>
        /// <param name="wait">How to wait; by default the calling thread blocks until the delay has
        /// passed or the token is cancelled. Tests replace it to record waits instead of sleeping.</param>
        public RetryPolicy(QualysApiOptions options, string target, Action<TimeSpan, CancellationToken>? wait = null)
        {
            _maxRetries = options.MaxRetries;
            _maxRateLimitWaits = options.MaxRateLimitWaits;
            _retryDelay = options.RetryDelay;
            _concurrencyDelay = options.ConcurrencyDelay;
            _maxBackoff = options.MaxBackoff;
            _maxSingleWait = options.MaxSingleWait;
            _target = target;
            _wait = wait ?? WaitOrCancel;
        }

        public RetryDecision Decide(int page, RetryState state, Setback setback)
        {
            switch (setback.Kind)
            {
                case SetbackKind.RateLimited:
                    var toWait = TimeSpan.FromSeconds(setback.ToWaitSeconds);
                    if (toWait > _maxSingleWait)
                        return RetryDecision.Stop(state, Error(ErrorIds.ApiRateLimited, ReportErrorKind.LimitsExceeded,
                            $"the subscription's API rate limit is used up: Qualys asks to wait {setback.ToWaitSeconds} s before page {page} (longer than {Seconds(_maxSingleWait)} s). Try again later.{setback.QualysSays}"));
                    return Wait(page, state, $"Qualys asked to wait {setback.ToWaitSeconds} s (rate limit)", toWait);

                case SetbackKind.ConcurrencyLimited:
                    var backoff = Backoff(_concurrencyDelay, state.Waits + 1);
                    return Wait(page, state, $"Qualys asked to wait {Seconds(backoff)} s ({setback.Reason})", backoff);

                default:
                    var next = new RetryState(state.Waits, state.Failures + 1);
                    if (next.Failures > _maxRetries)
                        return RetryDecision.Stop(next, Error(ErrorIds.ApiUnavailable, ReportErrorKind.ConnectionError,
                            $"page {page} failed {next.Failures} times; the last time {setback.Reason}."));
                    var delay = Backoff(_retryDelay, next.Failures);
                    return RetryDecision.Retry(next, delay, $"Page {page}: {setback.Reason} — retry {next.Failures} of {_maxRetries} in {Seconds(delay)} s.");
            }
        }

        /// <summary><paramref name="first"/> doubled for each attempt after the first, up to MaxBackoff.</summary>
        public TimeSpan Backoff(TimeSpan first, int attempt)
        {
            double factor = Math.Pow(2, Math.Max(0, attempt - 1));
            double ticks = Math.Min(first.Ticks * factor, _maxBackoff.Ticks);
            return TimeSpan.FromTicks((long)ticks);
        }

        /// <summary>Waits out a decision's delay; throws <see cref="OperationCanceledException"/> as
        /// soon as the token is cancelled.</summary>
        public void Pause(TimeSpan delay, CancellationToken token)
        {
            _wait(delay, token);
            token.ThrowIfCancellationRequested();
        }

        private RetryDecision Wait(int page, RetryState state, string reason, TimeSpan delay)
        {
            var next = new RetryState(state.Waits + 1, state.Failures);
            if (next.Waits > _maxRateLimitWaits)
                return RetryDecision.Stop(next, Error(ErrorIds.ApiRateLimited, ReportErrorKind.LimitsExceeded,
                    $"Qualys still refused page {page} after {_maxRateLimitWaits} waits ({reason}). API limits are shared by every script of the subscription; try again later."));
            return RetryDecision.Retry(next, delay, $"{reason} — wait {next.Waits} of {_maxRateLimitWaits}");
        }

        private QualysReportException Error(string errorId, ReportErrorKind kind, string message) =>
            new QualysReportException(errorId, kind, _target, 0, message);

        private static void WaitOrCancel(TimeSpan delay, CancellationToken token) => token.WaitHandle.WaitOne(delay);
    }
}
