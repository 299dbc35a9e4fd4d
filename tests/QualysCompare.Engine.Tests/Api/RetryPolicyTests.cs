using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Model;
using Xunit;

namespace QualysCompare.Engine.Tests.Api
{
    /// <summary>
    /// The retry and back-off rules on their own, without any HTTP server: what RetryPolicy decides
    /// after each kind of setback, how long it waits, when it gives up, and how a wait ends when
    /// the pull is cancelled.
    /// </summary>
    public sealed class RetryPolicyTests
    {
        private const string Target = "https://qualysapi.example.com/api/2.0/fo/asset/host/vm/detection/";

        private static RetryPolicy Policy(Action<QualysApiOptions>? change = null, Action<TimeSpan, CancellationToken>? wait = null)
        {
            // The documented defaults: MaxRetries 4, MaxRateLimitWaits 5, RetryDelay 2 s,
            // ConcurrencyDelay 5 s, MaxBackoff 60 s, MaxSingleWait 1 h.
            var options = new QualysApiOptions();
            change?.Invoke(options);
            return new RetryPolicy(options, Target, wait);
        }

        private static Setback ServerError() => Setback.Failure(SetbackKind.ServerError, "Qualys answered HTTP 503 Service Unavailable");

        private static Setback RateLimit(int seconds) => Setback.Limit(seconds, "HTTP 409 Conflict without rate-limit headers", " Qualys says: CODE 1960: wait.");

        private static Setback Concurrency() => Setback.Limit(null, "concurrency limit: 2 of 2 calls running", string.Empty);

        /// <summary>The decisions for the same setback, again and again, until the policy gives up.</summary>
        private static List<RetryDecision> Until(RetryPolicy policy, Func<Setback> setback, int page = 1, RetryState start = default)
        {
            var decisions = new List<RetryDecision>();
            var state = start;
            for (int i = 0; i < 100; i++)
            {
                var decision = policy.Decide(page, state, setback());
                decisions.Add(decision);
                if (decision.GiveUp != null) return decisions;
                state = decision.Next;
            }
            throw new InvalidOperationException("the policy never gave up");
        }

        private static TimeSpan[] Seconds(params double[] seconds) => seconds.Select(TimeSpan.FromSeconds).ToArray();

        // ---- failures: 5xx, dropped connection, cut body, timeout ----------------------------------

        [Fact]
        public void AFailureIsRetriedAfterADelayThatDoublesUpToMaxBackoff()
        {
            var policy = Policy(o =>
            {
                o.MaxRetries = 7;
                o.RetryDelay = TimeSpan.FromSeconds(3);
                o.MaxBackoff = TimeSpan.FromSeconds(20);
            });

            var decisions = Until(policy, ServerError);

            Assert.Equal(Seconds(3, 6, 12, 20, 20, 20, 20), decisions.Take(7).Select(d => d.Delay));
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7 }, decisions.Take(7).Select(d => d.Next.Failures));
            Assert.All(decisions, d => Assert.Equal(0, d.Next.Waits));
        }

        [Fact]
        public void TheBackoffDoublesFromTheFirstDelayAndStopsAtMaxBackoff()
        {
            var policy = Policy(o => o.MaxBackoff = TimeSpan.FromSeconds(60));

            Assert.Equal(Seconds(5, 10, 20, 40, 60, 60), Enumerable.Range(1, 6).Select(n => policy.Backoff(TimeSpan.FromSeconds(5), n)));
            // Far past the cap, the doubling neither overflows nor goes negative.
            Assert.Equal(TimeSpan.FromSeconds(60), policy.Backoff(TimeSpan.FromSeconds(5), 500));
        }

        [Fact]
        public void AFailureAnnouncesTheRetryWithItsNumberAndDelay()
        {
            var decision = Policy().Decide(3, default, ServerError());

            Assert.Null(decision.GiveUp);
            Assert.Equal("Page 3: Qualys answered HTTP 503 Service Unavailable — retry 1 of 4 in 2 s.", decision.Announcement);
        }

        [Fact]
        public void AfterMaxRetriesFailuresThePageIsGivenUpAsUnavailable()
        {
            var policy = Policy(o => o.MaxRetries = 3);

            var decisions = Until(policy, ServerError, page: 7);

            Assert.Equal(4, decisions.Count);
            Assert.All(decisions.Take(3), d => Assert.Null(d.GiveUp));
            var error = decisions.Last().GiveUp!;
            Assert.Equal(ErrorIds.ApiUnavailable, error.ErrorId);
            Assert.Equal(ReportErrorKind.ConnectionError, error.Kind);
            Assert.Equal(Target, error.Path);
            Assert.Equal($"{Target}: page 7 failed 4 times; the last time Qualys answered HTTP 503 Service Unavailable.", error.Message);
        }

        [Fact]
        public void WithMaxRetriesZeroTheFirstFailureEndsThePull()
        {
            var decision = Policy(o => o.MaxRetries = 0).Decide(1, default, ServerError());

            Assert.Equal(ErrorIds.ApiUnavailable, decision.GiveUp?.ErrorId);
        }

        [Theory]
        [InlineData(nameof(SetbackKind.ServerError))]
        [InlineData(nameof(SetbackKind.ConnectionDropped))]
        [InlineData(nameof(SetbackKind.BodyCut))]
        [InlineData(nameof(SetbackKind.TimedOut))]
        public void EveryKindOfFailureCountsAgainstMaxRetries(string kindName)
        {
            var kind = (SetbackKind)Enum.Parse(typeof(SetbackKind), kindName);

            var decisions = Until(Policy(), () => Setback.Failure(kind, "it broke"));

            Assert.Equal(Seconds(2, 4, 8, 16), decisions.Take(4).Select(d => d.Delay));
            Assert.Equal(ErrorIds.ApiUnavailable, decisions[4].GiveUp?.ErrorId);
            Assert.EndsWith("page 1 failed 5 times; the last time it broke.", decisions[4].GiveUp!.Message);
        }

        // ---- HTTP 409 with X-RateLimit-ToWait-Sec ------------------------------------------------------

        [Fact]
        public void ARateLimitWaitsExactlyAsLongAsQualysSaysEvenPastMaxBackoff()
        {
            var policy = Policy(o => o.MaxBackoff = TimeSpan.FromSeconds(60));

            var first = policy.Decide(2, default, RateLimit(120));
            var third = policy.Decide(2, new RetryState(2, 0), RateLimit(7));

            Assert.Equal(TimeSpan.FromSeconds(120), first.Delay);
            Assert.Equal("Qualys asked to wait 120 s (rate limit) — wait 1 of 5", first.Announcement);
            // No doubling: the third wait is what Qualys asked for this time.
            Assert.Equal(TimeSpan.FromSeconds(7), third.Delay);
            Assert.Equal(3, third.Next.Waits);
        }

        [Fact]
        public void AToWaitLongerThanMaxSingleWaitEndsThePullAtOnce()
        {
            var policy = Policy(o => o.MaxSingleWait = TimeSpan.FromMinutes(10));

            var atLimit = policy.Decide(4, default, RateLimit(600));
            var over = policy.Decide(4, default, RateLimit(601));

            Assert.Null(atLimit.GiveUp);
            Assert.Equal(TimeSpan.FromSeconds(600), atLimit.Delay);
            var error = over.GiveUp!;
            Assert.Equal(ErrorIds.ApiRateLimited, error.ErrorId);
            Assert.Equal(ReportErrorKind.LimitsExceeded, error.Kind);
            Assert.Equal($"{Target}: the subscription's API rate limit is used up: Qualys asks to wait 601 s before page 4 (longer than 600 s). Try again later. Qualys says: CODE 1960: wait.", error.Message);
        }

        [Fact]
        public void AfterMaxRateLimitWaitsThePageIsGivenUpAsRateLimited()
        {
            var policy = Policy(o => o.MaxRateLimitWaits = 2);

            var decisions = Until(policy, () => RateLimit(3), page: 5);

            Assert.Equal(3, decisions.Count);
            Assert.Equal(Seconds(3, 3), decisions.Take(2).Select(d => d.Delay));
            var error = decisions.Last().GiveUp!;
            Assert.Equal(ErrorIds.ApiRateLimited, error.ErrorId);
            Assert.Equal(ReportErrorKind.LimitsExceeded, error.Kind);
            Assert.Equal($"{Target}: Qualys still refused page 5 after 2 waits (Qualys asked to wait 3 s (rate limit)). API limits are shared by every script of the subscription; try again later.", error.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData(0)]
        [InlineData(-5)]
        public void A409WithoutAPositiveToWaitIsAConcurrencyBlock(int? toWait)
        {
            var setback = Setback.Limit(toWait, "HTTP 409 Conflict without rate-limit headers", string.Empty);

            var decision = Policy().Decide(1, default, setback);

            Assert.Equal(SetbackKind.ConcurrencyLimited, setback.Kind);
            Assert.Equal(TimeSpan.FromSeconds(5), decision.Delay);
            Assert.Equal("Qualys asked to wait 5 s (HTTP 409 Conflict without rate-limit headers) — wait 1 of 5", decision.Announcement);
        }

        // ---- HTTP 409 without a wait: concurrency ------------------------------------------------

        [Fact]
        public void AConcurrencyBlockWaitsADelayThatDoublesUpToMaxBackoff()
        {
            var policy = Policy(o =>
            {
                o.MaxRateLimitWaits = 6;
                o.ConcurrencyDelay = TimeSpan.FromSeconds(5);
                o.MaxBackoff = TimeSpan.FromSeconds(30);
            });

            var decisions = Until(policy, Concurrency);

            Assert.Equal(Seconds(5, 10, 20, 30, 30, 30), decisions.Take(6).Select(d => d.Delay));
            Assert.Equal("Qualys asked to wait 5 s (concurrency limit: 2 of 2 calls running) — wait 1 of 6", decisions[0].Announcement);
            Assert.Equal("Qualys asked to wait 10 s (concurrency limit: 2 of 2 calls running) — wait 2 of 6", decisions[1].Announcement);
            Assert.Equal(ErrorIds.ApiRateLimited, decisions[6].GiveUp?.ErrorId);
        }

        [Fact]
        public void WaitsAndFailuresHaveBudgetsOfTheirOwn()
        {
            var policy = Policy(o =>
            {
                o.MaxRetries = 2;
                o.MaxRateLimitWaits = 2;
            });

            // Two waits used up: a failure is still retried, with the first retry's delay.
            var failure = policy.Decide(1, new RetryState(2, 0), ServerError());
            // Two failures used up: a concurrency block still waits, with the first wait's delay.
            var block = policy.Decide(1, new RetryState(0, 2), Concurrency());

            Assert.Null(failure.GiveUp);
            Assert.Equal(TimeSpan.FromSeconds(2), failure.Delay);
            Assert.Equal(new RetryState(2, 1), failure.Next);
            Assert.Null(block.GiveUp);
            Assert.Equal(TimeSpan.FromSeconds(5), block.Delay);
            Assert.Equal(new RetryState(1, 2), block.Next);
            Assert.Equal(4, block.Next.Attempt);
        }

        // ---- waiting and cancellation --------------------------------------------------------------

        [Fact]
        public void PauseWaitsTheDelayWithThePullsToken()
        {
            var waits = new List<(TimeSpan, CancellationToken)>();
            using var cancel = new CancellationTokenSource();
            var policy = Policy(wait: (delay, token) => waits.Add((delay, token)));

            policy.Pause(TimeSpan.FromSeconds(8), cancel.Token);

            Assert.Equal(new[] { (TimeSpan.FromSeconds(8), cancel.Token) }, waits);
        }

        [Fact]
        public void CancellingDuringAPauseThrowsOperationCanceled()
        {
            using var cancel = new CancellationTokenSource();
            var policy = Policy(wait: (delay, token) => cancel.Cancel());

            Assert.ThrowsAny<OperationCanceledException>(() => policy.Pause(TimeSpan.FromSeconds(30), cancel.Token));
        }

        [Fact]
        public void TheDefaultWaitEndsAsSoonAsThePullIsCancelled()
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var policy = Policy();
            var clock = Stopwatch.StartNew();

            Assert.ThrowsAny<OperationCanceledException>(() => policy.Pause(TimeSpan.FromSeconds(30), cancel.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        }

        [Fact]
        public void TheDefaultWaitWaitsTheDelay()
        {
            var policy = Policy();
            var clock = Stopwatch.StartNew();

            policy.Pause(TimeSpan.FromMilliseconds(300), CancellationToken.None);

            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"took only {clock.Elapsed}");
        }
    }
}
