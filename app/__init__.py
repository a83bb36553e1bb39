"""gpt-oss Chat: an offline desktop chat for OpenAI's open-weight gpt-oss models."""

__version__ = "0.1.0"
APP_NAME = "gpt-oss Chat"
