"""The command line's own words in the user's language: our help texts, and click's ("Usage:", "Error:").

Which language: `--lang` when the command line has it, else `i18n.environment_lang()`
(INCLUSICHECK_LANG, then the locale, else French). Reports keep following --lang / config `lang`.

Our help texts live in the catalogue: `cli.<command>.help` for a command, `cli.<command>.<option>`
for an option, or `cli.option.<option>` for one that several commands share (--lang, --config,
--help). `localise_help` sets them on the commands before click parses anything.

Click says its own words through the standard library's gettext (`from gettext import gettext as
_` in each of its modules), with English msgids and no catalogue of its own. `click_speaks` swaps
those two functions, for the time of a run, for ones that read our catalogue (`click.*` keys,
mapped from click's msgids in CLICK_WORDS); a message click adds or rewords later stays English.
"""
from __future__ import annotations

import gettext
import sys
from contextlib import contextmanager
from functools import lru_cache

import click

from .i18n import LANGS, environment_lang, has, t, translations

HELP_OPTIONS = ["-h", "--help"]
CLICK_WORDS = {  # click's msgid -> our key
    "Usage:": "click.usage",
    "Options": "click.options",
    "Commands": "click.commands",
    "Positional arguments": "click.arguments",
    "Error: {message}": "click.error",
    "Try '{command} {option}' for help.": "click.try_help",
    "No such option {name!r}.": "click.no_such_option",
    "No such command {name!r}.": "click.no_such_command",
    "Did you mean {possibility}?": "click.did_you_mean",
    "(Did you mean one of: {possibilities}?)": "click.did_you_mean_one_of",
    "Missing argument": "click.missing_argument",
    "Missing option": "click.missing_option",
    "Missing parameter": "click.missing_parameter",
    "Missing command.": "click.missing_command",
    "Invalid value for {param_hint}: {message}": "click.invalid_value_for",
    "Invalid value: {message}": "click.invalid_value",
    "Got unexpected extra argument ({args})": "click.extra_argument",
    "Got unexpected extra arguments ({args})": "click.extra_arguments",
    "Option {name!r} requires an argument.": "click.needs_value",
    "Option {name!r} requires {nargs} arguments.": "click.needs_values",
    "Option {name!r} does not take a value.": "click.takes_no_value",
    "{value!r} is not {choice}.": "click.not_choice",
    "{value!r} is not one of {choices}.": "click.not_one_of",
    "{value} is not in the range {range}.": "click.out_of_range",
    "{value!r} is not a valid {number_type}.": "click.not_a_number",
    "default: {default}": "click.default",
    "file": "click.file",
    "directory": "click.directory",
    "path": "click.path",
    "{name} {filename!r} does not exist.": "click.does_not_exist",
    "{name} {filename!r} is a directory.": "click.is_a_directory",
    "{name} {filename!r} is a file.": "click.is_a_file",
    "Could not open file {filename!r}: {message}": "click.cannot_open",
}


def asked_lang(args: list[str]) -> str:
    """`--lang en` or `--lang=en` on the command line, else the environment's language."""
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGS:
            return value
    return environment_lang()


def localise_help(command: click.Command, lang: str, path: str = "", **params) -> None:
    """Help texts of `command`, its options and subcommands from the catalogue; `params` fill their
    placeholders ({formats})."""
    command.help = t(f"cli.{path}help", lang, **params)
    command.context_class = context_class(lang)
    if isinstance(command, click.Group):
        command.subcommand_metavar = t("cli.metavar.command", lang)
    options = [p for p in command.params if isinstance(p, click.Option)]
    options.append(command.get_help_option(click.Context(command, help_option_names=HELP_OPTIONS)))
    for option in options:
        name = max(option.opts, key=len).lstrip("-")
        own = name != "help" and has(f"cli.{path}{name}")  # cli.check.help: the command's text
        key = f"{path}{name}" if own else f"option.{name}"
        option.help = t(f"cli.{key}", lang, **params)
    for param in command.params:  # metavar="cli.metavar.pattern": a key, kept for the next run
        param.metavar_key = getattr(param, "metavar_key", param.metavar)
        if param.metavar_key and param.metavar_key.startswith("cli."):
            param.metavar = t(param.metavar_key, lang)
        if isinstance(param.type, click.Path):  # "file", named when the option was declared (import time)
            param.type.english_name = getattr(param.type, "english_name", param.type.name)
            param.type.name = t(CLICK_WORDS[param.type.english_name], lang)
    for name, sub in getattr(command, "commands", {}).items():
        localise_help(sub, lang, f"{path}{name}.", **params)


@lru_cache(maxsize=None)
def context_class(lang: str) -> type[click.Context]:
    """A click Context whose help headings are punctuated in `lang` (« Options : »): click writes
    `heading + ":"` itself."""
    class Formatter(click.HelpFormatter):
        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{t('click.heading', lang, heading=heading)}\n")
    return type("Context", (click.Context,), {"formatter_class": Formatter})


@contextmanager
def click_speaks(lang: str):
    """Click's own messages in `lang` until the block ends (the stdlib gettext functions it holds are put back)."""
    words = translations(lang)

    def translate(message: str) -> str:
        key = CLICK_WORDS.get(message)
        return words.gettext(key) if key else message

    def translate_plural(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural)

    ours = {"_": (gettext.gettext, translate), "ngettext": (gettext.ngettext, translate_plural)}
    modules = [m for name, m in list(sys.modules.items()) if m is not None and name.split(".")[0] == "click"]
    swapped = [(m, name) for m in modules for name, (stdlib, _) in ours.items() if getattr(m, name, None) is stdlib]
    for module, name in swapped:
        setattr(module, name, ours[name][1])
    try:
        yield
    finally:
        for module, name in swapped:
            setattr(module, name, ours[name][0])
