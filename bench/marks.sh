#!/usr/bin/env bash
# The marks and reads benchmark (issue 9, first slice): starts its own in-memory Azurite, one silo and the gateway on
# 127.0.0.1 (Release), measures the baselines Tc, Tb (Azurite alone, with Azure.Data.Tables) and K (bare Kestrel),
# seeds places through the grains and mints bench users' tokens (no accounts, no password hashing), then runs
# S1 hot place, S2 uniform marks and S3 place reads through the gateway, checks that the counts equal the
# acknowledged marks, and prints one table of ratios to the baselines, also written to bench/results/marks.{md,csv}.
#
#   bench/marks.sh                                             # 10k places, S1 10k users, S2 5k marks by 10k users
#   PLACES=10000 USERS=100000 UNIFORM_MARKS=100000 bench/marks.sh   # the issue's S2 sizes (minutes here)
#   PLACES=2000 HOT_USERS=2000 USERS=5000 UNIFORM_MARKS=5000 bench/marks.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"

PLACES=${PLACES:-10000}
HOT_USERS=${HOT_USERS:-10000}
USERS=${USERS:-10000}
UNIFORM_MARKS=${UNIFORM_MARKS:-5000}
WORKERS=${WORKERS:-64}
READS=${READS:-50000}
READ_SECONDS=${READ_SECONDS:-10}
AZURITE_PORT=${AZURITE_PORT:-10412}
GATEWAY_PORT=${GATEWAY_PORT:-5490}
SILO_HTTP_PORT=${SILO_HTTP_PORT:-8491}
logs="$root/.run/bench-marks"
mkdir -p "$logs"

ensure_azurite_installed
echo "Building (Release)..."
dotnet build "$root/AtlasGrains.sln" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
# Local development default: Azurite's well-known, public development account key.
export ConnectionStrings__Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"
export Orleans__ClusterId=atlas-bench-marks Orleans__ServiceId=atlas-bench-marks
# A signing key for this run only, given to the gateway and to the driver, which mints the bench users' tokens.
Auth__SigningKey="bench-$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
export Auth__SigningKey
# All load comes from one address and a few users write thousands of times: lift the abuse limits for the run.
export RateLimits__RequestsPerMinutePerClient=1000000000 RateLimits__WritesPerMinutePerUser=1000000000
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

(cd "$root/silo/bin/Release/net10.0" && exec dotnet AtlasGrains.Silo.dll --Orleans:SiloPort=11421 --Orleans:GatewayPort=30421 \
    --urls "http://127.0.0.1:${SILO_HTTP_PORT}") > "$logs/silo.log" 2>&1 &
silo_pid=$!
pids+=($silo_pid)
wait_for_url "http://127.0.0.1:${SILO_HTTP_PORT}/health/live" 120 || { echo "The silo did not start; see $logs/silo.log"; exit 1; }

(cd "$root/gateway/bin/Release/net10.0" && exec dotnet AtlasGrains.Gateway.dll --urls "http://127.0.0.1:${GATEWAY_PORT}") > "$logs/gateway.log" 2>&1 &
pids+=($!)
wait_for_url "http://127.0.0.1:${GATEWAY_PORT}/health/ready" 120 || { echo "The gateway did not start; see $logs/gateway.log"; exit 1; }

dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario marks \
    --Bench:Gateway "http://127.0.0.1:${GATEWAY_PORT}" --Bench:Places "$PLACES" --Bench:HotUsers "$HOT_USERS" \
    --Bench:Users "$USERS" --Bench:UniformMarks "$UNIFORM_MARKS" --Bench:Workers "$WORKERS" --Bench:Reads "$READS" \
    --Bench:ReadSeconds "$READ_SECONDS" --Bench:SiloPid "$silo_pid" --Bench:ResultsDirectory "$root/bench/results"
