#!/usr/bin/env bash
# Runs every test. Installs what the tests need (Azurite from npm, Debian's Chromium for the browser tests), builds,
# runs the suite (the tests start their own Azurite and Orleans clusters on free loopback ports) and ends with the
# totals: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"
ensure_azurite_installed
# Without a browser the browser tests fail, each saying so; every other test still runs.
ensure_chromium_installed || echo "Going on without Chromium." >&2

# The short chaos run (real processes, silos SIGKILLed, storage stopped; about 4 minutes) is part of every run.
# ATLAS_CHAOS_SECONDS=600 makes it the long one.
export ATLAS_CHAOS_SECONDS="${ATLAS_CHAOS_SECONDS:-60}"

results="$root/TestResults"
rm -rf "$results"
dotnet build "$root/AtlasGrains.sln" -c Release -nologo
status=0
dotnet test "$root/AtlasGrains.sln" -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for trx in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    counters = ET.parse(trx).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
if passed == 0:
    print("No test ran.", file=sys.stderr)
    sys.exit(1)
PY
exit $status
