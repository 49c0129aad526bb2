/**
 * @file version.h
 * @brief Library version.
 */
#ifndef ACTORGRAPH_VERSION_H
#define ACTORGRAPH_VERSION_H

/** Version string of this header. */
#define AG_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Version of the linked library.
 * @return e.g. `0.1.0`; static, do not free.
 */
const char *ag_version(void);

#ifdef __cplusplus
}
#endif
#endif
