"""Blind-review masking rules: unit short forms, ID numbers, boxes from OCR lines, box checks."""

import pytest

from zhicheng_app.rules import masking as m


def test_unit_short_forms_drop_the_legal_form_and_region_prefixes():
	variants = m.unit_variants("新疆巴州库尔勒市恒达建设工程有限公司")
	assert variants[0] == "新疆巴州库尔勒市恒达建设工程有限公司"  # longest first
	for short in (
		"恒达建设工程有限公司",
		"恒达建设工程",
		"库尔勒市恒达建设工程",
		"巴州库尔勒市恒达建设工程有限公司",
	):
		assert short in variants
	assert all(len(v) >= m.MIN_TERM_CHARS for v in variants)
	assert "公司" not in variants and "新疆" not in variants


@pytest.mark.parametrize(
	("name", "short"),
	[
		("阿克苏地区第一人民医院", "第一人民医院"),
		("新疆天山建材股份有限公司", "天山建材"),
		("和田地区某某工程有限责任公司", "某某工程"),  # a region not in the list: the generic prefix
	],
)
def test_other_legal_forms_and_regions(name, short):
	assert short in m.unit_variants(name)


def test_registered_short_names_count_even_when_short():
	assert "恒达" in m.unit_variants("恒达建设工程有限公司", ["恒达"])


@pytest.mark.parametrize(
	"text",
	[
		"身份证号：652901198503121234",
		"652901 19850312 1234",
		"65290119850312123X",
		"６５２９０１１９８５０３１２１２３４",
	],
)
def test_id_numbers_are_found_with_or_without_spaces(text):
	assert len(m.id_numbers(text)) == 1


@pytest.mark.parametrize("text", ["电话：13800001111", "6529011985031212345", "052901198503121234"])
def test_other_numbers_are_not_id_numbers(text):
	assert m.id_numbers(text) == []


def _line(text, left=100, top=200, right=None, height=40):
	right = right if right is not None else left + 40 * len(text)
	return m.OcrLine(
		points=[(left, top), (right, top), (right, top + height), (left, top + height)], text=text
	)


def test_a_name_in_a_line_is_boxed_where_it_stands():
	line = _line("姓名：张伟明", left=100, right=340)  # six full-width characters, 40 px each
	[box] = m.find_terms([line], {"name": ["张伟明"]}, find_ids=False)
	assert box["label"] == "name" and box["text"] == "张伟明"
	assert 212 <= box["x"] <= 218 and 130 <= box["w"] <= 136  # 3 × 40 px, padded
	assert box["y"] == 194 and box["h"] == 52


def test_the_longest_unit_form_wins_and_is_not_boxed_twice():
	line = _line("单位：巴州恒达建设工程有限公司")
	boxes = m.find_terms([line], {"unit": m.unit_variants("新疆巴州恒达建设工程有限公司")}, find_ids=False)
	assert [b["text"] for b in boxes] == ["巴州恒达建设工程有限公司"]


def test_an_id_number_with_spaces_is_boxed_over_its_digits():
	line = _line("身份证号：652901 19850312 1234", right=100 + 5 * 40 + 20 * 22)
	[box] = m.find_terms([line], {}, find_ids=True)
	assert box["label"] == "id" and box["text"] == "652901198503121234"
	assert box["x"] >= 290  # after the five full-width characters of the label
	assert box["x"] + box["w"] >= 100 + 5 * 40 + 20 * 22 - 5


def test_boxes_are_checked_and_rounded():
	boxes = m.validate_boxes(
		[{"x": "10.4", "y": 20, "w": 30.6, "h": 40, "label": "name", "source": "ocr"}], 100, 100
	)
	assert boxes == [{"x": 10, "y": 20, "w": 31, "h": 40, "label": "name", "source": "ocr"}]
	assert (
		m.validate_boxes([{"x": 0, "y": 0, "w": 5, "h": 5, "label": "?", "source": "x"}], 10, 10)[0]["label"]
		== "manual"
	)


@pytest.mark.parametrize(
	("boxes", "message"),
	[
		("[]", "列表"),
		([{"x": "a", "y": 0, "w": 5, "h": 5}], "第 1 个遮盖框的“左边距”必须是像素数"),
		([{"x": 0, "y": 0, "w": 5, "h": None}], "“高度”必须是像素数"),
		(
			[{"x": 0, "y": 0, "w": 5, "h": 5}, {"x": 0, "y": 0, "w": 1, "h": 5}],
			"第 2 个遮盖框的“宽度”至少为 2 像素",
		),
		([{"x": 90, "y": 0, "w": 20, "h": 5}], "超出了图片范围（图片为 100 × 100 像素）"),
		([{"x": -1, "y": 0, "w": 20, "h": 5}], "超出了图片范围"),
		([{"x": 0, "y": 0, "w": float("inf"), "h": 5}], "必须是像素数"),
		(["box"], "格式不对"),
	],
)
def test_wrong_boxes_are_refused_naming_the_box_and_field(boxes, message):
	with pytest.raises(m.BoxError, match=message):
		m.validate_boxes(boxes, 100, 100)


def test_too_many_boxes_are_refused():
	with pytest.raises(m.BoxError, match="最多画 3 个"):
		m.validate_boxes([{"x": 0, "y": 0, "w": 5, "h": 5}] * 4, 100, 100, max_boxes=3)


def test_the_eye_band_lies_in_the_upper_half_of_a_photo():
	band = m.eye_band({"x": 0, "y": 0, "w": 295, "h": 413})
	assert band["x"] == 0 and band["w"] == 295
	assert 0 < band["y"] < 413 / 3 and band["y"] + band["h"] < 413 * 0.6
