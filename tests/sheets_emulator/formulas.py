"""Formula evaluation for the emulator: arithmetic (`+ - * /`, unary minus, parentheses, `&`, comparisons) over
numbers, text, cell references and the functions staff commonly use (SUM, COUNTA, COUNTIF, IF). Anything else is
an honest `#NAME?` — a test that depends on it fails instead of passing on a made-up value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<ref>(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?
        (?:\$?[A-Za-z]{1,3}\$?\d*:\$?[A-Za-z]{1,3}\$?\d*|\$?[A-Za-z]{1,3}\$?\d+))(?![\w(!])
  | (?P<name>[A-Za-z_][\w.]*)
  | (?P<op><=|>=|<>|[-+*/&=<>(),;^%])
    )""",
    re.X,
)


@dataclass(frozen=True)
class Error:
    code: str
    type: str
    message: str


NAME = Error("#NAME?", "NAME", "Unknown function or unsupported formula.")
VALUE = Error("#VALUE!", "VALUE", "Function expects a number; text cannot be coerced.")
DIV0 = Error("#DIV/0!", "DIVIDE_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
REF = Error("#REF!", "REF", "Reference does not exist or is circular.")
N_A = Error("#N/A", "N_A", "Wrong number of arguments.")


class _Fail(Exception):
    def __init__(self, error: Any) -> None:
        super().__init__(getattr(error, "code", str(error)))
        self.error = error


@dataclass
class Context:
    """How the evaluator reaches the sheet: one cell's effective value, a range's non-blank effective values,
    whether a value is a formula error, an error of the sheet's own kind, and COUNTIF's criterion test."""

    cell: Callable[[str], Any]
    range_values: Callable[[str], list[Any]]
    is_error: Callable[[Any], bool]
    make_error: Callable[[Error], Any]
    matches: Callable[[Any, Any], bool]


class _Parser:
    def __init__(self, text: str, ctx: Context) -> None:
        self.ctx = ctx
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise _Fail(ctx.make_error(NAME))
            kind = m.lastgroup or ""
            value = re.sub(r"\s+", "", m.group(kind)) if kind == "ref" else m.group(kind).strip()
            self.tokens.append((kind, value))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.i += 1
        return token

    def expect(self, op: str) -> None:
        if self.take() != ("op", op):
            raise _Fail(self.ctx.make_error(NAME))

    # grammar: comparison > concat > additive > term > unary > power > primary
    def comparison(self) -> Any:
        left = self.concat()
        while self.peek()[0] == "op" and self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            left = _compare(op, self.scalar(left), self.scalar(self.concat()), self.ctx)
        return left

    def concat(self) -> Any:
        left = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            a, b = self.scalar(left), self.scalar(self.additive())
            left = _text(a) + _text(b)
        return left

    def additive(self) -> Any:
        left = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-" and self.peek()[1]:
            op = self.take()[1]
            a, b = self.number(left), self.number(self.term())
            left = a + b if op == "+" else a - b
        return left

    def term(self) -> Any:
        left = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            a, b = self.number(left), self.number(self.unary())
            if op == "/" and b == 0:
                raise _Fail(self.ctx.make_error(DIV0))
            left = a * b if op == "*" else a / b
        return left

    def unary(self) -> Any:
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = self.take()[1]
            value = self.number(self.unary())
            return -value if sign == "-" else value
        value = self.primary()
        if self.peek() == ("op", "%"):
            self.take()
            return self.number(value) / 100
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return _Ref(text)
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take()
                args: list[Any] = []
                if self.peek() != ("op", ")"):
                    args.append(self.argument())
                    while self.peek()[0] == "op" and self.peek()[1] in (",", ";"):
                        self.take()
                        args.append(self.argument())
                self.expect(")")
                return self.call(text.upper(), args)
            if text.upper() in ("TRUE", "FALSE"):
                return text.upper() == "TRUE"
            raise _Fail(self.ctx.make_error(NAME))
        if (kind, text) == ("op", "("):
            value = self.comparison()
            self.expect(")")
            return value
        raise _Fail(self.ctx.make_error(NAME))

    def argument(self) -> Any:
        if self.peek()[0] == "op" and self.peek()[1] in (",", ";", ")"):
            return None  # an empty argument
        return self.comparison()

    # --- values ---------------------------------------------------------------------------------

    def scalar(self, value: Any) -> Any:
        if isinstance(value, _Ref):
            if ":" in value.text:
                raise _Fail(self.ctx.make_error(VALUE))
            value = self.ctx.cell(value.text)
        if self.ctx.is_error(value):
            raise _Fail(value)
        return value

    def number(self, value: Any) -> int | float:
        value = self.scalar(value)
        if value is None:
            return 0
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, float)):
            return value
        try:
            return float(str(value).strip())
        except ValueError:
            raise _Fail(self.ctx.make_error(VALUE)) from None

    def values(self, value: Any) -> list[Any]:
        if isinstance(value, _Ref):
            return self.ctx.range_values(value.text) if ":" in value.text else [self.ctx.cell(value.text)]
        return [value]

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "SUM" and args:
            total: int | float = 0
            for arg in args:
                direct = not isinstance(arg, _Ref)
                for value in self.values(arg):
                    if self.ctx.is_error(value):
                        raise _Fail(value)
                    if direct and not isinstance(value, (int, float)):
                        total += self.number(value)  # a literal argument is coerced; text in a range is skipped
                    elif isinstance(value, (int, float)) and not isinstance(value, bool):
                        total += value
            return total
        if name == "COUNTA" and args:
            return sum(
                sum(1 for v in self.values(a) if not (v is None or (isinstance(v, str) and v == ""))) for a in args
            )
        if name == "COUNTIF" and len(args) == 2:
            criterion = self.scalar(args[1])
            return sum(
                1
                for v in self.values(args[0])
                if not self.ctx.is_error(v) and self.ctx.matches(v, "" if criterion is None else criterion)
            )
        if name == "IF" and len(args) in (2, 3):
            condition = self.scalar(args[0])
            if isinstance(condition, str):
                raise _Fail(self.ctx.make_error(VALUE))
            chosen = args[1] if condition else (args[2] if len(args) == 3 else False)
            chosen = self.scalar(chosen)
            return "" if chosen is None else chosen
        raise _Fail(self.ctx.make_error(NAME))


@dataclass(frozen=True)
class _Ref:
    text: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _compare(op: str, a: Any, b: Any, ctx: Context) -> bool:
    def key(v: Any) -> tuple[int, Any]:
        if v is None:
            return (0, 0)
        if isinstance(v, bool):
            return (2, v)
        if isinstance(v, (int, float)):
            return (0, v)
        return (1, str(v).casefold())

    ka, kb = key(a), key(b)
    if a is None and isinstance(b, str):
        ka = (1, "")
    if b is None and isinstance(a, str):
        kb = (1, "")
    return {"=": ka == kb, "<>": ka != kb, "<": ka < kb, ">": ka > kb, "<=": ka <= kb, ">=": ka >= kb}[op]


def evaluate(text: str, ctx: Context) -> Any:
    """The value of `=...`: a number, text, boolean, or the context's error value."""
    body = text[1:] if text.startswith("=") else text
    try:
        parser = _Parser(body, ctx)
        if not parser.tokens:
            return ctx.make_error(NAME)
        value = parser.comparison()
        if parser.peek()[0] != "end":
            return ctx.make_error(NAME)
        value = parser.scalar(value)
    except _Fail as failure:
        return failure.error
    except (RecursionError, OverflowError):
        return ctx.make_error(NAME)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return "" if value is None else value
