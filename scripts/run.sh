#!/usr/bin/env bash
# Runs the whole system locally on 127.0.0.1: Azurite (data on disk under .data/azurite), an SMTP sink
# with a web UI to read the mails (smtp4dev, a dotnet tool), two silos and the gateway. Prints the gateway URL once it is ready. Ctrl-C stops everything cleanly: the
# gateway first, then the silos, and storage last (silos hang if storage goes first).
#
# Ports (override through the environment): GATEWAY_PORT=5080, AZURITE_PORT=10002, SMTP_PORT=2525, MAIL_UI_PORT=5081,
# SILO_PORTS="11111 11112", SILO_GATEWAY_PORTS="30000 30001", SILO_HTTP_PORTS="8081 8082" (health, dashboard).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

GATEWAY_PORT=${GATEWAY_PORT:-5080}
AZURITE_PORT=${AZURITE_PORT:-10002}
SMTP_PORT=${SMTP_PORT:-2525}
MAIL_UI_PORT=${MAIL_UI_PORT:-5081}
read -r -a silo_ports <<< "${SILO_PORTS:-11111 11112}"
read -r -a silo_gateway_ports <<< "${SILO_GATEWAY_PORTS:-30000 30001}"
read -r -a silo_http_ports <<< "${SILO_HTTP_PORTS:-8081 8082}"
logs="$root/.run/logs"
mkdir -p "$logs" "$root/.data/azurite"

source "$root/scripts/lib.sh"
ensure_azurite_installed
dotnet tool restore > /dev/null
echo "Building (Release)..."
dotnet build "$root/AtlasGrains.sln" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

# Development: the hosts take their local defaults (Azurite's public key, a development signing key and
# dashboard password) from appsettings.Development.json; production refuses those.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
# Local development default: Azurite's well-known, public development account key.
export ConnectionStrings__Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"

export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT" Smtp__PublicBaseUrl="http://127.0.0.1:${GATEWAY_PORT}"

gateway_pid="" azurite_pid="" mail_pid=""
silo_pids=()
stop_all() {
    trap - INT TERM EXIT
    echo; echo "Stopping..."
    stop_process "$gateway_pid"
    for pid in "${silo_pids[@]}"; do stop_process "$pid"; done
    stop_process "$mail_pid"
    # Azurite saves its on-disk data on SIGINT only; SIGTERM would drop the last seconds of writes.
    stop_process "$azurite_pid" INT
    echo "Stopped."
}
trap stop_all INT TERM EXIT

"$root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" \
    --location "$root/.data/azurite" --disableTelemetry > "$logs/azurite.log" 2>&1 &
azurite_pid=$!
wait_for_port "$AZURITE_PORT" 30 || { echo "Azurite did not start; see $logs/azurite.log"; exit 1; }

# The SMTP sink: keeps every mail in memory and shows it at http://127.0.0.1:$MAIL_UI_PORT.
dotnet tool run smtp4dev --urls="http://127.0.0.1:${MAIL_UI_PORT}" --smtpport="$SMTP_PORT" --bindaddress=127.0.0.1 \
    --imapport=0 --pop3port=0 --db= --nousersettings --disableipv6 > "$logs/smtp4dev.log" 2>&1 &
mail_pid=$!
wait_for_port "$SMTP_PORT" 60 || { echo "The SMTP sink did not start; see $logs/smtp4dev.log"; exit 1; }

for i in "${!silo_ports[@]}"; do
    (cd "$root/silo/bin/Release/net10.0" && exec env "${SILO_ENVIRONMENT[@]}" dotnet AtlasGrains.Silo.dll \
        --Orleans:SiloPort="${silo_ports[$i]}" --Orleans:GatewayPort="${silo_gateway_ports[$i]}" \
        --urls "http://127.0.0.1:${silo_http_ports[$i]}") > "$logs/silo$((i + 1)).log" 2>&1 &
    silo_pids+=($!)
    # One silo at a time: silos joining an Azure Table membership table together contend for its version
    # row and can retry for a long while. A silo serves HTTP only once it has joined the cluster.
    wait_for_url "http://127.0.0.1:${silo_http_ports[$i]}/health/live" 120 \
        || { echo "Silo $((i + 1)) did not start; see $logs/silo$((i + 1)).log"; exit 1; }
done

(cd "$root/gateway/bin/Release/net10.0" && exec env "${GATEWAY_ENVIRONMENT[@]}" dotnet AtlasGrains.Gateway.dll --urls "http://127.0.0.1:${GATEWAY_PORT}") > "$logs/gateway.log" 2>&1 &
gateway_pid=$!

if wait_for_url "http://127.0.0.1:${GATEWAY_PORT}/health/ready" 120; then
    echo "AtlasGrains is running: http://127.0.0.1:${GATEWAY_PORT}/ (the site; API reference: http://127.0.0.1:${GATEWAY_PORT}/scalar)"
    echo "Mails (confirmations, welcomes): http://127.0.0.1:${MAIL_UI_PORT}"
    echo "Orleans Dashboard: http://127.0.0.1:${silo_http_ports[0]}/dashboard/ (user 'operator', password 'local-development-only')"
    echo "Logs in .run/logs. Press Ctrl-C to stop."
else
    echo "The gateway did not become ready; see the logs in $logs"; exit 1
fi
wait "$gateway_pid"
