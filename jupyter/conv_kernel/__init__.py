"""A Jupyter kernel for conv: a wrapper around `conv --serve` (docs/serve.md), and a Pygments
lexer for conv code."""

__version__ = "0.1.0"
