"""Exercise set 00: a practice question for lesson 00, "Start here".

It shows how checks, hints and solutions work, on a sum any officer can do.
"""

from __future__ import annotations

from labkit.exercises import Equals, ExerciseSet, Question, Wrong

_APRIL, _MAY = 1240, 1185

EXERCISES = ExerciseSet(
    "00",
    "Start here: a practice question",
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
    ],
)
