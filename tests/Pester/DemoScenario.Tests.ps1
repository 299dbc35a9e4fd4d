# The Demo's story, from the committed generator output (tests/fixtures/scenarios/demo): the
# write-up's Windows 10 machine and its neighbours, every reason on at least one row.
BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
    $Scan = Join-Path $Demo 'appliance-scan.csv'
    $Agents = Join-Path $Demo 'agent-detections.xml'
    $Kb = Join-Path $Demo 'knowledgebase.xml'
    $Rows = Import-QualysReport $Scan, $Agents | Compare-QualysVantage -KnowledgeBase $Kb -WarningVariable DemoWarnings -WarningAction SilentlyContinue
    $Heuristic = Import-QualysReport $Scan, $Agents | Compare-QualysVantage -WarningAction SilentlyContinue
    $Summary = $Rows | Measure-QualysVantage
    function Get-ReasonCounts($rows, $name) {
        $counts = @{}
        $rows | Where-Object { $_.HostName -like $name -and $_.Presence -ne 'Both' } | Group-Object Reason | ForEach-Object { $counts[$_.Name] = $_.Count }
        $counts
    }
}

Describe 'The write-up machine' {
    It 'reads scanner 5 (3 confirmed, 2 potential) against agent 264, with 2 in both' {
        $ws042 = $Summary | Where-Object HostName -like 'win10-ws042*'
        $ws042.ScannerTotal | Should -Be 5
        $ws042.ScannerConfirmed | Should -Be 3
        $ws042.ScannerPotential | Should -Be 2
        $ws042.AgentTotal | Should -Be 264
        $ws042.Both | Should -Be 2
        $ws042.ScannerOnly | Should -Be 3
        $ws042.AgentOnly | Should -Be 262
        $ws042.MatchedBy | Should -Be 'Fqdn'
        $ws042.ScannerAuthentication | Should -Be 'Passed'
    }

    It 'explains its agent-only findings as local checks and its certificate findings as network checks' {
        $counts = Get-ReasonCounts $Rows 'win10-ws042*'
        $counts['NeedsLocalAccess'] | Should -Be 261
        $counts['ScannerMissed'] | Should -Be 1
        $counts['NeedsNetworkExposure'] | Should -Be 3
        $certificate = $Rows | Where-Object { $_.HostName -like 'win10-ws042*' -and $_.QID -eq 38169 }
        $certificate.Presence | Should -Be 'ScannerOnly'
        $certificate.ScannerPorts | Should -Be '3389/tcp'
        $certificate.ReasonSource | Should -Be 'KnowledgeBase'
        $certificate.ReasonDetail | Should -Not -BeNullOrEmpty
    }

    It 'still says NeedsLocalAccess for most agent-only rows without a KnowledgeBase, marked Heuristic' {
        $rows = @($Heuristic | Where-Object { $_.HostName -like 'win10-ws042*' -and $_.Presence -eq 'AgentOnly' })
        $rows | Should -HaveCount 262
        @($rows | Where-Object Reason -eq 'NeedsLocalAccess').Count | Should -BeGreaterThan 250
        $rows.ReasonSource | Select-Object -Unique | Should -Be 'Heuristic'
    }
}

Describe 'Every reason in the demo network' {
    It '<Name>: <Expected>' -ForEach @(
        @{ Name = 'app01*'; Expected = @{ ScanNotAuthenticated = 37; NeedsNetworkExposure = 2 }; Auth = 'Failed' }
        @{ Name = 'FS01*'; Expected = @{ NeedsLocalAccess = 4; AgentFixedSinceScan = 2; NeedsNetworkExposure = 1 }; Auth = 'Passed' }
        @{ Name = 'lt-rw-117*'; Expected = @{ OutsideScanTargets = 14 }; Auth = 'Unknown' }
        @{ Name = 'prn-3f-01*'; Expected = @{ NoAgentOnHost = 4 }; Auth = 'Unknown' }
        @{ Name = 'win10-ws077*'; Expected = @{ NeedsLocalAccess = 6; AgentStale = 4 }; Auth = 'Passed' }
    ) {
        $counts = Get-ReasonCounts $Rows $Name
        $counts.Keys | Sort-Object | Should -Be ($Expected.Keys | Sort-Object)
        foreach ($key in $Expected.Keys) { $counts[$key] | Should -Be $Expected[$key] -Because "$Name $key" }
        ($Rows | Where-Object HostName -like $Name).ScannerAuthentication | Select-Object -Unique | Should -Be $Auth
    }

    It 'says what to do about each gap and who does it, and nothing for the gaps expected by design' {
        $total = $Summary | Where-Object Scope -eq 'Total'
        ($total.FixScanAuthentication, $total.InvestigateScanReach, $total.DeployAgent, $total.RepairAgent, $total.InvestigateDetection) |
            Should -Be @(37, 0, 0, 4, 1)
        ($Summary | Where-Object HostName -like 'app01*').Action | Should -Be 'FixScanAuthentication'
        ($Summary | Where-Object HostName -like 'app01*').Owner | Should -Be 'ScanTeam'
        ($Summary | Where-Object HostName -like 'prn-3f-01*').Action | Should -Be 'None'
        ($Summary | Where-Object HostName -like 'lt-rw-117*').Action | Should -Be 'None'
        @($Rows | Where-Object { $_.Reason -in 'NeedsLocalAccess', 'NeedsNetworkExposure', 'AgentFixedSinceScan', 'OutsideScanTargets' -and $_.Action -ne 'None' }) | Should -BeNullOrEmpty
        ($Rows | Where-Object HostName -like 'prn-3f-01*' | Select-Object -First 1).ReasonDetail | Should -BeLike '*a printer, which the Cloud Agent does not run on*'
    }

    It 'names the stale agent in a warning' {
        ($DemoWarnings -join "`n") | Should -Match 'win10-ws077'
    }

    It 'counts reasons per host and in total in the summary' {
        $total = $Summary | Where-Object Scope -eq 'Total'
        $total.NeedsLocalAccess | Should -Be 271
        $total.ScanNotAuthenticated | Should -Be 37
        $total.HostNotScanned | Should -Be 0
        $total.OutsideScanTargets | Should -Be 14
        $total.ScannerMissed | Should -Be 1
        $total.NeedsNetworkExposure | Should -Be 6
        $total.AgentFixedSinceScan | Should -Be 2
        $total.NoAgentOnHost | Should -Be 4
        $total.AgentStale | Should -Be 4
        $total.AgentMissed | Should -Be 0
    }

    It 'writes the HTML report with the reason counts and the summary sentence' {
        $html = Join-Path ([IO.Path]::GetTempPath()) "qc-demo-$([guid]::NewGuid()).html"
        try {
            $Rows | Export-CoverageGap -Path $html
            $text = Get-Content -Raw $html
            $text | Should -Match 'Scanner appliance: 5 findings \(3 confirmed, 2 potential\)'
            $text | Should -Match '264'
            $text | Should -Match 'NeedsLocalAccess|Needs local access'
            foreach ($hostName in 'app01', 'FS01', 'lt-rw-117', 'prn-3f-01', 'win10-ws042', 'win10-ws077') { $text | Should -Match $hostName }
        }
        finally { Remove-Item $html -ErrorAction SilentlyContinue }
    }
}

# The README tour's step 7: the committed next night (tests/fixtures/scenarios/demo-next-night) compared
# against the first night's JSON export.
Describe 'The next night against the first night''s report' {
    BeforeAll {
        $NextNight = Join-Path $PSScriptRoot '../fixtures/scenarios/demo-next-night'
        $FirstJson = Join-Path $TestDrive 'coverage-gap.json'
        $Rows | Export-CoverageGap -Path $FirstJson
        $Next = @(Compare-QualysVantage -Scanner (Join-Path $NextNight 'appliance-scan.csv') -Agent (Join-Path $NextNight 'agent-detections.xml') `
                -KnowledgeBase (Join-Path $NextNight 'knowledgebase.xml') -Baseline $FirstJson -WarningAction SilentlyContinue)
        $Gaps = @($Next | Where-Object Presence -ne 'Both')
    }

    It 'has 325 persisting gaps, 14 closed and 3 new' {
        @($Gaps | Where-Object Change -eq 'Persisting') | Should -HaveCount 325
        @($Gaps | Where-Object Change -eq 'Closed') | Should -HaveCount 14
        @($Gaps | Where-Object Change -eq 'New') | Should -HaveCount 3
        @($Gaps | Where-Object Change -eq 'None') | Should -HaveCount 0
    }

    It 'closes the twelve installed updates and the two fixes the failed scan no longer sees, and nothing of the laptop' {
        @($Gaps | Where-Object { $_.Change -eq 'Closed' -and $_.HostName -like 'win10-ws042*' }) | Should -HaveCount 12
        @($Gaps | Where-Object { $_.Change -eq 'Closed' -and $_.HostName -like 'FS01*' }).Reason | Sort-Object -Unique | Should -Be 'AgentFixedSinceScan'
        @($Gaps | Where-Object { $_.HostName -like 'lt-rw-117*' -and $_.Change -ne 'Persisting' }) | Should -HaveCount 0
        ($Gaps | Where-Object HostName -like 'lt-rw-117*' | Select-Object -First 1).AgentIP | Should -Be '192.168.178.23'
        foreach ($closed in $Gaps | Where-Object Change -eq 'Closed') {
            $closed.Action | Should -Be 'None'
            $closed.PreviousAction | Should -Not -BeNullOrEmpty
        }
    }

    It 'has as new work APP07''s DeployAgent and FS01''s FixScanAuthentication, four of them old gaps that became actionable' {
        $work = @($Gaps | Where-Object { ($_.Change -eq 'New' -or $_.BecameActionable) -and $_.Action -ne 'None' })
        $work | Should -HaveCount 7
        ($work | Where-Object NetBiosName -eq 'APP07').Action | Should -Be 'DeployAgent'
        $fs01 = @($work | Where-Object HostName -like 'FS01*')
        $fs01.Action | Sort-Object -Unique | Should -Be 'FixScanAuthentication'
        @($fs01 | Where-Object BecameActionable) | Should -HaveCount 4
        foreach ($row in $fs01 | Where-Object BecameActionable) {
            $row.Change | Should -Be 'Persisting'
            $row.PreviousAction | Should -Be 'None'
            # The first night's data date: its newest scan or agent assessment.
            $row.FirstSeen | Should -Be $Rows[0].DataDate
            $row.FirstSeen.Date | Should -Be ([datetime]::new(2026, 11, 20))
            $row.DaysOpen | Should -Be 1
        }
    }
}
