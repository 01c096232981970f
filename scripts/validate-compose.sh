#!/usr/bin/env bash
# Checks docker-compose.yml and the Dockerfiles it builds, without a Docker engine:
#   1. docker-compose (installed from Debian's package if missing) accepts the compose file;
#   2. every source path of every COPY in those Dockerfiles (not COPY --from=<stage>) exists
#      relative to the repository root, which is the build context;
#   3. every *.csproj path named in a RUN line exists.
# Prints one line per check and stops at the first failure with a non-zero exit status.
set -euo pipefail
cd "$(dirname "$0")/.."

compose_file=docker-compose.yml

ok() { echo "ok:   $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- 1. the compose file -------------------------------------------------------------------------
if ! command -v docker-compose > /dev/null 2>&1; then
    echo "docker-compose is not on PATH: installing Debian's docker-compose package..."
    # A package mirror can hiccup: try a few times before failing the build over it.
    for attempt in 1 2 3; do
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } > /dev/null 2>&1 && break
        [ "$attempt" -lt 3 ] || fail "could not install docker-compose with apt-get (this step needs root and Debian/Ubuntu)"
        sleep $((attempt * 5))
    done
    command -v docker-compose > /dev/null 2>&1 || fail "docker-compose is still not on PATH after installing it"
fi
ok "$(docker-compose version --short 2>/dev/null || docker-compose --version) found"

[[ -f $compose_file ]] || fail "$compose_file not found in $(pwd)"
if ! config_errors=$(docker-compose -f "$compose_file" config -q 2>&1); then
    echo "$config_errors" >&2
    fail "docker-compose -f $compose_file config -q rejected the file (see above)"
fi
ok "docker-compose -f $compose_file config -q"

# --- 2. and 3. the Dockerfiles it builds ---------------------------------------------------------
# The Dockerfiles named by "dockerfile:" in the compose file; every build context here is the root.
mapfile -t dockerfiles < <(sed -n -E 's/^[[:space:]]*dockerfile:[[:space:]]*["'\'']?([^"'\''[:space:]#]+).*/\1/p' "$compose_file" | sort -u)
[[ ${#dockerfiles[@]} -gt 0 ]] || fail "no 'dockerfile:' entries found in $compose_file"
contexts=$(sed -n -E 's/^[[:space:]]*context:[[:space:]]*["'\'']?([^"'\''[:space:]#]+).*/\1/p' "$compose_file" | sort -u)
[[ $contexts == "." ]] \
    || fail "expected every build context in $compose_file to be the repository root (.), found: ${contexts//$'\n'/ }"
ok "build context of every service is the repository root"

# Prints a Dockerfile's instructions one per line: comments dropped, backslash continuations joined.
instructions() {
    awk '
        /^[[:space:]]*#/ { next }
        {
            line = $0
            if (sub(/\\[[:space:]]*$/, "", line)) { buf = buf line " "; next }
            buf = buf line
            if (buf ~ /[^[:space:]]/) print buf
            buf = ""
        }
        END { if (buf ~ /[^[:space:]]/) print buf }
    ' "$1"
}

for dockerfile in "${dockerfiles[@]}"; do
    [[ -f $dockerfile ]] || fail "$dockerfile (named in $compose_file) does not exist"
    ok "$dockerfile exists"
    copies=0 projects=0
    while IFS= read -r instruction; do
        read -r -a words <<< "$instruction"
        keyword=${words[0]^^}
        case $keyword in
            COPY|ADD)
                args=("${words[@]:1}")
                # Drop flags (--chown=..., --link, ...); a copy from another stage or image is skipped.
                from_stage=""
                while [[ ${#args[@]} -gt 0 && ${args[0]} == --* ]]; do
                    [[ ${args[0]} == --from=* ]] && from_stage=${args[0]#--from=}
                    args=("${args[@]:1}")
                done
                if [[ -n $from_stage ]]; then
                    echo "skip: $dockerfile: $keyword --from=$from_stage ${args[*]} (copies from another stage)"
                    continue
                fi
                # JSON form: COPY ["src", ..., "dest"]
                if [[ ${args[0]:-} == \[* ]]; then
                    json="${args[*]}"; json=${json#[}; json=${json%]}
                    IFS=',' read -r -a args <<< "$json"
                    for i in "${!args[@]}"; do
                        a=${args[$i]}; a=${a#"${a%%[![:space:]]*}"}; a=${a%"${a##*[![:space:]]}"}
                        a=${a#\"}; a=${a%\"}; args[$i]=$a
                    done
                fi
                [[ ${#args[@]} -ge 2 ]] || fail "$dockerfile: '$instruction' needs a source and a destination"
                for src in "${args[@]:0:${#args[@]}-1}"; do
                    # Globs may match several paths; at least one must exist.
                    shopt -s nullglob dotglob
                    matches=($src)
                    shopt -u nullglob dotglob
                    if [[ ${#matches[@]} -eq 0 || ! -e ${matches[0]} ]]; then
                        fail "$dockerfile: $keyword source '$src' does not exist relative to the repository root ($(pwd))"
                    fi
                    ok "$dockerfile: $keyword source $src"
                    copies=$((copies + 1))
                done
                ;;
            RUN)
                for word in "${words[@]:1}"; do
                    word=${word//[\"\',;]/}
                    [[ $word == *.csproj ]] || continue
                    [[ -f $word ]] || fail "$dockerfile: RUN names '$word', which does not exist relative to the repository root ($(pwd))"
                    ok "$dockerfile: RUN project $word"
                    projects=$((projects + 1))
                done
                ;;
        esac
    done < <(instructions "$dockerfile")
    [[ $copies -gt 0 ]] || fail "$dockerfile: no COPY from the build context found"
    [[ $projects -gt 0 ]] || fail "$dockerfile: no RUN line names a .csproj (expected restore and publish of the host project)"
    # Every project the host references (transitively) must be copied into the image, or the build fails there.
    missing=$(python3 - "$dockerfile" <<'PY'
import os, re, sys
dockerfile = sys.argv[1]
text = open(dockerfile).read()
copied = set(re.findall(r'^COPY\s+(?!--from)(\S+)/\s', text, re.M))
hosts = set(re.findall(r'^RUN dotnet (?:restore|publish)\s+(\S+\.csproj)', text, re.M))
seen, todo = set(), list(hosts)
while todo:
    project = os.path.normpath(todo.pop())
    if project in seen:
        continue
    seen.add(project)
    for ref in re.findall(r'<ProjectReference Include="([^"]+)"', open(project).read()):
        todo.append(os.path.join(os.path.dirname(project), ref.replace('\\', '/')))
print(" ".join(sorted(os.path.dirname(p) for p in seen if os.path.dirname(p) not in copied)))
PY
)
    [[ -z $missing ]] || fail "$dockerfile: the host needs these project folders, which no COPY brings in: $missing"
    ok "$dockerfile: every referenced project folder is copied"
done

echo "All checks passed: $compose_file and ${#dockerfiles[@]} Dockerfile(s)."
