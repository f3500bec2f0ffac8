#!/usr/bin/env python3
"""A summary agent for Axon, in Python 3 with the standard library only.

It speaks the Axon Agent Protocol (docs/protocol.md): JSON-RPC 2.0, one JSON message per line on stdin/stdout,
logs on stderr. It answers `initialize`, sends `heartbeat` notifications, runs `task/execute` (summarises the
files in the task's scope: lines, words, characters, most frequent words), stores the summary in Cortex through a
`tools/call` round trip to the runtime, honours `task/cancel`, answers `shutdown`, and exits when stdin closes.

Run it as `python3 summary_agent.py`; the runtime starts it, nobody types to it.
"""

import itertools
import json
import os
import re
import sys
import threading
import time
from collections import Counter

PROTOCOL_VERSION = "2026-11-01"
AGENT_NAME = "summary-agent"
AGENT_VERSION = "0.1.0"
CAPABILITIES = ["Summarization", "Analysis"]

# AAP error codes (JSON-RPC error.code; error.data.code carries the name).
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
TASK_FAILED = -32001
CANCELLED = -32002
AGENT_BUSY = -32003

TEXT_EXTENSIONS = (".ts", ".tsx", ".js", ".mjs", ".cjs", ".py", ".md", ".txt", ".json")
SKIPPED_DIRS = {"node_modules", "dist", ".git"}
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,}")


def now_ms():
    return int(time.time() * 1000)


def log(message):
    """Logs go to stderr; stdout carries protocol frames only."""
    print(f"[{AGENT_NAME}] {message}", file=sys.stderr, flush=True)


class Cancelled(Exception):
    pass


class RpcFailure(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.data = data


class Agent:
    def __init__(self):
        self.write_lock = threading.Lock()
        self.state_lock = threading.Lock()
        self.pending = {}  # request id -> {"event": Event, "response": dict}
        self.ids = itertools.count(1)
        self.heartbeat_ms = 0
        self.task_id = None
        self.cancel = threading.Event()
        self.cancel_reason = None
        self.initialized = False
        self.stopping = threading.Event()

    # -- framing ---------------------------------------------------------------------------------------------
    def send(self, message):
        line = json.dumps(message, separators=(",", ":"))
        with self.write_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def respond(self, msg_id, result):
        self.send({"jsonrpc": "2.0", "id": msg_id, "result": result})

    def respond_error(self, msg_id, code, message, data=None):
        error = {"code": code, "message": message}
        if data is not None:
            error["data"] = data
        self.send({"jsonrpc": "2.0", "id": msg_id, "error": error})

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=30.0):
        """Sends a request to the runtime and waits for its answer (called from the task thread)."""
        msg_id = f"py-{next(self.ids)}"
        slot = {"event": threading.Event(), "response": None}
        self.pending[msg_id] = slot
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        if not slot["event"].wait(timeout):
            self.pending.pop(msg_id, None)
            raise RpcFailure(-32014, f"{method} timed out after {timeout} s")
        response = slot["response"]
        if "error" in response:
            err = response["error"]
            raise RpcFailure(err.get("code", -32603), err.get("message", "error"), err.get("data"))
        return response.get("result")

    # -- dispatch --------------------------------------------------------------------------------------------
    def handle_line(self, raw):
        try:
            msg = json.loads(raw.decode("utf-8"))
        except ValueError:  # not JSON, or not UTF-8 (UnicodeDecodeError is a ValueError)
            self.respond_error(None, PARSE_ERROR, "Parse error: not valid UTF-8 JSON")
            return
        # A batch (array), a number, a string or null is not a request this agent can identify: answer id null.
        if not isinstance(msg, dict):
            self.respond_error(None, INVALID_REQUEST, "Invalid Request: expected one JSON-RPC 2.0 object (batches are not supported)")
            return
        msg_id = msg.get("id")
        valid_id = "id" not in msg or (type(msg_id) in (str, int, float))
        if msg.get("jsonrpc") != "2.0" or not valid_id:
            self.respond_error(msg_id if valid_id else None, INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\" and id a string or number")
            return
        if "method" not in msg:
            slot = self.pending.pop(msg_id, None)
            if slot is not None:
                slot["response"] = msg
                slot["event"].set()
            return
        method, params = msg["method"], msg.get("params", {})
        if not isinstance(method, str) or not isinstance(params, dict):
            if "id" in msg:
                self.respond_error(msg_id, INVALID_REQUEST, "Invalid Request: method must be a string and params an object")
            return
        if "id" not in msg:
            if method == "task/cancel" and params.get("taskId") == self.task_id:
                self.cancel_reason = params.get("reason", "cancelled by the runtime")
                log(f"cancel requested for {self.task_id}: {self.cancel_reason}")
                self.cancel.set()
            return
        handler = {
            "initialize": self.on_initialize,
            "task/execute": self.on_execute,
            "shutdown": self.on_shutdown,
            "ping": lambda _p, _i: self.respond(_i, {"timestamp": now_ms()}),
        }.get(method)
        if handler is None:
            self.respond_error(msg_id, METHOD_NOT_FOUND, f"Method not found: {method}")
            return
        if not self.initialized and method not in ("initialize", "ping"):
            self.respond_error(msg_id, INVALID_REQUEST, f"{method} before initialize")
            return
        try:
            handler(params, msg_id)
        except Exception as error:  # a handler's bug is an answer, never a crash of the agent
            self.respond_error(msg_id, -32603, f"Internal error in {method}: {error}")

    def on_initialize(self, params, msg_id):
        agent = params.get("agent")
        if not isinstance(agent, dict) or not isinstance(params.get("heartbeatIntervalMs"), int):
            self.respond_error(msg_id, INVALID_PARAMS, "Invalid params for initialize: agent and heartbeatIntervalMs are required", {
                "issues": [{"path": "agent" if not isinstance(agent, dict) else "heartbeatIntervalMs", "message": "required"}],
            })
            return
        self.heartbeat_ms = params["heartbeatIntervalMs"]
        self.initialized = True
        log(f"initialized as {agent.get('name')} ({agent.get('id')}), heartbeat every {self.heartbeat_ms} ms")
        self.respond(msg_id, {
            "protocolVersion": PROTOCOL_VERSION,
            "agent": {"name": AGENT_NAME, "version": AGENT_VERSION},
            "capabilities": CAPABILITIES,
        })
        if self.heartbeat_ms > 0:
            threading.Thread(target=self.heartbeats, daemon=True).start()

    def heartbeats(self):
        while not self.stopping.wait(self.heartbeat_ms / 1000):
            params = {"timestamp": now_ms(), "state": "busy" if self.task_id else "idle"}
            if self.task_id:
                params["taskId"] = self.task_id
            self.notify("heartbeat", params)

    def on_execute(self, params, msg_id):
        task = params.get("task")
        path = "task" if not isinstance(task, dict) else next(
            (f"task.{k}" for k in ("taskId", "objective") if not isinstance(task.get(k), str) or not task.get(k)), None)
        if path is not None:
            self.respond_error(msg_id, INVALID_PARAMS, f"Invalid params for task/execute: {path} is required", {
                "issues": [{"path": path, "message": "required"}],
            })
            return
        with self.state_lock:
            if self.stopping.is_set():
                self.respond_error(msg_id, AGENT_BUSY, "agent is shutting down; it takes no new tasks", {
                    "code": "AGENT_BUSY", "reason": "shutting down",
                })
                return
            if self.task_id is not None:
                self.respond_error(msg_id, AGENT_BUSY, f"agent is busy with {self.task_id}", {
                    "code": "AGENT_BUSY", "taskId": self.task_id,
                })
                return
            self.task_id = task["taskId"]
            self.cancel_reason = None
            self.cancel.clear()
        threading.Thread(target=self.run_task, args=(task, msg_id), daemon=True).start()

    def run_task(self, task, msg_id):
        try:
            output = summarise(task, self)
            self.respond(msg_id, {"output": output, "usage": {"tokensUsed": 0, "costCents": 0}})
        except Cancelled:
            self.respond_error(msg_id, CANCELLED, f"task {task['taskId']} cancelled", {
                "code": "CANCELLED", "taskId": task["taskId"], "reason": self.cancel_reason,
            })
        except Exception as error:  # a failed task is an answer, never a crash
            self.respond_error(msg_id, TASK_FAILED, str(error), {
                "code": "TASK_FAILED", "name": type(error).__name__, "message": str(error),
            })
        finally:
            with self.state_lock:
                self.task_id = None

    def on_shutdown(self, _params, msg_id):
        with self.state_lock:
            self.stopping.set()
            if self.task_id is not None:
                self.cancel_reason = "shutdown"
                self.cancel.set()
        self.respond(msg_id, {})

    def progress(self, fraction, message):
        self.notify("task/progress", {"taskId": self.task_id, "progress": fraction, "message": message})

    def check_cancel(self):
        if self.cancel.is_set():
            raise Cancelled()


def scope_files(task):
    context = task.get("context") if isinstance(task.get("context"), dict) else {}
    root = context.get("root") or os.getcwd()
    scope = (task.get("boundaries") or {}).get("scope") or ["."]
    found = []
    for entry in scope:
        path = entry if os.path.isabs(entry) else os.path.join(root, entry)
        if not os.path.exists(path):
            raise FileNotFoundError(f'scope path "{entry}" does not exist (resolved to {path})')
        if os.path.isfile(path):
            found.append(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            found.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(TEXT_EXTENSIONS))
    return root, context, sorted(set(found))


def summarise(task, agent):
    """Counts lines, words and characters per file in scope, and the most frequent words overall."""
    root, context, files = scope_files(task)
    delay = float(context.get("delayMsPerFile", 0)) / 1000
    per_file, words = [], Counter()
    for index, path in enumerate(files):
        agent.check_cancel()
        if delay:
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline:
                agent.check_cancel()
                time.sleep(0.01)
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        tokens = WORD.findall(text)
        words.update(t.lower() for t in tokens)
        per_file.append({
            "file": os.path.relpath(path, root).replace(os.sep, "/"),
            "lines": text.count("\n") + (0 if text.endswith("\n") or not text else 1),
            "words": len(tokens),
            "chars": len(text),
        })
        agent.progress((index + 1) / max(1, len(files)), f"read {per_file[-1]['file']}")
    totals = {key: sum(f[key] for f in per_file) for key in ("lines", "words", "chars")}
    top = [{"word": w, "count": c} for w, c in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]
    summary = f"{len(per_file)} file(s), {totals['lines']} lines, {totals['words']} words"
    stored = None
    budget = (task.get("boundaries") or {}).get("maxToolCalls", 1)
    if budget >= 1 and context.get("store", True):
        agent.check_cancel()
        try:
            result = agent.request("tools/call", {
                "taskId": task["taskId"],
                "name": "cortex_store",
                "arguments": {
                    "content": f"Summary of {', '.join(f['file'] for f in per_file) or 'nothing'}: {summary}",
                    "kind": "summary",
                    "tags": ["summary"],
                    "workspaceId": context.get("workspaceId", "axon-samples"),
                },
            })
            stored = {"ok": not result.get("isError", False), "result": result.get("structuredContent")}
        except RpcFailure as failure:
            stored = {"ok": False, "error": str(failure), "code": (failure.data or {}).get("code", failure.code)}
    required = ((task.get("outputFormat") or {}).get("requiredSections")) or []
    sections = {"files": per_file, "totals": totals, "topWords": top, "stored": stored}
    for name in required:
        sections.setdefault(name, None)
    return {
        "agent": "python-summary",
        "summary": summary,
        **sections,
        "metrics": {"files": len(per_file), **totals, "toolCalls": 0 if stored is None else 1},
    }


def main():
    agent = Agent()
    # Bytes, not text: a line that is not UTF-8 is answered with a parse error instead of ending the loop.
    for raw in sys.stdin.buffer:
        if raw.strip():
            agent.handle_line(raw)
    # stdin closed: the runtime is gone or done with us; never outlive it.
    agent.stopping.set()
    agent.cancel.set()
    log("stdin closed, exiting")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
