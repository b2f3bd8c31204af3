"""Safe YAML with locations: every key's line, duplicate keys refused, dates left as text.

PyYAML silently keeps the last of two equal keys and turns 2025-02-30 into an
exception without a field; both must be reported as problems instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# libyaml's parser when the wheel has it: the pure-Python one is most of a build's load time.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without implicit timestamps: dates stay strings and are checked by us."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """Parsed YAML with the 1-based file line of every key path, e.g. ("signer", "name")."""

    data: object = None
    lines: dict[tuple, int] = field(default_factory=dict)
    errors: list[tuple[int, str | None, str]] = field(default_factory=list)  # (line, field, message)

    def line(self, *path, default: int = 1) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return default


def read_yaml(text: str, first_line: int = 1) -> Located:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    out = Located()
    offset = first_line  # marks are 0-based
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return out
        _walk(node, (), offset, out)
        # A key given twice is reported, and the data still built (the last one wins, as
        # in PyYAML), so that one slip in units.yml does not hide every other check.
        out.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        out.errors.append(_describe(e, offset, first_line))
    except yaml.YAMLError as e:
        out.errors.append((first_line, None, f"invalid YAML: {e}"))
    finally:
        loader.dispose()
    return out


def _walk(node, path: tuple, offset: int, out: Located) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + offset
            name = ".".join(str(p) for p in (*path, key))
            if key in seen:
                out.errors.append((line, name, f"key given twice (first at line {seen[key]})"))
                continue
            seen[key] = line
            out.lines[(*path, key)] = line
            _walk(value_node, (*path, key), offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out.lines[(*path, i)] = item.start_mark.line + offset
            _walk(item, (*path, i), offset, out)


def _describe(e: yaml.MarkedYAMLError, offset: int, first_line: int) -> tuple[int, None, str]:
    """Where the broken construct began is where a clerk looks; where it broke goes in the text."""
    if isinstance(e, yaml.constructor.ConstructorError):
        line = e.problem_mark.line + offset if e.problem_mark else first_line
        return line, None, f"invalid YAML: {e.problem}; tags that build objects are not allowed"
    begin, broke = e.context_mark, e.problem_mark
    if begin and broke and begin.line != broke.line:
        return (begin.line + offset, None,
                f"invalid YAML: {e.context} here, {e.problem} at line {broke.line + offset}")
    mark = broke or begin
    text = ", ".join(t for t in (e.context, e.problem) if t)
    return (mark.line + offset if mark else first_line), None, f"invalid YAML: {text}"
