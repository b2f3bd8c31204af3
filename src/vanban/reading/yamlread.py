"""Safe YAML with locations: every key's line, duplicate keys refused, dates left as text.

PyYAML silently keeps the last of two equal keys and turns 2025-02-30 into an
exception without a field; both must be reported as problems instead. Anchors,
aliases and explicit tags are refused before anything is built: a few hundred bytes
of aliases expand to gigabytes, and ``!!int abc`` fails inside the constructor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# libyaml's parser when the wheel has it: the pure-Python one is most of a build's load time.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without implicit timestamps: dates stay strings and are checked by us."""


def _int(loader, node):
    """An integer longer than any real value stays text: Python refuses to print ints of over
    4,300 digits, and 0x… of a few thousand characters is one."""
    if len(node.value) > 30:
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
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

    def field_at(self, line: int) -> str | None:
        """The innermost key whose value is written at ``line``, or None."""
        best = max((k for k, v in self.lines.items() if v <= line and not isinstance(k[-1], int)),
                   key=lambda k: (self.lines[k], len(k)), default=None)
        return ".".join(map(str, best)) if best else None

    def line(self, *path, default: int = 1) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return default


_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
MAX_DEPTH = 20  # front matter nests two levels; this bounds the recursion of the walk


def read_yaml(text: str, first_line: int = 1) -> Located:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    out = Located()
    offset = first_line  # marks are 0-based
    breaks = _YAML_ONLY_BREAK.search(text)
    if breaks:  # YAML would count it as a line break and every later line would be off
        out.errors.append((first_line + text.count("\n", 0, breaks.start()), None,
                           f"ký tự ngắt dòng đặc biệt U+{ord(breaks.group()):04X} không được dùng; hãy xóa nó"))
        return out
    try:
        refused, stop = _refused_tokens(text, offset)
        if stop:  # walking shared (aliased) nodes is what explodes: stop before composing
            out.errors.extend((line, None, msg) for line, msg in refused)
            return out
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return out
            _walk(node, (), offset, out)
            if refused:  # a tag: now the field it stands in is known
                out.errors.extend((line, out.field_at(line), msg) for line, msg in refused)
                return out
            # A key given twice is reported, and the data still built (the last one wins, as
            # in PyYAML), so that one slip in units.yml does not hide every other check.
            out.data = _construct(loader, node, offset, out)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        out.errors.append(_describe(e, offset, first_line, text))
    except yaml.reader.ReaderError as e:  # a character YAML refuses: its line, from its position
        out.errors.append((first_line + text.count("\n", 0, e.position), None,
                           f"ký tự U+{e.character if isinstance(e.character, int) else ord(e.character):04X} không được dùng; hãy xóa nó"))
    except yaml.YAMLError as e:
        out.errors.append((first_line, None, f"YAML không hợp lệ ({str(e).splitlines()[0]})"))
    return out


def _refused_tokens(text: str, offset: int) -> tuple[list[tuple[int, str]], bool]:
    """Anchors, aliases, tags and deep nesting, found by the scanner alone (linear in the text):
    ([(line, message)], whether to stop before composing: an alias or too deep a nesting)."""
    loader = _Loader(text)
    depth, found, stop = 0, [], False
    try:
        while loader.check_token():
            token = loader.get_token()
            line = token.start_mark.line + offset
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign, stop = "&" if isinstance(token, yaml.AnchorToken) else "*", True
                found.append((line, f"không dùng neo/bí danh YAML '{sign}{token.value}'; hãy viết đầy đủ giá trị "
                                    "(nếu đó là chữ, đặt trong dấu nháy kép)"))
            elif isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                found.append((line, f"không dùng thẻ YAML '{(handle or '')}{suffix}'; "
                                    "hãy viết thẳng giá trị (chữ thì để trong dấu nháy kép)"))
            elif isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                    yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    found.append((line, f"lồng nhau quá {MAX_DEPTH} cấp"))
                    stop = True
                    break
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
            if len(found) >= 20:
                break  # enough to show what is wrong
    finally:
        loader.dispose()
    return found, stop


def _construct(loader, node, offset: int, out: Located):
    """Build the data one top-level entry at a time, so that a value Python refuses (a
    5,000-digit number) is a problem of its own key, not a traceback."""
    if not isinstance(node, yaml.MappingNode):
        data = _build(loader, node, node, (), offset, out)
        return None if data is _FAILED else data
    data = {}
    for key_node, value_node in node.value:
        key = _build(loader, key_node, key_node, (), offset, out)
        if key is _FAILED:
            continue
        try:
            hash(key)
        except TypeError:
            out.errors.append((key_node.start_mark.line + offset, None, "tên trường phải là chữ"))
            continue
        value = _build(loader, value_node, key_node, (key,), offset, out)
        if value is not _FAILED:
            data[key] = value
    return data


_FAILED = object()


def _build(loader, node, at, path: tuple, offset: int, out: Located):
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError, RecursionError, yaml.YAMLError):
        name = ".".join(map(str, path)) or None
        out.errors.append((at.start_mark.line + offset, name, "giá trị không đọc được; nếu là chữ, "
                                                              "hãy để trong dấu nháy kép"))
        return _FAILED


def _walk(node, path: tuple, offset: int, out: Located) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "[khóa không phải chữ]"
            line = key_node.start_mark.line + offset
            name = ".".join(str(p) for p in (*path, key))
            if key in seen:
                out.errors.append((line, name, f"đã ghi ở dòng {seen[key]}; mỗi mục chỉ được ghi một lần"))
                continue
            seen[key] = line
            out.lines[(*path, key)] = line
            _walk(value_node, (*path, key), offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out.lines[(*path, i)] = item.start_mark.line + offset
            _walk(item, (*path, i), offset, out)


def _describe(e: yaml.MarkedYAMLError, offset: int, first_line: int, text: str) -> tuple[int, None, str]:
    """Where the broken construct began is where a clerk looks; what to do is said in Vietnamese."""
    if isinstance(e, yaml.constructor.ConstructorError):
        line = e.problem_mark.line + offset if e.problem_mark else first_line
        return line, None, f"YAML không hợp lệ: {e.problem}"
    begin, broke = e.context_mark, e.problem_mark
    mark = broke or begin
    line = mark.line + offset if mark else first_line
    row = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
    problem = e.problem or ""
    if "cannot start any token" in problem:
        char = text[mark.index] if mark and mark.index < len(text) else ""
        if char == "\t":
            return line, None, ("có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề: hãy thay Tab bằng "
                                "hai dấu cách")
        return line, None, (f"giá trị không được bắt đầu bằng '{char}'; hãy đặt cả giá trị trong "
                            "dấu nháy kép")
    if "mapping values are not allowed" in problem:
        if row.count(": ") > 1 or re.search(r":\s*\S.*:\s", row):
            return line, None, ("có hai dấu ':' trên một dòng; nếu giá trị có dấu ':' (như 'Số: 19-TB/ĐU'), "
                                "hãy bỏ chữ 'Số:' hoặc đặt cả giá trị trong dấu nháy kép")
        return line, None, ("dấu ':' không đúng chỗ: kiểm tra dòng này và dòng trên (thiếu dấu ':' sau "
                            "tên trường, hay thụt lề lệch so với các dòng cùng nhóm)")
    if "unexpected end of stream" in problem and begin:
        return (begin.line + offset, None,
                "dấu nháy mở ở dòng này chưa được đóng; thêm dấu nháy đóng ở cuối giá trị")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        close = "]" if "]" in problem else "}"
        return (begin.line + offset if begin else line, None,
                f"danh sách mở bằng '{'[' if close == ']' else '{'}' chưa đóng bằng '{close}' trên cùng dòng")
    if "unknown escape character" in problem:
        return line, None, ("dấu '\\' trong dấu nháy kép; hãy dùng dấu nháy đơn (') hoặc bỏ dấu '\\'")
    if "did not find expected key" in problem or "could not find expected ':'" in problem:
        if "could not find expected ':'" in problem and begin:
            line = begin.line + offset  # the line without its colon, not the one after
        return line, None, ("thụt lề không thẳng hàng hoặc thiếu dấu ':' sau tên trường; các dòng cùng "
                            "nhóm phải thụt vào bằng nhau (bằng dấu cách)")
    if "did not find expected '-'" in problem:
        return line, None, "các mục của danh sách phải thẳng hàng, mỗi mục bắt đầu bằng '- '"
    detail = ", ".join(t for t in (e.context, e.problem) if t)
    return line, None, f"YAML không hợp lệ ở dòng này ({detail})"
