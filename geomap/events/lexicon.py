"""Trigger and actor lexicons: tab-separated data files a user can extend.

Two files ship in ``geomap/events/data``:

``triggers.tsv``
    ``pattern, event_type, sub_event_type, notes`` — the words that signal an event and its ACLED
    type. A sub-event type starting with ``@`` is resolved at run time (``@territory``: government
    regains / non-state actor overtakes territory, decided from the actor; ``@ignore``: a stop
    pattern that hides a shorter trigger, e.g. "executive" inside ``execut*``).
``actors.tsv``
    ``name, aliases, actor_type, country`` — the groups that act in events; aliases are patterns
    separated by ``|`` (a ``|`` inside parentheses belongs to a ``re:`` pattern).

Pattern syntax (both files): plain words or phrases, matched case-insensitively on word
boundaries, any run of whitespace between words; a trailing ``*`` on a word matches any ending
(``shell*``); ``re:`` introduces a Python regular expression (case-insensitive). In the actor file a
pattern written in capitals only ("IS", "SDF", "U.S. troops" is not) is matched case-sensitively, so
"IS" never matches "is".

A trigger file may name a piece of regular expression once and use it in several ``re:``
patterns: ``define:CRIME<TAB>burglar\\w*|theft|robber\\w*`` makes ``{CRIME}`` stand for it in
the patterns of every file. The built-in file defines ``CRIME`` (ordinary crimes, whose arrests
are no ACLED events) and ``ARREST``; a user file extends one with
``define:CRIME<TAB>{CRIME}|poaching``.

Users extend the lexicons with files of the same format: pass them to
:func:`load_triggers` / :func:`load_actors` (or ``--triggers`` / ``--actors`` on the command
line), or put ``triggers.tsv`` / ``actors.tsv`` in the geomap home directory; they are read after
the built-in files and win ties against them. Lines starting with ``#`` and blank lines are
ignored; a malformed line raises :class:`~geomap.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import InputError

__all__ = [
    "ACLED_TYPES",
    "ActorEntry",
    "Lexicon",
    "LexiconMatch",
    "TriggerEntry",
    "compile_pattern",
    "load_actors",
    "load_triggers",
]

#: ACLED event types and their sub-event types (the values a trigger may use).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SPECIAL_SUB_TYPES = frozenset({"@territory", "@ignore"})
ACTOR_TYPES = frozenset(
    {
        "state",
        "rebel",
        "militia",
        "political",
        "external",
        "civilians",
        "protesters",
        "rioters",
        "unidentified",
        "other",
    }
)


#: The word a pattern starts with, and the words of a text where a pattern may start.
_LEAD_WORD_RE = re.compile(r"\w+")
_WORD_START_RE = re.compile(r"\b\w+")
#: A ``re:`` pattern that starts at a word boundary with a word or a group of words: its
#: leading letters index it like a word pattern (``\b(?:killed|shot)\s+...``).
_RE_LEAD_RE = re.compile(r"re:\\b")


def _top_level_alternatives(body: str) -> list[str]:
    """A regular expression split at its ``|`` outside every group."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            end = body.find("]", i + 2)
            i = len(body) if end < 0 else end + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    return parts


def _regex_prefixes(pattern: str) -> list[str] | None:
    r"""The letters each match of a ``re:`` pattern must start with, or None when they cannot be
    read off simply (then the pattern is run over the whole text).

    >>> _regex_prefixes(r"re:\b(?:warplanes?|jets?)\s+struck")
    ['warplane', 'jet']
    >>> _regex_prefixes(r"re:\bexchang\w*\s+of"), _regex_prefixes(r"re:^\s*Defusal\s*:")
    (['exchang'], None)
    >>> _regex_prefixes(r"re:\b(?:(?:drunk|drink)[-\s]driving|DUI)")
    ['drunk', 'drink', 'dui']
    >>> _regex_prefixes(r"re:\b(?:(?<!vote )fraud|\d+-day)\s+")[:3]
    ['fraud', '0', '1']
    >>> _regex_prefixes(r"re:\b(?:now\s+)?(?:shelters?|hosts?)\s+")
    ['now', 'shelter', 'host']
    >>> _regex_prefixes(r"re:\b(?:\w+-day)\s+")
    >>> _regex_prefixes(r"re:\bmobili[sz]\w*|\bmobile\b")
    ['mobili', 'mobile']
    >>> _regex_prefixes(r"re:\bmobili[sz]\w*|^Mobile")
    """
    if not _RE_LEAD_RE.match(pattern):
        return None
    body = pattern[len("re:\\b") :]
    top = _top_level_alternatives(pattern[len("re:") :])
    if len(top) > 1:
        # "\bmobili[sz]\w*|\bmobile\b": the prefixes of every alternative, each read alone
        out: list[str] = []
        for alt in top:
            prefixes = _regex_prefixes("re:" + alt)
            if prefixes is None:
                return None
            out += prefixes
        return out
    if body.startswith("(?:"):
        depth, alts, cur, i = 1, [], "", 3
        while i < len(body):
            ch = body[i]
            if ch == "\\":
                cur += body[i : i + 2]
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    alts.append(cur)
                    break
            elif ch == "|" and depth == 1:
                alts.append(cur)
                cur = ""
                i += 1
                continue
            cur += ch
            i += 1
        else:
            return None
        after = body[i + 1 : i + 2]
        if after == "{":
            return None
        if after in ("?", "*"):
            # "(?:now\s+)?(?:shelters?|hosts?)": the group's words, or what follows it
            rest = _regex_prefixes("re:\\b" + body[i + 2 :])
            if rest is None:
                return None
            found = _alternatives_prefixes(alts)
            return None if found is None else found + rest
    else:
        alts = [body]
    return _alternatives_prefixes(alts)


def _alternatives_prefixes(alts: list[str]) -> list[str] | None:
    """The leading letters of each alternative of a group (None when one has none)."""
    out: list[str] = []
    for alt in alts:
        while alt.startswith(("(?<!", "(?<=")):
            # "(?<!election )fraud": a look-behind reads no letters of the match
            close = alt.find(")")
            if close < 0:
                return None
            alt = alt[close + 1 :]
        if alt.startswith("(?:"):
            inner = _regex_prefixes("re:\\b" + alt)  # "(?:drunk|drink)[-\s]driving"
            if inner is None:
                return None
            out += inner
            continue
        if alt.startswith("\\d"):
            out += list("0123456789")  # "\d+-day"
            continue
        lead = re.match(r"[A-Za-z]+", alt)
        if lead is None:
            return None
        word = lead.group()
        if alt[lead.end() : lead.end() + 1] in ("?", "*", "{"):
            word = word[:-1]  # "warplanes?": the "s" may be missing
        if not word:
            return None
        out.append(word.lower())
    return out


def compile_pattern(pattern: str, *, acronym_case: bool = False) -> re.Pattern[str]:
    """Compile one lexicon pattern to a regular expression.

    Parameters
    ----------
    pattern
        Words (``air strike``), words with a trailing ``*`` (``shell*``), or ``re:<regex>``.
    acronym_case
        Match an all-capitals pattern case-sensitively (used for actor aliases).

    >>> bool(compile_pattern("shell*").search("Turkish artillery shelled the town"))
    True
    >>> compile_pattern("air strike").search("an  Air\\nStrike hit").group()
    'Air\\nStrike'
    >>> bool(compile_pattern("IS", acronym_case=True).search("it is late"))
    False
    """
    if pattern.startswith("re:"):
        try:
            return re.compile(pattern[3:], re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"bad regular expression {pattern[3:]!r}: {exc}") from exc
    words = pattern.split()
    if not words:
        raise InputError("empty pattern")
    parts = []
    for word in words:
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w'’-]*")
        else:
            parts.append(re.escape(word))
    body = r"\s+".join(parts)
    regex = rf"(?<![\w-]){body}(?!\w)"
    sensitive = acronym_case and re.search(r"[A-Z]", pattern) and not re.search(r"[a-z]", pattern)
    return re.compile(regex, 0 if sensitive else re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One trigger pattern and the event type it signals."""

    pattern: str
    event_type: str
    sub_event_type: str
    notes: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor and one of its alias patterns."""

    name: str
    pattern: str
    actor_type: str
    country: str = ""
    origin: str = ""
    acled: str = ""  # ACLED's name for the actor: a template, see actors.acled_actor_name
    #: The gazetteer place id of where the actor fights ("Operation Peace Spring": the safe
    #: zone): an event of it that the text places nowhere is there.
    theatre: str = ""


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """A lexicon pattern found in text: ``text[start:end]`` is what matched."""

    start: int
    end: int
    text: str
    entry: TriggerEntry | ActorEntry


class Lexicon:
    """Compiled patterns searched together; overlapping matches resolve to the longest.

    Parameters
    ----------
    entries
        Trigger or actor entries, in priority order (earlier wins a tie).
    """

    def __init__(self, entries: Sequence[TriggerEntry | ActorEntry]) -> None:
        self.entries = list(entries)
        self._compiled = [
            compile_pattern(e.pattern, acronym_case=isinstance(e, ActorEntry)) for e in self.entries
        ]
        # Patterns by their first word (or its prefix, for "shell*"): each is tried only where a
        # word that can start it starts. ``re:`` patterns are run over the whole text.
        self._by_word: dict[str, list[int]] = {}
        self._by_prefix: dict[str, list[int]] = {}
        self._anywhere: list[int] = []
        # ``re:`` patterns indexed by their leading letters, tried at every word boundary (also
        # after a hyphen, as ``\b`` allows: "anti-Houthi")
        self._re_by_prefix: dict[str, list[int]] = {}
        for rank, entry in enumerate(self.entries):
            if entry.pattern.startswith("re:"):
                prefixes = _regex_prefixes(entry.pattern)
                if prefixes is None:
                    self._anywhere.append(rank)
                else:
                    for prefix in dict.fromkeys(prefixes):
                        self._re_by_prefix.setdefault(prefix, []).append(rank)
                continue
            first = entry.pattern.split()[0]
            lead = _LEAD_WORD_RE.match(first.rstrip("*"))
            if lead is None:
                self._anywhere.append(rank)
            elif first.endswith("*") and lead.group() == first[:-1]:
                self._by_prefix.setdefault(lead.group().lower(), []).append(rank)
            else:
                self._by_word.setdefault(lead.group().lower(), []).append(rank)
        self._prefix_lengths = sorted({len(p) for p in self._by_prefix})
        self._re_prefix_lengths = sorted({len(p) for p in self._re_by_prefix})
        #: Patterns that may start at each word seen so far (memo for _ranks_for).
        self._word_ranks: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        #: The last text searched whole and every pattern's matches in it, by start offset.
        self._last: tuple[str, list[tuple[int, int, int]], list[int]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def state_actor(self, country: str) -> str | None:
        """The name of the first state actor of a country ("SY" → "Syrian government forces")
        among the entries (a user's own entries come first), or None."""
        for e in self.entries:
            if isinstance(e, ActorEntry) and e.actor_type == "state" and e.country == country:
                return e.name
        return None

    def _ranks_for(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The patterns that may start at ``word`` (lower case): at a word's start, and after a
        hyphen inside a word (``re:`` patterns only, as ``\\b`` allows)."""
        regex: list[int] = []
        for k in self._re_prefix_lengths:
            if k > len(word):
                break
            regex += self._re_by_prefix.get(word[:k], ())
        plain = list(self._by_word.get(word, ()))
        for k in self._prefix_lengths:
            if k > len(word):
                break
            plain += self._by_prefix.get(word[:k], ())
        return tuple(regex + plain), tuple(regex)

    def _all_matches(self, text: str) -> tuple[list[tuple[int, int, int]], list[int]]:
        """(start, end, rank) of every pattern's matches in the whole text, and their starts.

        A document is searched once and each sentence then takes its share; a word pattern is
        tried only at the words it can start with, so the cost does not grow with the lexicon.
        """
        last = self._last
        if last is not None and last[0] is text:
            return last[1], last[2]
        compiled = self._compiled
        found = [
            (m.start(), m.end(), rank)
            for rank in self._anywhere
            for m in compiled[rank].finditer(text)
            if m.end() > m.start()
        ]
        memo = self._word_ranks
        for w in _WORD_START_RE.finditer(text):
            word = w.group().lower()
            known = memo.get(word)
            if known is None:
                if len(memo) > 200_000:  # a corpus's vocabulary; bound it all the same
                    memo.clear()
                known = memo[word] = self._ranks_for(word)
            after_word, anywhere_ranks = known
            at = w.start()
            if at and (text[at - 1] == "-" or text[at - 1].isalnum() or text[at - 1] == "_"):
                ranks = anywhere_ranks  # a word pattern starts a word, not what follows a hyphen
            else:
                ranks = after_word
            for rank in ranks:
                m = compiled[rank].match(text, w.start())
                if m is not None and m.end() > m.start():
                    found.append((m.start(), m.end(), rank))
        found.sort()
        starts = [f[0] for f in found]
        self._last = (text, found, starts)
        return found, starts

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[LexiconMatch]:
        """Non-overlapping matches in ``text[start:end]`` (offsets into ``text``), in order."""
        end = len(text) if end is None else end
        everything, starts = self._all_matches(text)
        found = [
            f
            for f in everything[bisect_left(starts, start) : bisect_left(starts, end)]
            if f[1] <= end
        ]
        # longest first, then earliest line, then leftmost
        found.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
        # the taken spans stay sorted and apart: a new one can only overlap its two neighbours
        taken: list[tuple[int, int, int]] = []
        for s, e, rank in found:
            i = bisect_left(taken, (s,))
            if i > 0 and taken[i - 1][1] > s:
                continue
            if i < len(taken) and taken[i][0] < e:
                continue
            insort(taken, (s, e, rank))
        return [LexiconMatch(s, e, text[s:e], self.entries[rank]) for s, e, rank in taken]


def split_aliases(aliases: str) -> list[str]:
    r"""Split an alias list on ``|`` outside parentheses.

    >>> split_aliases("SDF|re:Y(?:PG|PJ)|Kurdish forces")
    ['SDF', 're:Y(?:PG|PJ)', 'Kurdish forces']
    """
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in aliases:
        if ch == "|" and depth == 0:
            out.append("".join(cur))
            cur.clear()
            continue
        depth += (ch == "(") - (ch == ")")
        cur.append(ch)
    out.append("".join(cur))
    return [a.strip() for a in out if a.strip()]


def _data_lines(path: Path | None, builtin: str) -> Iterable[tuple[str, int, str]]:
    if path is None:
        source = f"geomap/events/data/{builtin}"
        text = resources.files("geomap.events").joinpath("data", builtin).read_text("utf-8")
    else:
        source = str(path)
        try:
            text = Path(path).read_text("utf-8")
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such lexicon file") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: lexicon files must be UTF-8 ({exc.reason})") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield source, lineno, line.rstrip("\r\n")


def _user_file(name: str) -> Path | None:
    from ..gazetteer.build import home_dir

    path = home_dir() / name
    return path if path.is_file() else None


def load_triggers(
    extra: Iterable[str | Path] = (), *, builtin: bool = True, user_home: bool = True
) -> Lexicon:
    """The trigger lexicon: the built-in file, ``$GEOMAP_HOME/triggers.tsv``, then ``extra``.

    Later files add patterns; a user pattern identical to a built-in one with another type takes
    precedence (it is listed first). ``{NAME}`` in a ``re:`` pattern is expanded once all files
    are read, so a user file that redefines a name (``define:CRIME<TAB>{CRIME}|poaching``)
    changes the built-in patterns that use it too.
    """
    paths: list[Path | None] = [None] if builtin else []
    if user_home and (user := _user_file("triggers.tsv")) is not None:
        paths.append(user)
    paths += [Path(p) for p in extra]
    rows: list[tuple[bool, str, list[str], str]] = []  # (built in, where, columns, line)
    defines: dict[str, str] = {}
    for path in paths:
        for source, lineno, line in _data_lines(path, "triggers.tsv"):
            cols = line.split("\t")
            if cols[0].startswith("define:"):
                _define(cols, defines, f"{source}:{lineno}")
            else:
                rows.append((path is None, f"{source}:{lineno}", cols, line))
    entries: list[TriggerEntry] = []
    user_entries: list[TriggerEntry] = []
    for is_builtin, where, cols, line in rows:
        if len(cols) < 3 or not all(c.strip() for c in cols[:3]):
            raise InputError(
                f"{where}: expected 'pattern<TAB>event_type<TAB>sub_event_type"
                f"[<TAB>notes]', got {line[:80]!r}"
            )
        pattern, etype, sub = (c.strip() for c in cols[:3])
        if pattern.startswith("re:"):
            pattern = _expand(pattern, defines, where)
        if etype not in ACLED_TYPES:
            raise InputError(
                f"{where}: unknown event_type {etype!r}; expected one of {', '.join(ACLED_TYPES)}"
            )
        if sub not in ACLED_TYPES[etype] and sub not in SPECIAL_SUB_TYPES:
            raise InputError(
                f"{where}: unknown sub_event_type {sub!r} for {etype!r}; expected "
                f"one of {', '.join(ACLED_TYPES[etype])}"
            )
        try:
            compile_pattern(pattern)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from exc
        notes = cols[3].strip() if len(cols) > 3 else ""
        entry = TriggerEntry(pattern, etype, sub, notes, where)
        (entries if is_builtin else user_entries).append(entry)
    return Lexicon(user_entries + entries)  # user lines first: they win ties


_DEFINED_NAME = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def _define(cols: list[str], defines: dict[str, str], where: str) -> None:
    """Read a ``define:NAME<TAB>regex`` line: later ``re:`` patterns may write ``{NAME}``."""
    name = cols[0][len("define:") :].strip()
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name) or len(cols) < 2 or not cols[1].strip():
        raise InputError(
            f"{where}: expected 'define:NAME<TAB>regular expression' with NAME in capitals, "
            f"got {cols[0][:40]!r}"
        )
    body = _expand(cols[1].strip(), defines, where)
    try:
        re.compile(body)
    except re.error as exc:
        raise InputError(f"{where}: bad regular expression for {name}: {exc}") from exc
    defines[name] = body


def _expand(pattern: str, defines: dict[str, str], where: str) -> str:
    """``pattern`` with each ``{NAME}`` replaced by its definition, as a non-capturing group."""

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in defines:
            known = ", ".join(sorted(defines)) or "none"
            raise InputError(f"{where}: {{{m.group(1)}}} is not defined (defined: {known})")
        return f"(?:{defines[m.group(1)]})"

    return _DEFINED_NAME.sub(sub, pattern)


def load_actors(
    extra: Iterable[str | Path] = (), *, builtin: bool = True, user_home: bool = True
) -> Lexicon:
    """The actor lexicon: the built-in file, ``$GEOMAP_HOME/actors.tsv``, then ``extra``."""
    paths: list[Path | None] = [None] if builtin else []
    if user_home and (user := _user_file("actors.tsv")) is not None:
        paths.append(user)
    paths += [Path(p) for p in extra]
    entries: list[ActorEntry] = []
    user_entries: list[ActorEntry] = []
    for path in paths:
        for source, lineno, line in _data_lines(path, "actors.tsv"):
            cols = line.split("\t")
            if len(cols) < 3 or not cols[0].strip() or not cols[2].strip():
                raise InputError(
                    f"{source}:{lineno}: expected 'name<TAB>aliases<TAB>actor_type"
                    f"[<TAB>country[<TAB>acled name[<TAB>theatre]]]', got {line[:80]!r}"
                )
            name, aliases, atype = cols[0].strip(), cols[1].strip(), cols[2].strip()
            if atype not in ACTOR_TYPES:
                raise InputError(
                    f"{source}:{lineno}: unknown actor_type {atype!r}; expected one of "
                    f"{', '.join(sorted(ACTOR_TYPES))}"
                )
            country = cols[3].strip().upper() if len(cols) > 3 else ""
            acled = cols[4].strip() if len(cols) > 4 else ""
            theatre = cols[5].strip() if len(cols) > 5 else ""
            target = entries if path is None else user_entries
            for alias in split_aliases(aliases or name):
                try:
                    compile_pattern(alias, acronym_case=True)
                except InputError as exc:
                    raise InputError(f"{source}:{lineno}: {exc}") from exc
                target.append(
                    ActorEntry(name, alias, atype, country, f"{source}:{lineno}", acled, theatre)
                )
    return Lexicon(user_entries + entries)
