/**
 * @file lexicon.h
 * @brief Actors, aliases and stance cues, loaded from JSON.
 *
 * A lexicon is a JSON object:
 * @code{.json}
 * {
 *   "name": "default",
 *   "actors": [
 *     {"id": "US", "label": "United States", "group": "state", "color": "#4477aa",
 *      "aliases": ["United States", "U.S.", "US", "Washington"],
 *      "exclude": ["US Open"]}
 *   ],
 *   "cues": {
 *     "cooperation": {"symmetric": ["agreed", "talks"], "directed": ["supports"]},
 *     "conflict":    {"symmetric": ["tensions"],        "directed": ["accused", "against"]}
 *   },
 *   "negators": ["not", "never"],
 *   "reversers": ["stopped", "suspended", "lifted"],
 *   "clause_breaks": ["while", "whereas", "but", "however", "which"],
 *   "coordinators": ["and", "as well as", "along with"],
 *   "binders": ["between", "among"],
 *   "reciprocals": ["each other", "one another"],
 *   "neutral": ["attack helicopters"],
 *   "boilerplate": ["Read more:", "Leave a Reply"]
 * }
 * @endcode
 *
 * Aliases and cues are case-insensitive, except aliases written in capitals
 * of at most five letters (`US`, `IS`, `U.S.`, `ISIS`, `NATO`), which are
 * case-sensitive so that "us" and "is" never match. An alias may also be an
 * object `{"text": "...", "case": "sensitive"|"insensitive"}` to say so
 * explicitly. A cue may be an object `{"text": "...", "strength": 2}`.
 * `exclude` lists longer names in which an alias is not this actor.
 * `neutral` lists phrases that are not cues although they contain one.
 * Negators turn a following cooperation cue into conflict and cancel a
 * conflict cue (`did not accuse`); reversers flip either (`stopped aid`,
 * `lifted sanctions`). Only `actors` is required; `negators`, `reversers`, `clause_breaks`, `coordinators`,
 * `binders`, `reciprocals`, `neutral` and `boilerplate` take English
 * defaults when absent.
 */
#ifndef ACTORGRAPH_LEXICON_H
#define ACTORGRAPH_LEXICON_H

#include <stddef.h>

#include "actorgraph/corpus.h"
#include "actorgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A compiled lexicon (opaque). Immutable after loading; safe to share between threads. */
typedef struct ag_lexicon ag_lexicon;

/**
 * @brief Loads a lexicon from a JSON file.
 * @param path file to read.
 * @param out  receives the lexicon; free it with ag_lexicon_free().
 * @param err  on failure receives `path:line:col: why` (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE (bad JSON or bad lexicon) or ::AG_ENOMEM.
 */
ag_status ag_lexicon_load_file(const char *path, ag_lexicon **out, ag_error *err);

/**
 * @brief Loads a lexicon from JSON in memory.
 * @param json bytes of the JSON text (need not be NUL-terminated).
 * @param len  number of bytes.
 * @param name name used in error messages (a file name or `<default>`).
 * @param out  receives the lexicon; free it with ag_lexicon_free().
 * @param err  on failure receives `name:line:col: why` (may be NULL).
 * @return ::AG_OK, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_lexicon_load_buffer(const char *json, size_t len, const char *name, ag_lexicon **out,
                                 ag_error *err);

/** One warning of ag_lexicon_lint_file(): an entry that loads but likely does not do what was meant. */
typedef struct ag_lexicon_warning {
    const char *file;    /**< The file (or name) given. */
    size_t line;         /**< 1-based line of the entry, 0 when unknown. */
    size_t col;          /**< 1-based column in characters, 0 when unknown. */
    const char *path;    /**< JSON path of the entry, e.g. `actors[2].aliases[0]`. */
    const char *message; /**< What is wrong and what to do about it. */
} ag_lexicon_warning;

/**
 * @brief Receives each lint warning, in the order found.
 * @param userdata the pointer given to the lint call.
 * @param warning  the warning; its strings are valid during the call only.
 */
typedef void (*ag_lexicon_lint_fn)(void *userdata, const ag_lexicon_warning *warning);

/**
 * @brief Validates a lexicon file like ag_lexicon_load_file(), then lints it.
 *
 * Warnings: an alias that is a common English word and matches
 * case-insensitively (`us`, `china`, `may`); an alias with no letter or
 * digit (it matches punctuation); a case-insensitive alias equal to a word
 * of a default grammar list the lexicon leaves out (`Never` with no
 * `negators`: the default word gives way, so `never` no longer negates); an
 * actor without aliases (never found); a cue or grammar word that contains
 * an alias (where it matches, the name is hidden); an id, alias, exclusion
 * or word listed twice in one list, or twice differing only in case. Errors
 * (a JSON error, an alias of two actors, a word of two kinds such as a cue
 * listed as cooperation and as conflict, naming both places, ...) are
 * returned as by the loader, so an alias can never be hidden by an equal
 * cue, negator, grammar word or exclusion.
 * @param path       file to read.
 * @param fn         receives each warning (may be NULL to count only).
 * @param userdata   passed to @p fn.
 * @param n_warnings receives the number of warnings (may be NULL).
 * @param err        on failure receives `path:line:col: why` (may be NULL).
 * @return ::AG_OK (with or without warnings), ::AG_EIO, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_lexicon_lint_file(const char *path, ag_lexicon_lint_fn fn, void *userdata, size_t *n_warnings,
                               ag_error *err);

/**
 * @brief Validates and lints a lexicon held in memory (see ag_lexicon_lint_file()).
 * @param json       bytes of the JSON text (need not be NUL-terminated).
 * @param len        number of bytes.
 * @param name       name used in warnings and errors (a file name).
 * @param fn         receives each warning (may be NULL to count only).
 * @param userdata   passed to @p fn.
 * @param n_warnings receives the number of warnings (may be NULL).
 * @param err        on failure receives `name:line:col: why` (may be NULL).
 * @return ::AG_OK, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_lexicon_lint_buffer(const char *json, size_t len, const char *name, ag_lexicon_lint_fn fn,
                                 void *userdata, size_t *n_warnings, ag_error *err);

/** How often one lexicon entry matched a corpus; see ag_lexicon_stats_entries_buffer(). */
typedef struct ag_lexicon_entry_count {
    const char *file;   /**< The lexicon's file (or name); NULL for a built-in default word. */
    size_t line;        /**< 1-based line of the entry, 0 when unknown (a built-in default). */
    size_t col;         /**< 1-based column in characters, 0 when unknown. */
    const char *path;   /**< JSON path, e.g. `actors[2].aliases[0]`; for a default word, its list (`negators`). */
    const char *text;   /**< The entry as written. */
    const char *what;   /**< `alias`, `exclusion`, `neutral phrase`, `cooperation cue`, `conflict cue`, `negator`,
                             `reverser`, `clause break`, `coordinator`, `binder` or `reciprocal`. */
    int kind;           /**< Its ::ag_match_kind (scan.h). */
    const char *actor;  /**< Id of the actor of an alias or exclusion, else NULL. */
    int directed;       /**< Cues: 1 for a directed cue. */
    int strength;       /**< Cues: the strength (1 to 9), else 0. */
    size_t matches;     /**< Matches in the sentences read. */
    size_t documents;   /**< Documents with at least one match. */
} ag_lexicon_entry_count;

/**
 * @brief Receives each entry's counts, in the order of the lexicon file, built-in defaults last.
 * @param userdata the pointer given to ag_lexicon_stats_entries_buffer().
 * @param entry    the entry; its strings are valid during the call only.
 */
typedef void (*ag_lexicon_entry_fn)(void *userdata, const ag_lexicon_entry_count *entry);

/** Match counts of a lexicon over a corpus (opaque); one thread at a time may add to it. */
typedef struct ag_lexicon_stats ag_lexicon_stats;

/**
 * @brief Starts counting the matches of every pattern of @p lex.
 *
 * Counts follow what the extractor sees: the scanner's matches (ag_scan(),
 * leftmost-longest, so a pattern hidden inside a longer one does not count)
 * in the sentences of each document's normalised text, boilerplate lines
 * left out. Exclusions and neutral phrases count where they take effect. A
 * sentence repeated within a document counts each time (the extractor counts
 * it once).
 * @param lex the lexicon; must outlive the counts.
 * @param out receives the counts; free them with ag_lexicon_stats_free().
 * @param err on failure receives a message (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_lexicon_stats_new(const ag_lexicon *lex, ag_lexicon_stats **out, ag_error *err);

/**
 * @brief Counts the matches in one document, or one piece of a large one.
 * @param stats the counts.
 * @param doc   the document, e.g. from ag_reader_next(); a piece with ag_document::offset > 0
 *              continues the document before it.
 * @param err   on failure receives a message (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_lexicon_stats_add(ag_lexicon_stats *stats, const ag_document *doc, ag_error *err);

/**
 * @brief Counts the matches in every document of @p reader (skipping and
 * repairing input as the reader's options say, like `actorgraph build`).
 * @param stats  the counts.
 * @param reader the documents; read to the end unless an error stops it.
 * @param err    on failure receives the message (may be NULL).
 * @return ::AG_OK, or the reader's failure (see ag_reader_next()), or ::AG_ENOMEM.
 */
ag_status ag_lexicon_stats_read(ag_lexicon_stats *stats, ag_reader *reader, ag_error *err);

/**
 * @brief Number of documents counted so far (a document in pieces counts once).
 * @param stats the counts.
 * @return the number.
 */
size_t ag_lexicon_stats_documents(const ag_lexicon_stats *stats);

/**
 * @brief Number of sentences read so far.
 * @param stats the counts.
 * @return the number.
 */
size_t ag_lexicon_stats_sentences(const ag_lexicon_stats *stats);

/**
 * @brief Reports the counts entry by entry, with each entry's place in the lexicon JSON.
 *
 * @p json must be the text the lexicon was loaded from: every alias, exclusion,
 * cue and grammar word in it is reported, in file order, with its line and
 * column; then each built-in default word the lexicon uses (a list it leaves
 * out), without a place. An entry listed twice shares its counts with the
 * first listing. With @p json NULL, the lexicon's patterns are reported
 * without places (paths are list names).
 * @param stats    the counts.
 * @param json     bytes of the lexicon's JSON text (need not be NUL-terminated), or NULL.
 * @param len      number of bytes.
 * @param name     file name used in places and messages (e.g. `<default>` for ag_lexicon_default_json()).
 * @param fn       receives each entry.
 * @param userdata passed to @p fn.
 * @param err      on failure receives a message (may be NULL).
 * @return ::AG_OK, ::AG_EPARSE (bad JSON), ::AG_EINVAL (@p json holds an entry the lexicon lacks)
 *         or ::AG_ENOMEM.
 */
ag_status ag_lexicon_stats_entries_buffer(const ag_lexicon_stats *stats, const char *json, size_t len,
                                          const char *name, ag_lexicon_entry_fn fn, void *userdata, ag_error *err);

/**
 * @brief Like ag_lexicon_stats_entries_buffer(), with the JSON read from a file.
 * @param stats    the counts.
 * @param path     the lexicon file the lexicon was loaded from.
 * @param fn       receives each entry.
 * @param userdata passed to @p fn.
 * @param err      on failure receives a message (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE, ::AG_EINVAL or ::AG_ENOMEM.
 */
ag_status ag_lexicon_stats_entries_file(const ag_lexicon_stats *stats, const char *path, ag_lexicon_entry_fn fn,
                                        void *userdata, ag_error *err);

/**
 * @brief Frees the counts and sets the pointer to NULL.
 * @param stats address of the pointer; NULL or pointer to NULL is a no-op.
 */
void ag_lexicon_stats_free(ag_lexicon_stats **stats);

/**
 * @brief Loads the default lexicon embedded in the library (six actors).
 * @param out receives the lexicon; free it with ag_lexicon_free().
 * @param err on failure receives a message (may be NULL).
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_lexicon_load_default(ag_lexicon **out, ag_error *err);

/**
 * @brief The JSON text of the embedded default lexicon.
 * @param len receives its length in bytes (may be NULL).
 * @return static NUL-terminated text; do not free.
 */
const char *ag_lexicon_default_json(size_t *len);

/**
 * @brief Frees a lexicon and sets the pointer to NULL.
 * @param lex address of the lexicon pointer; NULL or pointer to NULL is a no-op.
 */
void ag_lexicon_free(ag_lexicon **lex);

/**
 * @brief The lexicon's name (its `name` field, or the file's base name).
 * @param lex the lexicon.
 * @return a string owned by @p lex.
 */
const char *ag_lexicon_name(const ag_lexicon *lex);

/**
 * @brief Number of actors.
 * @param lex the lexicon.
 * @return the count.
 */
size_t ag_lexicon_actor_count(const ag_lexicon *lex);

/**
 * @brief Id of actor @p i.
 * @param lex the lexicon.
 * @param i   actor index, 0 ≤ i < ag_lexicon_actor_count().
 * @return a string owned by @p lex.
 */
const char *ag_lexicon_actor_id(const ag_lexicon *lex, size_t i);

/**
 * @brief Display label of actor @p i (its id when the lexicon gives none).
 * @param lex the lexicon.
 * @param i   actor index.
 * @return a string owned by @p lex.
 */
const char *ag_lexicon_actor_label(const ag_lexicon *lex, size_t i);

/**
 * @brief Group of actor @p i.
 * @param lex the lexicon.
 * @param i   actor index.
 * @return a string owned by @p lex, or NULL.
 */
const char *ag_lexicon_actor_group(const ag_lexicon *lex, size_t i);

/**
 * @brief Colour of actor @p i (`#rrggbb`).
 * @param lex the lexicon.
 * @param i   actor index.
 * @return a string owned by @p lex, or NULL.
 */
const char *ag_lexicon_actor_color(const ag_lexicon *lex, size_t i);

/**
 * @brief Index of the actor with id @p id.
 * @param lex the lexicon.
 * @param id  the actor id.
 * @return the index, or -1 when there is none.
 */
long ag_lexicon_find_actor(const ag_lexicon *lex, const char *id);

#ifdef __cplusplus
}
#endif
#endif
