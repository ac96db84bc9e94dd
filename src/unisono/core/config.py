"""Settings: one object, read from the environment (``UNISONO_*``) and documented in docs/."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("unisono", appauthor=False))


class Settings(BaseSettings):
    """Unisono's settings; every field is listed in docs/configuration.md."""

    model_config = SettingsConfigDict(env_prefix="UNISONO_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the embedded database and generated files.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database; default: the embedded SQLite file "
            "`unisono.db` in the data directory. `postgresql://…` uses PostgreSQL."
        ),
    )

    webhook_secret: str | None = Field(
        default=None,
        description=(
            "Shared secret that signs webhook requests (HMAC-SHA256); the webhook endpoint "
            "refuses every request while it is not set."
        ),
    )
    secret_key: str | None = Field(
        default=None,
        description=(
            "Key that signs survey links; default: a random key made "
            "once and kept in the data directory as `secret.key`."
        ),
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The address customers reach the app at, used in survey links.",
    )
    session_hours: int = Field(
        default=12,
        ge=1,
        description=(
            "How long a web sign-in lasts, in hours; the session cookie is http-only, "
            "SameSite=Lax, and Secure when the app is reached over https."
        ),
    )
    host: str = Field(default="127.0.0.1", description="Address `unisono serve` listens on.")
    port: int = Field(default=8000, description="Port `unisono serve` listens on.")

    @property
    def resolved_database_url(self) -> str:
        """The database URL to use, the embedded SQLite file when none is set."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'unisono.db'}"


def get_settings() -> Settings:
    """Read the settings from the environment."""
    return Settings()
