/* The structure pass of the fast index in C: scan.scan_python's twin (read its
 * docstring). Same inputs and outputs; where this code is unsure of a shape it says so
 * (an entry for the libyaml parse, or None for the full parse), so its values always
 * equal a full YAML parse. It works on the UTF-8 bytes, and builds Python objects only
 * for the values it returns.
 *
 * Byte rules kept from the Python (each named where it is done):
 *   source.split        UTF-8 text, BOM, '---' opening line, closing '---' line
 *   suspect             control bytes, C1, U+FFFE/FFFF, surrogate escapes, flow count, anchors
 *   entries.TOP_LINE    a top-level entry starts at a line not starting with space or '#'
 *   entries.KEY         its key; duplicates and over-long keys go to the full parse
 *   quickvalues         one-line scalars, a list of them, a mapping of them
 *   scan._count_items   related items by their dash lines (risky, block_keys_clean)
 * Stricter than the Python (the full parse then decides): a CR not before LF, a line
 * or key with a non-ASCII byte where Python's regexes would look at Unicode classes, a
 * '...' last line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef unsigned char uchar;
typedef Py_ssize_t ssize;

static PyObject *plain_fn;   /* scan.plain_scalar */
static PyObject *unsure_obj; /* scan.UNSURE */
static PyObject *nested_obj; /* quickvalues._Nested */

#define UNSURE ((PyObject *)&unsure_marker)
static int unsure_marker;    /* a value reader's "not a shape read here" (not a Python object) */

/* ---------- UTF-8 (source.decode: strict, no surrogates) ---------- */
static int utf8_valid(const uchar *s, ssize n)
{
    ssize i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) { i += 8; continue; }
        }
        uchar c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
            if (c == 0xE0 && s[i + 1] < 0xA0) return 0;   /* overlong */
            if (c == 0xED && s[i + 1] >= 0xA0) return 0;  /* surrogate */
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80
                || (s[i + 3] & 0xC0) != 0x80) return 0;
            if (c == 0xF0 && s[i + 1] < 0x90) return 0;
            if (c == 0xF4 && s[i + 1] >= 0x90) return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

/* ---------- small helpers ---------- */
static int is_key_start(uchar c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_key_char(uchar c)
{
    return is_key_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}
static int is_hex(uchar c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static int is_word(uchar c) { return is_key_start(c) || (c >= '0' && c <= '9'); }

/* quickvalues._CONTROL at s[i]: C0 but tab (LF and CR included), DEL, C1 as UTF-8,
 * U+2028, U+2029, U+FEFF. */
static int control_at(const uchar *s, ssize i, ssize n)
{
    uchar c = s[i];
    if (c < 0x20) return c != '\t';
    if (c == 0x7f) return 1;
    if (c == 0xC2) return i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F;
    if (c == 0xE2) return i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9);
    if (c == 0xEF) return i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF;
    return 0;
}

static int any_control(const uchar *s, ssize n)
{
    for (ssize i = 0; i < n; i++)
        if ((s[i] < 0x20 || s[i] >= 0x7f) && control_at(s, i, n)) return 1;
    return 0;
}

static int contains(const uchar *s, ssize n, const char *pat, ssize m)
{
    for (ssize i = 0; i + m <= n; i++)
        if (s[i] == (uchar)pat[0] && memcmp(s + i, pat, m) == 0) return 1;
    return 0;
}

/* str.count: non-overlapping occurrences */
static ssize count_of(const uchar *s, ssize n, const uchar *pat, ssize m)
{
    ssize count = 0, i = 0;
    while (i + m <= n) {
        const uchar *hit = memchr(s + i, pat[0], n - i - m + 1);
        if (!hit) break;
        i = hit - s;
        if (memcmp(s + i, pat, m) == 0) { count++; i += m; } else i++;
    }
    return count;
}

static PyObject *text_of(const uchar *s, ssize n) { return PyUnicode_DecodeUTF8((const char *)s, n, "strict"); }

/* ---------- suspect.needs_full_parse, on the bytes up to the closing line ---------- */
/* The bytes either scan below stops at; every other byte is passed over by one table
 * look-up (the chain of tests per byte was two thirds of the time). */
static uchar SUSPECT[256], RISK[256];

static void init_tables(void)
{
    for (int c = 0; c < 0x20; c++)
        SUSPECT[c] = c != '\t' && c != '\n';
    const char *marks = "\x7f\xc2\xef[{\\&*";
    for (const char *m = marks; *m; m++) SUSPECT[(uchar)*m] = 1;
    RISK['\n'] = RISK[':'] = RISK['-'] = 1;
}

static int suspicious(const uchar *f, ssize n)
{
    ssize flow = 0;
    for (ssize i = 0; i < n; i++) {
        if (!SUSPECT[f[i]]) continue;
        uchar c = f[i];
        if (c < 0x20) {
            if (c == '\r') { if (i + 1 >= n || f[i + 1] != '\n') return 1; }  /* stricter: a lone CR */
            else if (c != '\t' && c != '\n') return 1;
        } else if (c == 0x7f) {
            return 1;
        } else if (c == 0xC2) {
            if (i + 1 < n && ((f[i + 1] >= 0x80 && f[i + 1] <= 0x84) || (f[i + 1] >= 0x86 && f[i + 1] <= 0x9F)))
                return 1;
        } else if (c == 0xEF) {
            if (i + 2 < n && f[i + 1] == 0xBF && (f[i + 2] == 0xBE || f[i + 2] == 0xBF)) return 1;
        } else if (c == '[' || c == '{') {
            if (++flow > 256) return 1;
        } else if (c == '\\') {  /* \\(?:u|U0000)[dD][89a-fA-F] */
            ssize j = i + 1;
            if (j < n && f[j] == 'u') j += 1;
            else if (j + 5 <= n && memcmp(f + j, "U0000", 5) == 0) j += 5;
            else continue;
            if (j + 1 < n && (f[j] == 'd' || f[j] == 'D')) {
                uchar d = f[j + 1];
                if ((d >= '8' && d <= '9') || (d >= 'a' && d <= 'f') || (d >= 'A' && d <= 'F')) return 1;
            }
        } else if (c == '&' || c == '*') {
            uchar before = i ? f[i - 1] : '\n';
            if (!strchr(" \t\n\r[{,:-", before) || before == 0) continue;
            if (i + 1 >= n) continue;
            uchar after = f[i + 1];
            if (strchr(" \t\r\n,]}", after) && after != 0) continue;
            if (c == '&') {  /* an HTML entity &#?\w{1,10}; is not an anchor */
                ssize j = i + 1, k;
                if (j < n && f[j] == '#') j++;
                for (k = j; k < n && k - j < 11 && is_word(f[k]); k++) {}
                /* the regex backtracks: any 1..10 word characters followed by ';' */
                ssize w = k - j;
                if (w > 10) w = 10;
                int entity = 0;
                for (ssize len = w; len >= 1; len--)
                    if (j + len < n && f[j + len] == ';') { entity = 1; break; }
                if (!entity && j > i + 1) {  /* '#' optional: also try without it */
                    j = i + 1;
                    for (k = j; k < n && k - j < 11 && is_word(f[k]); k++) {}
                    w = k - j > 10 ? 10 : k - j;
                    for (ssize len = w; len >= 1; len--)
                        if (j + len < n && f[j + len] == ';') { entity = 1; break; }
                }
                if (entity) continue;
            }
            return 1;
        }
    }
    return 0;
}

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
            else if (cp < 0x800) { out[o++] = 0xC0 | (cp >> 6); out[o++] = 0x80 | (cp & 0x3F); }
            else {
                out[o++] = 0xE0 | (cp >> 12);
                out[o++] = 0x80 | ((cp >> 6) & 0x3F);
                out[o++] = 0x80 | (cp & 0x3F);
            }
            break;
        }
        default: out[o++] = e; break;  /* \\ and \" */
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
        PyObject *value = PyObject_CallOneArg(plain_fn, text);
        Py_DECREF(text);
        if (value == unsure_obj) { Py_DECREF(value); return UNSURE; }
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
        if (skipping) { v = nested_obj; Py_INCREF(v); }
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
static PyObject *entry(const uchar *s, ssize n, const uchar **written, ssize *written_n)
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

/* ---------- scan._count_items: -1 when unsure ---------- */
static int risky(const uchar *s, ssize n)
{
    /* entries.risky: a tab, or after ": ", "- " or a line break, spaces and then an
     * unclosed double quote or one of | > ' [ { */
    if (memchr(s, '\t', n)) return 1;
    for (ssize p = 0; p < n; p++) {
        if (!RISK[s[p]]) continue;
        ssize q;
        if (s[p] == '\n') q = p + 1;
        else if ((s[p] == ':' || s[p] == '-') && p + 1 < n && s[p + 1] == ' ') q = p + 2;
        else continue;
        while (q < n && s[q] == ' ') q++;
        if (q >= n) continue;
        uchar c = s[q];
        if (c == '|' || c == '>' || c == '\'' || c == '[' || c == '{') return 1;
        if (c != '"') continue;
        q++;
        for (;;) {
            if (q >= n) return 1;           /* $ at the end */
            if (s[q] == '"') break;         /* closed: \r?$ fails at the quote */
            if (s[q] == '\n') return 1;     /* $ before a line break */
            if (s[q] == '\\') {
                if (q + 1 < n && s[q + 1] != '\n') { q += 2; continue; }
                break;                      /* \r?$ fails at the backslash */
            }
            q++;
        }
    }
    return 0;
}

#define MAX_PARTS 128

typedef struct { ssize level; const uchar *key; ssize len; } part_t;

static int item_clean(const part_t *parts, ssize count, ssize item_len, ssize longest_part, ssize longest)
{
    for (ssize a = 0; a < count; a++)
        for (ssize b = a + 1; b < count; b++)
            if (parts[a].level == parts[b].level && parts[a].len == parts[b].len
                && memcmp(parts[a].key, parts[b].key, parts[a].len) == 0)
                return 0;
    return !(item_len > 1024 && longest_part > longest);
}

/* suspect.block_keys_clean: 1 clean, 0 not, -1 unsure (a non-ASCII byte after a key,
 * or an item of more keys than counted here). The key lines it looks at: "\n", dash
 * spaces, then "- ", "  " or "    " and a key followed by [ \t]*: and a space, a line
 * break or the end; each "- " line starts an item, whose first key counts as one at
 * dash+2 spaces, and no item may repeat (level, key). */
static int block_keys_clean(const uchar *s, ssize n, ssize dash)
{
    part_t parts[MAX_PARTS];
    ssize count = 0, item_len = 0, longest_part = 0;
    const ssize longest = 1024 + dash + 5;
    int in_item = 0;
    const uchar *nl = memchr(s, '\n', n);
    while (nl) {
        ssize i = nl - s + 1;
        nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
        ssize sp = 0;
        while (sp < dash && i + sp < n && s[i + sp] == ' ') sp++;
        if (sp < dash) continue;
        i += dash;
        ssize level, k;
        if (i + 2 < n && s[i] == '-' && s[i + 1] == ' ' && is_key_start(s[i + 2])) { level = -2; k = i + 2; }
        else if (i + 2 < n && s[i] == ' ' && s[i + 1] == ' ' && is_key_start(s[i + 2])) { level = dash + 2; k = i + 2; }
        else if (i + 4 < n && memcmp(s + i, "    ", 4) == 0 && is_key_start(s[i + 4])) { level = dash + 4; k = i + 4; }
        else continue;
        ssize e = k;
        while (e < n && is_key_char(s[e])) e++;
        if (e < n && s[e] >= 0x80) return -1;
        ssize c = e;
        while (c < n && (s[c] == ' ' || s[c] == '\t')) c++;
        if (!(c < n && s[c] == ':' && (c + 1 == n || s[c + 1] == ' ' || s[c + 1] == '\t' || s[c + 1] == '\r'
                                      || s[c + 1] == '\n')))
            continue;
        ssize kl = e - k;
        if (level == -2) {
            if (in_item && !item_clean(parts, count, item_len, longest_part, longest)) return 0;
            in_item = 1;
            count = 0;
            longest_part = 0;
            level = dash + 2;
            item_len = kl;
        } else {
            if (!in_item) continue;  /* before the first item: split(...)[1:] drops it */
            item_len += 1 + level + kl;
        }
        if (count == MAX_PARTS) return -1;
        parts[count].level = level;
        parts[count].key = s + k;
        parts[count].len = kl;
        count++;
        if (level + kl > longest_part) longest_part = level + kl;
    }
    if (in_item && !item_clean(parts, count, item_len, longest_part, longest)) return 0;
    return 1;
}

static ssize count_items(const uchar *s, ssize n)
{
    ssize i = 0;
    while (i < n && is_key_char(s[i])) i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    i++;  /* the colon (KEY matched) */
    ssize e = i;
    while (e < n && s[e] != '\n') e++;
    ssize a = i;  /* after the key: strip(" \t\r") empty or a comment */
    while (a < e && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) a++;
    if (a < e && s[a] != '#') return -1;
    /* _FIRST_ITEM */
    if (e >= n) return -1;
    ssize p = e + 1;
    for (;;) {  /* blank or comment lines */
        ssize q = p;
        while (q < n && (s[q] == ' ' || s[q] == '\t')) q++;
        if (q < n && s[q] == '#') while (q < n && s[q] != '\n') q++;
        if (q < n && s[q] == '\r') q++;
        if (q < n && s[q] == '\n') { p = q + 1; continue; }
        break;
    }
    ssize dash = 0;
    while (p + dash < n && s[p + dash] == ' ') dash++;
    ssize d = p + dash;
    if (!(d < n && s[d] == '-')) return -1;
    if (!(d + 1 < n && (s[d + 1] == ' ' || s[d + 1] == '\t' || s[d + 1] == '\n'
                        || (s[d + 1] == '\r' && d + 2 < n && s[d + 2] == '\n'))))
        return -1;
    if (risky(s, n)) return -1;
    int clean = block_keys_clean(s, n, dash);
    if (clean != 1) return -1;
    uchar pat[1024 + 4];
    if (dash > 1024) return -1;
    pat[0] = '\n';
    memset(pat + 1, ' ', dash);
    pat[dash + 1] = '-';
    pat[dash + 2] = ' ';
    ssize total = count_of(s, n, pat, dash + 3);
    pat[dash + 2] = '\n';
    total += count_of(s, n, pat, dash + 3);
    pat[dash + 2] = '\r';
    pat[dash + 3] = '\n';
    total += count_of(s, n, pat, dash + 4);
    return total;
}

/* ---------- scan ---------- */
#define MAX_ENTRIES 256

static PyObject *scan(PyObject *self, PyObject *args)
{
    PyObject *raw_obj, *wanted;
    if (!PyArg_ParseTuple(args, "SO:scan", &raw_obj, &wanted)) return NULL;
    if (!plain_fn) { PyErr_SetString(PyExc_RuntimeError, "_scan.configure() was not called"); return NULL; }
    const uchar *b = (const uchar *)PyBytes_AS_STRING(raw_obj);
    ssize n = PyBytes_GET_SIZE(raw_obj);
    /* source.split */
    if (memchr(b, 0, n < 8192 ? n : 8192) || !utf8_valid(b, n)) Py_RETURN_NONE;
    ssize p = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;
    if (n - p < 3 || memcmp(b + p, "---", 3) != 0) Py_RETURN_NONE;
    p += 3;
    while (p < n && (b[p] == ' ' || b[p] == '\t')) p++;
    if (p < n && b[p] == '\r') p++;
    if (p >= n || b[p] != '\n') Py_RETURN_NONE;
    ssize start = p + 1, at = p, close = -1;
    for (;;) {
        const uchar *hit = NULL;
        for (ssize i = at; i + 4 <= n; i++) {
            const uchar *nl = memchr(b + i, '\n', n - i);
            if (!nl) break;
            i = nl - b;
            if (i + 4 <= n && memcmp(b + i + 1, "---", 3) == 0) { hit = nl; break; }
        }
        if (!hit) Py_RETURN_NONE;
        at = hit - b;
        ssize r = at + 4;
        while (r < n && (b[r] == ' ' || b[r] == '\t')) r++;
        if (r < n && b[r] == '\r') r++;
        if (r >= n || b[r] == '\n') { close = at + 1; break; }
        at += 4;
    }
    if (suspicious(b, close)) Py_RETURN_NONE;
    const uchar *f = b + start;
    ssize fn = close - start;
    {   /* a '...' document end as the front's last line: the full parse */
        ssize last = fn - 1;
        while (last > 0 && f[last - 1] != '\n') last--;
        if (last < 0) last = 0;
        if (fn >= 3 && last + 3 <= fn && memcmp(f + last, "...", 3) == 0) Py_RETURN_NONE;
    }
    if (fn == 0 || f[0] == ' ' || f[0] == '\t' || f[0] == '\n' || f[0] == '\r' || f[0] == '#' || f[0] >= 0x80)
        Py_RETURN_NONE;
    /* entries.TOP_LINE and KEY */
    ssize starts[MAX_ENTRIES + 1], count = 0;
    starts[count++] = 0;
    for (ssize i = 0; i < fn; i++) {
        const uchar *nl = memchr(f + i, '\n', fn - i);
        if (!nl) break;
        i = nl - f;
        if (i + 1 >= fn) break;
        uchar c = f[i + 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#') continue;
        if (c >= 0x80) Py_RETURN_NONE;  /* maybe a Unicode space: the full parse */
        if (count == MAX_ENTRIES) Py_RETURN_NONE;
        starts[count++] = i + 1;
    }
    starts[count] = fn;
    ssize key_len[MAX_ENTRIES];
    ssize related = -1;
    PyObject *data = NULL, *slow = NULL, *written = NULL, *related_obj = NULL, *result = NULL;
    PyObject *keys[MAX_ENTRIES];
    int wanted_at[MAX_ENTRIES];
    ssize made = 0;
    for (ssize e = 0; e < count; e++) {
        const uchar *c = f + starts[e];
        ssize cn = starts[e + 1] - starts[e], i = 0;
        if (!cn || !is_key_start(c[0])) goto none;
        while (i < cn && is_key_char(c[i])) i++;
        if (i < cn && c[i] >= 0x80) goto none;
        ssize kn = i;
        while (i < cn && (c[i] == ' ' || c[i] == '\t')) i++;
        if (i >= cn || c[i] != ':') goto none;
        i++;
        if (i < cn && !strchr(" \t\r\n", c[i])) goto none;
        if (i > 1024) goto none;
        for (ssize k = 0; k < e; k++)
            if (key_len[k] == kn && memcmp(f + starts[k], c, kn) == 0) goto none;
        key_len[e] = kn;
        keys[e] = text_of(c, kn);
        made = e + 1;
        if (!keys[e]) goto fail;
        int w = PySequence_Contains(wanted, keys[e]);
        if (w < 0) goto fail;
        wanted_at[e] = w;
        if (!w && related < 0 && PyUnicode_CompareWithASCIIString(keys[e], "related") == 0) related = e;
    }
    data = PyDict_New();
    slow = PyList_New(0);
    if (!data || !slow) goto fail;
    for (ssize e = 0; e < count; e++) {
        if (!wanted_at[e]) continue;
        const uchar *c = f + starts[e];
        ssize cn = starts[e + 1] - starts[e];
        const uchar *as_written;
        ssize as_written_n = 0;
        PyObject *value = entry(c, cn, &as_written, &as_written_n);
        if (!value) goto fail;
        if (value == UNSURE) {
            PyObject *chunk = text_of(c, cn);
            if (!chunk || PyList_Append(slow, chunk) < 0) { Py_XDECREF(chunk); goto fail; }
            Py_DECREF(chunk);
            continue;
        }
        int bad = PyDict_SetItem(data, keys[e], value);
        if (!bad && PyUnicode_CompareWithASCIIString(keys[e], "publishedDateTime") == 0) {
            Py_XDECREF(written);
            if (PyUnicode_Check(value)) { written = value; Py_INCREF(value); }
            else if (as_written) written = text_of(as_written, as_written_n);
            else { written = Py_None; Py_INCREF(written); }
            if (!written) bad = 1;
        }
        Py_DECREF(value);
        if (bad) goto fail;
    }
    if (related >= 0) {
        const uchar *c = f + starts[related];
        ssize cn = starts[related + 1] - starts[related];
        ssize items = count_items(c, cn);
        related_obj = items < 0 ? text_of(c, cn) : PyLong_FromSsize_t(items);
        if (!related_obj) goto fail;
    }
    result = Py_BuildValue("(OOOO)", data, written ? written : Py_None, slow, related_obj ? related_obj : Py_None);
    goto out;
none:
    result = Py_None;
    Py_INCREF(result);
    goto out;
fail:
    result = NULL;
out:
    for (ssize k = 0; k < made; k++) Py_XDECREF(keys[k]);
    Py_XDECREF(data);
    Py_XDECREF(slow);
    Py_XDECREF(written);
    Py_XDECREF(related_obj);
    return result;
}

static PyObject *configure(PyObject *self, PyObject *args)
{
    PyObject *fn, *unsure, *nested;
    if (!PyArg_ParseTuple(args, "OOO:configure", &fn, &unsure, &nested)) return NULL;
    Py_INCREF(fn);
    Py_INCREF(unsure);
    Py_INCREF(nested);
    Py_XSETREF(plain_fn, fn);
    Py_XSETREF(unsure_obj, unsure);
    Py_XSETREF(nested_obj, nested);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "scan(raw, wanted): scan.scan_python's twin (see newsdesk.core.indexing.scan)."},
    {"configure", configure, METH_VARARGS,
     "configure(plain_scalar, UNSURE, nested): the Python pieces the scanner hands rare cases to."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void)
{
    init_tables();
    return PyModule_Create(&module);
}
