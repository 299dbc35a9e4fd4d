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

Describe 'Compare-QualysVantage -InputObject' {
    It 'reports an object that is not a QualysFinding as InputObjectNotQualysFinding and compares the findings' {
        $findings = @(Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml'))
        $rows = @($findings[0]; [pscustomobject]@{ QID = 1 }; 'text'; $findings[1..($findings.Count - 1)]) |
            Compare-QualysVantage -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs | Should -HaveCount 2
        $errs.FullyQualifiedErrorId | Select-Object -Unique | Should -Be "InputObjectNotQualysFinding,$CommandName"
        $errs[1].TargetObject | Should -Be 'text'
        $rows | Should -HaveCount 20
    }

    It 'takes a whole array given by name as piping it does' {
        $findings = @(Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml'))
        $byName = Compare-QualysVantage -InputObject $findings -WarningAction SilentlyContinue
        $piped = $findings | Compare-QualysVantage -WarningAction SilentlyContinue
        ($byName | ConvertTo-Csv) | Should -Be ($piped | ConvertTo-Csv)
    }
}

Describe 'Compare-QualysVantage -Scanner and -Agent files' {
    It 'gives the rows, reasons and warnings the pipeline gives for the same files' {
        $scan = Join-Path $Traps 'scanner-scan.csv'
        $agent = Join-Path $Traps 'agent-detections.xml'
        $files = Compare-QualysVantage -Scanner $scan -Agent $agent -WarningVariable fileWarnings -WarningAction SilentlyContinue
        $piped = @(Import-QualysReport $scan -Vantage Scanner; Import-QualysReport $agent -Vantage Agent) |
            Compare-QualysVantage -WarningVariable pipeWarnings -WarningAction SilentlyContinue
        $files | Should -Not -BeNullOrEmpty
        ($files | ConvertTo-Csv) | Should -Be ($piped | ConvertTo-Csv)
        $fileWarnings.Message | Should -Be $pipeWarnings.Message
    }

    It 'shows progress as bytes read of the total, and completes it' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("qc-progress-" + [guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
        # The cmdlets show a bar only once an import has taken 200 ms, so whether one shows would
        # depend on the machine's speed. The test sets that interval to zero (an internal hook of
        # ProgressThrottle, through reflection): a bar is then due from the start, and what is
        # checked is its text, its percentages and that it is completed.
        $throttle = (Get-Command Compare-QualysVantage).ImplementingType.Assembly.GetType('QualysCompare.Cmdlets.Internal.ProgressThrottle', $true)
        $interval = $throttle.GetProperty('Interval', [Reflection.BindingFlags]'Static, NonPublic')
        $saved = $interval.GetValue($null)
        try {
            $scan = Join-Path $folder 'scan.csv'
            $text = Get-Content -Raw (Join-Path $Traps 'scanner-scan.csv')
            $header = $text.IndexOf('"IP",')
            $body = $text.Substring($text.IndexOf("`n", $header) + 1)
            $writer = [IO.StreamWriter]::new($scan)
            $writer.Write($text)
            for ($i = 0; $i -lt 600; $i++) { $writer.Write($body) }
            $writer.Dispose()
            $interval.SetValue($null, [TimeSpan]::Zero)
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument($env:QUALYSCOMPARE_MANIFEST).AddStatement()
            $null = $ps.AddCommand('Compare-QualysVantage').AddParameter('Scanner', $scan).AddParameter('Agent', (Join-Path $Traps 'agent-detections.xml')).AddParameter('WarningAction', 'SilentlyContinue')
            $null = $ps.AddCommand('Out-Null')
            $ps.Invoke()
            $errors = @($ps.Streams.Error)
            $records = @($ps.Streams.Progress)
            $ps.Dispose()
            $errors | Should -BeNullOrEmpty
            $records | Should -Not -BeNullOrEmpty
            $records[-1].RecordType | Should -Be 'Completed'
            @($records | Where-Object RecordType -eq 'Completed') | Should -HaveCount 1
            $shown = @($records | Where-Object RecordType -eq 'Processing')
            $shown | Should -Not -BeNullOrEmpty
            @($shown.StatusDescription | Where-Object { $_ -notmatch '^[\d,.\s]+ findings, \d+ of \d+ MB$' }) | Should -BeNullOrEmpty
            @($shown.PercentComplete | Where-Object { $_ -lt 0 -or $_ -gt 100 }) | Should -BeNullOrEmpty
            $falls = @(for ($i = 1; $i -lt $shown.Count; $i++) { if ($shown[$i].PercentComplete -lt $shown[$i - 1].PercentComplete) { $i } })
            $falls | Should -BeNullOrEmpty
        } finally {
            $interval.SetValue($null, $saved)
            Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
        }
    }
}
