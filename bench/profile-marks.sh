#!/usr/bin/env bash
# Why marks (and reads, and list adds) run at the rate they do: runs bench/marks.sh with S1 and S2 small, S3 and S4
# at their usual size and S5 tiny, with Azurite logging every request and profiling its own CPU, samples the CPU time
# of every process of the run, and collects the silo's .NET counters (dotnet-counters).
# Writes bench/results/marks-profile.md:
#   - Azurite requests per acknowledged mark during S1 and S2, by operation and table;
#   - Azurite's hottest functions (V8 CPU profile);
#   - CPU seconds used by Azurite, the silo, the gateway and the load generator during the marks, and the same split
#     for K's and S3's maximum and for S4 (Azurite's request log inflates its own share there);
#   - the silo's CPU, GC and thread-pool counters.
#
#   bench/profile-marks.sh                     # S1 3,000 users on one place, S2 3,000 marks
#   HOT_USERS=10000 bench/profile-marks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/.run/bench-profile"
rm -rf "$out" && mkdir -p "$out/azurite-cpu" "$out/results"
tools="$root/.run/tools"
if [ ! -x "$tools/dotnet-counters" ]; then
    dotnet tool install --tool-path "$tools" dotnet-counters --version 10.0.750501 > "$out/tool-install.log"
fi

export HOT_ROUNDS=1 POSTGRES=0 PLACES=${PLACES:-2000} HOT_USERS=${HOT_USERS:-3000} USERS=${USERS:-3000} UNIFORM_MARKS=${UNIFORM_MARKS:-3000}
# S3 long enough (about 10 s) and S4 at the issue's size, for their windows' CPU split.
export READS=${READS:-100000} READ_SECONDS=${READ_SECONDS:-3} LISTS=${LISTS:-16} LIST_ITEMS=${LIST_ITEMS:-1000}
export SIGNUPS=10 RESULTS_DIR="$out/results"
# No warm-ups: the requests per mark are counted from the seeding's end, where a warm-up's marks would count as S1's.
export WARMUP_SECONDS=${WARMUP_SECONDS:-0}
export AZURITE_ARGS="--debug $out/azurite-requests.log" AZURITE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=$out/azurite-cpu"
export SILO_PORT=${SILO_PORT:-11421}

# Samples cumulative CPU time (utime + stime, in clock ticks) of the run's processes once a second.
sample_cpu() {
    while true; do
        for pid in $(pgrep -f "azurite-table|main.js --tableHost|AtlasGrains.Silo.dll|AtlasGrains.Gateway.dll|AtlasGrains.Bench.dll" || true); do
            [ -r "/proc/$pid/stat" ] || continue
            name=$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -oE "azurite|main.js|Silo|Gateway|Bench" | head -1 || true)
            ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "")
            [ -n "$ticks" ] && echo "$(date +%s) $pid $name $ticks"
        done
        sleep 1
    done
}
sample_cpu > "$out/cpu-samples.txt" &
sampler=$!

# The silo's counters, from when it is up until it stops.
(
    for _ in $(seq 1 600); do
        pid=$(pgrep -f "AtlasGrains.Silo.dll --Orleans:SiloPort=$SILO_PORT" | head -1 || true)
        [ -n "$pid" ] && break
        sleep 0.5
    done
    [ -n "${pid:-}" ] && "$tools/dotnet-counters" collect -p "$pid" --format csv -o "$out/silo-counters.csv" \
        --refresh-interval 1 --counters System.Runtime > "$out/counters.log" 2>&1 || true
) &
counters=$!

status=0
"$root/bench/marks.sh" | tee "$out/marks.log" || status=$?
kill "$sampler" 2>/dev/null || true
wait "$counters" 2>/dev/null || true
[ $status -eq 0 ] || exit $status

python3 "$root/bench/profile/summarize.py" "$out" "$root/bench/results/marks-profile.md"
cat "$root/bench/results/marks-profile.md"
