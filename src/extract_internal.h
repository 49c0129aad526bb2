/* Folding copies across the corpus (--dedup corpus): shared by the extractor and the pipeline,
 * whose reader thread decides which sentences are copies, in input order, before any worker
 * sees them. */
#ifndef AG_EXTRACT_INTERNAL_H
#define AG_EXTRACT_INTERNAL_H

#include <stddef.h>

#include "actorgraph/extract.h"
#include "actorgraph/text.h"

/* The 64-bit hashes of the normalised sentences seen so far (see ag_dedup in extract.h). */
typedef struct ag_i_seen ag_i_seen;

/* A new, empty set; NULL when out of memory. Free with ag_i_seen_free(). */
ag_i_seen *ag_i_seen_new(void);

/* Frees the set and sets the pointer to NULL (NULL-safe). */
void ag_i_seen_free(ag_i_seen **seen);

/* For each sentence of @sents (split from @text by ag_text_split()), in order: marks[i] = 1 when
 * its normalised form is in the set (a copy), else 0, and the form is added. @marks has room for
 * sents->count bytes. 0, or -1 when out of memory (the set stays valid). */
int ag_i_seen_mark(ag_i_seen *seen, const char *text, const ag_sentences *sents, unsigned char *marks);

/* ag_extract_document() of a piece already split by ag_text_split() into @split, with its
 * copies marked by ag_i_seen_mark() (one byte per sentence of @split). Both NULL: the
 * extractor splits the piece and, with ::AG_DEDUP_CORPUS, marks the copies itself among the
 * documents it was given. */
ag_status ag_i_extract_marked(ag_extractor *ex, const ag_document *doc, const ag_sentences *split,
                              const unsigned char *marks, ag_error *err);

#endif
