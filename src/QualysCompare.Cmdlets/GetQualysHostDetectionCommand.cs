using System;
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
    /// <summary>Pulls detections from the Qualys Host List VM Detection API into QualysFinding objects.</summary>
    [Cmdlet(VerbsCommon.Get, "QualysHostDetection")]
    [OutputType(typeof(QualysFinding))]
    public sealed class GetQualysHostDetectionCommand : PSCmdlet
    {
        private const string Activity = "Get-QualysHostDetection";
        private const int ProgressId = 1;

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ApiUrl { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        [Parameter]
        public TrackingMethodFilter TrackingMethod { get; set; } = TrackingMethodFilter.All;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public DetectionStatus[] Status { get; set; } = Array.Empty<DetectionStatus>();

        [Parameter]
        public DateTime DetectionUpdatedSince { get; set; }

        [Parameter]
        public SwitchParameter IncludeResults { get; set; }

        [Parameter]
        public SwitchParameter IncludeTags { get; set; }

        [Parameter]
        public SwitchParameter IncludeQds { get; set; }

        [Parameter]
        [ValidateRange(0, 1000000)]
        public int TruncationLimit { get; set; } = 1000;

        /// <summary>A folder, despite the name: one file per page is written into it.</summary>
        [Parameter]
        [Alias("OutFolder")]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        [ValidatePattern(@"^[0-9]{1,2}\.[0-9]{1,2}$")]
        public string ApiVersion { get; set; } = "2.0";

        protected override void ProcessRecord()
        {
            // Every report is shown: the pull reports twice a page, each time just before or after a
            // request that can take minutes, so a throttle would hide the bar while it waits.
            var output = new CmdletOutput(this, ProgressId, Activity, progressInterval: TimeSpan.Zero);
            var options = new QualysApiOptions
            {
                ApiUrl = ApiUrlArgument.Parse(this, ApiUrl),
                Credential = Credential.GetNetworkCredential(),
                ApiVersion = ApiVersion,
                TrackingMethod = TrackingMethod,
                Status = Status,
                DetectionUpdatedSince = MyInvocation.BoundParameters.ContainsKey(nameof(DetectionUpdatedSince)) ? DetectionUpdatedSince : (DateTime?)null,
                IncludeResults = IncludeResults.IsPresent,
                IncludeTags = IncludeTags.IsPresent,
                IncludeQds = IncludeQds.IsPresent,
                TruncationLimit = TruncationLimit,
                OutFolder = OutFile != null ? ResolveFolder(OutFile) : null,
                CancellationToken = _cancel.Token,
                Output = output,
            };

            QualysApiClient client;
            try
            {
                client = new QualysApiClient(options);
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ApiUrlArgument.Shown(ApiUrl)));
                return;
            }

            try
            {
                WriteVerbose($"Pulling Host List VM Detection from {client.Endpoint} as {TrackingMethod} hosts" + (options.OutFolder != null ? $", saving the pages in {options.OutFolder}." : "."));
                foreach (var finding in client.GetHostDetections())
                {
                    WriteObject(finding);
                }
            }
            catch (QualysReportException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, client.Endpoint));
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                // StopProcessing: PowerShell ends the pipeline itself.
            }
            catch (Exception e) when (ErrorRecords.IsIo(e))
            {
                ThrowTerminatingError(ErrorRecords.FromIo(e, options.OutFolder ?? client.Endpoint.ToString()));
            }
            finally
            {
                output.WriteProgress(EngineProgress.Finished);
                client.Dispose();
            }
        }

        private string ResolveFolder(string path)
        {
            string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"'{path}' is on the {provider.Name} provider; the pages can only be saved to a folder."),
                    "OutFileNotFileSystem", ErrorCategory.InvalidArgument, path));
            if (File.Exists(full))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{full}' is a file. -OutFile takes a folder: one file per page (page-0001.xml, page-0002.xml, …) is written into it."),
                    "OutFileIsFile", ErrorCategory.InvalidArgument, full));
            return full;
        }

        protected override void StopProcessing() => _cancel.Cancel();
    }
}
