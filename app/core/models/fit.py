"""Will a model run on this machine, how, and with which load settings: the arithmetic in docs/hardware.md.

Memory a model needs at a context of n_ctx tokens:
  weights   the GGUF's tensors (MoE expert tensors can stay in RAM while the rest goes to the GPU)
  KV cache  layers x n_ctx x 2 (K and V) x n_head_kv x head_dim x 2 bytes (f16). The app keeps llama.cpp's
            full-size cache on the sliding-window layers too (swa_full: prefix reuse is wrong without it), so
            every layer holds n_ctx cells; see docs/hardware.md for the smaller figure without it.
  compute   llama.cpp's work buffers, dominated by the logits of one batch: n_batch x n_vocab x 4 bytes, plus
            COMPUTE_EXTRA for the activations; on the GPU when layers are offloaded, else in RAM
  host      llama-cpp-python's own logits rows (n_batch x n_vocab x 4 bytes), always in RAM
against the RAM less RAM_RESERVE for the system and this app, and the GPU's memory less GPU_RESERVE for its driver.
Messages are English templates with named fields, kept in MESSAGES so the UI can translate them.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.core.engine import LoadSettings
from app.core.models.catalog import CatalogEntry
from app.core.models.gguf_inspect import GGUFReport
from app.core.models.hardware import GpuInfo, HardwareProfile

GIB = 1024**3
MIB = 1024**2
RAM_RESERVE = 5 * GIB // 2
GPU_RESERVE = GIB // 2
COMPUTE_EXTRA = 256 * MIB
F16_BYTES = 2
# macOS lets Metal keep about this share of the RAM resident (llama.cpp's recommendedMaxWorkingSetSize).
METAL_SHARE_SMALL, METAL_SHARE_LARGE, METAL_LARGE_RAM = 2 / 3, 3 / 4, 64 * GIB
SMALLEST_SUGGESTED_CTX = 4096
# GGUF architectures (general.architecture) of decoder-only models with plain multi-head or grouped-query attention,
# whose cache the arithmetic above describes (checked against llama.cpp's own figure for gpt-oss and gemma3 in
# tests/core/models/test_fit_llama.py). Left out on purpose: recurrent and hybrid models (mamba, rwkv*, jamba, lfm2,
# granitehybrid...), compressed latent attention (deepseek2, minicpm3), layer-sharing gemma3n, encoders (bert, t5).
PLAIN_ATTENTION = frozenset({
    "gpt-oss", "llama", "llama4", "mistral3", "qwen2", "qwen2moe", "qwen3", "qwen3moe", "gemma", "gemma2", "gemma3",
    "phi2", "phi3", "phimoe", "granite", "granitemoe", "olmo", "olmo2", "olmoe", "command-r", "cohere2", "starcoder2",
    "stablelm", "internlm2", "exaone", "exaone4", "glm4", "glm4moe", "smollm3", "ernie4_5", "ernie4_5-moe", "falcon",
    "gptneox", "baichuan", "orion", "minicpm", "nemotron", "arcee", "dots1", "seed_oss", "hunyuan-moe", "hunyuan-dense",
})


class FitVerdict(enum.Enum):
    FULL_GPU = "full_gpu"
    EXPERTS_ON_CPU = "experts_on_cpu"
    CPU_ONLY_SLOW = "cpu_only"
    WONT_FIT = "wont_fit"
    UNKNOWN = "unknown"  # the RAM could not be measured


MESSAGES: Mapping[str, str] = {
    "full_gpu": (
        "Runs fully on the GPU ({gpu_name}): it needs {gpu_need} of GPU memory ({weights} of weights, {kv} of "
        "context cache for {n_ctx} tokens, {compute} of working memory) and {gpu_budget} is usable."
    ),
    "experts_on_cpu": (
        "Runs with the expert weights of {n_cpu_moe} of its {n_layers} layers in system memory: {gpu_need} on the "
        "GPU ({gpu_name}, {gpu_budget} usable) and {ram_need} in RAM ({ram_budget} usable). Slower than fully on "
        "the GPU, much faster than on the CPU alone."
    ),
    "cpu_only": (
        "Runs on the CPU only, slowly: it needs {ram_need} of RAM ({weights} of weights, {kv} of context cache for "
        "{n_ctx} tokens, {compute} of working memory) and {ram_budget} is usable."
    ),
    "wont_fit": (
        "Won't fit: it needs at least {ram_need} of RAM at {n_ctx} tokens of context, and this machine has "
        "{ram_budget} usable."
    ),
    "unknown": "Can't tell whether it fits: this machine's memory could not be measured.",
    "note_no_gpu_build": "This llama.cpp build cannot use a GPU, so only the CPU is counted.",
    "note_gpu_build_unknown": "Whether llama.cpp can use the GPU is unknown here, so only the CPU is counted.",
    "note_gpu_memory_unknown": "The memory of {gpu_name} could not be read, so the GPU is not counted.",
    "note_unified_share": "{gpu_name} shares the RAM and can use about {gpu_budget} of it.",
    "note_smaller_context": "With a context of {n_ctx} tokens it would fit.",
    "note_low_available": "Only {available} of RAM is free right now: close other programs before loading it.",
    "recommend_large": "Recommended: {model}. This is a workstation-class machine: it runs {model} with GPU help.",
    "recommend_small": "Recommended: {model}, the model for laptop-class machines like this one.",
    "recommend_none": "None of the models fits in this machine's memory.",
}


@dataclass(frozen=True)
class Message:
    key: str
    fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return MESSAGES[self.key].format(**self.fields)


@dataclass(frozen=True)
class ModelSpec:
    """What the arithmetic needs to know about a model."""

    model_id: str
    display_name: str
    params_total: int
    weights_bytes: int
    expert_bytes: int
    n_layers: int
    n_head_kv: int
    key_length: int
    value_length: int
    n_vocab: int
    context_length: int

    @classmethod
    def from_catalog(cls, entry: CatalogEntry) -> ModelSpec:
        arch = entry.family.architecture
        if arch is None:  # only embedding families go without (the catalog checks): callers take chat_entries
            raise ValueError(f"{entry.id} is not a chat model: the fit does not judge it.")
        return cls(
            model_id=entry.id,
            display_name=entry.display_name,
            params_total=entry.family.params_total,
            weights_bytes=entry.total_bytes,
            expert_bytes=entry.expert_bytes,
            n_layers=arch.block_count,
            n_head_kv=arch.head_count_kv,
            key_length=arch.key_length,
            value_length=arch.value_length,
            n_vocab=arch.vocab_size,
            context_length=entry.family.context_length,
        )

    @classmethod
    def from_gguf(cls, model_id: str, report: GGUFReport) -> ModelSpec | None:
        """From a GGUF header, for architectures whose cache is plain attention (layers x cells x KV heads x
        (key + value)); None for the others (recurrent state, compressed latent attention, encoders): no guess."""
        needed = (report.block_count, report.head_count_kv, report.key_length, report.value_length,
                  report.context_length, report.vocab_size)
        if report.architecture not in PLAIN_ATTENTION or any(value is None for value in needed):
            return None
        return cls(
            model_id=model_id,
            display_name=model_id,
            params_total=report.parameter_count or 0,
            weights_bytes=report.tensor_bytes or report.file_size,
            expert_bytes=report.expert_bytes or 0,
            n_layers=report.block_count,  # type: ignore[arg-type]  # checked above
            n_head_kv=report.head_count_kv,  # type: ignore[arg-type]
            key_length=report.key_length,  # type: ignore[arg-type]
            value_length=report.value_length,  # type: ignore[arg-type]
            n_vocab=report.vocab_size,  # type: ignore[arg-type]
            context_length=report.context_length,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class FitResult:
    model_id: str
    verdict: FitVerdict
    n_ctx: int
    weights_bytes: int
    kv_cache_bytes: int
    compute_bytes: int
    host_bytes: int
    gpu_bytes: int  # planned on the GPU
    ram_bytes: int  # planned in RAM
    gpu_budget: int | None
    ram_budget: int | None
    settings: LoadSettings | None  # None when it won't fit or can't be told
    message: Message
    notes: tuple[Message, ...] = ()

    @property
    def explanation(self) -> str:
        return " ".join([self.message.text, *(note.text for note in self.notes)])


@dataclass(frozen=True)
class Recommendation:
    model_id: str | None
    message: Message


def kv_cache_bytes(spec: ModelSpec, n_ctx: int) -> int:
    per_token_per_layer = spec.n_head_kv * (spec.key_length + spec.value_length) * F16_BYTES
    return spec.n_layers * n_ctx * per_token_per_layer


def logits_bytes(spec: ModelSpec, n_batch: int) -> int:
    return n_batch * spec.n_vocab * 4


def gpu_budget(gpu: GpuInfo, ram_total: int | None) -> int | None:
    if gpu.unified:
        if ram_total is None:
            return None
        share = METAL_SHARE_LARGE if ram_total >= METAL_LARGE_RAM else METAL_SHARE_SMALL
        limits = [int(ram_total * share), *(v for v in (gpu.memory_total, gpu.memory_free) if v)]
        return min(limits)
    available = gpu.memory_free or gpu.memory_total
    return None if available is None else max(0, available - GPU_RESERVE)


def assess(spec: ModelSpec, hardware: HardwareProfile, n_ctx: int, n_batch: int = LoadSettings.n_batch) -> FitResult:
    """The best way to run `spec` on `hardware` at `n_ctx`, with the numbers behind it."""
    result = _place(spec, hardware, n_ctx, n_batch)
    if result.verdict is FitVerdict.WONT_FIT:
        smaller = _largest_fitting_context(spec, hardware, n_ctx, n_batch)
        if smaller is not None:
            note = Message("note_smaller_context", {"n_ctx": f"{smaller:,}"})
            result = _with_notes(result, note)
    available = hardware.ram_available
    if result.settings is not None and available is not None and available < result.ram_bytes:
        result = _with_notes(result, Message("note_low_available", {"available": gib(available)}))
    return result


def assess_all(
    specs: Sequence[ModelSpec], hardware: HardwareProfile, n_ctx: int, n_batch: int = LoadSettings.n_batch
) -> list[FitResult]:
    return [assess(spec, hardware, min(n_ctx, spec.context_length), n_batch) for spec in specs]


def recommend(specs: Sequence[ModelSpec], results: Sequence[FitResult]) -> Recommendation:
    """The largest model that runs with GPU help (workstation class), else the smallest that runs at all."""
    pairs = list(zip(specs, results, strict=True))
    with_gpu = [s for s, r in pairs if r.verdict in (FitVerdict.FULL_GPU, FitVerdict.EXPERTS_ON_CPU)]
    on_cpu = [s for s, r in pairs if r.verdict is FitVerdict.CPU_ONLY_SLOW]
    largest_with_gpu = max(with_gpu, key=lambda s: s.params_total, default=None)
    smallest = min(with_gpu + on_cpu, key=lambda s: s.params_total, default=None)
    if largest_with_gpu is not None and largest_with_gpu is not smallest:
        message = Message("recommend_large", {"model": largest_with_gpu.display_name})
        return Recommendation(largest_with_gpu.model_id, message)
    if smallest is not None:
        return Recommendation(smallest.model_id, Message("recommend_small", {"model": smallest.display_name}))
    return Recommendation(None, Message("recommend_none"))


def gib(n_bytes: int | None) -> str:
    return "unknown" if n_bytes is None else f"{n_bytes / GIB:.1f} GiB"


def _place(spec: ModelSpec, hardware: HardwareProfile, n_ctx: int, n_batch: int) -> FitResult:
    kv = kv_cache_bytes(spec, n_ctx)
    compute = logits_bytes(spec, n_batch) + COMPUTE_EXTRA
    host = logits_bytes(spec, n_batch)
    base = {
        "model_id": spec.model_id, "n_ctx": n_ctx, "weights_bytes": spec.weights_bytes, "kv_cache_bytes": kv,
        "compute_bytes": compute, "host_bytes": host,
    }
    fields = {
        "weights": gib(spec.weights_bytes), "kv": gib(kv), "compute": gib(compute), "n_ctx": f"{n_ctx:,}",
        "n_layers": str(spec.n_layers),
    }
    if hardware.ram_total is None:
        return FitResult(
            **base, verdict=FitVerdict.UNKNOWN, gpu_bytes=0, ram_bytes=0, gpu_budget=None, ram_budget=None,
            settings=None, message=Message("unknown"),
        )
    ram_budget = max(0, hardware.ram_total - RAM_RESERVE)
    fields["ram_budget"] = gib(ram_budget)
    gpu, notes = _usable_gpu(hardware)
    budget = gpu_budget(gpu, hardware.ram_total) if gpu else None
    least_ram = spec.weights_bytes + kv + compute + host  # all on the CPU; a GPU plan may need less

    def result(verdict: FitVerdict, gpu_bytes: int, ram_bytes: int, settings: LoadSettings | None) -> FitResult:
        all_fields = {**fields, "gpu_need": gib(gpu_bytes), "ram_need": gib(ram_bytes)}
        return FitResult(
            **base, verdict=verdict, gpu_bytes=gpu_bytes, ram_bytes=ram_bytes, gpu_budget=budget,
            ram_budget=ram_budget, settings=settings, message=Message(verdict.value, all_fields), notes=tuple(notes),
        )

    if gpu is not None and budget is not None:
        fields.update(gpu_name=gpu.name, gpu_budget=gib(budget))
        if gpu.unified:
            notes.append(Message("note_unified_share", {"gpu_name": gpu.name, "gpu_budget": gib(budget)}))
        shared = gpu.unified  # on unified memory the GPU's share comes out of the same RAM
        gpu_need = spec.weights_bytes + kv + compute
        ram_need = host + (gpu_need if shared else 0)
        if gpu_need <= budget and ram_need <= ram_budget:
            return result(FitVerdict.FULL_GPU, gpu_need, ram_need, _settings(n_ctx, n_batch, -1, 0))
        if spec.expert_bytes and spec.n_layers:
            per_layer = spec.expert_bytes / spec.n_layers
            fixed = spec.weights_bytes - spec.expert_bytes + kv + compute
            layers_on_gpu = min(spec.n_layers, int((budget - fixed) // per_layer)) if budget >= fixed else -1
            if layers_on_gpu >= 0:
                n_cpu_moe = spec.n_layers - layers_on_gpu
                gpu_need = fixed + round(layers_on_gpu * per_layer)
                ram_need = round(n_cpu_moe * per_layer) + host + (gpu_need if shared else 0)
                least_ram = min(least_ram, ram_need)
                if ram_need <= ram_budget:
                    settings = _settings(n_ctx, n_batch, -1, n_cpu_moe)
                    fields["n_cpu_moe"] = str(n_cpu_moe)
                    return result(FitVerdict.EXPERTS_ON_CPU, gpu_need, ram_need, settings)
    cpu_need = spec.weights_bytes + kv + compute + host
    if cpu_need <= ram_budget:
        return result(FitVerdict.CPU_ONLY_SLOW, 0, cpu_need, _settings(n_ctx, n_batch, 0, 0))
    return result(FitVerdict.WONT_FIT, 0, least_ram, None)


def _usable_gpu(hardware: HardwareProfile) -> tuple[GpuInfo | None, list[Message]]:
    if not hardware.gpus:
        return None, []
    if hardware.gpu_offload is not True:
        return None, [Message("note_no_gpu_build" if hardware.gpu_offload is False else "note_gpu_build_unknown")]
    known = [g for g in hardware.gpus if gpu_budget(g, hardware.ram_total) is not None]
    unknown = [Message("note_gpu_memory_unknown", {"gpu_name": g.name}) for g in hardware.gpus if g not in known]
    # llama.cpp can split layers over several GPUs; counting only the largest keeps the estimate on the safe side.
    best = max(known, key=lambda g: gpu_budget(g, hardware.ram_total) or 0, default=None)
    return best, unknown


def _settings(n_ctx: int, n_batch: int, n_gpu_layers: int, n_cpu_moe: int) -> LoadSettings:
    return LoadSettings(n_ctx=n_ctx, n_batch=n_batch, n_gpu_layers=n_gpu_layers, n_cpu_moe=n_cpu_moe, flash_attn=True)


def _largest_fitting_context(spec: ModelSpec, hardware: HardwareProfile, n_ctx: int, n_batch: int) -> int | None:
    candidate = n_ctx // 2
    while candidate >= SMALLEST_SUGGESTED_CTX:
        if _place(spec, hardware, candidate, n_batch).verdict is not FitVerdict.WONT_FIT:
            return candidate
        candidate //= 2
    return None


def _with_notes(result: FitResult, *notes: Message) -> FitResult:
    return dataclasses.replace(result, notes=result.notes + notes)
