"""Exercise set 00: practice questions for lesson 00, "Start here".

The first shows how checks, hints and solutions work, on a sum any officer can do; the others check lesson
00's objectives (running cells in order, the kernel, the synthetic sandbox and its planted truths, a first
look at a dataset), each as a choice an officer makes.
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, OneOf, Question, Wrong

_APRIL, _MAY = 1240, 1185
_LETTERS = ["A", "B", "C", "D"]

EXERCISES = ExerciseSet(
    "00",
    "Start here: practice questions",
    [
        Question(
            "q1",
            f"The repairs team received {_APRIL:,} repair requests in April and {_MAY:,} in May. "
            "How many did they receive in the two months together?",
            variable="total_requests",
            check=Equals(_APRIL + _MAY, kind="a whole number of requests"),
            hints=[
                "Add the two months together. Python adds with +.",
                f"Add May's requests to April's: {_APRIL:,} + ... In code, write total_requests = {_APRIL} + "
                "... with May's number after the +.",
            ],
            solution=f"total_requests = {_APRIL} + {_MAY}",
            explanation="Both months together are April's requests plus May's. In code, Python works out the "
            "sum and keeps it in the variable total_requests.",
            wrong=[
                Wrong(
                    _APRIL - _MAY,
                    "That is the difference between the months. The question asks for both together.",
                ),
                Wrong(
                    f"{_APRIL + _MAY}",
                    "Your number is in quotes, so Python treats it as text. Remove the quotes.",
                ),
                Wrong(_APRIL, "That is April alone. Add May's requests too."),
            ],
        ),
        Question(
            "q2",
            "A notebook has a cell that stores two numbers and, below it, a cell that uses them. You open "
            "the notebook and run only the second cell. What happens?",
            options={
                "A": "An error: Python does not know the names yet.",
                "B": "It works, because the first cell is above it on the page.",
                "C": "It shows 0 for the missing numbers.",
                "D": "The notebook is damaged and must be downloaded again.",
            },
            variable="run_out_of_order",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=["The kernel remembers what you ran, in the order you ran it.", "Has the first cell run?"],
            solution='run_out_of_order = "A"',
            explanation="The kernel only knows what has been run. Run the earlier cell, then try again: "
            "order matters, and running cells from the top avoids this.",
            wrong=[
                Wrong("B", "The page order does not matter to the kernel; what you have run does."),
                Wrong("C", "Python does not guess a value: it stops with an error (a NameError)."),
                Wrong("D", "Nothing is damaged. Run the earlier cell, then this one."),
            ],
        ),
        Question(
            "q3",
            "You ran cells out of order and changed a few things, and the outputs no longer make sense. "
            "What is the quickest way back to a notebook you can trust?",
            options={
                "A": "Restart the kernel and run all cells from the top.",
                "B": "Run the confusing cell again until it looks right.",
                "C": "Delete the cells that give odd results.",
                "D": "Close the browser tab; the kernel forgets everything by itself.",
            },
            variable="muddled_notebook",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "Look in the Kernel menu.",
                "You want to forget everything and run the notebook as written.",
            ],
            solution='muddled_notebook = "A"',
            explanation="Kernel → Restart Kernel and Run All Cells forgets everything and runs the notebook "
            "from the top, exactly as it was written.",
            wrong=[
                Wrong(
                    "B", "Running one cell again keeps everything else the kernel remembers, muddle and all."
                ),
                Wrong("C", "Deleting cells loses work, and the kernel still remembers what they did."),
                Wrong("D", "Closing the tab leaves the kernel running, with everything it remembers."),
            ],
        ),
        Question(
            "q4",
            "A colleague asks why the course uses synthetic data about fictional councils. Which answer "
            "is right?",
            options={
                "A": "No real resident's details are used, and planted truths give checks an answer.",
                "B": "Real council data is always too poor to learn from.",
                "C": "Synthetic data is more accurate than real data.",
                "D": "Its figures are Northbrook's real figures with the names changed.",
            },
            variable="why_synthetic",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "Think about privacy, and about how an exercise can know the right answer.",
                "Planted truths are patterns put in on purpose and written down in a ground truth file.",
            ],
            solution='why_synthetic = "A"',
            explanation="Synthetic data protects privacy, and because the rules that made it are known, "
            "patterns planted on purpose (the planted truths) give every check a known answer. No figure in "
            "it is a fact about a real council.",
            wrong=[
                Wrong("B", "Real data has defects, and the sandbox copies them on purpose; that is not why."),
                Wrong("C", "Synthetic data is not more accurate: it is made up, following rules."),
                Wrong(
                    "D", "Northbrook is fictional: no figure in the sandbox is a fact about a real council."
                ),
            ],
        ),
        Question(
            "q5",
            "You open the housing repairs data for the first time. What does one row stand for?",
            options={
                "A": "One repair job.",
                "B": "One tenant.",
                "C": "One council home.",
                "D": "One month of repairs.",
            },
            variable="one_row",
            check=OneOf(["A"], choices=_LETTERS, kind="one of the options"),
            hints=[
                "The lesson's table of datasets says what one row stands for.",
                "Each row has a repair ID, a trade and a priority.",
            ],
            solution='one_row = "A"',
            explanation="Each row is one repair job: who reported it, where, when, the trade, the priority "
            "and whether it missed its target. Knowing what a row is comes before any count.",
            wrong=[
                Wrong("B", "A tenant can report many repairs, so a tenant appears on many rows."),
                Wrong("C", "A home can have many repairs, so a home appears on many rows."),
                Wrong("D", "Months are a column (the date reported), not the rows."),
            ],
        ),
    ],
    covers={
        "Move around a notebook and run its code cells in order": ["q1", "q2"],
        "Say what a kernel is": ["q3"],
        "Name the five sandbox datasets": ["q4"],
        "Take a first look at a dataset": ["q5"],
    },
)
