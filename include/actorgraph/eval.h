/**
 * @file eval.h
 * @brief Extraction quality against gold: pair recall and precision, sign and
 * direction accuracy, overall, on records with a signed gold event, and per actor.
 *
 * Gold is JSON Lines, one object per sentence or document:
 * @code{.json}
 * {"id": "r1", "text": "Russia and Pakistan agreed to hold talks.",
 *  "events": [{"source": "Russia", "target": "Pakistan", "stance": 1}]}
 * @endcode
 *
 * Each record's `text` is extracted on its own (one document, the
 * extractor's window) and compared with its `events`:
 *
 * - **Actors.** An event names its actors by `source_actor`/`target_actor`
 *   when the record has those keys (PETRARCH-style gold: the country-level
 *   code without the agent part), else by `source`/`target`. A code is
 *   looked up in the code map (ag_eval_map_code()), then as a lexicon actor
 *   id. An event whose actor is null or unknown, or whose two actors are the
 *   same, is not scored (counted, and unknown codes are listed).
 * - **Pairs.** The unit is the unordered pair per record. Several events on
 *   one pair count once: their stances agree (the pair has that sign),
 *   disagree (mixed: sign not scored) or are all null (sign not scored);
 *   their directions are united.
 * - **Ours.** A pair is *related* by the extractor when, in that record, it
 *   has a window with a stance or a directed observation: the extractor
 *   attributed a cue to it. Pairs that merely co-occur are not related (a
 *   network edge of weight only); they are scored apart as co-occurrence.
 * - **pair recall** = gold pairs we relate / gold pairs.
 *   **precision** = pairs we relate that are gold pairs / pairs we relate;
 *   in a record without gold events (`noevents`) every pair we relate is a
 *   false one.
 *   **sign accuracy** = of the gold pairs we relate that have a sign, those
 *   whose stance (sign of cooperative minus conflictual windows) matches.
 *   **direction accuracy** = of the gold pairs we relate where gold and we
 *   both give a direction, those where every way we observed is a way gold
 *   codes (gold `A→B` and `B→A` for a visit and its reception: our `A→B`
 *   alone is right; gold `A→B` alone: our `B→A` is wrong).
 *   **co-occurrence recall / precision**: the same with every network edge
 *   (both actors named in one window) counted as ours.
 * - **Signed records**: records with at least one scored event with a stance;
 *   scored again on their own (the subset the peer targets are set on).
 * - Records with `"evaluate": false` are skipped and counted.
 *
 * A ratio whose denominator is zero is undefined: -1 in ::ag_eval_scores,
 * null in the JSON report.
 *
 * One extractor and one network serve every record (the lexicon's scanner
 * is compiled once); each record's relations are the change it made to the
 * network, so thousands of records take a fraction of a second.
 */
#ifndef ACTORGRAPH_EVAL_H
#define ACTORGRAPH_EVAL_H

#include <stddef.h>

#include "actorgraph/error.h"
#include "actorgraph/export.h"
#include "actorgraph/extract.h"
#include "actorgraph/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of an evaluation. Initialise with ag_eval_options_init(). */
typedef struct ag_eval_options {
    ag_extract_options extract; /**< Window of the extractor (evidence is not kept). */
    size_t max_misses;          /**< Misses kept for the report (default 20; 0 keeps none). */
} ag_eval_options;

/**
 * @brief Sets @p opt to the defaults: sentence window, 20 misses kept.
 * @param opt the options to initialise.
 */
void ag_eval_options_init(ag_eval_options *opt);

/** An evaluation in progress (opaque): add records, then read the scores. */
typedef struct ag_eval ag_eval;

/**
 * @brief Creates an evaluation.
 * @param lex the lexicon; must outlive the evaluation.
 * @param opt options (NULL for defaults).
 * @param out receives the evaluation; free it with ag_eval_free().
 * @param err receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL or ::AG_ENOMEM.
 */
ag_status ag_eval_new(const ag_lexicon *lex, const ag_eval_options *opt, ag_eval **out, ag_error *err);

/**
 * @brief Frees an evaluation and sets the pointer to NULL.
 * @param ev address of the evaluation pointer (NULL-safe).
 */
void ag_eval_free(ag_eval **ev);

/**
 * @brief Maps a gold code to a lexicon actor (`BIL` is `FRO`), before ids are looked up.
 * @param ev   the evaluation; call before adding records.
 * @param code the code as gold writes it.
 * @param id   a lexicon actor id, or NULL: events naming @p code are not scored.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL (@p id is no actor of the lexicon) or ::AG_ENOMEM.
 */
ag_status ag_eval_map_code(ag_eval *ev, const char *code, const char *id, ag_error *err);

/**
 * @brief Reads a code map: a JSON object of gold codes to lexicon ids (or null).
 * @param ev   the evaluation.
 * @param path the JSON file.
 * @param err  receives `path[:line:col]: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE (bad JSON, a value that is no string
 *         or null, an id the lexicon does not have) or ::AG_ENOMEM.
 */
ag_status ag_eval_load_map(ag_eval *ev, const char *path, ag_error *err);

/** One gold event, its actors as gold codes (mapped as described above). */
typedef struct ag_eval_event {
    const char *source; /**< Source code, or NULL when gold does not know it. */
    const char *target; /**< Target code, or NULL. */
    int stance;         /**< +1 cooperation, -1 conflict, 0 unknown or neutral. */
} ag_eval_event;

/**
 * @brief Extracts one record and scores it against its gold events.
 * @param ev       the evaluation.
 * @param id       record id (copied into the misses; may be NULL).
 * @param text     the record's text (raw bytes; normalised here).
 * @param len      its length in bytes.
 * @param events   gold events (may be NULL when @p n_events is 0: gold says no event).
 * @param n_events number of events.
 * @param err      receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_ESKIP (binary text: the record is not scored) or ::AG_ENOMEM.
 */
ag_status ag_eval_add(ag_eval *ev, const char *id, const char *text, size_t len, const ag_eval_event *events,
                      size_t n_events, ag_error *err);

/**
 * @brief Reads gold JSON Lines and adds every record (see the file comment).
 *
 * Each line is an object with `text` (a string) and `events` (an array,
 * may be empty), optional `id` (default `FILE:LINE`) and `evaluate`
 * (false: skipped). An event has `source` and `target` (strings or null),
 * optional `source_actor`/`target_actor` and `stance` (a number: its sign
 * is taken; null or absent: unknown). Blank lines are ignored. Any other
 * line is an error: a measurement must not drop records silently.
 * @param ev   the evaluation.
 * @param path the file, or `-` for standard input.
 * @param err  receives `path:line[:col]: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EPARSE or ::AG_ENOMEM.
 */
ag_status ag_eval_read_file(ag_eval *ev, const char *path, ag_error *err);

/** Counts and ratios for a set of pairs. A ratio is -1 when its denominator is 0. */
typedef struct ag_eval_scores {
    size_t gold_pairs;        /**< Gold pairs. */
    size_t related;           /**< Pairs we relate. */
    size_t matched;           /**< Gold pairs we relate. */
    size_t cooccurring;       /**< Gold pairs that are network edges (co-occur in a window). */
    size_t edges;             /**< Network edges (pairs that co-occur). */
    size_t sign_scored;       /**< Matched pairs with a gold sign. */
    size_t sign_correct;      /**< Of those, with our stance of that sign. */
    size_t direction_scored;  /**< Matched pairs where gold and we both give a direction. */
    size_t direction_correct; /**< Of those, where every way we observed is a gold way. */
    double pair_recall;            /**< matched / gold_pairs. */
    double precision;              /**< matched / related. */
    double sign_accuracy;          /**< sign_correct / sign_scored. */
    double direction_accuracy;     /**< direction_correct / direction_scored. */
    double cooccurrence_recall;    /**< cooccurring / gold_pairs. */
    double cooccurrence_precision; /**< cooccurring / edges. */
} ag_eval_scores;

/** What went wrong with a pair. */
typedef enum ag_eval_miss_kind {
    AG_EVAL_MISSED = 0, /**< A gold pair we do not relate. */
    AG_EVAL_EXTRA,      /**< A pair we relate that gold does not have. */
    AG_EVAL_SIGN,       /**< Related, but our stance is not gold's sign. */
    AG_EVAL_DIRECTION   /**< Related, but we observed a way gold does not code. */
} ag_eval_miss_kind;

/** Figures about the whole evaluation. */
typedef struct ag_eval_summary {
    size_t records;          /**< Records scored. */
    size_t skipped;          /**< Records with `"evaluate": false`. */
    size_t signed_records;   /**< Records with a scored event that has a stance. */
    size_t events;           /**< Gold events read. */
    size_t events_unknown;   /**< Events not scored: an actor null or not in the lexicon. */
    size_t events_self;      /**< Events not scored: both actors the same lexicon actor. */
    size_t misses[4];        /**< Misses found, indexed by ::ag_eval_miss_kind. */
    ag_eval_scores all;      /**< Every scored record. */
    ag_eval_scores signed_only; /**< Records with a signed gold event. */
} ag_eval_summary;

/**
 * @brief The scores so far (ratios computed on each call).
 * @param ev the evaluation.
 * @return figures valid until the next call that changes @p ev.
 */
const ag_eval_summary *ag_eval_summary_get(ag_eval *ev);

/**
 * @brief Scores of the pairs that involve lexicon actor @p i (ratios computed on each call).
 * @param ev the evaluation.
 * @param i  actor index, 0 ≤ i < ag_lexicon_actor_count().
 * @return the scores (valid until the next call that changes @p ev), or NULL when out of range.
 */
const ag_eval_scores *ag_eval_actor_scores(ag_eval *ev, size_t i);

/** Direction bits of a pair (a, b). */
enum ag_eval_direction {
    AG_EVAL_AB = 1, /**< a→b: a is the source. */
    AG_EVAL_BA = 2  /**< b→a: b is the source. */
};

/** One miss, as kept for the report. Strings are owned by the evaluation. */
typedef struct ag_eval_miss {
    ag_eval_miss_kind kind; /**< What went wrong. */
    const char *record;     /**< Record id. */
    const char *text;       /**< Record text (normalised). */
    const char *a;          /**< Actor id of the pair whose id sorts first. */
    const char *b;          /**< The other actor id. */
    int gold;               /**< 1 when gold has the pair. */
    int gold_sign;          /**< +1, -1, 0 (no sign), 2 (mixed). */
    unsigned gold_dirs;     /**< ::ag_eval_direction bits. */
    int cooccur;            /**< 1 when the pair co-occurs (is a network edge). */
    int related;            /**< 1 when we relate the pair. */
    int sign;               /**< Our stance: +1, -1 or 0. */
    unsigned dirs;          /**< Our ::ag_eval_direction bits. */
} ag_eval_miss;

/**
 * @brief Number of misses kept (at most ag_eval_options::max_misses, in record order).
 * @param ev the evaluation.
 * @return the count.
 */
size_t ag_eval_miss_count(const ag_eval *ev);

/**
 * @brief Miss @p i.
 * @param ev the evaluation.
 * @param i  0 ≤ i < ag_eval_miss_count().
 * @return the miss, or NULL when out of range.
 */
const ag_eval_miss *ag_eval_miss_get(const ag_eval *ev, size_t i);

/**
 * @brief Writes the report as text: overall and signed-record scores, per actor, the misses kept.
 * @param ev   the evaluation.
 * @param name what was evaluated (the gold file), shown in the title.
 * @param sink where to write.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_eval_write_text(ag_eval *ev, const char *name, ag_sink *sink, ag_error *err);

/**
 * @brief Writes the report as one JSON object.
 *
 * Keys: `gold`, `lexicon`, `records`, `skipped`, `signed_records`, `events`,
 * `events_unknown`, `events_self`, `unknown_codes` (code: events), the
 * scores of every record at the top level (`pair_recall`, `precision`,
 * `sign_accuracy`, `direction_accuracy`, `cooccurrence_recall`,
 * `cooccurrence_precision`: numbers in [0, 1] or null, and `counts`),
 * `signed` (the same for signed records), `actors` (actor id: the same, for
 * actors in a gold pair or a pair of ours), `misses_total` and `misses`.
 * @param ev   the evaluation.
 * @param name what was evaluated (the gold file).
 * @param sink where to write.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_eval_write_json(ag_eval *ev, const char *name, ag_sink *sink, ag_error *err);

#ifdef __cplusplus
}
#endif
#endif
