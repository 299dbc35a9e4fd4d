<#
.SYNOPSIS
    The nightly coverage report: pulls or collects both Qualys vantage points, compares them, writes a
    dated HTML and CSV report, and tells monitoring by its exit code whether new gaps appeared.

.DESCRIPTION
    Made for Task Scheduler (pwsh -NoProfile -NonInteractive -File ...). It never prompts, and every step
    is logged, with a UTC timestamp, to -LogPath.

    1. Data, from one of two sources:
       -ApiUrl      one pull of the Host List VM Detection API with Get-QualysHostDetection, every tracking
                    method at once (scanner and agent hosts), the raw pages saved for audit under
                    <ReportFolder>/runs/<run>/page-0001.xml, page-0002.xml and so on.
       -DropFolder  the exports someone (or another job) saved in a folder. Files are recognised by their
                    content through Import-QualysReport, never by their names: the files written in the last
                    -MaxExportAgeDays days are read newest first, and the newest file that holds scanner
                    findings supplies the scanner side, the newest file that holds agent findings the agent
                    side (a file holding both sides can supply both). Reading stops once both sides are
                    found, so older files are not even opened. Files that are not Qualys detection reports
                    (a KnowledgeBase, a README, a WAS or PCI report) are skipped and logged; a Qualys report
                    that cannot be read in full (cut off, malformed, an API error body, an empty file) fails
                    the run, because falling back to an older export would hide that today's is broken.
                    Hidden files and *.tmp files are ignored: they are copies still being written.
       Both sides must have findings; a comparison with one side missing would report everything as a gap.

    2. The credential, for -ApiUrl: from SecretManagement when -SecretName is given and the module
       Microsoft.PowerShell.SecretManagement is installed (Get-Secret -Name <SecretName> -Vault <SecretVault>,
       a PSCredential), or else from -CredentialPath, a file written by Export-Clixml as the account that runs
       the task. On Windows Export-Clixml encrypts the password with DPAPI for that account on that machine;
       on Linux and macOS it does NOT encrypt it (the file holds the password as reversible hex), which the
       run says in a warning: protect that file with its permissions. The credential is never logged.

    3. The KnowledgeBase: -KnowledgeBase when given. Otherwise, with -ApiUrl, Get-QualysKnowledgeBase fetches
       the entries of the QIDs the pull saw through the cache <ReportFolder>/knowledgebase-cache.xml: the
       first run downloads them, later runs ask only for what Qualys changed since and for QIDs the cache
       lacks, and a damaged cache is rebuilt (a warning in the log). Every API row then has its title and
       reasons from the KnowledgeBase. A KnowledgeBase that cannot be fetched fails the run (exit code 2).

    4. The baseline: the previous run's JSON report (the newest coverage-gap-<stamp>.json in -ReportFolder older
       than this run; a folder written by an earlier version of this script, which kept only CSV, gives its newest
       CSV instead). Compare-QualysVantage -Baseline then marks every gap New or Persisting, keeps the date each
       gap was first seen across any number of runs, and adds a Closed row for each gap of the previous run that
       is gone. A previous report that cannot be read, or that is not a coverage-gap export, fails the run
       before anything is written. The first run has no baseline: every gap is new.

    5. Compare-QualysVantage, with that KnowledgeBase and baseline, then Export-CoverageGap writes
       <ReportFolder>/coverage-gap-<yyyy-MM-ddTHHmmssZ>.html (appending this run to
       <ReportFolder>/coverage-history.csv, from which the page draws the trend), then .csv, then .json, each
       atomically: a run that dies leaves the previous reports intact and no half-written file. The JSON is
       written last, so the next run's baseline exists only for a run whose reports are all complete.

    6. The alert: new actionable gaps are the rows that are New (or Persisting but BecameActionable: a scan
       that stopped authenticating is news), whose Action is not None, that are not accepted (-AcceptedRisk),
       and whose severity is at least -MinimumSeverity (a row without a severity counts). Expected gaps never
       alert. The log gives the open gaps per action and the New, Persisting and Closed counts.

    Exit codes, for monitoring:
       0  success, and the new actionable gaps are not more than -FailOnNewGapsAbove (or it was not given);
       3  success, but more new actionable gaps than -FailOnNewGapsAbove;
       2  failure: no report was produced (bad arguments, no credential, an API error, an unreadable or missing
          input, a KnowledgeBase that cannot be fetched or read, no data on one side, an unreadable previous report, an unwritable folder, any other
          terminating error). The log's ERROR line says why.
    1 is never this script's: PowerShell itself exits 1, before this script runs, when it cannot start it or
    bind its command line (a parameter given without its value, a script blocked by the execution policy); the
    log then has no line for that run. Try the command line once by hand. Every other argument problem,
    including an unknown parameter name, exits 2.

.PARAMETER ApiUrl
    The API server of your Qualys platform, for example https://qualysapi.qg2.apps.qualys.com. Pulls both
    vantage points in one Get-QualysHostDetection call. Give this or -DropFolder.

.PARAMETER DropFolder
    A folder of Qualys exports to read instead of the API (see the description for which files are used).
    Give this or -ApiUrl.

.PARAMETER ReportFolder
    Where the dated reports, the history, the run folders with the raw API pages and (by default) the log go.
    Created if missing. The previous run's JSON is the baseline, looked for here, so keep one folder per report
    series.

.PARAMETER SecretName
    The name of a PSCredential secret in SecretManagement. Used when the module
    Microsoft.PowerShell.SecretManagement is installed; otherwise -CredentialPath is used instead, if given.

.PARAMETER SecretVault
    The SecretManagement vault holding -SecretName. Without it, Get-Secret searches the registered vaults. The
    vault must open without a prompt under the task's account (for example a SecretStore configured with
    -Authentication None -Interaction None), since the task cannot answer one.

.PARAMETER CredentialPath
    A PSCredential saved with Get-Credential | Export-Clixml by the account that runs the task (on Windows only
    that account on that machine can decrypt it).

.PARAMETER KnowledgeBase
    A Qualys KnowledgeBase XML file for Compare-QualysVantage -KnowledgeBase: the reasons of one-sided rows come
    from each QID's detection method instead of heuristics, and API rows get their titles. With -ApiUrl it is
    not needed: the KnowledgeBase is then fetched from the API through a cache in -ReportFolder, unless this
    file is given.

.PARAMETER FailOnNewGapsAbove
    A whole number, 0 or more: exit with 3 when this run has more new actionable gaps than this (see the
    description). Without it a successful run always exits 0. (Taken as text so that a wrong value ends with
    exit code 2 and a log line, like every other failure, instead of PowerShell's own exit code 1.)

.PARAMETER MinimumSeverity
    1 to 5, 1 by default: only new actionable gaps of at least this severity count towards -FailOnNewGapsAbove.
    The reports still list every gap.

.PARAMETER MaxExportAgeDays
    With -DropFolder: only files written in the last this many days are considered, so a side whose exports
    stopped arriving fails the run instead of being compared from stale data. 7 by default. A whole number.

.PARAMETER LogPath
    The log file, appended to, one line per step: "<UTC time> <run> <level> <message>". Its folder is created
    if missing. <ReportFolder>/coverage-report.log by default.

.PARAMETER ModulePath
    The QualysCompare manifest (QualysCompare.psd1) or its folder, to use a module that is not installed on
    PSModulePath, such as the one build.ps1 stages in out/QualysCompare/<version>/. Without it, the copy of
    this script that the module package ships (in the module's own folder) uses the module beside it, and a
    copy elsewhere imports QualysCompare from PSModulePath.

.PARAMETER PassThru
    Write the summary as one object, for a caller in the same PowerShell session, instead of as lines.

.PARAMETER UnexpectedArgument
    Not for use: it collects arguments the script does not know, so that a misspelt parameter name ends the
    run with exit code 2 and a log line instead of PowerShell's exit code 1.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File C:\QualysCompare\Invoke-QualysCoverageReport.ps1 -ApiUrl https://qualysapi.qg2.apps.qualys.com -SecretName QualysApi -SecretVault QualysVault -ReportFolder D:\Reports\Qualys -FailOnNewGapsAbove 0

    The nightly pull: both vantage points from the API with the credential from SecretManagement; exits 3 when
    any actionable gap appeared that last night's report did not have.

.EXAMPLE
    ./Invoke-QualysCoverageReport.ps1 -ApiUrl https://qualysapi.qualys.eu -CredentialPath ~/.qualys/api-cred.xml -ReportFolder /srv/reports/qualys -KnowledgeBase /srv/qualys/knowledgebase.xml

    The same on Linux with a credential file (written by Get-Credential | Export-Clixml ~/.qualys/api-cred.xml
    as the service account; chmod 600 it, since Export-Clixml does not encrypt it on Linux), with the reasons
    taken from the KnowledgeBase.

.EXAMPLE
    ./Invoke-QualysCoverageReport.ps1 -DropFolder \\fileserver\qualys-exports -ReportFolder D:\Reports\Qualys -MaxExportAgeDays 2 -FailOnNewGapsAbove 25 -MinimumSeverity 3
    if ($LASTEXITCODE -eq 3) { 'More than 25 new actionable gaps of severity 3 or more since the last report.' }

    No API access from this machine: the newest scanner export and the newest agent export saved in the last
    two days, whatever their names, are compared.

.OUTPUTS
    The run's summary, as "Name: value" lines for the task's output (one per field, never wrapped), or with
    -PassThru as one object: RunId, Status (Succeeded, NewActionableGapsAboveThreshold or Failed), ExitCode,
    Source, ScannerFindings, AgentFindings, Rows, Gaps, NewGaps, NewActionableGaps, PersistingGaps, ClosedGaps,
    FailOnNewGapsAbove, MinimumSeverity, Baseline, HtmlReport, CsvReport, JsonReport, HistoryPath, LogPath and
    Error.

.NOTES
    Requires the QualysCompare module, which ships this script in its own folder together with
    docs/scheduled-run.md: that page says how to register the scheduled task (Unblock-File, the execution
    policy, the service account, storing the credential as that account, where the log goes). Find the folder
    with (Get-Module QualysCompare -ListAvailable).ModuleBase.
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    [string] $ApiUrl,
    [string] $DropFolder,
    [string] $ReportFolder,
    [string] $SecretName,
    [string] $SecretVault,
    [string] $CredentialPath,
    [string] $KnowledgeBase,
    [string] $FailOnNewGapsAbove,
    [string] $MinimumSeverity = '1',
    [string] $MaxExportAgeDays = '7',
    [string] $LogPath,
    [string] $ModulePath,
    [switch] $PassThru,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $UnexpectedArgument
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 3.0

$Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
$ReportPrefix = 'coverage-gap-'
$StampFormat = "yyyy-MM-dd'T'HHmmss'Z'"
$RunId = [DateTime]::UtcNow.ToString($StampFormat, $Invariant)
$ResolvedLogPath = $null

# Import-QualysReport's verdicts on a file that is simply not a detection report: skipped in a drop folder.
# Every other error means a Qualys export that cannot be read in full, which fails the run.
$NotDetectionReportIds = @(
    'QualysReportUnrecognized'
    'QualysReportWithoutDetections'
    'QualysReportWebApplicationScan'
    'QualysReportPciScan'
)

function Write-RunLog {
    param([string] $Level, [string] $Message)
    if (-not $ResolvedLogPath) { return }
    $utc = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $Invariant)
    $line = '{0} {1} {2,-5} {3}' -f $utc, $RunId, $Level, ($Message -replace '[\r\n]+', ' ')
    $bytes = [System.Text.UTF8Encoding]::new($false).GetBytes($line + [Environment]::NewLine)
    # One whole line per open-write-close, under a lock that excludes other writers: two runs (or a run and
    # another tool) appending at once then never interleave or overwrite each other's lines. On Unix .NET
    # takes an exclusive flock only for FileShare.None, which tail -f ignores; on Windows FileShare.Read
    # keeps other writers out while log viewers that open the file for reading still can.
    $share = if ($OnWindows) { [System.IO.FileShare]::Read } else { [System.IO.FileShare]::None }
    for ($attempt = 1; ; $attempt++) {
        try {
            $stream = [System.IO.FileStream]::new($ResolvedLogPath, [System.IO.FileMode]::Append, [System.IO.FileAccess]::Write, $share)
            try { $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }
            break
        } catch [System.IO.IOException] {
            if ($attempt -ge 20) { throw }
            Start-Sleep -Milliseconds (50 * $attempt)
        }
    }
    Write-Verbose $line
}

function ConvertTo-WholeNumber {
    param([string] $Text, [string] $Name)
    $value = 0
    if (-not [int]::TryParse($Text.Trim(), [System.Globalization.NumberStyles]::None, $Invariant, [ref] $value)) {
        throw "-$Name must be a whole number, 0 or more; '$Text' is not."
    }
    $value
}

function Get-ErrorId {
    param([System.Management.Automation.ErrorRecord] $Record)
    ($Record.FullyQualifiedErrorId -split ',')[0]
}

function Get-RunCredential {
    if ($SecretName) {
        if (Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement) {
            Import-Module Microsoft.PowerShell.SecretManagement -ErrorAction Stop
            $secretArgs = @{ Name = $SecretName; ErrorAction = 'Stop' }
            $where = 'the registered vaults'
            if ($SecretVault) { $secretArgs.Vault = $SecretVault; $where = "vault '$SecretVault'" }
            $secret = Get-Secret @secretArgs
            if ($secret -isnot [pscredential]) {
                $kind = if ($null -eq $secret) { 'nothing' } else { "a $($secret.GetType().Name)" }
                throw "The secret '$SecretName' is $kind, not a PSCredential. Store it with Set-Secret -Name $SecretName -Secret (Get-Credential)."
            }
            Write-RunLog INFO "Credential: secret '$SecretName' from SecretManagement, $where."
            return $secret
        }
        if (-not $CredentialPath) {
            throw "-SecretName was given but the module Microsoft.PowerShell.SecretManagement is not installed for this account, and no -CredentialPath was given."
        }
        Write-RunLog WARN "The module Microsoft.PowerShell.SecretManagement is not installed for this account: using -CredentialPath instead of the secret '$SecretName'."
    }
    if (-not $CredentialPath) {
        throw 'No credential for the API: give -SecretName (with Microsoft.PowerShell.SecretManagement installed) or -CredentialPath (a file written by Get-Credential | Export-Clixml).'
    }
    if (-not (Test-Path -LiteralPath $CredentialPath -PathType Leaf)) {
        throw "The credential file '$CredentialPath' does not exist."
    }
    try {
        $credential = Import-Clixml -LiteralPath $CredentialPath
    } catch {
        throw "The credential file '$CredentialPath' could not be read ($($_.Exception.Message)). Write it again with Get-Credential | Export-Clixml, as the account that runs this script."
    }
    if ($credential -isnot [pscredential]) {
        throw "The credential file '$CredentialPath' does not hold a PSCredential. Write it with Get-Credential | Export-Clixml."
    }
    Write-RunLog INFO "Credential: from the file '$CredentialPath'."
    if (-not $OnWindows) {
        $warning = "The credential file '$CredentialPath' is not encrypted: Export-Clixml protects a password with DPAPI only on Windows; on this system it stores it as reversible hex. Let only the account that runs this script read it (chmod 600)."
        $file = Get-Item -LiteralPath $CredentialPath -Force
        $mode = $file.PSObject.Properties['UnixMode']
        if ($mode -and $mode.Value -and $mode.Value.Substring(4) -ne '------') { $warning += " Its mode is $($mode.Value): others can read it." }
        Write-RunLog WARN $warning
        Write-Warning $warning
    }
    $credential
}

function Write-WarningsToLog {
    param($Records, [string] $Step)
    foreach ($record in @($Records)) {
        if ($null -eq $record) { continue }
        Write-RunLog WARN "${Step}: $record"
        Write-Warning "${Step}: $record"
    }
}

function Get-ApiFindings {
    param([string] $RunFolder)
    $credential = Get-RunCredential
    $script:ApiCredential = $credential
    Write-RunLog INFO "Pulling detections from $ApiUrl (TrackingMethod All); raw pages go to '$RunFolder'."
    $pullWarnings = $null
    $findings = @(Get-QualysHostDetection -ApiUrl $ApiUrl -Credential $credential -TrackingMethod All -OutFile $RunFolder `
            -WarningVariable pullWarnings -WarningAction SilentlyContinue)
    Write-WarningsToLog $pullWarnings 'Get-QualysHostDetection'
    $pages = @(Get-ChildItem -LiteralPath $RunFolder -Filter 'page-*.xml' -File).Count
    Write-RunLog INFO "Pulled $($findings.Count) findings on $(@($findings | ForEach-Object HostId | Select-Object -Unique).Count) hosts in $pages pages."
    $findings
}

function Get-ApiKnowledgeBase {
    # The KnowledgeBase entries of the QIDs the pull saw, through a cache in the report folder, so the
    # API rows get titles and KnowledgeBase reasons; without them most agent-only rows would be untitled.
    param($Findings, [string] $Folder)
    $cachePath = Join-Path $Folder 'knowledgebase-cache.xml'
    $qids = @($Findings | ForEach-Object QID | Sort-Object -Unique)
    $hadCache = Test-Path -LiteralPath $cachePath -PathType Leaf
    Write-RunLog INFO ("Fetching the KnowledgeBase for {0} QIDs through the cache '{1}' ({2})." -f $qids.Count, $cachePath,
        $(if ($hadCache) { 'refreshing it with what changed' } else { 'none yet: a full download' }))
    $kbWarnings = $null
    try {
        $entries = @(Get-QualysKnowledgeBase -ApiUrl $ApiUrl -Credential $script:ApiCredential -Qid $qids -CachePath $cachePath `
                -WarningVariable kbWarnings -WarningAction SilentlyContinue)
    } catch {
        throw "The KnowledgeBase could not be fetched ($(Get-ErrorId $_)): $($_.Exception.Message)"
    }
    Write-WarningsToLog $kbWarnings 'Get-QualysKnowledgeBase'
    $rebuilt = @($kbWarnings | Where-Object { "$_" -like '*cache*is damaged*' }).Count -gt 0
    $cacheUse = if (-not $hadCache) { 'the cache was created' } elseif ($rebuilt) { 'the damaged cache was rebuilt' } else { 'the cache was used and refreshed' }
    Write-RunLog INFO "KnowledgeBase: $($entries.Count) entries for $($qids.Count) QIDs; $cacheUse."
    if ($entries.Count -eq 0) {
        # Compare-QualysVantage takes no empty KnowledgeBase; the rows then keep their heuristic reasons.
        Write-RunLog WARN 'Qualys describes none of the QIDs seen: the rows have no titles from the KnowledgeBase.'
        return
    }
    , $entries
}

function Get-DropFolderFindings {
    $maxAge = ConvertTo-WholeNumber $MaxExportAgeDays 'MaxExportAgeDays'
    if (-not (Test-Path -LiteralPath $DropFolder -PathType Container)) {
        throw "The drop folder '$DropFolder' does not exist or is not a folder."
    }
    $cutoff = [DateTime]::UtcNow.AddDays(-$maxAge)
    # Without -Force, Get-ChildItem leaves hidden files out: dot files on Unix, the Hidden attribute on Windows.
    $files = @(Get-ChildItem -LiteralPath $DropFolder -File | Where-Object Name -NotLike '*.tmp' | Sort-Object LastWriteTimeUtc -Descending)
    $recent = @($files | Where-Object { $_.LastWriteTimeUtc -ge $cutoff })
    Write-RunLog INFO "Drop folder '$DropFolder': $($files.Count) files, $($recent.Count) written in the last $maxAge days."

    $sides = [ordered]@{ Scanner = $null; Agent = $null }
    $taken = [System.Collections.Generic.List[object]]::new()
    foreach ($file in $recent) {
        if ($sides.Scanner -and $sides.Agent) { break }
        $importErrors = $null
        $importWarnings = $null
        $found = @(Import-QualysReport -LiteralPath $file.FullName -ErrorAction SilentlyContinue -ErrorVariable importErrors `
                -WarningAction SilentlyContinue -WarningVariable importWarnings)
        if ($importErrors) {
            $id = Get-ErrorId $importErrors[0]
            if ($NotDetectionReportIds -contains $id) {
                Write-RunLog INFO "Skipped '$($file.Name)': not a Qualys detection report ($id)."
                continue
            }
            throw "The export '$($file.FullName)' cannot be read ($id): $($importErrors[0].Exception.Message)"
        }
        Write-WarningsToLog $importWarnings "Import-QualysReport '$($file.Name)'"
        if ($found.Count -eq 0) {
            Write-RunLog INFO "Skipped '$($file.Name)': no findings, so no vantage point to take it for."
            continue
        }
        $used = $false
        foreach ($vantage in 'Scanner', 'Agent') {
            $ofSide = @($found | Where-Object { "$($_.Vantage)" -eq $vantage })
            if ($ofSide.Count -eq 0) { continue }
            if ($sides[$vantage]) {
                Write-RunLog INFO "Left out the $vantage findings of '$($file.Name)': '$($sides[$vantage])' is newer."
                continue
            }
            $sides[$vantage] = $file.Name
            $taken.AddRange([object[]] $ofSide)
            $used = $true
            Write-RunLog INFO ("Took '{0}' for the {1} side: {2} findings, {3} format, written {4}." -f $file.Name, $vantage, $ofSide.Count,
                $ofSide[0].SourceFormat, $file.LastWriteTimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant))
        }
        if (-not $used) { Write-RunLog INFO "Skipped '$($file.Name)': both of its sides come from newer files." }
    }
    foreach ($vantage in 'Scanner', 'Agent') {
        if (-not $sides[$vantage]) {
            throw "No $vantage export written in the last $maxAge days was found in '$DropFolder'."
        }
    }
    $taken.ToArray()
}

# The previous run's report, the baseline of this one: its JSON, or the CSV an earlier version of this script
# kept. Only names of this series with a stamp before this run's, so a report copied in by hand is not taken.
function Get-PreviousReport {
    param([string] $Folder, [string] $CurrentStamp)
    foreach ($extension in 'json', 'csv') {
        $pattern = '^' + [regex]::Escape($ReportPrefix) + '(\d{4}-\d{2}-\d{2}T\d{6}Z)\.' + $extension + '$'
        $newest = Get-ChildItem -LiteralPath $Folder -File -Filter "$ReportPrefix*.$extension" |
            Where-Object { $_.Name -match $pattern -and [string]::CompareOrdinal($Matches[1], $CurrentStamp) -lt 0 } |
            Sort-Object Name |
            Select-Object -Last 1
        if ($newest) { return $newest }
    }
}

# New work someone must act on: a new gap, or an old one that has just become actionable. Without a baseline
# the rows carry no Change (None): the first run's gaps are all new.
function Test-NewActionable {
    param($Row, [int] $Severity)
    $change = "$($Row.Change)"
    ($change -eq 'New' -or $change -eq 'None' -or $Row.BecameActionable) -and "$($Row.Action)" -ne 'None' -and -not $Row.Accepted -and
        ($null -eq $Row.Severity -or $Row.Severity -ge $Severity)
}

$summary = [ordered]@{
    RunId              = $RunId
    Status             = 'Failed'
    ExitCode           = 2
    Source             = $null
    ScannerFindings    = $null
    AgentFindings      = $null
    Rows               = $null
    Gaps               = $null
    NewGaps            = $null
    NewActionableGaps  = $null
    PersistingGaps     = $null
    ClosedGaps         = $null
    FailOnNewGapsAbove = $null
    MinimumSeverity    = $null
    Baseline           = $null
    HtmlReport         = $null
    CsvReport          = $null
    JsonReport         = $null
    HistoryPath        = $null
    LogPath            = $null
    Error              = $null
}

try {
    $reportRoot = $null
    if ($ReportFolder) { $reportRoot = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ReportFolder) }
    if ($reportRoot) {
        # The run id names this run's files; a run of the same second would overwrite them, so wait it out.
        while ((Test-Path -LiteralPath (Join-Path $reportRoot "$ReportPrefix$RunId.csv")) -or
            (Test-Path -LiteralPath (Join-Path $reportRoot "$ReportPrefix$RunId.html")) -or
            (Test-Path -LiteralPath (Join-Path $reportRoot "$ReportPrefix$RunId.json")) -or
            (Test-Path -LiteralPath (Join-Path (Join-Path $reportRoot 'runs') $RunId))) {
            Start-Sleep -Milliseconds (1001 - [DateTime]::UtcNow.Millisecond)
            $RunId = [DateTime]::UtcNow.ToString($StampFormat, $Invariant)
        }
        $summary.RunId = $RunId
    }
    if ($LogPath) {
        $ResolvedLogPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($LogPath)
    } elseif ($reportRoot) {
        $ResolvedLogPath = Join-Path $reportRoot 'coverage-report.log'
    }
    if ($ResolvedLogPath) {
        $logFolder = Split-Path -Parent $ResolvedLogPath
        if ($logFolder -and -not (Test-Path -LiteralPath $logFolder -PathType Container)) { New-Item -ItemType Directory -Force -Path $logFolder | Out-Null }
        $summary.LogPath = $ResolvedLogPath
    }
    Write-RunLog INFO "Run started (PowerShell $($PSVersionTable.PSVersion), process $PID)."

    if ($UnexpectedArgument) { throw "Unknown arguments: $($UnexpectedArgument -join ' '). See Get-Help $PSCommandPath -Full." }
    if (-not $ReportFolder) { throw '-ReportFolder is required.' }
    if ([bool]$ApiUrl -eq [bool]$DropFolder) { throw 'Give exactly one of -ApiUrl and -DropFolder.' }
    $threshold = $null
    if ($PSBoundParameters.ContainsKey('FailOnNewGapsAbove')) {
        $threshold = ConvertTo-WholeNumber $FailOnNewGapsAbove 'FailOnNewGapsAbove'
        $summary.FailOnNewGapsAbove = $threshold
    }
    $minimumSeverityValue = ConvertTo-WholeNumber $MinimumSeverity 'MinimumSeverity'
    if ($minimumSeverityValue -lt 1 -or $minimumSeverityValue -gt 5) { throw "-MinimumSeverity must be 1 to 5; '$MinimumSeverity' is not." }
    $summary.MinimumSeverity = $minimumSeverityValue
    if ($KnowledgeBase -and -not (Test-Path -LiteralPath $KnowledgeBase -PathType Leaf)) {
        throw "The KnowledgeBase file '$KnowledgeBase' does not exist."
    }

    if ($ModulePath) {
        $manifest = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
        # A staged folder is named after its version (out/QualysCompare/0.1.0), which Import-Module does not take.
        if (Test-Path -LiteralPath $manifest -PathType Container) { $manifest = Join-Path $manifest 'QualysCompare.psd1' }
        if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) { throw "-ModulePath: '$manifest' does not exist." }
        Import-Module -Name $manifest -ErrorAction Stop
    } elseif (Test-Path -LiteralPath (Join-Path $PSScriptRoot 'QualysCompare.psd1') -PathType Leaf) {
        # The copy the module package ships sits in the module's own folder: use that module.
        Import-Module -Name (Join-Path $PSScriptRoot 'QualysCompare.psd1') -ErrorAction Stop
    } else {
        Import-Module -Name QualysCompare -ErrorAction Stop
    }
    $module = Get-Module QualysCompare
    Write-RunLog INFO "QualysCompare $($module.Version) loaded from '$($module.ModuleBase)'."

    if (-not (Test-Path -LiteralPath $reportRoot -PathType Container)) {
        New-Item -ItemType Directory -Force -Path $reportRoot | Out-Null
        Write-RunLog INFO "Created the report folder '$reportRoot'."
    }

    $htmlPath = Join-Path $reportRoot "$ReportPrefix$RunId.html"
    $csvPath = Join-Path $reportRoot "$ReportPrefix$RunId.csv"
    $jsonPath = Join-Path $reportRoot "$ReportPrefix$RunId.json"
    $historyPath = Join-Path $reportRoot 'coverage-history.csv'

    if ($ApiUrl) {
        $summary.Source = "api:$ApiUrl"
        $findings = @(Get-ApiFindings -RunFolder (Join-Path (Join-Path $reportRoot 'runs') $RunId))
    } else {
        $summary.Source = "drop:$DropFolder"
        $findings = @(Get-DropFolderFindings)
    }
    $scannerCount = @($findings | Where-Object { "$($_.Vantage)" -eq 'Scanner' }).Count
    $agentCount = $findings.Count - $scannerCount
    $summary.ScannerFindings = $scannerCount
    $summary.AgentFindings = $agentCount
    Write-RunLog INFO "Findings: $scannerCount scanner, $agentCount agent."
    if ($scannerCount -eq 0 -or $agentCount -eq 0) {
        throw "No data: the scanner side has $scannerCount findings and the agent side $agentCount; a comparison needs both."
    }

    # The baseline is read by Compare-QualysVantage before its first row: a damaged one fails the run before
    # anything is written.
    $compareArgs = @{}
    if ($KnowledgeBase) { $compareArgs.KnowledgeBase = $KnowledgeBase }
    elseif ($ApiUrl) {
        $apiKnowledgeBase = Get-ApiKnowledgeBase -Findings $findings -Folder $reportRoot
        if ($apiKnowledgeBase) { $compareArgs.KnowledgeBase = $apiKnowledgeBase }
    }
    $previous = Get-PreviousReport -Folder $reportRoot -CurrentStamp $RunId
    if ($previous) {
        $compareArgs.Baseline = $previous.FullName
        $summary.Baseline = $previous.FullName
        Write-RunLog INFO "Baseline: the previous report '$($previous.Name)'."
    } else {
        Write-RunLog INFO 'No previous report in the folder: this is the first run of the series, and every gap is new.'
    }
    $compareWarnings = $null
    $rows = @($findings | Compare-QualysVantage @compareArgs -WarningVariable compareWarnings -WarningAction SilentlyContinue)
    $findings = $null
    Write-WarningsToLog $compareWarnings 'Compare-QualysVantage'

    $open = @($rows | Where-Object { "$($_.Presence)" -ne 'Both' -and "$($_.Change)" -ne 'Closed' })
    $scannerOnly = @($open | Where-Object { "$($_.Presence)" -eq 'ScannerOnly' }).Count
    $summary.Rows = $rows.Count
    $summary.Gaps = $open.Count
    Write-RunLog INFO ("Compared{0}: {1} rows, {2} open gaps ({3} scanner-only, {4} agent-only)." -f
        $(if ($KnowledgeBase) { " with the KnowledgeBase '$KnowledgeBase'" } else { '' }), $rows.Count, $open.Count, $scannerOnly, ($open.Count - $scannerOnly))
    $byAction = @($open | Where-Object { "$($_.Action)" -ne 'None' } | Group-Object { "$($_.Action)" } | Sort-Object Name |
            ForEach-Object { '{0} {1}' -f $_.Name, $_.Count })
    Write-RunLog INFO ('Open gaps by action: {0}; expected (Action None): {1}.' -f
        $(if ($byAction) { $byAction -join ', ' } else { 'none' }), @($open | Where-Object { "$($_.Action)" -eq 'None' }).Count)

    $summary.NewGaps = @($open | Where-Object { "$($_.Change)" -eq 'New' -or "$($_.Change)" -eq 'None' }).Count
    $summary.PersistingGaps = @($open | Where-Object { "$($_.Change)" -eq 'Persisting' }).Count
    $summary.ClosedGaps = @($rows | Where-Object { "$($_.Change)" -eq 'Closed' }).Count
    $newActionable = @($open | Where-Object { Test-NewActionable $_ $minimumSeverityValue })
    $summary.NewActionableGaps = $newActionable.Count
    $newByAction = @($newActionable | Group-Object { "$($_.Action)" } | Sort-Object Name | ForEach-Object { '{0} {1}' -f $_.Name, $_.Count })
    Write-RunLog INFO ('{0}: {1} new, {2} persisting, {3} closed; new actionable of severity {4} or more: {5}{6}.' -f
        $(if ($previous) { 'Change since the baseline' } else { 'No baseline, so every gap is new' }),
        $summary.NewGaps, $summary.PersistingGaps, $summary.ClosedGaps, $minimumSeverityValue, $newActionable.Count,
        $(if ($newByAction) { ' (' + ($newByAction -join ', ') + ')' } else { '' }))

    # The JSON last: it is the next run's baseline, so it exists only when every report is complete.
    $rows | Export-CoverageGap -Path $htmlPath -Format Html -NoClobber -HistoryPath $historyPath
    $summary.HtmlReport = $htmlPath
    $summary.HistoryPath = $historyPath
    Write-RunLog INFO "Wrote '$htmlPath' and added the run to '$historyPath'."
    $rows | Export-CoverageGap -Path $csvPath -Format Csv -NoClobber
    $summary.CsvReport = $csvPath
    Write-RunLog INFO "Wrote '$csvPath'."
    $rows | Export-CoverageGap -Path $jsonPath -Format Json -NoClobber
    $summary.JsonReport = $jsonPath
    Write-RunLog INFO "Wrote '$jsonPath'."
    $rows = $null

    if ($null -ne $threshold -and $newActionable.Count -gt $threshold) {
        $summary.Status = 'NewActionableGapsAboveThreshold'
        $summary.ExitCode = 3
    } else {
        $summary.Status = 'Succeeded'
        $summary.ExitCode = 0
    }
    $thresholdText = if ($null -eq $threshold) { 'no threshold' } else { "threshold $threshold" }
    Write-RunLog INFO "New actionable gaps: $($newActionable.Count) ($thresholdText)."
    Write-RunLog INFO "Run finished: $($summary.Status), exit code $($summary.ExitCode)."
} catch {
    $message = $_.Exception.Message
    $summary.Status = 'Failed'
    $summary.ExitCode = 2
    $summary.Error = $message
    try {
        Write-RunLog ERROR "Run failed: $message"
        Write-RunLog ERROR 'Run finished: Failed, exit code 2.'
    } catch {
        [Console]::Error.WriteLine("The log '$ResolvedLogPath' could not be written: $($_.Exception.Message)")
    }
    [Console]::Error.WriteLine("Invoke-QualysCoverageReport failed: $message")
}

if ($PassThru) {
    [pscustomobject] $summary
} else {
    # Lines, not the object: under -File an object is formatted to the console width and long paths wrap.
    foreach ($entry in $summary.GetEnumerator()) { '{0}: {1}' -f $entry.Key, $entry.Value }
}
exit $summary.ExitCode
