/* Extraction quality against gold events (see eval.h for the definitions).
 *
 * One extractor and one network serve every record. After a record is
 * extracted, the actors whose mention count grew are the ones it names; the
 * change in each of their pairs' counts since the last record (kept in a
 * snapshot keyed by the pair) is what the extractor said about that pair in
 * this record. Evidence is not kept (the extractor's evidence cap is 0), so
 * the network holds only counts.
 *
 * Pairs are ordered by node rank (id order, as in the network), so a pair's
 * `a` is the actor whose id sorts first and the network's forward counts are
 * a->b. Scores per actor are indexed by lexicon actor index. */
#include "actorgraph/eval.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "actorgraph/corpus.h"
#include "actorgraph/network.h"
#include "actorgraph/text.h"
#include "util/buf.h"
#include "util/slurp.h"

#define MAX_UNKNOWN_CODES 1000 /* distinct unknown codes listed; more are only counted */

/* What we said about a pair in one record. */
typedef struct ours_pair {
    size_t a, b; /* node ranks, a < b */
    int related, sign;
    unsigned dirs;
} ours_pair;

/* What gold says about a pair in one record. */
typedef struct gold_pair {
    size_t a, b;    /* node ranks, a < b */
    unsigned signs; /* 1: a positive event, 2: a negative one */
    unsigned dirs;
} gold_pair;

/* Counts of an edge when the previous record was done. */
typedef struct snap {
    uint64_t key; /* (a << 32 | b) + 1; 0 is empty */
    ag_counts total;
    uint64_t fwd, bwd;
} snap;

typedef struct code_entry {
    const char *code; /* owned by the map (freed) or by the lexicon (ids) */
    long actor;       /* lexicon index, or -1: not scored */
} code_entry;

typedef struct unknown_code {
    char *code;
    size_t events;
} unknown_code;

struct ag_eval {
    const ag_lexicon *lex;
    ag_eval_options opt;
    ag_network *net;
    ag_extractor *ex;
    size_t n_actors;
    size_t *rank_of;   /* lexicon index -> node rank */
    size_t *actor_of;  /* node rank -> lexicon index */
    uint64_t *mentions; /* per node rank, after the previous record */
    code_entry *ids;   /* lexicon ids, sorted, for lookups */
    code_entry *map;   /* gold code -> actor */
    size_t n_map, cap_map;
    unknown_code *unknown;
    size_t n_unknown, cap_unknown;
    snap *snaps;
    size_t n_snaps, cap_snaps; /* open addressing; cap a power of two */
    /* per record scratch */
    size_t *named;
    size_t n_named;
    ours_pair *ours;
    size_t n_ours, cap_ours;
    gold_pair *gold;
    size_t n_gold, cap_gold;
    /* results */
    ag_eval_summary sum;
    ag_eval_scores *per_actor;
    ag_eval_miss *misses;
    size_t n_misses, cap_misses;
};

void ag_eval_options_init(ag_eval_options *opt)
{
    ag_extract_options_init(&opt->extract);
    opt->max_misses = 20;
}

/* ------------------------------------------------------------------ set-up */

static int cmp_code(const void *x, const void *y)
{
    return strcmp(((const code_entry *)x)->code, ((const code_entry *)y)->code);
}

void ag_eval_free(ag_eval **pev)
{
    if (!pev || !*pev)
        return;
    ag_eval *ev = *pev;
    ag_extractor_free(&ev->ex);
    ag_network_free(&ev->net);
    free(ev->rank_of);
    free(ev->actor_of);
    free(ev->mentions);
    free(ev->ids);
    for (size_t i = 0; i < ev->n_map; i++)
        free((char *)ev->map[i].code);
    free(ev->map);
    for (size_t i = 0; i < ev->n_unknown; i++)
        free(ev->unknown[i].code);
    free(ev->unknown);
    free(ev->snaps);
    free(ev->named);
    free(ev->ours);
    free(ev->gold);
    free(ev->per_actor);
    for (size_t i = 0; i < ev->n_misses; i++) {
        free((char *)ev->misses[i].record);
        free((char *)ev->misses[i].text);
    }
    free(ev->misses);
    free(ev);
    *pev = NULL;
}

ag_status ag_eval_new(const ag_lexicon *lex, const ag_eval_options *opt, ag_eval **out, ag_error *err)
{
    ag_status st = AG_ENOMEM;
    if (!lex || !out)
        return ag_error_set(err, AG_EINVAL, "ag_eval_new: no lexicon or output pointer");
    *out = NULL;
    ag_eval *ev = calloc(1, sizeof *ev);
    if (!ev)
        goto done;
    ev->lex = lex;
    if (opt)
        ev->opt = *opt;
    else
        ag_eval_options_init(&ev->opt);
    ag_extract_options xopt = ev->opt.extract;
    xopt.evidence = 0; /* counts are all we read */
    size_t n = ev->n_actors = ag_lexicon_actor_count(lex);
    ev->rank_of = calloc(n + 1, sizeof *ev->rank_of);
    ev->actor_of = calloc(n + 1, sizeof *ev->actor_of);
    ev->mentions = calloc(n + 1, sizeof *ev->mentions);
    ev->ids = calloc(n + 1, sizeof *ev->ids);
    ev->named = calloc(n + 1, sizeof *ev->named);
    ev->per_actor = calloc(n + 1, sizeof *ev->per_actor);
    if (!ev->rank_of || !ev->actor_of || !ev->mentions || !ev->ids || !ev->named || !ev->per_actor)
        goto done;
    if ((st = ag_network_new(&ev->net)) != AG_OK) {
        ag_error_set(err, st, "out of memory");
        goto done;
    }
    if ((st = ag_extractor_new(lex, &xopt, ev->net, &ev->ex, err)) != AG_OK)
        goto done;
    st = AG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        ev->ids[i] = (code_entry){ag_lexicon_actor_id(lex, i), (long)i};
    }
    qsort(ev->ids, n, sizeof *ev->ids, cmp_code);
    /* The extractor added one node per actor; node ranks are id order. */
    if (ag_network_node_count(ev->net) != n) {
        st = ag_error_set(err, AG_EINVAL, "ag_eval_new: the network does not hold the lexicon's actors");
        goto done;
    }
    for (size_t r = 0; r < n; r++) {
        const ag_node_info *node = ag_network_node(ev->net, r);
        if (!node)
            goto done;
        code_entry key = {node->id, 0};
        const code_entry *hit = bsearch(&key, ev->ids, n, sizeof *ev->ids, cmp_code);
        if (!hit) {
            st = ag_error_set(err, AG_EINVAL, "ag_eval_new: node \"%s\" is no lexicon actor", node->id);
            goto done;
        }
        ev->actor_of[r] = (size_t)hit->actor;
        ev->rank_of[hit->actor] = r;
    }
    *out = ev;
    ev = NULL;
    st = AG_OK;
done:
    if (st == AG_ENOMEM)
        ag_error_set(err, st, "out of memory");
    ag_eval_free(&ev);
    return st;
}

static long find_id(const ag_eval *ev, const char *id)
{
    code_entry key = {id, 0};
    const code_entry *hit = bsearch(&key, ev->ids, ev->n_actors, sizeof *ev->ids, cmp_code);
    return hit ? hit->actor : -1;
}

ag_status ag_eval_map_code(ag_eval *ev, const char *code, const char *id, ag_error *err)
{
    if (!ev || !code)
        return ag_error_set(err, AG_EINVAL, "ag_eval_map_code: no evaluation or code");
    long actor = -1;
    if (id && (actor = find_id(ev, id)) < 0)
        return ag_error_set(err, AG_EINVAL, "code \"%s\" is mapped to \"%s\", which is no actor of lexicon \"%s\"",
                            code, id, ag_lexicon_name(ev->lex));
    for (size_t i = 0; i < ev->n_map; i++)
        if (strcmp(ev->map[i].code, code) == 0) {
            ev->map[i].actor = actor;
            return AG_OK;
        }
    if (ag_i_grow((void **)&ev->map, &ev->cap_map, ev->n_map + 1, sizeof *ev->map))
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    char *copy = ag_i_strdup(code);
    if (!copy)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    ev->map[ev->n_map++] = (code_entry){copy, actor};
    /* keep the map sorted for lookups */
    qsort(ev->map, ev->n_map, sizeof *ev->map, cmp_code);
    return AG_OK;
}

/* ------------------------------------------------------------------ JSON files */

/* 1-based line and column (in UTF-8 characters) of byte offset in s. */
static void line_col(const char *s, size_t offset, size_t *line, size_t *col)
{
    ag_text_pos pos = {1, 1};
    ag_text_pos_advance(&pos, s, strnlen(s, offset));
    *line = pos.line;
    *col = pos.col;
}

/* Parses one JSON text; on failure *where receives the byte offset of the error. */
static json_object *parse(const char *s, size_t len, size_t *where, const char **why)
{
    struct json_tokener *tok = json_tokener_new();
    if (!tok) {
        *why = "out of memory";
        *where = 0;
        return NULL;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    json_object *obj = len > (size_t)INT32_MAX ? NULL : json_tokener_parse_ex(tok, s, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    if (!obj && jerr == json_tokener_continue) {
        obj = json_tokener_parse_ex(tok, "", 1);
        jerr = json_tokener_get_error(tok);
    }
    if (obj) {
        while (end < len && (s[end] == ' ' || s[end] == '\t' || s[end] == '\r' || s[end] == '\n'))
            end++;
        if (end < len) {
            json_object_put(obj);
            obj = NULL;
            *why = "unexpected text after the JSON value";
        }
    } else {
        *why = jerr == json_tokener_continue ? "unexpected end of input" : json_tokener_error_desc(jerr);
    }
    *where = end;
    json_tokener_free(tok);
    return obj;
}

ag_status ag_eval_load_map(ag_eval *ev, const char *path, ag_error *err)
{
    ag_status st;
    char *buf = NULL;
    size_t len = 0;
    json_object *root = NULL;
    if ((st = ag_i_read_json_file(path, AG_I_LEXICON_MAX, &buf, &len, err)) != AG_OK)
        goto done;
    size_t where, line, col;
    const char *why = NULL;
    if (!(root = parse(buf, len, &where, &why))) {
        line_col(buf, where, &line, &col);
        st = ag_error_set(err, AG_EPARSE, "%s:%zu:%zu: %s", path, line, col, why);
        goto done;
    }
    if (!json_object_is_type(root, json_type_object)) {
        st = ag_error_set(err, AG_EPARSE, "%s: the code map must be a JSON object of codes to actor ids", path);
        goto done;
    }
    json_object_object_foreach(root, code, value)
    {
        if (value && !json_object_is_type(value, json_type_string)) {
            st = ag_error_set(err, AG_EPARSE, "%s: code \"%s\": the actor id must be a string or null", path,
                              code);
            goto done;
        }
        ag_error e2 = {0};
        st = ag_eval_map_code(ev, code, value ? json_object_get_string(value) : NULL, &e2);
        if (st != AG_OK) {
            st = ag_error_set(err, st == AG_EINVAL ? AG_EPARSE : st, "%s: %s", path, e2.message);
            goto done;
        }
    }
    st = AG_OK;
done:
    json_object_put(root);
    free(buf);
    return st;
}

/* ------------------------------------------------------------------ scoring */

static uint64_t pair_key(size_t a, size_t b)
{
    return (((uint64_t)a << 32) | (uint64_t)b) + 1;
}

static size_t hash_key(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k;
}

/* The snapshot of pair key, added (zeroed) when absent; NULL when out of memory. */
static snap *snapshot(ag_eval *ev, uint64_t key)
{
    if ((ev->n_snaps + 1) * 2 > ev->cap_snaps) {
        size_t n = ev->cap_snaps ? ev->cap_snaps * 2 : 64;
        snap *t = calloc(n, sizeof *t);
        if (!t)
            return NULL;
        for (size_t i = 0; i < ev->cap_snaps; i++) {
            if (!ev->snaps[i].key)
                continue;
            size_t j = hash_key(ev->snaps[i].key) & (n - 1);
            while (t[j].key)
                j = (j + 1) & (n - 1);
            t[j] = ev->snaps[i];
        }
        free(ev->snaps);
        ev->snaps = t;
        ev->cap_snaps = n;
    }
    size_t mask = ev->cap_snaps - 1, i = hash_key(key) & mask;
    while (ev->snaps[i].key) {
        if (ev->snaps[i].key == key)
            return &ev->snaps[i];
        i = (i + 1) & mask;
    }
    memset(&ev->snaps[i], 0, sizeof ev->snaps[i]);
    ev->snaps[i].key = key;
    ev->n_snaps++;
    return &ev->snaps[i];
}

/* The edge between node ranks a < b, by binary search over the (source, target) order. */
static const ag_edge_info *find_edge(const ag_network *net, size_t a, size_t b)
{
    size_t lo = 0, hi = ag_network_edge_count(net);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ag_edge_info *e = ag_network_edge(net, mid);
        if (!e)
            return NULL;
        if (e->source == a && e->target == b)
            return e;
        if (e->source < a || (e->source == a && e->target < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int sign_of(int64_t v)
{
    return (v > 0) - (v < 0);
}

/* What this record changed in the network: the pairs among the actors it names. */
static ag_status collect_ours(ag_eval *ev)
{
    ev->n_named = ev->n_ours = 0;
    for (size_t r = 0; r < ev->n_actors; r++) {
        const ag_node_info *node = ag_network_node(ev->net, r);
        if (!node)
            return AG_ENOMEM;
        if (node->mentions != ev->mentions[r]) {
            ev->mentions[r] = node->mentions;
            ev->named[ev->n_named++] = r;
        }
    }
    for (size_t i = 0; i < ev->n_named; i++)
        for (size_t j = i + 1; j < ev->n_named; j++) {
            size_t a = ev->named[i], b = ev->named[j];
            const ag_edge_info *e = find_edge(ev->net, a, b);
            if (!e)
                continue;
            snap *s = snapshot(ev, pair_key(a, b));
            if (!s)
                return AG_ENOMEM;
            uint64_t dw = e->total.weight - s->total.weight;
            int64_t dc = (int64_t)(e->total.cooperation - s->total.cooperation);
            int64_t dk = (int64_t)(e->total.conflict - s->total.conflict);
            uint64_t df = e->forward.weight - s->fwd, db = e->backward.weight - s->bwd;
            s->total = e->total;
            s->fwd = e->forward.weight;
            s->bwd = e->backward.weight;
            if (dw == 0)
                continue;
            if (ag_i_grow((void **)&ev->ours, &ev->cap_ours, ev->n_ours + 1, sizeof *ev->ours))
                return AG_ENOMEM;
            unsigned dirs = (df ? AG_EVAL_AB : 0u) | (db ? AG_EVAL_BA : 0u);
            ev->ours[ev->n_ours++] = (ours_pair){a, b, dc + dk > 0 || dirs, sign_of(dc - dk), dirs};
        }
    return AG_OK;
}

/* The lexicon actor a gold code names, or -1 (counted among the unknown codes). */
static long resolve(ag_eval *ev, const char *code)
{
    if (!code)
        return -1;
    code_entry key = {code, 0};
    const code_entry *hit = ev->n_map ? bsearch(&key, ev->map, ev->n_map, sizeof *ev->map, cmp_code) : NULL;
    if (hit)
        return hit->actor;
    long actor = find_id(ev, code);
    if (actor >= 0)
        return actor;
    for (size_t i = 0; i < ev->n_unknown; i++)
        if (strcmp(ev->unknown[i].code, code) == 0) {
            ev->unknown[i].events++;
            return -1;
        }
    if (ev->n_unknown < MAX_UNKNOWN_CODES &&
        !ag_i_grow((void **)&ev->unknown, &ev->cap_unknown, ev->n_unknown + 1, sizeof *ev->unknown)) {
        char *copy = ag_i_strdup(code);
        if (copy)
            ev->unknown[ev->n_unknown++] = (unknown_code){copy, 1};
    }
    return -1;
}

/* Gold pairs of the record; *is_signed receives whether a scored event has a stance. */
static ag_status collect_gold(ag_eval *ev, const ag_eval_event *events, size_t n, int *is_signed)
{
    ev->n_gold = 0;
    *is_signed = 0;
    for (size_t k = 0; k < n; k++) {
        const ag_eval_event *e = &events[k];
        ev->sum.events++;
        long s = resolve(ev, e->source), t = resolve(ev, e->target);
        if (s < 0 || t < 0) {
            ev->sum.events_unknown++;
            continue;
        }
        if (s == t) {
            ev->sum.events_self++;
            continue;
        }
        size_t rs = ev->rank_of[s], rt = ev->rank_of[t];
        size_t a = rs < rt ? rs : rt, b = rs < rt ? rt : rs;
        gold_pair *g = NULL;
        for (size_t i = 0; i < ev->n_gold && !g; i++)
            if (ev->gold[i].a == a && ev->gold[i].b == b)
                g = &ev->gold[i];
        if (!g) {
            if (ag_i_grow((void **)&ev->gold, &ev->cap_gold, ev->n_gold + 1, sizeof *ev->gold))
                return AG_ENOMEM;
            g = &ev->gold[ev->n_gold++];
            *g = (gold_pair){a, b, 0, 0};
        }
        if (e->stance > 0)
            g->signs |= 1u;
        else if (e->stance < 0)
            g->signs |= 2u;
        if (e->stance)
            *is_signed = 1;
        g->dirs |= rs == a ? AG_EVAL_AB : AG_EVAL_BA;
    }
    return AG_OK;
}

static const ours_pair *find_ours(const ag_eval *ev, size_t a, size_t b)
{
    for (size_t i = 0; i < ev->n_ours; i++)
        if (ev->ours[i].a == a && ev->ours[i].b == b)
            return &ev->ours[i];
    return NULL;
}

static const gold_pair *find_gold(const ag_eval *ev, size_t a, size_t b)
{
    for (size_t i = 0; i < ev->n_gold; i++)
        if (ev->gold[i].a == a && ev->gold[i].b == b)
            return &ev->gold[i];
    return NULL;
}

/* Adds one pair's outcome to the record's score sets (overall, signed, both actors). */
static void count_pair(ag_eval *ev, int is_signed, size_t a, size_t b, const gold_pair *g, const ours_pair *o,
                       int sign_scored, int sign_ok, int dir_scored, int dir_ok)
{
    ag_eval_scores *sets[4] = {&ev->sum.all, is_signed ? &ev->sum.signed_only : NULL,
                               &ev->per_actor[ev->actor_of[a]], &ev->per_actor[ev->actor_of[b]]};
    for (size_t i = 0; i < 4; i++) {
        ag_eval_scores *s = sets[i];
        if (!s)
            continue;
        s->gold_pairs += g != NULL;
        s->edges += o != NULL;
        s->cooccurring += g && o;
        s->related += o && o->related;
        s->matched += g && o && o->related;
        s->sign_scored += sign_scored != 0;
        s->sign_correct += sign_ok != 0;
        s->direction_scored += dir_scored != 0;
        s->direction_correct += dir_ok != 0;
    }
}

static ag_status keep_miss(ag_eval *ev, ag_eval_miss_kind kind, const char *record, const char *text, size_t a,
                           size_t b, const gold_pair *g, const ours_pair *o)
{
    ev->sum.misses[kind]++;
    if (ev->n_misses >= ev->opt.max_misses)
        return AG_OK;
    if (ag_i_grow((void **)&ev->misses, &ev->cap_misses, ev->n_misses + 1, sizeof *ev->misses))
        return AG_ENOMEM;
    ag_eval_miss m = {0};
    m.kind = kind;
    m.record = ag_i_strdup(record ? record : "");
    m.text = ag_i_strdup(text);
    if (!m.record || !m.text) {
        free((char *)m.record);
        free((char *)m.text);
        return AG_ENOMEM;
    }
    const ag_node_info *na = ag_network_node(ev->net, a), *nb = ag_network_node(ev->net, b);
    if (!na || !nb) {
        free((char *)m.record);
        free((char *)m.text);
        return AG_ENOMEM;
    }
    m.a = na->id;
    m.b = nb->id;
    if (g) {
        m.gold = 1;
        m.gold_sign = g->signs == 1u ? 1 : g->signs == 2u ? -1 : g->signs ? 2 : 0;
        m.gold_dirs = g->dirs;
    }
    if (o) {
        m.cooccur = 1;
        m.related = o->related;
        m.sign = o->sign;
        m.dirs = o->dirs;
    }
    ev->misses[ev->n_misses++] = m;
    return AG_OK;
}

static ag_status score_record(ag_eval *ev, const char *id, const char *text, int is_signed)
{
    ag_status st = AG_OK;
    ev->sum.records++;
    ev->sum.signed_records += is_signed != 0;
    for (size_t i = 0; i < ev->n_gold && st == AG_OK; i++) {
        const gold_pair *g = &ev->gold[i];
        const ours_pair *o = find_ours(ev, g->a, g->b);
        int related = o && o->related;
        int gold_sign = g->signs == 1u ? 1 : g->signs == 2u ? -1 : 0;
        int sign_scored = related && gold_sign != 0, sign_ok = sign_scored && o->sign == gold_sign;
        int dir_scored = related && g->dirs && o->dirs, dir_ok = dir_scored && (o->dirs & ~g->dirs) == 0;
        count_pair(ev, is_signed, g->a, g->b, g, o, sign_scored, sign_ok, dir_scored, dir_ok);
        if (!related)
            st = keep_miss(ev, AG_EVAL_MISSED, id, text, g->a, g->b, g, o);
        if (st == AG_OK && sign_scored && !sign_ok)
            st = keep_miss(ev, AG_EVAL_SIGN, id, text, g->a, g->b, g, o);
        if (st == AG_OK && dir_scored && !dir_ok)
            st = keep_miss(ev, AG_EVAL_DIRECTION, id, text, g->a, g->b, g, o);
    }
    for (size_t i = 0; i < ev->n_ours && st == AG_OK; i++) {
        const ours_pair *o = &ev->ours[i];
        if (find_gold(ev, o->a, o->b))
            continue;
        count_pair(ev, is_signed, o->a, o->b, NULL, o, 0, 0, 0, 0);
        if (o->related)
            st = keep_miss(ev, AG_EVAL_EXTRA, id, text, o->a, o->b, NULL, o);
    }
    return st;
}

ag_status ag_eval_add(ag_eval *ev, const char *id, const char *text, size_t len, const ag_eval_event *events,
                      size_t n_events, ag_error *err)
{
    char *norm = NULL;
    size_t nlen = 0;
    int is_signed = 0;
    if (!ev || (!text && len) || (!events && n_events))
        return ag_error_set(err, AG_EINVAL, "ag_eval_add: missing argument");
    const char *name = id ? id : "record";
    ag_status st = ag_text_normalize(text ? text : "", len, &norm, &nlen, NULL);
    if (st == AG_ESKIP)
        return ag_error_set(err, st, "%s: skipped: the text holds a NUL byte", name);
    if (st != AG_OK)
        return ag_error_set(err, st, "%s: out of memory", name);
    ag_document doc = {0};
    doc.id = name;
    doc.text = norm;
    doc.len = nlen;
    doc.origin = "gold";
    if ((st = ag_extract_document(ev->ex, &doc, err)) != AG_OK)
        goto done;
    if ((st = collect_ours(ev)) != AG_OK || (st = collect_gold(ev, events, n_events, &is_signed)) != AG_OK ||
        (st = score_record(ev, name, norm, is_signed)) != AG_OK)
        ag_error_set(err, st, "%s: out of memory", name);
done:
    free(norm);
    return st;
}

/* ------------------------------------------------------------------ gold files */

/* A string member or NULL (absent, null or not a string). */
static const char *get_string(json_object *obj, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* Checks the record shape; returns a message or NULL when it is fine. */
static const char *check_record(json_object *rec)
{
    json_object *v = NULL;
    if (!json_object_is_type(rec, json_type_object))
        return "a gold record must be a JSON object";
    if (!json_object_object_get_ex(rec, "text", &v) || !json_object_is_type(v, json_type_string))
        return "\"text\" must be a string";
    if (!json_object_object_get_ex(rec, "events", &v) || (v && !json_object_is_type(v, json_type_array)))
        return "\"events\" must be an array (empty when gold has no event)";
    if (json_object_object_get_ex(rec, "id", &v) && v && !json_object_is_type(v, json_type_string) &&
        !json_object_is_type(v, json_type_int))
        return "\"id\" must be a string or an integer";
    if (json_object_object_get_ex(rec, "evaluate", &v) && v && !json_object_is_type(v, json_type_boolean))
        return "\"evaluate\" must be true or false";
    json_object *events = json_object_object_get(rec, "events");
    size_t n = events ? json_object_array_length(events) : 0;
    for (size_t k = 0; k < n; k++) {
        json_object *e = json_object_array_get_idx(events, k);
        if (!json_object_is_type(e, json_type_object))
            return "each event must be an object";
        static const char *const keys[] = {"source", "target", "source_actor", "target_actor"};
        for (size_t i = 0; i < 4; i++)
            if (json_object_object_get_ex(e, keys[i], &v) && v && !json_object_is_type(v, json_type_string))
                return "an event's source and target must be strings or null";
        if (!json_object_object_get_ex(e, "source", &v) && !json_object_object_get_ex(e, "source_actor", &v))
            return "an event needs \"source\"";
        if (!json_object_object_get_ex(e, "target", &v) && !json_object_object_get_ex(e, "target_actor", &v))
            return "an event needs \"target\"";
        if (json_object_object_get_ex(e, "stance", &v) && v && !json_object_is_type(v, json_type_int) &&
            !json_object_is_type(v, json_type_double))
            return "an event's stance must be a number (+1, -1) or null";
    }
    return NULL;
}

/* The event's actor: `KEY_actor` when the key is there (even null), else KEY. */
static const char *event_actor(json_object *e, const char *key, const char *actor_key)
{
    json_object *v = NULL;
    if (json_object_object_get_ex(e, actor_key, &v))
        return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
    return get_string(e, key);
}

static ag_status add_record(ag_eval *ev, json_object *rec, const char *path, size_t line, ag_error *err)
{
    ag_status st = AG_OK;
    json_object *v = NULL;
    if (json_object_object_get_ex(rec, "evaluate", &v) && v && !json_object_get_boolean(v)) {
        ev->sum.skipped++;
        return AG_OK;
    }
    char fallback[64];
    const char *id = NULL;
    if (json_object_object_get_ex(rec, "id", &v) && v)
        id = json_object_get_string(v);
    if (!id) {
        const char *base = strrchr(path, '/');
        snprintf(fallback, sizeof fallback, "%.40s:%zu", base ? base + 1 : path, line);
        id = fallback;
    }
    json_object *text_v = json_object_object_get(rec, "text");
    json_object *events = json_object_object_get(rec, "events");
    size_t n = events ? json_object_array_length(events) : 0;
    ag_eval_event *evs = n ? calloc(n, sizeof *evs) : NULL;
    if (n && !evs)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        json_object *e = json_object_array_get_idx(events, k), *s = NULL;
        evs[k].source = event_actor(e, "source", "source_actor");
        evs[k].target = event_actor(e, "target", "target_actor");
        if (json_object_object_get_ex(e, "stance", &s) && s) {
            double d = json_object_get_double(s);
            evs[k].stance = (d > 0) - (d < 0);
        }
    }
    st = ag_eval_add(ev, id, json_object_get_string(text_v), (size_t)json_object_get_string_len(text_v), evs, n,
                     err);
    if (st == AG_ESKIP)
        st = ag_error_set(err, AG_EPARSE, "%s:%zu: \"text\" holds a NUL character", path, line);
    free(evs);
    return st;
}

ag_status ag_eval_read_file(ag_eval *ev, const char *path, ag_error *err)
{
    ag_status st = AG_OK;
    if (!ev || !path)
        return ag_error_set(err, AG_EINVAL, "ag_eval_read_file: missing argument");
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    const char *name = is_stdin ? "<stdin>" : path;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    errno = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got, start = 0;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            start = 3;
        size_t i = start;
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n'))
            i++;
        if (i == len)
            continue;
        if (memchr(line + start, '\0', len - start)) {
            st = ag_error_set(err, AG_EPARSE, "%s:%zu: unexpected NUL byte", name, lineno);
            break;
        }
        size_t where, l, col;
        const char *why = NULL;
        json_object *rec = parse(line + start, len - start, &where, &why);
        if (!rec) {
            line_col(line + start, where, &l, &col);
            st = ag_error_set(err, AG_EPARSE, "%s:%zu:%zu: %s", name, lineno, col, why);
            break;
        }
        const char *bad = check_record(rec);
        if (bad)
            st = ag_error_set(err, AG_EPARSE, "%s:%zu: %s", name, lineno, bad);
        else
            st = add_record(ev, rec, name, lineno, err);
        json_object_put(rec);
        if (st != AG_OK)
            break;
    }
    if (st == AG_OK && ferror(f))
        st = ag_error_set(err, AG_EIO, "%s: %s", name, errno ? strerror(errno) : "read error");
    free(line);
    if (!is_stdin)
        fclose(f); /* read-only: nothing to lose on a failed close */
    return st;
}

/* ------------------------------------------------------------------ results */

static double ratio(size_t num, size_t den)
{
    return den ? (double)num / (double)den : -1.0;
}

static void finish(ag_eval_scores *s)
{
    s->pair_recall = ratio(s->matched, s->gold_pairs);
    s->precision = ratio(s->matched, s->related);
    s->sign_accuracy = ratio(s->sign_correct, s->sign_scored);
    s->direction_accuracy = ratio(s->direction_correct, s->direction_scored);
    s->cooccurrence_recall = ratio(s->cooccurring, s->gold_pairs);
    s->cooccurrence_precision = ratio(s->cooccurring, s->edges);
}

const ag_eval_summary *ag_eval_summary_get(ag_eval *ev)
{
    finish(&ev->sum.all);
    finish(&ev->sum.signed_only);
    return &ev->sum;
}

const ag_eval_scores *ag_eval_actor_scores(ag_eval *ev, size_t i)
{
    if (!ev || i >= ev->n_actors)
        return NULL;
    finish(&ev->per_actor[i]);
    return &ev->per_actor[i];
}

size_t ag_eval_miss_count(const ag_eval *ev)
{
    return ev ? ev->n_misses : 0;
}

const ag_eval_miss *ag_eval_miss_get(const ag_eval *ev, size_t i)
{
    return ev && i < ev->n_misses ? &ev->misses[i] : NULL;
}

/* ------------------------------------------------------------------ reports */

/* A sink with a sticky status, so writers check once at the end. */
typedef struct writer {
    ag_sink *sink;
    ag_error *err;
    ag_status st;
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (w->st == AG_OK && n)
        w->st = ag_sink_write(w->sink, s, n, w->err);
}

static void puts_w(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void printf_w(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void printf_w(writer *w, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || w->st != AG_OK)
        return;
    if ((size_t)n < sizeof buf) {
        put(w, buf, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        w->st = ag_error_set(w->err, AG_ENOMEM, "out of memory");
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(w, big, (size_t)n);
    free(big);
}

/* The one escape function of the JSON report: quotes, backslashes and control characters. */
static void json_string(writer *w, const char *s)
{
    put(w, "\"", 1);
    size_t run = 0;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c && c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        put(w, p - run, run);
        run = 0;
        if (!c)
            break;
        char esc[8] = {'\\', (char)c, 0};
        size_t n = 2;
        if (c == '\n')
            esc[1] = 'n';
        else if (c == '\t')
            esc[1] = 't';
        else if (c == '\r')
            esc[1] = 'r';
        else if (c < 0x20)
            n = (size_t)snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
        put(w, esc, n);
    }
    put(w, "\"", 1);
}

static void json_ratio(writer *w, double r)
{
    if (r < 0)
        puts_w(w, "null");
    else
        printf_w(w, "%.4f", r);
}

static void json_scores(writer *w, const ag_eval_scores *s, const char *indent)
{
    static const char *const names[] = {"pair_recall", "precision", "sign_accuracy", "direction_accuracy",
                                        "cooccurrence_recall", "cooccurrence_precision"};
    const double values[] = {s->pair_recall, s->precision, s->sign_accuracy, s->direction_accuracy,
                             s->cooccurrence_recall, s->cooccurrence_precision};
    for (size_t i = 0; i < 6; i++) {
        printf_w(w, "%s\"%s\": ", indent, names[i]);
        json_ratio(w, values[i]);
        puts_w(w, ",\n");
    }
    printf_w(w,
             "%s\"counts\": {\"gold_pairs\": %zu, \"related\": %zu, \"matched\": %zu, \"cooccurring\": %zu, "
             "\"edges\": %zu, \"sign_scored\": %zu, \"sign_correct\": %zu, \"direction_scored\": %zu, "
             "\"direction_correct\": %zu}",
             indent, s->gold_pairs, s->related, s->matched, s->cooccurring, s->edges, s->sign_scored,
             s->sign_correct, s->direction_scored, s->direction_correct);
}

static const char *const kind_names[] = {"missed", "extra", "sign", "direction"};

static void json_dirs(writer *w, const char *a, const char *b, unsigned dirs)
{
    puts_w(w, "[");
    if (dirs & AG_EVAL_AB) {
        puts_w(w, "[");
        json_string(w, a);
        puts_w(w, ", ");
        json_string(w, b);
        puts_w(w, "]");
    }
    if (dirs & AG_EVAL_BA) {
        puts_w(w, (dirs & AG_EVAL_AB) ? ", [" : "[");
        json_string(w, b);
        puts_w(w, ", ");
        json_string(w, a);
        puts_w(w, "]");
    }
    puts_w(w, "]");
}

ag_status ag_eval_write_json(ag_eval *ev, const char *name, ag_sink *sink, ag_error *err)
{
    writer w = {sink, err, AG_OK};
    const ag_eval_summary *sum = ag_eval_summary_get(ev);
    puts_w(&w, "{\n  \"gold\": ");
    json_string(&w, name ? name : "");
    puts_w(&w, ",\n  \"lexicon\": ");
    json_string(&w, ag_lexicon_name(ev->lex));
    printf_w(&w,
             ",\n  \"records\": %zu,\n  \"skipped\": %zu,\n  \"signed_records\": %zu,\n  \"events\": %zu,\n"
             "  \"events_unknown\": %zu,\n  \"events_self\": %zu,\n  \"unknown_codes\": {",
             sum->records, sum->skipped, sum->signed_records, sum->events, sum->events_unknown, sum->events_self);
    for (size_t i = 0; i < ev->n_unknown; i++) {
        puts_w(&w, i ? ", " : "");
        json_string(&w, ev->unknown[i].code);
        printf_w(&w, ": %zu", ev->unknown[i].events);
    }
    puts_w(&w, "},\n");
    json_scores(&w, &sum->all, "  ");
    puts_w(&w, ",\n  \"signed\": {\n");
    json_scores(&w, &sum->signed_only, "    ");
    puts_w(&w, "\n  },\n  \"actors\": {");
    int first = 1;
    for (size_t i = 0; i < ev->n_actors; i++) {
        const ag_eval_scores *s = ag_eval_actor_scores(ev, i);
        if (!s->gold_pairs && !s->edges)
            continue;
        puts_w(&w, first ? "\n    " : ",\n    ");
        first = 0;
        json_string(&w, ag_lexicon_actor_id(ev->lex, i));
        puts_w(&w, ": {\n");
        json_scores(&w, s, "      ");
        puts_w(&w, "\n    }");
    }
    printf_w(&w, "%s},\n  \"misses_total\": {", first ? "" : "\n  ");
    for (size_t k = 0; k < 4; k++)
        printf_w(&w, "%s\"%s\": %zu", k ? ", " : "", kind_names[k], sum->misses[k]);
    puts_w(&w, "},\n  \"misses\": [");
    for (size_t i = 0; i < ev->n_misses; i++) {
        const ag_eval_miss *m = &ev->misses[i];
        puts_w(&w, i ? ",\n    {\"record\": " : "\n    {\"record\": ");
        json_string(&w, m->record);
        printf_w(&w, ", \"kind\": \"%s\", \"pair\": [", kind_names[m->kind]);
        json_string(&w, m->a);
        puts_w(&w, ", ");
        json_string(&w, m->b);
        puts_w(&w, "],\n     \"gold\": ");
        if (!m->gold) {
            puts_w(&w, "null");
        } else {
            puts_w(&w, "{\"stance\": ");
            puts_w(&w, m->gold_sign == 2  ? "\"mixed\""
                       : m->gold_sign > 0 ? "1"
                       : m->gold_sign < 0 ? "-1"
                                          : "null");
            puts_w(&w, ", \"directions\": ");
            json_dirs(&w, m->a, m->b, m->gold_dirs);
            puts_w(&w, "}");
        }
        printf_w(&w, ", \"ours\": {\"cooccur\": %s, \"related\": %s, \"stance\": %d, \"directions\": ",
                 m->cooccur ? "true" : "false", m->related ? "true" : "false", m->sign);
        json_dirs(&w, m->a, m->b, m->dirs);
        puts_w(&w, "},\n     \"text\": ");
        json_string(&w, m->text);
        puts_w(&w, "}");
    }
    puts_w(&w, ev->n_misses ? "\n  ]\n}\n" : "]\n}\n");
    return w.st;
}

static void text_ratio(writer *w, double r, int width)
{
    if (r < 0)
        printf_w(w, "%*s", width, "-");
    else
        printf_w(w, "%*.3f", width, r);
}

static void text_row(writer *w, const char *label, const ag_eval_scores *s)
{
    printf_w(w, "  %-24s %6zu %7zu", label, s->gold_pairs, s->related);
    text_ratio(w, s->pair_recall, 8);
    text_ratio(w, s->precision, 10);
    text_ratio(w, s->sign_accuracy, 7);
    text_ratio(w, s->direction_accuracy, 10);
    text_ratio(w, s->cooccurrence_recall, 10);
    text_ratio(w, s->cooccurrence_precision, 10);
    puts_w(w, "\n");
}

static void text_dirs(writer *w, const char *a, const char *b, unsigned dirs)
{
    if (dirs & AG_EVAL_AB)
        printf_w(w, " %s>%s", a, b);
    if (dirs & AG_EVAL_BA)
        printf_w(w, " %s>%s", b, a);
}

static const char *sign_text(int sign)
{
    return sign == 2 ? "mixed" : sign > 0 ? "+" : sign < 0 ? "-" : "no sign";
}

ag_status ag_eval_write_text(ag_eval *ev, const char *name, ag_sink *sink, ag_error *err)
{
    writer w = {sink, err, AG_OK};
    const ag_eval_summary *sum = ag_eval_summary_get(ev);
    printf_w(&w, "Evaluation of %s with lexicon \"%s\"\n", name ? name : "gold", ag_lexicon_name(ev->lex));
    printf_w(&w, "%zu records scored (%zu skipped: evaluate false), %zu with a signed gold event\n", sum->records,
             sum->skipped, sum->signed_records);
    printf_w(&w,
             "%zu gold events: %zu not scored (an actor null or not in the lexicon), %zu with one actor twice\n",
             sum->events, sum->events_unknown, sum->events_self);
    if (ev->n_unknown) {
        puts_w(&w, "codes not in the lexicon:");
        for (size_t i = 0; i < ev->n_unknown && i < 20; i++)
            printf_w(&w, " %s (%zu)", ev->unknown[i].code, ev->unknown[i].events);
        puts_w(&w, ev->n_unknown > 20 ? " ...\n" : "\n");
    }
    puts_w(&w, "\n                            pairs related  recall precision   sign direction"
               "  co-recall   co-prec\n");
    text_row(&w, "all records", &sum->all);
    text_row(&w, "records with signed gold", &sum->signed_only);
    puts_w(&w, "\nper actor:\n");
    for (size_t i = 0; i < ev->n_actors; i++) {
        const ag_eval_scores *s = ag_eval_actor_scores(ev, i);
        if (s->gold_pairs || s->edges)
            text_row(&w, ag_lexicon_actor_id(ev->lex, i), s);
    }
    printf_w(&w, "\nmisses: %zu missed pairs, %zu extra pairs, %zu wrong signs, %zu wrong directions",
             sum->misses[0], sum->misses[1], sum->misses[2], sum->misses[3]);
    size_t total = sum->misses[0] + sum->misses[1] + sum->misses[2] + sum->misses[3];
    if (ev->n_misses < total)
        printf_w(&w, " (first %zu shown)", ev->n_misses);
    puts_w(&w, "\n");
    for (size_t i = 0; i < ev->n_misses; i++) {
        const ag_eval_miss *m = &ev->misses[i];
        printf_w(&w, "  %s: %s %s-%s: gold ", m->record, kind_names[m->kind], m->a, m->b);
        if (m->gold) {
            puts_w(&w, sign_text(m->gold_sign));
            text_dirs(&w, m->a, m->b, m->gold_dirs);
        } else {
            puts_w(&w, "none");
        }
        puts_w(&w, "; ours ");
        if (m->related) {
            puts_w(&w, sign_text(m->sign));
            text_dirs(&w, m->a, m->b, m->dirs);
        } else {
            puts_w(&w, m->cooccur ? "co-occurrence only" : "none");
        }
        puts_w(&w, "\n      ");
        puts_w(&w, m->text);
        puts_w(&w, "\n");
    }
    return w.st;
}
