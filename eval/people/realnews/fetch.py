#!/usr/bin/env python3
"""Writes the real-news evaluation articles for people and quotes.

The articles are the Lee corpus of Australian news, shipped as test data in
the gensim package on PyPI. Their text is not ours to redistribute (see
eval/people/README.md, "Real news"), so the repository keeps only the labels
and this script, which downloads one pinned gensim wheel with pip, checks the
digests of the wheel and of the two corpus files, and writes one Markdown
file per article into realnews/<set>/sources for each labelled set.

    python3 eval/people/realnews/fetch.py            # the labelled sets
    python3 eval/people/realnews/fetch.py --all DIR  # also every article, as a
                                                     # workspace at DIR

Running it again changes nothing when the files are already right.
"""

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GENSIM = "gensim==4.4.0"
WHEEL = "gensim-4.4.0-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl"
WHEEL_SHA256 = "91a7fa5e814e7b1bad4b2dffa8d62c1e55410d5cbdf930714c1997ffb4404db8"

# Each corpus file: where it sits in the wheel, its digest, its encoding, the
# stem prefix of the articles made from it and the date they are given (the
# files carry no dates; see the README).
CORPUS_FILES = {
    "lee_background.cor": {
        "member": "gensim/test/test_data/lee_background.cor",
        "sha256": "5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb",
        "encoding": "ascii",
        "prefix": "lee-background",
        "date": "2001-12-31",
    },
    "lee.cor": {
        "member": "gensim/test/test_data/lee.cor",
        "sha256": "a878f9a58f6743c32985c56c2f2f75988386216b38a4023a01fd3bcf7884d93e",
        "encoding": "latin-1",
        "prefix": "lee",
        "date": "2002-09-30",
    },
}

# The labelled sets: (corpus file, 1-based line). The held-out third must not
# be looked at while tuning.
SETS = {
    "corpus": [("lee_background.cor", n) for n in (
        1, 7, 13, 17, 36, 37, 42, 43, 46, 50, 59, 70, 84, 94, 105, 119, 141,
        153, 166, 180, 185, 201, 213, 233, 253, 268, 273, 284, 285,
    )] + [("lee.cor", n) for n in (1, 50)],
    "heldout": [("lee_background.cor", n) for n in (
        38, 107, 132, 133, 162, 192, 214, 222, 247, 271, 275, 276, 300,
    )] + [("lee.cor", n) for n in (14, 23)],
    # A second tuning set: the articles with the most quoted passages among
    # those in no other set (of the eval of people or of claims), leaving
    # out near copies of another article.
    "tune2": [("lee_background.cor", n) for n in (
        80, 83, 106, 108, 115, 117, 157, 173, 196, 215, 234, 251, 252, 269,
    )],
    # A third: articles of no other set that name different people of one
    # surname (Mark, Daryl and Ray Williams; Mark and Steve Waugh; Kim
    # Smith, Wayne Martin and Martin Walker), for the clustering of names.
    "tune3": [("lee_background.cor", n) for n in (
        20, 60, 98, 104, 195, 226, 263, 265,
    )],
    # A fourth, for quote speakers: every article of no other set (of either
    # evaluation) with six quote marks or more, leaving out near copies of an
    # article of another set (three tenths of its five-word runs shared) and
    # line 272, a copy of line 264.
    "tune4": [("lee_background.cor", n) for n in (
        32, 35, 41, 49, 51, 53, 65, 72, 110, 131, 146, 148, 184, 217, 246,
        250, 260, 264,
    )],
    # A fifth, for quote speakers: the articles of no other set (of either
    # evaluation) with five quote marks, and the first eight, from the end of
    # the file, with four; none shares a twentieth of its five-word runs
    # with an article of another set, and line 120, a copy of line 116, is
    # left out.
    "tune5": [("lee_background.cor", n) for n in (
        39, 54, 62, 79, 91, 116, 127, 145, 149, 155, 168, 191, 204, 212,
        219, 220, 228, 235, 254, 258, 266, 286, 295,
    )],
    # A sixth, for quote speakers: the articles of no other set with three
    # quote marks, and every article of lee.cor in no other set with two;
    # none shares a twentieth of its five-word runs with an article of
    # another set (which leaves out line 279).
    "tune6": [("lee_background.cor", n) for n in (
        143, 147, 152, 163, 167, 172, 205, 223, 229, 230, 238, 239, 256, 283,
        290,
    )] + [("lee.cor", n) for n in (
        2, 3, 4, 5, 6, 10, 11, 12, 17, 28, 29, 30, 37, 39, 42, 48,
    )],
    # A seventh, for quote speakers: every article of no other set (of
    # either evaluation) with four quote marks; none shares a twentieth of
    # its five-word runs with an article of another set.
    "tune7": [("lee_background.cor", n) for n in (
        5, 6, 9, 18, 27, 30, 31, 34, 48, 56, 58, 66, 71, 74, 76, 82, 85, 93,
        97, 112, 128, 139, 140, 144, 150, 154, 161, 174, 176, 177, 210,
    )] + [("lee.cor", n) for n in (27, 33, 36, 43)],
    # An eighth, for quote speakers: every article of lee_background.cor in
    # no other set with two quote marks; none shares a twentieth of its
    # five-word runs with an article of another set (which leaves out lines
    # 99 and 183) or of this one (line 121, a copy of line 118).
    "tune8": [("lee_background.cor", n) for n in (
        14, 21, 57, 61, 81, 102, 103, 109, 118, 125, 134, 135, 138, 156, 160,
        186, 190, 194, 199, 202, 203, 218, 244, 257, 274, 280, 287, 288, 292,
        294, 298, 299,
    )],
    # A ninth, for names and their clustering: every article of no other set
    # with no quote mark, leaving out near copies of an article of another
    # set or of this one (lines 47, 237 and 289).
    "tune9": [("lee_background.cor", n) for n in (
        2, 3, 4, 8, 10, 11, 12, 15, 16, 19, 22, 23, 24, 25, 28, 33, 40, 44,
        45, 52, 55, 64, 67, 68, 69, 75, 77, 78, 86, 87, 89, 90, 92, 95, 96,
        101, 114, 122, 123, 124, 130, 137, 142, 159, 164, 165, 170, 175, 178,
        179, 187, 193, 197, 198, 206, 208, 209, 211, 216, 221, 224, 227, 231,
        232, 236, 241, 243, 248, 249, 255, 259, 262, 270, 277, 278, 281, 282,
        291, 293, 296, 297,
    )] + [("lee.cor", n) for n in (
        7, 8, 9, 13, 15, 16, 18, 19, 20, 21, 22, 24, 25, 26, 31, 32, 34, 35,
        38, 40, 41, 44, 45, 46, 47, 49,
    )],
}

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_stem(corpus_file: str, line: int) -> str:
    return f"{CORPUS_FILES[corpus_file]['prefix']}-{line:03d}"


def article_text(corpus_file: str, line: int, body: str) -> str:
    meta = CORPUS_FILES[corpus_file]
    return (
        "---\n"
        f"id: {article_stem(corpus_file, line)}\n"
        f"date: {meta['date']}\n"
        f"source: gensim 4.4.0 test data, {corpus_file} line {line}\n"
        "---\n"
        f"{body.rstrip()}\n"
    )


def download_wheel(cache: Path) -> bytes:
    wheel = cache / WHEEL
    if not wheel.is_file() or sha256(wheel.read_bytes()) != WHEEL_SHA256:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable, "-m", "pip", "download", "--quiet",
                "--disable-pip-version-check", "--no-deps",
                "--only-binary=:all:", "--platform", "manylinux_2_28_x86_64",
                "--python-version", "3.11", "--implementation", "cp",
                "-d", str(cache), GENSIM,
            ],
            check=True,
        )
    data = wheel.read_bytes()
    if sha256(data) != WHEEL_SHA256:
        sys.exit(f"{wheel}: digest differs from the pinned {WHEEL_SHA256}")
    return data


def read_corpora(cache: Path) -> dict:
    """Each corpus file as its list of lines (one article a line)."""
    with tempfile.TemporaryDirectory() as scratch:
        wheel = Path(scratch) / WHEEL
        wheel.write_bytes(download_wheel(cache))
        corpora = {}
        with zipfile.ZipFile(wheel) as archive:
            for name, meta in CORPUS_FILES.items():
                data = archive.read(meta["member"])
                if sha256(data) != meta["sha256"]:
                    sys.exit(f"{WHEEL}:{meta['member']}: digest differs from the pinned one")
                corpora[name] = data.decode(meta["encoding"]).split("\n")
    return corpora


def write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", type=Path, metavar="DIR",
                        help="also write every article into DIR/sources")
    parser.add_argument("--cache", type=Path, default=REPO / "target" / "realnews",
                        help="where the downloaded wheel is kept (default: target/realnews)")
    args = parser.parse_args()
    corpora = read_corpora(args.cache)
    written = 0
    for set_name, members in SETS.items():
        for corpus_file, line in members:
            body = corpora[corpus_file][line - 1]
            path = HERE / set_name / "sources" / f"{article_stem(corpus_file, line)}.md"
            written += write_if_changed(path, article_text(corpus_file, line, body))
    if args.all:
        for corpus_file, lines in corpora.items():
            for index, body in enumerate(lines, start=1):
                if body.strip():
                    path = args.all / "sources" / f"{article_stem(corpus_file, index)}.md"
                    written += write_if_changed(path, article_text(corpus_file, index, body))
    print(f"real-news articles: {written} written, the rest already up to date")


if __name__ == "__main__":
    main()
