"""Summarizes bench/profile-cpu.sh's perf reports into bench/results/cpu-profile-s1.md (or -s2.md, -s3.md, -s4.md).

Usage: perf_summary.py OUT_DIR RESULT_MD [s1|s2|s3|s4]
"""
import datetime as dt
import re
import sys
import textwrap

out, result = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "s1"

# Frames whose inclusive share tells where a mark's CPU goes: (label, pattern on perf's symbol).
MARK_FRAMES = {
    "silo": [
        ("the Azure SDK's pipeline: every storage request, sent and its answer read", r"Azure\.Core\.Pipeline\.RetryPolicy\+<ProcessAsync>"),
        ("of which transactions' multipart answers parsed", r"Azure\.Core\.MultipartResponse\+<ParseAsync>"),
        ("a user's load at activation (the meta row's point read)", r"UserPartition\+<ReadAllAsync>"),
        ("the group commits: transactions built and sent", r"PartitionGroupCommit\+<FlushAsync>"),
        ("grain calls invoked (the grains' own code and what it awaits synchronously)", r"InsideRuntimeClient\+<Invoke>"),
        ("grain activations", r"ActivationData\+<ActivateAsync>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
    "gateway": [
        ("Kestrel's request loop (everything a request does synchronously)", r"HttpProtocol\+<ProcessRequests>"),
        ("JWT bearer validation", r"JwtBearerHandler\+<HandleAuthenticateAsync>"),
        ("the mark endpoint", r"MarkEndpoints\+<SetMark>"),
        ("Orleans client calls", r"OutgoingCallInvoker`1\+<Invoke>"),
        ("ASP.NET Core's partitioned rate limiter's timer (replaced at 5c399d3: should be 0)", r"DefaultPartitionedRateLimiter`2\+<RunTimer>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
}

# The same for a place read (S3): the gateway's request, its grain call and its answer; the silo's side of the call.
READ_FRAMES = {
    "silo": [
        ("grain calls invoked (the place's GetAsync)", r"InsideRuntimeClient\+<Invoke>"),
        ("messages received and decoded", r"Connection\+<ProcessIncoming>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
    "gateway": [
        ("Kestrel's request loop (everything a request does synchronously)", r"HttpProtocol\+<ProcessRequests>"),
        ("Orleans client calls", r"OutgoingCallInvoker`1\+<Invoke>"),
        # Orleans' factory resolved the interface on every call; the gateway's own has cached it since 276a75b.
        ("a grain reference made (GetGrain with a string key)",
         r"Orleans\.GrainFactory::GetGrain\(string|InterfaceCachingGrainFactory::GetGrain"),
        ("the answer decoded (Orleans' codec of PlaceView)", r"Codec_PlaceView::ReadValue"),
        # By hand since 476d8ae (PlaceJsonWriter); System.Text.Json's WriteAsJsonAsync before.
        ("the response's JSON written", r"PlaceJsonWriter::Write\(|WriteAsJsonAsync"),
        # Since 7154675 a read is answered from the gateway's copy of the page; the grain call only fetches a missing one.
        ("the page looked up in the gateway's copies (PlacePageCache)", r"PlacePageCache\+<GetAsync>"),
        ("the request's trace activity started", r"HostingApplicationDiagnostics::StartActivity"),
        ("the rate limiter taking its lease", r"RateLimitingMiddleware\+<TryAcquireAsync>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
}
# An add to a long list (S4): the parts of it whose work grows with the list, and the rest.
LIST_FRAMES = {
    "silo": [
        ("messages received and decoded (a call's arguments included)", r"Connection\+<ProcessIncoming>"),
        ("grain calls invoked (the grains' own code and what it awaits synchronously)", r"InsideRuntimeClient\+<Invoke>"),
        ("the places' cards: the call's arguments decoded (1,000 ids and what is held of each)",
         r"Codec_Invokable_IPlaceSummariesGrain"),
        ("the places' cards: looked up and compared (PlaceSummariesGrain)", r"PlaceSummariesGrain\+<GetCardChangesAsync>"),
        ("the places' cards: the answer encoded", r"Codec_PlaceCardChanges::WriteField"),
        ("the list's add (ListGrain, its transaction and its delivery to the place)", r"ListGrain\+<ChangeAsync>"),
        ("the place's relation commit", r"PlaceGrain\+<ApplyRelationChangesAsync>"),
        ("the Azure SDK's pipeline: every storage request, sent and its answer read", r"Azure\.Core\.Pipeline\.RetryPolicy\+<ProcessAsync>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
    "gateway": [
        ("Kestrel's request loop (everything a request does synchronously)", r"HttpProtocol\+<ProcessRequests>"),
        ("the add's endpoint", r"ListEndpoints\+<PutItem>"),
        ("the list's items rendered or kept (RenderedListItems)", r"RenderedListItems\+<RenderAsync>"),
        ("the places' cards asked for (ListPlaceCards)", r"ListPlaceCards\+<GetAsync>"),
        ("the list's JSON written", r"ListJsonWriter::"),
        ("Orleans client calls", r"OutgoingCallInvoker`1\+<Invoke>"),
        ("JWT bearer validation", r"JwtBearerHandler\+<HandleAuthenticateAsync>"),
        ("system calls (sockets, futexes)", r"entry_SYSCALL_64_after_hwframe"),
    ],
}
FRAMES = {"s3": READ_FRAMES, "s4": LIST_FRAMES}.get(mode, MARK_FRAMES)

THREADS = [
    (".NET TP Worker", "thread pool: requests, grains, storage calls"),
    (".NET Tiered Com", "JIT: tiered recompilation (warm-up)"),
    (".NET BGC", "background GC (gen2)"),
    (".NET Server GC", "server GC threads"),
    (".NET Sockets", "socket event loop"),
    ("OpenTelemetry-P", "OpenTelemetry's metric reader (the Orleans dashboard's)"),
]

LINE = re.compile(r"^\s+([\d.]+)%\s+(?:([\d.]+)%\s+)?(\d+)\s+(.*?)\s*$")


def rows(path):
    """(first percentage, samples, name) per line of a `perf report -n` table."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if match := LINE.match(line):
                yield float(match.group(1)), int(match.group(3)), match.group(4)


def frames(process):
    """Inclusive share of each frame of interest: the largest among the symbols that match (async methods repeat)."""
    symbols = [(share, re.sub(r"^\[[.k]\]\s+", "", name)) for share, _, name in rows(f"{out}/{process}-frames.txt")]
    for label, pattern in FRAMES[process]:
        shares = [share for share, name in symbols if re.search(pattern, name)]
        yield label, max(shares, default=0.0)


window = dict(part.split("=") for part in open(f"{out}/cpu-window.txt").read().split())
seconds, hz = float(window["seconds"]), float(window["hz"])
settle = float(window.get("settle", 3))
marks_log = open(f"{out}/marks.log", encoding="utf-8").read()
sampled = (f"the silo and the gateway sampled by `perf record -F 999 -g` for {seconds:.0f} s from {settle:.0f} s into it, Azurite "
           "and the load generator read from /proc over the same window")
if mode == "s3":
    # A read changes nothing to count it by: the window's rate is the closed loop's average.
    rate = float(re.search(r"^S3 max: ([\d.]+) req/s", marks_log, re.M).group(1))
    unit, scale, scale_name = "read", 1e6, "µs"
    title = "# Where place reads spend CPU: S3's maximum sampled by perf"
    about = (f"`SCENARIO=s3 bench/profile-cpu.sh`, {dt.date.today()}: S3's closed loop at {rate:.0f} reads/s over its whole "
             f"run; {sampled}. CPU per read is the window's CPU over the closed loop's average rate.")
elif mode == "s4":
    # The lists are private to their owners, so the window's adds aren't counted: shares only.
    rate = None
    unit, scale, scale_name = "add", 1000, "ms"
    title = "# Where adds to long lists spend CPU: S4 sampled by perf"
    about = (f"`SCENARIO=s4 bench/profile-cpu.sh`, {dt.date.today()}: S4's 16 large lists growing, from about 450 items "
             f"each; {sampled}. Every add answers with the whole list (API.md). Adds are not "
             "counted in the window, so the figures are shares of each process's CPU.")
elif mode == "s2":
    # Spread over 10,000 places, the window's marks can't be counted at one place: S2's average rate stands for them.
    rate = float(re.search(r"^S2: ([\d.]+) marks/s", marks_log, re.M).group(1))
    unit, scale, scale_name = "mark", 1000, "ms"
    title = "# Where uniform marks by many users spend CPU: S2 sampled by perf"
    about = (f"`SCENARIO=s2 bench/profile-cpu.sh`, {dt.date.today()}: S2 at {rate:.0f} acknowledged marks/s over its whole "
             f"run; {sampled}. CPU per mark is the window's CPU over S2's average rate.")
else:
    s1_rate = float(re.search(r"^S1: ([\d.]+) marks/s", marks_log, re.M).group(1))
    # The window's own rate: the marks the hot place counted while the processes were sampled.
    rate = float(window["marks"]) / seconds
    unit, scale, scale_name = "mark", 1000, "ms"
    title = "# Where a hot place's marks spend CPU: S1 sampled by perf"
    about = (f"`bench/profile-cpu.sh`, {dt.date.today()}: S1 at {s1_rate:.0f} acknowledged marks/s over its whole run; "
             f"{sampled}, in which the hot place counted {window['marks']} marks ({rate:.0f}/s). CPU per mark is the "
             "window's CPU over those marks.")
lines = [title, "", *textwrap.wrap(about, 118)]
lines += [
    "",
    f"## CPU per {unit}, by process (2 cores in all)",
    "",
    f"| process | cores busy | CPU {scale_name} per {unit} |",
    "|---|---:|---:|",
]
total = 0.0
for process in ("azurite", "silo", "gateway", "driver"):
    cores = float(window[process]) / hz / seconds
    total += cores
    name = {"azurite": "Azurite (Node)", "driver": "load generator (driver)"}.get(process, process)
    lines.append(f"| {name} | {cores:.2f} | {cores / rate * scale:.2f} |" if rate else f"| {name} | {cores:.2f} | |")
lines.append(f"| **all** | **{total:.2f}** | **{total / rate * scale:.2f}** |" if rate else f"| **all** | **{total:.2f}** | |")
if mode in ("s1", "s2"):
    outside = total - float(window["azurite"]) / hz / seconds
    lines += [
        "",
        f"Outside Azurite a mark costs {outside / rate * 1000:.2f} ms of CPU: with storage free, 2 cores would carry at most",
        f"{2 / (outside / rate):.0f} marks/s of this path.",
    ]

for process in ("silo", "gateway"):
    thread_rows = list(rows(f"{out}/{process}-threads.txt"))
    samples = sum(count for _, count, _ in thread_rows)
    lines += ["", f"## The {process}: {samples / 999 / seconds:.2f} cores busy ({samples:,} samples)", "",
              "| thread | share | what |", "|---|---:|---|"]
    for share, _, name in thread_rows[:8]:
        what = next((label for prefix, label in THREADS if name.startswith(prefix)), "")
        lines.append(f"| {name} | {share:.1f}% | {what} |")
    lines += ["", "| library | share |", "|---|---:|"]
    for share, _, name in list(rows(f"{out}/{process}-dsos.txt"))[:6]:
        name = "JIT-compiled managed code" if name.startswith("[JIT]") else name
        lines.append(f"| {name} | {share:.1f}% |")
    lines += ["", "| frame on the stack (inclusive) | share |", "|---|---:|"]
    for label, share in frames(process):
        lines.append(f"| {label} | {share:.1f}% |")

with open(result, "w", encoding="utf-8") as handle:
    handle.write("\n".join(lines) + "\n")
