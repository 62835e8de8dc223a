"""The environment of the programs Newsdesk starts: git, the editor, the browser.

A frozen bundle (PyInstaller) changes its own environment so that it finds its
libraries: the bootloader puts the bundle's folder first in LD_LIBRARY_PATH (saving
the user's value as LD_LIBRARY_PATH_ORIG) and the Qt run-time hook points
QT_PLUGIN_PATH and QML2_IMPORT_PATH into it. A child that inherits that loads the
bundle's libz, libpcre2 or GLib instead of its own and dies (`undefined symbol:
g_once_init_leave_pointer` from a GTK browser on Debian 13). calibre and the
PyInstaller manual do the same as here: give children the environment as it was.

No Qt here: the core (git) uses it too.
"""
from __future__ import annotations

import os
import sys

# Search paths the bootloader sets (and saves as NAME_ORIG when the user had one).
LOADER_VARS = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "DYLD_FRAMEWORK_PATH", "LIBPATH")
# Search paths the run-time hooks may put the bundle's folders into (Windows: PATH).
PRUNED_VARS = ("PATH",)
# Set by PyInstaller's Qt run-time hook, pointing into the bundle; no saved value.
BUNDLE_VARS = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")
# The bootloader's own bookkeeping: another frozen program must not take it for its parent's.
BOOTLOADER_PREFIXES = ("_PYI_", "_MEIPASS")


def bundle_dir() -> str | None:
    """The frozen bundle's folder, or None when running from Python."""
    return getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None


def _inside(entry: str, bundle: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(entry), os.path.abspath(bundle)]) == os.path.abspath(bundle)
    except ValueError:  # another drive on Windows
        return False


def original_environ(environ: os._Environ | dict | None = None, bundle: str | None = None) -> dict[str, str]:
    """``environ`` (default: this process's) as it was before the bundle changed it.

    Outside a frozen bundle it is returned unchanged (as a copy)."""
    env = dict(os.environ if environ is None else environ)
    bundle = bundle_dir() if bundle is None else bundle
    if not bundle:
        return env
    for name in LOADER_VARS:
        saved = env.pop(f"{name}_ORIG", None)
        if saved is not None:
            env[name] = saved
        elif name in env:  # no saved value: keep what the user had that is not ours
            kept = [p for p in env[name].split(os.pathsep) if p and not _inside(p, bundle)]
            if kept:
                env[name] = os.pathsep.join(kept)
            else:
                del env[name]
    for name in PRUNED_VARS:
        if name in env:
            env[name] = os.pathsep.join(p for p in env[name].split(os.pathsep) if not (p and _inside(p, bundle)))
    for name in BUNDLE_VARS:
        if name in env and all(_inside(p, bundle) for p in env[name].split(os.pathsep) if p):
            del env[name]
    for name in [n for n in env if n.startswith(BOOTLOADER_PREFIXES)]:
        del env[name]
    return env


def child_environ(**extra: str) -> dict[str, str]:
    """The environment for a program Newsdesk starts, with ``extra`` set."""
    env = original_environ()
    env.update(extra)
    return env


def restore_process_environ() -> None:
    """Give this process back the user's environment, once Qt has found its plugins.

    Programs started through Qt (QDesktopServices opening a link: xdg-open, the
    browser) inherit the process environment, not one we pass. The dynamic loader read
    LD_LIBRARY_PATH when the process started, so changing it now does not change what
    this process loads. The index's worker processes are this same bundle started
    afresh: its bootloader sets its own variables again (a one-folder bundle)."""
    bundle = bundle_dir()
    if not bundle:
        return
    clean = original_environ(bundle=bundle)
    for name in [n for n in os.environ if n not in clean]:
        del os.environ[name]
    for name, value in clean.items():
        if os.environ.get(name) != value:
            os.environ[name] = value
    if sys.platform == "win32":
        # The bootloader's SetDllDirectory(bundle) is inherited by every child process
        # (their DLLs would be looked for in the bundle first); the PyInstaller manual
        # says to reset it. Python's own imports do not use it (LoadLibraryEx with the
        # module's folder), and Qt's libraries are loaded by now.
        import ctypes

        ctypes.windll.kernel32.SetDllDirectoryW(None)
