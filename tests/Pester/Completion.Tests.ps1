# Tab completion and argument validation, for every cmdlet the module exports. The parameters are
# found by reflection, so a cmdlet or parameter added later is covered without touching this file.
BeforeDiscovery {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $parameters = foreach ($command in Get-Command -Module QualysCompare -CommandType Cmdlet) {
        foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common) {
            $type = $parameter.ParameterType
            $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
            [pscustomobject]@{ Command = $command.Name; Parameter = $parameter.Name; Type = $type; Element = $element }
        }
    }
    $EnumParameters = @($parameters | Where-Object { $_.Element.IsEnum } | ForEach-Object {
            @{ Command = $_.Command; Parameter = $_.Parameter; Values = [string[]][enum]::GetNames($_.Element); IsArray = $_.Type.IsArray }
        })
    $ArrayEnumParameters = @($EnumParameters | Where-Object IsArray)
    # Every parameter that names a file: the path parameters, and the ones documented to take report
    # or KnowledgeBase paths as well as objects.
    $FileParameters = @($parameters | Where-Object { $_.Parameter -match 'Path$|^OutFile$|^Scanner$|^Agent$|^KnowledgeBase$' } |
        ForEach-Object { @{ Command = $_.Command; Parameter = $_.Parameter } })
}

BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force

    function Get-Completion([string] $InputScript) {
        (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches
    }
}

Describe 'The module has parameters of each kind these tests cover' {
    # Guards the reflection above: if discovery found nothing, the data-driven tests would not run at all.
    It 'has enum parameters, array enum parameters and file parameters' -ForEach @(
        @{ Enums = $EnumParameters.Count; ArrayEnums = $ArrayEnumParameters.Count; Files = $FileParameters.Count }
    ) {
        $Enums | Should -BeGreaterOrEqual 5
        $ArrayEnums | Should -BeGreaterOrEqual 2
        $Files | Should -BeGreaterOrEqual 5
    }
}

Describe '<Command> -<Parameter> completes its values' -ForEach $EnumParameters {
    It 'offers every value on Tab' {
        $completions = Get-Completion "$Command -$Parameter "
        $completions.ResultType | Select-Object -Unique | Should -Be 'ParameterValue'
        $completions.CompletionText | Sort-Object | Should -Be ($Values | Sort-Object)
    }

    It 'completes each value from its first two letters' {
        foreach ($value in $Values) {
            (Get-Completion "$Command -$Parameter $($value.Substring(0, 2))").CompletionText | Should -Contain $value
        }
    }

    It 'refuses a wrong value with a binding error that names every valid value' {
        $thrown = $null
        $arguments = @{ $Parameter = 'NotAValue' }
        try { & $Command @arguments } catch { $thrown = $_ }
        $thrown | Should -Not -BeNullOrEmpty
        # An enum conversion failure is a ParameterBindingException (CannotConvertArgumentNoMessage); a
        # ValidateSet failure would be its subclass ParameterBindingValidationException. Either way the
        # command never runs.
        $thrown.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        $thrown.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgumentNoMessage,*'
        $thrown.Exception.Message | Should -BeLike "*'$Parameter'*"
        foreach ($value in $Values) {
            $thrown.Exception.Message | Should -Match "\b$value\b"
        }
    }
}

Describe '<Command> -<Parameter> completes the next value of a list' -ForEach $ArrayEnumParameters {
    It 'offers the values again after a comma' {
        $completions = Get-Completion "$Command -$Parameter $($Values[0]),"
        $completions.CompletionText | Should -Contain $Values[-1]
    }
}

Describe '<Command> -<Parameter> completes file names' -ForEach $FileParameters {
    BeforeAll {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("qc-completion-" + [System.IO.Path]::GetRandomFileName())
        New-Item -ItemType Directory -Path $folder | Out-Null
        New-Item -ItemType File -Path (Join-Path $folder 'appliance-scan.csv'), (Join-Path $folder 'agent-detections.xml') | Out-Null
    }

    AfterAll {
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'lists the files of a folder' {
        $completions = Get-Completion "$Command -$Parameter $folder$([System.IO.Path]::DirectorySeparatorChar)"
        $completions.ResultType | Select-Object -Unique | Should -Be 'ProviderItem'
        $completions.CompletionText | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object | Should -Be @('agent-detections.xml', 'appliance-scan.csv')
    }

    It 'completes a file from the start of its name' {
        $completions = Get-Completion "$Command -$Parameter $(Join-Path $folder 'appl')"
        $completions.CompletionText | Should -HaveCount 1
        Split-Path -Leaf $completions[0].CompletionText | Should -Be 'appliance-scan.csv'
    }
}

Describe 'Range parameters name their bounds when a value is out of range' {
    It 'refuses <Parameter> <Value> naming the bound <Bound>' -ForEach @(
        @{ Parameter = 'MinimumSeverity'; Value = 0; Bound = 1 }
        @{ Parameter = 'MinimumSeverity'; Value = 6; Bound = 5 }
        @{ Parameter = 'StaleAfterDays'; Value = 0; Bound = 1 }
        @{ Parameter = 'StaleAfterDays'; Value = 3651; Bound = 3650 }
    ) {
        $thrown = $null
        $arguments = @{ Scanner = 'x'; Agent = 'y'; $Parameter = $Value }
        try { Compare-QualysVantage @arguments } catch { $thrown = $_ }
        # ParameterBindingValidationException is internal to PowerShell: only its name can be checked.
        $thrown.Exception.GetType().Name | Should -Be 'ParameterBindingValidationException'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $thrown.Exception.Message | Should -BeLike "*'$Parameter'*"
        $thrown.Exception.Message | Should -Match "\b$Bound\b"
    }
}
