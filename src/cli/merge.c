/* actorgraph merge: network JSON files of shards in, the network of them all out. */
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
    fputs("Usage: actorgraph merge [OPTIONS] NETWORK.json...\n\n"
          "Merges network JSON files written by 'actorgraph build' (or by merge) into\n"
          "one network: counts are summed and each link keeps the evidence a single run\n"
          "over all the documents would keep. Built from shards of whole documents with\n"
          "the same lexicon, window and evidence cap, the result is byte for byte the\n"
          "network of one run over the whole corpus, in any order and grouping.\n"
          "An input may hold several networks one after another ('-' reads them from\n"
          "standard input).\n\n"
          "Options:\n"
          "  -o, --output PREFIX   write PREFIX.dot, PREFIX.svg, PREFIX.json\n"
          "                        (default: merged in the current directory; '-' writes\n"
          "                        one format to standard output)\n"
          "  -f, --format LIST     comma list of output formats (default dot,svg,json)\n"
          "      --title TEXT      diagram title (default: none; the JSON does not keep\n"
          "                        the title of the builds: with build's title, the\n"
          "                        DOT and SVG are also those of one run)\n"
          "      --layout ENGINE   neato (default), dot, fdp, sfdp, circo, twopi\n"
          "  -q, --quiet           no summary on standard error\n"
          "  -h, --help            show this help\n\n"
          "Examples:\n"
          "  actorgraph merge shards/*.json -o out/all\n"
          "  (cd articles && ls | xargs -P 4 -I{} actorgraph build {} -q -f json -o ../shards/{})\n"
          "  cat shards/*.json | actorgraph merge - -f json -o - | jq .graph\n"
          "  actorgraph merge out/all.json -f svg -o out/all   # redraw from the JSON\n\n"
          "Exit status: 0 ok, 1 runtime failure, 2 usage error or an input that is not\n"
          "a network or cannot be merged (different lexicon, window or evidence cap).\n",
          f);
}

/* 1-based line of byte @offset. */
static size_t line_of(const char *buf, size_t offset)
{
    ag_text_pos pos = {1, 1};
    ag_text_pos_advance(&pos, buf, offset);
    return pos.line;
}

/* Refuses outputs that would replace an input file (inputs are never modified). 0 when none does. */
static int check_outputs(const char *prefix, const ag_format *const *formats, size_t n_formats, char **inputs,
                         size_t n_inputs)
{
    if (strcmp(prefix, "-") == 0)
        return 0;
    for (size_t i = 0; i < n_formats; i++) {
        char path[4096];
        struct stat out, in;
        if ((size_t)snprintf(path, sizeof path, "%s.%s", prefix, formats[i]->extension) >= sizeof path)
            continue; /* ag_cli_write_outputs() reports it */
        if (stat(path, &out) != 0)
            continue;
        for (size_t k = 0; k < n_inputs; k++)
            if (strcmp(inputs[k], "-") != 0 && stat(inputs[k], &in) == 0 && in.st_dev == out.st_dev &&
                in.st_ino == out.st_ino) {
                ag_cli_error("%s: output would replace the input %s; choose another -o", path, inputs[k]);
                return -1;
            }
    }
    return 0;
}

int ag_cli_merge(int argc, char **argv)
{
    enum { OPT_TITLE = 256, OPT_LAYOUT };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'f'},
        {"title", required_argument, NULL, OPT_TITLE}, {"layout", required_argument, NULL, OPT_LAYOUT},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *prefix_arg = NULL, *formats_arg = "dot,svg,json";
    int quiet = 0, rc = AG_EXIT_USAGE, stdin_used = 0;
    ag_export_options eopt;
    ag_export_options_init(&eopt);
    ag_network *net = NULL, *part = NULL;
    char *prefix = NULL, *buf = NULL;
    const ag_format *formats[AG_CLI_MAX_FORMATS];
    size_t n_formats = 0, n_networks = 0;
    ag_error err = {0};

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': prefix_arg = optarg; break;
        case 'f': formats_arg = optarg; break;
        case OPT_TITLE: eopt.title = optarg; break;
        case OPT_LAYOUT: eopt.layout = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            help(stdout);
            rc = fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
            goto done;
        default: /* ':' (no value) or an unknown option */
            ag_cli_option_error("merge", c, argv[optind - 1]);
            goto done;
        }
    }
    if (optind >= argc) {
        ag_cli_error("no input given; try 'actorgraph merge --help'");
        goto done;
    }
    if (ag_cli_parse_formats(formats_arg, formats, &n_formats) != 0)
        goto done;
    int to_stdout = prefix_arg && strcmp(prefix_arg, "-") == 0;
    if (to_stdout && n_formats != 1) {
        ag_cli_error("-o - writes one format to standard output; give one with -f");
        goto done;
    }
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && stdin_used++) {
            ag_cli_error("standard input (-) is given twice");
            goto done;
        }
    prefix = strdup(prefix_arg ? prefix_arg : "merged");
    if (!prefix) {
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (check_outputs(prefix, formats, n_formats, argv + optind, (size_t)(argc - optind)) != 0)
        goto done;
    if (ag_network_new(&net) != AG_OK) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }

    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        size_t len, offset = 0, in_file = 0;
        free(buf);
        ag_status rst = ag_network_read_text(path, &buf, &len, &err);
        if (rst != AG_OK) {
            ag_cli_error("%s", err.message);
            /* a missing, unreadable or non-JSON input is bad input: exit 2 */
            rc = rst == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
            goto done;
        }
        for (;;) {
            size_t begin = offset;
            ag_status st = ag_network_load_next(buf, len, &offset, path, &part, &err);
            if (st != AG_OK) {
                ag_cli_error("%s", err.message);
                rc = st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
                goto done;
            }
            if (!part)
                break;
            while (begin < len && (buf[begin] == ' ' || buf[begin] == '\t' || buf[begin] == '\n' || buf[begin] == '\r'))
                begin++;
            st = ag_network_merge(net, part, &err);
            if (st != AG_OK) {
                if (in_file > 0)
                    ag_cli_error("%s: network at line %zu: %s", path, line_of(buf, begin), err.message);
                else
                    ag_cli_error("%s: %s", path, err.message);
                rc = st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
                goto done;
            }
            ag_network_free(&part);
            in_file++;
            n_networks++;
        }
        if (in_file == 0) {
            ag_cli_error("%s: no network in it (the input is empty)", path);
            goto done;
        }
    }
    free(buf);
    buf = NULL;

    const ag_graph_info *gi = ag_network_graph(net);
    if (!gi) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (ag_cli_write_outputs(net, &eopt, prefix, formats, n_formats) != 0) {
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (!quiet) {
        size_t mentioned = 0;
        for (size_t i = 0; i < ag_network_node_count(net); i++)
            mentioned += ag_network_node(net, i)->mentions > 0;
        fprintf(stderr, "actorgraph: merged %zu network%s: %llu documents, %llu sentences, %zu actors, %zu links",
                n_networks, n_networks == 1 ? "" : "s", (unsigned long long)gi->documents,
                (unsigned long long)gi->sentences, mentioned, ag_network_edge_count(net));
        if (!to_stdout)
            fprintf(stderr, " -> %s.{%s}", prefix, formats_arg);
        fputc('\n', stderr);
    }
    rc = AG_EXIT_OK;
done:
    ag_network_free(&part);
    ag_network_free(&net);
    free(buf);
    free(prefix);
    return rc;
}
