/* A fast path for the common JSON Lines record: one flat object whose wanted members are
 * strings. Anything else (numbers or objects in wanted members, escapes it does not
 * decode, deep nesting, invalid JSON) is left to json-c, which then also words the error. */
#ifndef AG_UTIL_JSON_FAST_H
#define AG_UTIL_JSON_FAST_H

#include <stddef.h>

typedef struct ag_i_json_field {
    const char *name;   /* member wanted, e.g. "text" */
    size_t offset;      /* value, decoded, at buf + offset (NUL-terminated) */
    size_t len;
    int present;
} ag_i_json_field;

/* Parses line[0, len) as one JSON object and decodes the wanted string members into *buf
 * (grown as needed). Returns 1 when the line is valid JSON and every wanted member present
 * is a string; 0 when json-c must decide; -1 when out of memory. */
int ag_i_json_fast_record(const char *line, size_t len, ag_i_json_field *fields, size_t n_fields, char **buf,
                          size_t *cap);

#endif
