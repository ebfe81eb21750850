"""Council profiles: the inputs that make one fictional council differ from another.

A profile holds the demographic mix, the deprivation skew and the service
patterns of a council. Generating the same dataset from two profiles gives
data with a genuine distribution shift, like a supplier's model "trained on
another council". Both councils are fictional; neither name is a UK local
authority.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from labkit.data._codes import ETHNIC_SHARES_EW, WHITE_BRITISH


@dataclass(frozen=True)
class CouncilProfile:
    """What makes a fictional council's residents and services what they are.

    Attributes
    ----------
    name : str
        Machine name used in code and file paths.
    title : str
        Display name.
    code : int
        A small number that keeps each council's random streams apart.
    summary : str
        One sentence for people.
    households : int
        Households in the default shared population.
    n_lsoas : int
        Number of LSOA-like small areas.
    lsoa_start : int
        First LSOA-like code number; codes are ``E01`` plus 6 digits from here.
    postcode_districts : tuple of int
        Postcode districts used in the fictional area ``ZX``.
    towns : tuple of str
        Fictional town or village names used in addresses.
    imd_decile_weights : tuple of float
        Share of small areas in IMD deciles 1 (most deprived) to 10.
    white_british_share : float
        Share of residents in the White British group; the other groups keep their England and Wales
        proportions to each other.
    minority_deprivation_gradient : float
        How strongly ethnic minority households cluster in deprived areas (0 = not at all).
    age_weights : tuple of float
        Share of residents aged 0-15, 16-29, 30-44, 45-64, 65-79 and 80 or over.
    social_rent_base : float
        Share of households renting from the council in a middle-decile area.
    flats_share : float
        Share of homes that are flats.
    services : mapping
        Service patterns per dataset (channel mix, targets, base rates ...).
    """

    name: str
    title: str
    code: int
    summary: str
    households: int
    n_lsoas: int
    lsoa_start: int
    postcode_districts: tuple[int, ...]
    towns: tuple[str, ...]
    imd_decile_weights: tuple[float, ...]
    white_british_share: float
    minority_deprivation_gradient: float
    age_weights: tuple[float, ...]
    social_rent_base: float
    flats_share: float
    services: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def ethnic_shares(self) -> dict[str, float]:
        """Council-wide shares of the 19 census ethnic groups (they sum to 1)."""
        others = {k: v for k, v in ETHNIC_SHARES_EW.items() if k != WHITE_BRITISH}
        total_other = sum(others.values())
        shares = {k: (1 - self.white_british_share) * v / total_other for k, v in others.items()}
        shares[WHITE_BRITISH] = self.white_british_share
        return {k: shares[k] for k in ETHNIC_SHARES_EW}

    def service(self, dataset: str) -> dict[str, Any]:
        """The service patterns for one dataset."""
        return dict(self.services.get(dataset, {}))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description of the profile (used in ground truth files)."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "households": self.households,
            "small_areas": self.n_lsoas,
            "imd_decile_weights": list(self.imd_decile_weights),
            "white_british_share": self.white_british_share,
            "minority_deprivation_gradient": self.minority_deprivation_gradient,
            "age_weights": list(self.age_weights),
            "social_rent_base": self.social_rent_base,
        }


NORTHBROOK = CouncilProfile(
    name="northbrook",
    title="Northbrook",
    code=1,
    summary=(
        "An urban council: younger, more ethnically diverse and more deprived, with more council homes "
        "and more online contact."
    ),
    households=30_000,
    n_lsoas=140,
    lsoa_start=1_990_001,
    postcode_districts=(1, 2, 3, 4, 5, 6, 7, 8),
    towns=("Northbrook",),
    imd_decile_weights=(0.19, 0.16, 0.14, 0.12, 0.10, 0.08, 0.07, 0.06, 0.05, 0.03),
    white_british_share=0.48,
    minority_deprivation_gradient=2.6,
    age_weights=(0.20, 0.21, 0.24, 0.21, 0.10, 0.04),
    social_rent_base=0.24,
    flats_share=0.45,
    services=MappingProxyType(
        {
            "housing_repairs": {
                "channel_weights": (0.42, 0.24, 0.12, 0.10, 0.12),
                "urgent_days": 5,
                "routine_days": 20,
                "intercept": -1.0,
            },
        }
    ),
)

EASTMERE = CouncilProfile(
    name="eastmere",
    title="Eastmere",
    code=2,
    summary=(
        "A more rural council: older, less ethnically diverse and less deprived, with fewer council homes, "
        "longer travel times for operatives and more contact by phone."
    ),
    households=22_000,
    n_lsoas=100,
    lsoa_start=1_980_001,
    postcode_districts=(11, 12, 13, 14, 15, 16),
    towns=("Eastmere", "Eastmere Fen", "Little Staithe", "Marrowby"),
    imd_decile_weights=(0.03, 0.04, 0.06, 0.08, 0.10, 0.12, 0.14, 0.15, 0.15, 0.13),
    white_british_share=0.90,
    minority_deprivation_gradient=1.4,
    age_weights=(0.16, 0.13, 0.16, 0.27, 0.19, 0.09),
    social_rent_base=0.14,
    flats_share=0.15,
    services=MappingProxyType(
        {
            "housing_repairs": {
                "channel_weights": (0.62, 0.14, 0.10, 0.02, 0.12),
                "urgent_days": 7,
                "routine_days": 28,
                "intercept": -0.55,
            },
        }
    ),
)

COUNCILS: dict[str, CouncilProfile] = {p.name: p for p in (NORTHBROOK, EASTMERE)}
DEFAULT_COUNCIL = "northbrook"
