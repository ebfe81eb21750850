"""Nouns and outcome phrases, so that sentences read naturally for any service."""

from __future__ import annotations

from dataclasses import dataclass

from labkit._errors import LabkitError
from labkit._text import count


@dataclass(frozen=True)
class Words:
    """How to talk about one case and its outcome.

    ``noun`` is a case ("repair", or ("property", "properties") for an irregular
    plural); ``outcome`` is a past-tense phrase ("missed the target").
    """

    singular: str = "case"
    plural_form: str = "cases"
    outcome: str = "had the outcome"

    @classmethod
    def make(cls, noun: str | tuple[str, str], outcome: str) -> Words:
        if isinstance(noun, tuple) and len(noun) == 2 and all(isinstance(n, str) for n in noun):
            singular, plural_form = noun
        elif isinstance(noun, str) and noun.strip():
            singular, plural_form = noun.strip(), noun.strip() + "s"
        else:
            raise LabkitError(
                f"noun must be a word such as 'repair' or a pair such as ('property', 'properties'), "
                f"not {noun!r}.",
                where="parameter noun",
            )
        if not isinstance(outcome, str) or not outcome.strip():
            raise LabkitError(
                f"outcome must be a phrase such as 'missed the target', not {outcome!r}.",
                where="parameter outcome",
            )
        return cls(singular, plural_form, outcome.strip())

    def n(self, k: int) -> str:
        """``'1 repair'`` or ``'1,200 repairs'``."""
        return f"{count(k)} {self.singular if k == 1 else self.plural_form}"

    def noun_for(self, k: int) -> str:
        return self.singular if k == 1 else self.plural_form
