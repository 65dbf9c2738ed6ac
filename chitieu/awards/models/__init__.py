"""The models of commendation, one module per sub-domain (Django finds them here): the rules,
persons and their history, proposals, decisions, the fund, the printing on blanks, and the bodies
and civil servants of TĐKT work. App label, table names and migrations are those of the single
module they came from."""

from chitieu.awards.models.decisions import Decision, LegalBasis
from chitieu.awards.models.fund import Fund, FundEntry, FundEntryKind
from chitieu.awards.models.people import (
    AnnualRating,
    AwardRecord,
    CommendationType,
    DisciplineLevel,
    Group,
    Initiative,
    Matter,
    PendingKind,
    Person,
    Rating,
    Scope,
    Sex,
    one_subject,
)
from chitieu.awards.models.printing import BLANK_FIELDS, BlankLayout, default_blank_fields
from chitieu.awards.models.proposals import (
    Proposal,
    ProposalItem,
    ProposalStatus,
    ProposalStep,
)
from chitieu.awards.models.rules import AwardKind, BaseSalary, ProvinceRule, RuleSet, Subject
from chitieu.awards.models.staffing import TdktBodies, TdktOfficer, TrainingLevel

__all__ = [
    "BLANK_FIELDS",
    "AnnualRating",
    "AwardKind",
    "AwardRecord",
    "BaseSalary",
    "BlankLayout",
    "CommendationType",
    "Decision",
    "DisciplineLevel",
    "Fund",
    "FundEntry",
    "FundEntryKind",
    "Group",
    "Initiative",
    "LegalBasis",
    "Matter",
    "PendingKind",
    "Person",
    "Proposal",
    "ProposalItem",
    "ProposalStatus",
    "ProposalStep",
    "ProvinceRule",
    "Rating",
    "RuleSet",
    "Scope",
    "Sex",
    "Subject",
    "TdktBodies",
    "TdktOfficer",
    "TrainingLevel",
    "default_blank_fields",
    "one_subject",
]
