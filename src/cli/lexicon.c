/* actorgraph lexicon: print the built-in lexicon, check one, or count its matches in a corpus. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/lexicon.h"
#include "cli/cli.h"

/* Prints one lint warning as `FILE:LINE:COL: warning: PATH: message` on the stream given. */
static void print_warning(void *userdata, const ag_lexicon_warning *w)
{
    FILE *f = userdata;
    if (w->line)
        fprintf(f, "%s:%zu:%zu: warning: %s: %s\n", w->file, w->line, w->col, w->path, w->message);
    else
        fprintf(f, "%s: warning: %s: %s\n", w->file, w->path, w->message);
}

static void help(FILE *f)
{
    fputs("Usage: actorgraph lexicon --dump\n"
          "       actorgraph lexicon --check FILE [--stats [OPTIONS] CORPUS...]\n"
          "       actorgraph lexicon --stats [-l FILE] [OPTIONS] CORPUS...\n\n"
          "  --dump              print the built-in lexicon (JSON), a starting point\n"
          "  --check FILE        validate and lint a lexicon; errors and warnings point at\n"
          "                      file:line:column (exit 0 with warnings, 2 on errors)\n"
          "  --stats             count how often each alias, exclusion, cue and grammar\n"
          "                      word matches the corpus (files, directories, JSON Lines\n"
          "                      or - as for build) in the sentences the extractor reads:\n"
          "                      one row per entry with its file:line:column, then the\n"
          "                      entries that never matched; exit 0. The lexicon is the\n"
          "                      --check FILE, else -l FILE, else the built-in one\n"
          "                      (its places are lines of --dump)\n"
          "  -l, --lexicon FILE  with --stats: the lexicon to count\n"
          "      --format F      with --stats: table (default) or json\n"
          "      --jsonl         with --stats: read every input as JSON Lines\n"
          "      --strict        with --stats: skipped or repaired input is an error\n"
          "  -h, --help          show this help\n\n"
          "Examples:\n"
          "  actorgraph lexicon --dump > my-lexicon.json\n"
          "  actorgraph lexicon --check my-lexicon.json\n"
          "  actorgraph lexicon --check my-lexicon.json --stats articles/\n"
          "  actorgraph lexicon --stats corpus/example\n"
          "  actorgraph lexicon --stats -l my-lexicon.json --format json feed.jsonl\n",
          f);
}

/* One entry's counts, its strings copied out of the callback. */
typedef struct row {
    char *file, *path, *text, *actor;
    const char *what; /* static in the library */
    size_t line, col, matches, documents;
    int directed, strength;
} row;

typedef struct rows {
    row *items;
    size_t n, cap;
    int oom;
} rows;

static char *dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        *oom = 1;
    return p;
}

static void collect_row(void *userdata, const ag_lexicon_entry_count *e)
{
    rows *rs = userdata;
    if (rs->oom)
        return;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        row *items = realloc(rs->items, cap * sizeof *items);
        if (!items) {
            rs->oom = 1;
            return;
        }
        rs->items = items;
        rs->cap = cap;
    }
    row *r = &rs->items[rs->n++];
    *r = (row){dup_or_null(e->file, &rs->oom), dup_or_null(e->path, &rs->oom), dup_or_null(e->text, &rs->oom),
               dup_or_null(e->actor, &rs->oom), e->what, e->line, e->col, e->matches, e->documents, e->directed,
               e->strength};
}

static void free_rows(rows *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->items[i].file);
        free(rs->items[i].path);
        free(rs->items[i].text);
        free(rs->items[i].actor);
    }
    free(rs->items);
}

/* `FILE:LINE:COL` of a row, or `(built-in)` for a default word. */
static void place_of(const row *r, char *buf, size_t size)
{
    if (!r->file)
        snprintf(buf, size, "(built-in)");
    else if (r->line)
        snprintf(buf, size, "%s:%zu:%zu", r->file, r->line, r->col);
    else
        snprintf(buf, size, "%s", r->file);
}

/* The table: a header line, one row per entry, then the dead entries as `PLACE: PATH: what "text"`. */
static void print_table(FILE *f, const rows *rs, const char *lexicon, size_t documents, size_t sentences, size_t dead)
{
    int w_matches = 7, w_docs = 4, w_what = 4, w_actor = 5, w_text = 5;
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->items[i];
        int m = snprintf(NULL, 0, "%zu", r->matches), d = snprintf(NULL, 0, "%zu", r->documents);
        int n = (int)strlen(r->what), a = r->actor ? (int)strlen(r->actor) : 0, t = (int)strlen(r->text) + 2;
        w_matches = m > w_matches ? m : w_matches;
        w_docs = d > w_docs ? d : w_docs;
        w_what = n > w_what ? n : w_what;
        w_actor = a > w_actor ? a : w_actor;
        w_text = t > w_text && t <= 40 ? t : w_text; /* a longer entry shifts its own row only */
    }
    fprintf(f, "lexicon \"%s\": %zu entries over %zu document%s, %zu sentence%s; %zu never matched\n", lexicon, rs->n,
            documents, documents == 1 ? "" : "s", sentences, sentences == 1 ? "" : "s", dead);
    fprintf(f, "%*s  %*s  %-*s  %-*s  %-*s  %s\n", w_matches, "MATCHES", w_docs, "DOCS", w_what, "WHAT", w_actor,
            "ACTOR", w_text, "ENTRY", "PLACE");
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->items[i];
        char place[512];
        place_of(r, place, sizeof place);
        int pad = w_text - (int)strlen(r->text) - 2;
        fprintf(f, "%*zu  %*zu  %-*s  %-*s  \"%s\"%*s  %s %s\n", w_matches, r->matches, w_docs, r->documents, w_what,
                r->what, w_actor, r->actor ? r->actor : "-", r->text, pad > 0 ? pad : 0, "", place, r->path);
    }
    if (!dead)
        return;
    fprintf(f, "\nNever matched (%zu):\n", dead);
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->items[i];
        if (r->matches)
            continue;
        char place[512];
        place_of(r, place, sizeof place);
        fprintf(f, "%s: %s: %s \"%s\"%s%s: no match in %zu document%s\n", place, r->path, r->what, r->text,
                r->actor ? " of " : "", r->actor ? r->actor : "", documents, documents == 1 ? "" : "s");
    }
}

/* A JSON string: quotes, backslashes and control characters escaped (the texts are valid UTF-8). */
static void put_json(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* One JSON object: lexicon, documents, sentences, entries, dead, then one counts row per line. */
static void print_json(FILE *f, const rows *rs, const char *lexicon, size_t documents, size_t sentences, size_t dead)
{
    fputs("{\"lexicon\": ", f);
    put_json(f, lexicon);
    fprintf(f, ", \"documents\": %zu, \"sentences\": %zu, \"entries\": %zu, \"dead\": %zu, \"counts\": [", documents,
            sentences, rs->n, dead);
    for (size_t i = 0; i < rs->n; i++) {
        const row *r = &rs->items[i];
        fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", f);
        put_json(f, r->file);
        if (r->line)
            fprintf(f, ", \"line\": %zu, \"col\": %zu", r->line, r->col);
        else
            fputs(", \"line\": null, \"col\": null", f);
        fputs(", \"path\": ", f);
        put_json(f, r->path);
        fputs(", \"what\": ", f);
        put_json(f, r->what);
        fputs(", \"actor\": ", f);
        put_json(f, r->actor);
        fputs(", \"text\": ", f);
        put_json(f, r->text);
        if (r->strength)
            fprintf(f, ", \"directed\": %s, \"strength\": %d", r->directed ? "true" : "false", r->strength);
        fprintf(f, ", \"matches\": %zu, \"documents\": %zu}", r->matches, r->documents);
    }
    fputs(rs->n ? "\n]}\n" : "]}\n", f);
}

static void on_reader_warning(void *userdata, const char *message)
{
    (void)userdata;
    ag_cli_warn("%s", message);
}

/* --stats: counts the corpus's matches of lex (loaded from lexicon_path, NULL for the built-in). */
static int run_stats(const ag_lexicon *lex, const char *lexicon_path, const char *const *inputs, size_t n_inputs,
                     ag_reader_options *ropt, int json)
{
    ag_lexicon_stats *stats = NULL;
    ag_reader *reader = NULL;
    rows rs = {0};
    ag_error err = {0};
    int rc = AG_EXIT_FAILURE;
    ropt->warn = on_reader_warning;
    ag_status st = ag_reader_open(inputs, n_inputs, ropt, &reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = st == AG_EIO || st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    if ((st = ag_lexicon_stats_new(lex, &stats, &err)) == AG_OK)
        st = ag_lexicon_stats_read(stats, reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
        /* skipped or unreadable input under --strict is bad input, as for build */
        rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
        goto done;
    }
    if (lexicon_path) {
        st = ag_lexicon_stats_entries_file(stats, lexicon_path, collect_row, &rs, &err);
    } else {
        size_t len;
        const char *text = ag_lexicon_default_json(&len);
        st = ag_lexicon_stats_entries_buffer(stats, text, len, "<default>", collect_row, &rs, &err);
    }
    if (st != AG_OK || rs.oom) {
        ag_cli_error("%s", st != AG_OK ? err.message : "out of memory");
        goto done;
    }
    size_t dead = 0;
    for (size_t i = 0; i < rs.n; i++)
        dead += rs.items[i].matches == 0;
    size_t documents = ag_lexicon_stats_documents(stats), sentences = ag_lexicon_stats_sentences(stats);
    if (json)
        print_json(stdout, &rs, ag_lexicon_name(lex), documents, sentences, dead);
    else
        print_table(stdout, &rs, ag_lexicon_name(lex), documents, sentences, dead);
    if (fflush(stdout) != 0 || ferror(stdout))
        ag_cli_error("standard output: %s", strerror(errno));
    else
        rc = AG_EXIT_OK;
done:
    free_rows(&rs);
    ag_lexicon_stats_free(&stats);
    ag_reader_free(&reader);
    return rc;
}

/* --check: validates and lints FILE (warnings and the verdict on out); loads it into *lex. */
static int run_check(const char *check, FILE *out, ag_lexicon **lex)
{
    ag_error err = {0};
    if (ag_lexicon_load_file(check, lex, &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        return err.status == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
    }
    size_t warnings = 0;
    if (ag_lexicon_lint_file(check, print_warning, out, &warnings, &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        return err.status == AG_ENOMEM || err.status == AG_EIO ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
    }
    fprintf(out, "%s: ok, lexicon \"%s\" with %zu actors, %zu warning%s\n", check, ag_lexicon_name(*lex),
            ag_lexicon_actor_count(*lex), warnings, warnings == 1 ? "" : "s");
    return fflush(out) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
}

int ag_cli_lexicon(int argc, char **argv)
{
    enum { OPT_STATS = 256, OPT_FORMAT, OPT_JSONL, OPT_STRICT };
    static const struct option longopts[] = {{"dump", no_argument, NULL, 'd'},
                                             {"check", required_argument, NULL, 'c'},
                                             {"stats", no_argument, NULL, OPT_STATS},
                                             {"lexicon", required_argument, NULL, 'l'},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"jsonl", no_argument, NULL, OPT_JSONL},
                                             {"strict", no_argument, NULL, OPT_STRICT},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int dump = 0, stats = 0, json = 0, c;
    const char *check = NULL, *lexicon_path = NULL, *format = NULL;
    ag_reader_options ropt;
    ag_reader_options_init(&ropt);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hl:", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dump = 1; break;
        case 'c': check = optarg; break;
        case 'l': lexicon_path = optarg; break;
        case OPT_STATS: stats = 1; break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_JSONL: ropt.jsonl = 1; break;
        case OPT_STRICT: ropt.strict = 1; break;
        case 'h': help(stdout); return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
        default: /* ':' (no value) or an unknown option */
            ag_cli_option_error("lexicon", c, argv[optind - 1]);
            return AG_EXIT_USAGE;
        }
    }
    if (dump + !!check + (stats && !check) != 1 || (!stats && optind < argc)) {
        ag_cli_error("give one of --dump, --check FILE or --stats CORPUS...; try 'actorgraph lexicon --help'");
        return AG_EXIT_USAGE;
    }
    if (!stats && (lexicon_path || format || ropt.jsonl || ropt.strict)) {
        ag_cli_error("-l, --format, --jsonl and --strict go with --stats; try 'actorgraph lexicon --help'");
        return AG_EXIT_USAGE;
    }
    if (stats && optind == argc) {
        ag_cli_error("--stats needs a corpus (files, directories or -); try 'actorgraph lexicon --help'");
        return AG_EXIT_USAGE;
    }
    if (check && lexicon_path) {
        ag_cli_error("give the lexicon once: --check FILE or -l FILE");
        return AG_EXIT_USAGE;
    }
    if (format && !(json = strcmp(format, "json") == 0) && strcmp(format, "table") != 0) {
        ag_cli_error("invalid format \"%s\" (use table or json)", format);
        return AG_EXIT_USAGE;
    }
    if (dump) {
        size_t len;
        const char *text = ag_lexicon_default_json(&len);
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            ag_cli_error("standard output: write failed");
            return AG_EXIT_FAILURE;
        }
        return AG_EXIT_OK;
    }
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    int rc = AG_EXIT_OK;
    if (check) {
        /* with the JSON report on standard output, the check goes to standard error */
        rc = run_check(check, stats && json ? stderr : stdout, &lex);
        lexicon_path = check;
    } else if ((lexicon_path ? ag_lexicon_load_file(lexicon_path, &lex, &err)
                             : ag_lexicon_load_default(&lex, &err)) != AG_OK) {
        ag_cli_error("%s", err.message);
        rc = err.status == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
    }
    if (rc == AG_EXIT_OK && stats) {
        if (check && !json)
            fputc('\n', stdout);
        rc = run_stats(lex, lexicon_path, (const char *const *)argv + optind, (size_t)(argc - optind), &ropt, json);
    }
    ag_lexicon_free(&lex);
    return rc;
}
