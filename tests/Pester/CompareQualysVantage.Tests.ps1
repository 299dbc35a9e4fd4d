BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Samples = Join-Path $PSScriptRoot '../fixtures/samples'
    $Traps = Join-Path $PSScriptRoot '../fixtures/scenarios/traps'
    $CommandName = 'QualysCompare.Cmdlets.CompareQualysVantageCommand'
}

Describe 'Compare-QualysVantage command shape' {
    It 'declares VantageComparison as its output type' {
        (Get-Command Compare-QualysVantage).OutputType.Name | Should -Be 'QualysCompare.Engine.Model.VantageComparison'
    }

    It 'refuses pipeline input together with -Scanner and -Agent as a terminating error' {
        $finding = Import-QualysReport (Join-Path $Samples 'e-jupiterone-fixture-detections.xml') | Select-Object -First 1
        { $finding | Compare-QualysVantage -Scanner $finding -Agent $finding -ErrorAction Stop } |
            Should -Throw -ErrorId "CannotCombinePipelineAndSides,$CommandName"
    }

    It 'validates -MinimumSeverity to 1..5' {
        { Compare-QualysVantage -Scanner x -Agent y -MinimumSeverity 9 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,QualysCompare.Cmdlets.CompareQualysVantageCommand'
    }
}

Describe 'Compare-QualysVantage with one side only' {
    It 'warns and marks every host of the other side as uncovered' {
        $rows = Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') |
            Compare-QualysVantage -WarningVariable warnings -WarningAction SilentlyContinue
        $rows | Should -HaveCount 20
        $rows.Presence | Select-Object -Unique | Should -Be 'AgentOnly'
        $rows.HostCoverage | Select-Object -Unique | Should -Be 'AgentOnly'
        $warnings | Should -Not -BeNullOrEmpty
    }

    It 'says a -Scanner or -Agent path is that side whatever the file says' {
        $rows = Compare-QualysVantage -Scanner (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') -Agent (Join-Path $Samples 'e-jupiterone-detection-empty-response.xml') -WarningAction SilentlyContinue
        $rows.Presence | Select-Object -Unique | Should -Be 'ScannerOnly'
    }

    It 'reports a bad -Scanner file as a non-terminating error and compares the rest' {
        $rows = Compare-QualysVantage -Scanner (Join-Path $Samples 'x-defectdojo-monthly_pci_issue6932.csv'), (Join-Path $Samples 'e-jupiterone-fixture-detections.xml') -Agent (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "QualysReportPciScan,$CommandName"
        @($rows | Where-Object Presence -eq 'ScannerOnly') | Should -HaveCount 3
    }
}

Describe 'Measure-QualysVantage' {
    It 'gives one summary per machine and a total' {
        $summary = Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') |
            Compare-QualysVantage -WarningAction SilentlyContinue | Measure-QualysVantage
        $summary | Should -HaveCount 3
        $summary[-1].Scope | Should -Be 'Total'
        $summary[-1].AgentTotal | Should -Be 20
        $summary[-1].AgentOnly | Should -Be 20
        $summary[-1].Hosts | Should -Be 2
        ($summary | Where-Object Scope -eq 'Host').AgentOnlyPercent | Should -Be @(100, 100)
    }

    It 'gives only the total with -Total' {
        $total = Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') |
            Compare-QualysVantage -WarningAction SilentlyContinue | Measure-QualysVantage -Total
        $total.Scope | Should -Be 'Total'
    }
}
