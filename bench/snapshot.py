"""A snapshot of every place mention and resolution geomap writes, to compare two versions.

    python bench/snapshot.py [EVAL_DIR] -o bench/results/snapshot.jsonl
    python bench/snapshot.py [EVAL_DIR] -o new.jsonl --compare bench/results/snapshot.jsonl

For every document of every ``*.jsonl`` corpus in ``EVAL_DIR`` (default ``../shared/eval``, read
at run time, never copied) and of the bundled demo reports, one line per mention: corpus,
document id, span, text, role, resolved place id (or null), score (4 decimals) and reason. With
``--compare`` the differences are listed (at most ``--show`` of them) and the exit status is 1
when there are any: a refactor that must not change behaviour (issues 24 and 26) runs this before
and after each step.

Python's string hashing is randomised per process and a few ties in the geoparser follow set
order, so the script runs itself again with ``PYTHONHASHSEED=0`` when it is not set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def snapshot_lines(eval_dir: Path) -> Iterator[str]:
    from geomap.documents import read_documents
    from geomap.geoparsing import geoparse

    sources = [*sorted(eval_dir.glob("*.jsonl")), REPO / "geomap" / "examples" / "reports.jsonl"]
    for path in sources:
        for doc in read_documents([path]).documents:
            for r in geoparse(doc):
                m = r.mention
                yield json.dumps(
                    {
                        "corpus": path.stem,
                        "doc": doc.id,
                        "span": [m.start, m.end],
                        "text": m.text,
                        "role": m.role,
                        "place": r.place.place_id if r.place is not None else None,
                        "score": round(r.score, 4),
                        "reason": r.reason,
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                )


def compare(new: Path, old: Path, show: int) -> int:
    def keyed(path: Path) -> dict[tuple[str, str, int, int], str]:
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            out[(rec["corpus"], rec["doc"], *rec["span"])] = line
        return out

    a, b = keyed(old), keyed(new)
    gone = sorted(set(a) - set(b))
    added = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    print(f"{len(b):,} mentions; {len(gone)} gone, {len(added)} new, {len(changed)} changed")
    for label, keys, src in (("-", gone, a), ("+", added, b)):
        for k in keys[:show]:
            print(f"{label} {src[k]}")
    for k in changed[:show]:
        print(f"~ {a[k]}\n  {b[k]}")
    return 1 if gone or added or changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", default=str(REPO.parent / "shared" / "eval"))
    parser.add_argument("-o", "--output", required=True, help="Snapshot file to write (JSONL).")
    parser.add_argument("--compare", help="An earlier snapshot to compare with.")
    parser.add_argument("--show", type=int, default=20, help="Differences to print per kind.")
    args = parser.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        return subprocess.call([sys.executable, __file__, *sys.argv[1:]], env=env)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for line in snapshot_lines(Path(args.eval_dir)):
            fh.write(line + "\n")
    if args.compare:
        return compare(out, Path(args.compare), args.show)
    print(f"snapshot written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
