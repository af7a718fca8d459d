"""The browser tests' English check: codes and addresses are not words, words are."""

from tests.integration.browser import english_words


def test_codes_and_addresses_are_not_english_words():
	texts = [
		"title.applicant-d69f1072@example.com",  # a test user's address, with its random suffix
		"测试单位-d69f1072",
		"ZC-2026-00035 已提交",
		"DW-2026-00003",  # a unit registration
		"营业执照 91652900MA7XY312Q1",
		"/private/files/承诺书.pdf",
	]
	assert english_words(texts) == []


def test_an_english_word_is_found_with_its_text():
	assert english_words(["流程状态 Draft", "第9项 / 共9项"]) == ["Draft in '流程状态 Draft'"]
