"""Values extraction drops as impossible are counted in the build's report."""

from __future__ import annotations

from accord.engine.local import count_new_records


def test_records_and_absurd_counters_are_summed_other_stats_are_not():
    totals: dict[str, int] = {}
    count_new_records(totals, {"sentences": 3, "events": 1, "absurd_dates": 1, "seconds": 0.4})
    count_new_records(totals, {"sentences": 2, "claims": 2, "absurd_dates": 2,
                               "absurd_values": 1})
    assert totals == {"sentences": 5, "events": 1, "claims": 2, "absurd_dates": 3,
                      "absurd_values": 1}


def test_a_build_reports_an_impossible_date_it_dropped(tmp_path):
    import accord

    art = tmp_path / "notice.txt"
    art.write_text("Border talks\n\nPublished March 3, 2024.\n\n"
                   "Chile and Peru will hold border talks in Lima on February 30, "
                   "officials said.\n", "utf-8")
    kb = accord.open(tmp_path / "kb.db")
    try:
        report = kb.build([art])
    finally:
        kb.close()
    assert report.status == "ok"
    assert report.new_records.get("absurd_dates") == 1
    assert report.to_dict()["new_records"]["absurd_dates"] == 1
