"""Exercise set 01: AI in local government.

Questions on the briefing note's challenges and enablers, the three kinds of
council AI use, risk to residents, a case study and the AI Playbook; then, for
the capable developer track, two questions computed from the example projects
of lesson 01's sorting activity and two on the learner's own synthetic housing
repairs data (any seed, any council).
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, SetEquals, Wrong


def _projects():
    from labkit.exercises import example_projects

    return example_projects()


def _repairs(seed, council):
    from labkit import data

    return data.generate("housing_repairs", seed=seed, council=council).clean


def _missed_share(repairs):
    return float(repairs["target_missed"].astype("float").mean())


def _busiest_trade(repairs):
    return [str(repairs["trade"].value_counts().idxmax())]


def _quietest_trade(repairs):
    return str(repairs["trade"].value_counts().idxmin())


def _higher_risk(projects):
    return int((projects["risk"] == "higher").sum())


def _predictive_share_of_higher(projects):
    higher = projects[projects["risk"] == "higher"]
    return float((higher["kind"] == "predictive analytics").mean())


_KINDS = ["back-office automation", "predictive analytics", "chatbot"]
_AUTOMATION = ["back-office automation", "back office automation", "automation", "backoffice automation"]
_PREDICTIVE = ["predictive analytics", "predictive analytics for decision support", "predictive"]
_CHATBOT = ["chatbot", "chatbots", "chat bot", "chat bots"]

EXERCISES = ExerciseSet(
    "01",
    "AI in local government: exercises",
    [
        Question(
            "q1",
            "Which three does the briefing note (Vogl 2021) name as the challenges councils face? "
            "Answer with a list of three letters.\n"
            "A. Get their data in order\n"
            "B. Buy the newest technology before other councils do\n"
            "C. Define problems clearly before seeking IT solutions\n"
            "D. Suppliers who lack knowledge of the council, its processes and its residents\n"
            "E. Too little national funding for AI pilots\n"
            "F. In-house capacity",
            variable="challenges",
            check=SetEquals(["A", "C", "D"], kind='a list of three letters, like ["X", "Y", "Z"]'),
            hints=[
                "Two challenges are about the council's own house; one is about the companies it buys from.",
                "One option is an enabler, not a challenge, and two are not in the briefing note at all.",
            ],
            solution='challenges = ["A", "C", "D"]',
            explanation="Data in order, problems defined first, and suppliers who lack local knowledge.",
            wrong=[
                Wrong(
                    ["A", "C", "F"], "F, in-house capacity, is one of the three enablers, not a challenge."
                ),
                Wrong(
                    ["A", "B", "C"],
                    "Buying the newest technology first is close to the opposite of the advice.",
                ),
                Wrong("ACD", 'Put the letters in a list, each in quotes: ["X", "Y", "Z"].'),
            ],
        ),
        Question(
            "q2",
            "Which three does the briefing note name as enablers, the things that help councils succeed? "
            "Answer with a list of three letters.\n"
            "A. In-house capacity\n"
            "B. Opportunities for collaboration\n"
            "C. A single national AI supplier for every council\n"
            "D. Project transparency\n"
            "E. Faster computers\n"
            "F. Keeping projects confidential until they finish",
            variable="enablers",
            check=SetEquals(["A", "B", "D"], kind='a list of three letters, like ["X", "Y", "Z"]'),
            hints=[
                "The enablers are about people, working together, and openness.",
                "One option is the opposite of an enabler; two are about buying things.",
            ],
            solution='enablers = ["A", "B", "D"]',
            explanation="In-house capacity, collaboration and transparency.",
            wrong=[
                Wrong(
                    ["A", "B", "F"], "Keeping projects confidential is the opposite of one of the enablers."
                ),
                Wrong(
                    ["A", "B", "C"],
                    "One supplier for every council would risk lock-in; it is not an enabler.",
                ),
            ],
        ),
        Question(
            "q3",
            "Which kind of AI use is each project? Answer each part with one of: "
            '"back-office automation", "predictive analytics" or "chatbot".',
            parts=[
                Question(
                    "a",
                    "Read scanned supplier invoices and fill in the finance system.",
                    variable="kind_invoices",
                    check=OneOf(
                        _AUTOMATION, choices=_KINDS + _AUTOMATION, kind="one of the three kinds, as text"
                    ),
                    hints=[
                        "Does it predict anything, or talk to residents? Or does it do an office task faster?"
                    ],
                    solution='kind_invoices = "back-office automation"',
                    wrong=[
                        Wrong("predictive analytics", "It predicts nothing: it does a routine office task.")
                    ],
                ),
                Question(
                    "b",
                    "Predict which roads will need gritting tomorrow from weather forecasts.",
                    variable="kind_gritting",
                    check=OneOf(
                        _PREDICTIVE, choices=_KINDS + _PREDICTIVE, kind="one of the three kinds, as text"
                    ),
                    hints=["Look at the first word of the project."],
                    solution='kind_gritting = "predictive analytics"',
                    wrong=[
                        Wrong(
                            "back-office automation",
                            "It does not do an office task: it forecasts an outcome.",
                        )
                    ],
                ),
                Question(
                    "c",
                    "Help residents who are homeless or at risk of homelessness start an application online.",
                    variable="kind_homeless",
                    check=OneOf(_CHATBOT, choices=_KINDS + _CHATBOT, kind="one of the three kinds, as text"),
                    hints=["Who uses it, and how? Residents type or speak to it in their own words."],
                    solution='kind_homeless = "chatbot"',
                    wrong=[
                        Wrong(
                            "predictive analytics",
                            "It predicts nothing: residents talk to it and it answers.",
                        )
                    ],
                ),
            ],
        ),
        Question(
            "q4",
            "Which of these projects carries the highest risk to residents if it goes wrong? "
            'Answer with the project id as text, for example "P1".\n'
            "P2. Answer residents' questions about bin collection days on the council website\n"
            "P5. Rank housing repair jobs by their chance of missing the target time, for supervisors\n"
            "P8. Flag families who may need early help, using data linked from several services",
            variable="riskiest",
            check=OneOf(["P8"], choices=["P2", "P5", "P8"], kind='a project id as text, like "P1"'),
            hints=[
                "Ask of each project: who could be harmed, how badly, and would anyone notice?",
                "Which project uses sensitive data about children and families?",
            ],
            solution='riskiest = "P8"',
            explanation="It uses sensitive data about families, and errors can stigmatise them or miss "
            "a child at risk.",
            wrong=[
                Wrong(
                    "P5",
                    "A repairs ranking matters, but a supervisor decides and it judges no one's family life.",
                ),
                Wrong(
                    "P2", "A wrong bin day is a nuisance, easily checked; it decides nothing about anyone."
                ),
            ],
        ),
        Question(
            "q5",
            "The Guardian reported on 15 October 2019 that Hackney Council had stopped using its Early Help "
            "Profiling System. Which reason was reported? Answer with one letter.\n"
            "A. It was too expensive to run\n"
            "B. It had not realised the expected benefits\n"
            "C. A court ruled it unlawful\n"
            "D. The supplier went out of business",
            variable="hackney_reason",
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Look again at the case studies in lesson 01. The reason was about what the system achieved."
            ],
            solution='hackney_reason = "B"',
            explanation="The council said it had not realised the expected benefits; the supplier also "
            "refused outside access to the model on commercial grounds.",
            wrong=[
                Wrong("C", "No court ruled on Hackney's system. Re-read the case study in lesson 01."),
                Wrong("D", "Nothing was reported about the supplier closing. Re-read the case study."),
            ],
        ),
        Question(
            "q6",
            "The AI Playbook for the UK Government (2025) has ten principles. Which number is "
            '"You have meaningful human control at the right stages"?',
            variable="human_control_principle",
            check=Equals(4, kind="a principle number from 1 to 10"),
            hints=[
                "Look at the list of principles in lesson 01.",
                "It comes after knowing what AI is, using it lawfully, and using it securely.",
            ],
            solution="human_control_principle = 4",
            wrong=[
                Wrong(1, "Principle 1 is about knowing what AI is and its limitations."),
                Wrong("4", "Your answer is text. Give the number without quotes."),
            ],
        ),
        Question(
            "q7",
            "Capable developer track. The table projects holds lesson 01's example projects with the "
            "course's kind and risk for each. How many projects does the course rate as higher risk?",
            variable="n_higher_risk",
            check=Equals(_higher_risk, kind="a count of projects"),
            hints=[
                'projects["risk"] == "higher" is True for each higher-risk project.',
                "Add up the Trues with .sum().",
            ],
            solution='n_higher_risk = (projects["risk"] == "higher").sum()',
            wrong=[
                Wrong(
                    lambda projects: len(projects), "That counts every project. Keep only those rated higher."
                ),
                Wrong(
                    lambda projects: int((projects["risk"] != "higher").sum()),
                    "That counts the projects that are not higher risk.",
                ),
            ],
        ),
        Question(
            "q8",
            "Capable developer track. Of the higher-risk projects, what share are predictive analytics? "
            "Give a proportion between 0 and 1.",
            variable="predictive_share",
            check=Equals(_predictive_share_of_higher, tolerance=0.005, kind="a proportion between 0 and 1"),
            hints=[
                'First keep the higher-risk rows: higher = projects[projects["risk"] == "higher"].',
                'Then (higher["kind"] == "predictive analytics").mean() gives the share.',
            ],
            solution=(
                'higher = projects[projects["risk"] == "higher"]\n'
                'predictive_share = (higher["kind"] == "predictive analytics").mean()'
            ),
            wrong=[
                Wrong(
                    lambda projects: float((projects["kind"] == "predictive analytics").mean()),
                    "That is the share of all projects. Keep only the higher-risk ones first.",
                ),
                Wrong(
                    lambda projects: int(
                        ((projects["risk"] == "higher") & (projects["kind"] == "predictive analytics")).sum()
                    ),
                    "That is a count of projects. The question asks for a share: divide by the number of "
                    "higher-risk projects.",
                ),
            ],
        ),
        Question(
            "q9",
            "Capable developer track. The table repairs holds the synthetic housing repairs of your "
            "fictional council (one row per repair job). What share of repair jobs missed their target time? "
            "Give a proportion between 0 and 1.",
            variable="missed_share",
            check=Equals(_missed_share, tolerance=0.0005, kind="a proportion between 0 and 1"),
            hints=[
                "The column target_missed is True for each job that missed its target time.",
                'The mean of a True/False column is the share of Trues: repairs["target_missed"].mean().',
            ],
            solution='missed_share = repairs["target_missed"].mean()',
            wrong=[
                Wrong(
                    lambda repairs: int(repairs["target_missed"].sum()),
                    "That is a count of jobs. The question asks for a share: divide by the number of jobs.",
                ),
                Wrong(
                    lambda repairs: 1 - _missed_share(repairs),
                    "That is the share of jobs that met the target.",
                ),
                Wrong(lambda repairs: 100 * _missed_share(repairs)),
            ],
        ),
        Question(
            "q10",
            "Capable developer track. Which trade has the most repair jobs in your council's data? "
            "Give the trade's name as text, exactly as it appears in the trade column.",
            variable="busiest_trade",
            check=OneOf(_busiest_trade, kind="a trade's name as text"),
            hints=[
                'repairs["trade"].value_counts() counts the jobs of each trade, largest first.',
                '.idxmax() gives the label of the largest count: repairs["trade"].value_counts().idxmax().',
            ],
            solution='busiest_trade = repairs["trade"].value_counts().idxmax()',
            wrong=[
                Wrong(_quietest_trade, "That trade has the fewest jobs, not the most."),
                Wrong(
                    lambda repairs: int(repairs["trade"].value_counts().max()),
                    "That is a count. Give the name.",
                ),
            ],
        ),
    ],
    data={"projects": _projects, "repairs": _repairs},
)
