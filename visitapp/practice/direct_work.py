"""Direct-work tools, read from ``resources/direct_work_tools.toml`` (plus a council's own local file)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from visitapp.paths import resources_dir


class ToolFileError(ValueError):
    """A tools file that cannot be used; the message names the tool and the problem."""


@dataclass(frozen=True)
class ToolField:
    key: str
    label: str
    prompt: str = ""
    kind: str = "words"  # "words", "score" (0-10) or "choice"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class DirectWorkTool:
    key: str
    label: str
    ages: str
    about: str
    fields: tuple[ToolField, ...]

    def check_answers(self, answers: dict[str, str]) -> str | None:
        """None when the answers fit the tool; otherwise a plain message saying what is wrong."""
        known = {f.key: f for f in self.fields}
        for key, value in answers.items():
            spec = known.get(key)
            if spec is None:
                return f"{self.label} has no question called {key!r}."
            if spec.kind == "score" and value and (not value.isdigit() or not 0 <= int(value) <= 10):
                return f"{spec.label}: choose a whole number from 0 to 10."
            if spec.kind == "choice" and value and value not in spec.choices:
                return f"{spec.label}: choose one of {', '.join(spec.choices)}."
        if not any(v.strip() for v in answers.values()):
            return "Nothing was written down for this tool yet."
        return None


def _tool(key: str, table: dict, source: str) -> DirectWorkTool:
    try:
        fields = tuple(
            ToolField(key=str(f["key"]), label=str(f["label"]), prompt=str(f.get("prompt", "")),
                      kind=str(f.get("kind", "words")), choices=tuple(str(c) for c in f.get("choices", ())))
            for f in table["fields"]
        )  # fmt: skip
        ages, about = str(table.get("ages", "")), str(table.get("about", ""))
        tool = DirectWorkTool(key, str(table["label"]), ages, about, fields)
    except (KeyError, TypeError) as exc:
        raise ToolFileError(f"{source}: [{key}] is missing {exc}.") from exc
    for f in tool.fields:
        if f.kind not in {"words", "score", "choice"} or (f.kind == "choice" and not f.choices):
            raise ToolFileError(f"{source}: [{key}] field {f.key!r} has a kind this version does not know.")
    return tool


def load_tools(extra: Path | None = None) -> dict[str, DirectWorkTool]:
    with open(resources_dir() / "direct_work_tools.toml", "rb") as handle:
        tools = {k: _tool(k, t, "direct_work_tools.toml") for k, t in tomllib.load(handle).items()}
    if extra is not None and extra.exists():
        try:
            local = tomllib.loads(extra.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ToolFileError(f"{extra.name} cannot be read: {exc}") from exc
        tools.update({k: _tool(k, t, extra.name) for k, t in local.items()})
    return tools
