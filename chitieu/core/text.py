"""Folding Vietnamese text for search: "Kỳ Anh", "ky anh" and "KỲ ANH" all fold to "ky anh"."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase, without diacritics (đ -> d), with single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(bare.lower().split())
