/* actorgraph build --split-by (split.c). */
#ifndef AG_CLI_SPLIT_H
#define AG_CLI_SPLIT_H

#include <stddef.h>

#include "actorgraph/actorgraph.h"
#include "cli/cli.h"

/* Reads @inputs once and builds one network per group of documents: @by is
 * `source` (the JSONL `source` field), `month`, `year` or `week` (ISO week
 * `YYYY-Www`, from the ISO 8601 `date` field); documents without the field
 * (or with a date that does not parse) go to the group `unknown`. Each group is
 * written as PREFIX/GROUP.EXT in @formats (titles `TITLE: GROUP`). Prints errors
 * and, unless @quiet, a summary line; returns an exit code. */
int ag_cli_split_build(const char *by, char *const *inputs, size_t n_inputs, const ag_reader_options *ropt,
                       const ag_lexicon *lex, const ag_extract_options *xopt, const ag_export_options *eopt,
                       const char *prefix, const ag_format *const *formats, size_t n_formats, int quiet);

#endif
