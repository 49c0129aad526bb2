#include "network_internal.h"

#include <stdlib.h>
#include <string.h>

#include "actorgraph/version.h"
#include "util/buf.h"

typedef struct node_rec {
    char *id, *label, *group, *color;
    int has_label; /* 0: the label is the id, given no other */
    uint64_t mentions, documents;
} node_rec;

typedef struct evidence_rec {
    char *doc;
    char *text;
    size_t text_len;
    char **cues;
    size_t n_cues;
    uint64_t sentence, start, end;
    int stance;
} evidence_rec;

typedef struct edge_rec {
    size_t a, b; /* insertion indices, a < b */
    ag_counts total, ab, ba;
    uint64_t documents;
    evidence_rec *ev; /* sorted by ev_cmp(), at most the network's evidence cap */
    size_t n_ev, cap_ev;
} edge_rec;

struct ag_network {
    node_rec *nodes;
    size_t n_nodes, cap_nodes;
    /* open addressing: node id -> insertion index + 1 (0 = empty) */
    size_t *id_slots;
    size_t n_id_slots;
    edge_rec *edges;
    size_t n_edges, cap_edges;
    /* open addressing: pair key -> edge index + 1 (0 = empty) */
    uint64_t *keys;
    size_t *slots;
    size_t n_slots;
    /* graph description */
    char *window, *lexicon, *date_min, *date_max;
    uint64_t documents, sentences;
    unsigned evidence_cap;
    int described; /* window, lexicon and cap were set (by an extractor, a reader or a merge) */
    int dedup_corpus; /* built with --dedup corpus */
    uint64_t folded;  /* copies left out by it */
    ag_graph_info info;
    /* id-ordered views, rebuilt lazily after a change */
    int dirty;
    size_t *rank;           /* insertion index -> id order */
    ag_node_info *node_view;
    ag_edge_info *edge_view;
    ag_evidence *ev_view;
};

ag_status ag_network_new(ag_network **out)
{
    ag_network *net = calloc(1, sizeof *net);
    if (!net)
        return AG_ENOMEM;
    net->evidence_cap = 3;
    net->dirty = 1;
    *out = net;
    return AG_OK;
}

static void free_evidence(evidence_rec *e)
{
    free(e->doc);
    free(e->text);
    for (size_t i = 0; i < e->n_cues; i++)
        free(e->cues[i]);
    free(e->cues);
}

static void free_views(ag_network *net)
{
    free(net->rank);
    free(net->node_view);
    free(net->edge_view);
    free(net->ev_view);
    net->rank = NULL;
    net->node_view = NULL;
    net->edge_view = NULL;
    net->ev_view = NULL;
}

void ag_network_free(ag_network **pnet)
{
    if (!pnet || !*pnet)
        return;
    ag_network *net = *pnet;
    for (size_t i = 0; i < net->n_nodes; i++) {
        node_rec *n = &net->nodes[i];
        free(n->id);
        free(n->label);
        free(n->group);
        free(n->color);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        for (size_t k = 0; k < net->edges[i].n_ev; k++)
            free_evidence(&net->edges[i].ev[k]);
        free(net->edges[i].ev);
    }
    free(net->nodes);
    free(net->edges);
    free(net->keys);
    free(net->slots);
    free(net->id_slots);
    free(net->window);
    free(net->lexicon);
    free(net->date_min);
    free(net->date_max);
    free_views(net);
    free(net);
    *pnet = NULL;
}

/* FNV-1a. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Slot of @id in the id table: the one holding it, or the empty one where it would go. */
static size_t id_slot(const ag_network *net, const char *id)
{
    size_t mask = net->n_id_slots - 1, i = (size_t)hash_str(id) & mask;
    while (net->id_slots[i] && strcmp(net->nodes[net->id_slots[i] - 1].id, id) != 0)
        i = (i + 1) & mask;
    return i;
}

static int rehash_ids(ag_network *net)
{
    size_t n = net->n_id_slots ? net->n_id_slots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(net->id_slots);
    net->id_slots = slots;
    net->n_id_slots = n;
    for (size_t k = 0; k < net->n_nodes; k++)
        slots[id_slot(net, net->nodes[k].id)] = k + 1;
    return 0;
}

int ag_i_network_find_id(const ag_network *net, const char *id, size_t *index)
{
    if (!net->n_id_slots || !id)
        return 0;
    size_t slot = net->id_slots[id_slot(net, id)];
    if (!slot)
        return 0;
    if (index)
        *index = slot - 1;
    return 1;
}

ag_status ag_i_network_add_node(ag_network *net, const char *id, const char *label, const char *group,
                                const char *color, size_t *index)
{
    if (!id || !*id)
        return AG_EINVAL;
    /* insertion indices are packed in pairs of 32 bits (edge keys) */
    if (net->n_nodes >= UINT32_MAX)
        return AG_ENOMEM;
    if ((net->n_nodes + 1) * 2 > net->n_id_slots && rehash_ids(net))
        return AG_ENOMEM;
    size_t slot = id_slot(net, id);
    if (net->id_slots[slot]) {
        if (index)
            *index = net->id_slots[slot] - 1;
        return AG_OK;
    }
    if (ag_i_grow((void **)&net->nodes, &net->cap_nodes, net->n_nodes + 1, sizeof *net->nodes))
        return AG_ENOMEM;
    node_rec *n = &net->nodes[net->n_nodes];
    memset(n, 0, sizeof *n);
    n->id = ag_i_strdup(id);
    n->label = ag_i_strdup(label ? label : id);
    n->group = ag_i_strdup(group);
    n->color = ag_i_strdup(color);
    n->has_label = label != NULL;
    if (!n->id || !n->label || (group && !n->group) || (color && !n->color)) {
        free(n->id);
        free(n->label);
        free(n->group);
        free(n->color);
        return AG_ENOMEM;
    }
    net->id_slots[slot] = net->n_nodes + 1;
    if (index)
        *index = net->n_nodes;
    net->n_nodes++;
    net->dirty = 1;
    return AG_OK;
}

static int replace_str(char **dst, const char *src)
{
    if (!src)
        return 0;
    char *p = ag_i_strdup(src);
    if (!p)
        return -1;
    free(*dst);
    *dst = p;
    return 0;
}

ag_status ag_i_network_describe(ag_network *net, const char *window, const char *lexicon,
                                unsigned evidence_cap)
{
    if (replace_str(&net->window, window) || replace_str(&net->lexicon, lexicon))
        return AG_ENOMEM;
    net->evidence_cap = evidence_cap;
    net->described = 1;
    net->dirty = 1;
    return AG_OK;
}

/* a + b, stuck at UINT64_MAX rather than wrapping (still associative and commutative). */
static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static const char *dedup_name(const ag_network *net)
{
    return net->dedup_corpus ? "corpus" : "document";
}

void ag_i_network_set_dedup(ag_network *net, int corpus)
{
    net->dedup_corpus = corpus != 0;
    net->dirty = 1;
}

void ag_i_network_add_folded(ag_network *net, uint64_t folded)
{
    net->folded = add_sat(net->folded, folded);
    net->dirty = 1;
}

static void add_counts(ag_counts *c, const ag_counts *d)
{
    c->weight = add_sat(c->weight, d->weight);
    c->cooperation = add_sat(c->cooperation, d->cooperation);
    c->conflict = add_sat(c->conflict, d->conflict);
    c->neutral = add_sat(c->neutral, d->neutral);
}

/* Widens [date_min, date_max] to take in [lo, hi] (either may be NULL). */
static int widen_dates(ag_network *net, const char *lo, const char *hi)
{
    if (lo && *lo && (!net->date_min || strcmp(lo, net->date_min) < 0) && replace_str(&net->date_min, lo))
        return -1;
    if (hi && *hi && (!net->date_max || strcmp(hi, net->date_max) > 0) && replace_str(&net->date_max, hi))
        return -1;
    return 0;
}

ag_status ag_i_network_add_document(ag_network *net, const char *date, uint64_t sentences)
{
    return ag_i_network_add_documents(net, 1, sentences, date, date);
}

ag_status ag_i_network_add_documents(ag_network *net, uint64_t documents, uint64_t sentences,
                                     const char *date_min, const char *date_max)
{
    net->documents = add_sat(net->documents, documents);
    net->sentences = add_sat(net->sentences, sentences);
    net->dirty = 1;
    return widen_dates(net, date_min, date_max) ? AG_ENOMEM : AG_OK;
}

void ag_i_network_add_mentions(ag_network *net, size_t index, uint64_t mentions, int first_in_doc)
{
    ag_i_network_add_node_counts(net, index, mentions, first_in_doc ? 1 : 0);
}

void ag_i_network_add_node_counts(ag_network *net, size_t index, uint64_t mentions, uint64_t documents)
{
    if (index >= net->n_nodes)
        return;
    net->nodes[index].mentions = add_sat(net->nodes[index].mentions, mentions);
    net->nodes[index].documents = add_sat(net->nodes[index].documents, documents);
    net->dirty = 1;
}

static uint64_t hash_key(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static int rehash(ag_network *net)
{
    size_t n = net->n_slots ? net->n_slots * 2 : 64;
    uint64_t *keys = calloc(n, sizeof *keys);
    size_t *slots = calloc(n, sizeof *slots);
    if (!keys || !slots) {
        free(keys);
        free(slots);
        return -1;
    }
    for (size_t e = 0; e < net->n_edges; e++) {
        uint64_t key = ((uint64_t)net->edges[e].a << 32) | net->edges[e].b;
        size_t i = hash_key(key) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        keys[i] = key;
        slots[i] = e + 1;
    }
    free(net->keys);
    free(net->slots);
    net->keys = keys;
    net->slots = slots;
    net->n_slots = n;
    return 0;
}

/* Finds or adds the edge of insertion indices a < b. */
static edge_rec *edge_for(ag_network *net, size_t a, size_t b)
{
    uint64_t key = ((uint64_t)a << 32) | b;
    if ((net->n_edges + 1) * 2 > net->n_slots && rehash(net))
        return NULL;
    size_t mask = net->n_slots - 1, i = hash_key(key) & mask;
    while (net->slots[i]) {
        if (net->keys[i] == key)
            return &net->edges[net->slots[i] - 1];
        i = (i + 1) & mask;
    }
    if (ag_i_grow((void **)&net->edges, &net->cap_edges, net->n_edges + 1, sizeof *net->edges))
        return NULL;
    edge_rec *e = &net->edges[net->n_edges];
    memset(e, 0, sizeof *e);
    e->a = a;
    e->b = b;
    net->keys[i] = key;
    net->slots[i] = ++net->n_edges;
    return e;
}

int ag_i_network_find_edge(const ag_network *net, size_t a, size_t b, size_t *index)
{
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    if (!net->n_slots || b >= net->n_nodes)
        return 0;
    uint64_t key = ((uint64_t)a << 32) | b;
    size_t mask = net->n_slots - 1, i = hash_key(key) & mask;
    for (; net->slots[i]; i = (i + 1) & mask)
        if (net->keys[i] == key) {
            if (index)
                *index = net->slots[i] - 1;
            return 1;
        }
    return 0;
}

int ag_i_evidence_before(int x_stance, const char *x_doc, uint64_t x_sentence, int y_stance,
                         const char *y_doc, uint64_t y_sentence)
{
    if ((x_stance != 0) != (y_stance != 0))
        return x_stance != 0;
    int c = strcmp(x_doc, y_doc);
    if (c != 0)
        return c < 0;
    return x_sentence < y_sentence;
}

/* What evidence is ordered by, for candidates and kept records alike. */
typedef struct ev_key {
    int stance;
    const char *doc;
    uint64_t sentence, start, end;
    const char *text;
    size_t text_len;
    const char *const *cues;
    size_t n_cues;
} ev_key;

static ev_key key_of(const evidence_rec *r)
{
    return (ev_key){r->stance, r->doc, r->sentence, r->start, r->end, r->text, r->text_len,
                    (const char *const *)r->cues, r->n_cues};
}

static int cmp_u64(uint64_t x, uint64_t y)
{
    return (x > y) - (x < y);
}

/* The evidence order, < 0 when x comes first: ag_i_evidence_before() (cue-deciding
 * sentences, then document id, then sentence number), then every other field, so
 * that the order is total. Two records that compare equal are the same sentence
 * said the same way, and which of them is kept makes no difference to any output:
 * that is what makes the kept evidence of a merge independent of how the corpus
 * was split and in which order the parts were merged. */
static int ev_cmp(const ev_key *x, const ev_key *y)
{
    /* ag_i_evidence_before() as a three-way comparison (one strcmp on the hot path) */
    if ((x->stance != 0) != (y->stance != 0))
        return x->stance != 0 ? -1 : 1;
    int c = strcmp(x->doc, y->doc);
    if (c != 0 || (c = cmp_u64(x->sentence, y->sentence)) != 0)
        return c;
    if ((c = cmp_u64(x->start, y->start)) != 0 || (c = cmp_u64(x->end, y->end)) != 0)
        return c;
    if (x->stance != y->stance)
        return x->stance > y->stance ? -1 : 1;
    size_t n = x->text_len < y->text_len ? x->text_len : y->text_len;
    if (n > 0 && (c = memcmp(x->text, y->text, n)) != 0)
        return c;
    if ((c = cmp_u64(x->text_len, y->text_len)) != 0)
        return c;
    for (size_t k = 0; k < x->n_cues && k < y->n_cues; k++)
        if ((c = strcmp(x->cues[k], y->cues[k])) != 0)
            return c;
    return cmp_u64(x->n_cues, y->n_cues);
}

static void count(ag_counts *c, int stance)
{
    c->weight++;
    if (stance > 0)
        c->cooperation++;
    else if (stance < 0)
        c->conflict++;
    else
        c->neutral++;
}

/* Deep copy of a candidate; 0 on success (on failure *rec holds nothing). */
static int copy_evidence(evidence_rec *rec, const ev_key *in)
{
    memset(rec, 0, sizeof *rec);
    rec->doc = ag_i_strdup(in->doc);
    rec->text = ag_i_strndup(in->text, in->text_len);
    rec->text_len = in->text_len;
    rec->cues = in->n_cues ? calloc(in->n_cues, sizeof *rec->cues) : NULL;
    if (!rec->doc || !rec->text || (in->n_cues && !rec->cues))
        goto nomem;
    for (size_t i = 0; i < in->n_cues; i++) {
        if (!(rec->cues[i] = ag_i_strdup(in->cues[i])))
            goto nomem;
        rec->n_cues = i + 1;
    }
    rec->sentence = in->sentence;
    rec->start = in->start;
    rec->end = in->end;
    rec->stance = in->stance;
    return 0;
nomem:
    free_evidence(rec);
    memset(rec, 0, sizeof *rec);
    return -1;
}

/* Inserts a candidate in order when it is among the best `evidence_cap`. */
static ag_status keep_evidence(ag_network *net, edge_rec *e, const ag_i_evidence_in *in)
{
    size_t cap = net->evidence_cap;
    if (cap == 0 || !in->doc || !in->text)
        return AG_OK;
    ev_key key = {in->stance, in->doc, in->sentence, in->start, in->end, in->text, in->text_len,
                  in->cues, in->n_cues};
    size_t pos = e->n_ev;
    while (pos > 0) {
        ev_key prev = key_of(&e->ev[pos - 1]);
        if (ev_cmp(&key, &prev) >= 0)
            break;
        pos--;
    }
    if (pos >= cap)
        return AG_OK;
    evidence_rec rec;
    if (copy_evidence(&rec, &key))
        return AG_ENOMEM;
    /* the worst goes (more than one only if the cap was lowered since) */
    while (e->n_ev >= cap) {
        free_evidence(&e->ev[e->n_ev - 1]);
        e->n_ev--;
    }
    if (e->n_ev == e->cap_ev) {
        /* grow by doubling up to the cap: most edges keep few sentences */
        size_t ncap = e->cap_ev >= cap / 2 ? cap : e->cap_ev ? e->cap_ev * 2 : 1;
        evidence_rec *p = realloc(e->ev, ncap * sizeof *p);
        if (!p) {
            free_evidence(&rec);
            return AG_ENOMEM;
        }
        e->ev = p;
        e->cap_ev = ncap;
    }
    memmove(&e->ev[pos + 1], &e->ev[pos], (e->n_ev - pos) * sizeof *e->ev);
    e->ev[pos] = rec;
    e->n_ev++;
    return AG_OK;
}

ag_status ag_i_network_add_window(ag_network *net, const ag_i_window_obs *obs)
{
    if (obs->a == obs->b || obs->a >= net->n_nodes || obs->b >= net->n_nodes)
        return AG_EINVAL;
    int swap = obs->a > obs->b;
    edge_rec *e = edge_for(net, swap ? obs->b : obs->a, swap ? obs->a : obs->b);
    if (!e)
        return AG_ENOMEM;
    net->dirty = 1;
    count(&e->total, obs->stance);
    if (obs->first_in_doc)
        e->documents++;
    /* ab/ba are relative to the stored order (a < b) */
    if (obs->has_ab)
        count(swap ? &e->ba : &e->ab, obs->stance_ab);
    if (obs->has_ba)
        count(swap ? &e->ab : &e->ba, obs->stance_ba);
    return obs->evidence ? keep_evidence(net, e, obs->evidence) : AG_OK;
}

ag_status ag_i_network_add_edge(ag_network *net, size_t a, size_t b, const ag_counts *total,
                                const ag_counts *ab, const ag_counts *ba, uint64_t documents)
{
    if (a == b || a >= net->n_nodes || b >= net->n_nodes)
        return AG_EINVAL;
    int swap = a > b;
    edge_rec *e = edge_for(net, swap ? b : a, swap ? a : b);
    if (!e)
        return AG_ENOMEM;
    net->dirty = 1;
    add_counts(&e->total, total);
    e->documents = add_sat(e->documents, documents);
    add_counts(swap ? &e->ba : &e->ab, ab);
    add_counts(swap ? &e->ab : &e->ba, ba);
    return AG_OK;
}

ag_status ag_i_network_add_evidence(ag_network *net, size_t a, size_t b, const ag_i_evidence_in *in)
{
    size_t index;
    if (!ag_i_network_find_edge(net, a, b, &index))
        return AG_EINVAL;
    net->dirty = 1;
    return keep_evidence(net, &net->edges[index], in);
}

/* ------------------------------------------------------------------ merge */

/* Merges f's evidence into e's: the best `cap` of both lists, in order. */
static ag_status merge_evidence(edge_rec *e, const edge_rec *f, size_t cap)
{
    size_t n = e->n_ev + f->n_ev, ne = 0, nf = 0;
    if (n > cap)
        n = cap;
    if (f->n_ev == 0 && e->n_ev <= n)
        return AG_OK;
    /* how many of each list make the cut: both are sorted, so it is a prefix of each */
    while (ne + nf < n) {
        ev_key x = {0}, y = {0};
        if (ne < e->n_ev)
            x = key_of(&e->ev[ne]);
        if (nf < f->n_ev)
            y = key_of(&f->ev[nf]);
        if (nf >= f->n_ev || (ne < e->n_ev && ev_cmp(&x, &y) <= 0))
            ne++;
        else
            nf++;
    }
    evidence_rec *out = n ? calloc(n, sizeof *out) : NULL;
    evidence_rec *copies = nf ? calloc(nf, sizeof *copies) : NULL;
    if ((n && !out) || (nf && !copies))
        goto nomem;
    for (size_t j = 0; j < nf; j++) {
        ev_key y = key_of(&f->ev[j]);
        if (copy_evidence(&copies[j], &y)) {
            for (size_t k = 0; k < j; k++)
                free_evidence(&copies[k]);
            goto nomem;
        }
    }
    /* nothing can fail from here: the same merge again, moving records */
    size_t i = 0, j = 0, k = 0;
    while (k < n) {
        ev_key x = {0}, y = {0};
        if (i < ne)
            x = key_of(&e->ev[i]);
        if (j < nf)
            y = key_of(&copies[j]);
        if (j >= nf || (i < ne && ev_cmp(&x, &y) <= 0))
            out[k++] = e->ev[i++];
        else
            out[k++] = copies[j++];
    }
    for (; i < e->n_ev; i++)
        free_evidence(&e->ev[i]);
    free(e->ev);
    free(copies);
    e->ev = out;
    e->n_ev = e->cap_ev = n;
    return AG_OK;
nomem:
    free(out);
    free(copies);
    return AG_ENOMEM;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Fills what @dst lacks from @src (label, group, colour: the first given wins). */
static int complete_node(node_rec *dst, const node_rec *src)
{
    if (!dst->has_label && src->has_label) {
        if (replace_str(&dst->label, src->label))
            return -1;
        dst->has_label = 1;
    }
    if (!dst->group && src->group && !(dst->group = ag_i_strdup(src->group)))
        return -1;
    if (!dst->color && src->color && !(dst->color = ag_i_strdup(src->color)))
        return -1;
    return 0;
}

ag_status ag_network_merge(ag_network *into, const ag_network *from, ag_error *err)
{
    ag_status st = AG_OK;
    size_t *map = NULL;
    if (!into || !from)
        return ag_error_set(err, AG_EINVAL, "merge: no network");
    if (into == from)
        return ag_error_set(err, AG_EINVAL, "merge: cannot merge a network into itself");
    if (from->described && into->described) {
        if (strcmp(or_empty(into->window), or_empty(from->window)) != 0)
            return ag_error_set(err, AG_EINVAL,
                                "cannot merge networks built with different windows (\"%s\" and \"%s\")",
                                or_empty(into->window), or_empty(from->window));
        if (strcmp(or_empty(into->lexicon), or_empty(from->lexicon)) != 0)
            return ag_error_set(err, AG_EINVAL,
                                "cannot merge networks built with different lexicons (\"%s\" and \"%s\")",
                                or_empty(into->lexicon), or_empty(from->lexicon));
        if (into->evidence_cap != from->evidence_cap)
            return ag_error_set(err, AG_EINVAL,
                                "cannot merge networks built with different evidence caps (%u and %u)",
                                into->evidence_cap, from->evidence_cap);
        if (into->dedup_corpus != from->dedup_corpus)
            return ag_error_set(err, AG_EINVAL,
                                "cannot merge networks built with different dedup modes (\"%s\" and \"%s\")",
                                dedup_name(into), dedup_name(from));
    } else if (from->described) {
        if (ag_i_network_describe(into, or_empty(from->window), or_empty(from->lexicon), from->evidence_cap))
            goto nomem;
        into->dedup_corpus = from->dedup_corpus;
    }
    into->folded = add_sat(into->folded, from->folded);
    into->dirty = 1;
    /* nodes by id: map[i] is into's index of from's node i */
    if (!(map = malloc((from->n_nodes + 1) * sizeof *map)))
        goto nomem;
    for (size_t i = 0; i < from->n_nodes; i++) {
        const node_rec *n = &from->nodes[i];
        if (ag_i_network_add_node(into, n->id, n->has_label ? n->label : NULL, n->group, n->color, &map[i]) ||
            complete_node(&into->nodes[map[i]], n))
            goto nomem;
        ag_i_network_add_node_counts(into, map[i], n->mentions, n->documents);
    }
    for (size_t k = 0; k < from->n_edges; k++) {
        const edge_rec *f = &from->edges[k];
        size_t a = map[f->a], b = map[f->b];
        int swap = a > b;
        edge_rec *e = edge_for(into, swap ? b : a, swap ? a : b);
        if (!e)
            goto nomem;
        add_counts(&e->total, &f->total);
        e->documents = add_sat(e->documents, f->documents);
        add_counts(swap ? &e->ba : &e->ab, &f->ab);
        add_counts(swap ? &e->ab : &e->ba, &f->ba);
        if (merge_evidence(e, f, into->evidence_cap))
            goto nomem;
    }
    if (ag_i_network_add_documents(into, from->documents, from->sentences, from->date_min, from->date_max))
        goto nomem;
    goto done;
nomem:
    st = ag_error_set(err, AG_ENOMEM, "out of memory");
done:
    free(map);
    return st;
}

/* ------------------------------------------------------------------ views */

typedef struct node_key {
    const char *id;
    size_t index;
} node_key;

static int cmp_node(const void *x, const void *y)
{
    return strcmp(((const node_key *)x)->id, ((const node_key *)y)->id);
}

static int cmp_edge(const void *x, const void *y)
{
    const ag_edge_info *a = x, *b = y;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    return (a->target > b->target) - (a->target < b->target);
}

/* Rebuilds the id-ordered views. Not thread-safe (callers read a finished network). */
static int refresh(ag_network *net)
{
    if (!net->dirty)
        return 0;
    free_views(net);
    size_t nn = net->n_nodes, ne = net->n_edges, nev = 0;
    for (size_t i = 0; i < ne; i++)
        nev += net->edges[i].n_ev;
    node_key *order = calloc(nn + 1, sizeof *order);
    net->rank = calloc(nn + 1, sizeof *net->rank);
    net->node_view = calloc(nn + 1, sizeof *net->node_view);
    net->edge_view = calloc(ne + 1, sizeof *net->edge_view);
    net->ev_view = calloc(nev + 1, sizeof *net->ev_view);
    if (!order || !net->rank || !net->node_view || !net->edge_view || !net->ev_view) {
        free(order);
        free_views(net);
        return -1;
    }
    for (size_t i = 0; i < nn; i++)
        order[i] = (node_key){net->nodes[i].id, i};
    qsort(order, nn, sizeof *order, cmp_node);
    for (size_t r = 0; r < nn; r++) {
        const node_rec *n = &net->nodes[order[r].index];
        net->rank[order[r].index] = r;
        net->node_view[r] = (ag_node_info){n->id, n->label, n->group, n->color, n->mentions, n->documents};
    }
    free(order);
    size_t k = 0;
    for (size_t i = 0; i < ne; i++) {
        const edge_rec *e = &net->edges[i];
        ag_edge_info *v = &net->edge_view[i];
        int fwd = net->rank[e->a] < net->rank[e->b];
        v->source = fwd ? net->rank[e->a] : net->rank[e->b];
        v->target = fwd ? net->rank[e->b] : net->rank[e->a];
        v->total = e->total;
        v->documents = e->documents;
        v->forward = fwd ? e->ab : e->ba;
        v->backward = fwd ? e->ba : e->ab;
        double w = (double)e->total.weight;
        v->stance = w > 0 ? ((double)e->total.cooperation - (double)e->total.conflict) / w : 0.0;
        v->evidence = &net->ev_view[k];
        v->n_evidence = e->n_ev;
        for (size_t j = 0; j < e->n_ev; j++, k++) {
            const evidence_rec *r = &e->ev[j];
            net->ev_view[k] = (ag_evidence){r->doc, r->sentence, r->start, r->end, r->text, r->stance,
                                            (const char *const *)r->cues, r->n_cues};
        }
    }
    qsort(net->edge_view, ne, sizeof *net->edge_view, cmp_edge);
    net->info = (ag_graph_info){"actorgraph " AG_VERSION, net->window ? net->window : "sentence",
                                net->lexicon ? net->lexicon : "", net->date_min, net->date_max,
                                net->documents, net->sentences, net->evidence_cap, dedup_name(net), net->folded};
    net->dirty = 0;
    return 0;
}

/* Readers take a const network; the views are a cache, so refreshing is not a visible change. */
static ag_network *fresh(const ag_network *net)
{
    ag_network *m = (ag_network *)net;
    return refresh(m) ? NULL : m;
}

const ag_graph_info *ag_network_graph(const ag_network *net)
{
    ag_network *m = fresh(net);
    return m ? &m->info : NULL;
}

size_t ag_network_node_count(const ag_network *net)
{
    return net->n_nodes;
}

const ag_node_info *ag_network_node(const ag_network *net, size_t i)
{
    ag_network *m = fresh(net);
    return (m && i < m->n_nodes) ? &m->node_view[i] : NULL;
}

size_t ag_network_edge_count(const ag_network *net)
{
    return net->n_edges;
}

const ag_edge_info *ag_network_edge(const ag_network *net, size_t i)
{
    ag_network *m = fresh(net);
    return (m && i < m->n_edges) ? &m->edge_view[i] : NULL;
}

long ag_network_find_node(const ag_network *net, const char *id)
{
    size_t index;
    if (!net || !ag_i_network_find_id(net, id, &index))
        return -1;
    ag_network *m = fresh(net);
    return m ? (long)m->rank[index] : -1;
}
