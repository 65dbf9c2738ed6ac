"""Under the Content-Security-Policy (no inline script, handler or style), the behaviours that
were inline still work: the live preview of a blank layout, swapped in by htmx, places each field;
the language switch submits itself. The page fixture fails on anything the policy refused."""

from __future__ import annotations

from chitieu.awards.models import BlankLayout


def field_left(page) -> str:
    return page.evaluate("document.querySelector('#preview .field[data-field=name]').style.left")


def test_the_blank_preview_and_the_language_switch_work_under_the_policy(
    page, live_server, superuser, awards
):
    layout = BlankLayout.objects.get(award=awards["GIAY_KHEN"], unit=None)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "pw-root-123")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(f"{live_server.url}/awards/blanks/{layout.pk}/")
    start = layout.fields["name"]["x"]
    assert field_left(page) == f"{start}mm"
    page.fill("input[name=name_x]", "80")
    # Polled from here: wait_for_function evaluates a string, which the policy refuses too.
    page.locator('#preview .field[data-field=name][data-x="80"]').wait_for()
    assert field_left(page) == "80mm"

    page.select_option("select[name=language]", "en")
    page.locator("html[lang=en]").wait_for(state="attached")
