"""Projects and forks in the store on a real SQLite file: moving conversations, deleting a project both ways, search
in one project, export and import with projects, a fork's copy of the history, and a salvage that keeps projects."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.core.store import OUTSIDE_PROJECTS, ConversationStore, ImportCounts
from app.core.store.recovery import salvage
from app.core.store.transfer import TransferError, export_json, export_markdown, import_json
from tests.support.conversations import STATS, TOOL_STEPS, fill_sample


@pytest.fixture
def other_store(tmp_path):
    with ConversationStore.open(tmp_path / "elsewhere" / "conversations.sqlite3") as opened:
        yield opened


def chat(store: ConversationStore, title: str, project_id: int | None = None, words: str = "") -> int:
    cid = store.create_conversation(title=title, project_id=project_id).id
    store.add_message(cid, "user", words or f"About {title}")
    store.add_message(cid, "assistant", f"An answer about {title}", reasoning="Think first.")
    return cid


def project_of(store: ConversationStore, cid: int) -> int | None:
    return store.get_conversation(cid).project_id


def test_a_project_is_created_renamed_updated_and_listed_by_name(store):
    thesis = store.create_project("  Thesis  ", "Cite sources.", {"reasoning_effort": "high"})
    assert (thesis.name, thesis.instructions) == ("Thesis", "Cite sources.")
    assert thesis.settings == {"reasoning_effort": "high"} and thesis.files_collection is None
    store.create_project("archive")
    renamed = store.rename_project(thesis.id, "Zürich thesis")
    assert renamed.name == "Zürich thesis" and renamed.updated_at >= thesis.updated_at
    updated = store.update_project(thesis.id, instructions="Use metric units.", settings={"temperature": 0.3},
                                   files_collection=7)
    assert (updated.instructions, updated.settings, updated.files_collection) == ("Use metric units.",
                                                                                 {"temperature": 0.3}, 7)
    assert [p.name for p in store.list_projects()] == ["archive", "Zürich thesis"]
    assert store.find_project(thesis.uuid) == store.get_project(thesis.id)
    with pytest.raises(ValueError, match="needs a name"):
        store.create_project("   ")
    with pytest.raises(ValueError, match="no colour"):
        store.update_project(thesis.id, colour="red")


def test_moving_a_conversation_into_another_project_and_out(store):
    thesis, work = store.create_project("Thesis"), store.create_project("Work")
    cid = chat(store, "Outline", thesis.id)
    updated = store.get_conversation(cid).updated_at
    store.move_conversation(cid, work.id)
    assert project_of(store, cid) == work.id
    store.move_conversation(cid, None)
    assert project_of(store, cid) is None
    assert store.get_conversation(cid).updated_at == updated  # moving is not a change of its words
    assert [m.content for m in store.messages(cid)] == ["About Outline", "An answer about Outline"]
    with pytest.raises(KeyError):
        store.move_conversation(cid, 999)
    with pytest.raises(KeyError):
        store.create_conversation(project_id=999)
    assert {c.id: c.project_id for c in store.list_conversations()} == {cid: None}


def test_deleting_a_project_keeps_its_conversations_outside(store):
    thesis = store.create_project("Thesis")
    inside, outside = chat(store, "Outline", thesis.id), chat(store, "Groceries")
    assert store.delete_project(thesis.id, delete_conversations=False) == []
    assert store.list_projects() == []
    assert {c.id: c.project_id for c in store.list_conversations()} == {inside: None, outside: None}
    assert [m.content for m in store.messages(inside)] == ["About Outline", "An answer about Outline"]


def test_deleting_a_project_with_its_conversations(store):
    thesis = store.create_project("Thesis")
    inside = [chat(store, "Outline", thesis.id, "platypus"), chat(store, "Sources", thesis.id)]
    outside = chat(store, "Groceries", words="platypus eggs")
    assert sorted(store.delete_project(thesis.id, delete_conversations=True)) == sorted(inside)
    assert [c.id for c in store.list_conversations()] == [outside]
    assert {hit.conversation_id for hit in store.search("platypus")} == {outside}
    with pytest.raises(KeyError):
        store.delete_project(thesis.id, delete_conversations=True)


def test_search_keeps_to_one_project(store):
    thesis, work = store.create_project("Thesis"), store.create_project("Work")
    in_thesis = chat(store, "Kangaroo notes", thesis.id, "kangaroo habitats")
    in_work = chat(store, "Report", work.id, "kangaroo budget")
    outside = chat(store, "Zoo trip", words="kangaroo feeding times")
    assert {hit.conversation_id for hit in store.search("kangaroo")} == {in_thesis, in_work, outside}
    assert {hit.conversation_id for hit in store.search("kangaroo", project_id=thesis.id)} == {in_thesis}
    assert [(hit.conversation_id, hit.field) for hit in store.search("Report", project_id=work.id)] == [
        (in_work, "title"), (in_work, "content")]
    assert store.search("Report", project_id=thesis.id) == []
    # Terms too short for the index are matched by scanning: the project still applies.
    assert {hit.conversation_id for hit in store.search("zo", project_id=work.id)} == set()
    assert {hit.conversation_id for hit in store.search("zo")} == {outside}
    assert {hit.conversation_id for hit in store.search("kangaroo", project_id=OUTSIDE_PROJECTS)} == {outside}
    assert store.search("Report", project_id=OUTSIDE_PROJECTS) == []


def test_export_and_import_round_trip_with_projects_and_forks(store, other_store):
    sample = fill_sample(store)
    thesis = store.create_project("論文", "出典を示してください。", {"reasoning_effort": "high", "temperature": 0.4})
    store.create_project("Empty project")
    store.move_conversation(sample.weather, thesis.id)
    fork = store.fork(sample.shown_reply, "天気 (fork)")
    exported = export_json(store)
    assert exported["version"] == 3
    assert [p["name"] for p in exported["projects"]] == ["論文", "Empty project"]
    records = {c["uuid"]: c for c in exported["conversations"]}
    assert records[fork.uuid]["project"] == thesis.uuid
    assert records[fork.uuid]["forked_from"] == {"conversation": store.get_conversation(sample.weather).uuid,
                                                 "message": store.get_message(sample.shown_reply).uuid}

    counts = import_json(other_store, json.loads(json.dumps(exported, ensure_ascii=False)))
    assert counts == ImportCounts(conversations_added=3, messages_added=9, projects_added=2)
    exported_again = export_json(other_store)
    assert {k: v for k, v in exported_again.items() if k != "exported_at"} == {
        k: v for k, v in exported.items() if k != "exported_at"}
    imported = other_store.find_conversation(fork.uuid)
    assert other_store.get_project(imported.project_id).instructions == "出典を示してください。"
    assert import_json(other_store, exported) == ImportCounts(conversations_merged=3)
    assert len(other_store.list_projects()) == 2
    assert "project 論文" in export_markdown(store, [sample.weather])


def test_a_project_already_here_keeps_its_details_and_takes_the_new_conversations(store, other_store):
    thesis = store.create_project("Thesis", "Be precise.")
    chat(store, "Outline", thesis.id)
    import_json(other_store, export_json(store))
    here = other_store.find_project(thesis.uuid)
    other_store.rename_project(here.id, "My thesis")
    later = chat(store, "Sources", thesis.id)
    counts = import_json(other_store, export_json(store, [later]))
    assert counts == ImportCounts(conversations_added=1, messages_added=2)
    assert other_store.get_project(here.id).name == "My thesis"
    assert other_store.find_conversation(store.get_conversation(later).uuid).project_id == here.id


def test_exporting_some_conversations_takes_only_their_projects(store):
    thesis, work = store.create_project("Thesis"), store.create_project("Work")
    outline = chat(store, "Outline", thesis.id)
    chat(store, "Report", work.id)
    groceries = chat(store, "Groceries")
    assert [p["name"] for p in export_json(store, [outline, groceries])["projects"]] == ["Thesis"]


def test_a_conversation_naming_a_project_not_in_the_file_is_refused(store, other_store):
    thesis = store.create_project("Thesis")
    chat(store, "Outline", thesis.id)
    data = export_json(store)
    data["projects"] = []
    with pytest.raises(TransferError, match=r"conversations\[0\]\.project: no project in this file has uuid"):
        import_json(other_store, data)
    data = export_json(store)
    data["projects"][0]["name"] = " "
    with pytest.raises(TransferError, match=r"projects\[0\]\.name: must not be empty"):
        import_json(other_store, data)
    assert other_store.list_conversations() == [] and other_store.list_projects() == []


def test_a_version_2_export_still_imports_without_projects(store, other_store):
    fill_sample(store)
    data = export_json(store)
    data["version"] = 2
    del data["projects"]
    for conversation in data["conversations"]:
        del conversation["project"], conversation["forked_from"]
    assert import_json(other_store, data) == ImportCounts(conversations_added=2, messages_added=7)
    assert all(c.project_id is None for c in other_store.list_conversations())


def test_a_fork_holds_the_history_up_to_the_message_with_settings_project_and_a_link_back(store):
    thesis = store.create_project("Thesis")
    original = store.create_conversation(title="Weather", model="gpt-oss-20b",
                                         settings={"temperature": 0.3, "system_prompt": "Be brief."},
                                         project_id=thesis.id)
    first = store.add_message(original.id, "user", "Weather in Osaka?")
    reply = store.add_message(original.id, "assistant", "It rains.", reasoning="Look it up.", steps=TOOL_STEPS,
                              stats=STATS, model_file="gpt-oss-20b-mxfp4.gguf")
    store.add_message(original.id, "assistant", "Sunny.", parent_id=first.id, status="stopped")  # another version
    store.switch_to(reply.id)
    question = store.add_message(original.id, "user", "And tomorrow?")
    store.add_message(original.id, "assistant", "Snow.")

    fork = store.fork(question.id, "Weather (fork)")
    kept = ("role", "content", "reasoning", "steps", "status", "error", "stats", "model_file", "backend",
            "created_at")
    copied, source = store.messages(fork.id), store.messages(original.id)[:3]
    assert [[getattr(m, k) for k in kept] for m in copied] == [[getattr(m, k) for k in kept] for m in source]
    assert len(store.tree(fork.id)) == 3  # only the branch on show, not the other version
    assert {m.uuid for m in copied}.isdisjoint(m.uuid for m in source)
    assert (fork.title, fork.model, fork.settings, fork.project_id) == (
        "Weather (fork)", "gpt-oss-20b", {"temperature": 0.3, "system_prompt": "Be brief."}, thesis.id)
    assert (fork.forked_from, fork.forked_at) == (original.uuid, question.uuid)
    assert store.find_message(original.id, fork.forked_at) == question
    assert len(store.messages(original.id)) == 4  # the original is as it was
    assert store.fork(reply.id).title == "Weather"
    # A fork is searchable like any conversation.
    assert fork.id in {hit.conversation_id for hit in store.search("tomorrow")}


def test_forking_a_reply_still_streaming_copies_it_as_interrupted(store):
    cid = store.create_conversation().id
    store.add_message(cid, "user", "Tell me a story")
    streaming = store.add_message(cid, "assistant", "Once upon", status="streaming")
    fork = store.fork(streaming.id)
    assert [m.status for m in store.messages(fork.id)] == ["complete", "interrupted"]


def test_a_salvaged_database_keeps_projects_and_leaves_conversations_of_a_lost_one_outside(app_home, tmp_path):
    with ConversationStore.open() as store:
        kept, lost = store.create_project("Kept"), store.create_project("Lost")
        in_kept, in_lost = chat(store, "One", kept.id), chat(store, "Two", lost.id)
    db = sqlite3.connect(app_home.database)
    db.execute("DELETE FROM projects WHERE id = ?", (lost.id,))  # foreign keys off: as damage would leave it
    db.commit()
    db.close()
    destination = tmp_path / "salvaged.sqlite3"
    salvage(app_home.database, destination)
    with ConversationStore.open(destination) as salvaged:
        assert [p.name for p in salvaged.list_projects()] == ["Kept"]
        assert {c.id: c.project_id for c in salvaged.list_conversations()} == {in_kept: kept.id, in_lost: None}
