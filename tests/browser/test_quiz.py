"""Test yourself (docs/assets/quiz.js): choosing an option by mouse or keyboard shows whether it
is right and why, in a polite live region, and keeps a score for the page; without JavaScript
the options stay a list and every answer is in its collapsible block."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP_LIGHT, PHONE_DARK

QUIZ = ".quiz--choice"


def first_quiz(page):
    quiz = page.locator(QUIZ).first
    quiz.scroll_into_view_if_needed()  # a question becomes radio buttons as it nears the screen
    quiz.locator("fieldset.quiz-choices").wait_for()
    key = quiz.get_attribute("data-answer")
    return quiz, key, [letter for letter in "ABCD" if letter != key]


def test_questions_become_radio_buttons_only_as_they_near_the_screen(site, new_page):
    """Not all at load: that cost a phone over 200 ms of main-thread time on long pages."""
    page, record = new_page(PHONE_DARK)
    page.goto(site.url("treatment-selection/"), wait_until="load")
    last = page.locator(QUIZ).last
    page.wait_for_timeout(300)
    assert last.locator("fieldset").count() == 0 and last.locator(".quiz-options > ul").is_visible()
    assert "quiz--enhanced" not in (page.locator("html").get_attribute("class") or "")
    last.scroll_into_view_if_needed()
    last.locator("fieldset.quiz-choices").wait_for()
    assert last.locator(".quiz-options > ul").is_hidden()
    assert record.console_errors == []


def test_choosing_a_wrong_then_the_right_answer_with_the_mouse(site, new_page):
    page, record = new_page(DESKTOP_LIGHT)
    page.goto(site.url("introduction/"))
    quiz, key, wrong = first_quiz(page)
    assert quiz.locator("fieldset.quiz-choices input[type=radio]").count() == 4
    assert quiz.locator(".quiz-options > ul").is_hidden(), "the static list gives way to the radio group"
    feedback = quiz.locator(".quiz-feedback")
    assert feedback.get_attribute("role") == "status" and feedback.get_attribute("aria-live") == "polite"
    why = quiz.locator("details > ul > li").nth("ABCD".index(wrong[0])).inner_text()
    quiz.locator(f"input[value='{wrong[0]}']").check()
    page.wait_for_function("(q) => q.querySelector('.quiz-feedback').textContent.length > 0", arg=quiz.element_handle())
    text = feedback.inner_text()
    assert text.startswith("Not quite.") and f"The answer is {key}." in text
    assert why[:40] in text, "the feedback gives the chosen option's reason"
    score = page.locator(".quiz-score")
    assert score.is_visible() and "0 of 1 answered correctly" in score.inner_text()
    quiz.locator(f"input[value='{key}']").check()
    assert feedback.inner_text().startswith("Correct.")
    assert "1 of 1 answered correctly" in score.inner_text()
    assert record.console_errors == []


def test_choosing_with_the_keyboard_alone(site, new_page):
    page, _ = new_page(PHONE_DARK)
    page.goto(site.url("treatment-selection/"))
    quiz, key, _ = first_quiz(page)
    quiz.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")  # selects A
    page.keyboard.press("ArrowDown")  # moves the selection to B
    assert quiz.locator("input[value='B']").is_checked()
    expected = "Correct." if key == "B" else "Not quite."
    assert quiz.locator(".quiz-feedback").inner_text().startswith(expected)
    legend = quiz.locator("legend").inner_text()
    assert legend.startswith("Your answer to question"), "the group is named for screen readers"


def test_the_chinese_edition_answers_in_chinese(site, new_page):
    page, _ = new_page(DESKTOP_LIGHT)
    page.goto(site.url("zh/introduction/"))
    quiz, key, _ = first_quiz(page)
    quiz.locator(f"input[value='{key}']").check()
    assert quiz.locator(".quiz-feedback").inner_text().startswith("回答正确。")
    assert page.locator(".quiz-score").inner_text().startswith("本页得分")


def test_without_javascript_every_answer_is_readable(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("introduction/"))
        quiz = page.locator(QUIZ).first
        assert quiz.locator(".quiz-options > ul > li").count() == 4
        assert quiz.locator("fieldset").count() == 0
        quiz.locator("details > summary").click()
        assert quiz.locator("details > ul > li").count() == 4, "a reason for every option"
    finally:
        context.close()
