"""Fuzz: mutated copies of the bundled example project never crash or hang the program.

Every case is written to a file and opened with ``load_project`` as the program does.
The outcome must be either a ``ProjectFileError`` (with a German message) or a project
that passes ``validate_against``, ``assemble``, the fachliche Prüfung (``check_project``)
and the comparison with the original (``compare``); every ``WRITER_EVERY``-th loaded case
is also rendered by both writers (DOCX reopened by python-docx, PDF by pypdf), where an
``ExportError`` with one German line is an allowed outcome. The GUI's field editors get
the same cases in ``tests/gui/test_fuzz_editors.py``. Any other exception, or a case
taking longer than ``CASE_LIMIT`` seconds, fails the test with the seed and mutation to
replay it.

``pytest -m fuzz_large`` runs ``KONZEPT_FUZZ_LARGE_CASES`` (default 10,000) cases with both
writers on every loaded case (a few minutes; not part of ``make test``).

Mutations (deterministic, seeded): byte flips, byte insertions/deletions, truncations,
and JSON-structure mutations (a node replaced by a value of another type, a key deleted,
a list emptied/duplicated, deep nesting, huge strings, hostile strings and paths).

The number of cases is ``KONZEPT_FUZZ_CASES`` (default 1000, finishes in well under 60 s).
"""
from __future__ import annotations

import copy
import io
import json
import os
import random
import signal
import time
from collections import Counter

import pytest

from resources import resource_path
from wizards.assemble import assemble
from wizards.design import Design
from wizards.errors import ExportError, ProjectFileError
from wizards.project import load_project

CASES = int(os.environ.get("KONZEPT_FUZZ_CASES", "1000"))
SEED = int(os.environ.get("KONZEPT_FUZZ_SEED", "20250105"))
LARGE_CASES = int(os.environ.get("KONZEPT_FUZZ_LARGE_CASES", "10000"))
CASE_LIMIT = 10.0  # seconds; a case slower than this counts as a hang
WRITER_EVERY = 5  # in the normal run, every 5th loaded case goes through both writers

HOSTILE_VALUES = [
    None, True, False, 0, -1, 1.5, 10**30, float("inf"), "", " ", "\x00\x01\x1b[31m", "\ud800".encode(
        "utf-8", "surrogatepass").decode("utf-8", "replace"),
    "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{% for x in range(10**9) %}x{% endfor %}",
    "<script>alert(1)</script> & <b>", "**[link](javascript:alert(1))**", "\u202eevil\u202c", "🦄" * 50,
    "A" * 100_000, "/etc/passwd", "../../../../etc/shadow", "\\\\server\\share\\logo.png", "/dev/zero",
    "C:\\Windows\\win.ini", "file:///etc/passwd", [], {}, [[[[[]]]]], {"a": {"b": {"c": {}}}},
    ["x", 1, None], {"format": "konzeptassistent-projekt"}, "\ue000Leer\ue001", "heilbronn", "herford",
    "nicht-da", "2026-13-45", "2026-11-01",
]


def _nested(depth: int):
    value: object = "tief"
    for i in range(depth):
        value = [value] if i % 2 else {"x": value}
    return value


def _paths(node, prefix=()):
    """Every path (tuple of keys/indices) into a JSON value."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


def _json_mutation(data: dict, rng: random.Random) -> tuple[str, str]:
    data = copy.deepcopy(data)
    paths = list(_paths(data))
    path = rng.choice(paths[1:])
    parent, key = _get(data, path[:-1]), path[-1]
    kind = rng.choice(["replace", "replace", "replace", "delete", "nest", "dup", "empty", "rename", "version"])
    if kind == "replace":
        parent[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    elif kind == "delete":
        del parent[key]
    elif kind == "nest":
        parent[key] = _nested(rng.choice([5, 39, 45, 200, 900]))
    elif kind == "dup":
        value = parent[key]
        if isinstance(value, list):
            value.extend(copy.deepcopy(value))
        elif isinstance(value, dict):
            parent[key] = {**value, **{f"{k}_kopie": v for k, v in value.items()}}
        else:
            parent[key] = [value, value]
    elif kind == "empty":
        parent[key] = type(parent[key])() if isinstance(parent[key], (list, dict, str)) else None
    elif kind == "rename" and isinstance(parent, dict):
        parent[f"{key}_x"] = parent.pop(key)
    elif kind == "version":
        data["format_version"] = rng.choice([0, 2, 99, "1", 1.0, None, -5, 10**20])
    text = json.dumps(data, ensure_ascii=rng.random() < 0.3, allow_nan=True)
    return text, f"json:{kind} at {'/'.join(map(str, path))}"


def _byte_mutation(raw: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(raw)
    kind = rng.choice(["flip", "flip", "truncate", "insert", "delete", "splice"])
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    elif kind == "insert":
        i = rng.randrange(len(data))
        data[i:i] = rng.choice([b"\x00", b"\xff\xfe", b"{", b"]", b'"', b"\\u0000", b"\\ud800", b"1e999", b"," * 3,
                                b"\xef\xbb\xbf", bytes(rng.randrange(256) for _ in range(16))])
    elif kind == "delete":
        i = rng.randrange(len(data))
        del data[i: i + rng.randint(1, 64)]
    elif kind == "splice":
        i, j = sorted(rng.randrange(len(data)) for _ in range(2))
        data[i:i] = data[j: j + rng.randint(1, 200)]
    return bytes(data), f"bytes:{kind}"


def _special_cases(raw: bytes) -> list[tuple[bytes, str]]:
    big_digits = b'{"format": "konzeptassistent-projekt", "format_version": ' + b"9" * 5000 + b"}"
    return [
        (b"", "empty"), (b"   \n", "whitespace"), (b"\xef\xbb\xbf", "bom only"), (b"null", "null"),
        (b"[]", "list"), (b'"text"', "string"), (b"{}", "empty object"), (b"\x00" * 100, "nul bytes"),
        (raw[:1], "first byte"), (raw[:-1], "last byte missing"), (raw.decode().encode("utf-16"), "utf-16"),
        (b"[" * 100_000 + b"]" * 100_000, "deep list"), (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "deep object"),
        (big_digits, "huge integer"), (b"PK\x03\x04" + raw, "zip header"), (b"%PDF-1.7\n" + raw, "pdf header"),
        (raw.replace(b'"format_version": 1', b'"format_version": 99'), "newer version"),
    ]


class _Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Hang()


def fuzz_cases(count: int, seed: int = SEED) -> list[tuple[bytes, str]]:
    """``count`` deterministic cases (content, label): the special cases, then mutations."""
    raw = resource_path("examples", "musterstadt.konzept").read_bytes()
    data = json.loads(raw)
    rng = random.Random(seed)
    cases = _special_cases(raw)
    while len(cases) < count:
        if rng.random() < 0.5:
            cases.append(_byte_mutation(raw, rng))
        else:
            text, label = _json_mutation(data, rng)
            cases.append((text.encode("utf-8", "surrogatepass"), label))
    return cases


def _one_german_line(message: str, n: int, label: str) -> None:
    assert message and "Traceback" not in message and "\n" not in message, (n, label, message)


def _write_and_reopen(document, design, outcomes: Counter, n: int, label: str) -> None:
    import docx
    from pypdf import PdfReader

    from wizards.writers.docx import render_docx
    from wizards.writers.pdf import render_pdf

    for kind, render in (("docx", render_docx), ("pdf", render_pdf)):
        try:
            data = render(document, design)
        except ExportError as exc:  # e.g. a hostile logo path in the design: refused in German
            _one_german_line(str(exc), n, label)
            outcomes[f"{kind}: ExportError"] += 1
            continue
        if kind == "docx":
            docx.Document(io.BytesIO(data))
        else:
            assert PdfReader(io.BytesIO(data)).pages
        outcomes[f"{kind} geschrieben"] += 1


def run_fuzz(definition, tmp_path, capsys, count: int, writer_every: int) -> Counter:
    from wizards.checks import check_project
    from wizards.review import compare_projects, comparison_document

    original = load_project(resource_path("examples", "musterstadt.konzept"))
    original.validate_against(definition)
    cases = fuzz_cases(count)
    outcomes: Counter = Counter()
    slowest = (0.0, "")
    use_alarm = hasattr(signal, "setitimer")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
    start = time.perf_counter()
    try:
        for n, (content, label) in enumerate(cases):
            path = tmp_path / f"fall-{n}.konzept"
            path.write_bytes(content)
            t0 = time.perf_counter()
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, CASE_LIMIT)
            try:
                project = load_project(path)
                notes = project.validate_against(definition)
                document = assemble(definition, project)
                design = Design.from_dict(project.design)
                design.validate()
                assert document.blocks
                check_project(definition, project)
                comparison_document(definition, compare_projects(definition, original, project))
                outcomes["geladen"] += 1
                outcomes["mit Hinweisen"] += bool(notes)
                if writer_every and outcomes["geladen"] % writer_every == 1 % writer_every:
                    _write_and_reopen(document, design, outcomes, n, label)
            except ProjectFileError as exc:
                _one_german_line(str(exc), n, label)
                outcomes["ProjectFileError"] += 1
            except _Hang:
                pytest.fail(f"case {n} ({label}) took longer than {CASE_LIMIT} s (seed {SEED})")
            except Exception as exc:  # noqa: BLE001 - that is the point of the fuzz test
                pytest.fail(f"case {n} ({label}) crashed with {type(exc).__name__}: {exc!r:.300} (seed {SEED})")
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - t0
            if took > slowest[0]:
                slowest = (took, label)
            path.unlink()
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, old)
    total = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n[fuzz] {len(cases)} Fälle in {total:.1f} s: {dict(outcomes)}; "
              f"langsamster Fall {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    assert len(cases) >= count
    assert outcomes["geladen"] > 0 and outcomes["ProjectFileError"] > 0  # both paths were exercised
    return outcomes


def test_fuzzed_project_files_never_crash(definition, tmp_path, capsys):
    outcomes = run_fuzz(definition, tmp_path, capsys, CASES, WRITER_EVERY)
    assert outcomes["docx geschrieben"] >= 20 and outcomes["pdf geschrieben"] >= 20


@pytest.mark.fuzz_large
def test_fuzz_large(definition, tmp_path, capsys):
    outcomes = run_fuzz(definition, tmp_path, capsys, LARGE_CASES, 1)
    assert outcomes["pdf geschrieben"] + outcomes["pdf: ExportError"] == outcomes["geladen"]
