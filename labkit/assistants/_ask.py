"""Asking a product a question: a Python callable or an HTTP endpoint, with every fault caught.

A product that fails to answer one question must not stop a test run of hundreds: every fault (a timeout,
an HTTP error, a reply that is not JSON, an empty answer, a callable that raises) becomes a :class:`Reply`
with no text and the reason in plain English, and the run goes on.

The HTTP adapter speaks the OpenAI-compatible chat-completions JSON that most products and gateways
accept, with the standard library only (``urllib``): nothing to install, and nothing is sent anywhere but
the address you give.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from labkit._errors import LabkitError

__all__ = ["HTTPAssistant", "Reply", "as_asker"]


@dataclass(frozen=True)
class Reply:
    """One answer, or the reason there is none.

    Attributes
    ----------
    text : str or None
        The answer; None when the product gave no answer.
    reason : str
        Why there is no answer ("" when there is one).
    latency_s : float
        Seconds from asking to the reply (the product's simulated latency for a simulated product).
    simulated : bool
        True when ``latency_s`` is a simulated product's made-up, fixed latency.
    tokens_in, tokens_out : int or None
        Tokens the product reported using (HTTP ``usage``), if it did.
    """

    text: str | None
    reason: str = ""
    latency_s: float = 0.0
    simulated: bool = False
    tokens_in: int | None = None
    tokens_out: int | None = None


def _content(data: Any) -> str | None:
    """The answer text in a callable's return value or a chat-completions reply."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("answer"), str):
            return data["answer"]
        choices = data.get("choices")
        if isinstance(choices, list) and choices and isinstance(choices[0], dict):
            message = choices[0].get("message") or {}
            content = message.get("content") if isinstance(message, dict) else None
            if isinstance(content, str):
                return content
            if isinstance(choices[0].get("text"), str):
                return choices[0]["text"]
    return None


@dataclass
class HTTPAssistant:
    """A product behind an OpenAI-compatible chat-completions endpoint, as a callable.

    Parameters
    ----------
    url : str
        The endpoint, for example ``http://127.0.0.1:8765/v1/chat/completions``; a URL without a path
        gets ``/v1/chat/completions`` added.
    model : str, default "default"
        The ``model`` field sent with each question (a simulated product ignores it).
    timeout : float, default 30
        Seconds to wait for each answer before giving up on that question.
    api_key : str, optional
        Sent as ``Authorization: Bearer ...`` when given. Never stored in a report.
    system : str, optional
        A system message sent before each question (your instructions to the product, if it takes them).

    Examples
    --------
    >>> bot = HTTPAssistant("http://127.0.0.1:9/", timeout=0.5)
    >>> bot.url
    'http://127.0.0.1:9/v1/chat/completions'
    >>> reply = bot.ask("Hello?")
    >>> reply.text is None, reply.reason.startswith("the product could not be reached")
    (True, True)
    """

    url: str
    model: str = "default"
    timeout: float = 30.0
    api_key: str | None = None
    system: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.url, str) or not self.url.startswith(("http://", "https://")):
            raise LabkitError(
                f"The address {self.url!r} is not a web address.",
                where="parameter ask",
                fix="Give the product's address starting with http:// or https://, for example "
                "http://127.0.0.1:8765/v1/chat/completions.",
            )
        if not isinstance(self.timeout, (int, float)) or not self.timeout > 0:
            raise LabkitError(
                f"timeout must be a number of seconds above 0, not {self.timeout!r}.",
                where="parameter timeout",
                fix="Use for example timeout=30.",
            )
        rest = self.url.split("://", 1)[1]
        if "/" not in rest.rstrip("/"):
            self.url = self.url.rstrip("/") + "/v1/chat/completions"

    def ask(self, question: str) -> Reply:
        """Ask one question; every fault becomes a Reply with no text and the reason."""
        messages = ([{"role": "system", "content": self.system}] if self.system else []) + [
            {"role": "user", "content": question}
        ]
        body = json.dumps({"model": self.model, "messages": messages}).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            return Reply(None, f"the product returned HTTP error {exc.code} ({exc.reason})", _since(start))
        except TimeoutError:
            return Reply(None, f"the product did not answer within {self.timeout:g} seconds", _since(start))
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return Reply(
                    None, f"the product did not answer within {self.timeout:g} seconds", _since(start)
                )
            return Reply(None, f"the product could not be reached ({exc.reason})", _since(start))
        except OSError as exc:
            return Reply(None, f"the connection failed ({exc})", _since(start))
        latency = _since(start)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return Reply(None, "the reply was not valid JSON", latency)
        text = _content(data)
        if text is None:
            return Reply(None, "the reply had no answer in it (no choices[0].message.content)", latency)
        usage = data.get("usage") if isinstance(data, dict) else None
        tokens_in = usage.get("prompt_tokens") if isinstance(usage, dict) else None
        tokens_out = usage.get("completion_tokens") if isinstance(usage, dict) else None
        return _checked(text, latency, False, tokens_in, tokens_out)

    def __call__(self, question: str) -> str:
        """The answer's text ("" when the product gave no answer)."""
        return self.ask(question).text or ""


def _since(start: float) -> float:
    return round(time.perf_counter() - start, 4)


def _checked(
    text: str, latency: float, simulated: bool, tokens_in: Any = None, tokens_out: Any = None
) -> Reply:
    if not text.strip():
        return Reply(None, "the answer was empty", latency, simulated)
    ints = [
        t if isinstance(t, int) and not isinstance(t, bool) and t >= 0 else None
        for t in (tokens_in, tokens_out)
    ]
    return Reply(text, "", latency, simulated, ints[0], ints[1])


def as_asker(ask: Any, *, timeout: float = 30.0) -> tuple[Callable[[str], Reply], str]:
    """A function that asks one question and always returns a Reply, and a name for the product.

    ``ask`` may be a URL (an :class:`HTTPAssistant` is made), an :class:`HTTPAssistant`, or any callable
    that takes the question and returns the answer text (or a dict with ``answer``, or a chat-completions
    reply). A callable that raises gives a Reply with the error as the reason. ``timeout`` applies to web
    addresses only: a Python callable runs until it returns. A simulated product's
    fixed latency is used instead of the (near-zero) measured one, so reports are the same every run.
    """
    if isinstance(ask, str):
        ask = HTTPAssistant(ask, timeout=timeout)
    if isinstance(ask, HTTPAssistant):
        return ask.ask, ask.url
    if not callable(ask):
        raise LabkitError(
            f"ask must be a function that answers a question, or a product's web address, not "
            f"{type(ask).__name__}.",
            where="parameter ask",
            fix="Pass a simulated product (get_product('clearpath')), your own function, or a URL such as "
            "'http://127.0.0.1:8765/v1/chat/completions'.",
        )
    simulate = getattr(ask, "simulated_latency", None)
    name = str(getattr(ask, "name", None) or getattr(ask, "__name__", None) or type(ask).__name__)

    def asker(question: str) -> Reply:
        start = time.perf_counter()
        try:
            result = ask(question)
        except Exception as exc:
            return Reply(None, f"the product raised an error: {type(exc).__name__}: {exc}", _since(start))
        latency = _since(start)
        simulated = simulate is not None and callable(simulate)
        if simulate is not None and callable(simulate):
            latency = float(simulate(question))
        text = _content(result)
        if text is None:
            what = "nothing" if result is None else f"a {type(result).__name__} instead of text"
            return Reply(None, f"the product returned {what}", latency, simulated)
        return _checked(text, latency, simulated)

    return asker, name
