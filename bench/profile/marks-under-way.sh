# Sourced by the profiling scripts (profile-cpu.sh, profile-allocations.sh): starts bench/marks.sh in the background
# with the environment they set, logging to $out/marks.log, waits until a line of the log matches $window and the
# scenario is $settle seconds under way (3 unless set), then finds its processes. Sets: bench (marks.sh's pid), silo, gateway,
# azurite, driver (their pids); defines stop_marks_run.
"$root/bench/marks.sh" > "$out/marks.log" 2>&1 &
bench=$!
until grep -Eq "$window" "$out/marks.log" 2>/dev/null; do
    kill -0 "$bench" 2>/dev/null || { cat "$out/marks.log"; exit 1; }
    sleep 0.5
done
sleep "${settle:-3}" # past the scenario's first activations and connections

silo=$(pgrep -f "AtlasGrains.Silo.dll --Orleans:SiloPort=$SILO_PORT" | head -1 || true)
gateway=$(pgrep -f "AtlasGrains.Gateway.dll --urls http://127.0.0.1:$GATEWAY_PORT" | head -1 || true)
azurite=$(pgrep -f "main.js --tableHost 127.0.0.1 --tablePort $AZURITE_PORT" | head -1 || true)
driver=$(pgrep -f "AtlasGrains.Bench.dll --Bench:Scenario marks --Bench:Gateway http://127.0.0.1:$GATEWAY_PORT" | head -1 || true)
if [ -z "$silo" ] || [ -z "$gateway" ]; then
    echo "The run's silo or gateway is gone ${settle:-3} s after its window began: the scenario ended before it could be sampled." >&2
    exit 1
fi

# Ends the run early: the driver first, since marks.sh stops its system only once the driver it waits on has exited.
stop_marks_run() {
    kill "$driver" "$bench" 2> /dev/null || true
    wait "$bench" 2> /dev/null || true
}
