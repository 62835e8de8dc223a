/* quickvalues in C: one-line scalars, and a block list or mapping of them (see _scan.c). */
#include "_scan.h"

PyObject *nds_plain_fn;   /* scan.plain_scalar */
PyObject *nds_unsure_obj; /* scan.UNSURE */
PyObject *nds_nested_obj; /* quickvalues._Nested */

/* ---------- quickvalues.scalar ---------- */
static PyObject *double_quoted(const uchar *s, ssize n)
{
    /* _DQ: "([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"[ \t]*\r?  (fullmatch) */
    ssize i = 1, escapes = 0;
    for (;;) {
        if (i >= n) return UNSURE;
        uchar c = s[i];
        if (c == '"') break;
        if (c == '\\') {
            if (i + 1 < n && s[i + 1] != '\n') { i += 2; escapes = 1; continue; }
            return UNSURE;
        }
        if (c == '\n') return UNSURE;
        i++;
    }
    ssize q = i, j = q + 1;
    while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
    if (j < n && s[j] == '\r') j++;
    if (j != n) return UNSURE;
    const uchar *body = s + 1;
    ssize m = q - 1;
    /* _JSON_SAFE_ESCAPES: every backslash (even the second of a pair) before \ " n r t b f or uXXXX */
    for (ssize k = 0; k < m; k++) {
        if (body[k] != '\\') continue;
        if (k + 1 >= m) return UNSURE;
        uchar e = body[k + 1];
        if (strchr("\\\"nrtbf", e) && e) continue;
        if (e == 'u' && k + 5 < m && is_hex(body[k + 2]) && is_hex(body[k + 3])
            && is_hex(body[k + 4]) && is_hex(body[k + 5]))
            continue;
        return UNSURE;
    }
    if (any_control(body, m)) return UNSURE;
    if (!escapes) return text_of(body, m);
    return nds_unescaped(body, m);
}

PyObject *nds_unescaped(const uchar *body, ssize m)
{
    /* json.loads of the escapes; the output is never longer than the input */
    uchar *out = PyMem_Malloc(m ? m : 1);
    if (!out) return PyErr_NoMemory();
    ssize o = 0;
    for (ssize k = 0; k < m; k++) {
        uchar c = body[k];
        if (c != '\\') { out[o++] = c; continue; }
        uchar e = body[++k];
        switch (e) {
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'u': {
            unsigned cp = 0;
            for (int h = 1; h <= 4; h++) {
                uchar x = body[k + h];
                cp = cp * 16 + (x <= '9' ? x - '0' : (x | 0x20) - 'a' + 10);
            }
            k += 4;
            if (cp >= 0xD800 && cp <= 0xDFFF) { PyMem_Free(out); return UNSURE; }
            if (cp < 0x80) out[o++] = (uchar)cp;
            else if (cp < 0x800) { out[o++] = (uchar)(0xC0 | (cp >> 6)); out[o++] = (uchar)(0x80 | (cp & 0x3F)); }
            else {
                out[o++] = (uchar)(0xE0 | (cp >> 12));
                out[o++] = (uchar)(0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (uchar)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: out[o++] = e; break;  /* \\ \" \/ */
        }
    }
    PyObject *value = text_of(out, o);
    PyMem_Free(out);
    return value;
}

static int word_is(const uchar *s, ssize n, const char *const *words)
{
    for (; *words; words++)
        if ((ssize)strlen(*words) == n && memcmp(s, *words, n) == 0) return 1;
    return 0;
}

static const char *const TRUE_WORDS[] = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", NULL};
static const char *const FALSE_WORDS[] = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", NULL};
static const char *const NULL_WORDS[] = {"~", "null", "Null", "NULL", NULL};

/* The value of a one-line scalar as written after "key: "; UNSURE; or NULL with an exception. */
static PyObject *scalar(const uchar *s, ssize n)
{
    if (n == 0) Py_RETURN_NONE;
    uchar first = s[0];
    if (first == '"') return double_quoted(s, n);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    if (n == 0) Py_RETURN_NONE;
    if (strchr("&*!|>'\"%@`[]{},# \t", first)) return UNSURE;
    if (contains(s, n, ": ", 2) || contains(s, n, " #", 2) || contains(s, n, "\t#", 2) || s[n - 1] == ':'
        || any_control(s, n))
        return UNSURE;
    if ((first == '-' || first == '?' || first == ':') && (n == 1 || s[1] == ' ')) return UNSURE;
    if (strchr("yYnNtTfFoO~", first)) {  /* the bool and null resolvers' first characters */
        if (word_is(s, n, TRUE_WORDS)) Py_RETURN_TRUE;
        if (word_is(s, n, FALSE_WORDS)) Py_RETURN_FALSE;
        if (word_is(s, n, NULL_WORDS)) Py_RETURN_NONE;
        return text_of(s, n);
    }
    if (strchr("-+0123456789.<=", first)) {  /* int, float, timestamp, merge, value */
        ssize i = (first == '-' || first == '+') ? 1 : 0;
        int decimal = i < n && n <= 18 && (s[i] != '0' || n == i + 1);
        for (ssize k = i; decimal && k < n; k++) decimal = s[k] >= '0' && s[k] <= '9';
        if (decimal) {
            char digits[20];
            memcpy(digits, s, n);
            digits[n] = 0;
            return PyLong_FromLongLong(strtoll(digits, NULL, 10));
        }
        PyObject *text = text_of(s, n);
        if (!text) return NULL;
        PyObject *value = PyObject_CallOneArg(nds_plain_fn, text);
        Py_DECREF(text);
        if (value == nds_unsure_obj) { Py_DECREF(value); return UNSURE; }
        return value;
    }
    return text_of(s, n);
}

/* ---------- quickvalues.entry ---------- */
typedef struct { const uchar *s; ssize n; } line_t;

static int blank(line_t l)
{
    for (ssize i = 0; i < l.n; i++)
        if (l.s[i] != ' ' && l.s[i] != '\t' && l.s[i] != '\r') return 0;
    return 1;
}

/* _ENTRY: ([A-Za-z_][\w.-]*):(?:[ \t]+(.*?))?[ \t]*\r?$ on one line: 1 with the key and
 * text spans, 0 when it does not match, -1 when a non-ASCII byte follows the key. */
static int entry_line(line_t l, ssize *key_n, const uchar **text, ssize *text_n)
{
    const uchar *s = l.s;
    ssize n = l.n, i = 0;
    if (!n || !is_key_start(s[0])) return 0;
    while (i < n && is_key_char(s[i])) i++;
    if (i < n && s[i] >= 0x80) return -1;
    *key_n = i;
    if (i >= n || s[i] != ':') return 0;
    i++;
    ssize end = n;
    if (end > i && s[end - 1] == '\r') end--;
    if (i < end && s[i] != ' ' && s[i] != '\t') return 0;
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
    while (i < end && (s[i] == ' ' || s[i] == '\t')) i++;
    *text = s + i;
    *text_n = end - i;
    return 1;
}

#define MAX_LINES_ON_STACK 64

static ssize leading_spaces(line_t l)
{
    ssize i = 0;
    while (i < l.n && l.s[i] == ' ') i++;
    return i;
}

static int dash_item(line_t l, ssize indent)  /* rest.startswith("- ") or rest.rstrip(" \t\r") == "-" */
{
    if (l.n < indent) return 0;
    for (ssize i = 0; i < indent; i++)
        if (l.s[i] != ' ') return 0;
    const uchar *r = l.s + indent;
    ssize m = l.n - indent;
    if (m >= 2 && r[0] == '-' && r[1] == ' ') return 1;
    while (m && (r[m - 1] == ' ' || r[m - 1] == '\t' || r[m - 1] == '\r')) m--;
    return m == 1 && r[0] == '-';
}

/* _block: a list of one-line scalars or a mapping of them. */
static PyObject *block(line_t *lines, ssize count)
{
    ssize indent = leading_spaces(lines[0]);
    if (indent == 0) return UNSURE;
    if (dash_item(lines[0], indent)) {
        PyObject *items = PyList_New(0);
        if (!items) return NULL;
        for (ssize k = 0; k < count; k++) {
            if (!dash_item(lines[k], indent)) { Py_DECREF(items); return UNSURE; }
            const uchar *t = lines[k].s + indent + 2;
            ssize tn = lines[k].n - indent - 2;
            if (tn < 0) tn = 0;
            while (tn && t[tn - 1] == '\r') tn--;
            PyObject *v = scalar(t, tn);
            if (v == UNSURE || !v) { Py_DECREF(items); return v; }
            int bad = PyList_Append(items, v);
            Py_DECREF(v);
            if (bad) { Py_DECREF(items); return NULL; }
        }
        return items;
    }
    PyObject *mapping = PyDict_New();
    if (!mapping) return NULL;
    int skipping = 0;
    for (ssize k = 0; k < count; k++) {
        line_t l = lines[k];
        if (blank(l)) goto unsure;
        ssize depth = leading_spaces(l);
        if (depth > indent) {
            if (!skipping) goto unsure;
            continue;
        }
        if (depth < indent) goto unsure;
        line_t rest = {l.s + indent, l.n - indent};
        ssize key_n;
        const uchar *text;
        ssize text_n;
        if (entry_line(rest, &key_n, &text, &text_n) != 1) goto unsure;
        PyObject *key = text_of(rest.s, key_n);
        if (!key) goto fail;
        int dup = PyDict_Contains(mapping, key);
        if (dup) { Py_DECREF(key); if (dup < 0) goto fail; goto unsure; }
        skipping = text_n == 0;
        PyObject *v;
        if (skipping) { v = nds_nested_obj; Py_INCREF(v); }
        else v = scalar(text, text_n);
        if (v == UNSURE || !v) { Py_DECREF(key); Py_DECREF(mapping); return v; }
        int bad = PyDict_SetItem(mapping, key, v);
        Py_DECREF(key);
        Py_DECREF(v);
        if (bad) goto fail;
    }
    return mapping;
unsure:
    Py_DECREF(mapping);
    return UNSURE;
fail:
    Py_DECREF(mapping);
    return NULL;
}

/* quickvalues.entry of one top-level entry's bytes: the value (UNSURE or NULL), with
 * the one-line scalar's text as written in *written (NULL for a block). */
PyObject *nds_entry(const uchar *s, ssize n, const uchar **written, ssize *written_n)
{
    line_t stack[MAX_LINES_ON_STACK];
    line_t *lines = stack;
    ssize count = 0, cap = MAX_LINES_ON_STACK, last = -1;
    *written = NULL;
    for (ssize i = 0; i <= n;) {
        const uchar *nl = memchr(s + i, '\n', n - i);
        ssize end = nl ? nl - s : n;
        if (count == cap) {
            line_t *bigger = PyMem_Malloc(sizeof(line_t) * cap * 4);
            if (!bigger) { if (lines != stack) PyMem_Free(lines); return PyErr_NoMemory(); }
            memcpy(bigger, lines, sizeof(line_t) * count);
            if (lines != stack) PyMem_Free(lines);
            lines = bigger;
            cap *= 4;
        }
        lines[count] = (line_t){s + i, end - i};
        if (!blank(lines[count])) last = count;
        count++;
        if (!nl) break;
        i = end + 1;
    }
    count = last + 1;
    PyObject *value = UNSURE;
    ssize key_n;
    const uchar *text;
    ssize text_n;
    if (count == 0 || entry_line(lines[0], &key_n, &text, &text_n) != 1) goto done;
    if (count == 1) {
        value = scalar(text, text_n);
        *written = text;
        *written_n = text_n;
        goto done;
    }
    if (text_n && text[0] != '#') goto done;  /* a value on the key line and more lines */
    value = block(lines + 1, count - 1);
done:
    if (lines != stack) PyMem_Free(lines);
    return value;
}
