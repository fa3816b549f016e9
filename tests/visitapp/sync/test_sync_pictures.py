"""Pictures go up several at once (``PICTURE_UPLOADS_AT_ONCE``) through a fault proxy to a real server, while
the vault's connection stays on the run's own thread. A link drop loses nothing and sends nothing twice in
full; a picture that cannot go does not hold the others back; a cancel ends the run at once."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync import faultproxy as fp
from tests.visitapp.sync.synckit import Laptop, ServerWorker, assert_converged
from visitapp.domain.models import Visit
from visitapp.store import sync_state as ss
from visitapp.store.db import Connection
from visitapp.sync import protocol as p
from visitapp.sync import records, session, status
from visitapp.sync.cancel import CancelToken
from visitapp.sync.client import SyncClient
from visitapp.sync.engine import SyncProgress

CHUNK = 4096  # the test pictures are JPEGs of 9-25 kB: several chunks each
AT_ONCE = p.PICTURE_UPLOADS_AT_ONCE


@pytest.fixture
def proxy(live: LiveServer) -> Iterator[fp.FaultProxy]:
    proxy = fp.FaultProxy(live.port)
    yield proxy
    proxy.stop()


def _synced_laptop(tmp_path: Path, proxy: fp.FaultProxy, worker: ServerWorker) -> tuple[Laptop, Visit]:
    """A laptop syncing through ``proxy`` with one child and one visit, already on the server."""
    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    visit = a.new_visit(a.new_child(worker).id)
    assert a.sync().outcome == "synced"
    return a, visit


def _slow_puts(seconds: float) -> Callable[[fp.Request], fp.Decision]:
    """Every PUT (a picture chunk) held ``seconds`` on its way, so uploads overlap."""

    def decide(request: fp.Request) -> fp.Decision:
        if request.method == "PUT":
            time.sleep(seconds)
        return fp.Decision()

    return decide


class CountingStore:
    """The vault's picture store, noting on which thread each read ran and how many pictures had been read
    but not yet settled (done or refused) at that moment: the read-ahead."""

    def __init__(self, inner: records.BlobStore) -> None:
        self.inner = inner
        self.reads = 0
        self.read_threads: set[int] = set()
        self.most_ahead = 0

    def read(self, conn: Connection, sha256: str) -> bytes | None:
        self.reads += 1
        self.read_threads.add(threading.get_ident())
        settled = conn.execute(
            "SELECT count(*) FROM sync_blobs WHERE direction = 'up' AND state != 'waiting'"
        ).fetchone()[0]
        self.most_ahead = max(self.most_ahead, self.reads - int(settled))
        return self.inner.read(conn, sha256)

    def has(self, conn: Connection, sha256: str) -> bool:
        return self.inner.has(conn, sha256)

    def write(self, conn: Connection, child_id: str, sha256: str, data: bytes) -> None:
        self.inner.write(conn, child_id, sha256, data)


@pytest.fixture
def counting_store() -> Iterator[CountingStore]:
    default = records.blob_store()
    assert default is not None
    store = CountingStore(default)
    records.set_blob_store(store)
    yield store
    records.set_blob_store(default)


def _complete_on_server(url: str, worker: ServerWorker, laptop: Laptop) -> set[str]:
    """The laptop's pictures that the server hands out whole and intact (it serves only complete ones), asked
    through the API by another of the worker's devices."""
    token = SyncClient(url).enrol(worker.code()).token
    found = set()
    with SyncClient(url, token) as client:
        for child_id, sha in laptop.conn.execute(
            "SELECT child_id, sha256 FROM sync_blobs WHERE direction = 'up'"
        ):
            data = client.get_picture(child_id, sha)
            if data is not None and hashlib.sha256(data).hexdigest() == sha:
                found.add(sha)
    return found


def _picture_sizes(laptop: Laptop) -> dict[str, int]:
    rows = laptop.conn.execute("SELECT sha256, length(data) FROM picture_blobs").fetchall()
    return {str(sha): int(size) for sha, size in rows}


def _sha_of(request: fp.Request) -> str:
    return request.path.rsplit("/", 1)[-1]


def _upload_threads_end() -> None:
    deadline = time.monotonic() + 5
    while any(t.name.startswith("sync-picture") for t in threading.enumerate()):
        assert time.monotonic() < deadline, "upload threads kept running after the run ended"
        time.sleep(0.01)


def _queue_order(laptop: Laptop) -> list[str]:
    """The waiting pictures in the order the engine takes them."""
    return [row.sha256 for row in ss.waiting_blobs(laptop.conn, "up")]


def _blob_states(laptop: Laptop) -> dict[str, tuple[str, int, str | None]]:
    rows = laptop.conn.execute(
        "SELECT sha256, state, attempts, reason FROM sync_blobs WHERE direction = 'up'"
    ).fetchall()
    return {str(sha): (str(state), int(attempts), reason) for sha, state, attempts, reason in rows}


def test_pictures_are_sent_several_at_once_with_steady_progress(
    tmp_path: Path,
    live: LiveServer,
    proxy: fp.FaultProxy,
    worker: ServerWorker,
    counting_store: CountingStore,
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=110, seed=seed) for seed in range(10)]
    sizes = _picture_sizes(a)
    put_bytes = [0]
    guard = threading.Lock()

    def slow_puts(request: fp.Request) -> fp.Decision:
        if request.method == "PUT":
            with guard:
                put_bytes[0] += int(request.headers["content-length"])
            time.sleep(0.03)  # a slow link: uploads overlap only if the laptop sends several at once
        return fp.Decision()

    proxy.decide = slow_puts  # type: ignore[assignment]
    steps: list[SyncProgress] = []
    step_threads: set[int] = set()

    def progress(step: SyncProgress) -> None:
        steps.append(step)
        step_threads.add(threading.get_ident())

    proxy.stats.most_at_once = 0
    report = a.sync(chunk_bytes=CHUNK, progress=progress)
    assert report.outcome == "synced", report.message
    assert report.pictures_sent == 10 and report.refused == 0
    assert proxy.stats.most_at_once == AT_ONCE  # several in flight, and never more than the limit
    # Picture bytes were read on the run's thread, at most AT_ONCE ahead of what was settled.
    assert counting_store.read_threads == {threading.get_ident()}
    assert counting_store.most_ahead == AT_ONCE
    # Every chunk was counted once, though several threads sent them.
    assert report.bytes_sent == put_bytes[0] == sum(sizes[s] for s in shas)
    # Progress came from the run's thread, only grew, and ended full.
    pictures = [s for s in steps if s.phase == "pictures"]
    assert step_threads == {threading.get_ident()}
    chunks = sum(-(-sizes[s] // CHUNK) for s in shas)
    assert len(pictures) == chunks  # one step per chunk the server acknowledged (the last ends a picture)
    for before, after in zip(pictures, pictures[1:], strict=False):
        assert after.done >= before.done and after.bytes_done >= before.bytes_done
    total = sum(sizes.values())
    assert pictures[-1] == SyncProgress("pictures", 10, 10, total, total)
    assert _complete_on_server(live.url, worker, a) == set(shas)


def test_a_link_drop_during_parallel_uploads_loses_nothing_and_resends_no_picture_whole(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, server_db: Database, worker: ServerWorker
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=170, seed=seed) for seed in range(10)]
    sizes = _picture_sizes(a)
    assert all(sizes[sha] > 3 * CHUNK for sha in shas)  # several chunks each
    guard = threading.Lock()
    delivered: dict[str, int] = defaultdict(int)  # PUT body bytes let through to the server, per picture
    last_chunks = [0]

    def drop_at_third_last_chunk(request: fp.Request) -> fp.Decision:
        if request.method != "PUT":
            return fp.Decision()
        size = int(request.headers["content-length"])
        last = int(request.headers["upload-offset"]) + size == int(request.headers["upload-length"])
        with guard:
            last_chunks[0] += last
            if last and last_chunks[0] == 3:  # two pictures have all their bytes there; others are part way
                proxy.cut_all(down_for=1.0)  # longer than the laptop's (unslept) retries
                return fp.Decision(fp.CUT_REQUEST, at=0)
            delivered[_sha_of(request)] += size
        time.sleep(0.01)  # keep the uploads overlapping
        return fp.Decision()

    proxy.decide = drop_at_third_last_chunk  # type: ignore[assignment]
    first = a.sync(chunk_bytes=CHUNK)
    assert first.outcome == "offline", first.message
    after_drop = _blob_states(a)
    done_first = {sha for sha, (state, _, _) in after_drop.items() if state == "done"}
    assert first.pictures_sent == len(done_first) <= 2 and first.refused == 0
    assert done_first <= _complete_on_server(live.url, worker, a)  # none marked sent that the server lacks
    never_tried = [sha for sha, (state, attempts, _) in after_drop.items() if attempts == 0]
    assert len(never_tried) >= 10 - 2 - AT_ONCE  # no new picture was started once the link was gone
    assert all(state in ("done", "waiting") for state, _, _ in after_drop.values())

    time.sleep(1.1)  # the link comes back
    second = a.sync(chunk_bytes=CHUNK)
    assert second.outcome == "synced", second.message
    assert first.pictures_sent + second.pictures_sent == 10
    assert _complete_on_server(live.url, worker, a) == set(shas)
    assert status.overview(a.conn).pictures_waiting == 0
    # Resumed from what the server held: at most the one chunk cut in the drop went again, per picture.
    for sha in shas:
        assert sizes[sha] <= delivered[sha] <= sizes[sha] + CHUNK, (sha, delivered[sha], sizes[sha])
    assert_converged(server_db, a)


def test_when_one_upload_goes_offline_the_others_finish_and_no_more_start(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    for seed in range(10):
        a.add_picture(visit.id, side=100, seed=seed)
    order = _queue_order(a)
    busy, in_flight, later = order[0], order[1:AT_ONCE], order[AT_ONCE:]

    def busy_for_one_picture(request: fp.Request) -> fp.Decision:
        if request.method != "PUT":
            return fp.Decision()
        if _sha_of(request) == busy:  # every try answered 503: the client gives up on it (offline)
            return fp.Decision(fp.ERROR, status=503, retry_after="0")
        time.sleep(0.15)  # the others take far longer than the busy one's (unslept) retries
        return fp.Decision()

    proxy.decide = busy_for_one_picture  # type: ignore[assignment]
    report = a.sync(chunk_bytes=CHUNK)
    assert report.outcome == "offline", report.message
    states = _blob_states(a)
    # The uploads already going were finished and recorded; none was started after the failure.
    assert report.pictures_sent == len(in_flight)
    assert all(states[sha][0] == "done" for sha in in_flight)
    assert states[busy][0] == "waiting" and states[busy][1] == 1
    assert all(states[sha][:2] == ("waiting", 0) for sha in later)
    assert _complete_on_server(live.url, worker, a) == set(in_flight)

    proxy.decide = lambda _r: fp.Decision()  # type: ignore[assignment]
    again = a.sync(chunk_bytes=CHUNK)
    assert again.outcome == "synced" and again.pictures_sent == 1 + len(later)
    assert _complete_on_server(live.url, worker, a) == set(order)


def test_a_run_stopped_in_an_upload_thread_returns_without_waiting_for_the_others(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=170, seed=seed) for seed in range(6)]

    class Stop(Exception):
        pass

    chunks, stopped_at = [0], [0.0]
    guard = threading.Lock()

    def stop_at_fifth_chunk(point: str) -> None:
        if point == "chunk":
            with guard:
                chunks[0] += 1
                if chunks[0] == 5:
                    stopped_at[0] = time.monotonic()
                    raise Stop

    # Each of the other uploads has a second or more of chunks still to go.
    proxy.decide = _slow_puts(0.3)  # type: ignore[assignment]
    with pytest.raises(Stop):
        a.sync(hook=stop_at_fifth_chunk, chunk_bytes=CHUNK)
    assert time.monotonic() - stopped_at[0] < 0.5  # not the seconds the other uploads would take
    _upload_threads_end()  # they stop after their current call: the client they use was closed
    assert all(state != "done" for state, _, _ in _blob_states(a).values())
    proxy.decide = lambda _r: fp.Decision()  # type: ignore[assignment]
    report = a.sync(chunk_bytes=CHUNK)
    assert report.outcome == "synced" and report.pictures_sent == len(shas)
    assert _complete_on_server(live.url, worker, a) == set(shas)


def test_pictures_that_cannot_go_do_not_hold_back_the_others(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    from visitapp.domain.models import Child

    a = Laptop(tmp_path / "a", proxy.url, worker.code())
    mine = a.new_visit(a.new_child(worker).id)
    stranger = Child(full_name="Not Mine")  # not assigned to this worker on the server
    a.casework.save_child(stranger)
    theirs = a.new_visit(stranger.id)
    refused_403 = a.add_picture(theirs.id, side=100, seed=100)
    damaged = a.add_picture(mine.id, side=100, seed=101)
    good = [a.add_picture(mine.id, side=100, seed=seed) for seed in range(6)]
    a.conn.execute("DROP TRIGGER picture_bytes_never_change")  # rot on this laptop's disk
    a.conn.execute("UPDATE picture_blobs SET data = substr(data, 1, 100) WHERE sha256 = ?", (damaged,))

    proxy.decide = _slow_puts(0.02)  # type: ignore[assignment]
    report = a.sync(chunk_bytes=CHUNK)
    assert report.outcome == "needs_attention", report.message
    assert report.pictures_sent == len(good)
    states = _blob_states(a)
    assert states[refused_403][0] == "refused" and "not assigned" in str(states[refused_403][2])
    assert states[damaged][0] == "refused" and "damaged on this laptop" in str(states[damaged][2])
    assert all(states[sha][0] == "done" for sha in good)
    assert _complete_on_server(live.url, worker, a) == set(good)


def test_damaged_chunks_are_resent_while_pictures_go_in_parallel(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=100, seed=seed) for seed in range(8)]
    guard = threading.Lock()
    puts = [0]

    def damage_every_third_put(request: fp.Request) -> fp.Decision:
        if request.method != "PUT":
            return fp.Decision()
        with guard:
            puts[0] += 1
            damage = puts[0] % 3 == 0
        time.sleep(0.01)
        return fp.Decision(fp.DAMAGE) if damage else fp.Decision()

    proxy.decide = damage_every_third_put  # type: ignore[assignment]
    report = a.sync(chunk_bytes=CHUNK)
    assert report.outcome == "synced", report.message
    assert report.pictures_sent == len(shas)
    assert proxy.stats.faults["damage"] >= 5
    assert proxy.stats.statuses.count(400) == proxy.stats.faults["damage"]  # each refused, then resent
    assert proxy.stats.most_at_once > 1
    assert _complete_on_server(live.url, worker, a) == set(shas)


def test_a_cancel_during_parallel_uploads_ends_the_run_at_once(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=100, seed=seed) for seed in range(8)]
    held = threading.Semaphore(0)
    release = threading.Event()

    def hang_puts(request: fp.Request) -> fp.Decision:
        if request.method == "PUT":
            held.release()
            release.wait(10)  # a server that takes its time: only a cancel ends the run soon
        return fp.Decision()

    proxy.decide = hang_puts  # type: ignore[assignment]
    token = CancelToken()
    out: list[object] = []
    runner = threading.Thread(target=lambda: out.append(session.run_sync(a.vault, token)), daemon=True)
    runner.start()
    for _ in range(AT_ONCE):
        assert held.acquire(timeout=10)  # every upload thread is waiting on the server
    cancelled_at = time.monotonic()
    token.cancel()
    runner.join(5)
    took = time.monotonic() - cancelled_at
    release.set()
    assert not runner.is_alive() and out == [session.RunResult(cancelled=True)]
    assert took < 0.5, took  # the UI waits only briefly before locking goes on
    assert a.vault.lent == 0
    _upload_threads_end()
    # Nothing was marked sent; the next run sends everything.
    assert all(state == "waiting" for state, _, _ in _blob_states(a).values())
    proxy.decide = lambda _r: fp.Decision()  # type: ignore[assignment]
    report = a.sync(chunk_bytes=CHUNK)
    assert report.outcome == "synced" and report.pictures_sent == len(shas)
    assert _complete_on_server(live.url, worker, a) == set(shas)


def test_a_picture_the_server_lost_does_not_stop_the_others_reaching_another_laptop(
    tmp_path: Path, live: LiveServer, server_db: Database, worker: ServerWorker
) -> None:
    from syncserver import paths
    from syncserver.picture_store import PictureStore

    a = Laptop(tmp_path / "a", live.url, worker.code())
    visit = a.new_visit(a.new_child(worker).id)
    lost, kept = a.add_picture(visit.id, side=100, seed=1), a.add_picture(visit.id, side=100, seed=2)
    assert a.sync().outcome == "synced"
    PictureStore(paths.pictures_dir(server_db.url)).path(lost).unlink()  # a restore that missed a file

    b = Laptop(tmp_path / "b", live.url, worker.code())
    report = b.sync()
    # Everything else arrives; only the record of the lost picture waits for its bytes, and says so.
    assert report.outcome == "needs_attention" and "1 from the server could not be stored" in report.message
    blobs = dict(b.conn.execute("SELECT sha256, state FROM sync_blobs WHERE direction = 'down'").fetchall())
    assert blobs == {lost: "waiting", kept: "done"}  # the lost one is asked for again next time
    assert b.conn.execute("SELECT count(*) FROM visits WHERE id = ?", (visit.id,)).fetchone()[0] == 1


def test_a_whole_picture_goes_in_one_put_under_its_address_and_damage_on_the_way_is_still_caught(
    tmp_path: Path, live: LiveServer, proxy: fp.FaultProxy, worker: ServerWorker
) -> None:
    """With the usual chunk size each picture is one chunk, whose Content-Digest the laptop takes from the
    picture's address (checked when it was read) instead of hashing it again."""
    a, visit = _synced_laptop(tmp_path, proxy, worker)
    shas = [a.add_picture(visit.id, side=100, seed=seed) for seed in range(4)]
    guard = threading.Lock()
    digests: dict[str, list[str]] = defaultdict(list)

    def damage_each_first_put(request: fp.Request) -> fp.Decision:
        if request.method != "PUT":
            return fp.Decision()
        sha = _sha_of(request)
        with guard:
            digests[sha].append(request.headers["content-digest"])
            first = len(digests[sha]) == 1
        return fp.Decision(fp.DAMAGE) if first else fp.Decision()

    proxy.decide = damage_each_first_put  # type: ignore[assignment]
    report = a.sync()
    assert report.outcome == "synced", report.message
    assert report.pictures_sent == len(shas)
    # Each picture: one damaged PUT refused, the same whole chunk sent again; both under its address.
    assert {sha: d for sha, d in digests.items()} == {
        sha: [p.content_digest_header(b"", bytes.fromhex(sha))] * 2 for sha in shas
    }
    assert proxy.stats.statuses.count(400) == len(shas)
    assert _complete_on_server(live.url, worker, a) == set(shas)


def test_a_chunk_digest_given_by_the_caller_is_the_one_sent(live: LiveServer, worker: ServerWorker) -> None:
    child = "0b9a3c1e-5d2f-4a6b-8c7d-9e0f1a2b3c4d"
    worker.assign(child)
    data = b"a picture's bytes"
    sha = hashlib.sha256(data).hexdigest()
    token = SyncClient(live.url).enrol(worker.code()).token
    with SyncClient(live.url, token) as client:
        wrong = hashlib.sha256(b"something else").digest()
        refused = client.put_chunk(child, sha, 0, len(data), data, wrong)
        assert (refused.status, refused.code, refused.offset) == (400, "bad_chunk", 0)
        stored = client.put_chunk(child, sha, 0, len(data), data, bytes.fromhex(sha))
        assert (stored.status, stored.complete) == (200, True)
        assert client.get_picture(child, sha) == data
