"""Any Vietnamese text as clean Unicode: bytes in UTF-8, UTF-16, Windows-1258, TCVN3 (ABC,
.VnTime fonts) or VNI (VNI-Times fonts), and text already pasted as the glyphs of those fonts.

No library on PyPI that is kept up converts the old Vietnamese encodings, so their tables are
here as data (`TCVN3` and `VNI` below, one character a byte), checked by the tests letter by
letter. The encoding of a text is the one whose reading gives the most common Vietnamese words;
a text none reads as Vietnamese is refused with a message, never guessed.
"""

from __future__ import annotations

import re
import unicodedata


class UnreadableText(ValueError):
    """A text or file that cannot be read as Vietnamese; the message is for the user."""


# TCVN3 (TCVN 5712:1993, the ABC code of .VnTime): byte → letter. Capitals with a tone are written
# with the capital fonts (.VnTimeH) over the same bytes as the small letters, so they read small.
TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI (VNI-Windows): a letter is written as its base letter and one byte for its marks; a few
# letters have a byte of their own. Bytes as Windows-1252 characters.
VNI_LETTERS = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip
# Mark bytes after a base letter: the combining marks they stand for.
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE = "\u0302", "\u0306"
VNI_TONES = {"ø": GRAVE, "ù": ACUTE, "û": HOOK, "õ": TILDE, "ï": DOT}
VNI_CIRCUMFLEX = {"â": "", "à": GRAVE, "á": ACUTE, "å": HOOK, "ã": TILDE, "ä": DOT}  # a, e, o
VNI_BREVE = {"ê": "", "è": GRAVE, "é": ACUTE, "ú": HOOK, "ü": TILDE, "ë": DOT}  # a only
VNI_MARK = re.compile(
    r"(?P<base>[aA])(?P<breve>[êèéúüëÊÈÉÚÜË])"
    r"|(?P<cbase>[aeoAEO])(?P<circ>[âàáåãäÂÀÁÅÃÄ])"
    r"|(?P<tbase>[aeiouyAEIOUYơƠưƯ])(?P<tone>[øùûõïØÙÛÕÏ])"
)

# Words of almost every Vietnamese report; the reading with most of them is the right one.
COMMON_WORDS = frozenset(
    [
        "và",
        "của",
        "các",
        "có",
        "được",
        "trong",
        "những",
        "năm",
        "đạt",
        "tăng",
        "giảm",
        "với",
        "cho",
        "là",
        "đã",
        "người",
        "một",
        "này",
        "theo",
        "tỷ",
        "đồng",
        "huyện",
        "tỉnh",
        "xã",
        "thực",
        "hiện",
        "kế",
        "hoạch",
        "chỉ",
        "tiêu",
        "phát",
        "triển",
        "kinh",
        "tế",
        "công",
        "tác",
        "đảng",
        "viên",
        "so",
        "cùng",
        "kỳ",
        "tổng",
        "số",
        "đơn",
        "vị",
        "không",
        "về",
        "đến",
        "từ",
        "nhân",
        "dân",
        "hộ",
        "nghèo",
        "trên",
        "địa",
        "bàn",
        "triển",
        "khai",
    ]
)
VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2009\u2002\u2003\u2004\u2005\u2006\u3000"), " "
)
_DASHES = dict.fromkeys(map(ord, "\u2212\u2010\u2011\u2012"), "-")


ODD_CHARACTERS = re.compile("[" + "".join(chr(c) for c in (*_ZERO_WIDTH, *_SPACES, *_DASHES)) + "]")
FULLWIDTH = re.compile("[\uff01-\uff5e]")


def _vni_mark(match: re.Match) -> str:
    if match.group("base"):
        base, marks = match.group("base"), BREVE + VNI_BREVE[match.group("breve").lower()]
    elif match.group("cbase"):
        base, marks = match.group("cbase"), CIRCUMFLEX + VNI_CIRCUMFLEX[match.group("circ").lower()]
    else:
        base, marks = match.group("tbase"), VNI_TONES[match.group("tone").lower()]
    return unicodedata.normalize("NFC", base + marks)


def from_vni(glyphs: str) -> str:
    """Text typed in a VNI font, as the Windows-1252 characters of its bytes."""
    text = "".join(VNI_LETTERS.get(char, char) for char in glyphs)
    # ơ and ư take a tone after them: read the single letters first, then the marks.
    return VNI_MARK.sub(_vni_mark, text)


def from_tcvn3(glyphs: str) -> str:
    """Text typed in a TCVN3 font, as the Latin-1 characters of its bytes."""
    return "".join(TCVN3.get(ord(char), char) if ord(char) < 256 else char for char in glyphs)


def from_cp1258_glyphs(glyphs: str) -> str:
    try:
        return unicodedata.normalize("NFC", glyphs.encode("cp1252").decode("cp1258"))
    except UnicodeError:
        return glyphs


def vietnamese_score(text: str) -> int:
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    return sum(word in COMMON_WORDS for word in words)


def _best_reading(candidates: list[str]) -> str:
    return max(candidates, key=vietnamese_score)


def clean(text: str) -> str:
    """One spelling for the same text: NFC, plain spaces, no zero-width characters, ASCII for
    fullwidth forms ("％", "１２"), "-" for the minus sign, and old-font glyphs converted."""
    text = _legacy_glyphs(unicodedata.normalize("NFC", text))
    if ODD_CHARACTERS.search(text):
        text = text.translate(_ZERO_WIDTH).translate(_SPACES).translate(_DASHES)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if FULLWIDTH.search(text):
        text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return unicodedata.normalize("NFC", text)


LEGACY_READINGS = (from_tcvn3, from_vni, from_cp1258_glyphs)


def _legacy_glyphs(text: str) -> str:
    """Pasted text of an old font: its glyphs are Latin-1 letters. A reading replaces the text
    only when it gives clearly more Vietnamese words than the text itself (judged on a sample)."""
    sample = text[:20000]
    if not any("\u00a0" <= char <= "\u00ff" for char in sample):
        return text
    own = vietnamese_score(sample)
    scored = [(vietnamese_score(reading(sample)), reading) for reading in LEGACY_READINGS]
    best_score, best = max(scored, key=lambda pair: pair[0])
    return best(text) if best_score > own + max(2, own // 5) else text


def decode(data: bytes) -> str:
    """The text of a file's bytes, whatever its encoding; UnreadableText if none fits."""
    text = _decode(data)
    sample = text[:20000]
    controls = sum(1 for char in sample if unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs"))
    if controls - sample.count("\n") - sample.count("\t") > len(sample) // 20:
        raise UnreadableText(
            "Tệp không phải văn bản (có dữ liệu nhị phân); hãy gửi tệp .txt, .docx, .pdf hoặc .xlsx."
        )
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return clean(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return clean(data.decode("utf-16"))
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        try:
            return clean(data.decode(encoding))
        except UnicodeDecodeError as error:
            raise UnreadableText(
                f"Tệp không đọc được: mã UTF-16 hỏng ở byte {error.start}."
            ) from error
    try:
        return clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    candidates = [
        unicodedata.normalize("NFC", data.decode("utf-8", errors="replace")),  # a few bad bytes
        from_tcvn3(data.decode("latin-1")),
        from_vni(data.decode("cp1252", errors="replace")),
        unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
    ]
    best = _best_reading(candidates)
    if vietnamese_score(best) == 0 and b"\x00" in data:
        raise UnreadableText(
            "Tệp không phải văn bản (có dữ liệu nhị phân); hãy gửi tệp .txt, .docx, .pdf hoặc .xlsx."
        )
    return clean(best)
