/* Fuzz target: bytes as a JSON Lines file, read with ag_reader_open/next to the
 * end, leniently (every document extracted with the default lexicon) and with
 * --strict. The same bytes are also read as a text file and as standard input
 * (whose first non-blank byte decides between text and JSON Lines). */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actorgraph/actorgraph.h"
#include "fuzz.h"

static ag_lexicon *lex;
static char jsonl_path[64], text_path[64];
/* One extractor for the process (compiling the scanner costs more than a run):
 * see fuzz_text.c; every 16th size gets a fresh one. */
static ag_extractor *kept;
static ag_network *kept_net;

static void teardown(void)
{
    unlink(jsonl_path);
    unlink(text_path);
    ag_extractor_free(&kept);
    ag_network_free(&kept_net);
    ag_lexicon_free(&lex);
}

static void make_temp(char *path, size_t cap, const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, cap, "%s/agfuzz-XXXXXX%s", dir && strlen(dir) < 32 ? dir : "/tmp", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        abort();
    close(fd);
}

static void setup(void)
{
    if (lex)
        return;
    if (ag_lexicon_load_default(&lex, NULL) != AG_OK)
        abort();
    make_temp(jsonl_path, sizeof jsonl_path, ".jsonl");
    make_temp(text_path, sizeof text_path, ".txt");
    atexit(teardown);
}

static void write_all(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
}

typedef struct warn_check {
    const char *path;
    size_t count;
} warn_check;

/* Warnings are one line and name the input. */
static void on_warn(void *userdata, const char *message)
{
    warn_check *w = userdata;
    w->count++;
    AG_FUZZ_CHECK(strncmp(message, w->path, strlen(w->path)) == 0);
    AG_FUZZ_CHECK(strchr(message, '\n') == NULL);
}

static void read_all(const char *path, int strict, int extract, int fresh)
{
    ag_reader_options opt;
    ag_reader_options_init(&opt);
    warn_check w = {path, 0};
    opt.strict = strict;
    opt.warn = on_warn;
    opt.warn_userdata = &w;
    ag_reader *r = NULL;
    ag_network *net = NULL;
    ag_extractor *ex = NULL;
    ag_error err = {0};
    const char *paths[1] = {path};
    AG_FUZZ_CHECK(ag_reader_open(paths, 1, &opt, &r, &err) == AG_OK);
    if (extract) {
        net = fresh ? NULL : kept_net;
        ex = fresh ? NULL : kept;
        if (!ex && (ag_network_new(&net) != AG_OK || ag_extractor_new(lex, NULL, net, &ex, &err) != AG_OK))
            abort();
        if (!fresh) {
            kept = ex;
            kept_net = net;
        }
    }
    for (;;) {
        const ag_document *doc = NULL;
        ag_status st = ag_reader_next(r, &doc, &err);
        if (st != AG_OK) {
            /* Lenient reading fails only on I/O or memory; strict also on skipped or repaired input. */
            AG_FUZZ_CHECK(strict ? (st == AG_ESKIP || st == AG_EPARSE || st == AG_ENOMEM)
                                 : st == AG_ENOMEM);
            AG_FUZZ_CHECK(strncmp(err.message, path, strlen(path)) == 0);
            AG_FUZZ_CHECK(strchr(err.message, '\n') == NULL);
            break;
        }
        if (!doc)
            break;
        AG_FUZZ_CHECK(doc->id && doc->text && doc->text[doc->len] == '\0' && doc->origin);
        ag_fuzz_check_utf8(doc->text, doc->len);
        ag_fuzz_check_utf8(doc->id, strlen(doc->id));
        if (doc->title)
            ag_fuzz_check_utf8(doc->title, strlen(doc->title));
        if (ex) {
            st = ag_extract_document(ex, doc, &err);
            AG_FUZZ_CHECK(st == AG_OK || st == AG_ENOMEM);
        }
    }
    if (!strict)
        AG_FUZZ_CHECK(w.count >= ag_reader_skipped(r) + ag_reader_repaired(r));
    if (fresh) {
        ag_extractor_free(&ex);
        ag_network_free(&net);
    }
    ag_reader_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    write_all(jsonl_path, data, size);
    read_all(jsonl_path, 0, 1, AG_FUZZ_ALWAYS_FRESH || size % 16 == 15);
    read_all(jsonl_path, 1, 0, 0);
    write_all(text_path, data, size);
    read_all(text_path, 0, 0, 0);
    /* Standard input: sniffed as JSON Lines or text. */
    if (!freopen(text_path, "rb", stdin))
        abort();
    read_all("-", 0, 0, 0);
    return 0;
}
