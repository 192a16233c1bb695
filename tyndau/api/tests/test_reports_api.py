"""Reports over REST: the JSON of every form, for those who may run reports."""


def test_report_forms_and_their_json(api, akim, register):
    register()
    client = api(akim)
    forms = {f["form"] for f in client.get("/api/v1/reports/").json()}
    assert "appeal-outcomes" in forms
    for form in forms:
        response = client.get(
            f"/api/v1/reports/{form}/",
            {"territory": "111033000", "date_from": "2026-01-01", "date_to": "2026-12-31"},
        )
        assert response.status_code == 200, (form, response.json())
        assert response.json()["form"] == form


def test_reports_are_refused_outside_the_scope_and_for_clerks(api, akim, clerk, tree):
    params = {"territory": "114645000", "date_from": "2026-01-01", "date_to": "2026-12-31"}
    assert api(akim).get("/api/v1/reports/appeal-outcomes/", params).status_code == 403
    params["territory"] = "111033000"
    assert api(clerk).get("/api/v1/reports/appeal-outcomes/", params).status_code == 403


def test_a_reversed_period_is_a_clear_400(api, akim, tree):
    response = api(akim, "en").get(
        "/api/v1/reports/appeal-outcomes/",
        {"territory": "111033000", "date_from": "2026-12-31", "date_to": "2026-01-01"},
    )
    assert response.status_code == 400
    assert response.json()["date_to"]


def test_the_scope_of_a_report_and_its_default(api, akim, tree):
    params = {"territory": "111033000", "date_from": "2026-01-01", "date_to": "2026-12-31"}
    client = api(akim)
    default = client.get("/api/v1/reports/decree-826/", params).json()
    assert default["scope"] == "own"
    assert client.get("/api/v1/reports/appeal-outcomes/", params).json()["scope"] == "subtree"
    rolled = client.get("/api/v1/reports/decree-826/", {**params, "scope": "subtree"}).json()
    assert rolled["scope"] == "subtree"
    response = api(akim, "en").get("/api/v1/reports/decree-826/", {**params, "scope": "all"})
    assert response.status_code == 400
    assert response.json()["scope"]
