/* Writers (JSON, DOT, SVG), the format table and sinks.
 *
 * Golden files: tests/golden/small.{json,dot,svg} hold the output for the small
 * network built below, with the actorgraph and Graphviz versions replaced by
 * `VERSION`. After an intended change of output, regenerate them with
 *
 *     AG_UPDATE_GOLDEN=1 build/tests/test_export
 *
 * and review the diff. The SVG depends on the Graphviz version and on the
 * installed fonts (text widths come from them), so another machine may need
 * its own regeneration. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <json.h>

#include "actorgraph/export.h"
#include "actorgraph/network.h"
#include "actorgraph/version.h"
#include "export/export_internal.h"
#include "network_internal.h"
#include "support.h"

/* ---------------------------------------------------------------- fixtures */

static size_t add_node(ag_network *net, const char *id, const char *label, const char *group, const char *color)
{
    size_t idx = 0;
    cr_assert_eq(ag_i_network_add_node(net, id, label, group, color, &idx), AG_OK);
    return idx;
}

static void add_window(ag_network *net, size_t a, size_t b, int stance, int first_in_doc, const char *doc,
                       uint64_t sentence, const char *text, const char *const *cues, size_t n_cues)
{
    ag_i_evidence_in ev = {doc, sentence, sentence * 100, sentence * 100 + strlen(text), text, strlen(text),
                           stance, cues, n_cues};
    ag_i_window_obs obs = {0};
    obs.a = a;
    obs.b = b;
    obs.stance = stance;
    obs.first_in_doc = first_in_doc;
    obs.evidence = text ? &ev : NULL;
    cr_assert_eq(ag_i_network_add_window(net, &obs), AG_OK);
}

/* Like add_window, with a directed observation a -> b (dir > 0) or b -> a (dir < 0). */
static void add_directed(ag_network *net, size_t a, size_t b, int dir, int stance, int first_in_doc,
                         const char *doc, uint64_t sentence, const char *text, const char *const *cues,
                         size_t n_cues)
{
    ag_i_evidence_in ev = {doc, sentence, sentence * 100, sentence * 100 + strlen(text), text, strlen(text),
                           stance, cues, n_cues};
    ag_i_window_obs obs = {0};
    obs.a = a;
    obs.b = b;
    obs.stance = stance;
    obs.first_in_doc = first_in_doc;
    if (dir > 0) {
        obs.has_ab = 1;
        obs.stance_ab = stance;
    } else {
        obs.has_ba = 1;
        obs.stance_ba = stance;
    }
    obs.evidence = &ev;
    cr_assert_eq(ag_i_network_add_window(net, &obs), AG_OK);
}

/* Four actors with mentions, one without (not written), three edges: co-operative
 * with both directions, conflictual one way, mixed. Evidence has quotes, <, &, non-ASCII. */
static ag_network *small_network(void)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_i_network_describe(net, "sentence", "test-lexicon", 3), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-02-10", 9), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-01-05", 12), AG_OK);
    cr_assert_eq(ag_i_network_add_document(net, "2024-03-01", 7), AG_OK);
    /* Inserted out of id order on purpose: writers follow id order. */
    size_t usa = add_node(net, "USA", "United States", NULL, NULL);
    size_t rus = add_node(net, "Russia", "Russia", "state", "#1b6e5a");
    size_t is = add_node(net, "IS", "Islamic State", "militant", "#000000");
    size_t pak = add_node(net, "Pakistan", "Pakistan", "state", "#e6ab02");
    size_t chn = add_node(net, "China", NULL, "state", NULL);
    (void)is;
    ag_i_network_add_mentions(net, rus, 4, 1);
    ag_i_network_add_mentions(net, rus, 2, 1);
    ag_i_network_add_mentions(net, rus, 1, 1);
    ag_i_network_add_mentions(net, pak, 3, 1);
    ag_i_network_add_mentions(net, pak, 2, 1);
    ag_i_network_add_mentions(net, usa, 2, 1);
    ag_i_network_add_mentions(net, usa, 1, 1);
    ag_i_network_add_mentions(net, chn, 1, 1);

    static const char *const signed_cues[] = {"signed"};
    static const char *const praise_cues[] = {"praised", "support"};
    static const char *const accused[] = {"accused"};
    static const char *const agreed[] = {"agreed", "talks"};
    static const char *const condemned[] = {"condemned"};
    add_directed(net, pak, rus, +1, +1, 1, "dawn/2024-01-05", 3,
                 "Pakistan and Russia signed a \"strategic\" pact on energy & trade <in Moscow>.", signed_cues,
                 1);
    add_directed(net, pak, rus, -1, +1, 1, "tass-0210", 1,
                 "Moscow\xE2\x80\x99s envoy praised Islamabad\xE2\x80\x99s \xE2\x80\x9Csteadfast\xE2\x80\x9D "
                 "support \xE2\x80\x94 a new era.",
                 praise_cues, 2);
    add_window(net, pak, rus, 0, 0, "tass-0210", 4, "Officials from Pakistan met Russian counterparts.", NULL, 0);
    add_directed(net, pak, chn, +1, -1, 1, "dawn/2024-01-05", 7,
                 "Pakistan accused China of dumping steel, officials said.", accused, 1);
    add_window(net, rus, usa, +1, 1, "reuters-1", 2, "Russia and the United States agreed to talks.", agreed, 2);
    add_directed(net, usa, rus, +1, -1, 0, "reuters-1", 5, "The United States condemned Russia over the strike.",
                 condemned, 1);
    return net;
}

/* Renders @net with @fmt (a format name) into a malloc'd string. */
static char *render(const ag_network *net, const char *fmt, const ag_export_options *opt)
{
    const ag_format *f = ag_export_find(fmt);
    cr_assert(f, "format %s", fmt);
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    ag_status st = f->write(net, opt, sink, &err);
    cr_assert_eq(st, AG_OK, "%s: %s", fmt, err.message);
    size_t len = 0;
    const char *data = ag_sink_data(sink, &len);
    cr_assert(data);
    cr_assert_eq(strlen(data), len, "no NUL inside the output");
    char *copy = strdup(data);
    ag_sink_abort(&sink);
    cr_assert_null(sink);
    return copy;
}

/* Replaces every @from in @s by @to (malloc'd result; @s is freed). */
static char *replace_all(char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = strstr(s, from); p; p = strstr(p + fl, from))
        n++;
    char *out = malloc(strlen(s) + n * tl + 1), *o = out;
    cr_assert(out);
    const char *p = s, *q;
    while ((q = strstr(p, from))) {
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, tl);
        o += tl;
        p = q + fl;
    }
    strcpy(o, p);
    free(s);
    return out;
}

/* Versions vary between builds and machines: golden files say VERSION. */
static char *normalise(char *s)
{
    s = replace_all(s, "actorgraph " AG_VERSION, "actorgraph VERSION");
    const char *gv = "graphviz version ";
    char *p = strstr(s, gv);
    if (p) {
        p += strlen(gv);
        size_t n = strcspn(p, "\n");
        char *ver = strndup(p, n);
        char *with = malloc(strlen(gv) + n + 1);
        sprintf(with, "%s%s", gv, ver);
        s = replace_all(s, with, "graphviz version VERSION");
        free(ver);
        free(with);
    }
    return s;
}

static void check_golden(const char *name, const char *actual)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", AG_SOURCE_DIR, name);
    const char *update = getenv("AG_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        cr_assert_eq(ag_t_write_file(path, actual, strlen(actual)), 0, "cannot write %s", path);
        return;
    }
    char *expected = ag_t_read_file(path, NULL);
    cr_assert(expected, "missing %s (create it with AG_UPDATE_GOLDEN=1)", path);
    if (strcmp(expected, actual) != 0) {
        /* Point at the first line that differs rather than dumping both files. */
        size_t line = 1, i = 0;
        while (expected[i] && expected[i] == actual[i]) {
            if (expected[i] == '\n')
                line++;
            i++;
        }
        const char *e = expected + i, *a = actual + i;
        while (e > expected && e[-1] != '\n') {
            e--;
            a--;
        }
        cr_assert_fail("%s differs from the output at line %zu:\n  golden: %.*s\n  output: %.*s\n"
                       "(after an intended change: AG_UPDATE_GOLDEN=1)",
                       path, line, (int)strcspn(e, "\n"), e, (int)strcspn(a, "\n"), a);
    }
    free(expected);
}

/* ------------------------------------------------------------ format table */

Test(export, formats_table)
{
    size_t n = 0;
    const ag_format *f = ag_export_formats(&n);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(f[0].name, "json");
    cr_assert_str_eq(f[1].name, "dot");
    cr_assert_str_eq(f[2].name, "svg");
    cr_assert_str_eq(f[2].extension, "svg");
    cr_assert_eq(ag_export_find("json")->write, ag_export_json);
    cr_assert_eq(ag_export_find("dot")->write, ag_export_dot);
    cr_assert_eq(ag_export_find("svg")->write, ag_export_svg);
    cr_assert_null(ag_export_find("png"));
    cr_assert_null(ag_export_find(""));
    cr_assert_null(ag_export_find(NULL));
    ag_export_options opt;
    memset(&opt, 0xff, sizeof opt);
    ag_export_options_init(&opt);
    cr_assert_null(opt.title);
    cr_assert_str_eq(opt.layout, "neato");
    cr_assert_eq(opt.directed, 0);
}

Test(export, decimal_format)
{
    char buf[AG_I_DECIMAL_MAX];
    struct {
        double v;
        int d;
        const char *want;
    } cases[] = {
        {0.0, 4, "0.0"},        {1.0, 4, "1.0"},    {-1.0, 4, "-1.0"},      {0.5, 4, "0.5"},
        {2.0 / 3.0, 4, "0.6667"}, {-1.0 / 3.0, 4, "-0.3333"}, {-0.00001, 4, "0.0"}, {NAN, 4, "0.0"},
        {INFINITY, 4, "0.0"},   {1.006, 2, "1.01"}, {12.0, 0, "12.0"},      {3.14159, 1, "3.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ag_i_format_decimal(cases[i].v, cases[i].d, buf);
        cr_expect_str_eq(buf, cases[i].want, "case %zu", i);
    }
    cr_expect_eq(ag_i_round_decimal(NAN, 4), 0.0);
    cr_expect(!signbit(ag_i_round_decimal(-0.00001, 4)));
}

/* ------------------------------------------------------------ golden files */

Test(export, golden_json)
{
    ag_network *net = small_network();
    char *out = normalise(render(net, "json", NULL));
    check_golden("small.json", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_dot)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = "Small & <test> \xE2\x80\x9Cnetwork\xE2\x80\x9D";
    char *out = normalise(render(net, "dot", &opt));
    check_golden("small.dot", out);
    free(out);
    ag_network_free(&net);
}

Test(export, golden_svg)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = "Small & <test> \xE2\x80\x9Cnetwork\xE2\x80\x9D";
    char *out = normalise(render(net, "svg", &opt));
    check_golden("small.svg", out);
    free(out);
    ag_network_free(&net);
}

Test(export, deterministic)
{
    const char *names[] = {"json", "dot", "svg"};
    for (size_t i = 0; i < 3; i++) {
        ag_network *a = small_network(), *b = small_network();
        char *x = render(a, names[i], NULL), *y = render(b, names[i], NULL), *z = render(a, names[i], NULL);
        cr_expect_str_eq(x, y, "%s differs between equal networks", names[i]);
        cr_expect_str_eq(x, z, "%s differs between two runs", names[i]);
        free(x);
        free(y);
        free(z);
        ag_network_free(&a);
        ag_network_free(&b);
    }
}

/* ------------------------------------------------------------------ JSON */

Test(export, json_parses_back)
{
    ag_network *net = small_network();
    char *out = render(net, "json", NULL);
    cr_assert(strstr(out, "NaN") == NULL && strstr(out, "Infinity") == NULL);
    cr_assert_eq(out[strlen(out) - 1], '\n', "ends with a newline");
    cr_assert(strstr(out, "\\/") == NULL, "slashes are not escaped");
    json_object *root = json_tokener_parse(out);
    cr_assert(root, "valid JSON");
    json_object *v;
    cr_assert(json_object_object_get_ex(root, "directed", &v) && !json_object_get_boolean(v));
    cr_assert(json_object_object_get_ex(root, "multigraph", &v) && !json_object_get_boolean(v));
    json_object *graph, *nodes, *links;
    cr_assert(json_object_object_get_ex(root, "graph", &graph));
    cr_assert(json_object_object_get_ex(graph, "schema", &v) && json_object_get_int(v) == AG_NETWORK_SCHEMA);
    cr_assert(json_object_object_get_ex(graph, "date_min", &v));
    cr_assert_str_eq(json_object_get_string(v), "2024-01-05");
    cr_assert(json_object_object_get_ex(root, "nodes", &nodes));
    cr_assert(json_object_object_get_ex(root, "links", &links));
    /* IS has no mentions: not written. */
    cr_assert_eq(json_object_array_length(nodes), 4);
    const char *order[] = {"China", "Pakistan", "Russia", "USA"};
    for (size_t i = 0; i < 4; i++) {
        json_object *n = json_object_array_get_idx(nodes, i);
        cr_assert(json_object_object_get_ex(n, "id", &v));
        cr_expect_str_eq(json_object_get_string(v), order[i]);
    }
    cr_assert_eq(json_object_array_length(links), 3);
    for (size_t i = 0; i < 3; i++) {
        json_object *l = json_object_array_get_idx(links, i);
        cr_assert(json_object_object_get_ex(l, "stance", &v));
        double s = json_object_get_double(v);
        cr_expect(isfinite(s) && s >= -1 && s <= 1);
        cr_assert(json_object_object_get_ex(l, "weight", &v) && json_object_is_type(v, json_type_int));
    }
    /* Pakistan--Russia: both directions, evidence text survives as is. */
    json_object *pr = json_object_array_get_idx(links, 1), *dirs, *ev;
    cr_assert(json_object_object_get_ex(pr, "id", &v));
    cr_assert_str_eq(json_object_get_string(v), "Pakistan--Russia");
    cr_assert(json_object_object_get_ex(pr, "directions", &dirs));
    cr_assert_eq(json_object_array_length(dirs), 2);
    cr_assert(json_object_object_get_ex(pr, "evidence", &ev));
    cr_assert(json_object_object_get_ex(json_object_array_get_idx(ev, 0), "text", &v));
    cr_assert_str_eq(json_object_get_string(v),
                     "Pakistan and Russia signed a \"strategic\" pact on energy & trade <in Moscow>.");
    json_object_put(root);
    free(out);
    ag_network_free(&net);
}

Test(export, json_repairs_invalid_utf8)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t a = add_node(net, "A\xFF", "bad \xC3 label", NULL, NULL);
    size_t b = add_node(net, "B", NULL, NULL, NULL);
    ag_i_network_add_mentions(net, a, 1, 1);
    ag_i_network_add_mentions(net, b, 1, 1);
    add_window(net, a, b, 0, 1, "d", 1, "bytes \xED\xA0\x80 and \x01 control", NULL, 0);
    char *out = render(net, "json", NULL);
    json_object *root = json_tokener_parse(out);
    cr_assert(root, "valid JSON: %s", out);
    cr_assert(strstr(out, "A\xEF\xBF\xBD") != NULL, "U+FFFD for the bad byte");
    cr_assert(strstr(out, "\\u0001") != NULL, "control characters escaped");
    json_object_put(root);
    free(out);
    ag_network_free(&net);
}

/* -------------------------------------------------------- escaping in DOT */

/* Names cgraph must quote or that once broke its output. */
static const char *const tricky[] = {
    "node", "edge", "graph", "strict", "subgraph", "Digraph", "say \"hi\"", "back\\slash", "trail\\",
    "q\\\"q", "<html>", "a&b", "Z\xC3\xBCrich", "-1.5", "x y", "label\\N",
};
#define N_TRICKY (sizeof tricky / sizeof tricky[0])

static ag_network *tricky_network(void)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t hub = add_node(net, "hub", "Hub \\N \"<&>\"", NULL, NULL);
    ag_i_network_add_mentions(net, hub, 1, 1);
    for (size_t i = 0; i < N_TRICKY; i++) {
        size_t n = add_node(net, tricky[i], tricky[i], tricky[i], NULL);
        ag_i_network_add_mentions(net, n, 1, 1);
        add_window(net, hub, n, (int)(i % 3) - 1, 1, tricky[i], i + 1, tricky[i], NULL, 0);
    }
    return net;
}

/* The name cgraph reads back: backslashes are doubled on the way out. */
static char *gv_name(const char *id)
{
    char *out = malloc(2 * strlen(id) + 1), *o = out;
    for (; *id; id++) {
        if (*id == '\\')
            *o++ = '\\';
        *o++ = *id;
    }
    *o = '\0';
    return out;
}

Test(export, dot_escaping_round_trips)
{
    ag_network *net = tricky_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = "T \\ \" < & >";
    char *out = render(net, "dot", &opt);
    Agraph_t *g = agmemread(out);
    cr_assert(g, "cgraph parses the DOT:\n%s", out);
    cr_assert_eq(agnnodes(g), (int)N_TRICKY + 1);
    cr_assert_eq(agnedges(g), (int)N_TRICKY);
    for (size_t i = 0; i < N_TRICKY; i++) {
        char *name = gv_name(tricky[i]);
        Agnode_t *n = agnode(g, name, 0);
        cr_expect(n, "node %s is there", tricky[i]);
        if (n)
            cr_expect_str_eq(agget(n, "label"), name, "label of %s", tricky[i]);
        free(name);
    }
    agclose(g);
    free(out);
    /* The Graphviz command line reads it too, when it is installed. */
    if (access("/usr/bin/dot", X_OK) == 0) {
        char dir[] = "/tmp/agdot.XXXXXX";
        cr_assert(mkdtemp(dir));
        char path[256], cmd[512];
        snprintf(path, sizeof path, "%s/t.dot", dir);
        char *again = render(net, "dot", &opt);
        cr_assert_eq(ag_t_write_file(path, again, strlen(again)), 0);
        snprintf(cmd, sizeof cmd, "dot -Tcanon %s >/dev/null", path);
        char *err = NULL;
        cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "dot -Tcanon: %s", err ? err : "");
        cr_expect(!err || !*err, "no Graphviz warnings: %s", err);
        free(err);
        free(again);
        unlink(path);
        rmdir(dir);
    }
    ag_network_free(&net);
}

Test(export, svg_escaping)
{
    ag_network *net = tricky_network();
    char *out = render(net, "svg", NULL);
    cr_assert(strstr(out, "<svg") && strstr(out, "</svg>"));
    cr_assert(strstr(out, "Z\xC3\xBC" "rich") != NULL, "non-ASCII kept");
    cr_assert(strstr(out, "&lt;html&gt;") != NULL);
    if (access("/usr/bin/xmllint", X_OK) == 0) {
        char dir[] = "/tmp/agsvg.XXXXXX";
        cr_assert(mkdtemp(dir));
        char path[256], cmd[512];
        snprintf(path, sizeof path, "%s/t.svg", dir);
        cr_assert_eq(ag_t_write_file(path, out, strlen(out)), 0);
        snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", path);
        char *err = NULL;
        cr_expect_eq(ag_t_run(cmd, NULL, &err), 0, "xmllint: %s", err ? err : "");
        free(err);
        unlink(path);
        rmdir(dir);
    }
    free(out);
    ag_network_free(&net);
}

Test(export, dot_directed)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.directed = 1;
    char *out = render(net, "dot", &opt);
    cr_assert(strncmp(out, "digraph", 7) == 0, "%s", out);
    cr_expect(strstr(out, "dir=both") != NULL, "Pakistan--Russia went both ways");
    cr_expect(strstr(out, "dir=back") != NULL, "USA -> Russia is against the edge's order");
    Agraph_t *g = agmemread(out);
    cr_assert(g);
    cr_expect_eq(agnedges(g), 3);
    agclose(g);
    free(out);
    ag_network_free(&net);
}

/* -------------------------------------------------------- empty and errors */

Test(export, empty_network)
{
    ag_network *net = NULL;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    size_t idle = add_node(net, "idle", NULL, NULL, NULL); /* no mentions: not shown */
    (void)idle;
    char *json = render(net, "json", NULL);
    json_object *root = json_tokener_parse(json), *v;
    cr_assert(root);
    cr_assert(json_object_object_get_ex(root, "nodes", &v) && json_object_array_length(v) == 0);
    cr_assert(json_object_object_get_ex(root, "links", &v) && json_object_array_length(v) == 0);
    json_object_put(root);
    free(json);
    char *dot = render(net, "dot", NULL);
    Agraph_t *g = agmemread(dot);
    cr_assert(g, "%s", dot);
    cr_assert_eq(agnnodes(g), 0);
    agclose(g);
    free(dot);
    char *svg = render(net, "svg", NULL);
    cr_assert(strstr(svg, "<svg") && strstr(svg, "</svg>"));
    free(svg);
    ag_network_free(&net);
}

Test(export, unknown_layout)
{
    ag_network *net = small_network();
    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.layout = "x";
    ag_sink *sink = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_export_svg(net, &opt, sink, &err), AG_EINVAL);
    cr_assert_str_eq(err.message, "unknown layout engine \"x\" (use neato, dot, fdp, sfdp, circo or twopi)");
    cr_assert_eq(ag_sink_data(sink, NULL)[0], '\0', "nothing written");
    ag_sink_abort(&sink);
    ag_network_free(&net);
}

Test(export, other_layouts)
{
    ag_network *net = small_network();
    const char *engines[] = {"dot", "fdp", "circo", "twopi"};
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        ag_export_options opt;
        ag_export_options_init(&opt);
        opt.layout = engines[i];
        char *svg = render(net, "svg", &opt);
        cr_expect(strstr(svg, "</svg>") != NULL, "%s", engines[i]);
        free(svg);
    }
    ag_network_free(&net);
}

/* ------------------------------------------------------------------ sinks */

/* Number of entries in @dir besides . and .., and the first one's name. */
static int dir_entries(const char *dir, char *first, size_t first_size)
{
    DIR *d = opendir(dir);
    cr_assert(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == 0 && first)
            snprintf(first, first_size, "%s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
    free(dir);
}

Test(sink, memory_grows_and_terminates)
{
    ag_sink *s = NULL;
    cr_assert_eq(ag_sink_open_buffer(&s), AG_OK);
    size_t len = 1;
    cr_assert_str_eq(ag_sink_data(s, &len), "");
    cr_assert_eq(len, 0);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(ag_sink_puts(s, "0123456789", NULL), AG_OK);
    cr_assert_eq(ag_sink_write(s, "x", 0, NULL), AG_OK);
    const char *d = ag_sink_data(s, &len);
    cr_assert_eq(len, 10000);
    cr_assert_eq(d[len], '\0');
    cr_assert_eq(memcmp(d + 9990, "0123456789", 10), 0);
    cr_assert_eq(ag_sink_close(&s, NULL), AG_OK);
    cr_assert_null(s);
    ag_sink_abort(&s); /* NULL-safe */
}

Test(sink, file_is_atomic)
{
    char *dir = ag_t_tempdir();
    char path[4096], first[256] = "";
    snprintf(path, sizeof path, "%s/out.json", dir);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
    cr_assert_null(ag_sink_data(s, NULL));
    cr_assert_eq(ag_sink_puts(s, "hello\n", &err), AG_OK);
    struct stat st;
    cr_assert(stat(path, &st) != 0 && errno == ENOENT, "the target appears only on close");
    cr_assert_eq(dir_entries(dir, first, sizeof first), 1);
    cr_assert(strncmp(first, ".out.json.tmp.", 14) == 0, "temporary beside the target: %s", first);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_null(s);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "hello\n");
    free(data);
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0644);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "no temporary left");
    /* Replacing an existing file works the same way. */
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "second", &err), AG_OK);
    data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "hello\n", "old content until close");
    free(data);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK);
    data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "second");
    free(data);
    remove_dir(dir);
}

Test(sink, relative_path)
{
    char *dir = ag_t_tempdir();
    char cwd[4096];
    cr_assert(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(dir), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("plain.dot", &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "graph {}\n", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(access("plain.dot", R_OK), 0);
    cr_assert_eq(chdir(cwd), 0);
    remove_dir(dir);
}

Test(sink, abort_leaves_nothing)
{
    char *dir = ag_t_tempdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/out.svg", dir);
    ag_sink *s = NULL;
    cr_assert_eq(ag_sink_open_file(path, &s, NULL), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "partial", NULL), AG_OK);
    ag_sink_abort(&s);
    cr_assert_null(s);
    cr_assert_eq(dir_entries(dir, NULL, 0), 0, "no target, no temporary");
    /* An existing target is left as it was. */
    cr_assert_eq(ag_t_write_file(path, "old", 3), 0);
    cr_assert_eq(ag_sink_open_file(path, &s, NULL), AG_OK);
    cr_assert_eq(ag_sink_puts(s, "new content", NULL), AG_OK);
    ag_sink_abort(&s);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "old");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1);
    remove_dir(dir);
}

Test(sink, errors_name_the_path)
{
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("/nonexistent-agtest-dir/x.json", &s, &err), AG_EIO);
    cr_assert_null(s);
    cr_assert_str_eq(err.message, "/nonexistent-agtest-dir/x.json: No such file or directory");
    char *dir = ag_t_tempdir();
    cr_assert_eq(ag_sink_open_file(dir, &s, &err), AG_EIO);
    char want[4200];
    snprintf(want, sizeof want, "%s: Is a directory", dir);
    cr_assert_str_eq(err.message, want);
    /* A directory we may not write to (root may write anywhere: skip then). */
    if (geteuid() != 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/x.json", dir);
        cr_assert_eq(chmod(dir, 0555), 0);
        cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_EIO);
        snprintf(want, sizeof want, "%s: Permission denied", path);
        cr_assert_str_eq(err.message, want);
        cr_assert_eq(chmod(dir, 0755), 0);
    }
    cr_assert_eq(dir_entries(dir, NULL, 0), 0);
    remove_dir(dir);
    cr_assert_eq(ag_sink_open_file("", &s, &err), AG_EINVAL);
}

/* A disk that fills up: RLIMIT_FSIZE makes writes past 64 bytes fail with EFBIG. */
Test(sink, write_failure_keeps_target)
{
    ag_network *net = small_network();
    char *dir = ag_t_tempdir();
    char path[4096], want[4200];
    snprintf(path, sizeof path, "%s/out.json", dir);
    cr_assert_eq(ag_t_write_file(path, "old", 3), 0);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, small = {64, 64};
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_max = old.rlim_max;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK);
    /* The error shows at a write or, buffered, at close: either way it names the file. */
    ag_status st = ag_export_json(net, NULL, s, &err);
    if (st == AG_OK)
        st = ag_sink_close(&s, &err);
    else
        cr_assert_eq(ag_sink_close(&s, &err), AG_EIO, "a failed sink is never renamed");
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    cr_assert_eq(st, AG_EIO);
    cr_assert_null(s);
    snprintf(want, sizeof want, "%s: %s", path, strerror(EFBIG));
    cr_assert_str_eq(err.message, want);
    char *data = ag_t_read_file(path, NULL);
    cr_assert_str_eq(data, "old");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "temporary removed");
    remove_dir(dir);
    ag_network_free(&net);
}

/* `-o /dev/null` or a pipe must be written in place, never replaced by a renamed file. */
Test(sink, fifo_is_written_in_place)
{
    char *dir = ag_t_tempdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/pipe", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    int rd = open(path, O_RDONLY | O_NONBLOCK); /* a reader, so opening for writing does not block */
    cr_assert(rd >= 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "through the pipe", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    char buf[64] = "";
    ssize_t n = read(rd, buf, sizeof buf - 1);
    close(rd);
    cr_assert_eq(n, 16);
    cr_assert_str_eq(buf, "through the pipe");
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISFIFO(st.st_mode), "still a FIFO");
    cr_assert_eq(dir_entries(dir, NULL, 0), 1, "no temporary beside it");
    remove_dir(dir);
}

Test(sink, symlink_is_followed)
{
    char *dir = ag_t_tempdir();
    char real[4096], link[4096];
    snprintf(real, sizeof real, "%s/real.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    cr_assert_eq(ag_t_write_file(real, "old", 3), 0);
    cr_assert_eq(symlink("real.json", link), 0);
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file(link, &s, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_puts(s, "new", &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link stays a link");
    char *data = ag_t_read_file(real, NULL);
    cr_assert_str_eq(data, "new");
    free(data);
    cr_assert_eq(dir_entries(dir, NULL, 0), 2);
    remove_dir(dir);
}

Test(sink, stdout_sink)
{
    ag_sink *s = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_sink_open_file("-", &s, &err), AG_OK);
    cr_assert_null(ag_sink_data(s, NULL));
    cr_assert_eq(ag_sink_write(s, "", 0, &err), AG_OK);
    cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
    cr_assert_null(s);
}

Test(sink, writers_write_files)
{
    ag_network *net = small_network();
    char *dir = ag_t_tempdir();
    size_t n = 0;
    const ag_format *f = ag_export_formats(&n);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/small.%s", dir, f[i].extension);
        ag_sink *s = NULL;
        ag_error err = {0};
        cr_assert_eq(ag_sink_open_file(path, &s, &err), AG_OK, "%s", err.message);
        cr_assert_eq(f[i].write(net, NULL, s, &err), AG_OK, "%s", err.message);
        cr_assert_eq(ag_sink_close(&s, &err), AG_OK, "%s", err.message);
        char *file = ag_t_read_file(path, NULL);
        char *mem = render(net, f[i].name, NULL);
        cr_expect_str_eq(file, mem, "%s: file and memory agree", f[i].name);
        free(file);
        free(mem);
    }
    cr_assert_eq(dir_entries(dir, NULL, 0), (int)n);
    remove_dir(dir);
    ag_network_free(&net);
}
