"""The layout step: page furniture decided once, design text sanitised once."""
from __future__ import annotations

from wizards import doctree as dt
from wizards.design import Design
from wizards.layout import layout
from wizards.sanitize import clean
from wizards.writers.docx import render_docx
from wizards.writers.pdf import render_pdf


def small(author: str = "Gemeinde Musterstadt") -> dt.Document:
    return dt.Document(
        meta=dt.DocumentMeta(title="Konzept", author=author),
        blocks=(dt.Title((dt.Text("Konzept"),)), dt.Heading(1, (dt.Text("Zweck"),), "1.", "zweck"),
                dt.Heading(1, (dt.Text("Zweck"),), "2.", "zweck"), dt.Heading(1, (dt.Text("Ohne"),))),
    )


def texts(tree) -> list[str]:
    """Every string the writers will print: text nodes and the strings of furniture and front matter."""
    out = []
    for node in dt.nodes(tree):
        for value in vars(node).values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, tuple):
                out += [v for v in value if isinstance(v, str)]
                out += [s for v in value if isinstance(v, tuple) for s in v if isinstance(s, str)]
    return out


def test_design_text_is_sanitised_once_before_any_writer():
    dirty = "Stadt\x0b Muster\x00stadt\ue000"
    design = Design(title_page=True, header_text=dirty, history=[{"stand": "1\x07", "version": "2", "aenderung": "x"}],
                    cover_sheet={"enabled": True, "anlage": "2\x01", "vorlage": "VO\x1f/1", "gremium": "Rat\x0c"})
    laid_out = layout(small(), design)
    assert all(clean(text) == text for text in texts(laid_out))
    assert laid_out.furniture.header_left == "Stadt Musterstadt"
    assert render_docx(small(), design).startswith(b"PK")  # python-docx would raise on \x0b
    assert render_pdf(small(), design).startswith(b"%PDF")


def test_header_and_author_fall_back_to_each_other():
    assert layout(small(), Design()).furniture.header_left == "Gemeinde Musterstadt"
    assert layout(small(), Design(header_text=" Eigener Kopf ")).furniture.header_left == "Eigener Kopf"
    assert layout(small(""), Design(header_text="Eigener Kopf")).meta.author == "Eigener Kopf"
    assert layout(small(), Design(header_text="Eigener Kopf")).meta.author == "Gemeinde Musterstadt"


def test_every_heading_gets_a_unique_anchor_for_bookmarks_and_toc():
    laid_out = layout(small(), Design(toc=True))
    anchors = [h.anchor for h in dt.headings(laid_out)]
    assert anchors == ["zweck", "zweck-2", "abschnitt-3"]
    toc = next(b for b in laid_out.blocks if isinstance(b, dt.TableOfContents))
    assert [e.anchor for e in toc.entries] == anchors


def test_title_moves_to_the_title_page_and_the_text_starts_on_a_new_page():
    laid_out = layout(small(), Design(title_page=True, cover_sheet={"enabled": True, "vorlage": "VO/1"}))
    assert not any(isinstance(b, dt.Title) for b in laid_out.blocks)
    assert [type(b).__name__ for b in laid_out.front] == ["CoverSheet", "PageBreak", "TitleBlock"]
    assert laid_out.furniture.header_right == "Anlage zur Vorlage VO/1"


def test_the_generic_walk_rebuilds_only_what_changes_and_splices_tuples():
    heading = dt.Heading(1, (dt.Text("Siehe "), dt.Strong((dt.Link("https://x.example", (dt.Text("hier"),)),))))
    tree = (heading, dt.Paragraph((dt.Text("bleibt"),)))
    unlinked = dt.walk(tree, lambda n: n.children if isinstance(n, dt.Link) else n)
    assert unlinked[0].text == (dt.Text("Siehe "), dt.Strong((dt.Text("hier"),)))
    assert unlinked[1] is tree[1]  # untouched subtrees are not copied
    assert dt.walk(tree, lambda n: n) is tree
    assert [type(n).__name__ for n in dt.nodes(heading)] == ["Heading", "Text", "Strong", "Link", "Text"]
