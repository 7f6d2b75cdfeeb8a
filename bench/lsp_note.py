#!/usr/bin/env python3
"""Time a note's first diagnostics in `backstop lsp`, and its memory before
opening, after diagnostics and after closing. usage: lsp_note.py BINARY ROOT NOTE"""
import json, os, subprocess, sys, threading, time, queue

binary, root, note = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
env = dict(os.environ)
proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
messages = queue.Queue()


def reader():
    out = proc.stdout
    while True:
        length = None
        while True:
            line = out.readline()
            if not line:
                return
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        body = out.read(length)
        messages.put(json.loads(body))


threading.Thread(target=reader, daemon=True).start()


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def rss_mb():
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def wait(pred, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = messages.get(timeout=deadline - time.time())
        except queue.Empty:
            break
        if "id" in m and "method" in m:
            send({"jsonrpc": "2.0", "id": m["id"], "result": None})
        if pred(m):
            return m
    return None


uri = lambda p: "file://" + p
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": uri(root),
      "workspaceFolders": [{"uri": uri(root), "name": "w"}], "capabilities": {}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
# the workspace's own first diagnostics (the note from disk)
start = time.time()
first = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri(note))
loaded = time.time() - start
time.sleep(1)
before = rss_mb()
text = open(note).read()
start = time.time()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri(note), "languageId": "markdown", "version": 7, "text": text}}})
got = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri(note) and m["params"].get("version") == 7)
opened = time.time() - start
after_open = rss_mb()
send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri(note)}}})
time.sleep(3)
after_close = rss_mb()
n = len(got["params"]["diagnostics"]) if got else -1
print(f"workspace load to note diagnostics {loaded:.2f} s; didOpen to diagnostics {opened:.2f} s ({n} diagnostics); "
      f"RSS before open {before:.0f} MB, after {after_open:.0f} MB, 3 s after close {after_close:.0f} MB")
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
wait(lambda m: m.get("id") == 2, 30)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
proc.wait(30)
