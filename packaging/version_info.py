"""Windows version resource (Explorer → Eigenschaften → Details) for the PyInstaller spec.

The version comes from ``wizards.__version__``; nothing here is edited by hand.
"""
from __future__ import annotations

from pathlib import Path

COMPANY = "Konzeptassistent"
DESCRIPTION = "Konzeptassistent – Social-Media-Nutzungskonzept"
PRODUCT = "Konzeptassistent"
COPYRIGHT = "MIT-Lizenz"

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={vt},
    prodvers={vt},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040704B0',
        [StringStruct('CompanyName', {company!r}),
         StringStruct('FileDescription', {description!r}),
         StringStruct('FileVersion', {version!r}),
         StringStruct('InternalName', 'Konzeptassistent'),
         StringStruct('LegalCopyright', {copyright!r}),
         StringStruct('OriginalFilename', 'Konzeptassistent.exe'),
         StringStruct('ProductName', {product!r}),
         StringStruct('ProductVersion', {version!r})])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0407, 1200])])
  ]
)
"""


def version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = []
    for part in version.split(".")[:4]:
        digits = "".join(ch for ch in part if ch.isdigit())
        numbers.append(int(digits or 0))
    return tuple((numbers + [0, 0, 0, 0])[:4])


def render(version: str) -> str:
    return TEMPLATE.format(vt=version_tuple(version), version=version, company=COMPANY,
                           description=DESCRIPTION, product=PRODUCT, copyright=COPYRIGHT)


def write_version_file(target: Path, version: str) -> str:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(version), encoding="utf-8")
    return str(target)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from wizards import __version__

    print(render(__version__))
