@{
    RootModule             = 'QualysCompare.Cmdlets.dll'
    # build.ps1 writes the version from Directory.Build.props, the one place it is kept.
    ModuleVersion          = '0.0.0'
    GUID                   = '6f0c5a3e-2b7d-4f57-9d53-3c1e8a4b9d21'
    Author                 = 'QualysCompare contributors'
    CompanyName            = 'QualysCompare contributors'
    Copyright              = '(c) 2026 QualysCompare contributors. MIT License.'
    Description            = 'Lines up Qualys Scanner Appliance and Cloud Agent findings offline, per host and per QID, and says why each side missed what the other saw.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('QualysCompare.Format.ps1xml')
    CmdletsToExport        = @(
        'Import-QualysReport'
        'Get-QualysHostDetection'
        'Get-QualysKnowledgeBase'
        'Compare-QualysVantage'
        'Measure-QualysVantage'
        'Export-CoverageGap'
        'Import-QualysKnowledgeBase'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Qualys', 'Vulnerability', 'VMDR', 'CloudAgent', 'Scanner', 'Security', 'Compare', 'Windows', 'Linux', 'PSEdition_Desktop', 'PSEdition_Core')
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
