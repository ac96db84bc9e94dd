"""Signed survey links: one per interaction and kind, that only Unisono can have made, valid
for a while; a link can be answered once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from unisono.core.config import Settings

LINK_DAYS = 30
KINDS = ("nps", "csat", "ces")


class LinkError(ValueError):
    """The link is not one of ours, or too old."""


@dataclass(frozen=True)
class Invitation:
    """What a link asks: this interaction's customer, this kind of survey."""

    interaction: str  # the interaction's external id
    kind: str


def secret_key(settings: Settings) -> str:
    """The key that signs links: the setting, else a key made once and kept in the data
    directory (readable by its owner only), so that links stay valid across restarts."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = settings.data_dir / "secret.key"
    if not path.exists():
        import secrets  # noqa: PLC0415 - only the first time

        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def _signer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(settings), salt="unisono.survey")


def make_link(settings: Settings, invitation: Invitation) -> str:
    """The address of the survey page for ``invitation``."""
    token = _signer(settings).dumps([invitation.interaction, invitation.kind])
    return f"{settings.base_url.rstrip('/')}/s/{token}"


def read_token(settings: Settings, token: str) -> Invitation:
    """What a link's token asks for; LinkError when it was not made by us or is too old."""
    try:
        interaction, kind = _signer(settings).loads(token, max_age=LINK_DAYS * 86_400)
    except SignatureExpired as error:
        raise LinkError(f"this link is more than {LINK_DAYS} days old") from error
    except (BadSignature, ValueError, TypeError) as error:
        raise LinkError("this link is not valid") from error
    if kind not in KINDS:
        raise LinkError("this link is not valid")
    return Invitation(str(interaction), str(kind))
