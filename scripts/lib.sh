# Shared helpers for the scripts in this folder (sourced, not run).

# The silo's environment: a gen0 budget of 32 MiB (DOTNET_GCgen0size; the runtime takes it from the environment
# only, not from runtimeconfig.json, so every launcher passes it; silo/Dockerfile sets the same). A silo holding
# 10,000 active places paused 10 to 15 ms for each gen0 collection, nearly all of it spent scanning older objects
# (most likely activations) that requests had written young references into. So the pause hardly depends on the
# budget while the number of pauses does: this machine's default of 16 MiB collected about once a second under 5,000
# place reads a second, and those pauses were most of the reads' p99 (docs/design.md, "Reads and the silo's pauses").
SILO_ENVIRONMENT=(DOTNET_GCgen0size=0x2000000)

# The gateway's environment: a gen0 budget of 64 MiB (gateway/Dockerfile sets the same). Its collections are short,
# but under server GC's dynamic adaptation it ran about ten a second at 8,000 place reads a second, and a read in
# flight during one waits for it and for the queue behind it; 64 MiB made them one a second, for about 30 MiB more
# RSS at the peak of a read benchmark (231 against 199 MiB; docs/design.md, "Reads and the silo's pauses").
#
# And socket completions run on the socket engine's own threads (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, read
# from the environment only) instead of being queued to the thread pool: every place read is two socket round trips
# in the gateway (the client's request, the call to the silo), system calls were a third of its CPU there
# (bench/results/cpu-profile-s3.md), and each completion queued to the pool is a hand-off to another thread, often a
# wake-up. In four alternated pairs of S3-only runs on 5 December the gateway's CPU per read was 7-22% lower with it
# (bench/findings/reads.md). It is safe because nothing that can block runs there: Kestrel's and Orleans' transports
# only move bytes between a socket and a pipe on those threads, and requests and Orleans messages are still processed on
# the thread pool.
GATEWAY_ENVIRONMENT=(DOTNET_GCgen0size=0x4000000 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1)

# Installs Azurite (and any other npm dev tool) from package-lock.json when it is missing.
ensure_azurite_installed() {
    if [ ! -x "$root/node_modules/.bin/azurite-table" ]; then
        echo "Installing Azurite from npm..."
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# wait_for_port PORT SECONDS: true once 127.0.0.1:PORT accepts connections.
wait_for_port() {
    local deadline=$((SECONDS + $2))
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

# wait_for_url URL SECONDS: true once the URL answers 2xx.
wait_for_url() {
    local deadline=$((SECONDS + $2))
    until curl -fs -o /dev/null "$1"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.5
    done
}

# stop_process PID [SIGNAL]: SIGNAL (default TERM), wait up to 20 s for a graceful exit, then SIGKILL.
stop_process() {
    local pid=$1 signal=${2:-TERM}
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -"$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Installs Debian's Chromium for the browser tests when it is missing (Playwright never downloads a browser here):
# as root, or through sudo when it needs no password. Quiet, and retried: a mirror can fail for a moment.
ensure_chromium_installed() {
    [ -x /usr/bin/chromium ] && return 0
    local as_root=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo > /dev/null && sudo -n true 2> /dev/null || {
            echo "Chromium is missing and installing it needs root: run 'sudo apt-get install -y chromium'." >&2
            return 1
        }
        as_root=(sudo -n)
    fi
    echo "Installing Chromium from Debian packages..."
    local attempt
    for attempt in 1 2 3; do
        if "${as_root[@]}" apt-get update -qq > /dev/null \
            && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; then
            return 0
        fi
        echo "Installing Chromium failed (attempt $attempt of 3)." >&2
        sleep $((attempt * 10))
    done
    return 1
}
