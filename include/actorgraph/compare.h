/**
 * @file compare.h
 * @brief Comparing networks: the diff of two (statuses, both sides' figures,
 * summary, structural balance) and the similarity matrix of many.
 *
 * Weights are compared normalised, so article sets of different sizes compare
 * fairly: an edge's weight per 1,000 sentences of its network (the main
 * figure) and per article. A diff borrows the two networks' strings: keep both
 * networks alive (and unchanged) while the diff lives.
 */
#ifndef ACTORGRAPH_COMPARE_H
#define ACTORGRAPH_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "actorgraph/error.h"
#include "actorgraph/export.h"
#include "actorgraph/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What became of a pair of actors from network A to network B. */
typedef enum ag_diff_status {
    AG_DIFF_UNCHANGED = 0, /**< In both; no change past the thresholds. */
    AG_DIFF_ADDED,         /**< Only in B. */
    AG_DIFF_REMOVED,       /**< Only in A. */
    AG_DIFF_STRENGTHENED,  /**< In both; normalised weight grew past the thresholds. */
    AG_DIFF_WEAKENED,      /**< In both; normalised weight fell past the thresholds. */
    AG_DIFF_FLIPPED        /**< In both; the stance changed sign, clearly on both sides. */
} ag_diff_status;

/** Thresholds of a comparison. Initialise with ag_compare_options_init(). */
typedef struct ag_compare_options {
    /** A pair in both is strengthened or weakened when the larger normalised
     *  weight (per 1,000 sentences) is at least (1 + this) times the smaller
     *  (default 0.5: +50%; symmetric, so A vs B mirrors B vs A) ... */
    double min_relative_change;
    /** ... and the two differ by at least this much per 1,000 sentences (default 1.0). */
    double min_absolute_change;
    /** Flipped: the stances have opposite signs and both |stance| are at least this (default 0.2).
     *  A flip wins over strengthened/weakened. */
    double flip_min_stance;
    /** Biggest movers kept in the summary (default 5). */
    size_t movers;
} ag_compare_options;

/** One side's figures of a pair. All zero when the pair is not in that network. */
typedef struct ag_diff_side {
    int present;              /**< 1 when the network has the pair (weight > 0). */
    ag_counts total;          /**< Windows by stance. */
    uint64_t documents;       /**< Documents with such a window. */
    double stance;            /**< (cooperation - conflict) / weight. */
    double per_1k_sentences;  /**< weight × 1000 / sentences of the network (0 when it has none). */
    double per_article;       /**< weight / documents of the network (0 when it has none). */
    const ag_evidence *evidence; /**< The network's evidence of the pair, best first (borrowed). */
    size_t n_evidence;        /**< Number of evidence sentences. */
} ag_diff_side;

/** One pair of the union of both networks' edges. */
typedef struct ag_diff_edge {
    size_t source;          /**< Node index (ag_diff_node_at()) of the endpoint whose id sorts first. */
    size_t target;          /**< Node index of the other endpoint. */
    ag_diff_status status;  /**< What changed. */
    ag_diff_side a;         /**< Figures in network A. */
    ag_diff_side b;         /**< Figures in network B. */
    double delta;           /**< b.per_1k_sentences - a.per_1k_sentences. */
} ag_diff_edge;

/** One actor of the union of both networks. */
typedef struct ag_diff_node {
    const char *id;       /**< Id. */
    const char *label;    /**< Label (A's when both have it). */
    const char *group;    /**< Group, or NULL. */
    const char *color;    /**< `#rrggbb`, or NULL. */
    uint64_t mentions_a;  /**< Mentions in A (0 when absent). */
    uint64_t mentions_b;  /**< Mentions in B (0 when absent). */
} ag_diff_node;

/** A signed triangle: three actors pairwise linked with non-zero stance. */
typedef struct ag_triangle {
    size_t x;            /**< First actor: node index (ag_diff_node_at()), x < y < z. */
    size_t y;            /**< Second actor. */
    size_t z;            /**< Third actor. */
    int sign_xy;         /**< Stance sign of x–y in the network it is of (+1 or -1); in a
                              changed-balance triangle, that of B. */
    int sign_yz;         /**< Stance sign of y–z. */
    int sign_xz;         /**< Stance sign of x–z. */
    int balanced;        /**< 1 when the product of the signs is positive. */
} ag_triangle;

/** Structural balance of one network. */
typedef struct ag_balance {
    size_t triangles;    /**< Signed triangles (edges with stance 0 are left out). */
    size_t balanced;     /**< Of those, balanced ones. */
    double share;        /**< balanced / triangles, or NaN when there is no triangle. */
} ag_balance;

/** Which triangles ag_diff_triangle() lists. */
typedef enum ag_triangle_set {
    AG_TRIANGLES_UNBALANCED_A = 0, /**< The unbalanced triangles of A. */
    AG_TRIANGLES_UNBALANCED_B,     /**< The unbalanced triangles of B. */
    AG_TRIANGLES_CHANGED           /**< Signed on both sides with a different balance (signs: B's). */
} ag_triangle_set;

/** The figures of a comparison as a whole. */
typedef struct ag_diff_summary {
    size_t edges_a;            /**< Pairs in A. */
    size_t edges_b;            /**< Pairs in B. */
    size_t shared;             /**< Pairs in both. */
    size_t by_status[6];       /**< Pairs by ::ag_diff_status. */
    double jaccard;            /**< shared / pairs in either (1 when both are empty). */
    double weighted_jaccard;   /**< Σ min / Σ max of the per-1,000-sentence weights over the union
                                    (1 when both are empty). */
    double correlation;        /**< Pearson correlation of the per-1,000-sentence weights over the
                                    union (absent = 0); 1 when both vectors are equal; NaN when one
                                    is constant and they differ. */
    double stance_agreement;   /**< Share of shared pairs whose stance signs (−, 0, +) agree; NaN
                                    when none is shared. */
    ag_balance balance_a;      /**< Balance of A. */
    ag_balance balance_b;      /**< Balance of B. */
    const char *warning;       /**< Different lexicons or windows, or NULL. */
} ag_diff_summary;

/** A comparison of two networks (opaque). */
typedef struct ag_diff ag_diff;

/**
 * @brief Sets @p opt to the defaults (0.5, 1.0, 0.2, 5 movers).
 * @param opt the options to initialise.
 */
void ag_compare_options_init(ag_compare_options *opt);

/**
 * @brief Compares network @p a (before, left) with @p b (after, right).
 * @param a   network A; must outlive the diff.
 * @param b   network B; must outlive the diff.
 * @param opt thresholds (NULL for the defaults).
 * @param out receives the diff (free with ag_diff_free()); NULL on failure.
 * @param err receives the message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL (a threshold is negative or not finite) or ::AG_ENOMEM.
 */
ag_status ag_compare(const ag_network *a, const ag_network *b, const ag_compare_options *opt, ag_diff **out,
                     ag_error *err);

/**
 * @brief Frees a diff and sets the pointer to NULL.
 * @param diff address of the diff pointer (NULL-safe).
 */
void ag_diff_free(ag_diff **diff);

/**
 * @brief Network A or B of the diff.
 * @param diff the diff.
 * @param side 0 for A, 1 for B.
 * @return the network given to ag_compare().
 */
const ag_network *ag_diff_network(const ag_diff *diff, int side);

/**
 * @brief The summary.
 * @param diff the diff.
 * @return figures valid while the diff lives.
 */
const ag_diff_summary *ag_diff_get_summary(const ag_diff *diff);

/**
 * @brief Number of actors in either network.
 * @param diff the diff.
 * @return the count.
 */
size_t ag_diff_node_count(const ag_diff *diff);

/**
 * @brief Actor @p i, in id order.
 * @param diff the diff.
 * @param i    0 ≤ i < ag_diff_node_count().
 * @return the actor, or NULL when out of range.
 */
const ag_diff_node *ag_diff_node_at(const ag_diff *diff, size_t i);

/**
 * @brief Number of pairs in either network.
 * @param diff the diff.
 * @return the count.
 */
size_t ag_diff_edge_count(const ag_diff *diff);

/**
 * @brief Pair @p i, in (source id, target id) order.
 * @param diff the diff.
 * @param i    0 ≤ i < ag_diff_edge_count().
 * @return the pair, or NULL when out of range.
 */
const ag_diff_edge *ag_diff_edge_at(const ag_diff *diff, size_t i);

/**
 * @brief Number of biggest movers (at most ag_compare_options::movers).
 * @param diff the diff.
 * @return the count.
 */
size_t ag_diff_mover_count(const ag_diff *diff);

/**
 * @brief The @p i-th biggest mover: largest |delta| first, ties in pair order;
 *        pairs with delta 0 are never movers.
 * @param diff the diff.
 * @param i    0 ≤ i < ag_diff_mover_count().
 * @return the pair, or NULL when out of range.
 */
const ag_diff_edge *ag_diff_mover(const ag_diff *diff, size_t i);

/**
 * @brief Number of triangles in a set.
 * @param diff the diff.
 * @param set  which set.
 * @return the count.
 */
size_t ag_diff_triangle_count(const ag_diff *diff, ag_triangle_set set);

/**
 * @brief Triangle @p i of a set, in (x, y, z) order.
 * @param diff the diff.
 * @param set  which set.
 * @param i    0 ≤ i < ag_diff_triangle_count().
 * @return the triangle, or NULL when out of range.
 */
const ag_triangle *ag_diff_triangle(const ag_diff *diff, ag_triangle_set set, size_t i);

/**
 * @brief Name of a status: `added`, `removed`, `strengthened`, `weakened`, `flipped`, `unchanged`.
 * @param status the status.
 * @return a static string.
 */
const char *ag_diff_status_name(ag_diff_status status);

/**
 * @brief Structural balance of one network (as ag_diff_summary::balance_a).
 * @param net the network.
 * @param out receives the figures.
 * @param err receives the message on failure (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_network_balance(const ag_network *net, ag_balance *out, ag_error *err);

/**
 * @brief Similarity of every pair of @p n networks: weighted Jaccard and
 *        correlation as in ag_diff_summary, row-major n × n (diagonal 1).
 * @param nets        the networks.
 * @param n           their number.
 * @param wjaccard    receives n × n values (caller-allocated).
 * @param correlation receives n × n values (caller-allocated; NaN where undefined).
 * @param err         receives the message on failure (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_compare_matrix(const ag_network *const *nets, size_t n, double *wjaccard, double *correlation,
                            ag_error *err);

/**
 * @brief Writes the diff as node-link JSON: nodes with both sides' mentions,
 *        links with `status`, `delta_per_1k` and both sides' figures under `a`
 *        and `b`; `graph` holds both networks' descriptions, the summary,
 *        the movers and the balance with its triangles.
 * @param diff the diff.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_diff_export_json(const ag_diff *diff, ag_sink *sink, ag_error *err);

/**
 * @brief Writes the diff as GraphML: nodes with `label`, `mentions_a`, `mentions_b`;
 *        edges with `status`, `delta_per_1k` and both sides' figures as flat keys
 *        (`a_weight`, `b_weight`, `a_stance`, `a_per_1k_sentences`, ...), all declared.
 * @param diff the diff.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_diff_export_graphml(const ag_diff *diff, ag_sink *sink, ag_error *err);

/**
 * @brief Writes the summary alone as a JSON object (the `graph.summary` of ag_diff_export_json()).
 * @param diff the diff.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_diff_export_summary_json(const ag_diff *diff, ag_sink *sink, ag_error *err);

/**
 * @brief Writes the summary as a short aligned text table for people, with the
 *        biggest movers and one evidence sentence from each side.
 * @param diff the diff.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_diff_export_summary_text(const ag_diff *diff, ag_sink *sink, ag_error *err);

/**
 * @brief Lays out the union of both networks once (Graphviz, ag_export_options::layout,
 *        fixed seed) and keeps the node positions, so that the diagrams of A, B and the
 *        diff drawn afterwards put every actor in the same place. Not thread-safe.
 * @param diff the diff.
 * @param opt  options (may be NULL for defaults).
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL (unknown layout), ::AG_EGRAPHVIZ or ::AG_ENOMEM.
 */
ag_status ag_diff_layout(ag_diff *diff, const ag_export_options *opt, ag_error *err);

/**
 * @brief Writes a diagram of the diff (edges styled by status, with a legend), or of
 *        network A or B alone, as DOT or SVG; with the positions of ag_diff_layout()
 *        pinned when it was called. Not thread-safe.
 * @param diff   the diff.
 * @param which  0: network A, 1: network B, 2: the diff.
 * @param format `svg` or `dot`.
 * @param opt    options (may be NULL for defaults).
 * @param sink   where the bytes go.
 * @param err    receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL, ::AG_EIO, ::AG_EGRAPHVIZ or ::AG_ENOMEM.
 */
ag_status ag_diff_export_diagram(const ag_diff *diff, int which, const char *format, const ag_export_options *opt,
                                 ag_sink *sink, ag_error *err);

/**
 * @brief Writes small multiples: @p n networks as panels of one SVG, in a grid, every
 *        actor at the same place in every panel (the union of all is laid out once
 *        with ag_export_options::layout, fixed seed). Edge colour is stance, width the
 *        weight per 1,000 sentences on one scale for all panels. Not thread-safe.
 * @param nets  the networks.
 * @param names the panels' titles (may be NULL, or hold NULLs).
 * @param n     the number of networks (at least 1).
 * @param opt   options (may be NULL): layout, and title of the whole figure.
 * @param sink  where the bytes go.
 * @param err   receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL, ::AG_EIO, ::AG_EGRAPHVIZ or ::AG_ENOMEM.
 */
ag_status ag_export_small_multiples(const ag_network *const *nets, const char *const *names, size_t n,
                                    const ag_export_options *opt, ag_sink *sink, ag_error *err);

#ifdef __cplusplus
}
#endif
#endif
