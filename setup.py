"""The compiled scanner of the index (newsdesk/core/indexing/_scan*.c), built where a C
compiler exists. optional=True: without one, the build goes on and the index uses its
pure-Python twin (newsdesk/core/indexing/scan.py), which gives the same rows. Everything
else about the package is in pyproject.toml."""
from setuptools import Extension, setup

HERE = "desktop/newsdesk/core/indexing/"
SOURCES = ("_scan.c", "_scan_refuse.c", "_scan_values.c", "_scan_related.c",
           "_scan_check.c", "_scan_check_values.c",  # these two: `newsdesk check`'s quick proof
           "_scan_open.c",  # the window's open: the stat of a batch without the GIL
           "_scan_patch.c")  # guard's renameat2 for a save (`newsdesk patch`: no ctypes)
setup(ext_modules=[Extension("newsdesk.core.indexing._scan", [HERE + name for name in SOURCES],
                             depends=[HERE + "_scan.h"], optional=True)])
