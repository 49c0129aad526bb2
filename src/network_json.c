/* Network JSON reader: what ag_export_json() writes, back into a network.
 *
 * Errors name the input: `name:line:col: why` for JSON syntax (columns count
 * UTF-8 characters), `name: links[3].weight: why` for content. A network that
 * does not start the text (several networks one after another) is named by
 * its first line: `name: network at line 120: links[3]: why`.
 *
 * Decisions: the JSON is strict (json-c 0.16 accepts NaN, Infinity, `1.`,
 * single quotes and raw control characters in strings even in strict mode; a
 * lexical pass rejects them) and valid UTF-8; a UTF-8 BOM is skipped; unknown
 * keys are ignored and null counts as an absent optional key. `graph.dedup`
 * and `graph.folded` are optional (absent: `document`, 0). What the writer
 * derives (link ids, stance, degrees) is not read but recomputed, so a file
 * whose stance disagrees with its counts loads. Evidence is put back in the
 * evidence order whatever order the file lists it in. `directions` and
 * `evidence` may be left out (none); every other field the writer writes
 * except `label`, `group`, `color` and the dates is required. */
#include "network_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "util/buf.h"
#include "util/json_syntax.h"
#include "util/slurp.h"

#if defined(__GNUC__)
#define AG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define AG_PRINTF(f, a)
#endif

/* Evidence cues per sentence are few; a longer list is not a network file of ours. */
#define MAX_CUES 64

typedef struct reader {
    const char *json; /* the whole text */
    size_t len;
    size_t start;     /* 3 after a UTF-8 BOM, else 0 */
    const char *name; /* for messages */
    char where[48];   /* "" or " network at line N:" for a network after the first */
    ag_error *err;
    ag_network *net;
    unsigned cap;     /* graph.evidence_cap */
} reader;

/* ---- positions and messages ---------------------------------------------- */

/* The text and error sink for the shared JSON syntax helpers. */
static ag_i_json_text text_of(const reader *r)
{
    return (ag_i_json_text){r->json, r->len, r->start, r->name, r->err};
}

/* Reports bad content at path @at (`links[3]`, may be empty) and key @key (may be NULL). */
static ag_status fail(const reader *r, const char *at, const char *key, const char *fmt, ...) AG_PRINTF(4, 5);
static ag_status fail(const reader *r, const char *at, const char *key, const char *fmt, ...)
{
    char why[AG_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    ag_i_json_vformat(why, sizeof why, fmt, ap);
    va_end(ap);
    const char *dot = at[0] && key ? "." : "";
    const char *sep = at[0] || key ? ": " : "";
    ag_error_set(r->err, AG_EPARSE, "%s:%s %s%s%s%s%s", r->name, r->where, at, dot, key ? key : "", sep, why);
    return AG_EPARSE;
}

static ag_status no_memory(const reader *r)
{
    ag_error_set(r->err, AG_ENOMEM, "%s: out of memory", r->name);
    return AG_ENOMEM;
}

/* ---- JSON syntax -------------------------------------------------------- */

/* Where the object or array that starts at @i ends (just after its closing bracket),
 * by bracket count outside strings; the end of the text when it does not end.
 * json-c in strict mode rejects anything after a value, so a network followed by
 * another is handed to it alone. */
static size_t value_end(const char *s, size_t len, size_t i)
{
    size_t nest = 0;
    if (i >= len || (s[i] != '{' && s[i] != '['))
        return len;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            for (i++; i < len && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
        } else if (c == '{' || c == '[') {
            nest++;
        } else if ((c == '}' || c == ']') && --nest == 0) {
            return i + 1;
        }
    }
    return len;
}

/* Parses the JSON value that starts at @begin into *root; *end receives the offset after it. */
static ag_status parse_value(const reader *r, size_t begin, json_object **root, size_t *end)
{
    ag_i_json_text t = text_of(r);
    return ag_i_json_parse(&t, begin, value_end(r->json, r->len, begin),
                           "unexpected end of input (the file is cut short)", 0, root, end);
}

/* ---- values --------------------------------------------------------------- */

static const char *type_name(const json_object *v)
{
    switch (json_object_get_type(v)) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double: return "a fraction";
    case json_type_int: return "an integer";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
    return "something else";
}

/* The value of @key, or NULL when it is absent or null. */
static json_object *field(json_object *obj, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(obj, key, &v) || json_object_is_type(v, json_type_null))
        return NULL;
    return v;
}

/* A count: a whole number 0 ≤ n ≤ 2^63 - 1. */
static ag_status get_count(const reader *r, json_object *obj, const char *at, const char *key, uint64_t *out)
{
    json_object *v = field(obj, key);
    *out = 0;
    if (!v)
        return fail(r, at, NULL, "missing \"%s\"", key);
    if (!json_object_is_type(v, json_type_int))
        return fail(r, at, key, "must be a whole number, not %s", type_name(v));
    int64_t n = json_object_get_int64(v);
    if (n < 0)
        return fail(r, at, key, "must not be negative (%lld)", (long long)n);
    if (n == INT64_MAX && json_object_get_uint64(v) > (uint64_t)INT64_MAX)
        return fail(r, at, key, "is too large");
    *out = (uint64_t)n;
    return AG_OK;
}

/* A string without NUL characters; *out = NULL when it is optional and absent.
 * (fail() is variadic, which the static analyser does not follow: the status is returned here.) */
static ag_status get_string(const reader *r, json_object *obj, const char *at, const char *key, int required,
                            const char **out)
{
    json_object *v = field(obj, key);
    *out = NULL;
    if (!v) {
        if (!required)
            return AG_OK;
        fail(r, at, NULL, "missing \"%s\"", key);
        return AG_EPARSE;
    }
    if (!json_object_is_type(v, json_type_string)) {
        fail(r, at, key, "must be a string, not %s", type_name(v));
        return AG_EPARSE;
    }
    const char *s = json_object_get_string(v);
    if (!s || strlen(s) != (size_t)json_object_get_string_len(v)) {
        fail(r, at, key, "must not contain a NUL character (\\u0000)");
        return AG_EPARSE;
    }
    *out = s;
    return AG_OK;
}

/* An id: a non-empty string. */
static ag_status get_id(const reader *r, json_object *obj, const char *at, const char *key, const char **out)
{
    ag_status st = get_string(r, obj, at, key, 1, out);
    if (st == AG_OK && (!*out || !**out)) {
        fail(r, at, key, "must not be empty");
        st = AG_EPARSE;
    }
    return st;
}

/* An array; *out = NULL when it is optional and absent. */
static ag_status get_array(const reader *r, json_object *obj, const char *at, const char *key, int required,
                           json_object **out)
{
    json_object *v = field(obj, key);
    *out = NULL;
    if (!v)
        return required ? fail(r, at, NULL, "missing \"%s\"", key) : AG_OK;
    if (!json_object_is_type(v, json_type_array))
        return fail(r, at, key, "must be an array, not %s", type_name(v));
    *out = v;
    return AG_OK;
}

/* Four counts that add up: weight = cooperation + conflict + neutral. */
static ag_status get_counts(const reader *r, json_object *obj, const char *at, ag_counts *c)
{
    ag_status st;
    if ((st = get_count(r, obj, at, "weight", &c->weight)) || (st = get_count(r, obj, at, "cooperation", &c->cooperation)) ||
        (st = get_count(r, obj, at, "conflict", &c->conflict)) || (st = get_count(r, obj, at, "neutral", &c->neutral)))
        return st;
    uint64_t w = c->weight;
    if (c->cooperation > w || c->conflict > w - c->cooperation || c->neutral != w - c->cooperation - c->conflict)
        return fail(r, at, NULL, "cooperation + conflict + neutral (%llu + %llu + %llu) must equal weight (%llu)",
                    (unsigned long long)c->cooperation, (unsigned long long)c->conflict,
                    (unsigned long long)c->neutral, (unsigned long long)w);
    return AG_OK;
}

static ag_status need_object(const reader *r, json_object *v, const char *at)
{
    if (!json_object_is_type(v, json_type_object))
        return fail(r, at, NULL, "must be an object, not %s", type_name(v));
    return AG_OK;
}

/* ---- the network ---------------------------------------------------------- */

static ag_status read_graph(reader *r, json_object *root)
{
    ag_status st;
    json_object *g = NULL, *v;
    const char *gen = NULL, *window, *lexicon, *date_min, *date_max;
    uint64_t schema, documents, sentences, cap;
    if (!json_object_object_get_ex(root, "graph", &g) || !json_object_is_type(g, json_type_object))
        return fail(r, "", NULL, "not an actorgraph network (it has no \"graph\" object)");
    v = field(g, "generator");
    if (v && json_object_is_type(v, json_type_string))
        gen = json_object_get_string(v);
    if (!gen || strncmp(gen, "actorgraph", 10) != 0) {
        if (gen)
            return fail(r, "", NULL, "not an actorgraph network (graph.generator is \"%.64s\")", gen);
        return fail(r, "", NULL, "not an actorgraph network (no graph.generator starting with \"actorgraph\")");
    }
    if ((st = get_count(r, g, "graph", "schema", &schema)) != AG_OK)
        return st;
    if (schema != AG_NETWORK_SCHEMA)
        return fail(r, "graph", "schema", "written with schema %llu; this actorgraph reads schema %d",
                    (unsigned long long)schema, AG_NETWORK_SCHEMA);
    static const char *const flags[] = {"directed", "multigraph"};
    for (size_t i = 0; i < 2; i++) {
        v = field(root, flags[i]);
        if (v && !(json_object_is_type(v, json_type_boolean) && !json_object_get_boolean(v)))
            return fail(r, "", flags[i], "must be false (an actorgraph network has one undirected link per pair)");
    }
    if ((st = get_id(r, g, "graph", "window", &window)) || (st = get_string(r, g, "graph", "lexicon", 1, &lexicon)) ||
        (st = get_count(r, g, "graph", "documents", &documents)) ||
        (st = get_count(r, g, "graph", "sentences", &sentences)) ||
        (st = get_count(r, g, "graph", "evidence_cap", &cap)) ||
        (st = get_string(r, g, "graph", "date_min", 0, &date_min)) ||
        (st = get_string(r, g, "graph", "date_max", 0, &date_max)))
        return st;
    if (cap > UINT_MAX)
        return fail(r, "graph", "evidence_cap", "is too large");
    /* dedup and folded are written only for `corpus`: absent means `document`, none folded */
    const char *dedup;
    uint64_t folded = 0;
    if ((st = get_string(r, g, "graph", "dedup", 0, &dedup)) != AG_OK ||
        (field(g, "folded") && (st = get_count(r, g, "graph", "folded", &folded)) != AG_OK))
        return st;
    if (dedup && strcmp(dedup, "document") != 0 && strcmp(dedup, "corpus") != 0)
        return fail(r, "graph", "dedup", "must be \"document\" or \"corpus\", not \"%.64s\"", dedup);
    int corpus = dedup && strcmp(dedup, "corpus") == 0;
    if (folded > 0 && !corpus)
        return fail(r, "graph", "folded", "copies are folded only with dedup \"corpus\"");
    if (date_min && date_max && strcmp(date_min, date_max) > 0)
        return fail(r, "graph", "date_min", "\"%s\" is after date_max \"%s\"", date_min, date_max);
    r->cap = (unsigned)cap;
    if (ag_i_network_describe(r->net, window, lexicon, r->cap) ||
        ag_i_network_add_documents(r->net, documents, sentences, date_min, date_max))
        return no_memory(r);
    ag_i_network_set_dedup(r->net, corpus);
    ag_i_network_add_folded(r->net, folded);
    return AG_OK;
}

static ag_status read_nodes(reader *r, json_object *root)
{
    ag_status st;
    json_object *nodes;
    char at[48];
    if ((st = get_array(r, root, "", "nodes", 1, &nodes)) != AG_OK)
        return st;
    size_t n = json_object_array_length(nodes);
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_array_get_idx(nodes, i);
        const char *id, *label, *group, *color;
        uint64_t mentions, documents;
        size_t index;
        snprintf(at, sizeof at, "nodes[%zu]", i);
        if ((st = need_object(r, o, at)) || (st = get_id(r, o, at, "id", &id)) ||
            (st = get_string(r, o, at, "label", 0, &label)) || (st = get_string(r, o, at, "group", 0, &group)) ||
            (st = get_string(r, o, at, "color", 0, &color)) || (st = get_count(r, o, at, "mentions", &mentions)) ||
            (st = get_count(r, o, at, "documents", &documents)))
            return st;
        if (ag_i_network_find_id(r->net, id, &index))
            return fail(r, at, "id", "duplicate node id \"%s\" (also nodes[%zu])", id, index);
        if (ag_i_network_add_node(r->net, id, label, group, color, &index))
            return no_memory(r);
        ag_i_network_add_node_counts(r->net, index, mentions, documents);
    }
    return AG_OK;
}

/* An endpoint of a link or a direction: the index of a listed node. */
static ag_status endpoint(const reader *r, json_object *o, const char *at, const char *key, size_t *index,
                          const char **id)
{
    ag_status st = get_id(r, o, at, key, id);
    if (st == AG_OK && !ag_i_network_find_id(r->net, *id, index))
        st = fail(r, at, key, "no node with id \"%s\" in nodes", *id);
    return st;
}

/* Reads links[i].directions into ab (a -> b) and ba (b -> a). */
static ag_status read_directions(const reader *r, json_object *link, const char *at, size_t a, size_t b,
                                 ag_counts *ab, ag_counts *ba)
{
    ag_status st;
    json_object *dirs;
    char dat[96];
    int seen_ab = 0, seen_ba = 0;
    if ((st = get_array(r, link, at, "directions", 0, &dirs)) != AG_OK || !dirs)
        return st;
    size_t n = json_object_array_length(dirs);
    for (size_t k = 0; k < n; k++) {
        json_object *o = json_object_array_get_idx(dirs, k);
        const char *sid, *tid;
        size_t s, t;
        ag_counts c;
        snprintf(dat, sizeof dat, "%s.directions[%zu]", at, k);
        if ((st = need_object(r, o, dat)) || (st = endpoint(r, o, dat, "source", &s, &sid)) ||
            (st = endpoint(r, o, dat, "target", &t, &tid)) || (st = get_counts(r, o, dat, &c)))
            return st;
        int is_ab = s == a && t == b, is_ba = s == b && t == a;
        if (!is_ab && !is_ba)
            return fail(r, dat, NULL, "%s -> %s is not a way of this link", sid, tid);
        if ((is_ab && seen_ab) || (is_ba && seen_ba))
            return fail(r, dat, NULL, "a second entry for %s -> %s", sid, tid);
        seen_ab |= is_ab;
        seen_ba |= is_ba;
        *(is_ab ? ab : ba) = c;
    }
    return AG_OK;
}

static ag_status read_evidence(const reader *r, json_object *link, const char *at, size_t a, size_t b)
{
    ag_status st;
    json_object *evs;
    char eat[96];
    const char *cues[MAX_CUES];
    if ((st = get_array(r, link, at, "evidence", 0, &evs)) != AG_OK || !evs)
        return st;
    size_t n = json_object_array_length(evs);
    if (n > r->cap)
        return fail(r, at, "evidence", "%zu sentences, more than graph.evidence_cap (%u)", n, r->cap);
    for (size_t k = 0; k < n; k++) {
        json_object *o = json_object_array_get_idx(evs, k), *cue_arr, *sv;
        ag_i_evidence_in in = {0};
        uint64_t start, end;
        snprintf(eat, sizeof eat, "%s.evidence[%zu]", at, k);
        if ((st = need_object(r, o, eat)) || (st = get_id(r, o, eat, "doc", &in.doc)) ||
            (st = get_count(r, o, eat, "sentence", &in.sentence)) || (st = get_count(r, o, eat, "start", &start)) ||
            (st = get_count(r, o, eat, "end", &end)) || (st = get_string(r, o, eat, "text", 1, &in.text)) ||
            (st = get_array(r, o, eat, "cues", 1, &cue_arr)))
            return st;
        if (in.sentence == 0)
            return fail(r, eat, "sentence", "must be at least 1 (sentences are numbered from 1)");
        if (end < start)
            return fail(r, eat, "end", "(%llu) is before start (%llu)", (unsigned long long)end,
                        (unsigned long long)start);
        sv = field(o, "stance");
        if (!sv)
            return fail(r, eat, NULL, "missing \"stance\"");
        if (!json_object_is_type(sv, json_type_int) || json_object_get_int64(sv) < -1 || json_object_get_int64(sv) > 1)
            return fail(r, eat, "stance", "must be -1, 0 or 1");
        in.stance = (int)json_object_get_int64(sv);
        in.start = start;
        in.end = end;
        in.text_len = in.text ? strlen(in.text) : 0;
        in.n_cues = json_object_array_length(cue_arr);
        if (in.n_cues > MAX_CUES)
            return fail(r, eat, "cues", "more than %d cues", MAX_CUES);
        for (size_t c = 0; c < in.n_cues; c++) {
            json_object *cv = json_object_array_get_idx(cue_arr, c);
            const char *s = json_object_get_string(cv);
            if (!json_object_is_type(cv, json_type_string) || strlen(s) != (size_t)json_object_get_string_len(cv))
                return fail(r, eat, "cues", "must be a list of strings");
            cues[c] = s;
        }
        in.cues = cues;
        if (ag_i_network_add_evidence(r->net, a, b, &in) != AG_OK)
            return no_memory(r);
    }
    return AG_OK;
}

static ag_status read_links(reader *r, json_object *root)
{
    ag_status st;
    json_object *links;
    char at[48];
    if ((st = get_array(r, root, "", "links", 1, &links)) != AG_OK)
        return st;
    size_t n = json_object_array_length(links);
    for (size_t i = 0; i < n; i++) {
        json_object *o = json_object_array_get_idx(links, i);
        const char *sid, *tid;
        size_t a, b, other;
        ag_counts total, ab = {0}, ba = {0};
        uint64_t documents;
        snprintf(at, sizeof at, "links[%zu]", i);
        if ((st = need_object(r, o, at)) || (st = endpoint(r, o, at, "source", &a, &sid)) ||
            (st = endpoint(r, o, at, "target", &b, &tid)))
            return st;
        if (a == b)
            return fail(r, at, NULL, "source and target are both \"%s\"", sid);
        /* links are created in file order, so an edge's insertion index is its link's index */
        if (ag_i_network_find_edge(r->net, a, b, &other))
            return fail(r, at, NULL, "a second link between \"%s\" and \"%s\" (also links[%zu])", sid, tid, other);
        if ((st = get_counts(r, o, at, &total)) || (st = get_count(r, o, at, "documents", &documents)) ||
            (st = read_directions(r, o, at, a, b, &ab, &ba)))
            return st;
        if (ag_i_network_add_edge(r->net, a, b, &total, &ab, &ba, documents) != AG_OK)
            return no_memory(r);
        if ((st = read_evidence(r, o, at, a, b)) != AG_OK)
            return st;
    }
    return AG_OK;
}

/* The network of the value at r->json[begin..end) (already parsed into root). */
static ag_status read_network(reader *r, json_object *root)
{
    ag_status st;
    if (!json_object_is_type(root, json_type_object))
        return fail(r, "", NULL, "not an actorgraph network (the JSON is %s, not an object)", type_name(root));
    if (ag_network_new(&r->net) != AG_OK)
        return no_memory(r);
    if ((st = read_graph(r, root)) || (st = read_nodes(r, root)) || (st = read_links(r, root)))
        return st;
    return AG_OK;
}

/* Reads the network at *offset; @whole: nothing but white space may follow it, and
 * there must be one. */
static ag_status load(const char *json, size_t len, size_t *offset, const char *name, int whole,
                      ag_network **out, ag_error *err)
{
    ag_status st = AG_OK;
    json_object *root = NULL;
    reader r = {0};
    r.json = json ? json : "";
    r.len = json ? len : 0;
    r.name = name ? name : "network";
    r.err = err;
    r.start = ag_i_json_bom(r.json, r.len);
    ag_i_json_text t = text_of(&r);
    size_t first = ag_i_json_skip_ws(r.json, r.len, r.start);
    size_t begin = ag_i_json_skip_ws(r.json, r.len, *offset > r.start ? *offset : r.start);
    if (begin >= r.len) {
        *offset = r.len;
        return whole ? ag_i_json_fail_at(&t, first, "unexpected end of input (no network in it)") : AG_OK;
    }
    if (begin > first) {
        size_t line, col;
        ag_i_json_line_col(&t, begin, &line, &col);
        snprintf(r.where, sizeof r.where, " network at line %zu:", line);
    }
    size_t end = begin;
    if ((st = parse_value(&r, begin, &root, &end)) != AG_OK)
        goto done;
    if (whole && (st = ag_i_json_check_rest(&t, end)) != AG_OK)
        goto done;
    if ((st = read_network(&r, root)) != AG_OK)
        goto done;
    *offset = end;
    *out = r.net;
    r.net = NULL;
done:
    json_object_put(root);
    ag_network_free(&r.net);
    return st;
}

ag_status ag_network_load_next(const char *json, size_t len, size_t *offset, const char *name,
                               ag_network **out, ag_error *err)
{
    if (!out)
        return ag_error_set(err, AG_EINVAL, "ag_network_load_next: no output pointer");
    *out = NULL;
    if (!offset)
        return ag_error_set(err, AG_EINVAL, "ag_network_load_next: no offset");
    return load(json, len, offset, name, 0, out, err);
}

ag_status ag_network_load_buffer(const char *json, size_t len, const char *name, ag_network **out,
                                 ag_error *err)
{
    size_t offset = 0;
    if (!out)
        return ag_error_set(err, AG_EINVAL, "ag_network_load_buffer: no output pointer");
    *out = NULL;
    return load(json, len, &offset, name, 1, out, err);
}

ag_status ag_network_load_file(const char *path, ag_network **out, ag_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    if (!out)
        return ag_error_set(err, AG_EINVAL, "ag_network_load_file: no output pointer");
    *out = NULL;
    if (!path)
        return ag_error_set(err, AG_EINVAL, "ag_network_load_file: no path");
    ag_status st = ag_i_read_json_file(path, AG_I_NETWORK_MAX, &buf, &len, err);
    if (st == AG_OK)
        st = ag_network_load_buffer(buf, len, path, out, err);
    free(buf);
    return st;
}

ag_status ag_network_read_text(const char *path, char **text, size_t *len, ag_error *err)
{
    if (!text || !len)
        return ag_error_set(err, AG_EINVAL, "ag_network_read_text: no output pointer");
    *text = NULL;
    *len = 0;
    if (!path)
        return ag_error_set(err, AG_EINVAL, "ag_network_read_text: no path");
    if (strcmp(path, "-") == 0)
        return ag_i_read_json(stdin, "-", AG_I_NETWORK_MAX, text, len, err);
    return ag_i_read_json_file(path, AG_I_NETWORK_MAX, text, len, err);
}
