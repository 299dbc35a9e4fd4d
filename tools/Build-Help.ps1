<#
.SYNOPSIS
    Builds the module's MAML help (en-US/QualysCompare.Cmdlets.dll-Help.xml) from docs/help/*.md.
.DESCRIPTION
    platyPS cannot be installed here, so this does its job for our markdown: prose (synopsis,
    description, examples, parameter descriptions, inputs, outputs, notes) comes from the markdown;
    syntax and parameter facts (type, position, pipeline input, aliases, mandatory) come from the
    compiled cmdlets themselves, so they cannot drift from the code. Runs in its own pwsh: it loads
    the module.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $DocsFolder,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$module = Import-Module $ModuleManifest -Force -PassThru

# The common parameters Get-Help adds by itself as [<CommonParameters>]. -WhatIf and -Confirm, which a
# cmdlet has only when it supports ShouldProcess, are written out like its own parameters, as platyPS does.
$CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
$RiskParameters = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# The default Get-Help shows for a parameter: the value a new instance of the cmdlet holds, with the
# empty sentinels the code uses for "not given" (null, '', an empty array, PSCredential.Empty,
# DateTime.MinValue) shown as None. A line "Default value: ..." in the parameter's markdown replaces it,
# for a default the code decides at run time (Export-CoverageGap -Format follows the file's extension).
function Format-DefaultValue($Value) {
    if ($null -eq $Value) { return 'None' }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [string]$Value.IsPresent }
    if ($Value -is [string]) { return $(if ($Value) { $Value } else { 'None' }) }
    if ($Value -is [System.Management.Automation.PSCredential]) { return $(if ($Value -eq [System.Management.Automation.PSCredential]::Empty) { 'None' } else { $Value.UserName }) }
    if ($Value -is [datetime] -and $Value -eq [datetime]::MinValue) { return 'None' }
    if ($Value -is [array]) { return $(if ($Value.Count) { ($Value | ForEach-Object { [System.Convert]::ToString($_, [cultureinfo]::InvariantCulture) }) -join ', ' } else { 'None' }) }
    [System.Convert]::ToString($Value, [cultureinfo]::InvariantCulture)
}

function Get-CodeDefault($Command, [string] $Name) {
    if ($RiskParameters.ContainsKey($Name)) { return 'False' }
    $instance = [System.Activator]::CreateInstance($Command.ImplementingType)
    $property = $Command.ImplementingType.GetProperty($Name)
    if (-not $property) { throw "$($Command.Name) -${Name}: no property of that name on $($Command.ImplementingType)" }
    Format-DefaultValue $property.GetValue($instance)
}

function Read-HelpMarkdown([string] $Path) {
    # Sections are "## NAME"; examples and parameters are "### title" inside their section.
    $doc = @{ Sections = @{}; Examples = [System.Collections.Generic.List[object]]::new(); Parameters = @{}; Inputs = [System.Collections.Generic.List[object]]::new(); Outputs = [System.Collections.Generic.List[object]]::new() }
    $section = $null; $sub = $null; $buffer = [System.Text.StringBuilder]::new()
    $flush = {
        $text = $buffer.ToString().Trim()
        [void]$buffer.Clear()
        if (-not $section) { return }
        switch ($section) {
            'EXAMPLES' { if ($sub) { $doc.Examples.Add(@{ Title = $sub; Body = $text }) } }
            'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $text } }
            'INPUTS' { if ($sub) { $doc.Inputs.Add(@{ Type = $sub; Text = $text }) } }
            'OUTPUTS' { if ($sub) { $doc.Outputs.Add(@{ Type = $sub; Text = $text }) } }
            default { if (-not $sub) { $doc.Sections[$section] = $text } }
        }
    }
    $inCode = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^```') { $inCode = -not $inCode; [void]$buffer.AppendLine($line); continue }
        if (-not $inCode -and $line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if (-not $inCode -and $line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if (-not $inCode -and $line -match '^# ') { continue }
        [void]$buffer.AppendLine($line)
    }
    & $flush
    $doc
}

function Split-Example([string] $Body) {
    # The first fenced block is the code; the prose after it is the remarks.
    if ($Body -match '(?s)^\s*```[a-z]*\r?\n(.*?)\r?\n```\s*(.*)$') { return @($Matches[1], $Matches[2].Trim()) }
    @('', $Body)
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$temp = "$OutputPath.tmp"
New-Item -ItemType Directory -Force (Split-Path $OutputPath) | Out-Null
$w = [System.Xml.XmlWriter]::Create($temp, $settings)

function Write-Para([string] $Text) {
    foreach ($para in ($Text -split '\r?\n\s*\r?\n')) {
        $p = ($para -replace '\r?\n', ' ').Trim()
        if ($p) { $w.WriteElementString('maml', 'para', $maml, $p) }
    }
}

$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh'); $w.WriteAttributeString('schema', 'maml')
$w.WriteAttributeString('xmlns', 'maml', $null, $maml)
$w.WriteAttributeString('xmlns', 'command', $null, $command)
$w.WriteAttributeString('xmlns', 'dev', $null, $dev)

$missing = [System.Collections.Generic.List[string]]::new()
foreach ($cmd in (Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $mdPath = Join-Path $DocsFolder "$($cmd.Name).md"
    if (-not (Test-Path $mdPath)) { $missing.Add("$($cmd.Name): no $mdPath"); continue }
    $doc = Read-HelpMarkdown $mdPath
    $params = $cmd.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters }
    foreach ($name in $RiskParameters.Keys) {
        if ($cmd.Parameters.ContainsKey($name) -and -not $doc.Parameters.ContainsKey($name)) { $doc.Parameters[$name] = $RiskParameters[$name] }
    }
    foreach ($p in $params) { if (-not $doc.Parameters.ContainsKey($p.Name)) { $missing.Add("$($cmd.Name) -$($p.Name): no description") } }
    foreach ($name in 'SYNOPSIS', 'DESCRIPTION') { if (-not $doc.Sections.ContainsKey($name)) { $missing.Add("$($cmd.Name): no $name") } }
    if ($doc.Examples.Count -lt 2) { $missing.Add("$($cmd.Name): fewer than two examples") }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteStartElement('maml', 'description', $maml); Write-Para $doc.Sections['SYNOPSIS']; $w.WriteEndElement()
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $maml); Write-Para $doc.Sections['DESCRIPTION']; $w.WriteEndElement()

    $writeParameter = {
        param($p, $set, [bool] $inSyntax)
        $text = [string]$doc.Parameters[$p.Name]
        $default = Get-CodeDefault $cmd $p.Name
        if ($text -match '(?m)^Default value:[ \t]*(.+?)[ \t]*$') {
            $default = $Matches[1]
            $text = ($text -replace '(?m)^Default value:.*(\r?\n)?', '').Trim()
        }
        $attr = if ($set -and $p.ParameterSets.ContainsKey($set)) { $p.ParameterSets[$set] }
                elseif ($p.ParameterSets.ContainsKey('__AllParameterSets')) { $p.ParameterSets['__AllParameterSets'] }
                else { $p.ParameterSets.Values | Select-Object -First 1 }
        $pipeline = @()
        if ($attr.ValueFromPipeline) { $pipeline += 'ByValue' }
        if ($attr.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', ([string]$attr.IsMandatory).ToLowerInvariant())
        $w.WriteAttributeString('globbing', ([string][bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
        $w.WriteAttributeString('position', $(if ($attr.Position -ge 0) { [string]$attr.Position } else { 'named' }))
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml); Write-Para $text; $w.WriteEndElement()
        $type = $p.ParameterType
        $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
        if ($type.IsEnum -or ($type.IsArray -and $type.GetElementType().IsEnum)) {
            $enumType = if ($type.IsArray) { $type.GetElementType() } else { $type }
            $w.WriteStartElement('command', 'parameterValueGroup', $command)
            foreach ($v in [enum]::GetNames($enumType)) { $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', 'false'); $w.WriteString($v); $w.WriteEndElement() }
            $w.WriteEndElement()
        }
        # A switch takes no value, so its syntax is [-Name], never [-Name <SwitchParameter>]: Get-Help
        # prints a value placeholder for every parameterValue a syntax item has.
        if (-not ($inSyntax -and $isSwitch)) {
            $w.WriteStartElement('command', 'parameterValue', $command); $w.WriteAttributeString('required', ([string](-not $isSwitch)).ToLowerInvariant()); $w.WriteString($type.Name); $w.WriteEndElement()
        }
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $type.FullName); $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', $dev, $default)
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($sp in ($set.Parameters | Where-Object { $_.Name -notin $CommonParameters })) {
            & $writeParameter $cmd.Parameters[$sp.Name] $set.Name $true
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $params) { & $writeParameter $p $null $false }
    $w.WriteEndElement()

    foreach ($kind in 'Inputs', 'Outputs') {
        $w.WriteStartElement('command', $(if ($kind -eq 'Inputs') { 'inputTypes' } else { 'returnValues' }), $command)
        foreach ($item in $doc[$kind]) {
            $w.WriteStartElement('command', $(if ($kind -eq 'Inputs') { 'inputType' } else { 'returnValue' }), $command)
            $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $item.Type); $w.WriteEndElement()
            $w.WriteStartElement('maml', 'description', $maml); Write-Para $item.Text; $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    if ($doc.Sections.ContainsKey('NOTES')) {
        $w.WriteStartElement('maml', 'alertSet', $maml); $w.WriteStartElement('maml', 'alert', $maml); Write-Para $doc.Sections['NOTES']; $w.WriteEndElement(); $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $command)
    foreach ($ex in $doc.Examples) {
        $code, $remarks = Split-Example $ex.Body
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- $($ex.Title) --------------------------")
        $w.WriteElementString('dev', 'code', $dev, $code)
        $w.WriteStartElement('dev', 'remarks', $dev); Write-Para $remarks; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($doc.Sections.ContainsKey('RELATED LINKS')) {
        $w.WriteStartElement('command', 'relatedLinks', $command)
        foreach ($link in ($doc.Sections['RELATED LINKS'] -split '\r?\n' | Where-Object { $_.Trim() })) {
            $w.WriteStartElement('maml', 'navigationLink', $maml); $w.WriteElementString('maml', 'linkText', $maml, ($link -replace '^[-*]\s*', '' -replace '[\[\]]', '' -replace '\(.*\)$', '').Trim()); $w.WriteElementString('maml', 'uri', $maml, ''); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Dispose()

if ($missing.Count) {
    Remove-Item -LiteralPath $temp
    throw "Help is incomplete:`n  $($missing -join "`n  ")"
}
Move-Item -LiteralPath $temp -Destination $OutputPath -Force
Write-Host "Wrote help for $(@(Get-Command -Module $module.Name -CommandType Cmdlet).Count) cmdlets to $OutputPath"
