<#
.SYNOPSIS
    Coverage-guided fuzzing of the report importer: libFuzzer mutates inputs, SharpFuzz measures
    which code of the engine each one reaches.

.DESCRIPTION
    Builds tools/QualysCompare.Fuzz, instruments the engine (and CsvHelper) in its output with the
    SharpFuzz.CommandLine tool of .config/dotnet-tools.json, builds the native libFuzzer driver
    (tools/QualysCompare.Fuzz/libfuzzer-driver.c) with clang, and runs it for -Seconds, starting
    from every committed sample and fixture. Each input is imported as a file would be; refusing
    it with a QualysReportException is the expected outcome, anything else is a crash.

    Linux only (System V shared memory, clang's libFuzzer). The native tools are the Debian
    packages clang-14, libfuzzer-14-dev and libclang-rt-14-dev; run as root, the script installs
    them itself (apt-get update once, then apt-get install), otherwise it names the command to run.

    Everything goes under -OutputPath (out/fuzz): the instrumented target, the driver, the working
    corpus (kept between runs, so fuzzing resumes where it stopped), crash and timeout inputs in
    crashes/, and the log. The .NET target runs with a 512 MB heap limit, so an input that makes
    the importer allocate without bound is a crash, not a slow machine.

    Replay a saved input outside libFuzzer with:
        dotnet out/fuzz/target/QualysCompare.Fuzz.dll out/fuzz/crashes/crash-<hash>

.PARAMETER Seconds
    How long libFuzzer runs (its -max_total_time).

.PARAMETER OutputPath
    Where the target, driver, corpus, crashes and log go. Defaults to out/fuzz in the repository.

.PARAMETER NoInstall
    Never install packages; fail with the command to run instead.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./tools/Invoke-Fuzz.ps1 -Seconds 600
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 2147483647)]
    [int] $Seconds = 60,

    [string] $OutputPath,

    [switch] $NoInstall
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
$Out = if ($OutputPath) { [IO.Path]::GetFullPath($OutputPath) } else { Join-Path $Root 'out/fuzz' }
$Packages = 'clang-14', 'libfuzzer-14-dev', 'libclang-rt-14-dev'

function Invoke-Native([string] $What, [string] $Command, [string[]] $Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE): $Command $($Arguments -join ' ')" }
}

function Find-Clang {
    foreach ($name in 'clang-14', 'clang') {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    return $null
}

# Whether clang can link a libFuzzer program: the packages may be half there (clang without the
# fuzzer runtime), and only a build says so for certain.
function Test-FuzzToolchain([string] $Clang) {
    if (-not $Clang) { return $false }
    $probe = Join-Path ([IO.Path]::GetTempPath()) ('qc-fuzz-probe-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $probe | Out-Null
    try {
        $source = Join-Path $probe 'probe.c'
        Set-Content -LiteralPath $source -Value '#include <stddef.h>', '#include <stdint.h>', 'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }'
        & $Clang -fsanitize=fuzzer $source -o (Join-Path $probe 'probe') 2>&1 | Out-Null
        return $LASTEXITCODE -eq 0
    }
    finally {
        Remove-Item -LiteralPath $probe -Recurse -Force
    }
}

function Install-FuzzToolchain {
    $missing = "libFuzzer needs the Debian packages $($Packages -join ', ')."
    $command = "sudo apt-get update && sudo apt-get install -y --no-install-recommends $($Packages -join ' ')"
    if (-not $IsLinux) { throw "Fuzzing runs on Linux only (System V shared memory and clang's libFuzzer)." }
    if ($NoInstall) { throw "$missing Install them with: $command" }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) { throw "$missing This system has no apt-get; install clang with its libFuzzer runtime by other means." }
    if ((& id -u) -ne '0') { throw "$missing Not running as root, so not installing them. Run: $command" }
    Write-Host "Installing $($Packages -join ', ')"
    Invoke-Native 'apt-get update' 'apt-get' @('update')
    Invoke-Native 'apt-get install' 'apt-get' (@('install', '-y', '--no-install-recommends') + $Packages)
}

if (-not $IsLinux) { throw "Fuzzing runs on Linux only (System V shared memory and clang's libFuzzer)." }

$clang = Find-Clang
if (-not (Test-FuzzToolchain $clang)) {
    Install-FuzzToolchain
    $clang = Find-Clang
    if (-not (Test-FuzzToolchain $clang)) { throw "clang still cannot link a libFuzzer program after installing $($Packages -join ', ')." }
}

Push-Location $Root
try {
    Invoke-Native 'dotnet tool restore' 'dotnet' @('tool', 'restore')

    # A fresh build every time: the tool instruments in place, and instrumenting twice fails.
    $target = Join-Path $Out 'target'
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse -Force }
    Invoke-Native 'building the fuzz target' 'dotnet' @('build', (Join-Path $Root 'tools/QualysCompare.Fuzz'), '-c', 'Release', '-o', $target, '-v', 'quiet', '-nologo')
    foreach ($assembly in 'QualysCompare.Engine.dll', 'CsvHelper.dll') {
        Invoke-Native "instrumenting $assembly" 'dotnet' @('tool', 'run', 'sharpfuzz', (Join-Path $target $assembly))
    }

    $driver = Join-Path $Out 'libfuzzer-driver'
    Invoke-Native 'building the libFuzzer driver' $clang @('-O1', '-fsanitize=fuzzer', (Join-Path $Root 'tools/QualysCompare.Fuzz/libfuzzer-driver.c'), '-o', $driver)

    # The seeds: every committed sample and fixture the driver can hold (1 MB each).
    $corpus = Join-Path $Out 'corpus'
    $crashes = Join-Path $Out 'crashes'
    New-Item -ItemType Directory -Force -Path $corpus, $crashes | Out-Null
    $seeds = Get-ChildItem -LiteralPath (Join-Path $Root 'tests/fixtures') -Recurse -File |
        Where-Object { $_.Length -le 1MB -and $_.Name -notin '.gitattributes', 'SOURCES.md', 'README.md' }
    foreach ($seed in $seeds) {
        $name = ($seed.FullName.Substring((Join-Path $Root 'tests/fixtures').Length + 1)) -replace '[\\/]', '_'
        $copy = Join-Path $corpus $name
        if (-not (Test-Path -LiteralPath $copy)) { Copy-Item -LiteralPath $seed.FullName -Destination $copy }
    }

    $log = Join-Path $Out 'fuzz.log'
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    $arguments = @(
        "--target_path=$dotnet", "--target_arg=$(Join-Path $target 'QualysCompare.Fuzz.dll')",
        "-max_total_time=$Seconds", '-timeout=10', '-max_len=1048576', '-rss_limit_mb=4096', '-print_final_stats=1',
        "-artifact_prefix=$crashes$([IO.Path]::DirectorySeparatorChar)", $corpus)
    Write-Host "Fuzzing for $Seconds s from $(@($seeds).Count) seeds; corpus $corpus, crashes $crashes, log $log"
    $before = @(Get-ChildItem -LiteralPath $crashes -File).Count
    $heapLimit = $env:DOTNET_GCHeapHardLimit
    $env:DOTNET_GCHeapHardLimit = '0x20000000'
    try {
        & $driver @arguments 2>&1 | ForEach-Object { "$_" } | Tee-Object -FilePath $log | Where-Object { $_ -match '^(#\d+\s+(INITED|DONE|pulse|NEW))|(==\d+==)|(^stat::)|(artifact_prefix)|(Done \d+ runs)' } | Out-Host
        $exit = $LASTEXITCODE
    }
    finally {
        $env:DOTNET_GCHeapHardLimit = $heapLimit
    }

    $runs = Select-String -LiteralPath $log -Pattern '^stat::number_of_executed_units:\s+(\d+)' | Select-Object -Last 1
    $found = @(Get-ChildItem -LiteralPath $crashes -File).Count - $before
    $executed = if ($runs) { $runs.Matches[0].Groups[1].Value } else { 'an unknown number of' }
    Write-Host "$executed inputs in $Seconds s; corpus: $(@(Get-ChildItem -LiteralPath $corpus -File).Count) files; new crashes or timeouts: $found"
    if ($exit -ne 0 -or $found -gt 0) {
        Write-Host "Replay one with: dotnet $(Join-Path $target 'QualysCompare.Fuzz.dll') <file in $crashes>"
        exit 1
    }
}
finally {
    Pop-Location
}
