"""`gpt-oss-chat run --docs NAME`: gpt-oss browses the collection with its browser tool (the calls never ask), the
answer's citations are listed as the file and its lines; a model that cannot browse (gemma) gets the best passages
in its prompt and they are listed the same way; an unknown collection fails before the model loads."""

from __future__ import annotations

from dataclasses import replace

import app.cli.run as run_module
from app.__main__ import main
from app.cli import terminal_documents
from app.core.documents.automatic import HEADER
from app.core.documents.embeddings import LlamaEmbedder, VectorSearch, embed_missing
from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import index_collection
from app.core.turn import run_turn
from tests.cli.test_commands import assert_one_clear_line, gpt_oss_chat

SEARCH = '<|channel|>analysis to=browser.search code<|message|>{"query": "proxy port"}<|call|>'
OPEN = '<|channel|>analysis to=browser.open code<|message|>{"id": 0}<|call|>'
# Display lines 11-12 of the document opened under cursor 1 are the file's lines 12 and 13.
ANSWER = "<|channel|>final<|message|>The proxy listens on port 3128 【1†L11-L12】.<|return|>"
CITED = "The proxy server listens on port 3128.\nChange it in proxy.conf, then restart.\n"


def add_notes(folder):
    """A collection 'notes' in the test's app home: a guide whose lines 12-13 say where the proxy listens."""
    folder.mkdir()
    filler = "".join(f"Line {n}: nothing about networks here.\n" for n in range(1, 12))
    (folder / "guide.md").write_text(filler + CITED + "Line 14: the end.\n", encoding="utf-8")
    (folder / "fruit.txt").write_text("Bananas are yellow.\n", encoding="utf-8")
    with DocumentIndex.open() as index:
        index_collection(index, index.add_collection(folder, "notes"))
    return (folder / "guide.md").resolve()


def never_asked(prompt: str) -> str:
    raise AssertionError(f"the terminal asked: {prompt}")


def test_gpt_oss_browses_the_collection_and_its_citation_is_listed(forced_model, tiny_gpt_oss, tmp_path, capsys,
                                                                   monkeypatch):
    guide = add_notes(tmp_path / "notes")
    forced_model(SEARCH + OPEN + ANSWER)
    monkeypatch.setattr("builtins.input", never_asked)
    code = main(["run", "--model", str(tiny_gpt_oss), "--docs", "notes", "-p", "Which port does the proxy use?"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == "The proxy listens on port 3128 【1†L11-L12】."
    assert "[tool] browser.search: done" in err and "[tool] browser.open: done" in err  # never asked
    assert err.rstrip().endswith(f"Sources:\n  {guide}:12-13")


def test_with_an_embedding_model_installed_searches_fuse_its_vectors(forced_model, tiny_gpt_oss, tmp_path, capsys,
                                                                      monkeypatch):
    """The tiny model stands in for the embedding model (its vectors are random: only the run's course is checked);
    the window embedded the passages before."""
    guide = add_notes(tmp_path / "notes")
    with DocumentIndex.open() as index:
        embedder = LlamaEmbedder(tiny_gpt_oss)
        assert embed_missing(index, embedder) > 0
        embedder.close()
    monkeypatch.setattr(terminal_documents, "installed_embedding_model", lambda: tiny_gpt_oss)
    fused = []
    monkeypatch.setattr(VectorSearch, "nearest", lambda self, *args, original=VectorSearch.nearest:
                        fused.append(args) or original(self, *args))
    forced_model(SEARCH + OPEN + ANSWER)
    code = main(["run", "--model", str(tiny_gpt_oss), "--docs", "notes", "-p", "Which port does the proxy use?"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert fused and fused[0][0] == "proxy port"  # the browser's search asked the vectors too
    assert err.rstrip().endswith(f"Sources:\n  {guide}:12-13")


def test_a_model_that_cannot_browse_gets_the_passages_in_its_prompt(gemma_270m, tmp_path, capsys, monkeypatch):
    guide = add_notes(tmp_path / "notes")
    prompts = []

    def run_turn_seen(engine, messages, params, *rest):
        prompts.append(messages)
        return run_turn(engine, messages, replace(params, max_tokens=4), *rest)

    monkeypatch.setattr(run_module, "run_turn", run_turn_seen)
    code = main(["run", "--model", str(gemma_270m), "--ctx", "2048", "--docs", "notes", "-p",
                 "Which port does the proxy use?"])
    out, err = capsys.readouterr()
    assert code == 0, err
    [messages] = prompts
    question = messages[-1].content
    assert question.startswith(f"Which port does the proxy use?\n\n{HEADER}\n\n[1] guide.md, lines ")
    assert "The proxy server listens on port 3128." in question and "Bananas" not in question
    assert f"Sources:\n  {guide}:" in err


def test_an_unknown_collection_is_named_before_the_model_loads(tmp_path):
    add_notes(tmp_path / "notes")
    result = gpt_oss_chat("run", "--model", str(tmp_path / "never-loaded.gguf"), "--docs", "nots", "-p", "hi")
    assert_one_clear_line(result, "There is no collection called 'nots'", "notes")
