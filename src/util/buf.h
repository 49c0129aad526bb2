/* Growable arrays and strings used across modules. */
#ifndef AG_UTIL_BUF_H
#define AG_UTIL_BUF_H

#include <stddef.h>

/* Ensures *items has room for need elements of size elem; doubles the capacity. 0 on success. */
int ag_i_grow(void **items, size_t *cap, size_t need, size_t elem);

/* strdup that accepts NULL (returns NULL). */
char *ag_i_strdup(const char *s);

/* Copy of the first n bytes of s, NUL-terminated. */
char *ag_i_strndup(const char *s, size_t n);

#endif
