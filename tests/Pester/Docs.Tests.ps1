# The pages a newcomer reads: README.md stays short, every relative link in README.md, CHANGELOG.md and
# docs/ leads to a file that exists, README shows every cmdlet with a link to its help page, and README
# gives the test command that CI (.ci/run) runs.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath

    # The cmdlets the staged module exports (build.ps1 -Task Test passes it in QUALYSCOMPARE_MANIFEST);
    # without a module at hand, the [Cmdlet(...)] declarations of the *Command.cs files.
    if ($env:QUALYSCOMPARE_MANIFEST -and (Test-Path -LiteralPath $env:QUALYSCOMPARE_MANIFEST)) {
        Import-Module $env:QUALYSCOMPARE_MANIFEST -Force
        $names = @(Get-Command -Module QualysCompare -CommandType Cmdlet | ForEach-Object Name)
        $cmdletSource = 'the staged module'
    }
    else {
        $names = @(Get-ChildItem -LiteralPath (Join-Path $root 'src/QualysCompare.Cmdlets') -Filter '*Command.cs' |
            ForEach-Object {
                $declaration = [regex]::Match((Get-Content -Raw -LiteralPath $_.FullName), '\[Cmdlet\(\s*Verbs\w+\.(\w+)\s*,\s*"(\w+)"')
                if ($declaration.Success) { '{0}-{1}' -f $declaration.Groups[1].Value, $declaration.Groups[2].Value }
            })
        $cmdletSource = 'src/QualysCompare.Cmdlets/*Command.cs'
    }
    $Cmdlets = @($names | Sort-Object -Unique | ForEach-Object { @{ Name = $_ } })
    $CmdletSource = @{ Source = $cmdletSource; Count = $Cmdlets.Count }

    $MarkdownFiles = @(
        @{ File = 'README.md' }
        @{ File = 'CHANGELOG.md' }
        Get-ChildItem -LiteralPath (Join-Path $root 'docs') -Recurse -File -Filter '*.md' |
            Sort-Object FullName |
            ForEach-Object { @{ File = $_.FullName.Substring($root.Length + 1).Replace('\', '/') } }
    )
}

BeforeAll {
    $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $ReadmePath = Join-Path $Root 'README.md'
    $Readme = Get-Content -Raw -LiteralPath $ReadmePath

    # Markdown without its fenced code blocks and inline code, where "](" is code, not a link.
    function Remove-MarkdownCode([string] $Text) {
        $Text = [regex]::Replace($Text, '(?ms)^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*', '')
        [regex]::Replace($Text, '(`+)(?:(?!\1).)+?\1', '')
    }

    # The targets of inline links and images, [text](target "title"), and of link definitions, [id]: target.
    function Get-MarkdownLinkTarget([string] $Text) {
        $prose = Remove-MarkdownCode $Text
        foreach ($match in [regex]::Matches($prose, '\]\(\s*<?([^)\s>]+)>?(?:\s+("[^"]*"|''[^'']*''))?\s*\)')) {
            $match.Groups[1].Value
        }
        foreach ($match in [regex]::Matches($prose, '(?m)^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)')) {
            $match.Groups[1].Value
        }
    }
}

Describe 'README.md' {
    It 'is at most 16 KB (16,384 bytes), a page for a newcomer' {
        (Get-Item -LiteralPath $ReadmePath).Length | Should -BeLessOrEqual 16384
    }

    It 'gives the test command that .ci/run runs' {
        # .ci/run's commands (the lines that start with dotnet), joined as one line the way README writes them.
        $ciLines = @(Get-Content -LiteralPath (Join-Path $Root '.ci/run') | ForEach-Object Trim | Where-Object { $_ -like 'dotnet *' })
        $ciLines.Count | Should -BeGreaterThan 0 -Because '.ci/run runs dotnet commands'
        ($ciLines -join ' ') | Should -BeLike '*-Task Test*'
        $command = $ciLines -join ' && '
        $readmeLines = @(($Readme -split '\r?\n') | ForEach-Object Trim)
        $readmeLines -contains $command | Should -BeTrue -Because "CI runs the test command README gives, so README must give '$command' on a line of its own"
    }
}

Describe 'The cmdlets to look for' {
    It 'are found in <Source>' -ForEach $CmdletSource {
        $Count | Should -BeGreaterThan 0
    }
}

Describe 'README on <Name>' -ForEach $Cmdlets {
    It 'names it' {
        # Outside link targets, so that a link alone does not count as naming it.
        $text = [regex]::Replace($Readme, '\]\([^)]*\)', ']')
        $text -match "(?<![\w-])$([regex]::Escape($Name))(?![\w-])" | Should -BeTrue -Because "README must name $Name in its text, not only in a link's address"
    }

    It 'links to docs/help/<Name>.md, which exists' {
        $targets = @(Get-MarkdownLinkTarget $Readme | ForEach-Object { ($_ -replace '#.*$', '') -replace '^\./', '' })
        $targets | Should -Contain "docs/help/$Name.md"
        Join-Path $Root "docs/help/$Name.md" | Should -Exist
    }
}

Describe 'Relative links in <File>' -ForEach $MarkdownFiles {
    It 'each lead to a file that exists' {
        $path = Join-Path $Root $File
        $folder = Split-Path -Parent $path
        $targets = @(Get-MarkdownLinkTarget (Get-Content -Raw -LiteralPath $path))
        $broken = foreach ($target in $targets) {
            if ($target -match '^(?i)(https?:|mailto:)') { continue }
            $relative = [uri]::UnescapeDataString(($target -replace '[#?].*$', ''))
            if (-not $relative) { continue }   # a link to an anchor of the same page
            $resolved = if ($relative.StartsWith('/')) { Join-Path $Root $relative.TrimStart('/') } else { Join-Path $folder $relative }
            if (-not (Test-Path -LiteralPath $resolved -PathType Leaf)) { $target }
        }
        $broken | Should -BeNullOrEmpty -Because "every relative link in $File must lead to a file"
    }
}
