"""The cap on Chiến sĩ thi đua cơ sở (LAW.md: up to 2023, at most 15% of the unit's Lao động tiên
tiến; since 2024 a province may set its own share): "at most" rounds down, also at .5."""

import pytest

from chitieu.awards.rules.catalogue import RULE_SETS
from chitieu.awards.rules.eligibility import (
    Candidate,
    Checker,
    InitiativeFact,
    Proposal,
    RuleSet,
    Votes,
    rule_set_for,
)

RULES = [
    RuleSet(r["code"], r["name"], r["valid_from"], r["valid_to"], r["parameters"], r["articles"])
    for r in RULE_SETS
]
ALL = Votes(10, 10)


def batch(year: int, workers: int, fighters: int) -> list[Proposal]:
    """`workers` eligible Lao động tiên tiến of one unit, the first `fighters` of them also
    proposed (and otherwise eligible) for Chiến sĩ thi đua cơ sở."""
    people = [
        Candidate(
            f"NV{index}",
            False,
            ratings={year: "HTXS"},
            initiatives=(InitiativeFact(index, year),),
        )
        for index in range(workers)
    ]
    proposals = [Proposal("LDTT", year, c, key=c.name, unit_key="u1") for c in people]
    proposals += [
        Proposal("CSTDCS", year, c, key=c.name, unit_key="u1", votes=ALL) for c in people[:fighters]
    ]
    return proposals


def fighters_allowed(year: int, workers: int, **province) -> int:
    """The most Chiến sĩ thi đua cơ sở the cap lets through, found by proposing one more each
    time; and the message names that number."""
    checker = Checker(rule_set_for(year, RULES), province)
    allowed = 0
    while allowed < workers:
        verdicts = checker.check_batch(batch(year, workers, allowed + 1))
        fighters = [v for v in verdicts if v.proposal.award == "CSTDCS"]
        if not all(v.eligible for v in fighters):
            assert f"tức {allowed} người" in fighters[0].unmet[-1].message
            break
        allowed += 1
    return allowed


@pytest.mark.parametrize(
    ("workers", "allowed"),
    [
        (6, 0),  # 0.9
        (7, 1),  # 1.05
        (10, 1),  # 1.5: not 2
        (13, 1),  # 1.95
        (20, 3),  # exactly 3
        (30, 4),  # 4.5: not 5
        (50, 7),  # 7.5: not 8
    ],
)
def test_the_15_percent_cap_of_2023_rounds_down(workers, allowed):
    assert fighters_allowed(2023, workers) == allowed


@pytest.mark.parametrize(("workers", "allowed"), [(2, 0), (6, 1), (10, 2), (14, 3)])
def test_a_provinces_25_percent_cap_rounds_down_at_a_half(workers, allowed):
    # 25% of 2, 6, 10, 14 is 0.5, 1.5, 2.5, 3.5.
    assert fighters_allowed(2024, workers, cstdcs_max_share_of_ldtt="25") == allowed


def test_no_cap_since_2024_without_a_province_rule():
    assert fighters_allowed(2024, 6) == 6
