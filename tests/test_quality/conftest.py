"""Small tables for the quality tests: a housing-repairs-like frame with one of each defect."""

from __future__ import annotations

import pandas as pd
import pytest

STANDARD_YAML = """
name: Test repairs
entity: repair
primary_key: repair_id
columns:
  repair_id: {type: string, required: true, unique: true}
  property_id: {type: string, required: true}
  tenant_id: {type: string, required: true}
  tenant_name: {type: string, required: true}
  dob: {type: date, placeholders: ["1900-01-01"]}
  postcode: {type: string, format: uk_postcode}
  uprn: {type: string, format: uprn, required: true}
  address: {type: string}
  priority: {type: string, required: true, allowed: [Emergency, Urgent, Routine]}
  ethnic_group:
    allowed: ["White: Irish", "Asian: Indian"]
    legacy_codes: [WIRI, AIND, REFU]
  visits: {type: integer, minimum: 0, maximum: 10}
  reported_at: {type: datetime, required: true}
  completed_at: {type: datetime}
rules:
  - completed_at is not before reported_at
same_for_each:
  property_id: [address, uprn]
people:
  id: tenant_id
  name: tenant_name
  date_of_birth: dob
  postcode: postcode
"""


@pytest.fixture
def standard_yaml() -> str:
    return STANDARD_YAML


@pytest.fixture
def repairs() -> pd.DataFrame:
    """Eight repairs; row positions of the planted problems are in the comments."""
    return pd.DataFrame(
        {
            "repair_id": ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R7"],  # 6 and 7 share an ID
            "property_id": ["P1", "P1", "P1", "P2", "P2", "P3", "P4", "P5"],
            "tenant_id": ["T1", "T1", "T1", "T2", "T2", "T3", "T4", "T9"],  # T9 is T1 again
            "tenant_name": [
                "Amina Khan",
                "Amina Khan",
                "Amina Khan",
                "Joe Bloggs",
                "Joe Bloggs",
                "Sam Patel",
                "Lee Wong",
                "Amina Kahn",
            ],
            "dob": [
                "1980-02-01",
                "1980-02-01",
                "1980-02-01",
                "1975-06-30",
                "1975-06-30",
                "1900-01-01",  # 5 placeholder
                "1990-01-01",
                "1980-02-01",
            ],
            "postcode": [
                "ZX1 2AB",
                "ZX1 2AB",
                "ZX1 2AB",
                "ZX3 4DE",
                "ZX3 4DE",
                "zx9 9zz",
                "ZX5 5EF",
                "ZX1 2AB",
            ],
            "uprn": ["990001", "990001", None, "990002", "990002", "990003", "990004", "990005"],  # 2 missing
            "address": [
                "1 High Street, Northbrook",
                "1 High Street, Northbrook",
                "1 HIGH ST",  # 2 variant
                "2 Low Road, Northbrook",
                "2 Low Road, Northbrook",
                "3 Mill Lane, Northbrook",
                "4 Park Row, Northbrook",
                "1 High Street, Northbrook",
            ],
            "priority": ["Urgent", "Routine", "Routine", "Soon", "Emergency", "Routine", None, "Urgent"],
            "ethnic_group": [
                "White: Irish",
                "WIRI",
                "White: Irish",
                "Asian: Indian",
                "AIND",
                None,
                "X",
                "REFU",
            ],
            "visits": [0, 1, 2, 11, 0, -1, 3, 0],
            "reported_at": [
                "2024-04-01 09:00:00",
                "2024-04-02 10:00:00",
                "03/04/2024 11:00",  # 2 mixed format
                "2024-04-04 12:00:00",
                "2024-04-05 13:00:00",
                "2024-04-06 14:00:00",
                "2024-04-07 15:00:00",
                "2024-04-08 16:00:00",
            ],
            "completed_at": [
                "2024-04-03 09:00:00",
                "2024-03-30 10:00:00",  # 1 before reported
                "2024-04-09 11:00:00",
                None,
                "2024-04-06 13:00:00",
                "2024-04-10 14:00:00",
                "2024-04-11 15:00:00",
                "2024-04-12 16:00:00",
            ],
        }
    )
