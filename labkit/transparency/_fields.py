"""The field layout of an Algorithmic Transparency Recording Standard (ATRS) v4.0 record.

Sources (``/work/shared/reference/atrs/``, Crown copyright, Open Government Licence v3.0): the "ATRS
Guidance for v4.0", the official change log from v3.0 to v4.0 and the v3.0 field table (March 2024).

v4.0's template is a spreadsheet: no machine-readable field names have been published for it. Each field
here therefore carries:

- ``name`` and ``section``: v4.0's, as the guidance and change log give them;
- ``v3_attribute`` and ``v3_reference``: the v3.0 machine name and reference number the field came from,
  or ``None`` where v4.0 added the field and so it has no machine name at all;
- ``key``: labkit's own key, equal to the v3.0 machine name wherever there is one.

v4.0 changed v3.0 as the change log says: the metadata fields were removed, Tier 1 became "Summary
Information", "External supplier" became "Third party", Scope was merged into Detailed description,
"Integration into decision-making process" and "Provided information" were merged into "Integration into
broader operational process", "Human decisions and review" became "Human review", the section became
"Deployment Context", Tool specification lost Phase and gained System-level input and output, Datasets and
Dataset purposes were merged, and Data Specification was split into Development Data and Operational Data.

The reference copies do not list the fields of v4.0's Operational Data section. labkit uses three fields
for it (description, sensitive attributes, access and storage), marked ``assumed``: the guidance points
the section back to Development Data for sensitive attributes. Check them against the official spreadsheet
before you submit a record.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ATRS_FIELDS", "ATRS_SECTIONS", "AtrsField", "field_by_key"]


@dataclass(frozen=True)
class AtrsField:
    """One field of an ATRS v4.0 record.

    Attributes
    ----------
    key : str
        labkit's key: the v3.0 machine name where there is one.
    name : str
        The v4.0 field name.
    section : str
        The v4.0 section (a sheet of the official template).
    tier : int
        1 for Summary Information (for the general public), 2 for the rest.
    required : bool
        Whether the field must be filled (v3.0's "required", or the v4.0 guidance where it says more).
    v3_attribute, v3_reference : str or None
        The v3.0 machine name and reference; ``None`` where v4.0 added the field.
    v4_reference : str or None
        The v4.0 reference number where the v4.0 guidance prints one; otherwise ``None``.
    guidance : str
        What the field asks for, from the v3.0 completion notes and the v4.0 guidance (shortened).
    na_allowed : bool
        Whether "N/A" on its own is an acceptable answer (the guidance allows it for the website and
        for third-party fields when there is no third party).
    assumed : bool
        True where the reference copies do not confirm the field exists in v4.0 (see the module notes).
    """

    key: str
    name: str
    section: str
    tier: int
    required: bool
    v3_attribute: str | None
    v3_reference: str | None
    guidance: str
    v4_reference: str | None = None
    na_allowed: bool = False
    assumed: bool = False


SUMMARY = "Summary Information"
OWNER = "Owner and Responsibility"
RATIONALE = "Description and Rationale"
DEPLOYMENT = "Deployment Context"
TOOL = "Tool Specification"
MODEL = "Model Specification"
DEVELOPMENT = "Development Data Specification"
OPERATIONAL = "Operational Data Specification"
RISKS = "Risks, Mitigations and Impact Assessments"

#: The v4.0 sections in the order of the template's sheets (ATRS Guidance for v4.0, contents).
ATRS_SECTIONS: tuple[str, ...] = (
    SUMMARY,
    OWNER,
    RATIONALE,
    DEPLOYMENT,
    TOOL,
    MODEL,
    DEVELOPMENT,
    OPERATIONAL,
    RISKS,
)


def _f(key, name, section, tier, required, v3_ref, guidance, **kw) -> AtrsField:
    v3_attr = kw.pop("v3_attribute", key if v3_ref else None)
    return AtrsField(key, name, section, tier, required, v3_attr, v3_ref, guidance, **kw)


#: Every field of an ATRS v4.0 record, in template order.
ATRS_FIELDS: tuple[AtrsField, ...] = (
    # -- Summary Information (Tier 1): "All fields should be completed."
    _f("name", "Name", SUMMARY, 1, True, "1.1",
       "The name of the tool: clear, concise and used consistently; it appears in the record's title."),
    _f("organisation_name", "Organisation name", SUMMARY, 1, True, "0.12",
       "The full name of the organisation that carries responsibility for the tool."),
    _f("one_sentence_description", "One sentence description", SUMMARY, 1, True, "0.15",
       "One sentence describing the tool; it is the subheading under the title."),
    _f("phase", "Phase", SUMMARY, 1, True, "0.13",
       "The phase the tool is in. v4.0 removed 'Pilot/beta' and added 'Private beta' and 'Public beta'."),
    _f("region", "Region", SUMMARY, 1, True, "0.14",
       "The primary region over which the tool affects the public (v4.0 added 'International')."),
    _f("description", "Description", SUMMARY, 1, True, "1.2",
       "What the tool is and why it is used, for a general audience: ideally no more than two or three "
       "sentences.", v4_reference="1.2"),
    _f("website_url", "Website URL", SUMMARY, 1, True, "1.3",
       "A live, publicly accessible page about the tool, or 'N/A'.", na_allowed=True),
    _f("contact_email", "Contact email", SUMMARY, 1, True, "1.4",
       "The email address of the team responsible for the tool, not an individual's."),
    # -- Owner and Responsibility: "All fields should be completed, with 'N/A' where necessary."
    _f("organisation_or_department", "Organisation or department", OWNER, 2, True, "2.1.1",
       "The full name of the organisation that carries responsibility for use of the tool."),
    _f("team", "Team", OWNER, 2, True, "2.1.2",
       "The full name of the team that carries responsibility for use of the tool."),
    _f("senior_responsible_owner", "Senior responsible owner", OWNER, 2, True, "2.1.3",
       "A role title, not a named individual: the role ultimately accountable for the tool."),
    _f("external_supplier_involvement", "Third party involvement", OWNER, 2, True, "2.1.4",
       "Yes or No: have third parties (commercial suppliers or other public bodies) been involved?",
       v4_reference="2.1.4"),
    _f("external_supplier", "Third party", OWNER, 2, False, "2.1.4.1",
       "The name of each third party that developed the tool or part of it.", v4_reference="2.1.4.1",
       na_allowed=True),
    _f("companies_house_number", "Companies House Number", OWNER, 2, False, "2.1.4.2",
       "The third party's Companies House number, if available.", v4_reference="2.1.4.2", na_allowed=True),
    _f("external_supplier_role", "Third party role", OWNER, 2, False, "2.1.4.3",
       "What each third party did, and which organisation is responsible for which part.",
       v4_reference="2.1.4.3", na_allowed=True),
    _f("procurement_procedure_type", "Procurement procedure type", OWNER, 2, False, "2.1.4.4",
       "How the contract was set up, for example 'open' or 'call-off from a framework'.",
       v4_reference="2.1.4.4", na_allowed=True),
    _f("data_access_terms", "Third party data access terms", OWNER, 2, False, "2.1.4.5",
       "The terms of the third party's access to the council's data.", v4_reference="2.1.4.5",
       na_allowed=True),
    # -- Description and Rationale
    _f("detailed_description", "Detailed description", RATIONALE, 2, True, "2.2.1",
       "How the tool works: purpose, intended users, key functions, and its scope and limits (v4.0 merged "
       "Scope into this field); typically a paragraph or two.", v4_reference="2.2.1"),
    _f("benefit", "Benefit", RATIONALE, 2, True, "2.2.3",
       "The benefits expected, and how and why the tool should deliver them."),
    _f("previous_process", "Previous process", RATIONALE, 2, False, "2.2.4",
       "What the tool replaced (a legacy tool or a manual process), or that the process is new."),
    _f("alternatives_considered", "Alternatives considered", RATIONALE, 2, False, "2.2.5",
       "Other approaches considered, or briefly why none were."),
    # -- Deployment Context (v3.0 "Decision-making Process")
    _f("process_integration", "Integration into broader operational process", DEPLOYMENT, 2, True, "2.3.1",
       "How the output is used in the wider process and how much is automated; a paragraph or two (v4.0 "
       "merged 'Provided information' into this field).", v4_reference="2.3.1"),
    _f("frequency_and_scale_of_usage", "Frequency and scale of usage", DEPLOYMENT, 2, False, "2.3.3",
       "How often and at what scale the tool is used. The v4.0 change log does not mention this field; "
       "labkit keeps it as optional.", assumed=True),
    _f("human_decisions_and_review", "Human review", DEPLOYMENT, 2, True, "2.3.4",
       "When and how a person reviews or checks the tool's output."),
    _f("required_training", "Required training", DEPLOYMENT, 2, True, "2.3.5",
       "The training the organisation gives its own staff who use the tool."),
    _f("appeals_and_review", "Appeals and review", DEPLOYMENT, 2, True, "2.3.6",
       "How the public can challenge the tool's outputs or the wider process; if none is relevant, a short "
       "sentence saying why. Must be completed where UK GDPR Article 22 applies."),
    # -- Tool Specification
    _f("system_architecture", "System architecture", TOOL, 2, True, "2.4.1.1",
       "How the tool is organised: a high-level description or a public link; mention every model."),
    _f("system_level_input", "System-level input", TOOL, 2, True, None,
       "The primary input to the tool as a whole, with formats and data types (new in v4.0).",
       v4_reference="2.4.1.2"),
    _f("system_level_output", "System-level output", TOOL, 2, True, None,
       "The primary output of the tool as a whole, with formats and data types (new in v4.0).",
       v4_reference="2.4.1.3"),
    _f("maintenance", "Maintenance", TOOL, 2, True, "2.4.1.3",
       "How often and how the tool is reviewed and maintained after deployment."),
    _f("models", "Models", TOOL, 2, True, "2.4.1.4", "A list of the models in the tool."),
    # -- Model Specification (the model card fills these; see labkit.evaluate.ATRS_MODEL_SPECIFICATION)
    _f("model_name", "Model name", MODEL, 2, True, "2.4.2.1", "The name of the model.",
       v4_reference="2.4.2.1"),
    _f("model_version", "Model version", MODEL, 2, True, "2.4.2.2", "The version of the model."),
    _f("model_task", "Model task", MODEL, 2, True, "2.4.2.3", "The task the model performs."),
    _f("model_input", "Model input", MODEL, 2, True, "2.4.2.4", "A short specification of the input."),
    _f("model_output", "Model output", MODEL, 2, True, "2.4.2.5", "A short specification of the output."),
    _f("model_architecture", "Model architecture", MODEL, 2, True, "2.4.2.6",
       "At least the type of model, and which inputs weigh most where that matters.",
       v4_reference="2.4.2.6"),
    _f("model_performance", "Model performance", MODEL, 2, True, "2.4.2.7",
       "Metrics (precision, recall ...) and any bias and fairness evaluation across subgroups."),
    _f("datasets", "Datasets and their purposes", MODEL, 2, True, "2.4.2.8",
       "Each dataset used to develop the model and what it was used for (v4.0 merged v3.0's 2.4.2.9 "
       "dataset_purposes into this field)."),
    # -- Development Data Specification (v3.0 "Data Specification")
    _f("source_data_name", "Source data name", DEVELOPMENT, 2, True, "2.4.3.1", "The datasets' names."),
    _f("data_modality", "Data modality", DEVELOPMENT, 2, True, "2.4.3.2",
       "The main kind of data (tabular, text, image ...)."),
    _f("data_description", "Data description", DEVELOPMENT, 2, True, "2.4.3.3",
       "A short summary of what the data records."),
    _f("data_quantities", "Data quantities", DEVELOPMENT, 2, True, "2.4.3.4",
       "How much data: rows and columns, and the sizes of training, validation and test sets."),
    _f("sensitive_attributes", "Sensitive attributes", DEVELOPMENT, 2, True, "2.4.3.5",
       "Personal data, protected characteristics and proxy variables in the data; at least that sensitive "
       "data is processed."),
    _f("data_completeness_and_representativeness", "Data completeness and representativeness", DEVELOPMENT,
       2, True, "2.4.3.6", "Missing data, and how well the data represents the people it is used on."),
    _f("source_data_url", "Source data URL", DEVELOPMENT, 2, True, "2.4.3.7",
       "A link to the data if it is openly accessible, or 'N/A'.", na_allowed=True),
    _f("data_collection", "Data collection", DEVELOPMENT, 2, True, "2.4.3.8",
       "Why and how the data was first collected, and whether it suits the new purpose."),
    _f("data_cleaning", "Data cleaning", DEVELOPMENT, 2, False, "2.4.3.9",
       "Cleaning and preparation done by the council or a supplier."),
    _f("data_sharing_agreements", "Data sharing agreements", DEVELOPMENT, 2, True, "2.4.3.10",
       "The data sharing agreements in place."),
    _f("data_access_and_storage", "Data access and storage", DEVELOPMENT, 2, True, "2.4.3.11",
       "Who has access, how long data is kept, who is responsible, and how sensitive data is protected."),
    # -- Operational Data Specification (new in v4.0; fields assumed, see the module notes)
    _f("operational_data_description", "Operational data description", OPERATIONAL, 2, False, None,
       "The data the tool uses or produces in use: inputs, retrieved documents, logs.", assumed=True),
    _f("operational_sensitive_attributes", "Operational sensitive attributes", OPERATIONAL, 2, False, None,
       "Sensitive attributes in the operational data (the guidance refers back to Development Data).",
       assumed=True),
    _f("operational_data_access_and_storage", "Operational data access and storage", OPERATIONAL, 2, False,
       None, "Who can access the operational data, how long it is kept and who is responsible.",
       assumed=True),
    # -- Risks, Mitigations and Impact Assessments
    _f("impact_assessment", "Impact assessment", RISKS, 2, True, "2.5.1",
       "Each impact assessment (DPIA, Equality Impact Assessment ...): name, date, findings, public link."),
    _f("risks_and_mitigations", "Risks and mitigations", RISKS, 2, True, "2.5.2",
       "The risks identified and how each is mitigated."),
)  # fmt: skip

_BY_KEY = {f.key: f for f in ATRS_FIELDS}


def field_by_key(key: str) -> AtrsField:
    """The field with labkit key ``key`` (KeyError if there is none)."""
    return _BY_KEY[key]
