import datetime as dt

import pytest

from zhicheng_app.documents.formatting import (
	cn_date,
	cn_month_day,
	cn_year_month,
	date_line,
	join_names,
	level_batch_label,
	level_full_label,
	level_tier_label,
	mask_id_number,
	mask_name,
)
from zhicheng_app.rules.vocabulary import Level


def test_chinese_dates():
	assert cn_date(dt.date(2024, 8, 1)) == "2024年8月1日"
	assert cn_date("2024-10-10") == "2024年10月10日"
	assert cn_date(dt.datetime(2024, 5, 10, 19, 0)) == "2024年5月10日"
	assert cn_date(None) == ""
	assert cn_month_day("2024-04-26") == "4月26日"
	assert cn_year_month("2018-07") == "2018年7月"
	assert cn_year_month(dt.date(2012, 12, 5)) == "2012年12月"
	assert date_line(None).endswith("日") and "2024" not in date_line(None)
	assert date_line("2024-08-08") == "2024年8月8日"


@pytest.mark.parametrize(
	"name, masked",
	[
		("张三", "张*"),
		("张三丰", "张**"),
		("欧阳修文", "欧阳**"),
		("欧阳", "欧*"),
		("买买提·艾力", "买**·**"),
		("李", "李"),
		("", ""),
	],
)
def test_mask_name(name, masked):
	assert mask_name(name) == masked


def test_mask_id_number():
	assert mask_id_number("650102199001011234") == "650102********1234"
	assert mask_id_number("650102900101123") == "650102*****1123"
	assert mask_id_number("12345") == "*****"


def test_level_labels():
	assert [level_tier_label(lv) for lv in Level] == ["正高", "高", "中", "初", "初"]
	assert level_batch_label("副高级") == "副高"
	assert level_batch_label(Level.FULL_SENIOR) == "正高"
	assert level_full_label("Intermediate") == "中级"
	assert level_tier_label("高级") == "高"
	with pytest.raises(ValueError):
		level_tier_label("Unknown")


def test_join_names():
	assert join_names(["张三", "", "李四"]) == "张三、李四"
