/* actorgraph eval: extraction quality against gold events. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/eval.h"
#include "actorgraph/export.h"
#include "actorgraph/extract.h"
#include "actorgraph/lexicon.h"
#include "cli/cli.h"

static void help(FILE *f)
{
    fputs("Usage: actorgraph eval [OPTIONS] GOLD.jsonl\n\n"
          "Runs the extractor on each gold record's text and compares what it relates\n"
          "with the record's events: pair recall and precision, sign accuracy and\n"
          "direction accuracy, overall, on records with a signed gold event, and per\n"
          "actor, with the misses. Exits 0 whatever the scores (it is a report).\n\n"
          "GOLD is JSON Lines ('-' for standard input), one record a line:\n"
          "  {\"id\": \"r1\", \"text\": \"...\",\n"
          "   \"events\": [{\"source\": \"A\", \"target\": \"B\", \"stance\": 1}]}\n"
          "stance is 1, -1 or null; records with \"evaluate\": false are skipped;\n"
          "source_actor/target_actor, when present, are used instead of source/target.\n\n"
          "Options:\n"
          "  -l, --lexicon FILE   lexicon JSON (default: the built-in lexicon)\n"
          "  -m, --map FILE       JSON object mapping gold codes to lexicon ids ({\"BIL\": \"FRO\"})\n"
          "  -w, --window W       sentence | paragraph | document | N sentences (default sentence)\n"
          "      --format F       text (default) or json\n"
          "      --misses N       misses listed (default 20; 0 for none, 'all' for every one)\n"
          "  -h, --help           show this help\n\n"
          "Examples:\n"
          "  actorgraph eval tests/cases/seeds-gold.jsonl\n"
          "  actorgraph eval ../shared/peer/petrarch-unit.jsonl -l tests/peer/petrarch-lexicon.json \\\n"
          "      -m tests/peer/petrarch-codes.json --format json | jq .signed\n",
          f);
}

static int parse_misses(const char *s, size_t *out)
{
    if (strcmp(s, "all") == 0) {
        *out = (size_t)-1;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || s[0] == '+')
        return -1;
    *out = n > (unsigned long long)SIZE_MAX ? (size_t)-1 : (size_t)n;
    return 0;
}

int ag_cli_eval(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_MISSES };
    static const struct option longopts[] = {
        {"lexicon", required_argument, NULL, 'l'}, {"map", required_argument, NULL, 'm'},
        {"window", required_argument, NULL, 'w'},  {"format", required_argument, NULL, OPT_FORMAT},
        {"misses", required_argument, NULL, OPT_MISSES}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *lexicon_path = NULL, *map_path = NULL, *format = "text";
    ag_eval_options opt;
    ag_eval_options_init(&opt);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":l:m:w:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': lexicon_path = optarg; break;
        case 'm': map_path = optarg; break;
        case 'w':
            if (ag_extract_parse_window(optarg, &opt.extract) != AG_OK) {
                ag_cli_error("bad window \"%s\": use sentence, paragraph, document or a number", optarg);
                return AG_EXIT_USAGE;
            }
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0) {
                ag_cli_error("bad format \"%s\": use text or json", optarg);
                return AG_EXIT_USAGE;
            }
            format = optarg;
            break;
        case OPT_MISSES:
            if (parse_misses(optarg, &opt.max_misses)) {
                ag_cli_error("bad --misses \"%s\": use a count or 'all'", optarg);
                return AG_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
        default: /* ':' (no value) or an unknown option */
            ag_cli_option_error("eval", c, argv[optind - 1]);
            return AG_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        ag_cli_error("give one gold file (JSON Lines); try 'actorgraph eval --help'");
        return AG_EXIT_USAGE;
    }
    const char *gold = argv[optind];

    int rc = AG_EXIT_USAGE;
    ag_error err = {0};
    ag_lexicon *lex = NULL;
    ag_eval *ev = NULL;
    ag_sink *out = NULL;
    /* Lexicon, map and gold are input: failing to read them is exit 2; writing the report is 1. */
    ag_status st =
        lexicon_path ? ag_lexicon_load_file(lexicon_path, &lex, &err) : ag_lexicon_load_default(&lex, &err);
    if (st == AG_OK && (st = ag_eval_new(lex, &opt, &ev, &err)) == AG_OK && map_path)
        st = ag_eval_load_map(ev, map_path, &err);
    if (st == AG_OK)
        st = ag_eval_read_file(ev, gold, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
        rc = st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
        goto done;
    }
    if ((st = ag_sink_open_file("-", &out, &err)) == AG_OK) {
        const char *name = strcmp(gold, "-") == 0 ? "<stdin>" : gold;
        st = strcmp(format, "json") == 0 ? ag_eval_write_json(ev, name, out, &err)
                                         : ag_eval_write_text(ev, name, out, &err);
        if (st == AG_OK)
            st = ag_sink_close(&out, &err);
    }
    if (st != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
        rc = AG_EXIT_FAILURE;
    } else {
        rc = AG_EXIT_OK;
    }
done:
    ag_sink_abort(&out);
    ag_eval_free(&ev);
    ag_lexicon_free(&lex);
    return rc;
}
