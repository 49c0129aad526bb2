/**
 * @file network.h
 * @brief The actor network: nodes, weighted signed edges, counts and evidence.
 *
 * Nodes are actors; there is one undirected edge per pair of actors that
 * co-occurred in at least one window. An edge's source is the endpoint whose
 * id sorts first (byte order); the per-direction figures say which way
 * directed observations (`A accused B`) went. Nodes are ordered by id, edges
 * by (source id, target id), so every writer is deterministic.
 */
#ifndef ACTORGRAPH_NETWORK_H
#define ACTORGRAPH_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "actorgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Schema version of the network JSON this library writes and reads. */
#define AG_NETWORK_SCHEMA 1

/** A network (opaque). */
typedef struct ag_network ag_network;

/** One actor of the network. */
typedef struct ag_node_info {
    const char *id;     /**< Unique id. */
    const char *label;  /**< Display label. */
    const char *group;  /**< Group, or NULL. */
    const char *color;  /**< `#rrggbb`, or NULL. */
    uint64_t mentions;  /**< Alias matches counted in the text. */
    uint64_t documents; /**< Documents that mention the actor. */
} ag_node_info;

/** Counts of windows, by stance. */
typedef struct ag_counts {
    uint64_t weight;      /**< Windows. */
    uint64_t cooperation; /**< Windows whose cues were, on balance, cooperative. */
    uint64_t conflict;    /**< Windows whose cues were, on balance, conflictual. */
    uint64_t neutral;     /**< Windows with no deciding cue. */
} ag_counts;

/** One supporting sentence of an edge. */
typedef struct ag_evidence {
    const char *doc;          /**< Document id. */
    uint64_t sentence;        /**< 1-based sentence number within the document. */
    uint64_t start;           /**< Byte offset of the sentence in the normalised document text. */
    uint64_t end;             /**< Byte offset one past its end. */
    const char *text;         /**< The sentence. */
    int stance;               /**< +1, -1 or 0: what the sentence said of this pair. */
    const char *const *cues;  /**< Cue words that decided the stance. */
    size_t n_cues;            /**< Number of cues. */
} ag_evidence;

/** One edge (unordered pair of actors). */
typedef struct ag_edge_info {
    size_t source;            /**< Node index of the endpoint whose id sorts first. */
    size_t target;            /**< Node index of the other endpoint. */
    ag_counts total;          /**< All windows in which the pair co-occurred. */
    uint64_t documents;       /**< Distinct documents with such a window. */
    double stance;            /**< (cooperation - conflict) / weight, in [-1, 1]. */
    ag_counts forward;        /**< Directed observations source -> target. */
    ag_counts backward;       /**< Directed observations target -> source. */
    const ag_evidence *evidence; /**< Up to the evidence cap, best first. */
    size_t n_evidence;        /**< Number of evidence sentences. */
} ag_edge_info;

/** Figures about the whole network. Strings are owned by the network. */
typedef struct ag_graph_info {
    const char *generator;  /**< `actorgraph X.Y.Z`. */
    const char *window;     /**< `sentence`, `paragraph`, `document` or `N-sentences`. */
    const char *lexicon;    /**< Lexicon name. */
    const char *date_min;   /**< Earliest document date, or NULL. */
    const char *date_max;   /**< Latest document date, or NULL. */
    uint64_t documents;     /**< Documents read. */
    uint64_t sentences;     /**< Sentences counted (duplicates and boilerplate excluded). */
    unsigned evidence_cap;  /**< Evidence sentences kept per edge at most. */
} ag_graph_info;

/**
 * @brief Creates an empty network.
 * @param out receives the network; free it with ag_network_free().
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_network_new(ag_network **out);

/**
 * @brief Frees a network and sets the pointer to NULL.
 * @param net address of the network pointer (NULL-safe).
 */
void ag_network_free(ag_network **net);

/**
 * @brief Graph-level figures.
 * @param net the network.
 * @return figures valid while the network lives, or NULL when out of memory.
 */
const ag_graph_info *ag_network_graph(const ag_network *net);

/**
 * @brief Number of nodes (including actors with no mention; see ag_node_info::mentions).
 * @param net the network.
 * @return the count.
 */
size_t ag_network_node_count(const ag_network *net);

/**
 * @brief Node @p i in id order.
 * @param net the network.
 * @param i   0 ≤ i < ag_network_node_count().
 * @return the node, valid until the network changes; NULL when out of range.
 */
const ag_node_info *ag_network_node(const ag_network *net, size_t i);

/**
 * @brief Number of edges.
 * @param net the network.
 * @return the count.
 */
size_t ag_network_edge_count(const ag_network *net);

/**
 * @brief Edge @p i in (source id, target id) order.
 * @param net the network.
 * @param i   0 ≤ i < ag_network_edge_count().
 * @return the edge, valid until the network changes; NULL when out of range.
 */
const ag_edge_info *ag_network_edge(const ag_network *net, size_t i);

/**
 * @brief Index of the node with id @p id (in id order).
 * @param net the network.
 * @param id  the node id.
 * @return the index, or -1 when there is none.
 */
long ag_network_find_node(const ag_network *net, const char *id);

#ifdef __cplusplus
}
#endif
#endif
