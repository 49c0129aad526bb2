/* actorgraph lexicon: print the built-in lexicon or check one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "actorgraph/lexicon.h"
#include "cli/cli.h"

/* Prints one lint warning as `FILE:LINE:COL: warning: PATH: message`. */
static void print_warning(void *userdata, const ag_lexicon_warning *w)
{
    (void)userdata;
    if (w->line)
        printf("%s:%zu:%zu: warning: %s: %s\n", w->file, w->line, w->col, w->path, w->message);
    else
        printf("%s: warning: %s: %s\n", w->file, w->path, w->message);
}

static void help(FILE *f)
{
    fputs("Usage: actorgraph lexicon --dump\n"
          "       actorgraph lexicon --check FILE\n\n"
          "  --dump        print the built-in lexicon (JSON), a starting point for your own\n"
          "  --check FILE  validate and lint a lexicon; errors and warnings point at\n"
          "                file:line:column (exit 0 with warnings, 2 on errors)\n"
          "  -h, --help    show this help\n\n"
          "Examples:\n"
          "  actorgraph lexicon --dump > my-lexicon.json\n"
          "  actorgraph lexicon --check my-lexicon.json\n",
          f);
}

int ag_cli_lexicon(int argc, char **argv)
{
    static const struct option longopts[] = {{"dump", no_argument, NULL, 'd'},
                                             {"check", required_argument, NULL, 'c'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int dump = 0, c;
    const char *check = NULL;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dump = 1; break;
        case 'c': check = optarg; break;
        case 'h': help(stdout); return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
        case ':':
            ag_cli_error("option %s needs a value; try 'actorgraph lexicon --help'", argv[optind - 1]);
            return AG_EXIT_USAGE;
        default:
            ag_cli_error("unknown option %s; try 'actorgraph lexicon --help'", argv[optind - 1]);
            return AG_EXIT_USAGE;
        }
    }
    if (dump == !!check || optind < argc) {
        ag_cli_error("give either --dump or --check FILE; try 'actorgraph lexicon --help'");
        return AG_EXIT_USAGE;
    }
    if (dump) {
        size_t len;
        const char *json = ag_lexicon_default_json(&len);
        if (fwrite(json, 1, len, stdout) != len || fflush(stdout) != 0) {
            ag_cli_error("standard output: write failed");
            return AG_EXIT_FAILURE;
        }
        return AG_EXIT_OK;
    }
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    if (ag_lexicon_load_file(check, &lex, &err) != AG_OK) {
        ag_cli_error("%s", err.message);
        return err.status == AG_ENOMEM ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
    }
    size_t warnings = 0;
    if (ag_lexicon_lint_file(check, print_warning, NULL, &warnings, &err) != AG_OK) {
        ag_lexicon_free(&lex);
        ag_cli_error("%s", err.message);
        return err.status == AG_ENOMEM || err.status == AG_EIO ? AG_EXIT_FAILURE : AG_EXIT_USAGE;
    }
    printf("%s: ok, lexicon \"%s\" with %zu actors, %zu warning%s\n", check, ag_lexicon_name(lex),
           ag_lexicon_actor_count(lex), warnings, warnings == 1 ? "" : "s");
    ag_lexicon_free(&lex);
    return fflush(stdout) == 0 ? AG_EXIT_OK : AG_EXIT_FAILURE;
}
