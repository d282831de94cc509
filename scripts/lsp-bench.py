#!/usr/bin/env python3
"""Times `seslint lsp` as an editor sees it: initialize answered, first
diagnostics after didOpen, resident memory after the first lint. Usage:
    go build -o /tmp/seslint ./cmd/seslint
    scripts/lsp-bench.py [/tmp/seslint] [policy.json]
Seven fresh servers; prints medians. The re-lint after a change is the Go
benchmark BenchmarkRelint in lsp/server (see docs/performance.md)."""
import json, subprocess, time, os, sys, statistics
def frame(o):
    b=json.dumps(o).encode(); return b"Content-Length: %d\r\n\r\n"%len(b)+b
def read(p):
    h=b""
    while not h.endswith(b"\r\n\r\n"):
        h+=p.stdout.read(1)
    n=int([l for l in h.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
    return json.loads(p.stdout.read(n))
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
inits=[]; firsts=[]; rss=[]
for run in range(7):
    p=subprocess.Popen([BIN,"lsp","--debounce","0"],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.DEVNULL)
    t=time.perf_counter(); p.stdin.write(frame({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":None}})); p.stdin.flush()
    while "id" not in (m:=read(p)) or m.get("id")!=1: pass
    inits.append((time.perf_counter()-t)*1000)
    p.stdin.write(frame({"jsonrpc":"2.0","method":"initialized","params":{}}))
    uri="file:///tmp/seslint-lsp-bench/example.com/Bench.json"
    t=time.perf_counter(); p.stdin.write(frame({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"json","version":1,"text":pol}}})); p.stdin.flush()
    while (m:=read(p)).get("method")!="textDocument/publishDiagnostics": pass
    firsts.append((time.perf_counter()-t)*1000)
    rss.append(int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1])/1024)
    p.stdin.write(frame({"jsonrpc":"2.0","id":2,"method":"shutdown"})); p.stdin.write(frame({"jsonrpc":"2.0","method":"exit"})); p.stdin.flush(); p.wait()
print("initialize ms median %.2f min %.2f"%(statistics.median(inits),min(inits)))
print("first diagnostics after didOpen ms median %.2f min %.2f"%(statistics.median(firsts),min(firsts)))
print("RSS MiB median %.1f max %.1f"%(statistics.median(rss),max(rss)))
