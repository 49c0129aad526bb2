#!/usr/bin/env python3
"""Writes a large actorgraph lexicon for the lexicon-size benchmark: the default lexicon
plus N made-up actors (each with several aliases) and extra made-up cues, so that the
scanner's cost can be compared between 60 and 6,000 aliases + 2,000 cues.

  python3 gen_lexicon.py DEFAULT.json --aliases 6000 --cues 2000 --out big.json
The made-up names are letter strings that do not occur in English text, so the
network of a corpus is the same as with the default lexicon (the benchmark checks it).
"""
import argparse
import json
import random


def word(rng, n):
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(n)) + "x"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("default")
    ap.add_argument("--aliases", type=int, default=6000)
    ap.add_argument("--cues", type=int, default=2000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lex = json.load(open(a.default, encoding="utf-8"))
    have = sum(len(x["aliases"]) for x in lex["actors"])
    used = set()

    def fresh(n):
        while True:
            w = word(rng, n)
            if w not in used:
                used.add(w)
                return w

    k = 0
    while have < a.aliases:
        aliases = [fresh(rng.randint(2, 4)).capitalize() for _ in range(5)]
        aliases.append(aliases[0] + " " + fresh(2).capitalize())
        lex["actors"].append({"id": "X%05d" % k, "label": aliases[0], "aliases": aliases})
        have += len(aliases)
        k += 1
    per = a.cues // 4
    for pol in ("cooperation", "conflict"):
        for kind in ("symmetric", "directed"):
            lex["cues"][pol][kind] = list(lex["cues"][pol][kind]) + [fresh(rng.randint(2, 4)) for _ in range(per)]
    json.dump(lex, open(a.out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
