"""The HTTP API (version 1). Every route except ``health`` and ``enrol`` needs a device token; routes about
one child also need that child to be assigned to the worker behind the token."""

from __future__ import annotations

import pathlib
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import ClientDisconnect

from syncserver import accounts, paths, pictures, records
from syncserver.db import Database
from syncserver.picture_store import PictureStore
from visitapp import __version__
from visitapp.sync import protocol as p

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
bearer = HTTPBearer(auto_error=False, description="The device token given at enrolment.")

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": p.ErrorBody, "description": "No token, an unknown token, or a revoked device (wipe)."},
    403: {"model": p.ErrorBody, "description": "The child is not assigned to this worker."},
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers or {}
        self.wipe = code == p.ERROR_DEVICE_REVOKED


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _store(request: Request) -> PictureStore:
    store: PictureStore = request.app.state.pictures
    return store


Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
_CHALLENGE = {"WWW-Authenticate": p.AUTH_SCHEME}


def _require_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, p.ERROR_NO_TOKEN, "This request needs a device token.", _CHALLENGE)
    return credentials.credentials


def _usable(device: accounts.Device | None) -> accounts.Device:
    """The device, if its token is known and it is not revoked; otherwise the 401 that says which."""
    if device is None:
        raise ApiError(401, p.ERROR_INVALID_TOKEN, "This device token is not known.", _CHALLENGE)
    if device.revoked:
        headers = {**_CHALLENGE, p.HEADER_WIPE: "1"}
        raise ApiError(
            401, p.ERROR_DEVICE_REVOKED, "This device has been revoked: delete its data now.", headers
        )
    return device


def current_device(request: Request, credentials: Credentials) -> accounts.Device:
    token = _require_token(credentials)
    return _usable(accounts.authenticate(_db(request), token))


DeviceDep = Annotated[accounts.Device, Depends(current_device)]
ChildId = Annotated[str, Path(pattern=UUID_PATTERN, description="The child's UUID.")]
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="The picture's SHA-256, lower-case hex.")]


@dataclass(frozen=True)
class ChildAccess:
    device: accounts.Device
    child_id: str


def assigned_child(request: Request, child_id: ChildId, credentials: Credentials) -> ChildAccess:
    """The device, and the child it asks about if that child is its worker's: both read at once, in one
    dependency (each is a trip to a worker thread and to the database, and picture uploads feel every trip).
    A revoked device is told so (401, wipe) before it is told anything about the child."""
    token = _require_token(credentials)
    child = child_id.lower()
    found = accounts.authenticate_for_child(_db(request), token, child)
    device = _usable(found[0] if found else None)
    if not (found and found[1]):
        raise ApiError(403, p.ERROR_NOT_ASSIGNED, "This child is not assigned to you.")
    return ChildAccess(device, child)


ChildDep = Annotated[ChildAccess, Depends(assigned_child)]


def _upload_headers(st: pictures.UploadState) -> dict[str, str]:
    return {
        p.HEADER_UPLOAD_OFFSET: str(st.received),
        p.HEADER_UPLOAD_LENGTH: str(st.length),
        p.HEADER_UPLOAD_COMPLETE: "1" if st.complete else "0",
    }


def create_app(db: Database, pictures_dir: pathlib.Path | None = None) -> FastAPI:
    """The API on ``db``, with picture bytes in ``pictures_dir`` (default: ``paths.pictures_dir``)."""
    app = FastAPI(
        title="VisitApp sync server",
        version=__version__,
        description="Sync between VisitApp laptops and the organisation. See docs/sync-protocol.md.",
    )
    app.state.db = db
    app.state.pictures = PictureStore(pictures_dir or paths.pictures_dir(db.url))
    app.state.pictures.make_folders()  # now, not in a race between the first uploads

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        body = asdict(p.ErrorBody(error=exc.code, detail=exc.detail, wipe=exc.wipe))
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.get(f"{p.API_PREFIX}/health", tags=["public"])
    def health() -> dict[str, int | str]:
        """Is the server up? Needs no token."""
        return {"status": "ok", "api_version": p.API_VERSION}

    @app.post(f"{p.API_PREFIX}/enrol", tags=["public"], responses={401: ERRORS[401]})
    def enrol(request: Request, body: p.EnrolRequest) -> p.EnrolResponse:
        """Exchange a one-time enrolment code for this device's token. The token is shown only once."""
        result = accounts.enrol(_db(request), body.code)
        if result is None:
            raise ApiError(
                401, p.ERROR_INVALID_CODE, "This enrolment code is not valid (unknown, used or expired)."
            )
        return p.EnrolResponse(device_id=result[0], token=result[1])

    @app.get(f"{p.API_PREFIX}/session", responses={401: ERRORS[401]})
    def session(request: Request, device: DeviceDep) -> p.SessionInfo:
        """Who this token belongs to and which children the worker has now."""
        with _db(request).transaction() as tx:
            children = accounts.assigned_children(tx, device.worker_id)
        return p.SessionInfo(
            device_id=device.device_id, worker_id=device.worker_id, assigned_children=children
        )

    @app.post(f"{p.API_PREFIX}/push", responses={401: ERRORS[401], 413: {"model": p.ErrorBody}})
    def push(request: Request, body: p.PushRequest, device: DeviceDep) -> p.PushResponse:
        """Send a batch of changes; each gets its own answer: accepted, conflict or rejected."""
        if len(body.changes) > p.MAX_BATCH_CHANGES:
            raise ApiError(413, "batch_too_large", f"Send at most {p.MAX_BATCH_CHANGES} changes at a time.")
        results = records.push(_db(request), device.device_id, device.worker_id, body.changes)
        return p.PushResponse(results=results)

    @app.get(f"{p.API_PREFIX}/pull", responses={401: ERRORS[401]})
    def pull(
        request: Request,
        device: DeviceDep,
        since: Annotated[int, Query(ge=0, le=p.MAX_VERSION)] = 0,
        limit: Annotated[int, Query(ge=1, le=p.MAX_PULL_LIMIT)] = p.DEFAULT_PULL_LIMIT,
    ) -> p.PullResponse:
        """Records of this worker's children changed after sequence ``since``, oldest first."""
        return records.pull(_db(request), device.worker_id, since, limit)

    picture_path = f"{p.API_PREFIX}/children/{{child_id}}/pictures/{{sha256}}"

    @app.head(picture_path, responses={**ERRORS, 404: {"description": "Nothing received yet."}})
    def picture_status(request: Request, access: ChildDep, sha256: Sha256) -> Response:
        """How much of this picture the server holds (``Upload-Offset``) and whether it is complete."""
        st = pictures.state(_db(request), _store(request), access.child_id, sha256)
        if st is None:
            return Response(
                status_code=404, headers={p.HEADER_UPLOAD_OFFSET: "0", p.HEADER_UPLOAD_COMPLETE: "0"}
            )
        return Response(status_code=200, headers=_upload_headers(st))

    @app.put(
        picture_path,
        response_model=p.UploadStatus,
        responses={
            **ERRORS,
            400: {"model": p.ErrorBody},
            409: {"model": p.ErrorBody},
            413: {"model": p.ErrorBody},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def picture_chunk(
        request: Request,
        child_id: ChildId,
        sha256: Sha256,
        credentials: Credentials,
        upload_offset: Annotated[int, Header(alias=p.HEADER_UPLOAD_OFFSET, ge=0, le=p.MAX_PICTURE_BYTES)],
        upload_length: Annotated[int, Header(alias=p.HEADER_UPLOAD_LENGTH, ge=1, le=p.MAX_PICTURE_BYTES)],
        content_digest: Annotated[str, Header(alias=p.HEADER_CONTENT_DIGEST)],
    ) -> Response:
        """Append one chunk, starting at ``Upload-Offset``. The last chunk completes the picture if, and only
        if, the whole picture's SHA-256 matches its address. The token and the child are checked in the same
        trip to a worker thread that stores the chunk (an upload feels every trip), before anything is
        stored; a request with no token at all is refused at once."""
        _require_token(credentials)  # no token at all: refused (401) before a byte of the body is read
        digest = p.parse_content_digest(content_digest)
        if digest is None:
            raise ApiError(400, "bad_digest", "Content-Digest must carry the chunk's SHA-256.")
        parts, size = [], 0
        try:
            async for part in request.stream():  # read here; all disk and database work is in a thread
                parts.append(part)
                size += len(part)
                if size > p.MAX_CHUNK_BYTES:
                    raise ApiError(
                        413, "chunk_too_large", f"Send at most {p.MAX_CHUNK_BYTES} bytes per chunk."
                    )
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening any more

        def authorised_put() -> tuple[pictures.Outcome, pictures.UploadState]:
            access = assigned_child(request, child_id, credentials)
            return pictures.put_chunk(
                _db(request),
                _store(request),
                access.device.device_id,
                access.child_id,
                sha256,
                upload_length,
                upload_offset,
                parts,
                digest,
            )

        outcome, st = await run_in_threadpool(authorised_put)
        headers = _upload_headers(st)
        problems = {
            pictures.Outcome.BAD_CHUNK: (400, "The chunk does not match its Content-Digest; send it again."),
            pictures.Outcome.WRONG_OFFSET: (
                409,
                "The upload is at another offset; resume from Upload-Offset.",
            ),
            pictures.Outcome.WRONG_LENGTH: (409, "This picture was started with a different Upload-Length."),
            pictures.Outcome.TOO_LONG: (409, "The chunk runs past the end given in Upload-Length."),
            pictures.Outcome.HASH_MISMATCH: (
                409,
                "The bytes do not match the picture's SHA-256; start again.",
            ),
        }
        if outcome in problems:
            status, detail = problems[outcome]
            raise ApiError(status, outcome.value, detail, headers)
        return JSONResponse(
            asdict(p.UploadStatus(sha256=sha256, offset=st.received, length=st.length, complete=st.complete)),
            headers=headers,
        )

    @app.get(
        picture_path,
        response_class=Response,
        responses={
            **ERRORS,
            200: {"content": {"application/octet-stream": {}}, "description": "The picture's bytes."},
            404: {"description": "Not on the server, or not complete yet."},
            410: {"model": p.ErrorBody, "description": "Complete, but the server has lost its bytes."},
        },
    )
    def picture_download(request: Request, access: ChildDep, sha256: Sha256) -> Response:
        """The whole picture, once it is complete."""
        try:
            data = pictures.read(_db(request), _store(request), access.child_id, sha256)
        except pictures.PictureUnavailable:
            raise ApiError(
                410,
                "picture_missing",
                "The server has lost this picture's bytes. Its administrator needs to restore them.",
            ) from None
        if data is None:
            return Response(status_code=404)
        return Response(content=data, media_type="application/octet-stream")

    return app
