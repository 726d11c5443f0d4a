"""Engines, sessions and schema migrations for SQLite (one laptop) and PostgreSQL (a team).

Nothing here runs at import time: callers make an engine with `make_engine(url)` and own
their transactions through `session_scope`; storage functions never commit.
"""

from __future__ import annotations

import functools
import os
import random
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, create_engine

from eu_posities.errors import EupError, SchemaTooNew

SQLITE_BUSY_MS = 30_000
MIGRATION_LOCK = 0x6575_7000  # PostgreSQL advisory lock key held while migrating ("eup")
T = TypeVar("T")


def make_engine(url: str, *, echo: bool = False, create: bool = True) -> Engine:
    """An engine for `url`.

    SQLite: a missing file is created (private to the user, as its new folders) only when
    `create` is true, else refused; an existing file must be a SQLite database and is never
    chmodded; one the user may not write is opened read-only.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, echo=echo, create=create)
    try:
        return create_engine(url, echo=echo, pool_pre_ping=True)
    except Exception as exc:  # bad driver name, malformed URL
        raise EupError(f"cannot use database URL {parsed!r}: {exc}") from None


def _sqlite_engine(url: str, database: str | None, *, echo: bool, create: bool) -> Engine:
    read_only = False
    options: dict[str, Any] = {}
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        read_only = open_sqlite_file(path, create=create)
        if read_only:
            options["creator"] = _read_only_connector(path)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        **options,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        if database and database != ":memory:" and not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write transaction takes the write lock up front. A deferred one that upgrades
        # from read to write mid-way gets SQLITE_BUSY at once, without waiting, whenever
        # another process wrote meanwhile: the classic "database is locked".
        if conn.get_execution_options().get("eup_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


SQLITE_MAGIC = b"SQLite format 3\x00"


def open_sqlite_file(path: Path, *, create: bool) -> bool:
    """Check (or create) the SQLite file `path`; True if it can only be read.

    Texts may be LIMITE: a database this creates, and its new folders, are readable by the
    user only. An existing file is not ours to change: it is never chmodded, and a file
    that is not a SQLite database is refused rather than written into.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not create:
            raise EupError(
                f"no database at {path}; create one with `eup init` "
                "(or check --db / EU_POSITIES_DB)"
            ) from None
        _create_private_file(path)
        return False
    except OSError as exc:
        raise EupError(f"cannot open the database {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        from eu_posities.files import kind_of

        raise EupError(f"cannot use {path} as a database: it is {kind_of(info.st_mode)}")
    if info.st_size:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                head = os.read(fd, len(SQLITE_MAGIC))
            finally:
                os.close(fd)
        except OSError as exc:
            raise EupError(f"cannot read the database {path}: {exc.strerror}") from None
        if head != SQLITE_MAGIC:
            raise EupError(f"{path} is not an eu-posities database (not a SQLite file)")
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK)


def _create_private_file(path: Path) -> None:
    try:
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in missing:
            os.chmod(folder, 0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            os.fchmod(fd, 0o600)  # whatever the umask
        finally:
            os.close(fd)
    except FileExistsError:
        pass  # another process created it meanwhile: theirs is as good as ours
    except OSError as exc:  # a data folder that cannot be created, a read-only disk
        raise EupError(f"cannot create the database {path}: {exc.strerror}") from None


def _read_only_connector(path: Path) -> Callable[[], Any]:
    import sqlite3
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}?mode=ro"

    def connect() -> Any:
        return sqlite3.connect(
            uri, uri=True, timeout=SQLITE_BUSY_MS / 1000, check_same_thread=False
        )

    return connect


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def session_scope(
    engine: Engine, *, write: bool = False, serializable: bool = False
) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    A write transaction on SQLite takes the write lock up front (BEGIN IMMEDIATE), so
    writers run one after the other. On PostgreSQL, `serializable=True` asks for
    SERIALIZABLE isolation, which makes every "has it changed since the user saw it?"
    check race-free but may refuse one of two colliding writers: use it through
    `run_write`, which runs the work again. Without it, PostgreSQL writes run at READ
    COMMITTED and must lock what they check (`SELECT ... FOR UPDATE`).
    """
    from eu_posities.columns import check_session

    with Session(engine, expire_on_commit=False) as session:
        # Every value is checked against the column limits of both databases before a flush.
        event.listen(session, "before_flush", check_session)
        if write:
            options: dict[str, Any] = {"eup_write": True}
            if serializable and not is_sqlite(engine):
                options["isolation_level"] = "SERIALIZABLE"
            session.connection(execution_options=options)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# PostgreSQL refusals that mean "another writer got there first; run your work again":
# serialization failure, deadlock, and a unique key a concurrent transaction just took.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})


def is_transient(exc: BaseException) -> bool:
    """A write that failed only because of a concurrent writer, and may simply be rerun."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(getattr(exc, "orig", None), "sqlstate", None) in RETRY_SQLSTATES:
        return True
    # SQLite: the lock outlasted the busy timeout (a large import on a slow disk).
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def run_write(engine: Engine, work: Callable[[Session], T], *, attempts: int = 20) -> T:
    """Run `work` in one write transaction, running it again after a concurrent writer won.

    `work` must only touch the database through its session (it may run more than once).
    On the rerun it sees the other writer's changes, so a stale optimistic check fails with
    `Conflict` then, and a key taken meanwhile with "already exists".
    """

    def once() -> T:
        with session_scope(engine, write=True, serializable=True) as session:
            return work(session)

    return retried(once, attempts=attempts, step=0.01)


def retried(action: Callable[[], T], *, attempts: int, step: float) -> T:
    """Run `action`, again after a transient failure (`is_transient`), at most `attempts`
    times; the last failure is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == attempts:
                raise
            # Random, growing waits: colliding processes spread out instead of colliding again.
            time.sleep(random.uniform(0, min(1.0, step * 2**attempt)))
    raise AssertionError("unreachable")


# --- migrations ---------------------------------------------------------------------------


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "eu_posities:migrations")
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache  # the migration scripts ship with the code: read them once per process
def code_head() -> str:
    """The newest schema revision this code knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    head = script.get_current_head()
    assert head is not None
    return head


@functools.cache
def _known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return frozenset(rev.revision for rev in script.walk_revisions())


def db_revision(engine: Engine) -> str | None:
    """The schema revision of the database, None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _first_read(engine: Engine, attempts: int = 8) -> str | None:
    """The schema revision, read again while a new SQLite file is being set up by another
    process: the switch to WAL and the first migration lock the file briefly, and a reader
    that comes in then may get "locked" at once, before any busy timeout applies."""
    try:
        return retried(lambda: db_revision(engine), attempts=attempts, step=0.05)
    except OperationalError as exc:
        raise EupError(f"cannot open the database: {exc.orig}") from None


def check_schema(engine: Engine) -> str:
    """Refuse a database written by a newer version; report one that needs `eup init`.

    Returns "current", "empty" or "outdated".
    """
    revision = _first_read(engine)
    if revision is None:
        return "empty"
    if revision not in _known_revisions():
        raise SchemaTooNew(
            f"the database has schema revision {revision}, newer than this eu-posities "
            f"(knows up to {code_head()}); upgrade eu-posities"
        )
    return "current" if revision == code_head() else "outdated"


def upgrade(engine: Engine) -> None:
    """Create the schema or upgrade it to the newest revision, in one transaction."""
    from alembic import command

    check_schema(engine)
    # Several processes may open a new database at once: the first creates the schema while
    # the others wait for it, then find it current (alembic re-reads the revision inside).
    with engine.connect() as conn:
        conn.execution_options(eup_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            command.upgrade(_alembic_config(conn), "head")
