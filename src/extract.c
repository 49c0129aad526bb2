/* Windows, stance attribution, direction and evidence: documents into the network. */
#include "actorgraph/extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/scan.h"
#include "actorgraph/text.h"
#include "extract_internal.h"
#include "lexicon_internal.h"
#include "network_internal.h"
#include "util/buf.h"

#define NEGATION_WORDS 4 /* a negator this many words before a cue or closer applies to it */
#define BINDER_WORDS 3   /* `cooperation [in the field] between A and B` */
#define MAX_EVIDENCE_CUES 8

/* One cue attributed to a pair of actors within a sentence. */
typedef struct attribution {
    int a, b;        /* actor indices, a < b */
    int src;         /* actor the cue runs from, or -1 when symmetric */
    int delta;       /* signed strength after negation */
    size_t sentence; /* index into the document's sentences */
    unsigned pattern;
    size_t seq;      /* order of attribution, kept by the sort */
} attribution;

/* A run of coordinated actor mentions (`Russia and Pakistan`, `Indo-US`). */
typedef struct group {
    size_t first, last;  /* match indices (within the sentence) */
    size_t actors, n;    /* offset and count in group_actors */
    int clause;
} group;

/* A set of 64-bit keys, emptied per document by bumping a stamp. */
typedef struct keyset {
    uint64_t *keys;
    uint32_t *stamps;
    size_t n_slots, used;
    uint32_t stamp;
} keyset;

struct ag_extractor {
    const ag_lexicon *lex;
    ag_network *net;
    ag_scanner *sc;
    ag_extract_options opt;
    size_t *node_of;      /* actor -> network node */
    ag_sentences sents;
    ag_matches matches;
    /* per document */
    uint64_t *mentions;   /* per actor, in the current document */
    int *mentioned;       /* actors with mentions > 0, in order of first mention */
    size_t n_mentioned;
    size_t doc_sentences; /* sentences of the document's earlier pieces */
    size_t doc_counted;   /* of those, counted (not repeats) */
    keyset pairs_in_doc;
    keyset sentences_in_doc;
    /* --dedup corpus: the sentences seen in earlier documents (when the caller does not mark
       the copies itself), and the copies of the current piece */
    ag_i_seen *seen;
    unsigned char *marks;
    size_t cap_marks;
    /* per sentence scratch */
    int *clause_of;       /* per match */
    size_t cap_clause;
    group *groups;
    size_t n_groups, cap_groups;
    int *group_actors;
    size_t n_group_actors, cap_group_actors;
    /* per window */
    int *win_actors;      /* distinct actors in the window, in order of appearance */
    size_t *win_first;    /* sentence where each first appeared */
    size_t n_win, cap_win, cap_win_first;
    uint32_t *in_win;     /* per actor: window stamp */
    uint32_t win_stamp;
    attribution *attrs;
    size_t n_attrs, cap_attrs;
    const char **cue_scratch;
    size_t cap_cue_scratch;
};

void ag_extract_options_init(ag_extract_options *opt)
{
    opt->window = AG_WINDOW_SENTENCE;
    opt->window_size = 1;
    opt->evidence = 3;
    opt->dedup = AG_DEDUP_DOCUMENT;
}

ag_status ag_extract_parse_dedup(const char *name, ag_extract_options *opt)
{
    if (strcmp(name, "document") == 0)
        opt->dedup = AG_DEDUP_DOCUMENT;
    else if (strcmp(name, "corpus") == 0)
        opt->dedup = AG_DEDUP_CORPUS;
    else
        return AG_EINVAL;
    return AG_OK;
}

ag_status ag_extract_parse_window(const char *name, ag_extract_options *opt)
{
    if (strcmp(name, "sentence") == 0) {
        opt->window = AG_WINDOW_SENTENCE;
        opt->window_size = 1;
    } else if (strcmp(name, "paragraph") == 0) {
        opt->window = AG_WINDOW_PARAGRAPH;
    } else if (strcmp(name, "document") == 0) {
        opt->window = AG_WINDOW_DOCUMENT;
    } else {
        char *end;
        unsigned long n = strtoul(name, &end, 10);
        if (end == name || *end || n == 0 || n > 1000000 || name[0] == '-' || name[0] == '+')
            return AG_EINVAL;
        opt->window = n == 1 ? AG_WINDOW_SENTENCE : AG_WINDOW_SENTENCES;
        opt->window_size = (unsigned)n;
    }
    return AG_OK;
}

/* ------------------------------------------------------------------ key sets */

static uint64_t mix(uint64_t k)
{
    k ^= k >> 31;
    k *= 0x7fb5d329728ea185ULL;
    k ^= k >> 27;
    k *= 0x81dadef4bc2dd44dULL;
    k ^= k >> 33;
    return k;
}

static int keyset_grow(keyset *s)
{
    size_t n = s->n_slots ? s->n_slots * 2 : 256;
    uint64_t *keys = malloc(n * sizeof *keys);
    uint32_t *stamps = calloc(n, sizeof *stamps);
    if (!keys || !stamps) {
        free(keys);
        free(stamps);
        return -1;
    }
    for (size_t i = 0; i < s->n_slots; i++) {
        if (s->stamps[i] != s->stamp)
            continue;
        size_t j = mix(s->keys[i]) & (n - 1);
        while (stamps[j] == s->stamp)
            j = (j + 1) & (n - 1);
        keys[j] = s->keys[i];
        stamps[j] = s->stamp;
    }
    free(s->keys);
    free(s->stamps);
    s->keys = keys;
    s->stamps = stamps;
    s->n_slots = n;
    return 0;
}

static void keyset_clear(keyset *s)
{
    s->used = 0;
    if (++s->stamp == 0) { /* wrapped: really clear */
        if (s->stamps)
            memset(s->stamps, 0, s->n_slots * sizeof *s->stamps);
        s->stamp = 1;
    }
}

/* Inserts key; returns 1 when it was new, 0 when present, -1 on allocation failure. */
static int keyset_add(keyset *s, uint64_t key)
{
    if ((s->used + 1) * 2 > s->n_slots && keyset_grow(s))
        return -1;
    size_t mask = s->n_slots - 1, i = mix(key) & mask;
    while (s->stamps[i] == s->stamp) {
        if (s->keys[i] == key)
            return 0;
        i = (i + 1) & mask;
    }
    s->keys[i] = key;
    s->stamps[i] = s->stamp;
    s->used++;
    return 1;
}

static void keyset_free(keyset *s)
{
    free(s->keys);
    free(s->stamps);
}

/* ------------------------------------------------------------------ set-up */

static const char *window_name(const ag_extract_options *opt, char *buf, size_t n)
{
    switch (opt->window) {
    case AG_WINDOW_PARAGRAPH: return "paragraph";
    case AG_WINDOW_DOCUMENT: return "document";
    case AG_WINDOW_SENTENCES: snprintf(buf, n, "%u-sentences", opt->window_size); return buf;
    case AG_WINDOW_SENTENCE: break;
    }
    return "sentence";
}

void ag_extractor_free(ag_extractor **pex)
{
    if (!pex || !*pex)
        return;
    ag_extractor *ex = *pex;
    ag_scanner_free(&ex->sc);
    free(ex->node_of);
    ag_sentences_free(&ex->sents);
    ag_matches_free(&ex->matches);
    free(ex->mentions);
    free(ex->mentioned);
    keyset_free(&ex->pairs_in_doc);
    keyset_free(&ex->sentences_in_doc);
    ag_i_seen_free(&ex->seen);
    free(ex->marks);
    free(ex->clause_of);
    free(ex->groups);
    free(ex->group_actors);
    free(ex->win_actors);
    free(ex->win_first);
    free(ex->in_win);
    free(ex->attrs);
    free(ex->cue_scratch);
    free(ex);
    *pex = NULL;
}

ag_status ag_extractor_new(const ag_lexicon *lex, const ag_extract_options *opt, ag_network *net,
                           ag_extractor **out, ag_error *err)
{
    ag_status st = AG_ENOMEM;
    ag_extractor *ex = calloc(1, sizeof *ex);
    if (!ex)
        goto done;
    ex->lex = lex;
    ex->net = net;
    if (opt)
        ex->opt = *opt;
    else
        ag_extract_options_init(&ex->opt);
    if (ex->opt.window == AG_WINDOW_SENTENCES && ex->opt.window_size == 0) {
        st = ag_error_set(err, AG_EINVAL, "window size must be at least 1");
        goto done;
    }
    if (ex->opt.dedup != AG_DEDUP_DOCUMENT && ex->opt.dedup != AG_DEDUP_CORPUS) {
        st = ag_error_set(err, AG_EINVAL, "unknown dedup mode %d", (int)ex->opt.dedup);
        goto done;
    }
    size_t na = lex->n_actors;
    ex->node_of = calloc(na + 1, sizeof *ex->node_of);
    ex->mentions = calloc(na + 1, sizeof *ex->mentions);
    ex->mentioned = calloc(na + 1, sizeof *ex->mentioned);
    ex->in_win = calloc(na + 1, sizeof *ex->in_win);
    if (!ex->node_of || !ex->mentions || !ex->mentioned || !ex->in_win)
        goto done;
    ex->pairs_in_doc.stamp = ex->sentences_in_doc.stamp = 1;
    if ((st = ag_scanner_new(lex, &ex->sc, err)) != AG_OK)
        goto done;
    st = AG_ENOMEM;
    for (size_t i = 0; i < na; i++) {
        const ag_i_actor *a = &lex->actors[i];
        if (ag_i_network_add_node(net, a->id, a->label, a->group, a->color, &ex->node_of[i]) != AG_OK)
            goto done;
    }
    char buf[32];
    if (ag_i_network_describe(net, window_name(&ex->opt, buf, sizeof buf), lex->name, ex->opt.evidence))
        goto done;
    ag_i_network_set_dedup(net, ex->opt.dedup == AG_DEDUP_CORPUS);
    *out = ex;
    ex = NULL;
    st = AG_OK;
done:
    if (st == AG_ENOMEM)
        ag_error_set(err, st, "out of memory");
    ag_extractor_free(&ex);
    return st;
}

/* ------------------------------------------------------------------ sentences */

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Number of words in text[from, to). */
static size_t words_between(const char *text, size_t from, size_t to)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = from; i < to; i++) {
        int w = is_alnum((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80;
        if (w && !in)
            n++;
        in = w;
    }
    return n;
}

/* Only punctuation, coordinators (already removed by the caller) and `the` between two names;
 * lenient: also up to three lower-case words (after a coordinator). */
static int gap_coordinates(const char *text, size_t from, size_t to, int lenient)
{
    size_t i = from;
    int lenient_words = 0;
    while (i < to) {
        unsigned char c = (unsigned char)text[i];
        if (!is_alnum(c) && c < 0x80) {
            if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?')
                return 0;
            i++;
            continue;
        }
        size_t j = i;
        while (j < to && (is_alnum((unsigned char)text[j]) || (unsigned char)text[j] >= 0x80))
            j++;
        if (!(j - i == 3 && (text[i] == 't' || text[i] == 'T') && text[i + 1] == 'h' && text[i + 2] == 'e') &&
            !(lenient && text[i] >= 'a' && text[i] <= 'z' && ++lenient_words <= 3))
            return 0;
        i = j;
    }
    return 1;
}

static int has_break_punct(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (text[i] == ';' || text[i] == ':')
            return 1;
    return 0;
}

/* `, however,`: a clause break set off by commas on both sides is an aside, not a new clause. */
static int parenthetical(const char *text, size_t sent_start, size_t start, size_t end)
{
    size_t i = start;
    while (i > sent_start && text[i - 1] == ' ')
        i--;
    if (i == sent_start || text[i - 1] != ',')
        return 0;
    while (text[end] == ' ')
        end++;
    return text[end] == ',';
}

/* The word that ends before `at` (skipping spaces and commas), copied lower-case into buf. */
static const char *word_before(const char *text, size_t from, size_t at, char *buf, size_t n)
{
    size_t e = at;
    while (e > from && (text[e - 1] == ' ' || text[e - 1] == ','))
        e--;
    size_t b = e;
    while (b > from && is_alnum((unsigned char)text[b - 1]))
        b--;
    size_t k = 0;
    for (size_t i = b; i < e && k + 1 < n; i++)
        buf[k++] = (char)(text[i] | 0x20);
    buf[k] = '\0';
    return buf;
}

/* The word that starts after `at`, copied lower-case into buf. */
static const char *word_after(const char *text, size_t at, size_t to, char *buf, size_t n)
{
    while (at < to && text[at] == ' ')
        at++;
    size_t k = 0;
    for (size_t i = at; i < to && is_alnum((unsigned char)text[i]) && k + 1 < n; i++)
        buf[k++] = (char)(text[i] | 0x20);
    buf[k] = '\0';
    return buf;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* `B was accused by A`, `B received support from A`: the source stands after the cue. */
static int passive(const char *text, size_t sent_start, size_t sent_end, const ag_match *cue)
{
    static const char *const be[] = {"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", NULL};
    static const char *const receive[] = {"received", "receives", "receive", "receiving", "won", "sought",
                                          "seeks", "seeking", "accepted", NULL};
    static const char *const agent[] = {"by", "in", "from", NULL};
    char before[16], after[16];
    word_before(text, sent_start, cue->start, before, sizeof before);
    word_after(text, cue->end, sent_end, after, sizeof after);
    if (in_list(before, be) && in_list(after, agent)) {
        if (strcmp(after, "by") != 0) {
            size_t n = cue->end - cue->start;
            const char *c = text + cue->start;
            if (!(n > 2 && ((c[n - 2] == 'e' && c[n - 1] == 'd') || (c[n - 2] == 'e' && c[n - 1] == 'n'))))
                return 0;
        }
        return 1;
    }
    { /* an adverb inside the passive: `was fiercely opposed by`, `was opposed earlier by` */
        size_t bl = strlen(before), al = strlen(after);
        char b2[16], a2[16];
        /* was fiercely opposed by: skip an -ly word before; opposed earlier by: skip one word after */
        if (bl > 2 && strcmp(before + bl - 2, "ly") == 0) {
            size_t at = cue->start;
            while (at > sent_start && text[at - 1] == ' ') at--;
            while (at > sent_start && text[at - 1] != ' ') at--;
            word_before(text, sent_start, at, b2, sizeof b2);
            if (in_list(b2, be) && in_list(after, agent))
                return 1;
        }
        if (in_list(before, be) && al > 0) {
            size_t at = cue->end;
            while (at < sent_end && text[at] == ' ') at++;
            while (at < sent_end && text[at] != ' ') at++;
            word_after(text, at, sent_end, a2, sizeof a2);
            if (strcmp(a2, "by") == 0)
                return 1;
        }
    }
    if (strcmp(after, "from") != 0)
        return 0;
    /* `received a US$2 billion loan from Russia`: the verb may stand a few words back */
    size_t at = cue->start;
    for (int w = 0; w < NEGATION_WORDS && at > sent_start; w++) {
        word_before(text, sent_start, at, before, sizeof before);
        if (in_list(before, receive))
            return 1;
        while (at > sent_start && (text[at - 1] == ' ' || text[at - 1] == ','))
            at--;
        while (at > sent_start && text[at - 1] != ' ')
            at--;
    }
    return 0;
}

/* After the name at match i, does a list continue (`, ` or a coordinator next)? */
static int list_goes_on(const char *text, const ag_match *m, size_t n, size_t i)
{
    size_t e = m[i].end;
    while (text[e] == ' ')
        e++;
    if (text[e] == ',')
        return 1;
    return i + 1 < n && m[i + 1].kind == AG_MATCH_COORD && m[i + 1].start == e;
}

/* Assigns clauses to the sentence's matches and groups its actor mentions. */
static ag_status segment(ag_extractor *ex, const char *text, const ag_match *m, size_t n, size_t sent_start)
{
    if (ag_i_grow((void **)&ex->clause_of, &ex->cap_clause, n + 1, sizeof *ex->clause_of))
        return AG_ENOMEM;
    int clause = 0;
    size_t prev_end = sent_start;
    for (size_t i = 0; i < n; i++) {
        if (has_break_punct(text, prev_end, m[i].start) ||
            (m[i].kind == AG_MATCH_CLAUSE && !parenthetical(text, sent_start, m[i].start, m[i].end)))
            clause++;
        ex->clause_of[i] = clause;
        prev_end = m[i].end;
    }
    ex->n_groups = ex->n_group_actors = 0;
    size_t last_actor = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (m[i].kind != AG_MATCH_ACTOR)
            continue;
        int joined = 0;
        if (last_actor != SIZE_MAX && ex->clause_of[last_actor] == ex->clause_of[i]) {
            joined = 1;
            size_t from = m[last_actor].end;
            for (size_t k = last_actor + 1; k < i && joined; k++) {
                if (m[k].kind != AG_MATCH_COORD || !gap_coordinates(text, from, m[k].start, 0))
                    joined = 0;
                from = m[k].end;
            }
            /* after a coordinator up to three lower-case words may stand before the next name
               (`Fornost and the evil awful Gondor`) */
            int lenient = i > last_actor + 1 && m[i - 1].kind == AG_MATCH_COORD;
            if (joined && !gap_coordinates(text, from, m[i].start, lenient))
                joined = 0;
            /* a bare comma lists names only when the list goes on (`A, B and C`, `A, B, C`):
               `Pakistan, Washington alleged` is two phrases */
            if (joined && i == last_actor + 1 && memchr(text + from, ',', m[i].start - from) &&
                !list_goes_on(text, m, n, i))
                joined = 0;
        }
        if (!joined) {
            if (ag_i_grow((void **)&ex->groups, &ex->cap_groups, ex->n_groups + 1, sizeof *ex->groups))
                return AG_ENOMEM;
            ex->groups[ex->n_groups++] = (group){i, i, ex->n_group_actors, 0, ex->clause_of[i]};
        }
        group *g = &ex->groups[ex->n_groups - 1];
        g->last = i;
        int dup = 0;
        for (size_t k = 0; k < g->n; k++)
            dup |= ex->group_actors[g->actors + k] == m[i].value;
        if (!dup) {
            if (ag_i_grow((void **)&ex->group_actors, &ex->cap_group_actors, ex->n_group_actors + 1,
                          sizeof *ex->group_actors))
                return AG_ENOMEM;
            ex->group_actors[ex->n_group_actors++] = m[i].value;
            g->n++;
        }
        last_actor = i;
    }
    return AG_OK;
}

static ag_status attribute(ag_extractor *ex, int x, int y, int src, int delta, size_t sentence,
                           unsigned pattern)
{
    if (x == y)
        return AG_OK;
    if (ag_i_grow((void **)&ex->attrs, &ex->cap_attrs, ex->n_attrs + 1, sizeof *ex->attrs))
        return AG_ENOMEM;
    ex->attrs[ex->n_attrs] = (attribution){x < y ? x : y, x < y ? y : x, src, delta, sentence, pattern, ex->n_attrs};
    ex->n_attrs++;
    return AG_OK;
}

static ag_status link_groups(ag_extractor *ex, const group *s, const group *t, int directed, int delta,
                             size_t sentence, unsigned pattern)
{
    for (size_t i = 0; i < s->n; i++)
        for (size_t j = 0; j < t->n; j++) {
            int a = ex->group_actors[s->actors + i], b = ex->group_actors[t->actors + j];
            ag_status st = attribute(ex, a, b, directed ? a : -1, delta, sentence, pattern);
            if (st)
                return st;
        }
    return AG_OK;
}

static ag_status link_within(ag_extractor *ex, const group *g, int delta, size_t sentence, unsigned pattern)
{
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = i + 1; j < g->n; j++) {
            ag_status st = attribute(ex, ex->group_actors[g->actors + i], ex->group_actors[g->actors + j],
                                     -1, delta, sentence, pattern);
            if (st)
                return st;
        }
    return AG_OK;
}

/* Is the mention preceded by `of` (`the backing of New Delhi`)? */
static int of_phrase(const char *text, size_t sent_start, const ag_match *mention)
{
    char w[8];
    return strcmp(word_before(text, sent_start, mention->start, w, sizeof w), "of") == 0;
}

static int first_person(const char *text, size_t from, size_t to)
{
    static const char *const we[] = {"we", "our", "us", "i", NULL};
    char w[8];
    for (size_t i = from; i < to;) {
        while (i < to && !is_alnum((unsigned char)text[i]))
            i++;
        if (i >= to)
            break;
        word_after(text, i, to, w, sizeof w);
        if (in_list(w, we))
            return 1;
        while (i < to && is_alnum((unsigned char)text[i]))
            i++;
    }
    return 0;
}

/* The group named right after the quote that holds the cue at k, when the quote speaks in
 * the first person before the cue; NULL otherwise. */
static const group *quoted_speaker(const ag_extractor *ex, const char *text, const ag_sentence *sent,
                                   const ag_match *m, size_t k)
{
    /* the closing quote: ” or " after the cue */
    size_t q = m[k].end;
    while (q < sent->end && !(text[q] == '"' || (q + 2 < sent->end && (unsigned char)text[q] == 0xE2 &&
                                                 (unsigned char)text[q + 1] == 0x80 &&
                                                 (unsigned char)text[q + 2] == 0x9D)))
        q++;
    if (q >= sent->end)
        return NULL;
    size_t after = q + (text[q] == '"' ? 1 : 3);
    for (size_t g = 0; g < ex->n_groups; g++) {
        const group *gr = &ex->groups[g];
        if (m[gr->first].start < after)
            continue;
        if (words_between(text, after, m[gr->first].start) > 1)
            return NULL;
        return first_person(text, sent->start, m[k].start) ? gr : NULL;
    }
    return NULL;
}

/* Attributes the cue at match k to the pairs it speaks for (see extract.h). */
static ag_status attribute_cue(ag_extractor *ex, const char *text, const ag_sentence *sent, const ag_match *m,
                               size_t n, size_t k, size_t sentence)
{
    int delta = m[k].strength * (m[k].kind == AG_MATCH_COOPERATION ? 1 : -1);
    int clause = ex->clause_of[k];
    /* the nearest negator or reverser before the cue, unless another cue stands between */
    for (size_t i = k; i-- > 0 && ex->clause_of[i] == clause;) {
        if (m[i].kind == AG_MATCH_COOPERATION || m[i].kind == AG_MATCH_CONFLICT)
            break;
        if ((m[i].kind == AG_MATCH_NEGATOR || m[i].kind == AG_MATCH_REVERSER) &&
            words_between(text, m[i].end, m[k].start) <= NEGATION_WORDS && text[m[i].end] != '.') {
            if (m[i].kind == AG_MATCH_NEGATOR && delta < 0)
                return AG_OK; /* `did not accuse` says nothing */
            delta = -delta;   /* `stopped aid`, `did not cooperate`, `lifted sanctions` */
            break;
        }
    }
    { /* `agree that disputes should be resolved`: a cue in a that-clause with no actor of its own
         says nothing of the main clause's actors */
        for (size_t i = k; i-- > 0 && ex->clause_of[i] == clause;) {
            if (m[i].kind == AG_MATCH_ACTOR)
                break;
            if (m[i].kind == AG_MATCH_COOPERATION || m[i].kind == AG_MATCH_CONFLICT) {
                char w[8];
                if (strcmp(word_after(text, m[i].end, sent->end, w, sizeof w), "that") == 0) {
                    int actor_after = 0;
                    for (size_t j = k + 1; j < n && ex->clause_of[j] == clause; j++)
                        actor_after |= m[j].kind == AG_MATCH_ACTOR;
                    if (!actor_after)
                        return AG_OK;
                }
                break;
            }
        }
    }
    /* the cue speaks within its clause, or the whole sentence when the clause names nobody */
    int whole = 1;
    for (size_t g = 0; g < ex->n_groups; g++)
        if (ex->groups[g].clause == clause)
            whole = 0;
    const group *left = NULL, *left2 = NULL, *right = NULL;
    for (size_t g = 0; g < ex->n_groups; g++) {
        const group *gr = &ex->groups[g];
        if (!whole && gr->clause != clause)
            continue;
        if (gr->last < k) {
            left2 = left;
            left = gr;
        } else if (gr->first > k && !right) {
            right = gr;
        }
    }
    /* `Russia praised Pakistan but criticised India`: a clause without its own subject
       keeps the sentence's */
    if (!left && !whole && clause > 0 && ex->groups[0].last < k)
        left = &ex->groups[0];
    /* `“We stand with Pakistan,” Lavrov said`: we inside a quote is the speaker after it */
    if (!left)
        left = quoted_speaker(ex, text, sent, m, k);
    /* `Moscow’s backing of New Delhi angered Islamabad`: the source is the owner, not `of X` */
    if (m[k].directed && left && left2 && right && of_phrase(text, sent->start, &m[left->first]))
        left = left2;
    /* a later cue nearer the target takes it: `A helped X fight B` */
    if (m[k].directed && right) {
        size_t until = right->first;
        for (size_t i = k + 1; i < until; i++)
            if ((m[i].kind == AG_MATCH_COOPERATION || m[i].kind == AG_MATCH_CONFLICT) && m[i].directed)
                right = NULL;
    }
    /* `cooperation between A and B` */
    if (k + 1 < n && m[k + 1].kind == AG_MATCH_BINDER && (whole || ex->clause_of[k + 1] == clause) &&
        words_between(text, m[k].end, m[k + 1].start) <= BINDER_WORDS && right && right->first > k + 1 &&
        right->n >= 2)
        return link_within(ex, right, delta, sentence, m[k].pattern);
    /* `A and B accused each other` */
    if (m[k].directed && left && left->n >= 2 && k + 1 < n && m[k + 1].kind == AG_MATCH_RECIPROCAL &&
        words_between(text, m[k].end, m[k + 1].start) <= 1)
        return link_within(ex, left, delta, sentence, m[k].pattern);
    if (m[k].directed && left && right && left != &ex->groups[0] && left->n == 1 && right->n == 1 &&
        ex->group_actors[left->actors] == ex->group_actors[right->actors] && ex->groups[0].last < k &&
        !(ex->groups[0].n == 1 && ex->group_actors[ex->groups[0].actors] == ex->group_actors[right->actors]))
        left = &ex->groups[0];
    if (m[k].directed && left && right) {
        if (passive(text, sent->start, sent->end, &m[k]))
            return link_groups(ex, right, left, 1, delta, sentence, m[k].pattern);
        return link_groups(ex, left, right, 1, delta, sentence, m[k].pattern);
    }
    /* `Pakistan signed a deal with Russia, which the United States criticised` */
    if (m[k].directed && left && !right && !whole && clause > 0 && left->clause == clause) {
        ag_status st = AG_OK;
        for (size_t g = 0; g < ex->n_groups && st == AG_OK; g++)
            if (ex->groups[g].clause == clause - 1)
                st = link_groups(ex, left, &ex->groups[g], 1, delta, sentence, m[k].pattern);
        return st;
    }
    if (m[k].directed)
        return AG_OK;
    if (left && left->n >= 2 && right) {
        char w[8];
        if (strcmp(word_before(text, sent->start, m[right->first].start, w, sizeof w), "with") == 0 &&
            words_between(text, m[k].end, m[right->first].start) <= 2)
            return link_groups(ex, left, right, 0, delta, sentence, m[k].pattern);
    }
    if (left && left->n >= 2)
        return link_within(ex, left, delta, sentence, m[k].pattern);
    if (!left && right && right->n >= 2)
        return link_within(ex, right, delta, sentence, m[k].pattern);
    if (left && right)
        return link_groups(ex, left, right, 0, delta, sentence, m[k].pattern);
    /* `Pakistan rejected the US offer of talks`, unless another cue speaks for them */
    if (left && left2 && !right) {
        for (size_t i = left2->last + 1; i < k; i++)
            if (m[i].kind == AG_MATCH_COOPERATION || m[i].kind == AG_MATCH_CONFLICT)
                return AG_OK;
        return link_groups(ex, left2, left, 0, delta, sentence, m[k].pattern);
    }
    return AG_OK;
}

/* ------------------------------------------------------------------ windows */

static ag_status win_add_actor(ag_extractor *ex, int actor, size_t sentence)
{
    if (ex->in_win[actor] == ex->win_stamp)
        return AG_OK;
    ex->in_win[actor] = ex->win_stamp;
    if (ag_i_grow((void **)&ex->win_actors, &ex->cap_win, ex->n_win + 1, sizeof *ex->win_actors) ||
        ag_i_grow((void **)&ex->win_first, &ex->cap_win_first, ex->n_win + 1, sizeof *ex->win_first))
        return AG_ENOMEM;
    ex->win_actors[ex->n_win] = actor;
    ex->win_first[ex->n_win] = sentence;
    ex->n_win++;
    return AG_OK;
}

static int sign(long v)
{
    return (v > 0) - (v < 0);
}

static ag_status flush_pair(ag_extractor *ex, const ag_document *doc, size_t i, size_t j)
{
    int a = ex->win_actors[i] < ex->win_actors[j] ? ex->win_actors[i] : ex->win_actors[j];
    int b = ex->win_actors[i] < ex->win_actors[j] ? ex->win_actors[j] : ex->win_actors[i];
    long score = 0, ab = 0, ba = 0;
    int has_ab = 0, has_ba = 0;
    size_t n_cues = 0, ev_sentence = ex->win_first[i] > ex->win_first[j] ? ex->win_first[i] : ex->win_first[j];
    int have_cue_sentence = 0;
    /* the pair's attributions: a run in the sorted list */
    size_t lo = 0, hi = ex->n_attrs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const attribution *at = &ex->attrs[mid];
        if (at->a < a || (at->a == a && at->b < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < ex->n_attrs && ex->attrs[k].a == a && ex->attrs[k].b == b; k++) {
        const attribution *at = &ex->attrs[k];
        score += at->delta;
        if (at->src == a) {
            has_ab = 1;
            ab += at->delta;
        } else if (at->src == b) {
            has_ba = 1;
            ba += at->delta;
        }
        if (!have_cue_sentence) {
            ev_sentence = at->sentence;
            have_cue_sentence = 1;
        }
        const char *cue = ag_scanner_pattern_text(ex->sc, at->pattern);
        int dup = 0;
        for (size_t c = 0; c < n_cues; c++)
            dup |= strcmp(ex->cue_scratch[c], cue) == 0;
        if (!dup && n_cues < MAX_EVIDENCE_CUES) {
            if (ag_i_grow((void **)&ex->cue_scratch, &ex->cap_cue_scratch, n_cues + 1, sizeof *ex->cue_scratch))
                return AG_ENOMEM;
            ex->cue_scratch[n_cues++] = cue;
        }
    }
    int first = keyset_add(&ex->pairs_in_doc, ((uint64_t)(uint32_t)a << 32) | (uint32_t)b);
    if (first < 0)
        return AG_ENOMEM;
    const ag_sentence *s = &ex->sents.items[ev_sentence];
    ag_i_evidence_in ev = {doc->id, ex->doc_sentences + ev_sentence + 1, doc->offset + s->start,
                           doc->offset + s->end, doc->text + s->start,
                           s->end - s->start, sign(score), ex->cue_scratch, n_cues};
    ag_i_window_obs obs = {ex->node_of[a], ex->node_of[b], sign(score), has_ab, sign(ab), has_ba, sign(ba),
                           first, &ev};
    return ag_i_network_add_window(ex->net, &obs);
}

static int cmp_attr(const void *x, const void *y)
{
    const attribution *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return (p->seq > q->seq) - (p->seq < q->seq);
}

static ag_status flush_window(ag_extractor *ex, const ag_document *doc)
{
    ag_status st = AG_OK;
    if (ex->n_attrs > 1)
        qsort(ex->attrs, ex->n_attrs, sizeof *ex->attrs, cmp_attr);
    for (size_t i = 0; i < ex->n_win && st == AG_OK; i++)
        for (size_t j = i + 1; j < ex->n_win && st == AG_OK; j++)
            st = flush_pair(ex, doc, i, j);
    ex->n_win = 0;
    ex->n_attrs = 0;
    if (++ex->win_stamp == 0) {
        memset(ex->in_win, 0, ex->lex->n_actors * sizeof *ex->in_win);
        ex->win_stamp = 1;
    }
    return st;
}

/* A 64-bit hash of a sentence, eight bytes a step (a byte-wise hash cost more than the scan). */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ mix(w)) * 0x9fb21c651e98df25ULL;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, p + i, n - i);
    return mix(h ^ mix(w ^ 0x2545f4914f6cdd1dULL));
}

/* ------------------------------------------------------------------ copies across the corpus */

#define PREFETCH_AHEAD 8 /* sentences: the table outgrows the caches, and a miss each cost more than the hashing */

/* The hashes are already well mixed, so a plain open-addressing table of uint64 does (linear
 * probing, 0 = empty, at most three quarters full): 8 bytes a slot, 11 to 22 bytes a distinct
 * sentence, and no dependency for what is one array. The key 0 is stored as 1. */
struct ag_i_seen {
    uint64_t *slots;
    size_t n_slots, used;
    unsigned char fold[256]; /* byte -> lower-case letter or digit, 0 separator, 1 check (C2, E2), else itself */
    char *form;              /* scratch: one normalised sentence */
    size_t cap_form;
    uint64_t *hashes;        /* scratch: the hashes of a piece's sentences (0: no words) */
    size_t cap_hashes;
};

ag_i_seen *ag_i_seen_new(void)
{
    ag_i_seen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    for (unsigned c = 0; c < 256; c++)
        s->fold[c] = (unsigned char)(c < 0x80 ? (is_alnum((unsigned char)c) ? c | (c >= 'A' ? 0x20 : 0) : 0)
                                     : c == 0xC2 || c == 0xE2 ? 1 : c);
    return s;
}

void ag_i_seen_free(ag_i_seen **seen)
{
    if (!seen || !*seen)
        return;
    free((*seen)->slots);
    free((*seen)->form);
    free((*seen)->hashes);
    free(*seen);
    *seen = NULL;
}

/* Inserts key; 1 when it was new, 0 when present, -1 on allocation failure. */
static int seen_add(ag_i_seen *s, uint64_t key)
{
    key += key == 0;
    if ((s->used + 1) * 4 > s->n_slots * 3) {
        size_t n = s->n_slots ? s->n_slots * 2 : 1024;
        uint64_t *slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < s->n_slots; i++) {
            uint64_t k = s->slots[i];
            size_t j = k & (n - 1);
            if (!k)
                continue;
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = k;
        }
        free(s->slots);
        s->slots = slots;
        s->n_slots = n;
    }
    size_t mask = s->n_slots - 1, i = key & mask;
    for (; s->slots[i]; i = (i + 1) & mask)
        if (s->slots[i] == key)
            return 0;
    s->slots[i] = key;
    s->used++;
    return 1;
}

/* Separates words: U+00A0–U+00BF (C2 A0–BF) and U+2000–U+206F (E2 80 80 – E2 81 AF). */
static int separator_char(const unsigned char *p, size_t len)
{
    return (len >= 2 && p[0] == 0xC2 && p[1] >= 0xA0) ||
           (len >= 3 && p[0] == 0xE2 && (p[1] == 0x80 || (p[1] == 0x81 && p[2] <= 0xAF)));
}

/* The normalised form of p[0, n) into out (room for n bytes): its words (runs of ASCII letters
 * and digits and of other non-separator characters), ASCII lower-cased, joined by one space.
 * Returns its length. */
static size_t normal_form(const unsigned char *fold, const char *p, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t k = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char v = fold[u[i]];
        if (v == 1) {
            if (separator_char(u + i, n - i)) {
                i += u[i] == 0xC2 ? 1 : 2; /* the rest of the character */
                v = 0;
            } else {
                v = u[i];
            }
        }
        /* without branches (word ends are not predictable): k <= i, so both stores are in bounds */
        int sep = v == 0;
        out[k] = ' ';
        k += (size_t)(gap & !sep);
        out[k] = (char)v;
        k += (size_t)!sep;
        gap = sep & (k > 0);
    }
    return k;
}

int ag_i_seen_mark(ag_i_seen *seen, const char *text, const ag_sentences *sents, unsigned char *marks)
{
    size_t n = sents->count;
    if (ag_i_grow((void **)&seen->hashes, &seen->cap_hashes, n + 1, sizeof *seen->hashes))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const ag_sentence *s = &sents->items[i];
        size_t len = s->end - s->start;
        if (ag_i_grow((void **)&seen->form, &seen->cap_form, len + 1, 1))
            return -1;
        size_t k = normal_form(seen->fold, text + s->start, len, seen->form);
        uint64_t h = k ? hash_bytes(seen->form, k) : 0;
        seen->hashes[i] = h ? h : k > 0; /* 0 only for a sentence without words */
    }
    /* then the look-ups, each slot fetched a few sentences ahead */
    for (size_t i = 0; i < n; i++) {
#if defined(__GNUC__)
        if (i + PREFETCH_AHEAD < n && seen->n_slots)
            __builtin_prefetch(&seen->slots[seen->hashes[i + PREFETCH_AHEAD] & (seen->n_slots - 1)]);
#endif
        int fresh = seen->hashes[i] ? seen_add(seen, seen->hashes[i]) : 1; /* no words: never a copy */
        if (fresh < 0)
            return -1;
        marks[i] = fresh == 0;
    }
    return 0;
}

ag_status ag_extract_document(ag_extractor *ex, const ag_document *doc, ag_error *err)
{
    return ag_i_extract_marked(ex, doc, NULL, NULL, err);
}

ag_status ag_i_extract_marked(ag_extractor *ex, const ag_document *doc, const ag_sentences *split,
                              const unsigned char *marks, ag_error *err)
{
    ag_status st = AG_ENOMEM;
    const char *text = doc->text;
    if (split) { /* the reader thread split this piece already: copying is cheaper than splitting */
        if (ag_i_grow((void **)&ex->sents.items, &ex->sents.cap, split->count + 1, sizeof *split->items))
            goto done;
        if (split->count)
            memcpy(ex->sents.items, split->items, split->count * sizeof *split->items);
        ex->sents.count = split->count;
    } else if (ag_text_split(text, doc->len, ex->lex, &ex->sents) != AG_OK) {
        goto done;
    }
    if (ag_scan(ex->sc, text, doc->len, &ex->matches) != AG_OK)
        goto done;
    if (ex->opt.dedup != AG_DEDUP_CORPUS) {
        marks = NULL;
    } else if (!marks) { /* the copies among the documents given to this extractor */
        if ((!ex->seen && !(ex->seen = ag_i_seen_new())) ||
            ag_i_grow((void **)&ex->marks, &ex->cap_marks, ex->sents.count + 1, 1) ||
            ag_i_seen_mark(ex->seen, text, &ex->sents, ex->marks))
            goto done;
        marks = ex->marks;
    }
    if (doc->offset == 0) { /* a new document, not the next piece of one */
        keyset_clear(&ex->pairs_in_doc);
        keyset_clear(&ex->sentences_in_doc);
        ex->doc_sentences = ex->doc_counted = 0;
    }
    /* exact repeats are found among the last million sentences of a document (bounded memory) */
    if (ex->sentences_in_doc.used > ((size_t)1 << 20))
        keyset_clear(&ex->sentences_in_doc);
    ex->win_stamp = ex->win_stamp ? ex->win_stamp : 1;
    ex->n_win = ex->n_attrs = 0;

    const ag_match *all = ex->matches.items;
    size_t mi = 0, counted = ex->doc_counted, window = SIZE_MAX, folded = 0;
    for (size_t si = 0; si < ex->sents.count; si++) {
        const ag_sentence *s = &ex->sents.items[si];
        while (mi < ex->matches.count && all[mi].start < s->start)
            mi++;
        size_t m0 = mi;
        while (mi < ex->matches.count && all[mi].end <= s->end)
            mi++;
        int fresh = keyset_add(&ex->sentences_in_doc, hash_bytes(text + s->start, s->end - s->start));
        if (fresh < 0)
            goto done;
        if (!fresh)
            continue; /* a repeated sentence counts once */
        if (marks && marks[si]) {
            folded++; /* a copy of a sentence of an earlier document (or earlier in this one) */
            continue;
        }
        size_t w = ex->opt.window == AG_WINDOW_SENTENCE    ? si
                   : ex->opt.window == AG_WINDOW_PARAGRAPH ? s->paragraph
                   : ex->opt.window == AG_WINDOW_DOCUMENT  ? 0
                                                           : counted / ex->opt.window_size;
        counted++;
        if (w != window) {
            if ((st = flush_window(ex, doc)) != AG_OK)
                goto done;
            st = AG_ENOMEM;
            window = w;
        }
        size_t n = mi - m0;
        const ag_match *m = n ? all + m0 : NULL; /* no match: the list may not be allocated yet */
        for (size_t k = 0; k < n; k++) {
            if (m[k].kind != AG_MATCH_ACTOR)
                continue;
            int a = m[k].value;
            if (ex->mentions[a]++ == 0)
                ex->mentioned[ex->n_mentioned++] = a;
            if (win_add_actor(ex, a, si) != AG_OK)
                goto done;
        }
        if (segment(ex, text, m, n, s->start) != AG_OK)
            goto done;
        if (ex->n_groups > 0)
            for (size_t k = 0; k < n; k++)
                if ((m[k].kind == AG_MATCH_COOPERATION || m[k].kind == AG_MATCH_CONFLICT) &&
                    attribute_cue(ex, text, s, m, n, k, si) != AG_OK)
                    goto done;
    }
    /* windows end with the piece: a window never spans two pieces of a large file */
    if ((st = flush_window(ex, doc)) != AG_OK)
        goto done;
    st = AG_ENOMEM;
    ex->doc_sentences += ex->sents.count;
    ex->doc_counted = counted;
    if (folded)
        ag_i_network_add_folded(ex->net, folded);
    if (!doc->more) {
        for (size_t k = 0; k < ex->n_mentioned; k++) {
            int a = ex->mentioned[k];
            ag_i_network_add_mentions(ex->net, ex->node_of[a], ex->mentions[a], 1);
            ex->mentions[a] = 0;
        }
        ex->n_mentioned = 0;
        if (ag_i_network_add_document(ex->net, doc->date, counted) != AG_OK)
            goto done;
    }
    st = AG_OK;
done:
    if (st == AG_ENOMEM)
        ag_error_set(err, st, "%s: out of memory", doc->id ? doc->id : "document");
    return st;
}
