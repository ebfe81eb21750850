"""The Zero to JupyterHub values kept for programmes beyond one machine: valid YAML, the keys docs/hub.md
promises, and the same choices as the room-sized ``labkit hub``."""

from __future__ import annotations

import re

import yaml

from labkit.hub import DEFAULT_CAP, DEFAULT_IDLE_MINUTES

from .conftest import ROOT

VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
GIB = 1024**3


def _bytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMGT]i?)?", str(quantity)).groups()
    scale = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    return float(number) * scale[unit]


def test_values_parse_and_hold_the_promised_keys() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    hub = values["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == "shared-password"
    assert hub["Authenticator"]["admin_users"]
    assert "SharedPasswordAuthenticator" not in hub, "passwords are passed with --set, never kept in git"
    assert values["hub"]["db"]["type"] == "sqlite-pvc"
    single = values["singleuser"]
    assert single["image"]["name"] and single["image"]["tag"]
    assert single["defaultUrl"] == "/lab"
    assert _bytes(single["memory"]["guarantee"]) <= _bytes(single["memory"]["limit"])
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert single["storage"]["capacity"]
    assert single["networkPolicy"]["enabled"] is True
    assert values["proxy"]["https"]["enabled"] is True


def test_culling_matches_labkit_hub() -> None:
    cull = yaml.safe_load(VALUES.read_text(encoding="utf-8"))["cull"]
    assert cull["enabled"] is True
    assert cull["timeout"] == DEFAULT_IDLE_MINUTES * 60


def test_a_room_of_learners_fits_in_the_guarantees_of_one_24_gib_node() -> None:
    memory = yaml.safe_load(VALUES.read_text(encoding="utf-8"))["singleuser"]["memory"]
    assert DEFAULT_CAP * _bytes(memory["guarantee"]) <= 24 * GIB


def test_docs_describe_every_top_level_section() -> None:
    docs = (ROOT / "docs" / "hub.md").read_text(encoding="utf-8")
    for section in yaml.safe_load(VALUES.read_text(encoding="utf-8")):
        assert f"`{section}" in docs, f"docs/hub.md does not explain the {section} section of values.yaml"
