<#
.SYNOPSIS
    Builds, tests and demonstrates QualysCompare.
.DESCRIPTION
    Tasks:
      Build  stages the module into out/QualysCompare/<version>/ from an explicit list of files.
      Test   Build and Package, then xunit (engine) on .NET 10, then the engine's xunit tests built for
             net472 on .NET Framework (Mono on Linux, installed with apt-get when missing), then Pester
             in a child pwsh against the staged module and the package (docs/windows.md); before Pester,
             tools/Install-TestDependencies.sh installs Chromium and pdfinfo when missing (the print test).
             Ends with one line "N passed, N failed" over all three; exits non-zero on any failure.
      Demo   Build, generate the demo scenario into out/demo/input (and the next night into
             out/demo/next-night), and run the module on it.
      Package  Build, then publish the staged module as out/package/QualysCompare.<version>.nupkg,
             which Install-PSResource and Save-PSResource install from a folder repository.
      Fuzz   coverage-guided fuzzing (SharpFuzz + libFuzzer) of the readers for -Seconds (default 60).
      Bench  Build, then tools/Invoke-Benchmark.ps1: generated exports at -BenchSize detections per side
             (default 100k and 1M) into bench-data/, every case as its own pwsh process, medians of
             -BenchRuns runs (default 3) into out/bench/results-<timestamp>.json and out/bench/results.md.
             With -Micro, the engine's BenchmarkDotNet micro-benchmarks instead (tests/QualysCompare.Benchmarks).
      Clean  removes out/ and the bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Fuzz', 'Bench', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # How long the Fuzz task runs.
    [ValidateRange(1, 604800)]
    [int] $Seconds = 60,

    # Bench: detections per side (100k, 1M, 4M or a number) and runs per case.
    [string[]] $BenchSize = @('100k', '1M'),

    [ValidateRange(1, 100)]
    [int] $BenchRuns = 3,

    # Bench: the BenchmarkDotNet micro-benchmarks of the engine instead of the end-to-end runs.
    [switch] $Micro
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'Directory.Build.props has no <Version>.' }
    $version
}

# Under "dotnet pwsh" the process is dotnet itself and pwsh.dll is its first argument.
function Get-PwshCommand {
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ((Split-Path -Leaf $exe) -like 'dotnet*') { @($exe, [Environment]::GetCommandLineArgs()[0]) } else { @($exe) }
}

function Invoke-DotNet {
    & dotnet @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# The module ships exactly these files; anything else in the publish folder stays out.
$ModuleAssemblies = @(
    'QualysCompare.Cmdlets.dll'
    'QualysCompare.Engine.dll'
    'CsvHelper.dll'
    'System.Text.Json.dll'
    'System.Text.Encodings.Web.dll'
    'System.Memory.dll'
    'System.Buffers.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Threading.Tasks.Extensions.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
)
$ModuleFiles = @(
    'QualysCompare.Format.ps1xml'
)
# Beside them, from the repository: the nightly script, the pages it points to, and the demo's small
# sample pair with its KnowledgeBase, which the help examples read from the module's own folder.
$ModuleExtras = [ordered]@{
    'examples/Invoke-QualysCoverageReport.ps1'                 = 'Invoke-QualysCoverageReport.ps1'
    'docs/scheduled-run.md'                                    = 'docs/scheduled-run.md'
    'docs/windows.md'                                          = 'docs/windows.md'
    'tests/fixtures/scenarios/demo/appliance-scan.csv'         = 'Samples/appliance-scan.csv'
    'tests/fixtures/scenarios/demo/agent-detections.xml'       = 'Samples/agent-detections.xml'
    'tests/fixtures/scenarios/demo/knowledgebase.xml'          = 'Samples/knowledgebase.xml'
    'tests/fixtures/accepted-risks/demo-accepted-risks.csv'   = 'Samples/Exceptions/accepted-risks.csv'
}

function Invoke-BuildTask {
    $version = Get-ModuleVersion
    $publish = Join-Path $Out 'publish'
    $cmdlets = Join-Path $Root 'src/QualysCompare.Cmdlets'
    # Every target framework is compiled, net472 too: an API that Windows PowerShell 5.1's
    # .NET Framework 4.7.2 lacks fails here. The module ships the netstandard2.0 build.
    Invoke-DotNet build $cmdlets -c $Configuration --nologo -v quiet
    Invoke-DotNet publish $cmdlets -c $Configuration -f netstandard2.0 --no-build -o $publish --nologo -v quiet

    $stage = Join-Path $Out "QualysCompare/$version"
    if (Test-Path $stage) { Remove-Item -Recurse -Force $stage }
    New-Item -ItemType Directory -Force $stage | Out-Null

    foreach ($name in $ModuleAssemblies) {
        Copy-Item -LiteralPath (Join-Path $publish $name) -Destination $stage
    }
    foreach ($name in $ModuleFiles) {
        Copy-Item -LiteralPath (Join-Path $Root "module/$name") -Destination $stage
    }
    foreach ($source in $ModuleExtras.Keys) {
        $target = Join-Path $stage $ModuleExtras[$source]
        New-Item -ItemType Directory -Force (Split-Path $target) | Out-Null
        Copy-Item -LiteralPath (Join-Path $Root $source) -Destination $target
    }
    $manifest = Get-Content -Raw (Join-Path $Root 'module/QualysCompare.psd1')
    $manifest = $manifest -replace "ModuleVersion(\s*)=(\s*)'0\.0\.0'", "ModuleVersion`$1=`$2'$version'"
    Set-Content -LiteralPath (Join-Path $stage 'QualysCompare.psd1') -Value $manifest -Encoding utf8NoBOM

    # Help is generated from docs/help/*.md against the staged cmdlets, in a child pwsh that loads them.
    $enUs = Join-Path $stage 'en-US'
    New-Item -ItemType Directory -Force $enUs | Out-Null
    Copy-Item -LiteralPath (Join-Path $Root 'docs/about_QualysCompare.help.txt') -Destination $enUs
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    & $pwsh @hostArgs -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Build-Help.ps1') `
        -ModuleManifest (Join-Path $stage 'QualysCompare.psd1') -DocsFolder (Join-Path $Root 'docs/help') `
        -OutputPath (Join-Path $enUs 'QualysCompare.Cmdlets.dll-Help.xml') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Building the help failed.' }

    Write-Host "Staged QualysCompare $version in $stage"
    Join-Path $stage 'QualysCompare.psd1'
}

function Get-PesterManifest {
    Invoke-DotNet restore (Join-Path $Root 'tests/Pester/PesterPackage.csproj') --nologo -v quiet
    $psd1 = Join-Path $Out 'packages/pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $psd1)) { throw "Pester 5.7.1 was not restored to $psd1." }
    $psd1
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'test-results'
    $trx = Join-Path $results 'engine.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    & dotnet test (Join-Path $Root 'tests/QualysCompare.Engine.Tests') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) { throw "xunit produced no results (dotnet test exit code $exit)." }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Exit = $exit }
}

# Mono runs the .NET Framework builds on Linux; Debian's mono-devel brings the runtime, the class
# libraries and the facades (netstandard.dll among them) that a netstandard2.0 library needs there.
function Get-MonoCommand {
    if ($IsWindows) { return $null }   # .NET Framework itself runs the net472 executables
    $facade = '/usr/lib/mono/4.5/Facades/netstandard.dll'
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($mono -and (Test-Path $facade)) { return $mono.Source }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        throw "The .NET Framework tests need Mono (mono and $facade). Install Mono 6.8 or later and run the tests again."
    }
    if ((& id -u) -ne '0') {
        throw "The .NET Framework tests need Mono. Install it once as root: apt-get update && apt-get install -y --no-install-recommends mono-devel"
    }
    Write-Host 'Installing Mono (mono-devel) for the .NET Framework tests...'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get update -qq | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "apt-get update failed with exit code $LASTEXITCODE." }
    & apt-get install -y -qq --no-install-recommends mono-devel | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "apt-get install mono-devel failed with exit code $LASTEXITCODE." }
    $mono = Get-Command mono -CommandType Application -ErrorAction Stop | Select-Object -First 1
    if (-not (Test-Path $facade)) { throw "mono-devel installed no $facade." }
    $mono.Source
}

# Runs a .NET Framework executable: under Mono on Linux and macOS, as itself on Windows.
function Invoke-Net472Program([string] $Mono, [string] $Program, [string[]] $Arguments) {
    if ($Mono) { & $Mono --debug $Program @Arguments } else { & $Program @Arguments }
}

# Builds the net472 test projects and lays them out in out/net472: the engine's xunit tests beside the
# staged module's own assemblies (the netstandard2.0 engine and the dependencies Windows PowerShell 5.1
# would load), and the module-loading host alone in a folder, as powershell.exe is.
function Invoke-Net472Build([string] $ModuleManifest) {
    $net472 = Join-Path $Out 'net472'
    if (Test-Path $net472) { Remove-Item -Recurse -Force $net472 }
    foreach ($project in 'tests/QualysCompare.Engine.Tests.Net472', 'tests/QualysCompare.Net472Host') {
        Invoke-DotNet build (Join-Path $Root $project) -c $Configuration --nologo -v quiet
    }
    $tests = Join-Path $net472 'tests'
    Copy-Item -Recurse (Join-Path $Root "tests/QualysCompare.Engine.Tests.Net472/bin/$Configuration/net472") $tests
    $module = Split-Path $ModuleManifest
    foreach ($name in $ModuleAssemblies | Where-Object { $_ -ne 'QualysCompare.Cmdlets.dll' }) {
        Copy-Item -LiteralPath (Join-Path $module $name) -Destination $tests -Force
    }
    Remove-Item -LiteralPath (Join-Path $tests 'QualysCompare.Engine.pdb'), (Join-Path $tests 'QualysCompare.Engine.xml') -ErrorAction SilentlyContinue
    $hostFolder = Join-Path $net472 'host'
    New-Item -ItemType Directory -Force $hostFolder | Out-Null
    foreach ($name in 'QualysCompare.Net472Host.exe', 'QualysCompare.Net472Host.exe.config', 'System.Management.Automation.dll') {
        Copy-Item -LiteralPath (Join-Path $Root "tests/QualysCompare.Net472Host/bin/$Configuration/net472/$name") -Destination $hostFolder
    }
    [pscustomobject]@{ Tests = Join-Path $tests 'QualysCompare.Engine.Tests.dll'; Host = Join-Path $hostFolder 'QualysCompare.Net472Host.exe' }
}

# The engine's xunit tests on .NET Framework 4.7.2 (Mono on Linux), with the .NET Framework console
# runner. Tests marked [ExcludedOnMono] are left out; docs/windows.md lists them and why.
function Invoke-MonoXunitTests([string] $Mono, [string] $TestAssembly) {
    $xml = Join-Path $Out 'test-results/net472.xml'
    if (Test-Path $xml) { Remove-Item $xml }
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $runnerFolder = Join-Path $packages.Trim() 'xunit.runner.console/2.4.1/tools/net472'
    if (-not (Test-Path (Join-Path $runnerFolder 'xunit.console.exe'))) { throw "The xunit console runner is not in $runnerFolder (restored by tests/QualysCompare.Engine.Tests.Net472)." }
    # The runner runs in the tests' own folder and AppDomain (-appdomains denied): under Mono on a loaded
    # machine, the messages crossing from a test domain of its own ended a run with
    # AppDomainUnloadedException before any result was written. In one domain the runner's configuration
    # is the one that applies, so it takes the tests' binding redirects as well as its own settings, and
    # the fixtures are found beside the tests as they are under dotnet test.
    $testFolder = Split-Path $TestAssembly
    foreach ($file in Get-ChildItem -LiteralPath $runnerFolder -File) {
        $target = Join-Path $testFolder $file.Name
        if (-not (Test-Path $target)) { Copy-Item -LiteralPath $file.FullName -Destination $target }
    }
    [xml]$config = Get-Content -Raw "$TestAssembly.config"
    [xml]$runnerConfig = Get-Content -Raw (Join-Path $runnerFolder 'xunit.console.exe.config')
    $config.configuration.PrependChild($config.ImportNode($runnerConfig.configuration.startup, $true)) | Out-Null
    $config.configuration.runtime.PrependChild($config.ImportNode($runnerConfig.configuration.runtime.AppContextSwitchOverrides, $true)) | Out-Null
    $config.Save((Join-Path $testFolder 'xunit.console.exe.config'))
    $runner = Join-Path $testFolder 'xunit.console.exe'
    Invoke-Net472Program $Mono $runner @($TestAssembly, '-nologo', '-noshadow', '-appdomains', 'denied', '-notrait', 'Mono=Excluded', '-xml', $xml) | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $xml)) { throw "xunit on .NET Framework produced no results (exit code $exit)." }
    $assembly = ([xml](Get-Content -Raw $xml)).assemblies.assembly
    # GetAttribute, since the element also has a child named errors.
    $count = { param($name) [int]$assembly.GetAttribute($name) }
    [pscustomobject]@{ Passed = & $count passed; Failed = (& $count failed) + (& $count errors); Skipped = & $count skipped; Total = & $count total; Exit = $exit }
}

function Invoke-PesterTests([string] $ModuleManifest) {
    $pester = Get-PesterManifest
    $summary = Join-Path $Out 'test-results/pester-summary.json'
    if (Test-Path $summary) { Remove-Item $summary }
    # A child pwsh, so the module's DLLs are never loaded (and locked) in the shell that builds them.
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    $runner = Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'
    & $pwsh @hostArgs -NoProfile -NonInteractive -File $runner -PesterManifest $pester -ModuleManifest $ModuleManifest -SummaryPath $summary | Out-Host
    if (-not (Test-Path $summary)) { throw 'Pester produced no summary.' }
    Get-Content -Raw $summary | ConvertFrom-Json
}

# What the tests need beyond .NET and NuGet (Chromium and pdfinfo, which print the HTML report and
# count its pages), from the machine's Debian packages; the script returns at once when they are there.
function Install-TestDependencies {
    if (-not $IsLinux) {
        Write-Host 'Not Linux: install Chromium and pdfinfo (poppler) yourself, or the print test fails.'
        return
    }
    & bash (Join-Path $Root 'tools/Install-TestDependencies.sh') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "tools/Install-TestDependencies.sh failed with exit code $LASTEXITCODE." }
}

function Invoke-TestTask {
    $manifest = Invoke-BuildTask
    # The Pester suite installs the package the way an admin would; the child pwsh inherits this.
    $env:QUALYSCOMPARE_PACKAGE = Invoke-PackageTask $manifest
    New-Item -ItemType Directory -Force (Join-Path $Out 'test-results') | Out-Null
    $xunit = Invoke-XunitTests
    # The .NET Framework half: the engine's tests and the module-loading host (run by Pester), under Mono.
    $mono = Get-MonoCommand
    $net472 = Invoke-Net472Build $manifest
    $framework = Invoke-MonoXunitTests $mono $net472.Tests
    $env:QUALYSCOMPARE_NET472_HOST = $net472.Host
    $env:QUALYSCOMPARE_MONO = $mono
    Install-TestDependencies
    $pester = Invoke-PesterTests $manifest
    $passed = $xunit.Passed + $framework.Passed + $pester.Passed
    $failed = $xunit.Failed + $framework.Failed + $pester.Failed
    $notRun = [math]::Max(0, $xunit.Passed + $xunit.Failed - $framework.Total)
    $runtime = if ($mono) { 'Mono' } else { '.NET Framework' }
    Write-Host ''
    Write-Host "xunit on .NET 10: $($xunit.Passed) passed, $($xunit.Failed) failed"
    Write-Host "xunit on $runtime (net472): $($framework.Passed) passed, $($framework.Failed) failed, $notRun of the .NET 10 tests not run there (docs/windows.md says which and why)"
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $xunit.Exit -ne 0 -or $framework.Exit -ne 0 -or $framework.Passed -eq 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    $manifest = Invoke-BuildTask
    $demoInput = Join-Path $Out 'demo/input'
    $nextNight = Join-Path $Out 'demo/next-night'
    Invoke-DotNet run --project (Join-Path $Root 'tools/QualysCompare.ScenarioGen') -c $Configuration -v quiet -- demo $demoInput
    Invoke-DotNet run --project (Join-Path $Root 'tools/QualysCompare.ScenarioGen') -c $Configuration -v quiet --no-build -- demo-next-night $nextNight
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    & $pwsh @hostArgs -NoProfile -NonInteractive -File (Join-Path $Root 'examples/Show-Demo.ps1') -ModuleManifest $manifest -InputFolder $demoInput -NextNightFolder $nextNight -OutputFolder (Join-Path $Out 'demo') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

# Test passes the manifest it already staged; on its own, the task stages the module first.
function Invoke-PackageTask([string] $ModuleManifest) {
    $manifest = if ($ModuleManifest) { $ModuleManifest } else { Invoke-BuildTask }
    $version = Get-ModuleVersion
    $package = Join-Path $Out 'package'
    if (Test-Path $package) { Remove-Item -Recurse -Force $package }
    New-Item -ItemType Directory -Force $package | Out-Null
    # PSResourceGet writes the nupkg into a repository, so a folder repository is registered for the
    # one call and removed again; a name of its own keeps it clear of the user's repositories. Like the
    # help build it runs in a child pwsh, so nothing it loads stays in the shell that builds.
    $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
    $script = @"
`$ErrorActionPreference = 'Stop'
`$name = 'QualysCompareBuild-' + [System.IO.Path]::GetRandomFileName().Replace('.', '')
Register-PSResourceRepository -Name `$name -Uri $(& $quote $package) -Trusted
try { Publish-PSResource -Path $(& $quote (Split-Path $manifest)) -Repository `$name }
finally { Unregister-PSResourceRepository -Name `$name }
"@
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    & $pwsh @hostArgs -NoProfile -NonInteractive -Command $script | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Publishing the package failed with exit code $LASTEXITCODE." }
    $nupkg = Join-Path $package "QualysCompare.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource wrote no $nupkg." }
    Write-Host "Packaged QualysCompare $version as $nupkg"
    $nupkg
}

function Invoke-FuzzTask {
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    & $pwsh @hostArgs -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Fuzz.ps1') -Seconds $Seconds | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Fuzzing found a crash or a hang (exit code $LASTEXITCODE); see out/fuzz." }
}

function Invoke-BenchTask {
    $pwsh, $hostArgs = Get-PwshCommand
    $hostArgs = @($hostArgs | Where-Object { $_ })
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    if ($Micro) {
        # BenchmarkDotNet wants Release and its own process per benchmark; the size is one generated network.
        $dataFolder = Join-Path $Root "bench-data/$($BenchSize[0])"
        Invoke-DotNet run --project (Join-Path $Root 'tools/QualysCompare.ScenarioGen') -c Release -v quiet -- bench $dataFolder $BenchSize[0] --reuse
        $env:QUALYSCOMPARE_BENCH_DATA = $dataFolder
        Invoke-DotNet run --project (Join-Path $Root 'tests/QualysCompare.Benchmarks') -c Release -- --artifacts (Join-Path $Out 'bench/micro')
    }
    else {
        $manifest = Invoke-BuildTask
        & $pwsh @hostArgs -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Invoke-Benchmark.ps1') -ModuleManifest $manifest `
            -BenchSize ($BenchSize -join ',') -BenchRuns $BenchRuns -Configuration $Configuration | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE; see out/bench." }
    }
    Write-Host "The Bench task took $([math]::Round($clock.Elapsed.TotalMinutes, 1)) minutes."
}

function Invoke-CleanTask {
    foreach ($dir in @($Out) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'tools') -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue).FullName) {
        if ($dir -and (Test-Path $dir)) { Remove-Item -Recurse -Force $dir }
    }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-BuildTask | Out-Null }
        'Test' { Invoke-TestTask }
        'Demo' { Invoke-DemoTask }
        'Package' { Invoke-PackageTask | Out-Null }
        'Fuzz' { Invoke-FuzzTask }
        'Bench' { Invoke-BenchTask }
        'Clean' { Invoke-CleanTask }
    }
}
