#!/usr/bin/env bash
# The marks and reads benchmark (issue 9): starts its own in-memory Azurite, one silo and the gateway on
# 127.0.0.1 (Release), measures the baselines Tc, Tb (Azurite alone, with Azure.Data.Tables) and K (bare Kestrel),
# seeds places through the grains and mints bench users' tokens (no accounts, no password hashing), then runs
# S1 hot place, S2 uniform marks, S3 place reads, S4 list adds and S5 a newsletter signup burst through the gateway,
# checks that the counts equal the acknowledged changes, and prints one table of ratios to the baselines, also
# written to bench/results/marks.{md,csv}.
#
#   bench/marks.sh                                             # 10k places, S1 10k users, S2 5k marks by 10k users
#   PLACES=10000 USERS=100000 UNIFORM_MARKS=100000 bench/marks.sh   # the issue's S2 sizes (minutes here)
#   PLACES=2000 HOT_USERS=2000 USERS=5000 UNIFORM_MARKS=5000 bench/marks.sh   # a quick look
# First, before the Orleans system starts, the PostgreSQL baseline (bench/postgres.sh; POSTGRES=0 skips it). With
# MEMORY_PLACES and MEMORY_USERS (e.g. 100000 each), a last phase reads the silo's RSS with that many active.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source "$root/scripts/lib.sh"

PLACES=${PLACES:-10000}
HOT_USERS=${HOT_USERS:-10000}
# S1 runs this many times, each round HOT_USERS new users on a place of its own; the table gives the median round.
HOT_ROUNDS=${HOT_ROUNDS:-3}
USERS=${USERS:-10000}
UNIFORM_MARKS=${UNIFORM_MARKS:-5000}
WORKERS=${WORKERS:-64}
# S1's and S2's requests in flight: group commit batches what waits, so marks get more; 512 did best of 256, 512 and
# 1,024 (bench/findings/s1-s2-limits.md, "S1 and S2 at 256, 512 and 1,024 in flight").
MARK_WORKERS=${MARK_WORKERS:-512}
READS=${READS:-50000}
READ_SECONDS=${READ_SECONDS:-10}
READ_ROUNDS=${READ_ROUNDS:-3}
# Unmeasured load before K, S3 and the marks, each for this long, so that they are measured warm (Measuring/WarmUp.cs).
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
LISTS=${LISTS:-16}
LIST_ITEMS=${LIST_ITEMS:-1000}
SIGNUPS=${SIGNUPS:-20000}
AZURITE_PORT=${AZURITE_PORT:-10412}
GATEWAY_PORT=${GATEWAY_PORT:-5490}
SILO_HTTP_PORT=${SILO_HTTP_PORT:-8491}
MEMORY_PLACES=${MEMORY_PLACES:-0}
MEMORY_USERS=${MEMORY_USERS:-0}
SILO_PORT=${SILO_PORT:-11421}
SILO_GATEWAY_PORT=${SILO_GATEWAY_PORT:-30421}
# S5's confirmation mails go to an SMTP sink the driver runs on this port (never a developer's sink on 2525).
SMTP_PORT=${SMTP_PORT:-2613}
export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT"
logs="$root/.run/bench-marks"
# A signing key for this run only, given to the gateway and to the driver, which mints the bench users' tokens.
Auth__SigningKey="bench-$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
export Auth__SigningKey
CLUSTER=atlas-bench-marks
source "$root/bench/postgres.sh"
measure_postgres
source "$root/bench/system.sh"
start_bench_system

# The load generator with a gen0 budget of 64 MiB too (K's server, a child of it, inherits it): with the default it
# collected about fifteen times a second in the open loops, and a slow read was most often one in flight during one
# of those pauses, the instrument's own; with 64 MiB, under once a second (bench/findings/reads.md).
env DOTNET_GCgen0size=0x4000000 dotnet "$root/bench/AtlasGrains.Bench/bin/Release/net10.0/AtlasGrains.Bench.dll" --Bench:Scenario marks \
    --Bench:Gateway "http://127.0.0.1:${GATEWAY_PORT}" --Bench:Places "$PLACES" --Bench:HotUsers "$HOT_USERS" --Bench:HotRounds "$HOT_ROUNDS" \
    --Bench:Users "$USERS" --Bench:UniformMarks "$UNIFORM_MARKS" --Bench:Workers "$WORKERS" --Bench:MarkWorkers "$MARK_WORKERS" --Bench:Reads "$READS" \
    --Bench:ReadSeconds "$READ_SECONDS" --Bench:ReadRounds "$READ_ROUNDS" --Bench:Lists "$LISTS" --Bench:ListItems "$LIST_ITEMS" --Bench:Signups "$SIGNUPS" \
    --Bench:SmtpPort "$SMTP_PORT" --Bench:SiloPid "$silo_pid" --Bench:GatewayPid "$gateway_pid" --Bench:AzuritePid "$azurite_pid" --Bench:ResultsDirectory "${RESULTS_DIR:-$root/bench/results}" \
    --Bench:PostgresResults "$postgres_results" --Bench:MemoryPlaces "$MEMORY_PLACES" --Bench:MemoryUsers "$MEMORY_USERS" \
    --Bench:WarmUpSeconds "$WARMUP_SECONDS"

# A chart of how close each target is, under the table in marks.md.
python3 "$root/bench/chart.py" "${RESULTS_DIR:-$root/bench/results}"
