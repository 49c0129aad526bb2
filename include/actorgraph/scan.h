/**
 * @file scan.h
 * @brief One automaton over every alias and cue of a lexicon.
 *
 * The scanner is an Aho-Corasick automaton compiled into a dense DFA over
 * case-folded byte classes: one table load per input byte. Matches are whole
 * words (hyphens, apostrophes, quotes and brackets are boundaries, so
 * `Indo-US` and `Russia’s` match), case-sensitive patterns are checked
 * against the original bytes, and overlapping matches resolve to the
 * leftmost, then longest.
 */
#ifndef ACTORGRAPH_SCAN_H
#define ACTORGRAPH_SCAN_H

#include <stddef.h>

#include "actorgraph/error.h"
#include "actorgraph/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a match is. */
typedef enum ag_match_kind {
    AG_MATCH_ACTOR = 0,  /**< An alias of an actor; `value` is the actor index. */
    AG_MATCH_COOPERATION,/**< A cooperation cue. */
    AG_MATCH_CONFLICT,   /**< A conflict cue. */
    AG_MATCH_NEGATOR,    /**< A negator (`not`, `never`): cooperation becomes conflict, conflict nothing. */
    AG_MATCH_CLAUSE,     /**< A clause break (`while`, `whereas`, `but`). */
    AG_MATCH_COORD,      /**< A coordinator (`and`, `as well as`). */
    AG_MATCH_BINDER,     /**< A binder (`between`, `among`). */
    AG_MATCH_EXCLUDE,    /**< An excluded longer name or a neutral phrase; it hides matches inside it. */
    AG_MATCH_RECIPROCAL, /**< A reciprocal (`each other`): a directed cue links its own subjects. */
    AG_MATCH_REVERSER    /**< A reverser (`stopped`, `lifted`): flips the cue that follows either way. */
} ag_match_kind;

/** One match in the scanned text. */
typedef struct ag_match {
    size_t start;          /**< Offset of the first byte. */
    size_t end;            /**< Offset one past the last byte. */
    unsigned pattern;      /**< Index of the pattern in the lexicon (see ag_scanner_pattern_text()). */
    unsigned char kind;    /**< An ::ag_match_kind. */
    unsigned char directed;/**< For cues: 1 when the cue has a source and a target (`accused`). */
    short strength;        /**< For cues: strength (default 1). */
    int value;             /**< For ::AG_MATCH_ACTOR: the actor index; otherwise 0. */
} ag_match;

/** A growable list of matches; zero-initialise before first use. */
typedef struct ag_matches {
    ag_match *items; /**< Matches in text order, not overlapping. */
    size_t count;    /**< Number of matches. */
    size_t cap;      /**< Allocated capacity. */
} ag_matches;

/** A compiled scanner (opaque); immutable, safe to share between threads. */
typedef struct ag_scanner ag_scanner;

/**
 * @brief Compiles the scanner for a lexicon.
 * @param lex the lexicon; must outlive the scanner.
 * @param out receives the scanner; free it with ag_scanner_free().
 * @param err receives a message on failure (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_scanner_new(const ag_lexicon *lex, ag_scanner **out, ag_error *err);

/**
 * @brief Frees a scanner and sets the pointer to NULL.
 * @param sc address of the scanner pointer (NULL-safe).
 */
void ag_scanner_free(ag_scanner **sc);

/**
 * @brief Finds every match in @p text.
 * @param sc   the scanner.
 * @param text bytes to scan (normalised UTF-8).
 * @param len  number of bytes.
 * @param out  cleared, then filled in text order; reuse across calls.
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_scan(const ag_scanner *sc, const char *text, size_t len, ag_matches *out);

/**
 * @brief Like ag_scan(), but also lists the exclusions and neutral phrases that matched.
 *
 * ag_scan() drops an ::AG_MATCH_EXCLUDE match once it has hidden what lies
 * inside it; this keeps it (with ag_match::value 0), so that a count of the
 * matches can say which exclusions ever took effect. The other matches are
 * the same as ag_scan()'s.
 * @param sc   the scanner.
 * @param text bytes to scan (normalised UTF-8).
 * @param len  number of bytes.
 * @param out  cleared, then filled in text order; reuse across calls.
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_scan_all(const ag_scanner *sc, const char *text, size_t len, ag_matches *out);

/**
 * @brief The lexicon text of a pattern (as written in the lexicon).
 * @param sc      the scanner.
 * @param pattern ag_match::pattern.
 * @return text owned by the lexicon.
 */
const char *ag_scanner_pattern_text(const ag_scanner *sc, unsigned pattern);

/**
 * @brief Frees the storage of a match list and zeroes it.
 * @param m the list (may be NULL).
 */
void ag_matches_free(ag_matches *m);

#ifdef __cplusplus
}
#endif
#endif
