/* Building a network: used by the extractor and by readers of network files. */
#ifndef AG_NETWORK_INTERNAL_H
#define AG_NETWORK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "actorgraph/network.h"

/* Adds a node (copies the strings); *index receives its insertion index, which
 * stays valid for the ag_i_ calls below (public accessors use id order). A NULL
 * label shows the id. An id already present is not added again: *index receives
 * that node's index and its label, group and colour stay as they are. */
ag_status ag_i_network_add_node(ag_network *net, const char *id, const char *label, const char *group,
                                const char *color, size_t *index);

/* 1 and *index = its insertion index when a node has this id, else 0 (hash lookup). */
int ag_i_network_find_id(const ag_network *net, const char *id, size_t *index);

/* Adds to node @index's mentions and documents. */
void ag_i_network_add_node_counts(ag_network *net, size_t index, uint64_t mentions, uint64_t documents);

/* Sets the graph-level description (strings copied; NULL keeps the old value). */
ag_status ag_i_network_describe(ag_network *net, const char *window, const char *lexicon,
                                unsigned evidence_cap);

/* Records the dedup mode: 0 copies counted once within each document, 1 across the corpus. */
void ag_i_network_set_dedup(ag_network *net, int corpus);

/* Counts copies of earlier sentences that --dedup corpus left out. */
void ag_i_network_add_folded(ag_network *net, uint64_t folded);

/* Counts one document with its date (may be NULL) and number of sentences. */
ag_status ag_i_network_add_document(ag_network *net, const char *date, uint64_t sentences);

/* Counts documents and sentences read elsewhere; the date range widens to take
 * in [date_min, date_max] (either may be NULL). */
ag_status ag_i_network_add_documents(ag_network *net, uint64_t documents, uint64_t sentences,
                                     const char *date_min, const char *date_max);

/* Adds mentions of node @index; first_in_doc counts a document for it. */
void ag_i_network_add_mentions(ag_network *net, size_t index, uint64_t mentions, int first_in_doc);

/* An evidence candidate; strings are copied only when it is kept. */
typedef struct ag_i_evidence_in {
    const char *doc;
    uint64_t sentence;
    uint64_t start, end;
    const char *text;
    size_t text_len;
    int stance;
    const char *const *cues;
    size_t n_cues;
} ag_i_evidence_in;

/* One window in which nodes a and b (insertion indices, a != b) co-occurred. */
typedef struct ag_i_window_obs {
    size_t a, b;
    int stance;            /* sign of the pair's summed cues: +1, -1 or 0 */
    int has_ab, stance_ab; /* a directed observation a -> b, and its sign */
    int has_ba, stance_ba; /* b -> a */
    int first_in_doc;      /* first window of this pair in the current document */
    const ag_i_evidence_in *evidence; /* may be NULL */
} ag_i_window_obs;

ag_status ag_i_network_add_window(ag_network *net, const ag_i_window_obs *obs);

/* Adds counts to the edge of nodes a and b (insertion indices, a != b; created when
 * missing): @total to all windows, @ab to a -> b, @ba to b -> a. */
ag_status ag_i_network_add_edge(ag_network *net, size_t a, size_t b, const ag_counts *total,
                                const ag_counts *ab, const ag_counts *ba, uint64_t documents);

/* 1 and *index = the edge's insertion index (0, 1, ... in order of creation) when
 * nodes a and b (either order) have an edge, else 0. */
int ag_i_network_find_edge(const ag_network *net, size_t a, size_t b, size_t *index);

/* Offers an evidence sentence to the existing edge of a and b: kept, in order, when
 * it is among the best evidence_cap (AG_EINVAL when there is no such edge). */
ag_status ag_i_network_add_evidence(ag_network *net, size_t a, size_t b, const ag_i_evidence_in *in);

/* Orders evidence: 1 when x should come before y (cue-deciding sentences first,
 * then document id, then sentence number). Kept evidence, of a single run and of
 * a merge alike, is the best evidence_cap by this order, ties broken by the
 * remaining fields (offsets, stance, text, cues) so that the order is total. */
int ag_i_evidence_before(int x_stance, const char *x_doc, uint64_t x_sentence, int y_stance,
                         const char *y_doc, uint64_t y_sentence);

#endif
