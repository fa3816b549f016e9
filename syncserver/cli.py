"""The ``visitapp-server`` command: ``serve`` runs the API, ``admin …`` manages workers, devices and children.

Admin commands talk to the database directly (run them on the server, as the account that owns it); they
never need the API to be running. Both run the schema migrations first; ``serve``, ``admin migrate`` and
``admin check-pictures`` then move any picture bytes an older version kept in the database to the pictures
folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from syncserver import accounts, paths, pictures
from syncserver.db import Database
from syncserver.picture_store import PictureStore
from syncserver.picture_upgrade import move_legacy_chunks


def _open(args: argparse.Namespace) -> Database:
    try:
        db = Database(paths.database_url(args.database_url))
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    db.migrate()
    return db


def _pictures_dir(db: Database, args: argparse.Namespace) -> Path:
    """The picture store, once any picture bytes an older version kept in the database are in it."""
    folder = paths.pictures_dir(db.url, args.pictures_dir)
    moved, left = move_legacy_chunks(db, PictureStore(folder))
    if moved:
        print(f"Moved {moved} pictures' bytes from the database to {folder}.", file=sys.stderr)
    for sha256 in left:
        print(f"Picture {sha256} is damaged in the database and was not moved.", file=sys.stderr)
    return folder


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from syncserver.app import create_app

    if bool(args.certfile) != bool(args.keyfile):
        print("Give both --certfile and --keyfile, or neither.", file=sys.stderr)
        return 2
    db = _open(args)
    folder = _pictures_dir(db, args)
    swept = pictures.sweep_leftovers(db, PictureStore(folder), time.time())
    if swept:
        print(f"Deleted {swept} files that unfinished or interrupted uploads left in {folder / 'partial'}.",
              file=sys.stderr)  # fmt: skip
    app = create_app(db, folder)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        proxy_headers=args.behind_proxy,
        forwarded_allow_ips="127.0.0.1" if args.behind_proxy else None,
        log_level="info",
    )
    return 0


def _table(rows: Sequence[Sequence[object]], headings: Sequence[str]) -> None:
    cells = [list(map(str, headings))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headings))]
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _add_worker(db: Database, args: argparse.Namespace) -> None:
    accounts.add_worker(db, args.username, args.name)
    print(f"Added worker {args.username}.")


def _enrol_device(db: Database, args: argparse.Namespace) -> None:
    device_id, code = accounts.create_device(db, args.username, args.label, args.valid_hours)
    print(f"Device id:        {device_id}")
    print(f"Enrolment code:   {code}")
    print(f"The code works once, within {args.valid_hours:g} hours. Give it to the worker in person.")


def _revoke(db: Database, args: argparse.Namespace) -> None:
    accounts.revoke_device(db, args.device_id)
    print(f"Revoked device {args.device_id}. At its next contact it is told to delete its data.")


def _assign(db: Database, args: argparse.Namespace) -> None:
    changed = accounts.assign(db, args.child_id, args.username)
    print(f"Assigned {args.child_id} to {args.username}." if changed else "That child was already assigned.")


def _unassign(db: Database, args: argparse.Namespace) -> None:
    changed = accounts.unassign(db, args.child_id, args.username)
    print(f"Unassigned {args.child_id} from {args.username}." if changed else "That child was not assigned.")


def _list(db: Database, args: argparse.Namespace) -> None:
    if args.what == "workers":
        _table(accounts.list_workers(db), ("USERNAME", "NAME", "CHILDREN"))
    elif args.what == "devices":
        _table(accounts.list_devices(db), ("DEVICE", "WORKER", "LABEL", "STATE", "LAST SEEN"))
    else:
        _table(accounts.list_assignments(db), ("WORKER", "CHILD", "SINCE"))


def _migrate(db: Database, args: argparse.Namespace) -> None:
    _pictures_dir(db, args)
    print(f"Schema is at version {db.schema_version()}.")


def _check_pictures(db: Database, args: argparse.Namespace) -> int:
    folder = _pictures_dir(db, args)
    checked, problems = pictures.check_store(db, PictureStore(folder))
    for problem in problems:
        print(f"{problem.problem}: picture {problem.sha256} of child {problem.child_id} ({problem.path})")
    if problems:
        print(f"{len(problems)} of {checked} complete pictures are missing or damaged in {folder}.")
        return 1
    print(f"All {checked} complete pictures are present and correct in {folder}.")
    return 0


def _admin(args: argparse.Namespace) -> int:
    action: Callable[[Database, argparse.Namespace], int | None] = args.action
    db = _open(args)
    try:
        return action(db, args) or 0
    except accounts.AdminError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        db.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visitapp-server", description="The VisitApp organisation sync server."
    )
    db_help = (
        f"sqlite:///PATH or postgresql://… (also {paths.ENV_DATABASE_URL}; default: a SQLite file in the"
        " data dir)"
    )
    pictures_help = (
        f"folder for picture files (also {paths.ENV_PICTURES_DIR}; default: '{paths.PICTURES_FOLDER}' next to"
        " the SQLite file, or in the data dir for PostgreSQL); every server on one database must share it"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the sync API")
    serve.add_argument("--database-url", help=db_help)
    serve.add_argument("--pictures-dir", help=pictures_help)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8443, help="port to listen on (default 8443)")
    serve.add_argument("--certfile", help="TLS certificate chain (PEM)")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument(
        "--behind-proxy", action="store_true", help="trust X-Forwarded-* from a proxy on 127.0.0.1"
    )
    serve.set_defaults(handler=_serve)

    admin = commands.add_parser("admin", help="manage workers, devices and children")
    admin.add_argument("--database-url", help=db_help)
    admin.set_defaults(handler=_admin)
    actions = admin.add_subparsers(dest="admin_command", required=True, metavar="ACTION")

    cmd = actions.add_parser("add-worker", help="add a social worker")
    cmd.add_argument("username")
    cmd.add_argument("--name", default="", help="full name, shown only to administrators")
    cmd.set_defaults(action=_add_worker)

    cmd = actions.add_parser("enrol-device", help="make a one-time enrolment code for a worker's laptop")
    cmd.add_argument("username")
    cmd.add_argument("--label", default="", help="e.g. the laptop's asset tag")
    cmd.add_argument("--valid-hours", type=float, default=72, help="how long the code works (default 72)")
    cmd.set_defaults(action=_enrol_device)

    cmd = actions.add_parser("revoke-device", help="revoke a device; it is told to wipe its data")
    cmd.add_argument("device_id")
    cmd.set_defaults(action=_revoke)

    cmd = actions.add_parser("assign", help="assign a child to a worker")
    cmd.add_argument("child_id")
    cmd.add_argument("username")
    cmd.set_defaults(action=_assign)

    cmd = actions.add_parser("unassign", help="take a child away from a worker")
    cmd.add_argument("child_id")
    cmd.add_argument("username")
    cmd.set_defaults(action=_unassign)

    cmd = actions.add_parser("list", help="list workers, devices or assignments")
    cmd.add_argument("what", choices=("workers", "devices", "assignments"))
    cmd.set_defaults(action=_list)

    cmd = actions.add_parser("migrate", help="bring the database schema up to date and show its version")
    cmd.add_argument("--pictures-dir", help=pictures_help)
    cmd.set_defaults(action=_migrate)

    cmd = actions.add_parser(
        "check-pictures", help="check every complete picture's file is there with the right bytes"
    )
    cmd.add_argument("--pictures-dir", help=pictures_help)
    cmd.set_defaults(action=_check_pictures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
