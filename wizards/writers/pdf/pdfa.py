"""PDF/A-2b by post-processing the reportlab PDF with pikepdf."""
from __future__ import annotations

import io

from wizards.doctree import Document
from wizards.errors import ExportError

def _srgb_profile() -> bytes:
    """An sRGB ICC profile for the PDF/A output intent, made by LittleCMS (via Pillow)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_pdfa(data: bytes, document: Document) -> bytes:
    """Post-process a reportlab PDF into PDF/A-2b: output intent, XMP metadata, print flags.

    reportlab already embeds every font and writes no JavaScript or encryption; what PDF/A
    adds is an sRGB output intent, XMP metadata that matches the document info, and the
    print flag on annotations (links).
    """
    try:
        import pikepdf
    except ImportError as exc:
        raise ExportError("PDF/A ist in dieser Installation nicht verfügbar (pikepdf fehlt); bitte ohne PDF/A exportieren.") from exc
    meta = document.meta
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            icc = pdf.make_stream(_srgb_profile())
            icc.N = 3
            intent = pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                RegistryName=pikepdf.String("http://www.color.org"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=icc,
            )
            pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
            pdf.Root.Lang = pikepdf.String(meta.language or "de-DE")
            if "/Trapped" in pdf.docinfo:
                del pdf.docinfo["/Trapped"]  # no XMP equivalent in PDF/A-2
            for page in pdf.pages:
                if "/Trans" in page.obj:
                    del page.obj["/Trans"]  # reportlab's empty page transition
                for annot in page.get("/Annots", []):
                    annot.F = 4  # print, not hidden
            with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
                xmp.load_from_docinfo(pdf.docinfo)
                xmp["pdfaid:part"] = "2"
                xmp["pdfaid:conformance"] = "B"
                xmp["dc:language"] = [meta.language or "de-DE"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=False)
            return out.getvalue()
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"Das PDF konnte nicht als PDF/A gespeichert werden ({type(exc).__name__}: {exc}).") from exc

