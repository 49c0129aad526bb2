/**
 * @file error.h
 * @brief Status codes and error reports shared by every actorgraph module.
 *
 * The library never prints and never exits: every fallible function returns an
 * ::ag_status and, when given a non-NULL ::ag_error, fills it with a one-line
 * message that names the file (and line:column where there is one), ready for
 * the caller to show.
 */
#ifndef ACTORGRAPH_ERROR_H
#define ACTORGRAPH_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/** Result of a library call. */
typedef enum ag_status {
    AG_OK = 0,       /**< Success. */
    AG_ENOMEM,       /**< Out of memory. */
    AG_EIO,          /**< Reading or writing a file failed. */
    AG_EINVAL,       /**< An argument or option is invalid (a usage error). */
    AG_EPARSE,       /**< Input could not be parsed (bad JSON, bad lexicon, ...). */
    AG_ESKIP,        /**< Input was skipped (binary file, broken JSONL line). */
    AG_EGRAPHVIZ,    /**< Graphviz failed to lay out or render. */
    AG_EUNSUPPORTED  /**< The request needs a feature that is not available. */
} ag_status;

/** Size of the message buffer in ::ag_error. */
#define AG_ERROR_MSG_MAX 512

/** A status with a human-readable one-line message (no trailing newline). */
typedef struct ag_error {
    ag_status status;                /**< The status that was returned. */
    char message[AG_ERROR_MSG_MAX];  /**< e.g. `lex.json:12:7: duplicate actor id "US"`. */
} ag_error;

/**
 * @brief A short, static description of a status code.
 * @param status any ::ag_status value.
 * @return a string that is never NULL and must not be freed.
 */
const char *ag_strerror(ag_status status);

/**
 * @brief Records a status and a printf-style message in @p err.
 *
 * Does nothing when @p err is NULL.
 * @param err    where to record (may be NULL).
 * @param status the status to record; also returned.
 * @param fmt    printf format of the message.
 * @return @p status, so callers can write `return ag_error_set(err, ...)`.
 */
ag_status ag_error_set(ag_error *err, ag_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/**
 * @brief Callback through which the library reports warnings (skipped input,
 * repaired UTF-8). The library itself never prints.
 * @param userdata the pointer given with the callback.
 * @param message  one line, no trailing newline, e.g. `a.jsonl:7: skipped: ...`.
 */
typedef void (*ag_warn_fn)(void *userdata, const char *message);

#ifdef __cplusplus
}
#endif
#endif
