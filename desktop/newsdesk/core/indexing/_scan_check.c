/* The check's quick proof in C: quickcheck.data_python's twin (read quickcheck's
 * docstring). check(raw) gives the front's data exactly as the full parse gives it, or
 * None when that is not certain here (the full parse then decides). Same inputs and
 * outputs as the Python, shape for shape: the tests compare the two, and both with the
 * full parse.
 *
 * Passes over the bytes (each named for the Python it reproduces):
 *   source.split     strict UTF-8, no NUL in the first 8 KB, BOM, '---' lines, '...' last line
 *   suspect          control bytes, C1, U+FFFE/F, lone CR, surrogate escapes, flow count, anchors
 *   quickcheck.ODD   tab, CR, NEL, U+2028, U+2029, U+FEFF anywhere in the front
 *   quickcheck.lines every non-blank line is "key: value", "- key: value" or "- value"
 *   quickcheck.mapping / block   block mappings and lists by their indents
 *   quickcheck.value (_scan_check_values.c)   one-line scalars */
#include "_scan.h"

#define MAX_DEPTH 32      /* quickcheck.MAX_DEPTH: nested blocks */
#define MAX_KEY 128       /* quickcheck.MAX_KEY: bytes of a key (YAML's own limit is 1024) */
#define MAX_LINES 100000  /* quickcheck.MAX_LINES: non-blank lines of a front */

int nds_check_configure(PyObject *plain, PyObject *unsure);
int nds_check_configured(void);
int nds_not_str_key(const uchar *s, ssize n);
PyObject *nds_check_value(const uchar *s, ssize n);

/* source.split: the front's bounds [*start, *end), or 0 when the file is not one read here. */
static int front_of(const uchar *b, ssize n, ssize *start, ssize *end)
{
    if (memchr(b, 0, (size_t)(n < 8192 ? n : 8192)) || !nds_utf8_valid(b, n)) return 0;
    ssize p = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;
    if (n - p < 3 || memcmp(b + p, "---", 3) != 0) return 0;
    p += 3;
    while (p < n && (b[p] == ' ' || b[p] == '\t')) p++;
    if (p < n && b[p] == '\r') p++;
    if (p >= n || b[p] != '\n') return 0;
    for (ssize at = p;; at++) {  /* the first "\n---" with only blanks after it on its line */
        at = find_break_dash(b, at, n);
        if (at + 4 > n) return 0;
        if (memcmp(b + at + 1, "---", 3) != 0) continue;
        ssize r = at + 4;
        while (r < n && (b[r] == ' ' || b[r] == '\t')) r++;
        if (r < n && b[r] == '\r') r++;
        if (r >= n || b[r] == '\n') {
            *start = p + 1;
            *end = at + 1;
            break;
        }
    }
    ssize last = *end - 1;  /* a '...' last line is the delimiters' (source.split): left to the full parse */
    while (last > *start && b[last - 1] != '\n') last--;
    return !(*end - last >= 3 && memcmp(b + last, "...", 3) == 0);
}

/* quickcheck.ODD: 1 if the front holds a byte sequence the line pass leaves alone. */
static int odd(const uchar *f, ssize n)
{
    ssize i = 0;
    for (;;) {
#ifdef HAVE_VEC
        while (i + 16 <= n) {
            vec v = VLOAD(f + i);
            vec m = VOR(VOR(VEQ(v, '\t'), VEQ(v, '\r')), VOR(VEQ(v, 0xC2), VOR(VEQ(v, 0xE2), VEQ(v, 0xEF))));
            if (VANY(m)) break;
            i += 16;
        }
#endif
        if (i >= n) return 0;
        uchar c = f[i];
        if (c == '\t' || c == '\r') return 1;
        if (c == 0xC2 && i + 1 < n && f[i + 1] == 0x85) return 1;
        if (c == 0xE2 && i + 2 < n && f[i + 1] == 0x80 && (f[i + 2] == 0xA8 || f[i + 2] == 0xA9)) return 1;
        if (c == 0xEF && i + 2 < n && f[i + 1] == 0xBB && f[i + 2] == 0xBF) return 1;
        i++;
    }
}

/* One non-blank line: its indent, whether "- " follows, and its key and value text
 * (offsets into the front; no key: key_n == 0; no value: text_n == 0). */
typedef struct {
    ssize indent, key, key_n, text, text_n;
    int dash;
} cline;

/* quickcheck.lines: the front's lines, or 0 when one is of no shape read here. */
static int cut_lines(const uchar *f, ssize fn, cline **out, ssize *count)
{
    ssize cap = 0, made = 0;
    cline *lines = NULL;
    for (ssize s = 0; s < fn;) {
        const uchar *nl = memchr(f + s, '\n', (size_t)(fn - s));
        ssize e = nl ? nl - f : fn, i = s;
        ssize next = e + 1;
        while (i < e && f[i] == ' ') i++;
        if (i == e) { s = next; continue; }  /* blank */
        if (made == cap) {
            if (cap >= MAX_LINES) goto unsure;
            ssize bigger = cap ? cap * 4 : 256;
            if (bigger > MAX_LINES) bigger = MAX_LINES;
            cline *grown = PyMem_Realloc(lines, sizeof(cline) * (size_t)bigger);
            if (!grown) { PyMem_Free(lines); PyErr_NoMemory(); return -1; }
            lines = grown;
            cap = bigger;
        }
        cline *l = &lines[made++];
        l->indent = i - s;
        l->dash = f[i] == '-' && i + 1 < e && f[i + 1] == ' ';
        if (l->dash) i += 2;
        l->key = i;
        l->key_n = 0;
        if (i < e && is_key_start(f[i])) {
            ssize k = i + 1;
            while (k < e && is_key_char(f[k])) k++;
            if (k < e && f[k] == ':' && (k + 1 == e || f[k + 1] == ' ')) {
                if (k - i > MAX_KEY) goto unsure;
                l->key_n = k - i;
                i = k + 1;
                while (i < e && f[i] == ' ') i++;
            }
        }
        if (!l->key_n && (!l->dash || i >= e || f[i] == ' ')) goto unsure;  /* no shape, or "-  x" */
        ssize te = e;
        while (te > i && f[te - 1] == ' ') te--;
        l->text = i;
        l->text_n = te - i;
        s = next;
    }
    *out = lines;
    *count = made;
    return 1;
unsure:
    PyMem_Free(lines);
    return 0;
}

/* The str of a key: the same few dozen recur in every article and item (title, url...),
 * so the last one seen in each slot is kept, its hash with it. Keys are ASCII. */
#define KEY_SLOTS 256
static PyObject *key_slots[KEY_SLOTS];

static PyObject *key_of(const uchar *s, ssize n)
{
    if (n > 40) return PyUnicode_FromStringAndSize((const char *)s, n);
    unsigned slot = ((unsigned)n * 31u + s[0] * 7u + s[n - 1] + s[n / 2] * 131u) & (KEY_SLOTS - 1);
    PyObject *key = key_slots[slot];
    if (key && PyUnicode_GET_LENGTH(key) == n && memcmp(PyUnicode_DATA(key), s, (size_t)n) == 0) {
        Py_INCREF(key);
        return key;
    }
    key = PyUnicode_FromStringAndSize((const char *)s, n);
    if (key) {
        Py_INCREF(key);
        Py_XSETREF(key_slots[slot], key);
    }
    return key;
}

typedef struct {
    const uchar *f;
    const cline *l;
    ssize n, i;
} cursor;

static PyObject *block(cursor *c, int depth);

/* quickcheck.mapping: the block mapping whose keys are at col, from line c->i (which may
 * be the "- key: value" line of a list item). */
static PyObject *mapping(cursor *c, ssize col, int depth)
{
    if (depth > MAX_DEPTH) return UNSURE;
    PyObject *out = PyDict_New();
    if (!out) return NULL;
    int first = 1;
    while (c->i < c->n) {
        const cline *l = &c->l[c->i];
        if (l->dash && !(first && l->indent + 2 == col)) {
            if (l->indent >= col) goto unsure;
            break;  /* the next item of the list this mapping is in */
        }
        if (!l->dash && l->indent != col) {
            if (l->indent > col) goto unsure;
            break;
        }
        first = 0;
        if (!l->key_n || nds_not_str_key(c->f + l->key, l->key_n)) goto unsure;
        PyObject *key = key_of(c->f + l->key, l->key_n);
        if (!key) goto fail;
        int seen = PyDict_Contains(out, key);
        if (seen) {
            Py_DECREF(key);
            if (seen < 0) goto fail;
            goto unsure;
        }
        c->i++;
        PyObject *value;
        if (l->text_n) {
            value = nds_check_value(c->f + l->text, l->text_n);
        } else if (c->i < c->n && (c->l[c->i].indent > col || (c->l[c->i].dash && c->l[c->i].indent == col))) {
            value = block(c, depth + 1);
        } else {
            value = Py_None;
            Py_INCREF(value);
        }
        if (!value || value == UNSURE) {
            Py_DECREF(key);
            if (!value) goto fail;
            goto unsure;
        }
        int bad = PyDict_SetItem(out, key, value);
        Py_DECREF(key);
        Py_DECREF(value);
        if (bad) goto fail;
    }
    return out;
unsure:
    Py_DECREF(out);
    return UNSURE;
fail:
    Py_DECREF(out);
    return NULL;
}

/* quickcheck.block: the nested block that starts at line c->i, a mapping or a list. */
static PyObject *block(cursor *c, int depth)
{
    if (depth > MAX_DEPTH) return UNSURE;
    ssize indent = c->l[c->i].indent;
    if (!c->l[c->i].dash) return mapping(c, indent, depth + 1);
    PyObject *items = PyList_New(0);
    if (!items) return NULL;
    while (c->i < c->n && c->l[c->i].indent == indent && c->l[c->i].dash) {
        const cline *l = &c->l[c->i];
        PyObject *item;
        if (!l->key_n) {  /* "- value" */
            item = nds_check_value(c->f + l->text, l->text_n);
            c->i++;
            if (item && item != UNSURE && c->i < c->n && c->l[c->i].indent > indent) {
                Py_DECREF(item);
                item = UNSURE;
            }
        } else {
            item = mapping(c, indent + 2, depth + 1);
        }
        if (!item || item == UNSURE) {
            Py_DECREF(items);
            return item;
        }
        int bad = PyList_Append(items, item);
        Py_DECREF(item);
        if (bad) {
            Py_DECREF(items);
            return NULL;
        }
    }
    return items;
}

static PyObject *check(PyObject *self, PyObject *raw)
{
    (void)self;
    if (!PyBytes_Check(raw)) {
        PyErr_SetString(PyExc_TypeError, "check() takes the file's bytes");
        return NULL;
    }
    if (!nds_check_configured()) {
        PyErr_SetString(PyExc_RuntimeError, "_scan.configure_check() was not called");
        return NULL;
    }
    const uchar *b = (const uchar *)PyBytes_AS_STRING(raw);
    ssize n = PyBytes_GET_SIZE(raw), start, end;
    if (!front_of(b, n, &start, &end) || nds_suspicious(b, end) || odd(b + start, end - start))
        Py_RETURN_NONE;
    cline *lines;
    ssize count;
    int cut = cut_lines(b + start, end - start, &lines, &count);
    if (cut < 0) return NULL;
    if (!cut) Py_RETURN_NONE;
    PyObject *data = UNSURE;
    cursor c = {b + start, lines, count, 0};
    if (count && !lines[0].indent && !lines[0].dash) data = mapping(&c, 0, 0);
    PyMem_Free(lines);
    if (data && data != UNSURE && c.i != count) {
        Py_DECREF(data);
        data = UNSURE;
    }
    if (data == UNSURE) Py_RETURN_NONE;
    return data;
}

static PyObject *configure_check(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *plain, *unsure;
    if (!PyArg_ParseTuple(args, "OO:configure_check", &plain, &unsure)) return NULL;
    if (nds_check_configure(plain, unsure) < 0) return NULL;
    Py_RETURN_NONE;
}

PyMethodDef nds_check_methods[] = {
    {"check", check, METH_O, "check(raw): quickcheck.data_python's twin (see newsdesk.core.indexing.quickcheck)."},
    {"configure_check", configure_check, METH_VARARGS,
     "configure_check(plain, UNSURE): the Python reader of the plain scalars that may be numbers or dates."},
    {NULL, NULL, 0, NULL},
};
