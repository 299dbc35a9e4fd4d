# The CI smoke run of the benchmark harness (issue 6): that tools/Invoke-Benchmark.ps1 runs, and
# that its cases give the right answers, at a tiny size. It asserts no time and no speed ratio:
# how fast the file path is against the baseline is the benchmark's to measure (build.ps1 -Task
# Bench), on a machine kept quiet for it, never the test suite's on a loaded CI box.
BeforeAll {
    $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $Harness = Join-Path $Root 'tools/Invoke-Benchmark.ps1'
    $Generator = Join-Path $Root 'tools/QualysCompare.ScenarioGen/bin/Release/net10.0/QualysCompare.ScenarioGen.dll'

    $Size = 3000
    $SizeLabel = '3k'
    $Data = Join-Path $TestDrive 'data'
    $HarnessError = $null
    $Results = $null
    try {
        $Results = & $Harness -BenchSize $Size -BenchRuns 1 -Case Baseline, Files, GapBaseline -DataRoot $Data -OutputFolder (Join-Path $TestDrive 'out') `
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

Describe 'The smoke run of the benchmark harness at 3,000 detections per side' {
    It 'runs the harness without a failure and summarises every case' {
        $HarnessError | Should -BeNullOrEmpty
        $Results.Failures | Should -BeNullOrEmpty
        foreach ($case in 'Baseline', 'Files', 'GapBaseline') {
            $row = @($Results.Summary | Where-Object { $_.Case -eq $case -and $_.Size -eq $SizeLabel })
            $row | Should -HaveCount 1
            $row[0].Runs | Should -Be 1
        }
    }

    It 'gets the generator''s one-sided answer from the baseline and from our file path' {
        $manifest = $Results.Data[$SizeLabel].Manifest
        $manifest.scannerRows | Should -Be $Size
        $baseline = @($Results.Checks | Where-Object Case -eq 'Baseline')
        $ours = @($Results.Checks | Where-Object Case -eq 'Files')
        $baseline.Count | Should -Be 1
        $ours.Count | Should -Be 1
        foreach ($check in $baseline + $ours) {
            $check.Ok | Should -BeTrue
            $check.ScannerOnly | Should -Be $manifest.expectedPairs.scannerOnly
            $check.AgentOnly | Should -Be $manifest.expectedPairs.agentOnly
            $check.ScannerOnlyFingerprint | Should -Be $manifest.expectedFingerprints.scannerOnly
            $check.AgentOnlyFingerprint | Should -Be $manifest.expectedFingerprints.agentOnly
        }
        # Both kinds of gap are there to get wrong.
        $manifest.expectedPairs.scannerOnly | Should -BeGreaterThan 0
        $manifest.expectedPairs.agentOnly | Should -BeGreaterThan 0
    }
}
