"""Sharing progress with a trainer: off by default, only in a hub, only what the switch says, stoppable."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from labkit.exercises import Equals, ExerciseSet, Question, Wrong, cohort_switch, learner_seed, share_progress
from labkit.exercises._cohort import FORMAT, NOT_IN_HUB, SETTING, shared_progress, sharing_on
from labkit.exercises._progress import learner_settings


def _demo() -> ExerciseSet:
    return ExerciseSet(
        "97",
        "Demo",
        [
            Question(
                "q1",
                "How many?",
                variable="how_many",
                check=Equals(12, kind="a count"),
                hints=["Count them."],
                solution="how_many = 12",
                wrong=[Wrong(11, "You missed one."), Wrong(13, "You counted one twice."), Wrong(0)],
            )
        ],
    )


@pytest.fixture
def hub(tmp_path: Path, monkeypatch) -> Path:
    """A cohort drop folder, as labkit hub sets it up, and a learner called alice."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    folder.chmod(0o3773)
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(folder))
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    return folder


def _shared(folder: Path) -> dict:
    return json.loads((folder / "alice.json").read_text(encoding="utf-8"))


def test_outside_a_hub_nothing_is_shared_and_the_switch_says_why(tmp_path: Path) -> None:
    assert share_progress(True) == NOT_IN_HUB
    assert not sharing_on()
    switch = cohort_switch()
    assert switch.checkbox.value is False
    assert switch.checkbox.disabled
    assert "only available in a workshop hub" in switch.status.value


def test_the_switch_is_off_by_default_and_says_what_is_shared(hub: Path) -> None:
    switch = cohort_switch()
    assert switch.checkbox.value is False and not switch.checkbox.disabled
    words = switch.children[0].value
    promises = ("user name", "whether you got it right", "hints", "common mistake", "Nothing else", "untick")
    for promise in promises:
        assert promise in words
    assert not any(hub.iterdir())


def test_ticking_shares_a_file_the_trainers_can_read_and_unticking_deletes_it(hub: Path) -> None:
    switch = cohort_switch()
    switch.checkbox.value = True
    path = hub / "alice.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _shared(hub)["format"] == FORMAT and _shared(hub)["learner"] == "alice"
    assert "You are sharing" in switch.status.value
    assert learner_settings()[SETTING] is True
    assert cohort_switch().checkbox.value is True  # the choice holds in the next session
    switch.checkbox.value = False
    assert not path.exists()
    assert "deleted" in switch.status.value
    assert learner_settings()[SETTING] is False


def test_the_file_follows_each_check_hint_and_answer_while_sharing(hub: Path) -> None:
    namespace: dict = {}
    _demo().bind(namespace, seed=0)
    share_progress(True)
    namespace["how_many"] = 13
    outcome = namespace["q1"].check()
    assert outcome.known_wrong == 2 and outcome.message == "You counted one twice."
    namespace["q1"].hint()
    namespace["how_many"] = 0
    namespace["q1"].check()  # a known mistake without a reason is still counted
    (entry,) = _shared(hub)["questions"]
    assert entry == {
        "exercise": "97",
        "question": "q1",
        "checks": 2,
        "status": "not yet",
        "hints": 1,
        "solutions": 0,
        "mistakes": [2, 3],
    }
    namespace["how_many"] = 12
    namespace["q1"].check()
    namespace["q1"].solution()
    (entry,) = _shared(hub)["questions"]
    assert entry["status"] == "correct" and entry["solutions"] == 1
    assert "12" not in json.dumps(_shared(hub)["questions"])  # answers themselves are never shared


def test_after_unticking_a_check_shares_nothing(hub: Path) -> None:
    namespace: dict = {}
    _demo().bind(namespace, seed=0)
    share_progress(True)
    share_progress(False)
    namespace["how_many"] = 11
    assert namespace["q1"].check().note == ""
    assert not any(hub.iterdir())


def test_a_folder_that_cannot_be_written_never_breaks_a_check(hub: Path, tmp_path: Path, monkeypatch) -> None:
    namespace: dict = {}
    _demo().bind(namespace, seed=0)
    share_progress(True)
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(not_a_folder))
    namespace["how_many"] = 12
    outcome = namespace["q1"].check()
    assert outcome.correct
    assert outcome.note.startswith("(Your progress was not shared with your trainer")


def test_sharing_that_fails_at_the_start_leaves_the_switch_off(tmp_path: Path, monkeypatch) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(not_a_folder))
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    switch = cohort_switch()
    switch.checkbox.value = True
    assert switch.checkbox.value is False
    assert "could not be shared" in switch.status.value
    assert not sharing_on()


@pytest.mark.parametrize("name", ["../eve", ".hidden", "a/b", "x" * 80])
def test_a_user_name_that_is_not_a_safe_file_name_is_refused(hub: Path, monkeypatch, name: str) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", name)
    assert "cannot be used as a file name" in share_progress(True)
    assert not any(hub.parent.rglob("*.json"))


def test_the_seed_and_the_choice_are_kept_side_by_side(hub: Path) -> None:
    seed = learner_seed(save=4321)
    share_progress(True)
    assert learner_seed() == seed
    learner_seed(save=77)
    assert sharing_on()
    assert learner_settings() == {"seed": 77, SETTING: True}


def test_shared_progress_ignores_what_it_does_not_know() -> None:
    events = [
        {"exercise": "02", "question": "q1", "event": "check", "outcome": "not yet", "wrong": True},
        {"exercise": "02", "question": "q1", "event": "check", "outcome": "correct", "wrong": "2"},
        {"exercise": "02", "question": "q1", "event": "check", "outcome": "not yet"},
        {"exercise": "01", "question": "q2", "event": "opened"},
    ]
    first, second = shared_progress(events)
    assert (first["question"], first["checks"], first["status"]) == ("q2", 0, "not checked")
    assert second["status"] == "correct" and second["mistakes"] == [] and second["checks"] == 3


def test_in_a_hub_binding_a_set_in_a_notebook_shows_the_switch(hub: Path, monkeypatch) -> None:
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    _demo().bind({}, seed=0)
    (switch,) = shown
    assert "labkit-widget-cohort-switch" in switch._dom_classes
    assert switch.checkbox.value is False
    monkeypatch.delenv("LABKIT_COHORT_DIR")
    _demo().bind({}, seed=0)
    assert len(shown) == 1  # outside a hub, binding shows nothing new
