"""Facts and words in free text: the approximate, automatic reading every check is built on.

A *fact* is something in an answer that can be compared exactly with a reference: an amount of money or
another number, a date or a phone number. Each is normalised so that the same fact written two ways
compares equal: ``"£1,234.50"`` and ``"1234.5"``; ``"01632 960 123"`` and ``"01632960123"``;
``"03/03/2026"`` and ``"3 March 2026"``. Words are compared after lower-casing and a light stemming, so
"collected" and "collection" share a stem. None of this understands meaning: it is a first, automatic
pass that a person must check (see :func:`labkit.assistants.review_sample`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Fact", "content_words", "facts", "sentences", "stem", "words"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH_WORD = "|".join(_MONTHS)
# Order matters: phone numbers and dates first, so their digits are not read again as numbers.
_PHONE = re.compile(
    r"(?<![\d£.,])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d{3,4}){1,2}(?![\d,.]\d)"
    r"|(?<![\w£.,])(?:999|111|116\s?\d{3})(?!\w|[.,]\d)"
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_WORDS = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_WORD})\s+(\d{{4}})\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])£?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?![\w])")
_WORD = re.compile(r"[a-z0-9£%]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "ours",
        "please",
        "she",
        "should",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "im",
        "i'm",
        "it's",
        "don't",
        "can't",
        "i've",
        "i'd",
        "you're",
        "there's",
        "much",
        "many",
        "want",
        "need",
        "must",
        "tell",
        "give",
        "like",
        "may",
        "also",
        "one",
        "each",
    ]
)


@dataclass(frozen=True, order=True)
class Fact:
    """One fact found in text: its ``kind`` ("number", "date" or "phone"), normalised ``value`` and ``text``.

    Two facts are the same when kind and value are: ``text`` is how it was written.
    """

    kind: str
    value: str
    text: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.value)


def _number_value(whole: str, fraction: str | None) -> str:
    value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def facts(text: str) -> list[Fact]:
    """The facts in ``text``, in order: phone numbers, dates, then amounts and other numbers.

    Parameters
    ----------
    text : str
        An answer, a reference answer or a passage.

    Returns
    -------
    list of Fact
        Each with a normalised value: phone numbers as digits only, dates as ``YYYY-MM-DD``, amounts and
        numbers without the pound sign, thousands separators or trailing zeros.

    Examples
    --------
    >>> [f.key for f in facts("It costs £1,234.50; call 01632 960 123 by 3 March 2026.")]
    [('phone', '01632960123'), ('date', '2026-03-03'), ('number', '1234.5')]
    >>> facts("1234.5 by 03/03/2026 on 01632960123") == facts("£1,234.50 by 3 March 2026 on 01632 960 123")
    False
    >>> {f.key for f in facts("1234.5 by 03/03/2026 on 01632960123")} == {
    ...     f.key for f in facts("£1,234.50 by 3 March 2026 on 01632 960 123")}
    True
    """
    found: list[Fact] = []
    rest = text
    for match in _PHONE.finditer(text):
        found.append(Fact("phone", re.sub(r"\D", "", match.group()), match.group()))
    rest = _PHONE.sub(" ", rest)
    for match in _DATE_NUMERIC.finditer(rest):
        day, month, year = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(Fact("date", f"{year:04d}-{month:02d}-{day:02d}", match.group()))
    rest = _DATE_NUMERIC.sub(" ", rest)
    for match in _DATE_WORDS.finditer(rest):
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
        found.append(Fact("date", f"{year:04d}-{month:02d}-{day:02d}", match.group()))
    rest = _DATE_WORDS.sub(" ", rest)
    for match in _NUMBER.finditer(rest):
        found.append(Fact("number", _number_value(match.group(1), match.group(2)), match.group().strip()))
    return found


def fact_keys(text: str) -> set[tuple[str, str]]:
    """The set of normalised facts in ``text`` (kind and value)."""
    return {f.key for f in facts(text)}


def stem(word: str) -> str:
    """A light stem: enough for "collected", "collection" and "collects" to meet.

    Examples
    --------
    >>> [stem(w) for w in ("collected", "collection", "collects", "bins", "applying")]
    ['collect', 'collect', 'collect', 'bin', 'apply']
    """
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters, digits, £ and %)."""
    return _WORD.findall(re.sub(r"'s\b", "", text.lower().replace("’", "'")))


def content_words(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning (common words such as "the" left out)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def sentences(text: str) -> list[str]:
    """``text`` split into sentences and list items (approximately: at ``.``, ``!``, ``?``, ``;`` and "
    "line ends)."""
    parts = re.split(r"(?<=[.!?;])\s+(?=[A-Z0-9£\"'(])|\n+", text.strip())
    return [p.strip(" -*•\t") for p in parts if p.strip(" -*•\t")]
