"""Reading YAML into plain data while remembering the line of every node.

PyYAML's composer gives nodes with start marks; we convert the node tree ourselves into plain
dicts/lists/scalars and keep a `LineMap` from a path inside the document (a tuple of keys and
indexes) to the 1-based line where that value starts. Keys of mappings are recorded too, so a
problem with a field points at the line of its key.

The resolver differs from YAML 1.1's on purpose: only `true`/`false` are booleans (so `yes`,
`no` and `on` stay strings, as form authors mean them), and dates stay strings (answers and
definitions store ISO dates as text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .messages import Message

if TYPE_CHECKING:
    import yaml

Path = tuple[str | int, ...]


@cache
def _form_yaml_loader() -> type:
    """Safe loader with a YAML-1.2-like bool resolver and no timestamp resolver.

    Made at the first document read: PyYAML (~20 ms to import, its regular expressions) is
    not needed by the code that only uses the forms' types, such as the app's first screen.
    """
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML when available

    class _FormYamlLoader(base):  # type: ignore[misc, valid-type]
        pass

    _FormYamlLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _FormYamlLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return _FormYamlLoader


@dataclass
class LineMap:
    """Lines (1-based) of the values and keys in a document, by path."""

    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Iterable[str | int], *, key: bool = True) -> int:
        """The line of `path`; for a path that does not exist, the line of its nearest parent.

        With `key=True` the line of a mapping key is preferred over the line of its value (a
        value on the next line would point one line too far).
        """
        p: Path = tuple(path)
        while True:
            if key and p in self.keys:
                return self.keys[p]
            if p in self.values:
                return self.values[p]
            if not p:
                return 1
            p = p[:-1]


class YamlProblem(Exception):
    """The document could not be read as YAML; `line` is 1-based."""

    def __init__(self, line: int, path: Path, message: Message) -> None:
        super().__init__(message.text("en"))
        self.line = line
        self.path = path
        self.message = message


def load_yaml_with_lines(text: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; return plain data and the lines of its parts.

    Raises `YamlProblem` for invalid YAML and for a key written twice in one mapping.
    """
    import yaml

    lines = LineMap()
    loader = _form_yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        data = _convert(loader, node, (), lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        detail = " ".join(str(exc.problem or exc.context or "").split())
        raise YamlProblem(line, (), Message("invalid_yaml", {"detail": detail})) from None
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise YamlProblem(1, (), Message("invalid_yaml", {"detail": detail})) from None
    finally:
        loader.dispose()
    return data, lines


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: Path, lines: LineMap,
             active: frozenset[int] = frozenset()) -> Any:
    import yaml

    lines.values[path] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in active:
            raise YamlProblem(node.start_mark.line + 1, path, Message("recursive_yaml"))
        active = active | {id(node)}
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (int, float, bool)) or key is None:
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if not isinstance(key, str):
                raise YamlProblem(
                    key_node.start_mark.line + 1, path,
                    Message("invalid_yaml", {"detail": "a key must be a plain text"}),
                )
            child = (*path, key)
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, child,
                                  Message("duplicate_yaml_key", {"key": key}))
            lines.keys[child] = key_node.start_mark.line + 1
            result[key] = _convert(loader, value_node, child, lines, active)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, (*path, i), lines, active) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def format_path(path: Iterable[str | int]) -> str:
    """`('sections', 1, 'questions', 3, 'kind')` → `sections[1].questions[3].kind`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
