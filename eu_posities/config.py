"""Where data lives and who is working: the environment, resolved once per command."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

DB_FILE = "eu-posities.db"


def data_home() -> Path:
    """The data folder: `EU_POSITIES_HOME`, else the platform's user data folder."""
    env = os.environ.get("EU_POSITIES_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("eu-posities", appauthor=False))


def default_db_url() -> str:
    """`EU_POSITIES_DB`, else the SQLite file in the data folder."""
    return os.environ.get("EU_POSITIES_DB") or f"sqlite:///{data_home() / DB_FILE}"


def current_user() -> str:
    """The author recorded on changes: `EU_POSITIES_USER`, else the login name."""
    user = os.environ.get("EU_POSITIES_USER")
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in a container
        return "unknown"
