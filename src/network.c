#include "network_internal.h"

#include <stdlib.h>
#include <string.h>

#include "actorgraph/version.h"
#include "util/buf.h"

typedef struct node_rec {
    char *id, *label, *group, *color;
    uint64_t mentions, documents;
} node_rec;

typedef struct evidence_rec {
    char *doc;
    char *text;
    char **cues;
    size_t n_cues;
    uint64_t sentence, start, end;
    int stance;
} evidence_rec;

typedef struct edge_rec {
    size_t a, b; /* insertion indices, a < b */
    ag_counts total, ab, ba;
    uint64_t documents;
    evidence_rec *ev;
    size_t n_ev;
} edge_rec;

struct ag_network {
    node_rec *nodes;
    size_t n_nodes, cap_nodes;
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
    free(net->window);
    free(net->lexicon);
    free(net->date_min);
    free(net->date_max);
    free_views(net);
    free(net);
    *pnet = NULL;
}

ag_status ag_i_network_add_node(ag_network *net, const char *id, const char *label, const char *group,
                                const char *color, size_t *index)
{
    if (!id || !*id)
        return AG_EINVAL;
    if (ag_i_grow((void **)&net->nodes, &net->cap_nodes, net->n_nodes + 1, sizeof *net->nodes))
        return AG_ENOMEM;
    node_rec *n = &net->nodes[net->n_nodes];
    memset(n, 0, sizeof *n);
    n->id = ag_i_strdup(id);
    n->label = ag_i_strdup(label ? label : id);
    n->group = ag_i_strdup(group);
    n->color = ag_i_strdup(color);
    if (!n->id || !n->label || (group && !n->group) || (color && !n->color)) {
        free(n->id);
        free(n->label);
        free(n->group);
        free(n->color);
        return AG_ENOMEM;
    }
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
    net->dirty = 1;
    return AG_OK;
}

ag_status ag_i_network_add_document(ag_network *net, const char *date, uint64_t sentences)
{
    net->documents++;
    net->sentences += sentences;
    net->dirty = 1;
    if (date && *date) {
        if ((!net->date_min || strcmp(date, net->date_min) < 0) && replace_str(&net->date_min, date))
            return AG_ENOMEM;
        if ((!net->date_max || strcmp(date, net->date_max) > 0) && replace_str(&net->date_max, date))
            return AG_ENOMEM;
    }
    return AG_OK;
}

void ag_i_network_add_mentions(ag_network *net, size_t index, uint64_t mentions, int first_in_doc)
{
    if (index >= net->n_nodes)
        return;
    net->nodes[index].mentions += mentions;
    if (first_in_doc)
        net->nodes[index].documents++;
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

static ag_status keep_evidence(ag_network *net, edge_rec *e, const ag_i_evidence_in *in)
{
    unsigned cap = net->evidence_cap;
    if (cap == 0)
        return AG_OK;
    size_t pos = e->n_ev;
    while (pos > 0 && ag_i_evidence_before(in->stance, in->doc, in->sentence, e->ev[pos - 1].stance,
                                           e->ev[pos - 1].doc, e->ev[pos - 1].sentence))
        pos--;
    if (pos >= cap)
        return AG_OK;
    evidence_rec rec = {0};
    rec.doc = ag_i_strdup(in->doc);
    rec.text = ag_i_strndup(in->text, in->text_len);
    rec.cues = in->n_cues ? calloc(in->n_cues, sizeof *rec.cues) : NULL;
    if (!rec.doc || !rec.text || (in->n_cues && !rec.cues))
        goto nomem;
    for (size_t i = 0; i < in->n_cues; i++) {
        if (!(rec.cues[i] = ag_i_strdup(in->cues[i])))
            goto nomem;
        rec.n_cues = i + 1;
    }
    rec.sentence = in->sentence;
    rec.start = in->start;
    rec.end = in->end;
    rec.stance = in->stance;
    if (!e->ev && !(e->ev = calloc(cap, sizeof *e->ev)))
        goto nomem;
    if (e->n_ev == cap) {
        free_evidence(&e->ev[cap - 1]);
        e->n_ev--;
    }
    memmove(&e->ev[pos + 1], &e->ev[pos], (e->n_ev - pos) * sizeof *e->ev);
    e->ev[pos] = rec;
    e->n_ev++;
    return AG_OK;
nomem:
    free_evidence(&rec);
    return AG_ENOMEM;
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
                                net->documents, net->sentences, net->evidence_cap};
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
    ag_network *m = fresh(net);
    if (!m)
        return -1;
    for (size_t i = 0; i < m->n_nodes; i++)
        if (strcmp(m->node_view[i].id, id) == 0)
            return (long)i;
    return -1;
}
