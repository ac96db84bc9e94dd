"""Which e-mails make one interaction: a header index of the messages, grouped into threads.

The index (:class:`Envelope`) keeps only what threading needs — ids, references, subject,
addresses, date — so that a large mailbox is read in two passes, headers first and then the
bodies of one thread at a time, and is never held whole in memory.

Threading rules, in order:

1. a message joins its parent (In-Reply-To), else the nearest message named in its References
   that is in the source;
2. when none of them is in the source, it joins the other replies to the thread's first message
   (the first References id), so that replies to a missing message stay together;
3. a message with no reference header at all joins an earlier thread with the same normalised
   subject ("Re:", "RE :", "TR:", "Fwd:" stripped) and the same customer address.

A thread's id is its root's Message-ID without ``<>``: the first message's, or the message it
answers when that one is not in the source (so the id holds when the source later includes it).
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import re
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from zoneinfo import ZoneInfo

from unisono.interactions.importers.email_text import decode

__all__ = [
    "Company",
    "Envelope",
    "Thread",
    "customer_address",
    "header_addresses",
    "header_text",
    "message_ids",
    "normalise_subject",
    "raw_header",
    "read_envelope",
    "threads",
]

_ID = re.compile(r"<([^<>\s]+)>")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # the bytes the parser could not decode as ASCII
_REPLY_PREFIX = re.compile(r"^\s*(?:re|tr|fwd?|réf|ref|aw|wg|sv)\s*(?:\[\d+\])?\s*:\s*", re.I)
_MAX_ID = 200  # ExternalId's limit in the canonical schema


@dataclass(frozen=True, slots=True)
class Envelope:
    """What threading needs to know of one message (a few hundred bytes, no body)."""

    position: int  # 1-based place of the message in the source
    message_id: str
    parents: tuple[str, ...]  # In-Reply-To, then References from the nearest to the oldest
    origin: str  # the oldest message it refers to, or its own id
    subject: str  # normalised
    sender: str
    recipients: tuple[str, ...]  # To
    at: dt.datetime  # naive when the Date has no zone and no time zone was given

    @property
    def order(self) -> tuple[dt.datetime, int]:
        """Sort key: the date (a naive one read as UTC, to compare at all), then the position."""
        at = self.at if self.at.tzinfo is not None else self.at.replace(tzinfo=dt.UTC)
        return at, self.position


@dataclass(frozen=True, slots=True)
class Thread:
    """The messages of one interaction, in date order."""

    id: str
    envelopes: tuple[Envelope, ...]


@dataclass(frozen=True)
class Company:
    """Who writes for the company: exact addresses and whole domains."""

    addresses: frozenset[str]
    domains: frozenset[str]

    def __contains__(self, address: str) -> bool:
        return address in self.addresses or address.rpartition("@")[2] in self.domains

    @classmethod
    def from_option(cls, value: object) -> Company | None:
        """``support_addresses``: a list (or a comma-separated text) of addresses and
        ``@domains``; None when absent or empty. Raise ValueError when it is neither."""
        items = value.replace(",", " ").split() if isinstance(value, str) else value
        if items is None:
            return None
        if not isinstance(items, list | tuple | set | frozenset) or not all(
            isinstance(item, str) for item in items
        ):
            raise ValueError("support_addresses must be a list of addresses and @domains")
        entries = {str(item).strip().lower() for item in items} - {""}
        if not entries:
            return None
        domains = {entry.lstrip("@") for entry in entries if "@" not in entry.lstrip("@")}
        addresses = {entry for entry in entries if "@" in entry.lstrip("@")}
        return cls(frozenset(addresses), frozenset(domains))

    @classmethod
    def default_for(cls, first: Envelope) -> Company:
        """Without ``support_addresses``: the recipients (To) of a thread's first message, and
        other addresses at their domains unless the sender shares that domain."""
        own = first.sender.rpartition("@")[2]
        domains = {address.rpartition("@")[2] for address in first.recipients} - {own}
        return cls(frozenset(first.recipients), frozenset(domains))


def customer_address(envelope: Envelope, company: Company) -> str:
    """The customer's address in a message: its sender, or the recipient when the company
    writes."""
    if envelope.sender not in company:
        return envelope.sender
    return next((to for to in envelope.recipients if to not in company), envelope.sender)


def header_text(message: Message, name: str) -> str:
    """A header's decoded value, or "" when it is missing or cannot be parsed."""
    try:
        value = _header(message, name)
        return "" if value is None else str(value)
    except Exception:  # the stdlib's header parsers still raise on some malformed input
        return ""


def header_addresses(message: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) of each address of a header."""
    try:
        header = _header(message, name)
        found = [(a.display_name, a.addr_spec) for a in getattr(header, "addresses", ())]
    except Exception:  # as above; the plain address parser is the fallback
        found = getaddresses([header_text(message, name)])
    return [(shown.strip(), address.strip().lower()) for shown, address in found if "@" in address]


def raw_header(message: Message, name: str) -> str:
    """A header as written, unfolded, 8-bit bytes decoded: enough for ids, dates and flags,
    and far cheaper than the parsed header (policy.default parses it on every access)."""
    raw = _raw(message, name)
    return _readable(re.sub(r"[\r\n]", "", raw)) if raw is not None else ""


def _header(message: Message, name: str) -> object:
    """The parsed header; raw 8-bit bytes in it (against the RFCs, yet common) are read as
    UTF-8 or Windows-1252, where the stdlib would leave U+FFFD or unencodable surrogates."""
    raw = _raw(message, name)
    if raw is None or not _ESCAPED.search(raw):
        return message.get(name)
    return email.policy.default.header_factory(name, raw_header(message, name))


def _raw(message: Message, name: str) -> str | None:
    wanted = name.lower()
    raw = next((value for key, value in message.raw_items() if key.lower() == wanted), None)
    return raw if isinstance(raw, str) else None


def _readable(text: str) -> str:
    return _ESCAPED.sub(lambda run: decode(run[0].encode("utf-8", "surrogateescape"), None), text)


def message_ids(text: str) -> list[str]:
    """The ids of a Message-ID, In-Reply-To or References header, without ``<>``."""
    found = _ID.findall(text)
    if not found and text.strip() and len(text.split()) == 1:
        found = [text.strip()]  # some mailers leave the brackets out
    return [_external_id(found_id) for found_id in found]


def normalise_subject(subject: str) -> str:
    """The subject without reply/forward prefixes, spaces collapsed, case folded."""
    previous = None
    while previous != subject:
        previous, subject = subject, _REPLY_PREFIX.sub("", subject, count=1)
    return " ".join(subject.split()).casefold()


def parse_date(raw: str, timezone: ZoneInfo | None) -> dt.datetime | None:
    """A Date header's time; read in ``timezone`` when it has no zone of its own."""
    try:
        at = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if at.tzinfo is None and timezone is not None:
        return at.replace(tzinfo=timezone)
    return at


def read_envelope(position: int, headers: Message, timezone: ZoneInfo | None) -> Envelope | str:
    """The threading facts of one message, or why it cannot be imported."""
    senders = header_addresses(headers, "From")
    raw_date = raw_header(headers, "Date").strip()
    if not senders and not raw_date:
        return "not an e-mail: no From and no Date header"
    if not senders:
        return "no sender address in From"
    at = parse_date(raw_date, timezone) if raw_date else None
    if at is None:
        return f"no usable Date ({raw_date!r})" if raw_date else "no Date header"
    subject = header_text(headers, "Subject")
    references = message_ids(raw_header(headers, "References"))
    answered = message_ids(raw_header(headers, "In-Reply-To"))
    own = message_ids(raw_header(headers, "Message-ID"))
    message_id = own[0] if own else _hashed(senders[0][1], at.isoformat(), subject)
    return Envelope(
        position=position,
        message_id=message_id,
        parents=tuple(dict.fromkeys([*answered, *reversed(references)])),
        origin=(references or answered or [message_id])[0],
        subject=normalise_subject(subject),
        sender=senders[0][1],
        recipients=tuple(address for _, address in header_addresses(headers, "To")),
        at=at,
    )


def threads(envelopes: list[Envelope], company: Company | None) -> list[Thread]:
    """The threads of a source, by their first message's date, then id."""
    groups = _by_references(envelopes)
    _join_by_subject(envelopes, groups, company)
    members: dict[str, list[Envelope]] = {}
    for envelope in sorted(envelopes, key=lambda e: e.order):
        members.setdefault(groups.find(envelope.message_id), []).append(envelope)
    found: list[Thread] = []
    used: set[str] = set()
    for thread in members.values():  # in the order of their first messages: stable ids
        first = thread[0]
        candidates = [first.origin, first.message_id]
        thread_id = next((c for c in candidates if c not in used), None)
        if thread_id is None:
            thread_id = _hashed(*(envelope.message_id for envelope in thread))
        used.add(thread_id)
        found.append(Thread(thread_id, tuple(thread)))
    return sorted(found, key=lambda thread: (thread.envelopes[0].order[0], thread.id))


def _by_references(envelopes: list[Envelope]) -> _Groups:
    known = {envelope.message_id for envelope in envelopes}
    groups = _Groups()
    for envelope in envelopes:
        groups.find(envelope.message_id)
        if envelope.parents:
            anchor = next((p for p in envelope.parents if p in known), envelope.origin)
            groups.union(anchor, envelope.message_id)
    return groups


def _join_by_subject(envelopes: list[Envelope], groups: _Groups, company: Company | None) -> None:
    """Rule 3: a message without reference headers joins an earlier thread with the same
    subject whose customer is its sender or one of its recipients."""
    threads_by_key: dict[tuple[str, str], str] = {}  # (subject, customer) -> a message id
    started: set[str] = set()
    for envelope in sorted(envelopes, key=lambda e: e.order):
        root = groups.find(envelope.message_id)
        if not envelope.parents and envelope.subject:
            people = [envelope.sender, *envelope.recipients]
            keys = [(envelope.subject, p) for p in people if company is None or p not in company]
            match = next((threads_by_key[key] for key in keys if key in threads_by_key), None)
            if match is not None and groups.find(match) != root:
                groups.union(match, envelope.message_id)
                continue
        if root not in started:  # the thread's first message says who its customer is
            started.add(root)
            customer = customer_address(envelope, company or Company.default_for(envelope))
            threads_by_key.setdefault((envelope.subject, customer), envelope.message_id)


class _Groups:
    """Union-find over message ids (ids not in the source included)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self._parent.setdefault(key, key)
        while (parent := self._parent[key]) != key:
            self._parent[key] = self._parent[parent]  # path halving keeps the trees shallow
            key = parent
        return key

    def union(self, kept: str, joining: str) -> None:
        kept_root, joining_root = self.find(kept), self.find(joining)
        if kept_root != joining_root:
            self._parent[joining_root] = kept_root


def _hashed(*parts: str) -> str:
    """A stable id for what has no usable Message-ID."""
    return "email-" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _external_id(message_id: str) -> str:
    return message_id if len(message_id) <= _MAX_ID else _hashed(message_id)
