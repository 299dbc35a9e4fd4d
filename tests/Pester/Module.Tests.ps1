BeforeDiscovery {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Cmdlets = @(Get-Command -Module QualysCompare -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $OutputTypes = @(Get-Command -Module QualysCompare -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
        Where-Object { $_ -and $_.Namespace -like 'QualysCompare*' } | Sort-Object FullName -Unique | ForEach-Object { @{ Type = $_ } })
}

BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Manifest = Import-PowerShellDataFile $env:QUALYSCOMPARE_MANIFEST
    $CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Module manifest' {
    It 'declares both editions, PowerShell 5.1 and .NET Framework 4.7.2' {
        $Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
    }

    It 'exports exactly the cmdlets it lists, and no wildcard' {
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        (Get-Command -Module QualysCompare -CommandType Cmdlet).Name | Sort-Object | Should -Be ($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'takes its version from Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))
        $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
        (Get-Module QualysCompare).Version | Should -Be ([version]$version)
    }

    It 'carries the gallery metadata' {
        $Manifest.Description | Should -Not -BeNullOrEmpty
        $Manifest.PrivateData.PSData.Tags | Should -Contain 'Qualys'
        $Manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'names no project or licence web address, as the project has no public repository to point to' {
        $Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
        $Manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
    }
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<]*"
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters }) {
            $entry = $help.parameters.parameter | Where-Object name -eq $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter needs help"
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'names its inputs and outputs' {
        ($help.inputTypes | Out-String).Trim() | Should -Not -BeNullOrEmpty
        ($help.returnValues | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }
}

Describe 'about_QualysCompare' {
    It 'explains vantage points, matching, presence, reasons, change over time and the API alone' {
        $text = Get-Help about_QualysCompare | Out-String
        foreach ($word in 'Scanner Appliance', 'Cloud Agent', 'Host matching', 'Presence', 'Reasons', '-Baseline', 'HistoryPath', 'Get-QualysKnowledgeBase') {
            $text | Should -BeLike "*$word*"
        }
    }
}

Describe 'Output type <Type>' -ForEach $OutputTypes {
    It 'is a sealed class with no base type of its own' {
        $Type.IsSealed | Should -BeTrue
        $Type.BaseType | Should -Be ([object])
    }

    It 'has only scalar, enum or DateTime properties (or nullable ones), for Export-Csv and Export-Excel' {
        foreach ($property in $Type.GetProperties()) {
            $t = [Nullable]::GetUnderlyingType($property.PropertyType)
            if (-not $t) { $t = $property.PropertyType }
            ($t.IsPrimitive -or $t.IsEnum -or $t -in [string], [datetime], [decimal]) | Should -BeTrue -Because "$($property.Name) is $($property.PropertyType)"
        }
    }

    It 'gets no ScriptProperty or NoteProperty from a types file' {
        $members = Get-TypeData -TypeName $Type.FullName
        $members | Should -BeNullOrEmpty
    }

    It 'has a table view of 5 to 7 columns and a list view' {
        $views = (Get-FormatData -TypeName $Type.FullName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition
        $table = $views | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $list = $views | Where-Object { $_.Control -is [System.Management.Automation.ListControl] }
        $table | Should -Not -BeNullOrEmpty
        $list | Should -Not -BeNullOrEmpty
        $table[0].Control.Headers.Count | Should -BeIn (5..7)
    }
}
