BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Fixtures = Join-Path $PSScriptRoot '../fixtures'
    $CommandName = 'QualysCompare.Cmdlets.ImportQualysReportCommand'
}

Describe 'Import-QualysReport with one bad file among fifty' {
    BeforeAll {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('qc-isolation-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        # The finding counts the readers' own tests assert for these fixtures.
        $good = @(
            @{ Path = Join-Path $Fixtures 'scan-results/scan-results-credentialed.csv'; Findings = 10 }
            @{ Path = Join-Path $Fixtures 'scan-results/scan-results-credentialed.json'; Findings = 10 }
            @{ Path = Join-Path $Fixtures 'samples/e-jupiterone-fixture-detections.xml'; Findings = 3 }
            @{ Path = Join-Path $Fixtures 'samples/d-defectdojo-Qualys_Sample_Report-withheader-2021.csv'; Findings = 6 }
            @{ Path = Join-Path $Fixtures 'samples/f-defectdojo-vmdr-many_vulns_qid.csv'; Findings = 5 }
        )
        $files = [System.Collections.Generic.List[string]]::new()
        $expected = 0
        $next = 0
        for ($i = 0; $i -lt 50; $i++) {
            if ($i -eq 31) {
                # An XXE attempt: refused by name, never expanded.
                $xml = Get-Content -Raw -LiteralPath (Join-Path $Fixtures 'samples/e-jupiterone-fixture-detections.xml')
                $bad = Join-Path $folder "report-$i.xml"
                Set-Content -LiteralPath $bad -NoNewline -Value $xml.Replace('output.dtd">', 'output.dtd" [ <!ENTITY leak SYSTEM "file:///etc/passwd"> ]>')
                $files.Add($bad)
                continue
            }
            $source = $good[$next++ % $good.Count]
            $copy = Join-Path $folder ("report-$i" + [IO.Path]::GetExtension($source.Path))
            Copy-Item -LiteralPath $source.Path -Destination $copy
            $files.Add($copy)
            $expected += $source.Findings
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'imports the other 49 completely, counts every finding, and names the bad file in its one error' {
        $expected | Should -Be 335
        $found = Import-QualysReport -LiteralPath $files -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $found | Should -HaveCount 335
        @($found | Group-Object SourceFile) | Should -HaveCount 49
        $found.SourceFile | Should -Not -Contain $bad
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "QualysReportDtdRefused,$CommandName"
        $errs[0].TargetObject | Should -Be $bad
        $errs[0].Exception.Message | Should -BeLike "$bad*"
    }

    It 'goes on past the bad file when the files come down the pipeline' {
        $found = Get-ChildItem -LiteralPath $folder | Sort-Object Name | Import-QualysReport -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $found | Should -HaveCount 335
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be $bad
    }
}

Describe 'Stopping a pipeline (Ctrl+C) part-way through a large file' {
    BeforeAll {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('qc-stop-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        # A Scan Results CSV of about 20 MB: the fixture's blocks, then a block of 1,000 rows written 20 times.
        $text = Get-Content -Raw -LiteralPath (Join-Path $Fixtures 'scan-results/scan-results-credentialed.csv')
        $headerEnd = $text.IndexOf("`n", $text.IndexOf('"IP","DNS"')) + 1
        $block = [System.Text.StringBuilder]::new()
        foreach ($i in 0..999) {
            $null = $block.Append("""10.1.$($i % 250).$([math]::Floor($i / 250) + 1)"",""host$i.corp.example.com"",""HOST$i"",""Windows"",""host scanned, found vuln"",""$(100000 + $i % 20)"",""Generated"",""Vuln"",""3"",""443"",""tcp"","""",""no"","""","""","""","""","""","""","""",""$('t' * 300)"","""",""$('s' * 300)"","""","""",""$('r' * 400)"",""no"","""",""General""`r`n")
        }
        $big = Join-Path $folder 'big.csv'
        $BigRows = 20000
        $writer = [IO.StreamWriter]::new($big, $false, [Text.UTF8Encoding]::new($false))
        try {
            $writer.Write($text.Substring(0, $headerEnd))
            $rows = $block.ToString()
            foreach ($n in 1..($BigRows / 1000)) { $writer.Write($rows) }
        }
        finally {
            $writer.Dispose()
        }
        $HoldAt = 2000

        # Runs the pipeline in a runspace of its own and holds it at its 2,000th finding, in a
        # Start-Sleep that only the stop ends, then stops it as Ctrl+C does. Where the stop lands is
        # counted in findings, whatever the machine's speed: the pipeline is at that finding when it
        # is stopped, so any finding counted after it got past the stop. The two-minute waits only
        # keep a broken stop from hanging the run.
        function Stop-PartWay([string] $Import, [string] $Rest) {
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            $held = [Threading.ManualResetEventSlim]::new()
            $passed = [long[]]::new(1)
            $runspace.SessionStateProxy.SetVariable('held', $held)
            $runspace.SessionStateProxy.SetVariable('passed', $passed)
            $ps = [powershell]::Create()
            $ps.Runspace = $runspace
            try {
                $null = $ps.AddScript("Import-Module '$env:QUALYSCOMPARE_MANIFEST'; $Import | ForEach-Object -Process { if (++`$passed[0] -eq $HoldAt) { `$held.Set(); Start-Sleep -Seconds 600 }; `$_ } | $Rest")
                $handle = $ps.BeginInvoke()
                $reached = $held.Wait([TimeSpan]::FromMinutes(2))
                $running = $ps.InvocationStateInfo.State
                $stop = $ps.BeginStop($null, $null)
                $ended = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(2))
                if ($ended) { $ps.EndStop($stop) }
                [pscustomobject]@{ Reached = $reached; WasRunning = $running -eq 'Running'; Ended = $ended; State = $ps.InvocationStateInfo.State; Passed = $passed[0] }
            }
            finally {
                if ($ps.InvocationStateInfo.State -notin 'Running', 'Stopping') { $ps.Dispose(); $runspace.Dispose() }
                $held.Dispose()
            }
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'stops Import-QualysReport at the finding it was held at: none gets past the stop' {
        $result = Stop-PartWay -Import "Import-QualysReport -LiteralPath '$big'" -Rest 'Measure-Object'

        $result.Reached | Should -BeTrue
        $result.WasRunning | Should -BeTrue
        $result.Ended | Should -BeTrue -Because 'the stop must end the pipeline (two minutes is only a hang guard)'
        $result.State | Should -Be 'Stopped'
        $result.Passed | Should -Be $HoldAt
        $result.Passed | Should -BeLessThan $BigRows
    }

    It 'stops an import piped to Compare-QualysVantage and Export-CoverageGap where it was held, leaving no file behind' {
        $out = Join-Path $folder 'gaps.csv'
        $result = Stop-PartWay -Import "Import-QualysReport -LiteralPath '$big', '$big' -WarningAction SilentlyContinue" -Rest "Compare-QualysVantage | Export-CoverageGap -Path '$out'"

        $result.Reached | Should -BeTrue
        $result.WasRunning | Should -BeTrue
        $result.Ended | Should -BeTrue -Because 'the stop must end the pipeline (two minutes is only a hang guard)'
        $result.State | Should -Be 'Stopped'
        $result.Passed | Should -Be $HoldAt
        Test-Path -LiteralPath $out | Should -BeFalse
        @(Get-ChildItem -LiteralPath $folder -Force | Where-Object Name -ne 'big.csv') | Should -HaveCount 0
    }
}

Describe 'Import-QualysReport on a CDATA section that swallowed the next detection' {
    It 'refuses the file as QualysReportMalformed at the line the section starts, instead of losing the detection' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('qc-swallow-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        try {
            # The first RESULTS of the reasons scenario's agent page, its "]]>" damaged to "]>": the
            # section runs on to the next detection's RESULTS and the file is still well-formed XML.
            $xml = [IO.File]::ReadAllText((Join-Path $Fixtures 'scenarios/reasons/agent-detections.xml'))
            $at = $xml.IndexOf(']]></RESULTS>')
            $damaged = $xml.Substring(0, $at) + ']>' + $xml.Substring($at + 3)
            $line = ($xml.Substring(0, $xml.LastIndexOf('<![CDATA[', $at)) -split "`n").Count
            # Counted with the DTD ignored: it is never fetched.
            function Get-DetectionCount([string] $Text) {
                $settings = [Xml.XmlReaderSettings]@{ DtdProcessing = 'Ignore'; XmlResolver = $null }
                $reader = [Xml.XmlReader]::Create([IO.StringReader]::new($Text), $settings)
                try {
                    $n = 0
                    while ($reader.Read()) { if ($reader.NodeType -eq 'Element' -and $reader.LocalName -eq 'DETECTION') { $n++ } }
                    $n
                }
                finally {
                    $reader.Dispose()
                }
            }
            Get-DetectionCount $damaged | Should -BeLessThan (Get-DetectionCount $xml)
            $path = Join-Path $folder 'agents.xml'
            [IO.File]::WriteAllText($path, $damaged)

            $found = Import-QualysReport -LiteralPath $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Be "QualysReportMalformed,$CommandName"
            $errs[0].TargetObject | Should -Be $path
            $errs[0].Exception.Message | Should -BeLike "$path, line $($line):*CDATA section*</RESULTS>*"
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }
}
