BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $CommandName = 'QualysCompare.Cmdlets.GetQualysHostDetectionCommand'
    # The fake Qualys of the xunit tests, compiled here: a raw-socket HTTP server on 127.0.0.1.
    $serverSource = Join-Path $PSScriptRoot '../QualysCompare.Engine.Tests/Api'
    if (-not ('QualysCompare.Testing.ServerScenarios' -as [type])) {
        Add-Type -Path (Join-Path $serverSource 'FakeQualysServer.cs'), (Join-Path $serverSource 'HostDetectionPages.cs'), (Join-Path $serverSource 'ServerScenarios.cs')
    }
    $Password = 'S3cr3t-P@ss!'
    $Credential = [pscredential]::new('qcomp_as7', (ConvertTo-SecureString $Password -AsPlainText -Force))
}

Describe 'Issue 17: host facts from the detection API' {
    AfterEach {
        if ($server) { $server.Dispose() }
    }

    It 'offers -IncludeTags and -IncludeQds as switches, each documented' {
        $command = Get-Command Get-QualysHostDetection
        $command.Parameters['IncludeTags'].SwitchParameter | Should -BeTrue
        $command.Parameters['IncludeQds'].SwitchParameter | Should -BeTrue
        (Get-Help Get-QualysHostDetection -Parameter IncludeTags).description.Text | Should -BeLike '*show_tags=1*'
        (Get-Help Get-QualysHostDetection -Parameter IncludeQds).description.Text | Should -BeLike '*QualysApiParameterRefused*'
    }

    It 'asks for show_tags and show_qds and writes the tags, QDS and scan dates on the findings' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('HostFacts')
        $found = Get-QualysHostDetection $server.BaseUrl $Credential -IncludeTags -IncludeQds

        $server.Requests[0].Field('show_tags') | Should -Be '1'
        $server.Requests[0].Field('show_qds') | Should -Be '1'
        $web = $found | Where-Object { $_.HostId -eq '2001' }
        $web.Tags | Should -Be 'Web; DMZ'
        $web.Qds | Should -Be 40
        $web.QdsSeverity | Should -Be 'MEDIUM'
        $web.HostLastVmScanned | Should -Be ([datetime]::new(2023, 3, 15, 0, 48, 49, [DateTimeKind]::Utc))
        $web.HostLastVmAuthScanned | Should -Be ([datetime]::new(2023, 2, 1, 2, 10, 0, [DateTimeKind]::Utc))
    }

    It 'sends neither field without the switches' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('HostFacts')
        $found = Get-QualysHostDetection $server.BaseUrl $Credential
        $server.Requests[0].Field('show_tags') | Should -BeNullOrEmpty
        $server.Requests[0].Field('show_qds') | Should -BeNullOrEmpty
        @($found | Where-Object { $_.Tags -or $_.Qds }) | Should -HaveCount 0
    }

    It 'judges the scan''s login from the dates on the comparison rows, with tags and the higher QDS' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('HostFacts')
        $rows = Get-QualysHostDetection $server.BaseUrl $Credential -IncludeTags -IncludeQds | Compare-QualysVantage -WarningAction SilentlyContinue

        $local = $rows | Where-Object { $_.HostName -like 'web21*' -and $_.QID -eq 90043 }
        $local.Presence | Should -Be 'AgentOnly'
        $local.ScannerAuthentication | Should -Be 'Failed'
        $local.Reason | Should -Be 'ScanNotAuthenticated'
        $local.Action | Should -Be 'FixScanAuthentication'
        $local.ReasonDetail | Should -BeLike "*by the host's scan dates*"
        $local.Tags | Should -Be 'Web; Owner: Web Team'
        $local.Qds | Should -Be 72
        $local.QdsSeverity | Should -Be 'HIGH'
        $both = $rows | Where-Object { $_.HostName -like 'web21*' -and $_.QID -eq 38170 }
        $both.Presence | Should -Be 'Both'
        $both.Qds | Should -Be 81
        ($rows | Where-Object HostName -like 'app22*').ScannerAuthentication | Should -Be 'Passed'
        ($rows | Where-Object HostName -like 'print23*').ScannerAuthentication | Should -Be 'NotAttempted'
    }

    It 'puts Tags, Qds and QdsSeverity in the CSV export, in spreadsheet order' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('HostFacts')
        $csv = Join-Path $TestDrive 'gaps.csv'
        Get-QualysHostDetection $server.BaseUrl $Credential -IncludeTags -IncludeQds | Compare-QualysVantage -WarningAction SilentlyContinue | Export-CoverageGap -Path $csv

        $header = (Get-Content -LiteralPath $csv -TotalCount 1).Trim([char]0xFEFF).Split(',') | ForEach-Object { $_.Trim('"') }
        [array]::IndexOf($header, 'Tags') | Should -Be ([array]::IndexOf($header, 'OperatingSystem') + 1)
        [array]::IndexOf($header, 'Qds') | Should -Be ([array]::IndexOf($header, 'Severity') + 1)
        [array]::IndexOf($header, 'QdsSeverity') | Should -Be ([array]::IndexOf($header, 'Qds') + 1)
        $row = Import-Csv -LiteralPath $csv | Where-Object { $_.QID -eq '90043' }
        $row.Tags | Should -Be 'Web; Owner: Web Team'
        $row.Qds | Should -Be '72'
        $row.QdsSeverity | Should -Be 'HIGH'
        $row.Action | Should -Be 'FixScanAuthentication'
    }

    It 'stops with QualysApiParameterRefused naming -IncludeQds when the subscription has no QDS' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('QdsRefused')
        $err = { Get-QualysHostDetection $server.BaseUrl $Credential -IncludeTags -IncludeQds } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiParameterRefused,$CommandName"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*-IncludeQds: this subscription does not offer QDS*Qualys code 1901: Unrecognized parameter(s): show_qds*'
        $err.Exception.Message | Should -Not -BeLike "*$Password*"
    }

    It 'pulls from the same subscription without -IncludeQds' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('QdsRefused')
        $found = Get-QualysHostDetection $server.BaseUrl $Credential -IncludeTags
        $found | Should -Not -BeNullOrEmpty
        ($found | Where-Object HostId -eq '1001')[0].Tags | Should -Be 'Servers; Windows'
    }
}
