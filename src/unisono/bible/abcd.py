"""Turn the ABCD dataset's agent guidelines into a Unisono bible folder.

ABCD (Action-Based Conversations Dataset, ASAPP Research, MIT licence) describes a fictional
clothing retailer, AcmeBrands: ``guidelines.json`` holds flows → subflows → the steps an agent
follows, ``kb.json`` the ordered actions each subflow requires, and ``ontology.json`` which
subflows belong to which flow. Each subflow becomes a ``processes`` standard whose ``required``
elements are its kb.json actions in order; each action becomes an element of ``bible.yml``.

The three files name subflows differently ("Reset Two-Factor Auth" in the guidelines,
``reset_2fa`` in kb.json), so names are paired by shared words within a flow, and anything left
unpaired is an error rather than a guess.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from unisono.bible.vocabulary import ELEMENTS, Stage

_SOURCES = ("guidelines.json", "kb.json", "ontology.json")
COMPANY = "AcmeBrands (ABCD)"
VISION = "One voice: the same steps and the same answer, whichever agent the customer chats with."
OWNER = "quality@acmebrands.example"
CHANNEL = "chat"  # ABCD conversations are all chats
NO_BUTTON = "N/A"  # guideline steps that are pure conversation, with no action button
# stubs some guideline steps carry instead of an instruction
PLACEHOLDER_TEXTS = {"x", "communication"}

# Journey stage of each flow: questions before buying are pre-sale; buying and getting the
# parcel (site problems block a purchase; shipping) are the sale; the rest serves customers
# who already bought or subscribed.
STAGES: dict[str, Stage] = {
    "single_item_query": "pre-sale",
    "storewide_query": "pre-sale",
    "troubleshoot_site": "sale",
    "shipping_issue": "sale",
    "order_issue": "after-sale",
    "product_defect": "after-sale",
    "purchase_dispute": "after-sale",
    "account_access": "after-sale",
    "manage_account": "after-sale",
    "subscription_inquiry": "after-sale",
}

IMPACTS = {
    "account_access": "The customer gets back into their account quickly, after the same checks.",
    "manage_account": "Account changes are made once and correctly, after the same checks.",
    "order_issue": "Order problems are fixed within the chat, with the same rules for everyone.",
    "product_defect": "Refunds and returns follow the same rules whichever agent answers.",
    "purchase_dispute": "Price and billing disputes get the same fair answer from every agent.",
    "shipping_issue": "The customer knows where their parcel stands and leaves with it sorted.",
    "single_item_query": "The customer gets an accurate answer about the product before buying.",
    "storewide_query": "The customer gets the store's exact policy or price on the first ask.",
    "subscription_inquiry": "Subscribers know what they owe and when, and can settle it at once.",
    "troubleshoot_site": "The customer completes their purchase despite the site problem.",
}

# What an agent says while taking each action. The guideline text speaks to the agent ("click
# [Pull up Account]"), not to the customer, so the phrases are written here, one set per action.
PHRASES: dict[str, tuple[str, ...]] = {
    "pull-up-account": ("your full name or account id", "pull up your account"),
    "verify-identity": ("verify your identity", "your zip code", "confirm your identity"),
    "validate-purchase": ("validate your purchase", "your username, email address and order id"),
    "record-reason": ("the reason for", "may i ask why", "note the reason"),
    "enter-details": ("enter your details", "i have entered", "your pin number"),
    "make-password": ("a new password", "your new password"),
    "send-link": ("send you a link", "sent you a link"),
    "ask-the-oracle": ("let me check our system", "i have checked", "let me check that"),
    "update-account": ("updated your account", "update your account"),
    "update-order": ("updated your order", "update your order"),
    "offer-refund": ("issue a refund", "refund you", "your refund of"),
    "promo-code": ("promo code", "discount code"),
    "membership": ("your membership level", "as a gold member", "membership privileges"),
    "shipping-status": ("shipping status", "has your order shipped", "out for delivery"),
    "make-purchase": ("place the order for you", "complete your purchase", "reorder"),
    "notify-team": ("notify our team", "escalate this", "let the website team know"),
    "subscription-status": ("your subscription is", "subscription status"),
    "try-again": ("try again", "refresh the page"),
    "log-out-in": ("log out and log back in", "log out of your account"),
    "instructions": ("clear your cookies", "follow these steps"),
    "search-faq": ("let me look that up", "our faq"),
    "select-faq": ("according to our faq", "here is what i found"),
    "search-boots": ("about the boots", "these boots"),
    "search-shirt": ("about the shirt", "this shirt"),
    "search-jeans": ("about the jeans", "these jeans"),
    "search-jacket": ("about the jacket", "this jacket"),
    "search-pricing": ("about our pricing", "the price of"),
    "search-membership": ("about our membership", "membership levels"),
    "search-timing": ("about the timing", "when does"),
    "search-policy": ("our policy", "the policy on"),
}


@dataclass(frozen=True)
class AbcdSummary:
    """What a conversion wrote: standards (procedures among them), reasons and actions."""

    standards: int
    procedures: int
    reasons: int
    actions: int


@dataclass(frozen=True)
class _Subflow:
    flow: str  # ontology flow key, e.g. product_defect
    flow_name: str  # guideline flow name, e.g. Product Defect
    key: str  # kb.json subflow key, e.g. refund_initiate
    name: str  # guideline subflow name, e.g. Initiate Refund
    steps: list[dict[str, Any]]  # guideline actions, in the guideline's order
    instructions: list[str]
    required: list[str]  # kb.json action ids, in kb.json's order


def convert_abcd(source: Path, target: Path) -> AbcdSummary:
    """Write the bible for the ABCD dataset in ``source`` into the new folder ``target``."""
    _check_target(target)
    guidelines, kb, ontology = (_read_json(source / name) for name in _SOURCES)
    try:
        subflows = _subflows(guidelines, kb, ontology)
        labels = _action_labels(subflows)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"{source} does not have the ABCD dataset's shape ({error!r})") from error
    target.mkdir(parents=True, exist_ok=True)
    config = _bible_config(guidelines, subflows, labels)
    (target / "bible.yml").write_text(_dump(config), encoding="utf-8")
    for subflow in subflows:
        path = target / "processes" / subflow.flow / f"{subflow.key}.md"
        _write_standard(path, _procedure(subflow), _procedure_body(subflow))
    _write_standard(target / "fundamentals" / "overview.md", *_overview(guidelines))
    _write_readme(source, target)
    reasons = len(config["reasons"]) + len(subflows)
    return AbcdSummary(len(subflows) + 1, len(subflows), reasons, len(labels))


def _check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValueError(f"{target} already exists and is not an empty folder: choose a new one")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        needs = ", ".join(_SOURCES)
        raise ValueError(f"{path} not found: the ABCD folder needs {needs}") from error
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not valid JSON: {error}") from error


def _snake(text: str) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", text.lower()))


def _subflows(
    guidelines: dict[str, Any], kb: dict[str, list[str]], ontology: dict[str, Any]
) -> list[_Subflow]:
    """Every guideline subflow with its kb.json key and actions; all of kb.json is used."""
    keys: dict[str, list[str]] = ontology["intents"]["subflows"]
    found = [
        subflow
        for flow_name, flow in guidelines.items()
        for subflow in _flow_subflows(flow_name, flow["subflows"], keys, kb)
    ]
    unused = sorted(set(kb) - {subflow.key for subflow in found})
    if unused:
        raise ValueError(f"kb.json subflows without guidelines: {', '.join(unused)}")
    return found


def _flow_subflows(
    flow_name: str,
    guidelines: dict[str, Any],
    keys: dict[str, list[str]],
    kb: dict[str, list[str]],
) -> list[_Subflow]:
    """One flow's subflows, each paired with one of the ontology's keys for that flow."""
    flow = _snake(flow_name)
    if flow not in keys:
        raise ValueError(f"ABCD flow {flow_name!r} is not in ontology.json ({flow!r})")
    paired = _pair(list(guidelines), keys[flow])
    found = []
    for name, guideline in guidelines.items():
        key = paired.get(name)
        if key is None or key not in kb:
            raise ValueError(f"ABCD subflow {flow_name} > {name!r} matches no kb.json subflow")
        steps, instructions = guideline["actions"], guideline["instructions"]
        found.append(_Subflow(flow, flow_name, key, name, steps, instructions, kb[key]))
    return found


def _words(text: str) -> frozenset[str]:
    # a trailing s is dropped so that "Enter Detail" meets enter-details and "Boots" boots
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _similarity(left: str, right: str) -> float:
    a, b = _words(left), _words(right)
    return len(a & b) / len(a | b) if a | b else 0.0


def _pair(left: Sequence[str], right: Sequence[str]) -> dict[str, str]:
    """Pair names one to one, most similar first; names sharing no word stay unpaired."""
    scored = sorted(
        (-_similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)
    )
    pairs: dict[str, str] = {}
    taken: set[int] = set()
    for negative, i, j in scored:
        if negative < 0 and left[i] not in pairs and j not in taken:
            pairs[left[i]] = right[j]
            taken.add(j)
    return pairs


def _action_labels(subflows: list[_Subflow]) -> dict[str, str]:
    """Each kb.json action's button name: the one it pairs with in most subflows."""
    votes: dict[str, Counter[str]] = {}
    for subflow in subflows:
        buttons = list(dict.fromkeys(s["button"].strip() for s in subflow.steps))
        buttons = [button for button in buttons if button != NO_BUTTON]
        for action, button in _pair(subflow.required, buttons).items():
            votes.setdefault(action, Counter())[button] += 1
    labels: dict[str, str] = {}
    for action in dict.fromkeys(a for subflow in subflows for a in subflow.required):
        if action not in votes:
            raise ValueError(f"ABCD action {action!r} has no button in guidelines.json")
        if _element_id(action) in ELEMENTS:
            raise ValueError(f"ABCD action {action!r} clashes with a built-in element")
        labels[action] = votes[action].most_common(1)[0][0]
    return labels


def _element_id(action: str) -> str:
    return action.replace("-", "_")


def _inline(items: Iterable[str]) -> CommentedSeq:
    """A list written on one line, as the format's examples do."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _bible_config(
    guidelines: dict[str, Any], subflows: list[_Subflow], labels: dict[str, str]
) -> CommentedMap:
    config = CommentedMap(company=COMPANY, vision=VISION, language="en")
    config["channels"] = CommentedMap(chat="Chat")
    config["reasons"] = [_flow_reason(name, subflows) for name in guidelines]
    config["elements"] = CommentedMap(
        (_element_id(action), {"label": label, "phrases": _inline(_phrases(action, label))})
        for action, label in labels.items()
    )
    config.yaml_set_start_comment(
        "Generated from the ABCD dataset (ASAPP Research, MIT licence): see README.md."
    )
    return config


def _flow_reason(flow_name: str, subflows: list[_Subflow]) -> dict[str, Any]:
    flow = _snake(flow_name)
    if flow not in STAGES or flow not in IMPACTS:
        raise ValueError(f"no journey stage or impact for ABCD flow {flow_name!r}")
    children = [
        {"id": f"{flow}.{s.key}", "label": s.name, "stage": STAGES[flow]}
        for s in subflows
        if s.flow == flow
    ]
    return {"id": flow, "label": flow_name, "stage": STAGES[flow], "children": children}


def _phrases(action: str, label: str) -> tuple[str, ...]:
    return PHRASES.get(action) or (label.lower(),)


def _procedure(subflow: _Subflow) -> CommentedMap:
    return CommentedMap(
        id=f"abcd-{subflow.flow}-{subflow.key}",
        title=subflow.name,
        section="processes",
        reasons=_inline([f"{subflow.flow}.{subflow.key}"]),
        channels=_inline([CHANNEL]),
        owner=OWNER,
        status="published",
        review_every="180d",
        impact=IMPACTS[subflow.flow],
        required=_inline(_element_id(action) for action in subflow.required),
    )


def _clean(text: str) -> str:
    # the guidelines mark alternatives as "<or>", which Markdown would take for an HTML tag
    return " ".join(text.replace("<or>", "*or*").split())


def _step(number: int, step: dict[str, Any]) -> list[str]:
    """A numbered step; the guideline's "a > b" subtext becomes a point with sub-points."""
    button, text = step["button"].strip(), _clean(step["text"])
    text = "" if text.lower() in PLACEHOLDER_TEXTS else text
    head = f"**{button}**" if button != NO_BUTTON else ""
    lines = [f"{number}. " + ": ".join(part for part in (head, text) if part)]
    indent = " " * len(f"{number}. ")
    for note in step["subtext"]:
        points = [_clean(part) for part in re.split(r"\s>\s", note) if part.strip()]
        if not points:
            continue
        first, *nested = points
        lines.append(f"{indent}- {first}")
        lines += [f"{indent}  - {point}" for point in nested]
    return lines


def _procedure_body(subflow: _Subflow) -> str:
    intro, *after = [_clean(text) for text in subflow.instructions] or [""]
    steps = [line for n, step in enumerate(subflow.steps, 1) for line in _step(n, step)]
    source = f"*From the ABCD agent guidelines: {subflow.flow_name} › {subflow.name}.*"
    parts = [intro, "## Steps", "\n".join(steps), *after, source]
    return "\n\n".join(part for part in parts if part) + "\n"


def _overview(guidelines: dict[str, Any]) -> tuple[CommentedMap, str]:
    """A fundamentals standard: the flows an agent meets, from their descriptions."""
    doc = CommentedMap(
        id="abcd-overview",
        title="How AcmeBrands agents handle a chat",
        section="fundamentals",
        channels=_inline([CHANNEL]),
        owner=OWNER,
        status="published",
        review_every="180d",
        impact="Every customer meets the same steps for the same request, whoever answers.",
    )
    flows = "\n".join(
        f"- **{name}**: {_clean(flow.get('description', ''))}" for name, flow in guidelines.items()
    )
    body = (
        "Find which of these requests the customer has, then follow its procedure: take its "
        "actions as listed, explain each result in your own words, and end by asking if the "
        f"customer needs anything else.\n\n{flows}\n"
    )
    return doc, body


def _dump(data: Any) -> str:
    yaml = YAML()
    yaml.width = 4096  # keep every value on one line: the loader reports problems by line
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _write_standard(path: Path, doc: CommentedMap, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{_dump(doc)}---\n{body}", encoding="utf-8")


def _write_readme(source: Path, target: Path) -> None:
    """Credit the dataset, as its MIT licence asks (the loader skips README.md)."""
    licence = source / "LICENSE"
    notice = licence.read_text(encoding="utf-8") if licence.is_file() else "MIT License\n"
    (target / "README.md").write_text(
        "# AcmeBrands (ABCD) service bible\n\n"
        "Generated by Unisono from the agent guidelines of ABCD, the Action-Based Conversations "
        "Dataset (https://github.com/asappresearch/abcd), under the licence below.\n\n"
        f"```\n{notice.strip()}\n```\n",
        encoding="utf-8",
    )
