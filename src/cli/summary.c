/* What `actorgraph build` tells the analyst: the summary after the run (an
 * aligned table on standard error, or JSON on standard output) and the
 * progress line while it reads. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "actorgraph/actorgraph.h"
#include "cli/cli.h"

/* --- Summary ---------------------------------------------------------------- */

/* Edge indices ordered by weight (heaviest first), then by id. */
static const ag_network *sort_net;

static int by_weight(const void *a, const void *b)
{
    const ag_edge_info *x = ag_network_edge(sort_net, *(const size_t *)a);
    const ag_edge_info *y = ag_network_edge(sort_net, *(const size_t *)b);
    if (x->total.weight != y->total.weight)
        return x->total.weight > y->total.weight ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : *(const size_t *)a > *(const size_t *)b;
}

static int by_mentions(const void *a, const void *b)
{
    const ag_node_info *x = ag_network_node(sort_net, *(const size_t *)a);
    const ag_node_info *y = ag_network_node(sort_net, *(const size_t *)b);
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : *(const size_t *)a > *(const size_t *)b;
}

/* Indices of the mentioned actors (by mentions) or the edges with weight > 0
 * (by weight); NULL when out of memory. */
static size_t *ranked(const ag_network *net, int edges, size_t *n)
{
    size_t total = edges ? ag_network_edge_count(net) : ag_network_node_count(net);
    size_t *idx = malloc((total ? total : 1) * sizeof *idx);
    *n = 0;
    if (!idx)
        return NULL;
    for (size_t i = 0; i < total; i++)
        if (edges ? ag_network_edge(net, i)->total.weight > 0 : ag_network_node(net, i)->mentions > 0)
            idx[(*n)++] = i;
    sort_net = net;
    qsort(idx, *n, sizeof *idx, edges ? by_weight : by_mentions);
    return idx;
}

static const char *node_label(const ag_network *net, size_t i)
{
    const ag_node_info *n = ag_network_node(net, i);
    return n->label ? n->label : n->id;
}

/* Display width of UTF-8 text: code points (good enough for names). */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Prints @s left-aligned in @w columns (padding by code points, not bytes). */
static void pad(FILE *f, const char *s, int w)
{
    fputs(s, f);
    for (int k = width(s); k < w; k++)
        fputc(' ', f);
}

int ag_cli_summary_text(FILE *f, const ag_network *net, size_t top)
{
    size_t n_nodes = 0, n_edges = 0;
    size_t *nodes = ranked(net, 0, &n_nodes), *edges = ranked(net, 1, &n_edges);
    int rc = -1;
    if (!nodes || !edges)
        goto done;
    if (n_nodes > 0) {
        int w = (int)strlen("actor");
        for (size_t i = 0; i < n_nodes; i++)
            if (width(node_label(net, nodes[i])) > w)
                w = width(node_label(net, nodes[i]));
        fputs("  ", f);
        pad(f, "actor", w);
        fputs("  mentions  documents\n", f);
        for (size_t i = 0; i < n_nodes; i++) {
            const ag_node_info *n = ag_network_node(net, nodes[i]);
            fputs("  ", f);
            pad(f, node_label(net, nodes[i]), w);
            fprintf(f, "  %8llu  %9llu\n", (unsigned long long)n->mentions, (unsigned long long)n->documents);
        }
    }
    if (n_edges > 0) {
        size_t shown = n_edges < top ? n_edges : top;
        int w = (int)strlen("top edges");
        char pair[512];
        for (size_t i = 0; i < shown; i++) {
            const ag_edge_info *e = ag_network_edge(net, edges[i]);
            snprintf(pair, sizeof pair, "%s \xE2\x80\x93 %s", node_label(net, e->source), node_label(net, e->target));
            if (width(pair) > w)
                w = width(pair);
        }
        fputs("  ", f);
        pad(f, "top edges", w);
        fputs("  weight  stance  cooperation  conflict  neutral  documents\n", f);
        for (size_t i = 0; i < shown; i++) {
            const ag_edge_info *e = ag_network_edge(net, edges[i]);
            snprintf(pair, sizeof pair, "%s \xE2\x80\x93 %s", node_label(net, e->source), node_label(net, e->target));
            fputs("  ", f);
            pad(f, pair, w);
            fprintf(f, "  %6llu  %+6.2f  %11llu  %8llu  %7llu  %9llu\n", (unsigned long long)e->total.weight,
                    e->stance, (unsigned long long)e->total.cooperation, (unsigned long long)e->total.conflict,
                    (unsigned long long)e->total.neutral, (unsigned long long)e->documents);
        }
        if (shown < n_edges)
            fprintf(f, "  (%zu more edges in the outputs)\n", n_edges - shown);
    }
    rc = 0;
done:
    free(nodes);
    free(edges);
    return rc;
}

/* A JSON string: `"`, `\` and control characters escaped; other bytes as they are
 * (the network's strings are valid UTF-8). */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

int ag_cli_summary_json(FILE *f, const ag_network *net, const char *const *outputs, size_t n_outputs, size_t top,
                        size_t skipped, size_t repaired)
{
    const ag_graph_info *g = ag_network_graph(net);
    size_t n_nodes = 0, n_edges = 0;
    size_t *nodes = ranked(net, 0, &n_nodes), *edges = ranked(net, 1, &n_edges);
    int rc = -1;
    if (!g || !nodes || !edges)
        goto done;
    fprintf(f, "{\n  \"documents\": %llu,\n  \"sentences\": %llu,\n  \"actors\": %zu,\n  \"edges\": %zu,\n",
            (unsigned long long)g->documents, (unsigned long long)g->sentences, n_nodes, n_edges);
    fprintf(f, "  \"dedup\": \"%s\",\n  \"folded\": %llu,\n", g->dedup, (unsigned long long)g->folded);
    fprintf(f, "  \"skipped\": %zu,\n  \"repaired\": %zu,\n  \"outputs\": [", skipped, repaired);
    for (size_t i = 0; i < n_outputs; i++) {
        fputs(i ? ", " : "", f);
        json_string(f, outputs[i]);
    }
    fputs("],\n  \"mentions\": [", f);
    for (size_t i = 0; i < n_nodes; i++) {
        const ag_node_info *n = ag_network_node(net, nodes[i]);
        fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
        json_string(f, n->id);
        fputs(", \"label\": ", f);
        json_string(f, node_label(net, nodes[i]));
        fprintf(f, ", \"mentions\": %llu, \"documents\": %llu}", (unsigned long long)n->mentions,
                (unsigned long long)n->documents);
    }
    fputs(n_nodes ? "\n  ],\n  \"top_edges\": [" : "],\n  \"top_edges\": [", f);
    size_t shown = n_edges < top ? n_edges : top;
    for (size_t i = 0; i < shown; i++) {
        const ag_edge_info *e = ag_network_edge(net, edges[i]);
        fputs(i ? ",\n    {\"source\": " : "\n    {\"source\": ", f);
        json_string(f, ag_network_node(net, e->source)->id);
        fputs(", \"target\": ", f);
        json_string(f, ag_network_node(net, e->target)->id);
        fprintf(f,
                ", \"weight\": %llu, \"stance\": %.4f, \"cooperation\": %llu, \"conflict\": %llu, "
                "\"neutral\": %llu, \"documents\": %llu}",
                (unsigned long long)e->total.weight, e->stance == e->stance ? e->stance : 0.0,
                (unsigned long long)e->total.cooperation, (unsigned long long)e->total.conflict,
                (unsigned long long)e->total.neutral, (unsigned long long)e->documents);
    }
    fputs(shown ? "\n  ]\n}\n" : "]\n}\n", f);
    rc = 0;
done:
    free(nodes);
    free(edges);
    return rc;
}

/* --- Progress ----------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long tree_bytes(const char *path, int depth);

/* Bytes in the regular files under directory @dir (hidden entries skipped). */
static long long dir_bytes(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    long long sum = 0;
    if (!d)
        return 0;
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        char *child = malloc(need);
        if (!child)
            break;
        snprintf(child, need, "%s/%s", dir, e->d_name);
        struct stat lst, st;
        /* symlinked files count, symlinked directories are not followed (as the reader does) */
        if (lstat(child, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            if (stat(child, &st) == 0 && S_ISREG(st.st_mode))
                sum += (long long)st.st_size;
        } else {
            long long b = tree_bytes(child, depth);
            if (b > 0)
                sum += b;
        }
        free(child);
    }
    closedir(d);
    return sum;
}

/* Bytes in regular files under @path (directories walked, hidden entries
 * skipped as the reader skips them); -1 when it cannot be known (stdin). */
static long long tree_bytes(const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
        return -1;
    if (S_ISREG(st.st_mode))
        return (long long)st.st_size;
    if (!S_ISDIR(st.st_mode) || depth > 64)
        return 0;
    return dir_bytes(path, depth + 1);
}

void ag_cli_progress_init(ag_cli_progress *p, FILE *f, const char *const *inputs, size_t n)
{
    memset(p, 0, sizeof *p);
    p->f = f;
    p->total = 0;
    for (size_t i = 0; i < n && p->total >= 0; i++) {
        long long b = tree_bytes(inputs[i], 0);
        p->total = b < 0 ? -1 : p->total + b;
    }
    p->start = now_seconds();
    p->last = p->start - 1.0; /* the first document draws the line at once */
}

/* 1.2 MB, 340 kB, 12 B */
static void human_bytes(char *buf, size_t size, double b)
{
    if (b >= 1e9)
        snprintf(buf, size, "%.1f GB", b / 1e9);
    else if (b >= 1e6)
        snprintf(buf, size, "%.1f MB", b / 1e6);
    else if (b >= 1e3)
        snprintf(buf, size, "%.0f kB", b / 1e3);
    else
        snprintf(buf, size, "%.0f B", b);
}

void ag_cli_progress_update(void *userdata, size_t documents, size_t bytes)
{
    ag_cli_progress *p = userdata;
    double t = now_seconds();
    if (t - p->last < 0.2)
        return;
    p->last = t;
    double elapsed = t - p->start, rate = elapsed > 0 ? (double)bytes / elapsed : 0;
    char done[32], total[32], speed[32];
    human_bytes(done, sizeof done, (double)bytes);
    human_bytes(speed, sizeof speed, rate);
    fprintf(p->f, "\ractorgraph: %zu documents, %s", documents, done);
    if (p->total > 0) {
        double frac = (double)bytes / (double)p->total;
        if (frac > 0.99)
            frac = 0.99; /* the text read is not exactly the bytes on disk */
        human_bytes(total, sizeof total, (double)p->total);
        fprintf(p->f, " of %s (%2.0f%%)", total, frac * 100);
        fprintf(p->f, ", %s/s", speed);
        if (rate > 0) {
            double left = ((double)p->total - (double)bytes) / rate;
            if (left < 0)
                left = 0;
            fprintf(p->f, ", ETA %d:%02d", (int)(left / 60), (int)left % 60);
        }
    } else {
        fprintf(p->f, ", %s/s", speed);
    }
    fputs("\033[K", p->f);
    fflush(p->f);
    p->shown = 1;
}

void ag_cli_progress_end(ag_cli_progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", p->f);
        fflush(p->f);
    }
    p->shown = 0;
}
