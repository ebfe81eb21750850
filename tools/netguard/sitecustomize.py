"""Runs as every Python process starts when this folder is on PYTHONPATH (see labkit_netguard.py).

With LABKIT_NETWORK_GUARD=1 it blocks outbound network connections in the process. It then runs the
sitecustomize this one hides, if there is one (Debian's, for example), so nothing else changes.
"""

import importlib.machinery
import importlib.util
import os
import sys

if os.environ.get("LABKIT_NETWORK_GUARD") == "1":
    import labkit_netguard

    labkit_netguard.install()

_here = os.path.dirname(os.path.abspath(__file__))
_others = [p for p in sys.path if os.path.abspath(p or ".") != _here]
_spec = importlib.machinery.PathFinder.find_spec("sitecustomize", _others)
if _spec is not None and _spec.loader is not None:
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
