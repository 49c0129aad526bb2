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

/* Subcommands: argc/argv start at the subcommand name. Return an exit code. */
int ag_cli_build(int argc, char **argv);
int ag_cli_lexicon(int argc, char **argv);

#endif
