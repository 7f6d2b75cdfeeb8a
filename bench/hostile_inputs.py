#!/usr/bin/env python3
"""Hostile-size workspaces (issue 21, item 6) for bench/hostile_sizes.sh.

usage: hostile_inputs.py KIND OUT SIZE"""
import os, random, sys

FIRST = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas"]
LAST = ["Albrecht", "Baranov", "Castellano", "Dubois", "Eriksen", "Fontaine", "Galvez", "Horvath"]
WORDS = ("the council budget minister said would plan growth river town market school railway "
         "northern southern ministry report official talks peace trade deal agreement union "
         "workers strike harbour bridge election voters tax spending health hospital doctors "
         "nurses police court judge ruling appeal farmers prices energy gas oil power grid "
         "winter summer spring autumn week month year people families children teachers").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def para(rng, k=5):
    out = []
    for _ in range(k):
        r = rng.random()
        if r < 0.2:
            who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            out.append(f"\"{sentence(rng)[:-1]},\" {who} said.")
        elif r < 0.3:
            out.append(f"The plan costs {rng.randint(2, 900)},000 units and lifts growth by {rng.randint(1,9)}.{rng.randint(0,9)} percent.")
        else:
            out.append(sentence(rng))
    return " ".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def article(key, body, date="2024-05-10"):
    return f"---\ntitle: {key}\ndate: {date}\nsource: Example News\n---\n{body}\n"


def base(out, rng, n=5):
    for i in range(n):
        body = "\n\n".join(para(rng) for _ in range(6))
        write(f"{out}/sources/a{i}.md", article(f"a{i}", body))
    write(f"{out}/backstop.toml", "")


def misquote(out, size):
    """One article holding a long passage; the note quotes `size` characters of it with a few words changed."""
    rng = random.Random(1)
    base(out, rng)
    words = []
    while sum(len(w) + 1 for w in words) < size + 20000:
        words.extend(sentence(rng).split())
    body = " ".join(words)
    write(f"{out}/sources/long.md", article("long", body))
    quote_words = []
    length = 0
    for w in words[100:]:
        if length >= size:
            break
        quote_words.append(w)
        length += len(w) + 1
    for k in range(3):
        quote_words[len(quote_words) * (k + 1) // 4] = "zeppelin"
    quote = " ".join(quote_words).rstrip(".")
    write(f"{out}/notes/n.md", f"# Note\n\nAnna Albrecht said \"{quote}\" [@long].\n")


def blockquote(out, size):
    """A blockquote of many short quotes, `size` bytes."""
    rng = random.Random(2)
    base(out, rng)
    lines = ["# Note", ""]
    length = 0
    while length < size:
        parts = []
        for _ in range(4):
            parts.append(f"\"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))}.\"")
        line = "> " + " ".join(parts)
        lines.append(line)
        length += len(line) + 1
    write(f"{out}/notes/n.md", "\n".join(lines) + "\n")


def blockquote_attributed(out, size):
    """The same blockquote, attributed: one quote of `size` bytes."""
    blockquote(out, size)
    with open(f"{out}/notes/n.md", "a") as f:
        f.write("> — Anna Albrecht [@a1]\n")


def gapped_quote(out, gaps):
    """An article of 4,000 sentences; the note quotes three words after each
    of `gaps` omissions (`...`), in order, the last but ten pieces changed."""
    rng = random.Random(6)
    base(out, rng)
    words = []
    for _ in range(4000):
        words.extend(sentence(rng).split())
    write(f"{out}/sources/long.md", article("long", " ".join(words)))
    bare = [w.strip(".").lower() for w in words]
    step = max(len(bare) // (gaps + 1), 4)
    pieces = [" ".join(bare[i * step:i * step + 3]) for i in range(gaps + 1)]
    pieces[-10] = "zeppelin over harbour"
    write(f"{out}/notes/n.md", f"# Note\n\nAnna Albrecht said \"{' ... '.join(pieces)}\" [@long].\n")


def common_gaps(out, gaps):
    """An article of 4,000 sentences, every other word "the"; the note
    quotes "the" after each of `gaps` omissions, then "the zeppelin", which
    it does not hold."""
    rng = random.Random(7)
    base(out, rng)
    nouns = "council budget minister said plan growth river town market school".split()
    body = " ".join("The " + " the ".join(rng.choice(nouns) for _ in range(6)) + "." for _ in range(4000))
    write(f"{out}/sources/long.md", article("long", body))
    quote = " ... ".join(["the"] * gaps) + " ... the zeppelin"
    write(f"{out}/notes/n.md", f"# Note\n\nAnna Albrecht said \"{quote}\" [@long].\n")


def citations(out, count, sentence=True):
    """One line holding `count` citations, each after a short sentence (or,
    with `sentence` false, all in one sentence)."""
    rng = random.Random(3)
    base(out, rng)
    keys = [f"a{i}" for i in range(5)] + ["missing"]
    if sentence:
        parts = [f"Growth rose {i % 97} percent [@{keys[i % len(keys)]}]." for i in range(count)]
        line = " ".join(parts)
    else:
        parts = [f"[@{keys[i % len(keys)]}]" for i in range(count)]
        line = "Growth rose by the plan " + " ".join(parts) + "."
    write(f"{out}/notes/n.md", "# Note\n\n" + line + "\n")


def unknown_keys(out, count):
    """One line holding `count` citations of keys no article has, each
    different (run with the cache: the keys the notes cite are kept)."""
    rng = random.Random(8)
    base(out, rng)
    line = " ".join(f"Growth rose [@missing{i}x]." for i in range(count))
    write(f"{out}/notes/n.md", "# Note\n\n" + line + "\n")


def citations_group(out, count):
    """One sentence holding `count` citation groups."""
    citations(out, count, sentence=False)


def note(out, size):
    """A realistic note of `size` bytes: claims, citations and quotes in paragraphs and lists."""
    rng = random.Random(4)
    base(out, rng)
    lines = ["# Note", ""]
    length = 0
    n = 0
    while length < size:
        n += 1
        key = f"a{rng.randint(0, 5)}"
        r = rng.random()
        if r < 0.3:
            who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            line = f"{who} said \"{sentence(rng)[:-1]}\" [@{key}]."
        elif r < 0.6:
            line = f"- The plan costs {rng.randint(2, 900)},000 units in {2020 + n % 6} [@{key}]."
        elif r < 0.62:
            line = f"\n## Section {n}\n"
        else:
            line = f"{sentence(rng)[:-1]} [@{key}]. {sentence(rng)}"
        lines.append(line)
        length += len(line) + 1
    write(f"{out}/notes/n.md", "\n".join(lines) + "\n")


def big_article(out, size):
    """One article of `size` bytes in news style."""
    rng = random.Random(5)
    base(out, rng)
    path = f"{out}/sources/big.md"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    paragraphs = [para(rng) for _ in range(2000)]
    with open(path, "w") as f:
        f.write("---\ntitle: big\ndate: 2024-05-10\nsource: Example News\n---\n")
        written = 0
        i = 0
        while written < size:
            p = paragraphs[i % len(paragraphs)] + f" Round {i}.\n\n"
            f.write(p)
            written += len(p)
            i += 1
    write(f"{out}/notes/n.md", "# Note\n\nGrowth rose [@big].\n")


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    globals()[kind.replace("-", "_")](out, size)
