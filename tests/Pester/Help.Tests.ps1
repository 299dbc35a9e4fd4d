# Help a newcomer can use: the syntax Get-Help prints, -WhatIf and -Confirm where a cmdlet has them, every
# default value the code has, and examples that run as they stand right after the package is installed.
# The facts are checked against the staged module; the examples run in a new pwsh against the package
# (build.ps1 -Task Test passes it in QUALYSCOMPARE_PACKAGE), installed from a folder repository.
BeforeDiscovery {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Cmdlets = @(Get-Command -Module QualysCompare -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $Examples = foreach ($command in Get-Command -Module QualysCompare -CommandType Cmdlet) {
        foreach ($example in (Get-Help $command.Name -Full).examples.example) {
            $title = ($example.title -replace '^-+\s*|\s*-+$', '').Trim()
            @{ Name = $command.Name; Title = $title; Code = [string]$example.code; NeedsApi = $title -like '*(needs the Qualys API)' }
        }
    }
}

BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'

    # The value a parameter holds when it is not given, read from a new instance of the cmdlet.
    function Get-CodeDefault([System.Management.Automation.CmdletInfo] $Command, [string] $Name) {
        $property = $Command.ImplementingType.GetProperty($Name)
        if (-not $property) { return $null }
        $property.GetValue([System.Activator]::CreateInstance($Command.ImplementingType))
    }

    # A "Default value: ..." line the help page gives for the parameter, for a default decided at run time.
    function Get-MarkdownDefault([string] $Command, [string] $Name) {
        $page = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot "../../docs/help/$Command.md")
        if ($page -match "(?ms)^### -$Name\r?\n(.*?)(?=^##)") {
            if ($Matches[1] -match '(?m)^Default value:[ \t]*(.+?)[ \t]*$') { return $Matches[1] }
        }
        $null
    }
}

Describe 'Get-Help <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
        $syntax = ($help.syntax | Out-String -Width 4096) -replace '\s+', ' '
        $own = @($command.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters })
    }

    It 'shows every switch as [-Name], without a value' {
        foreach ($parameter in $own | Where-Object { $_.SwitchParameter }) {
            $syntax | Should -Match "\[-$($parameter.Name)\]" -Because "-$($parameter.Name) is a switch"
            $syntax | Should -Not -Match "-$($parameter.Name) <SwitchParameter>"
        }
    }

    It 'shows every other parameter with its value' {
        foreach ($parameter in $own | Where-Object { -not $_.SwitchParameter }) {
            $syntax | Should -Match "-$($parameter.Name)\]? (<|\{)" -Because "-$($parameter.Name) takes a value"
        }
    }

    It 'lists -WhatIf and -Confirm exactly when the cmdlet supports ShouldProcess' {
        $supports = $command.Parameters.ContainsKey('WhatIf')
        foreach ($risk in 'WhatIf', 'Confirm') {
            if ($supports) {
                $syntax | Should -Match "\[-$risk\]"
                $entry = $help.parameters.parameter | Where-Object name -EQ $risk
                ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
                $entry.defaultValue | Should -Be 'False'
            }
            else {
                $syntax | Should -Not -Match "-$risk\b"
            }
        }
    }

    It 'fills in every default value, and shows the code''s own where it has one' {
        foreach ($parameter in $own) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            $shown = [string]$entry.defaultValue
            $shown | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a default value in its help"
            if ($parameter.Name -in 'WhatIf', 'Confirm') { continue }
            $code = Get-CodeDefault $command $parameter.Name
            $override = Get-MarkdownDefault $Name $parameter.Name
            if ($override) {
                $shown | Should -Be $override
            }
            elseif ($code -is [System.Management.Automation.SwitchParameter]) {
                $shown | Should -Be 'False'
            }
            elseif ($code -is [int] -or $code -is [enum] -or ($code -is [string] -and $code)) {
                $shown | Should -Be ([string]$code) -Because "-$($parameter.Name) is $code when not given"
            }
        }
    }

    It 'has examples that find their files in the module''s Samples folder, not in a clone''s out folder' {
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -Match '\./out/|tests/fixtures' -Because $example.title
        }
    }
}

Describe 'The help examples, run in a new pwsh right after the package is installed' {
    BeforeAll {
        $Package = $env:QUALYSCOMPARE_PACKAGE
        if (-not $Package -or -not (Test-Path -LiteralPath $Package)) {
            throw "QUALYSCOMPARE_PACKAGE must name the nupkg of build.ps1 -Task Package (it is '$Package'). Run build.ps1 -Task Test."
        }
        $Temp = Join-Path ([System.IO.Path]::GetTempPath()) ('qc-help-' + [System.IO.Path]::GetRandomFileName())
        $RepositoryFolder = Join-Path $Temp 'repository'
        $InstallFolder = Join-Path $Temp 'modules'
        New-Item -ItemType Directory -Path $RepositoryFolder, $InstallFolder | Out-Null
        Copy-Item -LiteralPath $Package -Destination $RepositoryFolder
        $RepositoryName = 'QualysCompareHelp-' + [System.IO.Path]::GetRandomFileName().Replace('.', '')
        Register-PSResourceRepository -Name $RepositoryName -Uri $RepositoryFolder -Trusted
        try { Save-PSResource -Name QualysCompare -Repository $RepositoryName -Path $InstallFolder -TrustRepository -Quiet }
        finally { Unregister-PSResourceRepository -Name $RepositoryName }

        # Under "dotnet pwsh" the process is dotnet itself and pwsh.dll is its first argument.
        $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $Pwsh = if ((Split-Path -Leaf $exe) -like 'dotnet*') { @($exe, [Environment]::GetCommandLineArgs()[0]) } else { @($exe) }

        function Invoke-Example([string] $Code, [string] $Folder) {
            New-Item -ItemType Directory -Force -Path $Folder | Out-Null
            $script = "`$ErrorActionPreference = 'Stop'`nSet-Location -LiteralPath '$($Folder -replace "'", "''")'`n& {`n$Code`n} | Out-String -Width 200"
            $savedPath = $env:PSModulePath
            try {
                $env:PSModulePath = $InstallFolder
                $output = & $Pwsh[0] @($Pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
                [pscustomobject]@{ Exit = $LASTEXITCODE; Output = ($output | Out-String) }
            }
            finally {
                $env:PSModulePath = $savedPath
            }
        }
    }

    AfterAll {
        Remove-Item -LiteralPath $Temp -Recurse -Force -ErrorAction SilentlyContinue
    }

    It '<Name>: <Title>' -ForEach $Examples {
        if ($NeedsApi) {
            # It needs a Qualys API server and an API user (the help marks it "(needs the Qualys API)"),
            # so it is not run; what can be checked without them is: it parses, and every command it
            # calls exists with every parameter it names.
            $tokens = $null
            $parseErrors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$parseErrors)
            $parseErrors | Should -BeNullOrEmpty
            $calls = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true))
            $calls.Count | Should -BeGreaterThan 0
            foreach ($call in $calls) {
                $commandName = $call.GetCommandName()
                if (-not $commandName) { continue }
                $info = Get-Command $commandName -ErrorAction SilentlyContinue
                $info | Should -Not -BeNullOrEmpty -Because "the example calls $commandName"
                $known = @($info.Parameters.Keys) + @($info.Parameters.Values | ForEach-Object { $_.Aliases })
                foreach ($parameter in @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                    $known | Should -Contain $parameter.ParameterName -Because "the example gives $commandName -$($parameter.ParameterName)"
                }
            }
            return
        }
        $folder = Join-Path $Temp ('run-' + [System.IO.Path]::GetRandomFileName())
        $run = Invoke-Example $Code $folder
        $run.Exit | Should -Be 0 -Because "the example failed:`n$Code`n---`n$($run.Output)"
    }
}
