/* The check's values in C: quickcheck.value's twin (a one-line scalar as a full parse
 * reads it, or UNSURE). Used by _scan_check.c; the rules are said in quickcheck.py.
 *
 * The front has already been refused when it holds a tab, CR, NEL, U+2028/9, U+FEFF,
 * a control byte, C1, U+FFFE/F or a surrogate escape (_scan_check.c), so no scalar here
 * holds one; the plain scalars a YAML 1.1 resolver may take for a number or a date that
 * are not a short decimal or a UTC time are handed to quickcheck's own reader. */
#include "_scan.h"
#include <datetime.h>

static PyObject *plain_fn;   /* quickcheck.plain: value or UNSURE */
static PyObject *unsure_obj; /* quickcheck.UNSURE */

int nds_check_configure(PyObject *plain, PyObject *unsure)
{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) return -1;
    Py_INCREF(plain);
    Py_INCREF(unsure);
    Py_XSETREF(plain_fn, plain);
    Py_XSETREF(unsure_obj, unsure);
    return 0;
}

int nds_check_configured(void) { return plain_fn != NULL; }

static int hex_value(uchar x) { return x <= '9' ? x - '0' : (x | 0x20) - 'a' + 10; }

/* "...": escapes \\ \" \/ \n \r \t \b \f \uXXXX (no surrogate) read; any other, a
 * quote before the end or none at the end: UNSURE. */
static PyObject *double_quoted(const uchar *s, ssize n)
{
    ssize i = 1;
    int escapes = 0;
    for (;; i++) {
        i = skip_quoted_run(s, i, n);
        if (i >= n) return UNSURE;
        uchar c = s[i];
        if (c == '"') break;
        if (c != '\\') continue;
        if (i + 1 >= n) return UNSURE;
        uchar e = s[i + 1];
        escapes = 1;
        if (e == '\\' || e == '"' || e == '/' || e == 'n' || e == 'r' || e == 't' || e == 'b' || e == 'f') {
            i++;
        } else if (e == 'u' && i + 5 < n && is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4])
                   && is_hex(s[i + 5])) {
            if ((s[i + 2] | 0x20) == 'd' && hex_value(s[i + 3]) >= 8) return UNSURE;  /* a surrogate */
            i += 5;
        } else {
            return UNSURE;
        }
    }
    if (i != n - 1) return UNSURE;
    const uchar *body = s + 1;
    ssize m = n - 2;
    if (!escapes) return text_of(body, m);
    return nds_unescaped(body, m);
}

/* The words YAML 1.1 reads as a bool or a null (the resolvers of PyYAML), by first letter. */
static int same_as(const uchar *s, ssize n, const char *word)
{
    return (ssize)strlen(word) == n && memcmp(s, word, (size_t)n) == 0;
}

static int word_of(const uchar *s, ssize n)  /* 1 true, 2 false, 3 null, 0 none */
{
    if (n > 5) return 0;
    switch (s[0]) {
    case 'y': case 'Y': return (same_as(s, n, "yes") || same_as(s, n, "Yes") || same_as(s, n, "YES")) ? 1 : 0;
    case 't': case 'T': return (same_as(s, n, "true") || same_as(s, n, "True") || same_as(s, n, "TRUE")) ? 1 : 0;
    case 'o': case 'O':
        if (same_as(s, n, "on") || same_as(s, n, "On") || same_as(s, n, "ON")) return 1;
        return (same_as(s, n, "off") || same_as(s, n, "Off") || same_as(s, n, "OFF")) ? 2 : 0;
    case 'f': case 'F': return (same_as(s, n, "false") || same_as(s, n, "False") || same_as(s, n, "FALSE")) ? 2 : 0;
    case 'n': case 'N':
        if (same_as(s, n, "no") || same_as(s, n, "No") || same_as(s, n, "NO")) return 2;
        return (same_as(s, n, "null") || same_as(s, n, "Null") || same_as(s, n, "NULL")) ? 3 : 0;
    case '~': return n == 1 ? 3 : 0;
    default: return 0;
    }
}

/* A key a YAML 1.1 resolver takes for a bool or null (quickcheck.NOT_STR_KEYS). */
int nds_not_str_key(const uchar *s, ssize n) { return word_of(s, n) != 0; }

static int digits(const uchar *s, ssize n)
{
    for (ssize i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int num(const uchar *s, ssize n)
{
    int v = 0;
    for (ssize i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

/* YYYY-MM-DDTHH:MM:SSZ: the datetime in UTC, or UNSURE when no such time exists. */
static PyObject *utc_time(const uchar *s)
{
    PyObject *value = PyDateTimeAPI->DateTime_FromDateAndTime(
        num(s, 4), num(s + 5, 2), num(s + 8, 2), num(s + 11, 2), num(s + 14, 2), num(s + 17, 2), 0,
        PyDateTime_TimeZone_UTC, PyDateTimeAPI->DateTimeType);
    if (!value && PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        return UNSURE;
    }
    return value;
}

static int utc_shaped(const uchar *s, ssize n)
{
    return n == 20 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)
        && s[10] == 'T' && digits(s + 11, 2) && s[13] == ':' && digits(s + 14, 2) && s[16] == ':'
        && digits(s + 17, 2) && s[19] == 'Z';
}

/* No ": ", " #" nor control character in a plain scalar (one pass: a byte that is none
 * of ':', ' ', or outside printable ASCII is passed over by one look-up). */
static int plain_clean(const uchar *s, ssize n)
{
    for (ssize i = 0; i < n; i++) {
        uchar c = s[i];
        if (c > ' ' && c < 0x7f && c != ':') continue;
        if (c == ':' && i + 1 < n && s[i + 1] == ' ') return 0;
        if (c == ' ' && i + 1 < n && s[i + 1] == '#') return 0;
        if ((c < 0x20 || c >= 0x7f) && control_at(s, i, n)) return 0;
    }
    return 1;
}

/* The value of a one-line scalar (n >= 1, no trailing space); UNSURE; NULL with an exception. */
PyObject *nds_check_value(const uchar *s, ssize n)
{
    uchar first = s[0];
    if (first == '"') return double_quoted(s, n);
    if (n == 2 && s[0] == '[' && s[1] == ']') return PyList_New(0);
    if (n == 2 && s[0] == '{' && s[1] == '}') return PyDict_New();
    if (strchr("&*!|>'%@`[]{},# ", first)) return UNSURE;
    if (s[n - 1] == ':' || !plain_clean(s, n)) return UNSURE;
    if ((first == '-' || first == '?' || first == ':') && (n == 1 || s[1] == ' ')) return UNSURE;
    switch (word_of(s, n)) {  /* the bool and null resolvers */
    case 1: Py_RETURN_TRUE;
    case 2: Py_RETURN_FALSE;
    case 3: Py_RETURN_NONE;
    default: break;
    }
    if (!strchr("-+0123456789.<=", first))  /* no resolver but str's starts so */
        return text_of(s, n);
    ssize i = (first == '-' || first == '+') ? 1 : 0;
    if (n <= 18 && i < n && (s[i] != '0' || n == i + 1) && digits(s + i, n - i)) {
        char text[20];
        memcpy(text, s, (size_t)n);
        text[n] = 0;
        return PyLong_FromLongLong(strtoll(text, NULL, 10));
    }
    if (utc_shaped(s, n)) return utc_time(s);
    PyObject *text = text_of(s, n);
    if (!text) return NULL;
    PyObject *value = PyObject_CallOneArg(plain_fn, text);
    Py_DECREF(text);
    if (value == unsure_obj) {
        Py_DECREF(value);
        return UNSURE;
    }
    return value;
}
