using System;
using System.Management.Automation;
using QualysCompare.Engine.Model;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>-ApiUrl of the API cmdlets: parsed, and shown in messages only when it cannot carry a password.</summary>
    internal static class ApiUrlArgument
    {
        public static Uri Parse(PSCmdlet cmdlet, string apiUrl)
        {
            if (Uri.TryCreate(apiUrl.Trim(), UriKind.RelativeOrAbsolute, out var url)) return url;
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"{Shown(apiUrl) ?? "The API URL"} is not a URL. Pass the API server of your platform, e.g. https://qualysapi.qg2.apps.qualys.com."),
                ErrorIds.ApiUrlInvalid, ErrorCategory.InvalidArgument, Shown(apiUrl)));
            throw new InvalidOperationException("unreachable: ThrowTerminatingError returned");
        }

        /// <summary>The URL as given, unless it may carry a password (user:pass@host).</summary>
        public static string? Shown(string apiUrl) => apiUrl.IndexOf('@') >= 0 ? null : apiUrl;
    }
}
