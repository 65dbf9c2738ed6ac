from django.test import Client


def test_the_api_docs_page_asks_an_anonymous_visitor_to_log_in(db):
    response = Client().get("/api/docs")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/api/docs"


def test_the_api_docs_page_opens_for_a_logged_in_user(db, make_user):
    client = Client()
    client.force_login(make_user("kyanh"))
    assert client.get("/api/docs").status_code == 200


def test_the_openapi_schema_stays_readable_for_tools(db):
    assert Client().get("/api/openapi.json").status_code == 200
