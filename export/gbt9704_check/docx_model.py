"""Read any .docx into paragraphs with their effective formatting (style chains resolved).

Formatting is resolved the way Word does for the properties the standard speaks of:
docDefaults → paragraph style chain (basedOn) → direct paragraph formatting, and for runs
additionally → character style chain → direct run formatting. Theme fonts are looked up in
the theme part, so a file that leaves 仿宋 to the theme is judged by the font Word would use.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from models.errors import DocumentCheckError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TWIPS_PER_MM = 1440 / 25.4


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W_NS}}}{tag}"


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _on(el: etree._Element | None) -> bool | None:
    """An OOXML on/off property: absent → None, present → its w:val (default on)."""
    if el is None:
        return None
    return el.get(w("val"), "true") not in ("0", "false", "off", "none")


@dataclass(slots=True)
class RunProps:
    """The effective run properties the checks need."""

    east_asia: str | None = None
    ascii: str | None = None
    east_asia_theme: str | None = None
    ascii_theme: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    color: str | None = None
    spacing_twips: int | None = None  # character spacing (condensed < 0)

    def merged(self, rpr: etree._Element | None) -> RunProps:
        """A copy with the properties of one w:rPr applied on top."""
        out = RunProps(**{k: getattr(self, k) for k in self.__slots__})
        if rpr is None:
            return out
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            if fonts.get(w("eastAsia")) is not None:
                out.east_asia, out.east_asia_theme = fonts.get(w("eastAsia")), None
            elif fonts.get(w("eastAsiaTheme")) is not None:
                out.east_asia, out.east_asia_theme = None, fonts.get(w("eastAsiaTheme"))
            if fonts.get(w("ascii")) is not None:
                out.ascii, out.ascii_theme = fonts.get(w("ascii")), None
            elif fonts.get(w("asciiTheme")) is not None:
                out.ascii, out.ascii_theme = None, fonts.get(w("asciiTheme"))
        sz = rpr.find(w("sz"))
        size = _int(sz.get(w("val"))) if sz is not None else None
        if size is not None:
            out.size_pt = size / 2
        bold = _on(rpr.find(w("b")))
        if bold is not None:
            out.bold = bold
        color = rpr.find(w("color"))
        if color is not None and color.get(w("val")):
            out.color = color.get(w("val"))
        spacing = rpr.find(w("spacing"))
        if spacing is not None and _int(spacing.get(w("val"))) is not None:
            out.spacing_twips = _int(spacing.get(w("val")))
        return out


@dataclass(slots=True)
class ParaProps:
    """The effective paragraph properties the checks need (twips unless named)."""

    align: str | None = None
    first_line: int | None = None
    first_line_chars: int | None = None  # hundredths of a character
    hanging: int | None = None
    left: int | None = None
    right: int | None = None
    left_chars: int | None = None
    right_chars: int | None = None
    before: int | None = None
    after: int | None = None
    before_lines: int | None = None
    after_lines: int | None = None
    line: int | None = None
    line_rule: str | None = None
    keep_next: bool | None = None
    page_break_before: bool | None = None
    border_bottom_color: str | None = None
    border_top_color: str | None = None

    def merged(self, ppr: etree._Element | None) -> ParaProps:
        """A copy with the properties of one w:pPr applied on top."""
        out = ParaProps(**{k: getattr(self, k) for k in self.__slots__})
        if ppr is None:
            return out
        jc = ppr.find(w("jc"))
        if jc is not None:
            out.align = jc.get(w("val"))
        ind = ppr.find(w("ind"))
        if ind is not None:
            _set_ints(out, ind, _INDENT_ATTRS)
            if ind.get(w("hanging")) is not None:
                out.first_line = -(out.hanging or 0)
        sp = ppr.find(w("spacing"))
        if sp is not None:
            _set_ints(out, sp, _SPACING_ATTRS)
            if sp.get(w("lineRule")) is not None:
                out.line_rule = sp.get(w("lineRule"))
        for tag, name in (("keepNext", "keep_next"), ("pageBreakBefore", "page_break_before")):
            value = _on(ppr.find(w(tag)))
            if value is not None:
                setattr(out, name, value)
        borders = ppr.find(w("pBdr"))
        if borders is not None:
            for side, name in (("bottom", "border_bottom_color"), ("top", "border_top_color")):
                el = borders.find(w(side))
                if el is not None and el.get(w("val")) not in (None, "nil", "none"):
                    setattr(out, name, el.get(w("color")) or "auto")
        return out


# w:ind and w:spacing attributes → ParaProps fields (start/end are left/right in Word 2010+)
_INDENT_ATTRS = (
    ("firstLine", "first_line"),
    ("firstLineChars", "first_line_chars"),
    ("hanging", "hanging"),
    ("left", "left"),
    ("start", "left"),
    ("right", "right"),
    ("end", "right"),
    ("leftChars", "left_chars"),
    ("startChars", "left_chars"),
    ("rightChars", "right_chars"),
    ("endChars", "right_chars"),
)
_SPACING_ATTRS = (
    ("before", "before"),
    ("after", "after"),
    ("beforeLines", "before_lines"),
    ("afterLines", "after_lines"),
    ("line", "line"),
)


def _set_ints(out: ParaProps, el: etree._Element, attrs: tuple[tuple[str, str], ...]) -> None:
    for attr, name in attrs:
        value = _int(el.get(w(attr)))
        if value is not None:
            setattr(out, name, value)


@dataclass(slots=True)
class Segment:
    """Consecutive text with one set of run properties."""

    text: str
    props: RunProps


@dataclass(slots=True)
class Paragraph:
    """One paragraph: text (explicit line breaks as \\n), formatting, where it sits."""

    index: int
    text: str
    segments: list[Segment]
    props: ParaProps
    style_id: str | None
    in_table: bool
    page_break: bool  # holds a w:br type=page (or starts a new page)
    fields: list[str] = field(default_factory=list)  # instrText of complex/simple fields
    section_break: bool = False  # ends a section (the next one starts on a new page)

    def span_props(self, start: int, end: int) -> list[RunProps]:
        """Run properties of the non-space characters in text[start:end]."""
        out: list[RunProps] = []
        pos = 0
        for seg in self.segments:
            lo, hi = max(start, pos), min(end, pos + len(seg.text))
            if lo < hi and seg.text[lo - pos : hi - pos].strip():
                out.append(seg.props)
            pos += len(seg.text)
        return out


@dataclass(slots=True)
class Section:
    """Page geometry of one section (twips) and its footers."""

    width: int | None
    height: int | None
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    gutter: int
    footer: int | None
    grid_type: str | None
    line_pitch: int | None
    char_space: int | None
    title_page: bool
    footers: dict[str, list[Paragraph]]  # "default" / "even" / "first"


@dataclass(slots=True)
class DocxModel:
    """Everything the static rules read from one .docx."""

    paragraphs: list[Paragraph]
    sections: list[Section]
    even_odd_footers: bool
    default_run: RunProps
    normal_size_pt: float | None
    theme_fonts: dict[str, str]
    has_drawing_line_near_top: bool = False
    red_shapes: int = 0

    def font_name(self, props: RunProps, east_asia: bool = True) -> str | None:
        """The font a run uses for Chinese (or Latin) text, theme fonts resolved."""
        name, theme = (
            (props.east_asia, props.east_asia_theme)
            if east_asia
            else (props.ascii, props.ascii_theme)
        )
        if name:
            return name
        if theme:
            return self.theme_fonts.get(theme, f"theme:{theme}")
        return None


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_rpr = RunProps()
        self.default_ppr = ParaProps()
        if root is None:
            return
        dd = root.find(w("docDefaults"))
        if dd is not None:
            self.default_rpr = RunProps().merged(dd.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.default_ppr = ParaProps().merged(dd.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for st in root.findall(w("style")):
            sid = st.get(w("styleId"))
            if sid:
                self.by_id[sid] = st
                if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true"):
                    self.default_para = sid

    def chain(self, sid: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, root first (cycles cut)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            based = st.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        return list(reversed(out))


def _theme_fonts(package_zip: zipfile.ZipFile) -> dict[str, str]:
    names = [n for n in package_zip.namelist() if re.fullmatch(r"word/theme/theme\d*\.xml", n)]
    if not names:
        return {}
    root = etree.fromstring(package_zip.read(names[0]), _PARSER)
    out: dict[str, str] = {}
    for kind in ("major", "minor"):
        font = root.find(f".//{{{A_NS}}}{kind}Font")
        if font is None:
            continue
        latin = font.find(f"{{{A_NS}}}latin")
        ea = font.find(f"{{{A_NS}}}ea")
        hans = [f for f in font.findall(f"{{{A_NS}}}font") if f.get("script") == "Hans"]
        ea_name = (ea.get("typeface") if ea is not None else "") or (
            hans[0].get("typeface") if hans else ""
        )
        out[f"{kind}HAnsi"] = latin.get("typeface", "") if latin is not None else ""
        out[f"{kind}Ascii"] = out[f"{kind}HAnsi"]
        out[f"{kind}EastAsia"] = ea_name or f"theme:{kind}EastAsia"
    return out


# No network, no entities: a hostile file cannot reach out or blow up.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PARAGRAPHS = 200_000


def _read_part(package_zip: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = package_zip.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocumentCheckError(detail=f"{name} is {info.file_size} bytes")
    return etree.fromstring(package_zip.read(name), _PARSER)


def _rels(package_zip: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, _, base = part.rpartition("/")
    root = _read_part(package_zip, f"{folder}/_rels/{base}.rels")
    if root is None:
        return {}
    out = {}
    for rel in root:
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = target if target.startswith("/") else f"{folder}/{target}"
    return {k: v.lstrip("/") for k, v in out.items()}


def _main_part(package_zip: zipfile.ZipFile) -> str:
    root = _read_part(package_zip, "_rels/.rels")
    if root is not None:
        for rel in root:
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def _run_text(run: etree._Element, fields: list[str]) -> tuple[list[str], bool]:
    """The text pieces of a run (tabs and line breaks as characters), field codes appended
    to ``fields``, and whether the run breaks the page."""
    text: list[str] = []
    page_break = False
    for child in run:
        if child.tag == w("t"):
            text.append(child.text or "")
        elif child.tag == w("tab"):
            text.append("\t")
        elif child.tag == w("br"):
            if child.get(w("type")) == "page":
                page_break = True
            else:
                text.append("\n")
        elif child.tag == w("cr"):
            text.append("\n")
        elif child.tag == w("instrText"):
            fields.append(child.text or "")
    return text, page_break


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles

    def para_base(self, p: etree._Element) -> tuple[str | None, ParaProps, RunProps]:
        ppr = p.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        sid = style.get(w("val")) if style is not None else self.styles.default_para
        props = self.styles.default_ppr
        rprops = self.styles.default_rpr
        for st in self.styles.chain(sid):
            props = props.merged(st.find(w("pPr")))
            rprops = rprops.merged(st.find(w("rPr")))
        return sid, props.merged(ppr), rprops

    def paragraph(self, p: etree._Element, index: int, in_table: bool) -> Paragraph:
        sid, props, base_rpr = self.para_base(p)
        segments: list[Segment] = []
        fields: list[str] = []
        page_break = bool(props.page_break_before)
        for el in p.iter(w("r"), w("fldSimple")):
            if el.tag == w("fldSimple"):
                fields.append(el.get(w("instr"), ""))
                continue
            if any(a.tag in (w("del"), w("txbxContent")) for a in el.iterancestors()):
                continue
            text, breaks = _run_text(el, fields)
            page_break = page_break or breaks
            if text:
                segments.append(Segment("".join(text), self.run_props(el, base_rpr)))
        ppr = p.find(w("pPr"))
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        continuous = sect is not None and any(
            t.get(w("val")) == "continuous" for t in sect.findall(w("type"))
        )
        return Paragraph(
            index=index,
            text="".join(s.text for s in segments),
            segments=segments,
            props=props,
            style_id=sid,
            in_table=in_table,
            page_break=page_break,
            fields=fields,
            section_break=sect is not None and not continuous,
        )

    def run_props(self, run: etree._Element, base: RunProps) -> RunProps:
        """A run's properties: the paragraph's, then its character style's, then its own."""
        rpr = run.find(w("rPr"))
        rprops = base
        cstyle = rpr.find(w("rStyle")) if rpr is not None else None
        if cstyle is not None:
            for st in self.styles.chain(cstyle.get(w("val"))):
                rprops = rprops.merged(st.find(w("rPr")))
        return rprops.merged(rpr)

    def body(self, body: etree._Element) -> list[Paragraph]:
        out: list[Paragraph] = []

        def walk(parent: etree._Element, in_table: bool) -> None:
            for child in parent:
                if len(out) > MAX_PARAGRAPHS:
                    raise DocumentCheckError(detail=f"more than {MAX_PARAGRAPHS} paragraphs")
                if child.tag == w("p"):
                    out.append(self.paragraph(child, len(out), in_table))
                elif child.tag == w("tbl"):
                    for cell in child.iter(w("tc")):
                        for p in cell.findall(w("p")):
                            out.append(self.paragraph(p, len(out), True))
                elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
                    walk(child, in_table)

        walk(body, False)
        return out


def _section(
    sect: etree._Element, footers: dict[str, list[Paragraph]], title_page: bool
) -> Section:
    def attr(tag: str, name: str) -> int | None:
        el = sect.find(w(tag))
        return _int(el.get(w(name))) if el is not None else None

    grid = sect.find(w("docGrid"))
    return Section(
        width=attr("pgSz", "w"),
        height=attr("pgSz", "h"),
        top=attr("pgMar", "top"),
        bottom=attr("pgMar", "bottom"),
        left=attr("pgMar", "left"),
        right=attr("pgMar", "right"),
        gutter=attr("pgMar", "gutter") or 0,
        footer=attr("pgMar", "footer"),
        grid_type=grid.get(w("type")) if grid is not None else None,
        line_pitch=_int(grid.get(w("linePitch"))) if grid is not None else None,
        char_space=_int(grid.get(w("charSpace"))) if grid is not None else None,
        title_page=title_page,
        footers=footers,
    )


def read_docx(path: Path) -> DocxModel:
    """Read a .docx for checking.

    Raises:
        DocumentCheckError: the file is not a readable .docx (one line for the user).
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as package_zip:
            return _read(package_zip)
    except DocumentCheckError:
        raise
    except FileNotFoundError as exc:
        raise DocumentCheckError("找不到要检查的文件。", detail=str(path)) from exc
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, KeyError, ValueError) as exc:
        raise DocumentCheckError(detail=f"{path.name}: {exc}") from exc


def _read(package_zip: zipfile.ZipFile) -> DocxModel:
    main = _main_part(package_zip)
    document = _read_part(package_zip, main)
    if document is None or document.find(w("body")) is None:
        raise DocumentCheckError(detail=f"no {main}")
    folder = main.rpartition("/")[0]
    styles = _Styles(_read_part(package_zip, f"{folder}/styles.xml"))
    settings = _read_part(package_zip, f"{folder}/settings.xml")
    reader = _Reader(styles)
    body = document.find(w("body"))
    paragraphs = reader.body(body)
    sections = _sections(package_zip, main, body, reader)
    even_odd = settings is not None and bool(_on(settings.find(w("evenAndOddHeaders"))))
    normal = styles.by_id.get(styles.default_para or "")
    normal_rpr = styles.default_rpr
    if normal is not None:
        normal_rpr = normal_rpr.merged(normal.find(w("rPr")))
    return DocxModel(
        paragraphs=paragraphs,
        sections=sections,
        even_odd_footers=even_odd,
        default_run=styles.default_rpr,
        normal_size_pt=normal_rpr.size_pt,
        theme_fonts=_theme_fonts(package_zip),
        red_shapes=_red_shapes(body),
    )


def _sections(
    package_zip: zipfile.ZipFile, main: str, body: etree._Element, reader: _Reader
) -> list[Section]:
    """The sections in order, each with its footers (a section without its own footer
    inherits the previous one's)."""
    rels = _rels(package_zip, main)
    sections = []
    sect_elements = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
    sect_elements = [s for s in sect_elements if s is not None]
    final = body.find(w("sectPr"))
    if final is not None:
        sect_elements.append(final)
    inherited: dict[str, list[Paragraph]] = {}
    for sect in sect_elements:
        footers = dict(inherited)
        for ref in sect.findall(w("footerReference")):
            target = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            root = _read_part(package_zip, target) if target else None
            if root is not None:
                footers[ref.get(w("type"), "default")] = [
                    reader.paragraph(p, i, False) for i, p in enumerate(root.iter(w("p")))
                ]
        inherited = footers
        sections.append(_section(sect, footers, _on(sect.find(w("titlePg"))) or False))
    return sections


def _red_shapes(body: etree._Element) -> int:
    """Red borders (paragraph, cell, table) and red drawn lines in the body."""
    red_shapes = 0
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        if parent is not None and parent.tag in (w("pBdr"), w("tcBorders"), w("tblBorders")):
            red_shapes += _red_hex(el.get(w("color")))
        elif el.tag.endswith("}srgbClr"):
            red_shapes += _red_hex(el.get("val"))
        elif el.get("strokecolor") is not None:  # VML line
            red_shapes += _red_hex(el.get("strokecolor", "").lstrip("#"))
    return red_shapes


def _red_hex(color: str | None) -> bool:
    """A hex colour that reads as red (strong red, little green and blue)."""
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = (int(color[k : k + 2], 16) for k in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xC0 and g <= 0x40 and b <= 0x40


def attrs_of(obj: Any) -> dict[str, Any]:
    """The fields of a slots dataclass as a dict (for --json details and tests)."""
    return {k: getattr(obj, k) for k in obj.__slots__}
