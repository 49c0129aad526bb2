/* Aho-Corasick over case-folded byte classes, compiled into a dense DFA. */
#include "actorgraph/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_internal.h"
#include "util/buf.h"

typedef struct pat_info {
    uint32_t len;             /* folded length in bytes */
    unsigned char kind;
    unsigned char cs;         /* case-sensitive */
    unsigned char word_start; /* first byte is a word character: needs a boundary before */
    unsigned char word_end;   /* last byte is a word character: needs a boundary after */
    unsigned char directed;
    unsigned char acronym;    /* capitals only (`US`, `IS`): also an English word in a line of capitals */
    short strength;
    int actor;
    const char *text;         /* normalised (single spaces), for the case-sensitive check */
} pat_info;

struct ag_scanner {
    const ag_lexicon *lex;
    unsigned char cls[256];  /* byte -> class; 0 = not in any pattern */
    uint32_t n_classes;
    uint32_t n_states;
    uint32_t *delta;         /* n_states * n_classes */
    uint32_t *out_first;     /* per state: index into outs of its first pattern, or UINT32_MAX */
    uint32_t *dict;          /* per state: next state on the fail chain with output, or 0 */
    unsigned char *has_out;  /* per state: 1 when the state or its dict chain has output */
    uint32_t *outs;          /* pattern indices, grouped per state, UINT32_MAX-terminated */
    size_t n_outs;
    pat_info *pats;
    char **norm_texts;       /* owned normalised pattern texts */
    size_t n_pats;
};

typedef struct cand {
    size_t start, end;
    uint32_t pattern;
} cand;

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Code point of the UTF-8 character starting at p (p < e); -1 when malformed. */
static long decode(const unsigned char *p, const unsigned char *e)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return c;
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (n < 0 || (size_t)(e - p) <= (size_t)n)
        return -1;
    long cp = c & (0x3F >> n);
    for (int i = 1; i <= n; i++)
        cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

/* Non-ASCII characters are word characters unless they are punctuation or spaces. */
static int is_word_cp(long cp)
{
    if (cp < 0x80)
        return is_alnum((unsigned char)cp);
    if (cp >= 0xA0 && cp <= 0xBF)
        return 0; /* NBSP, inverted marks, guillemets */
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp >= 0x2000 && cp <= 0x206F)
        return 0; /* general punctuation: curly quotes, dashes, ellipsis */
    if (cp >= 0x3000 && cp <= 0x303F)
        return 0;
    if (cp == 0xFFFD || cp == 0xFEFF)
        return 0;
    return 1;
}

/* Is the character ending just before position i a word character? */
static int word_before(const unsigned char *t, size_t i)
{
    if (i == 0)
        return 0;
    unsigned char c = t[i - 1];
    if (c < 0x80)
        return is_alnum(c);
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (t[j] & 0xC0) == 0x80)
        j--;
    return is_word_cp(decode(t + j, t + i));
}

static int word_at(const unsigned char *t, size_t i, size_t len)
{
    if (i >= len)
        return 0;
    unsigned char c = t[i];
    if (c < 0x80)
        return is_alnum(c);
    return is_word_cp(decode(t + i, t + len));
}

/* Is the word just before start (across spaces) two or more capital letters? */
static int caps_word_before(const unsigned char *t, size_t start)
{
    size_t i = start, n = 0;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    while (i > 0 && t[i - 1] >= 'A' && t[i - 1] <= 'Z') {
        i--;
        n++;
    }
    return n >= 2 && !(i > 0 && is_alnum(t[i - 1]));
}

static int caps_word_after(const unsigned char *t, size_t end, size_t len)
{
    size_t i = end, n = 0;
    while (i < len && t[i] == ' ')
        i++;
    while (i < len && t[i] >= 'A' && t[i] <= 'Z') {
        i++;
        n++;
    }
    return n >= 2 && !(i < len && is_alnum(t[i]));
}

/* A cue or grammar word glued into a hyphenated compound (`counter-terrorism`) is another word. */
static int in_compound(const unsigned char *t, size_t start, size_t end, size_t len)
{
    if (end + 1 < len && t[end] == '-' && is_alnum(t[end + 1]))
        return 1;
    if (start >= 2 && t[start - 1] == '-' && is_alnum(t[start - 2]))
        return 1;
    return 0;
}

/* Pattern text with runs of white space collapsed to one space and trimmed. */
static char *normalise(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            sp = k > 0;
            continue;
        }
        if (sp)
            out[k++] = ' ';
        sp = 0;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return out;
}

void ag_scanner_free(ag_scanner **psc)
{
    if (!psc || !*psc)
        return;
    ag_scanner *sc = *psc;
    free(sc->delta);
    free(sc->out_first);
    free(sc->dict);
    free(sc->has_out);
    free(sc->outs);
    if (sc->norm_texts)
        for (size_t i = 0; i < sc->n_pats; i++)
            free(sc->norm_texts[i]);
    free(sc->norm_texts);
    free(sc->pats);
    free(sc);
    *psc = NULL;
}

/* Trie under construction: goto edges in a dense table, -1 = none. */
typedef struct trie {
    int32_t *go;
    size_t n, cap;
    uint32_t nc;
} trie;

static int32_t trie_add_state(trie *t)
{
    if (ag_i_grow((void **)&t->go, &t->cap, (t->n + 1) * t->nc, sizeof *t->go))
        return -1;
    for (uint32_t c = 0; c < t->nc; c++)
        t->go[t->n * t->nc + c] = -1;
    return (int32_t)t->n++;
}

ag_status ag_scanner_new(const ag_lexicon *lex, ag_scanner **out, ag_error *err)
{
    ag_status st = AG_ENOMEM;
    trie t = {0};
    uint32_t *fail = NULL, *queue = NULL, *term_first = NULL, *term_next = NULL;
    ag_scanner *sc = calloc(1, sizeof *sc);
    if (!sc)
        goto done;
    sc->lex = lex;
    sc->n_pats = lex->n_patterns;
    sc->pats = calloc(sc->n_pats + 1, sizeof *sc->pats);
    sc->norm_texts = calloc(sc->n_pats + 1, sizeof *sc->norm_texts);
    if (!sc->pats || !sc->norm_texts)
        goto done;

    /* byte classes: space-like bytes share the class of ' ', letters fold */
    uint32_t nc = 1;
    for (size_t p = 0; p < sc->n_pats; p++) {
        char *norm = normalise(lex->patterns[p].text);
        if (!norm)
            goto done;
        sc->norm_texts[p] = norm;
        for (const unsigned char *q = (const unsigned char *)norm; *q; q++) {
            unsigned char f = fold(*q);
            if (!sc->cls[f]) {
                sc->cls[f] = (unsigned char)nc++;
                if (nc > 255) {
                    st = ag_error_set(err, AG_EINVAL, "lexicon uses too many distinct bytes");
                    goto done;
                }
            }
        }
    }
    for (int c = 'A'; c <= 'Z'; c++)
        sc->cls[c] = sc->cls[c + 32];
    if (sc->cls[' '])
        for (const char *ws = "\t\n\r\f\v"; *ws; ws++)
            sc->cls[(unsigned char)*ws] = sc->cls[' '];
    sc->n_classes = nc;
    t.nc = nc;
    if (trie_add_state(&t) < 0)
        goto done;

    for (size_t p = 0; p < sc->n_pats; p++) {
        const ag_i_pattern *lp = &lex->patterns[p];
        const unsigned char *q = (const unsigned char *)sc->norm_texts[p];
        size_t len = strlen((const char *)q);
        pat_info *pi = &sc->pats[p];
        pi->len = (uint32_t)len;
        pi->kind = lp->kind;
        pi->cs = lp->case_sensitive;
        pi->directed = lp->directed;
        pi->strength = lp->strength ? lp->strength : 1;
        pi->actor = lp->actor;
        pi->text = (const char *)q;
        pi->word_start = len && is_word_cp(q[0] < 0x80 ? q[0] : 'a');
        pi->word_end = len && (q[len - 1] >= 0x80 || is_alnum(q[len - 1]));
        pi->acronym = len > 0;
        for (size_t i = 0; i < len; i++)
            pi->acronym &= q[i] >= 'A' && q[i] <= 'Z';
        if (len == 0)
            continue;
        int32_t s = 0;
        for (size_t i = 0; i < len; i++) {
            uint32_t c = sc->cls[q[i]];
            int32_t nx = t.go[(size_t)s * nc + c];
            if (nx < 0) {
                if ((nx = trie_add_state(&t)) < 0)
                    goto done;
                t.go[(size_t)s * nc + c] = nx;
            }
            s = nx;
        }
    }
    /* per-state pattern lists, now that the state count is known */
    size_t ns = t.n;
    term_first = malloc(ns * sizeof *term_first);
    term_next = malloc((sc->n_pats + 1) * sizeof *term_next);
    if (!term_first || !term_next)
        goto done;
    for (size_t s = 0; s < ns; s++)
        term_first[s] = UINT32_MAX;
    for (size_t p = sc->n_pats; p-- > 0;) {
        const unsigned char *q = (const unsigned char *)sc->norm_texts[p];
        if (!*q)
            continue;
        int32_t s = 0;
        for (; *q; q++)
            s = t.go[(size_t)s * nc + sc->cls[*q]];
        term_next[p] = term_first[s];
        term_first[s] = (uint32_t)p;
    }

    sc->n_states = (uint32_t)ns;
    sc->delta = malloc(ns * nc * sizeof *sc->delta);
    sc->out_first = malloc(ns * sizeof *sc->out_first);
    sc->dict = calloc(ns, sizeof *sc->dict);
    sc->has_out = calloc(ns, 1);
    fail = calloc(ns, sizeof *fail);
    queue = malloc(ns * sizeof *queue);
    sc->outs = malloc((sc->n_pats + ns + 1) * sizeof *sc->outs);
    if (!sc->delta || !sc->out_first || !sc->dict || !sc->has_out || !fail || !queue || !sc->outs)
        goto done;

    /* flatten each state's own patterns into outs */
    for (size_t s = 0; s < ns; s++) {
        if (term_first[s] == UINT32_MAX) {
            sc->out_first[s] = UINT32_MAX;
            continue;
        }
        sc->out_first[s] = (uint32_t)sc->n_outs;
        for (uint32_t p = term_first[s]; p != UINT32_MAX; p = term_next[p])
            sc->outs[sc->n_outs++] = p;
        sc->outs[sc->n_outs++] = UINT32_MAX;
    }

    /* BFS: fail links, dictionary links and the full transition function */
    size_t qh = 0, qt = 0;
    for (uint32_t c = 0; c < nc; c++) {
        int32_t nx = t.go[c];
        if (nx > 0) {
            fail[nx] = 0;
            queue[qt++] = (uint32_t)nx;
            sc->delta[c] = (uint32_t)nx;
        } else {
            sc->delta[c] = 0;
        }
    }
    while (qh < qt) {
        uint32_t s = queue[qh++];
        uint32_t f = fail[s];
        sc->dict[s] = sc->out_first[f] != UINT32_MAX ? f : sc->dict[f];
        sc->has_out[s] = sc->out_first[s] != UINT32_MAX || sc->dict[s] != 0;
        for (uint32_t c = 0; c < nc; c++) {
            int32_t nx = t.go[(size_t)s * nc + c];
            if (nx > 0) {
                fail[nx] = sc->delta[(size_t)f * nc + c];
                queue[qt++] = (uint32_t)nx;
                sc->delta[(size_t)s * nc + c] = (uint32_t)nx;
            } else {
                sc->delta[(size_t)s * nc + c] = sc->delta[(size_t)f * nc + c];
            }
        }
    }
    *out = sc;
    sc = NULL;
    st = AG_OK;
done:
    if (st == AG_ENOMEM)
        ag_error_set(err, AG_ENOMEM, "out of memory while compiling the lexicon");
    free(t.go);
    free(fail);
    free(queue);
    free(term_first);
    free(term_next);
    ag_scanner_free(&sc);
    return st;
}

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return (a->pattern > b->pattern) - (a->pattern < b->pattern);
}

/* Checks boundaries and case of pattern p ending at end; 1 when it is a real match. */
static int accept(const ag_scanner *sc, const unsigned char *t, size_t len, uint32_t p, size_t end,
                  size_t *start_out)
{
    const pat_info *pi = &sc->pats[p];
    /* the match may span collapsed white space only if the text has single spaces;
       since white space maps to one class, lengths agree byte for byte */
    size_t start = end - pi->len;
    if (pi->word_start && word_before(t, start))
        return 0;
    if (pi->word_end && word_at(t, end, len))
        return 0;
    if (pi->kind != AG_MATCH_ACTOR && pi->kind != AG_MATCH_EXCLUDE && in_compound(t, start, end, len))
        return 0;
    if (pi->kind == AG_MATCH_ACTOR && end < len && t[end] == '$')
        return 0; /* `US$ 5 billion` is a currency */
    if (pi->cs) {
        const unsigned char *q = (const unsigned char *)pi->text;
        for (size_t i = 0; i < pi->len; i++) {
            unsigned char a = t[start + i], b = q[i];
            if (a != b && !(is_space(a) && b == ' '))
                return 0;
        }
        /* in a line of capitals (`WHAT IS NEXT FOR PAKISTAN`) an acronym is just a word */
        if (pi->acronym && (caps_word_before(t, start) || caps_word_after(t, end, len)))
            return 0;
    }
    *start_out = start;
    return 1;
}

ag_status ag_scan(const ag_scanner *sc, const char *text, size_t len, ag_matches *out)
{
    out->count = 0;
    const unsigned char *t = (const unsigned char *)text;
    const uint32_t *delta = sc->delta;
    const unsigned char *cls = sc->cls;
    const uint32_t nc = sc->n_classes;
    cand *cands = NULL;
    size_t n_cands = 0, cap_cands = 0;
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        s = delta[(size_t)s * nc + cls[t[i]]];
        if (!sc->has_out[s])
            continue;
        for (uint32_t st = s; st; st = sc->dict[st]) {
            if (sc->out_first[st] == UINT32_MAX)
                continue;
            for (const uint32_t *o = &sc->outs[sc->out_first[st]]; *o != UINT32_MAX; o++) {
                size_t start;
                if (!accept(sc, t, len, *o, i + 1, &start))
                    continue;
                if (ag_i_grow((void **)&cands, &cap_cands, n_cands + 1, sizeof *cands)) {
                    free(cands);
                    return AG_ENOMEM;
                }
                cands[n_cands++] = (cand){start, i + 1, *o};
            }
        }
    }
    /* leftmost, then longest; ties by pattern index so the result never depends on the sort */
    if (n_cands > 1)
        qsort(cands, n_cands, sizeof *cands, cmp_cand);
    size_t covered = 0;
    for (size_t k = 0; k < n_cands; k++) {
        const cand *c = &cands[k];
        if (c->start < covered)
            continue;
        covered = c->end;
        const pat_info *pi = &sc->pats[c->pattern];
        if (pi->kind == AG_MATCH_EXCLUDE)
            continue;
        if (ag_i_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items)) {
            free(cands);
            return AG_ENOMEM;
        }
        out->items[out->count++] = (ag_match){c->start, c->end, c->pattern, pi->kind, pi->directed,
                                              pi->strength, pi->kind == AG_MATCH_ACTOR ? pi->actor : 0};
    }
    free(cands);
    return AG_OK;
}

const char *ag_scanner_pattern_text(const ag_scanner *sc, unsigned pattern)
{
    return pattern < sc->n_pats ? sc->lex->patterns[pattern].text : "";
}

void ag_matches_free(ag_matches *m)
{
    if (!m)
        return;
    free(m->items);
    m->items = NULL;
    m->count = m->cap = 0;
}
