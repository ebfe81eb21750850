"""Code lists and word lists the generators sample from.

Census 2021 classifications follow ``uk-public-sector.md`` (Office for National
Statistics, England and Wales). Shares marked approximate in that reference
are design assumptions and the data dictionary says so.
"""

from __future__ import annotations

# -- Census 2021: ethnic group, 19 categories ("Group: Subgroup") with the 5-group parent ----------------
ETHNIC_GROUPS_19: tuple[str, ...] = (
    "Asian: Bangladeshi",
    "Asian: Chinese",
    "Asian: Indian",
    "Asian: Pakistani",
    "Asian: Other Asian",
    "Black: African",
    "Black: Caribbean",
    "Black: Other Black",
    "Mixed: White and Asian",
    "Mixed: White and Black African",
    "Mixed: White and Black Caribbean",
    "Mixed: Other Mixed or Multiple ethnic groups",
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Irish",
    "White: Gypsy or Irish Traveller",
    "White: Roma",
    "White: Other White",
    "Other: Arab",
    "Other: Any other ethnic group",
)

ETHNIC_GROUPS_5: tuple[str, ...] = (
    "Asian, Asian British or Asian Welsh",
    "Black, Black British, Black Welsh, Caribbean or African",
    "Mixed or Multiple ethnic groups",
    "White",
    "Other ethnic group",
)

_PARENT = {
    "Asian": ETHNIC_GROUPS_5[0],
    "Black": ETHNIC_GROUPS_5[1],
    "Mixed": ETHNIC_GROUPS_5[2],
    "White": ETHNIC_GROUPS_5[3],
    "Other": ETHNIC_GROUPS_5[4],
}
ETHNIC_19_TO_5: dict[str, str] = {g: _PARENT[g.split(":")[0]] for g in ETHNIC_GROUPS_19}

WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"

# England and Wales shares (per cent). Those quoted in uk-public-sector.md are exact; the rest are the
# approximate figures given there, so they are listed as assumptions in every ground truth file.
ETHNIC_SHARES_EW: dict[str, float] = {
    "Asian: Bangladeshi": 1.1,
    "Asian: Chinese": 0.7,
    "Asian: Indian": 3.1,
    "Asian: Pakistani": 2.7,
    "Asian: Other Asian": 1.6,
    "Black: African": 2.5,
    "Black: Caribbean": 1.0,
    "Black: Other Black": 0.5,
    "Mixed: White and Asian": 0.8,
    "Mixed: White and Black African": 0.4,
    "Mixed: White and Black Caribbean": 0.9,
    "Mixed: Other Mixed or Multiple ethnic groups": 0.8,
    WHITE_BRITISH: 74.4,
    "White: Irish": 0.9,
    "White: Gypsy or Irish Traveller": 0.1,
    "White: Roma": 0.2,
    "White: Other White": 6.2,
    "Other: Arab": 0.6,
    "Other: Any other ethnic group": 1.6,
}

# DfE four-letter codes seen in council systems (legacy code set), mapped from the census 2021 labels.
DFE_ETHNICITY_CODES: dict[str, str] = {
    WHITE_BRITISH: "WBRI",
    "White: Irish": "WIRI",
    "White: Gypsy or Irish Traveller": "WIRT",
    "White: Other White": "WOTH",
    "White: Roma": "WROM",
    "Mixed: White and Black Caribbean": "MWBC",
    "Mixed: White and Black African": "MWBA",
    "Mixed: White and Asian": "MWAS",
    "Mixed: Other Mixed or Multiple ethnic groups": "MOTH",
    "Asian: Indian": "AIND",
    "Asian: Pakistani": "APKN",
    "Asian: Bangladeshi": "ABAN",
    "Asian: Other Asian": "AOTH",
    "Black: Caribbean": "BCRB",
    "Black: African": "BAFR",
    "Black: Other Black": "BOTH",
    "Asian: Chinese": "CHNE",
    "Other: Arab": "OOTH",
    "Other: Any other ethnic group": "OOTH",
}
DFE_PLACEHOLDER_CODES: tuple[str, ...] = ("REFU", "NOBT")

# -- Census 2021 table TS038: disability under the Equality Act --------------------------------------------
DISABILITY: tuple[str, ...] = (
    "Disabled under the Equality Act: Day-to-day activities limited a lot",
    "Disabled under the Equality Act: Day-to-day activities limited a little",
    "Not disabled under the Equality Act",
)
DISABLED_A_LOT, DISABLED_A_LITTLE, NOT_DISABLED = DISABILITY

SEXES: tuple[str, ...] = ("Female", "Male")
# ISO/IEC 5218 style legacy sex codes: 0 = not known, 9 = not applicable; 1 and 2 in some old systems.
LEGACY_SEX_CODES: dict[str, tuple[str, ...]] = {"Female": ("2", "F", "0", "9"), "Male": ("1", "M", "0", "9")}
LEGACY_UNSPECIFIED = "UNSPECIFIED"

RELIGIONS: tuple[str, ...] = (
    "Christian",
    "No religion",
    "Muslim",
    "Hindu",
    "Sikh",
    "Jewish",
    "Buddhist",
    "Other religion",
    "Not answered",
)
RELIGION_SHARES_EW: tuple[float, ...] = (46.2, 37.2, 6.5, 1.7, 0.9, 0.5, 0.5, 0.6, 6.0)

# -- Postcodes: inward-code letters never use C, I, K, M, O or V ------------------------------------------
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODE_PATTERN = r"^ZX[1-9][0-9]? [0-9][ABDEFGHJLNPQRSTUWXYZ]{2}$"
LSOA_PATTERN = r"^E019[0-9]{5}$"
UPRN_MIN = 990_000_000_000
UPRN_MAX = 990_999_999_999
UPRN_PATTERN = r"^990[0-9]{9}$"

# -- Names: random combinations; no real person is meant ---------------------------------------------------
FIRST_NAMES_FEMALE: tuple[str, ...] = (
    "Aaliyah", "Abigail", "Ada", "Aisha", "Alice", "Amara", "Amelia", "Amina", "Ana", "Anna", "Ayesha",
    "Beatrice", "Bethany", "Bridget", "Carmen", "Caroline", "Charlotte", "Chloe", "Claire", "Deborah",
    "Eilidh", "Eleanor", "Elena", "Ella", "Emily", "Esther", "Fatima", "Fiona", "Florence", "Grace",
    "Hannah", "Harriet", "Hollie", "Imani", "Isla", "Jade", "Jasmine", "Joanne", "Julia", "Karen",
    "Katarzyna", "Kavita", "Laila", "Laura", "Leah", "Lily", "Lucy", "Maja", "Margaret", "Maria", "Maryam",
    "Megan",
    "Mia", "Nadia", "Niamh", "Nkechi", "Olivia", "Patricia", "Priya", "Rachel", "Rebecca", "Rosa", "Ruby",
    "Sadia", "Samira", "Sarah", "Shanice", "Siobhan", "Sofia", "Susan", "Tahmina", "Valentina", "Wei",
    "Yasmin", "Zainab", "Zara", "Zofia", "Zuzanna",
)  # fmt: skip
FIRST_NAMES_MALE: tuple[str, ...] = (
    "Aaron", "Abdul", "Adam", "Adebayo", "Ahmed", "Aidan", "Alexander", "Ali", "Andrew", "Arjun", "Ben",
    "Callum", "Ciaran", "Connor", "Daniel", "David", "Declan", "Dylan", "Ebuka", "Elijah", "Ethan",
    "Faisal", "Finley", "Gareth", "George", "Hamza", "Harry", "Hassan", "Ibrahim", "Isaac", "Jack", "Jakub",
    "James", "Jamal", "Jayden", "John", "Joseph", "Kai", "Kieran", "Kwame", "Leo", "Liam", "Lukasz", "Marcus",
    "Mark", "Matthew", "Mohammed", "Muhammad", "Nathan", "Noah", "Oliver", "Omar", "Oscar", "Patrick",
    "Paul", "Piotr", "Rahul", "Raj", "Reuben", "Robert", "Rory", "Ryan", "Samuel", "Sean", "Stefan",
    "Stephen", "Thomas", "Tomasz", "Tyrone", "Usman", "William", "Yusuf", "Zain",
)  # fmt: skip
SURNAMES: tuple[str, ...] = (
    "Abbott", "Adeyemi", "Ahmed", "Akhtar", "Ali", "Allen", "Anderson", "Asante", "Atkinson", "Bailey",
    "Baker", "Begum", "Bell", "Bennett", "Bibi", "Booth", "Bradley", "Brennan", "Brown", "Butler",
    "Campbell", "Carter", "Chen", "Chowdhury", "Clarke", "Collins", "Cooper", "Cox", "Davies", "Dixon",
    "Doherty", "Edwards", "Ellis", "Evans", "Farah", "Fisher", "Fletcher", "Foster", "Gallagher", "Gill",
    "Graham", "Green", "Griffiths", "Hall", "Harris", "Hassan", "Hughes", "Hussain", "Iqbal", "Jackson",
    "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "King", "Kowalski", "Lewis", "Li", "Lloyd",
    "Mahmood", "Marshall", "Martin", "Mensah", "Miah", "Mills", "Mitchell", "Moore", "Morgan", "Murphy",
    "Murray", "Nowak", "Nwosu", "O'Brien", "O'Connor", "Okafor", "Owen", "Palmer", "Parker", "Patel",
    "Phillips", "Price", "Rahman", "Reid", "Richards", "Roberts", "Robinson", "Rogers", "Ryan", "Saunders",
    "Scott", "Shah", "Sharma", "Simpson", "Singh", "Smith", "Stewart", "Sullivan", "Taylor", "Thomas",
    "Thompson", "Turner", "Walker", "Walsh", "Ward", "Watson", "White", "Williams", "Wilson", "Wood",
    "Wright", "Wu", "Yilmaz", "Young", "Zielinski",
)  # fmt: skip

# Street names are built from a word and a suffix; with the fictional town names they match no real address.
STREET_WORDS: tuple[str, ...] = (
    "Acorn", "Alder", "Ash", "Aspen", "Badger", "Beacon", "Beech", "Birch", "Blackthorn", "Bramble",
    "Brook", "Buttercup", "Canal", "Cedar", "Chapel", "Cherry", "Chestnut", "Clover", "Copper", "Cowslip",
    "Elder", "Elm", "Falcon", "Fern", "Foundry", "Foxglove", "Furnace", "Hawthorn", "Hazel", "Heather",
    "Heron", "Holly", "Juniper", "Kestrel", "Kiln", "Larch", "Lark", "Linden", "Maple", "Marsh", "Meadow",
    "Mill", "Mulberry", "Nettle", "Oak", "Orchard", "Osier", "Otter", "Pebble", "Pine", "Poplar", "Quarry",
    "Reed", "Rowan", "Rush", "Sedge", "Sorrel", "Spinney", "Station", "Swallow", "Sycamore", "Tannery",
    "Teasel", "Thistle", "Vicarage", "Weaver", "Wharf", "Willow", "Wren", "Yew",
)  # fmt: skip
STREET_SUFFIXES: tuple[str, ...] = (
    "Street", "Road", "Lane", "Avenue", "Close", "Way", "Drive", "Crescent", "Gardens", "Court", "Terrace",
    "Place", "Grove", "Walk", "Row",
)  # fmt: skip
STREET_ABBREVIATIONS: dict[str, str] = {
    "Street": "St", "Road": "Rd", "Lane": "Ln", "Avenue": "Ave", "Close": "Cl", "Drive": "Dr",
    "Crescent": "Cres", "Gardens": "Gdns", "Court": "Ct", "Terrace": "Terr", "Place": "Pl", "Grove": "Gr",
}  # fmt: skip

# -- Housing repairs ---------------------------------------------------------------------------------------
REPAIR_CHANNELS: tuple[str, ...] = ("Phone", "Online form", "Email", "Webchat", "Operative-raised")
REPAIR_TRADES: tuple[str, ...] = (
    "Plumbing",
    "Electrical",
    "Carpentry",
    "Roofing",
    "Damp and mould",
    "Heating",
    "Glazing",
    "Drainage",
    "Plastering",
    "Doors and locks",
)
REPAIR_PRIORITIES: tuple[str, ...] = ("Emergency", "Urgent", "Routine")

FINANCIAL_YEARS: tuple[str, ...] = ("2021-22", "2022-23", "2023-24", "2024-25")
PERIOD_START = "2021-04-01"
PERIOD_END = "2025-03-31"
# Ages are worked out at this date in the shared population.
REFERENCE_DATE = "2025-03-31"
