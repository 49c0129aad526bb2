/* Helpers shared by the Criterion tests. */
#ifndef AG_TEST_SUPPORT_H
#define AG_TEST_SUPPORT_H

#include <stddef.h>

#include "actorgraph/network.h"

/* Reads a whole file into a malloc'd NUL-terminated buffer (NULL on failure). */
char *ag_t_read_file(const char *path, size_t *len);

/* Writes bytes to a file; 0 on success. */
int ag_t_write_file(const char *path, const void *data, size_t len);

/* Makes a fresh temporary directory; returns a malloc'd path. */
char *ag_t_tempdir(void);

/* Runs a shell command, capturing stdout and stderr into malloc'd strings (may be NULL
 * pointers to ignore). Returns the exit status, or -1 if it could not run. */
int ag_t_run(const char *cmd, char **out, char **err);

/* 1 when ../shared is beside the project (tests that need it say so when it is not). */
int ag_t_have_shared(void);

/* The network's JSON as ag_export_json() writes it (malloc'd; NULL on failure). */
char *ag_t_network_json(const ag_network *net);

#endif
