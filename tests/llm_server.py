"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted answers, for tests.

The openai SDK sends through its own HTTP stack, so mocking libraries do not intercept
it; a loopback server does, and runs the real client and the real LangChain chain.

Usage (any test may import it)::

    from tests.llm_server import fake_llm, answer, error, hang

    with fake_llm() as server:                      # starts on an ephemeral port
        server.script(answer({"interactions": []}))  # queue answers, one per request
        settings = load_settings(**server.settings_overrides())
        ...
        server.requests[0].body["model"]             # every request is recorded

Answers, consumed in order (one per HTTP request, including the SDK's retries):

- `answer(data)`: an extraction (dict or JSON text) in whatever form the request asked
  for: a tool call when it sent `tools`, message content otherwise.
- `content(text)` / `tool_call(arguments)`: exactly that content or tool-call arguments.
- `error(status, message, retry_after=None)`: an OpenAI-style error body.
- `hang(seconds, then=None)`: wait, then answer `then` (default an empty 200 answer); use
  it to exceed the client's timeout, or to keep requests in flight together
  (`server.max_in_flight` counts the most answered at once).
- `raw(status, body, headers)`: any bytes at all.

With the queue empty the server answers `server.default` (an empty answer in the
requested form, unless a test changes it), so a smoke test needs no script at all.
`GET /v1/models` lists `server.models`. `closed_port_url()` gives a URL nobody listens on.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

EMPTY_ANSWER: dict[str, Any] = {"facts": [], "interactions": [], "disqualifiers": []}


def fact(field: str, value: Any, evidence: str) -> dict[str, Any]:
    """One item of an answer's `facts`: {field, value, evidence}, the value as text."""
    return {"field": field, "value": str(value), "evidence": evidence}


@dataclass
class Reply:
    """One scripted answer. Build it with the functions below."""

    kind: str  # answer | content | tool_call | error | hang | raw
    payload: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str | None = None
    usage: tuple[int, int] = (120, 40)


def answer(data: dict[str, Any] | str, *, finish_reason: str | None = None) -> Reply:
    """An extraction in the form the request asked for (tool call or content)."""
    return Reply("answer", data, finish_reason=finish_reason)


def content(text: str, *, finish_reason: str = "stop", refusal: str | None = None) -> Reply:
    """A plain assistant message with exactly this content (or a refusal)."""
    return Reply("content", {"text": text, "refusal": refusal}, finish_reason=finish_reason)


def tool_call(arguments: dict[str, Any] | str, *, name: str | None = None) -> Reply:
    """A tool call with these arguments; the name defaults to the tool the request offered."""
    return Reply("tool_call", {"arguments": arguments, "name": name}, finish_reason="tool_calls")


def error(status: int, message: str = "scripted error", *, retry_after: float | None = None,
          code: str | None = None) -> Reply:
    headers = {"retry-after": f"{retry_after:g}"} if retry_after is not None else {}
    body = {"error": {"message": message, "type": "test_error", "param": None, "code": code}}
    return Reply("error", body, status=status, headers=headers)


def hang(seconds: float, then: Reply | None = None) -> Reply:
    """Answer only after `seconds` (the server stops waiting when it shuts down), with
    `then` (default: an empty answer)."""
    return Reply("hang", then, delay=seconds)


def raw(status: int, body: bytes | str, headers: dict[str, str] | None = None) -> Reply:
    return Reply("raw", body.encode() if isinstance(body, str) else body, status=status,
                 headers=headers or {"content-type": "application/json"})


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float = 0.0  # time.monotonic() when it arrived

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages") or [])

    @property
    def text(self) -> str:
        """All message contents joined: handy for 'the note was sent' assertions."""
        parts = []
        for message in self.messages:
            value = message.get("content")
            if isinstance(value, list):
                value = " ".join(str(part.get("text", "")) for part in value)
            parts.append(str(value or ""))
        return "\n".join(parts)

    @property
    def method_used(self) -> str:
        """The structured-output method the request shows: json_schema, function_calling, json_mode or none."""
        body = self.body or {}
        if body.get("tools"):
            return "function_calling"
        kind = (body.get("response_format") or {}).get("type")
        return {"json_schema": "json_schema", "json_object": "json_mode"}.get(kind, "none")


class FakeLLMServer:
    """The server; use `fake_llm()` to run one for the length of a `with` block."""

    def __init__(self, models: tuple[str, ...] = ("test-model",)) -> None:
        self.models = list(models)
        self.requests: list[RecordedRequest] = []
        self.default: Reply | None = answer(EMPTY_ANSWER)
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # how many chat requests are being answered at once, and the most at any time
        self.in_flight = 0
        self.max_in_flight = 0

    # --- scripting --------------------------------------------------------------------

    def script(self, *replies: Reply) -> FakeLLMServer:
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.split("?")[0].endswith("/chat/completions")]

    # --- addresses --------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def settings_overrides(self, **extra: Any) -> dict[str, Any]:
        """Keyword arguments for `load_settings` that point the app at this server."""
        values: dict[str, Any] = {
            "llm_provider": "compatible",
            "llm_base_url": self.base_url,
            "llm_model": self.models[0],
            "llm_timeout": 5.0,
            "llm_max_retries": 0,
            "extractor": "llm",
        }
        values.update(extra)
        return values

    def env(self, **extra: str) -> dict[str, str]:
        """The same as environment variables (for subprocess or CliRunner tests)."""
        return {f"LEADQUAL_{k.upper()}": str(v) for k, v in self.settings_overrides(**extra).items()}

    # --- lifecycle --------------------------------------------------------------------

    def start(self) -> FakeLLMServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes; without this, Nagle's
                # algorithm and delayed ACKs add ~40 ms to every answer.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                server._record(self, None)
                if self.path.split("?")[0].rstrip("/").endswith("/models"):
                    data = [{"id": m, "object": "model", "created": 0, "owned_by": "test"}
                            for m in server.models]
                    self._send(200, json.dumps({"object": "list", "data": data}).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                data = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(data) if data else None
                except ValueError:
                    body = data.decode("utf-8", "replace")
                request = server._record(self, body)
                if not self.path.split("?")[0].rstrip("/").endswith("/chat/completions"):
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                with server._lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    reply = server._next()
                    if reply is None:
                        self._send(500, b'{"error": {"message": "no scripted answer left"}}')
                        return
                    if reply.kind == "hang":
                        if server._stopping.wait(reply.delay):
                            return
                        reply = reply.payload if isinstance(reply.payload, Reply) else answer(EMPTY_ANSWER)
                    status, payload, headers = server._render(reply, request)
                    self._send(status, payload, headers)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    headers = {"content-type": "application/json", **(headers or {})}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-llm", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- internals --------------------------------------------------------------------

    def _record(self, handler: BaseHTTPRequestHandler, body: Any) -> RecordedRequest:
        request = RecordedRequest(
            method=handler.command, path=handler.path,
            headers={k.lower(): v for k, v in handler.headers.items()}, body=body, at=time.monotonic(),
        )
        with self._lock:
            self.requests.append(request)
        return request

    def _next(self) -> Reply | None:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _render(self, reply: Reply, request: RecordedRequest) -> tuple[int, bytes, dict[str, str]]:
        if reply.kind in ("error", "raw"):
            payload = reply.payload if isinstance(reply.payload, bytes) else json.dumps(reply.payload).encode()
            return reply.status, payload, reply.headers
        body = request.body if isinstance(request.body, dict) else {}
        model = body.get("model") or self.models[0]
        message: dict[str, Any] = {"role": "assistant", "content": None}
        finish = reply.finish_reason
        if reply.kind == "answer":
            text = reply.payload if isinstance(reply.payload, str) else json.dumps(reply.payload)
            if body.get("tools"):
                message["tool_calls"] = [_tool_call(_tool_name(body), text)]
                finish = finish or "tool_calls"
            else:
                message["content"] = text
        elif reply.kind == "content":
            message["content"] = reply.payload["text"]
            if reply.payload["refusal"]:
                message["refusal"] = reply.payload["refusal"]
        elif reply.kind == "tool_call":
            args = reply.payload["arguments"]
            text = args if isinstance(args, str) else json.dumps(args)
            message["tool_calls"] = [_tool_call(reply.payload["name"] or _tool_name(body), text)]
        completion = {
            "id": f"chatcmpl-test-{len(self.requests)}",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish or "stop",
                         "logprobs": None}],
            "usage": {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1],
                      "total_tokens": sum(reply.usage)},
        }
        return 200, json.dumps(completion).encode(), reply.headers


def _tool_name(body: dict[str, Any]) -> str:
    tools = body.get("tools") or []
    if tools:
        return tools[0].get("function", {}).get("name", "tool")
    return "tool"


def _tool_call(name: str, arguments: str) -> dict[str, Any]:
    return {"id": "call_test", "type": "function", "function": {"name": name, "arguments": arguments}}


@contextmanager
def fake_llm(models: tuple[str, ...] = ("test-model",)) -> Iterator[FakeLLMServer]:
    """Run a FakeLLMServer on 127.0.0.1 (ephemeral port) for the block."""
    server = FakeLLMServer(models).start()
    try:
        yield server
    finally:
        server.stop()


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
