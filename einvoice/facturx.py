"""Factur-X / ZUGFeRD: the document's PDF made PDF/A-3 with its EN 16931 CII XML attached.

Chromium's PDF is not PDF/A: Ghostscript (Debian's `gs`, installed by `./dev`) converts it to
PDF/A-3b with an sRGB output intent; the maintained `factur-x` package then attaches the XML as
`factur-x.xml` (AFRelationship Data) and writes the Factur-X XMP metadata (profile EN 16931).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Final

from pdf.renderer import RendererError

#: How long Ghostscript may take to convert one document's PDF.
TIMEOUT: Final = 30.0
# Where Debian (and Ghostscript's own install) keep its sRGB profile.
_ICC_PROFILES: Final = (
    Path("/usr/share/color/icc/ghostscript/srgb.icc"),
    Path("/usr/share/ghostscript/iccprofiles/srgb.icc"),
)
# The PDF/A output intent, as Ghostscript's PDFA_def.ps writes it, with our profile.
_DEFINITION: Final = """%!
/ICCProfile ({profile}) def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} << /N 3 >> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB) /Info (sRGB IEC61966-2.1)
>> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFA}} ] >> /PUT pdfmark
"""


@cache
def _tools() -> tuple[str, Path]:
    ghostscript = shutil.which("gs")
    profile = next((path for path in _ICC_PROFILES if path.exists()), None)
    if ghostscript is None or profile is None:
        raise RendererError(
            "Factur-X PDFs need Ghostscript and its sRGB profile (apt-get install ghostscript)"
        )
    return ghostscript, profile


@cache
def ghostscript_version() -> str:
    """Ghostscript's version (asked once; "missing" when it is not installed)."""
    try:
        ghostscript, _ = _tools()
    except RendererError:
        return "missing"
    done = subprocess.run(  # noqa: S603 (our own path, no shell)
        [ghostscript, "--version"], capture_output=True, text=True, timeout=10, check=False
    )
    return done.stdout.strip()


async def pdfa3(pdf: bytes) -> bytes:
    """`pdf` converted to PDF/A-3b by Ghostscript (RendererError if it cannot be)."""
    ghostscript, profile = _tools()
    with tempfile.TemporaryDirectory(prefix="invoicegraph-pdfa-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        definition = Path(folder) / "pdfa.ps"
        source.write_bytes(pdf)
        definition.write_text(_DEFINITION.format(profile=profile), encoding="ascii")
        process = await asyncio.create_subprocess_exec(
            ghostscript,
            "-q",
            "-dPDFA=3",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            f"--permit-file-read={profile}",
            "-sColorConversionStrategy=RGB",
            "-sProcessColorModel=DeviceRGB",
            "-dPDFACompatibilityPolicy=1",
            "-sDEVICE=pdfwrite",
            f"-sOutputFile={target}",
            str(definition),
            str(source),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            _, errors = await asyncio.wait_for(process.communicate(), TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise RendererError("Ghostscript took too long to make the PDF/A") from None
        if process.returncode != 0 or not target.exists():
            raise RendererError(f"Ghostscript could not make the PDF/A: {errors[-500:]!r}")
        return target.read_bytes()


def _attach(pdfa: bytes, xml: bytes, lang: str) -> bytes:
    from facturx import generate_from_binary

    # The XML was validated by einvoice.validation; the package need not check it again.
    attached: bytes = generate_from_binary(
        pdfa,
        xml,
        flavor="factur-x",
        level="en16931",
        check_xsd=False,
        lang=lang,
        afrelationship="data",
    )
    return attached


async def facturx(pdf: bytes, xml: bytes, *, lang: str) -> bytes:
    """The Factur-X PDF of a document: its `pdf` as PDF/A-3b with `xml` (its CII, EN 16931
    profile) attached, in the document's language `lang` (RFC 3066, e.g. de-DE)."""
    pdfa = await pdfa3(pdf)
    return await asyncio.to_thread(_attach, pdfa, xml, lang)
