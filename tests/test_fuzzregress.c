/* Findings of the fuzzers (tests/fuzz/), one test each, beside the minimised
 * input in tests/fuzz/regressions/<target>/ that the fuzz_replay_* tests run. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "actorgraph/actorgraph.h"

/* Extracts one document into a fresh extractor and writes the network as JSON. */
static void extract_fresh(const char *raw, size_t n, ag_window window, uint64_t *documents)
{
    ag_lexicon *lex = NULL;
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_sink *sink = NULL;
    ag_error err = {0};
    char *text = NULL;
    size_t len = 0;
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    opt.window = window;
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_network_new(&net), AG_OK);
    cr_assert_eq(ag_extractor_new(lex, &opt, net, &ex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_text_normalize(raw, n, &text, &len, NULL), AG_OK);
    ag_document doc = {0};
    doc.id = "regression.txt";
    doc.origin = "regression.txt";
    doc.text = text;
    doc.len = len;
    cr_assert_eq(ag_extract_document(ex, &doc, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_sink_open_buffer(&sink), AG_OK);
    cr_assert_eq(ag_export_json(net, NULL, sink, &err), AG_OK, "%s", err.message);
    ag_sink_abort(&sink);
    *documents = ag_network_graph(net)->documents;
    free(text);
    ag_extractor_free(&ex);
    ag_network_free(&net);
    ag_lexicon_free(&lex);
}

/* tests/fuzz/regressions/text/no-match-null-offset.txt, found by fuzz_jsonl and
 * fuzz_text under clang's UBSan: the first document of a fresh extractor that
 * names nobody left its match list unallocated, and ag_extract_document() took
 * `items + 0` of that NULL pointer ("applying zero offset to null pointer",
 * src/extract.c). gcc's UBSan does not check this; the clang fuzz build and a
 * clang sanitizer build do. */
Test(fuzzregress, first_document_without_matches)
{
    static const char text[] = "Hello world.\n";
    static const ag_window windows[] = {AG_WINDOW_SENTENCE, AG_WINDOW_PARAGRAPH, AG_WINDOW_DOCUMENT};
    for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
        uint64_t documents = 0;
        extract_fresh(text, sizeof text - 1, windows[i], &documents);
        cr_expect_eq(documents, 1);
    }
    uint64_t documents = 0;
    extract_fresh("", 0, AG_WINDOW_SENTENCE, &documents);
    cr_expect_eq(documents, 1);
}
