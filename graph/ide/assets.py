"""GraphiQL's JavaScript and CSS, pinned, fetched from the npm registry at set-up time.

The playground must work on a machine with no internet, so nothing it loads may come from a
CDN. `./dev` runs `python -m graph.ide.assets`, which downloads each package's tarball once,
checks it against the registry's integrity hash pinned here, and keeps only the files the page
loads (and each package's licence) in `vendor/` beside this module: not committed, but built
into the wheel (see pyproject.toml). A second run only checks the files.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Final

VENDOR: Final = Path(__file__).resolve().parent / "vendor"
REGISTRY: Final = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    """One npm package the page loads: the files it takes from it, by path in the tarball."""

    name: str
    version: str
    integrity: str  # the registry's `dist.integrity` of the tarball (Subresource Integrity)
    files: tuple[str, ...]

    @property
    def directory(self) -> Path:
        return VENDOR / self.name / self.version

    @property
    def tarball(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"

    def url(self, file: str) -> str:
        """Where the server serves `file` (its last path segment) of this package."""
        return f"{PREFIX}/{self.name}/{self.version}/{file.rsplit('/', 1)[-1]}"

    def present(self) -> bool:
        return all((self.directory / Path(f).name).is_file() for f in (*self.files, "LICENSE"))


#: GraphiQL 3 is the last to ship a UMD build that runs from plain <script> tags; React 18 is the
#: newest it supports.
PACKAGES: Final = (
    Package(
        "react",
        "18.3.1",
        "sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==",
        ("umd/react.production.min.js",),
    ),
    Package(
        "react-dom",
        "18.3.1",
        "sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==",
        ("umd/react-dom.production.min.js",),
    ),
    Package(
        "graphiql",
        "3.8.3",
        "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
        ("graphiql.min.js", "graphiql.min.css"),
    ),
)

#: The path the vendored files are served under (graph/ide/playground.py).
PREFIX: Final = "/graphiql/assets"


class FetchFailed(Exception):
    """A tarball could not be fetched, or is not the one pinned."""


def _checked(package: Package, tarball: bytes) -> bytes:
    algorithm, _, expected = package.integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        raise FetchFailed(f"{package.tarball}: integrity {algorithm}-{digest}, expected {expected}")
    return tarball


def fetch(package: Package, *, timeout: float = 60) -> None:
    """Download `package`'s tarball, check it and keep its files and licence."""
    try:
        with urllib.request.urlopen(package.tarball, timeout=timeout) as response:  # noqa: S310
            tarball = _checked(package, response.read())
    except OSError as exc:
        raise FetchFailed(f"{package.tarball}: {exc}") from exc
    package.directory.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for file in (*package.files, "LICENSE"):
            member = archive.extractfile(f"package/{file}")
            if member is None:
                raise FetchFailed(f"{package.tarball} holds no {file}")
            target = package.directory / Path(file).name
            # Written whole then renamed: an interrupted run never leaves half a file behind.
            partial = target.with_suffix(target.suffix + ".part")
            partial.write_bytes(member.read())
            partial.replace(target)


def ensure() -> list[Package]:
    """Fetch every package whose files are missing; returns those fetched."""
    missing = [package for package in PACKAGES if not package.present()]
    for package in missing:
        fetch(package)
    return missing


def main() -> int:
    try:
        fetched = ensure()
    except FetchFailed as exc:
        print(f"GraphiQL's assets could not be fetched: {exc}", file=sys.stderr)
        return 1
    for package in fetched:
        print(f"fetched {package.name} {package.version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
