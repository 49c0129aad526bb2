/* Shared by the subcommands of the actorgraph command-line tool. */
#ifndef AG_CLI_H
#define AG_CLI_H

/* Exit codes (documented in the README and the man page). */
enum { AG_EXIT_OK = 0, AG_EXIT_FAILURE = 1, AG_EXIT_USAGE = 2 };

/* Prints `actorgraph: MESSAGE` on stderr. */
void ag_cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints `actorgraph: warning: MESSAGE` on stderr. */
void ag_cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Reports getopt_long's ':' (an option without its value) or any other unknown option
 * of `actorgraph COMMAND`, as `option -o needs a value; try 'actorgraph build --help'`. */
void ag_cli_option_error(const char *command, int c, const char *arg);

/* Parses a decimal count in [min, max] into *out; otherwise prints
 * `invalid WHAT "S" (use MIN to MAX)` and returns -1. */
int ag_cli_parse_count(const char *s, const char *what, unsigned long min, unsigned long max, unsigned long *out);

#include <stddef.h>

#include "actorgraph/export.h"

#define AG_CLI_MAX_FORMATS 16

/* Default output prefix: the first input's base name without extension (`stdin` for `-`). */
char *ag_cli_default_prefix(const char *input);

/* Parses a comma list of format names (prints the error); 0 on success. */
int ag_cli_parse_formats(const char *list, const ag_format **out, size_t *n);

/* Writes PREFIX.EXT for each format (or one format to stdout for `-`), all or none:
 * temporaries are renamed only when every writer succeeded. Prints errors; 0 on success. */
int ag_cli_write_outputs(const ag_network *net, const ag_export_options *eopt, const char *prefix,
                         const ag_format *const *formats, size_t n_formats);

/* --- build.c: extraction options that compare takes too ------------------ */

#include "actorgraph/extract.h"

/* -w WINDOW: parses sentence, paragraph, document or N into @xopt (prints the error); 0 on success. */
int ag_cli_parse_window(const char *window, ag_extract_options *xopt);

/* -j N: parses a job count of 1 to 256 into *threads (prints the error); 0 on success. */
int ag_cli_parse_jobs(const char *jobs, unsigned *threads);

/* --dedup MODE: parses `document` or `corpus` into @xopt->dedup (prints the error); 0 on success. */
int ag_cli_parse_dedup(const char *mode, ag_extract_options *xopt);

/* --- summary.c: what build tells the analyst ----------------------------- */

#include <stdio.h>

#include "actorgraph/network.h"

/* The actors by mentions and the @top heaviest edges as aligned tables on @f. 0, or -1 when out of memory. */
int ag_cli_summary_text(FILE *f, const ag_network *net, size_t top);

/* The summary as one JSON object on @f: documents, sentences, actors, edges, dedup (`document`
 * or `corpus`), folded (copies left out; 0 with `document`), skipped, repaired, outputs (file
 * names), mentions (by actor), top_edges. 0, or -1 when out of memory. */
int ag_cli_summary_json(FILE *f, const ag_network *net, const char *const *outputs, size_t n_outputs, size_t top,
                        size_t skipped, size_t repaired);

/* The progress line on a terminal: documents and bytes done, rate, percentage and ETA
 * when the total is known (every input a regular file or a directory). */
typedef struct ag_cli_progress {
    FILE *f;
    long long total;    /* bytes in the inputs, -1 when unknown (stdin) */
    double start, last; /* monotonic seconds */
    int shown;          /* a line is on the screen */
} ag_cli_progress;

void ag_cli_progress_init(ag_cli_progress *p, FILE *f, const char *const *inputs, size_t n);
/* An ag_progress_fn: @userdata is the ag_cli_progress. Draws at the first document, then
 * at most five times a second. */
void ag_cli_progress_update(void *userdata, size_t documents, size_t bytes);
/* Clears the line. */
void ag_cli_progress_end(ag_cli_progress *p);

/* Subcommands: argc/argv start at the subcommand name. Return an exit code. */
int ag_cli_build(int argc, char **argv);
int ag_cli_lexicon(int argc, char **argv);
int ag_cli_merge(int argc, char **argv);
int ag_cli_eval(int argc, char **argv);
int ag_cli_compare(int argc, char **argv);

#endif
