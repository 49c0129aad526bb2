/**
 * @file text.h
 * @brief Text normalisation (UTF-8 repair, BOM, line endings) and segmentation
 * into paragraphs and sentences, with boilerplate lines of scraped pages dropped.
 */
#ifndef ACTORGRAPH_TEXT_H
#define ACTORGRAPH_TEXT_H

#include <stddef.h>

#include "actorgraph/error.h"
#include "actorgraph/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Flags reported by ag_text_normalize(). */
enum ag_text_flags {
    AG_TEXT_HAD_BOM = 1u << 0,      /**< A UTF-8 byte order mark was removed. */
    AG_TEXT_HAD_CR = 1u << 1,       /**< CRLF or lone CR line ends were turned into LF. */
    AG_TEXT_REPAIRED_UTF8 = 1u << 2,/**< Invalid UTF-8 was replaced by U+FFFD. */
    AG_TEXT_HAS_NUL = 1u << 3       /**< The input holds NUL bytes (binary); nothing was written. */
};

/**
 * @brief Normalises raw bytes into UTF-8 text with LF line ends.
 *
 * Removes a leading BOM, turns CRLF and lone CR into LF, and replaces each
 * maximal invalid UTF-8 sequence (including overlong forms and surrogates)
 * by U+FFFD. When the input contains a NUL byte it is treated as binary:
 * ::AG_TEXT_HAS_NUL is set, @p *out is NULL and ::AG_ESKIP is returned.
 * @param in     input bytes.
 * @param len    number of input bytes.
 * @param out    receives a malloc'd NUL-terminated copy; the caller frees it.
 * @param outlen receives its length in bytes (without the NUL).
 * @param flags  receives a combination of ::ag_text_flags (may be NULL).
 * @return ::AG_OK, ::AG_ESKIP (binary) or ::AG_ENOMEM.
 */
ag_status ag_text_normalize(const char *in, size_t len, char **out, size_t *outlen, unsigned *flags);

/**
 * @brief Finds the first byte that is not valid UTF-8.
 *
 * Invalid means what ag_text_normalize() replaces: a byte that starts no
 * character, a sequence cut short, an overlong form, a surrogate or a value
 * above U+10FFFF. NUL and CR are valid here.
 * @param in  bytes (may be NULL when @p len is 0).
 * @param len number of bytes.
 * @return the offset of that byte, or @p len when all of @p in is valid.
 */
size_t ag_text_invalid_utf8(const char *in, size_t len);

/** A 1-based line and column, counted over text handed over piece by piece. */
typedef struct ag_text_pos {
    size_t line; /**< Line: 1 plus the line feeds seen. */
    size_t col;  /**< Column: 1 plus the characters seen since the last line feed. */
} ag_text_pos;

/**
 * @brief Moves @p pos past @p len bytes of normalised text (LF line ends).
 *
 * Columns count UTF-8 characters (bytes that are not continuation bytes), as
 * the positions in the JSON readers' messages do. Start from `{1, 1}`.
 * @param pos  the position to advance.
 * @param text normalised text (see ag_text_normalize()).
 * @param len  number of bytes of @p text to pass over.
 */
void ag_text_pos_advance(ag_text_pos *pos, const char *text, size_t len);

/** One sentence: a byte range of the normalised text. */
typedef struct ag_sentence {
    size_t start;      /**< Offset of the first byte. */
    size_t end;        /**< Offset one past the last byte (trailing space excluded). */
    size_t paragraph;  /**< 0-based paragraph index (paragraphs end at blank lines). */
} ag_sentence;

/** A growable list of sentences; zero-initialise before first use. */
typedef struct ag_sentences {
    ag_sentence *items; /**< The sentences, in text order. */
    size_t count;       /**< Number of sentences. */
    size_t cap;         /**< Allocated capacity. */
} ag_sentences;

/**
 * @brief Splits normalised text into sentences and paragraphs.
 *
 * Sentence ends are `.`, `!`, `?` (with closing quotes and brackets) before
 * white space, except after abbreviations (`U.S.`, `Mr.`, `Dr.`, `Lt.`,
 * `Gen.`, `No.`, initials) and inside decimals; a line break ends a sentence
 * unless the next line starts in lower case (hard-wrapped text); a blank
 * line ends a paragraph. Lines that start with a boilerplate prefix of
 * @p lex (`Read more:`, `Leave a Reply`, ...) are dropped.
 * @param text normalised UTF-8 text.
 * @param len  its length in bytes.
 * @param lex  lexicon giving the boilerplate prefixes (may be NULL: none).
 * @param out  cleared, then filled; reuse it across calls to avoid allocation.
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_text_split(const char *text, size_t len, const ag_lexicon *lex, ag_sentences *out);

/**
 * @brief Frees the storage of a sentence list and zeroes it.
 * @param s the list (may be NULL).
 */
void ag_sentences_free(ag_sentences *s);

#ifdef __cplusplus
}
#endif
#endif
