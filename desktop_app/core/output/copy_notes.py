"""Cell notes in a workbook copy: the comments part and its VML drawing (workbook_copy.py).

Excel shows a note only when both are there: the comments part holds the text, the
legacy (VML) drawing the box it is shown in. A sheet's existing notes are kept as
written; a note for a cell that has one already is put before the sender's text in
the same note. The VML is edited as text: Excel's own is not well-formed XML.
"""

from __future__ import annotations

import re

from desktop_app.core.model.a1 import col_letter, parse_a1
from desktop_app.core.output.copy_parts import attrs, block, items, prefix_of
from desktop_app.core.output.xlsx_parts import MAIN_NS, XML_HEAD, xml_attr, xml_text

AUTHOR = "Template Checker"
SHAPES_PER_BLOCK = 1023  # VML shape ids come in blocks of 1024 per o:idmap number
_RUN_LOOK = '<rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>'
_SHAPE_ID = re.compile(r'id="_x0000_s(\d+)"')
_IDMAP = re.compile(r"(<o:idmap\b[^>]*?\bdata\s*=\s*\")([^\"]*)(\")")


def vml_blocks(vml: bytes) -> list[int]:
    """The o:idmap block numbers a VML drawing uses."""
    m = _IDMAP.search(vml.decode("latin-1"))
    return [int(x) for x in re.findall(r"\d+", m.group(2))] if m else []


def _run(text: str, p: str) -> str:
    space = ' xml:space="preserve"'
    look = _RUN_LOOK.replace("<", "<" + p).replace("<" + p + "/", "</" + p)
    return f"<{p}r>{look}<{p}t{space}>{xml_text(text)}</{p}t></{p}r>"


def comments_part(existing: bytes | None, notes: dict[tuple[int, int], str]) -> tuple[bytes, set]:
    """(the comments part with notes added or merged, the cells that had no note yet).

    notes: (row, column), both 1-based -> text."""
    text = (existing or (
        f'{XML_HEAD}<comments xmlns="{MAIN_NS}"><authors></authors><commentList>'
        "</commentList></comments>"
    ).encode()).decode("utf-8")  # fmt: skip
    p = prefix_of(text, "comments")
    authors = block(text, p, "authors")
    names = items(authors.group(2) if authors else "", p, "author")
    mine = f"<{p}author>{xml_text(AUTHOR)}</{p}author>"
    if mine in names:
        author = names.index(mine)
    else:
        author = len(names)
        start = f"<{p}authors>" if authors is None else authors.group(0).split(">", 1)[0] + ">"
        start = start.replace("/>", ">") if start.endswith("/>") else start
        new_authors = f"{start}{''.join(names)}{mine}</{p}authors>"
        if authors is not None:
            text = text[: authors.start()] + new_authors + text[authors.end() :]
        else:
            root = re.search(r"<" + re.escape(p) + r"comments(?=[\s>])[^>]*>", text)
            text = text[: root.end()] + new_authors + text[root.end() :]
    todo = dict(notes)

    def merge(m: re.Match) -> str:
        ref = attrs(m.group(1)).get("ref", "")
        try:
            key = parse_a1(ref)
        except ValueError:
            return m.group(0)
        note = todo.pop((key[0], key[1] + 1), None)
        if note is None or m.group(2) is None:
            return m.group(0)
        body = m.group(2)
        t = re.match(r"(\s*<" + re.escape(p) + r"text(?:\s[^>]*)?>)(.*)$", body, re.S)
        if t is None:
            return m.group(0)
        inner = t.group(2)
        plain = re.match(
            r"\s*(<" + re.escape(p) + r"t(?=[\s>/])(?:[^>]*/>|.*?</" + re.escape(p) + r"t>))",
            inner,
            re.S,
        )
        if plain:  # text without runs: made a run, so that ours can go before it
            inner = (
                inner[: plain.start(1)] + f"<{p}r>{plain.group(1)}</{p}r>" + inner[plain.end(1) :]
            )
        return f"<{p}comment{m.group(1)}>{t.group(1)}{_run(note + chr(10) + chr(10), p)}{inner}</{p}comment>"

    comment = re.compile(
        r"<"
        + re.escape(p)
        + r"comment(?=[\s>/])([^>]*?)(?:/>|>(.*?)</"
        + re.escape(p)
        + r"comment>)",
        re.S,
    )
    text = comment.sub(merge, text)
    new = sorted(todo, key=lambda k: (k[0], k[1]))
    added = "".join(
        f'<{p}comment ref="{col_letter(c - 1)}{r}" authorId="{author}">'
        f"<{p}text>{_run(todo[(r, c)], p)}</{p}text></{p}comment>"
        for r, c in new
    )
    lst = block(text, p, "commentList")
    if lst is None or lst.group(2) is None:
        new_list = f"<{p}commentList>{added}</{p}commentList>"
        if lst is not None:
            text = text[: lst.start()] + new_list + text[lst.end() :]
        else:
            at = text.rindex(f"</{p}comments")
            text = text[:at] + new_list + text[at:]
    else:
        at = text.rindex("</", 0, lst.end())
        text = text[:at] + added + text[at:]
    return text.encode("utf-8"), set(new)


_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def _shape(shape_id: int, row: int, col: int, text: str, z: int) -> str:
    """A note's box beside cell (row, col), both 1-based, tall enough for text."""
    lines = sum(1 + len(line) // 45 for line in text.split("\n"))
    height = max(4, min(lines, 30))
    top = max(row - 2, 0)
    anchor = f"{col}, 15, {top}, 10, {col + 3}, 15, {top + height}, 4"
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:{col * 48 + 11}pt;margin-top:{top * 15 + 7.5}pt;width:192pt;"
        f'height:{height * 15}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" '
        'obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
        f"<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor>"
        f"<x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column>"
        "</x:ClientData></v:shape>"
    )


def vml_part(existing: bytes | None, notes: dict[tuple[int, int], str], first_block: int) -> bytes:
    """The VML drawing with a box for each of notes (cells that had no note yet).

    first_block: the first o:idmap number no drawing of the workbook uses."""
    text = (existing or (
        b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
        b'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        b'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data=""/></o:shapelayout></xml>'
    )).decode("latin-1")  # fmt: skip
    if not notes:
        return text.encode("latin-1")
    count = len(notes)
    blocks = [first_block + i for i in range(-(-count // SHAPES_PER_BLOCK))]
    m = _IDMAP.search(text)
    if m is not None:
        data = ",".join([x for x in m.group(2).split(",") if x.strip()] + [str(b) for b in blocks])
        text = text[: m.start(2)] + data + text[m.end(2) :]
    else:
        layout = f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{",".join(map(str, blocks))}"/></o:shapelayout>'
        root = re.search(r"<xml(?=[\s>])[^>]*>", text)
        text = text[: root.end()] + layout + text[root.end() :]
    shapes = [] if 'id="_x0000_t202"' in text else [_SHAPETYPE]
    z = len(_SHAPE_ID.findall(text))
    for i, (row, col) in enumerate(sorted(notes)):
        shape_id = blocks[i // SHAPES_PER_BLOCK] * 1024 + 1 + i % SHAPES_PER_BLOCK
        shapes.append(_shape(shape_id, row, col, notes[(row, col)], z + i + 1))
    at = text.rindex("</xml>")
    return (text[:at] + "".join(shapes) + text[at:]).encode("latin-1")


def legacy_drawing_element(prefix: bytes, rel_prefix: str | None, rid: str) -> bytes:
    """<legacyDrawing r:id=.../> for a sheet (rel_prefix: the sheet's prefix of the
    relationships namespace, None when it declares none)."""
    if rel_prefix is None:
        ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        return b"<" + prefix + f'legacyDrawing {ns}r:id="{xml_attr(rid)}"/>'.encode()
    return b"<" + prefix + f'legacyDrawing {rel_prefix}id="{xml_attr(rid)}"/>'.encode()
