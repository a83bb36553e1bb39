"""Creating a `llama_cpp.Llama` with what its constructor does not expose: load progress with cancel, MoE expert
tensors kept on the CPU (llama.cpp's --n-cpu-moe), and no AMX kernels.

llama-cpp-python 0.3.36 builds `llama_model_params` inside `Llama.__init__` from `llama_model_default_params()` and
loads the model right away. We wrap that one function for the duration of our own load so the params it returns
carry our `progress_callback` and `tensor_buft_overrides`. The latter is typed `c_void_p` ('unused') in the binding
but is real in C: a NULL-pattern-terminated array of {pattern, buffer type} structs.

llama.cpp compiled on a CPU with AMX (pip builds for the CPU it runs on: Xeon Sapphire Rapids and later) puts the
weights its AMX kernels take (Q4_K, Q8_0, F16...) in an AMX buffer, and those kernels crash the process in their
matrix multiply (ggml-org/llama.cpp#20824; seen here with gemma-3's Q4_K, in generation and in embedding). Such a
build loads without the extra buffer types: the plain CPU kernels (AVX-512 there) instead of AMX and weight repacking.
Every `Llama` the app creates goes through `llama_params`, the embedder's included.
"""

from __future__ import annotations

import ctypes
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import llama_cpp
import llama_cpp.llama_cpp as llama_capi

from app.core.engine import LoadSettings

_load_lock = threading.Lock()  # the wrap is process-wide: one load at a time
KV_CACHE_TYPES = {"f16": llama_capi.GGML_TYPE_F16, "q8_0": llama_capi.GGML_TYPE_Q8_0, "q4_0": llama_capi.GGML_TYPE_Q4_0}


class TensorBufferOverride(ctypes.Structure):
    _fields_ = [("pattern", ctypes.c_char_p), ("buft", ctypes.c_void_p)]


def expert_tensor_patterns(n_cpu_moe: int) -> list[str]:
    """The regexes llama.cpp's --n-cpu-moe uses: expert weights of the first N layers."""
    return [rf"blk\.{layer}\.ffn_(up|down|gate|gate_up)_(ch|)exps" for layer in range(n_cpu_moe)]


def cpu_buffer_type() -> int:
    """ggml's CPU buffer type, looked up in the ggml libraries llama_cpp already loaded.

    A NULL here would make llama.cpp abort the whole process (GGML_ASSERT), so failing to find it is an error.
    """
    lib_dir = Path(llama_cpp.__file__).parent / "lib"
    for library in sorted(lib_dir.glob("*ggml*")):
        try:
            handle = ctypes.CDLL(str(library))
            function = handle.ggml_backend_cpu_buffer_type
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_void_p
        function.argtypes = []
        buft = function()
        if buft:
            return buft
    raise RuntimeError("ggml_backend_cpu_buffer_type was not found in llama.cpp's libraries")


def build_overrides(patterns: list[str]) -> ctypes.Array | None:
    if not patterns:
        return None
    buft = cpu_buffer_type()
    array = (TensorBufferOverride * (len(patterns) + 1))()
    for slot, pattern in zip(array, patterns):
        slot.pattern = pattern.encode()
        slot.buft = buft
    array[len(patterns)].pattern = None  # the terminator llama.cpp looks for
    return array


@functools.cache
def amx_in_build() -> bool:
    """Whether this llama.cpp was compiled with its AMX kernels (and the CPU has AMX: they are off otherwise)."""
    return b"AMX_INT8 = 1" in llama_capi.llama_print_system_info()


@contextmanager
def llama_params(
    on_progress: Callable[[float], bool] | None = None, overrides: ctypes.Array | None = None
) -> Iterator[None]:
    """While open, a `llama_cpp.Llama(...)` created on this thread loads with these params (one load at a time)."""
    original = llama_capi.llama_model_default_params
    keep_alive: list[object] = [overrides]
    without_extra_buffers = amx_in_build()

    def patched() -> llama_capi.llama_model_params:
        params = original()
        if without_extra_buffers:
            params.use_extra_bufts = False
        if overrides is not None:
            params.tensor_buft_overrides = ctypes.cast(overrides, ctypes.c_void_p)
        if on_progress is not None:
            callback = llama_capi.llama_progress_callback(lambda fraction, _user: bool(on_progress(fraction)))
            keep_alive.append(callback)
            params.progress_callback = callback
        return params

    with _load_lock:
        llama_capi.llama_model_default_params = patched
        try:
            yield
        finally:
            llama_capi.llama_model_default_params = original
            keep_alive.clear()


def create_llama(path: Path, settings: LoadSettings, on_progress: Callable[[float], bool] | None) -> llama_cpp.Llama:
    """Load the model; raises whatever llama-cpp-python raises (the engine maps it to a message)."""
    overrides = build_overrides(expert_tensor_patterns(settings.n_cpu_moe))
    with llama_params(on_progress, overrides):
        return llama_cpp.Llama(
            model_path=str(path),
            n_ctx=settings.n_ctx,
            n_batch=settings.n_batch,
            n_ubatch=settings.n_batch,
            n_gpu_layers=settings.n_gpu_layers,
            n_threads=settings.n_threads,
            flash_attn=settings.flash_attn,
            use_mmap=settings.use_mmap,
            use_mlock=settings.use_mlock,
            seed=settings.seed,
            type_k=KV_CACHE_TYPES[settings.kv_cache_type],
            type_v=KV_CACHE_TYPES[settings.kv_cache_type],
            # Prefix reuse on sliding-window models is only right with the full-size SWA cache (the default).
            swa_full=True,
            verbose=False,
        )
