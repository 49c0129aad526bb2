/* See json_fast.h. json-c builds an object tree for every line, which cost more than the
 * whole extraction; this validating pass decodes only the members the reader needs and
 * declines (returns 0) whenever json-c's answer could differ, so json-c stays the judge. */
#include "util/json_fast.h"

#include <string.h>

#include "util/buf.h"

#if defined(__SSE2__) && !defined(AG_NO_SIMD) /* AG_NO_SIMD builds the portable path only */
#include <emmintrin.h>
#endif

#define MAX_DEPTH 16

typedef struct parser {
    const unsigned char *p, *end;
    char **buf;
    size_t *cap;
    size_t used;
    int nomem;
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Length of the valid UTF-8 sequence at p (strict: no overlong forms, no surrogates), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char c = p[0];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || (size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
        return 0;
    if (n == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
        return 0;
    return n;
}

static int put(parser *ps, const void *src, size_t n)
{
    if (ag_i_grow((void **)ps->buf, ps->cap, ps->used + n + 1, 1)) {
        ps->nomem = 1;
        return 0;
    }
    memcpy(*ps->buf + ps->used, src, n);
    ps->used += n;
    return 1;
}

/* The first byte at or after p that is not plain printable ASCII inside a string: a quote,
 * a backslash, a control character or a non-ASCII byte (or end). Article text is mostly
 * plain, so 16 bytes are tested at once where SSE2 is there. */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end)
{
#if defined(__SSE2__) && !defined(AG_NO_SIMD)
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const void *)p);
        /* signed: bytes >= 0x80 are negative, so "< 0x20" also catches non-ASCII */
        __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m)
            return p + __builtin_ctz(m);
        p += 16;
    }
#endif
    while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
        p++;
    return p;
}

/* A string at ps->p (the opening quote); decoded into the buffer when keep. 1 on success. */
static int string(parser *ps, int keep)
{
    const unsigned char *p = ps->p + 1;
    while (p < ps->end) {
        const unsigned char *run = p;
        p = plain_run(p, ps->end);
        if (keep && p > run && !put(ps, run, (size_t)(p - run)))
            return 0;
        if (p >= ps->end)
            return 0;
        unsigned char c = *p;
        if (c == '"') {
            ps->p = p + 1;
            return keep ? put(ps, "", 1) : 1; /* NUL-terminate */
        }
        if (c < 0x20)
            return 0;
        if (c >= 0x80) {
            size_t n = utf8_len(p, ps->end);
            if (!n || (keep && !put(ps, p, n)))
                return 0;
            p += n;
            continue;
        }
        /* an escape */
        if (p + 1 >= ps->end)
            return 0;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = memchr(from, p[1], sizeof from - 1);
        if (k) {
            if (keep && !put(ps, &to[k - from], 1))
                return 0;
            p += 2;
            continue;
        }
        if (p[1] != 'u' || p + 6 > ps->end)
            return 0;
        int h0 = hexval(p[2]), h1 = hexval(p[3]), h2 = hexval(p[4]), h3 = hexval(p[5]);
        if (h0 < 0 || h1 < 0 || h2 < 0 || h3 < 0)
            return 0;
        unsigned cp = (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3);
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0; /* NUL and surrogate pairs: json-c's reading is the reference */
        unsigned char u[3];
        size_t n;
        if (cp < 0x80) {
            u[0] = (unsigned char)cp;
            n = 1;
        } else if (cp < 0x800) {
            u[0] = (unsigned char)(0xC0 | cp >> 6);
            u[1] = (unsigned char)(0x80 | (cp & 0x3F));
            n = 2;
        } else {
            u[0] = (unsigned char)(0xE0 | cp >> 12);
            u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
            u[2] = (unsigned char)(0x80 | (cp & 0x3F));
            n = 3;
        }
        if (keep && !put(ps, u, n))
            return 0;
        p += 6;
    }
    return 0;
}

static int digits(parser *ps)
{
    const unsigned char *s = ps->p;
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
        ps->p++;
    return ps->p > s;
}

/* RFC 8259 number grammar. */
static int number(parser *ps)
{
    if (*ps->p == '-')
        ps->p++;
    if (ps->p < ps->end && *ps->p == '0')
        ps->p++;
    else if (!digits(ps))
        return 0;
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (!digits(ps))
            return 0;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (!digits(ps))
            return 0;
    }
    return 1;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return 0;
    ps->p += n;
    return 1;
}

static int value(parser *ps, int depth);

static int container(parser *ps, int depth, unsigned char close, int object)
{
    if (depth > MAX_DEPTH)
        return 0;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 1;
    }
    for (;;) {
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"' || !string(ps, 0))
                return 0;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return 0;
            ps->p++;
            skip_ws(ps);
        }
        if (!value(ps, depth + 1))
            return 0;
        skip_ws(ps);
        if (ps->p >= ps->end)
            return 0;
        if (*ps->p == close) {
            ps->p++;
            return 1;
        }
        if (*ps->p != ',')
            return 0;
        ps->p++;
        skip_ws(ps);
    }
}

static int value(parser *ps, int depth)
{
    if (ps->p >= ps->end)
        return 0;
    switch (*ps->p) {
    case '"': return string(ps, 0);
    case '{': return container(ps, depth, '}', 1);
    case '[': return container(ps, depth, ']', 0);
    case 't': return literal(ps, "true");
    case 'f': return literal(ps, "false");
    case 'n': return literal(ps, "null");
    default: return (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) && number(ps);
    }
}

int ag_i_json_fast_record(const char *line, size_t len, ag_i_json_field *fields, size_t n_fields, char **buf,
                          size_t *cap)
{
    parser ps = {(const unsigned char *)line, (const unsigned char *)line + len, buf, cap, 0, 0};
    for (size_t i = 0; i < n_fields; i++)
        fields[i].present = 0;
    skip_ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{')
        return 0;
    ps.p++;
    skip_ws(&ps);
    int first = 1;
    while (ps.p < ps.end && *ps.p != '}') {
        if (!first) {
            if (*ps.p != ',')
                return 0;
            ps.p++;
            skip_ws(&ps);
        }
        first = 0;
        /* the key, compared raw: a key with escapes is left to json-c */
        if (ps.p >= ps.end || *ps.p != '"')
            return 0;
        const unsigned char *k = ps.p + 1, *q = k;
        while (q < ps.end && *q != '"' && *q != '\\' && *q >= 0x20 && *q < 0x80)
            q++;
        if (q >= ps.end || *q != '"')
            return 0;
        size_t klen = (size_t)(q - k);
        ps.p = q + 1;
        skip_ws(&ps);
        if (ps.p >= ps.end || *ps.p != ':')
            return 0;
        ps.p++;
        skip_ws(&ps);
        ag_i_json_field *f = NULL;
        for (size_t i = 0; i < n_fields; i++)
            if (strlen(fields[i].name) == klen && memcmp(fields[i].name, k, klen) == 0)
                f = &fields[i];
        if (f) {
            if (ps.p >= ps.end || *ps.p != '"')
                return 0; /* not a string: json-c decides (and warns) */
            size_t at = ps.used;
            if (!string(&ps, 1))
                return ps.nomem ? -1 : 0;
            f->present = 1;
            f->offset = at;
            f->len = ps.used - at - 1;
        } else if (!value(&ps, 1)) {
            return ps.nomem ? -1 : 0;
        }
        skip_ws(&ps);
    }
    if (ps.p >= ps.end)
        return 0;
    ps.p++;
    skip_ws(&ps);
    return ps.p == ps.end ? 1 : 0;
}
