"""Word lists the people checks share: roles, family words, and capitalised words that are not people."""

from __future__ import annotations

import re

# Words that say who someone is to the child (or to someone else): "your teacher", "Mum's worker".
ROLE_NOUNS = frozenset(
    """
    mum mummy mom mother dad daddy father stepmum stepdad step-mum step-dad stepmother stepfather parent
    parents nan nana nanny gran granny grandma grandmother grandad granddad grandpa grandfather grandparent
    grandparents
    brother brothers sister sisters half-brother half-sister stepbrother stepsister baby cousin cousins aunt
    auntie aunty uncle niece nephew son daughter partner boyfriend girlfriend husband wife friend friends
    neighbour neighbor teacher teachers headteacher head assistant ta carer carers worker workers manager
    doctor nurse visitor midwife therapist counsellor psychologist officer officers police judge guardian
    adviser advisor mentor coach childminder tutor lawyer solicitor interpreter dog cat puppy kitten pet
    rabbit hamster guinea pig fish horse godmother godfather godparent classmate boss colleague student deputy
    volunteer leader caretaker keyworker reviewing chair iro senco
    """.split()
)

# Family words that are a role on their own, and may stand before a name ("Auntie Beth", "Nan Sally").
KIN_TITLES = frozenset(
    """
    mum mummy dad daddy nan nana nanny gran granny grandma grandad grandpa auntie aunty aunt uncle cousin
    """.split()
)

TITLES = frozenset("mr mrs ms miss mx dr".split())

# Capitalised words that start sentences or name things, not people.
NOT_NAMES = frozenset(
    """
    i i'm i've i'll i'd a an the and but or so if as at in on to of for from by with about after before when
    while then than that this these those there here what who whom why how where which it its it's we our
    us you your yours he she his her him they them their my me mine all some any one every each no not yes
    also because since until today yesterday tomorrow tonight next last this soon later now later first
    dear hi hello hey love best thank thanks thankyou from take see speak bye yours kind regards please well
    lots sorry good great happy hope remember just even still maybe mum mummy dad daddy nan nana nanny gran
    granny grandma grandad grandpa grandmother grandfather auntie aunty uncle god
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december christmas easter eid diwali halloween ramadan hanukkah
    english maths math science art music history geography french spanish pe re year reception nursery
    school college centre center park road street hospital court council team service services
    ps ok tv uk picture photo drawing
    """.split()
)

# Proper nouns followed by these are places or organisations ("Hill Top School", "Turning Point").
PLACE_WORDS = frozenset(
    """
    school academy college centre center park road street lane avenue close hospital court council team
    services service point surgery library club primary nursery house church mosque temple gurdwara
    station zoo farm cinema shop store cafe restaurant pool leisure unit ward clinic trust hall estate
    """.split()
)

CHILD_PHRASE_RE = re.compile(
    r"\b(?:the|this)\s+(?:child|young\s+person|subject|minor|service\s+user|infant)(?:['\u2019]s)?\b",
    re.IGNORECASE,
)

SIGN_OFF_RE = re.compile(
    r"^\s*(?:love(?:\s+from)?|best\s+wishes|with\s+best\s+wishes|from|take\s+care|see\s+you\s+soon|"
    r"yours(?:\s+sincerely)?|kind\s+regards|regards|bye\s+for\s+now|speak\s+soon|warm\s+wishes)"
    r"\b[^\n.!?]{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)


def signature_start(text: str) -> int:
    """Where the sign-off begins (the worker's name and job follow it); the end of the text if none."""
    matches = list(SIGN_OFF_RE.finditer(text))
    if matches and text.count("\n", matches[-1].start()) <= 4:
        return matches[-1].start()
    lines = text.rstrip().split("\n")
    last = lines[-1] if lines else ""
    if len(lines) > 1 and len(last.split()) <= 8 and not re.search(r"[.!?]\s*$", last):
        return len(text.rstrip()) - len(last)
    return len(text)
