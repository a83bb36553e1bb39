"""Fit verdicts for a table of machines (the same table as docs/hardware.md), and the arithmetic behind them."""

from __future__ import annotations

import string

import pytest

from app.core.models.catalog import load_catalog
from app.core.models.fit import (
    COMPUTE_EXTRA,
    GPU_RESERVE,
    MESSAGES,
    RAM_RESERVE,
    FitVerdict,
    ModelSpec,
    assess,
    assess_all,
    kv_cache_bytes,
    recommend,
)
from app.core.models.hardware import GpuInfo, HardwareProfile

GIB = 1024**3
FULL, EXPERTS, CPU, NO = FitVerdict.FULL_GPU, FitVerdict.EXPERTS_ON_CPU, FitVerdict.CPU_ONLY_SLOW, FitVerdict.WONT_FIT


def cuda(gib: int) -> tuple[GpuInfo, ...]:
    return (GpuInfo(f"NVIDIA {gib} GB", "CUDA", gib * GIB, None, unified=False, source="llama.cpp"),)


MACHINES = {
    "8 GB laptop": HardwareProfile(8 * GIB, None, None, gpu_offload=False),
    "16 GB laptop": HardwareProfile(16 * GIB, None, None, gpu_offload=False),
    "32 GB + 8 GB GPU": HardwareProfile(32 * GIB, None, None, gpu_offload=True, gpus=cuda(8)),
    "64 GB + 24 GB GPU": HardwareProfile(64 * GIB, None, None, gpu_offload=True, gpus=cuda(24)),
    "96 GB Apple Silicon": HardwareProfile(
        96 * GIB, None, None, gpu_offload=True,
        gpus=(GpuInfo("Apple M2 Max", "Metal", None, None, unified=True, source="ram"),),
    ),
    "128 GB + 80 GB GPU": HardwareProfile(128 * GIB, None, None, gpu_offload=True, gpus=cuda(80)),
}

# machine: ((20b verdict, n_gpu_layers, n_cpu_moe), (120b ...), recommended) at the default 8,192-token context.
TABLE = {
    "8 GB laptop": ((NO, None, None), (NO, None, None), None),
    "16 GB laptop": ((CPU, 0, 0), (NO, None, None), "gpt-oss-20b"),
    "32 GB + 8 GB GPU": ((EXPERTS, -1, 13), (NO, None, None), "gpt-oss-20b"),
    "64 GB + 24 GB GPU": ((FULL, -1, 0), (EXPERTS, -1, 24), "gpt-oss-120b"),
    "96 GB Apple Silicon": ((FULL, -1, 0), (FULL, -1, 0), "gpt-oss-120b"),
    "128 GB + 80 GB GPU": ((FULL, -1, 0), (FULL, -1, 0), "gpt-oss-120b"),
}


@pytest.fixture(scope="module")
def specs() -> list[ModelSpec]:
    return [ModelSpec.from_catalog(entry) for entry in load_catalog().chat_entries]


@pytest.mark.parametrize("machine", TABLE)
def test_the_machine_table(machine, specs):
    results = assess_all(specs, MACHINES[machine], 8192)
    *expected, recommended = TABLE[machine]

    for result, (verdict, n_gpu_layers, n_cpu_moe) in zip(results, expected):
        assert result.verdict is verdict, result.explanation
        if verdict is NO:
            assert result.settings is None
        else:
            settings = result.settings
            assert (settings.n_gpu_layers, settings.n_cpu_moe) == (n_gpu_layers, n_cpu_moe)
            assert (settings.n_ctx, settings.flash_attn) == (8192, True)
            assert result.ram_bytes <= result.ram_budget
            assert result.gpu_bytes <= (result.gpu_budget or 0)
    assert recommend(specs, results).model_id == recommended


def test_kv_cache_is_every_layer_times_the_context_in_f16(specs):
    small, large = specs
    # 2 (K and V) x 8 KV heads x 64 dims x 2 bytes = 2 KiB per token per layer; swa_full keeps all n_ctx cells.
    assert kv_cache_bytes(small, 8192) == 24 * 8192 * 2048 == 384 * 1024**2
    assert kv_cache_bytes(large, 131072) == 36 * 131072 * 2048 == 9 * GIB


def test_the_numbers_add_up(specs):
    small = specs[0]
    result = assess(small, MACHINES["16 GB laptop"], 8192)
    logits = 512 * 201088 * 4
    assert result.compute_bytes == logits + COMPUTE_EXTRA and result.host_bytes == logits
    assert result.ram_bytes == small.weights_bytes + result.kv_cache_bytes + result.compute_bytes + logits
    assert result.ram_budget == 16 * GIB - RAM_RESERVE
    gpu_result = assess(small, MACHINES["64 GB + 24 GB GPU"], 8192)
    assert gpu_result.gpu_budget == 24 * GIB - GPU_RESERVE
    assert gpu_result.gpu_bytes == small.weights_bytes + gpu_result.kv_cache_bytes + gpu_result.compute_bytes


def test_experts_on_cpu_keeps_as_few_layers_on_the_cpu_as_the_gpu_allows(specs):
    large = specs[1]
    result = assess(large, MACHINES["64 GB + 24 GB GPU"], 8192)
    per_layer = large.expert_bytes / large.n_layers
    assert result.verdict is EXPERTS
    # One expert layer more on the GPU would not fit.
    assert result.gpu_bytes + per_layer > result.gpu_budget
    assert result.ram_bytes == round(result.settings.n_cpu_moe * per_layer) + result.host_bytes


def test_a_longer_context_never_improves_the_verdict(specs):
    order = [FULL, EXPERTS, CPU, NO]
    for hardware in MACHINES.values():
        for spec in specs:
            verdicts = [assess(spec, hardware, n_ctx).verdict for n_ctx in (4096, 8192, 32768, 131072)]
            assert [order.index(v) for v in verdicts] == sorted(order.index(v) for v in verdicts)


def test_a_context_too_long_for_the_machine_suggests_one_that_fits(specs):
    result = assess(specs[0], MACHINES["16 GB laptop"], 131072)
    assert result.verdict is NO
    assert result.notes[-1].key == "note_smaller_context"
    suggested = int(result.notes[-1].fields["n_ctx"].replace(",", ""))
    assert assess(specs[0], MACHINES["16 GB laptop"], suggested).verdict is CPU
    assert assess(specs[0], MACHINES["16 GB laptop"], suggested * 2).verdict is NO


def test_a_gpu_the_build_cannot_use_is_not_counted(specs):
    no_offload = HardwareProfile(64 * GIB, None, None, gpu_offload=False, gpus=cuda(24))
    result = assess(specs[0], no_offload, 8192)
    assert result.verdict is CPU and result.settings.n_gpu_layers == 0
    assert [n.key for n in result.notes] == ["note_no_gpu_build"]
    unknown_build = HardwareProfile(64 * GIB, None, None, gpu_offload=None, gpus=cuda(24))
    assert [n.key for n in assess(specs[0], unknown_build, 8192).notes] == ["note_gpu_build_unknown"]


def test_a_gpu_with_unknown_memory_is_not_counted(specs):
    blind = (GpuInfo("Mystery GPU", "Vulkan", None, None, unified=False, source="llama.cpp"),)
    result = assess(specs[0], HardwareProfile(32 * GIB, None, None, gpu_offload=True, gpus=blind), 8192)
    assert result.verdict is CPU
    assert result.notes[0].text == "The memory of Mystery GPU could not be read, so the GPU is not counted."


def test_unknown_ram_is_said_not_guessed(specs):
    result = assess(specs[0], HardwareProfile(None, None, None, gpu_offload=None), 8192)
    assert result.verdict is FitVerdict.UNKNOWN and result.settings is None
    assert "could not be measured" in result.explanation


def test_little_free_ram_right_now_is_mentioned(specs):
    busy = HardwareProfile(16 * GIB, 4 * GIB, None, gpu_offload=False)
    result = assess(specs[0], busy, 8192)
    assert result.verdict is CPU
    assert result.notes[-1].text == "Only 4.0 GiB of RAM is free right now: close other programs before loading it."


def test_unified_memory_counts_the_gpu_share_out_of_the_ram(specs):
    mac16 = HardwareProfile(16 * GIB, None, None, gpu_offload=True,
                            gpus=(GpuInfo("Apple M2", "Metal", None, None, unified=True, source="ram"),))
    result = assess(specs[0], mac16, 8192)
    # 2/3 of 16 GiB is too little for all of gpt-oss-20b on the GPU, and RAM is the same memory.
    assert result.gpu_budget == int(16 * GIB * 2 / 3)
    assert result.verdict is not FULL
    assert result.ram_bytes >= result.gpu_bytes


def test_explanations_name_the_numbers(specs):
    result = assess(specs[1], MACHINES["64 GB + 24 GB GPU"], 8192)
    assert result.explanation.startswith(
        "Runs with the expert weights of 24 of its 36 layers in system memory: 22.3 GiB on the GPU (NVIDIA 24 GB, "
        "23.5 GiB usable) and 38.3 GiB in RAM (61.5 GiB usable)."
    )


def test_every_message_template_gets_the_fields_it_names(specs):
    used: set[str] = set()
    for hardware in [*MACHINES.values(), HardwareProfile(None, None, None, None)]:
        for n_ctx in (8192, 131072):
            results = assess_all(specs, hardware, n_ctx)
            messages = [m for r in results for m in (r.message, *r.notes)] + [recommend(specs, results).message]
            for message in messages:
                needed = {name for _, name, _, _ in string.Formatter().parse(MESSAGES[message.key]) if name}
                assert needed <= set(message.fields), message.key
                assert message.text
                used.add(message.key)
    assert {"full_gpu", "experts_on_cpu", "cpu_only", "wont_fit", "unknown", "recommend_large", "recommend_small",
            "recommend_none", "note_unified_share", "note_smaller_context"} <= used
