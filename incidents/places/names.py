"""Folding of place names: the one way names are compared, for the gazetteer and the governorates.

What goes in and out (pure functions, no files):

* ``fold(text)``: the same text in plain ASCII letters ("Tall ‘Afar" -> "Tall Afar");
* ``words(name)``: its words, folded and lower case ("Salah ad-Din" -> ["salah", "ad", "din"]);
* ``key(name)``: the matching key, the words joined ("salahaddin"); two spellings match when
  their keys are equal, so case, hyphens, apostrophes and spaces never matter;
* ``breaks(name)``: where the key has word breaks ("Tal Afar" -> {3});
* ``bare_key(name, drop=...)``: the key without the words of ``drop`` ("Kirkuk Governorate")
  and without a leading Arabic article ("Al Anbar", "An-Najaf"), each only when another word
  remains;
* ``fold_word(token)``: one word folded and lower-cased (cached: the gazetteer folds every word
  of every article).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic articles that may be dropped: "al-"/"al "/"el-" always, the assimilated ones ("ad-",
# "an-", "ash-", ...) where the gazetteer says so (written with a hyphen).
ARTICLES: frozenset[str] = frozenset({"al", "el"})
SUN_ARTICLES: frozenset[str] = frozenset({
    "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "et", "ez",
})

WORD = re.compile(r"[^\W\d_]+")

_EXTRA_FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "‘": "", "’": "", "ʿ": "", "ʾ": "", "`": "", "'": "", "ʼ": "", "ʻ": "",
})


def fold(text: str) -> str:
    """Text in, the same text in plain ASCII letters out: accents and Arabic ayn/hamza marks dropped.

    "Tall ‘Afar" -> "Tall Afar", "Ţūz Khūrmātū" -> "Tuz Khurmatu", "Qeładizê" -> "Qeladize".
    """
    text = text.translate(_EXTRA_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(name: str) -> list[str]:
    """A name in, its words out: folded, lower case, letters only ("Salah ad-Din" -> salah, ad, din)."""
    return WORD.findall(fold(name).lower())


def key(name: str) -> str:
    """A name in, its matching key out: folded, lower case, letters only ("Salah ad-Din" -> "salahaddin")."""
    return "".join(words(name))


def breaks(name: str) -> frozenset[int]:
    """Where a name's key has word breaks: "Tal Afar" -> {3}, "Talafar" -> {}, "Salah ad-Din" -> {5, 7}."""
    found = words(name)
    return frozenset(sum(len(w) for w in found[:n]) for n in range(1, len(found)))


def is_article(word: str) -> bool:
    """Is a folded word an Arabic article ("al", "el", "ad", "ash", ...)?"""
    return word in ARTICLES or word in SUN_ARTICLES


def bare_key(name: str, drop: frozenset[str] = frozenset()) -> str:
    """The key of a name without the words in ``drop`` and then without a leading article, each
    dropped only when another word remains: "Al Anbar" -> "anbar", and with drop={"governorate"}
    "Kirkuk Governorate" -> "kirkuk"; "Al" stays "al", "Governorate" stays "governorate"."""
    found = words(name)
    kept = [w for w in found if w not in drop]
    if kept and len(kept) < len(found):
        found = kept
    if len(found) > 1 and is_article(found[0]):
        found = found[1:]
    return "".join(found)


@lru_cache(maxsize=65536)
def fold_word(token: str) -> str:
    """One word of a text (letters only) in, folded and lower case out ("Ţūz" -> "tuz")."""
    return token.lower() if token.isascii() else fold(token).lower()


def skeleton(name_key: str) -> str:
    """A name's key in, its transliteration skeleton out: the first letter, then the consonants with doubled letters
    run together, y and w read as the vowels they often stand for, and a final h (the ta marbuta) dropped
    ("musayab" and "musayyib" -> "msb", "mteibijah" and "mutaybija" -> "mtbj"). Two spellings of one Arabic name
    often differ only so; callers still need the skeleton to name one place only."""
    if not name_key:
        return ""
    out = [name_key[0]]
    for ch in name_key[1:]:
        if ch in "aeiouyw" or ch == out[-1]:
            continue
        out.append(ch)
    if len(out) > 1 and out[-1] == "h":
        out.pop()
    return "".join(out)
