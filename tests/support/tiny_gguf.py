"""Test GGUF files: a tiny gpt-oss model that the real llama.cpp loads and runs, and broken files for the preflight.

The tiny model has the real gpt-oss tensor layout (gguf's MODEL_TENSORS for GPT_OSS, MXFP4 experts like the
official files), random weights and a small byte-level BPE vocabulary with the harmony control tokens. Tests find
token ids through `tiny_vocab()`:

    vocab = tiny_vocab()
    vocab.token_id("<|start|>")       # a harmony control token
    vocab.token_id(" hello")          # a merged multi-byte token
    vocab.token_id(LONG_TOKEN_TEXT)   # a normal token of 48 UTF-8 bytes (longer than llama-cpp-python's 32)
    vocab.byte_token_id(0xFF)         # the single byte 0xFF: invalid UTF-8 on its own

Special token ids follow the official gpt-oss GGUFs: bos <|startoftext|>, eos <|return|>, padding <|endoftext|>.
llama.cpp then ends generation on <|return|>, <|call|> and <|endoftext|>, but not on <|end|>.

Left to itself the model never samples a control token (see `_keep_control_tokens_unsampled`): on every CPU it writes
plain text until max_tokens, read as the answer. Random weights give other words on other CPUs (other SIMD kernels,
other rounding), so tests never assert what it says, only how much; they force tokens for harmony structure.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import gguf
import numpy as np

# In the order of the real o200k_harmony vocabulary (ids 199998-200012 there).
HARMONY_SPECIAL_TOKENS = (
    "<|startoftext|>", "<|endoftext|>", "<|reserved_200000|>", "<|reserved_200001|>", "<|return|>",
    "<|constrain|>", "<|reserved_200004|>", "<|channel|>", "<|start|>", "<|end|>", "<|message|>",
    "<|reserved_200009|>", "<|reserved_200010|>", "<|reserved_200011|>", "<|call|>",
)

# 16 box-drawing characters, 3 UTF-8 bytes each: the real vocabulary has runs like this up to 256 bytes.
LONG_TOKEN_TEXT = "\u2500" * 16

# Pieces that get merge chains, so English text and harmony headers tokenize into multi-byte tokens.
# Words with a leading space come first: their merges only ever grow the leftmost piece, so they never fight.
_SPACED_WORDS = (
    " the", " hello", " world", " and", " to", " of", " a", " is", " in", " that", " it", " you", " for",
    " was", " on", " are", " with", " as", " I", " be", " this", " have", " from", " or", " one", " by",
    " but", " not", " what", " all", " we", " when", " your", " can", " there", " an", " which", " do",
    " how", " if", " will", " up", " about", " out", " many", " then", " them", " so", " some", " would",
    " make", " like", " into", " time", " has", " more", " write", " see", " number", " no", " way",
    " could", " people", " my", " than", " first", " been", " call", " who", " now", " find", " long",
    " day", " get", " made", " may", " part", " user", " assistant", " model", " answer", " question",
    " think", " thinking", " reason", " ChatGPT", " large", " language", " trained", " OpenAI", " cutoff",
    " date", " medium", " low", " high", " channels", " Channel", " must", " included", " every",
    " message", " analysis", " commentary", " final", " Japanese", " English",
)
_PLAIN_WORDS = (
    "user", "assistant", "system", "developer", "analysis", "final", "commentary", "functions", "Hello",
    "The", "You", "Knowledge", "Current", "Reasoning", "Valid", "Instructions", "ing", "ed", "er", "ly",
    "tion", "\n\n",
)


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's byte-level alphabet: printable bytes stand for themselves, the rest map to unused code points."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("\u00a1"), ord("\u00ac") + 1),
                 *range(ord("\u00ae"), ord("\u00ff") + 1)]
    # Printable bytes first (dicts keep insertion order), like GPT-2's token ids.
    mapping = {b: chr(b) for b in printable}
    for extra, b in enumerate(b for b in range(256) if b not in mapping):
        mapping[b] = chr(256 + extra)
    return mapping


_BYTE_TO_UNICODE = _bytes_to_unicode()


def _byte_level(text: str) -> str:
    return "".join(_BYTE_TO_UNICODE[b] for b in text.encode("utf-8"))


@dataclass(frozen=True)
class TinyVocab:
    """The tiny model's vocabulary. `tokens` are stored in byte-level form, as in every GPT-2-style GGUF."""

    tokens: tuple[str, ...]
    token_types: tuple[int, ...]
    merges: tuple[str, ...]

    @functools.cached_property
    def _ids(self) -> dict[str, int]:
        return {token: i for i, token in enumerate(self.tokens)}

    def token_id(self, text: str) -> int:
        """Id of the token whose UTF-8 text is `text` (harmony tokens by their text, e.g. '<|end|>')."""
        return self._ids[_byte_level(text)]

    def byte_token_id(self, byte: int) -> int:
        return self._ids[_BYTE_TO_UNICODE[byte]]

    @property
    def long_token_id(self) -> int:
        return self.token_id(LONG_TOKEN_TEXT)

    @property
    def bos_id(self) -> int:
        return self.token_id("<|startoftext|>")

    @property
    def eos_id(self) -> int:
        return self.token_id("<|return|>")

    @property
    def control_ids(self) -> range:
        """The harmony control tokens, at the end of the vocabulary."""
        return range(len(self.tokens) - len(HARMONY_SPECIAL_TOKENS), len(self.tokens))

    @property
    def pad_id(self) -> int:
        return self.token_id("<|endoftext|>")


@functools.cache
def tiny_vocab() -> TinyVocab:
    tokens = list(_BYTE_TO_UNICODE.values())
    merges: list[str] = []
    for word in map(_byte_level, (*_SPACED_WORDS, *_PLAIN_WORDS)):
        for end in range(2, len(word) + 1):
            if word[:end] not in tokens:
                merges.append(f"{word[:end - 1]} {word[end - 1]}")
                tokens.append(word[:end])
    tokens.append(_byte_level(LONG_TOKEN_TEXT))
    types = [gguf.TokenType.NORMAL] * len(tokens) + [gguf.TokenType.CONTROL] * len(HARMONY_SPECIAL_TOKENS)
    tokens.extend(HARMONY_SPECIAL_TOKENS)
    return TinyVocab(tuple(tokens), tuple(int(t) for t in types), tuple(merges))


# Hyperparameters: gpt-oss in miniature. Like the real model, n_head * head_dim differs from n_embd.
N_EMBD = 64
N_HEAD = 4
N_HEAD_KV = 2
HEAD_DIM = 32
N_FF_EXP = 64  # a multiple of MXFP4's block of 32
N_EXPERT = 4
N_EXPERT_USED = 2
SLIDING_WINDOW = 128


def _tensor_shapes(n_vocab: int) -> dict[gguf.MODEL_TENSOR, tuple[tuple[int, ...], tuple[int, ...] | None]]:
    """ggml shapes (ne0 first) of weight and bias per tensor kind, as llama.cpp's openai-moe.cpp creates them."""
    t = gguf.MODEL_TENSOR
    q, kv = N_HEAD * HEAD_DIM, N_HEAD_KV * HEAD_DIM
    return {
        t.TOKEN_EMBD: ((N_EMBD, n_vocab), None),
        t.OUTPUT_NORM: ((N_EMBD,), None),
        t.OUTPUT: ((N_EMBD, n_vocab), None),
        t.ATTN_NORM: ((N_EMBD,), None),
        t.ATTN_POST_NORM: ((N_EMBD,), None),
        t.ATTN_Q: ((N_EMBD, q), (q,)),
        t.ATTN_K: ((N_EMBD, kv), (kv,)),
        t.ATTN_V: ((N_EMBD, kv), (kv,)),
        t.ATTN_OUT: ((q, N_EMBD), (N_EMBD,)),
        t.ATTN_SINKS: ((N_HEAD,), None),
        t.FFN_GATE_INP: ((N_EMBD, N_EXPERT), (N_EXPERT,)),
        t.FFN_GATE_EXP: ((N_EMBD, N_FF_EXP, N_EXPERT), (N_FF_EXP, N_EXPERT)),
        t.FFN_DOWN_EXP: ((N_FF_EXP, N_EMBD, N_EXPERT), (N_EMBD, N_EXPERT)),
        t.FFN_UP_EXP: ((N_EMBD, N_FF_EXP, N_EXPERT), (N_FF_EXP, N_EXPERT)),
    }


# The residual stream's dimension 0 is a constant that no layer reads or writes; the output layer turns it into a
# large negative logit for every control token (ends, channels, headers) and ignores it for the others. Sampled at
# any temperature a test uses, on any CPU, the model writes plain text and never stops by itself: a test gets the
# length it asks for, and the harmony parser reads it all as the answer. Tests that need harmony structure force the
# tokens (tests/support/forced_output.py).
_CONSTANT = 4.0
# Times the constant's share after the output norm (0.05-0.2 as the residual grows): control logits at -400 or below,
# which softmax in float32 turns into exactly 0 even at temperature 2.
_CONTROL_LOGIT_WEIGHT = -10000.0


def _keep_control_tokens_unsampled(kind: gguf.MODEL_TENSOR, weight: np.ndarray, bias: np.ndarray | None,
                                   vocab: TinyVocab) -> None:
    """Edit one freshly drawn tensor (numpy layout) in place for the constant dimension described above."""
    t = gguf.MODEL_TENSOR
    if kind == t.TOKEN_EMBD:
        weight[:, 0] = _CONSTANT
    elif kind in (t.ATTN_NORM, t.ATTN_POST_NORM):
        weight[0] = 0.0  # the layers never see the constant...
    elif kind in (t.ATTN_OUT, t.FFN_DOWN_EXP):
        weight[..., 0, :] = 0.0  # ...nor change it
        bias[..., 0] = 0.0
    elif kind == t.OUTPUT_NORM:
        weight[0] = 1.0
    elif kind == t.OUTPUT:
        control = list(vocab.control_ids)
        weight[:, 0] = 0.0
        weight[control, :] = 0.0
        weight[control, 0] = _CONTROL_LOGIT_WEIGHT


_EXPERT_KINDS = {gguf.MODEL_TENSOR.FFN_GATE_EXP, gguf.MODEL_TENSOR.FFN_DOWN_EXP, gguf.MODEL_TENSOR.FFN_UP_EXP}

# One array per tensor, with the quantization type GGUFWriter needs for raw (quantized) data.
_Tensor = tuple[str, np.ndarray, gguf.GGMLQuantizationType | None]


def _random_tensors(n_layer: int, seed: int) -> list[_Tensor]:
    rng = np.random.default_rng(seed)
    vocab = tiny_vocab()
    shapes = _tensor_shapes(len(vocab.tokens))
    tensors: list[_Tensor] = []
    for kind in gguf.MODEL_TENSORS[gguf.MODEL_ARCH.GPT_OSS]:
        blocks = range(n_layer) if "{bid}" in gguf.TENSOR_NAMES[kind] else [None]
        for bid in blocks:
            name = gguf.TENSOR_NAMES[kind].format(bid=bid)
            weight_shape, bias_shape = shapes[kind]
            # numpy shapes run the other way round from ggml's ne.
            weight = rng.normal(0.0, 0.5, weight_shape[::-1]).astype(np.float32)
            bias = rng.normal(0.0, 0.1, bias_shape[::-1]).astype(np.float32) if bias_shape is not None else None
            is_norm = len(weight_shape) == 1
            if is_norm:
                weight += 1.0  # norms near 1 keep the random activations in a sane range
            _keep_control_tokens_unsampled(kind, weight, bias, vocab)
            if is_norm:
                tensors.append((f"{name}.weight", weight, None))  # 1-D tensors stay F32 in ggml
            elif kind in _EXPERT_KINDS:
                mxfp4 = gguf.GGMLQuantizationType.MXFP4
                tensors.append((f"{name}.weight", gguf.quants.quantize(weight, mxfp4), mxfp4))
            else:
                tensors.append((f"{name}.weight", weight.astype(np.float16), None))
            if bias is not None:
                tensors.append((f"{name}.bias", bias, None))
    return tensors


def _write(path: Path, *, architecture: str, n_layer: int, context_length: int, seed: int,
           chat_template: str | None, n_shards: int = 1, claimed_layers: int | None = None,
           pooling_type: gguf.PoolingType | None = None) -> None:
    tensors = _random_tensors(n_layer, seed)
    vocab = tiny_vocab()
    # GGUFWriter splits by tensor count; one shard means no split metadata at all.
    split_max_tensors = math.ceil(len(tensors) / n_shards) if n_shards > 1 else 0
    writer = gguf.GGUFWriter(path, architecture, split_max_tensors=split_max_tensors)
    writer.add_name("tiny-gpt-oss")
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_MXFP4_MOE)
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    writer.add_context_length(context_length)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(claimed_layers or n_layer)
    writer.add_feed_forward_length(N_FF_EXP)
    writer.add_expert_feed_forward_length(N_FF_EXP)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD_KV)
    writer.add_key_length(HEAD_DIM)
    writer.add_value_length(HEAD_DIM)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_expert_count(N_EXPERT)
    writer.add_expert_used_count(N_EXPERT_USED)
    writer.add_sliding_window(SLIDING_WINDOW)
    # The official files' RoPE: theta 150000, YaRN x32 over an original 4096 tokens.
    writer.add_rope_freq_base(150000.0)
    writer.add_rope_scaling_type(gguf.RopeScalingType.YARN)
    writer.add_rope_scaling_factor(32.0)
    writer.add_rope_scaling_orig_ctx_len(4096)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("gpt-4o")
    writer.add_token_list(list(vocab.tokens))
    writer.add_token_types(list(vocab.token_types))
    writer.add_token_merges(list(vocab.merges))
    writer.add_bos_token_id(vocab.bos_id)
    writer.add_eos_token_id(vocab.eos_id)
    writer.add_pad_token_id(vocab.pad_id)
    if chat_template is not None:
        writer.add_chat_template(chat_template)
    if pooling_type is not None:
        writer.add_pooling_type(pooling_type)
    for name, data, raw_dtype in tensors:
        writer.add_tensor(name, data, raw_dtype=raw_dtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def write_tiny_gpt_oss(path: Path, *, chat_template: str | None, architecture: str = "gpt-oss", n_layer: int = 2,
                       context_length: int = 4096, seed: int = 0, claimed_layers: int | None = None,
                       pooling_type: gguf.PoolingType | None = None) -> Path:
    """Write a ~370 KB gpt-oss GGUF (with the real template). Same seed, same bytes.

    `architecture` lets a test claim another one; `claimed_layers` a block count larger than the tensors written,
    a damaged file the preflight cannot see but llama.cpp refuses (missing tensors); `pooling_type` makes it look
    like a decoder converted for embeddings.
    """
    _write(path, architecture=architecture, n_layer=n_layer, context_length=context_length, seed=seed,
           chat_template=chat_template, claimed_layers=claimed_layers, pooling_type=pooling_type)
    return path


def write_split_gpt_oss(directory: Path, n_shards: int = 3, *, chat_template: str | None = None,
                        stem: str = "tiny-gpt-oss", seed: int = 0) -> list[Path]:
    """Write the tiny model as `STEM-0000N-of-0000M.gguf` shards with split.* metadata, like llama.cpp's gguf-split.

    Returns the shard paths in order; llama.cpp loads the first and finds the others by name.
    """
    _write(directory / f"{stem}.gguf", architecture="gpt-oss", n_layer=2, context_length=4096, seed=seed,
           chat_template=chat_template, n_shards=n_shards)
    shards = [directory / gguf.SHARD_NAME_FORMAT.format(stem, i, n_shards) for i in range(1, n_shards + 1)]
    missing = [shard for shard in shards if not shard.exists()]
    assert not missing, f"GGUFWriter did not write {missing}"
    return shards


def write_random_bytes(path: Path, size: int, seed: int = 0) -> Path:
    path.write_bytes(np.random.default_rng(seed).bytes(size))
    return path


def write_truncated(src: Path, dst: Path, keep_fraction: float) -> Path:
    """Copy `src` cut inside its tensor data: the header survives, `keep_fraction` of the tensor bytes do."""
    data_offset = gguf.GGUFReader(src).data_offset
    keep = data_offset + int((src.stat().st_size - data_offset) * keep_fraction)
    dst.write_bytes(src.read_bytes()[:keep])
    return dst
