#!/usr/bin/env python3
"""Makes antonyms.txt and synonyms.txt beside this script from WordNet 3.0.

WordNet comes from Debian's package `wordnet-base` (`apt-get install
wordnet-base`), whose database lies in /usr/share/wordnet. The script keeps
the antonym pairs (WordNet's lexical `!` pointers) of verbs, adjectives and
nouns whose two words are common in that very sense: each sense is among its
word's first senses and was tagged often enough in WordNet's own sense-tagged
corpus (`cntlist.rev`). Pairs the hand lists already give, pairs stating one
event from its two sides (`converses.txt`) and the pairs `excluded.txt`
names are left out. The synonyms are the synsets of common verbs of the
same topics, less the words `excluded_synonyms.txt` names. Each verb is
written with its forms: irregular ones from WordNet's `verb.exc`, else the
regular ones.

    python3 src/claims/passage/wordnet/make.py [/usr/share/wordnet]

The output is stable: the same database gives the same file.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PASSAGE = os.path.dirname(HERE)
# A sense must be among its word's first senses ...
MOST_SENSE_NUMBER = 3
# ... and tagged at least this often in the sense-tagged corpus.
FEWEST_TAGS = 1
POS = {"verb": "2", "adj": "3", "noun": "1"}
# The lexicographer files whose pairs are opposite outcomes a news claim
# may state: verbs of change, cognition, communication, competition,
# emotion, possession, social life and states; nouns of acts, events,
# feelings, processes and states. Pairs of motion, posture, the body,
# contact or kinship ("come" and "go", "sit" and "stand") are two acts, not
# one denied. Adjectives count only by their form, below: "new" and "old"
# or "high" and "low" are said of different things in one sentence too
# often.
TOPICAL = {
    "verb": {"30", "31", "32", "33", "37", "40", "41", "42"},
    "noun": {"04", "11", "12", "22", "26"},
    "adj": set(),
}
# A verb's sense must be tagged this often to join a group of synonyms.
FEWEST_SYNONYM_TAGS = 3
# Prefixes that negate the word they stand before ("able", "unable").
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "de", "mis")


def synsets(folder, pos):
    """Each synset of `pos` by offset: its words (lemma, lex_id) and its
    lexicographer file number and antonym pointers."""
    found = {}
    with open(os.path.join(folder, "data." + pos), encoding="latin-1") as data:
        for line in data:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lex_file, ss_type = fields[0], fields[1], fields[2]
            count = int(fields[3], 16)
            words = []
            for i in range(count):
                lemma = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])
                words.append((lemma, int(fields[5 + 2 * i], 16)))
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, target, target_pos, ends = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                if symbol == "!":
                    pointers.append((target, int(ends[:2], 16), int(ends[2:], 16)))
            found[offset] = (lex_file, ss_type, words, pointers)
    return found


def tag_counts(folder):
    """Sense key to (sense number, times tagged)."""
    counts = {}
    with open(os.path.join(folder, "cntlist.rev"), encoding="latin-1") as data:
        for line in data:
            key, number, tags = line.split()
            counts[key] = (int(number), int(tags))
    return counts


def as_word(lemma):
    """The lemma as the lists write it, or None when it is no single word.
    Verbs with a particle ("check_in") are left to the hand lists: each
    particle they bring makes the lexicon try every "word particle" pair of
    an article ("in" follows a great many words)."""
    lemma = lemma.lower()
    return lemma if re.fullmatch(r"[a-z]+", lemma) else None


def common(lemma, lex_id, lex_file, pos, counts):
    key = "%s%%%s:%s:%02d::" % (lemma.lower(), POS[pos], lex_file, lex_id)
    number, tags = counts.get(key, (99, 0))
    return number <= MOST_SENSE_NUMBER and tags >= FEWEST_TAGS


def by_form(a, b):
    """Whether one word is the other negated by its form: a negating prefix
    ("unable") or "-less" for "-ful" ("hopeless")."""
    if any(b == p + a or a == p + b for p in NEGATING_PREFIXES):
        return True
    return a.endswith("ful") and b == a[:-3] + "less" or b.endswith("ful") and a == b[:-3] + "less"


def hand_words(name):
    """Every word of a hand list, by the side it stands on: pairs of sets."""
    sides = []
    with open(os.path.join(PASSAGE, name), encoding="utf-8") as data:
        for line in data:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            left, _, right = line.partition("|")
            sides.append((set(left.split()), set(right.split())))
    return sides


def excluded():
    pairs = set()
    with open(os.path.join(HERE, "excluded.txt"), encoding="utf-8") as data:
        for line in data:
            line = line.split("#")[0].strip()
            if line:
                left, right = (w.strip() for w in line.split("|", 1))
                pairs.add(frozenset((left, right)))
    return pairs


def irregular_forms(folder):
    """Base verb to its irregular forms ("fall" to "fell fallen")."""
    forms = {}
    with open(os.path.join(folder, "verb.exc"), encoding="latin-1") as data:
        for line in data:
            form, *bases = line.split()
            for base in bases:
                forms.setdefault(base, set()).add(form)
    return forms


def verb_counts(counts):
    """Word to (times tagged as a verb, times tagged otherwise)."""
    found = {}
    for key, (_, tags) in counts.items():
        lemma, rest = key.split("%")
        verb, other = found.get(lemma, (0, 0))
        found[lemma] = (verb + tags, other) if rest[0] == "2" else (verb, other + tags)
    return found


def synonym_groups(folder, counts):
    """Synsets of topical verbs as groups of their words that are common in
    that sense (its first or second, tagged at least FEWEST_SYNONYM_TAGS
    times) and tagged as verbs more often than as anything else: "police"
    and "patrol" share a synset, but a claim's "police" is a noun."""
    verbs = verb_counts(counts)
    skip = excluded_words()
    groups = set()
    for lex_file, _, words, _ in synsets(folder, "verb").values():
        if lex_file not in TOPICAL["verb"]:
            continue
        kept = set()
        for lemma, lex_id in words:
            word = as_word(lemma)
            if not word or word in skip:
                continue
            key = "%s%%2:%s:%02d::" % (lemma.lower(), lex_file, lex_id)
            number, tags = counts.get(key, (99, 0))
            verb, other = verbs.get(lemma.lower(), (0, 0))
            if number <= 2 and tags >= FEWEST_SYNONYM_TAGS and verb > other:
                kept.add(word)
        if len(kept) >= 2:
            groups.add(tuple(sorted(kept)))
    return sorted(groups)


def excluded_words():
    words = set()
    with open(os.path.join(HERE, "excluded_synonyms.txt"), encoding="utf-8") as data:
        for line in data:
            line = line.split("#")[0].strip()
            words.update(line.split())
    return words


def inflections(verb, forms):
    """A verb's other forms: its irregular ones from `verb.exc`, else the
    regular past, and its -s and -ing forms, which the lexicon's stemming
    does not always bring back to the verb ("reiterated" and "reiterate")."""
    found = set(forms.get(verb, ()))
    consonant_y = verb.endswith("y") and verb[-2:-1] not in set("aeiou")
    if not found:
        if verb.endswith("e"):
            found.add(verb + "d")
        elif consonant_y:
            found.add(verb[:-1] + "ied")
        else:
            found.add(verb + "ed")
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        found.add(verb + "es")
    elif consonant_y:
        found.add(verb[:-1] + "ies")
    else:
        found.add(verb + "s")
    if verb.endswith("e") and not verb.endswith("ee"):
        found.add(verb[:-1] + "ing")
    else:
        found.add(verb + "ing")
    found.discard(verb)
    return sorted(found)


def main(folder):
    counts = tag_counts(folder)
    opposed = hand_words("opposites.txt")
    converse = hand_words("converses.txt")
    skip = excluded()
    pairs = set()
    for pos in POS:
        table = synsets(folder, pos)
        for lex_file, _, words, pointers in table.values():
            for target, source_n, target_n in pointers:
                lemma, lex_id = words[source_n - 1]
                other_file, _, other_words, _ = table[target]
                other, other_id = other_words[target_n - 1]
                a, b = as_word(lemma), as_word(other)
                if not a or not b:
                    continue
                if not (common(lemma, lex_id, lex_file, pos, counts)
                        and common(other, other_id, other_file, pos, counts)):
                    continue
                if not (lex_file in TOPICAL[pos] or by_form(a, b)):
                    continue
                pair = tuple(sorted((a, b)))
                if frozenset(pair) in skip:
                    continue
                if any((a in l and b in r) or (a in r and b in l) for l, r in opposed):
                    continue
                if any(a in l | r or b in l | r for l, r in converse):
                    continue
                pairs.add((pos, pair))
    forms = irregular_forms(folder)

    verbs = {pair for pos, pair in pairs if pos == "verb"}

    def written(word, pair):
        verb = pair is None or pair in verbs
        extra = inflections(word, forms) if verb else []
        return " ".join([word] + extra)

    out = os.path.join(HERE, "antonyms.txt")
    with open(out, "w", encoding="utf-8") as data:
        data.write(HEADER)
        for a, b in sorted({pair for _, pair in pairs}):
            data.write("%s | %s\n" % (written(a, (a, b)), written(b, (a, b))))
    print("%d pairs written to %s" % (len({p for _, p in pairs}), out), file=sys.stderr)
    groups = synonym_groups(folder, counts)
    out = os.path.join(HERE, "synonyms.txt")
    with open(out, "w", encoding="utf-8") as data:
        data.write(SYNONYMS_HEADER)
        for group in groups:
            data.write(" ".join(written(word, None) for word in group) + "\n")
    print("%d groups written to %s" % (len(groups), out), file=sys.stderr)


HEADER = """\
# Antonym pairs of common verbs, adjectives and nouns from WordNet 3.0
# (Princeton University; the notice is in LICENSE beside this file), made by
# make.py beside it: do not edit by hand, edit excluded.txt or make.py and
# run it again. One pair a line, "left words | right words", read as
# opposites.txt is, with irregular verb forms added after each verb.
"""

SYNONYMS_HEADER = """\
# Groups of synonymous common verbs from WordNet 3.0 (Princeton University;
# the notice is in LICENSE beside this file), made by make.py beside it: do
# not edit by hand, edit excluded_synonyms.txt or make.py and run it again.
# One group a line, read as ../synonyms.txt is, with irregular forms added.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
