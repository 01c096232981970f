#!/usr/bin/env bash
# Where the silo's and the gateway's CPU goes during S1 (a hot place), with SCENARIO=s2 during S2 (uniform marks by
# many new users), with SCENARIO=s3 during S3's maximum (place reads), or with SCENARIO=s4 while S4's 16 lists grow
# past about 500 items each, sampled by Linux perf: runs bench/marks.sh with that scenario alone, and once it is under way samples both
# processes' on-CPU stacks for PERF_SECONDS
# (999 Hz), with the runtime writing perf maps so JIT-compiled methods have names. Azurite's and the load generator's
# CPU over the same window come from /proc. Writes bench/results/cpu-profile-s1.md (or -s2.md, -s3.md):
#   - CPU per mark by process (the 2 cores' budget: what a mark costs outside Azurite too), over the marks the hot
#     place counted during the window;
#   - the silo's and the gateway's CPU by thread (thread pool, JIT, GC, sockets) and by library;
#   - a few frames' inclusive share (the Azure SDK's pipeline, batch responses parsed, a user's load, grain calls,
#     JWT validation...): a frame counts while it is on the stack, so an async method's share is only its
#     synchronous parts.
#
# S3's reads per window are its closed loop's average rate (a read changes nothing to count them by), and S2's marks
# its average rate over the whole scenario (they are spread over 10,000 places, too many to read before and after).
# S4's adds are not counted (its lists are private to their owners): its profile gives shares, the frames of an add
# whose work grows with the list among them.
#
#   bench/profile-cpu.sh                      # S1 with 150,000 users; about 5 minutes
#   HOT_USERS=120000 PERF_SECONDS=30 bench/profile-cpu.sh
#   SCENARIO=s2 bench/profile-cpu.sh          # S2: 50,000 marks by 100,000 users; about 5 minutes
#   SCENARIO=s3 bench/profile-cpu.sh          # S3's closed loop, 400,000 reads; about 3 minutes
#   SCENARIO=s4 bench/profile-cpu.sh          # S4's lists from about 450 items to about 800; about 4 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/.run/bench-cpu-profile"
rm -rf "$out" && mkdir -p "$out/results"
if ! command -v perf > /dev/null; then
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf > /dev/null
fi

scenario=${SCENARIO:-s1}
export READ_ROUNDS=1 HOT_ROUNDS=1 POSTGRES=0 PLACES=${PLACES:-10000} USERS=200 UNIFORM_MARKS=200 LISTS=1 LIST_ITEMS=20 SIGNUPS=10 RESULTS_DIR="$out/results"
if [ "$scenario" = s3 ]; then
    seconds=${PERF_SECONDS:-8} window="Window S3 max starts"
    export HOT_USERS=200 READS=${READS:-400000} READ_SECONDS=1
elif [ "$scenario" = s4 ]; then
    # The lists grow one add at a time, each about 15-20 ms on the twenty-eighth session's machine (45 ms before),
    # from S4's start: 8 s in they hold about 450 items, and S4 ends at about 18 s (checked below).
    seconds=${PERF_SECONDS:-6} window="^Before S4: " settle=${PERF_DELAY:-8}
    export HOT_USERS=200 READS=2000 READ_SECONDS=1 LISTS=16 LIST_ITEMS=1000
elif [ "$scenario" = s2 ]; then
    # S1 is a moment with 200 users; its line in the log means S2 has begun.
    seconds=${PERF_SECONDS:-15} window="^S1: "
    export HOT_USERS=200 USERS=${USERS_S2:-100000} UNIFORM_MARKS=${UNIFORM_MARKS_S2:-50000} READS=2000 READ_SECONDS=1
else
    seconds=${PERF_SECONDS:-15} window="Marks window starts"
    # S1 must outlast the window (checked below): at 512 in flight on the twenty-seventh session's machine S1 ran at
    # about 6,000 marks/s, so 60,000 users, enough until then, ended inside it.
    export HOT_USERS=${HOT_USERS:-150000} READS=2000 READ_SECONDS=1
fi
# Perf maps name the JIT's code; without W^X the code lives in anonymous memory, where perf looks for it.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
export SILO_PORT=${SILO_PORT:-11431} GATEWAY_PORT=${GATEWAY_PORT:-5490} AZURITE_PORT=${AZURITE_PORT:-10412}

. "$root/bench/profile/marks-under-way.sh"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The hot place's been-here count, which moves by exactly the marks applied: the window's own rate, not S1's average.
marked() { curl -s "http://127.0.0.1:$GATEWAY_PORT/api/places/bench-place-0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["beenHere"])'; }
marked_before=$(marked)
before=("$(ticks "$azurite")" "$(ticks "$driver")" "$(ticks "$silo")" "$(ticks "$gateway")")
perf record -F 999 -g -o "$out/silo.perf" -p "$silo" -- sleep "$seconds" > "$out/perf-silo.log" 2>&1 &
silo_perf=$!
perf record -F 999 -g -o "$out/gateway.perf" -p "$gateway" -- sleep "$seconds" > "$out/perf-gateway.log" 2>&1 &
gateway_perf=$!
wait "$silo_perf" "$gateway_perf"
after=("$(ticks "$azurite")" "$(ticks "$driver")" "$(ticks "$silo")" "$(ticks "$gateway")")
marked_after=$(marked)
# A scenario that ended inside the window would mix what came after it into its figures.
ended=$(case "$scenario" in s1) echo "^S1 round 1: " ;; s2) echo "^S2: " ;; s4) echo "^S4: " ;; *) echo "^$" ;; esac)
if [ "$scenario" != s3 ] && grep -Eq "$ended" "$out/marks.log"; then
    echo "$scenario ended inside the ${seconds} s window: raise HOT_USERS (S1) or UNIFORM_MARKS_S2 (S2), or lower PERF_DELAY (S4) or PERF_SECONDS." >&2
    stop_marks_run
    exit 1
fi
echo "seconds=$seconds settle=${settle:-3} marks=$((marked_after - marked_before)) azurite=$((after[0] - before[0])) driver=$((after[1] - before[1])) silo=$((after[2] - before[2])) gateway=$((after[3] - before[3])) hz=$(getconf CLK_TCK)" > "$out/cpu-window.txt"
wait "$bench"

for process in silo gateway; do
    perf report -i "$out/$process.perf" --stdio -n --no-children --sort comm -g none > "$out/$process-threads.txt" 2> /dev/null
    perf report -i "$out/$process.perf" --stdio -n --no-children --sort dso -g none > "$out/$process-dsos.txt" 2> /dev/null
    perf report -i "$out/$process.perf" --stdio -n --children --sort sym -g none > "$out/$process-frames.txt" 2> /dev/null
done
python3 "$root/bench/profile/perf_summary.py" "$out" "$root/bench/results/cpu-profile-$scenario.md" "$scenario"
cat "$root/bench/results/cpu-profile-$scenario.md"
