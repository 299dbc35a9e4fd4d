BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Samples = Join-Path $PSScriptRoot '../fixtures/samples'
    $CommandName = 'QualysCompare.Cmdlets.ExportCoverageGapCommand'
    # Agent-only rows from a real Host List Detection export: every row is a gap.
    $AgentRows = Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') |
        Compare-QualysVantage -WarningAction SilentlyContinue
    $Hostile = @(
        [QualysCompare.Engine.Model.VantageComparison]@{ HostName = '=cmd|'' /C calc''!A0'; QID = 1; Title = '+1+1'; Category = '@SUM(1)'; Presence = 'ScannerOnly'; HostCoverage = 'ScannerOnly'; Severity = 3; CveIds = '-2+3' }
        [QualysCompare.Engine.Model.VantageComparison]@{ HostName = 'café-ü.example'; QID = 2; Title = "<script>alert(1)</script>"; Presence = 'AgentOnly'; HostCoverage = 'AgentOnly'; Severity = 5 }
    )
}

Describe 'Export-CoverageGap' {
    BeforeEach {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("qc-export-" + [guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
    }
    AfterEach { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

    It 'reports an object that is not a VantageComparison as InputObjectNotVantageComparison and writes the rows' {
        $path = Join-Path $folder 'gaps.csv'
        @($AgentRows[0]; [pscustomobject]@{ QID = 1 }; $AgentRows[1..($AgentRows.Count - 1)]) |
            Export-CoverageGap -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InputObjectNotVantageComparison,$CommandName"
        @(Import-Csv $path) | Should -HaveCount $AgentRows.Count
    }

    It 'writes a CSV that Import-Csv reads back as the same rows' {
        $path = Join-Path $folder 'gaps.csv'
        $AgentRows | Export-CoverageGap -Path $path
        $back = Import-Csv $path
        $back | Should -HaveCount $AgentRows.Count
        $back[0].PSObject.Properties.Name | Should -Be ([QualysCompare.Engine.Model.VantageComparison].GetProperties().Name)
        for ($i = 0; $i -lt $AgentRows.Count; $i++) {
            $back[$i].QID | Should -Be ([string]$AgentRows[$i].QID)
            $back[$i].HostName | Should -Be $AgentRows[$i].HostName
            $back[$i].Presence | Should -Be 'AgentOnly'
        }
        [IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'neutralises spreadsheet formulas unless -NoSanitize' {
        $path = Join-Path $folder 'hostile.csv'
        $Hostile | Export-CoverageGap -Path $path
        $row = (Import-Csv $path)[0]
        $row.HostName | Should -Be "'=cmd|' /C calc'!A0"
        $row.Title | Should -Be "'+1+1"
        $row.Category | Should -Be "'@SUM(1)"
        $row.CveIds | Should -Be "'-2+3"
        $row.Severity | Should -Be '3'

        $raw = Join-Path $folder 'raw.csv'
        $Hostile | Export-CoverageGap -Path $raw -NoSanitize
        (Import-Csv $raw)[0].HostName | Should -Be "=cmd|' /C calc'!A0"
    }

    It 'takes the format from the extension: JSON with ISO 8601 UTC dates' {
        $path = Join-Path $folder 'gaps.json'
        $AgentRows | Export-CoverageGap -Path $path
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $json | Should -HaveCount $AgentRows.Count
        (Get-Content -Raw $path) | Should -Match '"AgentLastDetected": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
    }

    It 'writes one self-contained HTML page with encoded text' {
        $path = Join-Path $folder 'gaps.html'
        @($AgentRows) + $Hostile | Export-CoverageGap -Path $path
        $html = Get-Content -Raw $path
        $html | Should -Not -Match '<script'
        $html | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;'
        $html | Should -Match '<svg'
        $html | Should -Match 'labdc.doobsiss.local'
        { [xml]($html -replace '<!DOCTYPE html>', '') } | Should -Not -Throw
    }

    It 'honours -Format over the extension' {
        $path = Join-Path $folder 'report.txt'
        $AgentRows | Export-CoverageGap -Path $path -Format Json
        { Get-Content -Raw $path | ConvertFrom-Json } | Should -Not -Throw
    }

    It '-WhatIf writes nothing' {
        $path = Join-Path $folder 'whatif.csv'
        $AgentRows | Export-CoverageGap -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'leaves the previous file and no temporary file when the pipeline fails before it ends' {
        $path = Join-Path $folder 'gaps.csv'
        Set-Content $path 'previous'
        { & { $AgentRows; throw 'upstream failure' } | Export-CoverageGap -Path $path } | Should -Throw 'upstream failure'
        Get-Content $path | Should -Be 'previous'
        (Get-ChildItem $folder -Force).Name | Should -Be 'gaps.csv'
    }

    It '-PassThru returns the FileInfo' {
        $file = $AgentRows | Export-CoverageGap -Path (Join-Path $folder 'p.csv') -PassThru
        $file | Should -BeOfType ([IO.FileInfo])
        $file.Length | Should -BeGreaterThan 0
    }

    It '-NoClobber refuses to overwrite, with its own ErrorId, and leaves the file alone' {
        $path = Join-Path $folder 'keep.csv'
        Set-Content $path 'previous'
        { $AgentRows | Export-CoverageGap -Path $path -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId "CoverageGapFileExists,$CommandName"
        Get-Content $path | Should -Be 'previous'
    }

    It 'refuses a read-only file without -Force and overwrites it with -Force' {
        $path = Join-Path $folder 'ro.csv'
        Set-Content $path 'previous'
        (Get-Item $path).IsReadOnly = $true
        { $AgentRows | Export-CoverageGap -Path $path -ErrorAction Stop } | Should -Throw -ErrorId "CoverageGapFileReadOnly,$CommandName"
        $AgentRows | Export-CoverageGap -Path $path -Force
        (Import-Csv $path) | Should -HaveCount $AgentRows.Count
    }

    It 'stops with CoverageGapFolderNotFound when the folder is missing' {
        { $AgentRows | Export-CoverageGap -Path (Join-Path $folder 'no/such/folder/gaps.csv') -ErrorAction Stop } |
            Should -Throw -ErrorId "CoverageGapFolderNotFound,$CommandName"
    }

    It 'exports only gaps by default and everything with -IncludeBoth' {
        $both = [QualysCompare.Engine.Model.VantageComparison]@{ HostName = 'both.example'; QID = 3; Presence = 'Both'; HostCoverage = 'Both' }
        $path = Join-Path $folder 'sel.csv'
        @($both) + $Hostile | Export-CoverageGap -Path $path
        (Import-Csv $path).QID | Should -Be @('1', '2')
        @($both) + $Hostile | Export-CoverageGap -Path $path -IncludeBoth
        (Import-Csv $path).QID | Should -Contain '3'
    }
}

Describe 'Export-CoverageGap refuses an extension it does not write' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $sample = Compare-QualysVantage -Scanner (Join-Path $Demo 'appliance-scan.csv') -Agent (Join-Path $Demo 'agent-detections.xml') -WarningAction SilentlyContinue | Select-Object -First 20
    }

    It 'stops on <Name> and points to Export-Excel' -ForEach @(@{ Name = 'gaps.xlsx' }, @{ Name = 'gaps.xls' }) {
        $target = Join-Path $TestDrive $Name
        { $sample | Export-CoverageGap -Path $target } | Should -Throw -ErrorId 'CoverageGapExtensionUnsupported,QualysCompare.Cmdlets.ExportCoverageGapCommand'
        try { $sample | Export-CoverageGap -Path $target } catch { $_.Exception.Message | Should -BeLike '*Export-Excel*' }
        Test-Path $target | Should -BeFalse
    }

    It 'stops on .txt unless -Format is given' {
        $target = Join-Path $TestDrive 'gaps.txt'
        { $sample | Export-CoverageGap -Path $target } | Should -Throw -ErrorId 'CoverageGapExtensionUnsupported,QualysCompare.Cmdlets.ExportCoverageGapCommand'
        Test-Path $target | Should -BeFalse
        $sample | Export-CoverageGap -Path $target -Format Csv
        (Get-Content -LiteralPath $target -TotalCount 1) | Should -BeLike 'HostName,DnsName,*'
    }
}
