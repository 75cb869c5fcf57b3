"""The four commands (create, upgrade, run, status) as plain functions of the parsed options; the CLI
only parses arguments and maps errors to exit codes."""
from __future__ import annotations

import contextlib
import os
import time
from typing import Any, Dict, List, Optional

from . import __version__
from .application import Application
from .context import MigrationContext
from .cube_steps import cube_status, display as cube_display, plan_cube_steps, record_created_cubes, run_precreate
from .database import Database
from .depends_map import Step, plan_steps
from . import backups, config_journal, faults, preflight
from .instance_config import default_config_path
from .errors import Interrupted, MigrationError, error_event
from .execution import describe, run_script
from .framework import BASE_VERSION, bootstrap, framework_scripts
from .instance import has_instance, log_script, read_versions, write_cube_version, write_version
from .framework.core_schema import create_admin
from .passwords import crypt_password, unusable_password
from .schema.loader import load_schema
from .schema.storable import refuse_unstorable
from .storage import relation_table, stored_relation, table
from .schema.model import FINAL_TYPES
from . import ledger, schema_entities
from .scripts import INSTANCE_KINDS, MigrationScript, parse_script_name, select_scripts
from .urls import DatabaseUrl
from .versions import Version

INSTALLED = Version.of(__version__)
CORE_SINCE = Version(2, 29, 0)  # the framework version that brings CubicWeb's core schema and metadata


class Session:
    """An application, its database (locked for the command) and the event sink."""

    def __init__(self, options, events, lock: bool = True, observer=None) -> None:
        self.options = options
        self.events = events
        self.observer = observer  # told of every statement (a rehearsal's StatementMeter), or None
        self.application = Application(options.app)
        self.url = DatabaseUrl.parse(options.db)
        self.db: Optional[Database] = None
        self._lock = None
        self.lock_wanted = lock
        self.started = False
        self.application.numversion  # an --app that is no application is the first thing to report

    def open(self, lock: bool = True) -> Database:
        self.db = Database(self.url, self.events)
        self.db.observer = self.observer
        if lock:
            self.lock()
        return self.db

    def lock(self) -> None:
        if self.lock_wanted and self._lock is None:
            self._lock = self.db.dialect.lock(self.db, self.url)
            # A run killed between a commit and the configuration file's write: the file catches up first.
            config_journal.recover(self.db, self.events,
                                   getattr(self.options, "config", None) or default_config_path(self.url))

    def close(self) -> None:
        if self.db is None:
            return
        try:
            self.db.rollback()
            if self._lock is not None:
                self.db.dialect.unlock(self.db, self._lock)
            self.db.close()
        except Exception:
            # A broken connection must not hide the error that broke it; the lock dies with the session.
            pass


def _start(session: Session, command: str, **extra: Any) -> None:
    session.started = True
    session.events.emit(dict({"event": "start", "command": command, "db": session.url.text,
                              "dry_run": bool(session.options.dry_run)}, **extra))


def _finish(ctx: Optional[MigrationContext], events, status: str) -> None:
    if ctx is not None:
        ctx.finish(status)
    events.emit({"event": "done", "status": status})


def _guarded(session: Session, ctx_holder: Dict[str, Any], body, on_failure=None) -> int:
    """Runs body; on any failure rolls back, calls on_failure(), reports the error and `done rolled-back`."""
    try:
        try:
            body()
        except (MigrationError, Interrupted, KeyboardInterrupt):
            raise
        except Exception as error:
            # Outside any script (the runtime's own statements): still one readable line, still a rollback.
            raise MigrationError(describe(error)) from error
    except (MigrationError, Interrupted, KeyboardInterrupt) as error:
        if session.db is not None:
            session.db.rollback()
        if on_failure is not None:
            on_failure()
        if isinstance(error, MigrationError):
            session.events.emit(error_event(error))
        else:
            session.events.emit({"event": "error", "file": None, "line": None, "message": "interrupted: rolled back"})
        if session.started:  # a refusal before the start event has nothing to roll back
            ended = session.db is not None and session.db.ended_by is not None
            _finish(ctx_holder.get("ctx"), session.events, "partly-committed" if ended else "rolled-back")
        raise
    return 0


def _context(session: Session, newschema, versions: Dict[str, str], upgrading: bool) -> MigrationContext:
    return MigrationContext(session.db, session.application, session.options, session.events, newschema, versions,
                            upgrading=upgrading)


def _display(application: Application, script: MigrationScript) -> str:
    if script.path.startswith(application.directory + os.sep):
        return application.relative(script.path)
    return "erudi:" + os.path.basename(script.path)


# create -----------------------------------------------------------------------------------------
def _load_newschema(session: Session, framework: Version):
    """The application's schema (with its cubes); with CubicWeb's core schema from erudi 2.29.0 on."""
    return load_schema(session.application.directory, getattr(session.options, "cubes_path", None),
                       core=framework >= CORE_SINCE)


def create(options, events) -> int:
    session = Session(options, events)
    numversion = session.application.numversion
    target_framework = Version.of(options.framework_version) if getattr(options, "framework_version", None) else INSTALLED
    if not BASE_VERSION <= target_framework <= INSTALLED:
        raise MigrationError(f"--framework-version must be between {BASE_VERSION} and {INSTALLED}")
    newschema = _load_newschema(session, target_framework)
    refuse_unstorable(newschema)  # before the database is even opened
    holder: Dict[str, Any] = {}

    def body() -> None:
        db = session.open()
        if has_instance(db):
            stored = read_versions(db) or {}
            raise MigrationError(f"{session.url.text} already holds an instance (model {stored.get('model')}): "
                                 "use `upgrade`, or another database")
        _start(session, "create", model=str(numversion), erudi=str(target_framework))
        db.begin()
        bootstrap(db)
        write_version(db, "erudi", BASE_VERSION)
        ctx = holder["ctx"] = _context(session, newschema, {
            "appltemplversion": str(numversion), "applerudiversion": str(BASE_VERSION),
            "templversion": str(numversion), "erudiversion": str(INSTALLED)}, upgrading=True)
        for script in framework_scripts():
            if script.version <= target_framework:
                run_script(ctx, script, _display(session.application, script))
        write_version(db, "erudi", target_framework)
        ctx.reload_schema()
        run_precreate(ctx, session.application, getattr(options, "cubes_path", None))
        _create_schema(ctx, newschema)
        if target_framework >= CORE_SINCE:
            _create_admin(ctx, events)
            schema_entities.sync_if_changed(ctx)  # the schema as CWEType, CWRType, CWAttribute... entities
        write_version(db, "model", numversion)
        ctx.upgrading = False
        record_created_cubes(ctx, session.application, getattr(options, "cubes_path", None))
        if target_framework >= ledger.LEDGER_SINCE:
            # The instance is built from schema.py at numversion: every script up to it is in it already.
            for script in session.application.scripts()[0]:
                if script.version <= numversion:
                    ledger.insert(db, "model", script.version, script.name, ledger.checksum(script.path), "created")
        postcreate = os.path.join(session.application.migration_dir, "postcreate.py")
        if os.path.isfile(postcreate):
            run_script(ctx, MigrationScript(postcreate, "postcreate.py", numversion, None, "Any", "py"),
                       "migration/postcreate.py")
        _end(ctx, session)

    # A dry run, or a failed create, on a path where no file was leaves none (no empty database beside the app).
    new_file = session.url.kind == "sqlite" and not os.path.exists(session.url.path)
    new_folders = []  # the folders the SQLite file's creation makes, deepest first
    folder = os.path.dirname(session.url.path) if new_file else ""
    while folder and not os.path.exists(folder):
        new_folders.append(folder)
        folder = os.path.dirname(folder)
    keep = False
    try:
        keep = _guarded(session, holder, body) == 0 and not getattr(options, "dry_run", False)
        return 0
    finally:
        session.close()
        if new_file and not keep:
            for leftover in (session.url.path, session.url.path + "-journal", session.url.path + "-wal",
                             session.url.path + "-shm"):
                if os.path.exists(leftover):
                    os.remove(leftover)
            for folder in new_folders:
                with contextlib.suppress(OSError):
                    os.rmdir(folder)


def _create_schema(ctx: MigrationContext, schema) -> None:
    """Adds to the instance what `schema` has and it lacks (all of it, or what cubes and the application add
    to the core schema that framework 2.29.0 installed): types, definitions, tables, columns."""
    store, storage, repo = ctx.schema_store, ctx.storage, ctx.repo_schema
    new_types = [e for e in schema.entities if e not in repo.entities]
    for etype in new_types:
        store.save_entity(schema.entities[etype])
    store.add_relations(schema.relations.values())
    fresh = [d for key, d in schema.definitions.items() if key not in repo.definitions]
    store.add_definitions(fresh)
    grown = [d.subject for d in fresh
             if d.subject not in new_types and (d.final or repo.relations[d.rtype].inlined)]
    for etype in new_types:
        storage.create_entity_table(repo, etype)
    for etype in dict.fromkeys(grown):  # a core type given an attribute or inlined relation by a cube
        present = {c.name.lower() for c in ctx.dialect.columns(ctx.db, table(etype))}
        for wanted in storage.entity_columns(repo, etype):
            if wanted.name.lower() not in present:
                ctx.dialect.add_column(ctx.db, table(etype), wanted)
        storage.sync_indexes(repo, etype)
    for name in schema.relations:
        if stored_relation(repo, name) and not storage.table_exists(relation_table(name)):
            storage.create_relation_table(name)


def _create_admin(ctx: MigrationContext, events) -> None:
    """The admin user postcreate scripts expect: ERUDI_ADMIN_LOGIN (default admin), ERUDI_ADMIN_PASSWORD
    (read from the environment only; without it the account cannot log in until its password is set)."""
    login = os.environ.get("ERUDI_ADMIN_LOGIN") or "admin"
    password = os.environ.get("ERUDI_ADMIN_PASSWORD")
    if not password:
        events.emit({"event": "notice", "text": f"the user {login!r} was created without a known password: set "
                                                "ERUDI_ADMIN_PASSWORD in the environment of `create` to choose it"})
    create_admin(ctx, login, crypt_password(password) if password else unusable_password())


def _end(ctx: MigrationContext, session: Session) -> None:
    if session.options.dry_run:
        session.db.rollback()
        _finish(ctx, session.events, "dry-run")
    else:
        ctx.commit()
        _finish(ctx, session.events, "committed")


# upgrade ----------------------------------------------------------------------------------------
class UpgradePlan:
    def __init__(self, application: Application, stored: Dict[str, Version], instance_kind: str) -> None:
        numversion = application.numversion
        self.stored = stored
        self.numversion = numversion
        if stored["model"] > numversion:
            raise MigrationError(f"the database is at model version {stored['model']}, newer than the code "
                                 f"({numversion} in __pkginfo__.py): use the application release it was migrated with")
        if stored["erudi"] > INSTALLED:
            raise MigrationError(f"the database is at erudi {stored['erudi']}, newer than this runtime "
                                 f"(erudi {INSTALLED}): upgrade the runtime")
        scripts, self.ignored = application.scripts()
        self.model_scripts = select_scripts(scripts, stored["model"], numversion, instance_kind)
        self.framework_scripts = select_scripts(framework_scripts(), stored["erudi"], INSTALLED, "all-in-one")
        # Grouped by version once: a step looks its scripts up instead of scanning them all (linear planning).
        self._by_step: Dict[Any, List[MigrationScript]] = {}
        for kind, pool in (("framework", self.framework_scripts), ("model", self.model_scripts)):
            for script in pool:
                self._by_step.setdefault((kind, script.version), []).append(script)
        model_versions = sorted({s.version for s in self.model_scripts} |
                                ({numversion} if numversion > stored["model"] else set()))
        framework_versions = sorted({s.version for s in self.framework_scripts} |
                                    ({INSTALLED} if INSTALLED > stored["erudi"] else set()))
        self.steps: List[Step] = plan_steps(application.depends_map(), model_versions, framework_versions, INSTALLED)

    def scripts_of(self, step: Step) -> List[MigrationScript]:
        return self._by_step.get((step.kind, step.version), [])

    def ledger_differences(self, db, application: Application, instance_kind: str,
                           cubes_path: Optional[str] = None) -> List[ledger.Difference]:
        """What the ledger says beyond the versions (none before erudi 2.30.0, which adds the ledger; the
        cubes' scripts from 2.31.0)."""
        if self.stored["erudi"] < ledger.LEDGER_SINCE:
            return []
        return ledger.differences(db, application.scripts()[0], self.stored["model"], INSTANCE_KINDS[instance_kind],
                                  ledger.stored_cubes(db, application, cubes_path, self.stored["erudi"]))

    def preflight(self, application: Application, cubes_path: Optional[str] = None) -> List[preflight.Problem]:
        """Everything that would stop or skip a script of this plan, found before anything is written:
        the application's migration/ folder, its pending scripts, and every cube it depends on found
        (with its own migration/ folder accounted for)."""
        def shown(path: str) -> str:
            return application.relative(path) if path.startswith(application.directory + os.sep) else path
        problems = preflight.folder_problems(application.migration_dir, shown)
        problems += preflight.script_problems(self.model_scripts, shown)
        problems += preflight.cube_problems(application.directory, cubes_path, shown)
        return problems


def _open_instance(session, lock: bool = True):
    """Opens the database and reads its stored versions; an error a user can act on when there is no instance."""
    if session.url.kind == "sqlite" and not os.path.isfile(session.url.path):
        raise MigrationError(f"{session.url.path} does not exist: run `create` first")
    db = session.open(lock)
    stored = read_versions(db)
    if not stored:
        raise MigrationError(f"{session.url.text} holds no instance: run `create` first")
    return db, stored


def _script_versions(stored, templversion) -> Dict[str, str]:
    """The four version names a script sees (DESIGN 1.4)."""
    return {"appltemplversion": str(stored["model"]), "applerudiversion": str(stored["erudi"]),
            "templversion": str(templversion), "erudiversion": str(INSTALLED)}


def check_upgrade(session: Session, db, plan: UpgradePlan) -> List[ledger.Difference]:
    """The upgrade's pre-flight (read-only): refuses with every problem found, else the ledger's differences."""
    options = session.options
    include = bool(getattr(options, "include_unapplied", False))
    cubes_path = getattr(options, "cubes_path", None)
    differences = plan.ledger_differences(db, session.application, options.instance_kind, cubes_path)
    unapplied = [d for d in differences if d.kind == "unapplied"]
    problems = plan.preflight(session.application, cubes_path)
    shown = _shown(session.application)
    if include:
        problems += preflight.script_problems([parse_script_name(d.path) for d in unapplied], shown)
    else:
        problems += [preflight.Problem(d.shown(shown), None, d.describe(shown).split(": ", 1)[1], d.path)
                     for d in unapplied]
    preflight.refuse(problems)
    return differences


def upgrade(options, events, observe=None, observer=None, newschema=None, numversion=None) -> int:
    """`observe(ctx)`, when given, is called once every step has run, before the end (commit or, in a dry run,
    rollback): `diff --after-pending` reads there what the persisted schema would be after the upgrade.
    `observer` is told of every statement (a rehearsal's StatementMeter). `newschema`: the application's
    schema when the caller has loaded it already (core included). `numversion`: upgrade as if __pkginfo__.py
    said this version (`generate` plans its script above every existing one, so they all run before it)."""
    session = Session(options, events, observer=observer)
    if numversion is not None:
        session.application._numversion = numversion
    newschema = newschema or _load_newschema(session, INSTALLED)
    holder: Dict[str, Any] = {}

    def body() -> None:
        # Pre-flight first, unlocked and read-only: a refusal leaves no lock, no backup and no write.
        keep = backups.check_keep(getattr(options, "keep_backups", None))
        wants_backup = not options.no_backup and (session.url.kind == "sqlite" or getattr(options, "backup", False))
        db, stored = _open_instance(session, lock=False)
        plan = UpgradePlan(session.application, stored, options.instance_kind)

        def check(plan):
            return check_upgrade(session, db, plan)

        differences = check(plan)
        session.lock()
        if read_versions(db) != stored:  # another upgrade finished in between: plan again from its result
            stored = read_versions(db)
            plan = UpgradePlan(session.application, stored, options.instance_kind)
            differences = check(plan)
        unapplied = [d for d in differences if d.kind == "unapplied"]
        _start(session, "upgrade", stored={k: str(v) for k, v in stored.items()},
               installed={"model": str(plan.numversion), "erudi": str(INSTALLED)},
               steps=[{"kind": s.kind, "version": str(s.version)} for s in plan.steps])
        cube_plan = plan_cube_steps(session.application, db, getattr(options, "cubes_path", None), options.instance_kind)
        for name in plan.ignored:
            events.emit({"event": "notice", "text": f"warning: migration/{name} is not a migration script name; never run"})
        for difference in differences:
            if difference.kind != "unapplied":
                events.emit({"event": "notice", "text": "warning: " + difference.describe(_shown(session.application))})
        if (plan.steps or cube_plan or unapplied) and wants_backup and not options.dry_run:
            config_path = getattr(options, "config", None) or default_config_path(session.url)
            taken = backups.take(session.url, db, backups.folder_of(options, session.url), config_path)
            holder["backup"] = taken.path
            events.emit({"event": "backup", "path": taken.path, "config": taken.config,
                         "model": taken.versions.get("model"), "erudi": taken.versions.get("erudi")})
            for removed in backups.prune(session.url, backups.folder_of(options, session.url),
                                         backups.dbname(session.url, db), keep):
                events.emit({"event": "notice", "text": f"notice: removed the old backup {removed} (--keep-backups "
                                                        f"{keep} keeps the {keep} newest)"})
        ctx = holder["ctx"] = _context(session, newschema, _script_versions(stored, plan.numversion), upgrading=True)
        ctx.reload_schema()
        framework = stored["erudi"]
        committed: List[str] = holder.setdefault("committed", [])

        def upgrade_cubes() -> None:
            """Each cube's pending versions, dependencies first, before the application's (CubicWeb's order);
            each version commits together with the cube's stored version."""
            for cube_step in cube_plan:
                events.emit({"event": "step", "kind": "cube", "cube": cube_step.cube.name,
                             "version": str(cube_step.version)})
                db.begin()
                for script in cube_step.scripts:
                    sha256 = ledger.checksum(script.path)
                    started = time.perf_counter()
                    run_script(ctx, script, cube_display(cube_step.cube, script))
                    log_script(db, framework, "cube:" + cube_step.cube.name, cube_step.version, script.name,
                               int((time.perf_counter() - started) * 1000), sha256)
                    faults.point("script-ran")
                write_cube_version(db, cube_step.cube.name, cube_step.version)
                if not options.dry_run:
                    ctx.commit(cube_step.label)
                    committed.append(cube_step.label)
            cube_plan.clear()

        if unapplied:
            # Asked for with --include-unapplied: the scripts the ledger lacks, in their order, in a step of
            # their own committed with their ledger records; the stored versions do not move.
            shown = _shown(session.application)
            events.emit({"event": "step", "kind": "model", "version": str(stored["model"]), "unapplied": True,
                         "scripts": [d.shown(shown) for d in unapplied]})
            db.begin()
            ran: List[str] = []
            try:
                for difference in unapplied:
                    script = parse_script_name(difference.path)
                    ran.append(difference.shown(shown) if difference.cube else _display(session.application, script))
                    sha256 = ledger.checksum(script.path)
                    started = time.perf_counter()
                    run_script(ctx, script, ran[-1])
                    log_script(db, framework, difference.component, script.version, script.name,
                               int((time.perf_counter() - started) * 1000), sha256)
                    faults.point("script-ran")
            except MigrationError as error:
                if db.ended_by is not None:
                    raise _partly_committed(error, db, "unapplied scripts", ran, committed, holder.get("backup"),
                                            options.dry_run) from error
                raise
            if not options.dry_run:
                ctx.commit("the unapplied scripts")
                committed.append("unapplied scripts " + ", ".join(ran))
        for step in plan.steps:
            if step.kind == "model" and cube_plan:
                upgrade_cubes()
            label = f"{'erudi' if step.kind == 'framework' else 'model'} {step.version}"
            events.emit({"event": "step", "kind": step.kind, "version": str(step.version)})
            db.begin()
            ran: List[str] = []
            try:
                for script in plan.scripts_of(step):
                    ran.append(_display(session.application, script))
                    sha256 = ledger.checksum(script.path)  # of the content that runs
                    started = time.perf_counter()
                    run_script(ctx, script, ran[-1])
                    component = "erudi" if step.kind == "framework" else "model"
                    if step.kind == "framework":
                        framework = script.version  # the log table may have just been created or changed
                    log_script(db, framework, component, step.version, script.name,
                               int((time.perf_counter() - started) * 1000), sha256)
                    faults.point("script-ran")
            except MigrationError as error:
                if db.ended_by is not None:
                    raise _partly_committed(error, db, label, ran, committed, holder.get("backup"),
                                            options.dry_run) from error
                raise
            if step.kind == "framework":
                framework = step.version
            write_version(db, "erudi" if step.kind == "framework" else "model", step.version)
            if not options.dry_run:
                ctx.commit("step " + label)
                committed.append(label)
        had_cube_steps = bool(cube_plan)
        upgrade_cubes()
        if not plan.steps and not had_cube_steps and not unapplied:
            events.output(f"nothing to do: the instance is at model {stored['model']}, erudi {stored['erudi']}")
        if observe is not None:
            observe(ctx)
        _end(ctx, session)

    def drop_useless_backup() -> None:
        """A failed upgrade that committed nothing leaves the database as the backup has it: no backup kept."""
        backup = holder.get("backup")
        if backup and not holder.get("committed") and (session.db is None or session.db.ended_by is None):
            backups.remove(backup)
            holder.pop("backup")
            events.emit({"event": "notice", "text": f"notice: removed the backup {backup}: nothing was committed, "
                                                    "the database is as it was"})

    try:
        return _guarded(session, holder, body, drop_useless_backup)
    finally:
        session.close()


def _shown(application: Application):
    return lambda path: application.relative(path) if path and path.startswith(application.directory + os.sep) else path


def _partly_committed(error: MigrationError, db, label: str, ran: List[str], committed: List[str],
                      backup: Optional[str], dry_run: bool) -> MigrationError:
    """What a script's transaction control committed, said exactly (never "rolled back")."""
    where = f"line {error.line} of {ran[-1]}" if error.line and ran else (ran[-1] if ran else "the runtime")
    before = ", ".join(ran[:-1])
    done_steps = ", ".join(committed) if committed else "none"
    restore = (f"restore the backup taken before this upgrade (erudi-migrate restore {os.path.basename(backup)})"
               if backup else "restore a backup")
    return MigrationError(
        f"{db.ended_by!r} at {where} ended the runtime's transaction{' (even in a dry run)' if dry_run else ''}. "
        f"Committed: the complete steps before it ({done_steps}) and, of step {label}, everything up to and "
        f"including that statement ({'the scripts ' + before + ' and ' if before else ''}{ran[-1] if ran else ''} up to "
        f"there), without the step's version row or ledger entries. Not run: the rest of step {label} and the later "
        f"steps. The database is now between versions: {restore} or repair it by hand, then remove the statement "
        "(transaction control is the runtime's: checkpoint()/commit())", file=error.file, line=error.line)


# run --------------------------------------------------------------------------------------------
def run(options, events) -> int:
    session = Session(options, events)
    path = os.path.abspath(options.script)
    if not os.path.isfile(path):
        raise MigrationError(f"no such script: {options.script}")
    script = parse_script_name(path)
    if script is None:
        if not path.endswith(".py"):
            raise MigrationError(f"{os.path.basename(path)} is not a migration script name "
                                 "(<X.Y.Z>[_<description>]_<mode>.py|.sql): rename it")
        # A scratch .py file runs as a repository-side script at the model version.
        script = MigrationScript(path, os.path.basename(path), session.application.numversion, None, "Any", "py")
    preflight.refuse(preflight.script_problems([script], lambda p: _display(session.application, script)), "run")
    newschema = _load_newschema(session, INSTALLED)
    holder: Dict[str, Any] = {}

    def body() -> None:
        nonlocal newschema
        db, stored = _open_instance(session)
        if stored["erudi"] < CORE_SINCE:
            newschema = _load_newschema(session, stored["erudi"])  # an instance without the core schema
        _start(session, "run", script=path)
        ctx = holder["ctx"] = _context(session, newschema, _script_versions(stored, session.application.numversion), upgrading=False)
        db.begin()
        ctx.reload_schema()  # read the persisted schema before the script, not inside its first primitive
        sha256 = ledger.checksum(script.path)
        started = time.perf_counter()
        run_script(ctx, script, _display(session.application, script))
        if (not options.dry_run and stored["erudi"] >= ledger.LEDGER_SINCE
                and os.path.dirname(script.path) == session.application.migration_dir
                and script.version <= stored["model"] and parse_script_name(script.path) is not None):
            # An application script run by hand at or below the stored version is applied: the ledger says so
            # (committed with it), so the next upgrade neither refuses it as unapplied nor runs it again.
            ledger.insert(db, "model", script.version, script.name, sha256, "applied",
                          int((time.perf_counter() - started) * 1000))
        _end(ctx, session)

    try:
        return _guarded(session, holder, body)
    finally:
        session.close()


# status -----------------------------------------------------------------------------------------
def status(options, events) -> Dict[str, Any]:
    """Stored and installed versions, pending steps and scripts, what the ledger says (unapplied, changed
    after apply, recorded but gone), and `blocked` with the reason when an upgrade would refuse."""
    session = Session(options, events, lock=False)
    application = session.application
    installed = {"model": str(application.numversion), "erudi": str(INSTALLED)}
    stored = None
    pending: List[str] = []
    steps: List[Dict[str, str]] = []
    ledger_state: Dict[str, Any] = {"kept": False, "unapplied": [], "changed": [], "missing": []}
    records: List[Dict[str, Any]] = []
    problem = None
    cubes: List[Dict[str, Any]] = []
    cubes_path = getattr(options, "cubes_path", None)
    shown = _shown(application)
    try:
        db = None
        if session.url.kind != "sqlite" or os.path.isfile(session.url.path):
            db = session.open()
            versions = read_versions(db)
            if versions:
                stored = {k: str(v) for k, v in versions.items()}
                # The ledger's rows whatever else holds (a blocked upgrade still shows what was applied, when).
                records = ledger.records_json(db) if versions["erudi"] >= ledger.LEDGER_SINCE else []
                try:
                    plan = UpgradePlan(application, versions, options.instance_kind)
                    pending = [application.relative(s.path) for s in plan.model_scripts]
                    steps = [{"kind": s.kind, "version": str(s.version)} for s in plan.steps]
                    cube_plan = plan_cube_steps(application, db, cubes_path, options.instance_kind)
                    pending = [cube_display(c.cube, s) for c in cube_plan for s in c.scripts] + pending
                    steps = [{"kind": "cube", "cube": c.cube.name, "version": str(c.version)} for c in cube_plan] + steps
                    ledger_state = _ledger_state(plan, db, application, options.instance_kind, shown, cubes_path)
                    problems = plan.preflight(application, cubes_path)
                    if problems:
                        problem = "; ".join(p.text() for p in problems)
                except MigrationError as error:
                    # Status still reports; an upgrade would refuse for this reason.
                    problem = _where(error, shown)
            else:
                db = None
        try:
            cubes = cube_status(application, db, cubes_path)
        except MigrationError as error:
            problem = problem or _where(error, shown)
    finally:
        session.close()
    result = {"stored": stored, "installed": installed, "pending": pending, "steps": steps, "cubes": cubes,
              "ledger": ledger_state["kept"], "unapplied": ledger_state["unapplied"],
              "changed": ledger_state["changed"], "missing": ledger_state["missing"],
              "records": records}
    if problem:
        result["problem"] = problem
        result["blocked"] = problem
    return result


def _where(error: MigrationError, shown) -> str:
    if not error.file:
        return error.message
    return f"{shown(error.file)}" + (f":{error.line}" if error.line else "") + f": {error.message}"


def _ledger_state(plan: "UpgradePlan", db, application: Application, instance_kind: str, shown,
                  cubes_path: Optional[str] = None) -> Dict[str, Any]:
    differences = plan.ledger_differences(db, application, instance_kind, cubes_path)
    return {
        "kept": plan.stored["erudi"] >= ledger.LEDGER_SINCE,
        "unapplied": [d.shown(shown) for d in differences if d.kind == "unapplied"],
        "changed": [{"file": d.shown(shown), "component": d.component, "recorded": d.record.sha256,
                     "current": d.current, "applied_at": d.record.applied_at}
                    for d in differences if d.kind == "changed"],
        "missing": [{"script": d.script, "component": d.component, "version": d.version,
                     "applied_at": d.record.applied_at} for d in differences if d.kind == "missing"],
    }
