#!/usr/bin/env python3
"""Convert the PETRARCH2 peer lexicon into an actorgraph lexicon.

usage: python3 tests/peer/convert_lexicon.py [PETRARCH_LEXICON [OUT_DIR]]

Reads ../shared/peer/petrarch-lexicon.json (actor codes and the dictionary
phrases that name them, in capitals) and lexicons/default.json, and writes
into tests/peer/ (or OUT_DIR):

  petrarch-lexicon.json  the actors with their PETRARCH codes as ids, and the
                         cue and grammar sections of lexicons/default.json
                         copied unchanged (one source of English cues: a cue
                         added to the default reaches the peer suite by
                         re-running this script).
  petrarch-codes.json    gold codes that are not actor ids here, mapped to
                         the id that stands for them (`actorgraph eval --map`).

Decisions:

- Aliases are written in title case (`ARNOR` -> `Arnor`, `MINAS TIRITH` ->
  `Minas Tirith`, `BARAD-DUR` -> `Barad-Dur`) so they match running text:
  short all-capital aliases would otherwise be case-sensitive acronyms and
  `ARNOR` would never match `Arnor`. Acronyms stay in capitals: words with a
  dot (`U.S.`, `K.U.`, `W.`), words of one or two letters that are not
  English words (`KU` in `The KU`), and an alias that is one word of at most
  three letters (`USA`); alone they stay case-sensitive.
- An alias listed for several actors (the PETRARCH dictionary codes one
  phrase as several actors, or as different actors by date: THE SHIRE,
  LORIEN, SAM GAMGEE, ZIMBABWE) belongs to the first actor that lists it, in
  file order. actorgraph has no date restrictions and one name is one actor.
  An actor left without aliases is dropped, and its code is mapped to the
  actor that took its name, so gold events naming it are scored as that
  actor (BIL -> FRO: `the Shire`). A code that still has names of its own
  keeps them and is not mapped.
- The lexicon is named `petrarch`; its `about` says where it comes from.

The output is deterministic (same input, same bytes), written with two-space
indentation like lexicons/default.json.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_IN = os.path.join(ROOT, "..", "shared", "peer", "petrarch-lexicon.json")
DEFAULT_LEXICON = os.path.join(ROOT, "lexicons", "default.json")

# Sections taken from the default lexicon unchanged.
COPIED = ["cues", "negators", "reversers", "clause_breaks", "coordinators", "binders",
          "reciprocals", "neutral", "boilerplate"]

# Short words that are English words, not acronyms, inside names.
SMALL_WORDS = {"the", "of", "and", "for", "in", "on", "at", "to", "al", "el", "de", "du", "la",
               "le", "van", "von", "bin"}


def title_word(word, acronym_letters):
    """Title case for one word; acronyms (a dot, or a short word that is no English word) stay."""
    if "." in word:
        return word
    letters = sum(c.isalpha() for c in word)
    if 0 < letters <= acronym_letters and word.lower() not in SMALL_WORDS:
        return word
    return word[:1].upper() + word[1:].lower()


def title_case(phrase):
    """`MINAS TIRITH` -> `Minas Tirith`, `BARAD-DUR` -> `Barad-Dur`; `U.S.`, `USA` unchanged."""
    if any(c.islower() for c in phrase):
        return phrase
    if " " not in phrase and "-" not in phrase:
        return title_word(phrase, 3)
    words = []
    for word in phrase.split(" "):
        words.append("-".join(title_word(part, 2) for part in word.split("-")))
    return " ".join(words)


def convert(peer, default):
    """Returns (lexicon, code map, notes) for the peer lexicon and the default lexicon."""
    owner = {}   # folded alias -> id of the first actor listing it
    actors = []
    codes = {}
    notes = []
    for actor in peer["actors"]:
        kept = []
        for alias in actor.get("aliases", []):
            text = title_case(alias)
            key = text.casefold()
            if key in owner:
                if owner[key] != actor["id"]:
                    notes.append("%s: alias %r already names %s" % (actor["id"], alias, owner[key]))
                continue
            owner[key] = actor["id"]
            kept.append(text)
        if kept:
            actors.append({"id": actor["id"], "label": title_case(actor.get("label") or actor["id"]),
                           "aliases": kept})
            continue
        taken = [owner[title_case(a).casefold()] for a in actor.get("aliases", [])]
        if taken:
            codes[actor["id"]] = taken[0]
            notes.append("%s: dropped (no alias of its own), mapped to %s" % (actor["id"], taken[0]))
        else:
            notes.append("%s: dropped (no aliases)" % actor["id"])
    lexicon = {
        "name": "petrarch",
        "about": "PETRARCH2 validation actors (../shared/peer/petrarch-lexicon.json, from "
                 "openeventdata/petrarch2, MIT) with their codes as ids, converted by "
                 "tests/peer/convert_lexicon.py; cues and grammar words are those of "
                 "lexicons/default.json. Do not edit: re-run the script.",
        "actors": actors,
    }
    for key in COPIED:
        if key in default:
            lexicon[key] = default[key]
    return lexicon, codes, notes


def dump(obj, indent=0, width=100):
    """JSON in the layout of lexicons/default.json: objects one key a line, arrays of
    strings and small objects packed into lines of at most `width` characters."""
    pad = " " * indent
    inner = " " * (indent + 2)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ["%s%s: %s" % (inner, json.dumps(k, ensure_ascii=False), dump(v, indent + 2, width))
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and all(isinstance(v, str) or (isinstance(v, dict) and not any(
            isinstance(x, (dict, list)) for x in v.values())) for v in obj):
        if not obj:
            return "[]"
        cells = [json.dumps(v, ensure_ascii=False, separators=(", ", ": ")) for v in obj]
        lines, line = [], ""
        for cell in cells:
            if line and len(inner) + len(line) + len(cell) + 2 > width:
                lines.append(line + ",")
                line = cell
            else:
                line = line + ", " + cell if line else cell
        lines.append(line)
        return "[\n" + "\n".join(inner + l for l in lines) + "\n" + pad + "]"
    if isinstance(obj, list):
        return "[\n" + ",\n".join(inner + dump(v, indent + 2, width) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def main(argv):
    src = argv[1] if len(argv) > 1 else DEFAULT_IN
    out_dir = argv[2] if len(argv) > 2 else HERE
    if len(argv) > 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        with open(src, encoding="utf-8") as f:
            peer = json.load(f)
        with open(DEFAULT_LEXICON, encoding="utf-8") as f:
            default = json.load(f)
    except (OSError, ValueError) as e:
        sys.stderr.write("convert_lexicon.py: %s\n" % e)
        return 2
    lexicon, codes, notes = convert(peer, default)
    for name, obj in (("petrarch-lexicon.json", lexicon), ("petrarch-codes.json", codes)):
        path = os.path.join(out_dir, name)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(dump(obj) + "\n")
        os.replace(tmp, path)
    for note in notes:
        sys.stderr.write("convert_lexicon.py: %s\n" % note)
    sys.stderr.write("convert_lexicon.py: %d actors, %d codes mapped\n" % (len(lexicon["actors"]), len(codes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
