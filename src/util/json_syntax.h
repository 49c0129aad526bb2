/* Strict JSON syntax shared by the JSON readers (lexicon, network): json-c
 * parsing with errors worded `name:line:col: why`, where lines and columns are
 * 1-based and columns count UTF-8 characters, and a lexical pass that rejects
 * what json-c 0.16 accepts even in strict mode (NaN, Infinity, `1.`, single
 * quotes, raw control characters in strings). A UTF-8 BOM is skipped: offsets
 * are into the whole text, positions count from after the BOM. */
#ifndef AG_UTIL_JSON_SYNTAX_H
#define AG_UTIL_JSON_SYNTAX_H

#include <stdarg.h>
#include <stddef.h>

#include "actorgraph/error.h"

struct json_object;

/* The text being read and where its errors go. */
typedef struct ag_i_json_text {
    const char *json; /* the whole text, BOM included */
    size_t len;
    size_t start;     /* 3 after a UTF-8 BOM, else 0 (see ag_i_json_bom()) */
    const char *name; /* for messages */
    ag_error *err;
} ag_i_json_text;

/* 3 when s[0..len) starts with a UTF-8 byte order mark, else 0. */
size_t ag_i_json_bom(const char *s, size_t len);

/* 1 for JSON white space (space, tab, LF, CR). */
int ag_i_json_is_ws(char c);

/* The first offset at or after @i that is not JSON white space (at most @len). */
size_t ag_i_json_skip_ws(const char *s, size_t len, size_t i);

/* 1-based line and column of a byte offset, counted from t->start; columns count UTF-8 characters. */
void ag_i_json_line_col(const ag_i_json_text *t, size_t offset, size_t *line, size_t *col);

/* Reports a JSON syntax error at a byte offset as `name:line:col: why`; returns AG_EPARSE. */
ag_status ag_i_json_fail_at(const ag_i_json_text *t, size_t offset, const char *why);

/* Parses the JSON value at t->json[begin..stop) strictly (json-c depth limit, valid
 * UTF-8, then the lexical pass) into *root, NULL on error; *end receives the offset
 * after the value. @eof_why words a text cut short. @whole: nothing but white space
 * may follow the value before @stop. */
ag_status ag_i_json_parse(const ag_i_json_text *t, size_t begin, size_t stop, const char *eof_why, int whole,
                          struct json_object **root, size_t *end);

/* vsnprintf() into buf[size] (a reader's message), leaving "" when that fails. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
void ag_i_json_vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* AG_OK when nothing but white space follows @end in the text; else the error
 * `unexpected character 'x'` (or the like) at the first such byte. */
ag_status ag_i_json_check_rest(const ag_i_json_text *t, size_t end);

#endif
