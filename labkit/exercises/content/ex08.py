"""Exercise set 08: be open and work together.

Judgement questions on transparency records (which field breaks the ATRS guidance, which email, what to
redact and how, what the appeals field should say, how to exchange entries), then questions on the shared
project register of six fictional councils (which two projects should talk, which project to read first,
which published nothing, what to do when the register refuses to overwrite an entry), and, for the capable
developer track, a count from the register and a check of a draft record with
``labkit.transparency.check_record``.

The register comes from ``labkit.data._register.register_entries(seed)``: its text is the same for every
learner; dates, costs and RAG status follow the learner's seed. The council setting does not change it
(all six councils are in every register).
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong


def _register(seed):
    import pandas as pd

    from labkit.data._register import register_entries

    return pd.DataFrame(register_entries(seed))


def _draft(seed):
    from labkit.transparency import atrs_record, example_answers

    model = {
        "model_name": "Repairs at risk",
        "model_version": "0.1",
        "model_task": "Estimate the chance that an open repair misses its target.",
        "model_input": "Seven features known when the repair is reported.",
        "model_output": "A score from 0 to 1 for each open repair.",
        "model_architecture": "Logistic regression (scikit-learn).",
        "model_performance": "ROC-AUC 0.66 on the latest year, which was not used in training.",
        "datasets": "Synthetic Northbrook repairs: three years to train, the latest year to test.",
        "models": "One model: Repairs at risk.",
        "source_data_name": "Synthetic Northbrook housing repairs.",
        "detailed_description": "The tool scores each open responsive repair every week.",
    }
    return atrs_record(
        example_answers()
        | model
        | {
            "senior_responsible_owner": "Mark Jones, Head of Repairs",
            "contact_email": "mark.jones@northbrook.example",
            "appeals_and_review": "N/A",
            "benefit": "",
            "description": "A weekly list, ranked by a logistic regression, of repairs likely to be late.",
        }
    )


def _must_fix(draft):
    from labkit.transparency import check_record

    findings = check_record(draft).findings
    return int((findings["severity"] == "must fix").sum())


def _all_findings(draft):
    from labkit.transparency import check_record

    return len(check_record(draft).findings)


def _damp_councils(register):
    text = (register["title"] + " " + register["problem_statement"]).str.lower()
    return int(register.loc[text.str.contains("mould"), "council"].nunique())


def _damp_projects(register):
    text = (register["title"] + " " + register["problem_statement"]).str.lower()
    return int(text.str.contains("mould").sum())


def _most_similar_to_inbox(register):
    from labkit.register import similar_projects

    return [str(similar_projects(register, "eastmere-inbox-classifier", k=1)["id"].iloc[0])]


def _silent_live(register):
    links = ["canvas_link", "model_card_link", "atrs_record_link", "lessons_learned"]
    silent = register[(register["phase"] == "live") & register[links].isna().all(axis=1)]
    return [str(i) for i in silent["id"]]


_INBOX_CHOICES = [
    "lindenshire-message-routing",
    "northbrook-email-triage",
    "eastmere-council-tax-chatbot",
    "brackenmoor-letter-translation",
]
_EARLY_HELP_CHOICES = [
    "ottercombe-family-risk-score",
    "sallowford-benefit-claim-scoring",
    "brackenmoor-referral-summaries",
    "northbrook-homelessness-prevention",
]
_SILENT_CHOICES = [
    "sallowford-benefit-claim-scoring",
    "eastmere-planning-validation",
    "northbrook-email-triage",
    "sallowford-garden-waste",
]
_FIELDS = ["name", "description", "contact_email", "senior_responsible_owner", "human_decisions_and_review"]

EXERCISES = ExerciseSet(
    "08",
    "Be open and work together: exercises",
    [
        Question(
            "q1",
            "A draft record for a repairs tool has these entries. Which field breaks the ATRS guidance?\n"
            '  name: "Repairs at risk"\n'
            '  description: "A weekly list of repairs that may miss their target, for planners."\n'
            '  contact_email: "repairs.data@northbrook.example"\n'
            '  senior_responsible_owner: "Dr Amina Khan"\n'
            '  human_decisions_and_review: "A planner reviews every flagged job before any action."',
            variable="breaks_guidance",
            options={key: key for key in _FIELDS},
            check=OneOf(["senior_responsible_owner"], choices=_FIELDS, kind="a field key as text"),
            hints=[
                "The guidance asks one field for a role, and another for a team rather than a person.",
                "Which entry would be out of date the day that person changed job?",
            ],
            solution='breaks_guidance = "senior_responsible_owner"',
            explanation="The senior responsible owner must be 'a role title, not a named individual'.",
            wrong=[
                Wrong(
                    "contact_email", "That address belongs to a team, which is what the guidance asks for."
                ),
                Wrong(
                    "description",
                    "Two sentences or fewer, plain words: that description follows the guidance.",
                ),
            ],
        ),
        Question(
            "q2",
            "Which contact email should a published record give?",
            variable="contact",
            options={
                "A": "amina.khan@northbrook.example (the project lead)",
                "B": "repairs.data@northbrook.example (the repairs data team's shared inbox)",
                "C": "ceo@northbrook.example (the chief executive)",
                "D": "None: leave it blank so residents cannot email",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one of the options, A to D"),
            hints=[
                "The guidance gives a reason: business continuity. What happens when a person leaves?",
                "Choose the address that still works when any one person moves on, and that reaches the "
                "people who run the tool.",
            ],
            solution='contact = "B"',
            explanation="A team address, for continuity and security (ATRS guidance, Summary Information).",
            wrong=[
                Wrong(
                    "A",
                    "An individual's address goes out of date when they leave; the guidance asks for "
                    "the team's.",
                ),
                Wrong("D", "The contact email is a required field in the Summary Information."),
            ],
        ),
        Question(
            "q3",
            "The system architecture field lists the server names and network addresses of the repairs "
            "system. The security team says that detail could help an attacker. What should the team do?",
            variable="redact",
            options={
                "A": "Not publish the record at all until the tool is retired",
                "B": "Leave the field empty and say nothing",
                "C": "Redact the detail, with a brief reason, and publish the rest of the record",
                "D": "Publish the detail anyway: transparency comes first",
            },
            check=OneOf(["C"], choices=["A", "B", "C", "D"], kind="one of the options, A to D"),
            hints=[
                "The guidance compares redacting with not publishing, and says which it prefers.",
                "A reader should be able to tell that something was withheld, and why.",
            ],
            solution='redact = "C"',
            explanation="Redacting a field 'with a brief explanation ... is preferable to not publishing'.",
            wrong=[
                Wrong("A", "The guidance prefers a record with a field redacted to no record at all."),
                Wrong("B", "An empty required field looks like a gap; redact it and give the reason."),
                Wrong("D", "The guidance lists cybersecurity as a reason to limit detail in a field."),
            ],
        ),
        Question(
            "q4",
            "The tool makes a list for planners and decides nothing about a tenant. What should the Appeals "
            "and review field say?",
            variable="appeals",
            options={
                "A": '"N/A"',
                "B": '"The list is not a decision about a tenant, so it has no appeal of its own. Tenants '
                "can complain about any repair through the council's complaints process.\"",
                "C": "Nothing: leave it blank",
                "D": '"Appeals are not possible."',
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one of the options, A to D"),
            hints=[
                "The guidance says what to write when no appeal is needed: not a gap, and not two letters.",
                "Say why the field does not apply, and still tell residents how to challenge what happens.",
            ],
            solution='appeals = "B"',
            explanation="'Include a short sentence explaining why', and point to the wider complaints route.",
            wrong=[
                Wrong(
                    "A", "'N/A' alone does not say why; the guidance asks for a short sentence explaining it."
                ),
                Wrong("D", "That tells residents nothing about how to challenge the wider process."),
            ],
        ),
        Question(
            "q5",
            "In the register, which project in another council should Eastmere's contact centre inbox "
            "sorting project (eastmere-inbox-classifier) talk to first?",
            variable="talk_to",
            options={
                "lindenshire-message-routing": "Lindenshire: automatic routing of resident emails",
                "northbrook-email-triage": "Northbrook: routing residents' emails to the right service",
                "eastmere-council-tax-chatbot": "Eastmere: council tax chatbot",
                "brackenmoor-letter-translation": "Brackenmoor: translating letters for residents",
            },
            check=OneOf(_most_similar_to_inbox, choices=_INBOX_CHOICES, kind="one of the projects"),
            hints=[
                "Run `similar_projects(register, 'eastmere-inbox-classifier')`, or read the register for "
                "projects that sort or route residents' emails.",
                "Two councils have similar projects; choose the one most similar in its words.",
            ],
            solution='talk_to = similar_projects(register, "eastmere-inbox-classifier", k=1)["id"].iloc[0]',
            explanation="Lindenshire's automatic routing of resident emails is the most similar in its "
            "words: both classify residents' emails and route them to the team that can answer.",
            wrong=[
                Wrong(
                    "eastmere-council-tax-chatbot",
                    "That is Eastmere's own project, and about questions on "
                    "council tax rather than routing emails.",
                ),
                Wrong("brackenmoor-letter-translation", "Translating letters is a different problem."),
                Wrong(
                    "northbrook-email-triage",
                    "That project is similar too, but another is more similar in its words: read the "
                    "similarity column.",
                ),
            ],
        ),
        Question(
            "q6",
            "A children's services team wants to score families so the early help team can contact them "
            "sooner. Which project in the register should they read first?",
            variable="read_first",
            options={
                "ottercombe-family-risk-score": "Ottercombe: family early help risk score (stopped)",
                "sallowford-benefit-claim-scoring": "Sallowford: benefit claim risk scoring (live)",
                "brackenmoor-referral-summaries": "Brackenmoor: summarising children's referrals (paused)",
                "northbrook-homelessness-prevention": "Northbrook: homelessness prevention (alpha)",
            },
            check=OneOf(
                ["ottercombe-family-risk-score"], choices=_EARLY_HELP_CHOICES, kind="one of the projects"
            ),
            hints=[
                "Search the register for early help, or run `who_to_talk_to(register, '...')`.",
                "One council tried this and stopped; its lessons learned are in the register.",
            ],
            solution='read_first = "ottercombe-family-risk-score"',
            explanation="Ottercombe stopped it and wrote down why: read that before spending money.",
            wrong=[
                Wrong(
                    "sallowford-benefit-claim-scoring", "That project scores benefit claims, not families."
                ),
                Wrong(
                    "brackenmoor-referral-summaries",
                    "That project summarises referrals; it does not score families.",
                ),
            ],
        ),
        Question(
            "q7",
            "Which live project in the register has published nothing: no problem canvas, model card, "
            "transparency record or lessons learned?",
            variable="published_nothing",
            options={
                "sallowford-benefit-claim-scoring": "Sallowford: benefit claim risk scoring",
                "eastmere-planning-validation": "Eastmere: checking planning submissions are complete",
                "northbrook-email-triage": "Northbrook: routing residents' emails to the right service",
                "sallowford-garden-waste": "Sallowford: garden waste subscription forecasting",
            },
            check=OneOf(_silent_live, choices=_SILENT_CHOICES, kind="one of the projects"),
            hints=[
                "Look at the live projects, and at the canvas_link, model_card_link, atrs_record_link and "
                "lessons_learned columns.",
                "`register[register['phase'] == 'live']` shows the live projects; look for empty links.",
            ],
            solution=(
                'links = ["canvas_link", "model_card_link", "atrs_record_link", "lessons_learned"]\n'
                'live = register[register["phase"] == "live"]\n'
                'published_nothing = live[live[links].isna().all(axis=1)]["id"].iloc[0]'
            ),
            explanation="Sallowford's benefit claim risk scoring is live, scores residents' claims, and has "
            "no canvas, model card, transparency record or lessons learned.",
            wrong=[
                Wrong(
                    "eastmere-planning-validation",
                    "That project has published nothing either, but look again at its phase.",
                ),
                Wrong("northbrook-email-triage", "That project has published its canvas, card and record."),
            ],
        ),
        Question(
            "q8",
            "Your council and a neighbouring one agree to share project registers every quarter. Which way "
            "of exchanging entries lets each council merge the other's without losing anything?",
            variable="exchange",
            options={
                "A": "A screenshot of the register by email",
                "B": "A CSV or JSON file in the agreed register layout, merged keeping provenance",
                "C": "Each council copies the other's database file over its own",
                "D": "A PDF summary for the board",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind="one of the options, A to D"),
            hints=[
                "A tool needs to read the entries, and each council must keep its own.",
                "Which option keeps both councils' entries, and a note of where each came from?",
            ],
            solution='exchange = "B"',
            explanation="An open, documented layout can be read and merged by tools; provenance says who "
            "owns what.",
            wrong=[
                Wrong("C", "Copying a file over another overwrites the receiving council's own entries."),
                Wrong("A", "A screenshot cannot be merged or searched by a tool."),
            ],
        ),
        Question(
            "q9",
            "Capable developer track. How many different councils in the register have a project whose title "
            "or problem statement mentions mould? Answer with a number.",
            variable="damp_councils",
            track="developer",
            check=Equals(_damp_councils, kind="a number of councils"),
            hints=[
                "Join the title and problem statement, make them lower case, and look for 'mould' with "
                "`.str.contains`.",
                "Select those rows, then count the different values in the council column with `.nunique()`.",
            ],
            solution=(
                'text = (register["title"] + " " + register["problem_statement"]).str.lower()\n'
                'damp_councils = register.loc[text.str.contains("mould"), "council"].nunique()'
            ),
            wrong=[
                Wrong(lambda register: len(register), "That counts every project in the register."),
                Wrong(
                    lambda register: register["council"].nunique(),
                    "That counts every council in the register, not only those with a mould project.",
                ),
            ],
        ),
        Question(
            "q10",
            "Capable developer track. `draft` is a draft record for the repairs tool. Run "
            "`check_record(draft)`. How many findings must be fixed before it can be published?",
            variable="must_fix",
            track="developer",
            check=Equals(_must_fix, kind="a number of findings"),
            hints=[
                "`check_record(draft).findings` is a table with a severity column.",
                "Count the rows whose severity is 'must fix', not every row.",
            ],
            solution='must_fix = int((check_record(draft).findings["severity"] == "must fix").sum())',
            wrong=[
                Wrong(_all_findings, "That counts every finding, including the suggestions ('should fix')."),
                Wrong(0, "Run check_record(draft) and read its findings: the draft is not ready."),
            ],
        ),
        Question(
            "q11",
            "Northbrook's repairs model is already in the shared register. The team adds it again, now with "
            "the link to its published transparency record, and the register refuses. What should they do?",
            options={
                "A": "Replace the entry on purpose, as the message says.",
                "B": "Add it again under a new project id.",
                "C": "Delete the register file and start a new one.",
                "D": "Leave the register as it is and email the link instead.",
            },
            variable="register_refused",
            check=OneOf(["A"], choices=["A", "B", "C", "D"], kind="one of the options"),
            hints=[
                "The register never overwrites an entry unless you ask. Why might that be?",
                "The message says how to replace the entry on purpose.",
            ],
            solution='register_refused = "A"',
            explanation="The register refuses so that nobody overwrites an entry by accident; replacing "
            "it on purpose keeps one entry per project, now with its record, for the next council that "
            "searches.",
            wrong=[
                Wrong(
                    "B",
                    "Two entries for one project is exactly the duplicated effort the register exists to "
                    "find, and the old entry would still lack the record.",
                ),
                Wrong(
                    "C",
                    "A new register loses every other entry, from every council, and where each came from.",
                ),
                Wrong(
                    "D",
                    "Other councils search the register, not your email: the entry would stay without its "
                    "record.",
                ),
            ],
        ),
    ],
    data={"register": _register, "draft": _draft},
    covers={
        "Say what an algorithmic transparency record is": ["q1", "q2"],
        "Build a transparency record from a model card": ["q3", "q4", "q10"],
        "Add a project to a shared register": ["q11", "q9"],
        "Search other councils' projects": ["q5", "q6", "q7"],
        "Agree shared standards": ["q8"],
    },
)
