/**
 * @file pipeline.h
 * @brief The whole job on all cores: documents from a reader, extracted by
 * worker threads, merged into one network.
 *
 * The reader runs in the calling thread and hands each document (all pieces
 * of a large one together) to one of the workers; each worker extracts into
 * its own network, and the workers' networks are merged at the end with
 * ag_network_merge(). Merging is exact, so the result is byte for byte the
 * same whatever the number of threads.
 *
 * With ::AG_DEDUP_CORPUS (ag_extract_options::dedup) the reader thread also
 * splits each document into sentences and decides which are copies of earlier
 * ones, in input order, before a worker sees it: the folded copies too are
 * the same for any number of threads. The set of distinct sentences seen
 * (11 to 22 bytes each) lives as long as the run.
 */
#ifndef ACTORGRAPH_PIPELINE_H
#define ACTORGRAPH_PIPELINE_H

#include <stddef.h>

#include "actorgraph/corpus.h"
#include "actorgraph/error.h"
#include "actorgraph/extract.h"
#include "actorgraph/lexicon.h"
#include "actorgraph/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Called after each document (or piece) the reader hands out, from the calling thread.
 * @param userdata   the pointer given to ag_pipeline_run().
 * @param documents  documents read so far.
 * @param bytes      text bytes read so far.
 */
typedef void (*ag_progress_fn)(void *userdata, size_t documents, size_t bytes);

/** Options of a run. Initialise with ag_pipeline_options_init(). */
typedef struct ag_pipeline_options {
    unsigned threads;          /**< Worker threads; 0 or 1 runs everything in the calling thread. */
    ag_progress_fn progress;   /**< Progress callback (may be NULL). */
    void *progress_userdata;   /**< Passed to @ref progress. */
} ag_pipeline_options;

/**
 * @brief Sets @p opt to the defaults: one thread, no progress callback.
 * @param opt the options to initialise.
 */
void ag_pipeline_options_init(ag_pipeline_options *opt);

/**
 * @brief Reads every document of @p reader and extracts it into @p net.
 * @param reader the documents; read to the end unless an error stops the run.
 * @param lex    the lexicon.
 * @param xopt   extraction options (NULL for defaults).
 * @param popt   run options (NULL for defaults).
 * @param net    receives the network (a new one from ag_network_new()).
 * @param err    receives the message of the first failure (may be NULL).
 * @return ::AG_OK, or the reader's or extractor's failure (see ag_reader_next()).
 */
ag_status ag_pipeline_run(ag_reader *reader, const ag_lexicon *lex, const ag_extract_options *xopt,
                          const ag_pipeline_options *popt, ag_network *net, ag_error *err);

#ifdef __cplusplus
}
#endif
#endif
