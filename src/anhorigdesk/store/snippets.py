"""Why a carer matched a search: a few words around the first matching word of the text
that matched (the carer's record or one of their entries), for the search results.

The words are matched as the search index matches them (``Repository.search``: FTS5's
``unicode61`` with ``remove_diacritics 2``, every query word a prefix): case and diacritics
are ignored, so "asa" marks "Åsa". The snippet is made here rather than with FTS5's
``snippet()``: that function needs a MATCH cursor on the row, and a MATCH per shown carer
would build a prefix query's doclist once per carer; the texts of the (at most 50) shown
rows are read by rowid instead, and one regular expression finds the match in each (each
query letter a class of the letters that fold to it), so a snippet costs microseconds.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import islice

_WORD = re.compile(r"\w+", re.UNICODE)
#: words shown before the first match, and in all
BEFORE, WORDS = 1, 5
ELLIPSIS = "…"


def fold(text: str) -> str:
    """Case and diacritics removed, as the search index folds them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letter_classes() -> dict[str, str]:
    """Folded letter → every letter (Latin, with diacritics, either case) that folds to it."""
    found: dict[str, set[str]] = {}
    for code in range(0x250):  # Basic Latin to Latin Extended-B
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded.isalnum():
            found.setdefault(folded, {folded}).add(ch)
    return {k: "[" + re.escape("".join(sorted(v))) + "]" for k, v in found.items()}


_CLASSES = _letter_classes()


@functools.lru_cache(maxsize=4096)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in _WORD.findall(text))


class Matcher:
    """The words of one search and a pattern finding the first word that begins with one."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        parts = ["".join(_CLASSES.get(c, re.escape(c)) for c in w) for w in words]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") if parts else None

    @classmethod
    def of(cls, text: str) -> Matcher:
        return cls(list(_folded_words(text))[:12])

    def beyond(self, name: str) -> Matcher | None:
        """The words that begin no word of ``name`` (what a name does not explain), or None."""
        own = _folded_words(name or "")
        rest = [w for w in self.words if not any(o.startswith(w) for o in own)]
        return Matcher(rest) if rest else None

    def snippet(self, body: str | None) -> str:
        """A few words of ``body`` around its first word that begins with a query word, with
        "…" where text was left out ("" when no word of it matches)."""
        if not body or self.pattern is None:
            return ""
        hit = self.pattern.search(body)
        if hit is None:
            return ""
        before = [m.start() for m in _WORD.finditer(body, 0, hit.start())][-BEFORE:]
        start = before[0] if before else hit.start()
        after = list(islice(_WORD.finditer(body, hit.start()), WORDS - len(before)))
        end = after[-1].end() if after else hit.end()
        more_before = _WORD.search(body, 0, start) is not None
        more_after = _WORD.search(body, end) is not None
        if not more_after:
            end = len(body.rstrip())  # the closing full stop too
        text = " ".join(body[start:end].split())
        return (ELLIPSIS if more_before else "") + text + (ELLIPSIS if more_after else "")


def without_name(name: str, body: str | None) -> str:
    """A carer's indexed text without the name it begins with (``CARER_INDEX_SQL``)."""
    body = body or ""
    return body[len(name):] if name and body.startswith(name) else body
