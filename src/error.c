#include "actorgraph/error.h"

#include <stdarg.h>
#include <stdio.h>

#include "actorgraph/version.h"

const char *ag_strerror(ag_status status)
{
    switch (status) {
    case AG_OK: return "success";
    case AG_ENOMEM: return "out of memory";
    case AG_EIO: return "input/output error";
    case AG_EINVAL: return "invalid argument";
    case AG_EPARSE: return "parse error";
    case AG_ESKIP: return "input skipped";
    case AG_EGRAPHVIZ: return "Graphviz error";
    case AG_EUNSUPPORTED: return "not supported";
    }
    return "unknown error";
}

ag_status ag_error_set(ag_error *err, ag_status status, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n < 0)
        err->message[0] = '\0';
    return status;
}

const char *ag_version(void)
{
    return AG_VERSION;
}
