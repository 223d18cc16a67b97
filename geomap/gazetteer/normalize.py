"""Name normalisation: the lookup keys that make spelling variants meet.

Two keys are computed for every name:

``fold(name)``
    transliterated to ASCII (``anyascii``), lower-cased, apostrophe-like marks removed and other
    punctuation turned into spaces. Two names with the same fold are "the same spelling" up to
    case, accents and punctuation.
``name_key(name)``
    the fold, then token by token: Arabic articles (``al-``, ``el-``, ``ash-``, ``az-``...) are
    dropped when another token follows, common spelling families are merged
    (Deir/Dayr/Dair, Zor/Zawr/Zour/Ezzor, Tal/Tall/Tell, Ayn/Ain/Ein...) and a light phonetic
    fold is applied (``q`` → ``k``, doubled letters single, a final ``h`` after a vowel dropped).
    "Deir ez-Zor", "Dayr az-Zawr" and "Deir Ezzor" all get the key ``deir zor``.

Arabic-script names get their own key (tashkil removed, alef/ya/ta-marbuta forms unified, the
article ``ال`` dropped), so "دير الزور" finds the GeoNames record whose alternate name is written
that way.

The recogniser uses :func:`token_key` on each word of the text and joins the results with spaces,
so a name found in text and the same name in the gazetteer always produce the same key.

>>> name_key("Deir ez-Zor") == name_key("Dayr az-Zawr") == name_key("Deir Ezzor")
True
>>> name_key("Ra's al-'Ayn") == name_key("Ras al-Ain")
True
>>> fold("Ceylanpınar")
'ceylanpinar'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

#: Arabic definite-article forms as they appear in Latin transliteration (standalone tokens).
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "az",
        "ez",
        "at",
        "et",
        "an",
        "en",
        "ath",
        "adh",
    ]
)

#: Spelling families: every variant on the left is replaced by the canonical form on the right
#: before the phonetic fold. Only generic name components belong here; single places that are
#: spelled in unrelated ways (Kobani / 'Ayn al-'Arab) go into ``gazetteer/aliases.tsv``.
SPELLING_FAMILIES: dict[str, str] = {
    **dict.fromkeys(["deir", "dayr", "dair", "deyr", "dir"], "deir"),
    **dict.fromkeys(["zor", "zawr", "zour", "zur", "zzor", "ezzor", "ezor", "azzor"], "zor"),
    **dict.fromkeys(["tal", "tall", "tell", "til", "tel"], "tal"),
    **dict.fromkeys(["ain", "ayn", "ein", "ayin", "eyn", "aain"], "ain"),
    **dict.fromkeys(["ras", "raas", "rass", "res"], "ras"),
    **dict.fromkeys(["abyad", "abiad", "abyadh", "abiadh", "abyed", "abied"], "abyad"),
    **dict.fromkeys(["abu", "abou", "abo", "ebu"], "abu"),
    **dict.fromkeys(["jabal", "jebel", "jabel", "jbel", "djebel", "jibal"], "jabal"),
    **dict.fromkeys(["khirbet", "khirbat", "khirbit", "kherbet"], "khirbet"),
    **dict.fromkeys(["umm", "um", "om", "oum"], "umm"),
    **dict.fromkeys(["sheikh", "shaykh", "sheik", "shaikh", "shaykh", "cheikh"], "sheikh"),
    **dict.fromkeys(["kafr", "kfar", "kafar", "kefr"], "kafr"),
    **dict.fromkeys(["qalat", "kalat", "qala", "kalaat", "qalaat"], "qalat"),
    **dict.fromkeys(["bir", "beer", "bi'r"], "bir"),
    **dict.fromkeys(["mazraa", "mazraat", "mazraah", "mazrat"], "mazraa"),
    **dict.fromkeys(["maarat", "maarrat", "maaret", "marat", "maarrat"], "maarat"),
    **dict.fromkeys(
        [
            "hasakah",
            "hasaka",
            "hassakeh",
            "hasakeh",
            "hassake",
            "haseke",
            "hasake",
            "hassaka",
            "hasekeh",
            "hesice",
        ],
        "hasakah",
    ),
    **dict.fromkeys(["raqqa", "raqqah", "rakka", "rakkah", "raqa", "raka"], "raqqa"),
}

_APOSTROPHES = "'`´‘’ʿʾʼʻ′‛"
_APOS_RE = APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
#: "Ras al`Ain", "Ayn al'Arab": an article glued to the next word by an ʿayn/hamza mark. Only
#: after another word, so a first word such as "El'brus" (a Russian soft sign) stays whole.
_GLUED_ARTICLE_RE = re.compile(f"(?<=[\\s-])([ae]l)[{_APOSTROPHES}]+(?=[a-z])")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")
#: A possessive "'s" ending a word of three letters or more, which running text splits off as the
#: recogniser's tokeniser does: "People's Republic of China", "St. John's", "Martha's Vineyard".
_POSSESSIVE_RE = re.compile(f"(?<=\\w\\w\\w)[{_APOSTROPHES}][sS](?![\\w{_APOSTROPHES}])")
_DOUBLE_RE = re.compile(r"(.)\1+")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_ARABIC_MARKS_RE = re.compile(r"[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
    }
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_arabic(text: str) -> bool:
    """Whether the text contains Arabic-script letters."""
    return bool(_ARABIC_RE.search(text))


def clean(text: str) -> str:
    """Unicode-normalise (NFKC) and collapse whitespace; control characters become spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL_RE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """ASCII, lower case, no accents or apostrophes, punctuation as single spaces.

    >>> fold("Tall Abyaḑ")
    'tall abyad'
    >>> fold("Ra's al-'Ayn")
    'ras al ayn'
    >>> fold("Ras al`Ain")
    'ras al ain'
    """
    if has_arabic(name):
        return _arabic_key(name, drop_article=False)
    ascii_ = anyascii(unicodedata.normalize("NFKC", name)).lower()
    ascii_ = _GLUED_ARTICLE_RE.sub(r"\1 ", ascii_)
    ascii_ = _APOS_RE.sub("", ascii_)
    return " ".join(_NON_ALNUM_RE.sub(" ", ascii_).split())


@lru_cache(maxsize=400_000)
def token_key(token: str) -> str:
    """The canonical form of one already-folded token (no spaces), article handling excluded.

    >>> token_key("dayr"), token_key("zawr"), token_key("raqqah"), token_key("qamishli")
    ('deir', 'zor', 'raqqa', 'kamishli')
    """
    family = SPELLING_FAMILIES.get(token)
    if family is not None:
        return family
    if token.isdigit():
        return token
    out = token.replace("q", "k").replace("ou", "u")
    out = _DOUBLE_RE.sub(r"\1", out)
    if len(out) >= 5 and out.endswith("h") and out[-2] in "aeiou":
        out = out[:-1]
    return out


#: Tokens left out of keys when another token follows: Arabic articles and English "the"
#: ("Democratic Republic of Congo" = "Democratic Republic of the Congo").
DROPPABLE = ARTICLES | {"the"}


def key_tokens(folded: str) -> list[str]:
    """Token keys of a folded name, with articles dropped when another token follows."""
    parts = folded.split()
    out: list[str] = []
    for i, part in enumerate(parts):
        if part in DROPPABLE and i + 1 < len(parts):
            continue
        out.append(token_key(part))
    return out


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The lookup key: fold, drop Arabic articles, merge spelling families, phonetic fold.

    >>> name_key("al-Hol") == name_key("El Hol") == name_key("Hol")
    True
    >>> name_key("دير الزور") == name_key("دير الزّور")
    True
    """
    if has_arabic(name):
        return _arabic_key(name, drop_article=True)
    name = _POSSESSIVE_RE.sub("", name)
    return " ".join(key_tokens(fold(name)))


def _arabic_key(name: str, *, drop_article: bool) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = _ARABIC_MARKS_RE.sub("", text).translate(_ARABIC_FOLD)
    words = re.split(r"[\s\-_.,،]+", text.strip())
    out = []
    for word in words:
        if not word:
            continue
        if drop_article and word.startswith("ال") and len(word) > 3:
            word = word[2:]
        out.append(word)
    return " ".join(out)
