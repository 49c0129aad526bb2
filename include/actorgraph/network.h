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
    const char *dedup;      /**< `document` or `corpus`: which copies of a sentence counted once (see ::ag_dedup). */
    uint64_t folded;        /**< Copies of earlier sentences left out with `corpus` (not in @ref sentences). */
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

/**
 * @brief Adds network @p from to network @p into: the network of the documents of both.
 *
 * Nodes are matched by id (label, group and colour: the first network that
 * gives them wins); every count is summed (node mentions and documents, edge
 * windows by stance, per direction, documents; graph documents,
 * sentences and folded copies); the date range widens; each edge keeps the
 * best evidence of both by the order a single run uses, up to the evidence cap. For networks
 * of disjoint sets of documents the result equals the network of one run
 * over all of them, whatever the split, and merging is associative and
 * commutative. A network that was never described (new from
 * ag_network_new(), not given to an extractor, a reader or a merge) takes
 * the window, lexicon name, evidence cap and dedup mode of the first network
 * merged into it. Copies are folded within each network only: merging
 * networks built with `corpus` dedup does not fold a sentence found in both.
 *
 * @param into the network that receives; on ::AG_ENOMEM it is left valid but
 *             partly merged (free it).
 * @param from the network added; not changed. Must not be @p into.
 * @param err  receives the message on failure (may be NULL).
 * @return ::AG_OK; ::AG_EINVAL when the two were built with different windows,
 *         lexicon names, evidence caps or dedup modes (nothing is changed then);
 *         ::AG_ENOMEM.
 */
ag_status ag_network_merge(ag_network *into, const ag_network *from, ag_error *err);

/**
 * @brief Reads a network JSON file (as ag_export_json() writes it).
 *
 * Strict JSON, valid UTF-8. Counts are checked (whole, non-negative,
 * cooperation + conflict + neutral = weight, per direction too), every link
 * must join two listed nodes, ids and pairs must be unique, and the file must
 * say it is an actorgraph network (`graph.generator`) of schema
 * ::AG_NETWORK_SCHEMA. Derived figures (stance, degrees, link ids) are
 * recomputed, not read. Written back with ag_export_json(), a file this
 * version wrote comes out byte for byte the same.
 *
 * @param path the file.
 * @param out  receives the network (free with ag_network_free()); NULL on failure.
 * @param err  receives `path:line:col: why` for JSON syntax, `path: links[3].weight: why`
 *             for content, `path: why` when the file cannot be read (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_network_load_file(const char *path, ag_network **out, ag_error *err);

/**
 * @brief Reads the text of a network JSON file into memory, for ag_network_load_next().
 *
 * Reading stops early with ::AG_EPARSE on a NUL byte (no JSON text holds one) or
 * past 1 GiB, so that `/dev/zero` or an endless pipe is an error, not an
 * exhausted memory. ag_network_load_file() reads with the same rules.
 * @param path the file; `-` reads standard input.
 * @param text receives the malloc'd text, NUL-terminated (the caller frees it).
 * @param len  receives its length in bytes.
 * @param err  receives `path: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_network_read_text(const char *path, char **text, size_t *len, ag_error *err);

/**
 * @brief Reads a network from JSON text in memory; as ag_network_load_file().
 * @param json the text (need not be NUL-terminated; a UTF-8 BOM is skipped).
 * @param len  its length in bytes.
 * @param name names the input in messages (NULL: `network`).
 * @param out  receives the network (free with ag_network_free()); NULL on failure.
 * @param err  receives the message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_network_load_buffer(const char *json, size_t len, const char *name, ag_network **out,
                                 ag_error *err);

/**
 * @brief Reads the next of several networks written one after another (as
 *        `cat a.json b.json` gives, or one compact network per line).
 *
 * Start with `*offset = 0` and call until `*out` is NULL. Line and column in
 * messages count from the start of @p json; content errors of a network that
 * does not start the text name its first line (`name: network at line 120: links[3]: why`).
 *
 * @param json   the text (a UTF-8 BOM at its start is skipped).
 * @param len    its length in bytes.
 * @param offset where to start reading; advanced past the network read.
 * @param name   names the input in messages (NULL: `network`).
 * @param out    receives the network (free with ag_network_free()), or NULL when
 *               only white space is left.
 * @param err    receives the message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_network_load_next(const char *json, size_t len, size_t *offset, const char *name,
                               ag_network **out, ag_error *err);

#ifdef __cplusplus
}
#endif
#endif
