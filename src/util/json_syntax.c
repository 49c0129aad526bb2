/* Strict JSON syntax shared by the JSON readers; see json_syntax.h. */
#include "util/json_syntax.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "actorgraph/text.h"

size_t ag_i_json_bom(const char *s, size_t len)
{
    /* RFC 8259 lets parsers skip a byte order mark; Windows editors write one. */
    return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int ag_i_json_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t ag_i_json_skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && ag_i_json_is_ws(s[i]))
        i++;
    return i;
}

void ag_i_json_line_col(const ag_i_json_text *t, size_t offset, size_t *line, size_t *col)
{
    ag_text_pos pos = {1, 1};
    if (offset > t->len)
        offset = t->len;
    if (offset > t->start)
        ag_text_pos_advance(&pos, t->json + t->start, offset - t->start);
    *line = pos.line;
    *col = pos.col;
}

ag_status ag_i_json_fail_at(const ag_i_json_text *t, size_t offset, const char *why)
{
    size_t line, col;
    ag_i_json_line_col(t, offset, &line, &col);
    return ag_error_set(t->err, AG_EPARSE, "%s:%zu:%zu: %s", t->name, line, col, why);
}

void ag_i_json_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (vsnprintf(buf, size, fmt, ap) < 0)
        buf[0] = '\0';
}

/* Describes the byte json-c stopped at: `unexpected character 'x'`. */
static void describe_unexpected(const char *s, size_t len, size_t i, char *buf, size_t size)
{
    unsigned char b = i < len ? (unsigned char)s[i] : 0;
    if (i >= len)
        snprintf(buf, size, "unexpected end of input");
    else if (b == 0)
        snprintf(buf, size, "unexpected NUL byte");
    else if (b == '/')
        snprintf(buf, size, "comments are not allowed in JSON");
    else if (b == '\'')
        snprintf(buf, size, "strings must use double quotes");
    else if (b > 0x20 && b < 0x7F)
        snprintf(buf, size, "unexpected character '%c'", b);
    else
        snprintf(buf, size, "unexpected byte 0x%02X", b);
}

/* @begin: where the value started; @offset: where json-c stopped. */
static ag_status syntax_error(const ag_i_json_text *t, enum json_tokener_error jerr, size_t begin, size_t offset,
                              const char *eof_why)
{
    const char *s = t->json;
    size_t len = t->len;
    char why[96];
    /* Outside a string these bytes are wrong wherever json-c stops at them, whatever it calls the error. */
    if (offset < len && (s[offset] == '\0' || ((s[offset] == '/' || s[offset] == '\'') &&
                                                 jerr != json_tokener_error_parse_string))) {
        describe_unexpected(s, len, offset, why, sizeof why);
        return ag_i_json_fail_at(t, offset, why);
    }
    /* `[1,]` and `{"a": 1,}`: json-c stops at the bracket; point at the comma. */
    if (offset < len && (s[offset] == ']' || s[offset] == '}')) {
        size_t j = offset;
        while (j > begin && ag_i_json_is_ws(s[j - 1]))
            j--;
        if (j > begin && s[j - 1] == ',') {
            snprintf(why, sizeof why, "trailing comma before '%c'", s[offset]);
            return ag_i_json_fail_at(t, j - 1, why);
        }
    }
    switch (jerr) {
    case json_tokener_error_depth:
        snprintf(why, sizeof why, "nesting too deep (more than %d levels)", JSON_TOKENER_DEFAULT_DEPTH);
        break;
    case json_tokener_continue:
    case json_tokener_error_parse_eof: {
        /* Point just after the last thing written, not at trailing blank lines. */
        size_t end = len;
        while (end > begin && ag_i_json_is_ws(s[end - 1]))
            end--;
        return ag_i_json_fail_at(t, end, eof_why);
    }
    case json_tokener_error_parse_null:
        snprintf(why, sizeof why, "invalid literal (expected null)");
        break;
    case json_tokener_error_parse_boolean:
        snprintf(why, sizeof why, "invalid literal (expected true or false)");
        break;
    case json_tokener_error_parse_number:
        snprintf(why, sizeof why, "invalid number");
        break;
    case json_tokener_error_parse_array:
        snprintf(why, sizeof why, "expected ',' or ']'");
        break;
    case json_tokener_error_parse_object_key_name:
        snprintf(why, sizeof why, "expected a double-quoted property name");
        break;
    case json_tokener_error_parse_object_key_sep:
        snprintf(why, sizeof why, "expected ':'");
        break;
    case json_tokener_error_parse_object_value_sep:
        snprintf(why, sizeof why, "expected ',' or '}'");
        break;
    case json_tokener_error_parse_string:
        snprintf(why, sizeof why, "invalid escape in string");
        break;
    case json_tokener_error_parse_comment:
        snprintf(why, sizeof why, "comments are not allowed in JSON");
        break;
    case json_tokener_error_parse_utf8_string:
        snprintf(why, sizeof why, "invalid UTF-8");
        break;
    case json_tokener_error_size:
        snprintf(why, sizeof why, "input too large");
        break;
    default:
        describe_unexpected(s, len, offset, why, sizeof why);
        break;
    }
    return ag_i_json_fail_at(t, offset, why);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of an RFC 8259 number at s[i..end), or 0 when it is not one. */
static size_t number_length(const char *s, size_t end, size_t i)
{
    size_t j = i;
    if (j < end && s[j] == '-')
        j++;
    if (j < end && s[j] == '0')
        j++;
    else if (j < end && is_digit(s[j]))
        while (j < end && is_digit(s[j]))
            j++;
    else
        return 0;
    if (j < end && s[j] == '.') {
        if (++j >= end || !is_digit(s[j]))
            return 0;
        while (j < end && is_digit(s[j]))
            j++;
    }
    if (j < end && (s[j] == 'e' || s[j] == 'E')) {
        j++;
        if (j < end && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j >= end || !is_digit(s[j]))
            return 0;
        while (j < end && is_digit(s[j]))
            j++;
    }
    return j - i;
}

/* json-c 0.16 accepts a few things JSON does not, even in strict mode (NaN,
 * Infinity, `1.`, single-quoted keys, raw control characters in strings):
 * a lexical pass over what it parsed, s[begin..end), rejects them. */
static ag_status strict_check(const ag_i_json_text *t, size_t begin, size_t end)
{
    const char *s = t->json;
    char why[96];
    size_t i = begin;
    while (i < end) {
        char c = s[i];
        if (ag_i_json_is_ws(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':') {
            i++;
        } else if (c == '"') {
            for (i++; i < end && s[i] != '"'; i++) {
                if (s[i] == '\\')
                    i++;
                else if ((unsigned char)s[i] < 0x20)
                    return ag_i_json_fail_at(t, i, "control character in string (write it as an escape)");
            }
            i++;
        } else if (c == '\'') {
            return ag_i_json_fail_at(t, i, "strings must use double quotes");
        } else if (is_alpha(c) || (c == '-' && i + 1 < end && is_alpha(s[i + 1]))) {
            size_t j = i + 1;
            while (j < end && is_alpha(s[j]))
                j++;
            size_t n = j - i;
            if (!((n == 4 && memcmp(s + i, "true", 4) == 0) || (n == 5 && memcmp(s + i, "false", 5) == 0) ||
                  (n == 4 && memcmp(s + i, "null", 4) == 0))) {
                snprintf(why, sizeof why, "\"%.*s\" is not valid JSON", (int)(n > 32 ? 32 : n), s + i);
                return ag_i_json_fail_at(t, i, why);
            }
            i = j;
        } else if (c == '-' || is_digit(c)) {
            size_t n = number_length(s, end, i);
            if (n == 0)
                return ag_i_json_fail_at(t, i, "invalid number");
            i += n;
        } else {
            describe_unexpected(s, end, i, why, sizeof why);
            return ag_i_json_fail_at(t, i, why);
        }
    }
    return AG_OK;
}

/* AG_OK when only white space follows @end before @stop. */
static ag_status check_rest_before(const ag_i_json_text *t, size_t end, size_t stop)
{
    size_t rest = ag_i_json_skip_ws(t->json, stop, end);
    if (rest < stop) {
        char why[96];
        describe_unexpected(t->json, stop, rest, why, sizeof why);
        return ag_i_json_fail_at(t, rest, why);
    }
    return AG_OK;
}

ag_status ag_i_json_check_rest(const ag_i_json_text *t, size_t end)
{
    return check_rest_before(t, end, t->len);
}

ag_status ag_i_json_parse(const ag_i_json_text *t, size_t begin, size_t stop, const char *eof_why, int whole,
                          struct json_object **root, size_t *end)
{
    ag_status st = AG_OK;
    json_object *obj = NULL;
    struct json_tokener *tok = NULL;
    size_t body = stop - begin;
    *end = begin;
    if (body > (size_t)INT_MAX - 1) {
        st = ag_error_set(t->err, AG_EPARSE, "%s: input too large", t->name);
        goto done;
    }
    tok = json_tokener_new();
    if (!tok) {
        st = ag_error_set(t->err, AG_ENOMEM, "%s: out of memory", t->name);
        goto done;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    obj = json_tokener_parse_ex(tok, t->json + begin, (int)body);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    *end = begin + json_tokener_get_parse_end(tok);
    if (!obj && jerr == json_tokener_continue) {
        /* A NUL tells json-c the input is over (it may be waiting for more digits). */
        obj = json_tokener_parse_ex(tok, "", 1);
        jerr = json_tokener_get_error(tok);
        *end = stop;
    }
    if (!obj) {
        st = syntax_error(t, jerr, begin, jerr == json_tokener_success ? stop : *end, eof_why);
        goto done;
    }
    if (whole && (st = check_rest_before(t, *end, stop)) != AG_OK)
        goto done;
    st = strict_check(t, begin, *end);
done:
    if (tok)
        json_tokener_free(tok);
    if (st != AG_OK) {
        json_object_put(obj);
        obj = NULL;
    }
    *root = obj;
    return st;
}
