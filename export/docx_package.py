"""The parts of a .docx around the text, as Word and WPS expect them (ECMA-376).

python-docx starts from a template of 2013: compatibility mode 14 (Word shows
[兼容模式]), theme fonts (Calibri/MS 明朝; WPS asks for the missing fonts), a blank
thumbnail, "python-docx" as author and 2013 as date, and "Microsoft Macintosh Word" as
application. ``finish_package`` replaces all of that before a document is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from export import ooxml
from models import clock

COMPATIBILITY_MODE = "15"  # Word 2013 and later
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def export_time() -> dt.datetime:
    """The document's dates: today from models/clock.py, at the current time of day."""
    return dt.datetime.combine(clock.today(), dt.datetime.now().time().replace(microsecond=0))


def finish_package(doc: DocxDocument, *, author: str, title: str) -> None:
    """Compatibility mode 15, no theme fonts, no thumbnail, real properties."""
    _compatibility_mode(doc)
    _drop_theme_fonts(doc)
    _drop_parts(doc)
    when = export_time()
    props = doc.core_properties
    props.author = props.last_modified_by = author or "PlanDesk"
    props.title = title
    props.comments = props.keywords = props.subject = props.category = ""
    props.created = props.modified = when
    props.revision = 1
    _app_properties(doc, author)


def _compatibility_mode(doc: DocxDocument) -> None:
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = etree.SubElement(settings, qn("w:compat"))
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
            return
    ooxml.set_attrs(
        etree.SubElement(compat, qn("w:compatSetting")),
        name="compatibilityMode",
        uri="http://schemas.microsoft.com/office/word",
        val=COMPATIBILITY_MODE,
    )


def _drop_theme_fonts(doc: DocxDocument) -> None:
    """No style names a theme font; the theme part itself goes with _drop_parts."""
    for rfonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn("w:" + attr), None)


def _drop_parts(doc: DocxDocument) -> None:
    """The template's Word 2010 style copy and its blank thumbnail; the theme part stays
    (the schema requires it) without its per-script fonts (MS 明朝 … that WPS asks for)."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
        elif rel.reltype == _RT + "theme":
            _strip_theme_fonts(rel.target_part)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == _PKG_RT + "thumbnail":
            del package_rels[rid]


_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _strip_theme_fonts(part: Any) -> None:
    """Remove the theme's per-script font list and empty its East Asian font names."""
    root = etree.fromstring(part.blob)
    for font in list(root.iter(f"{{{_DRAWING_NS}}}font")):
        font.getparent().remove(font)
    for ea in root.iter(f"{{{_DRAWING_NS}}}ea"):
        ea.set("typeface", "")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _app_properties(doc: DocxDocument, company: str) -> None:
    rels = doc.part.package.rels
    rel = next((r for r in rels.values() if r.reltype == _RT + "extended-properties"), None)
    if rel is None:
        return
    root = etree.Element(f"{{{_APP_NS}}}Properties", nsmap={None: _APP_NS})
    for tag, text in (
        ("Template", "Normal.dotm"),
        ("Application", "PlanDesk"),
        ("DocSecurity", "0"),
        ("Company", company or ""),
        ("AppVersion", "16.0000"),
    ):
        etree.SubElement(root, f"{{{_APP_NS}}}{tag}").text = text
    rel.target_part._blob = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
