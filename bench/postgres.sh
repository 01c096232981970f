# The PostgreSQL baseline (sourced by bench/marks.sh, not run): what a team would otherwise build for marks. A
# throwaway cluster on 127.0.0.1 at default durability (fsync and synchronous_commit on), the schema of
# bench/postgres/schema.sql, and pgbench running bench/postgres/mark.sql on one hot place, then on places drawn
# uniformly, each with every client count of POSTGRES_CLIENTS; the best run of each is the baseline, as Tc's best
# concurrency is Azurite's (a hot row's lock does best with few clients, group commit with many). After each run,
# psql checks that the counters add up to the rows (exactness). Runs before the Orleans system starts, so they never
# share the CPU, and stops and deletes the cluster when done.
# Needs: root, logs, PLACES. Knobs: POSTGRES (1; 0 skips it), POSTGRES_PORT (55432), POSTGRES_SECONDS (10 per run),
# POSTGRES_CLIENTS ("1 4 16 64 256 512": up to the requests S1 and S2 keep in flight). Sets postgres_results: the key=value file for the driver (--Bench:PostgresResults),
# absent when skipped.

POSTGRES=${POSTGRES:-1}
POSTGRES_PORT=${POSTGRES_PORT:-55432}
POSTGRES_SECONDS=${POSTGRES_SECONDS:-10}
POSTGRES_CLIENTS=${POSTGRES_CLIENTS:-1 4 16 64 256 512}
postgres_results="$logs/postgres.env"

# The newest installed server's bin directory. /usr/bin/pgbench or a pg_ctl on the PATH may be there with no
# server behind them (a client-only machine), so look for the server's own binaries.
postgres_bin() {
    local bin
    for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$bin/initdb" ] && [ -x "$bin/postgres" ] && [ -x "$bin/pg_ctl" ] && [ -x "$bin/pgbench" ] && [ -x "$bin/psql" ]; then
            echo "$bin"
            return 0
        fi
    done
    return 1
}

# Installs Debian's PostgreSQL server (with pgbench and psql) when it is missing (needs root).
ensure_postgres_installed() {
    postgres_bin > /dev/null && return 0
    echo "Installing PostgreSQL from Debian packages..."
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
    postgres_bin > /dev/null || { echo "PostgreSQL's server binaries are still missing after installing it." >&2; return 1; }
}

# initdb and postgres refuse to run as root: run them as the postgres system user the package creates.
as_postgres() {
    runuser -u postgres -- "$@"
}

start_postgres() {
    pg_bin=$(postgres_bin)
    pg_data="$root/.run/bench-postgres"
    stop_postgres
    mkdir -p "$pg_data"
    chown postgres: "$pg_data"
    chmod 700 "$pg_data"
    # --no-sync only skips initdb's own flush of a cluster thrown away afterwards; the server keeps its durability.
    as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync > "$logs/postgres-initdb.log" 2>&1 \
        || { cat "$logs/postgres-initdb.log"; return 1; }
    # TCP on 127.0.0.1 only (no Unix socket), as the Orleans run talks to its gateway; room for the most clients.
    local most
    most=$(printf '%s\n' $POSTGRES_CLIENTS | sort -n | tail -1)
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -c port=$POSTGRES_PORT -c unix_socket_directories='' -c max_connections=$((most + 20))" \
        > /dev/null || { cat "$pg_data/server.log"; return 1; }
}

stop_postgres() {
    if [ -n "${pg_data:-}" ] && [ -f "$pg_data/postmaster.pid" ]; then
        as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    [ -n "${pg_data:-}" ] && rm -rf "$pg_data"
    return 0
}

pg_sql() {
    "$pg_bin/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

# run_pgbench NAME FIRST_PLACE LAST_PLACE CLIENTS: one timed run from empty marks; appends NAME_* figures to the results.
run_pgbench() {
    local name=$1 out="$logs/pgbench-$1.txt"
    pg_sql -c "TRUNCATE marks" -c "UPDATE place_counts SET been_here = 0" -c "VACUUM ANALYZE" -c "CHECKPOINT"
    rm -f "$logs/pgbench-$name".log*
    # -M prepared: what an application's driver does with a statement it runs all the time.
    "$pg_bin/pgbench" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -n -M prepared -c "$4" -j 2 \
        -T "$POSTGRES_SECONDS" -D first_place="$2" -D last_place="$3" -f "$root/bench/postgres/mark.sql" \
        --log --log-prefix="$logs/pgbench-$name.log" postgres > "$out" 2>&1 || { cat "$out"; return 1; }
    local tps transactions failed rows counted
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out")
    transactions=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")
    rows=$(pg_sql -c "SELECT count(*) FROM marks")
    counted=$(pg_sql -c "SELECT coalesce(sum(been_here), 0) FROM place_counts")
    echo "PostgreSQL $name: $tps tps, $transactions transactions, ${failed:-0} failed, $rows rows, counters sum to $counted."
    {
        echo "${name}_tps=$tps"
        echo "${name}_transactions=$transactions"
        echo "${name}_failed=${failed:-0}"
        echo "${name}_rows=$rows"
        echo "${name}_counted=$counted"
        echo "${name}_log=$logs/pgbench-$name.log"
        echo "${name}_clients=$4"
    } >> "$postgres_results"
}

# best_pgbench NAME FIRST_PLACE LAST_PLACE: runs NAME at each client count of POSTGRES_CLIENTS (as NAME-CLIENTS), then
# writes the best run's figures again under NAME, with every count's tps under NAME_tried.
best_pgbench() {
    local name=$1 clients best="" best_tps=0 tps tried=""
    for clients in $POSTGRES_CLIENTS; do
        run_pgbench "$name-$clients" "$2" "$3" "$clients"
        tps=$(sed -n "s/^$name-$clients""_tps=//p" "$postgres_results")
        tried="$tried${tried:+, }$clients: ${tps%.*}"
        if awk -v a="$tps" -v b="$best_tps" 'BEGIN { exit !(a > b) }'; then
            best=$clients best_tps=$tps
        fi
    done
    sed -n "s/^$name-$best\(_[a-z]*=\)/$name\1/p" "$postgres_results" >> "$postgres_results.best"
    echo "${name}_tried=$tried" >> "$postgres_results.best"
}

# Measures P-hot and P-uniform and writes them to postgres_results, unless POSTGRES=0.
measure_postgres() {
    mkdir -p "$logs"
    rm -f "$postgres_results"
    [ "$POSTGRES" != 0 ] || { echo "PostgreSQL baseline skipped (POSTGRES=0)."; return 0; }
    ensure_postgres_installed
    trap stop_postgres INT TERM EXIT
    echo "Measuring the PostgreSQL baseline ($POSTGRES_SECONDS s hot, $POSTGRES_SECONDS s uniform, each with $POSTGRES_CLIENTS clients)..."
    start_postgres
    pg_sql -v places="$PLACES" -f "$root/bench/postgres/schema.sql" > /dev/null
    {
        echo "version=$(pg_sql -c 'SHOW server_version')"
        echo "durability=fsync $(pg_sql -c 'SHOW fsync'), synchronous_commit $(pg_sql -c 'SHOW synchronous_commit')"
        echo "seconds=$POSTGRES_SECONDS"
        echo "places=$PLACES"
    } > "$postgres_results"
    rm -f "$postgres_results.best"
    best_pgbench hot 1 1
    best_pgbench uniform 1 "$PLACES"
    cat "$postgres_results.best" >> "$postgres_results"
    stop_postgres
    trap - INT TERM EXIT
}
