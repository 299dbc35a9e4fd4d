# How the report-reading cmdlets behave in a pipeline: FileInfo input, -Verbose and progress.
BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Traps = Join-Path $PSScriptRoot '../fixtures/scenarios/traps'
    $Reasons = Join-Path $PSScriptRoot '../fixtures/scenarios/reasons'
    $Work = Join-Path ([System.IO.Path]::GetTempPath()) ("qc-pipeline-" + [System.IO.Path]::GetRandomFileName())
    New-Item -ItemType Directory -Path $Work | Out-Null

    # A Host List Detection XML of any size, written from one host block.
    function New-LargeHostDetectionXml([string] $Path, [int] $Hosts, [int] $DetectionsPerHost) {
        $detection = @'
          <DETECTION>
            <QID>{QID}</QID>
            <TYPE>Confirmed</TYPE>
            <SEVERITY>4</SEVERITY>
            <SSL>0</SSL>
            <RESULTS><![CDATA[HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion CurrentBuild = 17763, UBR = 5830; expected UBR 6054 or later for the cumulative update of this month]]></RESULTS>
            <STATUS>Active</STATUS>
            <FIRST_FOUND_DATETIME>2026-09-01T08:00:00Z</FIRST_FOUND_DATETIME>
            <LAST_FOUND_DATETIME>2026-11-20T02:10:00Z</LAST_FOUND_DATETIME>
            <TIMES_FOUND>12</TIMES_FOUND>
            <LAST_TEST_DATETIME>2026-11-20T02:10:00Z</LAST_TEST_DATETIME>
            <LAST_UPDATE_DATETIME>2026-11-20T02:10:00Z</LAST_UPDATE_DATETIME>
            <IS_IGNORED>0</IS_IGNORED>
            <IS_DISABLED>0</IS_DISABLED>
            <LAST_PROCESSED_DATETIME>2026-11-20T02:10:00Z</LAST_PROCESSED_DATETIME>
          </DETECTION>
'@
        $detections = -join (1..$DetectionsPerHost | ForEach-Object { $detection.Replace('{QID}', [string](92200 + $_)) })
        $hostBlock = @"
      <HOST>
        <ID>{ID}</ID>
        <IP>{IP}</IP>
        <TRACKING_METHOD>AGENT</TRACKING_METHOD>
        <OS><![CDATA[Windows 10 Enterprise 64 bit Edition Version 22H2]]></OS>
        <DNS><![CDATA[ws-{ID}.corp.example.com]]></DNS>
        <NETBIOS><![CDATA[WS-{ID}]]></NETBIOS>
        <QG_HOSTID><![CDATA[6f1e3c2a-8d4b-4c1e-9a7f-{ID}]]></QG_HOSTID>
        <LAST_VM_SCANNED_DATE>2026-11-20T02:10:00Z</LAST_VM_SCANNED_DATE>
        <DETECTION_LIST>
$detections        </DETECTION_LIST>
      </HOST>

"@
        $writer = [System.IO.StreamWriter]::new($Path, $false, [System.Text.UTF8Encoding]::new($false))
        try {
            $writer.Write("<?xml version=`"1.0`" encoding=`"UTF-8`" ?>`n<HOST_LIST_VM_DETECTION_OUTPUT>`n  <RESPONSE>`n    <DATETIME>2026-11-20T06:00:00Z</DATETIME>`n    <HOST_LIST>`n")
            for ($i = 0; $i -lt $Hosts; $i++) {
                $id = (100000 + $i).ToString([System.Globalization.CultureInfo]::InvariantCulture)
                $writer.Write($hostBlock.Replace('{ID}', $id).Replace('{IP}', "10.$([math]::Floor($i / 65536)).$([math]::Floor($i / 256) % 256).$($i % 256)"))
            }
            $writer.Write("    </HOST_LIST>`n  </RESPONSE>`n</HOST_LIST_VM_DETECTION_OUTPUT>`n")
        }
        finally {
            $writer.Dispose()
        }
    }
}

AfterAll {
    Remove-Item -LiteralPath $Work -Recurse -Force
}

Describe 'Get-ChildItem pipes into the cmdlets that read files' {
    BeforeAll {
        # Brackets are wildcards to -Path: these names import only if FileInfo binds to -LiteralPath.
        $drop = Join-Path $Work 'drop'
        New-Item -ItemType Directory -Path $drop | Out-Null
        Copy-Item -LiteralPath (Join-Path $Traps 'scanner-scan.csv') -Destination (Join-Path $drop 'scan[1].csv')
        Copy-Item -LiteralPath (Join-Path $Traps 'agent-detections.xml') -Destination (Join-Path $drop 'agents[1].xml')
        Copy-Item -LiteralPath (Join-Path $Reasons 'knowledgebase.xml') -Destination (Join-Path $drop 'kb[1].xml')
    }

    It 'Import-QualysReport binds FileInfo to -LiteralPath through PSPath' {
        $direct = @(Import-QualysReport -LiteralPath (Join-Path $Traps 'scanner-scan.csv'), (Join-Path $Traps 'agent-detections.xml'))
        $piped = @(Get-ChildItem -LiteralPath $drop -File | Where-Object Name -NE 'kb[1].xml' | Import-QualysReport -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $piped.Count | Should -Be $direct.Count
        $piped.Count | Should -BeGreaterThan 0
        ($piped.SourceFile | ForEach-Object { Split-Path -Leaf $_ } | Select-Object -Unique | Sort-Object) | Should -Be @('agents[1].xml', 'scan[1].csv')
    }

    It 'Import-QualysKnowledgeBase binds FileInfo to -LiteralPath through PSPath' {
        $direct = @(Import-QualysKnowledgeBase -LiteralPath (Join-Path $Reasons 'knowledgebase.xml'))
        $piped = @(Get-Item -LiteralPath (Join-Path $drop 'kb[1].xml') | Import-QualysKnowledgeBase -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $piped.Count | Should -Be $direct.Count
        $piped.QID | Should -Be $direct.QID
    }

    It 'Import-QualysReport binds strings by value to -Path, wildcards and all' {
        $found = @(Join-Path $Traps '*.csv' | Import-QualysReport)
        $found.SourceFile | Select-Object -Unique | Should -Be (Join-Path (Resolve-Path $Traps).ProviderPath 'scanner-scan.csv')
    }
}

Describe 'Import-QualysReport -Verbose' {
    BeforeAll {
        $scan = (Resolve-Path (Join-Path $Traps 'scanner-scan.csv')).ProviderPath
        $agents = (Resolve-Path (Join-Path $Traps 'agent-detections.xml')).ProviderPath
        $output = Import-QualysReport -LiteralPath $scan, $agents -Verbose 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $findings = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
    }

    It 'says, per file, the format, vantage, hosts, findings and time taken' -ForEach @(
        @{ File = 'scanner-scan.csv'; Format = 'ScanResultsCsv'; Vantage = 'Scanner' }
        @{ File = 'agent-detections.xml'; Format = 'HostDetectionXml'; Vantage = 'Agent' }
    ) {
        $path = if ($File -like '*.csv') { $scan } else { $agents }
        $fromFile = @($findings | Where-Object SourceFile -EQ $path)
        # Hosts counted independently of the reader: agent hosts are <HOST> elements, scanner hosts distinct IPs.
        $hosts = if ($Vantage -eq 'Agent') { @(Select-String -LiteralPath $path -Pattern '<HOST>').Count } else { @($fromFile.IP | Select-Object -Unique).Count }
        $summary = @($verbose | Where-Object { $_ -like "$path*findings in*" })
        $summary | Should -HaveCount 1
        $summary[0] | Should -Match ('^' + [regex]::Escape($path) + ": $Format, vantage $Vantage, $hosts hosts, $($fromFile.Count) findings in \d+[.,]\d\d s\.$")
    }

    It 'says which format it detected before it reads a file' {
        $verbose | Where-Object { $_ -like "$scan*: detected ScanResultsCsv (*" } | Should -HaveCount 1
        $verbose | Where-Object { $_ -like "$agents*: detected HostDetectionXml (*" } | Should -HaveCount 1
    }
}

Describe 'Import-QualysReport progress on a large file' {
    BeforeAll {
        $large = Join-Path $Work 'large-detections.xml'
        $hostCount = 300
        $perHost = 20
        New-LargeHostDetectionXml -Path $large -Hosts $hostCount -DetectionsPerHost $perHost

        # The cmdlets show a bar only once an import has taken 200 ms, so whether one shows would
        # depend on the machine's speed. The test sets that interval to zero (an internal hook of
        # CmdletOutput.DefaultProgressInterval, through reflection): every report is then shown, and what is
        # checked is their text, their order and that the bar is completed.
        $throttle = (Get-Command Import-QualysReport).ImplementingType.Assembly.GetType('QualysCompare.Cmdlets.Internal.CmdletOutput', $true)
        $interval = $throttle.GetProperty('DefaultProgressInterval', [Reflection.BindingFlags]'Static, NonPublic')
        $saved = $interval.GetValue($null)
        # A PowerShell instance of its own, so that its progress stream can be read as records.
        $ps = [powershell]::Create()
        try {
            $interval.SetValue($null, [TimeSpan]::Zero)
            $null = $ps.AddScript('param($Manifest, $File) $ProgressPreference = "Continue"; Import-Module $Manifest; (Import-QualysReport -LiteralPath $File | Measure-Object).Count').
                AddArgument($env:QUALYSCOMPARE_MANIFEST).AddArgument($large)
            $count = $ps.Invoke()
            $errors = @($ps.Streams.Error)
            $progress = @($ps.Streams.Progress | Where-Object Activity -EQ 'Import-QualysReport')
        }
        finally {
            $interval.SetValue($null, $saved)
            $ps.Dispose()
        }
    }

    It 'reads a file many read buffers long' {
        (Get-Item -LiteralPath $large).Length | Should -BeGreaterThan 4MB
        $errors | Should -BeNullOrEmpty
        $count | Should -Be ($hostCount * $perHost)
    }

    It 'writes progress records with the file name and a rising percentage' {
        $processing = @($progress | Where-Object RecordType -EQ 'Processing')
        $processing.Count | Should -BeGreaterOrEqual 2
        # Every report is shown at the zero interval: checked in bulk, one assertion each.
        @($processing.StatusDescription | Where-Object { $_ -notlike 'large-detections.xml: * findings, * MB' }) | Should -BeNullOrEmpty
        $percent = @($processing.PercentComplete)
        @($percent | Where-Object { $_ -lt 0 -or $_ -gt 100 }) | Should -BeNullOrEmpty
        $falls = @(for ($i = 1; $i -lt $percent.Count; $i++) { if ($percent[$i] -lt $percent[$i - 1]) { "$($percent[$i - 1]) then $($percent[$i]) at record $i" } })
        $falls | Should -BeNullOrEmpty
        # The engine reports every 1,024 findings and once more when the file is read: the bar
        # moved across the file and ended full.
        $processing.Count | Should -BeGreaterOrEqual 3
        $percent[0] | Should -BeLessThan 50
        $percent[-1] | Should -Be 100
    }

    It 'ends with one Completed record' {
        $progress[-1].RecordType | Should -Be 'Completed'
        @($progress | Where-Object RecordType -EQ 'Completed') | Should -HaveCount 1
    }
}
