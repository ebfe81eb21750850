"""The standard builder writes a checkable data standard from plain choices, without code."""

from __future__ import annotations

import pytest

from labkit import LabkitError, data
from labkit.quality import audit, standard_builder, standard_from_choices


def test_choices_become_a_standard_that_audits_like_yaml():
    std = standard_from_choices(
        {
            "priority": {"required": True, "allowed": "Emergency, Urgent, Routine"},
            "postcode": {"format": "uk_postcode"},
            "repair_id": {"required": True, "unique": True, "type": "string"},
            "trade": {"type": "", "allowed": ""},  # empty choices are left out
        },
        entity="repair",
    )
    col = {c.name: c for c in std.columns}
    assert col["priority"].required and set(col["priority"].allowed) == {"Emergency", "Urgent", "Routine"}
    assert col["repair_id"].unique
    repairs = data.load("housing_repairs")
    from labkit.quality import DataStandard

    same = DataStandard.from_yaml(std.to_yaml())
    assert audit(repairs, std).findings.equals(audit(repairs, same).findings)


def test_bad_choices_say_what_to_do():
    with pytest.raises(LabkitError, match="no columns yet"):
        standard_from_choices({})
    with pytest.raises(LabkitError):
        standard_from_choices({"postcode": {"format": "not a format"}})


def test_the_widget_builds_checks_and_restarts():
    box = standard_builder(["housing_repairs"])
    box.check.click()
    assert "Add at least one column" in box.output.value
    box.column.value = "priority"
    box.required.value = True
    box.allowed.value = "Emergency, Urgent"  # leaves Routine out, so the audit finds rows outside the list
    box.add.click()
    assert "priority" in box.yaml.value and "Emergency" in box.yaml.value
    box.check.click()
    assert "<li>" in box.output.value and "priority" in box.output.value
    box.column.value = "postcode"
    box.format.value = "uk_postcode"
    box.add.click()
    assert "uk_postcode" in box.yaml.value
    box.restart.click()
    assert box.yaml.value == ""


def test_every_control_has_a_label_and_the_widget_is_marked():
    box = standard_builder(["housing_repairs"])
    for control in (box.dataset, box.column, box.type, box.allowed, box.format, box.yaml):
        assert control.description.strip()
    for control in (box.required, box.unique, box.add, box.check, box.restart):
        assert control.description.strip()
    assert "labkit-widget-standard-builder" in box._dom_classes
