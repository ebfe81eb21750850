"""The network guard: proof that nothing in a test run connects anywhere but this computer.

With ``LABKIT_NETWORK_GUARD=1`` and this folder on ``PYTHONPATH``, ``sitecustomize.py`` calls
:func:`install` as every Python process starts: the test run itself, each subprocess it starts and each
Jupyter kernel (they inherit the environment). From then on, in that process:

- ``socket.socket.connect``, ``connect_ex``, ``sendto`` and ``sendmsg`` to any address outside loopback
  (127.0.0.0/8, ::1) raise :class:`NetworkBlockedError`; local (Unix) sockets are allowed;
- name resolution (``getaddrinfo``, ``gethostbyname``, ...) of any name but ``localhost``, a loopback
  address or a wildcard bind address raises it too, before any DNS query is sent.

Each attempt is also printed on stderr and appended as a JSON line to the file named by
``LABKIT_NETWORK_GUARD_LOG``. The pytest plugin beside it (``pytest -p labkit_netguard_pytest``) then
fails the run if that file holds any attempt, even one a library caught and ignored.
See docs/packaging.md.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import sys
import traceback
from typing import Any

ENV = "LABKIT_NETWORK_GUARD"
LOG_ENV = "LABKIT_NETWORK_GUARD_LOG"
LOCAL_NAMES = {None, "", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
WILDCARDS = {"0.0.0.0", "::", "*"}


class NetworkBlockedError(PermissionError):
    """An outbound network connection or name lookup, refused by the labkit network guard."""


def is_loopback(host: Any) -> bool:
    """Whether a host name or address is this computer's loopback (127.0.0.0/8, ::1, localhost)."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in LOCAL_NAMES:
        return True
    text = str(host).split("%", 1)[0].strip("[]")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _allowed_address(family: int, address: Any) -> bool:
    if family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple):
        return True
    return is_loopback(address[0])


def _blocked(what: str) -> NetworkBlockedError:
    message = (
        f"labkit network guard: blocked {what} in process {os.getpid()} "
        f"({' '.join(sys.argv)[:200]}). labkit must never use the network."
    )
    stack = "".join(traceback.format_stack(limit=12)[:-2])
    log = os.environ.get(LOG_ENV)
    if log:
        try:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(
                    json.dumps({"pid": os.getpid(), "argv": sys.argv, "what": what, "stack": stack}) + "\n"
                )
        except OSError:
            pass
    print(message, file=sys.__stderr__, flush=True)
    return NetworkBlockedError(message)


def install() -> None:
    """Block outbound connections and lookups of non-local names in this process (idempotent)."""
    if getattr(socket, "_labkit_network_guard", False):
        return
    real = socket.socket
    real_connect, real_connect_ex = real.connect, real.connect_ex
    real_sendto, real_sendmsg = real.sendto, real.sendmsg

    def connect(self: socket.socket, address: Any) -> None:
        if not _allowed_address(self.family, address):
            raise _blocked(f"a connection to {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _allowed_address(self.family, address):
            raise _blocked(f"a connection to {address!r}")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        address = args[-1]
        if not _allowed_address(self.family, address):
            raise _blocked(f"a datagram to {address!r}")
        return real_sendto(self, data, *args)

    def sendmsg(self: socket.socket, buffers: Any, *args: Any) -> int:
        address = args[2] if len(args) > 2 else None
        if address is not None and not _allowed_address(self.family, address):
            raise _blocked(f"a message to {address!r}")
        return real_sendmsg(self, buffers, *args)

    real.connect, real.connect_ex, real.sendto, real.sendmsg = connect, connect_ex, sendto, sendmsg

    def guard_lookup(name: str, real_lookup: Any) -> Any:
        def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not (is_loopback(host) or host in WILDCARDS):
                raise _blocked(f"a lookup of {host!r} ({name})")
            return real_lookup(host, *args, **kwargs)

        lookup.__name__ = name
        return lookup

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, guard_lookup(name, getattr(socket, name)))
    socket._labkit_network_guard = True  # type: ignore[attr-defined]


def active() -> bool:
    """Whether the guard is installed in this process."""
    return bool(getattr(socket, "_labkit_network_guard", False))
