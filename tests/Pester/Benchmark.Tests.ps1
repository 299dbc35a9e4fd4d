# The CI smoke benchmark (issue 6): a guard that the file path stays well ahead of what admins
# script today, not the measurement (build.ps1 -Task Bench is). It runs tools/Invoke-Benchmark.ps1
# itself, so the harness is exercised on every test run too.
BeforeAll {
    $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $Harness = Join-Path $Root 'tools/Invoke-Benchmark.ps1'
    $Generator = Join-Path $Root 'tools/QualysCompare.ScenarioGen/bin/Release/net10.0/QualysCompare.ScenarioGen.dll'

    # Measured on the project's 2-core machine at 100k detections per side: the file path's work was
    # 3.6 times faster than the baseline's on a quiet machine and 2.9 times with another build
    # keeping the load average at 3-5. The floor sits below both so that a loaded CI box does not
    # flake, and a change that loses half of the lead still fails.
    $Floor = 2.0

    $Data = Join-Path $TestDrive 'data'
    $HarnessError = $null
    $Results = $null
    try {
        $Results = & $Harness -BenchSize 100k -BenchRuns 2 -Case Baseline, Files -DataRoot $Data -OutputFolder (Join-Path $TestDrive 'out') `
            -ModuleManifest $env:QUALYSCOMPARE_MANIFEST -PassThru 6>$null
    }
    catch {
        $HarnessError = $_
    }

    function Get-FolderHashes([string] $Folder) {
        Get-ChildItem -LiteralPath $Folder -Recurse -File | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f $_.FullName.Substring($Folder.Length), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
    }
}

Describe 'The benchmark generator' {
    BeforeAll {
        Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
        $Small = Join-Path $TestDrive 'small'
        $Again = Join-Path $TestDrive 'again'
        & dotnet $Generator bench $Small 3000 | Out-Null
        & dotnet $Generator bench $Again 3000 | Out-Null
        $Manifest = Get-Content -Raw (Join-Path $Small 'manifest.json') | ConvertFrom-Json
    }

    It 'writes the same bytes on every run' {
        $first = @(Get-FolderHashes $Small)
        $first.Count | Should -BeGreaterThan 5
        Get-FolderHashes $Again | Should -Be $first
    }

    It 'writes exactly the size asked for on each side, in every agent format' {
        $Manifest.scannerRows | Should -Be 3000
        $Manifest.agentRows | Should -Be 3000
        @(Import-QualysReport (Join-Path $Small 'scanner/scan-results.csv') | Where-Object Vantage -eq 'Scanner').Count | Should -Be 3000
        @(Import-QualysReport (Join-Path $Small 'agent/host-findings.csv') | Where-Object Vantage -eq 'Agent').Count | Should -Be 3000
        @(Import-QualysReport (Join-Path $Small 'agent/hld/*.xml') | Where-Object Vantage -eq 'Agent').Count | Should -Be 3000
        @(Import-Csv (Join-Path $Small 'baseline/scanner.csv')).Count | Should -Be 3000
        @(Import-Csv (Join-Path $Small 'baseline/agent.csv')).Count | Should -Be 3000
    }

    It 'makes a network whose comparison has Both, ScannerOnly and AgentOnly rows and one-sided hosts' {
        $Manifest.hosts.both | Should -BeGreaterThan 0
        $Manifest.hosts.scannerOnly | Should -BeGreaterThan 0
        $Manifest.hosts.agentOnly | Should -BeGreaterThan 0
        $rows = Compare-QualysVantage -Scanner (Join-Path $Small 'scanner/scan-results.csv') -Agent (Join-Path $Small 'agent/hld/*.xml') -WarningAction SilentlyContinue
        $counts = @{}
        $rows | Group-Object Presence | ForEach-Object { $counts[$_.Name] = $_.Count }
        $counts['Both'] | Should -Be $Manifest.expectedPairs.both
        $counts['ScannerOnly'] | Should -Be $Manifest.expectedPairs.scannerOnly
        $counts['AgentOnly'] | Should -Be $Manifest.expectedPairs.agentOnly
    }
}

Describe 'The smoke benchmark at 100k detections per side' {
    It 'runs the harness without a failure' {
        $HarnessError | Should -BeNullOrEmpty
        $Results.Failures | Should -BeNullOrEmpty
    }

    It 'gets the same one-sided answer from the baseline and from our file path' {
        $baseline = @($Results.Checks | Where-Object Case -eq 'Baseline')
        $ours = @($Results.Checks | Where-Object Case -eq 'Files')
        $baseline.Count | Should -Be 2
        $ours.Count | Should -Be 2
        foreach ($check in $baseline + $ours) {
            $check.Ok | Should -BeTrue
            $check.ScannerOnly | Should -Be $baseline[0].ScannerOnly
            $check.AgentOnly | Should -Be $baseline[0].AgentOnly
            $check.ScannerOnlyFingerprint | Should -Be $baseline[0].ScannerOnlyFingerprint
            $check.AgentOnlyFingerprint | Should -Be $baseline[0].AgentOnlyFingerprint
        }
        $baseline[0].ScannerOnly + $baseline[0].AgentOnly | Should -BeGreaterThan 50000
    }

    It 'finds our file path faster than Import-Csv and a hashtable join by the floor' {
        $files = $Results.Summary | Where-Object { $_.Case -eq 'Files' -and $_.Size -eq '100k' }
        $baseline = $Results.Summary | Where-Object { $_.Case -eq 'Baseline' -and $_.Size -eq '100k' }
        $files.WorkRatio | Should -BeGreaterThan $Floor -Because "the baseline took $($baseline.WorkSeconds) s and ours $($files.WorkSeconds) s"
    }
}
