BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Fixtures = Join-Path $PSScriptRoot '../fixtures'
    $Demo = Join-Path $Fixtures 'scenarios/demo'
    $Runs = Join-Path $Fixtures 'change-over-time'
    $Kb = Join-Path $Demo 'knowledgebase.xml'
    $CommandName = 'QualysCompare.Cmdlets.CompareQualysVantageCommand'

    function Invoke-Run([int] $Run, [string] $Baseline) {
        $folder = if ($Run -eq 1) { $Demo } else { Join-Path $Runs "run$Run" }
        $extra = @{}
        if ($Baseline) { $extra.Baseline = $Baseline }
        Compare-QualysVantage -Scanner (Join-Path $folder 'appliance-scan.csv') -Agent (Join-Path $folder 'agent-detections.xml') -KnowledgeBase $Kb -WarningAction SilentlyContinue @extra
    }
}

Describe 'Compare-QualysVantage -Baseline over three runs' {
    BeforeAll {
        $run1 = @(Invoke-Run 1)
        $run1 | Export-CoverageGap -Path (Join-Path $TestDrive 'run1.csv')
        $run2 = @(Invoke-Run 2 (Join-Path $TestDrive 'run1.csv'))
        $run2 | Export-CoverageGap -Path (Join-Path $TestDrive 'run2.json')
        $run3 = @(Invoke-Run 3 (Join-Path $TestDrive 'run2.json'))
        $firstDate = [datetime]::new(2026, 11, 20, 5, 46, 2, [DateTimeKind]::Utc)
    }

    It 'emits VantageComparison rows that carry the data date' {
        $run2 | ForEach-Object { $_ | Should -BeOfType 'QualysCompare.Engine.Model.VantageComparison' }
        $run1.DataDate | Select-Object -Unique | Should -Be $firstDate
        $run1.Change | Select-Object -Unique | Should -Be 'None'
    }

    It 'marks what appeared New and writes what was fixed as Closed rows with nothing left to do' {
        $new = @($run2 | Where-Object Change -eq 'New')
        $new | Should -HaveCount 1
        "$($new[0].HostName) $($new[0].QID)" | Should -Be 'prn-3f-01.corp.example.com 38173'
        $closed = @($run2 | Where-Object Change -eq 'Closed')
        @($closed | ForEach-Object { "$($_.HostName) $($_.QID)" } | Sort-Object) | Should -Be @('prn-3f-01.corp.example.com 82003', 'win10-ws042.corp.example.com 90044')
        $closed.Action | Select-Object -Unique | Should -Be 'None'
        $closed.Owner | Select-Object -Unique | Should -Be 'None'
        @($run3 | Where-Object Change -eq 'Closed') | Should -HaveCount 1
    }

    It 'keeps FirstSeen from the first run through the third' {
        $kept = @($run3 | Where-Object { $_.Change -eq 'Persisting' -and $_.FirstSeen -eq $firstDate })
        $kept.Count | Should -Be (@($run1 | Where-Object Presence -ne 'Both').Count - 3)
        $kept.DaysOpen | Select-Object -Unique | Should -Be 14
    }

    It 'keeps the gaps of a laptop whose address changed' {
        $laptop = @($run2 | Where-Object HostName -eq 'lt-rw-117.corp.example.com')
        $laptop.AgentIP | Select-Object -Unique | Should -Be '192.168.1.88'
        $laptop.Change | Select-Object -Unique | Should -Be 'Persisting'
    }

    It 'marks the gaps whose action became actionable' {
        $marked = @($run3 | Where-Object BecameActionable)
        $marked | Should -HaveCount 4
        $marked.HostName | Select-Object -Unique | Should -Be 'FS01.Corp.Example.com'
        $marked.PreviousAction | Select-Object -Unique | Should -Be 'None'
        $marked.Action | Select-Object -Unique | Should -Be 'FixScanAuthentication'
    }

    It 'accepts exports from before this change, CSV and JSON' {
        foreach ($legacy in 'run1-gaps.csv', 'run1-gaps.json') {
            $rows = @(Invoke-Run 2 (Join-Path $Runs "legacy/$legacy"))
            @($rows | Where-Object Change -eq 'New') | Should -HaveCount 1
            @($rows | Where-Object Change -eq 'Closed') | Should -HaveCount 2
        }
    }
}

Describe 'Compare-QualysVantage -Baseline refuses a baseline it cannot use' {
    It 'stops with <ErrorId> for <Case> before any row, so the export writes no file' -ForEach @(
        @{ Case = 'a missing file'; ErrorId = 'CoverageGapBaselineUnreadable'; Make = { Join-Path $TestDrive 'missing.csv' } }
        @{ Case = 'malformed JSON'; ErrorId = 'CoverageGapBaselineUnreadable'; Make = { $p = Join-Path $TestDrive 'bad.json'; Set-Content -LiteralPath $p -Value '[{"HostName": "a", "QID": 5,'; $p } }
        @{ Case = 'a Qualys scan CSV'; ErrorId = 'CoverageGapBaselineNotExport'; Make = { Join-Path $Demo 'appliance-scan.csv' } }
        @{ Case = 'a summary export'; ErrorId = 'CoverageGapBaselineNotExport'; Make = { $p = Join-Path $TestDrive 'summary.csv'; Invoke-Run 1 | Measure-QualysVantage | Export-Csv -LiteralPath $p; $p } }
        @{ Case = 'an HTML report'; ErrorId = 'CoverageGapBaselineNotExport'; Make = { $p = Join-Path $TestDrive 'gaps.html'; Invoke-Run 1 | Export-CoverageGap -Path $p; $p } }
        @{ Case = 'a later run'; ErrorId = 'CoverageGapBaselineNewerThanData'; Make = { $p = Join-Path $TestDrive 'later.csv'; Invoke-Run 2 | Export-CoverageGap -Path $p; $p } }
    ) {
        $baseline = & $Make
        $target = Join-Path $TestDrive "out-$ErrorId.csv"
        $err = $null
        try {
            Compare-QualysVantage -Scanner (Join-Path $Demo 'appliance-scan.csv') -Agent (Join-Path $Demo 'agent-detections.xml') -Baseline $baseline -WarningAction SilentlyContinue |
                Export-CoverageGap -Path $target
        } catch {
            $err = $_
        }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "$ErrorId,$CommandName"
        $err.TargetObject | Should -Be ([System.IO.Path]::GetFullPath($baseline))
        $err.Exception.Message | Should -BeLike "*$(Split-Path $baseline -Leaf)*"
        Test-Path -LiteralPath $target | Should -BeFalse
    }

    It 'warns when the baseline has no machine in common with the data' {
        $other = Join-Path $TestDrive 'other.csv'
        Import-QualysReport (Join-Path $Fixtures 'scenarios/reasons/scanner-scan.csv'), (Join-Path $Fixtures 'scenarios/reasons/agent-detections.xml') -WarningAction SilentlyContinue |
            Compare-QualysVantage -WarningAction SilentlyContinue | Export-CoverageGap -Path $other
        $rows = @(Compare-QualysVantage -Scanner (Join-Path $Demo 'appliance-scan.csv') -Agent (Join-Path $Demo 'agent-detections.xml') -Baseline $other -WarningVariable warnings -WarningAction SilentlyContinue)
        ($warnings -join "`n") | Should -BeLike '*no machine of the baseline*'
        @($rows | Where-Object Change -eq 'Closed').Count | Should -BeGreaterThan 0
        @($rows | Where-Object Change -eq 'Persisting') | Should -HaveCount 0
    }
}

Describe 'Compare-QualysVantage -Baseline help' {
    It 'documents the parameter' {
        (Get-Help Compare-QualysVantage -Parameter Baseline).Description.Text | Should -BeLike '*Export-CoverageGap*'
    }
}
