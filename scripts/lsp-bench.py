#!/usr/bin/env python3
"""Times `seslint lsp` as an editor sees it: initialize answered, first
diagnostics after didOpen, resident memory after the first lint, and the
re-lint after a change (didChange sent to publishDiagnostics received).
Usage:
    go build -o /tmp/seslint ./cmd/seslint
    scripts/lsp-bench.py [/tmp/seslint] [policy.json]
Seven fresh servers (RUNS), EDITS changes to each; prints medians, and the
p50 and p99 of every re-lint. Each change toggles the case of the first
"Allow" (as BenchmarkRelint in lsp/server does), so every other version has
an Effect in the wrong case and SES003 runs the JSON Schema validator to
word it: the two kinds are also reported apart. The server's CPU time per
re-lint (all its threads, garbage collector included, from
/proc/PID/task/*/schedstat) depends less on what else the machine runs
than the latencies do."""
import json, subprocess, time, os, sys, statistics
RUNS = int(os.environ.get("RUNS", "7"))
EDITS = int(os.environ.get("EDITS", "200"))
def frame(o):
    b=json.dumps(o).encode(); return b"Content-Length: %d\r\n\r\n"%len(b)+b
def read(p):
    """Returns the next message and the time its last byte was read."""
    n=None
    while True:
        l=p.stdout.readline()
        if not l:
            raise EOFError("the server closed its output")
        if l in (b"\r\n", b"\n"):
            break
        k,_,v=l.partition(b":")
        if k.strip().lower()==b"content-length":
            n=int(v)
    body=p.stdout.read(n)
    t=time.perf_counter()
    return json.loads(body), t
def cpu_ns(pid):
    """CPU time used by every thread of pid so far, in nanoseconds."""
    total=0
    for t in os.listdir(f"/proc/{pid}/task"):
        try: total+=int(open(f"/proc/{pid}/task/{t}/schedstat").read().split()[0])
        except OSError: pass
    return total
def pct(xs, q):
    """The q-th percentile, nearest rank."""
    s=sorted(xs); return s[min(len(s)-1, max(0, int(round(q/100*len(s)+0.5))-1))]
BIN = sys.argv[1] if len(sys.argv) > 1 else "/tmp/seslint"
if len(sys.argv) > 2:
    pol = open(sys.argv[2]).read()
else:
    # About 3.3 KB: nine well-scoped statements.
    pol = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Partner%d" % i, "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::2109876543%02d:role/mailer" % i},
         "Action": ["ses:SendEmail", "ses:SendRawEmail"],
         "Resource": "arn:aws:ses:us-east-1:345678901234:identity/example.com",
         "Condition": {"StringEquals": {"ses:FromAddress": "p%d@example.com" % i}}} for i in range(9)]}, indent=1)
# The edit: the first letter of the first "Allow", or else a space at the
# end of the first line, put in and taken out.
at = pol.find('"Allow"')
lines = pol.split("\n")
if at >= 0:
    line = pol.count("\n", 0, at); col = at - (pol.rfind("\n", 0, at) + 1) + 1
    col16 = len(lines[line][:col].encode("utf-16-le")) // 2
    edits = [({"start": {"line": line, "character": col16}, "end": {"line": line, "character": col16 + 1}}, c) for c in ("a", "A")]
else:
    col16 = len(lines[0].encode("utf-16-le")) // 2
    edits = [({"start": {"line": 0, "character": col16}, "end": {"line": 0, "character": col16}}, " "),
             ({"start": {"line": 0, "character": col16}, "end": {"line": 0, "character": col16 + 1}}, "")]
inits=[]; firsts=[]; rss=[]; relints=[[], []]; cpus=[]; rss_after=[]
for run in range(RUNS):
    p=subprocess.Popen([BIN,"lsp","--debounce","0"],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.DEVNULL)
    t=time.perf_counter(); p.stdin.write(frame({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":None}})); p.stdin.flush()
    while True:
        m,tr=read(p)
        if m.get("id")==1: break
    inits.append((tr-t)*1000)
    p.stdin.write(frame({"jsonrpc":"2.0","method":"initialized","params":{}}))
    uri="file:///tmp/seslint-lsp-bench/example.com/Bench.json"
    t=time.perf_counter(); p.stdin.write(frame({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"json","version":1,"text":pol}}})); p.stdin.flush()
    while True:
        m,tr=read(p)
        if m.get("method")=="textDocument/publishDiagnostics": break
    firsts.append((tr-t)*1000)
    rss.append(int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1])/1024)
    cpu0=cpu_ns(p.pid)
    for i in range(EDITS):
        version=i+2
        rng,text=edits[i%2]
        msg=frame({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":version},"contentChanges":[{"range":rng,"text":text}]}})
        t=time.perf_counter(); p.stdin.write(msg); p.stdin.flush()
        while True:
            m,tr=read(p)
            if m.get("method")=="textDocument/publishDiagnostics" and m["params"].get("version")==version: break
        relints[i%2].append((tr-t)*1000)
    if EDITS:
        cpus.append((cpu_ns(p.pid)-cpu0)/EDITS/1e6)
        rss_after.append(int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1])/1024)
    p.stdin.write(frame({"jsonrpc":"2.0","id":2,"method":"shutdown"})); p.stdin.write(frame({"jsonrpc":"2.0","method":"exit"})); p.stdin.flush(); p.wait()
print("initialize ms median %.2f min %.2f"%(statistics.median(inits),min(inits)))
print("first diagnostics after didOpen ms median %.2f min %.2f"%(statistics.median(firsts),min(firsts)))
print("RSS MiB median %.1f max %.1f"%(statistics.median(rss),max(rss)))
if EDITS:
    every=relints[0]+relints[1]
    print("re-lint after a change ms (%d changes) p50 %.3f p99 %.3f mean %.3f"%(len(every),pct(every,50),pct(every,99),statistics.mean(every)))
    print("  server CPU time per re-lint ms, median of the servers %.3f min %.3f"%(statistics.median(cpus),min(cpus)))
    print("  RSS MiB after the re-lints median %.1f max %.1f"%(statistics.median(rss_after),max(rss_after)))
    for name,xs in (("edited version", relints[0]), ("restored version", relints[1])):
        if xs:
            print("  %s (%d) p50 %.3f p99 %.3f"%(name,len(xs),pct(xs,50),pct(xs,99)))
