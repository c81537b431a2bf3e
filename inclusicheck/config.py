"""Layered configuration: defaults < the first `inclusicheck.toml` or `pyproject.toml`
[tool.inclusicheck] found walking up from the working directory < `--config FILE` < flags.

    [tool.inclusicheck]
    packs = ["wcag", "falc"]            # default: every pack
    fail_on = "error"
    [tool.inclusicheck.rules]
    "falc.sentence-length" = { warning_words = 10, error_words = 15 }
    "gender.obsolete-terms" = "off"
    [tool.inclusicheck.gender]          # pack settings, declared in the pack's pack.yml
    abbreviated_policy = "error"
    [[tool.inclusicheck.overrides]]     # per-file/URL sections, later ones win
    files = ["elections/**"]
    rules = { "falc.sentence-length" = "error" }

Anything unknown (key, rule, param, setting) is a ConfigError: exit code 2, with the file named.
"""
from __future__ import annotations

import copy
import fnmatch
import tomllib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .cache import cache_folder
from .i18n import LocalisedError, t
from .model import Severity
from .packs import Registry, load_registry

FAIL_ON = ("error", "warning", "info", "never")
REPORT_LANGS = ("fr", "en")
KINDS = ("", "social")  # --kind: how texts are read ("": by suffix and globs)
RULE_OFF = "off"

# Top-level keys and their defaults. Pack names are also accepted as keys (pack settings).
DEFAULTS: dict[str, Any] = {
    "packs": None,
    "lang": "fr",
    "fail_on": "error",
    "max_bytes": 20 * 1024 * 1024,
    "timeout": 30.0,
    "ignore_selectors": [],
    "exclude": [],
    "rule_paths": [],
    "rules": {},
    "overrides": [],
    "browser": True,
    "jobs": 1,  # documents checked at once (one browser each)
    "remote_webdriver": "",  # URL of a Selenium Grid or remote ChromeDriver; "": local Chromium
    # .html files checked as e-mail templates (kind "newsletter"), by path glob; see sources/email.py
    "newsletters": ["*newsletter*", "*infolettre*", "*lettre-info*", "*.email.html"],
    # files checked as social posts (kind "social"), by glob on the file name (.json and .csv named
    # on the command line always are); --kind social: every text
    "social_posts": ["*.social.txt", "*publications*.txt", "*posts*.txt", "*publications*.json", "*posts*.json",
                     "*publications*.csv", "*posts*.csv"],
    "kind": "",
    # sites: --crawl and --sitemap (see sources/crawl.py)
    "crawl": {"max_pages": 100, "max_depth": 10, "delay": 0.5, "concurrency": 2, "allowed_hosts": [],
              "user_agent": "inclusicheck/0.1 (accessibility checker; +https://github.com/inclusicheck/inclusicheck)"},
    "cache": True,
    "cache_dir": "",  # default: $XDG_CACHE_HOME/inclusicheck or ~/.cache/inclusicheck
}
CRAWL_KEYS = {"max_pages": int, "max_depth": int, "delay": (int, float), "concurrency": int,
              "allowed_hosts": list, "user_agent": str}
OVERRIDE_KEYS = {"files", "rules"}


class ConfigError(LocalisedError):
    """A configuration problem, said in the language asked (`str()`: English). `where` names the
    file(s) at fault; `close` holds rule ids to suggest after a mistyped one."""

    def __init__(self, message_key: str, /, where: str = "", close: list[str] | None = None, **params):
        self.where, self.close = where, close or []
        super().__init__(message_key, **params)
        self.args = (self.render("en"),)

    def __reduce__(self):  # to come back whole from a --jobs worker (the default rebuilds from args)
        return partial(ConfigError, self.key, self.where, self.close, **self.params), ()

    def render(self, lang: str) -> str:
        message = super().render(lang) + suggestion(self.close, lang)
        return t("error.where", lang, where=self.where, message=message) if self.where else message


@dataclass
class RuleSetting:
    enabled: bool
    severity: Severity
    params: dict[str, Any]
    configured: bool = False  # a config layer set the severity (a check then keeps it as it is)


@dataclass
class Config:
    values: dict[str, Any]
    registry: Registry
    files: list[str] = field(default_factory=list)  # the files read, in order

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def pack_settings(self, pack: str, uri: str | None = None) -> dict[str, Any]:
        settings = dict(self.registry.packs[pack].settings)
        settings.update(self.values.get(pack) or {})
        for override in self._overrides_for(uri):
            settings.update(override.get(pack) or {})
        return settings

    def rule_setting(self, rule_id: str, uri: str | None = None) -> RuleSetting:
        rule = self.registry.rules[rule_id]
        setting = RuleSetting(True, rule.severity, dict(rule.params))
        layers = [self.values["rules"]] + [o.get("rules") or {} for o in self._overrides_for(uri)]
        for layer in layers:
            value = layer.get(rule_id)
            if value is None:
                continue
            if value == RULE_OFF:
                setting.enabled = False
            elif isinstance(value, str):
                setting.enabled, setting.severity, setting.configured = True, Severity(value), True
            else:
                value = dict(value)
                if value.pop("enabled", True) is False or value.get("severity") == RULE_OFF:
                    setting.enabled = False
                    value.pop("severity", None)
                if "severity" in value:
                    setting.severity, setting.configured = Severity(value.pop("severity")), True
                setting.params.update(value)
        return setting

    def override_ids(self, uri: str | None) -> tuple[int, ...]:
        """Which [[overrides]] apply to this file: files with the same ones share every setting."""
        return tuple(i for i, o in enumerate(self.values["overrides"]) if o in self._overrides_for(uri))

    def _overrides_for(self, uri: str | None) -> list[dict]:
        return [o for o in self.values["overrides"] if matches_globs(uri, o["files"])]


def matches_globs(uri: str | None, patterns: list[str]) -> bool:
    """Does a file or URL match one of these globs? A glob matches the whole path or URL, or its
    end after a folder (`elections/*` matches /site/elections/a.html)."""
    if not uri:
        return False
    path = uri.removeprefix("file://")
    return any(fnmatch.fnmatch(path, pat) or fnmatch.fnmatch(path, f"*/{pat}") or fnmatch.fnmatch(uri, pat)
               for pat in patterns)


def find_config_file(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "inclusicheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "inclusicheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.unreadable", where=str(path), reason=str(exc)) from None


def _section(path: Path) -> dict:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        return copy.deepcopy(data.get("tool", {}).get("inclusicheck", {}))
    return data.get("tool", {}).get("inclusicheck", data)


def load_config(explicit: str | None = None, cwd: Path | None = None, flags: dict | None = None) -> Config:
    """Read and merge the layers, load the registry (with house rules), then validate everything."""
    layers: list[tuple[str, dict]] = []
    found = find_config_file((cwd or Path.cwd()).resolve())
    if found:
        layers.append((str(found), _section(found)))
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config.no_such_file", path=explicit)
        layers.append((str(path), _section(path)))
    values = copy.deepcopy(DEFAULTS)
    rule_paths: list[Path] = []
    for name, layer in layers:
        for folder in layer.get("rule_paths", []):
            rule_paths.append((Path(name).parent / folder).resolve())
        _merge(values, layer)
    rule_paths = list(dict.fromkeys(rule_paths))  # a file found from the cwd and named by --config: its folders once
    values["rule_paths"] = [str(p) for p in rule_paths]
    _merge(values, {k: v for k, v in (flags or {}).items() if v is not None})
    try:
        registry = load_registry(rule_paths, cache_folder(values))
    except Exception as exc:  # a malformed house rule is a config problem
        raise ConfigError("config.rule_files", reason=str(exc)) from None
    validate(values, registry, " / ".join(name for name, _ in layers))  # "": the flags alone
    return Config(values, registry, [name for name, _ in layers])


def _merge(into: dict, layer: dict) -> None:
    for key, value in layer.items():
        if key in ("rules",) or (isinstance(value, dict) and isinstance(into.get(key), dict)):
            merged = dict(into.get(key) or {})
            merged.update(value)
            into[key] = merged
        elif key == "overrides":
            into[key] = [*into.get(key, []), *value]
        else:
            into[key] = value


def validate(values: dict, registry: Registry, where: str) -> None:
    allowed = set(DEFAULTS) | set(registry.packs)
    for key in values:
        if key not in allowed:
            raise ConfigError("config.unknown_key", where, name=key, allowed=", ".join(sorted(allowed)))
    if values["packs"] is not None:
        if not isinstance(values["packs"], list):
            raise ConfigError("config.packs_list", where)
        for pack in values["packs"]:
            if pack not in registry.packs:
                raise ConfigError("config.unknown_pack", where, pack=pack, known=", ".join(sorted(registry.packs)))
    if values["fail_on"] not in FAIL_ON:
        raise ConfigError("config.one_of", where, name="fail_on", choices=", ".join(FAIL_ON))
    if values["kind"] not in KINDS:
        raise ConfigError("config.kind", where)
    if values["lang"] not in REPORT_LANGS:
        raise ConfigError("config.one_of", where, name="lang", choices=", ".join(REPORT_LANGS))
    for key in ("max_bytes", "timeout"):
        if not isinstance(values[key], (int, float)) or values[key] <= 0:
            raise ConfigError("config.positive", where, name=key)
    if isinstance(values["jobs"], bool) or not isinstance(values["jobs"], int) or not 1 <= values["jobs"] <= 64:
        raise ConfigError("config.jobs", where)
    remote = values["remote_webdriver"]
    if not isinstance(remote, str) or (remote and not remote.startswith(("http://", "https://"))):
        raise ConfigError("config.remote_webdriver", where)
    for key, value in values["crawl"].items():
        if key not in CRAWL_KEYS or not isinstance(value, CRAWL_KEYS[key]) or isinstance(value, bool):
            raise ConfigError("config.crawl_key", where, name=key, keys=", ".join(CRAWL_KEYS))
    for key in ("browser", "cache"):
        if not isinstance(values[key], bool):
            raise ConfigError("config.boolean", where, name=key)
    if not isinstance(values["cache_dir"], str):
        raise ConfigError("config.cache_dir", where)
    for key in ("ignore_selectors", "exclude", "newsletters", "social_posts"):
        if not isinstance(values[key], list) or not all(isinstance(x, str) for x in values[key]):
            raise ConfigError("config.strings", where, name=key)
    _validate_rules(values["rules"], registry, where)
    for pack in registry.packs:
        _validate_settings(values.get(pack), registry, pack, where)
    for i, override in enumerate(values["overrides"]):
        label = f"{where} (overrides[{i}])"
        if not isinstance(override, dict) or not isinstance(override.get("files"), list):
            raise ConfigError("config.override_files", label)
        for key in override:
            if key not in OVERRIDE_KEYS and key not in registry.packs:
                raise ConfigError("config.unknown_key", label, name=key,
                                  allowed=", ".join(sorted(OVERRIDE_KEYS | set(registry.packs))))
        _validate_rules(override.get("rules") or {}, registry, label)
        for pack in registry.packs:
            _validate_settings(override.get(pack), registry, pack, label)


def _validate_rules(rules: Any, registry: Registry, where: str) -> None:
    if not isinstance(rules, dict):
        raise ConfigError("config.rules_table", where)
    severities = {s.value for s in Severity} | {RULE_OFF}
    for rule_id, value in rules.items():
        rule = registry.get(rule_id)
        if rule is None:
            raise ConfigError("config.unknown_rule", where, registry.suggest(rule_id), rule=rule_id)
        if isinstance(value, str):
            if value not in severities:
                raise ConfigError("config.rule_value", where, rule=rule_id, value=value,
                                  choices=", ".join(sorted(severities)))
            continue
        if not isinstance(value, dict):
            raise ConfigError("config.rule_shape", where, rule=rule_id)
        for key, param in value.items():
            if key == "severity":
                if param not in severities:
                    raise ConfigError("config.rule_value", where, rule=rule_id, value=param,
                                      choices=", ".join(sorted(severities)))
            elif key == "enabled":
                if not isinstance(param, bool):
                    raise ConfigError("config.boolean", where, name=f"{rule_id}.enabled")
            elif key not in rule.params:
                raise ConfigError("config.unknown_param", where, rule=rule_id, param=key,
                                  known=", ".join(sorted(rule.params)) or "-")
            elif not _same_type(rule.params[key], param):
                raise ConfigError("config.type", where, name=f"{rule_id}.{key}", type=type(rule.params[key]).__name__)
    # rename aliases to canonical ids so later lookups are simple
    for rule_id in list(rules):
        canonical = registry.get(rule_id).id
        if canonical != rule_id:
            rules[canonical] = rules.pop(rule_id)


def did_you_mean(registry: Registry, name: str, lang: str) -> str:
    """' Vouliez-vous dire wcag.color-contrast ?' after a mistyped rule id, or '' when none is close."""
    return suggestion(registry.suggest(name), lang)


def suggestion(close: list[str], lang: str) -> str:
    if not close:
        return ""
    ids = t("usage.ids_or", lang, first=", ".join(close[:-1]), last=close[-1]) if len(close) > 1 else close[0]
    return " " + t("usage.did_you_mean", lang, ids=ids)


def _validate_settings(settings: Any, registry: Registry, pack: str, where: str) -> None:
    if settings is None:
        return
    if not isinstance(settings, dict):
        raise ConfigError("config.pack_table", where, pack=pack)
    declared = registry.packs[pack].settings
    for key, value in settings.items():
        if key not in declared:
            raise ConfigError("config.unknown_setting", where, setting=f"{pack}.{key}",
                              known=", ".join(sorted(declared)) or "-")
        if declared[key] is not None and not _same_type(declared[key], value):
            raise ConfigError("config.type", where, name=f"{pack}.{key}", type=type(declared[key]).__name__)
        if isinstance(value, list) and not all(isinstance(x, str) for x in value):
            raise ConfigError("config.strings", where, name=f"{pack}.{key}")
        allowed = registry.packs[pack].choices.get(key)
        if allowed and value not in allowed:
            raise ConfigError("config.one_of", where, name=f"{pack}.{key}", choices=", ".join(map(str, allowed)))


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
