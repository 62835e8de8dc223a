/* renameat2(RENAME_EXCHANGE) for files/guard.py's replace, in the compiled module.
 *
 * guard swaps the new file into an article's name with Linux's renameat2, so that a file
 * renamed into place a moment before is found afterwards at the temporary name. Reaching
 * the call through ctypes cost a `newsdesk patch` process ~3.5 ms (importing ctypes and
 * looking up libc), a tenth of the process; here it costs nothing to reach. guard keeps
 * the ctypes call for a build without this function and for NEWSDESK_PURE_SCAN=1.
 *
 * exchange(a, b) gives 0 when the two names were swapped, else the errno (ENOSYS where
 * the system has no renameat2): guard reads the errno exactly as it reads ctypes'. */
#include "_scan.h"
#include <errno.h>
#ifdef __linux__
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define NDS_RENAME_EXCHANGE 2u  /* <linux/fs.h>; glibc's <stdio.h> has it only from 2.28 */

static PyObject *exchange(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *a = NULL, *b = NULL;  /* (a failed parse releases what it converted) */
    if (!PyArg_ParseTuple(args, "O&O&:exchange", PyUnicode_FSConverter, &a, PyUnicode_FSConverter, &b))
        return NULL;
    int err = ENOSYS;
#if defined(__linux__) && defined(SYS_renameat2)
    const char *pa = PyBytes_AS_STRING(a), *pb = PyBytes_AS_STRING(b);
    Py_BEGIN_ALLOW_THREADS
    err = syscall(SYS_renameat2, AT_FDCWD, pa, AT_FDCWD, pb, NDS_RENAME_EXCHANGE) == 0 ? 0 : errno;
    Py_END_ALLOW_THREADS
#endif
    Py_DECREF(a);
    Py_DECREF(b);
    return PyLong_FromLong(err);
}

PyMethodDef nds_patch_methods[] = {
    {"exchange", exchange, METH_VARARGS,
     "exchange(a, b): swap two paths with renameat2(RENAME_EXCHANGE); 0, or the errno (ENOSYS: no such call)."},
    {NULL, NULL, 0, NULL},
};
