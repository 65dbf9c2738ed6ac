"""Who signs a decision and when: the signer's title and name (Decree 30/2020: the Chairman signs
"TM. ỦY BAN NHÂN DÂN", a Vice-Chairman "KT. CHỦ TỊCH"), and the checks of its date."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from chitieu.core.dates import format_date

CHAIRMAN = "Chủ tịch"
VICE_CHAIRMAN = "Phó Chủ tịch"
TITLES = (CHAIRMAN, VICE_CHAIRMAN)


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def signer_parts(title: str, signer: str) -> tuple[str, str]:
    """The signer's title and name, from the title chosen and the name entered; a name entered as
    "Phó Chủ tịch Nguyễn Văn A" gives its title and the name."""
    name = " ".join(signer.split())
    title = " ".join(title.split())
    for known in sorted(TITLES, key=len, reverse=True):
        if name.casefold().startswith(known.casefold() + " "):
            found, name = known, name[len(known) :].strip()
            if title and title.casefold() != found.casefold():
                raise _refuse(
                    "signer_title", f"Chức vụ người ký là “{title}” nhưng tên ghi “{found}”."
                )
            title = found
            break
    for known in TITLES:
        if title.casefold() == known.casefold():
            title = known
    if title and title not in TITLES:
        raise _refuse("signer_title", "Chức vụ người ký: Chủ tịch hoặc Phó Chủ tịch.")
    if title and not name:
        raise _refuse("signer", "Hãy nhập họ và tên người ký.")
    return title, name


def signature_lines(title: str, committee: str = "ỦY BAN NHÂN DÂN") -> tuple[str, str]:
    """The authority and the title printed above the signer's name."""
    if title == VICE_CHAIRMAN:
        return "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return f"TM. {committee}", "CHỦ TỊCH"


def check_decision_date(date: dt.date, today: dt.date, submitted: dt.date | None = None) -> None:
    """A decision is not dated in the future, nor before the proposal it answers was sent."""
    if date > today:
        raise _refuse(
            "date", f"Ngày quyết định {format_date(date)} chưa đến (hôm nay {format_date(today)})."
        )
    if submitted is not None and date < submitted:
        raise _refuse(
            "date",
            f"Ngày quyết định {format_date(date)} trước ngày gửi tờ trình "
            f"({format_date(submitted)}).",
        )
