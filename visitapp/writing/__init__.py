"""The note to the child: composing, plain-language checks, readability, glossary.

Entry points: ``checker.check_letter`` (findings plus readability), ``readability.readability``,
``glossary.load_glossary`` (built-in terms with a council's own files merged over them).
"""
