/*
 * Text normalisation and sentence/paragraph segmentation.
 *
 * Both functions are on the hot path, so each makes one pass over the bytes
 * (plus bounded look-arounds that never revisit a byte more than a constant
 * number of times), allocates nothing per sentence and uses no regex.
 *
 * Segmentation rules (ag_text_split), as decided for actorgraph:
 *  - A paragraph ends at a blank line (only spaces, tabs, no-break spaces;
 *    U+00A0 counts as white space throughout). Several blank lines count as
 *    one break, and blank lines before the first sentence as none.
 *  - A line break ends a sentence unless the next line is text that starts
 *    with a lower-case ASCII letter (hard-wrapped text), or the line ended
 *    with a title abbreviation (`Mr.`, `Gen.`, ...), which never ends one.
 *  - `.`, `!`, `?`, `…` followed by closers (`"` `'` `’` `”` `)` `]`) and
 *    white space end a sentence when the next non-space character is not a
 *    lower-case ASCII letter and the sentence holds a letter or digit, except:
 *      titles and other abbreviations (`Mr.`, `Lt.`, `St.`, `Jan.`, `e.g.`, ...)
 *      never end one; `No.` does not before a digit; initials (`J.`), dotted
 *      acronyms of short letter groups (`U.S.`, `U.N.`, `Ph.D.`) and
 *      abbreviations that often close a sentence (`etc.`, `Inc.`, `Jr.`) end
 *      one only before a common sentence starter (`The`, `It`, `However`,
 *      ...); a list number at the start of a sentence (`1.`) never does.
 *  - Boilerplate lines (a lexicon prefix after indentation, a bullet or a
 *    list number; at most 300 bytes) and lines of punctuation only are
 *    dropped: they end the sentence before them but do not end the paragraph.
 *  - A sentence reaching 64 KiB is cut at its last white space before that
 *    size (or, with none, at the last UTF-8 boundary), so every piece is at
 *    most 64 KiB; the rest continues as a new sentence.
 *  - Sentences without a letter, digit or non-punctuation character
 *    (e.g. a lone `…`) are not recorded.
 */
#include "actorgraph/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_internal.h"
#include "util/buf.h"

#if defined(__SSE2__) && !defined(AG_NO_SIMD) /* AG_NO_SIMD tests the portable path */
#include <emmintrin.h>
#define HAVE_SSE2 1

/* Index of the lowest set bit of a non-zero mask. */
static unsigned lowest_bit(unsigned m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}
#endif

/* ---------------------------------------------------------------------------
 * Normalisation
 * ------------------------------------------------------------------------ */

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* 1 when the 8 bytes are ASCII and hold neither NUL nor CR. */
static int word_plain(const unsigned char *p)
{
    uint64_t v, cr;
    memcpy(&v, p, sizeof v); /* unaligned-safe load */
    cr = v ^ (ONES * 0x0D);
    /* The classic "has zero byte" test is exact once no high bit is set. */
    return ((v | ((v - ONES) & ~v) | ((cr - ONES) & ~cr)) & HIGHS) == 0;
}

/*
 * Length of the well-formed UTF-8 sequence at p (1..4), or 0 with *bad set to
 * the length of its maximal subpart (Unicode 3.9, Table 3-7): the longest
 * prefix of a well-formed sequence, or 1 for a byte that cannot start one.
 */
static size_t utf8_len(const unsigned char *p, size_t avail, size_t *bad)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    size_t need;

    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4) { /* continuation, overlong lead C0/C1, > U+10FFFF */
        *bad = 1;
        return 0;
    }
    if (c < 0xE0) {
        need = 1;
    } else if (c < 0xF0) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else {
        need = 3;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* > U+10FFFF */
    }
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail || p[k] < lo || p[k] > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

/*
 * First offset >= i that needs rewriting (NUL, CR, invalid UTF-8), or len.
 * Clean ASCII is skipped 16 (or 8) bytes at a time; mixed text is checked a
 * character at a time for at least 16 bytes before the next bulk attempt, so
 * non-Latin scripts do not pay for a failed bulk test on every character.
 */
static size_t scan_valid(const unsigned char *p, size_t i, size_t len)
{
    size_t bad, stop, l;

    while (i < len) {
#ifdef HAVE_SSE2
        const __m128i zero = _mm_setzero_si128(), cr = _mm_set1_epi8('\r');
        while (len - i >= 16) {
            __m128i v = _mm_loadu_si128((const void *)(p + i));
            __m128i bad16 = _mm_or_si128(v, _mm_or_si128(_mm_cmpeq_epi8(v, zero), _mm_cmpeq_epi8(v, cr)));
            unsigned m = (unsigned)_mm_movemask_epi8(bad16);
            if (m) {
                i += lowest_bit(m);
                break;
            }
            i += 16;
        }
#endif
        while (len - i >= 8 && word_plain(p + i))
            i += 8;
        stop = len - i > 16 ? i + 16 : len;
        while (i < stop) {
            unsigned c = p[i];
            if (c < 0x80) {
                if (c == 0 || c == '\r')
                    return i;
                i++;
            } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
                i += 2; /* the common two-byte case, inline */
            } else {
                l = utf8_len(p + i, len - i, &bad);
                if (!l)
                    return i;
                i += l;
            }
        }
    }
    return len;
}

typedef struct outbuf {
    char *data;
    size_t len, cap;
} outbuf;

static int put(outbuf *b, const void *src, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return -1;
    if (b->len + n + 1 > b->cap) {
        void *items = b->data;
        if (ag_i_grow(&items, &b->cap, b->len + n + 1, 1))
            return -1;
        b->data = items;
    }
    if (n)
        memcpy(b->data + b->len, src, n);
    b->len += n;
    return 0;
}

/*
 * Slow path of ag_text_normalize(): p[i] is the first byte to rewrite. Copies the
 * clean runs between rewrites into b. Returns AG_OK, AG_ESKIP (NUL) or AG_ENOMEM.
 */
static ag_status repair(const unsigned char *p, size_t len, size_t i, outbuf *b, unsigned *fl)
{
    static const unsigned char fffd[3] = {0xEF, 0xBF, 0xBD};
    static const unsigned char lf = '\n';
    size_t run = 0, bad = 1;

    b->cap = len + len / 16 + 16; /* room for a few repairs up front */
    b->data = malloc(b->cap);
    if (!b->data)
        return AG_ENOMEM;
    while (i < len) {
        if (put(b, p + run, i - run))
            return AG_ENOMEM;
        if (p[i] == 0) {
            *fl |= AG_TEXT_HAS_NUL;
            return AG_ESKIP;
        }
        if (p[i] == '\r') {
            *fl |= AG_TEXT_HAD_CR;
            i += (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
            if (put(b, &lf, 1))
                return AG_ENOMEM;
        } else {
            utf8_len(p + i, len - i, &bad); /* known invalid: sets bad */
            *fl |= AG_TEXT_REPAIRED_UTF8;
            i += bad;
            if (put(b, fffd, sizeof fffd))
                return AG_ENOMEM;
        }
        run = i;
        i = scan_valid(p, i, len);
    }
    return put(b, p + run, len - run) ? AG_ENOMEM : AG_OK;
}

ag_status ag_text_normalize(const char *in, size_t len, char **out, size_t *outlen, unsigned *flags)
{
    const unsigned char *p = (const unsigned char *)in;
    unsigned fl = 0;
    ag_status st = AG_OK;
    outbuf b = {NULL, 0, 0};
    size_t i;

    if (out)
        *out = NULL;
    if (outlen)
        *outlen = 0;
    if (!out || (!in && len)) {
        st = AG_EINVAL;
        goto done;
    }
    /* Repeated BOMs (text re-encoded by several tools) all go, so that
     * normalising normalised text changes nothing. */
    while (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3;
        len -= 3;
        fl |= AG_TEXT_HAD_BOM;
    }
    i = scan_valid(p, 0, len);
    if (i == len) { /* fast path: already clean, one copy */
        b.data = malloc(len + 1);
        if (!b.data) {
            st = AG_ENOMEM;
            goto done;
        }
        if (len)
            memcpy(b.data, p, len);
        b.len = len;
    } else {
        st = repair(p, len, i, &b, &fl);
        if (st != AG_OK)
            goto done;
    }
    b.data[b.len] = '\0'; /* put() and the fast path keep room for it */
    *out = b.data;
    b.data = NULL;
    if (outlen)
        *outlen = b.len;
done:
    free(b.data);
    if (flags)
        *flags = fl;
    return st;
}

size_t ag_text_invalid_utf8(const char *in, size_t len)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t bad = 1, i = 0, l;
    if (!in)
        return len;
    while ((i = scan_valid(p, i, len)) < len) {
        if (p[i] == 0 || p[i] == '\r') { /* scan_valid stops there too; both are valid UTF-8 */
            i++;
            continue;
        }
        if ((l = utf8_len(p + i, len - i, &bad)) == 0)
            return i;
        i += l;
    }
    return len;
}

void ag_text_pos_advance(ag_text_pos *pos, const char *text, size_t len)
{
    const char *p = text, *end = text + len, *nl;
    if (!pos || !text)
        return;
    /* memchr finds the line ends fast; only the last line's characters are counted */
    while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        pos->line++;
        pos->col = 1;
        p = nl + 1;
    }
    for (; p < end; p++)
        pos->col += ((unsigned char)*p & 0xC0) != 0x80;
}

/* ---------------------------------------------------------------------------
 * Segmentation
 * ------------------------------------------------------------------------ */

#define NONE SIZE_MAX
#define SENTENCE_MAX ((size_t)64 * 1024) /* bounded work per sentence downstream */
#define BOILERPLATE_MAX 300              /* longer lines are text even with a prefix */
#define TOKEN_MAX 32                     /* longer tokens are never abbreviations */
#define RUN_MAX 64                       /* terminators/closers examined per stop */

enum { LINE_BLANK, LINE_DROP, LINE_TEXT };

enum {
    ABBR_NONE,     /* an ordinary word: the dot may end the sentence */
    ABBR_TITLE,    /* never ends one, not even at a line break (Mr., Gen.) */
    ABBR_NEVER,    /* never ends one (St., Jan., vs.) */
    ABBR_NUMBER,   /* No.: not before a digit */
    ABBR_FINAL,    /* ends one only before a sentence starter (etc., Inc.) */
    ABBR_LISTNUM   /* "1." opening a sentence: a list marker */
};

typedef struct word {
    const char *s;
    size_t len;
} word;

/* An abbreviation packed with its length into one integer, so that looking a token
 * up is a single switch (the compiler also rejects duplicates). */
#define KB(c, k) ((uint64_t)(unsigned char)(c) << (8 * (k)))
#define K2(a, b) (UINT64_C(2) << 56 | KB(a, 0) | KB(b, 1))
#define K3(a, b, c) (UINT64_C(3) << 56 | KB(a, 0) | KB(b, 1) | KB(c, 2))
#define K4(a, b, c, d) (UINT64_C(4) << 56 | KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3))
#define K6(a, b, c, d, e, f) \
    (UINT64_C(6) << 56 | KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3) | KB(e, 4) | KB(f, 5))

/* Class of a token from the abbreviation list (case-sensitive), or ABBR_NONE. */
static int abbrev_lookup(const unsigned char *s, size_t len)
{
    uint64_t key;

    if (len < 2 || len > 6)
        return ABBR_NONE;
    key = (uint64_t)len << 56;
    for (size_t k = 0; k < len; k++)
        key |= KB(s[k], k);
    switch (key) {
    case K2('M', 'r'): case K3('M', 'r', 's'): case K2('M', 's'): case K2('D', 'r'):
    case K4('P', 'r', 'o', 'f'): case K3('G', 'e', 'n'): case K2('L', 't'): case K3('C', 'o', 'l'):
    case K3('M', 'a', 'j'): case K4('C', 'a', 'p', 't'): case K3('S', 'g', 't'): case K3('A', 'd', 'm'):
    case K3('G', 'o', 'v'): case K3('S', 'e', 'n'): case K3('R', 'e', 'p'): case K3('R', 'e', 'v'):
    case K3('H', 'o', 'n'):
        return ABBR_TITLE;
    case K2('S', 't'): case K2('M', 't'): case K3('N', 'o', 's'): case K3('V', 'o', 'l'):
    case K3('A', 'r', 't'): case K3('F', 'i', 'g'): case K2('v', 's'): case K3('e', '.', 'g'):
    case K3('i', '.', 'e'): case K3('J', 'a', 'n'): case K3('F', 'e', 'b'): case K3('M', 'a', 'r'):
    case K3('A', 'p', 'r'): case K3('J', 'u', 'n'): case K3('J', 'u', 'l'): case K3('A', 'u', 'g'):
    case K3('S', 'e', 'p'): case K4('S', 'e', 'p', 't'): case K3('O', 'c', 't'): case K3('N', 'o', 'v'):
    case K3('D', 'e', 'c'): case K6('a', 'p', 'p', 'r', 'o', 'x'): case K4('D', 'e', 'p', 't'):
    case K4('G', 'o', 'v', 't'):
        return ABBR_NEVER;
    case K2('N', 'o'):
        return ABBR_NUMBER;
    /* Often the last word of a sentence: they end one before a sentence starter. */
    case K2('J', 'r'): case K2('S', 'r'): case K3('e', 't', 'c'): case K3('I', 'n', 'c'):
    case K3('L', 't', 'd'): case K2('C', 'o'): case K4('C', 'o', 'r', 'p'): case K2('f', 't'):
    case K2('k', 'm'):
        return ABBR_FINAL;
    default:
        return ABBR_NONE;
    }
}

/* Words that, capitalised after an acronym or initial, start a new sentence. */
#define W(s) {(s), sizeof(s) - 1}
static const word starters[] = {
    W("The"),  W("A"),     W("An"),      W("It"),        W("He"),   W("She"),   W("They"),
    W("We"),   W("In"),    W("On"),      W("At"),        W("But"),  W("And"),   W("This"),
    W("That"), W("These"), W("Those"),   W("However"),   W("Meanwhile"),        W("Also"),
    W("According"),
};

/* Nouns that follow a dotted acronym inside a name (`U.S. Congress passed`). */
static const word acronym_nouns[] = {
    W("Congress"), W("Senate"), W("House"), W("Army"), W("Navy"), W("Air"), W("Marine"), W("Marines"),
    W("State"), W("Department"), W("President"), W("Secretary"), W("Ambassador"), W("Embassy"),
    W("Treasury"), W("Defense"), W("Defence"), W("Forces"), W("Force"), W("Military"), W("Government"),
    W("Administration"), W("Central"), W("Special"), W("Envoy"), W("Court"), W("Supreme"), W("General"),
    W("Representative"), W("Mission"), W("Command"), W("Coast"), W("Navy"), W("Agency"), W("Council"),
    W("Security"), W("Secretary-General"), W("Commission"), W("Office"), W("Officials"), W("Troops"),
};
#undef W

/* Bytes at which the scanning loop must look closer; everything else is skipped. */
static const unsigned char stop_byte[256] = {
    ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

typedef struct splitter {
    const unsigned char *t;
    size_t n;
    const ag_lexicon *lex;
    ag_sentences *out;
    size_t cur;     /* start of the open sentence, or NONE */
    size_t chk;     /* [cur, chk) already searched for content */
    int content;    /* the open sentence holds content before chk */
    size_t glue;    /* end of a title abbreviation that keeps the sentence open, or NONE */
    size_t para;    /* current paragraph index */
    int para_used;  /* a sentence was recorded in the current paragraph */
    int para_break; /* a blank line was seen since the last sentence */
    int oom;
} splitter;

static int is_ws(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Length of the white space at p: ASCII, or U+00A0 (no-break space, common in
 * scraped pages) as two bytes; 0 for anything else. */
static size_t space_len(const unsigned char *t, size_t p, size_t n)
{
    if (is_ws(t[p]))
        return 1;
    return (t[p] == 0xC2 && p + 1 < n && t[p + 1] == 0xA0) ? 2 : 0;
}

/* First offset from p that is not white space on this line. */
static size_t skip_hspace(const unsigned char *t, size_t p, size_t n)
{
    size_t l;
    while (p < n && t[p] != '\n' && (l = space_len(t, p, n)) != 0)
        p += l;
    return p;
}

static int is_lower(unsigned c)
{
    return c >= 'a' && c <= 'z';
}

static int is_upper(unsigned c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(unsigned c)
{
    return is_lower(c) || is_upper(c);
}

static int is_alnum(unsigned c)
{
    return is_alpha(c) || is_digit(c);
}

static unsigned fold(unsigned c)
{
    return is_upper(c) ? c + ('a' - 'A') : c;
}

/*
 * Searches [p, to) for content: an ASCII letter or digit, or a non-ASCII
 * character outside Latin-1 punctuation (U+0080-U+00BF) and General
 * Punctuation (U+2000-U+207F: dashes, curly quotes, bullets, ellipsis).
 * Stops early at a newline when stop_nl is set. Returns where it stopped.
 */
static size_t scan_content(const unsigned char *t, size_t p, size_t to, int stop_nl, int *found)
{
    while (p < to) {
        unsigned c = t[p];
        if (c < 0x80) {
            if (is_alnum(c)) {
                *found = 1;
                return p;
            }
            if (c == '\n' && stop_nl)
                return p;
            p++;
        } else if (c == 0xC2 && p + 1 < to && (t[p + 1] & 0xC0) == 0x80) {
            p += 2;
        } else if (c == 0xE2 && p + 2 < to && (t[p + 1] == 0x80 || t[p + 1] == 0x81) &&
                   (t[p + 2] & 0xC0) == 0x80) {
            p += 3;
        } else if (c >= 0xC0) {
            *found = 1;
            return p;
        } else {
            p++; /* stray continuation byte */
        }
    }
    return p;
}

/* 1 when the open sentence holds content before `upto`; remembers what it searched. */
static int sentence_has_content(splitter *sp, size_t upto)
{
    if (sp->content)
        return 1;
    if (sp->chk < sp->cur)
        sp->chk = sp->cur;
    if (sp->chk < upto)
        sp->chk = scan_content(sp->t, sp->chk, upto, 0, &sp->content);
    return sp->content;
}

static void open_sentence(splitter *sp, size_t at)
{
    sp->cur = at;
    sp->chk = at;
    sp->content = 0;
    sp->glue = NONE;
}

static size_t trim_back(const unsigned char *t, size_t start, size_t end)
{
    for (;;) {
        if (end > start && is_ws(t[end - 1]))
            end--;
        else if (end - start >= 2 && t[end - 2] == 0xC2 && t[end - 1] == 0xA0)
            end -= 2;
        else
            return end;
    }
}

/* Records [start, end) trimmed, unless it holds no content. */
static void emit(splitter *sp, size_t start, size_t end)
{
    const unsigned char *t = sp->t;
    ag_sentences *out = sp->out;
    int found = 0;

    end = trim_back(t, start, end);
    for (size_t l; start < end && (l = space_len(t, start, end)) != 0;)
        start += l;
    if (start == end)
        return;
    scan_content(t, start, end, 0, &found); /* usually stops at the first byte */
    if (!found)
        return;
    if (sp->para_break && sp->para_used)
        sp->para++;
    sp->para_break = 0;
    sp->para_used = 1;
    if (out->count == out->cap) {
        void *items = out->items;
        if (ag_i_grow(&items, &out->cap, out->count + 1, sizeof *out->items)) {
            sp->oom = 1;
            return;
        }
        out->items = items;
    }
    out->items[out->count].start = start;
    out->items[out->count].end = end;
    out->items[out->count].paragraph = sp->para;
    out->count++;
}

static int is_listed(const word *list, size_t n, const unsigned char *s, size_t len)
{
    for (size_t k = 0; k < n; k++)
        if (list[k].len == len && memcmp(list[k].s, s, len) == 0)
            return 1;
    return 0;
}

/* 1 for groups of 1-3 ASCII letters joined by single dots, at least two (U.S, Ph.D). */
static int is_acronym(const unsigned char *s, size_t len)
{
    size_t groups = 0, run = 0;

    for (size_t k = 0; k < len; k++) {
        if (is_alpha(s[k])) {
            if (++run > 3)
                return 0;
        } else if (s[k] == '.' && run) {
            groups++;
            run = 0;
        } else {
            return 0;
        }
    }
    return run && groups >= 1;
}

/* Class of the token that ends just before the dot at i. */
static int abbrev_class(const splitter *sp, size_t i)
{
    const unsigned char *t = sp->t;
    size_t s = i, len;
    int k;

    while (s > 0 && i - s < TOKEN_MAX && !is_ws(t[s - 1]))
        s--;
    if (s > 0 && !is_ws(t[s - 1]))
        return ABBR_NONE; /* too long to be an abbreviation */
    if (s == sp->cur && i - s <= 3) {
        size_t d = s;
        while (d < i && is_digit(t[d]))
            d++;
        if (d == i && d > s)
            return ABBR_LISTNUM;
    }
    for (;;) { /* opening quotes and brackets: "(Dr." */
        if (s < i && (t[s] == '(' || t[s] == '[' || t[s] == '"' || t[s] == '\''))
            s++;
        else if (i - s >= 2 && t[s] == 0xC2 && t[s + 1] == 0xA0)
            s += 2;
        else if (i - s >= 3 && t[s] == 0xE2 && t[s + 1] == 0x80 && (t[s + 2] == 0x9C || t[s + 2] == 0x98))
            s += 3;
        else
            break;
    }
    len = i - s;
    if (len == 0)
        return ABBR_NONE;
    if (len == 1 && is_upper(t[s]))
        return ABBR_FINAL; /* an initial */
    k = abbrev_lookup(t + s, len);
    if (k != ABBR_NONE)
        return k;
    if (is_acronym(t + s, len))
        return ABBR_FINAL;
    return ABBR_NONE;
}

/* 1 when the word at k is a sentence starter (`The`, not `A.` as in `J. A. Smith`). */
static int is_starter(const splitter *sp, size_t k)
{
    const unsigned char *t = sp->t;
    size_t e = k;

    while (e < sp->n && e - k < 16 && is_alpha(t[e]))
        e++;
    if (e == k || (e < sp->n && (is_alnum(t[e]) || t[e] == '.')))
        return 0;
    return is_listed(starters, sizeof starters / sizeof *starters, t + k, e - k);
}

/* After a dotted acronym: `... with the U.S. Russia was not consulted` starts a sentence when
 * the capitalised word is no name part and a lower-case word follows it. */
static int new_clause_after_acronym(const splitter *sp, size_t i, size_t k)
{
    const unsigned char *t = sp->t;
    size_t s = i, e = k;
    while (s > 0 && (is_alpha(t[s - 1]) || t[s - 1] == '.'))
        s--;
    if (!(i - s >= 3 && memchr(t + s, '.', i - s)))
        return 0; /* not U.S., U.N., U.K. */
    if (k >= sp->n || !is_upper(t[k]))
        return 0;
    while (e < sp->n && e - k < 32 && is_alpha(t[e]))
        e++;
    if (e >= sp->n || t[e] != ' ' || e + 1 >= sp->n || !is_lower(t[e + 1]))
        return 0;
    return !is_listed(acronym_nouns, sizeof acronym_nouns / sizeof *acronym_nouns, t + k, e - k);
}

/*
 * Handles a terminator of tl bytes at i; returns where scanning resumes.
 * Ends the open sentence when the rules in the file comment allow it.
 */
static size_t at_terminator(splitter *sp, size_t i, size_t tl)
{
    const unsigned char *t = sp->t;
    size_t n = sp->n, j = i + tl, k, l, nl = NONE, lim = i + tl + RUN_MAX;
    int single_dot = t[i] == '.';

    if (sp->cur == NONE)
        return j;
    /* Further terminators and closing quotes/brackets: `?!`, `."`, `.’)` */
    while (j < n && j < lim) {
        unsigned c = t[j];
        if (c == '.' || c == '!' || c == '?') {
            single_dot = 0;
            j++;
        } else if (c == '"' || c == '\'' || c == ')' || c == ']') {
            j++;
        } else if (c == 0xE2 && j + 2 < n && t[j + 1] == 0x80 &&
                   (t[j + 2] == 0xA6 || t[j + 2] == 0x99 || t[j + 2] == 0x9D)) {
            if (t[j + 2] == 0xA6)
                single_dot = 0;
            j += 3;
        } else {
            break;
        }
    }
    if (j < n && !space_len(t, j, n))
        return j; /* 3.5, U.S.'s, a.m.-time */
    for (k = j; k < n && (l = space_len(t, k, n)) != 0; k += l)
        if (t[k] == '\n' && nl == NONE)
            nl = k;
    if (k < n && is_lower(t[k]))
        return j; /* the U.S. and ...; wait... and then */
    if (j - sp->cur > SENTENCE_MAX || !sentence_has_content(sp, i))
        return j;
    if (single_dot) {
        switch (abbrev_class(sp, i)) {
        case ABBR_TITLE:
            sp->glue = j;
            return j;
        case ABBR_NEVER:
        case ABBR_LISTNUM:
            return j;
        case ABBR_NUMBER:
            if (k < n && is_digit(t[k]))
                return j;
            break;
        case ABBR_FINAL:
            if (k >= n || !(is_starter(sp, k) || new_clause_after_acronym(sp, i, k)))
                return j;
            break;
        default:
            break;
        }
    }
    emit(sp, sp->cur, j);
    sp->cur = NONE;
    if (k >= n)
        return n;
    if (nl != NONE)
        return nl; /* the next sentence opens with the next text line */
    open_sentence(sp, k);
    return k;
}

/*
 * Cuts the open sentence, which has reached SENTENCE_MAX bytes, at its last
 * white space (or UTF-8 boundary) and opens the rest. Returns where to resume.
 */
static size_t cut(splitter *sp, size_t i)
{
    const unsigned char *t = sp->t;
    size_t n = sp->n, cur = sp->cur, lim = cur + SENTENCE_MAX, end, next;

    if (is_ws(t[lim])) { /* lim < n: callers cut only before the end */
        end = next = lim;
    } else {
        size_t w = lim;
        while (w > cur + 1 && !is_ws(t[w - 1]))
            w--;
        if (w > cur + 1) {
            end = w - 1;
            next = w;
        } else {
            next = lim;
            while (next > cur + 1 && (t[next] & 0xC0) == 0x80)
                next--;
            end = next;
        }
    }
    emit(sp, cur, end);
    sp->cur = NONE;
    next = skip_hspace(t, next, n);
    if (next >= n)
        return n;
    if (t[next] == '\n')
        return next;
    open_sentence(sp, next);
    return next > i ? next : i;
}

/* First offset in [i, lim) holding a stop byte, or lim. */
static size_t skip_plain(const unsigned char *t, size_t i, size_t lim)
{
#ifdef HAVE_SSE2
    const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
                  ques = _mm_set1_epi8('?'), e2 = _mm_set1_epi8((char)0xE2);
    while (lim - i >= 16) {
        __m128i v = _mm_loadu_si128((const void *)(t + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, ques)),
                                              _mm_cmpeq_epi8(v, e2)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + lowest_bit(mask);
        i += 16;
    }
#endif
    while (i < lim && !stop_byte[t[i]])
        i++;
    return i;
}

/* Scans one text line from i; returns the offset of its newline, or n. */
static size_t scan_line(splitter *sp, size_t i)
{
    const unsigned char *t = sp->t;
    size_t n = sp->n;

    while (!sp->oom) {
        if (sp->cur != NONE &&
            (i - sp->cur > SENTENCE_MAX || (i - sp->cur == SENTENCE_MAX && i < n))) {
            i = cut(sp, i);
            continue;
        }
        size_t lim = (sp->cur == NONE || n - sp->cur <= SENTENCE_MAX) ? n : sp->cur + SENTENCE_MAX;
        i = skip_plain(t, i, lim);
        if (i >= n)
            return n;
        if (i >= lim)
            continue; /* cut first */
        if (t[i] == '\n')
            return i;
        if (t[i] == 0xE2) {
            if (i + 2 < n && t[i + 1] == 0x80 && t[i + 2] == 0xA6)
                i = at_terminator(sp, i, 3);
            else
                i++;
        } else {
            i = at_terminator(sp, i, 1);
        }
    }
    return n;
}

/* 1 when the line at p (after indentation) starts with a boilerplate prefix and is short. */
static int is_boilerplate(const splitter *sp, size_t p, size_t *le)
{
    const unsigned char *t = sp->t;
    const ag_lexicon *lex = sp->lex;
    size_t n = sp->n, q = p;
    unsigned c0;

    if (!lex || !lex->n_boilerplate)
        return 0;
    if (t[q] == '-' || t[q] == '*') {
        q++;
    } else if (q + 2 < n && t[q] == 0xE2 && t[q + 1] == 0x80 && t[q + 2] == 0xA2) { /* • */
        q += 3;
    } else if (is_digit(t[q])) {
        size_t d = q;
        while (d < n && d - q < 3 && is_digit(t[d]))
            d++;
        if (d < n && (t[d] == '.' || t[d] == ')'))
            q = d + 1;
    }
    q = skip_hspace(t, q, n);
    if (q >= n || t[q] == '\n')
        return 0;
    c0 = fold(t[q]);
    for (size_t k = 0; k < lex->n_boilerplate; k++) {
        const unsigned char *b = (const unsigned char *)lex->boilerplate[k];
        size_t blen, m;
        if (!b || !b[0] || fold(b[0]) != c0)
            continue; /* cheap first-byte test before strlen */
        blen = strlen((const char *)b);
        if (n - q < blen)
            continue;
        for (m = 0; m < blen && fold(t[q + m]) == fold(b[m]); m++)
            ;
        if (m < blen)
            continue;
        if (is_alnum(b[blen - 1]) && q + blen < n && is_alnum(t[q + blen]))
            continue; /* "Share" is not a prefix of "Shareholders" */
        size_t room = n - p > BOILERPLATE_MAX ? BOILERPLATE_MAX + 1 : n - p;
        const unsigned char *nl = memchr(t + p, '\n', room);
        if (nl)
            *le = (size_t)(nl - t);
        else if (n - p <= BOILERPLATE_MAX)
            *le = n;
        else
            return 0;
        return 1;
    }
    return 0;
}

/* Classifies the line starting at ls: *first is its first non-space character; *le its end
 * (newline offset or n) for blank and dropped lines. */
static int classify(const splitter *sp, size_t ls, size_t *first, size_t *le)
{
    const unsigned char *t = sp->t;
    size_t n = sp->n, p = ls, q;
    int found = 0;

    p = skip_hspace(t, p, n);
    *first = p;
    if (p >= n || t[p] == '\n') {
        *le = p;
        return LINE_BLANK;
    }
    if (is_boilerplate(sp, p, le))
        return LINE_DROP;
    q = scan_content(t, p, n, 1, &found); /* usually stops at the first byte */
    if (found)
        return LINE_TEXT;
    *le = q; /* punctuation only: `|`, `* * *`, `—` */
    return LINE_DROP;
}

ag_status ag_text_split(const char *text, size_t len, const ag_lexicon *lex, ag_sentences *out)
{
    splitter sp;
    size_t ls = 0, first = 0, le = 0;
    int cls;

    if (!out)
        return AG_EINVAL;
    out->count = 0;
    if (!text)
        return len ? AG_EINVAL : AG_OK;
    memset(&sp, 0, sizeof sp);
    sp.t = (const unsigned char *)text;
    sp.n = len;
    sp.lex = lex;
    sp.out = out;
    sp.cur = NONE;
    sp.glue = NONE;

    cls = classify(&sp, 0, &first, &le);
    while (ls < len && !sp.oom) {
        if (cls != LINE_TEXT) {
            if (cls == LINE_BLANK)
                sp.para_break = 1;
            if (le >= len)
                break;
            ls = le + 1;
            cls = classify(&sp, ls, &first, &le);
            continue;
        }
        if (sp.cur == NONE)
            open_sentence(&sp, first);
        size_t i = scan_line(&sp, first);
        if (i >= len || sp.oom)
            break;
        ls = i + 1; /* i is at the newline */
        cls = classify(&sp, ls, &first, &le);
        if (sp.cur != NONE) {
            int joins = cls == LINE_TEXT &&
                        (is_lower(sp.t[first]) || (sp.glue != NONE && trim_back(sp.t, sp.cur, i) == sp.glue));
            if (!joins) {
                emit(&sp, sp.cur, i);
                sp.cur = NONE;
            }
        }
    }
    if (sp.cur != NONE && !sp.oom)
        emit(&sp, sp.cur, len);
    return sp.oom ? AG_ENOMEM : AG_OK;
}

void ag_sentences_free(ag_sentences *s)
{
    if (!s)
        return;
    free(s->items);
    s->items = NULL;
    s->count = 0;
    s->cap = 0;
}
