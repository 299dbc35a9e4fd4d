# The whole pipeline on the trap scenario (tests/fixtures/scenarios/traps/README.md): DHCP churn, an
# address reused by another device, remote workers behind one NAT address, a nameless scan record,
# case and FQDN-vs-short-name differences, one QID on two ports, agent Fixed detections.
BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Traps = Join-Path $PSScriptRoot '../fixtures/scenarios/traps'
    $Files = (Join-Path $Traps 'scanner-scan.csv'), (Join-Path $Traps 'agent-detections.xml')
    $Rows = Import-QualysReport $Files | Compare-QualysVantage -WarningVariable MatchWarnings -WarningAction SilentlyContinue
}

Describe 'Import-QualysReport | Compare-QualysVantage on the trap scenario' {
    It 'gives 35 rows: 5 Both, 14 ScannerOnly, 16 AgentOnly' {
        $Rows | Should -HaveCount 35
        @($Rows | Where-Object Presence -eq 'Both') | Should -HaveCount 5
        @($Rows | Where-Object Presence -eq 'ScannerOnly') | Should -HaveCount 14
        @($Rows | Where-Object Presence -eq 'AgentOnly') | Should -HaveCount 16
    }

    It 'pairs <Name> by <MatchedBy> with <Counts> Both/ScannerOnly/AgentOnly' -ForEach @(
        @{ Name = 'db-01*'; MatchedBy = 'Fqdn'; Counts = 2, 4, 1 }
        @{ Name = 'win-01*'; MatchedBy = 'NetBios'; Counts = 1, 1, 2 }
        @{ Name = 'ws-12*'; MatchedBy = 'Fqdn'; Counts = 1, 1, 1 }
        @{ Name = 'nas-1*'; MatchedBy = 'IP'; Counts = 1, 1, 1 }
        @{ Name = 'prn-3*'; MatchedBy = 'None'; Counts = 0, 2, 0 }
    ) {
        $hostRows = @($Rows | Where-Object HostName -like $Name)
        $hostRows.MatchedBy | Select-Object -Unique | Should -Be $MatchedBy
        @(@($hostRows | Where-Object Presence -eq 'Both').Count, @($hostRows | Where-Object Presence -eq 'ScannerOnly').Count, @($hostRows | Where-Object Presence -eq 'AgentOnly').Count) | Should -Be $Counts
    }

    It 'warns about both ambiguities instead of merging' {
        # The scenario's data is from 2024, so staleness warnings come too; these are the matcher's.
        $MatchWarnings = @($MatchWarnings | Where-Object { "$_" -match '^(Ambiguous|Address)' })
        $MatchWarnings | Should -HaveCount 2
        ($MatchWarnings -join "`n") | Should -Match 'rw-anna'
        ($MatchWarnings -join "`n") | Should -Match 'rw-ben'
    }

    It 'folds one QID on two ports into one row' {
        @($Rows | Where-Object ScannerPorts -eq '443/tcp, 3389/tcp') | Should -Not -BeNullOrEmpty
    }

    It 'counts Fixed agent detections with -IncludeFixed only' {
        $withFixed = Import-QualysReport $Files | Compare-QualysVantage -IncludeFixed -WarningAction SilentlyContinue
        $withFixed | Should -HaveCount 37
    }

    It 'filters inside the cmdlet' {
        @(Import-QualysReport $Files | Compare-QualysVantage -MinimumSeverity 4 -WarningAction SilentlyContinue) | Should -HaveCount 12
        @(Import-QualysReport $Files | Compare-QualysVantage -Type Potential -WarningAction SilentlyContinue) | Should -HaveCount 1
    }

    It 'gives the same rows through -Scanner and -Agent' {
        $sides = Compare-QualysVantage -Scanner $Files[0] -Agent $Files[1] -WarningAction SilentlyContinue
        ($sides | ForEach-Object { "$($_.HostName) $($_.QID) $($_.Presence)" }) | Should -Be ($Rows | ForEach-Object { "$($_.HostName) $($_.QID) $($_.Presence)" })
    }

    It 'pipes agent-only rows straight into Export-Csv' {
        $csv = Join-Path ([IO.Path]::GetTempPath()) "qc-agentonly-$([guid]::NewGuid()).csv"
        try {
            Import-QualysReport $Files | Compare-QualysVantage -WarningAction SilentlyContinue |
                Where-Object Presence -eq 'AgentOnly' | Export-Csv $csv -NoTypeInformation
            $back = Import-Csv $csv
            $back | Should -HaveCount 16
            $back[0].PSObject.Properties.Name | Should -Be ([QualysCompare.Engine.Model.VantageComparison].GetProperties().Name)
            $back.Presence | Select-Object -Unique | Should -Be 'AgentOnly'
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
    }

    It 'sums per machine with Measure-QualysVantage' {
        $total = $Rows | Measure-QualysVantage -Total
        $total.Hosts | Should -Be 15
        $total.Both | Should -Be 5
        $total.AgentOnlyPercent | Should -Be 45.7
    }
}
