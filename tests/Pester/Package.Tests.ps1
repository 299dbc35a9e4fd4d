# The package build.ps1 -Task Package writes (build.ps1 -Task Test passes it in QUALYSCOMPARE_PACKAGE),
# installed the way an admin would: from a folder repository, then imported by name in a new pwsh.
BeforeAll {
    $Package = $env:QUALYSCOMPARE_PACKAGE
    if (-not $Package -or -not (Test-Path -LiteralPath $Package)) {
        throw "QUALYSCOMPARE_PACKAGE must name the nupkg of build.ps1 -Task Package (it is '$Package'). Run build.ps1 -Task Test."
    }
    $Manifest = Import-PowerShellDataFile $env:QUALYSCOMPARE_MANIFEST
    $Version = $Manifest.ModuleVersion
    $Fixture = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/scenarios/traps/scanner-scan.csv')).ProviderPath

    $Temp = Join-Path ([System.IO.Path]::GetTempPath()) ("qc-package-" + [System.IO.Path]::GetRandomFileName())
    $RepositoryFolder = Join-Path $Temp 'repository'
    $InstallFolder = Join-Path $Temp 'modules'
    New-Item -ItemType Directory -Path $RepositoryFolder, $InstallFolder | Out-Null
    Copy-Item -LiteralPath $Package -Destination $RepositoryFolder

    $RepositoryName = 'QualysCompareTest-' + [System.IO.Path]::GetRandomFileName().Replace('.', '')
    Register-PSResourceRepository -Name $RepositoryName -Uri $RepositoryFolder -Trusted

    # Under "dotnet pwsh" the process is dotnet itself and pwsh.dll is its first argument.
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $Pwsh = if ((Split-Path -Leaf $exe) -like 'dotnet*') { @($exe, [Environment]::GetCommandLineArgs()[0]) } else { @($exe) }

    Add-Type -AssemblyName System.IO.Compression.ZipFile
    function Get-PackageEntry([string] $Name) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
        try {
            if (-not $Name) { return @($zip.Entries.FullName) }
            $reader = [System.IO.StreamReader]::new($zip.GetEntry($Name).Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
    }
}

AfterAll {
    Unregister-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'is named QualysCompare.<version>.nupkg after Directory.Build.props' {
        Split-Path -Leaf $Package | Should -Be "QualysCompare.$Version.nupkg"
    }

    It 'carries the gallery metadata of the manifest' {
        $nuspec = [xml](Get-PackageEntry 'QualysCompare.nuspec')
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'QualysCompare'
        $metadata.version | Should -Be $Version
        $metadata.description | Should -Be $Manifest.Description
        # The manifest names no project or licence address (there is no public repository), so neither does the package.
        $metadata.projectUrl | Should -BeNullOrEmpty
        $metadata.licenseUrl | Should -BeNullOrEmpty
        $metadata.releaseNotes | Should -Be $Manifest.PrivateData.PSData.ReleaseNotes
        $tags = $metadata.tags -split ' '
        foreach ($tag in $Manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
    }

    It 'holds exactly the staged module: manifest, views, help, assemblies, the nightly script and the samples' {
        $staged = Split-Path $env:QUALYSCOMPARE_MANIFEST
        $expected = Get-ChildItem -LiteralPath $staged -Recurse -File | ForEach-Object { $_.FullName.Substring($staged.Length + 1).Replace('\', '/') }
        $packaged = Get-PackageEntry | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|QualysCompare\.nuspec$)' } |
            ForEach-Object { [uri]::UnescapeDataString($_) }
        $packaged | Sort-Object | Should -Be ($expected | Sort-Object)
        $packaged | Should -Contain 'en-US/QualysCompare.Cmdlets.dll-Help.xml'
        $packaged | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' } | Should -BeNullOrEmpty
    }
}

Describe 'Installing the package from a folder repository' {
    BeforeAll {
        Save-PSResource -Name QualysCompare -Repository $RepositoryName -Path $InstallFolder -TrustRepository -Quiet
        $installed = Join-Path $InstallFolder "QualysCompare/$Version"
    }

    It 'finds it in the repository' {
        $found = Find-PSResource -Name QualysCompare -Repository $RepositoryName
        $found.Version | Should -Be ([version]$Version)
        $found.Description | Should -Be $Manifest.Description
    }

    It 'installs the module in a QualysCompare/<version> folder' {
        Test-Path -LiteralPath (Join-Path $installed 'QualysCompare.psd1') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $installed 'QualysCompare.Cmdlets.dll') | Should -BeTrue
    }

    It 'carries the nightly script, the page it points to, and the samples the help examples read' {
        $script = Join-Path $installed 'Invoke-QualysCoverageReport.ps1'
        Get-Content -Raw -LiteralPath $script | Should -BeExactly (Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../../examples/Invoke-QualysCoverageReport.ps1'))
        # Every docs/ page the script's help names is in the package, at the same path below the module folder.
        $pages = @([regex]::Matches((Get-Content -Raw -LiteralPath $script), 'docs/[\w./-]+\.md') | ForEach-Object Value | Sort-Object -Unique)
        $pages | Should -Contain 'docs/scheduled-run.md'
        foreach ($page in $pages) { Join-Path $installed $page | Should -Exist }
        foreach ($sample in 'appliance-scan.csv', 'agent-detections.xml', 'knowledgebase.xml') {
            Get-FileHash -LiteralPath (Join-Path $installed "Samples/$sample") | ForEach-Object Hash |
                Should -Be (Get-FileHash -LiteralPath (Join-Path $PSScriptRoot "../fixtures/scenarios/demo/$sample")).Hash
        }
    }

    It 'runs the installed nightly script on a drop folder, with the module beside it and none on PSModulePath' {
        $drop = Join-Path $Temp 'drop'
        $reports = Join-Path $Temp 'reports'
        New-Item -ItemType Directory -Path $drop, (Join-Path $Temp 'no-modules') | Out-Null
        foreach ($sample in 'appliance-scan.csv', 'agent-detections.xml') { Copy-Item -LiteralPath (Join-Path $installed "Samples/$sample") -Destination $drop }
        $savedPath = $env:PSModulePath
        try {
            $env:PSModulePath = Join-Path $Temp 'no-modules'
            $output = & $Pwsh[0] @($Pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $installed 'Invoke-QualysCoverageReport.ps1') -DropFolder $drop -ReportFolder $reports 2>&1
            $exit = $LASTEXITCODE
        }
        finally {
            $env:PSModulePath = $savedPath
        }
        $exit | Should -Be 0 -Because ($output -join "`n")
        @(Get-ChildItem -LiteralPath $reports -Filter 'coverage-gap-*.html') | Should -HaveCount 1
        @(Get-ChildItem -LiteralPath $reports -Filter 'coverage-gap-*.csv') | Should -HaveCount 1
        $log = Get-Content -Raw -LiteralPath (Join-Path $reports 'coverage-report.log')
        $log | Should -BeLike "*loaded from '$((Resolve-Path $installed).ProviderPath)'*"
    }

    It 'imports by name in a new pwsh and reads a report' {
        Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
        $expected = @(Import-QualysReport -LiteralPath $Fixture).Count
        $script = "`$ErrorActionPreference = 'Stop'; Import-Module QualysCompare; (Get-Module QualysCompare).ModuleBase; (Import-QualysReport -LiteralPath '$Fixture' | Measure-Object).Count; (Get-Help Import-QualysReport).Synopsis"
        $savedPath = $env:PSModulePath
        try {
            $env:PSModulePath = $InstallFolder
            $output = & $Pwsh[0] @($Pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
            $exit = $LASTEXITCODE
        }
        finally {
            $env:PSModulePath = $savedPath
        }
        $exit | Should -Be 0 -Because ($output -join "`n")
        $output[0] | Should -Be (Resolve-Path $installed).ProviderPath
        [int]$output[1] | Should -Be $expected
        $expected | Should -BeGreaterThan 0
        $output[2] | Should -BeLike 'Reads Qualys exports*'
    }
}

Describe 'The temporary repository' {
    It 'is registered only while the tests run' {
        (Get-PSResourceRepository -Name $RepositoryName).Uri.LocalPath.TrimEnd('/', '\') | Should -Be $RepositoryFolder.TrimEnd('/', '\')
        Get-PSResourceRepository | Where-Object Name -Like 'QualysCompareBuild-*' | Should -BeNullOrEmpty -Because 'build.ps1 -Task Package removes its own repository'
    }
}
