"""Contact-centre enquiries: one row per message from a resident, with free text.

Structural model (the rules are the ground truth):

- each enquiry concerns one service (the label for a triage classifier);
- the message is built from phrases for that service, written in one of three
  styles: standard English; English as a second language (simpler grammar,
  other words for the same things); and lower literacy (phonetic spelling, no
  punctuation, text-speak). The style (``latent_writing_style``, clean data
  only) depends on the resident's preferred language and on deprivation;
- so a classifier trained mostly on standard messages does worse for people
  who write in a second language or with lower literacy: a fairness harm
  that overall accuracy hides. Their enquiries are also resolved at first
  contact less often.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import CouncilProfile
from labkit.data._people import financial_year_index, home_columns, lead_person, person_columns
from labkit.data._population import resident_ids
from labkit.data._registry import BuildContext, BuildResult, DatasetSpec, DefectRoles, register
from labkit.data._sampling import choice_rows, id_strings, sigmoid
from labkit.data._schema import AREA_FIELDS, Field

NAME = "contact_centre"

SERVICES = (
    "Bins and recycling",
    "Council tax",
    "Housing repairs",
    "Benefits",
    "Parking",
    "Noise and nuisance",
    "Street cleaning and fly-tipping",
    "Housing advice",
    "Adult social care",
    "School admissions",
)
SERVICE_WEIGHTS = (0.18, 0.14, 0.14, 0.10, 0.09, 0.07, 0.08, 0.08, 0.06, 0.06)
CHANNELS = ("Webchat", "Email", "Online form", "Phone (transcribed)")
STYLES = ("Standard", "Second language", "Lower literacy")
LANGUAGES = ("English", "Polish", "Romanian", "Urdu", "Bengali", "Arabic", "Somali", "Portuguese")
AGE_BANDS = ("16-24", "25-34", "35-49", "50-64", "65-74", "75 or over")

# Core requests per service: (standard phrasing, second-language phrasing). Slots: {day}, {place}.
CORES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Bins and recycling": (
        (
            "my bin was not collected on {day}",
            "the recycling collection missed our street on {day}",
            "I need a replacement wheelie bin because mine is broken",
            "can I order a new food waste caddy",
        ),
        (
            "rubbish not taken from house {day}",
            "the trash box is broken please give new one",
            "nobody take the garbage on {day} in {place}",
            "i want new box for food garbage",
        ),
    ),
    "Council tax": (
        (
            "I want to set up a direct debit for my council tax",
            "my council tax bill is wrong after I moved",
            "can I get the single person discount on council tax",
            "I have missed a council tax payment",
        ),
        (
            "the tax for house is too much why",
            "i move house and the paper for tax is wrong",
            "i live alone can pay less money for house tax",
            "i not pay this month the house tax, what happen",
        ),
    ),
    "Housing repairs": (
        (
            "there is damp and mould in the bedroom",
            "the boiler has stopped working and we have no heating",
            "the kitchen tap is leaking and needs a plumber",
            "the front door lock is broken",
        ),
        (
            "black spots on wall in bedroom, very wet",
            "no hot water and house is very cold since {day}",
            "water coming from tap all the time in kitchen",
            "door of flat cannot close, the key not working",
        ),
    ),
    "Benefits": (
        (
            "I need help with my housing benefit claim",
            "I want to apply for council tax reduction",
            "my universal credit changed and my rent support stopped",
            "how do I report a change of circumstances",
        ),
        (
            "money for rent stopped, please help",
            "i lost job, can council give help to pay",
            "the help money is less now, why",
            "i have new baby, what paper i need give",
        ),
    ),
    "Parking": (
        (
            "I want to appeal a parking ticket",
            "how do I apply for a resident parking permit",
            "someone keeps parking across my driveway",
            "my blue badge application has not been answered",
        ),
        (
            "i get fine for car but i was only five minute",
            "need paper for park car near my house",
            "other car block my house entrance every day",
            "disabled card for car, still waiting answer",
        ),
    ),
    "Noise and nuisance": (
        (
            "my neighbours play loud music late at night",
            "there is a dog barking all day next door",
            "I want to report antisocial behaviour in {place}",
            "there is a bonfire smoke problem near my house",
        ),
        (
            "neighbour very loud every night, we cannot sleep",
            "dog make noise all day, nobody at home",
            "young people shouting and drinking in {place}",
            "smoke from fire in garden come in my house",
        ),
    ),
    "Street cleaning and fly-tipping": (
        (
            "someone has dumped a mattress on {place}",
            "there is broken glass on the pavement",
            "the street has not been swept for weeks",
            "there is graffiti on the wall in {place}",
        ),
        (
            "big bed thrown on street in {place}",
            "glass broken on road, children walk there",
            "street very dirty long time nobody clean",
            "somebody paint words on wall in {place}",
        ),
    ),
    "Housing advice": (
        (
            "my landlord has given me notice to leave",
            "I am worried we will be homeless next month",
            "how do I join the housing register",
            "my private rented flat is overcrowded",
        ),
        (
            "landlord say we must go out from house",
            "we have no place to live from next month",
            "how to get council house, what list",
            "too many people in small flat, children no room",
        ),
    ),
    "Adult social care": (
        (
            "my mother needs help with care at home",
            "I want to ask for a care needs assessment",
            "I am a carer and need some support",
            "my father has had a fall and cannot manage",
        ),
        (
            "my mother old and cannot wash alone",
            "who can check what help my father need",
            "i look after my husband every day, i am tired",
            "my father fall down and now cannot walk good",
        ),
    ),
    "School admissions": (
        (
            "I want to apply for a primary school place",
            "how do I appeal a secondary school offer",
            "we have moved and need a school place for my son",
            "when is the deadline for school applications",
        ),
        (
            "my child need school, how to register",
            "the school they give is too far, i want change",
            "new in this area, my daughter no school",
            "what day last day for school form",
        ),
    ),
}
OPENERS = (("Hello, ", "Hi, ", "Good morning, ", ""), ("Hello sir, ", "Dear council, ", "Please, ", ""))
CLOSERS = (
    (". Thank you.", ". Please can you help?", ".", ". Many thanks."),
    (". Thank you.", " please help", ".", " thanks"),
)
FILLERS = (
    " I rang last week and nobody answered.",
    " This is the second time I have written.",
    " I live in a council flat.",
    " My neighbour said to contact you.",
    " I need an answer soon.",
    " I am not happy with the service.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
PLACES = ("the park", "the corner of our road", "the back alley", "the shops", "the bus stop")

# Lower-literacy spelling, applied to standard phrasing (an assumption, not a study of real messages).
MISSPELL = {
    "collected": "colected",
    "recycling": "recyclin",
    "replacement": "replacment",
    "because": "cos",
    "council": "counsil",
    "direct": "derect",
    "debit": "debet",
    "payment": "paymnt",
    "discount": "discont",
    "single": "singel",
    "boiler": "boyler",
    "heating": "heatin",
    "leaking": "leekin",
    "plumber": "plumer",
    "bedroom": "bedrom",
    "mould": "mold",
    "broken": "brokin",
    "benefit": "benifit",
    "circumstances": "circs",
    "universal": "univeral",
    "appeal": "apeal",
    "ticket": "tikit",
    "permit": "permitt",
    "driveway": "drive",
    "application": "aplication",
    "neighbours": "nabours",
    "music": "musik",
    "antisocial": "anti social",
    "behaviour": "behavor",
    "dumped": "dumpd",
    "mattress": "matress",
    "pavement": "pavment",
    "graffiti": "grafity",
    "landlord": "landlard",
    "homeless": "homless",
    "register": "regester",
    "overcrowded": "over crowded",
    "assessment": "asessment",
    "support": "suport",
    "primary": "primry",
    "secondary": "secondry",
    "school": "skool",
    "deadline": "dead line",
    "you": "u",
    "are": "r",
    "Tuesday": "tusday",
    "Wednesday": "wensday",
    "Thursday": "thersday",
    "please": "pls",
    "want": "wanna",
    "have": "hav",
    "there": "ther",
    "weeks": "wks",
    "someone": "some1",
    "need": "ned",
}
_WORD = re.compile(r"[A-Za-z']+")


def lower_literacy(text: str) -> str:
    """Rewrite a standard phrase with phonetic spelling, no capitals and no punctuation."""
    out = _WORD.sub(lambda m: MISSPELL.get(m.group(0), MISSPELL.get(m.group(0).lower(), m.group(0))), text)
    return re.sub(r"[.,?']", "", out).lower()


def _render(rng: np.random.Generator, service: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Build messages by sampling from pre-rendered phrases (vectorised over rows)."""
    n = len(service)
    n_cores = 4
    # Every (service, style, core, day, place) phrase, rendered once.
    table = np.empty((len(SERVICES), len(STYLES), n_cores, len(DAYS), len(PLACES)), dtype=object)
    for s, name in enumerate(SERVICES):
        standard, second = CORES[name]
        for c in range(n_cores):
            for d, day in enumerate(DAYS):
                for p, place in enumerate(PLACES):
                    base = standard[c].format(day=day, place=place)
                    table[s, 0, c, d, p] = base[0].upper() + base[1:]
                    table[s, 1, c, d, p] = second[c].format(day=day, place=place)
                    table[s, 2, c, d, p] = lower_literacy(base)
    core = table[service, style, rng.integers(0, n_cores, n), rng.integers(0, len(DAYS), n),
                 rng.integers(0, len(PLACES), n)]  # fmt: skip
    opener_set = np.array([list(o) for o in OPENERS], dtype=object)
    closer_set = np.array([list(c) for c in CLOSERS], dtype=object)
    kind = np.minimum(style, 1)  # lower literacy uses the plain openers and closers, then lowercased
    opener = opener_set[kind, rng.integers(0, 4, n)]
    closer = closer_set[kind, rng.integers(0, 4, n)]
    filler = np.asarray(FILLERS, dtype=object)[rng.integers(0, len(FILLERS), n)]
    filler[rng.random(n) < 0.6] = ""
    text = opener + core + closer + filler
    low = style == 2
    text[low] = np.asarray([lower_literacy(t) for t in text[low]], dtype=object)
    # Per-message variation in the non-standard styles: dropped letters and dropped words.
    noisy = np.flatnonzero(style > 0)
    seeds = rng.integers(0, 2**31, len(noisy))
    text[noisy] = np.asarray(
        [_vary(t, int(sd), int(st)) for t, sd, st in zip(text[noisy], seeds, style[noisy], strict=True)],
        dtype=object,
    )
    return text


def _vary(text: str, seed: int, style: int) -> str:
    """Small random changes: lower literacy drops letters; second language drops short words."""
    r = np.random.default_rng(seed)
    words = text.split(" ")
    out = []
    for w in words:
        if style == 2 and len(w) > 3 and r.random() < 0.45:
            i = int(r.integers(1, len(w) - 1))
            w = w[:i] + w[i + 1 :]
        if style == 1 and len(w) <= 3 and r.random() < 0.3:
            continue
        out.append(w)
    return " ".join(out)


FIELDS: tuple[Field, ...] = (
    Field(
        "enquiry_id", "string", "Enquiry reference.", pattern=r"^EN[0-9]{7}$", unique=True, role="identifier"
    ),
    Field(
        "contact_id",
        "string",
        "The customer relationship system's ID for the resident.",
        pattern=r"^C[0-9]{7}$",
        role="identifier",
    ),
    Field("contact_name", "string", "Resident's name (random combination; no real person).", role="personal"),
    Field(
        "postcode",
        "string",
        "Resident's postcode (fictional area ZX).",
        pattern=C.POSTCODE_PATTERN,
        role="personal",
    ),
    *AREA_FIELDS,
    Field("received_at", "datetime", "When the message arrived.", role="feature"),
    Field(
        "financial_year",
        "string",
        "Financial year of the message.",
        enum=C.FINANCIAL_YEARS,
        ordered=True,
        role="feature",
    ),
    Field("channel", "string", "How the message arrived.", enum=CHANNELS, role="feature"),
    Field(
        "message",
        "string",
        "The resident's message, as written (synthetic text built from phrases).",
        role="feature",
        assumption="Phrasings for each writing style are invented for teaching.",
    ),
    Field(
        "service",
        "string",
        "The service the enquiry concerns (the label for triage).",
        enum=SERVICES,
        role="label",
        assumption="Service names loosely follow the Local Government Services List; no LGSL codes are used.",
    ),
    Field(
        "resolved_first_time",
        "boolean",
        "Resolved without the resident having to contact again.",
        role="outcome",
    ),
    Field("responded_at", "datetime", "When the council first replied.", role="feature"),
    Field("age_band", "string", "Resident's age band.", enum=AGE_BANDS, ordered=True, role="protected"),
    Field("sex", "string", "Resident's sex.", enum=C.SEXES, role="protected"),
    Field(
        "ethnic_group_5",
        "string",
        "Ethnic group (census 2021, 5 categories).",
        enum=C.ETHNIC_GROUPS_5,
        role="protected",
    ),
    Field(
        "preferred_language",
        "string",
        "Resident's preferred language.",
        enum=LANGUAGES,
        role="protected",
        assumption="Language mix is a design assumption.",
    ),
    Field(
        "latent_writing_style",
        "string",
        "How the message is written. Known only to the simulation: a real council does not record it.",
        enum=STYLES,
        role="latent",
    ),
)

SECOND_LANGUAGE_SHARE = 0.75
LOWER_LITERACY_LOGIT = {"intercept": -2.4, "imd_decile": -0.12}
RESOLVED = {"Standard": 0.74, "Second language": 0.55, "Lower literacy": 0.60}


def _language_probs() -> np.ndarray:
    """Preferred language by ethnic group (19 categories): an assumption for teaching."""
    rows = []
    for group in C.ETHNIC_SHARES_EW:
        p = np.zeros(len(LANGUAGES))
        p[0] = 1.0
        if group in {"White: Other White", "White: Roma"}:
            p[:] = [0.55, 0.2, 0.15, 0, 0, 0, 0, 0.1]
        elif group == "Asian: Pakistani":
            p[:] = [0.8, 0, 0, 0.2, 0, 0, 0, 0]
        elif group == "Asian: Bangladeshi":
            p[:] = [0.78, 0, 0, 0, 0.22, 0, 0, 0]
        elif group == "Other: Arab":
            p[:] = [0.6, 0, 0, 0, 0, 0.4, 0, 0]
        elif group == "Black: African":
            p[:] = [0.82, 0, 0, 0, 0, 0, 0.15, 0.03]
        elif group in {"Other: Any other ethnic group", "Asian: Other Asian"}:
            p[:] = [0.8, 0, 0, 0.05, 0.05, 0.1, 0, 0]
        rows.append(p / p.sum())
    return np.array(rows)


def build(ctx: BuildContext) -> BuildResult:
    rng, pop, n = ctx.rng, ctx.population, ctx.rows
    hh = pop.households
    lead = lead_person(pop)
    hrow = rng.choice(len(hh), size=n)
    # Mostly the household's first adult; sometimes another adult in the household writes.
    prow = lead[hrow]
    home = home_columns(pop, hrow)
    people = person_columns(pop, prow, "")
    ethnic = people["ethnic_group"].codes
    language = choice_rows(rng, _language_probs(), ethnic)
    decile = home["imd_decile"]
    second = (language > 0) & (rng.random(n) < SECOND_LANGUAGE_SHARE)
    p_low = sigmoid(LOWER_LITERACY_LOGIT["intercept"] + LOWER_LITERACY_LOGIT["imd_decile"] * (decile - 5.5))
    low = ~second & (rng.random(n) < p_low)
    style = np.where(second, 1, np.where(low, 2, 0))

    service = rng.choice(len(SERVICES), size=n, p=np.asarray(SERVICE_WEIGHTS) / sum(SERVICE_WEIGHTS))
    message = _render(rng, service, style)
    channel = rng.choice(len(CHANNELS), size=n, p=[0.35, 0.25, 0.25, 0.15])

    day = np.datetime64(C.PERIOD_START, "D") + rng.integers(0, 1461, n).astype("timedelta64[D]")
    received = day.astype("datetime64[s]") + (rng.integers(6 * 60, 23 * 60, n) * 60).astype("timedelta64[s]")
    hours = rng.gamma(2.0, 10.0, n) + 0.5
    responded = received + (hours * 3600).astype("timedelta64[s]")
    responded = responded - (responded.astype(np.int64) % 60).astype("timedelta64[s]")
    resolved = rng.random(n) < np.asarray([RESOLVED[s] for s in STYLES])[style]
    age = people["age"]
    age_band = np.digitize(age, [25, 35, 50, 65, 75])

    order = np.argsort(received, kind="stable")
    numbers = np.full(len(pop.residents), -1, dtype=np.int64)
    used = np.unique(prow)
    numbers[used] = rng.permutation(len(used)) + 1
    contact_ids = id_strings("C", numbers[prow], 7)
    clean = pd.DataFrame(
        {
            "contact_id": contact_ids,
            "contact_name": people["name"],
            "postcode": home["postcode"],
            "lsoa_code": home["lsoa_code"],
            "imd_decile": decile,
            "received_at": received,
            "financial_year": pd.Categorical.from_codes(
                np.minimum(financial_year_index(day), 3), categories=list(C.FINANCIAL_YEARS), ordered=True
            ),
            "channel": pd.Categorical.from_codes(channel, categories=list(CHANNELS)),
            "message": message,
            "service": pd.Categorical.from_codes(service, categories=list(SERVICES)),
            "resolved_first_time": resolved,
            "responded_at": responded,
            "age_band": pd.Categorical.from_codes(age_band, categories=list(AGE_BANDS), ordered=True),
            "sex": people["sex"],
            "ethnic_group_5": people["ethnic_group_5"],
            "preferred_language": pd.Categorical.from_codes(language, categories=list(LANGUAGES)),
            "latent_writing_style": pd.Categorical.from_codes(style, categories=list(STYLES)),
        }
    ).iloc[order]
    clean.insert(0, "enquiry_id", id_strings("EN", np.arange(1, n + 1), 7))
    crosswalk = pd.DataFrame(
        {
            "resident_id": resident_ids(pop.residents["resident_number"].to_numpy()[used]),
            "service_id": id_strings("C", numbers[used], 7),
        }
    )
    return BuildResult(clean=clean, crosswalk=crosswalk)


def truth(profile: CouncilProfile) -> dict:
    """The planted truths of the contact-centre dataset."""
    return {
        "label": {
            "column": "service",
            "meaning": "The service a message concerns: the target of a triage or chatbot classifier.",
            "rule": "Each message is built from phrases written for its service.",
        },
        "outcome_model": {
            "kind": "phrase sampling",
            "target": "message",
            "formula": "message = opener + core request (4 per service and style, with a day and place) + "
            "closer; lower-literacy messages are the standard ones respelt (see MISSPELL in the source).",
        },
        "planted_effects": [
            {
                "feature": "latent_writing_style",
                "kind": "vocabulary and spelling",
                "size": list(STYLES),
                "description": "Second-language messages use other words for the same things; "
                "lower-literacy messages use phonetic spelling. A classifier trained on typical, standard "
                "text is less accurate for both groups.",
            },
            {
                "feature": "preferred_language",
                "kind": "share writing in a second language",
                "size": SECOND_LANGUAGE_SHARE,
                "description": "75% of residents whose preferred language is not English write in the "
                "second-language style.",
            },
            {
                "feature": "imd_decile",
                "kind": "log-odds of the lower-literacy style per decile",
                "size": LOWER_LITERACY_LOGIT["imd_decile"],
                "description": "Lower-literacy messages are more common in deprived areas.",
            },
            {
                "feature": "resolved_first_time",
                "kind": "probability by writing style",
                "size": RESOLVED,
                "description": "Enquiries written in a second language or with lower literacy are "
                "resolved at first contact less often.",
            },
        ],
        "mediators": [
            {
                "protected": "preferred_language",
                "mediator": "latent_writing_style",
                "direct_effect": 0.0,
                "description": "Language affects classifier accuracy and first-contact resolution only "
                "through how the message is written.",
            },
        ],
        "proxies": [
            {
                "column": "message",
                "protected": "preferred_language",
                "description": "The wording of a message reveals the writer's first language.",
            },
            {
                "column": "imd_decile",
                "protected": "ethnic_group_5",
                "description": "Ethnic minority households cluster in deprived areas.",
            },
        ],
        "label_bias": [],
        "label_bias_note": "None planted: service is always the true service of the message.",
        "leaky_features": [
            {
                "column": "resolved_first_time",
                "kind": "recorded after the outcome",
                "description": "Known only after the enquiry is handled.",
            },
            {
                "column": "latent_writing_style",
                "kind": "simulation truth",
                "description": "Known only to the simulation: use it to measure the harm, not as a feature.",
            },
        ],
        "assumptions": [
            "All message text is invented from phrase lists; it is not real residents' writing.",
            "Shares of languages, writing styles and services are design assumptions.",
            "Service names loosely follow the Local Government Services List; no LGSL codes are used.",
        ],
    }


def measure(clean: pd.DataFrame) -> dict:
    """Classifier accuracy by writing style, for a TF-IDF + logistic regression triage model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from labkit.data._measure import rate_by

    sample = clean.iloc[: min(len(clean), 20_000)]
    half = len(sample) // 2
    train, test = sample.iloc[:half], sample.iloc[half:]
    typical = train[train["latent_writing_style"] == "Standard"]

    def accuracy(fit_on: pd.DataFrame) -> pd.Series:
        model = make_pipeline(TfidfVectorizer(min_df=2), LogisticRegression(max_iter=300))
        model.fit(fit_on["message"], fit_on["service"].astype(str))
        hit = model.predict(test["message"]) == test["service"].astype(str).to_numpy()
        return pd.Series(hit, index=test.index)

    typical_hit, all_hit = accuracy(typical), accuracy(train)
    return {
        "rows": len(clean),
        "style_shares": rate_by(pd.Series(1.0, index=clean.index), clean["latent_writing_style"], share=True),
        "reference_classifier": "TF-IDF of words (min_df=2) + LogisticRegression. 'typical': trained on the "
        "standard-style messages of the first half of the rows in time order (a supplier's model built on "
        "typical text); 'all': trained on every message of the first half. Both tested on the second half.",
        "reference_accuracy_typical": round(float(typical_hit.mean()), 4),
        "reference_accuracy_typical_by_style": rate_by(typical_hit, test["latent_writing_style"]),
        "reference_accuracy_all": round(float(all_hit.mean()), 4),
        "reference_accuracy_all_by_style": rate_by(all_hit, test["latent_writing_style"]),
        "resolved_first_time_by_style": rate_by(clean["resolved_first_time"], clean["latent_writing_style"]),
        "second_language_share_by_language": rate_by(
            clean["latent_writing_style"] == "Second language", clean["preferred_language"]
        ),
    }


SPEC = register(
    DatasetSpec(
        name=NAME,
        code=4,
        title="Contact-centre enquiries",
        summary="Residents' messages to the council, 2021-22 to 2024-25, with the service each concerns "
        "(for triage and chatbot classifiers).",
        unit="one row per enquiry",
        fields=FIELDS,
        primary_key="enquiry_id",
        default_rows={"northbrook": 12_000, "eastmere": 6_000},
        build=build,
        truth=truth,
        measure=measure,
        roles=DefectRoles(
            person_id="contact_id",
            person_name="contact_name",
            legacy={"sex": "sex"},
            contradiction=("received_at", "responded_at"),
            date_columns=("received_at", "responded_at"),
            period_column="received_at",
        ),
        rows_per_population=100_000,
        sources=("Local Government Services List (service names only).",),
    )
)

__all__ = ["FIELDS", "SPEC", "lower_literacy"]
