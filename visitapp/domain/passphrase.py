"""What we accept as a passphrase, and how we explain it to the worker."""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 12

GUIDANCE = (
    "Use at least 12 characters. Three or four ordinary words that have nothing to do with each other "
    "work well and are easy to type on a doorstep, for example: kettle orbit daffodil rain. "
    "Do not use your name, your team, or a password you use anywhere else."
)

# Very common choices, checked after lower-casing and removing spaces. Short on purpose: the length rule
# already refuses most weak passphrases; this catches the long-but-obvious ones.
_COMMON = {
    "password1234",
    "passwordpassword",
    "123456789012",
    "qwertyuiopas",
    "qwertyuiop123",
    "iloveyou1234",
    "letmein12345",
    "socialworker",
    "socialwork123",
    "childrensservices",
    "visitapp1234",
    "welcome12345",
    "changeme1234",
    "abcdefghijkl",
    "correcthorsebatterystaple",
    "trustno1trustno1",
    "football1234",
    "sunshine1234",
    "monkey123456",
    "princess1234",
}


@dataclass(frozen=True)
class PassphraseVerdict:
    ok: bool
    message: str


def check_passphrase(
    passphrase: str, confirm: str | None = None, personal: tuple[str, ...] = ()
) -> PassphraseVerdict:
    """Decide whether a new passphrase is acceptable; ``personal`` holds the worker's name, team and so on."""
    if confirm is not None and passphrase != confirm:
        return PassphraseVerdict(False, "The two passphrases are not the same. Please type them again.")
    if len(passphrase) < MIN_LENGTH:
        return PassphraseVerdict(
            False, f"That is too short: use at least {MIN_LENGTH} characters (you typed {len(passphrase)})."
        )
    squashed = "".join(passphrase.lower().split())
    if squashed in _COMMON or "password" in squashed:
        return PassphraseVerdict(
            False, "That passphrase is too common and easy to guess. Please choose another."
        )
    if len(set(squashed)) <= 3:
        return PassphraseVerdict(False, "That passphrase repeats too few characters. Please choose another.")
    if _is_run(squashed):
        return PassphraseVerdict(False, "That is a simple run of letters or numbers. Please choose another.")
    for word in personal:
        cleaned = "".join(word.lower().split())
        if len(cleaned) >= 4 and cleaned in squashed:
            return PassphraseVerdict(False, "Please do not use your own name or your team in the passphrase.")
    return PassphraseVerdict(True, "")


def _is_run(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return len(steps) == 1 and steps <= {1, -1, 0}
