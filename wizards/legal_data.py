"""The legal data — Länder, platforms, repealed norms, the check's rules — read by one loader.

The files are bundled in ``wizards/data/`` (``laender.yaml``, ``plattformen.yaml``,
``normen.yaml``, ``pruefregeln.yaml``). Each carries a ``version`` (a whole number) and a
``rechtsstand`` (the date up to which its facts were checked). IT can install a newer file
without a new program version (``konzeptassistent legal-data --install FILE`` or
Hilfe → „Rechtsdaten aktualisieren …“): it is validated strictly and stored in the user's
config directory (``rechtsdaten/<name>.yaml``), where it is used instead of the bundled
file for as long as its version is higher. An invalid or not newer file is refused and
the installed one stays untouched.

Every problem in a file raises ``DefinitionError`` naming the file, the entry and the key.
No network: files come only from disk.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DefinitionError, KonzeptError

DATA_DIR = Path(__file__).resolve().parent / "data"
LEGAL_FILES = ("laender", "plattformen", "normen", "pruefregeln")
TITLES = {"laender": "Länder", "plattformen": "Plattformen", "normen": "Normen", "pruefregeln": "Prüfregeln"}
# The list key that tells which kind of data a file to install holds.
KIND_KEYS = {"laender": "laender", "plattformen": "plattformen", "normen": "normen", "pruefregeln": "themen"}
LAENDER = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
# Land flags the check's rules may depend on (laender.yaml; false when absent).
LAND_FLAGS = ("fanpage_abschaltung_gefordert", "impressum_gefordert", "dsfa_gefordert", "messenger_ausgeschlossen")
ENV_CONFIG_DIR = "KONZEPTASSISTENT_CONFIG_DIR"  # the same directory desktop.settings uses
INSTALL_FOLDER = "rechtsdaten"
MAX_FILE_BYTES = 5 * 1024 * 1024

# Building blocks the norm patterns in normen.yaml may use (a citation's Absatz, Satz, Nr.).
NORM_MACROS = {
    "{DETAIL}": r"(?:\s+(?:Abs\.|Absatz)\s*\d+|\s+[IVX]{1,4}\b)?(?:\s+(?:S\.|Satz)\s*\d+)?"
                r"(?:\s+Nr\.\s*\d+[a-z]?)?(?:\s+(?:lit\.|Buchst\.)\s*[a-z]\)?)?",
}


def expand_pattern(source: str) -> str:
    for macro, pattern in NORM_MACROS.items():
        source = source.replace(macro, pattern)
    return source


# --------------------------------------------------------------------------- validation helpers

class _Check:
    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, key: str, problem: str):
        raise DefinitionError(self.file, where, key, problem)

    def mapping(self, value, where: str, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, key, "muss eine Zuordnung (Schlüssel: Wert) sein")
        return value

    def keys(self, data: dict, where: str, allowed, required=()):
        for key in data:
            if key not in allowed:
                self.fail(where, str(key), f"unbekannter Schlüssel (erlaubt: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in data:
                self.fail(where, key, "fehlt")

    def text(self, data: dict, where: str, key: str, required: bool = False, empty: bool = True) -> str:
        if key not in data or data[key] is None:
            if required:
                self.fail(where, key, "fehlt")
            return ""
        value = data[key]
        if not isinstance(value, str):
            self.fail(where, key, "muss Text sein")
        if not empty and not value.strip():
            self.fail(where, key, "darf nicht leer sein")
        return value

    def sources(self, data: dict, where: str, key: str = "quelle") -> None:
        value = data.get(key, "")
        if isinstance(value, str):
            return
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, key, "muss eine Adresse oder eine Liste von Adressen sein")

    def flag(self, data: dict, where: str, key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.fail(where, key, "muss true oder false sein")
        return value

    def texts(self, data: dict, where: str, key: str) -> list[str]:
        value = data.get(key, []) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, key, "muss eine Liste von Texten sein")
        return value

    def date(self, data: dict, where: str, key: str, required: bool = False) -> _dt.date | None:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(where, key, "fehlt")
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(where, key, "muss ein Datum der Form JJJJ-MM-TT sein")

    def rows(self, raw: dict, list_key: str) -> list[dict]:
        rows = raw.get(list_key)
        if not isinstance(rows, list) or not rows:
            self.fail("", list_key, "muss eine Liste sein und darf nicht leer sein")
        seen = set()
        result = []
        for row in rows:
            row = self.mapping(row, "", list_key)
            rid = row.get("id")
            where = f"Eintrag {rid if isinstance(rid, str) else '?'}"
            if not isinstance(rid, str) or not rid.strip():
                self.fail(where, "id", "fehlt oder ist kein Text")
            if rid in seen:
                self.fail(where, "id", "doppelt")
            seen.add(rid)
            result.append(row)
        return result

    def header(self, raw) -> tuple[int, _dt.date]:
        raw = self.mapping(raw, "", "-")
        version = raw.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.fail("", "version", "fehlt oder ist keine ganze Zahl ≥ 1")
        return version, self.date(raw, "", "rechtsstand", required=True)


def _placeholders_ok(check: _Check, where: str, key: str, text: str, allowed: set[str]):
    for name in re.findall(r"\{([^{}]*)\}", text):
        if name not in allowed:
            check.fail(where, key, f"unbekannter Platzhalter „{{{name}}}“ (erlaubt: "
                       f"{', '.join('{' + a + '}' for a in sorted(allowed)) or 'keine'})")


# --------------------------------------------------------------------------- the four files

LAND_KEYS = {"id", "name", "gesetz", "gesetz_kurz", "aufsicht", "aufsicht_kurz", "aufsicht_genus", "aufsicht_nom",
             "generalklausel",
             "vorgabe", "erwartungen", "hinweis", "position", "dsk", "quelle", "geprueft", *LAND_FLAGS}


def _laender(raw: dict, check: _Check) -> dict:
    check.keys(raw, "", {"version", "rechtsstand", "dsk", "laender"}, {"version", "rechtsstand", "laender"})
    table = {}
    for row in check.rows(raw, "laender"):
        where = f"Land {row['id']}"
        check.keys(row, where, LAND_KEYS, {"id", "name", "gesetz", "gesetz_kurz", "aufsicht", "aufsicht_kurz"})
        if row["id"] not in LAENDER:
            check.fail(where, "id", f"kein Länderkürzel (erlaubt: {', '.join(LAENDER)})")
        for key in ("name", "gesetz", "gesetz_kurz", "aufsicht", "aufsicht_kurz"):
            check.text(row, where, key, required=True, empty=False)
        for key in ("generalklausel", "vorgabe", "hinweis", "position", "aufsicht_nom"):
            check.text(row, where, key)
        check.sources(row, where)
        if row.get("aufsicht_genus", "m") not in ("m", "f", "n"):
            check.fail(where, "aufsicht_genus", "muss m, f oder n sein")
        check.texts(row, where, "erwartungen")
        for flag in LAND_FLAGS:
            check.flag(row, where, flag)
        check.date(row, where, "geprueft")
        if "dsk" in row:
            check.mapping(row["dsk"], where, "dsk")
        table[row["id"]] = row
    missing = [land for land in LAENDER if land not in table]
    if missing:
        check.fail("", "laender", f"es fehlen: {', '.join(missing)}")
    return table


PLATFORM_KEYS = {"id", "name", "label", "anbieter", "datenschutz_url", "messenger", "kontotypen", "statistik_immer",
                 "art26", "beanstandet", "foederiert", "drittland", "quelle", "geprueft"}


def _plattformen(raw: dict, check: _Check) -> dict:
    check.keys(raw, "", {"version", "rechtsstand", "plattformen"}, {"version", "rechtsstand", "plattformen"})
    table = {}
    for row in check.rows(raw, "plattformen"):
        where = f"Plattform {row['id']}"
        check.keys(row, where, PLATFORM_KEYS, {"id", "name", "anbieter"})
        for key in ("name", "anbieter"):
            check.text(row, where, key, required=True, empty=False)
        for key in ("label", "datenschutz_url", "drittland"):
            check.text(row, where, key)
        check.sources(row, where)
        for key in ("messenger", "statistik_immer", "beanstandet", "foederiert"):
            check.flag(row, where, key)
        check.date(row, where, "geprueft")
        if "kontotypen" in row:
            types = row["kontotypen"]
            if not isinstance(types, list) or not types:
                check.fail(where, "kontotypen", "muss eine nicht leere Liste sein")
            for t in types:
                t = check.mapping(t, where, "kontotypen")
                check.keys(t, f"{where}, kontotypen", {"id", "label"}, {"id", "label"})
                check.text(t, f"{where}, kontotypen", "id", required=True, empty=False)
                check.text(t, f"{where}, kontotypen", "label", required=True, empty=False)
        if "art26" in row:
            art26 = check.mapping(row["art26"], where, "art26")
            check.keys(art26, f"{where}, art26", {"besteht", "name", "bewertung", "quelle"}, {"besteht"})
            check.flag(art26, f"{where}, art26", "besteht")
            for key in ("name", "bewertung"):
                check.text(art26, f"{where}, art26", key)
            check.sources(art26, f"{where}, art26")
        table[row["id"]] = row
    return table


NORM_KEYS = {"id", "veraltet", "aktuell", "seit", "erklaerung", "muster", "ersetzung", "ersetze", "paragrafen",
             "schwere", "laender"}


def _normen(raw: dict, check: _Check) -> list[dict]:
    check.keys(raw, "", {"version", "rechtsstand", "normen"}, {"version", "rechtsstand", "normen"})
    rules = []
    for row in check.rows(raw, "normen"):
        where = f"Norm {row['id']}"
        check.keys(row, where, NORM_KEYS, {"id", "veraltet", "aktuell", "erklaerung", "muster"})
        for key in ("veraltet", "aktuell", "erklaerung"):
            check.text(row, where, key, required=True, empty=False)
        seit = check.text(row, where, "seit") if not isinstance(row.get("seit"), _dt.date) else row["seit"].isoformat()
        if seit and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", seit):
            check.fail(where, "seit", "muss ein Datum der Form JJJJ-MM-TT oder leer sein")
        patterns = check.texts(row, where, "muster")
        if not patterns:
            check.fail(where, "muster", "braucht mindestens einen regulären Ausdruck")
        compiled = []
        for source in patterns:
            try:
                compiled.append(re.compile(expand_pattern(source)))
            except re.error as exc:
                check.fail(where, "muster", f"kein gültiger regulärer Ausdruck ({exc})")
        if row.get("ersetzung") is not None:
            check.text(row, where, "ersetzung", empty=False)
        ersetze = row.get("ersetze", []) or []
        if not isinstance(ersetze, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in ersetze):
            check.fail(where, "ersetze", "muss eine Liste von [alt, neu] sein")
        paragrafen = row.get("paragrafen", {}) or {}
        if not isinstance(paragrafen, dict) or not all(
                isinstance(k, str) and re.fullmatch(r"\d+[a-z]?(?: Abs\. \d+)?", k) and isinstance(v, str)
                and re.fullmatch(r"\d+[a-z]?(?: Abs\. \d+)?", v) for k, v in paragrafen.items()):
            check.fail(where, "paragrafen", "muss Zuordnungen wie \"55 Abs. 2\": \"18 Abs. 2\" enthalten")
        if row.get("schwere", "fehler") not in ("fehler", "hinweis"):
            check.fail(where, "schwere", "muss fehler oder hinweis sein")
        laender = check.texts(row, where, "laender")
        for land in laender:
            if land not in LAENDER:
                check.fail(where, "laender", f"„{land}“ ist kein Länderkürzel")
        rules.append({**row, "seit": seit, "compiled": tuple(compiled), "ersetze": [tuple(p) for p in ersetze],
                      "paragrafen": dict(paragrafen), "laender": tuple(laender), "schwere": row.get("schwere", "fehler")})
    return rules


REASON_NAMES = {"aufsicht", "land"}


def _reasons(value, check: _Check, where: str, key: str, extra: set[str] = frozenset()) -> dict:
    """A reason per Land: {sonst: …, gefordert: …, BW: …}; ``sonst`` is required."""
    value = check.mapping(value, where, key)
    allowed = {"sonst", "gefordert", *LAENDER}
    check.keys(value, f"{where}, {key}", allowed, {"sonst"})
    for k in value:
        text = check.text(value, f"{where}, {key}", k, required=True, empty=False)
        _placeholders_ok(check, f"{where}, {key}", k, text, REASON_NAMES | set(extra))
        value[k] = " ".join(text.split())
    return value


def _severity(row: dict, check: _Check, where: str) -> None:
    if row.get("schwere") not in ("fehler", "hinweis"):
        check.fail(where, "schwere", "muss fehler oder hinweis sein")
    schwere_in = check.mapping(row.get("schwere_in", {}) or {}, where, "schwere_in")
    for land, severity in schwere_in.items():
        if land not in LAENDER:
            check.fail(where, "schwere_in", f"„{land}“ ist kein Länderkürzel")
        if severity not in ("fehler", "hinweis"):
            check.fail(where, "schwere_in", "Werte müssen fehler oder hinweis sein")
    if row.get("fehler_wenn", "") and row["fehler_wenn"] not in LAND_FLAGS:
        check.fail(where, "fehler_wenn", f"muss eine der Land-Angaben sein: {', '.join(LAND_FLAGS)}")


# Messages of the channel and DSFA rules, with the placeholders each may use.
MESSAGES = {
    "messenger": {"kanal", "plattform"},
    "statistik": {"kanal", "plattform"},
    "fanpage": {"kanal", "plattform"},
    "dsfa_fehlt": set(),
    "fremde_aufsicht": {"abschnitt", "fremd", "fremd_land"},
    "erfolg": {"rechtsstand"},
}


def _pruefregeln(raw: dict, check: _Check) -> dict:
    check.keys(raw, "", {"version", "rechtsstand", "begriffe", "themen", "angaben", "abgeleitete_platzhalter",
                         "standardgrund", "dsfa", "fanpage_plattformen", "meldungen"},
               {"version", "rechtsstand", "themen", "angaben", "abgeleitete_platzhalter", "standardgrund", "dsfa",
                "fanpage_plattformen", "meldungen"})
    from .schema import TOPICS

    begriffe = raw.get("begriffe", []) or []
    if not isinstance(begriffe, list):
        check.fail("", "begriffe", "muss eine Liste sein")
    for b in begriffe:
        b = check.mapping(b, "begriffe", "-")
        check.keys(b, f"Begriff {b.get('wort', '?')}", {"wort", "erklaerung"}, {"wort", "erklaerung"})
        check.text(b, f"Begriff {b['wort']}", "wort", required=True, empty=False)
        check.text(b, f"Begriff {b['wort']}", "erklaerung", required=True, empty=False)
    themen = raw["themen"]
    if not isinstance(themen, list) or not themen:
        check.fail("", "themen", "muss eine nicht leere Liste sein")
    seen = set()
    for row in themen:
        row = check.mapping(row, "themen", "-")
        where = f"Thema {row.get('thema', '?')}"
        check.keys(row, where, {"thema", "label", "abschnitt", "schwere", "schwere_in", "fehler_wenn", "warum"},
                   {"thema", "label", "abschnitt", "schwere", "warum"})
        topic = check.text(row, where, "thema", required=True)
        if topic not in TOPICS:
            check.fail(where, "thema", f"unbekanntes Thema (erlaubt: {', '.join(TOPICS)})")
        if topic in seen:
            check.fail(where, "thema", "doppelt")
        seen.add(topic)
        check.text(row, where, "label", required=True, empty=False)
        check.text(row, where, "abschnitt", required=True, empty=False)
        _severity(row, check, where)
        _reasons(row["warum"], check, where, "warum")
    angaben = raw["angaben"]
    if not isinstance(angaben, list):
        check.fail("", "angaben", "muss eine Liste sein")
    for row in angaben:
        row = check.mapping(row, "angaben", "-")
        where = f"Angabe {', '.join(row.get('fragen', []) or ['?'])}"
        check.keys(row, where, {"fragen", "thema", "warum"}, {"fragen", "warum"})
        if not check.texts(row, where, "fragen"):
            check.fail(where, "fragen", "braucht mindestens eine Frage")
        if row.get("thema", "") and row["thema"] not in TOPICS:
            check.fail(where, "thema", f"unbekanntes Thema (erlaubt: {', '.join(TOPICS)})")
        _reasons(row["warum"], check, where, "warum")
    derived = check.mapping(raw["abgeleitete_platzhalter"], "", "abgeleitete_platzhalter")
    for qid, labels in derived.items():
        check.texts(derived, "abgeleitete_platzhalter", qid)
    check.text(raw, "", "standardgrund", required=True, empty=False)
    dsfa = check.mapping(raw["dsfa"], "", "dsfa")
    check.keys(dsfa, "dsfa", {"abschnitte", "angaben"}, {"abschnitte", "angaben"})
    check.texts(dsfa, "dsfa", "abschnitte")
    check.texts(dsfa, "dsfa", "angaben")
    check.texts(raw, "", "fanpage_plattformen")
    meldungen = check.mapping(raw["meldungen"], "", "meldungen")
    check.keys(meldungen, "meldungen", set(MESSAGES), set(MESSAGES))
    for key, names in MESSAGES.items():
        if key == "messenger":
            _reasons(meldungen[key], check, f"meldungen {key}", "-", names)
        else:
            text = check.text(meldungen, "meldungen", key, required=True, empty=False)
            _placeholders_ok(check, "meldungen", key, text, names | REASON_NAMES)
            meldungen[key] = " ".join(text.split())
    return raw


VALIDATORS = {"laender": _laender, "plattformen": _plattformen, "normen": _normen, "pruefregeln": _pruefregeln}


# --------------------------------------------------------------------------- files and the data set

@dataclass(frozen=True)
class DataFile:
    """One legal data file as used: its kind, version, Rechtsstand and where it comes from."""

    kind: str  # laender | plattformen | normen | pruefregeln
    version: int
    rechtsstand: _dt.date
    path: Path
    installed: bool  # True: from the user's config dir; False: bundled with the program
    content: object = field(compare=False, repr=False, default=None)  # the validated content

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def origin(self) -> str:
        return "installiert" if self.installed else "mitgeliefert"

    def describe(self) -> str:
        return (f"{self.title}: Version {self.version}, Rechtsstand {german_date(self.rechtsstand)} "
                f"({self.origin}: {self.path})")


@dataclass(frozen=True)
class LegalData:
    files: dict  # kind -> DataFile
    notes: tuple[str, ...] = ()  # German: installed files that could not be used

    @property
    def laender(self) -> dict:
        return self.files["laender"].content

    @property
    def plattformen(self) -> dict:
        return self.files["plattformen"].content

    @property
    def normen(self) -> list[dict]:
        return self.files["normen"].content

    @property
    def pruefregeln(self) -> dict:
        return self.files["pruefregeln"].content

    @property
    def rechtsstand(self) -> _dt.date:
        """The oldest Rechtsstand of the files: the whole set was checked at least up to it."""
        return min(f.rechtsstand for f in self.files.values())

    @property
    def versions(self) -> str:
        return ", ".join(f"{f.title} {f.version}" for f in self.files.values())

    def summary(self) -> str:
        """One German line: Rechtsstand and versions, for the check output, Hilfe → Über and the CLI."""
        installed = [f.title for f in self.files.values() if f.installed]
        origin = f"; aktualisiert: {', '.join(installed)}" if installed else ""
        return f"Rechtsstand {german_date(self.rechtsstand)} (Rechtsdaten: {self.versions}{origin})"


def german_date(date: _dt.date) -> str:
    return date.strftime("%d.%m.%Y")


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("Konzeptassistent", appauthor=False))


def installed_dir(base: Path | None = None) -> Path:
    return (base or config_dir()) / INSTALL_FOLDER


def _parse(data: bytes, file: str):
    import yaml  # only when reading: a definition from the cache needs no YAML

    try:
        return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError:
        raise DefinitionError(file, "", "-", "ist keine Textdatei in UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"Zeile {mark.line + 1}" if mark else ""
        raise DefinitionError(file, where, "-", f"kein gültiges YAML ({getattr(exc, 'problem', exc)})") from None


def read_file(kind: str, path: Path, installed: bool = False, data: bytes | None = None) -> DataFile:
    """One legal data file, validated strictly (DefinitionError on any problem)."""
    file = path.name if installed else f"data/{path.name}"
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise DefinitionError(file, "", "-", "Datei fehlt") from None
    check = _Check(file)
    raw = _parse(data, file)
    version, rechtsstand = check.header(raw)
    content = VALIDATORS[kind](raw, check)
    return DataFile(kind, version, rechtsstand, path, installed, content)


def _cross_check(files: dict) -> None:
    """References between the files: the check's rules name platforms that exist."""
    rules = files["pruefregeln"]
    platforms = files["plattformen"].content
    for pid in rules.content.get("fanpage_plattformen", []):
        if pid not in platforms:
            raise DefinitionError(rules.path.name, "", "fanpage_plattformen",
                                  f"Plattform „{pid}“ steht nicht in plattformen.yaml")


_CACHE: dict = {}


def _signature(paths) -> tuple:
    sig = []
    for p in paths:
        try:
            st = p.stat()
            sig.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            sig.append((str(p), None, None))
    return tuple(sig)


def load(base: Path | None = None, bundled_dir: Path | None = None) -> LegalData:
    """The legal data in use: per file the installed one if it is valid and newer, else the bundled one.

    A bundled file that is invalid raises DefinitionError (a developer's error). An installed
    file that became unusable is skipped with a German note. Re-read when a file changes.
    """
    bundled_dir = bundled_dir or DATA_DIR
    inst = installed_dir(base)
    paths = [bundled_dir / f"{k}.yaml" for k in LEGAL_FILES] + [inst / f"{k}.yaml" for k in LEGAL_FILES]
    key = _signature(paths)
    if key in _CACHE:
        return _CACHE[key]
    files, notes = {}, []
    for kind in LEGAL_FILES:
        chosen = read_file(kind, bundled_dir / f"{kind}.yaml")
        candidate = inst / f"{kind}.yaml"
        if candidate.is_file():
            try:
                own = read_file(kind, candidate, installed=True)
            except (DefinitionError, OSError) as exc:
                notes.append(f"Die installierten Rechtsdaten „{candidate}“ sind unbrauchbar und werden nicht "
                             f"verwendet ({exc}).")
            else:
                if own.version > chosen.version:
                    chosen = own
        files[kind] = chosen
    try:
        _cross_check(files)
    except DefinitionError as exc:
        installed = [k for k, f in files.items() if f.installed]
        if not installed:
            raise
        notes.append(f"Die installierten Rechtsdaten passen nicht zusammen und werden nicht verwendet ({exc}).")
        files = {k: read_file(k, bundled_dir / f"{k}.yaml") for k in LEGAL_FILES}
        _cross_check(files)
    result = LegalData(files, tuple(notes))
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def with_bundled(data: LegalData, kind: str) -> LegalData:
    """``data`` with one file switched back to the bundled one (an installed file that does not fit)."""
    files = dict(data.files)
    files[kind] = read_file(kind, DATA_DIR / f"{kind}.yaml")
    return LegalData(files, data.notes + (f"Die installierten {TITLES[kind]} passen nicht zu dieser Programmversion "
                                          "und werden nicht verwendet.",))


# --------------------------------------------------------------------------- references into the definition

def verify_against(rules: dict, definition, file: str = "data/pruefregeln.yaml") -> None:
    """The check's rules name only questions and sections the definition has (DefinitionError otherwise)."""
    questions = {q.id for q in definition.questions()}
    fields = {f"{q.id}.{f.id}" for q in definition.questions() for f in q.fields}
    sections = set(definition.sections)

    def need_question(qid: str, where: str, key: str):
        if qid not in questions and qid not in fields:
            raise DefinitionError(file, where, key, f"Frage „{qid}“ gibt es in steps.yaml nicht")

    def need_section(sid: str, where: str, key: str):
        if sid not in sections:
            raise DefinitionError(file, where, key, f"Abschnitt „{sid}“ gibt es in sections.yaml nicht")

    for row in rules["themen"]:
        need_section(row["abschnitt"], f"Thema {row['thema']}", "abschnitt")
    for row in rules["angaben"]:
        for qid in row["fragen"]:
            need_question(qid, f"Angabe {qid}", "fragen")
    for qid in rules["abgeleitete_platzhalter"]:
        need_question(qid, "abgeleitete_platzhalter", qid)
    for sid in rules["dsfa"]["abschnitte"]:
        need_section(sid, "dsfa", "abschnitte")
    for qid in rules["dsfa"]["angaben"]:
        need_question(qid, "dsfa", "angaben")


# --------------------------------------------------------------------------- installing a newer file

class LegalDataRefused(KonzeptError):
    """A file offered for installation was refused; the message is one German line."""


def kind_of(raw) -> str:
    if isinstance(raw, dict):
        kinds = [kind for kind, key in KIND_KEYS.items() if key in raw]
        if len(kinds) == 1:
            return kinds[0]
    raise LegalDataRefused("")


def install(source: Path, base: Path | None = None, definition=None) -> DataFile:
    """Validate ``source`` strictly and install it if it is newer than the data in use.

    Raises LegalDataRefused (one German line) if the file cannot be read, is invalid, does
    not fit the other data or the program, or is not newer; the installed file is then
    untouched. The new file is written atomically.
    """
    from .atomic import atomic_write_bytes

    source = Path(source)
    name = source.name
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise LegalDataRefused(f"„{name}“ wurde nicht installiert: Die Datei ist zu groß für Rechtsdaten.")
        data = source.read_bytes()
    except LegalDataRefused:
        raise
    except OSError as exc:
        raise LegalDataRefused(f"„{name}“ wurde nicht installiert: Die Datei kann nicht gelesen werden "
                               f"({exc.strerror or exc}).") from None
    try:
        raw = _parse(data, name)
        kind = kind_of(raw)
    except (DefinitionError, LegalDataRefused):
        raise LegalDataRefused(f"„{name}“ wurde nicht installiert: Das ist keine Rechtsdaten-Datei des "
                               "Konzeptassistenten (erwartet: Länder, Plattformen, Normen oder Prüfregeln).") from None
    current = load(base)
    try:
        new = read_file(kind, installed_dir(base) / f"{kind}.yaml", installed=True, data=data)
        files = dict(current.files)
        files[kind] = new
        _cross_check(files)
        if kind == "pruefregeln" and definition is not None:
            verify_against(new.content, definition, name)
    except DefinitionError as exc:
        raise LegalDataRefused(f"„{name}“ wurde nicht installiert: {exc}. Die bisherigen Rechtsdaten bleiben "
                               "unverändert.") from None
    old = current.files[kind]
    if new.version <= old.version:
        raise LegalDataRefused(
            f"„{name}“ wurde nicht installiert: {new.title} Version {new.version} (Rechtsstand "
            f"{german_date(new.rechtsstand)}) ist nicht neuer als die verwendete Version {old.version} "
            f"(Rechtsstand {german_date(old.rechtsstand)}). Die bisherigen Rechtsdaten bleiben unverändert.")
    target = installed_dir(base) / f"{kind}.yaml"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise LegalDataRefused(f"„{name}“ wurde nicht installiert: {exc.strerror or exc}") from None
    return DataFile(kind, new.version, new.rechtsstand, target, True, new.content)
