BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $Samples = Join-Path $PSScriptRoot '../fixtures/samples'
    $CommandName = 'QualysCompare.Cmdlets.ImportQualysReportCommand'
}

Describe 'Import-QualysReport command shape' {
    It 'declares QualysFinding as its output type' {
        (Get-Command Import-QualysReport).OutputType.Name | Should -Be 'QualysCompare.Engine.Model.QualysFinding'
    }

    It 'takes -Path at position 0 with wildcards and from the pipeline' {
        $p = (Get-Command Import-QualysReport).Parameters['Path']
        $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $attr.Position | Should -Be 0
        $attr.ValueFromPipeline | Should -BeTrue
        $p.Attributes.TypeId.Name | Should -Contain 'SupportsWildcardsAttribute'
        $p.ParameterType | Should -Be ([string[]])
    }

    It 'binds -LiteralPath by property name through its PSPath alias' {
        $p = (Get-Command Import-QualysReport).Parameters['LiteralPath']
        $p.Aliases | Should -Contain 'PSPath'
        ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'offers Auto, Scanner and Agent for -Vantage, defaulting to Auto' {
        [enum]::GetNames((Get-Command Import-QualysReport).Parameters['Vantage'].ParameterType) | Should -Be @('Auto', 'Scanner', 'Agent')
    }
}

Describe 'Import-QualysReport refuses what is not a Qualys VM report' {
    It 'refuses <File> with <ErrorId>' -ForEach @(
        @{ File = 'x-defectdojo-hackerguardian-many_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-hackerguardian-one_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-hackerguardian-zero_finding.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'x-defectdojo-monthly_pci_issue6932.csv'; ErrorId = 'QualysReportPciScan' }
        @{ File = 'e-jupiterone-detection-error-400-simple_return.xml'; ErrorId = 'QualysApiErrorResponse' }
        @{ File = 'f-jupiterone-knowledge_base_vuln_list_output.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'g-jupiterone-fixture-list-host-assets.xml'; ErrorId = 'QualysReportWithoutDetections' }
        @{ File = 'f-qualyspy-knowledge_base_vuln_list_output.dtd'; ErrorId = 'QualysReportSchema' }
        @{ File = 'e-jupiterone-iterateHostDetections-recording.har'; ErrorId = 'QualysReportUnrecognized' }
    ) {
        $path = Join-Path $Samples $File
        $found = Import-QualysReport -LiteralPath $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$CommandName"
        $errs[0].TargetObject | Should -Be (Resolve-Path $path).ProviderPath
        $errs[0].Exception.Message | Should -BeLike "*$File*"
    }

    It 'names a ZIP archive of a report as compressed, and a binary file as not a text report' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('qc-wrong-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
        try {
            $zip = Join-Path $folder 'detections.zip'
            $archive = [System.IO.Compression.ZipFile]::Open($zip, 'Create')
            try {
                $null = [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, (Join-Path $Samples 'e-jupiterone-fixture-detections.xml'), 'detections.xml')
            }
            finally {
                $archive.Dispose()
            }
            $binary = Join-Path $folder 'detections.xml'
            $bytes = [byte[]]::new(8192)
            [Random]::new(14).NextBytes($bytes)
            [IO.File]::WriteAllBytes($binary, $bytes)

            $found = Import-QualysReport -LiteralPath $zip, $binary -ErrorVariable errs -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $errs | Should -HaveCount 2
            $errs[0].FullyQualifiedErrorId | Should -Be "QualysReportCompressed,$CommandName"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be $zip
            $errs[0].Exception.Message | Should -BeLike "$zip*ZIP archive*Extract*"
            $errs[1].FullyQualifiedErrorId | Should -Be "QualysReportBinary,$CommandName"
            $errs[1].Exception.Message | Should -BeLike "$binary*binary data, not a text report*"
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }

    It 'says which file and which Qualys CODE an API error body carries' {
        Import-QualysReport (Join-Path $Samples 'e-jupiterone-detection-error-400-simple_return.xml') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike '*CODE 1905*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
    }

    It 'reports a missing path as PathNotFound and goes on with the other inputs' {
        $errs = @()
        $null = Import-QualysReport -Path (Join-Path $Samples 'no-such-file.xml'), (Join-Path $Samples 'x-defectdojo-monthly_pci_issue6932.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 2
        $errs[0].FullyQualifiedErrorId | Should -Be "PathNotFound,$CommandName"
        $errs[1].FullyQualifiedErrorId | Should -Be "QualysReportPciScan,$CommandName"
    }

    It 'refuses a folder with PathIsFolder' {
        Import-QualysReport -LiteralPath $Samples -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be "PathIsFolder,$CommandName"
    }
}
