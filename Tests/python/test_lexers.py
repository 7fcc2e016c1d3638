"""The Pygments lexer (jupyter/conv_kernel/lexer.py) and the TextMate grammar
(editors/conv.tmLanguage.json) for conv code."""
import importlib
import json
import re
import sys
import tomllib

import pytest
from pygments.token import Error, Keyword, Name, Number, String

from conftest import ROOT

sys.path.insert(0, str(ROOT / "jupyter"))

from conv_kernel.lexer import BUILTINS, CONSTANTS, MODULES, PYTHON_KEYWORDS, ConvLexer  # noqa: E402

SAMPLES = sorted((ROOT / "Samples").glob("*.conv"))
GRAMMAR = json.loads((ROOT / "editors" / "conv.tmLanguage.json").read_text())


def tokens(code):
    return list(ConvLexer().get_tokens(code))


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.stem for sample in SAMPLES])
def test_every_sample_lexes_without_error_tokens(sample):
    text = sample.read_text()
    result = tokens(text)
    assert [value for token, value in result if token in Error] == []
    # Pygments ends the text with a line break; every character comes back in a token.
    assert "".join(value for _, value in result) == (text if text.endswith("\n") else text + "\n")


def test_words_python_statements_and_f_strings():
    result = [(token, value) for token, value in tokens(
        'let x = [2., .5, 1e-3]\nfn smooth(v) = v\ndef f(a):\n    for i in range(3): pass\n'
        'class M: pass\nexplain shape m(L=64)\ny = f"L={len(x)} {{x}}"\n:vars\n# done\n') if value.strip()]
    assert (Keyword, "let") in result and (Keyword, "def") in result and (Keyword, "for") in result
    assert (Keyword, "class") in result and (Keyword, "shape") in result
    assert (Name.Function, "smooth") in result and (Name.Function, "f") in result
    assert [value for token, value in result if token in Number] == ["2.", ".5", "1e-3", "3", "64"]
    assert (String.Affix, "f") in result and (String.Interpol, "{") in result and (Name.Builtin, "len") in result
    assert (String.Escape, "{{") in result
    assert (Keyword.Pseudo, ":vars") in result


def test_every_builtin_conv_knows_is_highlighted(conv):
    overview = conv("-e", "help()").stdout
    # help() lists the builtins by topic: a topic name, then its builtins (lines may continue).
    listed = overview.split("Builtins by topic")[1].split("\n", 1)[1].split("\n\n")[0]
    names = {word for line in listed.splitlines() for word in line[15:].split()}
    # `explain` is listed with its topic, but it is a keyword, not a builtin.
    names.discard("explain")
    assert len(names) > 40 and names <= set(BUILTINS), names - set(BUILTINS)


def test_the_entry_point_names_the_lexer():
    project = tomllib.loads((ROOT / "jupyter" / "pyproject.toml").read_text())
    target = project["project"]["entry-points"]["pygments.lexers"]["conv"]
    module, attribute = target.split(":")
    assert getattr(importlib.import_module(module), attribute) is ConvLexer
    assert ConvLexer.aliases == ["conv"] and ConvLexer.filenames == ["*.conv"] and ConvLexer.mimetypes == ["text/x-conv"]


def grammar_rules(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from grammar_rules(value)
    elif isinstance(node, list):
        for value in node:
            yield from grammar_rules(value)


def test_the_textmate_grammar_is_complete_and_its_patterns_compile():
    assert GRAMMAR["scopeName"] == "source.conv" and GRAMMAR["fileTypes"] == ["conv"]
    for rule in grammar_rules(GRAMMAR):
        for key in ("match", "begin", "end"):
            if key in rule:
                re.compile(rule[key])
        include = rule.get("include", "")
        if include.startswith("#"):
            assert include[1:] in GRAMMAR["repository"], include
    text = json.dumps(GRAMMAR)
    for word in BUILTINS + CONSTANTS + MODULES + PYTHON_KEYWORDS + ("let", "fn", "explain"):
        assert re.search(rf"[|(]{re.escape(word)}[|)]", text), word
