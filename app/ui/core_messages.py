"""The core's messages in the user's language.

app.core has no Qt, so it writes its messages in English (f-strings). Those the windows show (settings that are
refused, models that do not load, replies that fail, downloads that stop, the hub's answers) are repeated here as
templates with named fields, marked for lupdate. A message is matched against the templates, and the matched
template's translation is filled with the message's own fields: fields that are core sentences themselves (what a
setting allows) are translated too, numbers are written the locale's way. A message no template matches is shown as
the core wrote it.

tests/ui/test_core_messages.py produces the core's messages and checks that each one matches a template.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.ui.i18n import ui_locale

CONTEXT = "CoreMessages"
_FIELD = re.compile(r"\{(\w+)\}")
# Fields that are always numbers, so that a field before them cannot end early: in "{reason} ({attempts} attempts)"
# the reason "the connection failed (ConnectError)" holds a parenthesis of its own.
_FIELD_TEXT = {"attempts": r"[\d,]+"}
_NUMBER = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?(?P<unit> [KMG]iB)?")

TEMPLATES = (
    # app.core.settings
    QT_TRANSLATE_NOOP("CoreMessages", "There is no setting {section}.{name}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{section}.{name} must be {allowed}, not {value}."),
    QT_TRANSLATE_NOOP("CoreMessages", "one of {choices}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a whole number from {low} to {high}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a number from {low} to {high}"),
    QT_TRANSLATE_NOOP("CoreMessages", "empty (automatic) or a whole number from 1 to 512"),
    QT_TRANSLATE_NOOP("CoreMessages", "on or off"),
    QT_TRANSLATE_NOOP("CoreMessages", "text of at most {limit} characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "A quantized KV cache (q8_0, q4_0) needs flash attention on."),
    QT_TRANSLATE_NOOP("CoreMessages", "The settings file is not a JSON object; defaults are used."),
    QT_TRANSLATE_NOOP("CoreMessages", "{problem} The default is used."),
    QT_TRANSLATE_NOOP("CoreMessages", "{problem} The default KV cache type is used."),
    QT_TRANSLATE_NOOP("CoreMessages", "The settings file {path} could not be read ({error}); defaults are used."),
    # app.core.engines.llama.load_errors
    QT_TRANSLATE_NOOP("CoreMessages", "Not enough memory to load {name}. Try a smaller context size, fewer GPU "
                                      "layers, keeping the experts on the CPU, or the smaller gpt-oss-20b model."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} uses a model architecture this version of the app cannot run. Update "
                                      "the app."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} looks damaged. Delete it in the model manager and download it again, "
                                      "or choose another file."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be loaded: {detail}"),
    # app.core.models.gguf_inspect
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty, not a model file. Download it again."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} cannot be read: {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is not a GGUF model file. Choose a .gguf file."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is in GGUF version {version}, which this app cannot read. Download a "
                                      "current conversion of the model."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is truncated: it ends at {size}, inside its header. Download it "
                                      "again."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is truncated: it ends at {size} but its tensors need {needed}. "
                                      "Download it again."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is damaged or from a newer llama.cpp ({error}). Download it again."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is part 1 of a {count}-part model but is not named like '{pattern}', "
                                      "so llama.cpp cannot find the other parts. Restore the original file names."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is part of a {count}-part model but these parts are missing: "
                                      "{missing}. Download them into the same folder."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} names no model architecture, so it is not a model llama.cpp can run. "
                                      "Choose another file."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is a '{architecture}' model, which this version of the app cannot "
                                      "run. Update the app, or choose another model."),
    QT_TRANSLATE_NOOP("CoreMessages", "{n} bytes"),
    # app.core.engines.llama.engine, app.core.engines.llama.templates
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is an embedding model: it turns text into vectors for searching "
                                      "documents by meaning and cannot write replies. Choose a chat model."),
    QT_TRANSLATE_NOOP("CoreMessages", "The conversation needs {needed} tokens but the context holds {n_ctx}. Start "
                                      "a new conversation or load the model with a larger context."),
    QT_TRANSLATE_NOOP("CoreMessages", "No model is loaded."),
    # app.core.turn, app.ui.threads.engine_worker
    QT_TRANSLATE_NOOP("CoreMessages", "No model is loaded. Open a model to chat."),
    QT_TRANSLATE_NOOP("CoreMessages", "The reply ended unexpectedly."),
    QT_TRANSLATE_NOOP("CoreMessages", "The model's chat template failed on this conversation: {error}"),
    QT_TRANSLATE_NOOP("CoreMessages", "This model has no chat template; a plain 'User: / Assistant:' format is "
                                      "used, replies may be worse."),
    # app.core.downloads.transfer, app.core.downloads.downloader: why a download stopped
    QT_TRANSLATE_NOOP("CoreMessages", "{name}: {reason} ({attempts} attempts). The partial file is kept: start the "
                                      "download again to resume."),
    QT_TRANSLATE_NOOP("CoreMessages", "the server answered {status}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the server answered a different byte range"),
    QT_TRANSLATE_NOOP("CoreMessages", "the connection failed ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the connection closed early"),
    QT_TRANSLATE_NOOP("CoreMessages", "the partial file was cut short while downloading"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} arrived damaged (its sha256 does not match the hub's), so it was not "
                                      "installed and the download was deleted. Download it again."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name}: the hub reports two different sizes for it; try again later."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name}: the download server refused it ({status})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name}: the server sent more than its size; try again later."),
    QT_TRANSLATE_NOOP("CoreMessages", "The hub gives no sha256 for {path}, so it could not be verified."),
    QT_TRANSLATE_NOOP("CoreMessages", "Writing to {folder} failed: {reason}. What was downloaded is kept: make room, "
                                      "then start the download again to resume."),
    QT_TRANSLATE_NOOP("CoreMessages", "Writing to {folder} failed: {reason}. What was downloaded is kept: start the "
                                      "download again to resume once the folder can be written."),
    # The operating system's words in {reason} above (Linux and macOS; Windows words its own)
    QT_TRANSLATE_NOOP("CoreMessages", "No space left on device"),
    QT_TRANSLATE_NOOP("CoreMessages", "Disk quota exceeded"),
    QT_TRANSLATE_NOOP("CoreMessages", "Permission denied"),
    QT_TRANSLATE_NOOP("CoreMessages", "Read-only file system"),
    QT_TRANSLATE_NOOP("CoreMessages", "Not a directory"),
    QT_TRANSLATE_NOOP("CoreMessages", "No such file or directory"),
    # SQLite's words when the conversation store cannot write
    QT_TRANSLATE_NOOP("CoreMessages", "database or disk is full"),
    QT_TRANSLATE_NOOP("CoreMessages", "disk I/O error"),
    QT_TRANSLATE_NOOP("CoreMessages", "attempt to write a readonly database"),
    # app.core.models.hub
    QT_TRANSLATE_NOOP("CoreMessages", "Offline mode is on (HF_HUB_OFFLINE), so nothing can be downloaded; unset it "
                                      "to download."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not in {repo} any more; the catalog needs an update."),
    QT_TRANSLATE_NOOP("CoreMessages", "{repo} is gated: accept its terms on the Hugging Face website and set "
                                      "HF_TOKEN."),
    QT_TRANSLATE_NOOP("CoreMessages", "{repo} was not found on {endpoint} (a private repository needs HF_TOKEN)."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where}: the revision was not found on {endpoint}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} was not found on {endpoint}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The hub is busy or failing ({status}) while asking about {where}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The hub refused the request for {where} ({status})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{endpoint} does not answer like the Hugging Face Hub ({where}): check "
                                      "HF_ENDPOINT."),
    QT_TRANSLATE_NOOP("CoreMessages", "Could not reach {endpoint} ({error}): check the connection or proxy "
                                      "settings."),
    # app.core.tools.mcp.config, app.core.tools.mcp.imports: mcp.json and the files imported from other apps
    QT_TRANSLATE_NOOP("CoreMessages", "{path} cannot be read ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not a text file in UTF-8."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not valid JSON (line {line}, column {column}: {error}). Fix it, or "
                                      "move it away to start over."),
    QT_TRANSLATE_NOOP("CoreMessages", "In {path}, {place} must be {expected}. Fix it, or move it away to start "
                                      "over."),
    QT_TRANSLATE_NOOP("CoreMessages", "{place} must be {expected}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a JSON object"),
    QT_TRANSLATE_NOOP("CoreMessages", "a list of strings"),
    QT_TRANSLATE_NOOP("CoreMessages", "a string"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object of text values"),
    QT_TRANSLATE_NOOP("CoreMessages", "true or false"),
    QT_TRANSLATE_NOOP("CoreMessages", "an http:// or https:// address"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object with either a 'command' (a program to start) or a 'url' (a "
                                      "Streamable HTTP address)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the whole file"),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} could not be saved ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "A server needs a name."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is already a server named {name}; choose another name."),
    # app.core.tools.mcp.manager, app.core.tools.mcp.connection: why a server is not ready
    QT_TRANSLATE_NOOP("CoreMessages", "There is no MCP server named {name}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The MCP servers are shut down."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is on another computer ({host}) and 'Never use the network' is on "
                                      "(Settings ▸ Privacy). Turn it off to use this server."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} uses the older SSE transport, which this app does not support. Use its "
                                      "Streamable HTTP address instead."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} did not answer within {seconds} s of starting."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be started: {command} ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} stopped unexpectedly."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} stopped while starting."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} stopped answering."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} answered {status} at {url}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be reached at {url} ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} refused the connection: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} failed: {error}"),
    # What a tool call gives back when it could not run (the model reads the English; the tool card shows these)
    QT_TRANSLATE_NOOP("CoreMessages", "The tool {tool} did not answer within {seconds} s."),
    QT_TRANSLATE_NOOP("CoreMessages", "The call was stopped by the user."),
    QT_TRANSLATE_NOOP("CoreMessages", "The server {name} stopped unexpectedly while running {tool}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The server {name} was stopped while running {tool}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The server {name} failed while running {tool}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "The server {name} is not running."),
    QT_TRANSLATE_NOOP("CoreMessages", "The server {name} is not running: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "The tool {tool} of {name} is switched off."),
    QT_TRANSLATE_NOOP("CoreMessages", "The arguments of {tool} must be a JSON object, not {kind}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} answered in a way this app does not understand ({error})."),
    # app.core.tools.permissions
    QT_TRANSLATE_NOOP("CoreMessages", "The tool permissions file {path} cannot be read ({error}); every tool asks "
                                      "before it runs until it is fixed or moved away."),
    QT_TRANSLATE_NOOP("CoreMessages", "The tool permissions file {path} could not be saved ({error})."),
    # app.core.python_tool
    QT_TRANSLATE_NOOP("CoreMessages", "There is no Python at {python}: choose the python program of an environment "
                                      "that has ipykernel."),
    QT_TRANSLATE_NOOP("CoreMessages", "{python} could not be run as Python ({error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{python} did not run as Python: choose the python program of an environment."),
    QT_TRANSLATE_NOOP("CoreMessages", "{python} is older than Python 3.9, which the notebook needs."),
    QT_TRANSLATE_NOOP("CoreMessages", "The Python at {python} has no ipykernel: install it there ({python} -m pip "
                                      "install ipykernel) or choose another environment."),
    QT_TRANSLATE_NOOP("CoreMessages", "The Python kernel did not start: {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "it gave no reason"),
    QT_TRANSLATE_NOOP("CoreMessages", "The Python kernel stopped ({how}); its variables are gone, the next call "
                                      "starts a new kernel."),
    QT_TRANSLATE_NOOP("CoreMessages", "killed by {signal}: often the system running out of memory"),
    QT_TRANSLATE_NOOP("CoreMessages", "killed by {signal}"),
    QT_TRANSLATE_NOOP("CoreMessages", "exit code {code}"),
    QT_TRANSLATE_NOOP("CoreMessages", "it stopped answering"),
    QT_TRANSLATE_NOOP("CoreMessages", "Network isolation: on."),
    QT_TRANSLATE_NOOP("CoreMessages", "Network isolation is not available on this system because {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "sandbox-exec is missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "Windows lets no app cut one of its processes off the network without "
                                      "administrator rights"),
    QT_TRANSLATE_NOOP("CoreMessages", "the app knows no sandbox for {platform}"),
    QT_TRANSLATE_NOOP("CoreMessages", "its test run failed ({error})"),
    QT_TRANSLATE_NOOP("CoreMessages", "unprivileged user namespaces are turned off "
                                      "(kernel.unprivileged_userns_clone = 0)"),
    QT_TRANSLATE_NOOP("CoreMessages", "user namespaces are turned off (user.max_user_namespaces = 0)"),
    QT_TRANSLATE_NOOP("CoreMessages", "AppArmor restricts unprivileged user namespaces "
                                      "(kernel.apparmor_restrict_unprivileged_userns = 1)"),
    # app.core.documents
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is {size}; files over {limit} are not read. Split it into smaller "
                                      "files."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is a binary file, not text."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is protected by a password; save an unprotected copy to read it."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} is not a readable {kind} ({detail}); it may be damaged."),
    QT_TRANSLATE_NOOP("CoreMessages", "PDF"),
    QT_TRANSLATE_NOOP("CoreMessages", "Word document"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} has no text layer (a scanned document?); only its text could be "
                                      "searched."),
    QT_TRANSLATE_NOOP("CoreMessages", "{blank} of {pages} pages have no text layer (scanned?)."),
    QT_TRANSLATE_NOOP("CoreMessages", "Only the first {count} characters were read."),
    QT_TRANSLATE_NOOP("CoreMessages", "The documents index {path} cannot be opened: {error}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The documents index {path} cannot be used ({error}). It can be rebuilt: "
                                      "delete the file and index your folders again."),
    QT_TRANSLATE_NOOP("CoreMessages", "The documents index {path} was written by a newer gpt-oss Chat (schema "
                                      "{found}); update the app."),
    QT_TRANSLATE_NOOP("CoreMessages", "{folder} is not a folder; choose a folder to add."),
    QT_TRANSLATE_NOOP("CoreMessages", "{root} is already the collection '{name}'."),
    QT_TRANSLATE_NOOP("CoreMessages", "The collection {id} no longer exists."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no collection called '{name}' (collections: {known})."),
    QT_TRANSLATE_NOOP("CoreMessages", "none yet"),
    QT_TRANSLATE_NOOP("CoreMessages", "{root}: the folder is missing (moved, renamed, or a drive not mounted)"),
    QT_TRANSLATE_NOOP("CoreMessages", "whole text in the message ({tokens} tokens; {left} left)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{tokens} tokens do not fit the {left} left in the context: indexed for this "
                                      "conversation and searched when needed"),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be copied to the conversation's folder: {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "The embedding model {name} cannot be loaded: {error}."),
    # app.core.store.projects, app.core.project_files
    QT_TRANSLATE_NOOP("CoreMessages", "A project needs a name."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not a file; choose files to add to the project."),
    QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be copied into the project ({reason})."),
)


def _pattern(template: str) -> re.Pattern[str]:
    parts, seen, position = [], set(), 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[position:field.start()]))
        name = field[1]
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{_FIELD_TEXT.get(name, '.+?')})")
        seen.add(name)
        position = field.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Most fixed text first: "{problem} The default is used." also matches as "... must be {allowed}, not {value}."
    # with the sentence after the value taken for part of the value; the template that explains more text wins.
    by_fixed_text = sorted(TEMPLATES, key=lambda template: -len(_FIELD.sub("", template)))
    return tuple((template, _pattern(template)) for template in by_fixed_text)


def template_for(line: str) -> tuple[str, dict[str, str]] | None:
    """The template one line of a core message was written from, with its fields; None if it is not a known one."""
    for template, pattern in _patterns():
        match = pattern.fullmatch(line)
        if match is not None:
            return template, match.groupdict()
    return None


def _field(value: str) -> str:
    if template_for(value) is not None:
        return translate_core(value)
    number = _NUMBER.fullmatch(value)
    if number is None:
        return value
    locale = ui_locale()
    whole = int(number["number"].replace(",", ""))
    decimals = number["decimals"]
    text = locale.toString(whole + float(decimals), "f", len(decimals) - 1) if decimals else locale.toString(whole)
    return text + (number["unit"] or "")


def translate_core(message: str) -> str:
    """`message` from app.core, line by line in the interface language."""
    lines = []
    for line in message.split("\n"):
        found = template_for(line)
        if found is None:
            lines.append(line)
            continue
        template, fields = found
        lines.append(QCoreApplication.translate(CONTEXT, template).format(
            **{name: _field(value) for name, value in fields.items()}))
    return "\n".join(lines)
