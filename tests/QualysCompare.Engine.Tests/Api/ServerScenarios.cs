// Also compiled by tests/Pester (Add-Type), which has no project settings: hence the pragma.
#nullable enable
using System;
using System.Threading;

namespace QualysCompare.Testing
{
    /// <summary>
    /// Named fake-Qualys behaviours, so PowerShell tests can start a server without writing a
    /// responder (a script block cannot run on the server's threads).
    /// </summary>
    public static class ServerScenarios
    {
        public static FakeQualysServer Start(string name) => new FakeQualysServer(Responder(name));

        /// <summary>Where a scenario answers, it answers the KnowledgeBase endpoint from the recorded
        /// KnowledgeBase (<see cref="FakeKnowledgeBase"/>), which describes every QID of the detection pages.</summary>
        public static Func<RecordedRequest, ScriptedResponse> Responder(string name)
        {
            var knowledgeBase = new Lazy<FakeKnowledgeBase>(FakeKnowledgeBase.FromFixture);
            Func<RecordedRequest, ScriptedResponse> answer = request =>
                FakeKnowledgeBase.Serves(request) ? knowledgeBase.Value.Answer(request) : ThreePages(request);
            int calls = 0;
            switch (name)
            {
                case "ThreePages":
                    return answer;
                case "RateLimitedOnce":
                    // Qualys's rate limit on the first call: wait 1 s, then the answers.
                    return request => Interlocked.Increment(ref calls) == 1
                        ? ScriptedResponse.Xml(HostDetectionPages.Error("1960", "This API cannot be run again for another 1 second."), 409, "Conflict")
                            .With("x-ratelimit-limit", "300").With("x-ratelimit-window-sec", "3600")
                            .With("x-ratelimit-remaining", "0").With("x-ratelimit-towait-sec", "1")
                        : answer(request);
                case "KnowledgeBaseRefused":
                    // The detections arrive; the KnowledgeBase is refused, as for a subscription without access to it.
                    return request => FakeKnowledgeBase.Serves(request)
                        ? ScriptedResponse.Xml(HostDetectionPages.Error("2002", "Access to the KnowledgeBase API is not enabled for this subscription."))
                        : ThreePages(request);
                case "HostFacts":
                    // One page of hosts whose scan dates, tags and QDS say how to read and rank them.
                    return request => ScriptedResponse.Xml(HostDetectionPages.Page(HostDetectionPages.FactHosts, null,
                        showTags: request.Field("show_tags") == "1", showQds: request.Field("show_qds") == "1"));
                case "QdsRefused":
                    // A subscription without VMDR: Qualys's answer to a parameter the account may not use
                    // (API guide, Appendix D: 1901 "Unrecognized parameter(s)"); the same pull without it works.
                    return request => request.Field("show_qds") != null
                        ? ScriptedResponse.Xml(HostDetectionPages.Error("1901", "Unrecognized parameter(s): show_qds"), 400, "Bad Request")
                        : ThreePages(request);
                case "AccountExpired":
                    return request => ScriptedResponse.Xml(HostDetectionPages.Error("2001", "This account has expired."));
                case "Unauthorized":
                    return request => ScriptedResponse.Xml(HostDetectionPages.Error("2000", "Bad Login/Password"), 401, "Unauthorized");
                default:
                    throw new ArgumentException($"no scenario named '{name}'", nameof(name));
            }
        }

        /// <summary>The three linked pages of <see cref="HostDetectionPages.ThreePages"/>, picked by id_min.</summary>
        public static ScriptedResponse ThreePages(RecordedRequest request) =>
            ScriptedResponse.Xml(HostDetectionPages.ThreePages(request.Field("id_min"), request.Field("show_tags") == "1", request.Field("show_qds") == "1"));
    }
}
