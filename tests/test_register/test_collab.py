"""Working together: duplicates, similar projects, who to talk to, and merging registers with provenance."""

from __future__ import annotations

import json
from itertools import combinations

import pytest

from labkit import LabkitError
from labkit.register import (
    Register,
    find_duplicates,
    merge,
    sandbox_files,
    sandbox_truth,
    similar_projects,
    who_to_talk_to,
)


def planted_pairs():
    pairs = set()
    for group in sandbox_truth()["duplicate_groups"].values():
        pairs |= {tuple(sorted(p)) for p in combinations(group, 2)}
    return pairs


def test_find_duplicates_finds_exactly_the_planted_duplicated_efforts(reg):
    found = find_duplicates(reg)
    assert set(zip(found["id_a"], found["id_b"], strict=True)) == planted_pairs()
    assert (found["council_a"] != found["council_b"]).all()
    assert found["similarity"].is_monotonic_decreasing


def test_similar_projects_of_a_project_are_other_councils_own_duplicates(reg):
    got = similar_projects(reg, "northbrook-damp-mould-risk", k=3)
    assert set(got["id"]) == set(sandbox_truth()["duplicate_groups"]["damp"]) - {"northbrook-damp-mould-risk"}
    assert "Northbrook Borough Council" not in set(got["council"])


def test_similar_projects_of_a_new_idea(reg):
    got = similar_projects(reg, "A chatbot to answer questions about council tax bills", k=3)
    assert set(got["id"]) == set(sandbox_truth()["duplicate_groups"]["chatbot"])


def test_who_to_talk_to_puts_the_stopped_project_first_and_says_to_read_why(reg):
    report = who_to_talk_to(reg, "Score families for risk so the early help team can contact them sooner")
    first = report.contacts.iloc[0]
    assert first["id"] == sandbox_truth()["failed_project"]["id"]
    assert first["contact_role"] == "Assistant Director, Early Help"
    assert "stopped" in first["why"] and "lessons learned" in first["why"]
    assert "stopped a similar project" in report.summary
    assert report.to_dict()["contacts"][0]["council"] == "Ottercombe City Council"


def test_who_to_talk_to_says_when_nothing_has_been_published(reg):
    report = who_to_talk_to(reg, "Score housing benefit claims for risk of fraud", k=3)
    row = report.contacts.set_index("id").loc[sandbox_truth()["published_nothing"]]
    assert "nothing published yet" in row["why"]


def test_who_to_talk_to_with_nothing_similar(reg):
    report = who_to_talk_to(reg, "Zebra crossings painted by drones")
    assert report.contacts.empty
    assert "No project in the register is similar" in report.summary


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda r: similar_projects(r, "", k=3), "project id or a description"),
        (lambda r: similar_projects(r, "damp", k=0), "at least 1"),
        (lambda r: find_duplicates(r, threshold=1.5), "between 0 and 1"),
        (lambda r: find_duplicates("register.sqlite"), "must be a Register"),
    ],
)
def test_bad_collaboration_input_is_a_clear_error(reg, call, match):
    with pytest.raises(LabkitError, match=match):
        call(reg)


def test_merging_six_councils_keeps_provenance_and_lists_duplicates(tmp_path):
    with Register(tmp_path / "merged.sqlite") as target:
        report = merge(target, sandbox_files())
        assert len(report.added) == 39 and report.conflicts == [] and report.unchanged == []
        provenance = {e["council"]: e["provenance"] for e in target.entries()}
        assert provenance["Lindenshire County Council"].startswith("Lindenshire County Council register")
        assert set(zip(report.duplicates["id_a"], report.duplicates["id_b"], strict=True)) == planted_pairs()
        again = merge(target, sandbox_files())
        assert again.added == [] and len(again.unchanged) == 39


def test_merge_conflicts_are_kept_unless_asked_and_then_replaced(reg, tmp_path):
    changed = reg.get("eastmere-missed-bins") | {"phase": "live", "provenance": None}
    path = tmp_path / "eastmere-update.json"
    path.write_text(json.dumps([changed]), encoding="utf-8")
    report = merge(reg, [path])
    assert report.conflicts == ["eastmere-missed-bins"]
    assert reg.get("eastmere-missed-bins")["phase"] == "alpha"
    report = merge(reg, [path], overwrite=True)
    assert report.replaced == ["eastmere-missed-bins"]
    got = reg.get("eastmere-missed-bins")
    assert got["phase"] == "live"
    assert got["provenance"] == "merged from eastmere-update.json"


def test_merge_with_a_bad_entry_changes_nothing(reg, tmp_path, entry):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([entry, entry | {"id": "eastmere-x", "phase": "soon"}]), encoding="utf-8")
    before = reg.entries()
    with pytest.raises(LabkitError, match="nothing was changed"):
        merge(reg, [path])
    assert reg.entries() == before


def test_merge_reads_another_register_file(reg, tmp_path, entry):
    with Register(tmp_path / "other.sqlite") as other:
        other.add(entry)
    report = merge(reg, [tmp_path / "other.sqlite"])
    assert report.added == [entry["id"]]
    assert reg.get(entry["id"])["provenance"] == "merged from other.sqlite"
    assert "eastmere-damp-survey-planner" in set(report.duplicates["id_a"]) | set(report.duplicates["id_b"])
