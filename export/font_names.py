"""Which font names a .docx names: the official ones of GB/T 9704 or those a stock
Windows has (a setting of the window, stated where the file is saved).

仿宋_GB2312 and 楷体_GB2312 are not installed on current Windows, which ships 仿宋 and
楷体; 方正小标宋简体 is commercial. Offices that have the official fonts want those names
(their printers and checkers expect them); an office without them gets a document that
looks the same on every PC with the Windows names.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

OFFICIAL = "official"
WINDOWS = "windows"
# official name -> (Windows name, what Word substitutes when even that is missing)
WINDOWS_NAMES = {
    "仿宋_GB2312": ("仿宋", "FangSong"),
    "楷体_GB2312": ("楷体", "KaiTi"),
    "方正小标宋简体": ("华文中宋", "宋体"),
}
_FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs")
_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"


def apply_font_names(doc: DocxDocument, choice: str = OFFICIAL) -> None:
    """Rename the official fonts to the Windows ones (``choice`` WINDOWS) everywhere:
    styles, runs, headers/footers and word/fontTable.xml."""
    if choice != WINDOWS:
        return
    roots = [doc.styles.element, doc.element]
    for section in doc.sections:
        for header_footer in (section.footer, section.even_page_footer, section.header):
            if not header_footer.is_linked_to_previous:
                roots.append(header_footer._element)
    for root in roots:
        for rfonts in root.iter(qn("w:rFonts")):
            for attr in _FONT_ATTRS:
                name = rfonts.get(qn("w:" + attr))
                if name in WINDOWS_NAMES:
                    rfonts.set(qn("w:" + attr), WINDOWS_NAMES[name][0])
    try:
        part = doc.part.part_related_by(_FONT_TABLE)
    except KeyError:
        return
    table = etree.fromstring(part.blob)
    for font in table.findall(qn("w:font")):
        name = font.get(qn("w:name"))
        if name in WINDOWS_NAMES:
            new, alt = WINDOWS_NAMES[name]
            font.set(qn("w:name"), new)
            alt_el = font.find(qn("w:altName"))
            if alt_el is not None:
                alt_el.set(qn("w:val"), alt)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
