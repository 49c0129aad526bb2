/* actorgraph: command-line entry point and subcommand table. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/export.h"
#include "actorgraph/version.h"
#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    {"build", ag_cli_build, "build an actor network from articles"},
    {"lexicon", ag_cli_lexicon, "print or check a lexicon"},
    {"merge", ag_cli_merge, "merge network JSON files of shards into one"},
    {"eval", ag_cli_eval, "score extraction against gold events"},
    {"compare", ag_cli_compare, "compare networks of two or more article sets"},
};

void ag_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("actorgraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void ag_cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("actorgraph: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void ag_cli_option_error(const char *command, int c, const char *arg)
{
    if (c == ':')
        ag_cli_error("option %s needs a value; try 'actorgraph %s --help'", arg, command);
    else
        ag_cli_error("unknown option %s; try 'actorgraph %s --help'", arg, command);
}

int ag_cli_parse_count(const char *s, const char *what, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    /* strtoul takes "-1" as ULONG_MAX and skips leading blanks: both are refused */
    if (end == s || *end || errno || s[0] == '-' || s[0] == '+' || s[0] == ' ' || n < min || n > max) {
        ag_cli_error("invalid %s \"%s\" (use %lu to %lu)", what, s, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

static void usage(FILE *f)
{
    fputs("Usage: actorgraph COMMAND [OPTIONS] ...\n\n"
          "Finds political actors in news articles and writes the network of their\n"
          "relations (weighted, signed by stance, with evidence): an HTML report,\n"
          "diagrams (SVG, PNG, PDF, DOT) and data files (JSON, GraphML, GEXF, CSV).\n\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nOptions:\n"
          "  -h, --help     show this help\n"
          "  -V, --version  show the version\n\n"
          "Examples:\n"
          "  actorgraph build corpus/example -o graphs/example\n"
          "  actorgraph build corpus/example -f html -o out/report   # open out/report.html\n"
          "  cat articles.jsonl | actorgraph build - -o out/feed -f json\n"
          "  actorgraph lexicon --dump > my-lexicon.json\n\n"
          "Run 'actorgraph COMMAND --help' for the options of a command; 'man actorgraph'\n"
          "once installed.\n"
          "Exit status: 0 ok, 1 runtime failure, 2 usage error or invalid input.\n",
          f);
}

/* An interrupted run removes its temporaries and dies of the same signal; targets are
 * replaced only by rename, so no output is ever left half-written. */
static void on_signal(int sig)
{
    ag_sink_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* over a file-size limit a write then fails with EFBIG and is reported like any other */
    signal(SIGXFSZ, SIG_IGN);
}

int main(int argc, char **argv)
{
    catch_signals();
    if (argc < 2) {
        usage(stderr);
        return AG_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("actorgraph %s\n", ag_version());
        return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    ag_cli_error("unknown command \"%s\"; try 'actorgraph --help'", cmd);
    return AG_EXIT_USAGE;
}
