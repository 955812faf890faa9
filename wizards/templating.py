"""Sandboxed Jinja2 for the text blocks: values, filters and Markdown escaping.

Templates produce Markdown. Every value printed with ``{{ … }}`` is escaped for Markdown
(the ``finalize`` hook), so a clerk's „*“ or „[“ stays a character. A value the clerk has
not given prints as an internal marker that the assembler turns into a visible
„[label]“ placeholder and lists as missing.
"""
from __future__ import annotations

import datetime as _dt
import marshal
import re

from markupsafe import Markup

from .sanitize import MISSING_CLOSE, MISSING_OPEN

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
    "August", "September", "Oktober", "November", "Dezember",
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&^])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


class MissingValue:
    """An unanswered question. Falsy, empty, and printed as a placeholder marker."""

    __slots__ = ("label",)

    def __init__(self, label: str):
        self.label = label

    def __str__(self) -> str:
        return f"{MISSING_OPEN}{self.label}{MISSING_CLOSE}"

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self):
        return iter(())

    def __eq__(self, other) -> bool:
        return False

    def __hash__(self) -> int:
        return hash(("missing", self.label))

    def __getattr__(self, name: str) -> "MissingValue":
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key) -> "MissingValue":
        return self

    def _same(self, *args) -> "MissingValue":
        return self

    # „{{ konzept.stand.jahr + 1 }}“ with no date given stays a marker instead of failing
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __neg__ = _same

    def __lt__(self, other) -> bool:
        return False

    __le__ = __gt__ = __ge__ = __lt__


class ChoiceValue:
    """A chosen option: prints as its label, compares equal to its id."""

    __slots__ = ("id", "label", "_extra")

    def __init__(self, id: str, label: str, extra: dict | None = None):
        self.id = id
        self.label = label
        self._extra = extra or {}

    def __str__(self) -> str:
        return self.label

    def __eq__(self, other) -> bool:
        if isinstance(other, ChoiceValue):
            return other.id == self.id
        return other == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __bool__(self) -> bool:
        return True

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._extra.get(name, False)


class DateValue:
    """A date: prints as 01.11.2026; also ``.monat_jahr`` and ``.jahr``."""

    __slots__ = ("date",)

    def __init__(self, date: _dt.date):
        self.date = date

    def __str__(self) -> str:
        return self.date.strftime("%d.%m.%Y")

    @property
    def monat_jahr(self) -> str:
        return f"{MONTHS[self.date.month - 1]} {self.date.year}"

    @property
    def jahr(self) -> int:
        return self.date.year

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def _finalize(value):
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return md_escape(str(value))


def _gross(value):
    if isinstance(value, MissingValue):
        return value
    text = str(value)
    return text[:1].upper() + text[1:]


def _safe_url(url: str) -> str:
    url = url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\n", "")
    if not re.match(r"^(https?://|mailto:)", url, re.IGNORECASE):
        url = "https://" + url
    return url


def _link(value, label=None):
    if isinstance(value, MissingValue) or not value:
        return value
    url = str(value)
    shown = md_escape(str(label) if label else url)
    return Markup(f"[{shown}](<{_safe_url(url)}>)")


def _mail(value):
    if isinstance(value, MissingValue) or not value:
        return value
    address = str(value).strip()
    target = "mailto:" + address.replace(" ", "").replace("<", "").replace(">", "")
    return Markup(f"[{md_escape(address)}](<{target}>)")


def _aufzaehlung(values, last: str = "und"):
    items = [str(v) for v in values]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _zeilen(value):
    """Multi-line text (an address) as Markdown hard line breaks."""
    if isinstance(value, MissingValue) or not value:
        return value
    lines = [md_escape(line.strip()) for line in str(value).splitlines() if line.strip()]
    return Markup("\\\n".join(lines))


def _offen(label):
    """A judgement only the clerk can make (``{{ 'Schwere'|offen }}``): always a visible „[label]“ marker."""
    return MissingValue(str(label))


def make_environment():
    """The sandboxed environment. (Jinja2 is imported here, on first use: a definition
    read from the cache is usable before anything has to be rendered.)"""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
    )
    env.filters.update(gross=_gross, link=_link, mail=_mail, aufzaehlung=_aufzaehlung, zeilen=_zeilen, offen=_offen)
    return env


class TemplateCache:
    """One sandboxed environment and its compiled templates, shared by every render.

    Compiling is most of the cost of filling a text block; the sources never change
    while the program runs, so each is compiled once. ``code`` maps a source to the
    marshalled Python code Jinja2 compiled it to (``("t", source)`` for templates,
    ``("e", source)`` for conditions): the loader fills it while validating, the
    definition cache keeps it, so a later start skips Jinja2's parser and compiler.
    """

    def __init__(self, code: dict | None = None):
        self._env = None
        self.code: dict = dict(code or {})
        self._templates: dict = {}
        self._expressions: dict = {}

    @property
    def env(self):
        if self._env is None:
            self._env = make_environment()
        return self._env

    def _from_code(self, key):
        data = self.code.get(key)
        if data is None:
            return None
        return self.env.template_class.from_code(self.env, marshal.loads(data), self.env.make_globals(None), None)

    def template(self, source: str):
        compiled = self._templates.get(source)
        if compiled is None:
            compiled = self._from_code(("t", source))
            if compiled is None:
                compiled = self.env.from_string(source)
            self._templates[source] = compiled
        return compiled

    def expression(self, source: str):
        compiled = self._expressions.get(source)
        if compiled is None:
            template = self._from_code(("e", source))
            if template is None:
                compiled = self.env.compile_expression(source)
            else:
                from jinja2.environment import TemplateExpression

                compiled = TemplateExpression(template, True)
            self._expressions[source] = compiled
        return compiled

    def remember(self, source: str, ast) -> None:
        """Keep the code of a parsed, validated template (see ``code``)."""
        self.code[("t", source)] = marshal.dumps(self.env.compile(ast))

    def remember_expression(self, source: str) -> None:
        """Keep the code of a validated condition, built as ``compile_expression`` builds it."""
        from jinja2 import nodes
        from jinja2.parser import Parser

        parser = Parser(self.env, source, state="variable")
        expr = parser.parse_expression()
        expr.set_environment(self.env)
        body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
        self.code[("e", source)] = marshal.dumps(self.env.compile(nodes.Template(body, lineno=1)))
