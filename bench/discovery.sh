#!/usr/bin/env bash
# The discovery benchmark: starts its own in-memory Azurite, one silo and the gateway on 127.0.0.1 (Release),
# generates N synthetic places and M marks through the grains, waits until the views show every place, then
# measures nearby, near me, destination page, tag page, popular and search at light load, beside a bare Kestrel
# endpoint serving the same JSON (baseline K) in the same run. Prints the table and writes it to bench/results/.
#
#   bench/discovery.sh                    # 100,000 places, 5,000 marks
#   PLACES=10000 MARKS=5000 bench/discovery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"

PLACES=${PLACES:-100000}
MARKS=${MARKS:-5000}
READERS=${READERS:-1000}
REQUESTS=${REQUESTS:-3000}
AZURITE_PORT=${AZURITE_PORT:-10402}
GATEWAY_PORT=${GATEWAY_PORT:-5480}
SILO_HTTP_PORT=${SILO_HTTP_PORT:-8481}
logs="$root/.run/bench"
SILO_PORT=11411 SILO_GATEWAY_PORT=30411 CLUSTER=atlas-bench
source "$root/bench/system.sh"
start_bench_system

dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" \
    --Bench:Gateway "http://127.0.0.1:${GATEWAY_PORT}" --Bench:Places "$PLACES" --Bench:Marks "$MARKS" \
    --Bench:Readers "$READERS" --Bench:Requests "$REQUESTS" --Bench:ResultsDirectory "$root/bench/results"
echo "Silo memory (RSS) with ${PLACES} places indexed: $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/${silo_pid}/status")"
