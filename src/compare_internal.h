/* The comparison of two networks (compare.c), shared with its writers
 * (compare_json.c, export/diff_build.c). Not part of the public API. */
#ifndef AG_COMPARE_INTERNAL_H
#define AG_COMPARE_INTERNAL_H

#include <stddef.h>

#include "actorgraph/compare.h"

struct ag_diff {
    const ag_network *a, *b;
    ag_compare_options opt;
    ag_diff_node *nodes; /* union, id order */
    size_t n_nodes;
    size_t *map[2];      /* node index in A / B -> union index */
    ag_diff_edge *edges; /* union, (source, target) order */
    size_t n_edges;
    size_t *movers;      /* edge indices, biggest |delta| first */
    size_t n_movers;
    ag_triangle *tri[3]; /* by ag_triangle_set */
    size_t n_tri[3];
    ag_diff_summary summary;
    char warning[512];
    double *pos;         /* x, y in points per union node, after ag_diff_layout() */
    unsigned char *has_pos;
};

/* Weighted Jaccard and Pearson correlation of two weight vectors of length n
 * (as ag_diff_summary says: 1 for equal vectors, NaN when one is constant). */
void ag_i_similarity(const double *wa, const double *wb, size_t n, double *wjaccard, double *correlation);

#endif
