"""Markdown (CommonMark, raw HTML off) as ReportLab flowables in the shared styles.

A charter's text is Markdown written by a coordinator, with values typed by anyone: every
piece of text is XML-escaped before it reaches ReportLab's paragraph mini-markup, so a name
like `Dupont & <b>Fils</b> {{7*7}}` (backslash-escaped by store.charter_template) prints as
typed and never as bold. Only what CommonMark itself means turns into markup: headings,
paragraphs, **strong**, *emphasis*, lists, quotes, hard breaks and rules.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Indenter, Paragraph, Spacer

from comite.exports.french import french_spaces
from comite.exports.pdf import fallback
from comite.exports.pdf.document import RULE, styles
from comite.store.charter_template import escape_value

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LIST_INDENT = 6 * mm
QUOTE_INDENT = 4 * mm
LIST_AFTER = 3
ROOM_UNDER_A_HEADING = 2 * 15 + 12  # two lines of text, and the spaces around the heading
BULLETS = ("•", "–", "◦")


class Heading(Paragraph):
    """A heading paragraph that knows its level, so a document can find where sections start,
    and never ends a page: without room for two lines under it, it moves to the next.

    (ReportLab's keepWithNext does that too, but measures every heading with what follows
    twice: a charter took a fifth longer to set. A CondPageBreak before each heading cost
    a flowable more each.)
    """

    def __init__(self, text: str, style: ParagraphStyle, level: int = 2,
                 frags: list | None = None, **kwargs: object) -> None:
        # ReportLab's split makes the pieces of a too-long heading as Heading(None, style, …).
        super().__init__(text, style, frags=frags, **kwargs)
        self.level = level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = super().wrap(available_width, available_height)
        frame = getattr(self, "_frame", None)
        if height + ROOM_UNDER_A_HEADING > available_height and not getattr(frame, "_atTop", True):
            # More than there is: the frame finds it does not fit, `split` gives nothing,
            # and the document carries the heading over to the next page.
            return width, available_height + 1
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if not getattr(frame, "_atTop", True):
            return []
        pieces = super().split(available_width, available_height)
        for piece in pieces:
            piece.level = self.level
        return pieces


def flowables(text: str) -> list[Flowable]:
    """The flowables of a Markdown text, in the order they print."""
    return _Builder().build(_parser().parse(text))


def filled_flowables(body: str, values: Mapping[str, str], filled: str) -> list[Flowable]:
    """The flowables of `filled`, which the template `body` gave with `values`.

    The same as `flowables(filled)`, for less: a batch fills one body for many people, so
    the body's blocks are parsed once, with a mark where each value goes, and only the lines
    that hold values are parsed again for each person. When `filled` is not simply the body
    with its `{{ name }}` replaced by the escaped values, or when a value could change the
    blocks (one starting a line with a digit, as in « 12. »), the whole text is parsed.
    """
    skeleton = _skeleton(body)
    if skeleton is None or not skeleton.fits(values, filled):
        return flowables(filled)
    return _Builder(skeleton.markups).build(skeleton.tokens_for(values))


def inline_markup(token: "Token") -> str:
    """One inline token (a paragraph's or a heading's content) as ReportLab paragraph markup."""
    parts: list[str] = []
    href_stack: list[tuple[str, int]] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "text_special", "html_inline"):
            parts.append(_text(child.content))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("<br/>")
        elif kind in _TAGS:
            parts.append(_TAGS[kind])
        elif kind == "code_inline":
            parts.append(_text(child.content))
        elif kind == "image":
            parts.append(_text("".join(c.content for c in child.children or () if c.content)))
        elif kind == "link_open":
            href_stack.append((str(child.attrs.get("href", "")), len(parts)))
        elif kind == "link_close" and href_stack:
            # On paper a link is only useful if its address can be read.
            href, start = href_stack.pop()
            label = "".join(parts[start:])
            shown = href.removeprefix("mailto:")
            if shown and _text(shown) != label:
                parts.append(f" ({_text(shown)})")
    return "".join(parts)


_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>"}


def _text(content: str) -> str:
    """Plain text for the paragraph markup: French no-break spaces, then every `& < >` escaped
    and what DejaVu lacks put in the fallback font."""
    return fallback.escaped(french_spaces(content))


@cache
def _parser() -> "MarkdownIt":
    from markdown_it import MarkdownIt

    # No raw HTML: a `<b>` typed in a template prints as typed, like any other text.
    return MarkdownIt("commonmark", {"html": False})


@dataclass(slots=True)
class _List:
    ordered: bool
    number: int


class _Builder:
    """Walks the block tokens once, keeping the open lists and quotes on stacks."""

    def __init__(self, markups: Mapping[int, str] | None = None) -> None:
        self._markups = markups or {}  # id(inline token) → its markup, already made
        self._out: list[list[Flowable]] = [[]]  # one level per open quote
        self._lists: list[_List] = []
        self._bullet: str | None = None  # the marker the next paragraph of a list item carries

    def build(self, tokens: list["Token"]) -> list[Flowable]:
        stream = iter(tokens)
        for token in stream:
            self._block(token, stream)
        return self._out[0]

    def _emit(self, flowable: Flowable) -> None:
        self._out[-1].append(flowable)

    def _block(self, token: "Token", stream: Iterator["Token"]) -> None:
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:])
            content = next(stream)
            markup, style = self._inline(content), _heading_style(level)
            self._emit(Heading(markup, style, level, self._frags(content, markup, style)))
        elif kind == "paragraph_open":
            content = next(stream)
            self._paragraph(self._inline(content), content)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1)
            self._lists.append(_List(kind == "ordered_list_open", int(start) if start else 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self._lists.pop()
            if not self._lists:  # the text after a list stands apart from its last item
                self._emit(Spacer(1, LIST_AFTER))
        elif kind == "list_item_open":
            current = self._lists[-1]
            if current.ordered:
                self._bullet = f"{current.number}."
                current.number += 1
            else:
                self._bullet = BULLETS[(len(self._lists) - 1) % len(BULLETS)]
        elif kind == "list_item_close":
            self._bullet = None
        elif kind == "blockquote_open":
            self._out.append([])
        elif kind == "blockquote_close":
            self._emit_quote(self._out.pop())
        elif kind == "hr":
            self._emit(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4,
                                  spaceAfter=6))
        elif kind in ("code_block", "fence", "html_block"):
            lines = token.content.rstrip("\n").split("\n")
            self._paragraph("<br/>".join(_text(line) for line in lines), token)

    def _inline(self, token: "Token") -> str:
        known = self._markups.get(id(token))
        return inline_markup(token) if known is None else known

    def _frags(self, token: "Token", markup: str, style: ParagraphStyle) -> list | None:
        """The paragraph's parsed runs, when its text is the template's own and was set
        before (ReportLab parses each paragraph's markup: a fifth of a charter's cost)."""
        if id(token) not in self._markups:
            return None
        return list(_parsed_frags(markup, style))

    def _paragraph(self, markup: str, token: "Token") -> None:
        depth = len(self._lists)
        bullet, self._bullet = self._bullet, None
        style = _list_style(depth) if depth else _body_style()
        # A later paragraph of a list item has no bullet: it aligns with the item's text.
        self._emit(Paragraph(markup, style, bulletText=bullet if depth else None,
                             frags=self._frags(token, markup, style)))

    def _emit_quote(self, content: list[Flowable]) -> None:
        # Indented, not boxed in a table: a table cell splits a long quote row by row, which
        # a long enough quote in a template turned into minutes of layout.
        if content:
            self._emit(Indenter(left=QUOTE_INDENT))
            for flowable in content:
                self._emit(flowable)
            self._emit(Indenter(left=-QUOTE_INDENT))


@lru_cache(maxsize=1024)
def _parsed_frags(markup: str, style: ParagraphStyle) -> tuple:
    """ReportLab's parse of a paragraph's markup in a style. Layout only reads the runs (it
    clones those it cuts), so many documents can share them."""
    return tuple(Paragraph(markup, style).frags)


@lru_cache(maxsize=8)
def _heading_style(level: int) -> ParagraphStyle:
    s = styles()
    if level == 1:
        return ParagraphStyle("md_h1", parent=s.title, spaceAfter=4)
    if level == 2:
        return ParagraphStyle("md_h2", parent=s.heading, spaceBefore=8)
    return ParagraphStyle(f"md_h{level}", parent=s.heading, fontSize=11, leading=15, spaceBefore=4,
                          spaceAfter=2)


@cache
def _body_style() -> ParagraphStyle:
    # Never one line of a paragraph alone at the foot or the head of a page.
    return ParagraphStyle("md_body", parent=styles().body, allowWidows=0, allowOrphans=0)


@lru_cache(maxsize=8)
def _list_style(depth: int) -> ParagraphStyle:
    base = styles().bullet
    return ParagraphStyle(f"md_list_{depth}", parent=base, leftIndent=base.leftIndent * depth,
                          bulletIndent=base.bulletIndent + LIST_INDENT * (depth - 1),
                          allowWidows=0, allowOrphans=0)


# ---- a template's blocks, parsed once ----------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Before a value, what may begin a line's blocks: indentation, quote and list markers, a
# heading's hashes. A value there starting with a digit could make « 12. » a list.
_LINE_START = re.compile(r"[ \t>*+\-#0-9.)]*")
# Private-use characters: text to CommonMark, never typed by anyone, never escaped. A mark
# is « open, the value's number as one character, close ».
_MARK_OPEN, _MARK_CLOSE, _MARK_FIRST, _MARK_LAST = "\ue000", "\ue001", 0xE100, 0xF8FF
_MARKED = re.compile(f"{_MARK_OPEN}(.){_MARK_CLOSE}")
_BLOCKS_WITH_TEXT = ("code_block", "fence")


def _mark(index: int) -> str:
    return f"{_MARK_OPEN}{chr(_MARK_FIRST + index)}{_MARK_CLOSE}"


@dataclass(slots=True)
class _Skeleton:
    """A body parsed with a mark for each value; the inline tokens without marks are parsed
    once and for all, with their markup."""

    names: list[str]  # the value each mark stands for, by mark number
    at_line_start: frozenset[int]  # marks that begin a line's text
    source: str  # the body with its marks
    tokens: list["Token"]
    env: dict
    markups: dict[int, str]  # id(inline token without marks) → its markup
    marked: frozenset[int]  # indexes of the tokens holding marks

    def fits(self, values: Mapping[str, str], filled: str) -> bool:
        """Whether `filled` is this body with these values, parsed into the same blocks."""
        escaped = self._escaped(values)
        if escaped is None:
            return False
        for index in self.at_line_start:
            if not escaped[index] or escaped[index][0].isdigit():
                return False
        return self._fill(self.source, escaped) == filled

    def tokens_for(self, values: Mapping[str, str]) -> list["Token"]:
        from markdown_it.rules_core.state_core import StateCore
        from markdown_it.rules_core.text_join import text_join

        escaped = self._escaped(values) or []
        md = _parser()
        tokens = list(self.tokens)
        for index in self.marked:
            token = tokens[index]
            content = self._fill(token.content, escaped)
            if token.type == "inline":
                children: list[Token] = []
                md.inline.parse(content, md, self.env, children)
                tokens[index] = token.copy(content=content, children=children)
            else:
                tokens[index] = token.copy(content=content)
        text_join(StateCore("", md, self.env, [tokens[i] for i in self.marked]))
        return tokens

    def _escaped(self, values: Mapping[str, str]) -> list[str] | None:
        try:
            escaped = [escape_value(values[name]) for name in self.names]
        except KeyError:
            return None
        # CommonMark turns NUL into U+FFFD before parsing: the whole parse would see it.
        return None if any("\0" in value for value in escaped) else escaped

    @staticmethod
    def _fill(text: str, escaped: list[str]) -> str:
        if _MARK_OPEN not in text:
            return text
        return _MARKED.sub(lambda found: escaped[ord(found.group(1)) - _MARK_FIRST], text)


@lru_cache(maxsize=16)
def _skeleton(body: str) -> _Skeleton | None:
    """The body's blocks; None when a value's place cannot be followed through the parse
    (a mark swallowed by a link reference definition, say)."""
    if _MARK_OPEN in body or _MARK_CLOSE in body:
        return None
    names: list[str] = []
    at_line_start: set[int] = set()

    def mark(found: re.Match) -> str:
        line = body[body.rfind("\n", 0, found.start()) + 1:found.start()]
        if _LINE_START.fullmatch(line):
            at_line_start.add(len(names))
        names.append(found.group(1))
        return _mark(len(names) - 1)

    source = _PLACEHOLDER.sub(mark, body)
    if _MARK_FIRST + len(names) > _MARK_LAST:
        return None
    env: dict = {}
    tokens = _parser().parse(source, env)
    marked = frozenset(i for i, token in enumerate(tokens)
                       if token.type in ("inline", *_BLOCKS_WITH_TEXT) and _MARK_OPEN in token.content)
    if sum(tokens[i].content.count(_MARK_OPEN) for i in marked) != len(names):
        return None
    markups = {id(token): inline_markup(token) for i, token in enumerate(tokens)
               if token.type == "inline" and i not in marked}
    return _Skeleton(names, frozenset(at_line_start), source, tokens, env, markups, marked)
