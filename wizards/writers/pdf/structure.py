"""Tagged PDF (PDF/UA-1), step 2: the structure tree, written with pikepdf after reportlab's build.

StructTreeRoot, the elements from the ``tags.Node`` tree (Document, H1–H6, P, L/LI/Lbl/LBody,
Table/TR/TH/TD, TOC/TOCI, Link with the link annotation as OBJR, Figure with /Alt), the
ParentTree, /StructParents on pages and annotations, /Tabs /S, MarkInfo, /Lang,
DisplayDocTitle and the PDF/UA identification in XMP — and, in the same pass, what PDF/A-2b
adds (``pdfa``). Step 1 is ``tags``.
"""
from __future__ import annotations

import io

from ..deferred_patterns import deferred_patterns
from .pdfa import prepare_pdfa, write_xmp
from .tags import Node, Tagger


def link_description(annotation) -> str:
    """/Contents for a link annotation: where it leads, in German."""
    import pikepdf

    action = annotation.get("/A")
    if isinstance(action, pikepdf.Dictionary) and "/URI" in action:
        uri = str(action.URI)
        return f"E-Mail an {uri.removeprefix('mailto:')}" if uri.startswith("mailto:") else f"Link zu {uri}"
    return "Verweis auf einen Abschnitt dieses Dokuments"


def apply_structure(data: bytes, tagger: Tagger, title: str, language: str = "de-DE", pdfa: bool = False) -> bytes:
    """Write the structure tree and the PDF/UA-1 markers into a PDF reportlab made with the tagger;
    with ``pdfa`` also make it PDF/A-2b."""
    try:
        return _apply_structure(data, tagger, title, language, pdfa)
    except Exception as exc:
        from wizards.errors import ExportError

        raise ExportError(
            f"Das barrierefreie PDF konnte nicht fertiggestellt werden ({type(exc).__name__}: {exc})."
        ) from exc


def pikepdf_module():
    """pikepdf, imported without compiling the patterns it never uses here."""
    with deferred_patterns():
        import pikepdf
    return pikepdf


def _apply_structure(data: bytes, tagger: Tagger, title: str, language: str, pdfa: bool) -> bytes:
    pikepdf = pikepdf_module()

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        root_elem = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        parent_tree: dict[int, object] = {}
        page_arrays = {i: [None] * len(nodes) for i, nodes in tagger.page_nodes.items()}
        next_key = len(pages)

        def element(node: Node, parent_elem) -> object | None:
            nonlocal next_key
            if not node.has_content():
                return None
            elem = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + node.role), P=parent_elem))
            first_page = node.content[0][0] if node.content else None
            if first_page is not None:
                elem.Pg = pages[first_page].obj
            if node.alt:
                elem.Alt = pikepdf.String(node.alt)
            if node.actual_text:
                elem.ActualText = pikepdf.String(node.actual_text)
            if node.attributes:
                elem.A = pikepdf.Dictionary({f"/{k}": pikepdf.Name("/" + v) for k, v in node.attributes.items()})
            kids = []
            for page, mcid in node.content:
                page_arrays[page][mcid] = elem
                if page == first_page:
                    kids.append(mcid)
                else:
                    kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[page].obj, MCID=mcid))
            for page, index in node.annotations:
                annot = pages[page].obj.Annots[index]
                annot.StructParent = next_key
                if not str(annot.get("/Contents", "")).strip():
                    annot.Contents = pikepdf.String(link_description(annot))
                parent_tree[next_key] = elem
                next_key += 1
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=pages[page].obj))
                if not node.alt:
                    elem.Alt = pikepdf.String(str(annot.Contents))
            for kid in node.kids:
                kid_elem = element(kid, elem)
                if kid_elem is not None:
                    kids.append(kid_elem)
            # a single content item as plain MCID, as most writers do (and checkers expect)
            elem.K = kids[0] if len(kids) == 1 and isinstance(kids[0], int) else pikepdf.Array(kids)
            return elem

        document = element(tagger.root, root_elem)
        root_elem.K = pikepdf.Array([document] if document is not None else [])
        nums = []
        for i, page in enumerate(pages):
            page.obj.StructParents = i
            if "/Annots" in page.obj:
                page.obj.Tabs = pikepdf.Name.S
            if any(e is None for e in page_arrays.get(i, [])):  # pragma: no cover - every MCID has a node
                raise ValueError(f"untagged MCID on page {i + 1}")
            nums += [i, pikepdf.Array(page_arrays.get(i, []))]
        for key in sorted(parent_tree):
            nums += [key, parent_tree[key]]
        root_elem.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        root_elem.ParentTreeNextKey = next_key
        pdf.Root.StructTreeRoot = root_elem
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.Lang = pikepdf.String(language)
        prefs = pdf.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
        prefs.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = prefs
        if pdfa:
            prepare_pdfa(pdf, language)
        write_xmp(pdf, language, title=title, pdfua=True, pdfa=pdfa)
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=False)
        return out.getvalue()


def structure_outline(node: Node, depth: int = 0) -> list[str]:
    """The node tree as indented lines (for debugging and tests)."""
    lines = [("  " * depth) + node.role]
    for kid in node.kids:
        lines += structure_outline(kid, depth + 1)
    return lines


