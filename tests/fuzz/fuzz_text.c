/* Fuzz target: bytes as one article, through normalisation, the default
 * lexicon's scanner, sentence splitting and extraction, then the network
 * written as JSON to a memory sink. The window is chosen by the input's size
 * (size % 4: sentence, paragraph, document, blocks of 2 sentences), so every
 * input replays the same way and all windows are covered. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "actorgraph/actorgraph.h"
#include "fuzz.h"

static ag_lexicon *lex;
static ag_scanner *sc;
static void teardown(void);

static void setup(void)
{
    if (lex)
        return;
    if (ag_lexicon_load_default(&lex, NULL) != AG_OK || ag_scanner_new(lex, &sc, NULL) != AG_OK)
        abort();
    atexit(teardown);
}

/* Compiling the default lexicon's scanner costs more than a whole run over a
 * small input, so one extractor per window lives as long as the process, each
 * with its network. The network is bounded (six actors, fifteen pairs,
 * evidence capped), so what carries over between inputs is counts and the
 * choice of evidence; every 16th size gets a fresh extractor and network so
 * that first-document paths stay covered. The replay programs (replay.c) use a
 * fresh one for every input. */
static ag_extractor *kept[4];
static ag_network *kept_net[4];

static void extract(const ag_document *doc, size_t size)
{
    static const ag_window windows[4] = {AG_WINDOW_SENTENCE, AG_WINDOW_PARAGRAPH, AG_WINDOW_DOCUMENT,
                                         AG_WINDOW_SENTENCES};
    size_t w = size % 4;
    int fresh = AG_FUZZ_ALWAYS_FRESH || size % 16 == 15;
    ag_extract_options opt;
    ag_extract_options_init(&opt);
    opt.window = windows[w];
    opt.window_size = 2;
    ag_network *net = fresh ? NULL : kept_net[w];
    ag_extractor *ex = fresh ? NULL : kept[w];
    ag_sink *sink = NULL;
    ag_error err = {0};
    if (!ex) {
        if (ag_network_new(&net) != AG_OK || ag_extractor_new(lex, &opt, net, &ex, &err) != AG_OK)
            abort(); /* out of memory is no finding */
        if (!fresh) {
            kept[w] = ex;
            kept_net[w] = net;
        }
    }
    ag_status st = ag_extract_document(ex, doc, &err);
    AG_FUZZ_CHECK(st == AG_OK || st == AG_ENOMEM);
    if (st == AG_OK) {
        AG_FUZZ_CHECK(ag_sink_open_buffer(&sink) == AG_OK);
        st = ag_export_json(net, NULL, sink, &err);
        AG_FUZZ_CHECK(st == AG_OK);
        size_t n = 0;
        const char *json = ag_sink_data(sink, &n);
        AG_FUZZ_CHECK(json && n > 0);
        ag_sink_abort(&sink);
    }
    if (fresh) {
        ag_extractor_free(&ex);
        ag_network_free(&net);
    }
}

static void teardown(void)
{
    for (size_t w = 0; w < 4; w++) {
        ag_extractor_free(&kept[w]);
        ag_network_free(&kept_net[w]);
    }
    ag_scanner_free(&sc);
    ag_lexicon_free(&lex);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    char *text = NULL;
    size_t len = 0;
    unsigned flags = 0;
    ag_status st = ag_text_normalize((const char *)data, size, &text, &len, &flags);
    if (st == AG_ESKIP) {
        AG_FUZZ_CHECK(text == NULL && (flags & AG_TEXT_HAS_NUL));
        return 0;
    }
    AG_FUZZ_CHECK(st == AG_OK && text && text[len] == '\0');
    ag_fuzz_check_utf8(text, len);

    /* The scanner alone: matches in order, inside the text, not overlapping. */
    ag_matches m = {0};
    AG_FUZZ_CHECK(ag_scan(sc, text, len, &m) == AG_OK);
    for (size_t i = 0; i < m.count; i++) {
        AG_FUZZ_CHECK(m.items[i].start < m.items[i].end && m.items[i].end <= len);
        AG_FUZZ_CHECK(i == 0 || m.items[i - 1].end <= m.items[i].start);
    }
    ag_matches_free(&m);

    /* Sentences: in order, inside the text. */
    ag_sentences s = {0};
    AG_FUZZ_CHECK(ag_text_split(text, len, lex, &s) == AG_OK);
    for (size_t i = 0; i < s.count; i++) {
        AG_FUZZ_CHECK(s.items[i].start <= s.items[i].end && s.items[i].end <= len);
        AG_FUZZ_CHECK(i == 0 || s.items[i - 1].end <= s.items[i].start);
    }
    ag_sentences_free(&s);

    ag_document doc = {0};
    doc.id = "fuzz.txt";
    doc.origin = "fuzz.txt";
    doc.text = text;
    doc.len = len;
    extract(&doc, size);
    free(text);
    return 0;
}
