#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK and the NuGet packages, from the Debian
# packages of the machine's own package sources. build.ps1 -Task Test runs it before the tests.
#
# Each dependency is one function that returns at once when its tools are already there, so the
# script costs nothing on a machine that has them and can be run any number of times. Add a
# dependency as a function of its own and call it at the end.
set -euo pipefail

APT_UPDATED=

# apt-get install, as root or through sudo; the package lists are refreshed once per run.
apt_install() {
    local run=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "Install-TestDependencies: need root or sudo to install: $*" >&2
            return 1
        fi
        run=(sudo)
    fi
    if [ -z "$APT_UPDATED" ]; then
        "${run[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
        APT_UPDATED=1
    fi
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null
}

# Chromium prints the HTML report to PDF and pdfinfo (poppler-utils) counts its pages:
# tests/Pester/ExportCoverageGap.Tests.ps1, 'Export-CoverageGap HTML printed'.
install_print_tools() {
    if command -v chromium >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Install-TestDependencies: no apt-get here; install Chromium and poppler-utils (pdfinfo) yourself, or the print test fails." >&2
        return 0
    fi
    echo "Install-TestDependencies: installing chromium and poppler-utils"
    apt_install chromium poppler-utils
}

install_print_tools
