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
        $agentFile = Join-Path $Samples 'e-defectdojo-trurisk-detections.xml'
        $hosts = @(Import-QualysReport $agentFile | ForEach-Object HostName | Select-Object -Unique)
        (Import-QualysReport $agentFile | Select-Object -First 1).Vantage | Should -Be 'Agent'
        $rows = Compare-QualysVantage -Scanner $agentFile -Agent (Join-Path $Traps 'agent-detections.xml') -WarningAction SilentlyContinue
        $fromScannerSide = @($rows | Where-Object { $hosts -contains $_.HostName })
        $fromScannerSide.Count | Should -BeGreaterThan 0
        $fromScannerSide.Presence | Select-Object -Unique | Should -Be 'ScannerOnly'
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
        # CmdletOutput.DefaultProgressInterval, through reflection): a bar is then due from the start, and what is
        # checked is its text, its percentages and that it is completed.
        $throttle = (Get-Command Compare-QualysVantage).ImplementingType.Assembly.GetType('QualysCompare.Cmdlets.Internal.CmdletOutput', $true)
        $interval = $throttle.GetProperty('DefaultProgressInterval', [Reflection.BindingFlags]'Static, NonPublic')
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

Describe 'Compare-QualysVantage -KnowledgeBase with the severity filter' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        # The agent's detections without their SEVERITY elements, as some API pulls give them.
        $bare = Join-Path $TestDrive 'agent-without-severity.xml'
        $text = Get-Content -Raw (Join-Path $Demo 'agent-detections.xml')
        [System.IO.File]::WriteAllText($bare, ($text -replace '\s*<SEVERITY>\d</SEVERITY>', ''))
        $kb = Import-QualysKnowledgeBase (Join-Path $Demo 'knowledgebase.xml')
        $severityOf = @{}
        foreach ($entry in $kb) { $severityOf[$entry.QID] = $entry.Severity }
        $sides = @{ Scanner = (Join-Path $Demo 'appliance-scan.csv'); Agent = $bare; KnowledgeBase = $kb; WarningAction = 'SilentlyContinue' }
        $all = Compare-QualysVantage @sides -MinimumSeverity 1
        $severe = Compare-QualysVantage @sides -MinimumSeverity 4
        $agentOnly = @($all | Where-Object Presence -eq 'AgentOnly')
    }

    It 'fills a severity the findings lack from the KnowledgeBase' {
        $agentOnly.Count | Should -BeGreaterThan 0
        foreach ($row in $agentOnly) { $row.Severity | Should -Be $severityOf[$row.QID] -Because "QID $($row.QID) has no severity of its own" }
    }

    It 'judges -MinimumSeverity on the filled severity' {
        $expected = @($all | Where-Object { $_.Severity -ge 4 } | ForEach-Object { "$($_.HostName)|$($_.QID)" })
        $expected.Count | Should -BeGreaterThan 0
        @($agentOnly | Where-Object { $severityOf[$_.QID] -ge 4 }).Count | Should -BeGreaterThan 0
        @($severe | ForEach-Object { "$($_.HostName)|$($_.QID)" }) | Should -Be $expected
    }
}

Describe 'Compare-QualysVantage refuses sides a report must not be built on' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $Scan = Join-Path $Demo 'appliance-scan.csv'
        $AgentXml = Join-Path $Demo 'agent-detections.xml'
        function Invoke-Guarded([scriptblock] $Compare, [string] $Report) {
            # The terminating error must come before any row, so nothing downstream writes a file.
            try { & $Compare | Export-CoverageGap -Path $Report; $null } catch { $_ }
        }
    }

    It 'stops before any row when the named -Scanner file does not exist, and Export-CoverageGap writes nothing' {
        Push-Location $TestDrive
        try {
            $report = Join-Path $TestDrive 'gaps-nope.csv'
            $err = Invoke-Guarded { Compare-QualysVantage -Scanner ./nope.csv -Agent $AgentXml -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } $report
        }
        finally { Pop-Location }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "QualysSideUnreadable,$CommandName"
        $err.Exception.Message | Should -BeLike '*Scanner side*./nope.csv*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        Test-Path $report | Should -BeFalse
        @(Get-ChildItem $TestDrive -Filter 'gaps-nope*').Count | Should -Be 0
    }

    It 'stops when every -Agent file fails, after reporting each one' {
        $bad = Join-Path $TestDrive 'bad-agent.xml'
        Set-Content -LiteralPath $bad -Value '<HOST_LIST_VM_DETECTION_OUTPUT><RESPONSE><HOST_LIST><HOST>' -Encoding utf8
        $err = Invoke-Guarded { Compare-QualysVantage -Scanner $Scan -Agent $bad -ErrorVariable fileErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue } (Join-Path $TestDrive 'gaps-bad.csv')
        $err.FullyQualifiedErrorId | Should -Be "QualysSideUnreadable,$CommandName"
        $err.Exception.Message | Should -BeLike "*Agent side*$bad*"
        Test-Path (Join-Path $TestDrive 'gaps-bad.csv') | Should -BeFalse
    }

    It 'stops when a side is read but holds no findings' {
        $err = Invoke-Guarded { Compare-QualysVantage -Scanner $Scan -Agent (Join-Path $Samples 'e-jupiterone-detection-empty-response.xml') -WarningAction SilentlyContinue } (Join-Path $TestDrive 'gaps-empty.csv')
        $err.FullyQualifiedErrorId | Should -Be "QualysSideWithoutFindings,$CommandName"
    }

    It 'stops when the sides are swapped' {
        $err = Invoke-Guarded { Compare-QualysVantage -Scanner $AgentXml -Agent $Scan -WarningAction SilentlyContinue } (Join-Path $TestDrive 'gaps-swapped.csv')
        $err.FullyQualifiedErrorId | Should -Be "QualysSidesSwapped,$CommandName"
        $err.Exception.Message | Should -BeLike '*look swapped*Swap -Scanner and -Agent*'
        Test-Path (Join-Path $TestDrive 'gaps-swapped.csv') | Should -BeFalse
    }

    It 'stops when one file is on both sides, by path or as a renamed copy' {
        $err = Invoke-Guarded { Compare-QualysVantage -Scanner $Scan -Agent $Scan } (Join-Path $TestDrive 'gaps-same.csv')
        $err.FullyQualifiedErrorId | Should -Be "QualysSameInputOnBothSides,$CommandName"
        $copy = Join-Path $TestDrive 'copy-of-scan.csv'
        Copy-Item -LiteralPath $Scan -Destination $copy
        $err = Invoke-Guarded { Compare-QualysVantage -Scanner $Scan -Agent $copy } (Join-Path $TestDrive 'gaps-copy.csv')
        $err.FullyQualifiedErrorId | Should -Be "QualysSameInputOnBothSides,$CommandName"
        $err.Exception.Message | Should -BeLike "*$copy*same bytes*"
    }

    Context 'one file of a side fails' {
        BeforeAll {
            $cut = Join-Path $TestDrive 'page-0002.xml'
            [System.IO.File]::WriteAllText($cut, (Get-Content -Raw (Join-Path $Traps 'agent-detections.xml')).Substring(0, 2000))
            $rows = Compare-QualysVantage -Scanner $Scan -Agent $AgentXml, $cut -ErrorVariable fileErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $html = Join-Path $TestDrive 'partial.html'
            $json = Join-Path $TestDrive 'partial.json'
            $rows | Export-CoverageGap -Path $html
            $rows | Export-CoverageGap -Path $json
            $total = $rows | Measure-QualysVantage -Total
        }

        It 'still gives the rows, and reports the file as a non-terminating error' {
            $rows.Count | Should -BeGreaterThan 0
            $fileErrors.Count | Should -Be 1
            $fileErrors[0].TargetObject | Should -Be $cut
            $fileErrors[0].FullyQualifiedErrorId | Should -BeLike 'QualysReportTruncated,*'
        }

        It 'records the missing file on every row, in the HTML banner, in the JSON and on the summary' {
            $expected = "Agent side: 1 of 2 files could not be read and are missing from this comparison: $cut (QualysReportTruncated, line *)."
            $rows.InputProblems | Select-Object -Unique | Should -BeLike $expected
            $page = Get-Content -Raw $html
            $page | Should -Match '<div class="banner" role="alert">'
            $page.IndexOf('Incomplete input') | Should -BeLessThan $page.IndexOf('<h2>')
            (Get-Content -Raw $json | ConvertFrom-Json)[0].InputProblems | Should -BeLike $expected
            $total.InputProblems | Should -BeLike $expected
        }

        It 'leaves InputProblems empty when every file was read' {
            $clean = Compare-QualysVantage -Scanner $Scan -Agent $AgentXml -WarningAction SilentlyContinue
            $clean.InputProblems | Where-Object { $_ } | Should -BeNullOrEmpty
        }
    }
}

Describe 'Compare-QualysVantage -AcceptedRisk' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $Risks = Join-Path $PSScriptRoot '../fixtures/accepted-risks/demo-accepted-risks.csv'
        $sides = @{ Scanner = (Join-Path $Demo 'appliance-scan.csv'); Agent = (Join-Path $Demo 'agent-detections.xml'); KnowledgeBase = (Join-Path $Demo 'knowledgebase.xml') }
    }

    It 'marks the rows it covers Accepted with Action None, and warns about expired and absent entries' {
        $rows = Compare-QualysVantage @sides -AcceptedRisk $Risks -WarningVariable warnings -WarningAction SilentlyContinue
        $accepted = @($rows | Where-Object Accepted)
        $accepted.Count | Should -Be 3
        $accepted.Action | Select-Object -Unique | Should -Be 'None'
        ($accepted | Where-Object QID -eq 90044).AcceptedJustification | Should -Be 'False positive confirmed with Qualys support, case 01234567'
        ($accepted | Where-Object QID -eq 90044).AcceptedUntil | Should -Be ([datetime]'2099-12-31')
        @($warnings | Where-Object { $_ -like '*expired on 2020-01-01*' }).Count | Should -Be 1
        @($warnings | Where-Object { $_ -like '*oldbox.corp.example.com*not*' -or $_ -like '*not in the compared data*oldbox*' }).Count | Should -Be 1
    }

    It 'stops with AcceptedRiskFileMalformed naming the line of a bad host' {
        $bad = Join-Path $TestDrive 'bad-risks.csv'
        Set-Content -LiteralPath $bad -Value "HostName,QID,Expires,Justification`nhost1,5,2099-01-01,x`nhttp://host2/,6,2099-01-01,y"
        $err = try { Compare-QualysVantage @sides -AcceptedRisk $bad -WarningAction SilentlyContinue | Out-Null; $null } catch { $_ }
        $err.FullyQualifiedErrorId | Should -Be "AcceptedRiskFileMalformed,$CommandName"
        $err.Exception.Message | Should -BeLike "*bad-risks.csv, line 3*http://host2/*"
    }
}
