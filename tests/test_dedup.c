/* --dedup corpus: copies of a sentence (case, spacing, punctuation and quote style aside) seen
 * earlier in the input count for nothing, in every window; the folded copies are counted, written
 * to the network JSON, read back and summed by a merge; the pipeline folds the same sentences
 * for any number of threads, also in a text read in pieces. The CLI side is
 * tests/scripts/dedup.sh and tests/scripts/jobs_determinism.sh. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actorgraph/actorgraph.h"
#include "support.h"

/* ---------------------------------------------------------------- helpers */

static ag_lexicon *lexicon(void)
{
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK, "%s", err.message);
    return lex;
}

/* The network of @n texts, one document each, extracted in order by one extractor. */
static ag_network *build(const char *const *texts, size_t n, ag_dedup dedup, const char *window)
{
    ag_lexicon *lex = lexicon();
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    opt.dedup = dedup;
    cr_assert_eq(ag_extract_parse_window(window, &opt), AG_OK);
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_extractor_new(lex, &opt, net, &ex, &err), AG_OK, "%s", err.message);
    for (size_t i = 0; i < n; i++) {
        char id[32]; /* "d" and any size_t */
        snprintf(id, sizeof id, "d%zu", i + 1);
        ag_document doc = {.id = id, .text = texts[i], .len = strlen(texts[i]), .origin = id};
        cr_assert_eq(ag_extract_document(ex, &doc, &err), AG_OK, "%s", err.message);
    }
    ag_extractor_free(&ex);
    ag_lexicon_free(&lex);
    return net;
}

/* The edge of actors a and b (ids, either order), or NULL. */
static const ag_edge_info *edge(const ag_network *net, const char *a, const char *b)
{
    for (size_t i = 0; i < ag_network_edge_count(net); i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        const char *s = ag_network_node(net, e->source)->id, *t = ag_network_node(net, e->target)->id;
        if ((strcmp(s, a) == 0 && strcmp(t, b) == 0) || (strcmp(s, b) == 0 && strcmp(t, a) == 0))
            return e;
    }
    return NULL;
}

static uint64_t weight(const ag_network *net, const char *a, const char *b)
{
    const ag_edge_info *e = edge(net, a, b);
    return e ? e->total.weight : 0;
}

static uint64_t mentions(const ag_network *net, const char *id)
{
    long i = ag_network_find_node(net, id);
    return i < 0 ? 0 : ag_network_node(net, (size_t)i)->mentions;
}

static char *to_json(const ag_network *net)
{
    char *s = ag_t_network_json(net);
    cr_assert_not_null(s, "ag_export_json failed");
    return s;
}

/* The same sentence in three documents, the third time in other case, spacing and quotes. */
static const char *const three[] = {
    "Russia and Pakistan agreed to expand cooperation against the Islamic State.\n\n"
    "India accused Pakistan of supporting militants.\n",
    "Syndicated from the wire.\n\n"
    "Russia and Pakistan agreed to expand cooperation against the Islamic State.\n",
    "RUSSIA  and pakistan agreed to expand   cooperation against the \xe2\x80\x9cIslamic State\xe2\x80\x9d!\n",
};

/* ---------------------------------------------------------------- options */

Test(dedup, options_default_and_parse)
{
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    cr_expect_eq(opt.dedup, AG_DEDUP_DOCUMENT);
    cr_expect_eq(ag_extract_parse_dedup("corpus", &opt), AG_OK);
    cr_expect_eq(opt.dedup, AG_DEDUP_CORPUS);
    cr_expect_eq(ag_extract_parse_dedup("document", &opt), AG_OK);
    cr_expect_eq(opt.dedup, AG_DEDUP_DOCUMENT);
    cr_expect_eq(ag_extract_parse_dedup("Corpus", &opt), AG_EINVAL);
    cr_expect_eq(ag_extract_parse_dedup("", &opt), AG_EINVAL);
    cr_expect_eq(opt.dedup, AG_DEDUP_DOCUMENT);

    ag_lexicon *lex = lexicon();
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_error err = {0};
    opt.dedup = (ag_dedup)7;
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_expect_eq(ag_extractor_new(lex, &opt, net, &ex, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "unknown dedup mode 7");
    cr_expect_null(ex);
    ag_network_free(&net);
    ag_lexicon_free(&lex);
}

/* ---------------------------------------------------------------- counts */

Test(dedup, document_mode_counts_every_copy)
{
    ag_network *net = build(three, 3, AG_DEDUP_DOCUMENT, "sentence");
    const ag_graph_info *g = ag_network_graph(net);
    cr_expect_str_eq(g->dedup, "document");
    cr_expect_eq(g->folded, 0);
    cr_expect_eq(g->documents, 3);
    cr_expect_eq(g->sentences, 5);
    cr_expect_eq(weight(net, "Pakistan", "Russia"), 3);
    cr_expect_eq(weight(net, "IS", "Russia"), 3);
    cr_expect_eq(edge(net, "Pakistan", "Russia")->documents, 3);
    cr_expect_eq(edge(net, "Pakistan", "Russia")->n_evidence, 3);
    cr_expect_eq(mentions(net, "Russia"), 3);
    char *json = to_json(net);
    cr_expect_null(strstr(json, "\"dedup\""), "the default leaves the JSON as it was");
    cr_expect_null(strstr(json, "\"folded\""));
    free(json);
    ag_network_free(&net);
}

Test(dedup, corpus_mode_folds_copies_across_documents)
{
    ag_network *net = build(three, 3, AG_DEDUP_CORPUS, "sentence");
    const ag_graph_info *g = ag_network_graph(net);
    cr_expect_str_eq(g->dedup, "corpus");
    cr_expect_eq(g->folded, 2);
    cr_expect_eq(g->documents, 3, "a document made of copies is still read");
    cr_expect_eq(g->sentences, 3);
    const ag_edge_info *e = edge(net, "Pakistan", "Russia");
    cr_assert_not_null(e);
    cr_expect_eq(e->total.weight, 1);
    cr_expect_eq(e->total.cooperation, 1);
    cr_expect_eq(e->documents, 1);
    cr_assert_eq(e->n_evidence, 1);
    cr_expect_str_eq(e->evidence[0].doc, "d1", "the first copy in input order is the one kept");
    cr_expect_eq(weight(net, "India", "Pakistan"), 1);
    cr_expect_eq(mentions(net, "Russia"), 1);
    cr_expect_eq(mentions(net, "Pakistan"), 2);
    long r = ag_network_find_node(net, "Russia");
    cr_expect_eq(ag_network_node(net, (size_t)r)->documents, 1, "copies name nobody");
    char *json = to_json(net);
    cr_expect_not_null(strstr(json, "\"dedup\": \"corpus\",\n    \"folded\": 2\n"), "%s", json);
    free(json);
    ag_network_free(&net);
}

Test(dedup, folded_is_what_the_default_counted_more)
{
    ag_network *doc = build(three, 3, AG_DEDUP_DOCUMENT, "sentence");
    ag_network *cor = build(three, 3, AG_DEDUP_CORPUS, "sentence");
    const ag_graph_info *gd = ag_network_graph(doc), *gc = ag_network_graph(cor);
    cr_expect_eq(gd->sentences - gc->sentences, gc->folded);
    ag_network_free(&doc);
    ag_network_free(&cor);
}

/* ---------------------------------------------------------------- the normalised form */

Test(dedup, normalised_form)
{
    static const char *const texts[] = {
        "Russia criticised Pakistan over the talks.\n",
        /* 1 */ "russia CRITICISED pakistan over the talks\n",
        /* 2 */ "Russia criticised Pakistan \xe2\x80\x94 over the talks!\n",
        /* 3 */ "\xe2\x80\x98Russia\xe2\x80\x99 criticised Pakistan,\xc2\xa0over the talks.\n",
        /* 4 */ "Russia criticised Pakistan over the new talks.\n", /* another sentence */
        /* 5 */ "Russia criticised Pakistan over the talk.\n",      /* another sentence */
        /* 6 */ "Russia criticised Pakistan over the t\xc3\xa4lks.\n", /* another letter */
    };
    ag_network *net = build(texts, 7, AG_DEDUP_CORPUS, "sentence");
    cr_expect_eq(ag_network_graph(net)->folded, 3);
    cr_expect_eq(weight(net, "Pakistan", "Russia"), 4);
    ag_network_free(&net);
}

Test(dedup, sentences_without_words_are_never_copies)
{
    static const char *const texts[] = {"***\n\nRussia met Pakistan.\n", "***\n\n---\n\nIndia met Pakistan.\n"};
    ag_network *doc = build(texts, 2, AG_DEDUP_DOCUMENT, "sentence");
    ag_network *cor = build(texts, 2, AG_DEDUP_CORPUS, "sentence");
    cr_expect_eq(ag_network_graph(cor)->folded, 0);
    cr_expect_eq(ag_network_graph(cor)->sentences, ag_network_graph(doc)->sentences);
    ag_network_free(&doc);
    ag_network_free(&cor);
}

Test(dedup, repeats_within_a_document_keep_the_document_rule)
{
    /* a byte-for-byte repeat in one document is the default's (not folded); another case is a copy */
    static const char *const texts[] = {
        "Russia met Pakistan.\nRussia met Pakistan.\nRUSSIA met Pakistan.\n",
    };
    ag_network *doc = build(texts, 1, AG_DEDUP_DOCUMENT, "sentence");
    ag_network *cor = build(texts, 1, AG_DEDUP_CORPUS, "sentence");
    cr_expect_eq(ag_network_graph(doc)->sentences, 2);
    cr_expect_eq(weight(doc, "Pakistan", "Russia"), 2);
    cr_expect_eq(ag_network_graph(cor)->sentences, 1);
    cr_expect_eq(ag_network_graph(cor)->folded, 1);
    cr_expect_eq(weight(cor, "Pakistan", "Russia"), 1);
    ag_network_free(&doc);
    ag_network_free(&cor);
}

/* ---------------------------------------------------------------- windows */

/* Builds @texts both ways with @window; the pair a–b weighs @by_document and @by_corpus. */
static void expect_pair(const char *const *texts, size_t n, const char *window, const char *a, const char *b,
                        uint64_t by_document, uint64_t by_corpus)
{
    ag_network *doc = build(texts, n, AG_DEDUP_DOCUMENT, window);
    ag_network *cor = build(texts, n, AG_DEDUP_CORPUS, window);
    cr_expect_eq(weight(doc, a, b), by_document, "-w %s: %s-%s by document", window, a, b);
    cr_expect_eq(weight(cor, a, b), by_corpus, "-w %s: %s-%s by corpus", window, a, b);
    ag_network_free(&doc);
    ag_network_free(&cor);
}

Test(dedup, windows_lack_the_copy)
{
    /* in the second document the copy was the only tie of India to Russia and Pakistan */
    static const char *const texts[] = {
        "Russia and Pakistan agreed.\n",
        "India held a meeting. Russia and Pakistan agreed.\n",
    };
    expect_pair(texts, 2, "paragraph", "India", "Russia", 1, 0);
    expect_pair(texts, 2, "paragraph", "Pakistan", "Russia", 2, 1);
    expect_pair(texts, 2, "document", "India", "Pakistan", 1, 0);
    ag_network *cor = build(texts, 2, AG_DEDUP_CORPUS, "paragraph");
    cr_expect_eq(mentions(cor, "India"), 1);
    cr_expect_eq(ag_network_graph(cor)->folded, 1);
    ag_network_free(&cor);

    /* -w 2: without the copy the second document's blocks are [India, US], not [India, copy] [US] */
    static const char *const blocks[] = {
        "Russia and Pakistan agreed.\n",
        "India held a meeting. Russia and Pakistan agreed. The United States watched.\n",
    };
    expect_pair(blocks, 2, "2", "India", "US", 0, 1);
    expect_pair(blocks, 2, "2", "India", "Russia", 1, 0);
}

/* ---------------------------------------------------------------- files and merge */

Test(dedup, json_round_trip_and_merge_sums_folded)
{
    ag_network *net = build(three, 3, AG_DEDUP_CORPUS, "sentence");
    char *json = to_json(net);
    ag_network *back = NULL, *sum = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_network_load_buffer(json, strlen(json), "t.json", &back, &err), AG_OK, "%s", err.message);
    char *again = to_json(back);
    cr_expect_str_eq(again, json, "read and written back byte for byte");
    cr_expect_str_eq(ag_network_graph(back)->dedup, "corpus");

    cr_assert_eq(ag_network_new(&sum), AG_OK);
    cr_assert_eq(ag_network_merge(sum, net, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_merge(sum, back, &err), AG_OK, "%s", err.message);
    cr_expect_str_eq(ag_network_graph(sum)->dedup, "corpus", "an empty network takes the mode of the first");
    cr_expect_eq(ag_network_graph(sum)->folded, 4);
    cr_expect_eq(ag_network_graph(sum)->sentences, 6);

    ag_network *plain = build(three, 3, AG_DEDUP_DOCUMENT, "sentence");
    cr_expect_eq(ag_network_merge(sum, plain, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "cannot merge networks built with different dedup modes (\"corpus\" and \"document\")");
    cr_expect_eq(ag_network_graph(sum)->folded, 4, "nothing changed");
    free(json);
    free(again);
    ag_network_free(&net);
    ag_network_free(&back);
    ag_network_free(&sum);
    ag_network_free(&plain);
}

static void expect_graph_error(const char *graph_extra, const char *message)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"directed\": false, \"multigraph\": false, \"graph\": {\"generator\": \"actorgraph 0.1.0\", "
             "\"schema\": 1, \"window\": \"sentence\", \"lexicon\": \"default\", \"documents\": 1, "
             "\"sentences\": 1, \"evidence_cap\": 3%s}, \"nodes\": [], \"links\": []}",
             graph_extra);
    ag_network *net = NULL;
    ag_error err = {0};
    ag_status st = ag_network_load_buffer(json, strlen(json), "t.json", &net, &err);
    if (!message) {
        cr_expect_eq(st, AG_OK, "%s: %s", graph_extra, err.message);
    } else {
        cr_expect_eq(st, AG_EPARSE, "%s", graph_extra);
        cr_expect_str_eq(err.message, message);
    }
    ag_network_free(&net);
}

Test(dedup, reader_checks_dedup_and_folded)
{
    expect_graph_error("", NULL);
    expect_graph_error(", \"dedup\": \"document\"", NULL);
    expect_graph_error(", \"dedup\": \"corpus\", \"folded\": 0", NULL);
    expect_graph_error(", \"dedup\": \"corpus\"", NULL);
    expect_graph_error(", \"dedup\": \"everything\"",
                       "t.json: graph.dedup: must be \"document\" or \"corpus\", not \"everything\"");
    expect_graph_error(", \"dedup\": 1", "t.json: graph.dedup: must be a string, not an integer");
    expect_graph_error(", \"dedup\": \"corpus\", \"folded\": -1", "t.json: graph.folded: must not be negative (-1)");
    expect_graph_error(", \"dedup\": \"corpus\", \"folded\": 1.5",
                       "t.json: graph.folded: must be a whole number, not a fraction");
    expect_graph_error(", \"folded\": 2", "t.json: graph.folded: copies are folded only with dedup \"corpus\"");
}

/* ---------------------------------------------------------------- the pipeline */

/* The JSON of a pipeline run over @paths with @threads threads (malloc'd); *folded receives
 * the folded copies. */
static char *pipeline_json(const char *const *paths, size_t n, unsigned threads, ag_dedup dedup, uint64_t *folded)
{
    ag_lexicon *lex = lexicon();
    ag_reader *reader = NULL;
    ag_network *net = NULL;
    ag_error err = {0};
    ag_extract_options xopt;
    ag_extract_options_init(&xopt);
    xopt.dedup = dedup;
    ag_pipeline_options popt;
    ag_pipeline_options_init(&popt);
    popt.threads = threads;
    cr_assert_eq(ag_reader_open(paths, n, NULL, &reader, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_pipeline_run(reader, lex, &xopt, &popt, net, &err), AG_OK, "%s", err.message);
    *folded = ag_network_graph(net)->folded;
    char *json = to_json(net);
    ag_network_free(&net);
    ag_reader_free(&reader);
    ag_lexicon_free(&lex);
    return json;
}

Test(dedup, pipeline_folds_the_same_for_any_thread_count)
{
    char *dir = ag_t_tempdir();
    cr_assert_not_null(dir);
    /* many small documents, each a copy of some earlier ones in another dress */
    for (int i = 0; i < 60; i++) {
        char path[512], text[512];
        snprintf(path, sizeof path, "%s/%03d.txt", dir, i);
        snprintf(text, sizeof text,
                 "%s and Pakistan agreed on round %d.\n\n%s accused %s of violations.\n\nRussia met India %d.\n",
                 i % 2 ? "RUSSIA" : "Russia", i % 7, i % 3 ? "India" : "india", i % 5 ? "Pakistan" : "the US", i);
        cr_assert_eq(ag_t_write_file(path, text, strlen(text)), 0);
    }
    const char *paths[] = {dir};
    uint64_t f1, f2, f4, fd;
    char *j1 = pipeline_json(paths, 1, 1, AG_DEDUP_CORPUS, &f1);
    char *j2 = pipeline_json(paths, 1, 2, AG_DEDUP_CORPUS, &f2);
    char *j4 = pipeline_json(paths, 1, 4, AG_DEDUP_CORPUS, &f4);
    char *jd = pipeline_json(paths, 1, 4, AG_DEDUP_DOCUMENT, &fd);
    cr_expect_str_eq(j2, j1);
    cr_expect_str_eq(j4, j1);
    /* 60 documents: 7 distinct first sentences, 2 second ones (India in either case), 60 third ones */
    cr_expect_eq(f1, 60 - 7 + 60 - 2);
    cr_expect_eq(f2, f1);
    cr_expect_eq(fd, 0);
    cr_expect_neq(strcmp(jd, j1), 0);
    for (int i = 0; i < 60; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%03d.txt", dir, i);
        unlink(path);
    }
    rmdir(dir);
    free(j1);
    free(j2);
    free(j4);
    free(jd);
    free(dir);
}

Test(dedup, pipeline_folds_across_the_pieces_of_a_large_file)
{
    /* over 4 MiB: read in pieces; copies in other spacing, so not the per-document rule's repeats */
    char *dir = ag_t_tempdir();
    cr_assert_not_null(dir);
    size_t cap = (size_t)9 << 20, len = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    int n = 0;
    for (; len + 512 < cap; n++) /* item k comes back every 20,000 with one space more */
        len += (size_t)snprintf(text + len, cap - len,
                                "Russia and%*sPakistan agreed on item %d of the plan.\n\n"
                                "India%*saccused Pakistan again.\n\n",
                                1 + n / 20000, "", n % 20000, 1 + n % 40, "");
    char path[512];
    snprintf(path, sizeof path, "%s/big.txt", dir);
    cr_assert_eq(ag_t_write_file(path, text, len), 0);
    free(text);
    const char *paths[] = {path};
    uint64_t f1, f3;
    char *j1 = pipeline_json(paths, 1, 1, AG_DEDUP_CORPUS, &f1);
    char *j3 = pipeline_json(paths, 1, 3, AG_DEDUP_CORPUS, &f3);
    cr_expect_str_eq(j3, j1);
    /* every item after the first 20,000 is a copy (whatever piece it falls in); of the 40
       spellings of the accusation the first counts, the first time of each other one is a copy,
       and later times are repeats within the document, the default's */
    cr_expect_gt(n, 80000);
    cr_expect_eq(f1, (uint64_t)(n - 20000 + 39));
    cr_expect_eq(f3, f1);
    unlink(path);
    rmdir(dir);
    free(j1);
    free(j3);
    free(dir);
}
