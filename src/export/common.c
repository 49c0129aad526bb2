/* Helpers shared by the writers: numbers, text escaping, the shown subgraph. */
#include "export/export_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static const unsigned long long pow10_table[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL};

/* |v| beyond this is clamped: no figure we print comes near it, and it keeps
 * the integer arithmetic below exact. */
#define DECIMAL_LIMIT 1e12

static int clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
}

/* Rounds |v| * 10^decimals half away from zero, without libm. */
static unsigned long long scaled_magnitude(double v, int decimals)
{
    double a = v < 0 ? -v : v;
    if (a > DECIMAL_LIMIT)
        a = DECIMAL_LIMIT;
    return (unsigned long long)(a * (double)pow10_table[decimals] + 0.5);
}

double ag_i_round_decimal(double v, int decimals)
{
    if (!isfinite(v))
        return 0.0;
    decimals = clamp_decimals(decimals);
    unsigned long long n = scaled_magnitude(v, decimals);
    if (n == 0)
        return 0.0;
    double r = (double)n / (double)pow10_table[decimals];
    return v < 0 ? -r : r;
}

void ag_i_format_decimal(double v, int decimals, char buf[AG_I_DECIMAL_MAX])
{
    if (!isfinite(v))
        v = 0.0;
    decimals = clamp_decimals(decimals);
    unsigned long long n = scaled_magnitude(v, decimals);
    unsigned long long scale = pow10_table[decimals];
    unsigned long long whole = n / scale, frac = n % scale;
    int len = snprintf(buf, AG_I_DECIMAL_MAX, "%s%llu.", (v < 0 && n != 0) ? "-" : "", whole);
    /* Fraction digits, most significant first, trailing zeros dropped (one kept). */
    int digits = decimals;
    while (digits > 1 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    if (digits == 0)
        digits = 1;
    snprintf(buf + len, (size_t)(AG_I_DECIMAL_MAX - len), "%0*llu", digits, frac);
}

ag_status ag_i_view_init(ag_i_view *v, const ag_network *net, ag_error *err)
{
    memset(v, 0, sizeof *v);
    v->net = net;
    v->graph = ag_network_graph(net);
    v->n_nodes = ag_network_node_count(net);
    v->n_edges = ag_network_edge_count(net);
    v->node_on = calloc(v->n_nodes + 1, 1);
    v->edge_on = calloc(v->n_edges + 1, 1);
    v->degree = calloc(v->n_nodes + 1, sizeof *v->degree);
    v->wdegree = calloc(v->n_nodes + 1, sizeof *v->wdegree);
    if (!v->graph || !v->node_on || !v->edge_on || !v->degree || !v->wdegree)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (size_t i = 0; i < v->n_nodes; i++) {
        const ag_node_info *n = ag_network_node(net, i);
        if (!n)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        if (n->mentions > 0) {
            v->node_on[i] = 1;
            v->shown_nodes++;
            if (n->mentions > v->max_mentions)
                v->max_mentions = n->mentions;
        }
    }
    for (size_t i = 0; i < v->n_edges; i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        if (!e)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        /* An edge to a hidden node would dangle: every writer drops it. */
        if (e->total.weight == 0 || e->source >= v->n_nodes || e->target >= v->n_nodes ||
            !v->node_on[e->source] || !v->node_on[e->target])
            continue;
        v->edge_on[i] = 1;
        v->shown_edges++;
        v->degree[e->source]++;
        v->degree[e->target]++;
        v->wdegree[e->source] += e->total.weight;
        v->wdegree[e->target] += e->total.weight;
        if (e->total.weight > v->max_weight)
            v->max_weight = e->total.weight;
    }
    return AG_OK;
}

void ag_i_view_free(ag_i_view *v)
{
    free(v->node_on);
    free(v->edge_on);
    free(v->degree);
    free(v->wdegree);
    memset(v, 0, sizeof *v);
}

void ag_i_str_add(ag_i_str *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (n > (size_t)-1 - b->len - 1 || ag_i_grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ag_i_str_adds(ag_i_str *b, const char *s)
{
    if (s)
        ag_i_str_add(b, s, strlen(s));
}

void ag_i_str_addf(ag_i_str *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        ag_i_str_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ag_i_str_add(b, big, (size_t)n);
    free(big);
}

void ag_i_str_clear(ag_i_str *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

char *ag_i_str_take(ag_i_str *b)
{
    ag_i_str_add(b, "", 0); /* makes sure there is a buffer */
    char *s = b->oom ? NULL : b->s;
    if (!s)
        free(b->s);
    memset(b, 0, sizeof *b);
    return s;
}

void ag_i_str_free(ag_i_str *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* Length of the valid UTF-8 sequence at p, or 0 when it is not valid (overlong
 * forms, surrogates and code points above U+10FFFF are not). Never reads past a NUL. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

void ag_i_str_text(ag_i_str *b, const char *s, int mode, size_t max)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0;
    while (*p) {
        size_t n = utf8_len(p);
        const char *rep = NULL;
        size_t rep_len = 0;
        if (n == 0) {
            rep = "\xEF\xBF\xBD"; /* U+FFFD for a byte that is not UTF-8 */
            rep_len = 3;
            n = 1;
        } else if (n == 1 && mode == AG_I_TEXT_XML && (*p == '\t' || *p == '\n' || *p == '\r')) {
            rep = *p == '\t' ? "&#9;" : *p == '\n' ? "&#10;" : "&#13;";
            rep_len = strlen(rep);
        } else if (n == 1 && mode == AG_I_TEXT_XML && strchr("&<>\"'", *p)) {
            rep = *p == '&'   ? "&amp;"
                  : *p == '<' ? "&lt;"
                  : *p == '>' ? "&gt;"
                  : *p == '"' ? "&quot;"
                              : "&apos;";
            rep_len = strlen(rep);
        } else if (n == 3 && mode == AG_I_TEXT_XML && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
            rep = "\xEF\xBF\xBD"; /* U+FFFE and U+FFFF are not XML characters */
            rep_len = 3;
        } else if (n == 1 && mode != AG_I_TEXT_PLAIN && (*p < 0x20 || *p == 0x7F)) {
            rep = " ";
            rep_len = 1;
        } else if (n == 1 && mode == AG_I_TEXT_GV && *p == '\\') {
            rep = "\\\\";
            rep_len = 2;
        } else if (n == 1 && mode == AG_I_TEXT_HTML && strchr("&<>\"", *p)) {
            rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : "&quot;";
            rep_len = strlen(rep);
        }
        if (max > 0 && used + n > max) {
            ag_i_str_adds(b, "\xE2\x80\xA6"); /* … */
            return;
        }
        if (rep)
            ag_i_str_add(b, rep, rep_len);
        else
            ag_i_str_add(b, (const char *)p, n);
        used += n;
        p += n;
    }
}

char *ag_i_text_dup(const char *s, int mode)
{
    ag_i_str b = {0};
    ag_i_str_text(&b, s ? s : "", mode, 0);
    return ag_i_str_take(&b);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int ag_i_parse_rgb(const char *s, unsigned rgb[3])
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    for (int i = 0; i < 3; i++) {
        int hi = hexval(s[1 + 2 * i]), lo = hexval(s[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return -1;
        rgb[i] = (unsigned)(hi * 16 + lo);
    }
    return 0;
}
