/**
 * @file corpus.h
 * @brief Documents from files, directories, JSON Lines and standard input,
 * streamed one at a time.
 *
 * Directories are walked recursively in byte order of their paths (hidden
 * entries skipped) so runs are repeatable. Files ending in `.jsonl` (or all
 * inputs with ::ag_reader_options::jsonl) hold one JSON object per line with
 * `text` and optional `id`, `title`, `date`, `source`; standard input (`-`)
 * is read as JSON Lines when its first non-blank byte is `{`, else as one
 * text document. Text is normalised with ag_text_normalize(): binary files
 * are skipped with a warning, invalid UTF-8 is repaired with a warning, and
 * a broken JSONL line is skipped with a warning naming file and line.
 *
 * A large text file comes in pieces of about 4 MiB (ag_document::offset,
 * ag_document::more), cut at a paragraph break where there is one, so memory
 * stays flat whatever the size; ag_extract_document() joins them.
 */
#ifndef ACTORGRAPH_CORPUS_H
#define ACTORGRAPH_CORPUS_H

#include <stddef.h>

#include "actorgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One document. All strings are owned by the reader and valid until the next ag_reader_next(). */
typedef struct ag_document {
    const char *id;     /**< Document id: JSONL `id`, else `file:line` for JSONL, else the path. */
    const char *text;   /**< Normalised UTF-8 text with LF line ends (title first, if any). */
    size_t len;         /**< Length of @ref text in bytes. */
    const char *title;  /**< JSONL `title`, or NULL. */
    const char *date;   /**< JSONL `date` (as given, ISO 8601 expected), or NULL. */
    const char *source; /**< JSONL `source`, or NULL. */
    const char *origin; /**< The file the document came from (`-` for standard input). */
    size_t line;        /**< Line number within a JSONL file (1-based), 0 for text files. */
    size_t offset;      /**< Where this piece starts in the whole normalised document (0 for the first). */
    int more;           /**< Nonzero: more pieces of the same document follow. */
} ag_document;

/** Options of a reader. Initialise with ag_reader_options_init(). */
typedef struct ag_reader_options {
    int jsonl;              /**< Nonzero: read every input as JSON Lines. */
    int strict;             /**< Nonzero: skipped or repaired input is an error. */
    ag_warn_fn warn;        /**< Receives warnings (may be NULL). */
    void *warn_userdata;    /**< Passed to @ref warn. */
} ag_reader_options;

/**
 * @brief Sets @p opt to the defaults (text detection by extension, not strict, no warnings).
 * @param opt the options to initialise.
 */
void ag_reader_options_init(ag_reader_options *opt);

/** A document reader (opaque). */
typedef struct ag_reader ag_reader;

/**
 * @brief Opens a reader over input paths (files, directories, or `-`).
 *
 * Paths are checked here: a missing path or an unreadable directory is an
 * error, so nothing is processed when an input is wrong.
 * @param paths input paths.
 * @param n     number of paths (at least one).
 * @param opt   options (may be NULL for defaults).
 * @param out   receives the reader; free it with ag_reader_free().
 * @param err   receives `path: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EINVAL or ::AG_ENOMEM.
 */
ag_status ag_reader_open(const char *const *paths, size_t n, const ag_reader_options *opt,
                         ag_reader **out, ag_error *err);

/**
 * @brief Reads the next document.
 * @param r   the reader.
 * @param doc receives the document, or NULL at the end of input.
 * @param err receives a message on failure (may be NULL).
 * @return ::AG_OK (check @p *doc), ::AG_EIO, ::AG_EPARSE or ::AG_ESKIP (strict
 *         mode only: the input that would have been skipped), or ::AG_ENOMEM.
 */
ag_status ag_reader_next(ag_reader *r, const ag_document **doc, ag_error *err);

/**
 * @brief Number of inputs (files or JSONL lines) skipped so far.
 * @param r the reader.
 * @return the count.
 */
size_t ag_reader_skipped(const ag_reader *r);

/**
 * @brief Number of inputs whose invalid UTF-8 was repaired so far.
 * @param r the reader.
 * @return the count.
 */
size_t ag_reader_repaired(const ag_reader *r);

/**
 * @brief Frees a reader and sets the pointer to NULL.
 * @param r address of the reader pointer (NULL-safe).
 */
void ag_reader_free(ag_reader **r);

#ifdef __cplusplus
}
#endif
#endif
