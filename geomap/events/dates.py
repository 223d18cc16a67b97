"""Event dates: date expressions in a sentence, resolved against the publication date.

Every expression becomes an ISO string at the precision the text supports plus a precision name:

=====================================  =================================  ============
text (published Thursday 2019-10-10)   value                              precision
=====================================  =================================  ============
"on Monday", "Monday night"            ``2019-10-07`` (most recent Monday  day
                                       on or before publication)
"last Monday"                          most recent Monday *before*        day
                                       publication
"yesterday", "today", "overnight"      ``2019-10-09``, ``2019-10-10``      day
"Oct. 9", "9 October", "Sept. 8"       most recent such day not after     day
                                       publication (the year before if
                                       needed)
"on Oct. 9, 2019", "9 October 2019"    ``2019-10-09`` (no publication     day
                                       date needed)
"this week" / "last week"              Monday of that week                week
"over the weekend", "last weekend"     its Saturday                       week
"in March", "last month"               ``2019-03``, ``2019-09``           month
"March 2019"                           ``2019-03``                        month
"in 2014", "earlier this year",        ``2014``, ``2019``, ``2018``       year
"last year"
=====================================  =================================  ============

Rules: a report is about the past, so a resolved date is never after the publication date (an
explicit date after it is ignored, as a plan or a forecast); without a publication date only
expressions that carry their year resolve; impossible dates ("Feb. 30") are not dates. When a
sentence has several expressions, the one nearest the event trigger wins.

When a sentence has no date expression, :func:`fallback_date` gives what ACLED does with an undated
report: the publication date, coded with the coarser precision ``week`` (the event happened in the
days up to the report), and the event's confidence is lowered.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "PRECISIONS",
    "DateExpression",
    "date_next_to",
    "fallback_date",
    "find_dates",
    "resolve_event_date",
]

#: Precision names from finest to coarsest.
PRECISIONS = ("day", "week", "month", "year")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_MONTH_RX = (
    r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY_RX = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RX = r"(?P<{g}>(?:19|20)\d\d)"


# Month names are matched case-sensitively (capitalised) so "may" and "march" as verbs stay out.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ),
    (
        "month_day",  # Oct. 9, 2019 / October 9 / Sept. 8th
        re.compile(
            r"\b"
            + _MONTH_RX.format(g="mon")
            + r"\s+"
            + _DAY_RX.format(g="day")
            + r"(?!\d)(?:,?\s+"
            + _YEAR_RX.format(g="year")
            + r")?(?![\d:])"
        ),
    ),
    (
        "day_month",  # 9 October 2019 / 9 Oct
        re.compile(
            r"\b"
            + _DAY_RX.format(g="day")
            + r"\s+(?:of\s+)?"
            + _MONTH_RX.format(g="mon")
            + r"(?:,?\s+"
            + _YEAR_RX.format(g="year")
            + r")?(?![\w])"
        ),
    ),
    (
        "month_year",  # March 2019 / in March, 2019
        re.compile(
            r"\b" + _MONTH_RX.format(g="mon") + r",?\s+" + _YEAR_RX.format(g="year") + r"\b"
        ),
    ),
    (
        "in_month",  # in March / last August / early October / since June
        re.compile(
            r"\b(?P<pre>[Ii]n|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?|[Dd]uring|[Tt]his|[Ss]ince|"
            r"[Bb]y|[Ee]nd\s+of|[Bb]eginning\s+of|[Ss]tart\s+of)\s*(?:early\s+|late\s+|mid-?)?"
            r"(?P<mon>January|February|March|April|May|June|July|August|September|October|"
            r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?![\w])"
        ),
    ),
    (
        "weekday",  # on Monday / Monday night / last Monday
        re.compile(
            r"\b(?:(?P<last>[Ll]ast|[Pp]revious|[Tt]his\s+past)\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
        ),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|overnight|"
            r"this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today|last\s+night)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative_week",
        re.compile(
            r"\b(?P<rel>last\s+week|this\s+week|earlier\s+this\s+week|past\s+week|"
            r"previous\s+week)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekend",  # over the weekend / last weekend
        re.compile(
            r"\b(?P<rel>(?:over|at|during|on)\s+the\s+weekend|this\s+(?:past\s+)?weekend|"
            r"last\s+weekend|(?:over|at)\s+the\s+week-end)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative_month",
        re.compile(
            r"\b(?P<rel>last\s+month|this\s+month|earlier\s+this\s+month|"
            r"previous\s+month|past\s+month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative_year",
        re.compile(
            r"\b(?P<rel>last\s+year|this\s+year|earlier\s+this\s+year|previous\s+year|"
            r"past\s+year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",  # in 2014 / in early 2014 / during 2018
        re.compile(
            r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout)\s+(?:(?:early|late|mid-?)\s*)?"
            + _YEAR_RX.format(g="year")
            + r"(?![\w,.]\d)\b"
        ),
    ),
]


_OTHER_CLAUSE_RE = re.compile(
    r"(?:after|before|following|since|until|ahead\s+of|days\s+after|weeks\s+after|prior\s+to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text and what it resolves to.

    ``value`` is an ISO string at ``precision`` (``2019-10-07``, ``2019-10``, ``2019``; week
    precision gives the Monday of the week) or None when it cannot be resolved (no publication date
    for a relative expression). ``start``/``end`` are offsets into the text searched.
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    explicit: bool = False


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_month_day(month: int, day: int, published: dt.date) -> dt.date | None:
    """The most recent (month, day) not after ``published`` (looking back up to 8 years for
    Feb. 29)."""
    for year in range(published.year, published.year - 9, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= published:
            return d
    return None


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _month_back(published: dt.date, months: int) -> tuple[int, int]:
    total = published.year * 12 + published.month - 1 - months
    return total // 12, total % 12 + 1


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None
) -> tuple[str | None, str | None, bool] | None:
    """(value, precision, explicit), or None when the match is not a date."""
    if kind == "iso":
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is None or (published is not None and d > published):
            return None
        return d.isoformat(), "day", True
    if kind in ("month_day", "day_month"):
        month, day = _month_num(m["mon"]), int(m["day"])
        if not 1 <= day <= 31:
            return None
        if m["year"]:
            d = _safe_date(int(m["year"]), month, day)
            if d is None or (published is not None and d > published):
                return None
            return d.isoformat(), "day", True
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 is fine
            return None
        if published is None:
            return None, None, False
        d = _latest_month_day(month, day, published)
        return (d.isoformat() if d else None), ("day" if d else None), False
    if kind == "month_year":
        year, month = int(m["year"]), _month_num(m["mon"])
        if published is not None and (year, month) > (published.year, published.month):
            return None
        return f"{year:04d}-{month:02d}", "month", True
    if kind == "in_month":
        if m["pre"].lower() == "since":
            return None  # "since June" is a period, not the date of the event
        if m["mon"].lower().rstrip(".") == "may" and m["pre"].lower() in ("by",):
            return None
        month = _month_num(m["mon"])
        if published is None:
            return None, None, False
        year = published.year if month <= published.month else published.year - 1
        if m["pre"].lower() == "last" and month == published.month:
            year -= 1
        return f"{year:04d}-{month:02d}", "month", False
    if kind == "weekday":
        if published is None:
            return None, None, False
        wd = WEEKDAYS[m["wd"].lower()]
        back = (published.weekday() - wd) % 7
        if m["last"] and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat(), "day", False
    rel = re.sub(r"\s+", " ", m.groupdict().get("rel") or "").lower()
    if kind == "year":
        year = int(m["year"])
        if published is not None and year > published.year:
            return None
        return f"{year:04d}", "year", True
    if published is None:
        return None, None, False
    if kind == "relative_day":
        back = {"the day before yesterday": 2, "yesterday": 1, "last night": 1}.get(rel, 0)
        return (published - dt.timedelta(days=back)).isoformat(), "day", False
    if kind == "weekend":
        # the Saturday of the latest weekend up to publication (of the one before for "last
        # weekend" read on a weekend), at week precision: ACLED's first day, coarse time
        back = (published.weekday() - 5) % 7
        if rel.startswith("last") and published.weekday() >= 5:
            back += 7
        return (published - dt.timedelta(days=back)).isoformat(), "week", False
    if kind == "relative_week":
        monday = _monday(published)
        if rel in ("last week", "previous week", "past week"):
            monday -= dt.timedelta(days=7)
        return monday.isoformat(), "week", False
    if kind == "relative_month":
        back = 1 if rel in ("last month", "previous month", "past month") else 0
        year, month = _month_back(published, back)
        return f"{year:04d}-{month:02d}", "month", False
    if kind == "relative_year":
        back = 1 if rel in ("last year", "previous year", "past year") else 0
        return f"{published.year - back:04d}", "year", False
    raise AssertionError(kind)  # pragma: no cover


def find_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None
) -> list[DateExpression]:
    """Date expressions in ``text[start:end]``, resolved; offsets index ``text``.

    Expressions that are not dates ("Feb. 30", a date after publication) are left out;
    relative expressions without a publication date are kept with ``value`` None.

    >>> pub = dt.date(2019, 10, 10)  # a Thursday
    >>> [(d.text, d.value, d.precision) for d in find_dates("Jets struck on Monday.", pub)]
    [('Monday', '2019-10-07', 'day')]
    >>> [(d.text, d.value) for d in find_dates("Shelling on Feb. 30 and on Oct. 9, 2019.", pub)]
    [('Oct. 9, 2019', '2019-10-09')]
    """
    end = len(text) if end is None else end
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if kind in ("in_month", "year"):  # report only the date words, not "in"
                s = m.start("mon") if kind == "in_month" else m.start("year")
            if any(s < te and e > ts for ts, te in taken):
                continue
            resolved = _resolve(kind, m, published)
            taken.append((s, e))  # even a non-date ("Feb. 30") hides shorter readings inside it
            if resolved is None:
                continue
            value, precision, explicit = resolved
            found.append(DateExpression(s, e, text[s:e], value, precision, explicit))
    found.sort(key=lambda d: d.start)
    return found


def fallback_date(published: dt.date | None) -> tuple[str | None, str | None]:
    """The date of an event whose sentence has no date expression (publication date, week)."""
    if published is None:
        return None, None
    return published.isoformat(), "week"


def resolve_event_date(
    text: str,
    sentence: tuple[int, int],
    published: dt.date | None,
    *,
    anchor: int | None = None,
    dates: Sequence[DateExpression] | None = None,
) -> tuple[DateExpression | None, str | None, str | None]:
    """The date of an event in ``text[sentence[0]:sentence[1]]``.

    Returns the chosen expression (None when the fallback was used), the ISO value and the
    precision. The expression nearest ``anchor`` (the trigger offset) wins, except one in a leading
    clause that dates something else ("After talks on Monday, jets struck ... on Wednesday");
    expressions that could not be resolved are skipped. ``dates`` are the sentence's expressions
    when already found.
    """
    if dates is None:
        dates = find_dates(text, published, *sentence)
    exprs = [d for d in dates if d.value is not None]
    if exprs:
        pos = sentence[0] if anchor is None else anchor

        def rank(d: DateExpression) -> tuple[int, int, int]:
            # a date in a leading "after talks on Monday, ..." clause dates something else
            head = text[sentence[0] : d.start] if d.end <= pos else ""
            clause = re.split(r"[,;:]", head)[-1] if head else ""
            other = bool(head) and bool(_OTHER_CLAUSE_RE.match(clause.lstrip()))
            return (int(other), min(abs(d.start - pos), abs(d.end - pos)), d.start)

        best = min(exprs, key=rank)
        return best, best.value, best.precision
    if published is None:
        # a relative date without a publication date: unknown, but say nothing false
        return None, None, None
    value, precision = fallback_date(published)
    return None, value, precision


#: The words that lead a date expression, both optional here: "early" / "late", then the
#: preposition ("on Monday", "in March", "early on Oct. 9", "early Tuesday").
DATE_EARLY = r"(?:(?:early|late)\s+)"
DATE_PREPOSITION = r"(?:on|in|during)"
#: What may stand between a place and its own date: "Tal Abyad on Tuesday", "in Kobani, on Oct. 14".
_OWN_DATE_AFTER_RE = re.compile(rf"\s*,?\s*{DATE_EARLY}?{DATE_PREPOSITION}?\s*", re.I)
#: A strike said again with a verb that is no trigger of another kind, with or without its
#: subject: "struck X and then hit Y", "on Tuesday they hit Y".
RESTATED_STRIKE = (
    r"(?:(?:they|it)\s+)?(?:hit|struck|targeted|pounded|bombed|hitting|striking|targeting"
    r"|pounding|bombing)"
)
#: ... or between a date and its place: "on Tuesday in Tal Abyad", "on Tuesday they hit Y".
_OWN_DATE_BEFORE_RE = re.compile(
    rf"\s*,?\s*(?:{RESTATED_STRIKE}\s+)?(?:in|at|near|around|outside)?\s*(?:the\s+)?", re.I
)


def date_next_to(
    text: str, dates: Sequence[DateExpression], start: int, end: int
) -> DateExpression | None:
    """The date written right after (or else right before) the name at ``text[start:end]``.

    >>> pub = dt.date(2019, 10, 17)
    >>> text = "Jets struck Ras al-Ain on Monday and Tal Abyad on Tuesday."
    >>> date_next_to(text, find_dates(text, pub), 37, 46).value  # Tal Abyad
    '2019-10-15'
    """
    for d in dates:
        if d.start >= end and _OWN_DATE_AFTER_RE.fullmatch(text, end, d.start):
            return d
    for d in reversed(dates):
        if d.end <= start and _OWN_DATE_BEFORE_RE.fullmatch(text, d.end, start):
            return d
    return None


def days_in_month(year: int, month: int) -> int:
    """Number of days in a month (helper for exporters that need a full date)."""
    return calendar.monthrange(year, month)[1]
