# The staged module imported by a .NET Framework 4.7.2 process the way Windows PowerShell 5.1 imports it
# (tests/QualysCompare.Net472Host), under Mono on Linux. build.ps1 -Task Test builds the host into
# out/net472/host and passes its path and Mono's in QUALYSCOMPARE_NET472_HOST and QUALYSCOMPARE_MONO.
# docs/windows.md says what this proves and what it does not.
BeforeAll {
    $HostExe = $env:QUALYSCOMPARE_NET472_HOST
    if (-not $HostExe -or -not (Test-Path -LiteralPath $HostExe)) {
        throw "QUALYSCOMPARE_NET472_HOST must name out/net472/host/QualysCompare.Net472Host.exe (it is '$HostExe'). Run build.ps1 -Task Test."
    }
    $ModuleFolder = (Resolve-Path (Split-Path $env:QUALYSCOMPARE_MANIFEST)).ProviderPath
    $Samples = (Resolve-Path (Join-Path $ModuleFolder 'Samples')).ProviderPath
    $Work = Join-Path $TestDrive 'net472-host'

    $arguments = @($ModuleFolder, $Samples, $Work)
    $output = if ($env:QUALYSCOMPARE_MONO) { & $env:QUALYSCOMPARE_MONO --debug $HostExe @arguments 2>&1 } else { & $HostExe @arguments 2>&1 }
    $HostExit = $LASTEXITCODE
    $HostOutput = @($output | ForEach-Object { "$_" })
    $HostText = $HostOutput -join "`n"

    function Get-HostCheck([string] $Area) {
        @($HostOutput | Where-Object { $_ -match "^(ok|not ok) ${Area}: " })
    }
}

Describe 'Importing the module in a .NET Framework 4.7.2 process' {
    It 'runs on a .NET Framework implementation' {
        $HostOutput[0] | Should -Match '^runtime (Mono |\.NET Framework )' -Because $HostText
    }

    It 'starts from a host folder holding none of the module''s files, where the module''s dependencies cannot be found' {
        $checks = Get-HostCheck 'setup'
        $checks.Count | Should -BeGreaterThan 10 -Because $HostText
        $checks | Where-Object { $_ -like 'not ok*' } | Should -BeNullOrEmpty -Because $HostText
        $checks | Should -Contain 'ok setup: before Import-Module, System.Memory, Version=4.0.1.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51 cannot be found'
    }

    It 'runs the module''s one IModuleAssemblyInitializer, as Import-Module does' {
        Get-HostCheck 'import' | Should -Be 'ok import: the module exports one IModuleAssemblyInitializer (QualysCompare.Cmdlets.Internal.ModuleAssemblyResolver)' -Because $HostText
    }

    It 'binds every reference between the shipped assemblies to the module''s own copy, and declines a newer version or another key' {
        $checks = Get-HostCheck 'binding'
        $checks | Where-Object { $_ -like 'not ok*' } | Should -BeNullOrEmpty -Because $HostText
        foreach ($name in 'CsvHelper', 'System.Text.Json', 'System.Memory', 'System.Buffers', 'System.Runtime.CompilerServices.Unsafe', 'Microsoft.Bcl.AsyncInterfaces') {
            $checks | Where-Object { $_ -like "ok binding: * asks for $name, *: gets * from $ModuleFolder*" } | Should -Not -BeNullOrEmpty -Because "$name must come from the module folder`n$HostText"
        }
        $checks | Where-Object { $_ -like '*not answered, FileNotFoundException' } | Should -HaveCount 2
    }

    It 'reads, compares and exports the demo''s sample pair with the engine' {
        $checks = Get-HostCheck 'engine'
        $checks | Where-Object { $_ -like 'not ok*' } | Should -BeNullOrEmpty -Because $HostText
        $checks | Should -Contain 'ok engine: read 48 findings from appliance-scan.csv (ScanResultsCsv, UTF-8)'
        $checks | Should -Contain 'ok engine: read 333 findings from agent-detections.xml (HostDetectionXml, UTF-8)'
        foreach ($format in 'csv', 'json', 'html') { Test-Path -LiteralPath (Join-Path $Work "gaps.$format") | Should -BeTrue }
        Get-Content -Raw -LiteralPath (Join-Path $Work 'gaps.json') | ConvertFrom-Json | Should -Not -BeNullOrEmpty
    }

    It 'has loaded one copy of each shipped assembly, the module''s, at the module''s version' {
        $checks = Get-HostCheck 'loaded'
        $checks | Where-Object { $_ -like 'not ok*' } | Should -BeNullOrEmpty -Because $HostText
        $shipped = @(Get-ChildItem -LiteralPath $ModuleFolder -Filter *.dll)
        $checks.Count | Should -Be ($shipped.Count + 1) -Because $HostText
        foreach ($name in 'CsvHelper', 'System.Text.Json', 'System.Memory', 'System.Runtime.CompilerServices.Unsafe') {
            $version = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleFolder "$name.dll")).Version
            $checks | Should -Contain "ok loaded: $name ${version}: $version from $(Join-Path $ModuleFolder "$name.dll")"
        }
    }

    It 'exits 0 after all checks passed' {
        $HostExit | Should -Be 0 -Because $HostText
        $HostOutput[-1] | Should -Be 'all checks passed'
    }
}
