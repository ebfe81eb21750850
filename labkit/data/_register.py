"""The sandbox project register: about 40 fictional AI projects across six fictional councils.

The register is the practice data of lesson 08 ("Be open and work together"). Each council keeps its own
register and exchanges it as CSV in labkit's open register layout (see ``labkit.register``); the sandbox
holds one file per council, as if each had sent its register to the others, and a ground truth file of
what was planted:

- duplicated efforts: groups of councils that each started the same kind of project on their own;
- a project that was stopped, with lessons learned that the others should read first;
- a live project that published nothing (no problem canvas, model card, transparency record or lessons).

Every council, project, supplier and address here is invented. No UK local authority is called
Northbrook, Eastmere, Brackenmoor, Lindenshire, Ottercombe or Sallowford (places with similar names may
exist). Email addresses use the reserved ``.example`` domain, and web links point to it too.

Text is written by hand (so the duplicates are duplicates in meaning, as real ones are, not copies);
start dates, costs and the monitor's RAG status are drawn with a seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np

__all__ = ["REGISTER_COUNCILS", "register_entries", "register_files", "register_truth"]

#: Council machine name -> (display name, kind). All fictional.
REGISTER_COUNCILS: dict[str, tuple[str, str]] = {
    "northbrook": ("Northbrook Borough Council", "unitary borough"),
    "eastmere": ("Eastmere District Council", "district"),
    "brackenmoor": ("Brackenmoor Metropolitan Borough Council", "metropolitan borough"),
    "lindenshire": ("Lindenshire County Council", "county"),
    "ottercombe": ("Ottercombe City Council", "unitary city"),
    "sallowford": ("Sallowford District Council", "district"),
}

# Fictional suppliers: no real company is meant.
_SUPPLIERS = (
    "Quillon Analytics Ltd",
    "Brightwater Data Ltd",
    "Tessellate Civic AI Ltd",
    "Marlow & Penn Digital Ltd",
    "Northgate Lanterns Ltd",
)

# (council, slug, title, service, problem statement, phase, status, supplier index or None,
#  published (canvas, model card, ATRS record), lessons learned, contact role)
_P = tuple[str, str, str, str, str, str, str, int | None, tuple[bool, bool, bool], str, str]

_PROJECTS: tuple[_P, ...] = (
    # -- Planted duplicate group "damp": four councils each building a damp and mould risk model.
    ("northbrook", "damp-mould-risk", "Damp and mould risk in council homes", "Housing",
     "Find council homes at risk of damp and mould before tenants report it, so surveyors inspect them "
     "first and hazards are fixed within the legal time limits.",
     "alpha", "active", None, (True, False, False), "", "Head of Housing Asset Management"),
    ("brackenmoor", "mould-prediction", "Predicting damp and mould in social housing", "Housing",
     "Predict which social housing properties are likely to develop damp and mould, using repairs history "
     "and property age, so inspections reach the worst homes first.",
     "private beta", "active", 0, (True, True, False), "", "Service Manager, Housing Repairs"),
    ("ottercombe", "damp-homes-model", "Damp and mould early warning", "Housing",
     "Warn the housing team early about council homes likely to suffer damp and mould, from past repairs, "
     "complaints and property type, so surveyors inspect them before conditions harm tenants' health.",
     "discovery", "active", None, (True, False, False), "", "Assistant Director of Housing"),
    ("sallowford", "mould-risk-score", "Damp and mould risk score for council homes", "Housing",
     "Score every tenancy for risk of damp and mould from repairs and inspection records, so the council "
     "can plan surveys and meet its duty to investigate hazards quickly.",
     "alpha", "active", 1, (False, False, False), "", "Housing Standards Manager"),
    # -- Planted duplicate group "email": three councils each triaging contact-centre emails.
    ("northbrook", "email-triage", "Routing residents' emails to the right service", "Customer services",
     "Route residents' emails to the right service team automatically, so fewer messages wait in the "
     "general inbox and residents get an answer sooner.",
     "live", "active", None, (True, True, True), "", "Head of Customer Services"),
    ("eastmere", "inbox-classifier", "Contact centre inbox sorting", "Customer services",
     "Sort emails arriving in the contact centre inbox by service, so residents' messages reach the right "
     "team without an officer reading each one first.",
     "private beta", "active", 2, (True, False, False), "", "Customer Contact Manager"),
    ("lindenshire", "message-routing", "Automatic routing of resident emails", "Customer services",
     "Classify resident emails by service area and route them to the team that can answer, cutting the "
     "time messages wait in the shared contact centre inbox.",
     "alpha", "active", 2, (True, False, False), "", "Head of Customer Experience"),
    # -- Planted duplicate group "chatbot": three councils each building a council tax chatbot.
    ("eastmere", "council-tax-chatbot", "Council tax chatbot", "Revenues",
     "Answer common council tax questions (bills, discounts, payment dates) through a chatbot on the "
     "website, so fewer residents need to phone.",
     "public beta", "active", 3, (True, False, True), "", "Revenues and Benefits Manager"),
    ("ottercombe", "tax-assistant", "Online council tax assistant", "Revenues",
     "Give residents an online assistant that answers council tax questions about bills, discounts and "
     "payments at any time of day, reducing calls to the revenues team.",
     "alpha", "paused", 3, (False, False, False), "", "Head of Revenues"),
    ("sallowford", "ctax-bot", "Chatbot for council tax enquiries", "Revenues",
     "Use a chatbot to answer residents' council tax enquiries about bills, payments and discounts, so "
     "officers can spend their time on complex cases.",
     "discovery", "active", None, (True, False, False), "", "Revenues Manager"),
    # -- Planted duplicate group "potholes": two councils detecting road defects from images.
    ("lindenshire", "pothole-images", "Finding potholes from vehicle camera images", "Highways",
     "Detect potholes and road surface defects from images taken by cameras on council vehicles, so "
     "highway inspectors find defects before residents report them.",
     "private beta", "active", 4, (True, True, True), "", "Highways Asset Manager"),
    ("brackenmoor", "road-defect-detection", "Road defect detection from camera images", "Highways",
     "Spot road surface defects such as potholes in images from cameras on bin lorries, so repairs are "
     "planned from evidence rather than waiting for reports.",
     "alpha", "active", 4, (True, False, False), "", "Head of Highways"),
    # -- Planted duplicate group "demand": three councils forecasting adult social care demand.
    ("lindenshire", "asc-demand-forecast", "Adult social care demand forecast", "Adult social care",
     "Forecast demand for home care and residential care over the next five years by area, so "
     "commissioners can plan the market and the budget.",
     "live", "active", None, (True, True, True), "", "Director of Adult Social Services"),
    ("brackenmoor", "care-demand-model", "Modelling future demand for adult social care", "Adult social care",
     "Model how demand for adult social care, home care and care home places will grow in each area over "
     "five years, to plan commissioning and the budget.",
     "alpha", "active", 0, (True, False, False), "", "Head of Commissioning, Adult Social Care"),
    ("ottercombe", "care-forecasting", "Care demand forecasting", "Adult social care",
     "Forecast the number of older people who will need home care or a care home place in the next five "
     "years, so commissioners can plan care capacity and the budget.",
     "discovery", "active", None, (True, False, False), "", "Commissioning Manager"),
    # -- Planted failure with lessons learned.
    ("ottercombe", "family-risk-score", "Family early help risk score", "Children's services",
     "Score families for the risk of needing children's social care, so the early help team could "
     "contact them sooner.",
     "retired", "stopped", 1, (True, True, True),
     "Stopped after 18 months. The supplier would not let us see how the score was made, so we could not "
     "explain it to families or check it for bias. Records from eleven systems did not match well enough, "
     "so many families were scored on partial data. Social workers did not trust the list and checked "
     "every case by hand, so no time was saved. Next time: define the decision the list supports first, "
     "get data in order, and require access to the model in the contract.",
     "Assistant Director, Early Help"),
    # -- Planted: a live project that published nothing.
    ("sallowford", "benefit-claim-scoring", "Benefit claim risk scoring", "Revenues",
     "Score housing benefit claims for risk.",
     "live", "active", 3, (False, False, False), "", "Revenues and Benefits Manager"),
    # -- Other projects (no planted duplicate).
    ("northbrook", "repairs-at-risk", "Repairs at risk of missing their target", "Housing",
     "Give repairs planners a weekly list of open responsive repairs likely to miss their target, so they "
     "can call the tenant, rebook or escalate before the deadline passes.",
     "alpha", "active", None, (True, True, True), "", "Head of Repairs"),
    ("northbrook", "foi-triage", "Freedom of information request triage", "Information governance",
     "Suggest which department should answer each freedom of information request and flag requests "
     "similar to ones already published.",
     "discovery", "active", None, (True, False, False), "", "Information Governance Manager"),
    ("northbrook", "homelessness-prevention", "Homelessness prevention from rent arrears signals",
     "Housing options",
     "Identify tenants likely to lose their home because of rent arrears or a notice to quit, so housing "
     "options officers can offer advice before a crisis.",
     "alpha", "active", None, (True, True, False), "", "Head of Housing Options"),
    ("northbrook", "address-matching", "Matching residents across service systems", "Data and insight",
     "Match the same resident across housing, council tax and social care systems, so services share a "
     "single accurate view and stop asking people the same questions.",
     "live", "completed", None, (True, False, False),
     "Finished on time. Most of the work was agreeing a data standard for addresses with each service, "
     "not the matching itself.", "Head of Data and Insight"),
    ("eastmere", "missed-bins", "Predicting missed bin collections", "Waste",
     "Predict which rounds and streets are likely to have missed bin collections next week, so crews and "
     "schedules can be adjusted in advance.",
     "alpha", "active", None, (True, False, False), "", "Waste Services Manager"),
    ("eastmere", "fly-tipping-hotspots", "Fly-tipping hotspot mapping", "Environmental services",
     "Map where fly-tipping is reported most often and when, so enforcement patrols and cameras go to "
     "the right places.",
     "live", "completed", None, (True, False, False), "", "Environmental Enforcement Manager"),
    ("eastmere", "meeting-minutes", "Drafting meeting minutes with generative AI", "Democratic services",
     "Draft minutes of internal meetings from recordings with a generative AI assistant, checked and "
     "corrected by an officer before use.",
     "private beta", "active", 2, (True, False, True), "", "Head of Democratic Services"),
    ("eastmere", "planning-validation", "Checking planning submissions are complete", "Planning",
     "Check new planning submissions for missing documents and drawings when they arrive, so applicants "
     "are told at once what is missing.",
     "discovery", "active", None, (False, False, False), "", "Development Management Manager"),
    ("brackenmoor", "letter-translation", "Translating letters for residents", "Customer services",
     "Translate standard council letters into the languages residents most often need, checked by a "
     "qualified translator before sending.",
     "live", "active", 3, (True, False, True), "", "Equalities and Inclusion Manager"),
    ("brackenmoor", "referral-summaries", "Summarising children's referrals", "Children's services",
     "Summarise long referral records for duty social workers, with every summary checked against the "
     "full record by the social worker.",
     "discovery", "paused", None, (True, False, False), "", "Principal Social Worker"),
    ("lindenshire", "school-transport-routes", "Home to school transport routing", "Education",
     "Plan routes for home to school transport that meet every child's needs at lower cost and with "
     "shorter journeys.",
     "live", "completed", 4, (True, False, False),
     "Routes saved money, but parents were not told early enough why routes changed. Involve families "
     "before the new term, not after.", "Head of Education Transport"),
    ("lindenshire", "library-footfall", "Library opening hours from visitor counts", "Libraries",
     "Use visitor counts and loans to set library opening hours that match when people use each branch.",
     "live", "completed", None, (True, False, False), "", "Libraries Service Manager"),
    ("lindenshire", "winter-gritting", "Winter gritting decisions", "Highways",
     "Combine road weather forecasts and road temperatures to decide which routes to grit each evening.",
     "live", "active", 0, (True, True, True), "", "Winter Service Manager"),
    ("ottercombe", "street-lighting-faults", "Street lighting fault prediction", "Highways",
     "Predict which street lights will fail soon from their age and fault history, so repairs can be "
     "grouped into planned visits.",
     "alpha", "active", None, (True, False, False), "", "Street Lighting Engineer"),
    ("ottercombe", "parking-permits", "Parking permit application checks", "Parking",
     "Check resident parking permit applications against council tax and vehicle records, so most "
     "applicants get a decision the same day.",
     "live", "active", None, (True, False, True), "", "Parking Services Manager"),
    ("sallowford", "single-person-discount", "Single person discount review", "Revenues",
     "Select council tax accounts with a single person discount for review where other records suggest "
     "more than one adult lives there.",
     "live", "active", 1, (True, False, True), "", "Revenues Manager"),
    ("sallowford", "planning-consultation", "Summarising planning consultation responses", "Planning",
     "Group and summarise residents' comments on large planning applications, so case officers can read "
     "every theme raised, with each summary linked to the original comments.",
     "private beta", "active", 2, (True, False, False), "", "Planning Policy Manager"),
    ("sallowford", "garden-waste", "Garden waste subscription forecasting", "Waste",
     "Forecast garden waste subscriptions by area for the next season to plan rounds and vehicles.",
     "live", "completed", None, (True, False, False), "", "Waste Services Manager"),
    ("brackenmoor", "housing-register", "Housing register banding review", "Housing options",
     "Flag housing register applications whose priority band may be wrong, so an officer reviews the "
     "banding before a household waits in the wrong band.",
     "alpha", "active", None, (True, False, False), "", "Housing Options Manager"),
    ("lindenshire", "care-home-quality", "Early warning of quality concerns in residential providers",
     "Adult social care",
     "Bring together complaints, safeguarding alerts and inspection results to warn the quality team "
     "early about residential providers whose standards may be slipping.",
     "private beta", "active", None, (True, True, False), "", "Quality Assurance Manager, Adult Social Care"),
    ("ottercombe", "noise-complaints", "Sorting noise complaints", "Environmental services",
     "Sort noise complaints by type and urgency when they are reported online, so officers respond to "
     "the most serious first.",
     "discovery", "active", None, (False, False, False), "", "Environmental Protection Manager"),
    ("northbrook", "grant-fraud", "Business grant fraud checks", "Finance",
     "Check business grant applications against company and bank records to find likely fraud before "
     "payment.",
     "retired", "completed", 0, (True, False, False),
     "The checks found few cases that officers had not already found. Compare with a simple rule before "
     "paying for a model.", "Head of Audit and Counter Fraud"),
)  # fmt: skip

_PLANTED_GROUPS = {
    "damp": ("northbrook-damp-mould-risk", "brackenmoor-mould-prediction", "ottercombe-damp-homes-model",
             "sallowford-mould-risk-score"),
    "email": ("northbrook-email-triage", "eastmere-inbox-classifier", "lindenshire-message-routing"),
    "chatbot": ("eastmere-council-tax-chatbot", "ottercombe-tax-assistant", "sallowford-ctax-bot"),
    "potholes": ("lindenshire-pothole-images", "brackenmoor-road-defect-detection"),
    "demand": ("lindenshire-asc-demand-forecast", "brackenmoor-care-demand-model",
               "ottercombe-care-forecasting"),
}  # fmt: skip

_COLUMNS = (
    "id", "title", "council", "service", "problem_statement", "status", "phase", "supplier", "cost_gbp",
    "rag_status", "canvas_link", "model_card_link", "atrs_record_link", "lessons_learned", "contact_role",
    "contact_email", "started", "updated", "provenance",
)  # fmt: skip

_RAG_BY_STATUS = {"active": (0.55, 0.35, 0.10), "paused": (0.0, 0.6, 0.4), "completed": (0.9, 0.1, 0.0)}
_UPDATED = dt.date(2026, 10, 31)  # the date every sandbox register was "exported"


def register_entries(seed: int = 0) -> list[dict[str, Any]]:
    """Every sandbox register entry, as dicts in the open register layout, council by council."""
    rng = np.random.default_rng([seed, 8008])
    out = []
    for (
        council,
        slug,
        title,
        service,
        problem,
        phase,
        status,
        supplier,
        published,
        lessons,
        role,
    ) in _PROJECTS:
        council_name = REGISTER_COUNCILS[council][0]
        site = f"https://{council}.example/ai/{slug}"
        started = _UPDATED - dt.timedelta(days=int(rng.integers(120, 1200)))
        cost = None
        if supplier is not None:
            cost = int(round(rng.lognormal(np.log(60_000), 0.7), -3))
        if status == "stopped":
            rag = "red"
        elif phase in ("idea", "discovery") or not published[1]:
            rag = None  # not monitored: nothing is in use yet, or nothing measurable was published
        else:
            rag = str(rng.choice(["green", "amber", "red"], p=_RAG_BY_STATUS.get(status, (0.5, 0.4, 0.1))))
        team = service.lower().replace("'", "").replace(" and ", "-").replace(" ", "-")
        out.append(
            {
                "id": f"{council}-{slug}",
                "title": title,
                "council": council_name,
                "service": service,
                "problem_statement": problem,
                "status": status,
                "phase": phase,
                "supplier": _SUPPLIERS[supplier] if supplier is not None else None,
                "cost_gbp": cost,
                "rag_status": rag,
                "canvas_link": f"{site}/canvas" if published[0] else None,
                "model_card_link": f"{site}/model-card" if published[1] else None,
                "atrs_record_link": f"{site}/atrs-record" if published[2] else None,
                "lessons_learned": lessons or None,
                "contact_role": role,
                "contact_email": f"{team}.ai@{council}.example",
                "started": started.isoformat(),
                "updated": _UPDATED.isoformat(),
                "provenance": f"{council_name} register, exported {_UPDATED.isoformat()}",
            }
        )
    return out


def register_truth() -> dict[str, Any]:
    """What was planted in the sandbox register (the answer key of lesson 08's exercises)."""
    return {
        "councils": {k: v[0] for k, v in REGISTER_COUNCILS.items()},
        "projects": len(_PROJECTS),
        "duplicate_groups": {k: list(v) for k, v in _PLANTED_GROUPS.items()},
        "failed_project": {
            "id": "ottercombe-family-risk-score",
            "why": "stopped; the supplier would not share the model, data from eleven systems did not match, "
            "and social workers did not trust the list",
        },
        "published_nothing": "sallowford-benefit-claim-scoring",
        "lesson_04_project": "northbrook-repairs-at-risk",
        "assumptions": [
            "All councils, projects, suppliers, costs and dates are invented for teaching.",
            "Costs are drawn from a log-normal distribution around £60,000 for projects with a supplier.",
        ],
    }


def _csv_text(rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in _COLUMNS})
    return buf.getvalue()


def register_files(seed: int = 0) -> dict[str, bytes]:
    """The sandbox register files by path under ``sandbox_data/``: one CSV per council and the truth."""
    entries = register_entries(seed)
    files: dict[str, bytes] = {}
    for council, (name, _) in REGISTER_COUNCILS.items():
        rows = [e for e in entries if e["council"] == name]
        files[f"register/{council}.csv"] = _csv_text(rows).encode("utf-8")
    text = json.dumps(register_truth(), indent=2, ensure_ascii=False) + "\n"
    files["register/ground_truth.json"] = text.encode("utf-8")
    return files


def register_resources() -> list[dict[str, Any]]:
    """Data Package resources describing the sandbox register files (added to ``datapackage.json``)."""
    from labkit.data._register_layout import table_schema

    resources: list[dict[str, Any]] = []
    for council, (name, _) in REGISTER_COUNCILS.items():
        resources.append(
            {
                "name": f"register-{council}",
                "path": f"register/{council}.csv",
                "title": f"Project register of {name} (fictional)",
                "description": f"The AI projects {name} has shared with other councils, in labkit's open "
                "register layout (docs/register.md). Every council, project and supplier is invented.",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
                "schema": table_schema(),
                "labkit:dataset": "register",
                "labkit:council": council,
            }
        )
    resources.append(
        {
            "name": "register-ground-truth",
            "path": "register/ground_truth.json",
            "title": "Project register: what was planted",
            "description": "Duplicated efforts, the stopped project with lessons learned and the project "
            "that published nothing: the answer key of lesson 08.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    )
    return resources


def register_readme_rows() -> list[str]:
    """Rows of the sandbox README's file table for the register files."""
    rows = [
        f"| `register/{council}.csv` | project register of {name} (fictional), in the open register layout |"
        for council, (name, _) in REGISTER_COUNCILS.items()
    ]
    rows.append(
        "| `register/ground_truth.json` | project register: duplicated efforts, failure, missing records |"
    )
    return rows
