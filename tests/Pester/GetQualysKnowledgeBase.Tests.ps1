BeforeAll {
    Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
    $CommandName = 'QualysCompare.Cmdlets.GetQualysKnowledgeBaseCommand'
    # The fake Qualys of the xunit tests, compiled here: a raw-socket HTTP server on 127.0.0.1.
    $serverSource = Join-Path $PSScriptRoot '../QualysCompare.Engine.Tests/Api'
    if (-not ('QualysCompare.Testing.ServerScenarios' -as [type])) {
        Add-Type -Path (Join-Path $serverSource 'FakeQualysServer.cs'), (Join-Path $serverSource 'HostDetectionPages.cs'), (Join-Path $serverSource 'KnowledgeBasePages.cs'), (Join-Path $serverSource 'ServerScenarios.cs')
    }
    # The KnowledgeBase endpoint answers from the recorded fixture; this copy cannot find it by itself.
    [QualysCompare.Testing.FakeKnowledgeBase]::FixturePath = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures/api/knowledgebase-vuln-list.xml')).Path
    $KnowledgeBasePath = '/api/2.0/fo/knowledge_base/vuln/'
    $Password = 'S3cr3t-P@ss!'
    $Credential = [pscredential]::new('qcomp_as7', (ConvertTo-SecureString $Password -AsPlainText -Force))

    function Get-Text($Records) { ($Records | ForEach-Object { "$_" }) -join "`n" }
    function Get-KnowledgeBaseRequests($Server) { @($Server.Requests | Where-Object Target -eq $KnowledgeBasePath) }
}

Describe 'Get-QualysKnowledgeBase command shape' {
    BeforeAll { $command = Get-Command Get-QualysKnowledgeBase }

    It 'is exported and declares KnowledgeBaseEntry as its output type' {
        $command.OutputType.Name | Should -Be 'QualysCompare.Engine.Model.KnowledgeBaseEntry'
    }

    It 'takes -ApiUrl and -Credential as Get-QualysHostDetection does' {
        $command.Parameters['ApiUrl'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
        $cred = $command.Parameters['Credential']
        $cred.ParameterType | Should -Be ([pscredential])
        $cred.Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
        $cred.Attributes.TypeId.Name | Should -Contain 'CredentialAttribute'
        $command.Parameters['ApiVersion'].ParameterType | Should -Be ([string])
    }

    It 'validates -Qid to positive numbers and takes it from the pipeline by property name' {
        $qid = $command.Parameters['Qid']
        $qid.ParameterType | Should -Be ([int[]])
        $qid.Attributes.Where({ $_ -is [ValidateRange] }).MinRange | Should -Be 1
        $qid.Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -BeTrue
        $command.Parameters['CachePath'].ParameterType | Should -Be ([string])
    }

    It 'has help for the command and each parameter' {
        $help = Get-Help Get-QualysKnowledgeBase -Full
        $help.Synopsis | Should -BeLike '*KnowledgeBase API*'
        foreach ($name in 'ApiUrl', 'Credential', 'Qid', 'CachePath', 'ApiVersion') {
            ($help.parameters.parameter | Where-Object name -eq $name).description | Out-String | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Get-QualysKnowledgeBase against a fake Qualys on 127.0.0.1' {
    AfterEach {
        if ($server) { $server.Dispose() }
    }

    It 'downloads the asked QIDs, sending them as ranges in the body' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $all = Get-QualysKnowledgeBase -ApiUrl $server.BaseUrl -Credential $Credential -Qid 38173, 38170, 90007, 90043 -Verbose 4>&1
        $entries = @($all | Where-Object { $_ -is [QualysCompare.Engine.Model.KnowledgeBaseEntry] })
        $verbose = $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        $entries.QID | Sort-Object | Should -Be @(38170, 38173, 90007, 90043)
        $entries | ForEach-Object { $_.Title | Should -Not -BeNullOrEmpty }
        $request = @(Get-KnowledgeBaseRequests $server)
        $request | Should -HaveCount 1
        $request[0].Field('ids') | Should -Be '38170,38173,90007,90043'
        $request[0].Field('details') | Should -Be 'All'
        $request[0].Target | Should -Not -Match '\?'
        Get-Text $verbose | Should -BeLike '*POST http://127.0.0.1:*/api/2.0/fo/knowledge_base/vuln/ action=list&details=All&ids=38170,38173,90007,90043*'
    }

    It 'takes the QIDs of piped findings' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $findings = Get-QualysHostDetection $server.BaseUrl $Credential
        $entries = @($findings | Get-QualysKnowledgeBase -ApiUrl $server.BaseUrl -Credential $Credential)
        $entries.QID | Should -Be @($findings.QID | Sort-Object -Unique)
        Get-KnowledgeBaseRequests $server | Should -HaveCount 1
    }

    It 'fills the cache on the first run and asks only for changes on the second' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $cache = Join-Path $TestDrive 'kb-cache.xml'
        $first = @(Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170, 90007, 105015 -CachePath $cache)
        $first | Should -HaveCount 3
        Test-Path -LiteralPath $cache | Should -BeTrue
        Get-Content -Raw -LiteralPath $cache | Should -Not -BeLike "*$Password*"
        # The cache is a KnowledgeBase file: the file cmdlet reads it.
        (Import-QualysKnowledgeBase -LiteralPath $cache).QID | Should -Be @(38170, 90007, 105015)

        $second = @(Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170, 90007, 105015 -CachePath $cache -WarningVariable cacheWarnings)
        $requests = @(Get-KnowledgeBaseRequests $server)
        $requests | Should -HaveCount 2
        $requests[1].Field('last_modified_after') | Should -Be '2021-03-02T10:15:00Z'
        $second.Title | Should -Be $first.Title
        $cacheWarnings | Should -HaveCount 0
    }

    It 'warns about a damaged cache and rebuilds it' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $cache = Join-Path $TestDrive 'damaged-cache.xml'
        Set-Content -LiteralPath $cache -Value '<KNOWLEDGE_BASE_VULN_LIST_OUTPUT><RESPONSE><VULN_LIST><VULN><QID>38170'
        $entries = @(Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170 -CachePath $cache -WarningVariable cacheWarnings -WarningAction SilentlyContinue)
        $entries.QID | Should -Be 38170
        $cacheWarnings | Should -HaveCount 1
        "$cacheWarnings" | Should -BeLike "*$cache*damaged*rebuilt*"
        (Get-KnowledgeBaseRequests $server)[0].Field('last_modified_after') | Should -BeNullOrEmpty
        (Import-QualysKnowledgeBase -LiteralPath $cache).QID | Should -Be 38170
    }

    It 'gives Compare-QualysVantage a title for every row of an API pull' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('ThreePages')
        $findings = Get-QualysHostDetection $server.BaseUrl $Credential
        $kb = Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid ($findings.QID | Sort-Object -Unique) -CachePath (Join-Path $TestDrive 'compare-cache.xml')
        $rows = @($findings | Compare-QualysVantage -KnowledgeBase $kb -WarningAction SilentlyContinue)
        $rows.Count | Should -BeGreaterThan 0
        foreach ($row in $rows) { $row.Title | Should -Not -BeNullOrEmpty -Because "QID $($row.QID) is in the KnowledgeBase" }
        $withoutKb = @($findings | Compare-QualysVantage -WarningAction SilentlyContinue)
        @($withoutKb | Where-Object { -not $_.Title }).Count | Should -BeGreaterThan 0 -Because 'the detection pages carry no titles'
    }

    It 'stops with QualysApiErrorResponse and Qualys''s CODE and TEXT on an error body' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('AccountExpired')
        $err = { Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiErrorResponse,$CommandName"
        $err.Exception.Message | Should -BeLike '*CODE 2001: This account has expired.*'
    }

    It 'stops with QualysApiAuthenticationFailed on HTTP 401, naming no credential' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('Unauthorized')
        $err = { Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "QualysApiAuthenticationFailed,$CommandName"
        $err.Exception.Message | Should -Not -BeLike "*$Password*"
        $err.Exception.Message | Should -Not -BeLike '*qcomp_as7*'
    }

    It 'waits out a 409 and says so with -Verbose' {
        $server = [QualysCompare.Testing.ServerScenarios]::Start('RateLimitedOnce')
        $all = Get-QualysKnowledgeBase $server.BaseUrl $Credential -Qid 38170 -Verbose 4>&1
        @($all | Where-Object { $_ -is [QualysCompare.Engine.Model.KnowledgeBaseEntry] }) | Should -HaveCount 1
        Get-Text ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -BeLike '*Qualys asked to wait 1 s (rate limit)*'
    }
}

Describe 'Get-QualysKnowledgeBase refuses before any request' {
    It 'refuses plain http to another machine with ApiUrlNotHttps' {
        $err = { Get-QualysKnowledgeBase -ApiUrl 'http://example.com' -Credential $Credential -Qid 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "ApiUrlNotHttps,$CommandName"
    }

    It 'refuses a folder as -CachePath with CachePathIsFolder' {
        $err = { Get-QualysKnowledgeBase -ApiUrl 'https://qualysapi.qg2.apps.qualys.com' -Credential $Credential -CachePath $TestDrive } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "CachePathIsFolder,$CommandName"
    }

    It 'refuses QID 0 by its validation' {
        { Get-QualysKnowledgeBase -ApiUrl 'https://qualysapi.qg2.apps.qualys.com' -Credential $Credential -Qid 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,QualysCompare.Cmdlets.GetQualysKnowledgeBaseCommand'
    }
}
