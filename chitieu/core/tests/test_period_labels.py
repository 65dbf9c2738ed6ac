"""Period names on the pages follow the language (gettext, so Django)."""

from django.utils import translation

from chitieu.core.labels import period_name
from chitieu.core.periods import Period


def test_period_names_on_the_pages_follow_the_language():
    codes = ["2021", "2021-H1", "2021-9M", "2021-Q3", "2021-M07", "T2021-2025"]
    with translation.override("vi"):
        vietnamese = [period_name(Period.parse(code)) for code in codes]
    with translation.override("en"):
        english = [period_name(Period.parse(code)) for code in codes]
    # The pages' Vietnamese names are the documents' own (Period.label).
    assert vietnamese == [Period.parse(code).label for code in codes]
    assert english == [
        "Year 2021",
        "First 6 months of 2021",
        "9 months of 2021",
        "Quarter III/2021",
        "Month 7/2021",
        "Term 2021 - 2025",
    ]
