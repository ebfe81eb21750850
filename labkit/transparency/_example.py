"""The service's own answers for the lesson-04 model's record (fictional Northbrook Borough Council).

Lesson 08 builds an ATRS record for the repairs model of lesson 04 from its model card and these answers;
the tests check that record passes :func:`~labkit.transparency.check_record`. Everything here is invented
for teaching: Northbrook is not a real council and the model is trained on synthetic data.
"""

from __future__ import annotations

__all__ = ["example_answers", "example_canvas"]


def example_answers() -> dict[str, str]:
    """Answers for every field the evidence cannot fill, for the repairs-at-risk model (a fresh dict).

    Examples
    --------
    >>> from labkit.transparency import example_answers
    >>> example_answers()["senior_responsible_owner"]
    'Head of Repairs'
    """
    return {
        "name": "Repairs at risk",
        "organisation_name": "Northbrook Borough Council",
        "one_sentence_description": "A weekly list of council home repairs that may miss their target date, "
        "for repairs planners to check.",
        "phase": "Private beta",
        "region": "England",
        "description": "Repairs at risk gives repairs planners a weekly list of open repairs to council "
        "homes that may miss their target date. Planners decide whether to call the tenant, rebook the job "
        "or escalate it. No tenant is refused a repair because of the list.",
        "website_url": "https://northbrook.example/ai/repairs-at-risk",
        "contact_email": "repairs.data@northbrook.example",
        "organisation_or_department": "Northbrook Borough Council",
        "team": "Housing Repairs, Data and Insight",
        "senior_responsible_owner": "Head of Repairs",
        "process_integration": "Every Monday the tool scores each open responsive repair. Planners see the "
        "jobs above the agreed threshold, with the reasons each job scores high, in the repairs system. "
        "The tool does not book, cancel or prioritise any job itself: planners decide what to do.",
        "frequency_and_scale_of_usage": "Once a week, on about 400 open repairs; planners act on up to 25 "
        "a week.",
        "human_decisions_and_review": "A planner reviews every flagged job before any action. Planners can "
        "also act on jobs the tool did not flag. A supervisor checks a sample of decisions each month.",
        "required_training": "Planners take a one-hour session on what the score means, its limits, and how "
        "to record their own decision.",
        "appeals_and_review": "Tenants can complain about any repair through the council's complaints "
        "process. The list is not a decision about a tenant, so it has no appeal of its own.",
        "system_architecture": "A scheduled job reads open repairs from the repairs system, scores them with "
        "one model and writes the scores back to a report in the same system.",
        "system_level_input": "Open responsive repairs: priority, trade, channel, hazard flag, no-access "
        "visits, target working days and the small-area deprivation decile.",
        "system_level_output": "A score from 0 to 1 for each open repair and a weekly list of the jobs above "
        "the threshold, shown in the repairs system.",
        "maintenance": "The model is checked every quarter against what happened and retrained each year, or "
        "sooner if performance falls.",
        "data_modality": "Tabular",
        "data_description": "One row per responsive repair to a council home: what was reported, when, its "
        "priority and trade, visits, and whether it missed its target.",
        "data_quantities": "20,000 repairs from four financial years: three years to train and the latest "
        "year to test.",
        "sensitive_attributes": "The repairs data holds tenants' names, addresses and dates of birth, which "
        "the model does not use. It uses the small-area deprivation decile, which is linked to ethnicity in "
        "Northbrook, so outcomes are checked by ethnic group.",
        "data_completeness_and_representativeness": "Every repair recorded in the four years is included. "
        "Jobs reported by phone and online are both included; defects found in the data were fixed first.",
        "source_data_url": "N/A",
        "data_collection": "The data was collected to manage repairs. Using it to plan repairs is the same "
        "purpose, so it suits this use.",
        "data_cleaning": "Dates were made consistent and duplicate tenants merged before training.",
        "data_sharing_agreements": "No data is shared outside the council. The tool runs on council systems.",
        "data_access_and_storage": "Only the repairs data team and planners can see the scores. Scores are "
        "kept for two years for checking, then deleted.",
        "impact_assessment": "A data protection impact assessment was completed before the pilot.",
        "risks_and_mitigations": "Planners may trust the list too much: training says the list misses some "
        "late jobs. Scores may drift as services change: performance is checked every quarter.",
    }


def example_canvas() -> dict[str, str]:
    """A problem canvas for the repairs-at-risk model, with the entries an ATRS record uses.

    Examples
    --------
    >>> from labkit.transparency import example_canvas
    >>> sorted(example_canvas())
    ['alternatives', 'benefits', 'current_process', 'problem_statement']
    """
    return {
        "problem_statement": "Repairs planners cannot see which open repairs are about to miss their target "
        "until it is too late. The tool scores each open repair every week so planners can act first. It is "
        "for responsive repairs to council homes only, not planned works or leaseholders.",
        "benefits": "Fewer repairs miss their target, because planners call tenants and rebook jobs before "
        "the deadline passes rather than after.",
        "current_process": "Planners check overdue jobs at the end of each week, after targets are missed.",
        "alternatives": "A simple rule (flag every job with a no-access visit) was tested first. The model "
        "finds more late jobs for the same number of flags.",
    }
