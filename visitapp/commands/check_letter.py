"""``visitapp check-letter FILE --age N``: check a letter to a child, from the command line.

Prints each finding as line:col, the words, what is wrong and what to write instead, then the reading age;
``--json`` prints the findings and readability as JSON with character offsets into the file. The exit code is
0 when the check ran (findings are advice, not failures) and 2 when the letter or a glossary cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from visitapp.commands.common import fail
from visitapp.paths import resolve_data_dir
from visitapp.writing.checker import LetterCheck, check_letter
from visitapp.writing.findings import KIND_LABELS
from visitapp.writing.glossary import GlossaryError, load_glossary, local_glossary_path
from visitapp.writing.readability import describe_reading_age
from visitapp.writing.text import line_col


class LetterUnreadable(Exception):
    pass


def _age(value: str) -> int:
    try:
        age = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the age must be a whole number of years, not {value!r}") from None
    if not 0 <= age <= 30:
        raise argparse.ArgumentTypeError("the age must be between 0 and 30")
    return age


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-letter",
        help="check a letter to a child for jargon, long sentences, dates, quotes and reading age",
        description='Check a letter written to a child: jargon and initials, "the child" where "you" '
        "belongs, long sentences, dates in numbers, people without a role, opinions written as facts, "
        "changed quotes, and the reading age.",
    )
    parser.add_argument("file", metavar="FILE", help="the letter, as a UTF-8 text file")
    parser.add_argument("--age", type=_age, required=True, metavar="N", help="the child's age in years")
    parser.add_argument("--child-name", metavar="NAME", help='the child\'s name, to spot it used as "they"')
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--name", action="append", default=[], metavar="NAME", help="a name the child uses for someone"
    )
    parser.add_argument("--worker-name", metavar="NAME", help="the worker who signs the letter")
    parser.add_argument(
        "--quotes", metavar="FILE", help="the child's words as recorded, one quote per line (UTF-8)"
    )
    parser.add_argument(
        "--glossary",
        action="append",
        default=[],
        metavar="PATH",
        help="an extra glossary (TOML) merged over the built-in one; may be given more than once",
    )
    parser.set_defaults(handler=run)


def _read_text(path_text: str, what: str) -> str:
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LetterUnreadable(f"cannot read the {what} {path_text}: there is no such file.") from None
    except IsADirectoryError:
        raise LetterUnreadable(f"cannot read the {what} {path_text}: it is a folder, not a file.") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise LetterUnreadable(f"cannot read the {what} {path_text}: {reason}.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LetterUnreadable(
            f"the {what} {path_text} is not UTF-8 text (unexpected byte at position {exc.start}); "
            "save it as UTF-8 and try again."
        ) from None


def _glossary_paths(args: argparse.Namespace) -> list[Path]:
    paths: list[Path] = []
    local = local_glossary_path(resolve_data_dir(getattr(args, "data_dir", None)))
    if local.is_file():
        paths.append(local)
    paths.extend(Path(extra) for extra in args.glossary)
    return paths


def format_report(text: str, result: LetterCheck, age: int, source: str) -> str:
    """The findings as a social worker would want to read them."""
    lines = [f"Checking {source} for a child aged {age}."]
    for finding in result.findings:
        line, column = line_col(text, finding.start)
        words = " ".join(finding.text.split())
        if len(words) > 70:
            words = words[:67] + "..."
        lines.append(f"{line}:{column}  {KIND_LABELS.get(finding.kind, finding.kind)}: \u201c{words}\u201d")
        lines.append(f"    {finding.message}")
        if finding.suggestion:
            lines.append(f"    Instead: {finding.suggestion}")
    count = len(result.findings)
    lines.append(
        "Nothing to change." if not count else f"{count} thing{'s' if count != 1 else ''} to look at."
    )
    score = result.readability
    lines.append(
        f"Reading age about {score.reading_age:.0f} "
        f"(Flesch\u2013Kincaid grade {score.flesch_kincaid_grade:.1f}, "
        f"Reading Ease {score.flesch_reading_ease:.0f}). {describe_reading_age(score, age)}"
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        text = _read_text(args.file, "letter")
        quotes = (
            [line.strip() for line in _read_text(args.quotes, "quotes file").splitlines()]
            if args.quotes
            else []
        )
        glossary = load_glossary(_glossary_paths(args))
    except LetterUnreadable as exc:
        return fail(str(exc))
    except GlossaryError as exc:
        return fail(str(exc))
    result = check_letter(
        text,
        args.age,
        [args.child_name] if args.child_name else [],
        names=args.name,
        recorded_quotes=[quote for quote in quotes if quote],
        worker_name=args.worker_name,
        glossary=glossary,
    )
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    else:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
        print(format_report(text, result, args.age, args.file))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run this command on its own: ``python -m visitapp.commands.check_letter FILE --age N``."""
    parser = argparse.ArgumentParser(prog="visitapp")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["check-letter", *(sys.argv[1:] if argv is None else argv)])
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
