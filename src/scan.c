/* The scanner: one trie over every alias and cue, walked from word starts.
 *
 * Every pattern is matched as whole words, so a match can only begin where a
 * word begins (or, for the rare pattern that opens with punctuation such as
 * `&`, at that byte). The scan therefore skips through the text word by word
 * and walks the trie from the root at each word start: no failure links are
 * needed, the nodes near the root stay in cache, and the first match found at
 * a start extends to the longest one, which gives leftmost-longest matches in
 * one pass without sorting. Case is folded through the byte-class table;
 * case-sensitive patterns are checked against the original bytes. */
#include "actorgraph/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_internal.h"
#include "util/buf.h"

#define OUT_BIT 0x80000000u
#define FIRST_BITS 65536u

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
    unsigned char cls[256];   /* byte -> class; 0 = in no pattern (the walk stops) */
    unsigned char opens[256]; /* 1: a pattern that starts with this non-word byte exists */
    uint32_t n_classes;
    uint32_t n_states;
    uint64_t *first_words;    /* hashes of the patterns' first ASCII words (open addressing, 0 = empty):
                                 a text word that is none of them cannot start a match */
    size_t n_first_slots;
    uint64_t first_bits[FIRST_BITS / 64]; /* one bit per hash of a first word: an 8 KB filter that
                                             stays in L1 when the table itself is large */
    unsigned char non_ascii_start; /* some pattern starts with a non-ASCII byte: try those words */
    uint32_t *go;             /* trie edges, n_states * n_classes; 0 = none (the root is no target);
                                 OUT_BIT is set on edges into a state where patterns end */
    uint32_t *out_first;      /* per state: index into outs of its patterns, or UINT32_MAX */
    uint32_t *outs;           /* pattern indices per state, ascending, UINT32_MAX-terminated */
    size_t n_outs;
    pat_info *pats;
    char **norm_texts;        /* owned normalised pattern texts */
    size_t n_pats;
};

/* ASCII letters and digits. */
static const unsigned char alnum_tab[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1,
    ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Hash of a case-folded ASCII word (never 0, the empty slot). */
static uint64_t word_hash(const unsigned char *w, size_t n)
{
    /* rotate-xor per byte (no multiply chain on the hot path), one mix at the end */
    uint64_t h = 0x243f6a8885a308d3ULL ^ n;
    for (size_t i = 0; i < n; i++)
        h = ((h << 7) | (h >> 57)) ^ (unsigned char)(w[i] | 0x20);
    h ^= h >> 31;
    h *= 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
    return h | 1;
}

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
    free(sc->go);
    free(sc->first_words);
    free(sc->out_first);
    free(sc->outs);
    if (sc->norm_texts)
        for (size_t i = 0; i < sc->n_pats; i++)
            free(sc->norm_texts[i]);
    free(sc->norm_texts);
    free(sc->pats);
    free(sc);
    *psc = NULL;
}

/* Adds a trie state with no edges; returns its number or 0 on allocation failure. */
static uint32_t add_state(ag_scanner *sc, size_t *cap)
{
    size_t nc = sc->n_classes;
    if (ag_i_grow((void **)&sc->go, cap, ((size_t)sc->n_states + 1) * nc, sizeof *sc->go))
        return 0;
    memset(&sc->go[(size_t)sc->n_states * nc], 0, nc * sizeof *sc->go);
    return sc->n_states++;
}

/* Numbers the states breadth first, so the rows near the root share cache lines, and marks
 * edges into states with patterns (the scan then reads out_first only there). */
static int renumber(ag_scanner *sc)
{
    size_t ns = sc->n_states, nc = sc->n_classes;
    uint32_t *order = calloc(ns, sizeof *order), *newid = calloc(ns, sizeof *newid);
    uint32_t *go = malloc(ns * nc * sizeof *go), *outf = malloc(ns * sizeof *outf);
    int rc = -1;
    if (!order || !newid || !go || !outf)
        goto done;
    size_t head = 0, tail = 0;
    order[tail++] = 0;
    while (head < tail) {
        uint32_t s = order[head++];
        newid[s] = (uint32_t)(head - 1);
        for (size_t c = 0; c < nc; c++)
            if (sc->go[(size_t)s * nc + c])
                order[tail++] = sc->go[(size_t)s * nc + c];
    }
    for (size_t k = 0; k < ns; k++) {
        uint32_t s = order[k];
        outf[k] = sc->out_first[s];
        for (size_t c = 0; c < nc; c++) {
            uint32_t t = sc->go[(size_t)s * nc + c];
            go[k * nc + c] = t ? newid[t] | (sc->out_first[t] != UINT32_MAX ? OUT_BIT : 0) : 0;
        }
    }
    free(sc->go);
    free(sc->out_first);
    sc->go = go;
    sc->out_first = outf;
    go = outf = NULL;
    rc = 0;
done:
    free(order);
    free(newid);
    free(go);
    free(outf);
    return rc;
}

ag_status ag_scanner_new(const ag_lexicon *lex, ag_scanner **out, ag_error *err)
{
    ag_status st = AG_ENOMEM;
    uint32_t *term_first = NULL, *term_next = NULL;
    ag_scanner *sc = calloc(1, sizeof *sc);
    if (!sc)
        goto done;
    sc->lex = lex;
    sc->n_pats = lex->n_patterns;
    sc->pats = calloc(sc->n_pats + 1, sizeof *sc->pats);
    sc->norm_texts = calloc(sc->n_pats + 1, sizeof *sc->norm_texts);
    if (!sc->pats || !sc->norm_texts)
        goto done;

    /* byte classes: letters fold, white space shares the class of ' ' */
    uint32_t nc = 1;
    for (size_t p = 0; p < sc->n_pats; p++) {
        char *norm = normalise(lex->patterns[p].text);
        if (!norm)
            goto done;
        sc->norm_texts[p] = norm;
        for (const unsigned char *q = (const unsigned char *)norm; *q; q++) {
            unsigned char f = fold(*q);
            if (!sc->cls[f]) {
                if (nc == 255) {
                    st = ag_error_set(err, AG_EINVAL, "the lexicon uses too many distinct bytes");
                    goto done;
                }
                sc->cls[f] = (unsigned char)nc++;
            }
        }
    }
    for (int c = 'A'; c <= 'Z'; c++)
        sc->cls[c] = sc->cls[c + 32];
    if (sc->cls[' '])
        for (const char *ws = "\t\n\r\f\v"; *ws; ws++)
            sc->cls[(unsigned char)*ws] = sc->cls[' '];
    sc->n_classes = nc;

    size_t cap = 0;
    if (add_state(sc, &cap) != 0 || !sc->go)
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
        pi->word_start = len && (q[0] >= 0x80 || is_alnum(q[0]));
        pi->word_end = len && (q[len - 1] >= 0x80 || is_alnum(q[len - 1]));
        pi->acronym = len > 0;
        for (size_t i = 0; i < len; i++)
            pi->acronym &= q[i] >= 'A' && q[i] <= 'Z';
        if (len == 0)
            continue;
        if (!pi->word_start)
            sc->opens[q[0]] = 1;
        uint32_t s = 0;
        for (size_t i = 0; i < len; i++) {
            size_t e = (size_t)s * nc + sc->cls[q[i]];
            if (!sc->go[e]) {
                uint32_t nx = add_state(sc, &cap);
                if (!nx)
                    goto done;
                sc->go[e] = nx;
            }
            s = sc->go[e];
        }
    }
    /* the first-word filter */
    sc->n_first_slots = 64;
    while (sc->n_first_slots < sc->n_pats * 4)
        sc->n_first_slots *= 2;
    sc->first_words = calloc(sc->n_first_slots, sizeof *sc->first_words);
    if (!sc->first_words)
        goto done;
    for (size_t p = 0; p < sc->n_pats; p++) {
        const unsigned char *q = (const unsigned char *)sc->norm_texts[p];
        if (!*q || !sc->pats[p].word_start)
            continue;
        if (*q >= 0x80) {
            sc->non_ascii_start = 1;
            continue;
        }
        size_t n = 0;
        while (alnum_tab[q[n]])
            n++;
        uint64_t h = word_hash(q, n);
        size_t mask = sc->n_first_slots - 1, k = h & mask;
        while (sc->first_words[k] && sc->first_words[k] != h)
            k = (k + 1) & mask;
        sc->first_words[k] = h;
        sc->first_bits[(h >> 40) % FIRST_BITS / 64] |= (uint64_t)1 << ((h >> 40) % 64);
    }
    /* each state's patterns, ascending, so the first accepted one wins a tie */
    size_t ns = sc->n_states;
    term_first = malloc(ns * sizeof *term_first);
    term_next = malloc((sc->n_pats + 1) * sizeof *term_next);
    sc->out_first = malloc(ns * sizeof *sc->out_first);
    sc->outs = malloc((sc->n_pats + ns + 1) * sizeof *sc->outs);
    if (!term_first || !term_next || !sc->out_first || !sc->outs)
        goto done;
    for (size_t s = 0; s < ns; s++)
        term_first[s] = UINT32_MAX;
    for (size_t p = sc->n_pats; p-- > 0;) {
        const unsigned char *q = (const unsigned char *)sc->norm_texts[p];
        if (!*q)
            continue;
        uint32_t s = 0;
        for (; *q; q++)
            s = sc->go[(size_t)s * nc + sc->cls[*q]];
        term_next[p] = term_first[s];
        term_first[s] = (uint32_t)p;
    }
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
    if (renumber(sc) != 0)
        goto done;
    *out = sc;
    sc = NULL;
    st = AG_OK;
done:
    if (st == AG_ENOMEM)
        ag_error_set(err, AG_ENOMEM, "out of memory while compiling the lexicon");
    free(term_first);
    free(term_next);
    ag_scanner_free(&sc);
    return st;
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

/* Walks the trie from a start at i; returns the pattern of the longest accepted match
 * (its end in *end), or UINT32_MAX. */
static uint32_t longest_at(const ag_scanner *sc, const unsigned char *t, size_t len, size_t i, size_t *end)
{
    const uint32_t *go = sc->go;
    const unsigned char *cls = sc->cls;
    const size_t nc = sc->n_classes;
    uint32_t best = UINT32_MAX, s = 0;
    for (size_t j = i; j < len; j++) {
        unsigned char c = cls[t[j]];
        uint32_t e;
        if (!c || !(e = go[(size_t)s * nc + c]))
            break;
        s = e & ~OUT_BIT;
        if (!(e & OUT_BIT))
            continue;
        for (const uint32_t *o = &sc->outs[sc->out_first[s]]; *o != UINT32_MAX; o++) {
            size_t start;
            if (accept(sc, t, len, *o, j + 1, &start)) {
                best = *o;
                *end = j + 1;
                break;
            }
        }
    }
    return best;
}

/* Word characters for finding starts: ASCII letters and digits; other bytes are decided
 * by the character they belong to. */
static int word_char_at(const unsigned char *t, size_t i, size_t len, size_t *clen)
{
    unsigned char c = t[i];
    *clen = 1;
    if (c < 0x80)
        return is_alnum(c);
    if ((c & 0xC0) == 0x80)
        return 0; /* a stray continuation byte (normalised text has none) */
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + n > len)
        n = len - i;
    *clen = n;
    return is_word_cp(decode(t + i, t + len));
}

/* Tries a match at i; on success appends it (an exclusion only with keep_exclude) and returns its end. */
static size_t try_at(const ag_scanner *sc, const unsigned char *t, size_t len, size_t i, ag_matches *out,
                     int keep_exclude, int *nomem)
{
    size_t end = 0;
    uint32_t p = longest_at(sc, t, len, i, &end);
    if (p == UINT32_MAX)
        return 0;
    const pat_info *pi = &sc->pats[p];
    if (pi->kind != AG_MATCH_EXCLUDE || keep_exclude) {
        if (ag_i_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items)) {
            *nomem = 1;
            return 0;
        }
        out->items[out->count++] = (ag_match){i, end, p, pi->kind, pi->directed, pi->strength,
                                              pi->kind == AG_MATCH_ACTOR ? pi->actor : 0};
    }
    return end;
}

/* Is the word t[i, i+n) the first word of some pattern? */
static int first_word(const ag_scanner *sc, const unsigned char *t, size_t n)
{
    uint64_t h = word_hash(t, n);
    if (!(sc->first_bits[(h >> 40) % FIRST_BITS / 64] >> ((h >> 40) % 64) & 1))
        return 0;
    size_t mask = sc->n_first_slots - 1, k = h & mask;
    for (; sc->first_words[k]; k = (k + 1) & mask)
        if (sc->first_words[k] == h)
            return 1;
    return 0;
}

/* The scan; keep_exclude is a constant at both call sites, so each gets its own inlined copy. */
static inline ag_status scan(const ag_scanner *sc, const char *text, size_t len, ag_matches *out, int keep_exclude)
{
    out->count = 0;
    const unsigned char *t = (const unsigned char *)text;
    int prev_word = 0, nomem = 0;
    size_t i = 0, end;
    while (i < len) {
        unsigned char c = t[i];
        if (c < 0x80 && !alnum_tab[c]) { /* space and punctuation: the common case */
            if (sc->opens[c] && (end = try_at(sc, t, len, i, out, keep_exclude, &nomem)) != 0) {
                prev_word = word_before(t, end);
                i = end;
                continue;
            }
            prev_word = 0;
            i++;
            continue;
        }
        if (c < 0x80) { /* an ASCII word: try it only if some pattern opens with it */
            size_t e = i + 1;
            while (e < len && alnum_tab[t[e]])
                e++;
            if (!prev_word && first_word(sc, t + i, e - i) && (end = try_at(sc, t, len, i, out, keep_exclude, &nomem)) != 0) {
                prev_word = word_before(t, end);
                i = end;
                continue;
            }
            prev_word = 1;
            i = e;
            continue;
        }
        size_t clen = 1;
        int w = word_char_at(t, i, len, &clen);
        if (((w && !prev_word && sc->non_ascii_start) || sc->opens[c]) &&
            (end = try_at(sc, t, len, i, out, keep_exclude, &nomem)) != 0) {
            prev_word = word_before(t, end);
            i = end;
            continue;
        }
        prev_word = w;
        i += clen;
    }
    return nomem ? AG_ENOMEM : AG_OK;
}

ag_status ag_scan(const ag_scanner *sc, const char *text, size_t len, ag_matches *out)
{
    return scan(sc, text, len, out, 0);
}

ag_status ag_scan_all(const ag_scanner *sc, const char *text, size_t len, ag_matches *out)
{
    return scan(sc, text, len, out, 1);
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
