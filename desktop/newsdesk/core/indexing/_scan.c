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
 * Stricter than the Python (the full parse then decides): a line or key with a
 * non-ASCII byte where Python's regexes would look at Unicode classes, a '...' last line. */
#include "_scan.h"

int nds_unsure_marker;
static PyObject *wanted_seen, *wanted_set;  /* the last ``wanted`` and a frozenset of it */

/* ---------- scan ---------- */
#define MAX_ENTRIES 256

static PyObject *scan(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *raw_obj, *wanted;
    if (!PyArg_ParseTuple(args, "SO:scan", &raw_obj, &wanted)) return NULL;
    if (!nds_plain_fn) { PyErr_SetString(PyExc_RuntimeError, "_scan.configure() was not called"); return NULL; }
    /* index.py passes the same tuple every call: its set is made once (anything that
     * could have changed since, a list or a set, is looked at again) */
    if (wanted != wanted_seen || !PyTuple_CheckExact(wanted)) {
        PyObject *made_set = PyFrozenSet_New(wanted);
        if (!made_set) return NULL;
        Py_INCREF(wanted);
        Py_XSETREF(wanted_seen, wanted);
        Py_XSETREF(wanted_set, made_set);
    }
    const uchar *b = (const uchar *)PyBytes_AS_STRING(raw_obj);
    ssize n = PyBytes_GET_SIZE(raw_obj);
    /* source.split */
    if (memchr(b, 0, n < 8192 ? n : 8192) || !nds_utf8_valid(b, n)) Py_RETURN_NONE;
    ssize p = (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0;
    if (n - p < 3 || memcmp(b + p, "---", 3) != 0) Py_RETURN_NONE;
    p += 3;
    while (p < n && (b[p] == ' ' || b[p] == '\t')) p++;
    if (p < n && b[p] == '\r') p++;
    if (p >= n || b[p] != '\n') Py_RETURN_NONE;
    ssize start = p + 1, at = p, close = -1;
    for (;; at++) {  /* the first "\n---" with only blanks after it on its line */
        at = find_break_dash(b, at, n);
        if (at + 4 > n) Py_RETURN_NONE;
        if (memcmp(b + at + 1, "---", 3) != 0) continue;
        ssize r = at + 4;
        while (r < n && (b[r] == ' ' || b[r] == '\t')) r++;
        if (r < n && b[r] == '\r') r++;
        if (r >= n || b[r] == '\n') { close = at + 1; break; }
    }
    if (nds_suspicious(b, close)) Py_RETURN_NONE;
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
    for (ssize i = 0;; i++) {
        i = find_top_line(f, i, fn);
        if (i >= fn) break;
        if (f[i + 1] >= 0x80) Py_RETURN_NONE;  /* maybe a Unicode space: the full parse */
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
        int w = PySet_Contains(wanted_set, keys[e]);
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
        PyObject *value = nds_entry(c, cn, &as_written, &as_written_n);
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
        ssize items = nds_count_items(c, cn);
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
    (void)self;
    PyObject *fn, *unsure, *nested;
    if (!PyArg_ParseTuple(args, "OOO:configure", &fn, &unsure, &nested)) return NULL;
    Py_INCREF(fn);
    Py_INCREF(unsure);
    Py_INCREF(nested);
    Py_XSETREF(nds_plain_fn, fn);
    Py_XSETREF(nds_unsure_obj, unsure);
    Py_XSETREF(nds_nested_obj, nested);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "scan(raw, wanted): scan.scan_python's twin (see newsdesk.core.indexing.scan)."},
    {"configure", configure, METH_VARARGS,
     "configure(plain_scalar, UNSURE, nested): the Python pieces the scanner hands rare cases to."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__scan(void)
{
    nds_init_tables();
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddFunctions(m, nds_check_methods) < 0) Py_CLEAR(m);
    if (m && PyModule_AddFunctions(m, nds_open_methods) < 0) Py_CLEAR(m);
    if (m && PyModule_AddFunctions(m, nds_patch_methods) < 0) Py_CLEAR(m);
    return m;
}
