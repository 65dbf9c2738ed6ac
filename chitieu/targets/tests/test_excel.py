from decimal import Decimal as D
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.targets.models import Target


def upload(client, resolution, rows):
    template = client.get(reverse("targets_template", args=[resolution.pk])).content
    workbook = load_workbook(BytesIO(template))
    sheet = workbook["Chỉ tiêu"]
    sheet.delete_rows(2, 1)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return client.post(
        reverse("targets_upload", args=[resolution.pk]),
        {"file": SimpleUploadedFile("chi-tieu.xlsx", buffer.getvalue())},
        follow=True,
    )


def test_targets_of_every_form_from_excel(town_resolution, planner, tree):
    client = Client()
    client.force_login(planner)
    response = upload(
        client,
        town_resolution,
        [
            [
                "KT06",
                "Thị xã đề ra",
                "x",
                "level",
                "reach",
                "324,124",
                None,
                None,
                None,
                None,
                "Thu ngân sách",
            ],
            [
                "XH03",
                "Thị xã đề ra",
                "x",
                "level",
                "at_most",
                3.2,
                None,
                None,
                None,
                None,
                "dưới 3,2%",
            ],
            ["XH04", "Thị xã đề ra", "", "change", "range", "-1", "-1,5", None, None, None, ""],
            [
                "KT16",
                "Thị xã đề ra",
                "x",
                "milestone",
                "reach",
                None,
                None,
                None,
                None,
                tree.commune_a.name,
                "",
            ],
        ],
    )
    assert "4 chỉ tiêu đã được thêm." in response.content.decode()
    assert sorted(Target.objects.values_list("indicator__code", "value", "is_main")) == [
        ("KT06", D("324.124"), True),
        ("KT16", None, True),
        ("XH03", D("3.2"), True),
        ("XH04", D("-1"), False),
    ]


def test_one_bad_row_adds_no_target_and_names_row_and_column(town_resolution, planner):
    client = Client()
    client.force_login(planner)
    response = upload(
        client,
        town_resolution,
        [
            ["KT06", "Thị xã đề ra", "x", "level", "reach", "324,124", None, None, None, None, ""],
            ["KT99", "Thị xã đề ra", "x", "level", "sometimes", "1.5", None, None, None, None, ""],
            ["XH03", "Thị xã đề ra", "x", "level", "range", "3", None, None, None, None, ""],
        ],
    )
    html = response.content.decode()
    assert (
        "Trang “Chỉ tiêu”, dòng 3, cột A (Mã chỉ tiêu): mã “KT99” không có trong danh mục." in html
    )
    assert "Trang “Chỉ tiêu”, dòng 3, cột E (Cách so sánh): “sometimes” không hợp lệ." in html
    assert (
        "Trang “Chỉ tiêu”, dòng 3, cột F (Giá trị): “1.5” không phải là số hợp lệ. Dùng dấu phẩy cho phần thập phân: 1,5 (dấu chấm chỉ tách hàng nghìn: 1.500 là một nghìn năm trăm)."
        in html
    )
    assert "Trang “Chỉ tiêu”, dòng 4: Chỉ tiêu dạng khoảng cần cả hai đầu." in html
    assert not Target.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_by_its_content(town_resolution, planner):
    from chitieu.testing_files import HTML_BYTES, docx_bytes

    client = Client()
    client.force_login(planner)
    for content in (HTML_BYTES, docx_bytes()):
        response = client.post(
            reverse("targets_upload", args=[town_resolution.pk]),
            {"file": SimpleUploadedFile("chi-tieu.xlsx", content)},
            follow=True,
        )
        assert "Loại tệp này không được nhận; chỉ nhận: Excel (.xlsx)." in response.content.decode()


def test_booleans_superscripts_and_out_of_bounds_cells_are_messages(town_resolution, planner):
    client = Client()
    client.force_login(planner)
    response = upload(
        client,
        town_resolution,
        [
            ["KT06", "Thị xã đề ra", "x", "level", "reach", True, None, None, None, None, ""],
            ["KT06", "Thị xã đề ra", "x", "level", "reach", "²", None, None, None, None, ""],
            ["XH03", "Thị xã đề ra", "x", "level", "reach", 150, None, "²", None, None, ""],
            ["KT11", "Thị xã đề ra", "x", "level", "reach", 2.5, None, None, None, None, ""],
            ["KT06", "Thị xã đề ra", "x", "level", "reach", 1e30, None, None, None, None, ""],
        ],
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Trang “Chỉ tiêu”, dòng 2, cột F (Giá trị): “True” không phải là số hợp lệ.",
        "Trang “Chỉ tiêu”, dòng 3, cột F (Giá trị): “²” không phải là số hợp lệ"
        " (ví dụ đúng: 1.695,36 hoặc 72.824).",
        "Trang “Chỉ tiêu”, dòng 4, cột F (Giá trị): giá trị 150 phải từ 0 đến 100.",
        "Trang “Chỉ tiêu”, dòng 4, cột H (Đơn vị (nếu khác): tên hoặc mã hành chính): không có "
        "đơn vị “²” trong phạm vi của bạn (ghi tên hoặc mã đơn vị hành chính).",
        "Trang “Chỉ tiêu”, dòng 5, cột F (Giá trị): 2,5 phải là số nguyên.",
        "Trang “Chỉ tiêu”, dòng 6, cột F (Giá trị): 1.000.000.000.000.000.000.000.…"
        " quá lớn: phần nguyên tối đa 13 chữ số.",
    ):
        assert message in html, message
    assert not Target.objects.exists()


def test_rank_targets_and_index_scores_from_excel(town_resolution, planner):
    client = Client()
    client.force_login(planner)
    blank = [None, None, None, None, ""]
    response = upload(
        client,
        town_resolution,
        [
            ["CC08", "Tỉnh ủy", "x", "rank", "at_most", "10", None, *blank],
            ["CC02", "Tỉnh ủy", "x", "rank_rise", "reach", "5", None, *blank],
            ["CC01", "Tỉnh ủy", "x", "level", "at_least", "85", None, *blank],
        ],
    )
    page = response.content.decode()
    assert "3 chỉ tiêu đã được thêm." in page
    assert sorted(Target.objects.values_list("indicator__code", "measure", "value")) == [
        ("CC01", "level", D("85")),
        ("CC02", "rank_rise", D("5")),
        ("CC08", "rank", D("10")),
    ]
    # The resolution's page states each in its own form.
    for text in ("trong nhóm 10 tỉnh dẫn đầu", "tăng 5 bậc", "từ 85% trở lên"):
        assert text in page
