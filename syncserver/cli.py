"""The ``visitapp-server`` command: ``serve`` runs the API, ``admin …`` manages workers, devices and children.

Admin commands talk to the database directly (run them on the server, as the account that owns it); they
never need the API to be running. Both run the schema migrations first.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import platformdirs

from syncserver import accounts
from syncserver.db import Database

ENV_DATABASE_URL = "VISITAPP_SERVER_DATABASE_URL"


def default_database_url() -> str:
    folder = Path(platformdirs.user_data_dir("VisitApp Server", appauthor=False))
    return "sqlite:///" + str(folder / "visitapp-server.db")


def _open(args: argparse.Namespace) -> Database:
    url = args.database_url or os.environ.get(ENV_DATABASE_URL) or default_database_url()
    try:
        db = Database(url)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    db.migrate()
    return db


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from syncserver.app import create_app

    if bool(args.certfile) != bool(args.keyfile):
        print("Give both --certfile and --keyfile, or neither.", file=sys.stderr)
        return 2
    app = create_app(_open(args))
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


def _migrate(db: Database, _args: argparse.Namespace) -> None:
    print(f"Schema is at version {db.schema_version()}.")


def _admin(args: argparse.Namespace) -> int:
    action: Callable[[Database, argparse.Namespace], None] = args.action
    db = _open(args)
    try:
        action(db, args)
    except accounts.AdminError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="visitapp-server", description="The VisitApp organisation sync server."
    )
    db_help = (
        f"sqlite:///PATH or postgresql://… (also {ENV_DATABASE_URL}; default: a SQLite file in the data dir)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the sync API")
    serve.add_argument("--database-url", help=db_help)
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
    cmd.set_defaults(action=_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
