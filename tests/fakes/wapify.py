"""A fake Wapify tasks API, written from Wapify's Tasks API Reference.

It follows the document, not our adapter. Where the document is silent, the fake
chooses as a plausible Laravel server would and says so here:
- GET /{id} answers the task object of the list; creation answers 201;
- statuses include CANCELLED (id 5), named by `pending_only` though not listed;
- a task's timer belongs to its user; starting a task with a running timer is a
  400, stopping one without is a 400; start/create-with-timer stop the user's
  other timer and move the task to IN_PROGRESS;
- /{id}/time: total_seconds includes the running timer; entries are finished ones;
- 404 for a task that does not exist, 403 for another user's task, 422 for bad
  input, 401 without a known Bearer token; messages in Spanish like the document's.

    fake = FakeWapify(clock=FixedClock(...))
    client = httpx.Client(transport=fake.transport())   # base URL: fake.base_url
    with fake.serve() as url: ...                        # the same app on a socket
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from stint.domain.clock import Clock, FixedClock
from tests.fakes.httpfake import FakeRequest, FakeResponse, FakeServer

STATUSES: tuple[tuple[int, str, str, str], ...] = (
    (1, "TO_DO", "Por hacer", "#6c757d"),
    (2, "IN_PROGRESS", "En progreso", "#0d6efd"),
    (3, "REVIEW", "Revisión", "#ffc107"),
    (4, "DONE", "Completado", "#198754"),
    (5, "CANCELLED", "Cancelado", "#dc3545"),
)
STATUS_BY_NAME = {name: sid for sid, name, _, _ in STATUSES}
TO_DO, IN_PROGRESS = STATUS_BY_NAME["TO_DO"], STATUS_BY_NAME["IN_PROGRESS"]
CLOSED = {STATUS_BY_NAME["DONE"], STATUS_BY_NAME["CANCELLED"]}
START = datetime(2026, 2, 2, 14, 0, tzinfo=timezone.utc)


class WebError(Exception):
    """A web helper refused what the web UI would refuse too."""


@dataclass
class FakeUser:
    id: int
    name: str
    email: str


@dataclass
class FakeTask:
    id: int
    user_id: int
    title: str
    description: str | None
    status_id: int
    start_date: date | None = None
    due_date: date | None = None
    estimated_hours: float | None = None
    project: str | None = None
    category: str | None = None


@dataclass
class FakeTime:
    id: int
    task_id: int
    user_id: int
    started_at: datetime
    ended_at: datetime | None = None

    def seconds(self, now: datetime) -> int:
        return int(((self.ended_at or now) - self.started_at).total_seconds())


def stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def fail(status: int, message: str) -> FakeResponse:
    return FakeResponse.json(status, {"success": False, "message": message})


def ok(data: Any, message: str | None = None, status: int = 200) -> FakeResponse:
    payload: dict[str, Any] = {"success": True}
    if message is not None:
        payload["message"] = message
    payload["data"] = data
    return FakeResponse.json(status, payload)


class FakeWapify(FakeServer):
    base_path = "/api/tasks"
    base_url = "https://wapify.test/api/tasks"

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self.clock: Clock = clock or FixedClock(START)
        self.users: dict[int, FakeUser] = {}
        self.tokens: dict[str, int] = {}
        self.tasks: dict[int, FakeTask] = {}
        self.times: dict[int, FakeTime] = {}
        self._names: dict[str, int] = {}  # project/category name -> id
        self._next = {"user": 1, "task": 1, "time": 1}
        self.user, self.token = self.add_user("Juan Pérez", "juan@example.com")

    def _new_id(self, kind: str) -> int:
        value = self._next[kind]
        self._next[kind] += 1
        return value

    def add_user(self, name: str, email: str, token: str | None = None) -> tuple[FakeUser, str]:
        with self.lock:
            user = FakeUser(self._new_id("user"), name, email)
            token = token or f"wap_{user.id}_s3cr3t-T0ken-{'x' * 24}"
            self.users[user.id] = user
            self.tokens[token] = user.id
            return user, token

    # --- the web UI / another device -----------------------------------------

    def web_create_task(
        self, title: str, *, user: FakeUser | None = None, description: str | None = None,
        status: str = "TO_DO", project: str | None = None, category: str | None = None,
        due_date: date | None = None, estimated_hours: float | None = None,
        start_timer: bool = False,
    ) -> int:
        with self.lock:
            owner = user or self.user
            task = FakeTask(
                self._new_id("task"), owner.id, title, description, STATUS_BY_NAME[status],
                self.clock.now().date(), due_date, estimated_hours, project, category,
            )
            self.tasks[task.id] = task
            if start_timer:
                self._start(task, owner.id)
            return task.id

    def web_start(self, task_id: int) -> int:
        with self.lock:
            task = self.tasks[task_id]
            if self.running_time(task_id) is not None:
                raise WebError("La tarea ya tiene un temporizador activo.")
            return self._start(task, task.user_id).id

    def web_stop(self, task_id: int) -> None:
        with self.lock:
            running = self.running_time(task_id)
            if running is None:
                raise WebError("La tarea no tiene un temporizador activo.")
            running.ended_at = self.clock.now()

    def web_set_status(self, task_id: int, status: str) -> None:
        with self.lock:
            self.tasks[task_id].status_id = STATUS_BY_NAME[status]

    def revoke_token(self, token: str) -> None:
        with self.lock:
            self.tokens.pop(token, None)

    def running_time(self, task_id: int) -> FakeTime | None:
        """The timer running on a task, whoever runs it."""
        return next((t for t in self.running() if t.task_id == task_id), None)

    def user_timer(self, user_id: int) -> FakeTime | None:
        return next((t for t in self.running() if t.user_id == user_id), None)

    def running(self) -> list[FakeTime]:
        return [t for t in self.times.values() if t.ended_at is None]

    def _start(self, task: FakeTask, user_id: int) -> FakeTime:
        now = self.clock.now()
        other = self.user_timer(user_id)
        if other is not None:
            other.ended_at = now
        entry = FakeTime(self._new_id("time"), task.id, user_id, now)
        self.times[entry.id] = entry
        task.status_id = IN_PROGRESS
        return entry

    # --- the API ---------------------------------------------------------------

    def handle(self, request: FakeRequest) -> FakeResponse:
        if request.path != self.base_path and not request.path.startswith(self.base_path + "/"):
            return fail(404, "Recurso no encontrado.")
        auth = request.headers.get("authorization", "")
        user_id = self.tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
        if user_id is None:
            return fail(401, "No autenticado.")
        user = self.users[user_id]
        parts = [p for p in request.path[len(self.base_path):].split("/") if p]
        method = request.method
        if parts == []:
            if method == "GET":
                return self._list(user, request.query)
            if method == "POST":
                return self._create(user, request.json())
        elif parts == ["statuses"] and method == "GET":
            keys = ("id", "name", "translated_name", "color")
            return ok([dict(zip(keys, status, strict=True)) for status in STATUSES])
        elif parts[0].isdigit() and len(parts) <= 2:
            action = parts[1] if len(parts) == 2 else ""
            route = {
                ("GET", ""): ("ver", self._show), ("GET", "time"): ("ver", self._time),
                ("PUT", "status"): ("actualizar", self._set_status),
                ("POST", "start"): ("iniciar", self._start_route),
                ("POST", "stop"): ("detener", self._stop_route),
            }.get((method, action))
            if route is not None:
                verb, handler = route
                task = self.tasks.get(int(parts[0]))
                if task is None:
                    return fail(404, "Tarea no encontrada.")
                if task.user_id != user.id:
                    return fail(403, f"No tienes permiso para {verb} esta tarea.")
                return handler(task, user, request.json())
        return fail(404, "Recurso no encontrado.")

    def _list(self, user: FakeUser, query: dict[str, str]) -> FakeResponse:
        tasks = [t for t in self.tasks.values() if t.user_id == user.id]
        pending = query.get("pending_only", "").lower()
        if pending not in ("", "0", "1", "true", "false"):
            return fail(422, "El campo pending_only debe ser verdadero o falso.")
        if pending in ("1", "true"):
            tasks = [t for t in tasks if t.status_id not in CLOSED]
        if "status_id" in query:
            if not query["status_id"].isdigit():
                return fail(422, "El campo status_id debe ser un número entero.")
            tasks = [t for t in tasks if t.status_id == int(query["status_id"])]
        return ok([self.task_json(t) for t in sorted(tasks, key=lambda t: t.id)])

    def _create(self, user: FakeUser, body: Any) -> FakeResponse:
        body = body if isinstance(body, dict) else {}
        title, description = body.get("title"), body.get("description")
        start_timer = body.get("start_timer", False)
        if not isinstance(title, str) or not title.strip():
            return fail(422, "El campo título es obligatorio.")
        if len(title) > 255:
            return fail(422, "El campo título no debe ser mayor que 255 caracteres.")
        if description is not None and not isinstance(description, str):
            return fail(422, "El campo descripción debe ser una cadena de caracteres.")
        if start_timer not in (True, False, 0, 1):
            return fail(422, "El campo start_timer debe ser verdadero o falso.")
        task_id = self.web_create_task(
            title, user=user, description=description, start_timer=bool(start_timer)
        )
        running = self.running_time(task_id)
        data = {
            "task_id": task_id,
            "title": title,
            "status": self.status_json(self.tasks[task_id].status_id),
            "time_id": running.id if running else None,
            "timer_started": running is not None,
        }
        return ok(data, "Tarea creada correctamente.", 201)

    def _show(self, task: FakeTask, user: FakeUser, body: Any) -> FakeResponse:
        return ok(self.task_json(task))

    def _set_status(self, task: FakeTask, user: FakeUser, body: Any) -> FakeResponse:
        status_id = body.get("status_id") if isinstance(body, dict) else None
        if not isinstance(status_id, int) or isinstance(status_id, bool):
            return fail(422, "El campo status_id es obligatorio.")
        if status_id not in {s[0] for s in STATUSES}:
            return fail(422, "El status_id seleccionado no es válido.")
        task.status_id = status_id
        data = {"task_id": task.id, "status": self.status_json(status_id)}
        return ok(data, "Estado actualizado correctamente.")

    def _start_route(self, task: FakeTask, user: FakeUser, body: Any) -> FakeResponse:
        if self.running_time(task.id) is not None:
            return fail(400, "La tarea ya tiene un temporizador activo.")
        entry = self._start(task, user.id)
        data = {"time_id": entry.id, "task_id": task.id, "started_at": stamp(entry.started_at)}
        return ok(data, "Tarea iniciada correctamente.")

    def _stop_route(self, task: FakeTask, user: FakeUser, body: Any) -> FakeResponse:
        entry = self.running_time(task.id)
        if entry is None:
            return fail(400, "La tarea no tiene un temporizador activo.")
        entry.ended_at = self.clock.now()
        seconds = entry.seconds(entry.ended_at)
        data = {
            "time_id": entry.id, "task_id": task.id,
            "started_at": stamp(entry.started_at), "ended_at": stamp(entry.ended_at),
            "duration_seconds": seconds, "duration_formatted": hms(seconds),
        }
        return ok(data, "Tarea detenida correctamente.")

    def _time(self, task: FakeTask, user: FakeUser, body: Any) -> FakeResponse:
        now = self.clock.now()
        times = sorted((t for t in self.times.values() if t.task_id == task.id), key=lambda t: t.id)
        total = sum(t.seconds(now) for t in times)
        running = self.running_time(task.id)
        full = self.task_json(task)
        data = {
            "task": {k: full[k] for k in ("id", "title", "description", "status", "project")},
            "total_seconds": total,
            "total_formatted": hms(total),
            "total_hours": round(total / 3600, 2),
            "active_time": (
                {"id": running.id, "started_at": stamp(running.started_at)} if running else None
            ),
            "entries": [
                {
                    "id": t.id,
                    "user": {"id": t.user_id, "name": self.users[t.user_id].name},
                    "started_at": stamp(t.started_at),
                    "ended_at": stamp(t.ended_at),
                    "duration_seconds": t.seconds(now),
                    "duration_formatted": hms(t.seconds(now)),
                }
                for t in times
                if t.ended_at is not None
            ],
        }
        return ok(data)

    # --- JSON shapes -------------------------------------------------------------

    def status_json(self, status_id: int) -> dict[str, Any]:
        sid, name, label, _ = next(s for s in STATUSES if s[0] == status_id)
        return {"id": sid, "name": name, "translated_name": label}

    def _named(self, name: str | None) -> dict[str, Any] | None:
        if name is None:
            return None
        return {"id": self._names.setdefault(name, len(self._names) + 1), "name": name}

    def task_json(self, task: FakeTask) -> dict[str, Any]:
        owner = self.users[task.user_id]
        running = self.running_time(task.id)
        now = self.clock.now()
        return {
            "id": task.id,
            "title": task.title,
            "description": task.description,
            "start_date": task.start_date.isoformat() if task.start_date else None,
            "due_date": task.due_date.isoformat() if task.due_date else None,
            "estimated_hours": task.estimated_hours,
            "status": self.status_json(task.status_id),
            "category": self._named(task.category),
            "project": self._named(task.project),
            "responsible": {"id": owner.id, "name": owner.name, "email": owner.email},
            "active_time": (
                {
                    "id": running.id,
                    "started_at": stamp(running.started_at),
                    "elapsed_seconds": running.seconds(now),
                }
                if running
                else None
            ),
        }
