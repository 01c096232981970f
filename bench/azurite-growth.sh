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
mkdir -p "$logs"
ensure_azurite_installed
echo "Building (Release)..."
dotnet build "$root/bench/AtlasGrains.Bench" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

"$root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --inMemoryPersistence \
    --disableTelemetry --silent > "$logs/azurite.log" 2>&1 &
azurite_pid=$!
trap 'stop_process "$azurite_pid" INT' EXIT
wait_for_port "$AZURITE_PORT" 30 || { echo "Azurite did not start; see $logs/azurite.log"; exit 1; }

# Local development default: Azurite's well-known, public development account key.
export ConnectionStrings__Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"
echo "| rows in the table | replace, ms per entity | delete, ms per entity | insert, ms per entity | point read, ms | range query of 10 rows, ms |"
dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario azurite-growth \
    --Bench:GrowthSizes "$GROWTH_SIZES" --Bench:ResultsDirectory "${RESULTS_DIR:-$root/bench/results}"
