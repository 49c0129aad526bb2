/* actorgraph build: articles in, network files out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "actorgraph/actorgraph.h"
#include "cli/cli.h"

static void help(FILE *f)
{
    fputs("Usage: actorgraph build [OPTIONS] INPUT...\n\n"
          "Reads articles (files, directories, JSON Lines, or - for standard input) and\n"
          "writes their actor network.\n\n"
          "Options:\n"
          "  -o, --output PREFIX   write PREFIX.dot, PREFIX.svg, PREFIX.json\n"
          "                        (default: NAME of the first input in the current\n"
          "                        directory; '-' writes one format to standard output)\n"
          "  -f, --format LIST     comma list of dot,svg,json (default dot,svg,json)\n"
          "  -l, --lexicon FILE    lexicon JSON (default: the built-in lexicon)\n"
          "  -w, --window W        sentence | paragraph | document | N sentences\n"
          "                        (default sentence)\n"
          "  -e, --evidence K      evidence sentences kept per edge (default 3)\n"
          "      --jsonl           read every input as JSON Lines\n"
          "      --strict          skipped or repaired input is an error\n"
          "      --title TEXT      diagram title\n"
          "      --layout ENGINE   neato (default), dot, fdp, sfdp, circo, twopi\n"
          "  -q, --quiet           no summary on standard error\n"
          "  -h, --help            show this help\n\n"
          "Examples:\n"
          "  actorgraph build corpus/example -o graphs/example\n"
          "  actorgraph build ../shared/seeds -o out/seeds -f json\n"
          "  cat articles.jsonl | actorgraph build - -o out/feed -f json\n"
          "  actorgraph build articles/ -l my-lexicon.json -w paragraph -o out/net\n",
          f);
}

typedef struct warn_state {
    size_t count;
} warn_state;

static void on_warning(void *userdata, const char *message)
{
    warn_state *w = userdata;
    w->count++;
    ag_cli_warn("%s", message);
}

int ag_cli_build(int argc, char **argv)
{
    enum { OPT_JSONL = 256, OPT_STRICT, OPT_TITLE, OPT_LAYOUT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"format", required_argument, NULL, 'f'},
        {"lexicon", required_argument, NULL, 'l'}, {"window", required_argument, NULL, 'w'},
        {"evidence", required_argument, NULL, 'e'}, {"jsonl", no_argument, NULL, OPT_JSONL},
        {"strict", no_argument, NULL, OPT_STRICT}, {"title", required_argument, NULL, OPT_TITLE},
        {"layout", required_argument, NULL, OPT_LAYOUT}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *prefix_arg = NULL, *formats_arg = "dot,svg,json", *lexicon_path = NULL;
    int quiet = 0, rc = AG_EXIT_USAGE;
    ag_extract_options xopt;
    ag_extract_options_init(&xopt);
    ag_reader_options ropt;
    ag_reader_options_init(&ropt);
    ag_export_options eopt;
    ag_export_options_init(&eopt);
    warn_state warns = {0};
    ropt.warn = on_warning;
    ropt.warn_userdata = &warns;

    ag_lexicon *lex = NULL;
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_reader *reader = NULL;
    char *prefix = NULL;
    const ag_format *formats[AG_CLI_MAX_FORMATS];
    size_t n_formats = 0;
    ag_error err = {0};

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:l:w:e:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': prefix_arg = optarg; break;
        case 'f': formats_arg = optarg; break;
        case 'l': lexicon_path = optarg; break;
        case 'w':
            if (ag_extract_parse_window(optarg, &xopt) != AG_OK) {
                ag_cli_error("invalid window \"%s\" (use sentence, paragraph, document or a number)", optarg);
                goto done;
            }
            break;
        case 'e': {
            char *end;
            errno = 0;
            unsigned long k = strtoul(optarg, &end, 10);
            if (end == optarg || *end || errno || k > 1000 || optarg[0] == '-') {
                ag_cli_error("invalid evidence count \"%s\" (use 0 to 1000)", optarg);
                goto done;
            }
            xopt.evidence = (unsigned)k;
            break;
        }
        case OPT_JSONL: ropt.jsonl = 1; break;
        case OPT_STRICT: ropt.strict = 1; break;
        case OPT_TITLE: eopt.title = optarg; break;
        case OPT_LAYOUT: eopt.layout = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            help(stdout);
            rc = fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
            goto done;
        case ':':
            ag_cli_error("option %s needs a value; try 'actorgraph build --help'", argv[optind - 1]);
            goto done;
        default:
            ag_cli_error("unknown option %s; try 'actorgraph build --help'", argv[optind - 1]);
            goto done;
        }
    }
    if (optind >= argc) {
        ag_cli_error("no input given; try 'actorgraph build --help'");
        goto done;
    }
    if (ag_cli_parse_formats(formats_arg, formats, &n_formats) != 0)
        goto done;
    int to_stdout = prefix_arg && strcmp(prefix_arg, "-") == 0;
    if (to_stdout && n_formats != 1) {
        ag_cli_error("-o - writes one format to standard output; give one with -f");
        goto done;
    }
    prefix = prefix_arg ? strdup(prefix_arg) : ag_cli_default_prefix(argv[optind]);
    if (!prefix) {
        rc = AG_EXIT_FAILURE;
        goto done;
    }

    ag_status st = lexicon_path ? ag_lexicon_load_file(lexicon_path, &lex, &err)
                                : ag_lexicon_load_default(&lex, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
        goto done;
    }
    if (ag_network_new(&net) != AG_OK || ag_extractor_new(lex, &xopt, net, &ex, &err) != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : "out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    st = ag_reader_open((const char *const *)argv + optind, (size_t)(argc - optind), &ropt, &reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_EIO || st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    for (;;) {
        const ag_document *doc = NULL;
        st = ag_reader_next(reader, &doc, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message);
            rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
            goto done;
        }
        if (!doc)
            break;
        if (ag_extract_document(ex, doc, &err) != AG_OK) {
            ag_cli_error("%s", err.message);
            rc = AG_EXIT_FAILURE;
            goto done;
        }
    }
    const ag_graph_info *gi = ag_network_graph(net);
    if (!gi) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (gi->documents == 0)
        ag_cli_warn("no documents found in the input");

    if (ag_cli_write_outputs(net, &eopt, prefix, formats, n_formats) != 0) {
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (!quiet) {
        size_t mentioned = 0;
        for (size_t i = 0; i < ag_network_node_count(net); i++)
            mentioned += ag_network_node(net, i)->mentions > 0;
        fprintf(stderr, "actorgraph: %llu documents, %llu sentences, %zu actors, %zu links",
                (unsigned long long)gi->documents, (unsigned long long)gi->sentences, mentioned,
                ag_network_edge_count(net));
        if (!to_stdout)
            fprintf(stderr, " -> %s.{%s}", prefix, formats_arg);
        fputc('\n', stderr);
    }
    size_t skipped = ag_reader_skipped(reader), repaired = ag_reader_repaired(reader);
    if (skipped || repaired)
        ag_cli_warn("%zu input(s) skipped, %zu repaired (see the warnings above)", skipped, repaired);
    rc = AG_EXIT_OK;
done:
    ag_reader_free(&reader);
    ag_extractor_free(&ex);
    ag_network_free(&net);
    ag_lexicon_free(&lex);
    free(prefix);
    return rc;
}
