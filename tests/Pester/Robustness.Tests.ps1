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
