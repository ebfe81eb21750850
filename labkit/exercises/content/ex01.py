"""Exercise set 01: AI in local government.

Everyone (answered in boxes, no code): the briefing note's challenges and enablers
applied to a project, the three kinds of council AI use and what is not AI, risk
to residents, what Hackney's case means for a contract, and the AI Playbook's
human control. Then, for the capable developer track, two questions computed from
the example projects of lesson 01's sorting activity and two on the learner's own
synthetic housing repairs data (any seed, any council).
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
_KIND_OPTIONS = {
    "back-office automation": "Back-office automation",
    "predictive analytics": "Predictive analytics for decision support",
    "chatbot": "Chatbot",
}
_AUTOMATION = ["back-office automation", "back office automation", "automation", "backoffice automation"]
_PREDICTIVE = ["predictive analytics", "predictive analytics for decision support", "predictive"]
_CHATBOT = ["chatbot", "chatbots", "chat bot", "chat bots"]
_WHY_KIND = "The kind of AI use tells you who is affected and what can go wrong."

EXERCISES = ExerciseSet(
    "01",
    "AI in local government: exercises",
    [
        Question(
            "q1",
            "A housing team plans to buy a tool that predicts which tenants will fall into rent arrears. "
            "Which three risks does the briefing note (Vogl 2021) warn that councils face on projects like "
            "this? Choose three.",
            variable="challenges",
            options={
                "A": "Their rent and tenancy data may not be in order",
                "B": "Other councils may buy the newest technology first",
                "C": "They may choose a tool before defining the problem clearly",
                "D": "The supplier may lack knowledge of the council, its processes and its residents",
                "E": "The team has too many staff with AI skills",
                "F": "Publishing details of the project may help other councils",
            },
            check=SetEquals(["A", "C", "D"], kind='a list of three letters, like ["X", "Y", "Z"]'),
            hints=[
                "Two of the risks are about the council's own house; one is about the company it buys from.",
                "Two options describe things the briefing note says help councils succeed, and one treats AI "
                "as a race.",
            ],
            solution='challenges = ["A", "C", "D"]',
            explanation="The briefing note's three challenges: data in order, problems defined before IT is "
            "bought, and suppliers who lack contextual knowledge, so councils take products not fit for "
            "purpose and adapt them.",
            wrong=[
                Wrong(
                    ["A", "C", "F"],
                    "Publishing about a project is transparency, one of the briefing note's enablers: it "
                    "helps, it is not a risk.",
                ),
                Wrong(
                    ["A", "B", "C"],
                    "Treating AI as a race to buy the newest technology is close to the opposite of the "
                    "advice: define the problem first.",
                ),
                Wrong(
                    ["A", "C", "E"],
                    "Staff with AI skills are in-house capacity, an enabler. Too few is the worry, not too "
                    "many.",
                ),
                Wrong("ACD", 'Put the letters in a list, each in quotes: ["X", "Y", "Z"].'),
            ],
        ),
        Question(
            "q2",
            "Your council is about to start its first predictive project. Which three steps does the "
            "briefing note find help councils succeed (its enablers)? Choose three.",
            variable="enablers",
            options={
                "A": "Build the skills to specify, test and run it in-house",
                "B": "Work with other councils, universities or non-profits on it",
                "C": "Sign with one supplier for every service, to keep things simple",
                "D": "Be open about the project: what it does and how it is going",
                "E": "Leave checking the model to the supplier, who knows it best",
                "F": "Keep the project confidential until it has finished",
            },
            check=SetEquals(["A", "B", "D"], kind='a list of three letters, like ["X", "Y", "Z"]'),
            hints=[
                "The enablers are about people, working together, and openness.",
                "Three options hand control or information away, or keep it hidden.",
            ],
            solution='enablers = ["A", "B", "D"]',
            explanation="In-house capacity, opportunities for collaboration and project transparency.",
            wrong=[
                Wrong(
                    ["A", "B", "F"],
                    "Keeping a project confidential is the opposite of transparency, one of the enablers.",
                ),
                Wrong(
                    ["A", "B", "C"],
                    "One supplier for every service risks lock-in; the briefing note proposes flexible "
                    "procurement to avoid it.",
                ),
                Wrong(
                    ["B", "D", "E"],
                    "Leaving the checking to the supplier gives away the in-house capacity the briefing note "
                    "says councils need.",
                ),
            ],
        ),
        Question(
            "q3",
            "Which kind of AI use is each project? The kind tells you who is affected if it goes wrong.",
            parts=[
                Question(
                    "a",
                    "Software reads scanned supplier invoices and fills in the finance system.",
                    variable="kind_invoices",
                    options=_KIND_OPTIONS,
                    check=OneOf(
                        _AUTOMATION, choices=_KINDS + _AUTOMATION, kind="one of the three kinds, as text"
                    ),
                    hints=[
                        "Does it predict anything, or talk to residents? Or does it do an office task faster?"
                    ],
                    solution='kind_invoices = "back-office automation"',
                    explanation=f"It does routine office work faster. {_WHY_KIND}",
                    wrong=[
                        Wrong("predictive analytics", "It predicts nothing: it does a routine office task.")
                    ],
                ),
                Question(
                    "b",
                    "A model uses tomorrow's weather forecast to estimate which roads will freeze, so "
                    "managers can plan gritting routes.",
                    variable="kind_gritting",
                    options=_KIND_OPTIONS,
                    check=OneOf(
                        _PREDICTIVE, choices=_KINDS + _PREDICTIVE, kind="one of the three kinds, as text"
                    ),
                    hints=[
                        "Does it talk to residents, do an office task, or estimate something that has "
                        "not happened yet, for a person to act on?"
                    ],
                    solution='kind_gritting = "predictive analytics"',
                    explanation=f"It estimates an outcome for managers to act on. {_WHY_KIND}",
                    wrong=[
                        Wrong(
                            "back-office automation",
                            "It does not do an office task: it estimates what will happen, and "
                            "people decide.",
                        )
                    ],
                ),
                Question(
                    "c",
                    "A chat window on the council website lets residents who are homeless, or at risk of "
                    "homelessness, type about their situation in their own words; it replies and helps them "
                    "start an application.",
                    variable="kind_homeless",
                    options=_KIND_OPTIONS,
                    check=OneOf(_CHATBOT, choices=_KINDS + _CHATBOT, kind="one of the three kinds, as text"),
                    hints=["Who uses it, and how do they use it?"],
                    solution='kind_homeless = "chatbot"',
                    explanation="Residents talk to it in their own words and it answers: a chatbot. "
                    "Its users "
                    "are often in crisis, so a wrong answer can stop someone getting help.",
                    wrong=[
                        Wrong(
                            "predictive analytics",
                            "It predicts nothing about the residents: they talk to it and it answers.",
                        ),
                        Wrong(
                            "back-office automation",
                            "It does not work behind the scenes: residents talk to it directly.",
                        ),
                    ],
                ),
                Question(
                    "d",
                    "A system checks every new repair job against a rule a manager wrote: 'a job with a gas "
                    "leak is an emergency'. Is it AI, in the sense this course uses?",
                    variable="rule_is_ai",
                    options={True: "Yes, it is AI", False: "No, it is not AI"},
                    check=Equals(False, kind="True or False"),
                    hints=["Who decided what the system does: a person, or patterns learnt from examples?"],
                    solution="rule_is_ai = False",
                    explanation="It follows a rule a person wrote, which anyone can read and check. "
                    "AI learns "
                    "its patterns from examples, and no one wrote them down.",
                    wrong=[
                        Wrong(
                            True,
                            "Software that applies a rule a person wrote is useful automation, but "
                            "not AI: the "
                            "pattern was not learnt from data.",
                        )
                    ],
                ),
            ],
        ),
        Question(
            "q4",
            "Which of these projects carries the highest risk to residents if it goes wrong?",
            variable="riskiest",
            options={
                "P2": "Answer residents' questions about bin collection days on the council website",
                "P5": "Rank housing repair jobs by their chance of missing the target time, for supervisors",
                "P8": "Flag families who may need early help, using data linked from several services",
            },
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
            "A supplier offers your children's services a system that lists families who may need early "
            "help, like Hackney's Early Help Profiling System. Hackney dropped its system in 2019 because it "
            "had not realised the expected benefits, and the supplier had refused outside access to the "
            "model on commercial grounds (The Guardian, 15 October 2019). Which condition would you insist "
            "on first?",
            variable="hackney_condition",
            options={
                "A": "A lower price than Hackney paid",
                "B": "Access for the council, or someone it appoints, to test the model, and benefits "
                "agreed and measured against a baseline before it is used widely",
                "C": "The supplier's written promise that the model is accurate",
                "D": "A quick launch across every team, so the benefits arrive sooner",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "Hackney's two problems were that no one outside could test the model, and that the "
                "benefits did not come. Which condition deals with both?",
            ],
            solution='hackney_condition = "B"',
            explanation="Independent access answers the refused access; benefits agreed and measured "
            "before wide use answer the unrealised benefits.",
            wrong=[
                Wrong("A", "Price was not Hackney's problem: a cheaper system can still deliver nothing."),
                Wrong(
                    "C",
                    "A promise is what Hackney had. You need to test the model yourself, or have someone "
                    "independent test it.",
                ),
                Wrong("D", "Launching everywhere before the benefits are shown repeats Hackney's risk."),
            ],
        ),
        Question(
            "q6",
            "A council plans to send repairs supervisors a daily list of jobs ranked by a model. To save "
            "time, the jobs at the top will be sent out automatically, and no one will look at why the model "
            "ranked them there. Which principle of the AI Playbook for the UK Government (2025) "
            "does the plan "
            "fall short of most clearly?",
            variable="playbook_principle",
            options={
                "A": "You know what AI is and what its limitations are",
                "B": "You have meaningful human control at the right stages",
                "C": "You use the right tool for the job",
                "D": "You work with commercial colleagues from the start",
            },
            check=OneOf(["B"], choices=["A", "B", "C", "D"], kind='one letter as text, like "A"'),
            hints=[
                "The problem is not the ranking itself: it is what happens after it, and who checks it.",
                "Accepting a machine's list without looking, because it came from a machine, is called "
                "automation bias. Which principle guards against it?",
            ],
            solution='playbook_principle = "B"',
            explanation="Sending jobs out with no one looking at the reasons removes meaningful human "
            "control, and invites automation bias: trusting the machine because it is a machine.",
            wrong=[
                Wrong(
                    "C",
                    "A ranking can be the right tool for planning work. The plan's gap is that no one checks "
                    "the output before acting.",
                ),
                Wrong(
                    "D",
                    "Commercial colleagues matter when buying, but the gap here is in how the "
                    "output is used.",
                ),
            ],
        ),
        Question(
            "q7",
            "Capable developer track. The table projects holds lesson 01's example projects with the "
            "course's kind and risk for each. How many projects does the course rate as higher risk?",
            variable="n_higher_risk",
            track="developer",
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
            track="developer",
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
            track="developer",
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
            track="developer",
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
    covers={
        "Say in plain words what AI is": ["q3.d"],
        "Tell apart back-office automation": ["q3.a", "q3.b", "q3.c"],
        "Name the briefing note's three challenges and three enablers": ["q1", "q2"],
        "Use case studies and the AI Playbook's principles": ["q4", "q5", "q6"],
    },
    data={"projects": _projects, "repairs": _repairs},
)
