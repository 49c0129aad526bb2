/* Data-driven extraction cases (tests/cases/extraction.cases) run through the library and the CLI.
 *
 * tests/cases/known-gaps.cases holds cases the extractor does not get right yet; the
 * known_gaps test checks that each still fails (so a fix is noticed and the case moved).
 *
 * File format, one case per block:
 *   == name
 *   text: the snippet (one line; \n in it becomes a line break)
 *   window: paragraph                  (optional)
 *   actors: Pakistan Russia            exact set of mentioned actors ("-" for none)
 *   pair: Pakistan Russia +            edge exists with stance sign + - 0, or ? for any
 *   nopair: Russia US                  no such edge
 *   dir: Russia > US                   a directed observation Russia -> US
 *   nodir: Russia US                   no directed observation either way
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actorgraph/actorgraph.h"
#include "support.h"

#define MAX_CASES 512
#define MAX_LINES 16

typedef struct tcase {
    char name[128];
    char *text;
    char window[32];
    char *checks[MAX_LINES];
    size_t n_checks;
    int line;
} tcase;

/* A network reduced to what the checks look at, filled from the library or from JSON. */
typedef struct view_edge {
    char a[64], b[64]; /* a < b */
    double stance;
    long fwd, bwd;     /* directed observations a->b, b->a */
} view_edge;

typedef struct view {
    char actors[64][64];
    size_t n_actors;
    view_edge edges[128];
    size_t n_edges;
} view;

static tcase cases[MAX_CASES];
static size_t n_cases;

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void unescape_newlines(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static void load_cases_from(const char *path)
{
    if (n_cases)
        return;
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    tcase *c = NULL;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        if (strncmp(s, "==", 2) == 0) {
            cr_assert_lt(n_cases, MAX_CASES);
            c = &cases[n_cases++];
            memset(c, 0, sizeof *c);
            snprintf(c->name, sizeof c->name, "%s", trim(s + 2));
            snprintf(c->window, sizeof c->window, "sentence");
            c->line = lineno;
            continue;
        }
        cr_assert_not_null(c, "line %d: expected '== name' first", lineno);
        if (strncmp(s, "text:", 5) == 0) {
            c->text = strdup(trim(s + 5));
            unescape_newlines(c->text);
        } else if (strncmp(s, "window:", 7) == 0) {
            snprintf(c->window, sizeof c->window, "%s", trim(s + 7));
        } else {
            cr_assert_lt(c->n_checks, MAX_LINES, "line %d: too many checks", lineno);
            c->checks[c->n_checks++] = strdup(s);
        }
    }
    free(line);
    fclose(f);
    for (size_t i = 0; i < n_cases; i++)
        cr_assert_not_null(cases[i].text, "case '%s' (line %d) has no text", cases[i].name, cases[i].line);
}

static void load_cases(void)
{
    load_cases_from(AG_SOURCE_DIR "/tests/cases/extraction.cases");
}

static void free_cases(void)
{
    for (size_t i = 0; i < n_cases; i++) {
        free(cases[i].text);
        for (size_t k = 0; k < cases[i].n_checks; k++)
            free(cases[i].checks[k]);
    }
    n_cases = 0;
}

static view_edge *find_edge(view *v, const char *x, const char *y)
{
    const char *a = strcmp(x, y) < 0 ? x : y, *b = strcmp(x, y) < 0 ? y : x;
    for (size_t i = 0; i < v->n_edges; i++)
        if (strcmp(v->edges[i].a, a) == 0 && strcmp(v->edges[i].b, b) == 0)
            return &v->edges[i];
    return NULL;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp((const char *)x, (const char *)y);
}

/* Checks one case against a view; returns the number of failed checks (each reported). */
static int check_case(const tcase *c, view *v, const char *how)
{
    int failed = 0;
    qsort(v->actors, v->n_actors, sizeof v->actors[0], cmp_str);
    for (size_t k = 0; k < c->n_checks; k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", c->checks[k]);
        char *save = NULL;
        char *kw = strtok_r(buf, ": ", &save);
        char *x = strtok_r(NULL, " ", &save);
        char *op = strtok_r(NULL, " ", &save);
        char *y = strtok_r(NULL, " ", &save);
        int ok = 1;
        char got[1024] = "";
        if (strcmp(kw, "actors") == 0) {
            char want[64][64];
            size_t nw = 0;
            char buf2[512];
            snprintf(buf2, sizeof buf2, "%s", c->checks[k] + 7);
            char *s2 = NULL;
            for (char *t = strtok_r(buf2, " ", &s2); t; t = strtok_r(NULL, " ", &s2))
                if (strcmp(t, "-") != 0 && nw < 64)
                    snprintf(want[nw++], sizeof want[0], "%s", t);
            qsort(want, nw, sizeof want[0], cmp_str);
            ok = nw == v->n_actors;
            for (size_t i = 0; ok && i < nw; i++)
                ok = strcmp(want[i], v->actors[i]) == 0;
            for (size_t i = 0; i < v->n_actors; i++) {
                strncat(got, v->actors[i], sizeof got - strlen(got) - 2);
                strcat(got, " ");
            }
        } else if (strcmp(kw, "pair") == 0) {
            view_edge *e = (x && op) ? find_edge(v, x, op) : NULL;
            const char *sgn = y ? y : "?";
            if (!e) {
                ok = 0;
                snprintf(got, sizeof got, "no edge");
            } else {
                snprintf(got, sizeof got, "stance %.3f", e->stance);
                ok = strcmp(sgn, "?") == 0 || (strcmp(sgn, "+") == 0 && e->stance > 0) ||
                     (strcmp(sgn, "-") == 0 && e->stance < 0) || (strcmp(sgn, "0") == 0 && e->stance == 0);
            }
        } else if (strcmp(kw, "nopair") == 0) {
            ok = x && op && !find_edge(v, x, op);
            snprintf(got, sizeof got, "edge exists");
        } else if (strcmp(kw, "dir") == 0) {
            view_edge *e = (x && y) ? find_edge(v, x, y) : NULL;
            long n = !e ? 0 : (strcmp(x, e->a) == 0 ? e->fwd : e->bwd);
            ok = n > 0;
            snprintf(got, sizeof got, "%s", e ? "no observation that way" : "no edge");
        } else if (strcmp(kw, "nodir") == 0) {
            view_edge *e = (x && op) ? find_edge(v, x, op) : NULL;
            ok = !e || (e->fwd == 0 && e->bwd == 0);
            snprintf(got, sizeof got, "fwd %ld bwd %ld", e ? e->fwd : 0, e ? e->bwd : 0);
        } else {
            ok = 0;
            snprintf(got, sizeof got, "unknown check keyword");
        }
        if (!ok && strcmp(how, "known gap") == 0) {
            failed++; /* expected: logged for reading, not as an error */
            cr_log_info("[%s] case '%s' (line %d): \"%s\" still fails: got %s", how, c->name, c->line,
                        c->checks[k], got);
        } else if (!ok) {
            failed++;
            cr_log_error("[%s] case '%s' (line %d): \"%s\" failed: got %s\n    text: %s", how, c->name, c->line,
                         c->checks[k], got, c->text);
        }
    }
    return failed;
}

static void view_from_network(const ag_network *net, view *v)
{
    memset(v, 0, sizeof *v);
    for (size_t i = 0; i < ag_network_node_count(net); i++) {
        const ag_node_info *n = ag_network_node(net, i);
        if (n->mentions > 0 && v->n_actors < 64)
            snprintf(v->actors[v->n_actors++], 64, "%s", n->id);
    }
    for (size_t i = 0; i < ag_network_edge_count(net) && v->n_edges < 128; i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        view_edge *ve = &v->edges[v->n_edges++];
        snprintf(ve->a, sizeof ve->a, "%s", ag_network_node(net, e->source)->id);
        snprintf(ve->b, sizeof ve->b, "%s", ag_network_node(net, e->target)->id);
        ve->stance = e->stance;
        ve->fwd = (long)e->forward.weight;
        ve->bwd = (long)e->backward.weight;
    }
}

static void view_from_json(json_object *root, view *v)
{
    memset(v, 0, sizeof *v);
    json_object *nodes = json_object_object_get(root, "nodes"), *links = json_object_object_get(root, "links");
    for (size_t i = 0; i < json_object_array_length(nodes); i++) {
        json_object *n = json_object_array_get_idx(nodes, i);
        if (json_object_get_int64(json_object_object_get(n, "mentions")) > 0 && v->n_actors < 64)
            snprintf(v->actors[v->n_actors++], 64, "%s", json_object_get_string(json_object_object_get(n, "id")));
    }
    for (size_t i = 0; i < json_object_array_length(links) && v->n_edges < 128; i++) {
        json_object *l = json_object_array_get_idx(links, i);
        view_edge *ve = &v->edges[v->n_edges++];
        const char *s = json_object_get_string(json_object_object_get(l, "source"));
        const char *t = json_object_get_string(json_object_object_get(l, "target"));
        snprintf(ve->a, sizeof ve->a, "%s", strcmp(s, t) < 0 ? s : t);
        snprintf(ve->b, sizeof ve->b, "%s", strcmp(s, t) < 0 ? t : s);
        ve->stance = json_object_get_double(json_object_object_get(l, "stance"));
        json_object *dirs = json_object_object_get(l, "directions");
        for (size_t d = 0; d < json_object_array_length(dirs); d++) {
            json_object *o = json_object_array_get_idx(dirs, d);
            long w = (long)json_object_get_int64(json_object_object_get(o, "weight"));
            if (strcmp(json_object_get_string(json_object_object_get(o, "source")), ve->a) == 0)
                ve->fwd += w;
            else
                ve->bwd += w;
        }
    }
}

/* Runs case c through the library; returns its number of failed checks. */
static int run_library_case(const ag_lexicon *lex, const tcase *c, const char *how)
{
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    cr_assert_eq(ag_extract_parse_window(c->window, &opt), AG_OK, "case '%s': bad window", c->name);
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_extractor_new(lex, &opt, net, &ex, NULL), AG_OK);
    char *norm = NULL;
    size_t len = 0;
    cr_assert_eq(ag_text_normalize(c->text, strlen(c->text), &norm, &len, NULL), AG_OK);
    ag_document doc = {.id = "case", .text = norm, .len = len, .origin = "case"};
    cr_assert_eq(ag_extract_document(ex, &doc, NULL), AG_OK);
    view v;
    view_from_network(net, &v);
    int failed = check_case(c, &v, how);
    free(norm);
    ag_extractor_free(&ex);
    ag_network_free(&net);
    return failed;
}

Test(cases, library)
{
    load_cases();
    ag_lexicon *lex = NULL;
    cr_assert_eq(ag_lexicon_load_default(&lex, NULL), AG_OK);
    int failed = 0;
    for (size_t i = 0; i < n_cases; i++)
        failed += run_library_case(lex, &cases[i], "library");
    ag_lexicon_free(&lex);
    cr_expect_eq(failed, 0, "%d check(s) failed in %zu cases (see the log above)", failed, n_cases);
    cr_expect_geq(n_cases, 80, "the case file should hold at least 80 cases, has %zu", n_cases);
    free_cases();
}

Test(cases, known_gaps)
{
    load_cases_from(AG_SOURCE_DIR "/tests/cases/known-gaps.cases");
    ag_lexicon *lex = NULL;
    cr_assert_eq(ag_lexicon_load_default(&lex, NULL), AG_OK);
    for (size_t i = 0; i < n_cases; i++)
        cr_expect_gt(run_library_case(lex, &cases[i], "known gap"), 0,
                     "known gap '%s' now passes: move it into extraction.cases", cases[i].name);
    ag_lexicon_free(&lex);
    free_cases();
}

Test(cases, cli)
{
    load_cases();
    char *dir = ag_t_tempdir();
    cr_assert_not_null(dir);
    int failed = 0;
    for (size_t i = 0; i < n_cases; i++) {
        const tcase *c = &cases[i];
        char path[512], cmd[2048];
        snprintf(path, sizeof path, "%s/case.txt", dir);
        cr_assert_eq(ag_t_write_file(path, c->text, strlen(c->text)), 0);
        snprintf(cmd, sizeof cmd, "'%s' build '%s' -w '%s' -f json -o - -q", AG_CLI, path, c->window);
        char *out = NULL, *err = NULL;
        int rc = ag_t_run(cmd, &out, &err);
        cr_assert_eq(rc, 0, "case '%s': CLI exit %d: %s", c->name, rc, err ? err : "");
        json_object *root = json_tokener_parse(out);
        cr_assert_not_null(root, "case '%s': CLI output is not JSON", c->name);
        view v;
        view_from_json(root, &v);
        failed += check_case(c, &v, "cli");
        json_object_put(root);
        free(out);
        free(err);
        unlink(path);
    }
    rmdir(dir);
    free(dir);
    cr_expect_eq(failed, 0, "%d check(s) failed in %zu cases (see the log above)", failed, n_cases);
    free_cases();
}
