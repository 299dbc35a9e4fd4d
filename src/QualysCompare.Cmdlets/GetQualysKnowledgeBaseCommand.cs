using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using Microsoft.PowerShell.Commands;
using QualysCompare.Cmdlets.Internal;
using QualysCompare.Engine.Api;
using QualysCompare.Engine.Model;
using QualysCompare.Engine.Output;

namespace QualysCompare.Cmdlets
{
    /// <summary>Downloads KnowledgeBase entries from the Qualys KnowledgeBase API, optionally through a cache file.</summary>
    [Cmdlet(VerbsCommon.Get, "QualysKnowledgeBase")]
    [OutputType(typeof(KnowledgeBaseEntry))]
    public sealed class GetQualysKnowledgeBaseCommand : PSCmdlet
    {
        private const string Activity = "Get-QualysKnowledgeBase";
        private const int ProgressId = 1;

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly List<int> _qids = new List<int>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ApiUrl { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>Only these QIDs; sent as ranges in the request body.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1, int.MaxValue)]
        public int[] Qid { get; set; } = Array.Empty<int>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CachePath { get; set; }

        [Parameter]
        [ValidatePattern(@"^[0-9]{1,2}\.[0-9]{1,2}$")]
        public string ApiVersion { get; set; } = "2.0";

        /// <summary>QIDs piped in by property name are gathered so one download asks for all of them.</summary>
        protected override void ProcessRecord() => _qids.AddRange(Qid);

        protected override void EndProcessing()
        {
            var output = new CmdletOutput(this, ProgressId, Activity, progressInterval: TimeSpan.Zero);
            var options = new KnowledgeBaseApiOptions
            {
                Connection = new QualysApiOptions
                {
                    ApiUrl = ApiUrlArgument.Parse(this, ApiUrl),
                    Credential = Credential.GetNetworkCredential(),
                    ApiVersion = ApiVersion,
                    CancellationToken = _cancel.Token,
                    Output = output,
                },
                Qids = _qids,
                CachePath = CachePath != null ? ResolveFile(CachePath) : null,
            };

            KnowledgeBaseClient client;
            try
            {
                client = new KnowledgeBaseClient(options);
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ApiUrlArgument.Shown(ApiUrl)));
                return;
            }

            try
            {
                WriteVerbose($"Downloading the KnowledgeBase from {client.Endpoint}"
                    + (_qids.Count > 0 ? $" for {_qids.Count} QID(s)" : " (every QID)")
                    + (options.CachePath != null ? $" through the cache {options.CachePath}." : "."));
                foreach (var entry in client.GetEntries())
                {
                    WriteObject(entry);
                }
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.Path ?? client.Endpoint.ToString()));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                ThrowTerminatingError(ErrorRecords.FromIo(e, options.CachePath ?? client.Endpoint.ToString()));
            }
            finally
            {
                output.WriteProgress(EngineProgress.Finished);
                client.Dispose();
            }
        }

        private string ResolveFile(string path)
        {
            string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"'{path}' is on the {provider.Name} provider; the cache can only be a file."),
                    "CachePathNotFileSystem", ErrorCategory.InvalidArgument, path));
            if (Directory.Exists(full))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{full}' is a folder. -CachePath takes a file, e.g. {Path.Combine(full, "knowledgebase-cache.xml")}."),
                    "CachePathIsFolder", ErrorCategory.InvalidArgument, full));
            return full;
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
