#!/usr/bin/env bash
# What the silo and the gateway allocate during S2 (uniform marks by many new users), or during S1 with
# SCENARIO=s1: runs bench/marks.sh with that scenario alone and, once it is under way, records both processes'
# allocation ticks for ALLOC_SECONDS over EventPipe (the bench driver's allocations mode). Writes
# bench/results/allocations-s2.md (or -s1.md): MB allocated per process, the largest types, and the innermost frame
# of our own code under each allocation. The CPU profile (bench/profile-cpu.sh) shows the collector's share of the
# CPU; this shows where its work comes from.
#
#   bench/profile-allocations.sh                  # S2: 100,000 marks by 100,000 users; about 5 minutes
#   SCENARIO=s1 bench/profile-allocations.sh      # S1 with 150,000 users; about 5 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/.run/bench-allocations"
rm -rf "$out" && mkdir -p "$out/results"

scenario=${SCENARIO:-s2}
export READ_ROUNDS=1 HOT_ROUNDS=1 POSTGRES=0 PLACES=${PLACES:-10000} USERS=200 UNIFORM_MARKS=200 LISTS=1 LIST_ITEMS=20 SIGNUPS=10 RESULTS_DIR="$out/results"
if [ "$scenario" = s1 ]; then
    window="Marks window starts"
    # S1 must outlast the recording (checked below), as in bench/profile-cpu.sh.
    export HOT_USERS=${HOT_USERS:-150000} READS=2000 READ_SECONDS=1
    title="What a hot place's marks allocate: S1"
else
    # S1 is a moment with 200 users; its line in the log means S2 has begun. S2 must outlast the recording (checked
    # below): 50,000 marks, as in the full run, ended inside it on the twenty-eighth session's machine.
    window="^S1: "
    export HOT_USERS=200 USERS=${USERS_S2:-100000} UNIFORM_MARKS=${UNIFORM_MARKS_S2:-100000} READS=2000 READ_SECONDS=1
    title="What uniform marks by many users allocate: S2"
fi
export SILO_PORT=${SILO_PORT:-11432} GATEWAY_PORT=${GATEWAY_PORT:-5491} AZURITE_PORT=${AZURITE_PORT:-10413}

. "$root/bench/profile/marks-under-way.sh"
dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario allocations \
    --Bench:Pids "silo=$silo,gateway=$gateway" --Bench:Seconds "${ALLOC_SECONDS:-10}" --Bench:TraceDirectory "$out" \
    --Bench:Report "$out/allocations-$scenario.md" --Bench:Title "$title" > "$out/report.log" 2>&1
# A scenario that ended inside the recording would mix what came after it into the figures.
ended=$([ "$scenario" = s1 ] && echo "^S1 round 1: " || echo "^S2: ")
if grep -Eq "$ended" "$out/marks.log"; then
    echo "$scenario ended inside the ${ALLOC_SECONDS:-10} s recording: raise HOT_USERS (S1) or UNIFORM_MARKS_S2 (S2), or lower ALLOC_SECONDS." >&2
    stop_marks_run
    exit 1
fi
cp "$out/allocations-$scenario.md" "$root/bench/results/allocations-$scenario.md"
wait "$bench"
{ echo; echo "The scenario, from the same run: $(grep -E "^${scenario^^}: " "$out/marks.log" | head -1)"; } >> "$root/bench/results/allocations-$scenario.md"
cat "$root/bench/results/allocations-$scenario.md"
