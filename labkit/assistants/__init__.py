"""Testing generative-AI products before and after you buy them (``labkit.assistants``).

Run a test set of residents' questions against a website assistant, a Python callable or any product that
speaks the OpenAI-compatible chat-completions JSON (``evaluate_assistant``): facts checked against the
council's reference answers, each statement traced to a passage of the service pages, signposting,
refusals, red-team prompts, consistency across paraphrases, results by the way a question is written with
confidence intervals, latency and cost. Export a sample of answers for staff to mark and measure how far
their marks agree with the automatic checks (``review_sample``, ``import_review``). Check an AI note-taker's
notes against the visit transcript (``check_notes``). The sandbox has five simulated assistants and three
note-takers with planted failures (``products``, ``get_product``, ``load_ground_truth``).

>>> from labkit.assistants import get_product
>>> get_product("clearpath")("How much is a replacement wheelie bin?")
'A replacement wheelie bin costs £28.50, including delivery.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module, loaded on first use so `labkit assistants --help` stays quick.
_PUBLIC = {
    "Fact": "_facts",
    "facts": "_facts",
    "KINDS": "_material",
    "WAYS_OF_WRITING": "_material",
    "Pages": "_material",
    "TestSet": "_material",
    "Transcript": "_material",
    "load_ground_truth": "_material",
    "load_pages": "_material",
    "load_test_set": "_material",
    "load_transcripts": "_material",
    "read_transcript": "_material",
    "Assistant": "_products",
    "NoteTaker": "_products",
    "get_product": "_products",
    "products": "_products",
    "HTTPAssistant": "_ask",
    "Price": "_evaluate",
    "AssistantReport": "_evaluate",
    "evaluate_assistant": "_evaluate",
    "NotesCheck": "_notes",
    "check_notes": "_notes",
    "ReviewAgreement": "_review",
    "import_review": "_review",
    "review_sample": "_review",
    "serve": "_serve",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.assistants._ask import HTTPAssistant
    from labkit.assistants._evaluate import AssistantReport, Price, evaluate_assistant
    from labkit.assistants._facts import Fact, facts
    from labkit.assistants._material import (
        KINDS,
        WAYS_OF_WRITING,
        Pages,
        TestSet,
        Transcript,
        load_ground_truth,
        load_pages,
        load_test_set,
        load_transcripts,
        read_transcript,
    )
    from labkit.assistants._notes import NotesCheck, check_notes
    from labkit.assistants._products import Assistant, NoteTaker, get_product, products
    from labkit.assistants._review import ReviewAgreement, import_review, review_sample
    from labkit.assistants._serve import serve


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "KINDS",
    "WAYS_OF_WRITING",
    "Assistant",
    "AssistantReport",
    "Fact",
    "HTTPAssistant",
    "NoteTaker",
    "NotesCheck",
    "Pages",
    "Price",
    "ReviewAgreement",
    "TestSet",
    "Transcript",
    "check_notes",
    "evaluate_assistant",
    "facts",
    "get_product",
    "import_review",
    "load_ground_truth",
    "load_pages",
    "load_test_set",
    "load_transcripts",
    "products",
    "read_transcript",
    "review_sample",
    "serve",
]
