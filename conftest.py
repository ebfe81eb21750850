"""Project-wide pytest settings.

The app notebooks in ``labkit/apps/notebooks`` are stored without outputs (Voila runs them): nbval
would have nothing to compare, so they are tested in a real browser by ``tests/browser/test_apps.py``.
"""

collect_ignore_glob = ["labkit/apps/notebooks/*.ipynb"]
