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

/* Subcommands: argc/argv start at the subcommand name. Return an exit code. */
int ag_cli_build(int argc, char **argv);
int ag_cli_lexicon(int argc, char **argv);
int ag_cli_merge(int argc, char **argv);
int ag_cli_eval(int argc, char **argv);

#endif
