/* actorgraph build: articles in, network files out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actorgraph/actorgraph.h"
#include "cli/cli.h"
#include "cli/split.h"

static void help(FILE *f)
{
    fputs("Usage: actorgraph build [OPTIONS] INPUT...\n\n"
          "Reads articles (files, directories, JSON Lines, or - for standard input) and\n"
          "writes their actor network.\n\n"
          "Options:\n"
          "  -o, --output PREFIX   write PREFIX.EXT for each format (csv: PREFIX.csv, the\n"
          "                        edges, and PREFIX.nodes.csv); default: NAME of the\n"
          "                        first input in the current directory; '-' writes\n"
          "                        one format to standard output\n"
          "  -f, --format LIST     comma list of json,dot,svg,png,pdf,graphml,gexf,csv,\n"
          "                        html (a report with the evidence), or all (default\n"
          "                        dot,svg,json)\n"
          "  -l, --lexicon FILE    lexicon JSON (default: the built-in lexicon)\n"
          "  -w, --window W        sentence | paragraph | document | N sentences\n"
          "                        (default sentence)\n"
          "  -e, --evidence K      evidence sentences kept per edge (default 3)\n"
          "      --dedup MODE      document (default): a sentence repeated within one\n"
          "                        document counts once; corpus: also copies of a\n"
          "                        sentence seen earlier in the input (case, spacing,\n"
          "                        punctuation and quote style aside) count for nothing\n"
          "  -j, --jobs N          worker threads (default: the online cores); the output\n"
          "                        is the same for any N\n"
          "      --jsonl           read every input as JSON Lines\n"
          "      --strict          skipped or repaired input is an error\n"
          "      --title TEXT      diagram title (default: NAME of the first input;\n"
          "                        '' for none)\n"
          "      --directed        arrows for directed observations in the diagrams\n"
          "      --json-style S    shape of the JSON file: node-link (default; networkx,\n"
          "                        D3), cytoscape (cytoscape.js) or graphology (sigma.js)\n"
          "      --layout ENGINE   neato (default), dot, fdp, sfdp, circo, twopi\n"
          "      --split-by KEY    one network per group, PREFIX/GROUP.EXT: source, month,\n"
          "                        year or week (JSONL source/date; else group unknown)\n"
          "  -q, --quiet           no summary on standard error\n"
          "      --summary FORMAT  text: the one-line summary and tables of the actors'\n"
          "                        mentions and the top edges on standard error (the\n"
          "                        default on a terminal); json: the summary as JSON on\n"
          "                        standard output\n"
          "      --progress        show progress on standard error (default: only when\n"
          "                        it is a terminal)\n"
          "      --no-progress     never show progress\n"
          "  -h, --help            show this help\n\n"
          "Examples:\n"
          "  actorgraph build corpus/example -o graphs/example\n"
          "  actorgraph build corpus/example -f html -o out/report   # open out/report.html\n"
          "  actorgraph build corpus/example -f all -o out/example --directed\n"
          "  actorgraph build ../shared/seeds -o out/seeds -f json\n"
          "  cat articles.jsonl | actorgraph build - -o out/feed -f json\n"
          "  actorgraph build articles/ -l my-lexicon.json -w paragraph -o out/net\n"
          "  actorgraph build feeds/*.jsonl --dedup corpus -o out/feeds  # syndicated copies once\n",
          f);
}

/* The title when --title is not given: the first input's name (its base name
 * without extension, `standard input` for -), and how many more there are. */
static char *default_title(const char *first, size_t more)
{
    char *name = strcmp(first, "-") == 0 ? strdup("standard input") : ag_cli_default_prefix(first);
    if (!name || more == 0)
        return name;
    size_t need = strlen(name) + 48;
    char *t = malloc(need);
    if (t)
        snprintf(t, need, "%s and %zu more", name, more);
    free(name);
    return t;
}

typedef struct warn_state {
    size_t count;
    ag_cli_progress *progress; /* cleared before a warning (NULL: none) */
} warn_state;

static void on_warning(void *userdata, const char *message)
{
    warn_state *w = userdata;
    w->count++;
    if (w->progress)
        ag_cli_progress_end(w->progress);
    ag_cli_warn("%s", message);
}

/* --summary json: the summary with the names of the files written, on standard output. */
static int build_summary_json(const ag_network *net, const char *prefix, const ag_format *const *formats,
                              size_t n_formats, size_t skipped, size_t repaired)
{
    enum { MAX_NAMES = 2 * AG_CLI_MAX_FORMATS };
    char *names[MAX_NAMES];
    size_t n = 0;
    int rc = -1;
    for (size_t i = 0; i < n_formats && n + 2 <= MAX_NAMES; i++)
        for (const ag_format *f = formats[i]; f; f = f->extra) {
            size_t need = strlen(prefix) + strlen(f->extension) + 2;
            if (!(names[n] = malloc(need)))
                goto done;
            snprintf(names[n++], need, "%s.%s", prefix, f->extension);
        }
    if (ag_cli_summary_json(stdout, net, (const char *const *)names, n, 5, skipped, repaired) != 0)
        ag_cli_error("out of memory");
    else if (fflush(stdout) != 0 || ferror(stdout))
        ag_cli_error("standard output: %s", strerror(errno));
    else
        rc = 0;
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

int ag_cli_parse_window(const char *window, ag_extract_options *xopt)
{
    if (ag_extract_parse_window(window, xopt) == AG_OK)
        return 0;
    ag_cli_error("invalid window \"%s\" (use sentence, paragraph, document or a number)", window);
    return -1;
}

int ag_cli_parse_jobs(const char *jobs, unsigned *threads)
{
    unsigned long n;
    if (ag_cli_parse_count(jobs, "job count", 1, 256, &n) != 0)
        return -1;
    *threads = (unsigned)n;
    return 0;
}

int ag_cli_parse_dedup(const char *mode, ag_extract_options *xopt)
{
    if (ag_extract_parse_dedup(mode, xopt) == AG_OK)
        return 0;
    ag_cli_error("invalid dedup mode \"%s\" (use document or corpus)", mode);
    return -1;
}

int ag_cli_build(int argc, char **argv)
{
    enum { OPT_JSONL = 256, OPT_STRICT, OPT_TITLE, OPT_LAYOUT, OPT_DIRECTED, OPT_SUMMARY, OPT_PROGRESS, OPT_NO_PROGRESS,
           OPT_JSON_STYLE, OPT_DEDUP };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},  {"format", required_argument, NULL, 'f'},
        {"lexicon", required_argument, NULL, 'l'}, {"window", required_argument, NULL, 'w'},
        {"evidence", required_argument, NULL, 'e'}, {"jsonl", no_argument, NULL, OPT_JSONL},
        {"strict", no_argument, NULL, OPT_STRICT}, {"title", required_argument, NULL, OPT_TITLE},
        {"layout", required_argument, NULL, OPT_LAYOUT}, {"directed", no_argument, NULL, OPT_DIRECTED},
        {"quiet", no_argument, NULL, 'q'},        {"jobs", required_argument, NULL, 'j'},
        {"summary", required_argument, NULL, OPT_SUMMARY}, {"progress", no_argument, NULL, OPT_PROGRESS},
        {"no-progress", no_argument, NULL, OPT_NO_PROGRESS}, {"json-style", required_argument, NULL, OPT_JSON_STYLE},
        {"split-by", required_argument, NULL, 'S'}, {"dedup", required_argument, NULL, OPT_DEDUP},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *split_by = NULL; /* --split-by: src/cli/split.c */
    const char *prefix_arg = NULL, *formats_arg = "dot,svg,json", *lexicon_path = NULL;
    int quiet = 0, title_given = 0, rc = AG_EXIT_USAGE;
    /* summary: 0 one line (a table too on a terminal), 1 the tables, 2 JSON on stdout */
    int summary = 0, progress = isatty(STDERR_FILENO);
    ag_cli_progress prog;
    ag_extract_options xopt;
    ag_extract_options_init(&xopt);
    ag_reader_options ropt;
    ag_reader_options_init(&ropt);
    ag_export_options eopt;
    ag_export_options_init(&eopt);
    ag_pipeline_options popt;
    ag_pipeline_options_init(&popt);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    popt.threads = cores > 0 ? (unsigned)cores : 1;
    warn_state warns = {0};
    ropt.warn = on_warning;
    ropt.warn_userdata = &warns;

    ag_lexicon *lex = NULL;
    ag_network *net = NULL;
    ag_reader *reader = NULL;
    char *prefix = NULL, *title = NULL;
    const ag_format *formats[AG_CLI_MAX_FORMATS];
    size_t n_formats = 0;
    ag_error err = {0};

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:l:w:e:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': prefix_arg = optarg; break;
        case 'f': formats_arg = optarg; break;
        case 'l': lexicon_path = optarg; break;
        case 'w':
            if (ag_cli_parse_window(optarg, &xopt) != 0)
                goto done;
            break;
        case 'e': {
            unsigned long k;
            if (ag_cli_parse_count(optarg, "evidence count", 0, 1000, &k) != 0)
                goto done;
            xopt.evidence = (unsigned)k;
            break;
        }
        case 'j':
            if (ag_cli_parse_jobs(optarg, &popt.threads) != 0)
                goto done;
            break;
        case OPT_DEDUP:
            if (ag_cli_parse_dedup(optarg, &xopt) != 0)
                goto done;
            break;
        case OPT_JSONL: ropt.jsonl = 1; break;
        case OPT_STRICT: ropt.strict = 1; break;
        case OPT_TITLE:
            eopt.title = optarg;
            title_given = 1;
            break;
        case OPT_LAYOUT: eopt.layout = optarg; break;
        case OPT_DIRECTED: eopt.directed = 1; break;
        case 'S': split_by = optarg; break;
        case 'q': quiet = 1; break;
        case OPT_SUMMARY:
            if (strcmp(optarg, "text") == 0)
                summary = 1;
            else if (strcmp(optarg, "json") == 0)
                summary = 2;
            else {
                ag_cli_error("invalid summary \"%s\" (use text or json)", optarg);
                goto done;
            }
            break;
        case OPT_JSON_STYLE:
            if (ag_json_style_parse(optarg, &eopt.json_style) != AG_OK) {
                ag_cli_error("invalid JSON style \"%s\" (use node-link, cytoscape or graphology)", optarg);
                goto done;
            }
            break;
        case OPT_PROGRESS: progress = 1; break;
        case OPT_NO_PROGRESS: progress = 0; break;
        case 'h':
            help(stdout);
            rc = fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
            goto done;
        default: /* ':' (no value) or an unknown option */
            ag_cli_option_error("build", c, argv[optind - 1]);
            goto done;
        }
    }
    if (optind >= argc) {
        ag_cli_error("no input given; try 'actorgraph build --help'");
        goto done;
    }
    ag_error lerr = {0};
    if (ag_export_check_layout(eopt.layout, &lerr) != AG_OK) { /* a bad option: said before any input is read */
        ag_cli_error("%s", lerr.message);
        goto done;
    }
    if (ag_cli_parse_formats(formats_arg, formats, &n_formats) != 0)
        goto done;
    int to_stdout = prefix_arg && strcmp(prefix_arg, "-") == 0;
    if (to_stdout && n_formats != 1) {
        ag_cli_error("-o - writes one format to standard output; give one with -f");
        goto done;
    }
    if (to_stdout && summary == 2) {
        ag_cli_error("--summary json goes to standard output; it cannot go with -o -");
        goto done;
    }
    prefix = prefix_arg ? strdup(prefix_arg) : ag_cli_default_prefix(argv[optind]);
    if (!title_given)
        eopt.title = title = default_title(argv[optind], (size_t)(argc - optind - 1));
    if (!prefix || (!title_given && !title)) {
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
    if (split_by) {
        rc = ag_cli_split_build(split_by, argv + optind, (size_t)(argc - optind), &ropt, lex, &xopt, &eopt, prefix,
                                formats, n_formats, quiet);
        goto done;
    }
    if (ag_network_new(&net) != AG_OK) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    st = ag_reader_open((const char *const *)argv + optind, (size_t)(argc - optind), &ropt, &reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_EIO || st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    if (progress) {
        ag_cli_progress_init(&prog, stderr, (const char *const *)argv + optind, (size_t)(argc - optind));
        popt.progress = ag_cli_progress_update;
        popt.progress_userdata = &prog;
        warns.progress = &prog;
    }
    st = ag_pipeline_run(reader, lex, &xopt, &popt, net, &err);
    if (progress)
        ag_cli_progress_end(&prog);
    warns.progress = NULL;
    if (st != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
        /* skipped or unreadable input under --strict is bad input; the rest is a failure */
        rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    const ag_graph_info *gi = ag_network_graph(net);
    if (!gi) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (gi->documents == 0)
        ag_cli_warn("no documents found in the input");

    /* 1: a format whose Graphviz plugin is missing was skipped, the others written (exit 1). */
    int written = ag_cli_write_outputs(net, &eopt, prefix, formats, n_formats);
    if (written < 0) {
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
        if (strcmp(gi->dedup, "corpus") == 0)
            fprintf(stderr, ", %llu duplicate sentence%s folded", (unsigned long long)gi->folded,
                    gi->folded == 1 ? "" : "s");
        if (!to_stdout) {
            fprintf(stderr, " -> %s.{", prefix);
            for (size_t i = 0; i < n_formats; i++)
                fprintf(stderr, "%s%s%s%s", i ? "," : "", formats[i]->extension, formats[i]->extra ? "," : "",
                        formats[i]->extra ? formats[i]->extra->extension : "");
            fputc('}', stderr);
            if (written > 0)
                fputs(" (not all: see above)", stderr);
        }
        fputc('\n', stderr);
        if ((summary == 1 || (summary == 0 && isatty(STDERR_FILENO))) && ag_cli_summary_text(stderr, net, 5) != 0) {
            ag_cli_error("out of memory");
            rc = AG_EXIT_FAILURE;
            goto done;
        }
    }
    size_t skipped = ag_reader_skipped(reader), repaired = ag_reader_repaired(reader);
    if (summary == 2 && build_summary_json(net, prefix, formats, n_formats, skipped, repaired) != 0) {
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    if (skipped || repaired)
        ag_cli_warn("%zu input(s) skipped, %zu repaired (see the warnings above)", skipped, repaired);
    rc = written ? AG_EXIT_FAILURE : AG_EXIT_OK;
done:
    ag_reader_free(&reader);
    ag_network_free(&net);
    ag_lexicon_free(&lex);
    free(prefix);
    free(title);
    return rc;
}
