# examples/Invoke-QualysCoverageReport.ps1 run the way Task Scheduler runs it: a child
# "pwsh -NoProfile -NonInteractive -File", with the staged module on its PSModulePath, against the fake
# Qualys of the xunit tests and against a drop folder of the demo exports.
BeforeAll {
    $Script = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/Invoke-QualysCoverageReport.ps1')).Path
    $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
    # out/QualysCompare/<version>/QualysCompare.psd1: the folder above QualysCompare is a module root.
    $ModuleRoot = Split-Path (Split-Path (Split-Path $env:QUALYSCOMPARE_MANIFEST))

    $serverSource = Join-Path $PSScriptRoot '../QualysCompare.Engine.Tests/Api'
    if (-not ('QualysCompare.Testing.ServerScenarios' -as [type])) {
        Add-Type -Path (Join-Path $serverSource 'FakeQualysServer.cs'), (Join-Path $serverSource 'HostDetectionPages.cs'), (Join-Path $serverSource 'KnowledgeBasePages.cs'), (Join-Path $serverSource 'ServerScenarios.cs')
    }
    # The KnowledgeBase endpoint answers from the recorded fixture; this copy cannot find it by itself.
    [QualysCompare.Testing.FakeKnowledgeBase]::FixturePath = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/api/knowledgebase-vuln-list.xml')).Path

    $UserName = 'qcomp_nightly'
    $Password = 'N1ght-Sh1ft!Pa55'
    # The forms the password could leak in: as typed, as Export-Clixml writes it where it does not encrypt
    # (UTF-16 hex), and inside the HTTP Basic header value.
    $SecretForms = @(
        $Password
        -join ([Text.Encoding]::Unicode.GetBytes($Password) | ForEach-Object { $_.ToString('x2') })
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${UserName}:$Password"))
    )
    $CredentialFile = Join-Path $TestDrive 'qualys-cred.xml'
    [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force)) | Export-Clixml -LiteralPath $CredentialFile

    $LogLine = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \d{4}-\d\d-\d\dT\d{6}Z (INFO |WARN |ERROR) \S'
    $ReportName = '^coverage-gap-\d{4}-\d\d-\d\dT\d{6}Z\.(csv|html|json)$'

    # Launched as build.ps1's Get-PwshCommand does: under "dotnet pwsh" the process is dotnet and pwsh.dll
    # is its first argument.
    function Invoke-Nightly {
        param([string[]] $Arguments, [hashtable] $Environment = @{})
        $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $start = [Diagnostics.ProcessStartInfo]::new($exe)
        if ((Split-Path -Leaf $exe) -like 'dotnet*') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $Script) + $Arguments) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['PSModulePath'] = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        $start.Environment['NO_COLOR'] = '1'
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        # Only a hang guard: a run takes seconds, but a loaded CI box may stretch them many times over.
        if (-not $process.WaitForExit([TimeSpan]::FromMinutes(5))) { $process.Kill($true); throw 'The nightly script ran for over 5 minutes: a hang.' }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
    }

    # The summary as the task's output shows it: "Name: value" lines.
    function Get-SummaryValue($Run, [string] $Name) {
        if ($Run.StdOut -match "(?m)^${Name}: (.*?)\r?$") { $Matches[1] } else { throw "No '$Name' line in the output:`n$($Run.StdOut)" }
    }

    function Get-RunLog([string] $Path) { @(Get-Content -LiteralPath $Path) }

    function Get-Reports([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -File -Filter 'coverage-gap-*' | Sort-Object Name)
    }

    function Assert-NoLeftovers([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Recurse -Force -File | Where-Object { $_.Name -like '*.tmp' -or $_.Name -like '.*' }) |
            Should -HaveCount 0 -Because 'the atomic writers leave no temporary file behind'
    }

    function Assert-NoSecret([string] $Folder, $Run) {
        $texts = @($Run.StdOut, $Run.StdErr) + @(Get-ChildItem -LiteralPath $Folder -Recurse -Force -File | ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName })
        foreach ($form in $SecretForms) {
            foreach ($text in $texts) { $text | Should -Not -BeLike "*$form*" }
        }
    }
}

Describe 'Invoke-QualysCoverageReport help' {
    It 'has comment-based help: synopsis, examples, and a description of every parameter' {
        $help = Get-Help $Script -Full
        $help.Synopsis | Should -BeLike '*nightly coverage report*'
        @($help.examples.example) | Should -HaveCount 3
        $names = @($help.parameters.parameter.name)
        $names | Should -Contain 'FailOnNewGapsAbove'
        $names | Should -Contain 'DropFolder'
        foreach ($parameter in $help.parameters.parameter) {
            ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
        }
        ($help.description | Out-String) | Should -BeLike '*2  failure*'
    }
}

Describe 'The nightly run against the fake Qualys API' {
    BeforeAll {
        $Server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $Reports = Join-Path $TestDrive 'api-reports'
        # ThreePages: 13 detections, 7 on scanner hosts (1001, 1003, 1005, 1006) and 6 on agent hosts
        # (1002, 1004, 1007). No names or addresses are shared, so every row is a gap: the scanner's 6
        # non-informational detections and the agent's 4 that are neither informational nor Fixed.
        $ExpectedGaps = 10
    }
    AfterAll { $Server.Dispose() }

    It 'pulls both sides once, fetches their KnowledgeBase, writes the dated reports and the raw pages, and exits 0 under the threshold' {
        $run = Invoke-Nightly -Arguments '-ApiUrl', $Server.BaseUrl.ToString(), '-CredentialPath', $CredentialFile, '-ReportFolder', $Reports, '-FailOnNewGapsAbove', '100'
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        Get-SummaryValue $run 'Status' | Should -Be 'Succeeded'
        Get-SummaryValue $run 'ScannerFindings' | Should -Be '7'
        Get-SummaryValue $run 'AgentFindings' | Should -Be '6'
        Get-SummaryValue $run 'Gaps' | Should -Be "$ExpectedGaps"
        Get-SummaryValue $run 'NewGaps' | Should -Be "$ExpectedGaps"

        $Server.Requests | Should -HaveCount 4
        $Server.Requests[0].Header('Authorization') | Should -Be "Basic $($SecretForms[2])"
        # The KnowledgeBase of the 13 QIDs the pull saw, asked for in the body, in full since there is no cache yet.
        $kb = $Server.Requests[3]
        $kb.Target | Should -Be '/api/2.0/fo/knowledge_base/vuln/'
        $kb.Field('ids') | Should -Be '11827,19824,38170,38173,38628,38739,45038,90007,90043,90882,91713,105015,376157'
        $kb.Field('last_modified_after') | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $Reports 'knowledgebase-cache.xml') | Should -BeTrue

        $files = Get-Reports $Reports
        foreach ($file in $files) { $file.Name | Should -Match $ReportName }
        $files.Extension | Should -Be @('.csv', '.html', '.json')
        @($files.BaseName | Select-Object -Unique) | Should -HaveCount 1
        $csv = @(Import-Csv -LiteralPath $files[0].FullName)
        $csv | Should -HaveCount $ExpectedGaps
        foreach ($row in $csv) { $row.Title | Should -Not -BeNullOrEmpty -Because "QID $($row.QID) is in the KnowledgeBase" }
        $runId = Get-SummaryValue $run 'RunId'
        $files[0].BaseName | Should -Be "coverage-gap-$runId"
        (Get-ChildItem -LiteralPath (Join-Path $Reports "runs/$runId")).Name | Should -Be @('page-0001.xml', 'page-0002.xml', 'page-0003.xml')
        Assert-NoLeftovers $Reports

        $log = Get-RunLog (Join-Path $Reports 'coverage-report.log')
        foreach ($line in $log) { $line | Should -Match $LogLine; $line | Should -BeLike "* $runId *" }
        $log[0] | Should -BeLike '*INFO  Run started*'
        ($log -join "`n") | Should -BeLike "*INFO  Credential: from the file '$CredentialFile'.*"
        ($log -join "`n") | Should -BeLike "*Pulling detections from http://127.0.0.1:$($Server.Port)/ (TrackingMethod All)*"
        ($log -join "`n") | Should -BeLike '*Pulled 13 findings on 7 hosts in 3 pages.*'
        ($log -join "`n") | Should -BeLike '*Findings: 7 scanner, 6 agent.*'
        ($log -join "`n") | Should -BeLike "*Fetching the KnowledgeBase for 13 QIDs through the cache '$(Join-Path $Reports 'knowledgebase-cache.xml')' (none yet: a full download).*"
        ($log -join "`n") | Should -BeLike '*KnowledgeBase: 13 entries for 13 QIDs; the cache was created.*'
        ($log -join "`n") | Should -BeLike "*Compared: * rows, $ExpectedGaps open gaps (6 scanner-only, 4 agent-only).*"
        ($log -join "`n") | Should -BeLike '*No previous report in the folder: this is the first run of the series, and every gap is new.*'
        ($log -join "`n") | Should -BeLike "*New actionable gaps: * (threshold 100).*"
        $log[-1] | Should -BeLike '*INFO  Run finished: Succeeded, exit code 0.'
        if (-not $IsWindows) {
            ($log -join "`n") | Should -BeLike "*WARN  The credential file '$CredentialFile' is not encrypted*"
            "$($run.StdOut)$($run.StdErr)" | Should -BeLike '*WARNING: The credential file*is not encrypted*'
        }
        Assert-NoSecret $Reports $run
    }

    It 'takes the credential from SecretManagement when it is installed, and a second identical run has no new gap' {
        # A stand-in for Microsoft.PowerShell.SecretManagement with the one command the script uses.
        $modules = Join-Path $TestDrive 'modules'
        $fake = New-Item -ItemType Directory -Force (Join-Path $modules 'Microsoft.PowerShell.SecretManagement')
        Set-Content -LiteralPath (Join-Path $fake 'Microsoft.PowerShell.SecretManagement.psm1') -Value @'
function Get-Secret {
    param([string] $Name, [string] $Vault)
    if ($Name -ne 'QualysApi' -or $Vault -ne 'NightlyVault') { throw "No secret '$Name' in vault '$Vault'." }
    Import-Clixml -LiteralPath $env:QUALYSCOMPARE_TEST_SECRET
}
'@
        $before = $Server.Requests.Count
        $run = Invoke-Nightly -Arguments '-ApiUrl', $Server.BaseUrl.ToString(), '-SecretName', 'QualysApi', '-SecretVault', 'NightlyVault', '-ReportFolder', $Reports, '-FailOnNewGapsAbove', '0' `
            -Environment @{ PSModulePath = $ModuleRoot + [IO.Path]::PathSeparator + $modules + [IO.Path]::PathSeparator + $env:PSModulePath; QUALYSCOMPARE_TEST_SECRET = $CredentialFile }
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        Get-SummaryValue $run 'NewGaps' | Should -Be '0'
        Get-SummaryValue $run 'Gaps' | Should -Be "$ExpectedGaps"
        # Three detection pages and only the KnowledgeBase refresh: the cache holds every QID.
        $Server.Requests.Count - $before | Should -Be 4
        $Server.Requests[-1].Header('Authorization') | Should -Be "Basic $($SecretForms[2])"
        $Server.Requests[-1].Target | Should -Be '/api/2.0/fo/knowledge_base/vuln/'
        $Server.Requests[-1].Field('last_modified_after') | Should -Be '2022-09-15T18:02:52Z'
        foreach ($row in Import-Csv -LiteralPath @(Get-Reports $Reports | Where-Object Extension -eq '.csv')[-1].FullName) { $row.Title | Should -Not -BeNullOrEmpty }

        $files = Get-Reports $Reports
        $files | Should -HaveCount 6
        $firstJson = @($files | Where-Object Extension -eq '.json')[0]
        Get-SummaryValue $run 'Baseline' | Should -Be $firstJson.FullName
        Get-SummaryValue $run 'NewActionableGaps' | Should -Be '0'
        Get-SummaryValue $run 'PersistingGaps' | Should -Be "$ExpectedGaps"
        $log = Get-RunLog (Join-Path $Reports 'coverage-report.log')
        $mine = @($log | Where-Object { $_ -like "* $(Get-SummaryValue $run 'RunId') *" })
        ($mine -join "`n") | Should -BeLike "*Credential: secret 'QualysApi' from SecretManagement, vault 'NightlyVault'.*"
        ($mine -join "`n") | Should -Not -BeLike '*not encrypted*'
        ($mine -join "`n") | Should -BeLike '*KnowledgeBase: 13 entries for 13 QIDs; the cache was used and refreshed.*'
        ($mine -join "`n") | Should -BeLike "*Baseline: the previous report '$($firstJson.Name)'.*"
        ($mine -join "`n") | Should -BeLike "*Change since the baseline: 0 new, $ExpectedGaps persisting, 0 closed;*"
        ($mine -join "`n") | Should -BeLike "*New actionable gaps: 0 (threshold 0).*"
        Assert-NoLeftovers $Reports
        Assert-NoSecret $Reports $run
    }

    It 'exits 2 on a credential file that is not one, before any request' {
        $bad = Join-Path $TestDrive 'bad-cred.xml'
        Set-Content -LiteralPath $bad -Value 'this is not CLIXML'
        $folder = Join-Path $TestDrive 'bad-cred-reports'
        $before = $Server.Requests.Count
        $run = Invoke-Nightly -Arguments '-ApiUrl', $Server.BaseUrl.ToString(), '-CredentialPath', $bad, '-ReportFolder', $folder
        $run.ExitCode | Should -Be 2
        $Server.Requests.Count | Should -Be $before
        Get-SummaryValue $run 'Status' | Should -Be 'Failed'
        $run.StdErr | Should -BeLike "*Invoke-QualysCoverageReport failed: The credential file '$bad' could not be read*"
        $log = Get-RunLog (Join-Path $folder 'coverage-report.log')
        foreach ($line in $log) { $line | Should -Match $LogLine }
        $log[-2] | Should -BeLike "*ERROR Run failed: The credential file '$bad' could not be read*"
        $log[-1] | Should -BeLike '*ERROR Run finished: Failed, exit code 2.'
        Get-Reports $folder | Should -HaveCount 0
    }

    It 'exits 2 and says why when the KnowledgeBase cannot be fetched, writing no report' {
        $refusing = [QualysCompare.Testing.ServerScenarios]::Start('KnowledgeBaseRefused')
        try {
            $folder = Join-Path $TestDrive 'kb-refused-reports'
            $run = Invoke-Nightly -Arguments '-ApiUrl', $refusing.BaseUrl.ToString(), '-CredentialPath', $CredentialFile, '-ReportFolder', $folder
            $refusing.Requests | Should -HaveCount 4
        } finally { $refusing.Dispose() }
        $run.ExitCode | Should -Be 2
        Get-SummaryValue $run 'Status' | Should -Be 'Failed'
        $log = Get-RunLog (Join-Path $folder 'coverage-report.log')
        $log[-2] | Should -BeLike '*ERROR Run failed: The KnowledgeBase could not be fetched (QualysApiErrorResponse): *CODE 2002: Access to the KnowledgeBase API is not enabled*'
        $run.StdErr | Should -BeLike '*Invoke-QualysCoverageReport failed: The KnowledgeBase could not be fetched*'
        Get-Reports $folder | Should -HaveCount 0
        Test-Path -LiteralPath (Join-Path $folder 'knowledgebase-cache.xml') | Should -BeFalse
        Assert-NoSecret $folder $run
    }

    It 'exits 2 when Qualys answers with an error, naming its code and never the password' {
        $failing = [QualysCompare.Testing.ServerScenarios]::Start('AccountExpired')
        try {
            $folder = Join-Path $TestDrive 'error-reports'
            $run = Invoke-Nightly -Arguments '-ApiUrl', $failing.BaseUrl.ToString(), '-CredentialPath', $CredentialFile, '-ReportFolder', $folder, '-FailOnNewGapsAbove', '0'
            $failing.Requests | Should -HaveCount 1
        } finally { $failing.Dispose() }
        $run.ExitCode | Should -Be 2
        Get-SummaryValue $run 'Status' | Should -Be 'Failed'
        $log = Get-RunLog (Join-Path $folder 'coverage-report.log')
        $log[-2] | Should -BeLike '*ERROR Run failed: *CODE 2001: This account has expired.*'
        Get-Reports $folder | Should -HaveCount 0
        Assert-NoSecret $folder $run
    }
}

Describe 'The nightly run on a drop folder' {
    BeforeAll {
        # The demo's two exports under names that say the opposite of what they hold: the script must go
        # by content. Around them: files that are no detection report, an older damaged agent export that
        # must never be opened since a newer agent export exists, and a file too old to be considered.
        $Drop = New-Item -ItemType Directory (Join-Path $TestDrive 'drop')
        $now = [DateTime]::UtcNow
        function Add-DropFile([string] $Name, [string] $From, [double] $HoursAgo, [string] $Text) {
            $path = Join-Path $Drop $Name
            if ($From) { Copy-Item -LiteralPath $From -Destination $path } else { Set-Content -LiteralPath $path -Value $Text }
            (Get-Item -LiteralPath $path).LastWriteTimeUtc = $now.AddHours(-$HoursAgo)
        }
        $agentXml = Join-Path $Demo 'agent-detections.xml'
        Add-DropFile 'README.txt' -Text 'Exports land here every evening.' -HoursAgo 0.1
        Add-DropFile 'knowledgebase.xml' -From (Join-Path $Demo 'knowledgebase.xml') -HoursAgo 0.5
        Add-DropFile 'scanner.csv' -From $agentXml -HoursAgo 1
        Add-DropFile 'agent.xml' -From (Join-Path $Demo 'appliance-scan.csv') -HoursAgo 2
        Add-DropFile 'agent-yesterday.xml' -Text ((Get-Content -LiteralPath $agentXml -TotalCount 200) -join "`n") -HoursAgo 26
        Add-DropFile 'ancient.txt' -Text 'not even read' -HoursAgo (24 * 30)
        $Reports = Join-Path $TestDrive 'drop-reports'
        # The demo: 48 scanner and 333 agent findings, 339 gap rows (16 scanner-only, 323 agent-only).
        $DemoGaps = 339
    }

    It 'first run: no baseline, so every actionable gap is new and over the threshold it exits 3' {
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $Reports, '-FailOnNewGapsAbove', '0'
        $run.ExitCode | Should -Be 3 -Because $run.StdErr
        Get-SummaryValue $run 'Status' | Should -Be 'NewActionableGapsAboveThreshold'
        Get-SummaryValue $run 'ScannerFindings' | Should -Be '48'
        Get-SummaryValue $run 'AgentFindings' | Should -Be '333'
        Get-SummaryValue $run 'NewGaps' | Should -Be "$DemoGaps"
        Get-SummaryValue $run 'Baseline' | Should -BeNullOrEmpty

        $files = Get-Reports $Reports
        $files | Should -HaveCount 3
        foreach ($file in $files) { $file.Name | Should -Match $ReportName }
        $csvRows = @(Import-Csv -LiteralPath $files[0].FullName)
        $csvRows | Should -HaveCount $DemoGaps
        # The alert counts the work only: gaps that need nobody (Action None) and accepted risks never alert.
        $actionable = @($csvRows | Where-Object { $_.Action -ne 'None' -and $_.Accepted -ne 'True' })
        $actionable.Count | Should -BeGreaterThan 0
        $actionable.Count | Should -BeLessThan $DemoGaps
        Get-SummaryValue $run 'NewActionableGaps' | Should -Be "$($actionable.Count)"
        (Get-Content -Raw -LiteralPath $files[1].FullName) | Should -BeLike '<!DOCTYPE html>*'
        @(Get-Content -Raw -LiteralPath $files[2].FullName | ConvertFrom-Json) | Should -HaveCount $DemoGaps
        @(Import-Csv -LiteralPath (Join-Path $Reports 'coverage-history.csv')) | Should -HaveCount 1
        Assert-NoLeftovers $Reports

        $log = Get-RunLog (Join-Path $Reports 'coverage-report.log')
        foreach ($line in $log) { $line | Should -Match $LogLine }
        $text = $log -join "`n"
        $text | Should -BeLike "*Drop folder '$($Drop.FullName)': 6 files, 5 written in the last 7 days.*"
        $text | Should -BeLike "*Skipped 'README.txt': not a Qualys detection report (QualysReportUnrecognized).*"
        $text | Should -BeLike "*Skipped 'knowledgebase.xml': not a Qualys detection report (QualysReportWithoutDetections).*"
        $text | Should -BeLike "*Took 'scanner.csv' for the Agent side: 333 findings, HostDetectionXml format*"
        $text | Should -BeLike "*Took 'agent.xml' for the Scanner side: 48 findings, ScanResultsCsv format*"
        $text | Should -Not -BeLike '*agent-yesterday.xml*'
        $text | Should -Not -BeLike '*ancient.txt*'
        $text | Should -BeLike '*No previous report in the folder: this is the first run of the series, and every gap is new.*'
        $text | Should -BeLike "*Compared: 347 rows, $DemoGaps open gaps (16 scanner-only, 323 agent-only).*"
        $text | Should -BeLike '*Open gaps by action: FixScanAuthentication 37, RepairAgent 4; expected (Action None): 298.*'
        $text | Should -BeLike "*No baseline, so every gap is new: $DemoGaps new, 0 persisting, 0 closed; new actionable of severity 1 or more: 41 (FixScanAuthentication 37, RepairAgent 4).*"
        $text | Should -BeLike "*WARN  Compare-QualysVantage: Cloud Agent data is more than 30 days older than the scan on 1 host: win10-ws077*"
        $text | Should -BeLike "*New actionable gaps: $($actionable.Count) (threshold 0).*"
        $log[-1] | Should -BeLike '*INFO  Run finished: NewActionableGapsAboveThreshold, exit code 3.'
    }

    It 'second identical run: nothing new against the first run''s JSON, so it exits 0, and the report draws the trend' {
        $firstJson = (Get-Reports $Reports | Where-Object Extension -eq '.json')[0]
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $Reports, '-FailOnNewGapsAbove', '0'
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        Get-SummaryValue $run 'Status' | Should -Be 'Succeeded'
        Get-SummaryValue $run 'NewGaps' | Should -Be '0'
        Get-SummaryValue $run 'NewActionableGaps' | Should -Be '0'
        Get-SummaryValue $run 'PersistingGaps' | Should -Be "$DemoGaps"
        Get-SummaryValue $run 'ClosedGaps' | Should -Be '0'
        Get-SummaryValue $run 'Gaps' | Should -Be "$DemoGaps"
        Get-SummaryValue $run 'Baseline' | Should -Be $firstJson.FullName
        Get-Reports $Reports | Should -HaveCount 6
        Assert-NoLeftovers $Reports

        $latest = @(Get-Reports $Reports | Where-Object Extension -eq '.json')[-1]
        $rows = @(Get-Content -Raw -LiteralPath $latest.FullName | ConvertFrom-Json)
        @($rows | Where-Object Change -ne 'Persisting') | Should -HaveCount 0
        @(Import-Csv -LiteralPath (Join-Path $Reports 'coverage-history.csv')) | Should -HaveCount 2
        (Get-Content -Raw -LiteralPath (Get-SummaryValue $run 'HtmlReport')) | Should -BeLike '*<svg*'

        $log = Get-RunLog (Join-Path $Reports 'coverage-report.log')
        $log | Should -HaveCount (@($log | Where-Object { $_ -match $LogLine }).Count)
        ($log -join "`n") | Should -BeLike "*Baseline: the previous report '$($firstJson.Name)'.*"
        ($log -join "`n") | Should -BeLike "*Change since the baseline: 0 new, $DemoGaps persisting, 0 closed; new actionable of severity 1 or more: 0.*"
        $log[-2] | Should -BeLike '*INFO  New actionable gaps: 0 (threshold 0).'
    }

    It 'third run, the next night: new actionable gaps again, so it exits 3; below -MinimumSeverity they do not alert' {
        # The demo one night later: a new server without an agent, and a scan that failed to log in to FS01.
        $NextNight = Join-Path $PSScriptRoot '../fixtures/scenarios/demo-next-night'
        $Assessed = Join-Path $TestDrive 'drop-reports-copy'
        Copy-Item -LiteralPath $Reports -Destination $Assessed -Recurse
        foreach ($name in 'appliance-scan.csv', 'agent-detections.xml') {
            Copy-Item -LiteralPath (Join-Path $NextNight $name) -Destination (Join-Path $Drop "tonight-$name")
            (Get-Item (Join-Path $Drop "tonight-$name")).LastWriteTimeUtc = [DateTime]::UtcNow
        }

        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $Reports, '-FailOnNewGapsAbove', '0'
        $run.ExitCode | Should -Be 3 -Because $run.StdErr
        $json = @(Get-Reports $Reports | Where-Object Extension -eq '.json')[-1]
        $rows = @(Get-Content -Raw -LiteralPath $json.FullName | ConvertFrom-Json)
        $newWork = @($rows | Where-Object { ($_.Change -eq 'New' -or $_.BecameActionable) -and $_.Action -ne 'None' })
        @($newWork | Where-Object NetBiosName -eq 'APP07').Action | Should -Be 'DeployAgent'
        @($newWork | Where-Object { $_.HostName -like 'FS01*' -and $_.BecameActionable }).Count | Should -Be 4
        @($newWork | Where-Object { $_.HostName -like 'FS01*' }).Action | Sort-Object -Unique | Should -Be 'FixScanAuthentication'
        Get-SummaryValue $run 'NewActionableGaps' | Should -Be "$($newWork.Count)"
        @($rows | Where-Object Change -eq 'Closed').Count | Should -Be (Get-SummaryValue $run 'ClosedGaps')
        @($rows | Where-Object { $_.HostName -like 'lt-rw-117*' -and $_.Change -ne 'Persisting' }) | Should -HaveCount 0 -Because 'the laptop''s new address does not make it another machine'
        ((Get-RunLog (Join-Path $Reports 'coverage-report.log')) -join "`n") | Should -BeLike "*new actionable of severity 1 or more: $($newWork.Count) (DeployAgent 1, FixScanAuthentication *).*"
        @(Import-Csv -LiteralPath (Join-Path $Reports 'coverage-history.csv')) | Should -HaveCount 3

        # The same night judged with -MinimumSeverity 5: the new work is reported but does not alert.
        $severe = @($newWork | Where-Object { $null -eq $_.Severity -or $_.Severity -ge 5 }).Count
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $Assessed, '-FailOnNewGapsAbove', "$severe", '-MinimumSeverity', '5'
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        Get-SummaryValue $run 'NewActionableGaps' | Should -Be "$severe"
        $severe | Should -BeLessThan $newWork.Count
        foreach ($name in 'appliance-scan.csv', 'agent-detections.xml') { Remove-Item -LiteralPath (Join-Path $Drop "tonight-$name") }
    }

    It 'exits 2 when the previous report cannot be read, and writes nothing' {
        $folder = Join-Path $TestDrive 'broken-baseline-reports'
        New-Item -ItemType Directory $folder | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'coverage-gap-2026-01-01T000000Z.json') -Value '[{"HostName": "cut off'
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $folder, '-FailOnNewGapsAbove', '0'
        $run.ExitCode | Should -Be 2
        (Get-RunLog (Join-Path $folder 'coverage-report.log'))[-2] | Should -BeLike '*ERROR Run failed: *coverage-gap-2026-01-01T000000Z.json*'
        Get-Reports $folder | Should -HaveCount 1
        Test-Path (Join-Path $folder 'coverage-history.csv') | Should -BeFalse
    }

    It 'exits 2 when the newest export of a side is cut off, rather than fall back to an older one' {
        $drop = New-Item -ItemType Directory (Join-Path $TestDrive 'drop-damaged')
        Copy-Item -LiteralPath (Join-Path $Demo 'appliance-scan.csv') -Destination $drop
        Copy-Item -LiteralPath $agentXml -Destination (Join-Path $drop 'agents-older.xml')
        Set-Content -LiteralPath (Join-Path $drop 'agents-newest.xml') -Value ((Get-Content -LiteralPath $agentXml -TotalCount 200) -join "`n")
        (Get-Item (Join-Path $drop 'appliance-scan.csv')).LastWriteTimeUtc = [DateTime]::UtcNow.AddHours(-2)
        (Get-Item (Join-Path $drop 'agents-older.xml')).LastWriteTimeUtc = [DateTime]::UtcNow.AddHours(-3)
        $folder = Join-Path $TestDrive 'damaged-reports'
        $run = Invoke-Nightly -Arguments '-DropFolder', $drop.FullName, '-ReportFolder', $folder
        $run.ExitCode | Should -Be 2
        $log = Get-RunLog (Join-Path $folder 'coverage-report.log')
        $log[-2] | Should -BeLike "*ERROR Run failed: The export '*agents-newest.xml' cannot be read (QualysReportTruncated)*"
        Get-Reports $folder | Should -HaveCount 0
    }

    It 'exits 2 when one side has no export: no data to compare' {
        $drop = New-Item -ItemType Directory (Join-Path $TestDrive 'drop-one-side')
        Copy-Item -LiteralPath (Join-Path $Demo 'appliance-scan.csv') -Destination $drop
        (Get-Item (Join-Path $drop 'appliance-scan.csv')).LastWriteTimeUtc = [DateTime]::UtcNow
        $folder = Join-Path $TestDrive 'one-side-reports'
        $run = Invoke-Nightly -Arguments '-DropFolder', $drop.FullName, '-ReportFolder', $folder
        $run.ExitCode | Should -Be 2
        (Get-RunLog (Join-Path $folder 'coverage-report.log'))[-2] | Should -BeLike "*ERROR Run failed: No Agent export written in the last 7 days was found in '$($drop.FullName)'.*"
    }

    It 'exits 2 for a drop folder that does not exist, logging to -LogPath' {
        $folder = Join-Path $TestDrive 'missing-reports'
        $logPath = Join-Path $TestDrive 'logs/nightly.log'
        $run = Invoke-Nightly -Arguments '-DropFolder', (Join-Path $TestDrive 'no-such-drop'), '-ReportFolder', $folder, '-LogPath', $logPath
        $run.ExitCode | Should -Be 2
        Get-SummaryValue $run 'LogPath' | Should -Be $logPath
        $log = Get-RunLog $logPath
        $log[0] | Should -BeLike '*INFO  Run started*'
        $log[-2] | Should -BeLike "*ERROR Run failed: The drop folder '*no-such-drop' does not exist or is not a folder."
        $log[-1] | Should -BeLike '*ERROR Run finished: Failed, exit code 2.'
        Test-Path (Join-Path $folder 'coverage-report.log') | Should -BeFalse
        Get-Reports $folder | Should -HaveCount 0
    }

    It 'exits 2, not PowerShell''s 1, for an unknown parameter or a threshold that is not a number' {
        $folder = Join-Path $TestDrive 'typo-reports'
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $folder, '-MaxNewGaps', '3'
        $run.ExitCode | Should -Be 2
        $run = Invoke-Nightly -Arguments '-DropFolder', $Drop.FullName, '-ReportFolder', $folder, '-FailOnNewGapsAbove', 'ten'
        $run.ExitCode | Should -Be 2
        $log = Get-RunLog (Join-Path $folder 'coverage-report.log')
        ($log -join "`n") | Should -BeLike '*ERROR Run failed: Unknown arguments: -MaxNewGaps 3.*'
        ($log -join "`n") | Should -BeLike "*ERROR Run failed: -FailOnNewGapsAbove must be a whole number, 0 or more; 'ten' is not.*"
        Get-Reports $folder | Should -HaveCount 0
    }
}
