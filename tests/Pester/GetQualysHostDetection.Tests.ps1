BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $CommandName = 'QualysCompare.Cmdlets.GetQualysHostDetectionCommand'
    # The fake Qualys of the xunit tests, compiled here: a raw-socket HTTP server on 127.0.0.1.
    $serverSource = Join-Path $PSScriptRoot '../QualysCompare.Engine.Tests/Api'
    if (-not ('QualysCompare.Testing.ServerScenarios' -as [type])) {
        Add-Type -Path (Join-Path $serverSource 'FakeQualysServer.cs'), (Join-Path $serverSource 'HostDetectionPages.cs'), (Join-Path $serverSource 'KnowledgeBasePages.cs'), (Join-Path $serverSource 'ServerScenarios.cs')
    }
    # The KnowledgeBase endpoint answers from the recorded fixture; this copy cannot find it by itself.
    [QualysCompare.Testing.FakeKnowledgeBase]::FixturePath = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/api/knowledgebase-vuln-list.xml')).Path
    $Password = 'S3cr3t-P@ss!'
    $Credential = [pscredential]::new('qcomp_as7', (ConvertTo-SecureString $Password -AsPlainText -Force))
    # 13 detections on 7 hosts, host 1006 served on pages 2 and 3.
    $AllDetections = 13
    $AgentDetections = 6

    function Get-Text($Records) { ($Records | ForEach-Object { "$_" }) -join "`n" }
}

Describe 'Get-QualysHostDetection command shape' {
    BeforeAll { $command = Get-Command Get-QualysHostDetection }

    It 'is exported and declares QualysFinding as its output type' {
        $command.OutputType.Name | Should -Be 'QualysCompare.Engine.Model.QualysFinding'
    }

    It 'takes a mandatory -ApiUrl and a mandatory -Credential with the Credential attribute' {
        $command.Parameters['ApiUrl'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
        $cred = $command.Parameters['Credential']
        $cred.ParameterType | Should -Be ([pscredential])
        $cred.Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
        $cred.Attributes.TypeId.Name | Should -Contain 'CredentialAttribute'
    }

    It 'offers All, Agent and Scanner for -TrackingMethod and the four statuses for -Status' {
        [enum]::GetNames($command.Parameters['TrackingMethod'].ParameterType) | Should -Be @('All', 'Agent', 'Scanner')
        $command.Parameters['Status'].ParameterType | Should -Be ([QualysCompare.Engine.Model.DetectionStatus[]])
    }

    It 'validates -TruncationLimit to 0..1000000 and calls -OutFile also -OutFolder' {
        $range = $command.Parameters['TruncationLimit'].Attributes.Where({ $_ -is [ValidateRange] })
        $range.MinRange | Should -Be 0
        $range.MaxRange | Should -Be 1000000
        $command.Parameters['OutFile'].Aliases | Should -Contain 'OutFolder'
        $command.Parameters['IncludeResults'].SwitchParameter | Should -BeTrue
    }
}

Describe 'Get-QualysHostDetection against a fake Qualys on 127.0.0.1' {
    AfterEach {
        if ($server) { $server.Dispose() }
    }

    It 'follows the pages and writes every host once' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $all = Get-QualysHostDetection -ApiUrl $server.BaseUrl -Credential $Credential -Verbose 4>&1
        $found = $all | Where-Object { $_ -is [QualysCompare.Engine.Model.QualysFinding] }
        $verbose = $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $found | Should -HaveCount $AllDetections
        ($found | Group-Object HostId).Count | Should -Be 7
        $found[0].SourceFile | Should -Be 'api:page-0001'
        $server.Requests.Count | Should -Be 3
        $server.Requests[1].Field('id_min') | Should -Be '1004'
        $server.Requests[0].Header('X-Requested-With') | Should -Be 'QualysCompare'
        Get-Text $verbose | Should -BeLike '*POST http://127.0.0.1:*/api/2.0/fo/asset/host/vm/detection/ action=list*'
        Get-Text $verbose | Should -Not -BeLike "*$Password*"
    }

    It 'keeps only agent hosts with -TrackingMethod Agent' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $found = Get-QualysHostDetection $server.BaseUrl $Credential -TrackingMethod Agent
        $found | Should -HaveCount $AgentDetections
        $found.Vantage | Select-Object -Unique | Should -Be 'Agent'
    }

    It 'sends the filters in the form' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $null = Get-QualysHostDetection $server.BaseUrl $Credential -Status New, ReOpened -IncludeResults -TruncationLimit 0 `
            -DetectionUpdatedSince ([datetime]::new(2025, 1, 2, 3, 4, 5, [DateTimeKind]::Utc))
        $first = $server.Requests[0]
        $first.Field('status') | Should -Be 'New,Re-Opened'
        $first.Field('show_results') | Should -Be '1'
        $first.Field('truncation_limit') | Should -Be '0'
        $first.Field('detection_updated_since') | Should -Be '2025-01-02T03:04:05Z'
    }

    It 'saves the pages with -OutFile, and they import to the same findings' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $folder = Join-Path $TestDrive 'pull'
        $pulled = Get-QualysHostDetection $server.BaseUrl $Credential -OutFile $folder
        (Get-ChildItem $folder).Name | Should -Be @('page-0001.xml', 'page-0002.xml', 'page-0003.xml')
        Get-ChildItem $folder | Get-Content -Raw | Should -Not -BeLike "*$Password*"
        $imported = Import-QualysReport (Join-Path $folder 'page-*.xml') -WarningVariable pageWarnings -WarningAction SilentlyContinue
        # Host 1006 is on two pages: the pull wrote it once, importing the pages reads it twice.
        $imported | Should -HaveCount ($AllDetections + 2)
        # Pages 1 and 2 end with Qualys's "more follows" WARNING, which the import points out.
        $pageWarnings | Should -HaveCount 2
        $pulled[0].SourceFile | Should -Be (Join-Path $folder 'page-0001.xml')
    }

    It 'waits out a 409 and says so with -Verbose' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('RateLimitedOnce')
        $all = Get-QualysHostDetection $server.BaseUrl $Credential -Verbose 4>&1
        ($all | Where-Object { $_ -is [QualysCompare.Engine.Model.QualysFinding] }) | Should -HaveCount $AllDetections
        Get-Text ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -BeLike '*Qualys asked to wait 1 s (rate limit)*wait 1 of 5*'
    }

    It 'stops with QualysApiErrorResponse and Qualys''s CODE and TEXT on an error body sent with HTTP 200' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('AccountExpired')
        $err = { Get-QualysHostDetection $server.BaseUrl $Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiErrorResponse,$CommandName"
        $err.Exception.Message | Should -BeLike '*CODE 2001: This account has expired.*'
        $err.Exception.Message | Should -Not -BeLike "*$Password*"
    }

    It 'stops with QualysApiAuthenticationFailed on HTTP 401, naming no credential' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('Unauthorized')
        $err = { Get-QualysHostDetection $server.BaseUrl $Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiAuthenticationFailed,$CommandName"
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Not -BeLike "*$Password*"
        $err.Exception.Message | Should -Not -BeLike '*qcomp_as7*'
    }
}

Describe 'Get-QualysHostDetection refuses before any request' {
    It 'refuses plain http to another machine with ApiUrlNotHttps' {
        $err = { Get-QualysHostDetection -ApiUrl 'http://example.com' -Credential $Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "ApiUrlNotHttps,$CommandName"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a URL that carries a password, without echoing it' {
        $err = { Get-QualysHostDetection -ApiUrl 'https://qcomp_as7:hunter2@qualysapi.qg2.apps.qualys.com' -Credential $Credential } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "ApiUrlInvalid,$CommandName"
        "$err $($err.TargetObject)" | Should -Not -BeLike '*hunter2*'
    }

    It 'refuses a file as -OutFile with OutFileIsFile' {
        $file = Join-Path $TestDrive 'not-a-folder.txt'
        Set-Content -LiteralPath $file -Value 'x'
        $err = { Get-QualysHostDetection -ApiUrl 'https://qualysapi.qg2.apps.qualys.com' -Credential $Credential -OutFile $file } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "OutFileIsFile,$CommandName"
    }

    It 'refuses a -DetectionUpdatedSince in the future with QualysApiParameterInvalid' {
        $err = { Get-QualysHostDetection -ApiUrl 'https://qualysapi.qg2.apps.qualys.com' -Credential $Credential -DetectionUpdatedSince (Get-Date).AddDays(3) } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiParameterInvalid,$CommandName"
    }
}
