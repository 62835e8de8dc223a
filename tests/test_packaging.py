"""What the installers rely on, checked on every system the tests run on.

The frozen bundle itself is tested by packaging/linux/build.sh (smoke test, and what a
child process sees of its environment: packaging/linux/check_child_env.sh)."""
import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from newsdesk import environment

BUNDLE = "/opt/newsdesk/_internal"


def test_a_child_of_the_bundle_gets_the_users_search_path_back():
    env = {"LD_LIBRARY_PATH": f"{BUNDLE}{os.pathsep}/usr/local/lib", "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
           "QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins", "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml",
           "_PYI_APPLICATION_HOME_DIR": BUNDLE, "_PYI_PARENT_PROCESS_LEVEL": "1", "HOME": "/home/ed",
           "PATH": os.pathsep.join([f"{BUNDLE}/PySide6", BUNDLE, "/usr/bin"])}
    clean = environment.original_environ(env, bundle=BUNDLE)
    assert clean == {"LD_LIBRARY_PATH": "/usr/local/lib", "HOME": "/home/ed", "PATH": "/usr/bin"}


def test_a_search_path_the_user_did_not_have_is_removed_and_their_own_plugins_kept():
    env = {"LD_LIBRARY_PATH": BUNDLE, "QT_PLUGIN_PATH": "/home/ed/qtplugins",
           "DYLD_LIBRARY_PATH": f"{BUNDLE}{os.pathsep}/x"}
    clean = environment.original_environ(env, bundle=BUNDLE)
    assert clean == {"QT_PLUGIN_PATH": "/home/ed/qtplugins", "DYLD_LIBRARY_PATH": "/x"}


def test_outside_a_bundle_the_environment_is_left_alone(monkeypatch):
    monkeypatch.setenv("LD_LIBRARY_PATH", "/somewhere")
    assert environment.bundle_dir() is None
    assert environment.child_environ(GIT_TERMINAL_PROMPT="0") == dict(os.environ, GIT_TERMINAL_PROMPT="0")


def test_git_runs_with_the_child_environment(monkeypatch):
    from newsdesk.core.editorial import git

    monkeypatch.setattr(environment, "bundle_dir", lambda: BUNDLE)
    monkeypatch.setenv("LD_LIBRARY_PATH", BUNDLE)
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/mine")
    env = git._env()
    assert env["LD_LIBRARY_PATH"] == "/mine" and "LD_LIBRARY_PATH_ORIG" not in env
    assert env["GIT_TERMINAL_PROMPT"] == "0"


def test_the_desktop_file_does_not_claim_every_folder():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "packaging" / "linux" / "io.github.newsdesk.Newsdesk.desktop", encoding="utf-8")
    mime = entry["Desktop Entry"].get("MimeType", "")
    assert "inode/directory" not in mime.split(";")


def test_seeds_and_icon_are_package_data():
    from newsdesk.ui.app import app_icon, bundled_seeds

    assert bundled_seeds() == SEEDS and len(list(SEEDS.glob("*.txt"))) == 5
    assert app_icon() is not None and app_icon().read_bytes().lstrip().startswith(b"<")


def test_seeds_are_checked_out_byte_for_byte():
    """.gitattributes keeps a Windows checkout (core.autocrlf) from rewriting them."""
    for path in SEEDS.glob("*.txt"):
        assert b"\r\n" not in path.read_bytes(), f"{path.name} has CRLF: check .gitattributes"


def test_metadata_is_standard():
    tomllib = pytest.importorskip("tomllib", reason="Python 3.11+ reads TOML")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert {"Homepage", "Source", "Issues"} <= set(project["urls"])
    assert project["scripts"]["newsdesk"] == "newsdesk.cli:main"
    assert project["gui-scripts"]["newsdesk-gui"] == "newsdesk.cli:gui_main"


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.0rc1", (1, 2, 0, 0)), ("1.2.0.dev3", (1, 2, 0, 0)),
    ("2.0.0-beta.2", (2, 0, 0, 0)), ("v3.4", (3, 4, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_windows_version_numbers_of_pre_releases(version, numbers):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import versions
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert versions.numeric(version) == numbers
    with pytest.raises(ValueError):
        versions.numeric("latest")
    # The resource text PyInstaller evaluates on Windows, evaluated here with stand-ins.
    def record(kind):
        return lambda *a, **k: (kind, a, k)
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    info = eval(versions.windows_version_info(version, "newsdesk.exe", "Newsdesk"), {n: record(n) for n in names})
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == fixed["prodvers"] == numbers
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductVersion"] == strings["FileVersion"] == version


def test_the_built_wheel_runs_from_a_fresh_prefix(tmp_path):
    """pip install --user / --prefix / pipx: the seeds and icon come from the wheel itself."""
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    if build.returncode != 0 and "No matching distribution" in build.stderr + build.stdout:
        pytest.skip("no setuptools>=77 to build the wheel with (offline?)")
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("newsdesk-*.whl")
    prefix = tmp_path / "prefix"
    # --ignore-installed: leave the development install of newsdesk in place
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q",
                    "--prefix", str(prefix), str(wheel)], check=True, capture_output=True, timeout=300)
    site = next(p for p in prefix.rglob("site-packages") if (p / "newsdesk").is_dir())
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    where = subprocess.run([sys.executable, "-c", "from newsdesk.ui.app import bundled_seeds, app_icon; "
                            "print(bundled_seeds()); print(app_icon())"], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=120)
    seeds, icon = where.stdout.split()
    assert Path(seeds).is_relative_to(site) and Path(icon).is_relative_to(site), where.stderr
    scripts = prefix / ("Scripts" if os.name == "nt" else "bin")
    assert (scripts / ("newsdesk-gui.exe" if os.name == "nt" else "newsdesk-gui")).exists()
    smoke = subprocess.run([sys.executable, "-m", "newsdesk", "--smoke"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120)
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.strip() == "loaded 5 articles"
