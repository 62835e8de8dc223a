/* The stat of every file of a folder's batch, for the window's open: files/walk.stamps's
 * twin. stamps(keys) gives {key: (size, version)} for each key that can be stat'ed, with
 * version = hash((st_mtime_ns, st_ctime_ns, st_ino)) exactly as walk.file_version makes
 * it (the same Python ints, hashed by Python), so rows cached by either match.
 *
 * The system calls run with the GIL released, one loop over the batch: os.stat per file
 * held it for each call's Python work (~1.5 us a file, ~7 ms of a warm 4,614-file open),
 * and the window's setup, on the UI thread, runs meanwhile. POSIX only (Windows' os.stat
 * makes its fields otherwise): elsewhere the module has no stamps and the Python one is used.
 *
 * The keys are str, as the pipeline makes them (a bytes key is a TypeError here); one
 * with a NUL raises ValueError and one the file system's encoding cannot hold
 * UnicodeEncodeError, as os.stat does; a file that cannot be stat'ed has no stamp. */
#include "_scan.h"

#ifndef _WIN32
#include <sys/stat.h>

#if defined(__APPLE__)
#define MTIME_NS(st) ((st).st_mtimespec.tv_nsec)
#define CTIME_NS(st) ((st).st_ctimespec.tv_nsec)
#else
#define MTIME_NS(st) ((st).st_mtim.tv_nsec)
#define CTIME_NS(st) ((st).st_ctim.tv_nsec)
#endif

/* seconds * 10**9 + nanoseconds as a Python int, as os.stat_result's st_*_ns are */
static PyObject *ns_of(long long sec, long nsec)
{
    if (sec > -9000000000LL && sec < 9000000000LL)  /* no overflow of 64 bits */
        return PyLong_FromLongLong(sec * 1000000000LL + (long long)nsec);
    PyObject *s = PyLong_FromLongLong(sec), *billion = PyLong_FromLong(1000000000L), *n = PyLong_FromLong(nsec);
    PyObject *out = NULL;
    if (s && billion && n) {
        PyObject *scaled = PyNumber_Multiply(s, billion);
        if (scaled) {
            out = PyNumber_Add(scaled, n);
            Py_DECREF(scaled);
        }
    }
    Py_XDECREF(s);
    Py_XDECREF(billion);
    Py_XDECREF(n);
    return out;
}

static PyObject *stamp_of(const struct stat *st)
{
    PyObject *m = ns_of((long long)st->st_mtime, (long)MTIME_NS(*st));
    PyObject *c = ns_of((long long)st->st_ctime, (long)CTIME_NS(*st));
    PyObject *ino = PyLong_FromUnsignedLongLong((unsigned long long)st->st_ino);
    PyObject *size = PyLong_FromLongLong((long long)st->st_size);
    PyObject *out = NULL;
    if (m && c && ino && size) {
        PyObject *version_of = PyTuple_Pack(3, m, c, ino);
        if (version_of) {
            Py_hash_t h = PyObject_Hash(version_of);
            Py_DECREF(version_of);
            if (h != -1) {
                PyObject *version = PyLong_FromSsize_t(h);
                if (version) {
                    out = PyTuple_Pack(2, size, version);
                    Py_DECREF(version);
                }
            }
        }
    }
    Py_XDECREF(m);
    Py_XDECREF(c);
    Py_XDECREF(ino);
    Py_XDECREF(size);
    return out;
}

static PyObject *stamps(PyObject *self, PyObject *given)
{
    (void)self;
    if (!PyList_Check(given)) {
        PyErr_SetString(PyExc_TypeError, "stamps(keys): a list of path strings");
        return NULL;
    }
    PyObject *keys = PyList_GetSlice(given, 0, PyList_GET_SIZE(given));  /* ours: another thread may change theirs */
    if (!keys) return NULL;
    ssize n = PyList_GET_SIZE(keys);
    PyObject **names = PyMem_Calloc((size_t)(n ? n : 1), sizeof(PyObject *));
    struct stat *sts = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(struct stat));
    char *ok = PyMem_Calloc((size_t)(n ? n : 1), 1);
    PyObject *out = NULL;
    if (!names || !sts || !ok) {
        PyErr_NoMemory();
        goto done;
    }
    for (ssize i = 0; i < n; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "stamps(keys): a key is not a str");
            goto done;
        }
        names[i] = PyUnicode_EncodeFSDefault(key);
        if (!names[i]) goto done;
        if ((ssize)strlen(PyBytes_AS_STRING(names[i])) != PyBytes_GET_SIZE(names[i])) {
            PyErr_SetString(PyExc_ValueError, "stat: embedded null character in path");
            goto done;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    for (ssize i = 0; i < n; i++)
        ok[i] = stat(PyBytes_AS_STRING(names[i]), &sts[i]) == 0;
    Py_END_ALLOW_THREADS
    out = PyDict_New();
    if (!out) goto done;
    for (ssize i = 0; i < n; i++) {
        if (!ok[i]) continue;  /* os.stat's OSError: no stamp, as walk.stamps */
        PyObject *stamp = stamp_of(&sts[i]);
        if (!stamp || PyDict_SetItem(out, PyList_GET_ITEM(keys, i), stamp) < 0) {
            Py_XDECREF(stamp);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(stamp);
    }
done:
    if (names)
        for (ssize i = 0; i < n; i++) Py_XDECREF(names[i]);
    PyMem_Free(names);
    PyMem_Free(sts);
    PyMem_Free(ok);
    Py_DECREF(keys);
    return out;
}
#endif

PyMethodDef nds_open_methods[] = {
#ifndef _WIN32
    {"stamps", stamps, METH_O, "stamps(keys): files.walk.stamps's twin, the stat calls without the GIL."},
#endif
    {NULL, NULL, 0, NULL},
};
