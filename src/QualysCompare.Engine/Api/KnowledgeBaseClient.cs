using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;
using QualysCompare.Engine.Readers;
using QualysCompare.Engine.Writers;
using static QualysCompare.Engine.Api.ApiText;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// Downloads KnowledgeBase entries from the KnowledgeBase API (/api/&lt;version&gt;/fo/knowledge_base/vuln/,
    /// action=list, details=All) as the <see cref="KnowledgeBaseEntry"/> objects Import-QualysKnowledgeBase
    /// makes of a saved download: every page is read by <see cref="KnowledgeBaseReader"/> itself.
    /// </summary>
    /// <remarks>
    /// The connection, retries, rate limits, paging and redaction are the detection pull's own
    /// (<see cref="ApiConnection"/>). With a cache file, the first run stores what it fetched and
    /// later runs ask only for what Qualys modified since the cache's newest entry
    /// (last_modified_after), plus the asked-for QIDs the cache lacks; a cache that cannot be read
    /// in full is never trusted: it is named in a warning and rebuilt from a full download.
    /// Everything the caller sees happens on the thread that enumerates <see cref="GetEntries"/>.
    /// </remarks>
    public sealed class KnowledgeBaseClient : IDisposable
    {
        private readonly KnowledgeBaseApiOptions _options;
        private readonly ApiConnection _connection;
        private readonly IEngineOutput _output;
        private readonly CancellationToken _token;
        private readonly PageSaver _spools = new PageSaver(null);
        private readonly List<int> _qids;
        private int _page;

        /// <summary>Checks the options and prepares the connection; no request is made yet.</summary>
        /// <exception cref="InsecureApiUrlException">ApiUrl is plain http to a host other than this machine.</exception>
        /// <exception cref="QualysReportException">Another option is missing or invalid (ErrorIds ApiUrlInvalid, QualysApiParameterInvalid).</exception>
        public KnowledgeBaseClient(KnowledgeBaseApiOptions options)
            : this(options, wait: null)
        {
        }

        /// <param name="options">The download.</param>
        /// <param name="wait">How the client waits before asking again; tests record the waits instead of sleeping.</param>
        internal KnowledgeBaseClient(KnowledgeBaseApiOptions options, Action<TimeSpan, CancellationToken>? wait)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            var connection = options.Connection ?? throw new ArgumentException("The connection options are missing.", nameof(options));
            _qids = (options.Qids ?? new List<int>()).Distinct().OrderBy(q => q).ToList();
            if (_qids.Count > 0 && _qids[0] <= 0)
                throw Invalid($"QID {_qids[0]} is not a QID: QIDs are positive numbers.");
            if (options.CachePath != null && !Path.IsPathRooted(options.CachePath))
                throw Invalid($"the cache path '{options.CachePath}' is not rooted.");
            _connection = new ApiConnection(connection, ApiEndpoint.KnowledgeBaseService, PageEnvelope.KnowledgeBaseRoot, wait);
            _output = _connection.Output;
            _token = connection.CancellationToken;
        }

        /// <summary>The KnowledgeBase endpoint every request is posted to.</summary>
        public Uri Endpoint => _connection.Endpoint.Uri;

        /// <summary>Requests answered so far, counting each page of a paged answer.</summary>
        public int RequestCount { get; private set; }

        /// <summary>Entries that came from Qualys (not from the cache).</summary>
        public int FetchedCount { get; private set; }

        /// <summary>The cache existed and was read in full, so only changes were asked for.</summary>
        public bool CacheUsed { get; private set; }

        /// <summary>Entries the cache held before this run.</summary>
        public int CachedCount { get; private set; }

        /// <summary>Asked-for QIDs that Qualys does not describe (it leaves them out silently).</summary>
        public IReadOnlyList<int> UnknownQids { get; private set; } = Array.Empty<int>();

        /// <summary>Time spent waiting for rate limits, concurrency blocks and retries.</summary>
        public TimeSpan TotalWaited => _connection.TotalWaited;

        /// <summary>
        /// The asked-for QIDs (every QID without <see cref="KnowledgeBaseApiOptions.Qids"/>). Without a
        /// cache they stream page by page as they arrive; with one, once the cache has been refreshed
        /// and written, in QID order.
        /// </summary>
        public IEnumerable<KnowledgeBaseEntry> GetEntries()
        {
            _page = 0;
            RequestCount = 0;
            FetchedCount = 0;
            CacheUsed = false;
            CachedCount = 0;
            UnknownQids = Array.Empty<int>();
            _connection.ResetWaited();
            return _options.CachePath == null ? Stream() : ThroughCache(_options.CachePath);
        }

        private string? AskedRanges => _qids.Count > 0 ? KnowledgeBaseRequestForm.Ranges(_qids) : null;

        private IEnumerable<KnowledgeBaseEntry> Stream()
        {
            var seen = new HashSet<int>();
            foreach (var entry in Fetch(AskedRanges, null))
            {
                seen.Add(entry.QID);
                yield return entry;
            }
            NoteUnknown(seen);
            Say($"{RequestCount} request(s), {FetchedCount} entries; waited {Seconds(TotalWaited)} s in all.");
        }

        private IEnumerable<KnowledgeBaseEntry> ThroughCache(string path)
        {
            var cached = ReadCache(path);
            var merged = cached ?? new Dictionary<int, KnowledgeBaseEntry>();
            DateTime? newest = cached?.Values.Max(e => e.LastModified);
            bool changed = cached == null;
            if (cached != null && newest == null)
            {
                Say($"{path} holds no modification dates, so it cannot be refreshed by date: downloading in full.");
                changed = true;
            }
            foreach (var entry in Fetch(AskedRanges, newest))
            {
                merged[entry.QID] = entry;
                changed = true;
            }
            if (cached != null)
            {
                var missing = _qids.Where(q => !merged.ContainsKey(q)).ToList();
                if (missing.Count > 0)
                {
                    Say($"{missing.Count} QID(s) are not in the cache yet; asking for them.");
                    foreach (var entry in Fetch(KnowledgeBaseRequestForm.Ranges(missing), null))
                        merged[entry.QID] = entry;
                }
                changed |= missing.Count > 0;
            }

            var all = merged.Values.OrderBy(e => e.QID).ToList();
            if (changed)
            {
                KnowledgeBaseXmlWriter.Write(path, all, DateTime.UtcNow, _token);
                Say($"{path}: {all.Count} entries written.");
            }
            var result = _qids.Count > 0 ? all.Where(e => _qids.BinarySearch(e.QID) >= 0).ToList() : all;
            NoteUnknown(new HashSet<int>(result.Select(e => e.QID)));
            Say($"{RequestCount} request(s), {FetchedCount} entries from Qualys, {CachedCount} from the cache; waited {Seconds(TotalWaited)} s in all.");
            foreach (var entry in result) yield return entry;
        }

        /// <summary>The cache's entries, or null when there is none yet or it cannot be trusted.</summary>
        private Dictionary<int, KnowledgeBaseEntry>? ReadCache(string path)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Say($"{path} does not exist yet: downloading in full and keeping the entries there.");
                return null;
            }
            var entries = new Dictionary<int, KnowledgeBaseEntry>();
            var problems = new FirstWarning();
            string? damage;
            try
            {
                foreach (var entry in KnowledgeBaseReader.Read(path, new ImportOptions { CancellationToken = _token, Output = problems }))
                    entries[entry.QID] = entry;
                damage = problems.Warning;
            }
            catch (QualysReportException e)
            {
                damage = e.Message;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                damage = e.Message;
            }
            if (damage != null)
            {
                _output.WriteWarning($"The KnowledgeBase cache {path} is damaged and not used ({damage}); it is rebuilt from a full download.");
                return null;
            }
            CacheUsed = true;
            CachedCount = entries.Count;
            Say($"{path}: {entries.Count} cached entries.");
            return entries;
        }

        /// <summary>One request, page after page until Qualys stops linking to a next one.</summary>
        /// <param name="ids">ids= (ranges), or null for every QID.</param>
        /// <param name="modifiedAfter">last_modified_after=, or null.</param>
        private IEnumerable<KnowledgeBaseEntry> Fetch(string? ids, DateTime? modifiedAfter)
        {
            string? idMin = null;
            while (true)
            {
                _token.ThrowIfCancellationRequested();
                _page++;
                _output.WriteProgress(new EngineProgress($"Requesting KnowledgeBase page {_page} ({FetchedCount:N0} entries so far)"));
                var form = KnowledgeBaseRequestForm.For(ids, modifiedAfter, idMin);
                using var download = _connection.Fetch(_page, form, KnowledgeBaseRequestForm.Text(form), _spools.Open(_page));
                RequestCount++;
                int count = 0;
                var importOptions = new ImportOptions { CancellationToken = _token, Output = new WarningsAsVerbose(_output) };
                foreach (var entry in KnowledgeBaseReader.Read(download.Spool.TempPath, importOptions))
                {
                    // The spool is a temporary file; the entry came from the endpoint.
                    entry.SourceFile = Endpoint.ToString();
                    count++;
                    FetchedCount++;
                    yield return entry;
                }
                string? next = _connection.Paging.NextIdMin(download.Envelope, _page, idMin);
                Say($"Page {_page}: {count} entries" + (next != null ? $"; the next page starts at QID {next}." : "; it is the last page."));
                if (next == null) yield break;
                idMin = next;
            }
        }

        private void NoteUnknown(HashSet<int> found)
        {
            var unknown = _qids.Where(q => !found.Contains(q)).ToList();
            UnknownQids = unknown;
            if (unknown.Count > 0)
                Say($"Qualys describes no QID {string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? ", …" : string.Empty)} ({unknown.Count} in all): they get no title or KnowledgeBase reason.");
        }

        private void Say(string message) => _output.WriteVerbose(message);

        private static QualysReportException Invalid(string message) =>
            new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0, message);

        public void Dispose() => _connection.Dispose();

        /// <summary>Keeps the first warning reading the cache gives: the cache is written by this
        /// client, so any warning means something else wrote or changed it.</summary>
        private sealed class FirstWarning : IEngineOutput
        {
            public string? Warning { get; private set; }

            public void WriteVerbose(string message)
            {
            }

            public void WriteWarning(string message) => Warning ??= message;

            public void WriteError(Exception error, string target) => Warning ??= error.Message;

            public void WriteProgress(EngineProgress progress)
            {
            }
        }
    }
}
