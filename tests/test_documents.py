"""Reading news documents (txt, html, jsonl, json, csv, directories) and sentence splitting."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from geomap.documents import (
    DocumentBatch,
    ReadWarning,
    Skipped,
    html_to_text,
    input_files,
    iter_documents,
    parse_date,
    read_documents,
    sentence_spans,
)
from geomap.errors import GeomapError, InputError

REPORT = (
    "Turkish jets struck positions near Ras al-Ain on Wednesday, hours after the operation "
    "was announced in Ankara. Thousands of residents fled south toward Tal Tamr."
)


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def sentences(text: str) -> list[str]:
    spans = sentence_spans(text)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
    return [text[s:e] for s, e in spans]


# -- parse_date --------------------------------------------------------------------------------
def test_parse_date_valid() -> None:
    assert parse_date("2019-10-09") == dt.date(2019, 10, 9)
    assert parse_date(" 2020-02-29 ") == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    "value", ["2019-02-30", "yesterday", "09/10/2019", "2019-10", "", "20191009"]
)
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(value)
    assert str(info.value) == f"'{value}' is not a date (expected YYYY-MM-DD)"
    assert isinstance(info.value, ValueError) and isinstance(info.value, GeomapError)


# -- txt / html --------------------------------------------------------------------------------
def test_txt_one_document(tmp_path: Path) -> None:
    path = write(tmp_path / "tal-abyad-report.txt", REPORT + "\n")
    batch = read_documents(path, published=dt.date(2019, 10, 10))
    assert isinstance(batch, DocumentBatch)
    assert len(batch.documents) == 1
    doc = batch.documents[0]
    assert doc.id == "tal-abyad-report"
    assert doc.text == REPORT + "\n"
    assert doc.published == dt.date(2019, 10, 10)
    assert batch.skipped == [] and batch.warnings == []


def test_txt_utf8_bom_removed_and_text_kept_exactly(tmp_path: Path) -> None:
    text = "Serêkaniyê\r\nwas shelled.\r\n"
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    (doc,) = read_documents(path).documents
    assert doc.text == text


def test_non_utf8_decoded_with_warning(tmp_path: Path) -> None:
    text = "Les forces kurdes ont quitté la ville frontalière après des frappes aériennes."
    path = write(tmp_path / "latin.txt", text.encode("cp1252"))
    batch = read_documents(path)
    assert [d.text for d in batch.documents] == [text]
    assert len(batch.warnings) == 1
    assert batch.warnings[0].source == str(path)
    assert "not UTF-8" in batch.warnings[0].message
    assert batch.skipped == []


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_file_skipped(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    batch = read_documents(path)
    assert batch.documents == []
    assert batch.skipped == [Skipped(str(path), None, "empty document")]


def test_binary_file_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    batch = read_documents(path)
    assert batch.documents == []
    assert batch.skipped == [Skipped(str(path), None, "binary file")]


def test_large_document_read(tmp_path: Path) -> None:
    para = "Shelling continued near Ras al-Ain on Thursday, residents said.\n\n"
    text = para * (10_000_000 // len(para) + 1)
    path = write(tmp_path / "big.txt", text)
    (doc,) = read_documents(path, max_bytes=None).documents  # above the default limit
    assert len(doc.text) == len(text) > 10_000_000
    spans = sentence_spans(doc.text)
    assert len(spans) == text.count("\n\n")
    assert doc.text[spans[-1][0] : spans[-1][1]] == para.strip()


def test_html_hostile_markup(tmp_path: Path) -> None:
    html = (
        "<!doctype html><html><head><title>Strikes &amp; shelling in Tal Abyad</title>"
        "<meta property='article:published_time' content='2019-10-10T08:15:00Z'>"
        "<style>p { color: red }</style><script>document.write('<p>injected</p>')</script>"
        "</head><body><nav>Home | World</nav><!-- a comment with Raqqa -->"
        "<p>Turkish&nbsp;artillery shelled <b>Tal&#32;Abyad</b> &lt;overnight&gt;.</p>"
        "<script type='text/javascript'>var city = 'Kobani';</script>"
        "<p>Residents fled to Raqqa.<noscript>Enable JavaScript</noscript></p>"
        "<svg><text>Manbij</text></svg><p>Unclosed <i>tag"
        "</body></html>"
    )
    path = write(tmp_path / "story.html", html)
    (doc,) = read_documents(path, published=dt.date(2019, 1, 1)).documents
    assert doc.id == "story"
    assert doc.title == "Strikes & shelling in Tal Abyad"
    assert doc.published == dt.date(2019, 10, 10)  # the page's own date wins
    assert "Turkish artillery shelled Tal Abyad <overnight>." in doc.text
    assert "Residents fled to Raqqa." in doc.text
    for hidden in ("injected", "Kobani", "color", "Enable JavaScript", "Manbij", "comment"):
        assert hidden not in doc.text
    assert sentences(doc.text)[:3] == [
        "Home | World",
        "Turkish artillery shelled Tal Abyad <overnight>.",
        "Residents fled to Raqqa.",
    ]


def test_html_to_text_unclosed_script_drops_the_rest() -> None:
    text, title, published = html_to_text("<p>Kept.</p><script>alert('x')<p>not text")
    assert (text, title, published) == ("Kept.", "", "")


def test_html_with_only_markup_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.htm", "<html><script>x()</script><p> </p></html>")
    batch = read_documents(path)
    assert batch.documents == []
    assert batch.skipped == [Skipped(str(path), None, "empty document")]


# -- jsonl / json / csv ------------------------------------------------------------------------
def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": REPORT,
                "published": "2019-10-10",
                "title": "T",
                "url": "https://example.org/a1",
                "source": "Wire",
                "lang": "en",
            }
        ),
        "",
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "a2", "published": "2019-10-11"}),
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps(
            {"text": "No id here; shelling hit Kobani.", "published": "2019-10-12T06:30:00+03:00"}
        ),
        json.dumps(
            {"id": 7, "text": "Numeric id; clashes in Manbij.", "published": "last Tuesday"}
        ),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a5", "text": 42}),
    ]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    batch = read_documents(path, published=dt.date(2019, 10, 1))
    docs = {d.id: d for d in batch.documents}
    assert list(docs) == ["a1", "wire-6", "7"]
    a1 = docs["a1"]
    assert (a1.text, a1.published, a1.title, a1.url, a1.source) == (
        REPORT,
        dt.date(2019, 10, 10),
        "T",
        "https://example.org/a1",
        "Wire",
    )
    assert dict(a1.meta) == {"lang": "en"}
    assert docs["wire-6"].published == dt.date(2019, 10, 12)
    # an unusable published value falls back to the argument, with a warning
    assert docs["7"].published == dt.date(2019, 10, 1)
    assert [(w.line, "not a date" in w.message) for w in batch.warnings] == [(7, True)]
    reasons = {s.line: s.reason for s in batch.skipped}
    assert set(reasons) == {3, 4, 5, 8, 9}
    assert reasons[3].startswith("malformed JSON")
    assert reasons[4] == "missing text field"
    assert reasons[5] == "empty document"
    assert "not an object" in reasons[8]
    assert "not a string" in reasons[9]
    assert all(s.source == str(path) for s in batch.skipped)


def test_jsonl_published_not_a_date_without_argument(tmp_path: Path) -> None:
    path = write(
        tmp_path / "d.jsonl", json.dumps({"id": "x", "text": "Clashes.", "published": "2019-02-30"})
    )
    batch = read_documents(path)
    assert [(d.id, d.published) for d in batch.documents] == [("x", None)]
    assert len(batch.warnings) == 1 and batch.warnings[0].line == 1


def test_jsonl_non_utf8_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "Fine."}).encode()
    bad = '{"id": "b", "text": "Déplacés à Hassaké."}'.encode("cp1252")
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n")
    batch = read_documents(path)
    assert [d.text for d in batch.documents] == ["Fine.", "Déplacés à Hassaké."]
    assert [w.line for w in batch.warnings] == [2]


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_hostile_jsonl_records_are_counted_skips_with_their_lines(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "Shelling hit Tal Abyad."})
    lines = [
        good,
        '{"id": "deep", "text": "Shelling hit Qamishli.", "meta": ' + _nested(5000) + "}",
        '{"id": "sur", "text": "Shelling hit Amuda \\ud800."}',  # valid JSON, not Unicode
        '{"id": "\\udfff", "text": "Shelling hit Derbasiyah."}',
        '{"id": "ok-depth", "text": "Protest in Hasakah.", "meta": ' + _nested(98) + "}",
        good.replace('"g"', '"g2"'),
    ]
    path = write(tmp_path / "hostile.jsonl", "\n".join(lines) + "\n")
    batch = read_documents(path)
    assert [d.id for d in batch.documents] == ["g", "ok-depth", "g2"]
    assert [(s.line, s.reason) for s in batch.skipped] == [
        (2, "nested more than 100 levels deep"),
        (3, "invalid Unicode: a lone surrogate U+D800 (in field 'text')"),
        (4, "invalid Unicode: a lone surrogate U+DFFF (in field 'id')"),
    ]


def test_hostile_json_records_are_skipped(tmp_path: Path) -> None:
    deep = write(tmp_path / "deep.json", '[{"text": "a", "meta": ' + _nested(5000) + "}]")
    mixed = write(
        tmp_path / "mixed.json",
        '[{"id": "m1", "text": "Fine."}, {"id": "m2", "text": "x\\ud800"}, '
        '{"id": "m3", "text": "Also fine.", "meta": ' + _nested(200) + "}]",
    )
    batch = read_documents([deep, mixed])
    assert [d.id for d in batch.documents] == ["m1"]
    assert [str(s) for s in batch.skipped] == [
        f"{deep}: nested more than 100 levels deep",
        f"{mixed}: record 2: invalid Unicode: a lone surrogate U+D800 (in field 'text')",
        f"{mixed}: record 3: nested more than 100 levels deep (in field 'meta')",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_jsonl_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    records = [{"id": "u1", "text": "Déplacés à Hassaké."}, {"id": "u2", "text": "Tal Tamr."}]
    text = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\r\n"
    bom = "" if encoding == "utf-16" else "\ufeff"  # the plain codec writes its own BOM
    path = write(tmp_path / "u16.jsonl", (bom + text).encode(encoding))
    batch = read_documents(path)
    assert [(d.id, d.text) for d in batch.documents] == [(r["id"], r["text"]) for r in records]
    assert batch.skipped == []
    assert [str(w) for w in batch.warnings] == [f"{path}: not UTF-8; decoded as utf-16"]


def test_utf16_jsonl_keeps_line_numbers_of_bad_records(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "One."}), "{broken", json.dumps({"text": "Two."})]
    path = write(tmp_path / "u16.jsonl", "\n".join(lines).encode("utf-16"))
    batch = read_documents(path)
    assert [d.id for d in batch.documents] == ["a", "u16-3"]
    assert [s.line for s in batch.skipped] == [2]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    many = write(
        tmp_path / "many.json",
        json.dumps(
            [
                {"id": "m1", "text": "First report."},
                {"text": "Second report."},
                {"id": "m3"},
                "junk",
            ]
        ),
    )
    one = write(tmp_path / "one.json", json.dumps({"id": "solo", "text": "Only report."}))
    batch = read_documents([many, one])
    assert [d.id for d in batch.documents] == ["m1", "many-2", "solo"]
    assert [str(s) for s in batch.skipped] == [
        f"{many}: record 3: missing text field",
        f"{many}: record 4: a JSON str, not an object",
    ]


def test_json_malformed_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '[{"id": "x", "text": "a"},\n  {oops}]')
    batch = read_documents(path)
    assert batch.documents == []
    assert len(batch.skipped) == 1
    assert batch.skipped[0].line == 2 and batch.skipped[0].reason.startswith("malformed JSON")


def test_csv_records(tmp_path: Path) -> None:
    long_text = "Convoys moved toward Manbij. " * 10_000  # beyond csv's default field limit
    content = (
        "id,text,published,title,url,source,desk\n"
        f'c1,"{REPORT}",2019-10-10,Op,,Wire,world\n'
        "c2,,2019-10-10,,,,\n"
        ',"Multi-line\nreport from Kobani.",not-a-date,,,,\n'
        f"c4,{long_text},,,,,\n"
    )
    path = write(tmp_path / "feed.csv", content)
    batch = read_documents(path, published=dt.date(2019, 10, 20))
    assert [d.id for d in batch.documents] == ["c1", "feed-4", "c4"]
    c1 = batch.documents[0]
    assert (c1.text, c1.published, c1.title, c1.source, dict(c1.meta)) == (
        REPORT,
        dt.date(2019, 10, 10),
        "Op",
        "Wire",
        {"desk": "world"},
    )
    assert batch.documents[1].text == "Multi-line\nreport from Kobani."
    assert batch.documents[1].published == dt.date(2019, 10, 20)
    assert batch.documents[2].text == long_text
    assert batch.skipped == [Skipped(str(path), 3, "empty document")]
    assert [w.line for w in batch.warnings] == [4]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "nocol.csv", "id,body\n1,Shelling in Kobani.\n")
    batch = read_documents(path)
    assert batch.documents == []
    assert len(batch.skipped) == 1
    assert batch.skipped[0].reason.startswith("missing text field")
    assert "id, body" in batch.skipped[0].reason


# -- paths -------------------------------------------------------------------------------------
def test_missing_path_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_documents(tmp_path / "nope.txt")
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4")
    with pytest.raises(InputError, match=r"unsupported file type '\.pdf'.*\.txt, \.html"):
        read_documents([write(tmp_path / "ok.txt", "Fine."), pdf])


def test_directory_read_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    write(folder / "b.txt", "Second file.")
    write(folder / "a.TXT", "First file.")
    write(folder / "sub" / "c.jsonl", json.dumps({"id": "c", "text": "Nested."}))
    write(folder / "notes.md", "# not a document type")
    write(folder / ".hidden.txt", "Hidden.")
    batch = read_documents(folder)
    assert [d.id for d in batch.documents] == ["a", "b", "c"]
    assert [(Path(s.source).name, s.reason) for s in batch.skipped] == [
        ("notes.md", "unsupported file type '.md'")
    ]


def test_input_files_walks_folders_and_reports_what_it_passes_over(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    write(folder / "b.html", "<p>Second.</p>")
    write(folder / "sub" / "a.csv", "id,text\na,First.\n")
    write(folder / "notes.md", "# not a document type")
    write(folder / ".hidden.txt", "Hidden.")
    lone = write(tmp_path / "lone.txt", "Alone.")
    skipped: list[Skipped] = []
    files = list(input_files([lone, folder], on_skip=skipped.append))
    assert files == [lone, folder / "b.html", folder / "sub" / "a.csv"]
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("notes.md", "unsupported file type '.md'")
    ]
    with pytest.raises(InputError, match=r"unsupported file type '\.md'"):
        next(input_files(folder / "notes.md"))
    with pytest.raises(InputError, match="no such file"):
        next(input_files([lone, tmp_path / "missing.txt"]))


def test_iter_documents_streams_and_reports(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl", '{"id": "1", "text": "One."}\nnot json\n{"id": "2", "text": "Two."}\n'
    )
    skipped: list[Skipped] = []
    warnings: list[ReadWarning] = []
    it = iter_documents(path, on_skip=skipped.append, on_warning=warnings.append)
    first = next(it)
    assert first.id == "1" and skipped == []
    rest = list(it)
    assert [d.id for d in rest] == ["2"]
    assert [(s.line, s.reason.split(":")[0]) for s in skipped] == [(2, "malformed JSON")]
    assert warnings == []


# -- sentences ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish jets struck Ras al-Ain on Oct. 9, 2019. Residents fled south.",
            ["Turkish jets struck Ras al-Ain on Oct. 9, 2019.", "Residents fled south."],
        ),
        (
            "Gen. Mazloum Abdi met U.S. envoys on Sept. 8 in St. Louis. They spoke for an hour.",
            [
                "Gen. Mazloum Abdi met U.S. envoys on Sept. 8 in St. Louis.",
                "They spoke for an hour.",
            ],
        ),
        (
            "Mr. Smith lives at No. 10 Main St. in the town. "
            "Growth was 2.5 percent in Feb. last year.",
            [
                "Mr. Smith lives at No. 10 Main St. in the town.",
                "Growth was 2.5 percent in Feb. last year.",
            ],
        ),
        (
            "John F. Kennedy never visited. The troops went to the U.S. The base closed.",
            ["John F. Kennedy never visited.", "The troops went to the U.S.", "The base closed."],
        ),
        (
            '"We will not leave," the commander said. "Never!" Another fighter agreed?',
            ['"We will not leave," the commander said.', '"Never!"', "Another fighter agreed?"],
        ),
        (
            "Smoke rises over Ras al-Ain on Feb. 20.Jane Doe / Example Agency",
            ["Smoke rises over Ras al-Ain on Feb. 20.", "Jane Doe / Example Agency"],
        ),
        (
            "Smoke rises over the town on Oct. 10, 2019.AFP Photo",
            ["Smoke rises over the town on Oct. 10, 2019.", "AFP Photo"],
        ),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_spans_line_breaks() -> None:
    text = (
        "  Shelling hits border town\n"
        "By A. Reporter\n"
        "AKCAKALE, Turkey — Mortar rounds landed on Tuesday.\n\n"
        "A second paragraph was\nwrapped in the middle.\n"
    )
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Shelling hits border town",
        "By A. Reporter",
        "AKCAKALE, Turkey — Mortar rounds landed on Tuesday.",
        "A second paragraph was\nwrapped in the middle.",
    ]
    assert spans[0][0] == 2


def test_sentence_spans_edge_cases() -> None:
    assert sentence_spans("") == []
    assert sentence_spans("   \n\n ") == []
    assert sentences("No final stop") == ["No final stop"]
    assert sentences("Shelling resumed... Then it stopped.") == [
        "Shelling resumed...",
        "Then it stopped.",
    ]
    assert sentences("At 5 p.m. Monday the convoy left.") == ["At 5 p.m. Monday the convoy left."]


# -- files that are not regular, or cannot be read ---------------------------------------------
def _read_with_a_deadline(paths: Any, fifo: Path | None = None) -> DocumentBatch:
    """read_documents(paths), failing (not hanging) if it blocks on ``fifo`` for 10 s."""
    import threading

    result: dict[str, DocumentBatch] = {}
    worker = threading.Thread(target=lambda: result.update(b=read_documents(paths)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        if fifo is not None:
            with fifo.open("wb"):  # give the blocked reader an end of file, then fail
                pass
        worker.join(10)
        pytest.fail("reading blocked on a FIFO")
    return result["b"]


def test_fifo_and_devices_are_skipped_as_not_regular_files(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", REPORT)
    os.mkfifo(folder / "b_pipe.jsonl")
    (folder / "c_zero.txt").symlink_to("/dev/zero")
    (folder / "d_null.csv").symlink_to("/dev/null")
    (folder / "e_gone.txt").symlink_to(folder / "nowhere.txt")
    batch = _read_with_a_deadline([folder], fifo=folder / "b_pipe.jsonl")
    assert [d.id for d in batch.documents] == ["a"]
    assert [(Path(s.source).name, s.reason) for s in batch.skipped] == [
        ("b_pipe.jsonl", "not a regular file"),
        ("c_zero.txt", "not a regular file"),
        ("d_null.csv", "not a regular file"),
        ("e_gone.txt", "cannot read: No such file or directory"),
    ]


@pytest.mark.parametrize("name", ["pipe.jsonl", "zero.txt", "null"])
def test_a_non_regular_file_given_by_name_is_one_skip(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "pipe.jsonl":
        os.mkfifo(path)
    else:
        path.symlink_to(f"/dev/{Path(name).stem}")
    batch = _read_with_a_deadline([path], fifo=path if name == "pipe.jsonl" else None)
    assert batch.documents == []
    assert [str(s) for s in batch.skipped] == [f"{path}: not a regular file"]


def test_bare_dev_null_is_a_skip() -> None:
    batch = read_documents("/dev/null")
    assert [str(s) for s in batch.skipped] == ["/dev/null: not a regular file"]


def test_unreadable_file_and_folder_are_reported_and_the_rest_is_read(
    tmp_path: Path, deny: Any
) -> None:
    folder = tmp_path / "news"
    (folder / "locked").mkdir(parents=True)
    write(folder / "locked" / "hidden.txt", REPORT)
    write(folder / "a.txt", REPORT)
    write(folder / "b.jsonl", json.dumps({"id": "b", "text": REPORT}) + "\n")
    write(folder / "c.txt", REPORT)
    deny(folder / "b.jsonl")
    deny(folder / "locked")
    batch = read_documents(folder)
    assert [d.id for d in batch.documents] == ["a", "c"]
    assert [(Path(s.source).name, s.reason) for s in batch.skipped] == [
        ("locked", "cannot list folder: Permission denied"),  # found while listing, first
        ("b.jsonl", "cannot read: Permission denied"),
    ]


def test_documents_above_the_size_limit_are_counted_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--max-doc-bytes (issue 25.6): a document larger than the limit is skipped with its line,
    the others are read; a .txt file is judged by its size, unread."""
    small = "Shelling hit Tal Abyad on Monday."
    big = "Clashes near Manbij. " * 400  # 8,400 bytes
    write(
        tmp_path / "news.jsonl",
        "\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate([small, big, small])),
    )
    write(tmp_path / "big.txt", big)
    write(tmp_path / "page.html", f"<html><body><p>{big}</p></body></html>")
    write(tmp_path / "rows.csv", f"id,text\na,{small}\nb,{big}\n")
    batch = read_documents(tmp_path, max_bytes=5_000)
    assert sorted(d.id for d in batch.documents) == ["0", "2", "a"]
    reasons = {(Path(s.source).name, s.line): s.reason for s in batch.skipped}
    assert set(reasons) == {
        ("news.jsonl", 2),
        ("big.txt", None),
        ("page.html", None),
        ("rows.csv", 3),
    }
    assert all("more than the limit of 5,000 (--max-doc-bytes)" in r for r in reasons.values())
    assert reasons["news.jsonl", 2].startswith("document of 8,400 bytes")
    # no limit, and the limit from the environment
    assert len(read_documents(tmp_path, max_bytes=None).documents) == 7
    monkeypatch.setenv("GEOMAP_MAX_DOC_BYTES", "8400")
    assert len(read_documents(tmp_path).documents) == 7
    monkeypatch.setenv("GEOMAP_MAX_DOC_BYTES", "5000")
    assert len(read_documents(tmp_path).documents) == 3
    monkeypatch.setenv("GEOMAP_MAX_DOC_BYTES", "0")
    assert len(read_documents(tmp_path).documents) == 7
    monkeypatch.setenv("GEOMAP_MAX_DOC_BYTES", "lots")
    with pytest.raises(GeomapError, match="GEOMAP_MAX_DOC_BYTES"):
        read_documents(tmp_path)


def test_default_size_limit_is_a_few_megabytes(tmp_path: Path) -> None:
    text = "Shelling continued near Ras al-Ain on Thursday.\n\n"
    write(tmp_path / "a.txt", text * (6_000_000 // len(text)))
    write(tmp_path / "b.txt", text * (4_000_000 // len(text)))
    batch = read_documents(tmp_path)
    assert [d.id for d in batch.documents] == ["b"]
    assert [Path(s.source).name for s in batch.skipped] == ["a.txt"]
