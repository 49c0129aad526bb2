/* actorgraph compare: two networks (or corpora) in, their diff out; many in,
 * a similarity matrix out. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actorgraph/actorgraph.h"
#include "actorgraph/compare.h"
#include "cli/cli.h"

static void help(FILE *f)
{
    fputs("Usage: actorgraph compare [OPTIONS] A B [MORE...]\n\n"
          "Compares networks: A and B are network JSON files (*.json, as 'build' writes\n"
          "them) or articles (a directory, text files, JSON Lines), which are built first.\n"
          "Two inputs: writes the diff (every pair added, removed, strengthened, weakened,\n"
          "flipped or unchanged, with both sides' figures per 1,000 sentences) and prints\n"
          "a summary. More than two: writes their similarity matrix.\n\n"
          "Options:\n"
          "  -o, --output PREFIX   two inputs: PREFIX.diff.json, PREFIX.{a,b,diff}.svg (and\n"
          "                        .dot), PREFIX.diff.graphml, PREFIX.{a,b}.json for inputs\n"
          "                        built from articles;\n"
          "                        more: PREFIX.similarity.{csv,json}, PREFIX.multiples.svg\n"
          "                        (default: ./diff)\n"
          "  -f, --formats LIST    comma list of json,svg,dot,graphml (default json,svg)\n"
          "      --format FMT      summary on standard output: text (default) or json\n"
          "  -l, --lexicon FILE    lexicon for inputs built from articles\n"
          "  -w, --window W        window for inputs built from articles (default sentence)\n"
          "      --dedup MODE      for inputs built from articles: document (default) or\n"
          "                        corpus, as in build; with corpus a copy of a sentence\n"
          "                        seen earlier in the same input counts for nothing\n"
          "  -j, --jobs N          worker threads for building (default: the online cores)\n"
          "      --min-change R    strengthened/weakened: larger ≥ (1 + R) × smaller (default 0.5)\n"
          "      --min-delta D     ... and differ by ≥ D per 1,000 sentences (default 1)\n"
          "      --flip-stance S   flipped: opposite stance signs, both |stance| ≥ S (default 0.2)\n"
          "      --movers N        biggest movers listed (default 5)\n"
          "      --title TEXT      diagram title of the diff (default: NAME_A → NAME_B)\n"
          "      --layout ENGINE   neato (default), dot, fdp, sfdp, circo, twopi\n"
          "  -q, --quiet           no summary\n"
          "  -h, --help            show this help\n\n"
          "Examples:\n"
          "  actorgraph compare out/2017.json out/2018.json -o out/diff\n"
          "  actorgraph compare corpusA/ corpusB/ -o out/diff -f svg,json\n"
          "  actorgraph compare feedA.jsonl feedB.jsonl --dedup corpus -o out/diff\n"
          "  actorgraph compare out/by-month/*.json -o out/trend\n\n"
          "Exit status: 0 ok, 1 runtime failure, 2 usage error or invalid input.\n",
          f);
}

typedef struct cmp_opts {
    const char *lexicon_path;
    ag_extract_options xopt;
    ag_pipeline_options popt;
} cmp_opts;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void on_warning(void *userdata, const char *message)
{
    (void)userdata;
    ag_cli_warn("%s", message);
}

/* Loads (*.json) or builds one input into *out; *built = 1 when built from articles.
 * Prints the error; returns an exit code. */
static int load_input(const char *path, cmp_opts *o, ag_lexicon **lex, ag_network **out, int *built)
{
    ag_error err = {0};
    ag_status st;
    *built = 0;
    if (ends_with(path, ".json")) {
        st = ag_network_load_file(path, out, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message);
            return st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
        }
        return AG_EXIT_OK;
    }
    struct stat sb;
    if (strcmp(path, "-") != 0 && stat(path, &sb) != 0) {
        ag_cli_error("%s: %s", path, strerror(errno));
        return AG_EXIT_USAGE;
    }
    if (!*lex) {
        st = o->lexicon_path ? ag_lexicon_load_file(o->lexicon_path, lex, &err) : ag_lexicon_load_default(lex, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message);
            return st == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
        }
    }
    ag_reader_options ropt;
    ag_reader_options_init(&ropt);
    ropt.warn = on_warning;
    ag_reader *reader = NULL;
    int rc = AG_EXIT_FAILURE;
    if (ag_network_new(out) != AG_OK) {
        ag_cli_error("out of memory");
        return AG_EXIT_FAILURE;
    }
    st = ag_reader_open(&path, 1, &ropt, &reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_EIO || st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    st = ag_pipeline_run(reader, *lex, &o->xopt, &o->popt, *out, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
        rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    const ag_graph_info *gi = ag_network_graph(*out);
    if (gi && gi->documents == 0)
        ag_cli_warn("%s: no documents found", path);
    *built = 1;
    rc = AG_EXIT_OK;
done:
    ag_reader_free(&reader);
    if (rc != AG_EXIT_OK)
        ag_network_free(out);
    return rc;
}

/* mkdir -p of the directory part of @prefix. */
static int make_parent_dirs(const char *prefix)
{
    char *dir = strdup(prefix);
    int rc = 0;
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == 0; p++) {
            int end = *p == '\0';
            if (*p != '/' && !end)
                continue;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                ag_cli_error("%s: %s", dir, strerror(errno));
                rc = -1;
            }
            if (end)
                break;
            *p = '/';
        }
    }
    free(dir);
    return rc;
}

/* Output files of one run: written to temporaries, renamed together at the end. */
enum { MAX_OUT = 16 };
typedef struct outputs {
    ag_sink *sinks[MAX_OUT];
    size_t n;
} outputs;

static ag_sink *open_out(outputs *o, const char *prefix, const char *suffix)
{
    char path[4096];
    ag_error err = {0};
    if (o->n >= MAX_OUT)
        return NULL;
    if ((size_t)snprintf(path, sizeof path, "%s.%s", prefix, suffix) >= sizeof path) {
        ag_cli_error("%s: output path too long", prefix);
        return NULL;
    }
    if (ag_sink_open_file(path, &o->sinks[o->n], &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        return NULL;
    }
    return o->sinks[o->n++];
}

static int close_outs(outputs *o)
{
    ag_error err = {0};
    for (size_t i = 0; i < o->n; i++)
        if (o->sinks[i] && ag_sink_close(&o->sinks[i], &err) != AG_OK) {
            ag_cli_error("%s", err.message);
            return -1;
        }
    return 0;
}

static void abort_outs(outputs *o)
{
    for (size_t i = 0; i < o->n; i++)
        ag_sink_abort(&o->sinks[i]);
}

static int has_format(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, name, n) == 0)
            return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int check_formats(const char *list)
{
    char *copy = strdup(list);
    int rc = 0, any = 0;
    if (!copy)
        return -1;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        any = 1;
        if (strcmp(t, "json") != 0 && strcmp(t, "svg") != 0 && strcmp(t, "dot") != 0 && strcmp(t, "graphml") != 0) {
            ag_cli_error("unknown format \"%s\" for compare (choose from json, svg, dot, graphml)", t);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && !any) {
        ag_cli_error("no output format given");
        rc = -1;
    }
    free(copy);
    return rc;
}

/* Two networks: the diff files and the summary. Returns an exit code. */
static int compare_two(ag_network *a, ag_network *b, const int built[2], char *const inputs[2],
                       const ag_compare_options *copt, const ag_export_options *eopt, const char *prefix,
                       const char *formats, int summary_json, int quiet)
{
    char *names[2] = {ag_cli_default_prefix(inputs[0]), ag_cli_default_prefix(inputs[1])};
    char titles[3][600];
    ag_diff *d = NULL;
    ag_error err = {0};
    outputs outs = {{0}, 0};
    ag_sink *out = NULL;
    int rc = AG_EXIT_FAILURE;
    if (!names[0] || !names[1]) {
        ag_cli_error("out of memory");
        goto done;
    }
    /* titles: `A: NAME`, `B: NAME`, and `NAME_A → NAME_B` for the diff unless --title */
    snprintf(titles[0], sizeof titles[0], "A: %s", names[0]);
    snprintf(titles[1], sizeof titles[1], "B: %s", names[1]);
    snprintf(titles[2], sizeof titles[2], "%s \xE2\x86\x92 %s", names[0], names[1]);
    ag_status st = ag_compare(a, b, copt, &d, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    if (make_parent_dirs(prefix) != 0)
        goto done;
    if (has_format(formats, "json")) {
        if (!(out = open_out(&outs, prefix, "diff.json")) || ag_diff_export_json(d, out, &err) != AG_OK)
            goto fail;
        ag_export_options plain;
        ag_export_options_init(&plain);
        for (int s = 0; s < 2; s++)
            if (built[s] && (!(out = open_out(&outs, prefix, s ? "b.json" : "a.json")) ||
                             ag_export_json(s ? b : a, &plain, out, &err) != AG_OK))
                goto fail;
    }
    if (has_format(formats, "graphml") &&
        (!(out = open_out(&outs, prefix, "diff.graphml")) || ag_diff_export_graphml(d, out, &err) != AG_OK))
        goto fail;
    int svg = has_format(formats, "svg"), dot = has_format(formats, "dot");
    if (svg || dot) {
        st = ag_diff_layout(d, eopt, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message);
            rc = st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
            goto done;
        }
    }
    static const char *const which_name[3] = {"a", "b", "diff"};
    for (int f = 0; f < 2; f++) {
        const char *ext = f ? "dot" : "svg";
        if (!(f ? dot : svg))
            continue;
        for (int w = 0; w < 3; w++) {
            char suffix[32];
            snprintf(suffix, sizeof suffix, "%s.%s", which_name[w], ext);
            ag_export_options side = *eopt;
            if (w < 2 || !eopt->title)
                side.title = titles[w];
            if (!(out = open_out(&outs, prefix, suffix)) || ag_diff_export_diagram(d, w, ext, &side, out, &err) != AG_OK)
                goto fail;
        }
    }
    if (close_outs(&outs) != 0)
        goto done;
    if (!quiet) {
        ag_sink *so = NULL;
        if (ag_sink_open_file("-", &so, &err) != AG_OK ||
            (summary_json ? ag_diff_export_summary_json(d, so, &err) : ag_diff_export_summary_text(d, so, &err)) != AG_OK ||
            ag_sink_close(&so, &err) != AG_OK) {
            ag_sink_abort(&so);
            ag_cli_error("%s", err.message);
            goto done;
        }
    }
    if (ag_diff_get_summary(d)->warning)
        ag_cli_warn("%s", ag_diff_get_summary(d)->warning);
    rc = AG_EXIT_OK;
    goto done;
fail:
    if (err.message[0])
        ag_cli_error("%s", err.message);
done:
    abort_outs(&outs);
    ag_diff_free(&d);
    free(names[0]);
    free(names[1]);
    return rc;
}

static void put_real(ag_sink *s, double v, ag_error *err, ag_status *st)
{
    char buf[32];
    if (!isfinite(v))
        snprintf(buf, sizeof buf, "null");
    else
        snprintf(buf, sizeof buf, "%.4f", v);
    if (*st == AG_OK)
        *st = ag_sink_puts(s, buf, err);
}

static void put_text(ag_sink *s, const char *t, ag_error *err, ag_status *st)
{
    if (*st == AG_OK)
        *st = ag_sink_puts(s, t, err);
}

/* A JSON string of a file name (escapes quotes, backslashes, control characters). */
static void put_json_string(ag_sink *s, const char *t, ag_error *err, ag_status *st)
{
    put_text(s, "\"", err, st);
    for (const unsigned char *p = (const unsigned char *)t; *p && *st == AG_OK; p++) {
        char buf[8];
        if (*p == '"' || *p == '\\')
            snprintf(buf, sizeof buf, "\\%c", *p);
        else if (*p < 0x20)
            snprintf(buf, sizeof buf, "\\u%04x", *p);
        else
            snprintf(buf, sizeof buf, "%c", *p);
        put_text(s, buf, err, st);
    }
    put_text(s, "\"", err, st);
}

/* A CSV field (RFC 4180 quoting). */
static void put_csv(ag_sink *s, const char *t, ag_error *err, ag_status *st)
{
    put_text(s, "\"", err, st);
    for (const char *p = t; *p && *st == AG_OK; p++) {
        char buf[3] = {*p, *p == '"' ? '"' : '\0', '\0'};
        put_text(s, buf, err, st);
    }
    put_text(s, "\"", err, st);
}

/* Many networks: the similarity matrices as CSV and JSON, and a table on stdout. */
static int compare_many(ag_network **nets, char **names, size_t n, const ag_export_options *eopt, const char *prefix,
                        const char *formats, int summary_json, int quiet)
{
    char **titles = calloc(n + 1, sizeof *titles);
    double *wj = calloc(n * n, sizeof *wj), *cr = calloc(n * n, sizeof *cr);
    outputs outs = {{0}, 0};
    ag_error err = {0};
    ag_status st = AG_OK;
    int rc = AG_EXIT_FAILURE;
    ag_sink *csv = NULL, *json = NULL, *so = NULL;
    if (!wj || !cr || !titles) {
        ag_cli_error("out of memory");
        goto done;
    }
    if (ag_compare_matrix((const ag_network *const *)nets, n, wj, cr, &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        goto done;
    }
    if (make_parent_dirs(prefix) != 0 || !(csv = open_out(&outs, prefix, "similarity.csv")) ||
        !(json = open_out(&outs, prefix, "similarity.json")))
        goto done;
    /* CSV: one row per pair (a, b), both measures. */
    put_text(csv, "a,b,weighted_jaccard,correlation\r\n", &err, &st);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            put_csv(csv, names[i], &err, &st);
            put_text(csv, ",", &err, &st);
            put_csv(csv, names[j], &err, &st);
            put_text(csv, ",", &err, &st);
            if (isfinite(wj[i * n + j]))
                put_real(csv, wj[i * n + j], &err, &st);
            put_text(csv, ",", &err, &st);
            if (isfinite(cr[i * n + j]))
                put_real(csv, cr[i * n + j], &err, &st);
            put_text(csv, "\r\n", &err, &st);
        }
    /* JSON: names and the two matrices, row-major. */
    for (int pass = 0; pass < 2; pass++) {
        ag_sink *s = json;
        if (pass == 1) {
            if (quiet || !summary_json)
                break;
            if (ag_sink_open_file("-", &so, &err) != AG_OK) {
                st = AG_EIO;
                break;
            }
            s = so;
        }
        put_text(s, "{\n  \"networks\": [", &err, &st);
        for (size_t i = 0; i < n; i++) {
            put_text(s, i ? ", " : "", &err, &st);
            put_json_string(s, names[i], &err, &st);
        }
        put_text(s, "],\n", &err, &st);
        for (int m = 0; m < 2; m++) {
            const double *v = m ? cr : wj;
            put_text(s, m ? "  \"correlation\": [" : "  \"weighted_jaccard\": [", &err, &st);
            for (size_t i = 0; i < n; i++) {
                put_text(s, i ? ",\n    [" : "\n    [", &err, &st);
                for (size_t j = 0; j < n; j++) {
                    put_text(s, j ? ", " : "", &err, &st);
                    put_real(s, v[i * n + j], &err, &st);
                }
                put_text(s, "]", &err, &st);
            }
            put_text(s, m ? "\n  ]\n}\n" : "\n  ],\n", &err, &st);
        }
    }
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        goto done;
    }
    if (has_format(formats, "svg")) {
        ag_sink *svg = open_out(&outs, prefix, "multiples.svg");
        for (size_t i = 0; svg && i < n; i++)
            if (!(titles[i] = ag_cli_default_prefix(names[i]))) {
                ag_cli_error("out of memory");
                goto done;
            }
        if (!svg || ag_export_small_multiples((const ag_network *const *)nets, (const char *const *)titles, n, eopt,
                                              svg, &err) != AG_OK) {
            if (svg)
                ag_cli_error("%s", err.message);
            goto done;
        }
    }
    if (close_outs(&outs) != 0)
        goto done;
    if (so && ag_sink_close(&so, &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        goto done;
    }
    if (!quiet && !summary_json) {
        printf("weighted jaccard (upper) and correlation (lower) of %zu networks:\n", n);
        for (size_t i = 0; i < n; i++) {
            printf("  %2zu %-24.24s", i + 1, names[i]);
            for (size_t j = 0; j < n; j++) {
                double v = i == j ? 1.0 : j > i ? wj[i * n + j] : cr[i * n + j];
                if (isfinite(v))
                    printf(" %6.3f", v);
                else
                    printf("    n/a");
            }
            putchar('\n');
        }
        if (fflush(stdout) != 0) {
            ag_cli_error("standard output: %s", strerror(errno));
            goto done;
        }
    }
    rc = AG_EXIT_OK;
done:
    ag_sink_abort(&so);
    abort_outs(&outs);
    for (size_t i = 0; titles && i < n; i++)
        free(titles[i]);
    free(titles);
    free(wj);
    free(cr);
    return rc;
}

/* Networks built with different --dedup modes count syndicated copies differently: says so once. */
static void warn_mixed_dedup(ag_network *const *nets, char *const *names, size_t n)
{
    const ag_graph_info *first = ag_network_graph(nets[0]);
    for (size_t i = 1; first && i < n; i++) {
        const ag_graph_info *gi = ag_network_graph(nets[i]);
        if (gi && strcmp(first->dedup, gi->dedup) != 0) {
            ag_cli_warn("%s and %s were built with different dedup modes (%s vs %s); their figures may not be "
                        "comparable",
                        names[0], names[i], first->dedup, gi->dedup);
            return;
        }
    }
}

static int parse_real(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < 0.0)
        return -1;
    *out = v;
    return 0;
}

int ag_cli_compare(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_MIN_CHANGE, OPT_MIN_DELTA, OPT_FLIP, OPT_MOVERS, OPT_TITLE, OPT_LAYOUT, OPT_DEDUP };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},      {"formats", required_argument, NULL, 'f'},
        {"format", required_argument, NULL, OPT_FORMAT}, {"lexicon", required_argument, NULL, 'l'},
        {"window", required_argument, NULL, 'w'},      {"jobs", required_argument, NULL, 'j'},
        {"dedup", required_argument, NULL, OPT_DEDUP},
        {"min-change", required_argument, NULL, OPT_MIN_CHANGE},
        {"min-delta", required_argument, NULL, OPT_MIN_DELTA},
        {"flip-stance", required_argument, NULL, OPT_FLIP}, {"movers", required_argument, NULL, OPT_MOVERS},
        {"title", required_argument, NULL, OPT_TITLE}, {"layout", required_argument, NULL, OPT_LAYOUT},
        {"quiet", no_argument, NULL, 'q'},             {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *prefix = "diff", *formats = "json,svg";
    int quiet = 0, summary_json = 0, rc = AG_EXIT_USAGE;
    cmp_opts o;
    o.lexicon_path = NULL;
    ag_extract_options_init(&o.xopt);
    ag_pipeline_options_init(&o.popt);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o.popt.threads = cores > 0 ? (unsigned)cores : 1;
    ag_compare_options copt;
    ag_compare_options_init(&copt);
    ag_export_options eopt;
    ag_export_options_init(&eopt);
    ag_lexicon *lex = NULL;
    ag_network **nets = NULL;
    int *built = NULL;
    size_t n = 0;

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:f:l:w:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': prefix = optarg; break;
        case 'f': formats = optarg; break;
        case 'l': o.lexicon_path = optarg; break;
        case 'w':
            if (ag_cli_parse_window(optarg, &o.xopt) != 0)
                goto done;
            break;
        case OPT_DEDUP:
            if (ag_cli_parse_dedup(optarg, &o.xopt) != 0)
                goto done;
            break;
        case 'j':
            if (ag_cli_parse_jobs(optarg, &o.popt.threads) != 0)
                goto done;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                summary_json = 1;
            else if (strcmp(optarg, "text") == 0)
                summary_json = 0;
            else {
                ag_cli_error("invalid summary format \"%s\" (use text or json; files: -f)", optarg);
                goto done;
            }
            break;
        case OPT_MIN_CHANGE:
        case OPT_MIN_DELTA:
        case OPT_FLIP: {
            double *dst = c == OPT_MIN_CHANGE ? &copt.min_relative_change
                          : c == OPT_MIN_DELTA ? &copt.min_absolute_change
                                               : &copt.flip_min_stance;
            if (parse_real(optarg, dst) != 0) {
                ag_cli_error("invalid value \"%s\" for %s (a number ≥ 0)", optarg, argv[optind - 1]);
                goto done;
            }
            break;
        }
        case OPT_MOVERS: {
            unsigned long m;
            if (ag_cli_parse_count(optarg, "movers count", 0, 1000, &m) != 0)
                goto done;
            copt.movers = (size_t)m;
            break;
        }
        case OPT_TITLE: eopt.title = optarg; break;
        case OPT_LAYOUT: eopt.layout = optarg; break;
        case 'q': quiet = 1; break;
        case 'h':
            help(stdout);
            rc = fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
            goto done;
        default: /* ':' (no value) or an unknown option */
            ag_cli_option_error("compare", c, argv[optind - 1]);
            goto done;
        }
    }
    if (argc - optind < 2) {
        ag_cli_error("compare needs two inputs or more; try 'actorgraph compare --help'");
        goto done;
    }
    if (check_formats(formats) != 0)
        goto done;
    if (strcmp(prefix, "-") == 0 || !*prefix) {
        ag_cli_error("compare writes several files: give a prefix with -o, not '-'");
        goto done;
    }
    if (eopt.layout) {
        ag_error lerr = {0};
        if (ag_export_check_layout(eopt.layout, &lerr) != AG_OK) {
            ag_cli_error("%s", lerr.message);
            goto done;
        }
    }
    n = argc > optind ? (size_t)(argc - optind) : 0;
    for (int i = optind, dashes = 0; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && dashes++) {
            ag_cli_error("standard input (-) is given twice");
            goto done;
        }
    nets = calloc(n + 1, sizeof *nets); /* NOLINT(bugprone-sizeof-expression): an array of network pointers */
    built = calloc(n + 1, sizeof *built);
    if (!nets || !built) {
        ag_cli_error("out of memory");
        rc = AG_EXIT_FAILURE;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        rc = load_input(argv[optind + (int)i], &o, &lex, &nets[i], &built[i]);
        if (rc != AG_EXIT_OK)
            goto done;
    }
    warn_mixed_dedup(nets, argv + optind, n);
    if (n == 2)
        rc = compare_two(nets[0], nets[1], built, argv + optind, &copt, &eopt, prefix, formats, summary_json, quiet);
    else
        rc = compare_many(nets, argv + optind, n, &eopt, prefix, formats, summary_json, quiet);
done:
    for (size_t i = 0; nets && i < n; i++)
        ag_network_free(&nets[i]);
    free(nets);
    free(built);
    ag_lexicon_free(&lex);
    return rc;
}
