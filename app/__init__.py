"""gpt-oss Chat: an offline desktop chat for OpenAI's open-weight gpt-oss models."""

import os

__version__ = "0.1.0"
APP_NAME = "gpt-oss Chat"

# Before anything imports huggingface_hub (it reads these once): never send usage telemetry from its download helpers.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
