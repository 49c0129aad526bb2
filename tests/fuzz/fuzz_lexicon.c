/* Fuzz target: bytes as a lexicon (ag_lexicon_load_buffer). A lexicon that
 * loads is compiled (its scanner) and used on one document: a fixed article
 * followed by the input bytes themselves, which hold the lexicon's own aliases
 * and cues, so they match. A lexicon that does not load must say why in one
 * line that names the file. The lint (ag_lexicon_lint_buffer) must accept and
 * reject exactly what the loader does, with the same message, and its warnings
 * must name the file and a path. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/actorgraph.h"
#include "fuzz.h"

static const char article[] =
    "Russia and Pakistan agreed to widen counter-terrorism cooperation on Monday.\n"
    "Washington accused Islamabad of failing to act, while Moscow did not criticise India.\n\n"
    "The Taliban, however, rejected talks between Kabul and the U.S. Read more: nothing.\n";

static void run_text(const ag_lexicon *lex, const char *raw, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    if (ag_text_normalize(raw, n, &text, &len, NULL) != AG_OK)
        return;
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_sink *sink = NULL;
    ag_error err = {0};
    if (ag_network_new(&net) != AG_OK || ag_extractor_new(lex, NULL, net, &ex, &err) != AG_OK)
        abort();
    ag_document doc = {0};
    doc.id = "fuzz.txt";
    doc.origin = "fuzz.txt";
    doc.text = text;
    doc.len = len;
    ag_status st = ag_extract_document(ex, &doc, &err);
    AG_FUZZ_CHECK(st == AG_OK || st == AG_ENOMEM);
    if (st == AG_OK) {
        AG_FUZZ_CHECK(ag_sink_open_buffer(&sink) == AG_OK);
        AG_FUZZ_CHECK(ag_export_json(net, NULL, sink, &err) == AG_OK);
        ag_sink_abort(&sink);
    }
    ag_extractor_free(&ex);
    ag_network_free(&net);
    free(text);
}

static void on_lint(void *userdata, const ag_lexicon_warning *w)
{
    size_t *count = userdata;
    (*count)++;
    AG_FUZZ_CHECK(w->file && strcmp(w->file, "fuzz.json") == 0);
    AG_FUZZ_CHECK(w->path && w->message && *w->message);
    AG_FUZZ_CHECK(strchr(w->message, '\n') == NULL && strchr(w->path, '\n') == NULL);
    AG_FUZZ_CHECK((w->line == 0) == (w->col == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ag_lexicon *lex = NULL;
    ag_error err = {0}, lint_err = {0};
    ag_status st = ag_lexicon_load_buffer((const char *)data, size, "fuzz.json", &lex, &err);
    size_t seen = 0, counted = 0;
    ag_status lint_st = ag_lexicon_lint_buffer((const char *)data, size, "fuzz.json", on_lint, &seen, &counted,
                                               &lint_err);
    if (st != AG_ENOMEM && lint_st != AG_ENOMEM) {
        AG_FUZZ_CHECK(lint_st == st);
        AG_FUZZ_CHECK(st == AG_OK ? seen == counted : strcmp(err.message, lint_err.message) == 0);
    }
    if (st != AG_OK) {
        AG_FUZZ_CHECK(lex == NULL);
        AG_FUZZ_CHECK(st == AG_EPARSE || st == AG_ENOMEM);
        AG_FUZZ_CHECK(strncmp(err.message, "fuzz.json", 9) == 0);
        AG_FUZZ_CHECK(strchr(err.message, '\n') == NULL);
        return 0;
    }
    AG_FUZZ_CHECK(lex != NULL);
    size_t n = ag_lexicon_actor_count(lex);
    AG_FUZZ_CHECK(n > 0);
    for (size_t i = 0; i < n; i++) {
        const char *id = ag_lexicon_actor_id(lex, i);
        AG_FUZZ_CHECK(id && *id && ag_lexicon_actor_label(lex, i));
        AG_FUZZ_CHECK(ag_lexicon_find_actor(lex, id) == (long)i);
    }
    AG_FUZZ_CHECK(ag_lexicon_name(lex) != NULL);
    char *raw = malloc(sizeof article + size);
    if (!raw)
        abort();
    memcpy(raw, article, sizeof article - 1);
    raw[sizeof article - 1] = '\n';
    if (size)
        memcpy(raw + sizeof article, data, size);
    run_text(lex, raw, sizeof article + size);
    free(raw);
    ag_lexicon_free(&lex);
    return 0;
}
