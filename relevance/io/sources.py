"""Groups from what the public APIs of Reddit and Meetup return, saved to a file.

A JSON file is read as a source's document when ``--input-format reddit`` or ``meetup`` says
so, or when its shape is recognised (a Reddit ``kind`` of ``t5`` or ``Listing``; a Meetup
``groupByUrlname``, or a group object with an ``urlname``). Each document becomes groups in
the input schema; the fields read are these (README, "Sources people use"):

**Reddit** (``GET /r/NAME/about.json`` and a listing such as ``/r/NAME/new.json``; several
documents may be saved together as a JSON array):

- a subreddit (``{"kind": "t5", "data": {...}}``): ``display_name`` -> ``id`` (``r/NAME``),
  ``title`` (else ``r/NAME``) -> ``title``, ``public_description`` and ``description`` ->
  ``description``, ``subscribers`` -> ``member_count``, ``url`` -> ``url``
  (``https://www.reddit.com/r/NAME/``), ``user_is_subscriber`` -> ``joined``;
- a listing (``{"kind": "Listing", "data": {"children": [...]}}``) of posts (``t3``):
  ``title``, ``selftext`` -> ``body``, ``created_utc`` -> ``date`` (UTC),
  ``num_comments`` -> ``comments``, ``score`` -> ``likes``; each post goes to the group of its
  ``subreddit`` (a subreddit without an ``about`` becomes a group of its own, named by it).

**Meetup** (the GraphQL API's ``groupByUrlname``, or the older REST group with its events):

- the group: ``urlname`` -> ``id``, ``name`` -> ``title``, ``description`` -> ``description``
  (HTML is stripped later), ``link`` -> ``url``, the member count from
  ``memberships.totalCount``, ``memberships.count``, ``stats.memberCounts.all`` or ``members``
  (a number), ``isMember`` -> ``joined``;
- its events, from ``pastEvents``, ``upcomingEvents`` or ``events`` (GraphQL
  ``{"edges": [{"node": ...}]}`` or a plain list): ``title`` (or ``name``) -> ``title``,
  ``description`` -> ``body``, ``dateTime`` (or ``local_date``, or ``time`` in epoch
  milliseconds) -> ``date``, ``going`` (or ``yes_rsvp_count``) -> ``likes``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from relevance.errors import InputError

SOURCES = ("reddit", "meetup")
"""The API documents read as groups."""


def recognise(document: Any) -> str | None:
    """``"reddit"`` or ``"meetup"`` when the document has that API's shape, else ``None``."""
    items = document if isinstance(document, list) else [document]
    if items and all(isinstance(i, dict) and i.get("kind") in ("t5", "Listing") for i in items):
        return "reddit"
    if isinstance(document, dict) and _meetup_group(document) is not None:
        return "meetup"
    return None


def to_groups(document: Any, source: str, name: str) -> list[dict[str, Any]]:
    """The groups a ``source`` document holds, in the input schema.

    Raises
    ------
    InputError
        When the document is not what that API returns, naming the file and what was expected.
    """
    if source == "reddit":
        return _reddit(document, name)
    group = _meetup_group(document) if isinstance(document, dict) else None
    if group is None:
        raise InputError(
            'not a Meetup group: expected {"data": {"groupByUrlname": {...}}} or a group '
            "object with 'urlname' and 'name'",
            name,
            hint="save the API's answer for one group, or leave out --input-format meetup",
        )
    return [_meetup(group)]


# --- Reddit --------------------------------------------------------------------------------


def _reddit(document: Any, name: str) -> list[dict[str, Any]]:
    things = document if isinstance(document, list) else [document]
    groups: dict[str, dict[str, Any]] = {}
    for number, thing in enumerate(things, 1):
        kind = thing.get("kind") if isinstance(thing, dict) else None
        data = thing.get("data") if isinstance(thing, dict) else None
        if kind not in ("t5", "Listing") or not isinstance(data, dict):
            raise InputError(
                f"not a Reddit subreddit or listing (document {number}): expected "
                '{"kind": "t5" or "Listing", "data": {...}}',
                name,
                hint="save /r/NAME/about.json and /r/NAME/new.json as they come",
            )
        if kind == "t5":
            _group(groups, str(data.get("display_name") or "")).update(_subreddit(data))
        else:
            for child in data.get("children") or []:
                post = child.get("data") if isinstance(child, dict) else None
                if isinstance(post, dict) and child.get("kind") == "t3":
                    group = _group(groups, str(post.get("subreddit") or ""))
                    group["discussions"].append(_post(post))
    return list(groups.values())


def _group(groups: dict[str, dict[str, Any]], subreddit: str) -> dict[str, Any]:
    key = subreddit.lower()
    if key not in groups:
        groups[key] = {
            "id": f"r/{subreddit}",
            "title": f"r/{subreddit}",
            "url": f"https://www.reddit.com/r/{subreddit}/",
            "discussions": [],
        }
    return groups[key]


def _subreddit(data: dict[str, Any]) -> dict[str, Any]:
    name = data.get("display_name") or ""
    texts = [data.get("public_description"), data.get("description")]
    fields: dict[str, Any] = {
        "title": data.get("title") or f"r/{name}",
        "description": "\n\n".join(t for t in texts if isinstance(t, str) and t.strip()) or None,
        "member_count": data.get("subscribers"),
    }
    if isinstance(data.get("url"), str) and data["url"].startswith("/"):
        fields["url"] = f"https://www.reddit.com{data['url']}"
    if isinstance(data.get("user_is_subscriber"), bool):
        fields["joined"] = data["user_is_subscriber"]
    return fields


def _post(post: dict[str, Any]) -> dict[str, Any]:
    created = post.get("created_utc")
    when = _epoch(created, 1) if isinstance(created, int | float) else None
    return {
        "title": post.get("title"),
        "body": post.get("selftext") or None,
        "date": when,
        "comments": post.get("num_comments"),
        "likes": max(post["score"], 0) if isinstance(post.get("score"), int) else None,
    }


def _epoch(value: float, per_second: int) -> str:
    return datetime.fromtimestamp(value / per_second, tz=UTC).date().isoformat()


# --- Meetup --------------------------------------------------------------------------------


def _meetup_group(document: dict[str, Any]) -> dict[str, Any] | None:
    data = document.get("data")
    if isinstance(data, dict) and isinstance(data.get("groupByUrlname"), dict):
        found: dict[str, Any] = data["groupByUrlname"]
        return found
    if isinstance(document.get("urlname"), str) and isinstance(document.get("name"), str):
        return document
    return None


def _meetup(group: dict[str, Any]) -> dict[str, Any]:
    events = []
    for key in ("pastEvents", "upcomingEvents", "events"):
        events += [_event(e, key == "upcomingEvents") for e in _nodes(group.get(key))]
    events.sort(key=lambda e: e["date"] or "", reverse=True)  # the most recent first
    out: dict[str, Any] = {
        "id": group.get("urlname"),
        "title": group.get("name"),
        "description": group.get("description"),
        "url": group.get("link"),
        "member_count": _member_count(group),
        "discussions": events,
    }
    if isinstance(group.get("isMember"), bool):
        out["joined"] = group["isMember"]
    return out


def _nodes(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        value = [edge.get("node") for edge in value.get("edges") or [] if isinstance(edge, dict)]
    return [v for v in value or [] if isinstance(v, dict)]


def _member_count(group: dict[str, Any]) -> Any:
    memberships = group.get("memberships")
    if isinstance(memberships, dict):
        for key in ("totalCount", "count"):
            if memberships.get(key) is not None:
                return memberships[key]
    stats = group.get("stats")
    if isinstance(stats, dict) and isinstance(stats.get("memberCounts"), dict):
        return stats["memberCounts"].get("all")
    members = group.get("members")
    return members if isinstance(members, int | str) else None


def _event(event: dict[str, Any], upcoming: bool) -> dict[str, Any]:
    when = event.get("dateTime") or event.get("local_date")
    if when is None and isinstance(event.get("time"), int | float):
        when = _epoch(event["time"], 1000)
    elif isinstance(when, str):
        when = when[:10]  # the local day: "2026-03-15T18:30:00+01:00" -> "2026-03-15"
    going = event.get("going")
    if going is None:
        going = event.get("yes_rsvp_count")
    out = {
        "title": event.get("title") or event.get("name"),
        "body": event.get("description"),
        "date": when,
        "likes": going if isinstance(going, int) else None,
    }
    if upcoming or str(event.get("status", "")).lower() == "upcoming":
        out["upcoming"] = True  # scheduled: its date may be after today (schema)
    return out
