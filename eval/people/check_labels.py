#!/usr/bin/env python3
"""Checks that the labels of a workspace agree with each other across its
articles, for a person to be reviewed by hand.

Each article is labelled from its own text, so two articles may give one
person two labels (one article may, too): "Zaman" where an article writes only "Haji Zaman" and
"Mohammad Zaman" where another writes the full name, or two spellings of a
misspelt name. The evaluation takes two labels for two people, so a
recogniser that rightly joins them is scored with a wrong merge. This
script lists the pairs of labels that may be one person, with the sentence each is first written in, and every quote whose
speaker is no mention's label in its article (a typing slip in a label).
It decides nothing: a reader checks each pair against the texts and gives
one person one label in every article.

    python3 eval/people/check_labels.py SOURCES LABELS [SOURCES LABELS ...]

Several pairs of folders are read as one workspace.
"""

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path


def article_text(path):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[end + 4 :]
    return text


def sentence_with(text, surface):
    at = text.find(surface)
    if at == -1:
        return ""
    start = max(text.rfind(". ", 0, at) + 2, at - 200, 0)
    end = text.find(". ", at)
    end = len(text) if end == -1 else min(end + 1, at + 200)
    return " ".join(text[start:end].split())


def words(label):
    return re.findall(r"[\w'-]+", label)


def may_be_one(a, b):
    """Whether two labels may name one person: one is the other's surname,
    the other's given names as initials, or a near spelling of it."""
    wa, wb = words(a), words(b)
    if not wa or not wb or a == b:
        return False
    la, lb = wa[-1].lower(), wb[-1].lower()
    if la == lb:
        if len(wa) == 1 or len(wb) == 1:
            return True
        ga, gb = wa[0].lower(), wb[0].lower()
        return ga[0] == gb[0]
    near = SequenceMatcher(None, a.lower(), b.lower()).ratio()
    return near >= 0.85 and la[:2] == lb[:2]


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    # label → {article stem: first surface}
    people = {}
    broken = []
    texts = {}
    for sources, labels in zip(argv[::2], argv[1::2]):
        for file in sorted(Path(labels).glob("*.json")):
            stem = file.stem
            data = json.loads(file.read_text(encoding="utf-8"))
            texts[stem] = article_text(Path(sources) / f"{stem}.md")
            named = set()
            for surface, person in data["mentions"]:
                people.setdefault(person, {}).setdefault(stem, surface)
                named.add(person)
            for quote in data["quotes"]:
                if quote["speaker"] != "unnamed" and quote["speaker"] not in named:
                    broken.append((stem, quote["speaker"], quote["starts"]))
    pairs = []
    labels = sorted(people)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if may_be_one(a, b):
                pairs.append((a, b))
    for stem, speaker, starts in broken:
        print(f"quote speaker with no mention: {stem}: {speaker!r} ({starts!r})")
    for a, b in pairs:
        print(f"== {a!r} / {b!r}")
        for label in (a, b):
            for stem, surface in sorted(people[label].items()):
                print(f"   {label!r} in {stem}: {sentence_with(texts[stem], surface)}")
    print(f"{len(pairs)} pairs to review, {len(broken)} quote speakers with no mention")


if __name__ == "__main__":
    main(sys.argv[1:])
