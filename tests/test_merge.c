/* Network JSON reader and merge: errors pinned, round trips byte for byte,
 * merges of networks built in memory, and shards that merge into the single run
 * in any order and grouping. The CLI side is tests/scripts/merge_shards.sh. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/actorgraph.h"
#include "network_internal.h"
#include "support.h"

/* ---------------------------------------------------------------- helpers */

/* The network's JSON as ag_export_json() writes it (malloc'd). */
static char *to_json(const ag_network *net)
{
    char *s = ag_t_network_json(net);
    cr_assert_not_null(s, "ag_export_json failed");
    return s;
}

static ag_network *load(const char *json)
{
    ag_network *net = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_load_buffer(json, strlen(json), "t.json", &net, &err), AG_OK, "%s", err.message);
    return net;
}

static void expect_load_error(const char *json, ag_status want, const char *message)
{
    ag_network *net = NULL;
    ag_error err = {0};
    ag_status st = ag_network_load_buffer(json, strlen(json), "t.json", &net, &err);
    cr_expect_eq(st, want, "status %d for: %s", st, message);
    cr_expect_str_eq(err.message, message);
    cr_expect_null(net);
    ag_network_free(&net);
}

/* A text with every occurrence of @from replaced by @to (malloc'd); @from must occur. */
static char *replace(const char *text, const char *from, const char *to, int first_only)
{
    size_t nf = strlen(from), nt = strlen(to), n = 0;
    for (const char *p = strstr(text, from); p; p = strstr(p + nf, from))
        n++;
    cr_assert_gt(n, 0, "\"%s\" not found", from);
    if (first_only)
        n = 1;
    char *out = malloc(strlen(text) + n * (nt + 1) + 1), *w = out;
    const char *r = text;
    for (size_t k = 0; k < n; k++) {
        const char *p = strstr(r, from);
        memcpy(w, r, (size_t)(p - r));
        w += p - r;
        memcpy(w, to, nt);
        w += nt;
        r = p + nf;
    }
    strcpy(w, r);
    return out;
}

static char *example_json(void)
{
    char *s = ag_t_read_file(AG_SOURCE_DIR "/graphs/example.json", NULL);
    cr_assert_not_null(s);
    return s;
}

/* A small valid network to break in the error tests. */
static const char small[] =
    "{\n"
    "  \"directed\": false,\n"
    "  \"multigraph\": false,\n"
    "  \"graph\": {\"generator\": \"actorgraph 0.1.0\", \"schema\": 1, \"window\": \"sentence\",\n"
    "            \"lexicon\": \"default\", \"documents\": 2, \"sentences\": 9, \"evidence_cap\": 2},\n"
    "  \"nodes\": [\n"
    "    {\"id\": \"A\", \"label\": \"Alpha\", \"mentions\": 3, \"documents\": 2},\n"
    "    {\"id\": \"B\", \"mentions\": 2, \"documents\": 1}\n"
    "  ],\n"
    "  \"links\": [\n"
    "    {\"source\": \"A\", \"target\": \"B\", \"weight\": 2, \"cooperation\": 1, \"conflict\": 0,\n"
    "     \"neutral\": 1, \"stance\": 0.5, \"documents\": 1,\n"
    "     \"directions\": [{\"source\": \"B\", \"target\": \"A\", \"weight\": 1, \"cooperation\": 1,\n"
    "                     \"conflict\": 0, \"neutral\": 0}],\n"
    "     \"evidence\": [{\"doc\": \"d1\", \"sentence\": 2, \"start\": 10, \"end\": 30,\n"
    "                   \"text\": \"B supports A.\", \"stance\": 1, \"cues\": [\"supports\"]}]}\n"
    "  ]\n"
    "}\n";

/* ---------------------------------------------------------------- reader */

Test(reader, small_network_loads)
{
    ag_network *net = load(small);
    const ag_graph_info *g = ag_network_graph(net);
    cr_expect_str_eq(g->window, "sentence");
    cr_expect_str_eq(g->lexicon, "default");
    cr_expect_eq(g->documents, 2);
    cr_expect_eq(g->sentences, 9);
    cr_expect_eq(g->evidence_cap, 2);
    cr_assert_eq(ag_network_node_count(net), 2);
    cr_expect_str_eq(ag_network_node(net, 0)->label, "Alpha");
    cr_expect_str_eq(ag_network_node(net, 1)->label, "B");
    cr_expect_eq(ag_network_find_node(net, "B"), 1);
    cr_expect_eq(ag_network_find_node(net, "C"), -1);
    cr_assert_eq(ag_network_edge_count(net), 1);
    const ag_edge_info *e = ag_network_edge(net, 0);
    cr_expect_eq(e->total.weight, 2);
    cr_expect_eq(e->forward.weight, 0);
    cr_expect_eq(e->backward.cooperation, 1);
    cr_expect_float_eq(e->stance, 0.5, 1e-9);
    cr_assert_eq(e->n_evidence, 1);
    cr_expect_str_eq(e->evidence[0].cues[0], "supports");
    cr_expect_eq(e->evidence[0].end, 30);
    ag_network_free(&net);
}

Test(reader, syntax_errors_have_line_and_column)
{
    char *json = example_json();
    /* cut in the middle of the file */
    json[500] = '\0';
    expect_load_error(json, AG_EPARSE, "t.json:26:17: unexpected end of input (the file is cut short)");
    free(json);
    expect_load_error("", AG_EPARSE, "t.json:1:1: unexpected end of input (no network in it)");
    expect_load_error("{\"graph\": {\"schema\": 1,}}", AG_EPARSE, "t.json:1:23: trailing comma before '}'");
    expect_load_error("{\"a\": 1} {}", AG_EPARSE, "t.json:1:10: unexpected character '{'");
    expect_load_error("{\"a\": \"\xff\"}", AG_EPARSE, "t.json:1:8: invalid UTF-8");
    expect_load_error("{\"a\": \"x\ty\"}", AG_EPARSE, "t.json:1:9: control character in string (write it as an escape)");
    expect_load_error("[1, 2]", AG_EPARSE, "t.json: not an actorgraph network (the JSON is an array, not an object)");
}

Test(reader, nan_and_infinity_are_rejected)
{
    char *json = replace(small, "\"stance\": 0.5", "\"stance\": NaN", 1);
    expect_load_error(json, AG_EPARSE, "t.json:12:30: \"NaN\" is not valid JSON");
    free(json);
    json = replace(small, "\"weight\": 2", "\"weight\": Infinity", 1);
    expect_load_error(json, AG_EPARSE, "t.json:11:46: \"Infinity\" is not valid JSON");
    free(json);
}

Test(reader, not_actorgraph_and_other_schema)
{
    expect_load_error("{\"nodes\": [], \"links\": []}", AG_EPARSE,
                      "t.json: not an actorgraph network (it has no \"graph\" object)");
    char *json = replace(small, "\"generator\": \"actorgraph 0.1.0\"", "\"generator\": \"networkx\"", 1);
    expect_load_error(json, AG_EPARSE, "t.json: not an actorgraph network (graph.generator is \"networkx\")");
    free(json);
    json = replace(small, "\"generator\": \"actorgraph 0.1.0\", ", "", 1);
    expect_load_error(json, AG_EPARSE,
                      "t.json: not an actorgraph network (no graph.generator starting with \"actorgraph\")");
    free(json);
    json = replace(small, "\"schema\": 1", "\"schema\": 2", 1);
    expect_load_error(json, AG_EPARSE, "t.json: graph.schema: written with schema 2; this actorgraph reads schema 1");
    free(json);
    json = replace(small, "\"directed\": false", "\"directed\": true", 1);
    expect_load_error(json, AG_EPARSE,
                      "t.json: directed: must be false (an actorgraph network has one undirected link per pair)");
    free(json);
}

Test(reader, content_errors_name_the_place)
{
    static const struct {
        const char *from, *to, *message;
    } cases[] = {
        {"\"target\": \"B\"", "\"target\": \"C\"", "t.json: links[0].target: no node with id \"C\" in nodes"},
        {"\"target\": \"B\"", "\"target\": \"A\"", "t.json: links[0]: source and target are both \"A\""},
        {"\"weight\": 2", "\"weight\": -2", "t.json: links[0].weight: must not be negative (-2)"},
        {"\"weight\": 2", "\"weight\": 2.5", "t.json: links[0].weight: must be a whole number, not a fraction"},
        {"\"weight\": 2", "\"weight\": 3", "t.json: links[0]: cooperation + conflict + neutral (1 + 0 + 1) must equal weight (3)"},
        {"\"weight\": 2, ", "", "t.json: links[0]: missing \"weight\""},
        {"\"mentions\": 2", "\"mentions\": \"2\"", "t.json: nodes[1].mentions: must be a whole number, not a string"},
        {"\"id\": \"B\"", "\"id\": \"A\"", "t.json: nodes[1].id: duplicate node id \"A\" (also nodes[0])"},
        {"\"id\": \"B\"", "\"id\": \"\"", "t.json: nodes[1].id: must not be empty"},
        {"\"evidence_cap\": 2", "\"evidence_cap\": 0", "t.json: links[0].evidence: 1 sentences, more than graph.evidence_cap (0)"},
        {"\"sentence\": 2", "\"sentence\": 0", "t.json: links[0].evidence[0].sentence: must be at least 1 (sentences are numbered from 1)"},
        {"\"end\": 30", "\"end\": 5", "t.json: links[0].evidence[0].end: (5) is before start (10)"},
        {"\"stance\": 1", "\"stance\": 2", "t.json: links[0].evidence[0].stance: must be -1, 0 or 1"},
        {"[\"supports\"]", "[7]", "t.json: links[0].evidence[0].cues: must be a list of strings"},
        {"\"source\": \"B\", \"target\": \"A\"", "\"source\": \"A\", \"target\": \"A\"",
         "t.json: links[0].directions[0]: A -> A is not a way of this link"},
        {"\"cooperation\": 1,\n                     \"conflict\": 0",
         "\"cooperation\": 0,\n                     \"conflict\": 0",
         "t.json: links[0].directions[0]: cooperation + conflict + neutral (0 + 0 + 0) must equal weight (1)"},
        {"\"window\": \"sentence\"", "\"window\": 1", "t.json: graph.window: must be a string, not an integer"},
        {"\"label\": \"Alpha\"", "\"label\": \"Al\\u0000pha\"", "t.json: nodes[0].label: must not contain a NUL character (\\u0000)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *json = replace(small, cases[i].from, cases[i].to, 1);
        expect_load_error(json, AG_EPARSE, cases[i].message);
        free(json);
    }
}

Test(reader, duplicate_pair_either_way)
{
    char *links = replace(small, "  ]\n}\n",
                          "    ,{\"source\": \"B\", \"target\": \"A\", \"weight\": 1, \"cooperation\": 0, \"conflict\": 0,"
                          " \"neutral\": 1, \"documents\": 1}\n  ]\n}\n", 1);
    expect_load_error(links, AG_EPARSE, "t.json: links[1]: a second link between \"B\" and \"A\" (also links[0])");
    free(links);
}

Test(reader, stance_is_recomputed_and_derived_fields_ignored)
{
    char *json = replace(small, "\"stance\": 0.5", "\"stance\": -0.9, \"id\": \"whatever\"", 1);
    ag_network *net = load(json);
    cr_expect_float_eq(ag_network_edge(net, 0)->stance, 0.5, 1e-9);
    ag_network_free(&net);
    free(json);
}

Test(reader, missing_file_is_eio)
{
    ag_network *net = NULL;
    ag_error err = {0};
    cr_expect_eq(ag_network_load_file("/nonexistent/x.json", &net, &err), AG_EIO);
    cr_expect_str_eq(err.message, "/nonexistent/x.json: No such file or directory");
    cr_expect_null(net);
}

Test(reader, several_networks_one_after_another)
{
    size_t n = strlen(small);
    char *two = malloc(2 * n + 16); /* room for the longer broken copy below */
    memcpy(two, small, n);
    memcpy(two + n, small, n + 1);
    size_t offset = 0;
    ag_network *a = NULL, *b = NULL, *c = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_load_next(two, 2 * n, &offset, "-", &a, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_load_next(two, 2 * n, &offset, "-", &b, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_load_next(two, 2 * n, &offset, "-", &c, &err), AG_OK, "%s", err.message);
    cr_expect_not_null(a);
    cr_expect_not_null(b);
    cr_expect_null(c);
    cr_expect_eq(offset, 2 * n);
    ag_network_free(&a);
    ag_network_free(&b);
    /* a broken second network is named by its first line */
    char *bad = replace(two + n, "\"weight\": 2", "\"weight\": -1", 1);
    memcpy(two + n, bad, strlen(bad) + 1);
    offset = 0;
    cr_assert_eq(ag_network_load_next(two, strlen(two), &offset, "-", &a, &err), AG_OK);
    cr_expect_eq(ag_network_load_next(two, strlen(two), &offset, "-", &b, &err), AG_EPARSE);
    cr_expect_str_eq(err.message, "-: network at line 19: links[0].weight: must not be negative (-1)");
    cr_expect_null(b);
    /* the whole-buffer reader wants one */
    cr_expect_eq(ag_network_load_buffer(small, n, NULL, &c, NULL), AG_OK);
    ag_network_free(&c);
    free(bad);
    free(two);
    ag_network_free(&a);
}

/* ---------------------------------------------------------------- round trips */

Test(reader, example_round_trip_is_byte_identical)
{
    ag_network *net = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_load_file(AG_SOURCE_DIR "/graphs/example.json", &net, &err), AG_OK, "%s", err.message);
    char *file = example_json();
    char *out = to_json(net);
    cr_expect(strcmp(file, out) == 0, "graphs/example.json does not come back byte for byte");
    free(out);
    free(file);
    ag_network_free(&net);
}

/* Builds the network of @paths with the default lexicon (window and cap as given). */
static ag_network *build(const char *const *paths, size_t n, const char *window, unsigned cap)
{
    ag_lexicon *lex = NULL;
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_reader *rd = NULL;
    ag_error err = {0};
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    opt.evidence = cap;
    cr_assert_eq(ag_extract_parse_window(window, &opt), AG_OK);
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_extractor_new(lex, &opt, net, &ex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_reader_open(paths, n, NULL, &rd, &err), AG_OK, "%s", err.message);
    const ag_document *doc;
    while (ag_reader_next(rd, &doc, &err) == AG_OK && doc)
        cr_assert_eq(ag_extract_document(ex, doc, &err), AG_OK, "%s", err.message);
    ag_reader_free(&rd);
    ag_extractor_free(&ex);
    ag_lexicon_free(&lex);
    return net;
}

Test(reader, seeds_round_trip_is_byte_identical)
{
    if (!ag_t_have_shared())
        cr_skip_test("../shared is not beside the project: no seeds to read");
    const char *paths[] = {AG_SHARED_DIR "/seeds", AG_SOURCE_DIR "/corpus/example"};
    static const char *const windows[] = {"sentence", "paragraph", "3"};
    for (size_t w = 0; w < 3; w++) {
        ag_network *net = build(paths, 2, windows[w], (unsigned)w * 2 + 1);
        char *first = to_json(net);
        ag_network *back = load(first);
        char *second = to_json(back);
        cr_expect(strcmp(first, second) == 0, "window %s: the network does not come back byte for byte", windows[w]);
        free(first);
        free(second);
        ag_network_free(&net);
        ag_network_free(&back);
    }
}

/* ---------------------------------------------------------------- merge in memory */

static size_t node(ag_network *net, const char *id, const char *label, const char *group)
{
    size_t i = 0;
    cr_assert_eq(ag_i_network_add_node(net, id, label, group, NULL, &i), AG_OK);
    return i;
}

/* One window of a and b in document @doc, sentence @s; dir > 0: a -> b, < 0: b -> a. */
static void window(ag_network *net, size_t a, size_t b, int stance, int dir, int first, const char *doc,
                   uint64_t s, const char *cue)
{
    char text[64];
    snprintf(text, sizeof text, "Sentence %llu of %s.", (unsigned long long)s, doc);
    const char *cues[] = {cue};
    ag_i_evidence_in ev = {doc, s, s * 100, s * 100 + strlen(text), text, strlen(text), stance, cues, cue ? 1 : 0};
    ag_i_window_obs obs = {0};
    obs.a = a;
    obs.b = b;
    obs.stance = stance;
    obs.has_ab = dir > 0;
    obs.stance_ab = stance;
    obs.has_ba = dir < 0;
    obs.stance_ba = stance;
    obs.first_in_doc = first;
    obs.evidence = &ev;
    cr_assert_eq(ag_i_network_add_window(net, &obs), AG_OK);
}

Test(merge, two_networks_built_in_memory)
{
    ag_network *a = NULL, *b = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_new(&a), AG_OK);
    cr_assert_eq(ag_network_new(&b), AG_OK);
    cr_assert_eq(ag_i_network_describe(a, "sentence", "lex", 2), AG_OK);
    cr_assert_eq(ag_i_network_describe(b, "sentence", "lex", 2), AG_OK);
    /* the same actors inserted in other orders, a label and a group only on one side */
    size_t ax = node(a, "X", "Ex", NULL), ay = node(a, "Y", NULL, NULL);
    size_t bz = node(b, "Z", NULL, NULL), by = node(b, "Y", "Why", "g"), bx = node(b, "X", "Other", "h");
    ag_i_network_add_mentions(a, ax, 3, 1);
    ag_i_network_add_mentions(a, ay, 2, 1);
    ag_i_network_add_mentions(b, bx, 1, 1);
    ag_i_network_add_mentions(b, by, 4, 1);
    ag_i_network_add_mentions(b, bz, 5, 1);
    window(a, ax, ay, 0, 0, 1, "d1", 1, NULL);        /* neutral: after any cue-deciding one */
    window(a, ay, ax, -1, 1, 0, "d1", 4, "accused"); /* Y -> X conflict */
    window(b, bx, by, 1, 1, 1, "d9", 2, "supports"); /* X -> Y cooperation */
    window(b, by, bz, 1, 0, 1, "d9", 3, "agreed");
    cr_assert_eq(ag_i_network_add_document(a, "2024-02-01", 5), AG_OK);
    cr_assert_eq(ag_i_network_add_document(b, "2023-12-31", 7), AG_OK);

    cr_assert_eq(ag_network_merge(a, b, &err), AG_OK, "%s", err.message);
    const ag_graph_info *g = ag_network_graph(a);
    cr_expect_eq(g->documents, 2);
    cr_expect_eq(g->sentences, 12);
    cr_expect_str_eq(g->date_min, "2023-12-31");
    cr_expect_str_eq(g->date_max, "2024-02-01");
    cr_assert_eq(ag_network_node_count(a), 3);
    const ag_node_info *x = ag_network_node(a, 0), *y = ag_network_node(a, 1), *z = ag_network_node(a, 2);
    cr_expect_str_eq(x->id, "X");
    cr_expect_str_eq(x->label, "Ex"); /* first wins */
    cr_expect_str_eq(x->group, "h");  /* from whichever has it */
    cr_expect_str_eq(y->label, "Why");
    cr_expect_eq(x->mentions, 4);
    cr_expect_eq(x->documents, 2);
    cr_expect_eq(z->mentions, 5);
    cr_assert_eq(ag_network_edge_count(a), 2);
    const ag_edge_info *xy = ag_network_edge(a, 0);
    cr_expect_eq(xy->source, 0);
    cr_expect_eq(xy->target, 1);
    cr_expect_eq(xy->total.weight, 3);
    cr_expect_eq(xy->total.cooperation, 1);
    cr_expect_eq(xy->total.conflict, 1);
    cr_expect_eq(xy->total.neutral, 1);
    cr_expect_eq(xy->documents, 2);
    cr_expect_eq(xy->forward.weight, 1); /* X -> Y */
    cr_expect_eq(xy->forward.cooperation, 1);
    cr_expect_eq(xy->backward.weight, 1); /* Y -> X */
    cr_expect_eq(xy->backward.conflict, 1);
    /* cap 2: the two cue-deciding sentences, by document id */
    cr_assert_eq(xy->n_evidence, 2);
    cr_expect_str_eq(xy->evidence[0].doc, "d1");
    cr_expect_eq(xy->evidence[0].sentence, 4);
    cr_expect_str_eq(xy->evidence[1].doc, "d9");
    const ag_edge_info *yz = ag_network_edge(a, 1);
    cr_expect_eq(yz->total.cooperation, 1);
    /* b is unchanged */
    cr_expect_eq(ag_network_node_count(b), 3);
    cr_expect_eq(ag_network_graph(b)->documents, 1);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(merge, description_rules)
{
    ag_network *empty = NULL, *a = NULL, *b = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_new(&empty), AG_OK);
    cr_assert_eq(ag_network_new(&a), AG_OK);
    cr_assert_eq(ag_network_new(&b), AG_OK);
    cr_assert_eq(ag_i_network_describe(a, "paragraph", "lex", 5), AG_OK);
    cr_assert_eq(ag_network_merge(empty, a, &err), AG_OK);
    cr_expect_str_eq(ag_network_graph(empty)->window, "paragraph");
    cr_expect_str_eq(ag_network_graph(empty)->lexicon, "lex");
    cr_expect_eq(ag_network_graph(empty)->evidence_cap, 5);

    cr_assert_eq(ag_i_network_describe(b, "sentence", "lex", 5), AG_OK);
    cr_expect_eq(ag_network_merge(empty, b, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "cannot merge networks built with different windows (\"paragraph\" and \"sentence\")");
    cr_assert_eq(ag_i_network_describe(b, "paragraph", "other", 5), AG_OK);
    cr_expect_eq(ag_network_merge(empty, b, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "cannot merge networks built with different lexicons (\"lex\" and \"other\")");
    cr_assert_eq(ag_i_network_describe(b, "paragraph", "lex", 3), AG_OK);
    cr_expect_eq(ag_network_merge(empty, b, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "cannot merge networks built with different evidence caps (5 and 3)");
    cr_expect_eq(ag_network_merge(a, a, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "merge: cannot merge a network into itself");
    ag_network_free(&empty);
    ag_network_free(&a);
    ag_network_free(&b);
}

Test(merge, evidence_cap_is_respected)
{
    ag_network *parts[3] = {NULL};
    ag_error err = {0};
    for (size_t k = 0; k < 3; k++) {
        cr_assert_eq(ag_network_new(&parts[k]), AG_OK);
        cr_assert_eq(ag_i_network_describe(parts[k], "sentence", "lex", 2), AG_OK);
        size_t a = node(parts[k], "A", NULL, NULL), b = node(parts[k], "B", NULL, NULL);
        char doc[8];
        snprintf(doc, sizeof doc, "d%zu", 3 - k);
        for (uint64_t s = 1; s <= 3; s++)
            window(parts[k], a, b, s == 3 ? 1 : 0, 0, s == 1, doc, s, s == 3 ? "agreed" : NULL);
        cr_assert_eq(ag_network_edge(parts[k], 0)->n_evidence, 2);
    }
    cr_assert_eq(ag_network_merge(parts[0], parts[1], &err), AG_OK);
    cr_assert_eq(ag_network_merge(parts[0], parts[2], &err), AG_OK);
    const ag_edge_info *e = ag_network_edge(parts[0], 0);
    cr_expect_eq(e->total.weight, 9);
    cr_assert_eq(e->n_evidence, 2);
    /* the cue-deciding sentences (3 of d1, d2, d3) come first, by document */
    cr_expect_str_eq(e->evidence[0].doc, "d1");
    cr_expect_eq(e->evidence[0].sentence, 3);
    cr_expect_str_eq(e->evidence[1].doc, "d2");
    cr_expect_eq(e->evidence[1].sentence, 3);
    for (size_t k = 0; k < 3; k++)
        ag_network_free(&parts[k]);
}

/* ---------------------------------------------------------------- shards */

/* Builds the network of corpus/example whole and in @n shards (document d goes to
 * shard shard_of[d]); shards[] receive the parts. */
static ag_network *build_shards(const char *window, unsigned cap, const size_t *shard_of, size_t n,
                                ag_network **shards)
{
    const char *paths[] = {AG_SOURCE_DIR "/corpus/example"};
    ag_lexicon *lex = NULL;
    ag_network *whole = NULL;
    ag_extractor *wx = NULL, *ex[8] = {NULL};
    ag_reader *rd = NULL;
    ag_error err = {0};
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    opt.evidence = cap;
    cr_assert_eq(ag_extract_parse_window(window, &opt), AG_OK);
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_new(&whole), AG_OK);
    cr_assert_eq(ag_extractor_new(lex, &opt, whole, &wx, &err), AG_OK);
    for (size_t k = 0; k < n; k++) {
        cr_assert_eq(ag_network_new(&shards[k]), AG_OK);
        cr_assert_eq(ag_extractor_new(lex, &opt, shards[k], &ex[k], &err), AG_OK);
    }
    cr_assert_eq(ag_reader_open(paths, 1, NULL, &rd, &err), AG_OK, "%s", err.message);
    const ag_document *doc;
    size_t d = 0, k = 0;
    while (ag_reader_next(rd, &doc, &err) == AG_OK && doc) {
        if (doc->offset == 0) /* a document read in pieces stays in one shard */
            k = shard_of[d++];
        cr_assert_eq(ag_extract_document(wx, doc, &err), AG_OK, "%s", err.message);
        cr_assert_eq(ag_extract_document(ex[k], doc, &err), AG_OK, "%s", err.message);
    }
    cr_assert_eq(d, 8, "corpus/example has %zu documents, not 8", d);
    ag_reader_free(&rd);
    ag_extractor_free(&wx);
    for (size_t j = 0; j < n; j++)
        ag_extractor_free(&ex[j]);
    ag_lexicon_free(&lex);
    return whole;
}

/* The JSON of the merge of parts[order[0]], parts[order[1]], ... into a new network. */
static char *merged_json(ag_network **parts, const size_t *order, size_t n)
{
    ag_network *net = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_new(&net), AG_OK);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ag_network_merge(net, parts[order[i]], &err), AG_OK, "%s", err.message);
    char *s = to_json(net);
    ag_network_free(&net);
    return s;
}

Test(merge, three_shards_associative_commutative_and_equal_to_one_run)
{
    static const size_t shard_of[8] = {0, 1, 2, 0, 1, 2, 0, 1};
    static const char *const windows[] = {"sentence", "paragraph", "2", "document"};
    static const unsigned caps[] = {3, 1, 5, 0};
    static const size_t orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (size_t w = 0; w < 4; w++) {
        ag_network *parts[3] = {NULL};
        ag_network *whole = build_shards(windows[w], caps[w], shard_of, 3, parts);
        char *want = to_json(whole);
        /* every order (commutativity) */
        for (size_t o = 0; o < 6; o++) {
            char *got = merged_json(parts, orders[o], 3);
            cr_expect(strcmp(got, want) == 0, "window %s: merge in order %zu%zu%zu differs from the single run",
                      windows[w], orders[o][0], orders[o][1], orders[o][2]);
            free(got);
        }
        /* (A + B) + C == A + (B + C), into networks that already hold data (associativity) */
        ag_network *ab = NULL, *bc = NULL;
        ag_error err = {0};
        cr_assert_eq(ag_network_new(&ab), AG_OK);
        cr_assert_eq(ag_network_new(&bc), AG_OK);
        cr_assert_eq(ag_network_merge(ab, parts[0], &err), AG_OK);
        cr_assert_eq(ag_network_merge(ab, parts[1], &err), AG_OK);
        cr_assert_eq(ag_network_merge(ab, parts[2], &err), AG_OK);
        cr_assert_eq(ag_network_merge(bc, parts[1], &err), AG_OK);
        cr_assert_eq(ag_network_merge(bc, parts[2], &err), AG_OK);
        cr_assert_eq(ag_network_merge(parts[0], bc, &err), AG_OK); /* into a network built by an extractor */
        char *left = to_json(ab), *right = to_json(parts[0]);
        cr_expect(strcmp(left, want) == 0, "window %s: (A+B)+C differs from the single run", windows[w]);
        cr_expect(strcmp(right, want) == 0, "window %s: A+(B+C) differs from the single run", windows[w]);
        free(left);
        free(right);
        /* and through JSON: the loaded parts merge to the same bytes */
        ag_network *via = NULL;
        cr_assert_eq(ag_network_new(&via), AG_OK);
        for (size_t k = 3; k-- > 1;) {
            char *text = to_json(parts[k]);
            ag_network *back = load(text);
            cr_assert_eq(ag_network_merge(via, back, &err), AG_OK, "%s", err.message);
            ag_network_free(&back);
            free(text);
        }
        char *vj = to_json(via), *bcj = to_json(bc);
        cr_expect(strcmp(vj, bcj) == 0, "window %s: B+C through JSON differs from B+C in memory", windows[w]);
        free(vj);
        free(bcj);
        ag_network_free(&via);
        ag_network_free(&ab);
        ag_network_free(&bc);
        free(want);
        ag_network_free(&whole);
        for (size_t k = 0; k < 3; k++)
            ag_network_free(&parts[k]);
    }
}
