"""E-mail archives: ``.eml`` files (one, or a folder of them read recursively) and mbox files.

Each thread (:mod:`.email_threads`) becomes one interaction on the ``email`` channel, its
messages reduced to what their authors wrote (:mod:`.email_text`). Reading takes two passes so
that memory stays flat on a large mailbox: the headers of every message first, then the bodies
of one thread at a time. Threads come out by their first message's date, then id, so that a
re-import is the same import.

``ImportOptions.extra`` may hold ``support_addresses``: who writes for the company, addresses
and ``@domains`` (``["service@maison-aubepine.fr", "@maison-aubepine.fr"]``). Without it, the
recipients (To) of a thread's first message, and other senders at their domains, are the company.
Company messages are the agent's (its id is the sender's local part), or the bot's when they
are automatic replies; the other party is the customer. An interaction is ``pending`` when the
last message a person wrote is the company's, else ``open``; ``reason`` and ``team`` are left to
Unisono. Two keys beyond the canonical shape, ignored by validation for now, keep what e-mail
alone knows: the thread's ``subject``, and each agent message's ``agent``.
"""

from __future__ import annotations

import email.policy
import mailbox
import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import Any, Protocol

from unisono.interactions.importers.base import ImportOptions, Record, Rejected, SourceError
from unisono.interactions.importers.email_text import body_text
from unisono.interactions.importers.email_threads import (
    Company,
    Envelope,
    Thread,
    customer_address,
    header_addresses,
    header_text,
    message_ids,
    raw_header,
    read_envelope,
    threads,
)

__all__ = ["EmlImporter", "MboxImporter"]

_HEADER_LIMIT = 256 * 1024  # no real header block is larger; a binary file stops there
_AUTO_SUBJECT = re.compile(
    r"^\s*\[?(?:r[ée]ponse automatique|automatic reply|auto[- ]?reply|auto[- ]?response"
    r"|out of office|absence du bureau)\b",
    re.IGNORECASE,
)
_AUTO_PRECEDENCE = frozenset({"auto_reply", "bulk", "junk"})


class EmlImporter:
    """``.eml`` files: one file, or every ``.eml`` below a folder (hidden ones skipped)."""

    name: str = "eml"
    suffixes: tuple[str, ...] = (".eml",)

    def total(self, path: Path) -> int:
        """The number of ``.eml`` files."""
        return len(_eml_files(path))

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:
        """Every thread as an interaction; ``line`` is the position of its first message's file
        in the sorted list of files."""
        yield from _read(_EmlFiles(path), options)


class MboxImporter:
    """An mbox mailbox file."""

    name: str = "mbox"
    suffixes: tuple[str, ...] = (".mbox",)

    def total(self, path: Path) -> int:
        """The number of messages in the mailbox."""
        source = _Mailbox(path)
        try:
            return len(source)
        finally:
            source.close()

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:
        """Every thread as an interaction; ``line`` is its first message's place in the mbox."""
        source = _Mailbox(path)
        try:
            yield from _read(source, options)
        finally:
            source.close()


class _Source(Protocol):
    """Messages by position (1-based): their header block, their bytes, a label for people."""

    def __len__(self) -> int: ...
    def header_block(self, position: int) -> bytes: ...
    def message(self, position: int) -> bytes: ...
    def label(self, position: int) -> str: ...


class _Lines(Protocol):
    def readline(self, size: int, /) -> bytes: ...


class _EmlFiles:
    def __init__(self, path: Path) -> None:
        self._root = path if path.is_dir() else path.parent
        self._files = _eml_files(path)

    def __len__(self) -> int:
        return len(self._files)

    def header_block(self, position: int) -> bytes:
        with self._files[position - 1].open("rb") as stream:
            return _header_block(stream)

    def message(self, position: int) -> bytes:
        return self._files[position - 1].read_bytes()

    def label(self, position: int) -> str:
        return self._files[position - 1].relative_to(self._root).as_posix()


class _Mailbox:
    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise SourceError(f"{path}: no such mbox file")
        try:
            self._box = mailbox.mbox(path, create=False)
            self._keys = self._box.keys()
        except (OSError, mailbox.Error) as error:
            raise SourceError(f"{path}: cannot be read as an mbox ({error})") from error
        self._name = path.name
        if not self._keys and path.stat().st_size:
            self._box.close()
            raise SourceError(f"{path}: no message found (an mbox starts each with 'From ')")

    def __len__(self) -> int:
        return len(self._keys)

    def header_block(self, position: int) -> bytes:
        return _header_block(self._box.get_file(self._keys[position - 1]))

    def message(self, position: int) -> bytes:
        return self._box.get_bytes(self._keys[position - 1])

    def label(self, position: int) -> str:
        return f"{self._name} #{position}"

    def close(self) -> None:
        self._box.close()


def _eml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise SourceError(f"{path}: no such file or folder")
    files = sorted(
        found
        for found in path.rglob("*")
        if found.suffix.lower() == ".eml"
        and not any(part.startswith(".") for part in found.relative_to(path).parts)
        and found.is_file()
    )
    if not files:
        raise SourceError(f"{path}: no .eml file in this folder")
    return files


def _header_block(stream: _Lines) -> bytes:
    lines: list[bytes] = []
    size = 0
    while size < _HEADER_LIMIT:
        line = stream.readline(_HEADER_LIMIT - size)
        if not line.strip(b"\r\n"):  # the blank line after the headers, or the end
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


def _read(source: _Source, options: ImportOptions) -> Iterator[Record | Rejected]:
    """Index every message's headers (yielding the unreadable ones as rejects), then build
    the threads one at a time."""
    try:
        company = Company.from_option(options.extra.get("support_addresses"))
    except ValueError as error:
        raise SourceError(str(error)) from error
    envelopes: list[Envelope] = []
    seen: set[str] = set()
    done = 0
    for position in range(1, len(source) + 1):
        found = _envelope(source, position, options)
        if isinstance(found, Envelope) and found.message_id not in seen:
            seen.add(found.message_id)
            envelopes.append(found)
            continue
        done += 1  # a reject, or the same message a second time (a copy in another folder)
        if isinstance(found, tuple):
            raw, reason = found
            yield Rejected(position, f"{raw}: {reason}", raw, done)
    del seen
    for thread in threads(envelopes, company):
        messages = [_parse(source, envelope.position) for envelope in thread.envelopes]
        done += len(messages)
        first = thread.envelopes[0]
        data = _interaction(thread, messages, company or Company.default_for(first))
        yield Record(first.position, data, f"{source.label(first.position)} <{thread.id}>", done)


def _envelope(source: _Source, position: int, options: ImportOptions) -> Envelope | tuple[str, str]:
    """The message's index entry, or (its file and Message-ID, why it is rejected)."""
    try:
        block = source.header_block(position)
    except OSError as error:
        return source.label(position), f"cannot be read ({error.strerror or error})"
    headers = BytesHeaderParser(policy=email.policy.default).parsebytes(block)
    found = read_envelope(position, headers, options.timezone)
    if isinstance(found, Envelope):
        return found
    ids = message_ids(raw_header(headers, "Message-ID"))
    return source.label(position) + (f" <{ids[0]}>" if ids else ""), found


def _parse(source: _Source, position: int) -> EmailMessage:
    try:
        data = source.message(position)
    except OSError as error:  # it was readable in the first pass: the source changed meanwhile
        raise SourceError(f"{source.label(position)}: cannot be read ({error})") from error
    return BytesParser(policy=email.policy.default).parsebytes(data)


def _interaction(thread: Thread, messages: list[EmailMessage], company: Company) -> dict[str, Any]:
    """One thread in the canonical shape (PRODUCT.md), its messages parsed."""
    rows: list[dict[str, Any]] = []
    written: list[str] = []  # the authors of the messages a person wrote, automatic ones aside
    for envelope, message in zip(thread.envelopes, messages, strict=True):
        automatic = _is_automatic(message)
        row: dict[str, Any] = {"from": "customer", "at": envelope.at.isoformat()}
        if envelope.sender in company:
            row["from"] = "bot" if automatic else "agent"
            if not automatic:
                row["agent"] = envelope.sender.partition("@")[0]
        row["text"] = body_text(message)
        rows.append(row)
        if not automatic:
            written.append(row["from"])
    customer = customer_address(thread.envelopes[0], company)
    name = _display_name(messages, customer)
    data: dict[str, Any] = {
        "id": thread.id,
        "channel": "email",
        "subject": header_text(messages[0], "Subject").strip(),
        "customer": {"id": customer, "email": customer} | ({"name": name} if name else {}),
        "opened_at": rows[0]["at"],
        # the company answered last (automatic replies aside): the customer has the next move
        "status": "pending" if written and written[-1] == "agent" else "open",
        "messages": rows,
    }
    agents = [row["agent"] for row in rows if "agent" in row]
    if agents:
        data["agent"] = agents[-1]  # the one who handled it last
    return data


def _is_automatic(message: EmailMessage) -> bool:
    """Whether a machine sent the message: RFC 3834's Auto-Submitted, the X-Autoreply flags,
    a bulk Precedence, or an auto-reply subject ("Réponse automatique", "Automatic reply")."""
    submitted = raw_header(message, "Auto-Submitted").strip().lower()
    if submitted and submitted != "no":
        return True
    for flag in ("X-Autoreply", "X-Autorespond"):
        if raw_header(message, flag).strip().lower() not in {"", "no", "false", "0"}:
            return True
    if raw_header(message, "Precedence").strip().lower() in _AUTO_PRECEDENCE:
        return True
    return bool(_AUTO_SUBJECT.match(header_text(message, "Subject")))


def _display_name(messages: list[EmailMessage], address: str) -> str | None:
    """How the customer's name is written, as sender first, else as recipient."""
    for header in ("From", "To", "Cc"):
        for message in messages:
            for shown, found in header_addresses(message, header):
                if found == address and shown and shown.lower() != address:
                    return shown
    return None
