"""The eligibility checker: pure functions that judge a proposal against the rule set of its
achievement year and the candidate's history, and explain each unmet condition in Vietnamese,
citing the article. No database: the caller gathers the facts.

Award codes: LDTT (Lao động tiên tiến), CSTDCS (Chiến sĩ thi đua cơ sở), CSTDT (Chiến sĩ thi đua
tỉnh), CSTDTQ (Chiến sĩ thi đua toàn quốc), TTLDTT (Tập thể lao động tiên tiến), TTLDXS (Tập thể
lao động xuất sắc), CO_TINH (Cờ thi đua của tỉnh), BK_TINH (Bằng khen của Chủ tịch UBND tỉnh),
GIAY_KHEN. Ratings: HTXS (hoàn thành xuất sắc nhiệm vụ), HTT (hoàn thành tốt), HT (hoàn thành),
KHT (không hoàn thành).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

RATING_ORDER = {"KHT": 0, "HT": 1, "HTT": 2, "HTXS": 3}
RATING_LABELS = {
    "HTXS": "hoàn thành xuất sắc nhiệm vụ",
    "HTT": "hoàn thành tốt nhiệm vụ",
    "HT": "hoàn thành nhiệm vụ",
    "KHT": "không hoàn thành nhiệm vụ",
}
SERIOUS_DISCIPLINE = {"canh_cao", "giang_chuc", "cach_chuc", "buoc_thoi_viec"}  # cảnh cáo or above


@dataclass(frozen=True)
class RuleSet:
    """The rules of a period. `parameters` are the numbers that changed between periods and
    that provinces may set; `articles` the legal citation of each condition."""

    code: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    parameters: dict[str, object]
    articles: dict[str, str]

    def applies_to(self, year: int) -> bool:
        """An achievement is judged by the rules of the year it was earned (its 31 December)."""
        day = dt.date(year, 12, 31)
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def number(self, key: str) -> Decimal:
        return Decimal(str(self.parameters[key]))


@dataclass(frozen=True)
class AwardFact:
    """An award already in the history: its code, the achievement year, and whether it counts
    toward merit awards (sudden and theme awards do not)."""

    code: str
    year: int
    counts_for_merit: bool = True


@dataclass(frozen=True)
class InitiativeFact:
    id: int
    year: int
    scope: str = "co_so"  # co_so (unit), tinh (province-wide), toan_quoc
    used_for_other_award: bool = False


@dataclass(frozen=True)
class MembersFacts:
    """What a collective's proposal needs to know about its members in the year."""

    total: int
    advanced_workers: int  # Lao động tiên tiến
    completing_tasks: int  # rated at least "hoàn thành nhiệm vụ"
    base_emulation_fighters: int  # Chiến sĩ thi đua cơ sở
    serious_discipline: int  # disciplined at "cảnh cáo" or above
    women: int = 0


@dataclass(frozen=True)
class Candidate:
    name: str
    is_collective: bool
    history: tuple[AwardFact, ...] = ()
    ratings: dict[int, str] = field(default_factory=dict)
    initiatives: tuple[InitiativeFact, ...] = ()
    research_years: tuple[int, ...] = ()  # years with an accepted research project
    pending: tuple[str, ...] = ()  # discipline, inspection or complaint not yet closed
    members: MembersFacts | None = None
    cluster_rank: int | None = None  # for Cờ thi đua: rank in its cluster or block
    targets_exceeded: bool | None = None  # all main targets met, some exceeded
    is_woman: bool = False


@dataclass(frozen=True)
class Votes:
    in_favour: int
    council_members: int

    @property
    def share(self) -> Decimal:
        if self.council_members == 0:
            return Decimal(0)
        return Decimal(self.in_favour) * 100 / Decimal(self.council_members)


@dataclass(frozen=True)
class Proposal:
    award: str
    year: int
    candidate: Candidate
    key: str = ""  # identifies the candidate in a batch (person or unit id)
    unit_key: str = ""  # the unit proposing, for quotas
    votes: Votes | None = None
    initiative_ids: tuple[int, ...] = ()  # the initiatives this proposal relies on


@dataclass(frozen=True)
class Finding:
    """One condition judged. `missing`: the facts to judge it were never entered (no rating of
    the year, say) — not a failure but a gap to fill; `met` is then False."""

    condition: str
    met: bool
    message: str
    article: str = ""
    missing: bool = False


@dataclass(frozen=True)
class Verdict:
    proposal: Proposal
    findings: tuple[Finding, ...]

    @property
    def eligible(self) -> bool:
        return all(finding.met for finding in self.findings)

    @property
    def unmet(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.met]

    @property
    def missing_data(self) -> bool:
        """Nothing failed; only facts are missing."""
        unmet = self.unmet
        return bool(unmet) and all(finding.missing for finding in unmet)


# -- helpers ---------------------------------------------------------------------------------


def _merit_years(candidate: Candidate, code: str) -> set[int]:
    return {fact.year for fact in candidate.history if fact.code == code and fact.counts_for_merit}


def _consecutive_up_to(years: set[int], last: int, count: int) -> bool:
    """`count` consecutive years ending with `last` (a gap year breaks the run)."""
    return all(year in years for year in range(last - count + 1, last + 1))


def _rating_at_least(candidate: Candidate, year: int, minimum: str) -> bool:
    rating = candidate.ratings.get(year)
    return rating is not None and RATING_ORDER[rating] >= RATING_ORDER[minimum]


def _fresh_initiatives(
    candidate: Candidate, years: Iterable[int], scopes: set[str]
) -> list[InitiativeFact]:
    wanted = set(years)
    return [
        item
        for item in candidate.initiatives
        if item.year in wanted and item.scope in scopes and not item.used_for_other_award
    ]


def missing_rating(year: int) -> str:
    return f"Chưa có dữ liệu xếp loại năm {year}."


def _share(part: int, whole: int) -> Decimal:
    return Decimal(0) if whole == 0 else Decimal(part) * 100 / Decimal(whole)


def _pct(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'))}".replace(".", ",")
    return text.removesuffix(",0") + "%"


class Checker:
    """Checks proposals against one rule set, with the province's parameters on top."""

    def __init__(
        self, rules: RuleSet, province_parameters: dict[str, object] | None = None
    ) -> None:
        self.rules = rules
        self.parameters = {**rules.parameters, **(province_parameters or {})}

    def article(self, condition: str) -> str:
        return self.rules.articles.get(condition, "")

    def finding(self, condition: str, met: bool, message: str) -> Finding:
        return Finding(condition, met, message, self.article(condition))

    def missing(self, condition: str, message: str) -> Finding:
        return Finding(condition, False, message, self.article(condition), missing=True)

    # -- one proposal ------------------------------------------------------------------------

    def check(self, proposal: Proposal, batch: Sequence[Proposal] = ()) -> Verdict:
        findings = [self._no_pending(proposal)]
        rule = getattr(self, f"_check_{proposal.award.lower()}", None)
        if rule is None:
            findings.append(
                Finding("known_award", True, "Hình thức này không có điều kiện tự kiểm tra.")
            )
        else:
            findings.extend(rule(proposal, batch))
        findings.extend(self._votes(proposal))
        findings.extend(self._initiatives_used_once(proposal, batch))
        return Verdict(proposal, tuple(findings))

    def _no_pending(self, proposal: Proposal) -> Finding:
        pending = proposal.candidate.pending
        if pending:
            return self.finding(
                "no_pending",
                False,
                f"Đang có {', '.join(pending)} chưa giải quyết xong: chưa xét khen thưởng.",
            )
        return self.finding(
            "no_pending", True, "Không có kỷ luật, thanh tra, khiếu nại đang xem xét."
        )

    def _votes(self, proposal: Proposal) -> list[Finding]:
        required = self.parameters.get(f"vote_share_{proposal.award.lower()}")
        if required is None:
            return []
        needed = Decimal(str(required))
        if proposal.votes is None:
            return [
                self.finding(
                    "votes",
                    False,
                    f"Chưa có kết quả bỏ phiếu của Hội đồng (cần từ {_pct(needed)}).",
                )
            ]
        share = proposal.votes.share
        met = share >= needed
        message = (
            f"Hội đồng bỏ phiếu {proposal.votes.in_favour}/{proposal.votes.council_members} "
            f"({_pct(share)}), {'đạt' if met else 'chưa đạt'} tỷ lệ tối thiểu {_pct(needed)}."
        )
        return [self.finding("votes", met, message)]

    def _initiatives_used_once(
        self, proposal: Proposal, batch: Sequence[Proposal]
    ) -> list[Finding]:
        if not proposal.initiative_ids:
            return []
        used = {item.id for item in proposal.candidate.initiatives if item.used_for_other_award}
        others = Counter(
            initiative
            for other in batch
            if other is not proposal
            for initiative in other.initiative_ids
        )
        clash = [i for i in proposal.initiative_ids if i in used or others[i]]
        if clash:
            return [
                self.finding(
                    "initiative_once",
                    False,
                    "Mỗi sáng kiến chỉ làm căn cứ cho một lần khen thưởng; sáng kiến số "
                    f"{', '.join(map(str, clash))} đã được dùng.",
                )
            ]
        return [
            self.finding(
                "initiative_once", True, "Sáng kiến chưa dùng cho lần khen thưởng nào khác."
            )
        ]

    # -- titles of individuals ---------------------------------------------------------------

    def _check_ldtt(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate, year = proposal.candidate, proposal.year
        if year not in candidate.ratings:
            return [self.missing("ldtt_rating", missing_rating(year))]
        met = _rating_at_least(candidate, year, "HTT")
        rating = RATING_LABELS.get(candidate.ratings.get(year, ""), "chưa có xếp loại")
        return [
            self.finding(
                "ldtt_rating",
                met,
                f"Năm {year} được xếp loại “{rating}”; cần từ “hoàn thành tốt nhiệm vụ” trở lên.",
            )
        ]

    def _has_title_this_year(
        self, proposal: Proposal, batch: Sequence[Proposal], code: str
    ) -> bool:
        if proposal.year in _merit_years(proposal.candidate, code):
            return True
        return any(
            other.award == code
            and other.key == proposal.key
            and other.year == proposal.year
            and self.check(other).eligible
            for other in batch
            if other is not proposal
        )

    def _check_cstdcs(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate, year = proposal.candidate, proposal.year
        findings = []
        is_ldtt = self._has_title_this_year(proposal, batch, "LDTT")
        if not is_ldtt and year not in candidate.ratings:
            findings.append(
                self.missing(
                    "cstdcs_ldtt",
                    f"{missing_rating(year)} Chưa xét được danh hiệu Lao động tiên tiến năm {year}.",
                )
            )
        else:
            findings.append(
                self.finding(
                    "cstdcs_ldtt",
                    is_ldtt,
                    f"{'Đạt' if is_ldtt else 'Chưa đạt'} danh hiệu Lao động tiên tiến năm {year}.",
                )
            )
        initiative = bool(_fresh_initiatives(candidate, [year], {"co_so", "tinh", "toan_quoc"}))
        research = year in candidate.research_years
        if self.parameters.get("cstdcs_requires_initiative"):
            met = initiative or research
            findings.append(
                self.finding(
                    "cstdcs_initiative",
                    met,
                    "Có sáng kiến hoặc đề tài được công nhận trong năm."
                    if met
                    else f"Chưa có sáng kiến hoặc đề tài nghiên cứu được công nhận năm {year} (bắt buộc theo quy định trước 2024).",
                )
            )
        else:
            excellent = _rating_at_least(candidate, year, "HTXS")
            met = excellent or initiative or research
            if not met and year not in candidate.ratings:
                findings.append(
                    self.missing(
                        "cstdcs_achievement",
                        f"{missing_rating(year)} Chưa có sáng kiến, đề tài được công nhận năm {year}.",
                    )
                )
                return findings
            findings.append(
                self.finding(
                    "cstdcs_achievement",
                    met,
                    "Có một trong: xếp loại hoàn thành xuất sắc nhiệm vụ, sáng kiến, đề tài được nghiệm thu."
                    if met
                    else f"Năm {year} chưa có một trong: xếp loại “hoàn thành xuất sắc nhiệm vụ”, sáng kiến được công nhận, "
                    "đề tài nghiên cứu được nghiệm thu.",
                )
            )
        return findings

    def _check_cstdt(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate, year = proposal.candidate, proposal.year
        years = _merit_years(candidate, "CSTDCS")
        if self._has_title_this_year(proposal, batch, "CSTDCS"):
            years.add(year)
        run = _consecutive_up_to(years, year, 3)
        have = sorted(y for y in years if year - 2 <= y <= year)
        findings = [
            self.finding(
                "cstdt_three_years",
                run,
                f"Chiến sĩ thi đua cơ sở 3 năm liên tục {year - 2}–{year}."
                if run
                else f"Cần Chiến sĩ thi đua cơ sở 3 năm liên tục {year - 2}–{year}; mới có các năm: "
                f"{', '.join(map(str, have)) or 'không có'}.",
            )
        ]
        wide = _fresh_initiatives(candidate, range(year - 2, year + 1), {"tinh", "toan_quoc"})
        findings.append(
            self.finding(
                "cstdt_initiative",
                bool(wide),
                "Có sáng kiến hoặc đề tài có phạm vi ảnh hưởng trong tỉnh."
                if wide
                else "Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng trong tỉnh trong 3 năm xét.",
            )
        )
        return findings

    def _check_cstdtq(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        years = sorted(_merit_years(proposal.candidate, "CSTDT"))
        cycle = int(str(self.parameters.get("cstdt_cycle_years", 3)))
        # "Twice in a row": the last two provincial titles follow each other, one cycle apart,
        # the latest ending with this year.
        met = len(years) >= 2 and years[-1] == proposal.year and years[-1] - years[-2] <= cycle
        return [
            self.finding(
                "cstdtq_twice",
                met,
                "Hai lần liên tục Chiến sĩ thi đua tỉnh."
                if met
                else f"Cần hai lần liên tục Chiến sĩ thi đua tỉnh, lần sau vào năm {proposal.year}; "
                f"các năm đã có: {', '.join(map(str, years)) or 'không có'}.",
            )
        ]

    # -- titles of collectives ---------------------------------------------------------------

    def _members(self, proposal: Proposal) -> MembersFacts | None:
        return proposal.candidate.members

    def _check_ttldtt(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        members = self._members(proposal)
        if members is None:
            return [self.finding("members", False, "Chưa khai số liệu về thành viên của tập thể.")]
        share = _share(members.advanced_workers, members.total)
        minimum = Decimal(str(self.parameters["ttldtt_ldtt_share"]))
        strict = bool(self.parameters.get("ttldtt_share_strict"))
        met = share > minimum if strict else share >= minimum
        words = "trên" if strict else "từ"
        findings = [
            self.finding(
                "ttldtt_share",
                met,
                f"{members.advanced_workers}/{members.total} thành viên ({_pct(share)}) đạt Lao động tiên tiến; "
                f"cần {words} {_pct(minimum)}.",
            )
        ]
        clean = members.serious_discipline == 0
        findings.append(
            self.finding(
                "ttldtt_discipline",
                clean,
                "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên."
                if clean
                else f"Có {members.serious_discipline} cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.",
            )
        )
        return findings

    def _check_ttldxs(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate, year, members = proposal.candidate, proposal.year, self._members(proposal)
        if members is None:
            return [self.finding("members", False, "Chưa khai số liệu về thành viên của tập thể.")]
        findings = []
        all_complete = members.completing_tasks == members.total
        findings.append(
            self.finding(
                "ttldxs_all_complete",
                all_complete,
                "Tất cả thành viên hoàn thành nhiệm vụ."
                if all_complete
                else f"Có {members.total - members.completing_tasks} thành viên không hoàn thành nhiệm vụ.",
            )
        )
        share = _share(members.advanced_workers, members.total)
        minimum = Decimal(str(self.parameters["ttldxs_ldtt_share"]))
        findings.append(
            self.finding(
                "ttldxs_share",
                share >= minimum,
                f"{_pct(share)} thành viên đạt Lao động tiên tiến; cần từ {_pct(minimum)}.",
            )
        )
        findings.append(
            self.finding(
                "ttldxs_cstdcs",
                members.base_emulation_fighters >= 1,
                f"Có {members.base_emulation_fighters} Chiến sĩ thi đua cơ sở; cần ít nhất 1.",
            )
        )
        excellent = _rating_at_least(candidate, year, "HTXS")
        if year not in candidate.ratings:
            findings.append(self.missing("ttldxs_rating", missing_rating(year)))
            return findings
        findings.append(
            self.finding(
                "ttldxs_rating",
                excellent,
                f"Tập thể được xếp loại “{RATING_LABELS.get(candidate.ratings.get(year, ''), 'chưa xếp loại')}” năm {year}; "
                "cần “hoàn thành xuất sắc nhiệm vụ”.",
            )
        )
        return findings

    def _check_co_tinh(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate = proposal.candidate
        leading = candidate.cluster_rank == 1
        exceeded = bool(candidate.targets_exceeded)
        return [
            self.finding(
                "co_tinh_leading",
                leading,
                "Dẫn đầu cụm, khối thi đua do tỉnh tổ chức."
                if leading
                else f"Xếp thứ {candidate.cluster_rank or 'chưa xếp hạng'} trong cụm, khối; Cờ thi đua dành cho đơn vị dẫn đầu.",
            ),
            self.finding(
                "co_tinh_targets",
                exceeded,
                "Hoàn thành vượt mức các chỉ tiêu thi đua."
                if exceeded
                else "Chưa hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao trong năm.",
            ),
        ]

    def _check_bk_tinh(self, proposal: Proposal, batch: Sequence[Proposal]) -> list[Finding]:
        candidate, year = proposal.candidate, proposal.year
        if candidate.is_collective:
            excellent_years = {y for y, r in candidate.ratings.items() if r == "HTXS"}
            ttldxs_years = _merit_years(candidate, "TTLDXS")
            met = _consecutive_up_to(excellent_years | ttldxs_years, year, 2)
            return [
                self.finding(
                    "bk_tinh_collective",
                    met,
                    f"Hai năm liên tục {year - 1}–{year} hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc."
                    if met
                    else f"Cần hai năm liên tục {year - 1}–{year} “hoàn thành xuất sắc nhiệm vụ” hoặc Tập thể lao động xuất sắc.",
                )
            ]
        cstdcs = _merit_years(candidate, "CSTDCS")
        if self._has_title_this_year(proposal, batch, "CSTDCS"):
            cstdcs.add(year)
        by_fighter = _consecutive_up_to(cstdcs, year, 2)
        excellent = {y for y, r in candidate.ratings.items() if r == "HTXS"}
        initiatives = _fresh_initiatives(
            candidate, [year - 1, year], {"co_so", "tinh", "toan_quoc"}
        )
        by_excellence = _consecutive_up_to(excellent, year, 2) and len(initiatives) >= 2
        met = by_fighter or by_excellence
        return [
            self.finding(
                "bk_tinh_individual",
                met,
                "Đủ điều kiện: hai năm liên tục Chiến sĩ thi đua cơ sở, hoặc hai năm liên tục hoàn thành xuất sắc "
                "nhiệm vụ với hai sáng kiến."
                if met
                else f"Chưa có hai năm liên tục {year - 1}–{year} Chiến sĩ thi đua cơ sở, cũng chưa có hai năm liên tục "
                f"“hoàn thành xuất sắc nhiệm vụ” kèm hai sáng kiến (có {len(initiatives)} sáng kiến). "
                "Thành tích đột xuất được xét riêng.",
            )
        ]

    # -- the whole batch of a unit -----------------------------------------------------------

    def check_batch(self, proposals: Sequence[Proposal]) -> list[Verdict]:
        verdicts = [self.check(proposal, proposals) for proposal in proposals]
        cap = self.parameters.get("cstdcs_max_share_of_ldtt")
        if cap is None:
            return verdicts
        limit = Decimal(str(cap))
        ldtt: dict[str, int] = defaultdict(int)
        fighters: dict[str, list[Verdict]] = defaultdict(list)
        for verdict in verdicts:
            unit = verdict.proposal.unit_key
            if verdict.proposal.award == "LDTT" and verdict.eligible:
                ldtt[unit] += 1
            if verdict.proposal.award == "CSTDCS":
                fighters[unit].append(verdict)
        capped = []
        for verdict in verdicts:
            unit = verdict.proposal.unit_key
            if verdict.proposal.award != "CSTDCS":
                capped.append(verdict)
                continue
            allowed = int(Decimal(ldtt[unit]) * limit / 100)
            over = len(fighters[unit]) > allowed
            finding = self.finding(
                "cstdcs_cap",
                not over,
                f"Đơn vị đề nghị {len(fighters[unit])} Chiến sĩ thi đua cơ sở trên {ldtt[unit]} Lao động tiên tiến; "
                f"tối đa {_pct(limit)}, tức {allowed} người.",
            )
            capped.append(Verdict(verdict.proposal, (*verdict.findings, finding)))
        return capped


def rule_set_for(year: int, rule_sets: Iterable[RuleSet]) -> RuleSet:
    for rules in rule_sets:
        if rules.applies_to(year):
            return rules
    raise LookupError(f"Không có bộ quy định nào áp dụng cho năm {year}.")
