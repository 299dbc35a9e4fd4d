<#
.SYNOPSIS
    The Demo: the write-up's Windows 10 machine and a few neighbours, seen by a credentialed
    appliance scan and by the Cloud Agents. build.ps1 -Task Demo runs it against the staged module.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $InputFolder,
    # The same network one night later: compared against the first night's report.
    [string] $NextNightFolder,
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
    Format-Table -AutoSize | Out-String -Width 200 | Write-Host

Write-Host '== By severity (vulnerabilities only) ==' -ForegroundColor Cyan
$findings | Where-Object Type -ne 'Information' |
    Group-Object Vantage, Severity | Sort-Object Name |
    Select-Object @{ n = 'Vantage'; e = { $_.Group[0].Vantage } }, @{ n = 'Severity'; e = { $_.Group[0].Severity } }, Count |
    Format-Table -AutoSize | Out-String -Width 200 | Write-Host

Write-Host '== Side by side: the comparison summary per machine ==' -ForegroundColor Cyan
$knowledgeBase = Join-Path $InputFolder 'knowledgebase.xml'
$rows = $findings | Compare-QualysVantage -KnowledgeBase $knowledgeBase
$summary = $rows | Measure-QualysVantage
$summary |
    Select-Object HostName, HostCoverage, MatchedBy, ScannerAuthentication,
        @{ n = 'Scanner'; e = { '{0} ({1} confirmed, {2} potential)' -f $_.ScannerTotal, $_.ScannerConfirmed, $_.ScannerPotential } },
        @{ n = 'Agent'; e = { '{0} ({1} confirmed, {2} potential)' -f $_.AgentTotal, $_.AgentConfirmed, $_.AgentPotential } },
        Both, ScannerOnly, AgentOnly, AgentOnlyPercent |
    Format-Table -AutoSize | Out-String -Width 200 | Write-Host

$writeUp = $summary | Where-Object HostName -like 'win10-ws042*' | Select-Object -First 1
if ($writeUp) {
    Write-Host ("The write-up's machine {0}: scanner {1} ({2} confirmed, {3} potential) against agent {4}; both saw {5}, only the scanner {6}, only the agent {7}." -f
        $writeUp.HostName, $writeUp.ScannerTotal, $writeUp.ScannerConfirmed, $writeUp.ScannerPotential, $writeUp.AgentTotal,
        $writeUp.Both, $writeUp.ScannerOnly, $writeUp.AgentOnly) -ForegroundColor Green
}

Write-Host "`n== Why each side missed what the other saw (one-sided rows per reason) ==" -ForegroundColor Cyan
$rows | Where-Object Presence -ne 'Both' | Group-Object HostName, Presence, Reason -NoElement | Sort-Object Name | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

Write-Host '== What to do, and who does it (rows with an Action; the rest are expected by design) ==' -ForegroundColor Cyan
$rows | Where-Object Action -ne 'None' | Group-Object Owner, Action -NoElement | Sort-Object Name | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$summary | Where-Object { $_.Scope -eq 'Host' -and $_.Action -ne 'None' } |
    Select-Object HostName, Action, Owner, @{ n = 'Findings'; e = { $_.FixScanAuthentication + $_.InvestigateScanReach + $_.DeployAgent + $_.RepairAgent + $_.InvestigateDetection } }, OperatingSystem |
    Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ('Expected by design, nothing to do: {0:N0} of {1:N0} one-sided rows.' -f @($rows | Where-Object { $_.Presence -ne 'Both' -and $_.Action -eq 'None' }).Count, @($rows | Where-Object Presence -ne 'Both').Count)

Write-Host '== Reports ==' -ForegroundColor Cyan
New-Item -ItemType Directory -Force $OutputFolder | Out-Null
$history = Join-Path $OutputFolder 'coverage-history.csv'
if (Test-Path -LiteralPath $history) { Remove-Item -LiteralPath $history }
foreach ($name in 'coverage-gap.csv', 'coverage-gap.json', 'coverage-gap.html') {
    $historyArgs = if ($name -like '*.html' -and $NextNightFolder) { @{ HistoryPath = $history } } else { @{} }
    $file = $rows | Export-CoverageGap -Path (Join-Path $OutputFolder $name) -PassThru @historyArgs
    Write-Host ('{0,-60} {1,10:N0} bytes' -f $file.FullName, $file.Length)
}
if (-not $NextNightFolder) { return }

Write-Host "`n== The next night, against the first night's report (-Baseline) ==" -ForegroundColor Cyan
$nextRows = Compare-QualysVantage -Scanner (Join-Path $NextNightFolder 'appliance-scan.csv') -Agent (Join-Path $NextNightFolder 'agent-detections.xml') `
    -KnowledgeBase (Join-Path $NextNightFolder 'knowledgebase.xml') -Baseline (Join-Path $OutputFolder 'coverage-gap.json') -WarningAction SilentlyContinue
$nextRows | Where-Object Presence -ne 'Both' | Group-Object Change -NoElement | Sort-Object Name | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host 'New work since last night (new gaps to act on, and old ones that became actionable):'
$nextRows | Where-Object { ($_.Change -eq 'New' -or $_.BecameActionable) -and $_.Action -ne 'None' } |
    Group-Object HostName, Change, Action -NoElement | Sort-Object Name | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$file = $nextRows | Export-CoverageGap -Path (Join-Path $OutputFolder 'coverage-gap-next-night.html') -HistoryPath $history -PassThru
Write-Host ('{0,-60} {1,10:N0} bytes' -f $file.FullName, $file.Length)
