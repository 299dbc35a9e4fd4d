using System;
using System.Net;
using System.Text.RegularExpressions;
using QualysCompare.Engine.Model;

namespace QualysCompare.Engine.Api
{
    /// <summary>
    /// An API endpoint (Host List VM Detection, KnowledgeBase) on the server a URL names, refusing any URL that would expose the
    /// credential: plain http off this machine, a user name or password in the URL, a redirecting
    /// query. A URL that may carry a password is never echoed in a message.
    /// </summary>
    internal sealed class ApiEndpoint
    {
        private const string Example = "https://qualysapi.qg2.apps.qualys.com";

        /// <summary>Host List VM Detection, below /api/&lt;version&gt;/.</summary>
        public const string DetectionService = "fo/asset/host/vm/detection/";

        /// <summary>The KnowledgeBase (action=list), below /api/&lt;version&gt;/.</summary>
        public const string KnowledgeBaseService = "fo/knowledge_base/vuln/";
        private static readonly Regex ApiVersionPattern = new Regex(@"^[0-9]{1,2}\.[0-9]{1,2}$", RegexOptions.CultureInvariant);

        private ApiEndpoint(Uri uri, bool loopback)
        {
            Uri = uri;
            IsLoopback = loopback;
        }

        /// <summary>…/api/&lt;version&gt;/&lt;service&gt; on the given server.</summary>
        public Uri Uri { get; }

        /// <summary>The server is this machine (localhost or a loopback address): no proxy can reach it.</summary>
        public bool IsLoopback { get; }

        /// <exception cref="InsecureApiUrlException">Plain http to a host other than this machine.</exception>
        /// <exception cref="QualysReportException">ApiUrlInvalid or QualysApiParameterInvalid (the version).</exception>
        public static ApiEndpoint Of(Uri? apiUrl, string? apiVersion, string service = DetectionService)
        {
            if (apiUrl == null)
                throw Invalid($"no API URL was given. Pass the API server of your platform, e.g. {Example}.");
            // The URL may carry a password by mistake; it is echoed only when it cannot.
            string shown = apiUrl.OriginalString.IndexOf('@') >= 0 ? "the API URL" : $"'{apiUrl.OriginalString}'";
            if (!apiUrl.IsAbsoluteUri)
                throw Invalid($"{shown} is not an absolute URL. Pass the API server with its scheme, e.g. {Example}.");
            if (!string.IsNullOrEmpty(apiUrl.UserInfo))
                throw Invalid("the API URL carries a user name or password. Give them as the credential and the URL without them: a URL ends up in logs and history.");

            bool loopback = IsLoopbackHost(apiUrl);
            string scheme = apiUrl.Scheme.ToLowerInvariant();
            if (scheme == "http" && !loopback)
                throw new InsecureApiUrlException(
                    $"{shown} is plain http: the user name and password would cross the network readable by anyone on the way. Use https://{apiUrl.Authority}/ (http is accepted only for this machine's loopback address).");
            if (scheme != "https" && scheme != "http")
                throw Invalid($"{shown} is not an https URL. Pass the API server of your platform, e.g. {Example}.");
            if (!string.IsNullOrEmpty(apiUrl.Query) || !string.IsNullOrEmpty(apiUrl.Fragment))
                throw Invalid($"{shown} has a query or fragment. Pass only the API server, e.g. {Example}: the client builds the request itself.");
            string basePath = apiUrl.AbsolutePath.TrimEnd('/');
            if (basePath.IndexOf("/api/", StringComparison.OrdinalIgnoreCase) >= 0 || basePath.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
                throw Invalid($"{shown} already has an API path. Pass only the API server, e.g. {Example}: /api/<version>/{service} is added to it.");

            string version = apiVersion ?? string.Empty;
            if (!ApiVersionPattern.IsMatch(version))
                throw new QualysReportException(ErrorIds.ApiParameterInvalid, ReportErrorKind.InvalidArgument, null, 0,
                    $"'{version}' is not an API version such as 2.0 or 5.0.");
            var endpoint = new Uri($"{scheme}://{apiUrl.Authority}{basePath}/api/{version}/{service}", UriKind.Absolute);
            return new ApiEndpoint(endpoint, loopback);
        }

        private static QualysReportException Invalid(string message) =>
            new QualysReportException(ErrorIds.ApiUrlInvalid, ReportErrorKind.InvalidArgument, null, 0, message);

        private static bool IsLoopbackHost(Uri url)
        {
            string host = url.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }
    }
}
