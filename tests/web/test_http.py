"""HTTP behaviour of the web app (issue 16): HEAD and OPTIONS, ?format=csv on every list,
validation of dates, modality, kind and dyads, and error pages that keep the filters."""

from __future__ import annotations

import csv
import io

import pytest


@pytest.mark.parametrize("url", ["/", "/events", "/api/events", "/api/documents/00visit000000000",
                                 "/static/accord.css"])
def test_head_answers_like_get_without_a_body(client, url) -> None:  # type: ignore[no-untyped-def]
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")


def test_options_lists_the_methods(client) -> None:  # type: ignore[no-untyped-def]
    r = client.options("/api/events")
    assert r.status_code == 204 and r.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/no/such/page").status_code == 404


@pytest.mark.parametrize(("path", "key"), [
    ("/api/events?limit=3", "id"), ("/api/documents", "id"), ("/api/entities", "id"),
    ("/api/claims", "id"), ("/api/contradictions", "id"), ("/api/copies", "document"),
    ("/api/search?q=tanks", "document"),
])
def test_every_list_downloads_as_csv_with_the_jsons_rows(client, path, key) -> None:  # type: ignore[no-untyped-def]
    sep = "&" if "?" in path else "?"
    items = client.get(path).json()["items"]
    r = client.get(f"{path}{sep}format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row[key] for row in rows] == [str(i[key]) for i in items]


def test_csv_is_for_lists_and_formats_are_checked(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/stats?format=csv").status_code == 400
    assert client.get("/api/events?format=xml").status_code == 422
    params = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]
    assert "format" in {p["name"] for p in params}


def test_list_pages_link_their_csv_with_the_same_filters(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/events?actor=Poland&from=2024").text
    assert 'href="/api/events?actor=Poland&amp;from=2024&amp;limit=500&amp;format=csv"' in page


@pytest.mark.parametrize(("url", "says"), [
    ("/api/events?from=2024-13", "'2024-13' has no month 13"),
    ("/api/events?to=2024-02-30", "is not a day of 2024-02"),
    ("/api/events?modality=asserted,rumoured", "unknown 'rumoured'"),
    ("/api/contradictions?kind=opinion", "unknown 'opinion'"),
    ("/api/dyad?a=Poland&b=POL", "two different actors"),
    ("/api/events?a=Poland&b=Poland", "two different actors"),
])
def test_impossible_filters_are_400_with_the_reason(client, url, says) -> None:  # type: ignore[no-untyped-def]
    r = client.get(url)
    assert r.status_code == 400 and says in r.json()["detail"]


def test_error_page_keeps_the_filters_and_offers_the_page_without_the_bad_one(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/events?actor=Poland&from=2024-13&type=AGREE")
    assert r.status_code == 400
    assert "has no month 13" in r.text and "YYYY-MM-DD" in r.text
    assert "“Poland”" in r.text and "“AGREE”" in r.text  # what was asked, shown back
    assert 'href="/events?actor=Poland&amp;type=AGREE"' in r.text  # retry without the bad one
    r = client.get("/events?from=20x4&actor=Poland")
    assert r.status_code == 422 and "is not a date: YYYY, YYYY-MM or YYYY-MM-DD" in r.text
    assert "pattern" not in r.text and "^" not in r.text  # words, not a regex
    assert 'href="/events?actor=Poland"' in r.text


def test_overview_dyad_counts_equal_the_pages_they_link(client) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: "South Korea – Poland 6 events" opened a page with 12. The overview now shows
    the dyad page's count, and the direct-pair count beside it, each labelled."""
    import re

    html = client.get("/").text
    section = html.split("Top dyads", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<a href="(/dyad\?[^"]+)">[^<]+</a></td><td class="num">(\d+)</td>'
                      r'<td class="num">(\d+)</td>', section)
    assert rows and "of which directly" in section
    for href, total, direct in rows:
        a, b = re.findall(r"[ab]=([^&]+)", href.replace("&amp;", "&"))
        d = client.get("/api/dyad", params={"a": a.replace("%3A", ":"),
                                            "b": b.replace("%3A", ":")}).json()
        assert int(total) == d["total"] and int(direct) <= int(total)


def test_openapi_documents_every_answer_and_the_shapes_hold(client) -> None:  # type: ignore[no-untyped-def]
    from accord.web import models

    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        if not path.startswith("/api/") or "get" not in ops:
            continue
        answers = ops["get"]["responses"]
        assert {"200", "400", "404", "422"} <= set(answers), path
        schema = answers["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, f"{path}: 200 is a bare object"
    # the documented shapes are the real ones
    models.EventPage.model_validate(client.get("/api/events").json())
    models.DocumentPage.model_validate(client.get("/api/documents").json())
    models.ContradictionPage.model_validate(client.get("/api/contradictions").json())
    models.CopyPage.model_validate(client.get("/api/copies").json())
    models.Event.model_validate(client.get("/api/events/ev-agree-k2").json())
    models.Dyad.model_validate(client.get("/api/dyad?a=Poland&b=South+Korea").json())
    models.Error.model_validate(client.get("/api/events/ev-nothing").json())


def test_timeline_facets_count_what_their_links_list(client) -> None:  # type: ignore[no-untyped-def]
    import re

    html = client.get("/events", params={"actor": "Poland"}).text
    nav = html.split('class="facets"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="(/events\?[^"]+)"[^>]*>([^<(]+) \((\d+)\)</a>', nav)
    assert {v.strip() for _, v, _ in links} >= {"asserted", "AGREE"}
    for href, value, n in links:
        page = client.get(href.replace("&amp;", "&")).text
        shown = re.search(r"(\d+)\+? events", page)
        assert shown and int(shown.group(1)) == int(n), (value, n)
