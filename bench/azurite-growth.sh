#!/usr/bin/env bash
# What an entity costs Azurite as its table grows (why S2 slows as it runs, and why Tb, measured on an empty table,
# is a high bar for scenarios that run against hundreds of thousands of rows): starts in-memory Azurite alone on
# 127.0.0.1, fills one table to each of GROWTH_SIZES rows and times, one request at a time, 100-entity transactions
# that replace, delete and insert, and point reads. Prints the table and writes bench/results/azurite-growth.md.
#
#   bench/azurite-growth.sh                           # 2,000, 50,000 and 200,000 rows (about two minutes)
#   GROWTH_SIZES=2000,100000 bench/azurite-growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"

AZURITE_PORT=${AZURITE_PORT:-10413}
GROWTH_SIZES=${GROWTH_SIZES:-2000,50000,200000}
logs="$root/.run/bench-growth"
source "$root/bench/system.sh"
start_azurite_alone

echo "| rows in the table | replace, ms per entity | delete, ms per entity | insert, ms per entity | point read, ms | range query of 10 rows, ms |"
dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario azurite-growth \
    --Bench:GrowthSizes "$GROWTH_SIZES" --Bench:ResultsDirectory "${RESULTS_DIR:-$root/bench/results}"
