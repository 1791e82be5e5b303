"""Real Windows programs nobody here wrote, fetched from the npm registry.

Each package is pinned to a version and to the SHA-256 of its tarball. `npm pack` downloads it
into a cache (SILL_PROGRAM_CACHE, default ~/.cache/sill/npm), never into the repository; the
tarball is checked, then unpacked beside it. When a package cannot be fetched the caller fails
with a message that says so; SILL_OFFLINE=1 turns that into a loud skip (ctest shows SKIPPED,
never passed).

Used by the acceptance tests in this folder: `fetch("7zip-bin")` -> the unpacked package folder.
"""
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

# name -> (npm spec, tarball SHA-256)
PACKAGES = {
    "7zip-bin": ("7zip-bin@5.2.0",
                 "04f9738ee00be8be53f5d06254a9e6e4b5117b17f8b74058477d870e62764a7d"),
    "esbuild-win32": ("@esbuild/win32-x64@0.28.2",
                      "7286c3611b6f1f4c4d9ec90adcbc478407ff0d28ead96567f361d53e67613e19"),
    "esbuild-linux": ("@esbuild/linux-x64@0.28.2",
                      "9573bb2233aab0f9ea7647d5cca9726113cc1768de61d66b17267f4db84488f6"),
    "biome-win32": ("@biomejs/cli-win32-x64@2.5.15",
                    "91fe1e1e7a104c7758581bf6786154e9aaf84e3ec85da1878e2fc7a2c270443c"),
    "biome-linux": ("@biomejs/cli-linux-x64@2.5.15",
                    "b9e27bdcee185f545e3885cbd73dc72acdde39ef549beef37aacb837730d8a97"),
}

SKIP = 77  # ctest SKIP_RETURN_CODE of these tests


class FetchError(Exception):
    pass


def cache_dir():
    base = os.environ.get("SILL_PROGRAM_CACHE")
    if base:
        return pathlib.Path(base)
    return pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache")) / "sill" / "npm"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(name):
    """The unpacked package folder of PACKAGES[name], downloading it when needed."""
    spec, digest = PACKAGES[name]
    root = cache_dir() / digest[:16]
    package = root / "package"
    if (root / "ok").exists():
        return package
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root) as tmp:
        if not shutil.which("npm"):
            raise FetchError(f"cannot fetch {spec}: npm is not installed")
        r = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                           capture_output=True, text=True, timeout=600)
        tarballs = list(pathlib.Path(tmp).glob("*.tgz"))
        if r.returncode != 0 or len(tarballs) != 1:
            raise FetchError(f"cannot fetch {spec} from the npm registry: {r.stderr.strip() or r.stdout.strip()}")
        got = sha256(tarballs[0])
        if got != digest:
            raise FetchError(f"{spec}: tarball SHA-256 is {got}, expected {digest}; refusing to run it")
        if package.exists():
            shutil.rmtree(package)
        with tarfile.open(tarballs[0]) as t:
            for m in t.getmembers():  # npm tarballs hold package/...: refuse anything else
                if not (m.isfile() or m.isdir()) or m.name.startswith("/") or ".." in m.name.split("/"):
                    raise FetchError(f"{spec}: unexpected tarball entry {m.name!r}")
            t.extractall(root)
    for f in package.rglob("*"):
        if f.is_file() and (f.suffix == ".exe" or f.parent.name == "bin"):
            f.chmod(0o755)
    (root / "ok").write_text(spec + "\n")
    return package


def fetch_or_exit(name):
    """fetch(), or exit the test: failure with the reason, or a loud skip when SILL_OFFLINE=1."""
    try:
        return fetch(name)
    except (FetchError, subprocess.TimeoutExpired, OSError) as e:
        if os.environ.get("SILL_OFFLINE") == "1":
            print(f"SKIPPED (SILL_OFFLINE=1): {e}", file=sys.stderr)
            sys.exit(SKIP)
        print(f"FAIL: {e}\n(set SILL_OFFLINE=1 to skip the tests that need the npm registry)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    # `npm_programs.py NAME...` fetches and prints the folders (used by benchmarks and by hand).
    for n in sys.argv[1:] or PACKAGES:
        print(fetch_or_exit(n))
