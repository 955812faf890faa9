"""Linux only: a smaller ``libicudata`` for the bundle (31 MB → about 9 MB).

PySide6's Linux wheels link Qt against ICU, whose data library carries every locale,
converter, break dictionary and transliterator (31 MB – a fifth of the whole program).
Qt uses ICU for collation (QCollator), locale-aware case mapping, codecs beyond
UTF-8/16/32/Latin-1 and time zone display names; its own CLDR tables do the rest, and
this program formats nothing through ICU. So the bundle keeps: everything that is not
locale data (pool, likely subtags, supplemental data, normalisation, case, time zone
rules, converter aliases, …), locale data of ``root``, ``de*`` and ``en*`` only,
Western converters, and drops the break iterators, transliterators, spell-out rules and
all other converters.

The data is cut out of the wheel's library (symbol ``icudtNN_dat``), filtered with
``icupkg`` and linked back into a data-only ``libicudata.so.NN`` with ``genccode`` + gcc
(Debian: ``apt install icu-devtools gcc``). If a tool is missing, ``trimmed_icu_data``
returns None and the spec keeps the original library (the build still works).
Windows wheels carry no ICU at all (Qt uses the system's), so none of this applies there.

    python packaging/icu_trim.py PATH/TO/libicudata.so.73 OUTDIR   # try it by hand
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|de|de_.*|en|en_.*)\.res$")
LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
DROP_TREES = ("brkitr/", "translit/", "rbnf/")
# converters kept besides Qt's built-in UTF-8/16/32 and Latin-1: Windows-1252, ISO-8859-15, US-ASCII
KEEP_CONVERTERS = ("ibm-5348_", "ibm-923_", "ibm-1252_", "us-ascii")


def _tool(name: str) -> str | None:
    return shutil.which(name)


def _find_data(lib: Path) -> tuple[str, bytes]:
    symbols = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+\d+\s+(icudt\d+_dat)\b", symbols)
    if not match:
        raise ValueError("kein icudtNN_dat-Symbol")
    value, size, name = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        m = re.search(r"\]\s+\S+\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if not m:
            continue
        addr, offset, length = (int(g, 16) for g in m.groups())
        if addr <= value < addr + length:
            with open(lib, "rb") as fh:
                fh.seek(offset + value - addr)
                return name, fh.read(size)
    raise ValueError("Abschnitt mit den ICU-Daten nicht gefunden")


def _drop(item: str) -> bool:
    if item.startswith(DROP_TREES):
        return True
    base = item.rsplit("/", 1)[-1]
    if base.endswith(".cnv"):
        return not base.startswith(KEEP_CONVERTERS)
    if LOCALE_RES.match(base):
        return not KEEP_LOCALES.match(base)
    return False


def trimmed_icu_data(lib: Path, workdir: Path) -> Path | None:
    """Build the trimmed library in workdir; None if tools are missing or anything fails."""
    if not sys.platform.startswith("linux") or not all(_tool(t) for t in ("icupkg", "genccode", "gcc", "readelf")):
        return None
    try:
        workdir.mkdir(parents=True, exist_ok=True)
        symbol, data = _find_data(lib)
        version = symbol[len("icudt"):-len("_dat")]
        (workdir / "full").mkdir(exist_ok=True)
        full = workdir / "full" / f"icudt{version}l.dat"  # icupkg wants the package's own file name
        full.write_bytes(data)
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        drop = [i for i in items if _drop(i)]
        (workdir / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
        trimmed = workdir / f"icudt{version}l.dat"
        trimmed.unlink(missing_ok=True)
        subprocess.run(["icupkg", "-r", str(workdir / "drop.txt"), str(full), str(trimmed)],
                       check=True, capture_output=True, cwd=workdir)
        subprocess.run(["genccode", "-e", f"icudt{version}", "-a", "gcc", "-d", str(workdir), str(trimmed)],
                       check=True, capture_output=True)
        asm = workdir / f"icudt{version}l_dat.S"
        out = workdir / lib.name
        subprocess.run(["gcc", "-shared", "-nostdlib", "-o", str(out), str(asm),
                        f"-Wl,-soname,{lib.name}", "-Wl,-z,noexecstack"], check=True, capture_output=True)
        print(f"ICU-Daten gekürzt: {len(items)} → {len(items) - len(drop)} Einträge, "
              f"{lib.stat().st_size / 1e6:.1f} MB → {out.stat().st_size / 1e6:.1f} MB")
        return out
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        print(f"ICU-Daten nicht gekürzt ({exc}); die vollständige Bibliothek wird verwendet.")
        return None


if __name__ == "__main__":
    result = trimmed_icu_data(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.exit(0 if result else 1)
