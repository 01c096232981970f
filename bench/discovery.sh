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
mkdir -p "$logs"

ensure_azurite_installed
echo "Building (Release)..."
dotnet build "$root/AtlasGrains.sln" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
# Local development default: Azurite's well-known, public development account key.
export ConnectionStrings__Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"
export Orleans__ClusterId=atlas-bench Orleans__ServiceId=atlas-bench
# All load comes from one address: lift the abuse limits for the run.
export RateLimits__RequestsPerMinutePerClient=100000000 RateLimits__WritesPerMinutePerUser=100000000
export Logging__LogLevel__Default=Warning

pids=()
stop_all() {
    trap - INT TERM EXIT
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_process "${pids[$i]}"; done
}
trap stop_all INT TERM EXIT

"$root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --inMemoryPersistence --disableTelemetry --silent > "$logs/azurite.log" 2>&1 &
pids+=($!)
wait_for_port "$AZURITE_PORT" 30 || { echo "Azurite did not start; see $logs/azurite.log"; exit 1; }

(cd "$root/silo/bin/Release/net10.0" && exec dotnet AtlasGrains.Silo.dll --Orleans:SiloPort=11411 --Orleans:GatewayPort=30411 \
    --urls "http://127.0.0.1:${SILO_HTTP_PORT}") > "$logs/silo.log" 2>&1 &
silo_pid=$!
pids+=($silo_pid)
wait_for_url "http://127.0.0.1:${SILO_HTTP_PORT}/health/live" 120 || { echo "The silo did not start; see $logs/silo.log"; exit 1; }

(cd "$root/gateway/bin/Release/net10.0" && exec dotnet AtlasGrains.Gateway.dll --urls "http://127.0.0.1:${GATEWAY_PORT}") > "$logs/gateway.log" 2>&1 &
pids+=($!)
wait_for_url "http://127.0.0.1:${GATEWAY_PORT}/health/ready" 120 || { echo "The gateway did not start; see $logs/gateway.log"; exit 1; }

dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" \
    --Bench:Gateway "http://127.0.0.1:${GATEWAY_PORT}" --Bench:Places "$PLACES" --Bench:Marks "$MARKS" \
    --Bench:Readers "$READERS" --Bench:Requests "$REQUESTS" --Bench:ResultsDirectory "$root/bench/results"
echo "Silo memory (RSS) with ${PLACES} places indexed: $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/${silo_pid}/status")"
