"""Reading news documents from files, and splitting their text into sentences.

Supported inputs (chosen by file extension, case-insensitive):

``.txt``
    One document; its id is the file stem.
``.html`` / ``.htm``
    One document: the page's main text, found with trafilatura (navigation, header, footer,
    sidebars and comments dropped; see :func:`html_main_text`), its headline as the title and
    its publication date from an ``article:published_time`` meta tag or the page's other date
    markup. A page where no main text is found is read whole, as its visible text
    (:func:`html_to_text`). The id is the file stem.
``.jsonl``
    One JSON object per line with ``text`` and (optionally) ``id``, ``published`` (``YYYY-MM-DD`` or
    an ISO datetime), ``title``, ``url``, ``source``; any other field goes to ``Document.meta``.
    The publication date is the first of the fields :data:`DATE_FIELDS` (``published``,
    ``date``, ``published_at``, ``pubdate``, ``datetime``) that has a value.
``.json``
    A list of such objects, or one object.
``.csv``
    A header row with a ``text`` column and the same optional columns.

A directory stands for every supported file inside it (recursively, sorted by path; hidden files
are ignored, other files are reported as skipped).

Only regular files are read: a FIFO, a device (``/dev/zero``, ``/dev/null``) or a symbolic link to
one is skipped as "not a regular file" without being read, so an endless or blocking input never
stalls a run. A file or folder that cannot be read (no permission, an I/O error) is reported as
skipped ("cannot read: ...", "cannot list folder: ...") and the run goes on.

A document left without a publication date cannot anchor relative dates ("on Monday"), so its
events may stay undated. That is never silent: one warning per run (per :func:`iter_documents`
call, or per :func:`undated_documents` block such as a ``geomap`` command) says how many
documents have no date, names the first few, lists the fields looked for and suggests
``--published`` (``published=`` in Python).

Problems never stop a run: a record that cannot be used is *skipped* (:class:`Skipped`, with the
file, the line when known and the reason) and a record that was read with a caveat produces a
*warning* (:class:`ReadWarning`), e.g. a file that is not UTF-8 (decoded with a detected charset,
nothing lost) or a ``published`` value that is not a date (the document is kept with the
``published`` argument, ``None`` by default). Only a missing path or an unsupported extension given
explicitly raises :class:`~geomap.errors.InputError`.

JSON records (``.jsonl``, ``.json``) are bounded: a record nested more than
:data:`MAX_JSON_DEPTH` levels deep, or holding a lone surrogate (``"\\ud800"`` is valid JSON but
not Unicode text, and no writer could encode it) is a counted skip with its line number, so one
hostile record never stops a run. A JSONL file that starts with a UTF-16 byte-order mark is read as
UTF-16 (with a warning), line by line like UTF-8.

The text of a document is kept exactly as read (after decoding; a UTF-8 byte-order mark is
removed), so the offsets every later stage reports index into ``Document.text``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, Literal

from .errors import ConfigurationError, InputError
from .types import Document, as_date

__all__ = [
    "DATE_FIELDS",
    "SUPPORTED_EXTENSIONS",
    "Columns",
    "DocumentBatch",
    "ReadWarning",
    "Skipped",
    "UndatedDocuments",
    "as_documents",
    "html_main_text",
    "html_to_text",
    "input_files",
    "is_dataframe",
    "iter_documents",
    "json_record_problem",
    "jsonl_lines",
    "note_undated",
    "parse_date",
    "read_documents",
    "sentence_spans",
    "undated_documents",
]

log = logging.getLogger("geomap.documents")

#: File extensions read by :func:`read_documents`.
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv")
#: Record fields that map onto :class:`~geomap.types.Document` attributes (the rest go to meta).
KNOWN_FIELDS = frozenset({"id", "text", "published", "title", "url", "source"})
#: Record fields read as the publication date, in this order (the first with a value is used).
DATE_FIELDS = ("published", "date", "published_at", "pubdate", "datetime")
#: How many document ids the undated-documents warning names.
UNDATED_SHOWN = 3
#: Deepest nesting of objects and lists accepted in one JSON record (the record itself is level
#: 1); deeper records are skipped rather than exhausting the interpreter's recursion limit.
MAX_JSON_DEPTH = 100
#: Largest document text read (UTF-8 bytes): larger documents are counted skips, not read
#: (``--max-doc-bytes``; ``GEOMAP_MAX_DOC_BYTES`` for every command; 0: no limit). The cost of a
#: document is linear in its length (``bench/bench_scaling.py``: about 10-20 ms per KB for
#: events), so the default bounds one document's time to about two minutes.
MAX_DOC_BYTES = 5_000_000


def max_doc_bytes() -> int | None:
    """The document size limit: ``GEOMAP_MAX_DOC_BYTES`` when set (0: none), else
    :data:`MAX_DOC_BYTES`.

    Raises
    ------
    ConfigurationError
        The variable is not a whole number.
    """
    raw = os.environ.get("GEOMAP_MAX_DOC_BYTES", "").strip()
    if not raw:
        return MAX_DOC_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ConfigurationError(
            f"GEOMAP_MAX_DOC_BYTES={raw!r} is not a whole number of bytes"
        ) from None
    return value if value > 0 else None


def _too_large(text: str, limit: int | None) -> str | None:
    """Why a document's text is too large to read, or None."""
    if limit is None or 4 * len(text) <= limit:  # at most 4 bytes a character
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return f"document of {size:,} bytes, more than the limit of {limit:,} (--max-doc-bytes)"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that was not read, and why.

    ``line`` is the 1-based line number for JSONL and CSV records, ``None`` for whole files and
    for ``.json`` records (their reason names the record number instead).
    """

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """A document that was read with a caveat (it is kept)."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class DocumentBatch:
    """Documents read from some paths, plus what was skipped and what was read with a caveat."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)


PathLike = str | Path


@dataclass(frozen=True, slots=True)
class Columns:
    """Which record fields hold a document's text, publication date and id.

    They name JSONL/JSON keys, CSV columns (matched case-insensitively, as CSV headers are) and
    :class:`pandas.DataFrame` columns. ``published=None`` takes the first of
    :data:`DATE_FIELDS` that has a value; ``id=None`` takes ``id`` (a DataFrame without one: the
    row index).
    """

    text: str = "text"
    published: str | None = None
    id: str | None = None

    def date_fields(self) -> tuple[str, ...]:
        """The fields read as the publication date, in order."""
        return (self.published,) if self.published else DATE_FIELDS

    def lower(self) -> Columns:
        """The same names in lower case (for CSV headers, which are lower-cased when read)."""
        return Columns(
            self.text.lower(),
            self.published.lower() if self.published else None,
            self.id.lower() if self.id else None,
        )


@dataclass(slots=True)
class UndatedDocuments:
    """Documents read without a publication date, counted for one warning.

    >>> u = UndatedDocuments()
    >>> for i in range(5):
    ...     u.add(Document(f"d{i}", "text"))
    >>> print(u.message())  # doctest: +NORMALIZE_WHITESPACE
    5 documents have no publication date (d0, d1, d2, ...); looked for the fields published,
    date, published_at, pubdate, datetime (HTML: an article:published_time meta tag); their
    relative dates ("on Monday") stay undated. Give one with --published YYYY-MM-DD (published=
    in Python)
    """

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, doc: Document) -> None:
        """Count ``doc`` if it has no publication date."""
        if doc.published is None:
            self.count += 1
            if len(self.examples) < UNDATED_SHOWN:
                self.examples.append(doc.id)

    def message(self) -> str | None:
        """The warning, or None when every document had a date."""
        if not self.count:
            return None
        ids = ", ".join(self.examples) + (", ..." if self.count > len(self.examples) else "")
        have = "document has" if self.count == 1 else "documents have"
        return (
            f"{self.count} {have} no publication date ({ids}); looked for the fields "
            f"{', '.join(DATE_FIELDS)} (HTML: an article:published_time meta tag); their "
            'relative dates ("on Monday") stay undated. Give one with --published YYYY-MM-DD '
            "(published= in Python)"
        )


_UNDATED: ContextVar[UndatedDocuments | None] = ContextVar("geomap_undated", default=None)


@contextmanager
def undated_documents(report: Callable[[str], None] | None = None) -> Iterator[UndatedDocuments]:
    """Gather the documents read without a publication date in this block into one warning.

    Inside the block, :func:`iter_documents` (and :func:`read_documents`) add to it instead of
    warning on their own; at its end ``report`` gets the message (default: a logged warning),
    if any document had no date. A nested block joins the outer one. Every ``geomap`` command
    runs inside one, so a run warns once.
    """
    outer = _UNDATED.get()
    if outer is not None:
        yield outer
        return
    undated = UndatedDocuments()
    token = _UNDATED.set(undated)
    try:
        yield undated
    finally:
        _UNDATED.reset(token)
        message = undated.message()
        if message is not None:
            (report or log.warning)(message)


# -- dates -------------------------------------------------------------------------------------
_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` date given by a user (the CLI's ``--published``).

    >>> parse_date("2019-10-09")
    datetime.date(2019, 10, 9)
    >>> parse_date("2019-02-30")
    Traceback (most recent call last):
    ...
    geomap.errors.InputError: '2019-02-30' is not a date (expected YYYY-MM-DD)
    """
    text = value.strip() if isinstance(value, str) else ""
    if _ISO_DAY_RE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InputError(f"'{value}' is not a date (expected YYYY-MM-DD)")


def _record_date(value: object) -> dt.date | None:
    """A record's date value as a date (ISO day or ISO datetime), or None if it is not one."""
    try:
        return as_date(value)
    except InputError:
        return None


# -- decoding ----------------------------------------------------------------------------------
def _is_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes; return the text and, when it was not UTF-8, the encoding used."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if matches:
        # Among the equally plausible guesses prefer Windows-1252, the usual legacy encoding of
        # English and Western European news (charset-normalizer ranks e.g. cp1250 first for short
        # French text, which turns "è" into "č").
        least = min(m.chaos for m in matches)
        tied = [m.encoding for m in matches if m.chaos <= least]
        encoding = "cp1252" if "cp1252" in tied else tied[0]
        if encoding not in ("utf_8", "utf-8", "ascii"):
            try:
                return data.decode(encoding), encoding
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# -- HTML --------------------------------------------------------------------------------------
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "canvas", "math"}
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "caption",
        "address",
        "hr",
        "form",
        "fieldset",
        "details",
        "summary",
    }
)
_VOID_TAGS = frozenset(
    {
        "br",
        "hr",
        "img",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
        "param",
    }
)


class _TextExtractor(HTMLParser):
    """Collect visible text, the title and the published-time meta tag of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.published = ""
        self._skip: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "pubdate") and a.get("content"):
                self.published = self.published or a["content"]
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID_TAGS:
            if tag in ("br", "hr"):
                self.parts.append("\n")
            return
        if tag in _SKIP_TAGS:
            self._skip.append(tag)
        elif tag in _BLOCK_TAGS or tag in ("td", "th"):
            self.parts.append("\n\n" if tag in _BLOCK_TAGS else " ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" or tag in ("br", "hr"):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip:
            if tag in self._skip:
                # close the innermost open skipped element of this name (tolerates bad nesting)
                idx = len(self._skip) - 1 - self._skip[::-1].index(tag)
                del self._skip[idx:]
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, str]:
    """Visible text, title and ``article:published_time`` (or "") of an HTML page.

    Scripts, styles and comments are dropped, entities unescaped, runs of spaces collapsed and
    block elements turned into paragraph breaks.

    >>> html_to_text("<title>T &amp; U</title><p>Shelling&nbsp;hit <b>Tal Abyad</b>.<script>x=1"
    ...              "</script></p><p>Second.</p>")
    ('Shelling hit Tal Abyad.\\n\\nSecond.', 'T & U', '')
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\f\v\r\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = re.sub(r"\s+", " ", "".join(parser.title_parts).replace("\u00a0", " ")).strip()
    return text, title, parser.published.strip()


# -- records -----------------------------------------------------------------------------------
class _Sink:
    """Where a reader reports skips and warnings; it also carries the record columns to read."""

    def __init__(
        self,
        on_skip: Callable[[Skipped], None] | None,
        on_warning: Callable[[ReadWarning], None] | None,
        columns: Columns | None = None,
        max_bytes: int | None = None,
    ) -> None:
        self.on_skip = on_skip
        self.on_warning = on_warning
        self.columns = columns or Columns()
        self.max_bytes = max_bytes  # largest document text read (None: no limit)

    def skip(self, source: str, line: int | None, reason: str) -> None:
        if self.on_skip is not None:
            self.on_skip(Skipped(source, line, reason))

    def warn(self, source: str, line: int | None, message: str) -> None:
        if self.on_warning is not None:
            self.on_warning(ReadWarning(source, line, message))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def json_record_problem(value: Any, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why a parsed JSON value cannot be used as a record, or None if it can.

    Two things valid JSON may hold that geomap cannot use: nesting deeper than ``max_depth``
    and lone surrogates (``"\\ud800"``), which are not Unicode text. The walk is iterative, so
    it is itself safe on any depth.

    >>> json_record_problem({"text": "Tal Abyad", "meta": {"tags": ["a"]}}) is None
    True
    >>> json_record_problem({"meta": [[[1]]]}, max_depth=3)
    "nested more than 3 levels deep (in field 'meta')"
    >>> json_record_problem({"text": "a\ud800b"})
    "invalid Unicode: a lone surrogate U+D800 (in field 'text')"
    """
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        item, depth, top = stack.pop()
        if isinstance(item, str):
            bad = _SURROGATE_RE.search(item)
            if bad is not None:
                where = f" (in field {top!r})" if top else ""
                return f"invalid Unicode: a lone surrogate U+{ord(bad.group()):04X}{where}"
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > max_depth:
            where = f" (in field {top!r})" if top else ""
            return f"nested more than {max_depth} levels deep{where}"
        if isinstance(item, dict):
            for key, child in item.items():
                field_name = top or key
                stack.append((key, depth, field_name))
                stack.append((child, depth + 1, field_name))
        else:
            stack.extend((child, depth + 1, top) for child in item)
    return None


def _loads(text: str) -> Any:
    """``json.loads`` that reports nesting beyond the recursion limit as a ValueError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep") from None


def _str_or_empty(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _record_to_document(
    record: Mapping[str, Any],
    *,
    source: str,
    line: int | None,
    default_id: str,
    published: dt.date | None,
    sink: _Sink,
    where: str = "",
) -> Document | None:
    """Turn one JSON/CSV record into a Document, or report why it is skipped."""
    prefix = f"{where}: " if where else ""
    columns = sink.columns
    problem = json_record_problem(record)
    if problem is not None:
        sink.skip(source, line, f"{prefix}{problem}")
        return None
    if columns.text not in record or record[columns.text] is None:
        named = "" if columns.text == "text" else f" {columns.text!r}"
        sink.skip(source, line, f"{prefix}missing text field{named}")
        return None
    text = record[columns.text]
    if not isinstance(text, str):
        sink.skip(source, line, f"{prefix}text field is {type(text).__name__}, not a string")
        return None
    if not text.strip():
        sink.skip(source, line, f"{prefix}empty document")
        return None
    if "\x00" in text:
        sink.skip(source, line, f"{prefix}binary content (NUL characters) in text")
        return None
    too_large = _too_large(text, sink.max_bytes)
    if too_large is not None:
        sink.skip(source, line, f"{prefix}{too_large}")
        return None
    id_field = columns.id or "id"
    raw_id = record.get(id_field)
    doc_id = _str_or_empty(raw_id).strip() if not isinstance(raw_id, dict | list) else ""
    if not doc_id:
        doc_id = default_id
    pub = published
    date_field = next((f for f in columns.date_fields() if record.get(f) not in (None, "")), None)
    if date_field is not None:
        raw_pub = record[date_field]
        parsed = _record_date(raw_pub)
        if parsed is None:
            sink.warn(
                source,
                line,
                f"{prefix}{date_field} {raw_pub!r} is not a date (expected YYYY-MM-DD or an "
                "ISO datetime); kept without it",
            )
        else:
            pub = parsed
    used = {columns.text, id_field, date_field}
    meta = {k: v for k, v in record.items() if k not in KNOWN_FIELDS and k not in used}
    return Document(
        id=doc_id,
        text=text,
        published=pub,
        title=_str_or_empty(record.get("title")).strip(),
        url=_str_or_empty(record.get("url")).strip(),
        source=_str_or_empty(record.get("source")).strip(),
        meta=meta,
    )


class _NotRegularFile(OSError):
    """Raised by :func:`_open_regular` for a FIFO, a device, a socket..."""


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file.

    The file is opened without blocking and checked with ``fstat`` before anything is read, so a
    FIFO never hangs and ``/dev/zero`` is never read (even behind a symbolic link).

    Raises
    ------
    OSError
        :class:`_NotRegularFile` for anything but a regular file, or the error of ``open``.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegularFile("not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _unreadable(exc: OSError) -> str:
    """The skip reason for a file that could not be opened or read."""
    if isinstance(exc, _NotRegularFile):
        return "not a regular file"
    return f"cannot read: {exc.strerror or exc}"


def _read_bytes(path: Path, sink: _Sink, source: str) -> str | None:
    try:
        with _open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if (
                sink.max_bytes is not None
                and path.suffix.lower() == ".txt"
                and size > sink.max_bytes
            ):
                # the file is the document: not read at all
                sink.skip(
                    source,
                    None,
                    f"document of {size:,} bytes, more than the limit of {sink.max_bytes:,} "
                    "(--max-doc-bytes)",
                )
                return None
            data = fh.read()
    except OSError as exc:
        sink.skip(source, None, _unreadable(exc))
        return None
    if not data.strip():
        sink.skip(source, None, "empty document")
        return None
    if _is_binary(data):
        sink.skip(source, None, "binary file")
        return None
    text, encoding = _decode(data)
    if encoding is not None:
        sink.warn(source, None, f"not UTF-8; decoded as {encoding}")
    return text


_Reader = Callable[[Path, dt.date | None, _Sink], Iterator[Document]]
_TextReader = Callable[[Path, str, str, dt.date | None, _Sink], Iterator[Document]]


def _whole_file(reader: _TextReader) -> _Reader:
    """A reader of a whole file's decoded text; empty and binary files are skipped (and said so)
    before it runs."""

    def read(path: Path, published: dt.date | None, sink: _Sink) -> Iterator[Document]:
        source = str(path)
        text = _read_bytes(path, sink, source)
        if text is not None:
            yield from reader(path, source, text, published, sink)

    return read


@_whole_file
def _iter_txt(
    path: Path, source: str, text: str, published: dt.date | None, sink: _Sink
) -> Iterator[Document]:
    if not text.strip():
        sink.skip(source, None, "empty document")
        return
    too_large = _too_large(text, sink.max_bytes)
    if too_large is not None:
        sink.skip(source, None, too_large)
        return
    yield Document(id=path.stem, text=text, published=published, source="")


def html_main_text(html: str) -> tuple[str, str, str] | None:
    """The main text, headline and publication date of a news page, or None when no main text
    is found.

    The article is found with trafilatura (navigation, footers, sidebars, bylines and comment
    threads are left out). The headline comes from the page's metadata (``og:title``, the
    ``<h1>``, ``<title>``) and is not repeated at the top of the text, so it cannot report the
    same event twice; the date is the page's own (meta tags and markup only, never guessed from
    the text). Paragraphs are separated by a blank line. A page with less main text than
    trafilatura's minimum (250 characters) gives None.
    """
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):  # no element at all, or an encoding declaration
        return None
    for element in tree.xpath("//noscript|//template|//svg|//math|//script|//style"):
        element.drop_tree()  # trafilatura keeps <noscript> text ("Enable JavaScript")
    page = trafilatura.bare_extraction(
        lxml_html.tostring(tree, encoding="unicode"),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # Below trafilatura's own minimum it falls back to a crude whole-page text (a line per
    # inline element, navigation included): the page is then better read whole by html_to_text.
    minimum = trafilatura.settings.DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
    if page is None or isinstance(page, dict):  # a dict only with as_dict=True
        return None
    body: str = page.text or ""
    if len(body.strip()) < minimum:
        return None
    title = " ".join((page.title or "").split())
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if lines and title and " ".join(lines[0].split()) == title:
        lines = lines[1:]
    if not lines:
        return None
    return "\n\n".join(lines), title, page.date or ""


@_whole_file
def _iter_html(
    path: Path, source: str, raw: str, published: dt.date | None, sink: _Sink
) -> Iterator[Document]:
    text, title, pub_text = html_to_text(raw)
    if not text.strip():
        sink.skip(source, None, "empty document")
        return
    main = html_main_text(raw)
    if main is not None:
        text = main[0]
        title = main[1] or title
        pub_text = pub_text or main[2]
    pub = published
    if pub_text:
        parsed = _record_date(pub_text)
        if parsed is None:
            sink.warn(source, None, f"published time {pub_text!r} is not a date; ignored")
        else:
            pub = parsed
    too_large = _too_large(text, sink.max_bytes)
    if too_large is not None:
        sink.skip(source, None, too_large)
        return
    yield Document(id=path.stem, text=text, published=pub, title=title)


def jsonl_lines(path: Path, sink: _Sink | None = None) -> Iterator[tuple[int, bytes | str]]:
    """The lines of a JSONL file with their 1-based numbers: bytes for UTF-8 files (decoded per
    line by the caller), text for a file that starts with a UTF-16 byte-order mark.

    Raises
    ------
    OSError
        The file is not a regular file (see :func:`_open_regular`) or cannot be read.
    """
    with _open_regular(path) as fh:
        head = fh.read(2)
        fh.seek(0)
        if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            if sink is not None:
                sink.warn(str(path), None, "not UTF-8; decoded as utf-16")
            # lone surrogates pass through, to be skipped with their line like "\\ud800" in JSON
            text = io.TextIOWrapper(fh, encoding="utf-16", errors="surrogatepass", newline=None)
            lineno = 0
            try:
                for lineno, line in enumerate(text, start=1):
                    yield lineno, line
            except UnicodeDecodeError as exc:
                if sink is not None:
                    sink.skip(str(path), lineno + 1, f"invalid UTF-16 from here on: {exc.reason}")
            return
        yield from enumerate(fh, start=1)


def _iter_jsonl(path: Path, published: dt.date | None, sink: _Sink) -> Iterator[Document]:
    source = str(path)
    any_line = False
    lineno = 0
    try:
        for lineno, raw in jsonl_lines(path, sink):
            yield from _jsonl_record(path, source, lineno, raw, published, sink)
            any_line = any_line or bool(raw.strip())
    except OSError as exc:
        sink.skip(source, lineno + 1 if lineno else None, _unreadable(exc))
        return
    if not any_line:
        sink.skip(source, None, "empty document")


def _jsonl_record(
    path: Path,
    source: str,
    lineno: int,
    raw: bytes | str,
    published: dt.date | None,
    sink: _Sink,
) -> Iterator[Document]:
    """The document of one JSONL line, if it makes one (blank lines make nothing)."""
    if not raw.strip():
        return
    if isinstance(raw, str):
        line = raw
    elif b"\x00" in raw:
        sink.skip(source, lineno, "binary content (NUL bytes)")
        return
    else:
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            line, encoding = _decode(raw)
            sink.warn(source, lineno, f"not UTF-8; decoded as {encoding}")
    try:
        record = _loads(line)
    except json.JSONDecodeError as exc:
        sink.skip(source, lineno, f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    except ValueError as exc:
        sink.skip(source, lineno, str(exc))
        return
    if not isinstance(record, dict):
        sink.skip(source, lineno, f"a JSON {type(record).__name__}, not an object")
        return
    doc = _record_to_document(
        record,
        source=source,
        line=lineno,
        default_id=f"{path.stem}-{lineno}",
        published=published,
        sink=sink,
    )
    if doc is not None:
        yield doc


@_whole_file
def _iter_json(
    path: Path, source: str, text: str, published: dt.date | None, sink: _Sink
) -> Iterator[Document]:
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        sink.skip(source, exc.lineno, f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    except ValueError as exc:
        sink.skip(source, None, str(exc))
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        sink.skip(source, None, "empty document (an empty JSON list)")
    for i, record in enumerate(records, start=1):
        where = f"record {i}"
        if not isinstance(record, dict):
            sink.skip(source, None, f"{where}: a JSON {type(record).__name__}, not an object")
            continue
        doc = _record_to_document(
            record,
            source=source,
            line=None,
            default_id=f"{path.stem}-{i}",
            published=published,
            sink=sink,
            where=where,
        )
        if doc is not None:
            yield doc


@_whole_file
def _iter_csv(
    path: Path, source: str, text: str, published: dt.date | None, sink: _Sink
) -> Iterator[Document]:
    if csv.field_size_limit() < 2**30:
        csv.field_size_limit(2**30)  # news texts are longer than csv's default 128 kB limit
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        sink.skip(source, 1, f"malformed CSV header: {exc}")
        return
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    wanted = sink.columns.lower()
    sink = _Sink(sink.on_skip, sink.on_warning, wanted, sink.max_bytes)
    if wanted.text not in columns:
        sink.skip(
            source,
            1,
            f"missing text field: the CSV header has no {wanted.text!r} column "
            f"(columns: {', '.join(columns) or 'none'}); name it with --text-column",
        )
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            sink.skip(source, line, f"malformed CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            sink.warn(
                source,
                line,
                f"row has {len(row)} fields, the header {len(columns)}; extra or missing "
                "fields ignored",
            )
        record: dict[str, Any] = dict(zip(columns, row, strict=False))
        doc = _record_to_document(
            record,
            source=source,
            line=line,
            default_id=f"{path.stem}-{line}",
            published=published,
            sink=sink,
        )
        if doc is not None:
            yield doc


_READERS: dict[str, _Reader] = {
    ".txt": _iter_txt,
    ".html": _iter_html,
    ".htm": _iter_html,
    ".jsonl": _iter_jsonl,
    ".json": _iter_json,
    ".csv": _iter_csv,
}


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """Every entry under ``folder`` that is not a folder, sorted by path, hidden ones left out;
    each with the reason it cannot be read (None: it can be tried). A sub-folder that cannot be
    listed is an entry with its reason. Symbolic links to folders are followed, once each."""
    found: list[tuple[Path, str | None]] = []
    seen: set[str] = set()

    def unlistable(exc: OSError) -> None:
        found.append((Path(exc.filename), f"cannot list folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=unlistable, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back to a folder already walked
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            child = Path(root, name)
            try:
                regular = stat.S_ISREG(child.stat().st_mode)
            except OSError as exc:  # e.g. a broken symbolic link
                found.append((child, f"cannot read: {exc.strerror or exc}"))
                continue
            if not regular:
                found.append((child, "not a regular file"))
            elif child.suffix.lower() not in _READERS:
                found.append((child, f"unsupported file type {child.suffix or '(none)'!r}"))
            else:
                found.append((child, None))
    return sorted(found, key=lambda item: item[0])


def _expand(paths: PathLike | Iterable[PathLike], sink: _Sink) -> Iterator[Path]:
    """Check every path first (so a typo fails before any work), then yield the files.

    Files given by name that are not regular files (a FIFO, ``/dev/null``) are reported as
    skipped, like anything inside a folder that cannot be read.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    checked: list[Path] = []
    for item in items:
        path = Path(item)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_file() and path.suffix.lower() not in _READERS:
            raise InputError(
                f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; expected "
                f"one of {', '.join(SUPPORTED_EXTENSIONS)}"
            )
        checked.append(path)
    for path in checked:
        if path.is_dir():
            for child, problem in _walk(path):
                if problem is None:
                    yield child
                else:
                    sink.skip(str(child), None, problem)
        elif path.is_file():
            yield path
        else:
            sink.skip(str(path), None, "not a regular file")


def input_files(
    paths: PathLike | Iterable[PathLike], *, on_skip: Callable[[Skipped], None] | None = None
) -> Iterator[Path]:
    """The document files that ``paths`` name, in order: files as given, folders walked.

    Inside a folder, hidden entries are left out and files of an unsupported type are passed
    over, each reported to ``on_skip``.

    Raises
    ------
    InputError
        A path does not exist, or a file given by name has an unsupported extension (raised
        before the first file is yielded).
    """
    return _expand(paths, _Sink(on_skip, None))


def iter_documents(
    paths: PathLike | Iterable[PathLike],
    *,
    published: dt.date | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_warning: Callable[[ReadWarning], None] | None = None,
    warn_undated: bool = True,
    columns: Columns | None = None,
    max_bytes: int | Literal["default"] | None = "default",
) -> Iterator[Document]:
    """Yield documents from files and directories one at a time (JSONL is streamed by line).

    Parameters
    ----------
    paths
        A file or directory, or several.
    published
        Publication date for documents that do not carry their own (a record's valid
        ``published`` value wins).
    on_skip, on_warning
        Called with each :class:`Skipped` record / :class:`ReadWarning` as it happens.
    warn_undated
        Count the documents without a publication date into one warning, logged once every
        document was read (or gathered by an enclosing :func:`undated_documents` block).
        False for uses that ignore dates (``geomap places``).
    columns
        The record fields holding the text, date and id (JSONL, JSON, CSV); default
        :class:`Columns`.
    max_bytes
        Largest document text read, in UTF-8 bytes; larger ones are reported to ``on_skip``
        (with their line) and not read. Default :func:`max_doc_bytes` (5 MB); None: no limit.

    Raises
    ------
    InputError
        A path does not exist, or a file given explicitly has an unsupported extension (raised
        before any document is yielded).
    """
    limit = max_doc_bytes() if max_bytes == "default" else max_bytes
    sink = _Sink(on_skip, on_warning, columns, limit)
    files = list(_expand(paths, sink))
    outer = _UNDATED.get()
    undated = outer if outer is not None else UndatedDocuments()
    for path in files:
        for doc in _READERS[path.suffix.lower()](path, published, sink):
            if warn_undated:
                undated.add(doc)
            yield doc
    message = undated.message() if outer is None else None
    if message is not None:
        log.warning(message)


def read_documents(
    paths: PathLike | Iterable[PathLike] | Any,
    *,
    published: dt.date | str | None = None,
    columns: Columns | None = None,
    max_bytes: int | Literal["default"] | None = "default",
) -> DocumentBatch:
    """Read every document from files and directories, or from the rows of a DataFrame.

    Parameters
    ----------
    paths
        A file or directory, or several (see the module docstring for the formats); or a
        :class:`pandas.DataFrame` with one document per row (see :func:`as_documents`).
    published
        Publication date for documents that do not carry their own.
    columns
        The record fields (or DataFrame columns) holding the text, date and id.
    max_bytes
        Largest document text read from files (see :func:`iter_documents`).

    Returns
    -------
    DocumentBatch
        ``documents``, plus ``skipped`` records and ``warnings``.
    """
    default = as_date(published)
    if is_dataframe(paths):
        cols = columns or Columns()
        docs = as_documents(paths, text=cols.text, published=cols.published, id=cols.id)
        if default is not None:
            docs = [d if d.published else replace(d, published=default) for d in docs]
        note_undated(docs)
        return DocumentBatch(documents=docs)
    batch = DocumentBatch()
    batch.documents.extend(
        iter_documents(
            paths,
            published=default,
            on_skip=batch.skipped.append,
            on_warning=batch.warnings.append,
            columns=columns,
            max_bytes=max_bytes,
        )
    )
    return batch


# -- in-memory documents: strings, lists, DataFrames --------------------------------------------
def is_dataframe(obj: object) -> bool:
    """Whether ``obj`` is a :class:`pandas.DataFrame` (pandas is not imported to find out)."""
    import sys

    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, pandas.DataFrame)


def _missing(value: object) -> bool:
    """None, NaN, NaT or blank text: a cell with nothing in it."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except (TypeError, ValueError):
        return False


def note_undated(docs: Iterable[Document]) -> None:
    """Count documents without a publication date into the run's warning (see
    :func:`undated_documents`), or log one warning for them when no run gathers them."""
    outer = _UNDATED.get()
    undated = outer if outer is not None else UndatedDocuments()
    for doc in docs:
        undated.add(doc)
    message = undated.message() if outer is None else None
    if message is not None:
        log.warning(message)


def as_documents(
    obj: Any,
    *,
    text: str = "text",
    published: str | dt.date | None = None,
    id: str | None = None,
) -> list[Document]:
    """Documents from what a user has at hand: a string, a list of strings, Documents, or a
    :class:`pandas.DataFrame` with one document per row.

    Every input item becomes exactly one document, in order, so results join back to it:

    * a string, or the i-th string of a list, gets the id ``"i"`` (``"0"`` for one string);
    * a DataFrame row gets the value of its ``id`` column (``id=`` names another), else its
      index label, as text: join with ``df.index.astype(str)`` (or the id column);
    * Documents are kept as they are.

    Parameters
    ----------
    obj
        A string, a :class:`~geomap.types.Document`, an iterable of either, or a DataFrame.
    text
        The DataFrame column holding the text (default ``text``). A missing cell (None, NaN) is
        an empty document, which has no places or events.
    published
        For a DataFrame: the column holding the publication date (default: the first of
        ``published``, ``date``, ``published_at``, ``pubdate``, ``datetime`` it has); otherwise,
        or if it is not a column name, a date (``date`` or ``YYYY-MM-DD``) for every document
        that has none.
    id
        The DataFrame column holding the document ids.

    Raises
    ------
    InputError
        Something that is not text where text is expected, a date that is not one (naming the
        row and the value), or a DataFrame without the named column.

    >>> [(d.id, d.text) for d in as_documents(["Clashes in Kobani.", "Shelling near Manbij."])]
    [('0', 'Clashes in Kobani.'), ('1', 'Shelling near Manbij.')]
    >>> as_documents("Clashes in Kobani.", published="2019-10-14")[0].published
    datetime.date(2019, 10, 14)
    """
    if is_dataframe(obj):
        return _frame_documents(obj, text=text, published=published, id=id)
    default = as_date(published)
    if isinstance(obj, Document):
        items: list[Any] = [obj]
    elif isinstance(obj, str):
        items = [obj]
    elif isinstance(obj, bytes | Mapping) or not isinstance(obj, Iterable):
        raise InputError(
            f"cannot read documents from a {type(obj).__name__}: expected a string, a list of "
            "strings, Documents or a pandas DataFrame"
        )
    else:
        items = list(obj)
    docs = []
    for i, item in enumerate(items):
        if isinstance(item, Document):
            doc = item
        elif isinstance(item, str):
            doc = Document(id=str(i), text=item)
        else:
            raise InputError(
                f"item {i} is a {type(item).__name__}: expected a string or a Document"
            )
        if default is not None and doc.published is None:
            doc = replace(doc, published=default)
        docs.append(doc)
    return docs


def _frame_documents(
    frame: Any, *, text: str, published: str | dt.date | None, id: str | None
) -> list[Document]:
    names = [str(c) for c in frame.columns]
    listed = ", ".join(names) or "none"

    def column(name: str, what: str) -> list[Any]:
        if name not in frame.columns:
            raise ConfigurationError(
                f"the DataFrame has no {what} column {name!r} (columns: {listed})"
            )
        return list(frame[name].tolist())

    texts = column(text, "text")
    default: dt.date | None = None
    dates: list[Any] = [None] * len(texts)
    if isinstance(published, str) and published in frame.columns:
        dates = column(published, "date")
    elif published is None:
        found = next((f for f in DATE_FIELDS if f in frame.columns), None)
        if found is not None:
            dates = column(found, "date")
    else:
        try:
            default = as_date(published)
        except InputError:
            raise ConfigurationError(
                f"published={published!r} is neither a column of the DataFrame (columns: "
                f"{listed}) nor a date (YYYY-MM-DD)"
            ) from None
    if id is not None:
        ids = column(id, "id")
    elif "id" in frame.columns:
        ids = column("id", "id")
    else:
        ids = list(frame.index.tolist())
    extra = {f: column(f, f) for f in ("title", "url", "source") if f in frame.columns}
    docs = []
    for row, (label, body, date) in enumerate(zip(ids, texts, dates, strict=True)):
        where = f"row {row} (id {label!r})"
        if _missing(body):
            body = ""
        elif not isinstance(body, str):
            raise InputError(f"{where}: text is a {type(body).__name__}, not a string")
        try:
            day = None if _missing(date) else as_date(date)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
        fields = {k: ("" if _missing(v[row]) else str(v[row])) for k, v in extra.items()}
        docs.append(
            Document(
                id=str(label),
                text=body,
                published=day or default,
                title=fields.get("title", ""),
                url=fields.get("url", ""),
                source=fields.get("source", ""),
            )
        )
    return docs


# -- sentences ---------------------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words after which a period never ends a sentence (titles, "St.", "No." ...), lower-case.
TITLE_ABBREVIATIONS = _words(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig sen rep gov pres "
    "rev fr st mt ft no nos vol art sec ch pp fig messrs mme mlle hon supt insp det amb"
)
#: Abbreviations that usually continue a sentence but may end one ("in the U.S. The ...").
OTHER_ABBREVIATIONS = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat "
    "sun jr sr inc corp ltd co bros approx est dept univ ave blvd rd vs etc al km mi govt e.g "
    "i.e a.m p.m u.s u.k u.n u.s.a e.u"
)
#: Capitalised words that typically start a sentence (used after an ambiguous abbreviation).
SENTENCE_STARTERS = _words(
    "the a an he she it they we i you his her its their our this that these those there in on "
    "at but and yet so if when while after before as meanwhile however since also some many "
    "most no one two three four five several officials police witnesses residents according "
    "earlier later last on by during"
)

_CLOSERS = "\"'”’)]»"
_BOUNDARY_RE = re.compile(
    r"""(?P<punct>\.{3}|…|[.!?]+)(?P<close>["'”’)\]»]*)"""
    r"""(?P<after>\s+|(?=[A-Z\u00C0-\u00DE"“‘(\[]))"""
)
_WORD_BEFORE_RE = re.compile(r"([\w.&'’-]*)$")


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"""\s*["“‘'(\[]*([\w’'-]+)""", text[pos : pos + 80])
    return m.group(1) if m else ""


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct, after = m.group("punct"), m.group("after")
    start = m.start()
    nxt_pos = m.end()
    # the end of the text is handled by the caller
    if nxt_pos >= len(text):
        return False
    nxt_char = text[nxt_pos]
    word = _WORD_BEFORE_RE.search(text[max(0, start - 40) : start])
    before = word.group(1) if word else ""
    glued = not after  # "20.Photographer": no space between the period and the next word
    if "\n" in after and re.search(r"\n[ \t]*\n", after):
        return True  # a paragraph break always ends a sentence
    if punct in ("!", "?", "!!", "??", "?!", "!?"):
        return not nxt_char.islower()
    if nxt_char.islower():
        return False
    if punct == ".":
        if glued:
            # "on Feb. 20.Photographer Name": a digit or a word of 2+ letters before, and a
            # capitalised word after; keeps "U.S.Army", "J.R.R." and "example.Com" together.
            if m.group("close"):
                return True
            if not re.search(r"(\d|[a-z]{2})$", before):
                return False
            if before.lower().rstrip(".") in TITLE_ABBREVIATIONS | OTHER_ABBREVIATIONS:
                return False
            return bool(re.match(r"[A-Z\u00C0-\u00DE]", text[nxt_pos : nxt_pos + 1]))
        if m.group("close"):
            return True  # '... he said." Next'
        low = before.lower()
        core = low.lstrip("(\"'“‘[")
        if core in TITLE_ABBREVIATIONS:
            return False
        nxt = _next_word(text, nxt_pos)
        if re.fullmatch(r"[a-z]", core) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", core):
            # an initial ("John F. Kennedy") or an acronym ("U.S.", "a.m.")
            if len(core) == 1 and before.isupper():
                return False
            return nxt.lower() in SENTENCE_STARTERS
        if core in OTHER_ABBREVIATIONS:
            if nxt[:1].isdigit():
                return False
            return nxt.lower() in SENTENCE_STARTERS
        return True
    return True  # ellipsis followed by a capital


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split news text into sentences; ``(start, end)`` offsets into ``text``, trimmed.

    Handles abbreviations ("Feb.", "Sept.", "Gen.", "U.S.", "Mr.", "St.", "No."), initials,
    decimals, closing quotes, paragraph and line breaks (a single line break ends a sentence unless
    the next line continues it in lower case), and photo captions glued to a sentence
    ("... on Feb. 20.Photographer Name / Agency" breaks after "20.").

    >>> t = "Gen. Smith met U.S. troops in St. Louis on Feb. 20.AP Photo / Agency"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Smith met U.S. troops in St. Louis on Feb. 20.', 'AP Photo / Agency']
    """
    cuts: list[int] = []
    for m in _BOUNDARY_RE.finditer(text):
        if _is_boundary(text, m):
            cuts.append(m.start("after"))
    # line breaks without punctuation: a headline, a dateline, a list item, a caption
    n = len(text)
    for m in re.finditer(r"\n", text):
        i = m.start()
        p = i - 1
        while p >= 0 and text[p] in " \t\r":
            p -= 1
        if p < 0 or text[p] == "\n":
            continue  # text edge, or the second newline of a run (the first one decided)
        q = i + 1
        newlines = 1
        while q < n and text[q] in " \t\r\n":
            newlines += text[q] == "\n"
            q += 1
        if q >= n:
            continue  # text edge
        if newlines > 1:
            cuts.append(i)  # paragraph break
            continue
        last, first = text[p], text[q]
        continues = (last.isalnum() or last in ",;:-–(") and first.islower()
        if not continues:
            cuts.append(i)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        if cut < start:
            continue
        seg = text[start:cut]
        lead = len(seg) - len(seg.lstrip())
        s, e = start + lead, start + len(seg.rstrip())
        if e > s:
            spans.append((s, e))
        start = cut
    return spans
