/**
 * @file extract.h
 * @brief From documents to relations: co-occurrence windows, stance, direction
 * and evidence, accumulated into an ::ag_network.
 *
 * Each window (a sentence by default) in which two actors are both mentioned
 * adds 1 to the pair's weight. Cues in the window are attributed to the pair
 * they speak for: clauses are split at `;`, `:` and clause-break words; a
 * directed cue links the nearest group of actors before it (source) to the
 * nearest group after it (target); a symmetric cue links coordinated actors
 * (`A and B agreed`), the pair after `between`, or the nearest actors on
 * either side. Negators within four words before a cue turn cooperation into
 * conflict and cancel conflict. The window then counts as cooperative,
 * conflictual or neutral for the pair by the sign of the summed cue strengths.
 * Repeated identical sentences within a document count once (among its last
 * million sentences, so memory stays bounded). With ::AG_DEDUP_CORPUS a
 * sentence whose normalised form (see ::ag_dedup) came earlier in any
 * document also counts for nothing: syndicated copies of an article add no
 * weight, no mentions and no evidence, in any window.
 *
 * A document may come in pieces (ag_document::offset, ag_document::more): the
 * document's counts, sentence numbers and offsets run on across its pieces,
 * while windows end with each piece.
 */
#ifndef ACTORGRAPH_EXTRACT_H
#define ACTORGRAPH_EXTRACT_H

#include <stddef.h>

#include "actorgraph/corpus.h"
#include "actorgraph/error.h"
#include "actorgraph/lexicon.h"
#include "actorgraph/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Co-occurrence window. */
typedef enum ag_window {
    AG_WINDOW_SENTENCE = 0, /**< One sentence. */
    AG_WINDOW_PARAGRAPH,    /**< One paragraph (text between blank lines). */
    AG_WINDOW_DOCUMENT,     /**< The whole document. */
    AG_WINDOW_SENTENCES     /**< Consecutive blocks of ag_extract_options::window_size sentences. */
} ag_window;

/**
 * Which copies of a sentence count once.
 *
 * The normalised form of a sentence, used by ::AG_DEDUP_CORPUS, is its words
 * joined by single spaces: a word is a run of ASCII letters and digits and of
 * non-ASCII characters other than U+00A0–U+00BF (no-break space, «, », ·, …)
 * and U+2000–U+206F (dashes, curly quotes, ellipsis, special spaces); ASCII
 * letters are compared in lower case. So copies differing in case, white
 * space, punctuation or quote style are one sentence; a sentence without
 * words (`***`) is never a copy.
 */
typedef enum ag_dedup {
    AG_DEDUP_DOCUMENT = 0, /**< A sentence repeated byte for byte within one document counts once (default). */
    AG_DEDUP_CORPUS        /**< Also: a sentence whose normalised form came earlier in the input counts for
                                nothing (a folded copy, counted in ag_graph_info::folded). */
} ag_dedup;

/** Options of an extractor. Initialise with ag_extract_options_init(). */
typedef struct ag_extract_options {
    ag_window window;        /**< Window kind (default ::AG_WINDOW_SENTENCE). */
    unsigned window_size;    /**< Sentences per window for ::AG_WINDOW_SENTENCES. */
    unsigned evidence;       /**< Evidence sentences kept per edge (default 3). */
    ag_dedup dedup;          /**< Copies folded within each document (default) or across the corpus.
                                  With ::AG_DEDUP_CORPUS an extractor remembers every distinct
                                  sentence it has seen (a 64-bit hash, 11 to 22 bytes each), in
                                  the order documents are given to it. */
} ag_extract_options;

/**
 * @brief Sets @p opt to the defaults: sentence window, 3 evidence sentences,
 *        copies folded within each document.
 * @param opt the options to initialise.
 */
void ag_extract_options_init(ag_extract_options *opt);

/**
 * @brief Parses a dedup mode: `document` or `corpus`.
 * @param name the name.
 * @param opt  receives the mode in ag_extract_options::dedup.
 * @return ::AG_OK or ::AG_EINVAL.
 */
ag_status ag_extract_parse_dedup(const char *name, ag_extract_options *opt);

/**
 * @brief Parses a window name: `sentence`, `paragraph`, `document` or a count N ≥ 1.
 * @param name the name.
 * @param opt  receives the window kind and size.
 * @return ::AG_OK or ::AG_EINVAL.
 */
ag_status ag_extract_parse_window(const char *name, ag_extract_options *opt);

/** An extractor (opaque): scratch space for one thread. */
typedef struct ag_extractor ag_extractor;

/**
 * @brief Creates an extractor and prepares @p net for it (adds the lexicon's
 *        actors as nodes and records the window and lexicon name).
 * @param lex the lexicon; must outlive the extractor.
 * @param opt options (NULL for defaults).
 * @param net the network to accumulate into; must outlive the extractor.
 * @param out receives the extractor; free it with ag_extractor_free().
 * @param err receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL or ::AG_ENOMEM.
 */
ag_status ag_extractor_new(const ag_lexicon *lex, const ag_extract_options *opt, ag_network *net,
                           ag_extractor **out, ag_error *err);

/**
 * @brief Extracts the relations of one document into the extractor's network.
 *
 * With ::AG_DEDUP_CORPUS, copies are folded among all documents given to this
 * extractor, in the order given (ag_pipeline_run() does it for all its
 * threads at once, in input order).
 * @param ex  the extractor.
 * @param doc the document (its text must be normalised, see ag_text_normalize()).
 * @param err receives a message on failure (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_extract_document(ag_extractor *ex, const ag_document *doc, ag_error *err);

/**
 * @brief Frees an extractor and sets the pointer to NULL. The network is kept.
 * @param ex address of the extractor pointer (NULL-safe).
 */
void ag_extractor_free(ag_extractor **ex);

#ifdef __cplusplus
}
#endif
#endif
