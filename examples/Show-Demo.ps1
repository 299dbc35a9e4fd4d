<#
.SYNOPSIS
    The Demo: the write-up's Windows 10 machine and a few neighbours, seen by a credentialed
    appliance scan and by the Cloud Agents. build.ps1 -Task Demo runs it against the staged module.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $InputFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest -Force

$findings = Get-ChildItem -LiteralPath $InputFolder -Filter '*.*' |
    Where-Object Name -ne 'knowledgebase.xml' |
    Import-QualysReport

Write-Host "`n== What each vantage point reported, per host ==" -ForegroundColor Cyan
$findings |
    Group-Object Vantage, HostName |
    ForEach-Object {
        $g = $_.Group
        [pscustomobject]@{
            Vantage     = $g[0].Vantage
            HostName    = $g[0].HostName
            Vulns       = @($g | Where-Object Type -ne 'Information').Count
            Confirmed   = @($g | Where-Object Type -eq 'Confirmed').Count
            Potential   = @($g | Where-Object Type -eq 'Potential').Count
            Information = @($g | Where-Object Type -eq 'Information').Count
            'Sev 4-5'   = @($g | Where-Object { $_.Type -ne 'Information' -and $_.Severity -ge 4 }).Count
        }
    } |
    Sort-Object HostName, Vantage |
    Format-Table -AutoSize | Out-Host

Write-Host '== By severity (vulnerabilities only) ==' -ForegroundColor Cyan
$findings | Where-Object Type -ne 'Information' |
    Group-Object Vantage, Severity | Sort-Object Name |
    Select-Object @{ n = 'Vantage'; e = { $_.Group[0].Vantage } }, @{ n = 'Severity'; e = { $_.Group[0].Severity } }, Count |
    Format-Table -AutoSize | Out-Host
