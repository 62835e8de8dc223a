"""The compiled scanner of the index (newsdesk/core/indexing/_scan*.c), built where a C
compiler exists. optional=True: without one, the build goes on and the index uses its
pure-Python twin (newsdesk/core/indexing/scan.py), which gives the same rows. Everything
else about the package is in pyproject.toml."""
from setuptools import Extension, setup

HERE = "desktop/newsdesk/core/indexing/"
setup(ext_modules=[Extension("newsdesk.core.indexing._scan",
                             [HERE + "_scan.c", HERE + "_scan_values.c", HERE + "_scan_related.c"],
                             depends=[HERE + "_scan.h"], optional=True)])
