/* Reading a whole JSON file (a lexicon, a network, a code map) into memory. */
#ifndef AG_UTIL_SLURP_H
#define AG_UTIL_SLURP_H

#include <stddef.h>
#include <stdio.h>

#include "actorgraph/error.h"

/* The largest lexicon or code map read: far beyond any real one (the built-in lexicon
 * is 9 KB, 10,000 actors are 1 MB), small enough that a wrong file cannot eat memory. */
#define AG_I_LEXICON_MAX ((size_t)64 << 20)
/* The largest network JSON read (evidence is capped per edge, so even a corpus of
 * many GB gives a network of a few MB). */
#define AG_I_NETWORK_MAX ((size_t)1 << 30)

/*
 * Reads all of f into *buf (malloc'd, NUL-terminated; the caller frees it) and its
 * length into *len. JSON text holds no NUL byte, so one stops the read at once, as
 * does passing limit bytes: /dev/zero or an endless pipe is an AG_EPARSE error
 * naming the file, not an exhausted memory. A read error is AG_EIO.
 */
ag_status ag_i_read_json(FILE *f, const char *name, size_t limit, char **buf, size_t *len, ag_error *err);

/* ag_i_read_json() of the file at path (opened read-only). */
ag_status ag_i_read_json_file(const char *path, size_t limit, char **buf, size_t *len, ag_error *err);

#endif
