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
        # A Scan Results CSV of about 150 MB: the fixture's blocks, then a block of 1,000 rows written 150 times.
        $text = Get-Content -Raw -LiteralPath (Join-Path $Fixtures 'scan-results/scan-results-credentialed.csv')
        $headerEnd = $text.IndexOf("`n", $text.IndexOf('"IP","DNS"')) + 1
        $block = [System.Text.StringBuilder]::new()
        foreach ($i in 0..999) {
            $null = $block.Append("""10.1.$($i % 250).$([math]::Floor($i / 250) + 1)"",""host$i.corp.example.com"",""HOST$i"",""Windows"",""host scanned, found vuln"",""$(100000 + $i % 20)"",""Generated"",""Vuln"",""3"",""443"",""tcp"","""",""no"","""","""","""","""","""","""","""",""$('t' * 300)"","""",""$('s' * 300)"","""","""",""$('r' * 400)"",""no"","""",""General""`r`n")
        }
        $big = Join-Path $folder 'big.csv'
        $writer = [IO.StreamWriter]::new($big, $false, [Text.UTF8Encoding]::new($false))
        try {
            $writer.Write($text.Substring(0, $headerEnd))
            $rows = $block.ToString()
            foreach ($n in 1..150) { $writer.Write($rows) }
        }
        finally {
            $writer.Dispose()
        }

        # Runs the pipeline in a runspace of its own and stops it (what Ctrl+C does) once it has
        # handed out 2,000 findings, so it is stopped part-way whatever the machine's speed.
        function Stop-PartWay([string] $Import, [string] $Rest) {
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            $signal = [Threading.ManualResetEventSlim]::new()
            $runspace.SessionStateProxy.SetVariable('signal', $signal)
            $ps = [powershell]::Create()
            $ps.Runspace = $runspace
            try {
                $null = $ps.AddScript("Import-Module '$env:QUALYSCOMPARE_MANIFEST'; $Import | ForEach-Object -Begin { `$n = 0 } -Process { if (++`$n -eq 2000) { `$signal.Set() }; `$_ } | $Rest")
                $handle = $ps.BeginInvoke()
                $signalled = $signal.Wait([TimeSpan]::FromSeconds(60))
                $running = $ps.InvocationStateInfo.State
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Stop()
                [pscustomobject]@{ Signalled = $signalled; WasRunning = $running -eq 'Running'; Stopped = $clock.Elapsed; State = $ps.InvocationStateInfo.State }
            }
            finally {
                $ps.Dispose()
                $runspace.Dispose()
                $signal.Dispose()
            }
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'stops Import-QualysReport within a second' {
        $result = Stop-PartWay -Import "Import-QualysReport -LiteralPath '$big'" -Rest 'Measure-Object'

        $result.Signalled | Should -BeTrue
        $result.WasRunning | Should -BeTrue
        $result.State | Should -Be 'Stopped'
        $result.Stopped.TotalMilliseconds | Should -BeLessThan 1000
    }

    It 'stops an import piped to Compare-QualysVantage and Export-CoverageGap within a second, leaving no file behind' {
        $out = Join-Path $folder 'gaps.csv'
        $result = Stop-PartWay -Import "Import-QualysReport -LiteralPath '$big', '$big' -WarningAction SilentlyContinue" -Rest "Compare-QualysVantage | Export-CoverageGap -Path '$out'"

        $result.Signalled | Should -BeTrue
        $result.WasRunning | Should -BeTrue
        $result.Stopped.TotalMilliseconds | Should -BeLessThan 1000
        Test-Path -LiteralPath $out | Should -BeFalse
        @(Get-ChildItem -LiteralPath $folder -Force | Where-Object Name -ne 'big.csv') | Should -HaveCount 0
    }
}
