# Windows PowerShell 5.1 (.NET Framework 4.7.2) and PowerShell 7 (.NET) load the same netstandard2.0
# build. Nothing here runs Windows PowerShell: these tests check what can be checked from PowerShell 7.
BeforeDiscovery {
    # Every reference from one shipped assembly to another, read from the metadata of the staged files.
    $folder = Split-Path $env:QUALYSCOMPARE_MANIFEST
    $shipped = @{}
    foreach ($file in Get-ChildItem -LiteralPath $folder -Filter *.dll) { $shipped[[System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).Name] = $file.Name }
    $References = foreach ($file in Get-ChildItem -LiteralPath $folder -Filter *.dll) {
        $stream = [System.IO.File]::OpenRead($file.FullName)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $metadata.AssemblyReferences) {
                $reference = $metadata.GetAssemblyReference($handle)
                $name = $metadata.GetString($reference.Name)
                if ($shipped.ContainsKey($name)) {
                    $token = -join ($metadata.GetBlobBytes($reference.PublicKeyOrToken) | ForEach-Object { $_.ToString('x2') })
                    @{ From = $file.Name; Name = $name; Version = [string]$reference.Version; Token = $token }
                }
            }
            $pe.Dispose()
        }
        finally {
            $stream.Dispose()
        }
    }
}

BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $ModuleFolder = (Resolve-Path (Split-Path $env:QUALYSCOMPARE_MANIFEST)).ProviderPath
    $CmdletsAssembly = (Get-Command Import-QualysReport).ImplementingType.Assembly
    $Resolver = $CmdletsAssembly.GetType('QualysCompare.Cmdlets.Internal.ModuleAssemblyResolver', $true)
    $Locate = $Resolver.GetMethod('Locate', [System.Reflection.BindingFlags]'NonPublic, Static')

    function Find-ModuleAssembly([string] $FullName) {
        $Locate.Invoke($null, @([System.Reflection.AssemblyName]::new($FullName), $ModuleFolder))
    }
}

Describe 'The module ships its netstandard2.0 build' {
    It '<Name> is built for .NET Standard 2.0' -ForEach @(
        @{ Name = 'QualysCompare.Cmdlets' }
        @{ Name = 'QualysCompare.Engine' }
    ) {
        $assembly = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name -and $_.Location -like "$ModuleFolder*" }
        $assembly | Should -HaveCount 1
        $framework = $assembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName
        $framework | Should -Be '.NETStandard,Version=v2.0'
    }

    It 'compiles the engine and the cmdlets for net472 too, so that an API .NET Framework 4.7.2 lacks fails the build' {
        foreach ($project in 'src/QualysCompare.Engine/QualysCompare.Engine.csproj', 'src/QualysCompare.Cmdlets/QualysCompare.Cmdlets.csproj') {
            $frameworks = ([xml](Get-Content -Raw (Join-Path $PSScriptRoot "../../$project"))).Project.PropertyGroup.TargetFrameworks | Where-Object { $_ }
            ($frameworks -split ';') | Should -Be @('netstandard2.0', 'net472') -Because $project
        }
    }
}

Describe 'Dependencies load on .NET Framework without binding redirects' {
    It '<From> asks for <Name> <Version>, which the module ships at that version or later' -ForEach $References {
        $path = Find-ModuleAssembly "$Name, Version=$Version, Culture=neutral, PublicKeyToken=$(if ($Token) { $Token } else { 'null' })"
        $path | Should -Be (Join-Path $ModuleFolder "$Name.dll")
    }

    It 'does not answer for a version newer than the one shipped' {
        $shipped = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleFolder 'System.Buffers.dll'))
        $newer = [version]::new($shipped.Version.Major + 1, 0, 0, 0)
        Find-ModuleAssembly "System.Buffers, Version=$newer, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51" | Should -BeNullOrEmpty
    }

    It 'does not answer for another publisher''s assembly of the same name' {
        Find-ModuleAssembly 'System.Buffers, Version=4.0.2.0, Culture=neutral, PublicKeyToken=0123456789abcdef' | Should -BeNullOrEmpty
    }

    It 'does not answer for an assembly the module does not ship' {
        Find-ModuleAssembly 'Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed' | Should -BeNullOrEmpty
        Find-ModuleAssembly 'CsvHelper.resources, Version=34.0.0.0, Culture=de, PublicKeyToken=8c4959082be5c823' | Should -BeNullOrEmpty
    }

    It 'is a module initializer, which PowerShell runs on Import-Module' {
        $Resolver.GetInterfaces().Name | Should -Contain 'IModuleAssemblyInitializer'
        $Resolver.IsPublic | Should -BeTrue
    }
}
