#!/usr/bin/env bash
# What each kind of request costs Azurite in CPU, the resource the mark scenarios run out of (Azurite's JavaScript runs
# on one core): starts in-memory Azurite alone on 127.0.0.1 and sends, for 4 s each and in two passes (the first one
# warms Azurite up), point reads of present and missing rows, single inserts, transactions of 3, 12 and 100 inserts
# into shared partitions, and of 100 inserts and 100 upserts into new ones (Tb's), reading Azurite's CPU time from
# /proc around each. From those: the Azurite CPU of a mark as built, and what a mark may cost at 0.5 x Tb. Prints the
# table and writes bench/results/azurite-costs.md (about a minute).
#
#   bench/azurite-costs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"

AZURITE_PORT=${AZURITE_PORT:-10414}
logs="$root/.run/bench-costs"
source "$root/bench/system.sh"
start_azurite_alone

dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario azurite-costs \
    --Bench:AzuritePid "$azurite_pid" --Bench:ResultsDirectory "${RESULTS_DIR:-$root/bench/results}"
