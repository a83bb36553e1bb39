"""What the About dialog lists: the app's license, the libraries it ships with theirs, and each model's terms."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass

APP_LICENSE = "Apache-2.0"
APP_LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0"

# Qt for Python is used under the LGPL v3: the notice and the right to relink are what that license asks of us.
QT_LGPL_NOTICE = (
    "This application uses Qt for Python (PySide6) and Qt under the GNU Lesser General Public License v3. "
    "You may replace the Qt and PySide6 libraries in the installation folder with your own builds. "
    "The source code is available from https://code.qt.io."
)


@dataclass(frozen=True)
class Component:
    name: str  # the distribution name on PyPI
    license: str
    url: str
    purpose: str

    @property
    def version(self) -> str:
        try:
            return importlib.metadata.version(self.name)
        except importlib.metadata.PackageNotFoundError:
            return "-"


COMPONENTS: tuple[Component, ...] = (
    Component("PySide6-Essentials", "LGPL-3.0-only", "https://doc.qt.io/qtforpython-6/licenses.html", "user interface"),
    Component("llama-cpp-python", "MIT", "https://github.com/abetlen/llama-cpp-python", "runs the model (llama.cpp, MIT)"),
    Component("huggingface-hub", "Apache-2.0", "https://github.com/huggingface/huggingface_hub", "model downloads"),
    Component("gguf", "MIT", "https://github.com/ggml-org/llama.cpp", "reading model files"),
    Component("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs", "folders"),
    Component("markdown-it-py", "MIT", "https://github.com/executablebooks/markdown-it-py", "formatting replies"),
    Component("Pygments", "BSD-2-Clause", "https://pygments.org", "code highlighting"),
    Component("psutil", "BSD-3-Clause", "https://github.com/giampaolo/psutil", "hardware information"),
    Component("numpy", "BSD-3-Clause", "https://numpy.org", "used by llama-cpp-python"),
    Component("Jinja2", "BSD-3-Clause", "https://palletsprojects.com/p/jinja/", "chat templates"),
)
