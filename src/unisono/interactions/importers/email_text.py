"""The new text of an e-mail: its body decoded, without quoted history and signatures.

What a person wrote is what the audit checks. The earlier messages a reply quotes, the reply
header above them, the signature after ``-- `` and mobile footers ("Envoyé de mon iPhone") are
not theirs, so they are cut here; the greeting and the sign-off ("Cordialement,\\nLéa") stay.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from html.parser import HTMLParser

__all__ = ["body_text", "decode", "html_to_text", "new_text", "unflow"]

# Labels under which mail clients write Windows-1252 in practice (€, ’ and œ included), as
# browsers assume too; UTF-8 mislabelled as one of them is recognised first.
_LATIN_LABELS = frozenset(
    {
        "",
        "ascii",
        "us-ascii",
        "iso-8859-1",
        "iso8859-1",
        "latin-1",
        "latin1",
        "cp1252",
        "windows-1252",
    }
)
_QUOTED = re.compile(r"^\s*>")
_SIGNATURE = re.compile(r"^--\s*$")
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:message d'origine|original message|mail original|message original"
    r"|courriel original|forwarded message|message transféré)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_MOBILE_FOOTER = re.compile(
    r"^\s*(?:envoy[ée]e?\s+(?:de|depuis|à\s+partir\s+de)\s+(?:mon|ma|l'application|courrier"
    r"|outlook|yahoo)|sent\s+(?:from|with|via)\s+(?:my|mail|outlook|yahoo|the)"
    r"|(?:get|obtenir|télécharger)\s+outlook\s+(?:for|pour))\b[^.?!]{0,40}$",
    re.IGNORECASE,
)
# "Le lun. 3 oct. 2026 à 10:02, Léa <lea@x.fr> a écrit :" / "On Mon, … at 10:02 AM X wrote:";
# a time or an address is required so that a customer's own "Le 3, votre collègue a écrit :"
# is not taken for one.
_ATTRIBUTION_START = re.compile(r"^\s*(?:Le|On)\s", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^\s*(?:Le|On)\s(?=.*(?:\d{1,2}[:h]\d{2}|@)).{4,400}?\s(?:a\s+[ée]crit|wrote)\s*:\s*$",
    re.IGNORECASE,
)
# Outlook's header block: "De : …" then, within three lines, "Envoyé : …" (or Sent/Date).
_OUTLOOK_FROM = re.compile(r"^\s*\*?(?:De|From)\s*\*?\s*:\s*\S")
_OUTLOOK_SENT = re.compile(r"^\s*\*?(?:Envoyé|Sent|Date)\s*\*?\s*:")


def decode(payload: bytes, charset: str | None) -> str:
    """The text of ``payload``: its declared charset when the bytes agree with it, else UTF-8,
    else Windows-1252, else Latin-1 (which never fails)."""
    label = (charset or "").strip().lower()
    candidates = ("utf-8", "cp1252") if label in _LATIN_LABELS else (label, "utf-8", "cp1252")
    for encoding in candidates:
        try:
            return payload.decode(encoding).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def body_text(message: EmailMessage) -> str:
    """What the sender wrote: the plain-text body (else the HTML one as text), without history."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = decode(payload, part.get_content_charset()).replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    elif str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return new_text(text)


def unflow(text: str, *, delsp: bool) -> str:
    """Join the soft line breaks of ``format=flowed`` text (RFC 3676), within one quote depth."""
    lines: list[tuple[int, str, bool]] = []  # (quote depth, text, ends with a soft break)
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:].removeprefix(" ")  # the space "stuffed" before ">" or "From"
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        if lines and lines[-1][2] and lines[-1][0] == depth:
            lines[-1] = (depth, lines[-1][1] + content, soft)
        else:
            lines.append((depth, content, soft))
    return "\n".join(">" * depth + " " * bool(depth) + content for depth, content, _ in lines)


def new_text(text: str) -> str:
    """``text`` without quoted lines, and without everything from the first reply header,
    original-message separator, signature delimiter or mobile footer on.

    When nothing was written above a reply header (a bottom-posted answer), the unquoted text
    below it is the new text instead.
    """
    lines = text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")
    for index in range(len(lines)):
        marker = _marker(lines, index)
        if marker is None:
            continue
        kind, span = marker
        head = _unquoted(lines[:index])
        if kind == "attribution" and not any(line.strip() for line in head):
            return new_text("\n".join(lines[index + span :]))
        return _tidy(head)
    return _tidy(_unquoted(lines))


def _marker(lines: list[str], index: int) -> tuple[str, int] | None:
    """The kind of history or signature marker at ``index`` and how many lines it spans."""
    line = lines[index]
    if _SIGNATURE.match(line) or _SEPARATOR.match(line) or _MOBILE_FOOTER.match(line):
        return "end", 1
    following = lines[index + 1 : index + 4]
    if _OUTLOOK_FROM.match(line) and any(_OUTLOOK_SENT.match(later) for later in following):
        return "end", 1
    if not _ATTRIBUTION_START.match(line):
        return None
    for span in (1, 2, 3):  # clients wrap a long reply header over two or three lines
        block = lines[index : index + span]
        if len(block) < span or any(_QUOTED.match(part) or not part.strip() for part in block):
            break
        if _ATTRIBUTION.match(" ".join(part.strip() for part in block)):
            return "attribution", span
    return None


def _unquoted(lines: list[str]) -> list[str]:
    return [line for line in lines if not _QUOTED.match(line)]


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    # a rule left above the cut history ("_____" in Outlook) is not text either
    return re.sub(r"(?:\n\s*[-_=*]{3,}\s*)+$", "", "\n" + text.strip("\n")).strip("\n")


def html_to_text(html: str) -> str:
    """The text of an HTML body, one line per line break or block; blockquotes as "> " lines."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser.flush(force=False)
    return "\n".join(parser.lines)


class _HtmlText(HTMLParser):
    """Collects the text of an HTML document line by line (html.parser: no dependency)."""

    _SKIPPED = frozenset({"script", "style", "head", "title"})
    _PARAGRAPHS = frozenset({"p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table"})
    _BLOCKS = frozenset({"div", "li", "tr", "ul", "ol", "pre", "hr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skipped = 0
        self._quotes = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in self._SKIPPED:
            self._skipped += 1
        elif tag == "body":
            self._skipped = 0  # a <head> left open must not hide the whole message
        elif tag == "br":
            self.flush(force=True)
        elif tag in self._PARAGRAPHS or tag in self._BLOCKS:
            self._break(paragraph=tag in self._PARAGRAPHS)
        self._quotes += tag == "blockquote"
        self._pre += tag == "pre"
        if tag == "li":
            self._line.append("- ")
        elif tag in {"td", "th"}:
            self._line.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipped = max(0, self._skipped - 1)
        elif tag in self._PARAGRAPHS or tag in self._BLOCKS:
            self._break(paragraph=tag in self._PARAGRAPHS)
        if tag == "blockquote":
            self._quotes = max(0, self._quotes - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skipped:
            return
        if not self._pre:
            self._line.append(re.sub(r"[ \t\r\n\f]+", " ", data))  # HTML spaces, not &nbsp;
            return
        *complete, rest = data.split("\n")
        for line in complete:
            self._line.append(line)
            self.flush(force=True)
        self._line.append(rest)

    def flush(self, *, force: bool) -> None:
        """End the current line; an empty one only when ``force`` (a <br>)."""
        text = "".join(self._line).strip()
        self._line = []
        if text or force:
            self.lines.append("> " * self._quotes + text if text else text)

    def _break(self, *, paragraph: bool) -> None:
        self.flush(force=False)
        if paragraph and self.lines and self.lines[-1]:
            self.lines.append("")
