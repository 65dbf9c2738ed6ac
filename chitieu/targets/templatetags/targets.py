"""{{ target|target_text }}: a target in its own form and unit ("tăng 9%", "dưới 3,2%",
"trong nhóm 10 tỉnh dẫn đầu"), the same words as Word, PDF and Excel."""

from __future__ import annotations

from django import template

from chitieu.targets.wording import TargetLike, describe

register = template.Library()


@register.filter
def target_text(target: TargetLike | None) -> str:
    """A model row or the evaluation's TargetRow."""
    return describe(target) if target else ""
