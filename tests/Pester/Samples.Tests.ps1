# Every real Qualys sample the project holds, with the counts read off each file by hand.
BeforeDiscovery {
    $Expected = @(
        # File, Scanner (Confirmed, Potential, Information), Agent (Confirmed, Potential, Information), hosts
        @{ File = 'b-defectdojo-qualys_infrascan_webgui_0.xml'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'b-defectdojo-qualys_infrascan_webgui_1.xml'; S = 1, 0, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'b-defectdojo-qualys_infrascan_webgui_3.xml'; S = 1, 0, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'b-defectdojo-qualys_infrascan_webgui_multiple.xml'; S = 6, 2, 16; A = 0, 0, 0; Hosts = 2 }
        @{ File = 'c-defectdojo-empty.xml'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'c-defectdojo-same_qid_different_ports.xml'; S = 0, 3, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'c-defectdojo-samples-Qualys_Sample_Report-2019.xml'; S = 90, 0, 209; A = 0, 0, 0; Hosts = 7 }
        @{ File = 'd-defectdojo-empty.csv'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'd-defectdojo-Qualys_Sample_Report-noheader.csv'; S = 0, 0, 0; A = 6, 0, 0; Hosts = 4 }
        @{ File = 'd-defectdojo-Qualys_Sample_Report-withheader-2021.csv'; S = 0, 0, 0; A = 6, 0, 0; Hosts = 4 }
        @{ File = 'e-defectdojo-trurisk-detections.xml'; S = 0, 0, 0; A = 19, 1, 0; Hosts = 2 }
        @{ File = 'e-jupiterone-detection-empty-response.xml'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'e-jupiterone-fixture-detections.xml'; S = 3, 0, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'f-defectdojo-vmdr-many_vulns_cve.csv'; S = 5, 0, 0; A = 0, 0, 0; Hosts = 5 }
        @{ File = 'f-defectdojo-vmdr-many_vulns_qid.csv'; S = 5, 0, 0; A = 0, 0, 0; Hosts = 5 }
        @{ File = 'f-defectdojo-vmdr-no_vuln_cve.csv'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'f-defectdojo-vmdr-no_vuln_no_metadata_cve.csv'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'f-defectdojo-vmdr-no_vuln_qid.csv'; S = 0, 0, 0; A = 0, 0, 0; Hosts = 0 }
        @{ File = 'f-defectdojo-vmdr-one_vuln_cve.csv'; S = 1, 0, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'f-defectdojo-vmdr-one_vuln_no_metadata_cve.csv'; S = 1, 0, 0; A = 0, 0, 0; Hosts = 1 }
        @{ File = 'f-defectdojo-vmdr-one_vuln_qid.csv'; S = 1, 0, 0; A = 0, 0, 0; Hosts = 1 }
    )
    $Refused = @(
        @{ File = 'e-jupiterone-detection-error-400-simple_return.xml'; ErrorId = 'QualysApiErrorResponse' }
        @{ File = 'e-jupiterone-iterateHostDetections-recording.har'; ErrorId = 'QualysReportUnrecognized' }
        @{ File = 'f-jupiterone-knowledge_base_vuln_list_output.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'f-qualyspy-knowledge_base_vuln_list_output.dtd'; ErrorId = 'QualysReportSchema' }
        @{ File = 'g-jupiterone-am-hostasset-search-response.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'g-jupiterone-fixture-azure-host-assets.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'g-jupiterone-fixture-ec2-host-assets.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'g-jupiterone-fixture-gcp-host-assets.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'g-jupiterone-fixture-list-host-assets.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'x-defectdojo-hackerguardian-many_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-hackerguardian-one_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-hackerguardian-zero_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-monthly_pci_issue6932.csv'; ErrorId = 'QualysReportPciScan' }
    )
}

BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Samples = Join-Path $PSScriptRoot '../fixtures/samples'
    function Get-Counts($findings, $vantage) {
        $side = @($findings | Where-Object Vantage -eq $vantage)
        @(@($side | Where-Object Type -eq 'Confirmed').Count, @($side | Where-Object Type -eq 'Potential').Count, @($side | Where-Object Type -eq 'Information').Count)
    }
}

Describe 'Import-QualysReport on every real sample' {
    It '<File>: scanner <S>, agent <A>, <Hosts> hosts' -ForEach $Expected {
        $findings = @(Import-QualysReport -LiteralPath (Join-Path $Samples $File) -ErrorVariable errs -WarningAction SilentlyContinue)
        $errs | Should -BeNullOrEmpty
        Get-Counts $findings 'Scanner' | Should -Be $S
        Get-Counts $findings 'Agent' | Should -Be $A
        @($findings | ForEach-Object { "$($_.HostName)|$($_.IP)" } | Select-Object -Unique).Count | Should -Be $Hosts
        $findings | ForEach-Object { $_ | Should -BeOfType ([QualysCompare.Engine.Model.QualysFinding]) }
    }

    It 'refuses <File> with <ErrorId>' -ForEach $Refused {
        $findings = Import-QualysReport -LiteralPath (Join-Path $Samples $File) -ErrorVariable errs -ErrorAction SilentlyContinue
        $findings | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be "$ErrorId,QualysCompare.Cmdlets.ImportQualysReportCommand"
    }

    It 'imports the whole folder in one call: good files in full, each bad one as one error' {
        $all = @(Import-QualysReport (Join-Path $Samples '*') -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        # The sum of the table above.
        $all.Count | Should -Be 376
        $errs | Should -HaveCount 13
    }

    It 'streams: the first finding leaves before the end of the file has been read' {
        # Positions, not time: when the first finding reaches the next command, that command
        # rewrites the last host's address at the very end of the file (same length, in place).
        # Only an import that had not read that far yet hands out the new address for that host.
        $big = Join-Path ([IO.Path]::GetTempPath()) "qc-stream-$([guid]::NewGuid()).xml"
        try {
            $fixture = Join-Path $Samples 'e-defectdojo-trurisk-detections.xml'
            $xml = Get-Content -Raw $fixture
            $hostStart = $xml.IndexOf('<HOST>'); $hostEnd = $xml.LastIndexOf('</HOST>') + 7
            $hosts = $xml.Substring($hostStart, $hostEnd - $hostStart)
            $copies = 300
            $writer = [IO.StreamWriter]::new($big, $false, [Text.UTF8Encoding]::new($false))
            $writer.Write($xml.Substring(0, $hostStart))
            for ($i = 0; $i -lt $copies; $i++) { $writer.Write($hosts) }
            $writer.Write($xml.Substring($hostEnd)); $writer.Dispose()

            $old = '<IP>172.26.6.128</IP>'; $new = '<IP>172.26.6.129</IP>'
            $written = [IO.File]::ReadAllText($big)
            $offset = [Text.Encoding]::UTF8.GetByteCount($written.Substring(0, $written.LastIndexOf($old)))
            $fileBytes = (Get-Item $big).Length
            $offset | Should -BeGreaterThan ($fileBytes - $hosts.Length)
            $lastHost = @(Import-QualysReport -LiteralPath $fixture | Where-Object IP -EQ '172.26.6.128').Count
            $lastHost | Should -BeGreaterThan 0

            $n = 0
            $findings = @(Import-QualysReport -LiteralPath $big | ForEach-Object {
                    if (++$n -eq 1) {
                        $stream = [IO.FileStream]::new($big, [IO.FileMode]::Open, [IO.FileAccess]::Write, [IO.FileShare]::ReadWrite)
                        try {
                            $stream.Position = $offset
                            $bytes = [Text.Encoding]::ASCII.GetBytes($new)
                            $stream.Write($bytes, 0, $bytes.Length)
                        }
                        finally { $stream.Dispose() }
                    }
                    $_
                })

            $findings.Count | Should -Be (20 * $copies)
            $findings[0].IP | Should -Be '192.168.44.184'
            # The last copy's second host: read after the first finding had left.
            @($findings | Select-Object -Last $lastHost | Where-Object IP -EQ '172.26.6.129') | Should -HaveCount $lastHost
            @($findings | Where-Object IP -EQ '172.26.6.129') | Should -HaveCount $lastHost
        }
        finally { Remove-Item $big -ErrorAction SilentlyContinue }
    }
}
