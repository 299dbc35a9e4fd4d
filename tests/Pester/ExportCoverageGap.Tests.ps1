BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Samples = Join-Path $PSScriptRoot '../fixtures/samples'
    $CommandName = 'QualysCompare.Cmdlets.ExportCoverageGapCommand'
    # Agent-only rows from a real Host List Detection export: every row is a gap.
    $AgentRows = Import-QualysReport (Join-Path $Samples 'e-defectdojo-trurisk-detections.xml') |
        Compare-QualysVantage -WarningAction SilentlyContinue
    $Hostile = @(
        [QualysCompare.Engine.Model.VantageComparison]@{ HostName = '=cmd|'' /C calc''!A0'; QID = 1; Title = '+1+1'; Category = '@SUM(1)'; Presence = 'ScannerOnly'; HostCoverage = 'ScannerOnly'; Severity = 3; CveIds = '-2+3' }
        [QualysCompare.Engine.Model.VantageComparison]@{ HostName = 'café-ü.example'; QID = 2; Title = "<script>alert(1)</script>"; Presence = 'AgentOnly'; HostCoverage = 'AgentOnly'; Severity = 5 }
    )
}

Describe 'Export-CoverageGap' {
    BeforeEach {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("qc-export-" + [guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
    }
    AfterEach { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

    It 'reports an object that is not a VantageComparison as InputObjectNotVantageComparison and writes the rows' {
        $path = Join-Path $folder 'gaps.csv'
        @($AgentRows[0]; [pscustomobject]@{ QID = 1 }; $AgentRows[1..($AgentRows.Count - 1)]) |
            Export-CoverageGap -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InputObjectNotVantageComparison,$CommandName"
        @(Import-Csv $path) | Should -HaveCount $AgentRows.Count
    }

    It 'writes a CSV that Import-Csv reads back as the same rows' {
        $path = Join-Path $folder 'gaps.csv'
        $AgentRows | Export-CoverageGap -Path $path
        $back = Import-Csv $path
        $back | Should -HaveCount $AgentRows.Count
        $back[0].PSObject.Properties.Name | Should -Be ([QualysCompare.Engine.Model.VantageComparison].GetProperties().Name)
        for ($i = 0; $i -lt $AgentRows.Count; $i++) {
            $back[$i].QID | Should -Be ([string]$AgentRows[$i].QID)
            $back[$i].HostName | Should -Be $AgentRows[$i].HostName
            $back[$i].Presence | Should -Be 'AgentOnly'
        }
        [IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'neutralises spreadsheet formulas unless -NoSanitize' {
        $path = Join-Path $folder 'hostile.csv'
        $Hostile | Export-CoverageGap -Path $path
        $row = (Import-Csv $path)[0]
        $row.HostName | Should -Be "'=cmd|' /C calc'!A0"
        $row.Title | Should -Be "'+1+1"
        $row.Category | Should -Be "'@SUM(1)"
        $row.CveIds | Should -Be "'-2+3"
        $row.Severity | Should -Be '3'

        $raw = Join-Path $folder 'raw.csv'
        $Hostile | Export-CoverageGap -Path $raw -NoSanitize
        (Import-Csv $raw)[0].HostName | Should -Be "=cmd|' /C calc'!A0"
    }

    It 'takes the format from the extension: JSON with ISO 8601 UTC dates' {
        $path = Join-Path $folder 'gaps.json'
        $AgentRows | Export-CoverageGap -Path $path
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $json | Should -HaveCount $AgentRows.Count
        (Get-Content -Raw $path) | Should -Match '"AgentLastDetected": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
    }

    It 'writes one self-contained HTML page with encoded text' {
        $path = Join-Path $folder 'gaps.html'
        @($AgentRows) + $Hostile | Export-CoverageGap -Path $path
        $html = Get-Content -Raw $path
        $html | Should -Not -Match '<script'
        $html | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;'
        $html | Should -Match '<svg'
        $html | Should -Match 'labdc.doobsiss.local'
        { [xml]($html -replace '<!DOCTYPE html>', '') } | Should -Not -Throw
    }

    It 'honours -Format over the extension' {
        $path = Join-Path $folder 'report.txt'
        $AgentRows | Export-CoverageGap -Path $path -Format Json
        { Get-Content -Raw $path | ConvertFrom-Json } | Should -Not -Throw
    }

    It '-WhatIf writes nothing' {
        $path = Join-Path $folder 'whatif.csv'
        $AgentRows | Export-CoverageGap -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'leaves the previous file and no temporary file when the pipeline fails before it ends' {
        $path = Join-Path $folder 'gaps.csv'
        Set-Content $path 'previous'
        { & { $AgentRows; throw 'upstream failure' } | Export-CoverageGap -Path $path } | Should -Throw 'upstream failure'
        Get-Content $path | Should -Be 'previous'
        (Get-ChildItem $folder -Force).Name | Should -Be 'gaps.csv'
    }

    It '-PassThru returns the FileInfo' {
        $file = $AgentRows | Export-CoverageGap -Path (Join-Path $folder 'p.csv') -PassThru
        $file | Should -BeOfType ([IO.FileInfo])
        $file.Length | Should -BeGreaterThan 0
    }

    It '-NoClobber refuses to overwrite, with its own ErrorId, and leaves the file alone' {
        $path = Join-Path $folder 'keep.csv'
        Set-Content $path 'previous'
        { $AgentRows | Export-CoverageGap -Path $path -NoClobber -ErrorAction Stop } |
            Should -Throw -ErrorId "CoverageGapFileExists,$CommandName"
        Get-Content $path | Should -Be 'previous'
    }

    It 'refuses a read-only file without -Force and overwrites it with -Force' {
        $path = Join-Path $folder 'ro.csv'
        Set-Content $path 'previous'
        (Get-Item $path).IsReadOnly = $true
        { $AgentRows | Export-CoverageGap -Path $path -ErrorAction Stop } | Should -Throw -ErrorId "CoverageGapFileReadOnly,$CommandName"
        $AgentRows | Export-CoverageGap -Path $path -Force
        (Import-Csv $path) | Should -HaveCount $AgentRows.Count
    }

    It 'stops with CoverageGapFolderNotFound when the folder is missing' {
        { $AgentRows | Export-CoverageGap -Path (Join-Path $folder 'no/such/folder/gaps.csv') -ErrorAction Stop } |
            Should -Throw -ErrorId "CoverageGapFolderNotFound,$CommandName"
    }

    It 'exports only gaps by default and everything with -IncludeBoth' {
        $both = [QualysCompare.Engine.Model.VantageComparison]@{ HostName = 'both.example'; QID = 3; Presence = 'Both'; HostCoverage = 'Both' }
        $path = Join-Path $folder 'sel.csv'
        @($both) + $Hostile | Export-CoverageGap -Path $path
        (Import-Csv $path).QID | Should -Be @('1', '2')
        @($both) + $Hostile | Export-CoverageGap -Path $path -IncludeBoth
        (Import-Csv $path).QID | Should -Contain '3'
    }
}

Describe 'Export-CoverageGap refuses an extension it does not write' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $sample = Compare-QualysVantage -Scanner (Join-Path $Demo 'appliance-scan.csv') -Agent (Join-Path $Demo 'agent-detections.xml') -WarningAction SilentlyContinue | Select-Object -First 20
    }

    It 'stops on <Name> and points to Export-Excel' -ForEach @(@{ Name = 'gaps.xlsx' }, @{ Name = 'gaps.xls' }) {
        $target = Join-Path $TestDrive $Name
        { $sample | Export-CoverageGap -Path $target } | Should -Throw -ErrorId 'CoverageGapExtensionUnsupported,QualysCompare.Cmdlets.ExportCoverageGapCommand'
        try { $sample | Export-CoverageGap -Path $target } catch { $_.Exception.Message | Should -BeLike '*Export-Excel*' }
        Test-Path $target | Should -BeFalse
    }

    It 'stops on .txt unless -Format is given' {
        $target = Join-Path $TestDrive 'gaps.txt'
        { $sample | Export-CoverageGap -Path $target } | Should -Throw -ErrorId 'CoverageGapExtensionUnsupported,QualysCompare.Cmdlets.ExportCoverageGapCommand'
        Test-Path $target | Should -BeFalse
        $sample | Export-CoverageGap -Path $target -Format Csv
        (Get-Content -LiteralPath $target -TotalCount 1) | Should -BeLike 'HostName,DnsName,*'
    }
}

# Issue 15: printed, the report is short enough to hand out. Chromium prints it to PDF at Letter size and
# pdfinfo counts the pages: the demo and a 50-machine network of about 3,000 gaps, with every row that
# asks for work on the page. build.ps1 -Task Test installs both (tools/Install-TestDependencies.sh).
Describe 'Export-CoverageGap HTML, printed' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $DemoSides = @{ Scanner = (Join-Path $Demo 'appliance-scan.csv'); Agent = (Join-Path $Demo 'agent-detections.xml'); KnowledgeBase = (Join-Path $Demo 'knowledgebase.xml') }
        $Chromium = @($env:QUALYSCOMPARE_CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome') | Where-Object { $_ } |
            ForEach-Object { Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 } | Select-Object -First 1
        $PdfInfo = Get-Command pdfinfo -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

        # Prints the page as Chromium's print-to-PDF does and returns pdfinfo's page count and page size.
        function Get-PrintedPages([string] $Html) {
            if (-not $Chromium -or -not $PdfInfo) {
                throw "Printing the report needs Chromium and pdfinfo (poppler-utils); found chromium: $([bool]$Chromium), pdfinfo: $([bool]$PdfInfo). Run tools/Install-TestDependencies.sh, or set QUALYSCOMPARE_CHROMIUM to a Chromium or Chrome."
            }
            $pdf = [IO.Path]::ChangeExtension($Html, '.pdf')
            $userData = Join-Path $TestDrive ('chromium-' + [IO.Path]::GetFileNameWithoutExtension($Html))
            $start = [Diagnostics.ProcessStartInfo]::new($Chromium.Source)
            foreach ($argument in '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', "--user-data-dir=$userData",
                "--print-to-pdf=$pdf", [Uri]::new([IO.Path]::GetFullPath($Html)).AbsoluteUri) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardError = $true
            $start.RedirectStandardOutput = $true
            $process = [Diagnostics.Process]::Start($start)
            $errors = $process.StandardError.ReadToEndAsync()
            $null = $process.StandardOutput.ReadToEndAsync()
            if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw "Chromium did not print $Html within 3 minutes." }
            if (-not (Test-Path -LiteralPath $pdf)) { throw "Chromium wrote no PDF (exit code $($process.ExitCode)): $($errors.Result)" }
            $info = & $PdfInfo.Source $pdf
            [pscustomobject]@{
                Pages = [int](($info | Select-String '^Pages:\s+(\d+)').Matches[0].Groups[1].Value)
                Size  = (($info | Select-String '^Page size:\s+(.+)$').Matches[0].Groups[1].Value)
            }
        }

        # The (machine, QID) of every row listed under "Findings to act on", read back from the page.
        function Get-ListedWork([string] $Html) {
            $page = [xml]((Get-Content -Raw -LiteralPath $Html) -replace '<!DOCTYPE html>', '')
            foreach ($tr in $page.SelectNodes("//table[contains(concat(' ', @class, ' '), ' findings ')]/tbody/tr")) {
                '{0}|{1}' -f $tr.ChildNodes[0].InnerText, $tr.ChildNodes[1].InnerText
            }
        }

        function New-PrintTestNetwork {
            <#
                Comparison rows of a 50-machine network, made from a fixed seed so every run gives the same
                rows: about 3,000 gaps, a few hundred of them to act on (two scans that could not log in,
                two stale agents, two servers without an agent, five laptops never scanned, some detections
                to investigate), the rest expected by design. The texts follow the explainer's wording and
                lengths, so the printed report is as long as a real one.
            #>
            param([int] $Seed = 20261203)
            $random = [System.Random]::new($Seed)
            $pick = { param($list) $list[$random.Next(0, $list.Count)] }
            $scan = [datetime]::new(2026, 11, 20, 2, 0, 0, [DateTimeKind]::Utc)
            $assessed = [datetime]::new(2026, 11, 21, 6, 30, 0, [DateTimeKind]::Utc)
            $staleDay = [datetime]::new(2026, 9, 8, 4, 12, 0, [DateTimeKind]::Utc)

            $products = 'Google Chrome', 'Mozilla Firefox', 'Microsoft Edge (Chromium)', 'Adobe Acrobat Reader DC', 'Oracle Java SE', '7-Zip',
                'Notepad++', 'VLC Media Player', 'Zoom Workplace', 'Microsoft Office', 'Microsoft .NET Framework', 'Apache Log4j', 'OpenSSL',
                'Python', 'Git for Windows', 'PuTTY', 'WinSCP', 'Wireshark', 'VMware Tools', 'Microsoft Visual C++ Redistributable',
                'Microsoft SQL Server', 'Microsoft Teams', 'Cisco AnyConnect Secure Mobility Client', 'Citrix Workspace App', 'KeePass'
            $packages = 'linux-kernel', 'openssl', 'glibc', 'sudo', 'openssh', 'curl', 'python3', 'systemd', 'bind9', 'libxml2', 'vim', 'git',
                'nginx', 'apache2', 'postgresql', 'expat', 'libssh', 'krb5', 'samba', 'tar'
            $months = 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'
            $newCves = {
                $roll = $random.Next(0, 100)
                $count = if ($roll -lt 20) { 0 } elseif ($roll -lt 65) { $random.Next(1, 4) } elseif ($roll -lt 90) { $random.Next(4, 11) } else { $random.Next(11, 26) }
                $year = $random.Next(2023, 2026)
                (@(1..$count | Where-Object { $count } | ForEach-Object { 'CVE-{0}-{1}' -f $year, $random.Next(10000, 60000) }) -join '; ')
            }
            $newSeverity = { $r = $random.Next(0, 100); if ($r -lt 15) { 5 } elseif ($r -lt 45) { 4 } elseif ($r -lt 80) { 3 } elseif ($r -lt 95) { 2 } else { 1 } }

            # The QIDs: checks from inside the machine per platform, and checks from the network.
            $windowsLocal = [System.Collections.Generic.List[object]]::new()
            $linuxLocal = [System.Collections.Generic.List[object]]::new()
            $network = [System.Collections.Generic.List[object]]::new()
            for ($i = 0; $i -lt 260; $i++) {
                $product = & $pick $products
                $title = switch ($random.Next(0, 4)) {
                    0 { "$product Multiple Vulnerabilities (APSB$($random.Next(22, 26))-$($random.Next(10, 99)))" }
                    1 { "$product Prior to $($random.Next(1, 130)).$($random.Next(0, 10)).$($random.Next(0, 400)) Remote Code Execution Vulnerability" }
                    2 { "Microsoft Windows Security Update for $(& $pick $months) $($random.Next(2023, 2027)) (KB50$($random.Next(10000, 99999)))" }
                    default { "$product Security Update $($random.Next(2023, 2027))-$($random.Next(1, 13).ToString('00')) Not Installed" }
                }
                $windowsLocal.Add(@{ QID = 370000 + $i * 7; Title = $title; Severity = (& $newSeverity); CveIds = (& $newCves); Category = 'Windows' })
            }
            for ($i = 0; $i -lt 160; $i++) {
                $package = & $pick $packages
                $title = if ($random.Next(0, 2) -eq 0) { "Ubuntu Security Notification for $package Vulnerabilities (USN-$($random.Next(6000, 7600))-1)" }
                         else { "Red Hat Update for $package (RHSA-$($random.Next(2023, 2027)):$($random.Next(1000, 9999)))" }
                $linuxLocal.Add(@{ QID = 200000 + $i * 11; Title = $title; Severity = (& $newSeverity); CveIds = (& $newCves); Category = 'Local' })
            }
            $networkTitles = 'SSL Certificate - Self-Signed Certificate', 'SSL Certificate - Subject Common Name Does Not Match Server FQDN',
                'TLS Version 1.0 Protocol Detection', 'TLS Version 1.1 Protocol Detection', 'SSL/TLS use of weak RC4 cipher',
                'SMB Signing Disabled or SMB Signing Not Required', 'Remote Desktop Protocol Server Man-in-the-Middle Weakness',
                'SSH Server Supports Weak Key Exchange Algorithms', 'HTTP Security Header Not Detected', 'Web Server HTTP Trace/Track Method Support',
                'NTP Information Disclosure', 'SNMP Default Community Name Detected', 'Birthday attacks against TLS ciphers with 64 bit block size (Sweet32)',
                'Microsoft Windows Remote Desktop Services Enabled Network Level Authentication Not Required', 'OpenSSH Username Enumeration'
            $ports = '443/tcp', '3389/tcp', '445/tcp', '22/tcp', '8443/tcp', '161/udp', '80/tcp', '123/udp'
            for ($i = 0; $i -lt $networkTitles.Count * 3; $i++) {
                $network.Add(@{ QID = 38100 + $i * 3; Title = $networkTitles[$i % $networkTitles.Count] + $(if ($i -ge $networkTitles.Count) { " ($(& $pick $ports))" } else { '' });
                    Severity = (& $newSeverity); CveIds = (& $newCves); Category = 'General remote services'; Ports = (& $pick $ports) })
            }

            $rows = [System.Collections.Generic.List[QualysCompare.Engine.Model.VantageComparison]]::new()
            $add = {
                param($machine, $qid, $presence, $reason, $action, $detail, $source = 'KnowledgeBase')
                $row = [QualysCompare.Engine.Model.VantageComparison]::new()
                $row.HostName = $machine.Name; $row.DnsName = $machine.Name; $row.NetBiosName = $machine.NetBios
                $row.OperatingSystem = $machine.Os; $row.ScannerIP = $machine.ScannerIP; $row.AgentIP = $machine.AgentIP
                $row.AgentHostId = $machine.AgentHostId; $row.MatchedBy = $machine.MatchedBy; $row.HostCoverage = $machine.Coverage
                $row.MatchConfidence = if ($machine.MatchedBy -eq 'None') { 'None' } else { 'High' }
                $row.QID = $qid.QID; $row.Title = $qid.Title; $row.Severity = $qid.Severity; $row.CveIds = $qid.CveIds; $row.Category = $qid.Category
                $row.Type = if ($random.Next(0, 100) -lt 15) { 'Potential' } else { 'Confirmed' }
                $row.Presence = $presence; $row.Reason = $reason; $row.Action = $action
                $row.Owner = [QualysCompare.Engine.Model.GapActionExtensions]::Owner([QualysCompare.Engine.Model.GapAction]$action)
                $row.ReasonDetail = $detail; $row.ReasonSource = if ($reason -eq 'None') { 'None' } else { $source }
                $row.ScannerAuthentication = $machine.Auth
                # The machine's dates on every row of it, as the comparison gives them.
                $row.ScannerLastScanned = $machine.Scanned; $row.AgentLastAssessed = $machine.Assessed
                if ($presence -ne 'AgentOnly') { $row.ScannerType = $row.Type; $row.ScannerPorts = $qid.Ports }
                if ($presence -ne 'ScannerOnly') { $row.AgentType = $row.Type; $row.AgentStatus = 'Active'; $row.AgentLastDetected = $machine.Assessed }
                $rows.Add($row)
            }
            # $count different entries of $list, drawn by a partial Fisher-Yates shuffle.
            $sample = {
                param($list, $count)
                $index = [int[]](0..($list.Count - 1))
                for ($i = 0; $i -lt $count; $i++) {
                    $j = $random.Next($i, $index.Count)
                    $swap = $index[$i]; $index[$i] = $index[$j]; $index[$j] = $swap
                }
                for ($i = 0; $i -lt $count; $i++) { $list[$index[$i]] }
            }

            for ($m = 1; $m -le 50; $m++) {
                $kind = if ($m -le 40) { 'Both' } elseif ($m -le 45) { 'ScannerOnly' } else { 'AgentOnly' }
                $linux = $kind -ne 'AgentOnly' -and $random.Next(0, 100) -lt 25
                $prefix = switch ($kind) { 'Both' { if ($linux) { 'srv' } else { 'ws' } } 'ScannerOnly' { 'dev' } default { 'lt' } }
                $name = '{0}-{1:000}.corp.example.com' -f $prefix, $m
                $os = if ($linux) { & $pick @('Ubuntu Linux 22.04.5 LTS', 'Red Hat Enterprise Linux 9.4') }
                      else { & $pick @('Windows 10 Enterprise 64 bit Edition Version 22H2', 'Windows 11 Enterprise 64 bit Edition Version 23H2', 'Windows Server 2022 Datacenter 64 bit Edition Version 21H2') }
                $device = $m -ge 41 -and $m -le 43
                if ($device) { $os = @('HP LaserJet Enterprise M607', 'Cisco IOS 15.2', 'Palo Alto Networks PAN-OS 11.1')[$m - 41] }
                $machine = @{
                    Name = $name; NetBios = ('{0}-{1:000}' -f $prefix, $m).ToUpperInvariant(); Os = $os; Coverage = $kind
                    ScannerIP = if ($kind -ne 'AgentOnly') { "10.40.1.$m" } else { $null }
                    AgentIP = if ($kind -ne 'ScannerOnly') { "10.40.1.$m" } else { $null }
                    AgentHostId = if ($kind -ne 'ScannerOnly') { [string](5000000 + $m) } else { $null }
                    MatchedBy = if ($kind -eq 'Both') { 'Fqdn' } else { 'None' }
                    Auth = if ($kind -eq 'AgentOnly') { 'Unknown' } elseif ($m -eq 7 -or $m -eq 23) { 'Failed' } else { 'Passed' }
                    Scanned = if ($kind -ne 'AgentOnly') { $scan.AddMinutes($random.Next(1, 240)) } else { $null }
                    Assessed = if ($kind -eq 'ScannerOnly') { $null } elseif ($m -eq 12 -or $m -eq 31) { $staleDay } else { $assessed.AddMinutes($random.Next(1, 600)) }
                }
                $local = if ($linux) { $linuxLocal } else { $windowsLocal }
                $login = if ($linux) { 'authentication failed: QID 105053 "Unix Authentication Failed"' } else { 'authentication failed: QID 105015 "Windows Authentication Failed"' }
                switch ($kind) {
                    'Both' {
                        $nBoth = $random.Next(30, 50)
                        $chosen = @(& $sample $local ($nBoth + $random.Next(50, 76) + 1))
                        foreach ($qid in $chosen[0..($nBoth - 1)]) { & $add $machine $qid 'Both' 'None' 'None' $null }
                        foreach ($qid in $chosen[$nBoth..($chosen.Count - 2)]) {
                            if ($machine.Auth -eq 'Failed') {
                                & $add $machine $qid 'AgentOnly' 'ScanNotAuthenticated' 'FixScanAuthentication' "The scanner did not log in to this machine ($login), so it could not run the local checks that found QID $($qid.QID) on the agent; fix the scan's authentication record for this host."
                            }
                            elseif ($random.Next(0, 100) -lt 2) {
                                & $add $machine $qid 'AgentOnly' 'ScannerMissed' 'InvestigateDetection' "QID $($qid.QID) can be detected over the network (KnowledgeBase: remote detection, or with a $(if ($linux) { 'Unix' } else { 'Windows' }) login), yet only the agent reported it: investigate the scan (the ports and QIDs of its option profile, whether the host answered during the scan)."
                            }
                            else {
                                & $add $machine $qid 'AgentOnly' 'NeedsLocalAccess' 'None' "QID $($qid.QID) is detected from inside the machine (KnowledgeBase: $(if ($linux) { 'Unix' } else { 'Windows' }) login needed); the scan did log in ($(if ($linux) { 'QID 105297 "Unix Authentication Method"' } else { 'QID 70028 user CORP\svc-qualys' })), so if it keeps missing it, check that the scan account has the privileges this check needs."
                            }
                        }
                        foreach ($qid in & $sample $network $random.Next(4, 9)) {
                            if ($machine.Assessed -eq $staleDay) {
                                & $add $machine $qid 'ScannerOnly' 'AgentStale' 'RepairAgent' "The agent last assessed this machine on 2026-09-08, 72 days before the scan of 2026-11-20, so its silence about QID $($qid.QID) proves nothing; check that the agent is running and checking in."
                            }
                            elseif ($random.Next(0, 100) -lt 8) {
                                & $add $machine $qid 'ScannerOnly' 'AgentMissed' 'InvestigateDetection' "The agent assesses this machine (last on 2026-11-21) and QID $($qid.QID) is not a network-only check (KnowledgeBase: remote detection, or with a Windows login), yet only the scan reported it: investigate the agent (its modules and manifest) or a scanner false positive."
                            }
                            else {
                                & $add $machine $qid 'ScannerOnly' 'NeedsNetworkExposure' 'None' "QID $($qid.QID) is seen only from the network (KnowledgeBase: remote detection only), which a Cloud Agent inside the machine does not test, so only the scanner was expected to report it."
                            }
                        }
                        if ($random.Next(0, 100) -lt 40) {
                            $qid = $chosen[-1]
                            & $add $machine $qid 'ScannerOnly' 'AgentFixedSinceScan' 'None' "The agent reports QID $($qid.QID) Fixed as of 2026-11-21, after the scan of 2026-11-20: the scan predates the fix, and the next scan should confirm it."
                        }
                    }
                    'ScannerOnly' {
                        foreach ($qid in @(& $sample $network $random.Next(6, 10)) + @(& $sample $local $(if ($device) { 0 } else { $random.Next(4, 8) }))) {
                            if ($device) {
                                & $add $machine $qid 'ScannerOnly' 'NoAgentOnHost' 'None' "No Cloud Agent reports this machine, and none is expected: its operating system ($os) makes it a network device, which the Cloud Agent does not run on, so only the scanner can report QID $($qid.QID)." 'Heuristic'
                            }
                            else {
                                & $add $machine $qid 'ScannerOnly' 'NoAgentOnHost' 'DeployAgent' "No Cloud Agent reports this machine, so only the scanner could report QID $($qid.QID); install the agent if this machine should have one." 'Heuristic'
                            }
                        }
                    }
                    default {
                        foreach ($qid in & $sample $local $random.Next(18, 34)) {
                            & $add $machine $qid 'AgentOnly' 'HostNotScanned' 'InvestigateScanReach' "Only the Cloud Agent reports this machine: no scan in the compared data covered it, so no scanner could report QID $($qid.QID)." 'Heuristic'
                        }
                    }
                }
            }
            , $rows
        }

        $DemoRows = Compare-QualysVantage @DemoSides -WarningAction SilentlyContinue
        $DemoHtml = Join-Path $TestDrive 'demo.html'
        $DemoRows | Export-CoverageGap -Path $DemoHtml
        $NetworkRows = New-PrintTestNetwork
        $NetworkHtml = Join-Path $TestDrive 'network.html'
        $NetworkRows | Export-CoverageGap -Path $NetworkHtml
    }

    It 'has Chromium and pdfinfo to print with' {
        $Chromium | Should -Not -BeNullOrEmpty -Because 'the print tests need Chromium: run tools/Install-TestDependencies.sh (build.ps1 -Task Test does)'
        $PdfInfo | Should -Not -BeNullOrEmpty -Because 'the print tests need pdfinfo from poppler-utils: run tools/Install-TestDependencies.sh (build.ps1 -Task Test does)'
    }

    It 'prints the demo on at most 8 landscape Letter pages, with every row to act on listed' {
        $printed = Get-PrintedPages $DemoHtml
        Write-Host "    The demo's report prints on $($printed.Pages) pages ($($printed.Size))."
        $printed.Size | Should -BeLike '792 x 612 pts*'
        $printed.Pages | Should -BeLessOrEqual 8
        $work = @($DemoRows | Where-Object { $_.Action -ne 'None' -and -not $_.Accepted } | ForEach-Object { '{0}|{1}' -f $_.HostName, $_.QID })
        # The summary's counts per action say how many rows ask for work.
        $total = $DemoRows | Measure-QualysVantage -Total
        $work.Count | Should -Be ($total.FixScanAuthentication + $total.InvestigateScanReach + $total.DeployAgent + $total.RepairAgent + $total.InvestigateDetection)
        $work.Count | Should -BeGreaterThan 0
        @(Get-ListedWork $DemoHtml | Sort-Object) | Should -Be @($work | Sort-Object)
    }

    It 'prints a 50-machine network of about 3,000 gaps on at most 30 pages, with every row to act on listed' {
        $gaps = @($NetworkRows | Where-Object { $_.Presence -ne 'Both' -or $_.HostCoverage -ne 'Both' })
        @($NetworkRows.HostName | Sort-Object -Unique).Count | Should -Be 50
        $gaps.Count | Should -BeGreaterThan 2500
        $gaps.Count | Should -BeLessThan 3500
        $work = @($NetworkRows | Where-Object Action -ne 'None' | ForEach-Object { '{0}|{1}' -f $_.HostName, $_.QID })
        $work.Count | Should -BeGreaterThan 200
        $work.Count | Should -BeLessThan 500

        $printed = Get-PrintedPages $NetworkHtml
        Write-Host "    The 50-machine network's report ($($gaps.Count) gaps, $($work.Count) to act on) prints on $($printed.Pages) pages ($($printed.Size))."
        $printed.Size | Should -BeLike '792 x 612 pts*'
        $printed.Pages | Should -BeLessOrEqual 30
        @(Get-ListedWork $NetworkHtml | Sort-Object) | Should -Be @($work | Sort-Object)
    }

    It 'prints the trend of a run history and the New and Closed sections, with the dates of the runs' {
        $history = Join-Path $TestDrive 'print-history.csv'
        $html = Join-Path $TestDrive 'trend.html'
        # Two earlier runs, as an older version wrote them, then this run's.
        Set-Content -LiteralPath $history -Value "RunUtc,DataDate,ScannerCoveragePercent,AgentCoveragePercent,BothCoveragePercent,OpenActionable,New,Closed`n2026-11-10T06:00:00Z,2026-11-09T00:00:00Z,70,80,60,40,5,2`n2026-11-17T06:00:00Z,2026-11-16T00:00:00Z,75,82,65,35,3,8"
        $rows = @(Compare-QualysVantage @DemoSides -WarningAction SilentlyContinue)
        foreach ($row in $rows) { $row.DataDate = [datetime]::new(2026, 11, 23, 0, 0, 0, [DateTimeKind]::Utc); $row.BaselineDate = [datetime]::new(2026, 11, 16, 0, 0, 0, [DateTimeKind]::Utc) }
        foreach ($row in $rows | Where-Object { $_.Presence -ne 'Both' } | Select-Object -First 5) { $row.Change = 'New' }
        $rows | Export-CoverageGap -Path $html -HistoryPath $history
        $printed = Get-PrintedPages $html
        $printed.Pages | Should -BeLessOrEqual 10
        $text = (& pdftotext -layout ([IO.Path]::ChangeExtension($html, '.pdf')) - | Out-String)
        $text | Should -Match 'Trend over 3 runs'
        foreach ($day in '2026-11-09', '2026-11-16', '2026-11-23') { $text | Should -Match $day }
        $text | Should -Match 'New since 2026-11-16'
    }

    It 'lists the accepted risks of -AcceptedRisk apart from the work' {
        $risks = Join-Path $PSScriptRoot '../fixtures/accepted-risks/demo-accepted-risks.csv'
        $rows = Compare-QualysVantage @DemoSides -AcceptedRisk $risks -WarningAction SilentlyContinue
        $html = Join-Path $TestDrive 'accepted.html'
        $rows | Export-CoverageGap -Path $html
        $page = [xml]((Get-Content -Raw -LiteralPath $html) -replace '<!DOCTYPE html>', '')
        $accepted = @($page.SelectNodes("//table[contains(concat(' ', @class, ' '), ' accepted ')]/tbody/tr") | ForEach-Object { '{0}|{1}' -f $_.ChildNodes[0].InnerText, $_.ChildNodes[1].InnerText })
        $expected = @($rows | Where-Object Accepted | ForEach-Object { '{0}|{1}' -f $_.HostName, $_.QID })
        $expected.Count | Should -Be 3
        @($accepted | Sort-Object) | Should -Be @($expected | Sort-Object)
        foreach ($key in $expected) { @(Get-ListedWork $html) | Should -Not -Contain $key }
    }
}

# Issue 16: the run history of -HistoryPath, its trend in the HTML report, and New/Closed in the summaries.
Describe 'Export-CoverageGap -HistoryPath' {
    BeforeAll {
        $Demo = Join-Path $PSScriptRoot '../fixtures/scenarios/demo'
        $DemoSides = @{ Scanner = (Join-Path $Demo 'appliance-scan.csv'); Agent = (Join-Path $Demo 'agent-detections.xml'); KnowledgeBase = (Join-Path $Demo 'knowledgebase.xml') }

        # The demo's rows as -Baseline marks them, set here until that feature fills them: every third gap
        # New, the rest Persisting, and one closed copy of the first gap to act on under a QID it lacks.
        function Get-ChangedDemoRows {
            $rows = @(Compare-QualysVantage @DemoSides -WarningAction SilentlyContinue)
            $dataDate = [datetime]::new(2026, 12, 1, 0, 0, 0, [DateTimeKind]::Utc)
            $baselineDate = [datetime]::new(2026, 11, 24, 0, 0, 0, [DateTimeKind]::Utc)
            $gap = 0
            foreach ($row in $rows) {
                $row.DataDate = $dataDate
                $row.BaselineDate = $baselineDate
                if ($row.Presence -eq 'Both' -and $row.HostCoverage -eq 'Both') { continue }
                $row.Change = if ($gap++ % 3 -eq 0) { 'New' } else { 'Persisting' }
            }
            $work = $rows | Where-Object { $_.Action -ne 'None' -and -not $_.Accepted } | Select-Object -First 1
            $closed = [QualysCompare.Engine.Model.VantageComparison]@{
                HostName = $work.HostName; ScannerIP = $work.ScannerIP; AgentIP = $work.AgentIP; AgentHostId = $work.AgentHostId
                HostCoverage = $work.HostCoverage; QID = $work.QID + 100000; Title = 'Fixed since the baseline'; Presence = $work.Presence
                Reason = $work.Reason; Change = 'Closed'; Action = 'None'; Owner = 'None'; PreviousAction = $work.Action
                DataDate = $dataDate; BaselineDate = $baselineDate
            }
            $rows + $closed
        }
    }
    BeforeEach {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("qc-history-" + [guid]::NewGuid())
        New-Item -ItemType Directory $folder | Out-Null
    }
    AfterEach { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

    It 'adds one record per run that Import-Csv reads, and the HTML page draws the trend from the second run' {
        $history = Join-Path $folder 'history.csv'
        $html = Join-Path $folder 'gaps.html'
        $first = @(Compare-QualysVantage @DemoSides -WarningAction SilentlyContinue)
        $first | Export-CoverageGap -Path $html -HistoryPath $history
        @(Import-Csv $history) | Should -HaveCount 1
        (Get-Content -Raw $html) | Should -Not -Match 'id="trend'

        $second = Get-ChangedDemoRows
        $second | Export-CoverageGap -Path $html -HistoryPath $history
        $runs = @(Import-Csv $history)
        $runs | Should -HaveCount 2
        $runs[0].PSObject.Properties.Name | Select-Object -First 4 | Should -Be 'RunUtc', 'DataDate', 'BaselineDate', 'Hosts'
        [int]$runs[0].New | Should -Be 0
        [int]$runs[1].New | Should -Be @($second | Where-Object Change -eq 'New').Count
        [int]$runs[1].Closed | Should -Be 1
        $open = @($second | Where-Object Change -ne 'Closed')
        [int]$runs[1].OpenActionable | Should -Be @($open | Where-Object { $_.Action -ne 'None' -and -not $_.Accepted }).Count
        [int]$runs[1].Hosts | Should -Be ($first | Measure-QualysVantage -Total).Hosts
        $runs[1].DataDate | Should -Be '2026-12-01T00:00:00Z'

        $page = [xml]((Get-Content -Raw -LiteralPath $html) -replace '<!DOCTYPE html>', '')
        $charts = @($page.SelectNodes("//svg[starts-with(@id, 'trend-')]"))
        $charts.id | Should -Be 'trend-coverage', 'trend-work', 'trend-change'
        $charts[0].title | Should -Not -BeNullOrEmpty
        $page.SelectNodes("//h2[@id='new']") | Should -HaveCount 1
        $page.SelectNodes("//h2[@id='closed']") | Should -HaveCount 1
    }

    It 'adds a record after a CSV and a JSON export too' {
        $history = Join-Path $folder 'history.csv'
        $rows = Get-ChangedDemoRows
        $rows | Export-CoverageGap -Path (Join-Path $folder 'gaps.csv') -HistoryPath $history
        $rows | Export-CoverageGap -Path (Join-Path $folder 'gaps.json') -HistoryPath $history
        @(Import-Csv $history) | Should -HaveCount 2
        # The closed row is exported: it says what was fixed.
        @(Import-Csv (Join-Path $folder 'gaps.csv') | Where-Object Change -eq 'Closed') | Should -HaveCount 1
    }

    It '-WhatIf writes neither the export nor the history' {
        $history = Join-Path $folder 'history.csv'
        Get-ChangedDemoRows | Export-CoverageGap -Path (Join-Path $folder 'gaps.html') -HistoryPath $history -WhatIf
        @(Get-ChildItem $folder) | Should -HaveCount 0
    }

    It 'stops with CoverageGapHistoryUnreadable, naming the file and line, before anything is written' {
        $history = Join-Path $folder 'history.csv'
        Set-Content -LiteralPath $history -Value "RunUtc,Hosts`n2026-11-24T06:00:00Z,40`n2026-12-01T06:00:00Z,forty"
        $before = Get-FileHash $history
        $err = $null
        try { Get-ChangedDemoRows | Export-CoverageGap -Path (Join-Path $folder 'gaps.csv') -HistoryPath $history -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be "CoverageGapHistoryUnreadable,$CommandName"
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.TargetObject | Should -Be $history
        $err.Exception.Message | Should -BeLike "$history, line 3: *forty*"
        @(Get-ChildItem $folder).Name | Should -Be 'history.csv'
        (Get-FileHash $history).Hash | Should -Be $before.Hash
    }

    It 'refuses a history that is the export itself' {
        $path = Join-Path $folder 'gaps.csv'
        { $AgentRows | Export-CoverageGap -Path $path -HistoryPath $path -ErrorAction Stop } |
            Should -Throw -ErrorId "CoverageGapHistoryIsExport,$CommandName"
        Test-Path $path | Should -BeFalse
    }

    It "Measure-QualysVantage's total and machines carry New and Closed, and a closed row is no open gap" {
        $rows = Get-ChangedDemoRows
        $total = $rows | Measure-QualysVantage -Total
        $total.New | Should -Be @($rows | Where-Object Change -eq 'New').Count
        $total.Closed | Should -Be 1
        $open = $rows | Where-Object Change -ne 'Closed' | Measure-QualysVantage -Total
        ($total.ScannerOnly, $total.AgentOnly, $total.Hosts) | Should -Be ($open.ScannerOnly, $open.AgentOnly, $open.Hosts)
        $closedRow = $rows | Where-Object Change -eq 'Closed'
        $machine = $rows | Measure-QualysVantage | Where-Object { $_.Scope -eq 'Host' -and $_.HostName -eq $closedRow.HostName }
        $machine.Closed | Should -Be 1
    }

    It 'documents -HistoryPath in its help' {
        $help = Get-Help Export-CoverageGap -Parameter HistoryPath
        ($help.description | Out-String) | Should -Match 'CoverageGapHistoryUnreadable'
        (Get-Help Export-CoverageGap -Examples | Out-String) | Should -Match 'HistoryPath'
    }
}
