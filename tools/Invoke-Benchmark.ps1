<#
.SYNOPSIS
    End-to-end benchmarks of QualysCompare against what admins script today (issue 6).
.DESCRIPTION
    Generates the benchmark network (tools/QualysCompare.ScenarioGen bench) into -DataRoot and times
    every case as a whole separate "pwsh -NoProfile" process: from outside (wall, process start to
    exit) and from inside (work: the child's own stopwatch after its setup, that is module import or
    type compilation). Each child also reports its peak working set. Cases, on the same files in
    the same run:
      Baseline       Import-Csv of both baseline tables, a hashtable join on IP+QID, Export-Csv of the one-sided rows
      Files          Compare-QualysVantage -Scanner <scan csv> -Agent <host findings csv> | Export-CoverageGap
      GapBaseline    Files with -Baseline: the gap export of an earlier run made from the same data
                     (a week older, a twentieth of its gaps new since, a twentieth closed since)
      FilesXml       the same with the agent's Host List Detection XML pages
      Pipeline       Import-QualysReport <both csv> | Compare-QualysVantage | Export-CoverageGap
      Raw            a raw read of the Files case's bytes that counts newlines: the physical limit
      CompareObject  Compare-Object -Property IP,QID at -CompareObjectSize, beside Files at the same
                     sizes and at -ContrastSize
      FirstObject    time to the first object of Import-QualysReport on a file of at least -FirstObjectBytes
      Throughput     the engine's CSV import against a raw read of the same scan file, and its HLD XML
                     import, in MB/s, without PowerShell's pipeline in between
    Each case's input files are read once before its clock starts, so every case starts with them in
    the page cache.
    Every answer is checked against the generator's manifest (counts and a fingerprint of the
    one-sided (IP, QID) pairs), and the baseline's against ours; a disagreement fails the run.
    Writes out/bench/results-<timestamp>.json and out/bench/results.md. Runs are interleaved (each
    run goes through every case) so that a change in the machine's load falls on all of them.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Bench -BenchSize 100k,1M,4M -BenchRuns 3
#>
[CmdletBinding()]
param(
    # Detections per side: 100k, 1M, 4M or a number.
    [string[]] $BenchSize = @('100k', '1M'),

    [ValidateRange(1, 100)]
    [int] $BenchRuns = 3,

    [ValidatePattern('^((Baseline|Files|FilesXml|Pipeline|Raw|GapBaseline|CompareObject|FirstObject|Throughput),?)+$')]
    [string[]] $Case = @('Baseline', 'Files', 'FilesXml', 'Pipeline', 'Raw', 'GapBaseline', 'CompareObject', 'FirstObject', 'Throughput'),

    # Rows per side for Compare-Object, which is quadratic: 40k took 136 s on a 2-core machine.
    [string[]] $CompareObjectSize = @('10k', '20k', '40k'),

    # Runs of Compare-Object itself: one is plenty against a ratio in the tens, and each costs minutes.
    [ValidateRange(1, 100)]
    [int] $CompareObjectRuns = 1,

    # Ours alone at this size, for "the same answer in under 1 s at 200k".
    [string] $ContrastSize = '200k',

    [long] $FirstObjectBytes = 1GB,

    # The staged module; by default the one build.ps1 -Task Build staged for this checkout.
    [string] $ModuleManifest,

    [string] $DataRoot,

    [string] $OutputFolder,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The baseline keeps every row as a PSObject; above this share of the memory available at the
    # start it is skipped rather than left to the out-of-memory killer.
    [ValidateRange(0.1, 1.0)]
    [double] $BaselineMemoryShare = 0.9,

    # Returns the results object as well as writing the files.
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = Split-Path $PSScriptRoot
# "pwsh -File" passes "100k,1M" as one string.
$BenchSize = @($BenchSize -split ',' | ForEach-Object Trim | Where-Object { $_ })
$CompareObjectSize = @($CompareObjectSize -split ',' | ForEach-Object Trim | Where-Object { $_ })
$Case = @($Case -split ',' | ForEach-Object Trim | Where-Object { $_ })
if (-not $DataRoot) { $DataRoot = Join-Path $Root 'bench-data' }
if (-not $OutputFolder) { $OutputFolder = Join-Path $Root 'out/bench' }
if (-not $ModuleManifest) {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
    $ModuleManifest = Join-Path $Root "out/QualysCompare/$version/QualysCompare.psd1"
}
if (-not (Test-Path -LiteralPath $ModuleManifest)) {
    throw "No staged module at $ModuleManifest. Run 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Build' first (the Bench task does)."
}
$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).Path
$WorkFolder = Join-Path $OutputFolder 'work'
$CaseFolder = Join-Path $OutputFolder 'cases'
New-Item -ItemType Directory -Force $OutputFolder, $WorkFolder, $CaseFolder | Out-Null

# ---- checking answers: C# in this process, since the outputs run to millions of rows ------------

if (-not ('QualysCompareBench.AnswerReader' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace QualysCompareBench
{
    public sealed class OneSidedAnswer
    {
        public long ScannerOnly { get; set; }
        public long AgentOnly { get; set; }
        public string ScannerOnlyFingerprint { get; set; }
        public string AgentOnlyFingerprint { get; set; }
        // Compare-Object also lists a surplus row where one side has a QID on more ports than the other.
        public long Surplus { get; set; }
        public long Rows { get; set; }
    }

    public static class AnswerReader
    {
        // The generator's BenchScenario.PairHash: FNV-1a 64 of "IP|QID".
        public static ulong PairHash(string ip, string qid)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in ip) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ '|') * 1099511628211UL;
            foreach (char c in qid) hash = (hash ^ c) * 1099511628211UL;
            return hash;
        }

        // kind: Ours (Export-CoverageGap), Baseline (IP, QID, Presence) or CompareObject (IP, QID, SideIndicator).
        public static OneSidedAnswer Read(string path, string kind, string scannerInput, string agentInput)
        {
            var scanner = new HashSet<string>(StringComparer.Ordinal);
            var agent = new HashSet<string>(StringComparer.Ordinal);
            long rows = 0;
            using (var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 16))
            {
                var header = ReadRecord(reader);
                if (header == null) throw new InvalidDataException(path + " is empty.");
                int presence = IndexOf(header, kind == "CompareObject" ? "SideIndicator" : "Presence", path);
                int qid = IndexOf(header, "QID", path);
                int ip = kind == "Ours" ? -1 : IndexOf(header, "IP", path);
                int scannerIp = kind == "Ours" ? IndexOf(header, "ScannerIP", path) : -1;
                int agentIp = kind == "Ours" ? IndexOf(header, "AgentIP", path) : -1;
                List<string> record;
                while ((record = ReadRecord(reader)) != null)
                {
                    if (record.Count == 1 && record[0].Length == 0) continue;
                    rows++;
                    string side = record[presence];
                    bool scannerSide = side == "ScannerOnly" || side == "<=";
                    bool agentSide = side == "AgentOnly" || side == "=>";
                    if (!scannerSide && !agentSide) continue;
                    string address = kind == "Ours" ? (scannerSide ? record[scannerIp] : record[agentIp]) : record[ip];
                    string key = address + "|" + record[qid].Trim();
                    (scannerSide ? scanner : agent).Add(key);
                }
            }
            long surplus = 0;
            if (kind == "CompareObject")
            {
                // A key Compare-Object lists for one side that the other side's input also holds is
                // a port count difference, not a one-sided finding.
                var agentKeys = Keys(agentInput);
                var scannerKeys = Keys(scannerInput);
                surplus += scanner.RemoveWhere(agentKeys.Contains);
                surplus += agent.RemoveWhere(scannerKeys.Contains);
            }
            return new OneSidedAnswer
            {
                ScannerOnly = scanner.Count,
                AgentOnly = agent.Count,
                ScannerOnlyFingerprint = Fingerprint(scanner),
                AgentOnlyFingerprint = Fingerprint(agent),
                Surplus = surplus,
                Rows = rows,
            };
        }

        public static HashSet<string> Keys(string csvPath)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            using (var reader = new StreamReader(csvPath, Encoding.UTF8, true, 1 << 16))
            {
                var header = ReadRecord(reader);
                int ip = IndexOf(header, "IP", csvPath), qid = IndexOf(header, "QID", csvPath);
                List<string> record;
                while ((record = ReadRecord(reader)) != null)
                    if (record.Count > Math.Max(ip, qid)) keys.Add(record[ip] + "|" + record[qid].Trim());
            }
            return keys;
        }

        private static string Fingerprint(HashSet<string> keys)
        {
            ulong sum = 0;
            foreach (var key in keys)
            {
                int bar = key.LastIndexOf('|');
                sum += PairHash(key.Substring(0, bar), key.Substring(bar + 1));
            }
            return sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static int IndexOf(List<string> header, string name, string path)
        {
            int i = header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new InvalidDataException(path + " has no column " + name + ".");
            return i;
        }

        // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
        private static List<string> ReadRecord(TextReader reader)
        {
            int c = reader.Read();
            if (c < 0) return null;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            while (true)
            {
                if (quoted)
                {
                    if (c < 0) throw new InvalidDataException("A quoted field runs to the end of the file.");
                    if (c == '"')
                    {
                        if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                        else quoted = false;
                    }
                    else field.Append((char)c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\n' || c < 0) { fields.Add(field.ToString()); return fields; }
                else if (c != '\r') field.Append((char)c);
                c = reader.Read();
            }
        }
    }
}
'@
}

# ---- the child processes -------------------------------------------------------------------------

$Prologue = @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
function Write-BenchResult([System.Diagnostics.Stopwatch] $Clock, [hashtable] $Extra = @{}) {
    $Clock.Stop()
    $self = [System.Diagnostics.Process]::GetCurrentProcess()
    $self.Refresh()
    $result = @{ WorkSeconds = $Clock.Elapsed.TotalSeconds; PeakWorkingSet = $self.PeakWorkingSet64 }
    foreach ($key in $Extra.Keys) { $result[$key] = $Extra[$key] }
    'BENCH-RESULT ' + ($result | ConvertTo-Json -Compress)
}
'@

$RawReadType = @'
using System;
using System.IO;
public static class BenchRawRead
{
    // Lines and bytes of the files, read in 1 MB blocks as the disk (or page cache) delivers them.
    public static long[] Count(string[] paths)
    {
        long lines = 0, bytes = 0;
        var buffer = new byte[1 << 20];
        foreach (var path in paths)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    lines += MemoryExtensions.Count(new ReadOnlySpan<byte>(buffer, 0, n), (byte)'\n');
                    bytes += n;
                }
            }
        }
        return new[] { lines, bytes };
    }
}
'@

$EngineImportType = @'
using System.IO;
using QualysCompare.Engine.Readers;
public static class BenchEngineImport
{
    // Findings and bytes of the files as the engine imports them, with no PowerShell pipeline.
    public static long[] Read(string[] paths)
    {
        long findings = 0, bytes = 0;
        foreach (var path in paths)
        {
            using (var import = ReportImport.Open(path, new ImportOptions()))
            {
                foreach (var finding in import.ReadFindings()) findings++;
            }
            bytes += new FileInfo(path).Length;
        }
        return new[] { findings, bytes };
    }
}
'@

$CaseScripts = @{
    Baseline = @'
param([string] $ScannerCsv, [string] $AgentCsv, [string] $OutFile)
__PROLOGUE__
$clock = [System.Diagnostics.Stopwatch]::StartNew()
# What an admin writes today: both tables in memory, one hashtable per side keyed on IP+QID (a QID
# on two ports is one finding), and the keys one side lacks written out.
$scanner = Import-Csv -LiteralPath $ScannerCsv
$agent = Import-Csv -LiteralPath $AgentCsv
$scannerKeys = @{}
foreach ($row in $scanner) { $key = $row.IP + '|' + $row.QID; if (-not $scannerKeys.ContainsKey($key)) { $scannerKeys[$key] = $row } }
$agentKeys = @{}
foreach ($row in $agent) { $key = $row.IP + '|' + $row.QID; if (-not $agentKeys.ContainsKey($key)) { $agentKeys[$key] = $row } }
$scannerGaps = @(foreach ($key in $scannerKeys.Keys) {
    if (-not $agentKeys.ContainsKey($key)) { $r = $scannerKeys[$key]; [pscustomobject]@{ IP = $r.IP; QID = $r.QID; Title = $r.Title; Severity = $r.Severity; Presence = 'ScannerOnly' } }
})
$agentGaps = @(foreach ($key in $agentKeys.Keys) {
    if (-not $scannerKeys.ContainsKey($key)) { $r = $agentKeys[$key]; [pscustomobject]@{ IP = $r.IP; QID = $r.QID; Title = $r.Title; Severity = $r.Severity; Presence = 'AgentOnly' } }
})
$scannerGaps + $agentGaps | Export-Csv -LiteralPath $OutFile -NoTypeInformation
Write-BenchResult $clock @{ Rows = $scanner.Count + $agent.Count }
'@
    Files = @'
param([string] $ModuleManifest, [string] $Scanner, [string] $Agent, [string] $OutFile)
__PROLOGUE__
Import-Module $ModuleManifest
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Compare-QualysVantage -Scanner $Scanner -Agent $Agent | Export-CoverageGap -Path $OutFile
Write-BenchResult $clock
'@
    GapBaseline = @'
param([string] $ModuleManifest, [string] $Scanner, [string] $Agent, [string] $Baseline, [string] $OutFile)
__PROLOGUE__
Import-Module $ModuleManifest
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Compare-QualysVantage -Scanner $Scanner -Agent $Agent -Baseline $Baseline | Export-CoverageGap -Path $OutFile
Write-BenchResult $clock
'@
    # The gap export of "last week's run" for GapBaseline: this run's gaps a week earlier, with one
    # gap in twenty not there yet (New now) and one in twenty joined by a gap that is gone now (Closed).
    PreviousRun = @'
param([string] $ModuleManifest, [string] $Scanner, [string] $Agent, [string] $OutFile)
__PROLOGUE__
Import-Module $ModuleManifest
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Compare-QualysVantage -Scanner $Scanner -Agent $Agent | Where-Object Presence -ne 'Both' | ForEach-Object {
    if ($_.QID % 20 -eq 0) { return }
    $_.DataDate = $_.DataDate.AddDays(-7)
    $_.FirstSeen = $_.DataDate.AddDays(-($_.QID % 60))
    $_
    if ($_.QID % 20 -eq 1) {
        $gone = [QualysCompare.Engine.Model.VantageComparison]::new()
        foreach ($p in 'HostName', 'DnsName', 'NetBiosName', 'ScannerIP', 'AgentIP', 'AgentHostId', 'HostCoverage', 'Presence', 'Reason', 'Action', 'Owner', 'DataDate', 'FirstSeen') { $gone.$p = $_.$p }
        $gone.QID = $_.QID + 1000000
        $gone.Title = 'Fixed since'
        $gone
    }
} | Export-CoverageGap -Path $OutFile
Write-BenchResult $clock
'@
    Pipeline = @'
param([string] $ModuleManifest, [string] $Scanner, [string] $Agent, [string] $OutFile)
__PROLOGUE__
Import-Module $ModuleManifest
$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-QualysReport -Path $Scanner, $Agent | Compare-QualysVantage | Export-CoverageGap -Path $OutFile
Write-BenchResult $clock
'@
    Raw = @'
param([Parameter(ValueFromRemainingArguments)] [string[]] $Files)
__PROLOGUE__
Add-Type -TypeDefinition @"
__RAWREAD__
"@
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = [BenchRawRead]::Count($Files)
Write-BenchResult $clock @{ Lines = $count[0]; Bytes = $count[1] }
'@
    CompareObject = @'
param([string] $ScannerCsv, [string] $AgentCsv, [string] $OutFile)
__PROLOGUE__
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$scanner = Import-Csv -LiteralPath $ScannerCsv
$agent = Import-Csv -LiteralPath $AgentCsv
Compare-Object -ReferenceObject $scanner -DifferenceObject $agent -Property IP, QID | Export-Csv -LiteralPath $OutFile -NoTypeInformation
Write-BenchResult $clock @{ Rows = $scanner.Count + $agent.Count }
'@
    FirstObject = @'
param([string] $ModuleManifest, [string] $File)
__PROLOGUE__
Import-Module $ModuleManifest
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$first = $null
Import-QualysReport -LiteralPath $File | ForEach-Object { if ($null -eq $first) { $first = $clock.Elapsed.TotalSeconds }; $_ } | Select-Object -First 1 | Out-Null
Write-BenchResult $clock @{ FirstObjectSeconds = $first; Bytes = (Get-Item -LiteralPath $File).Length }
'@
    EngineImport = @'
param([string] $ModuleManifest, [Parameter(ValueFromRemainingArguments)] [string[]] $Files)
__PROLOGUE__
Import-Module $ModuleManifest
$engine = Join-Path (Split-Path $ModuleManifest) 'QualysCompare.Engine.dll'
Add-Type -LiteralPath $engine
Add-Type -ReferencedAssemblies $engine, 'netstandard' -TypeDefinition @"
__ENGINEIMPORT__
"@
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$count = [BenchEngineImport]::Read($Files)
Write-BenchResult $clock @{ Findings = $count[0]; Bytes = $count[1] }
'@
}
$CaseFiles = @{}
foreach ($name in $CaseScripts.Keys) {
    $text = $CaseScripts[$name].Replace('__PROLOGUE__', $Prologue).Replace('__RAWREAD__', $RawReadType).Replace('__ENGINEIMPORT__', $EngineImportType)
    $path = Join-Path $CaseFolder "$name.ps1"
    Set-Content -LiteralPath $path -Value $text -Encoding utf8NoBOM
    $CaseFiles[$name] = $path
}

# Under "dotnet pwsh" the process is dotnet itself and pwsh.dll is its first argument.
$PwshExe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$PwshArgs = if ((Split-Path -Leaf $PwshExe) -like 'dotnet*') { @([Environment]::GetCommandLineArgs()[0]) } else { @() }

function Invoke-Child {
    param([string] $Name, [string[]] $Arguments)
    $start = [System.Diagnostics.ProcessStartInfo]::new($PwshExe)
    foreach ($a in @($PwshArgs) + @('-NoProfile', '-NonInteractive', '-File', $CaseFiles[$Name]) + $Arguments) { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $start.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $process.WaitForExit()
    $clock.Stop()
    $line = $stdout.Result -split "`r?`n" | Where-Object { $_ -like 'BENCH-RESULT *' } | Select-Object -Last 1
    if ($process.ExitCode -ne 0 -or -not $line) {
        throw "The $Name case failed (exit code $($process.ExitCode)).`n$($stdout.Result)`n$($stderr.Result)"
    }
    $result = $line.Substring('BENCH-RESULT '.Length) | ConvertFrom-Json -AsHashtable
    $result['WallSeconds'] = $clock.Elapsed.TotalSeconds
    $result
}

# ---- the data ------------------------------------------------------------------------------------

function ConvertTo-Detections([string] $Size) {
    if ($Size -notmatch '^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*$') { throw "'$Size' is not a size in detections per side (such as 100k, 1M, 4M or 250000)." }
    $multiplier = switch ($Matches[2].ToLowerInvariant()) { 'k' { 1000 } 'm' { 1000000 } default { 1 } }
    [long][math]::Round([double]::Parse($Matches[1], [cultureinfo]::InvariantCulture) * $multiplier)
}

function Get-SizeLabel([long] $Detections) {
    if ($Detections % 1000000 -eq 0) { "$($Detections / 1000000)M" } elseif ($Detections % 1000 -eq 0) { "$($Detections / 1000)k" } else { "$Detections" }
}

$GeneratorProject = Join-Path $Root 'tools/QualysCompare.ScenarioGen'
$Generator = $null
function Initialize-Generator {
    if ($script:Generator) { return }
    & dotnet build $GeneratorProject -c $Configuration --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Building the scenario generator failed with exit code $LASTEXITCODE." }
    $script:Generator = Join-Path $GeneratorProject "bin/$Configuration/net10.0/QualysCompare.ScenarioGen.dll"
    if (-not (Test-Path -LiteralPath $script:Generator)) { throw "The generator was not built at $($script:Generator)." }
}

# Writes (or keeps, if its manifest says it is complete and current) one size's files.
function Get-BenchData {
    param([long] $Detections, [string] $Folder, [string] $Only)
    Initialize-Generator
    $arguments = @($Generator, 'bench', $Folder, "$Detections", '--reuse')
    if ($Only) { $arguments += @('--only', $Only) }
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    & dotnet @arguments | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Generating $Detections detections per side into $Folder failed with exit code $LASTEXITCODE." }
    $manifest = Get-Content -Raw -LiteralPath (Join-Path $Folder 'manifest.json') | ConvertFrom-Json
    $files = [ordered]@{
        Folder = $Folder
        Manifest = $manifest
        ScanCsv = Join-Path $Folder 'scanner/scan-results.csv'
        HostCsv = Join-Path $Folder 'agent/host-findings.csv'
        HldPattern = Join-Path $Folder 'agent/hld/hld-page-*.xml'
        BaselineScanner = Join-Path $Folder 'baseline/scanner.csv'
        BaselineAgent = Join-Path $Folder 'baseline/agent.csv'
    }
    $hld = @(Get-ChildItem -Path $files.HldPattern -ErrorAction SilentlyContinue)
    $files['HldFiles'] = @($hld | ForEach-Object FullName)
    $files['Bytes'] = [ordered]@{
        ScanCsv = if (Test-Path $files.ScanCsv) { (Get-Item $files.ScanCsv).Length } else { 0 }
        HostCsv = if (Test-Path $files.HostCsv) { (Get-Item $files.HostCsv).Length } else { 0 }
        HldXml = [long](($hld | ForEach-Object Length | Measure-Object -Sum).Sum)
        BaselineScanner = if (Test-Path $files.BaselineScanner) { (Get-Item $files.BaselineScanner).Length } else { 0 }
        BaselineAgent = if (Test-Path $files.BaselineAgent) { (Get-Item $files.BaselineAgent).Length } else { 0 }
    }
    Write-Host ("Data {0}: {1:N0} detections per side, {2:N1} MB scan CSV, {3:N1} MB host CSV, {4:N1} MB HLD XML in {5} pages, ready in {6:N1} s" -f `
            (Split-Path -Leaf $Folder), $Detections, ($files.Bytes.ScanCsv / 1MB), ($files.Bytes.HostCsv / 1MB), ($files.Bytes.HldXml / 1MB), $hld.Count, $clock.Elapsed.TotalSeconds)
    [pscustomobject]$files
}

# ---- the machine ---------------------------------------------------------------------------------

function Get-LoadAverage {
    if (Test-Path '/proc/loadavg') { ((Get-Content '/proc/loadavg') -split ' ')[0..2] -join ' ' } else { $null }
}

function Get-Machine {
    $cpu = $null
    $ram = $null
    if (Test-Path '/proc/cpuinfo') {
        $cpu = (Select-String -LiteralPath '/proc/cpuinfo' -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value
    }
    $available = $null
    if (Test-Path '/proc/meminfo') {
        $kb = [long]((Select-String -LiteralPath '/proc/meminfo' -Pattern '^MemTotal:\s*(\d+)').Matches.Groups[1].Value)
        $ram = $kb * 1KB
        $free = Select-String -LiteralPath '/proc/meminfo' -Pattern '^MemAvailable:\s*(\d+)'
        if ($free) { $available = [long]$free.Matches.Groups[1].Value * 1KB }
    }
    if ((-not $cpu -or -not $ram) -and (Get-Command Get-CimInstance -ErrorAction SilentlyContinue)) {
        if (-not $cpu) { $cpu = (Get-CimInstance Win32_Processor | Select-Object -First 1).Name }
        if (-not $ram) { $ram = (Get-CimInstance Win32_ComputerSystem).TotalPhysicalMemory }
    }
    [ordered]@{
        Cores = [Environment]::ProcessorCount
        Cpu = if ($cpu) { $cpu.Trim() } else { 'unknown' }
        RamBytes = $ram
        AvailableBytesAtStart = $available
        Os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        Pwsh = "$($PSVersionTable.PSVersion)"
        DotNet = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    }
}

# ---- measuring -----------------------------------------------------------------------------------

$Measurements = [System.Collections.Generic.List[object]]::new()
$Checks = [System.Collections.Generic.List[object]]::new()
$Failures = [System.Collections.Generic.List[string]]::new()

function Test-Answer {
    param($Data, [string] $Label, [string] $Kind, [string] $OutFile)
    $answer = [QualysCompareBench.AnswerReader]::Read($OutFile, $Kind, $Data.BaselineScanner, $Data.BaselineAgent)
    $expected = $Data.Manifest
    $ok = $answer.ScannerOnly -eq $expected.expectedPairs.scannerOnly -and $answer.AgentOnly -eq $expected.expectedPairs.agentOnly `
        -and $answer.ScannerOnlyFingerprint -eq $expected.expectedFingerprints.scannerOnly -and $answer.AgentOnlyFingerprint -eq $expected.expectedFingerprints.agentOnly
    $check = [pscustomobject]@{
        Case = $Label; Size = $expected.label; Ok = $ok
        ScannerOnly = $answer.ScannerOnly; AgentOnly = $answer.AgentOnly; Surplus = $answer.Surplus
        ExpectedScannerOnly = [long]$expected.expectedPairs.scannerOnly; ExpectedAgentOnly = [long]$expected.expectedPairs.agentOnly
        ScannerOnlyFingerprint = $answer.ScannerOnlyFingerprint; AgentOnlyFingerprint = $answer.AgentOnlyFingerprint
    }
    $Checks.Add($check)
    if (-not $ok) {
        $message = "WRONG ANSWER: $Label at $($expected.label) found $($answer.ScannerOnly) ScannerOnly and $($answer.AgentOnly) AgentOnly (IP, QID) pairs " +
            "(fingerprints $($answer.ScannerOnlyFingerprint), $($answer.AgentOnlyFingerprint)); the generator's manifest says $($expected.expectedPairs.scannerOnly) and " +
            "$($expected.expectedPairs.agentOnly) (fingerprints $($expected.expectedFingerprints.scannerOnly), $($expected.expectedFingerprints.agentOnly)). Output kept at $OutFile."
        Write-Host $message -ForegroundColor Red
        $Failures.Add($message)
        return $false
    }
    $true
}

# Reads a case's input files once before its clock starts. The 1M baseline holds 15 GB and pushes
# the files that follow it out of the page cache; without this the next case would be timed reading
# the disk while the cases before it read memory.
function Read-IntoPageCache([string[]] $Arguments, [string] $OutFile) {
    $buffer = [byte[]]::new(1MB)
    foreach ($argument in $Arguments) {
        if ($argument -eq $OutFile -or $argument.StartsWith('-') -or -not (Test-Path -Path $argument)) { continue }
        foreach ($file in Get-ChildItem -Path $argument -File) {
            $stream = [System.IO.File]::OpenRead($file.FullName)
            try { while ($stream.Read($buffer, 0, $buffer.Length) -gt 0) { } } finally { $stream.Dispose() }
        }
    }
}

function Measure-Case {
    param([string] $Label, [string] $Size, [int] $Run, [string] $Script, [string[]] $Arguments, $Data, [string] $AnswerKind, [string] $OutFile, [long] $Bytes, [hashtable] $Note = @{})
    if ($OutFile -and (Test-Path -LiteralPath $OutFile)) { Remove-Item -LiteralPath $OutFile }
    Read-IntoPageCache $Arguments $OutFile
    try {
        $result = Invoke-Child $Script $Arguments
    }
    catch {
        $message = "$Label at $Size, run ${Run}: $($_.Exception.Message)"
        Write-Host $message -ForegroundColor Red
        $Failures.Add($message)
        return
    }
    $row = [ordered]@{ Case = $Label; Size = $Size; Run = $Run; WallSeconds = $result.WallSeconds; WorkSeconds = $result.WorkSeconds; PeakWorkingSet = [long]$result.PeakWorkingSet; Bytes = $Bytes }
    foreach ($key in $result.Keys) { if (-not $row.Contains($key)) { $row[$key] = $result[$key] } }
    foreach ($key in $Note.Keys) { $row[$key] = $Note[$key] }
    if ($AnswerKind) {
        try {
            $row['AnswerOk'] = Test-Answer $Data $Label $AnswerKind $OutFile
        }
        catch {
            $row['AnswerOk'] = $false
            $message = "WRONG ANSWER: $Label at $Size, run ${Run}: its output could not be checked: $($_.Exception.Message)"
            Write-Host $message -ForegroundColor Red
            $Failures.Add($message)
        }
        if ($row['AnswerOk']) { Remove-Item -LiteralPath $OutFile }
    }
    $Measurements.Add([pscustomobject]$row)
    Write-Host ("  {0,-22} {1,6} run {2}: wall {3,8:N2} s, work {4,8:N2} s, peak {5,7:N0} MB{6}" -f $Label, $Size, $Run, $result.WallSeconds, $result.WorkSeconds, ($result.PeakWorkingSet / 1MB),
        $(if ($AnswerKind) { if ($row['AnswerOk']) { ', answer ok' } else { ', ANSWER WRONG' } } else { '' }))
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# ---- the run -------------------------------------------------------------------------------------

$Started = Get-Date
$Machine = Get-Machine
$Machine['LoadAverageBefore'] = Get-LoadAverage
$ramBytes = if ($Machine.RamBytes) { [double]$Machine.RamBytes } else { 8GB }
$availableBytes = if ($Machine.AvailableBytesAtStart) { [double]$Machine.AvailableBytesAtStart } else { $ramBytes }
$runClock = [System.Diagnostics.Stopwatch]::StartNew()
Write-Host "Benchmark of $ModuleManifest on $($Machine.Cores) cores ($($Machine.Cpu)), $([math]::Round($ramBytes / 1GB, 1)) GB, load $($Machine.LoadAverageBefore)"

$sizes = foreach ($s in $BenchSize) { ConvertTo-Detections $s }
$sizes = @($sizes | Sort-Object -Unique)
$Data = [ordered]@{}
foreach ($n in $sizes) { $Data[(Get-SizeLabel $n)] = Get-BenchData -Detections $n -Folder (Join-Path $DataRoot (Get-SizeLabel $n)) }

$contrastSizes = @()
if ($Case -contains 'CompareObject') {
    $contrastSizes = @(@($CompareObjectSize) + @($ContrastSize) | ForEach-Object { ConvertTo-Detections $_ } | Sort-Object -Unique)
    foreach ($n in $contrastSizes) {
        $label = Get-SizeLabel $n
        if (-not $Data.Contains($label)) { $Data[$label] = Get-BenchData -Detections $n -Folder (Join-Path $DataRoot $label) }
    }
}
$coSizes = @($CompareObjectSize | ForEach-Object { Get-SizeLabel (ConvertTo-Detections $_) })
$contrastLabel = Get-SizeLabel (ConvertTo-Detections $ContrastSize)

$firstObjectFile = $null
if ($Case -contains 'FirstObject') {
    $big = $Data.Values | Where-Object { $_.Bytes.ScanCsv -ge $FirstObjectBytes } | Select-Object -First 1
    if ($big) { $firstObjectFile = $big.ScanCsv }
    else {
        # The scan CSV runs to about 380 bytes a row; a little more than needed, so it is surely past the size.
        $rows = [long][math]::Ceiling($FirstObjectBytes / 360)
        $big = Get-BenchData -Detections $rows -Folder (Join-Path $DataRoot 'first-object') -Only 'scan-csv'
        if ($big.Bytes.ScanCsv -lt $FirstObjectBytes) { throw "The first-object file is $($big.Bytes.ScanCsv) bytes, less than $FirstObjectBytes." }
        $firstObjectFile = $big.ScanCsv
    }
}

# The largest main size for the throughput figures: the larger the file, the less startup weighs.
$throughputData = $Data[(Get-SizeLabel ($sizes | Select-Object -Last 1))]

# Skipped sizes for the baseline: its rows as PSObjects would not fit in memory.
# Measured: 1.7 GB peak for 2 x 100k rows of these tables, about 8.5 KB a row.
$baselineBytesPerRow = 9KB
$baselineSkipped = @{}
foreach ($n in $sizes) {
    $need = 2 * $n * $baselineBytesPerRow
    if ($need -gt $BaselineMemoryShare * $availableBytes) {
        $baselineSkipped[(Get-SizeLabel $n)] = "needs about $([math]::Round($need / 1GB, 1)) GB (9 KB a row as PSObjects), more than $([math]::Round($BaselineMemoryShare * 100))% of the $([math]::Round($availableBytes / 1GB, 1)) GB available"
    }
}

# Warm the page cache, so that the first case of the first run does not pay for the disk.
foreach ($d in $Data.Values) {
    $warm = @($d.ScanCsv, $d.HostCsv, $d.BaselineScanner, $d.BaselineAgent) + @($d.HldFiles) | Where-Object { $_ -and (Test-Path -LiteralPath $_) }
    if ($warm) { $null = Invoke-Child 'Raw' @($warm) }
}

for ($run = 1; $run -le $BenchRuns; $run++) {
    Write-Host "Run $run of $BenchRuns (load $(Get-LoadAverage))"
    foreach ($n in $sizes) {
        $size = Get-SizeLabel $n
        $d = $Data[$size]
        $out = Join-Path $WorkFolder "$size"
        $csvBytes = $d.Bytes.ScanCsv + $d.Bytes.HostCsv
        if ($Case -contains 'Raw') {
            Measure-Case 'Raw' $size $run 'Raw' @($d.ScanCsv, $d.HostCsv) -Bytes $csvBytes
        }
        if ($Case -contains 'Files') {
            Measure-Case 'Files' $size $run 'Files' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HostCsv, '-OutFile', "$out-files.csv") `
                -Data $d -AnswerKind 'Ours' -OutFile "$out-files.csv" -Bytes $csvBytes
        }
        if ($Case -contains 'FilesXml') {
            Measure-Case 'FilesXml' $size $run 'Files' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HldPattern, '-OutFile', "$out-filesxml.csv") `
                -Data $d -AnswerKind 'Ours' -OutFile "$out-filesxml.csv" -Bytes ($d.Bytes.ScanCsv + $d.Bytes.HldXml)
        }
        if ($Case -contains 'GapBaseline') {
            # Made once per data folder, outside the clock, like the data itself.
            $previous = Join-Path $d.Folder 'previous-run/coverage-gaps.csv'
            if (-not (Test-Path -LiteralPath $previous)) {
                New-Item -ItemType Directory -Force -Path (Split-Path $previous) | Out-Null
                $null = Invoke-Child 'PreviousRun' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HostCsv, '-OutFile', $previous)
            }
            # The rows include Closed ones the generator's answer does not know, so only the time is checked.
            Measure-Case 'GapBaseline' $size $run 'GapBaseline' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HostCsv, '-Baseline', $previous, '-OutFile', "$out-gapbaseline.csv") `
                -Bytes ($csvBytes + (Get-Item -LiteralPath $previous).Length)
        }
        if ($Case -contains 'Pipeline') {
            Measure-Case 'Pipeline' $size $run 'Pipeline' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HostCsv, '-OutFile', "$out-pipeline.csv") `
                -Data $d -AnswerKind 'Ours' -OutFile "$out-pipeline.csv" -Bytes $csvBytes
        }
        # Last: the process that follows a 15 GB baseline starts on a machine still reclaiming its
        # memory. Run right after it, the 1M file path took 12.3-13.4 s of work; run first, 8.6-9.9 s.
        if ($Case -contains 'Baseline') {
            if ($baselineSkipped.Contains($size)) { if ($run -eq 1) { Write-Host "  Baseline at ${size}: skipped, $($baselineSkipped[$size])" } }
            else {
                Measure-Case 'Baseline' $size $run 'Baseline' @('-ScannerCsv', $d.BaselineScanner, '-AgentCsv', $d.BaselineAgent, '-OutFile', "$out-baseline.csv") `
                    -Data $d -AnswerKind 'Baseline' -OutFile "$out-baseline.csv" -Bytes ($d.Bytes.BaselineScanner + $d.Bytes.BaselineAgent)
            }
        }
    }
    if ($Case -contains 'CompareObject') {
        foreach ($n in $contrastSizes) {
            $size = Get-SizeLabel $n
            $d = $Data[$size]
            $out = Join-Path $WorkFolder "$size"
            if ($coSizes -contains $size -and $run -le $CompareObjectRuns) {
                Measure-Case 'CompareObject' $size $run 'CompareObject' @('-ScannerCsv', $d.BaselineScanner, '-AgentCsv', $d.BaselineAgent, '-OutFile', "$out-compareobject.csv") `
                    -Data $d -AnswerKind 'CompareObject' -OutFile "$out-compareobject.csv" -Bytes ($d.Bytes.BaselineScanner + $d.Bytes.BaselineAgent)
            }
            # The main sizes already measured Files; the contrast sizes get it here.
            if ($sizes -notcontains $n -or $Case -notcontains 'Files') {
                Measure-Case 'Files' $size $run 'Files' @('-ModuleManifest', $ModuleManifest, '-Scanner', $d.ScanCsv, '-Agent', $d.HostCsv, '-OutFile', "$out-files.csv") `
                    -Data $d -AnswerKind 'Ours' -OutFile "$out-files.csv" -Bytes ($d.Bytes.ScanCsv + $d.Bytes.HostCsv)
            }
        }
    }
    if ($Case -contains 'FirstObject') {
        $bytes = (Get-Item -LiteralPath $firstObjectFile).Length
        Measure-Case 'FirstObject' "$([math]::Round($bytes / 1GB, 2))GB" $run 'FirstObject' @('-ModuleManifest', $ModuleManifest, '-File', $firstObjectFile) -Bytes $bytes
    }
    if ($Case -contains 'Throughput') {
        $d = $throughputData
        $size = $d.Manifest.label
        Measure-Case 'RawRead(scan csv)' $size $run 'Raw' @($d.ScanCsv) -Bytes $d.Bytes.ScanCsv
        Measure-Case 'EngineImport(scan csv)' $size $run 'EngineImport' @('-ModuleManifest', $ModuleManifest, $d.ScanCsv) -Bytes $d.Bytes.ScanCsv
        Measure-Case 'RawRead(HLD xml)' $size $run 'Raw' @($d.HldFiles) -Bytes $d.Bytes.HldXml
        Measure-Case 'EngineImport(HLD xml)' $size $run 'EngineImport' (@('-ModuleManifest', $ModuleManifest) + @($d.HldFiles)) -Bytes $d.Bytes.HldXml
    }
}
$Machine['LoadAverageAfter'] = Get-LoadAverage

# ---- the summary ---------------------------------------------------------------------------------

$summary = foreach ($group in ($Measurements | Group-Object Case, Size)) {
    $rows = @($group.Group)
    $first = $rows[0]
    $wall = Get-Median ($rows.WallSeconds)
    $work = Get-Median ($rows.WorkSeconds)
    $peak = Get-Median ($rows.PeakWorkingSet)
    [pscustomobject][ordered]@{
        Case = $first.Case; Size = $first.Size; Runs = $rows.Count
        WallSeconds = $wall; WorkSeconds = $work; PeakWorkingSet = [long]$peak; Bytes = $first.Bytes
        MBPerSecond = if ($first.Bytes -and $work -gt 0) { $first.Bytes / 1MB / $work } else { $null }
        FirstObjectSeconds = if ($first.PSObject.Properties['FirstObjectSeconds']) { Get-Median ($rows.FirstObjectSeconds) } else { $null }
        WallMin = ($rows.WallSeconds | Measure-Object -Minimum).Minimum; WallMax = ($rows.WallSeconds | Measure-Object -Maximum).Maximum
    }
}
$summary = @($summary)
foreach ($row in $summary) {
    $baseline = $summary | Where-Object { $_.Case -eq 'Baseline' -and $_.Size -eq $row.Size } | Select-Object -First 1
    $row | Add-Member -NotePropertyName WallRatio -NotePropertyValue $(if ($baseline) { $baseline.WallSeconds / $row.WallSeconds } else { $null })
    $row | Add-Member -NotePropertyName WorkRatio -NotePropertyValue $(if ($baseline) { $baseline.WorkSeconds / $row.WorkSeconds } else { $null })
    $row | Add-Member -NotePropertyName WorkingSetRatio -NotePropertyValue $(if ($baseline) { $row.PeakWorkingSet / $baseline.PeakWorkingSet } else { $null })
}

# The baseline's answer against ours, directly, per size: the manifest check already holds each to it.
foreach ($size in ($Checks | Select-Object -ExpandProperty Size -Unique)) {
    $baseline = $Checks | Where-Object { $_.Case -eq 'Baseline' -and $_.Size -eq $size } | Select-Object -First 1
    if (-not $baseline) { continue }
    foreach ($ours in ($Checks | Where-Object { $_.Case -in 'Files', 'FilesXml', 'Pipeline' -and $_.Size -eq $size })) {
        if ($ours.ScannerOnlyFingerprint -ne $baseline.ScannerOnlyFingerprint -or $ours.AgentOnlyFingerprint -ne $baseline.AgentOnlyFingerprint -or
            $ours.ScannerOnly -ne $baseline.ScannerOnly -or $ours.AgentOnly -ne $baseline.AgentOnly) {
            $Failures.Add("WRONG ANSWER: $($ours.Case) and the baseline disagree at ${size}: $($ours.ScannerOnly)/$($ours.AgentOnly) against $($baseline.ScannerOnly)/$($baseline.AgentOnly).")
        }
    }
}

function Find-Summary([string] $CaseName, [string] $Size) { $summary | Where-Object { $_.Case -eq $CaseName -and $_.Size -eq $Size } | Select-Object -First 1 }

$sizeLabels = @($sizes | ForEach-Object { Get-SizeLabel $_ })
$growth = $null
if ($sizeLabels -contains '1M' -and $sizeLabels -contains '4M') {
    $one = Find-Summary 'Files' '1M'; $four = Find-Summary 'Files' '4M'
    if ($one -and $four) { $growth = [ordered]@{ From = '1M'; To = '4M'; WorkRatio = $four.WorkSeconds / $one.WorkSeconds; WallRatio = $four.WallSeconds / $one.WallSeconds; WorkingSetRatio = $four.PeakWorkingSet / $one.PeakWorkingSet } }
}

# Compare-Object grows with the square of the rows: a fit through its points gives 200k, which it is not run at.
$coFit = $null
$coRows = @($summary | Where-Object Case -eq 'CompareObject')
if ($coRows.Count -ge 2) {
    $sumXY = 0.0; $sumXX = 0.0
    foreach ($r in $coRows) { $x = [double](ConvertTo-Detections $r.Size) * [double](ConvertTo-Detections $r.Size); $sumXY += $x * $r.WorkSeconds; $sumXX += $x * $x }
    $c = $sumXY / $sumXX
    $n = [double](ConvertTo-Detections $ContrastSize)
    $coFit = [ordered]@{ Size = $contrastLabel; SecondsPerRowSquared = $c; ExtrapolatedSeconds = $c * $n * $n }
}

$Finished = Get-Date
$totalSeconds = $runClock.Elapsed.TotalSeconds
$results = [ordered]@{
    Started = $Started.ToUniversalTime().ToString('o'); Finished = $Finished.ToUniversalTime().ToString('o'); TotalSeconds = $totalSeconds
    Module = $ModuleManifest; Runs = $BenchRuns; CompareObjectRuns = [math]::Min($CompareObjectRuns, $BenchRuns); Sizes = $sizeLabels; Cases = $Case
    Machine = $Machine
    Data = [ordered]@{}
    BaselineSkipped = $baselineSkipped
    Summary = $summary; Growth = $growth; CompareObjectFit = $coFit
    Checks = @($Checks); Measurements = @($Measurements); Failures = @($Failures)
}
foreach ($key in $Data.Keys) { $results.Data[$key] = [ordered]@{ Manifest = $Data[$key].Manifest; Bytes = $Data[$key].Bytes; HldPages = $Data[$key].HldFiles.Count } }

$stamp = $Started.ToUniversalTime().ToString('yyyyMMddTHHmmssZ')
$jsonPath = Join-Path $OutputFolder "results-$stamp.json"
$results | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $jsonPath -Encoding utf8NoBOM

# ---- the markdown --------------------------------------------------------------------------------

function Format-Number($value, [string] $format = 'N2') { if ($null -eq $value) { '-' } else { ([double]$value).ToString($format, [cultureinfo]::InvariantCulture) } }
function Format-Ratio($value) { if ($null -eq $value) { '-' } else { (Format-Number $value 'N1') + '×' } }
function Format-MB($bytes) { if ($null -eq $bytes -or $bytes -eq 0) { '-' } else { Format-Number ($bytes / 1MB) 'N0' } }

$md = [System.Text.StringBuilder]::new()
$ram = if ($Machine.RamBytes) { "$([math]::Round($Machine.RamBytes / 1GB, 1)) GB RAM" } else { 'RAM unknown' }
[void]$md.AppendLine("Medians of $BenchRuns runs, $(Get-Date $Started -Format 'yyyy-MM-dd'), on $($Machine.Cores) cores ($($Machine.Cpu)), $ram, $($Machine.Os), PowerShell $($Machine.Pwsh), $($Machine.DotNet); load average $($Machine.LoadAverageBefore) before, $($Machine.LoadAverageAfter) after. Wall: the whole ``pwsh -NoProfile`` process, startup included; work: the child's own stopwatch after its setup. Ratios: the baseline's time over the case's (higher is faster), and the case's peak working set over the baseline's.")
[void]$md.AppendLine()
[void]$md.AppendLine('| Detections per side | Case | Wall s | Work s | Faster than baseline (wall) | Faster (work) | Peak working set MB | of baseline''s | Input MB/s (work) |')
[void]$md.AppendLine('|---|---|---:|---:|---:|---:|---:|---:|---:|')
$caseOrder = @('Baseline', 'Files', 'GapBaseline', 'FilesXml', 'Pipeline', 'Raw')
foreach ($size in $sizeLabels) {
    foreach ($name in $caseOrder) {
        $row = Find-Summary $name $size
        if (-not $row) { continue }
        $title = switch ($name) {
            'Baseline' { 'Baseline: Import-Csv + hashtable join + Export-Csv' }
            'Files' { 'Compare-QualysVantage -Scanner csv -Agent csv \| Export-CoverageGap' }
            'GapBaseline' { 'Compare-QualysVantage -Scanner csv -Agent csv -Baseline gap csv \| Export-CoverageGap' }
            'FilesXml' { 'Compare-QualysVantage -Scanner csv -Agent HLD xml \| Export-CoverageGap' }
            'Pipeline' { 'Import-QualysReport \| Compare-QualysVantage \| Export-CoverageGap' }
            'Raw' { 'Raw read, count newlines (same bytes as Files; wall includes compiling it)' }
        }
        $wsRatio = if ($row.WorkingSetRatio) { (Format-Number ($row.WorkingSetRatio * 100) 'N0') + '%' } else { '-' }
        [void]$md.AppendLine("| $size | $title | $(Format-Number $row.WallSeconds) | $(Format-Number $row.WorkSeconds) | $(Format-Ratio $row.WallRatio) | $(Format-Ratio $row.WorkRatio) | $(Format-MB $row.PeakWorkingSet) | $wsRatio | $(Format-Number $row.MBPerSecond 'N0') |")
    }
    if ($baselineSkipped.Contains($size)) { [void]$md.AppendLine("| $size | Baseline: skipped, $($baselineSkipped[$size]) | | | | | | | |") }
}
if ($growth) {
    [void]$md.AppendLine()
    [void]$md.AppendLine("Growth, Files case, $($growth.To) against $($growth.From): work $(Format-Number $growth.WorkRatio)×, wall $(Format-Number $growth.WallRatio)×, peak working set $(Format-Number $growth.WorkingSetRatio)× (linear would be 4×).")
}
$pipelineRatios = foreach ($size in $sizeLabels) {
    $files = Find-Summary 'Files' $size; $pipe = Find-Summary 'Pipeline' $size
    if ($files -and $pipe) { "$size $(Format-Number ($pipe.WorkSeconds / $files.WorkSeconds))× (work), $(Format-Number ($pipe.WallSeconds / $files.WallSeconds))× (wall)" }
}
$gapBaselineRatios = foreach ($size in $sizeLabels) {
    $files = Find-Summary 'Files' $size; $history = Find-Summary 'GapBaseline' $size
    if ($files -and $history) { "$size $(Format-Number ($history.WorkSeconds / $files.WorkSeconds))× (work), $(Format-Number ($history.WallSeconds / $files.WallSeconds))× (wall), peak working set $(Format-Number ($history.PeakWorkingSet / $files.PeakWorkingSet))×" }
}
if ($gapBaselineRatios) {
    [void]$md.AppendLine()
    [void]$md.AppendLine("-Baseline over the file path (target: at most 1.5×): $($gapBaselineRatios -join '; ').")
}
if ($pipelineRatios) {
    [void]$md.AppendLine()
    [void]$md.AppendLine("Pipeline path over file path: $($pipelineRatios -join '; ').")
}

if ($coRows.Count -gt 0 -or (Find-Summary 'Files' $contrastLabel)) {
    [void]$md.AppendLine()
    [void]$md.AppendLine("Compare-Object: median of $([math]::Min($CompareObjectRuns, $BenchRuns)) run(s); ours: median of $BenchRuns.")
    [void]$md.AppendLine()
    [void]$md.AppendLine('| Rows per side | Compare-Object -Property IP,QID, work s | Compare-QualysVantage, work s | Faster |')
    [void]$md.AppendLine('|---|---:|---:|---:|')
    foreach ($n in $contrastSizes) {
        $size = Get-SizeLabel $n
        $co = Find-Summary 'CompareObject' $size; $ours = Find-Summary 'Files' $size
        $coText = if ($co) { Format-Number $co.WorkSeconds } elseif ($coFit -and $size -eq $coFit.Size) { "~$(Format-Number $coFit.ExtrapolatedSeconds 'N0') (not run: quadratic fit)" } else { '-' }
        $coSeconds = if ($co) { $co.WorkSeconds } elseif ($coFit -and $size -eq $coFit.Size) { $coFit.ExtrapolatedSeconds } else { $null }
        $ratio = if ($coSeconds -and $ours) { Format-Ratio ($coSeconds / $ours.WorkSeconds) } else { '-' }
        [void]$md.AppendLine("| $size | $coText | $(if ($ours) { Format-Number $ours.WorkSeconds } else { '-' }) | $ratio |")
    }
}

$extra = [System.Collections.Generic.List[string]]::new()
$first = $summary | Where-Object Case -eq 'FirstObject' | Select-Object -First 1
if ($first) { $extra.Add("| Import-QualysReport, first object of a $(Format-Number ($first.Bytes / 1GB)) GB Scan Results CSV | $(Format-Number $first.FirstObjectSeconds 'N3') s (pipeline stopped after $(Format-Number $first.WorkSeconds 'N3') s) |") }
$csvImport = $summary | Where-Object Case -eq 'EngineImport(scan csv)' | Select-Object -First 1
$csvRaw = $summary | Where-Object Case -eq 'RawRead(scan csv)' | Select-Object -First 1
if ($csvImport -and $csvRaw) {
    $extra.Add("| Engine CSV import, $($csvImport.Size) Scan Results CSV ($(Format-MB $csvImport.Bytes) MB) | $(Format-Number $csvImport.MBPerSecond 'N0') MB/s, $(Format-Number ($csvImport.MBPerSecond / $csvRaw.MBPerSecond * 100) 'N1')% of the raw read |")
    $extra.Add("| Raw read of the same file | $(Format-Number $csvRaw.MBPerSecond 'N0') MB/s |")
}
$xmlImport = $summary | Where-Object Case -eq 'EngineImport(HLD xml)' | Select-Object -First 1
$xmlRaw = $summary | Where-Object Case -eq 'RawRead(HLD xml)' | Select-Object -First 1
if ($xmlImport) {
    $det = $xmlImport.Bytes
    $extra.Add("| Engine HLD XML import, $($xmlImport.Size) ($(Format-MB $xmlImport.Bytes) MB in $($throughputData.HldFiles.Count) pages) | $(Format-Number $xmlImport.MBPerSecond 'N0') MB/s$(if ($xmlRaw) { ", raw read $(Format-Number $xmlRaw.MBPerSecond 'N0') MB/s" }) |")
}
if ($extra.Count) {
    [void]$md.AppendLine()
    [void]$md.AppendLine('| Measure | Median |')
    [void]$md.AppendLine('|---|---:|')
    foreach ($line in $extra) { [void]$md.AppendLine($line) }
}
[void]$md.AppendLine()
$okChecks = @($Checks | Where-Object Ok).Count
[void]$md.AppendLine("Answers: $okChecks of $($Checks.Count) checked outputs hold exactly the generator's one-sided (IP, QID) pairs$(if ($Failures.Count) { "; FAILURES: $($Failures.Count)" }). The whole benchmark took $(Format-Number ($totalSeconds / 60) 'N1') minutes.")

$mdPath = Join-Path $OutputFolder 'results.md'
Set-Content -LiteralPath $mdPath -Value $md.ToString() -Encoding utf8NoBOM
Write-Host ''
Write-Host $md.ToString()
Write-Host "Wrote $jsonPath and $mdPath"

if ($PassThru) { [pscustomobject]$results }
if ($Failures.Count) {
    throw "The benchmark failed: $($Failures.Count) problem(s).`n$($Failures -join "`n")"
}
