/* Reader in the calling thread, extraction in worker threads, exact merge at the end.
 *
 * With --dedup corpus the reader thread also splits each piece into sentences and marks the
 * copies of sentences seen before, in input order, so which sentences fold does not depend
 * on which worker extracts what, or when; the workers skip the marked sentences. */
#include "actorgraph/pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/text.h"
#include "extract_internal.h"
#include "util/buf.h"

#define QUEUE_SLOTS 4 /* documents waiting per worker: enough to keep it busy, little memory */

/* A document copied out of the reader, which reuses its buffers. */
typedef struct slot {
    ag_document doc;
    char *text;
    size_t cap;
    char *strings; /* id, title, date, source, origin, NUL-separated */
    size_t strings_cap;
    ag_sentences sents;   /* --dedup corpus: the piece's sentences, as the reader split them */
    unsigned char *marks; /* and 1 for each of them that is a copy; else unused */
    size_t marks_cap;
    int marked;
} slot;

typedef struct worker {
    pthread_t thread;
    int started;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    slot slots[QUEUE_SLOTS];
    size_t head, count; /* ring of filled slots */
    int closed;         /* no more documents */
    int failed;
    ag_error err;
    ag_extractor *ex;
    ag_network *net;
} worker;

void ag_pipeline_options_init(ag_pipeline_options *opt)
{
    opt->threads = 1;
    opt->progress = NULL;
    opt->progress_userdata = NULL;
}

static ag_status run_serial(ag_reader *reader, const ag_lexicon *lex, const ag_extract_options *xopt,
                            const ag_pipeline_options *popt, ag_network *net, ag_error *err)
{
    ag_extractor *ex = NULL;
    ag_status st = ag_extractor_new(lex, xopt, net, &ex, err);
    size_t docs = 0, bytes = 0;
    while (st == AG_OK) {
        const ag_document *doc = NULL;
        if ((st = ag_reader_next(reader, &doc, err)) != AG_OK || !doc)
            break;
        st = ag_extract_document(ex, doc, err);
        docs += !doc->more;
        bytes += doc->len;
        if (popt && popt->progress)
            popt->progress(popt->progress_userdata, docs, bytes);
    }
    ag_extractor_free(&ex);
    return st;
}

/* Copies a string field into the slot's string area; offsets are fixed up afterwards. */
static int copy_strings(slot *s, const ag_document *d)
{
    const char *src[5] = {d->id, d->title, d->date, d->source, d->origin};
    size_t need = 0;
    for (int i = 0; i < 5; i++)
        need += src[i] ? strlen(src[i]) + 1 : 0;
    if (ag_i_grow((void **)&s->strings, &s->strings_cap, need + 1, 1))
        return -1;
    const char **dst[5] = {&s->doc.id, &s->doc.title, &s->doc.date, &s->doc.source, &s->doc.origin};
    size_t at = 0;
    for (int i = 0; i < 5; i++) {
        if (!src[i]) {
            *dst[i] = NULL;
            continue;
        }
        size_t n = strlen(src[i]) + 1;
        memcpy(s->strings + at, src[i], n);
        *dst[i] = s->strings + at;
        at += n;
    }
    return 0;
}

/* The reader's side of --dedup corpus: the sentences seen so far and the marks of this piece. */
typedef struct copies {
    ag_i_seen *seen; /* NULL: copies are folded within each document only */
    ag_sentences sents;
    unsigned char *marks;
    size_t cap;
} copies;

static int fill_slot(slot *s, const ag_document *d, const copies *c)
{
    if (ag_i_grow((void **)&s->text, &s->cap, d->len + 1, 1) || copy_strings(s, d))
        return -1;
    s->marked = c->seen != NULL;
    if (s->marked) {
        size_t n = c->sents.count;
        if (ag_i_grow((void **)&s->marks, &s->marks_cap, n + 1, 1) ||
            ag_i_grow((void **)&s->sents.items, &s->sents.cap, n + 1, sizeof *s->sents.items))
            return -1;
        if (n) {
            memcpy(s->marks, c->marks, n);
            memcpy(s->sents.items, c->sents.items, n * sizeof *s->sents.items);
        }
        s->sents.count = n;
    }
    memcpy(s->text, d->text, d->len);
    s->text[d->len] = '\0';
    s->doc.text = s->text;
    s->doc.len = d->len;
    s->doc.line = d->line;
    s->doc.offset = d->offset;
    s->doc.more = d->more;
    return 0;
}

static void *work(void *arg)
{
    worker *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->count == 0 && !w->closed)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->count == 0)
            break;
        slot *s = &w->slots[w->head];
        pthread_mutex_unlock(&w->lock);
        ag_status st = w->failed ? AG_OK : ag_i_extract_marked(w->ex, &s->doc, s->marked ? &s->sents : NULL,
                                                                 s->marked ? s->marks : NULL, &w->err);
        pthread_mutex_lock(&w->lock);
        if (st != AG_OK)
            w->failed = 1;
        w->head = (w->head + 1) % QUEUE_SLOTS;
        w->count--;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Hands a document to worker w, waiting for a free slot. 0 on success. */
static int hand_over(worker *w, const ag_document *doc, const copies *c)
{
    pthread_mutex_lock(&w->lock);
    while (w->count == QUEUE_SLOTS)
        pthread_cond_wait(&w->changed, &w->lock);
    slot *s = &w->slots[(w->head + w->count) % QUEUE_SLOTS];
    pthread_mutex_unlock(&w->lock);
    /* the slot is outside the ring until count grows, so the worker does not touch it */
    if (fill_slot(s, doc, c))
        return -1;
    pthread_mutex_lock(&w->lock);
    w->count++;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

/* The worker with the most free slots (the lowest index on a tie). */
static size_t least_busy(worker *ws, size_t n)
{
    size_t best = 0, best_count = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&ws[i].lock);
        size_t c = ws[i].count;
        pthread_mutex_unlock(&ws[i].lock);
        if (c < best_count) {
            best = i;
            best_count = c;
        }
    }
    return best;
}

ag_status ag_pipeline_run(ag_reader *reader, const ag_lexicon *lex, const ag_extract_options *xopt,
                          const ag_pipeline_options *popt, ag_network *net, ag_error *err)
{
    unsigned n = popt ? popt->threads : 1;
    if (n <= 1)
        return run_serial(reader, lex, xopt, popt, net, err);

    ag_status st = AG_OK;
    worker *ws = calloc(n, sizeof *ws);
    if (!ws)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && st == AG_OK; i++) {
        worker *w = &ws[i];
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->changed, NULL);
        if ((st = ag_network_new(&w->net)) != AG_OK || (st = ag_extractor_new(lex, xopt, w->net, &w->ex, err)) != AG_OK)
            break;
        if (pthread_create(&w->thread, NULL, work, w) != 0)
            st = ag_error_set(err, AG_ENOMEM, "cannot start a worker thread");
        else
            w->started = 1;
    }
    size_t docs = 0, bytes = 0, target = 0;
    copies cp = {0};
    if (st == AG_OK && xopt && xopt->dedup == AG_DEDUP_CORPUS && !(cp.seen = ag_i_seen_new()))
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
    while (st == AG_OK) {
        const ag_document *doc = NULL;
        if ((st = ag_reader_next(reader, &doc, err)) != AG_OK || !doc)
            break;
        if (doc->offset == 0) /* the pieces of one document stay with one worker, in order */
            target = least_busy(ws, n);
        /* the worker gets these sentences with their marks and does not split the piece again */
        if (cp.seen && (ag_text_split(doc->text, doc->len, lex, &cp.sents) != AG_OK ||
                        ag_i_grow((void **)&cp.marks, &cp.cap, cp.sents.count + 1, 1) ||
                        ag_i_seen_mark(cp.seen, doc->text, &cp.sents, cp.marks))) {
            st = ag_error_set(err, AG_ENOMEM, "%s: out of memory", doc->id ? doc->id : "document");
            break;
        }
        if (hand_over(&ws[target], doc, &cp) != 0)
            st = ag_error_set(err, AG_ENOMEM, "out of memory");
        docs += !doc->more;
        bytes += doc->len;
        if (popt->progress)
            popt->progress(popt->progress_userdata, docs, bytes);
        pthread_mutex_lock(&ws[target].lock);
        int failed = ws[target].failed;
        pthread_mutex_unlock(&ws[target].lock);
        if (failed)
            break;
    }
    for (size_t i = 0; i < n; i++) {
        worker *w = &ws[i];
        if (w->started) {
            pthread_mutex_lock(&w->lock);
            w->closed = 1;
            pthread_cond_broadcast(&w->changed);
            pthread_mutex_unlock(&w->lock);
            pthread_join(w->thread, NULL);
        }
        if (st == AG_OK && w->failed) {
            st = w->err.status ? w->err.status : AG_ENOMEM;
            if (err)
                *err = w->err;
        }
    }
    /* merging in worker order; the merge is exact, so the order does not show */
    for (size_t i = 0; i < n && st == AG_OK; i++)
        if (ws[i].net)
            st = ag_network_merge(net, ws[i].net, err);
    for (size_t i = 0; i < n; i++) {
        worker *w = &ws[i];
        ag_extractor_free(&w->ex);
        ag_network_free(&w->net);
        for (size_t k = 0; k < QUEUE_SLOTS; k++) {
            free(w->slots[k].text);
            free(w->slots[k].strings);
            free(w->slots[k].marks);
            ag_sentences_free(&w->slots[k].sents);
        }
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
    }
    free(ws);
    ag_i_seen_free(&cp.seen);
    ag_sentences_free(&cp.sents);
    free(cp.marks);
    return st;
}
