"""The note to the child: composing, plain-language checks, readability, glossary."""
