# The system a benchmark measures, started on 127.0.0.1 (sourced by the bench scripts, not run): a Release build,
# in-memory Azurite, one silo and the gateway, with the abuse rate limits lifted (all load comes from one address).
# Needs: root, logs, AZURITE_PORT, SILO_HTTP_PORT, SILO_PORT, SILO_GATEWAY_PORT, GATEWAY_PORT, CLUSTER.
# Sets silo_pid, gateway_pid and azurite_pid, and stops everything (newest first) when the calling script exits. Or Azurite alone
# (start_azurite_alone, needing root, logs and AZURITE_PORT), for the benchmarks of the store itself.

start_bench_system() {
    mkdir -p "$logs"
    # A silo or gateway of an earlier run that is still shutting down (its run interrupted before it stopped them) finds
    # its storage again once this run's Azurite listens on the same port, and its silo joins this run's cluster: the
    # run would measure two silos, and grains placed on the old one answer from its memory of the earlier run. So no
    # run starts beside one on its ports or pointed at its Azurite (the connection string in its environment).
    local stale=() pid
    for pid in $(pgrep -f "AtlasGrains.(Silo|Gateway).dll" || true); do
        if grep -qa "127.0.0.1:${AZURITE_PORT}/devstoreaccount1" "/proc/$pid/environ" 2>/dev/null \
            || grep -qaE "SiloPort=${SILO_PORT}\b|127.0.0.1:${GATEWAY_PORT}\b" "/proc/$pid/cmdline" 2>/dev/null; then
            stale+=("$pid")
        fi
    done
    if [ ${#stale[@]} -gt 0 ]; then
        echo "A silo or gateway of an earlier run is still running on this run's ports or storage (pids ${stale[*]}); stop it first (kill ${stale[*]})."
        exit 1
    fi
    ensure_azurite_installed
    echo "Building (Release)..."
    dotnet build "$root/AtlasGrains.sln" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

    # Production, as deployed (no developer exception page, no development defaults): so the run supplies what
    # Production requires, with values for this run only.
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export Payments__WebhookSecret="bench-$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    export Dashboard__Username=bench Dashboard__Password="bench-$(head -c 16 /dev/urandom | base64 | tr -d '\n')"
    export_bench_tables
    export Orleans__ClusterId="$CLUSTER" Orleans__ServiceId="$CLUSTER"
    export RateLimits__RequestsPerMinutePerClient=1000000000 RateLimits__WritesPerMinutePerUser=1000000000
    export RateLimits__NewsletterSignupsPerMinutePerClient=1000000000
    export Logging__LogLevel__Default=Warning

    bench_pids=()
    trap stop_bench_system INT TERM EXIT

    # AZURITE_NODE_FLAGS profiles the store itself, e.g. "--cpu-prof --cpu-prof-dir=/tmp/azurite-profile";
    # AZURITE_ARGS adds Azurite options, e.g. "--debug /tmp/azurite-requests.log" to log every request.
    # shellcheck disable=SC2086
    node ${AZURITE_NODE_FLAGS:-} "$(readlink -f "$root/node_modules/.bin/azurite-table")" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --inMemoryPersistence \
        --disableTelemetry --silent ${AZURITE_ARGS:-} > "$logs/azurite.log" 2>&1 &
    azurite_pid=$!
    bench_pids+=($azurite_pid)
    wait_for_port "$AZURITE_PORT" 30 || { echo "Azurite did not start; see $logs/azurite.log"; exit 1; }

    (cd "$root/silo/bin/Release/net10.0" && exec env "${SILO_ENVIRONMENT[@]}" dotnet AtlasGrains.Silo.dll --Orleans:SiloPort="$SILO_PORT" \
        --Orleans:GatewayPort="$SILO_GATEWAY_PORT" --urls "http://127.0.0.1:${SILO_HTTP_PORT}") > "$logs/silo.log" 2>&1 &
    silo_pid=$!
    bench_pids+=($silo_pid)
    wait_for_url "http://127.0.0.1:${SILO_HTTP_PORT}/health/live" 120 || { echo "The silo did not start; see $logs/silo.log"; exit 1; }

    (cd "$root/gateway/bin/Release/net10.0" && exec env "${GATEWAY_ENVIRONMENT[@]}" dotnet AtlasGrains.Gateway.dll --urls "http://127.0.0.1:${GATEWAY_PORT}") \
        > "$logs/gateway.log" 2>&1 &
    gateway_pid=$!
    bench_pids+=($gateway_pid)
    wait_for_url "http://127.0.0.1:${GATEWAY_PORT}/health/ready" 120 || { echo "The gateway did not start; see $logs/gateway.log"; exit 1; }
}

stop_bench_system() {
    trap - INT TERM EXIT
    # Azurite with INT: it only shuts down cleanly (writing a profile it was asked for) on INT, and Node handles INT even
    # where it was inherited ignored. The silo and the gateway with TERM: a script run without job control (CI, nohup,
    # any background run) starts its background commands with SIGINT ignored, and .NET leaves it so; INT then did
    # nothing, and each waited out stop_process's 20 s and was killed.
    local i pid
    for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do
        pid=${bench_pids[$i]}
        if [ "$pid" = "$azurite_pid" ]; then stop_process "$pid" INT; else stop_process "$pid" TERM; fi
    done
}

# The bench's tables: Azurite on AZURITE_PORT, with its well-known, public development account key (a local default).
export_bench_tables() {
    export ConnectionStrings__Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1;"
}

# Azurite alone (in memory) and the bench driver built, for the benchmarks of the store itself: sets azurite_pid and
# stops Azurite when the calling script exits.
start_azurite_alone() {
    mkdir -p "$logs"
    ensure_azurite_installed
    echo "Building (Release)..."
    dotnet build "$root/bench/AtlasGrains.Bench" -c Release -nologo -v quiet > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }
    "$root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --inMemoryPersistence \
        --disableTelemetry --silent > "$logs/azurite.log" 2>&1 &
    azurite_pid=$!
    trap 'stop_process "$azurite_pid" INT' EXIT
    wait_for_port "$AZURITE_PORT" 30 || { echo "Azurite did not start; see $logs/azurite.log"; exit 1; }
    export_bench_tables
}
