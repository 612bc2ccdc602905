"""Self-assessment files: the checks report what a teacher would object to, with file and line;
the renderer gives every item a readable form without JavaScript."""

from __future__ import annotations

from scripts.assessment import parse_assessment
from scripts.checks.assessment import check_assessment
from scripts.render.assessment import answers_appendix, item_markdown, items_section, objectives_box

CHOICE = """\
  - id: {id}
    objective: {objective}
    kind: calculation
    stem: "An alert fires. What is the PPV?"
    options:
      A: {{text: "19%", why: "Right: 45/(45+190) [@alpha2020first].", correct: true}}
      B: {{text: "90%", why: "That is the sensitivity."}}
      C: {{text: "50%", why: "A guess."}}
      D: {{text: "5%", why: "That is the prevalence."}}
"""
OPEN = """\
  - id: {id}
    objective: {objective}
    kind: vignette
    stem: "A night call. What do you do?"
    answer: "Check the images yourself."
    rubric: ["Looks at the CTA", "Calls the team", "Documents the alert"]
"""


def good_file(count: int = 8) -> str:
    items = "".join((CHOICE if n % 2 == 0 else OPEN).format(id=f"item-{n}", objective="local-ppv" if n else "calib")
                    for n in range(count))
    return ('objectives:\n  calib: "**judge** calibration"\n  local-ppv: "**calculate** a PPV"\n'
            "items:\n" + items)


def problems_of(text: str) -> list[str]:
    found, shape = parse_assessment(text, "docs/assessment/p.yml")
    return [str(p) for p in shape + check_assessment(found)]


def test_a_good_file_has_no_problems():
    assert problems_of(good_file()) == []


def test_an_objective_with_no_item_is_reported():
    text = good_file().replace('  local-ppv: "**calculate** a PPV"\n',
                               '  local-ppv: "**calculate** a PPV"\n  never: "**plan** a module"\n')
    assert "docs/assessment/p.yml:2: objective 'never' is assessed by no item" in problems_of(text)


def test_too_few_items_and_too_few_choices_are_reported():
    text = good_file(2)
    assert "docs/assessment/p.yml:1: has 2 items; a section page needs at least 8" in problems_of(text)
    opens = "objectives:\n  a: x\n  b: y\nitems:\n" + "".join(OPEN.format(id=f"o-{n}", objective="a" if n else "b")
                                                           for n in range(8))
    assert "docs/assessment/p.yml:1: 0 of 8 items are multiple choice; at least half must be" in problems_of(opens)


def test_a_bad_multiple_choice_item_names_its_line():
    text = good_file().replace('      D: {text: "5%", why: "That is the prevalence."}\n', "", 1)
    text = text.replace('why: "That is the sensitivity."}', 'why: "That is the sensitivity.", correct: true}', 1)
    found = problems_of(text)
    assert "docs/assessment/p.yml:5: item 'item-0': options must be exactly A, B, C, D (found A, B, C)" in found
    assert "docs/assessment/p.yml:5: item 'item-0': exactly one option must be 'correct: true' (found 2)" in found


def test_an_open_item_needs_an_answer_and_a_rubric_and_unknown_objectives_are_named():
    text = good_file().replace('    answer: "Check the images yourself."\n', "", 1).replace(
        "objective: local-ppv", "objective: nowhere", 1)
    found = problems_of(text)
    assert any(p.endswith("item 'item-1': an open item needs an 'answer'") for p in found)
    assert any(p.endswith("item 'item-1': unknown objective 'nowhere'") for p in found)


def test_invalid_yaml_is_one_line_with_its_line():
    assert problems_of("objectives:\n  a: [unclosed\n") == ["docs/assessment/p.yml:3: not valid YAML: "
                                                             + problems_of("objectives:\n  a: [unclosed\n")[0]
                                                             .split("not valid YAML: ")[1]]


def test_items_render_with_options_reasons_and_the_objective_they_assess():
    found, _ = parse_assessment(good_file(), "p")
    md = items_section(found)
    assert md.startswith("## Test yourself {#test-yourself}")
    assert '<div class="quiz quiz--choice" id="q-item-0" data-answer="A" markdown="1">' in md
    assert "- **B.** 90%" in md and "- **B.** That is the sensitivity." in md
    assert '<p class="quiz-about">Assesses objective 2 · calculation</p>' in md
    assert "**Marking rubric** (one point each):" in md
    assert objectives_box(found).splitlines()[3] == "    1. **judge** calibration"


def test_the_print_edition_moves_answers_to_an_appendix():
    found, _ = parse_assessment(good_file(), "p")
    item = found.items[0]
    assert "??? success" not in item_markdown(item, 1, {"calib": 1, "local-ppv": 2}, answers=False)
    appendix = answers_appendix([("p", "Page", found)])
    assert appendix.startswith("## Answers and marking rubrics {#answers}")
    assert "### Page {#answers-p}" in appendix and "**A** is correct." in appendix


def test_a_correct_option_that_stands_out_by_its_length_is_reported():
    """Options of similar length: a test-wise reader must not find the key by its length."""
    long_key = good_file().replace('A: {text: "19%"', 'A: {text: "19%, because only 45 of the 235 alerts are true"', 1)
    assert ("docs/assessment/p.yml:5: item 'item-0': the correct option (A) is 47 characters long, more than "
            "1.2 times the longest other option (3): shorten it or lengthen a distractor, so that its length "
            "does not give the answer away") in problems_of(long_key)
    within = good_file().replace('A: {text: "19%"', 'A: {text: "19% (45/235)"', 1).replace(
        'B: {text: "90%"', 'B: {text: "90% (9/10)"', 1)
    assert problems_of(within) == []  # 12 characters against 10: within 1.2 times
    assert problems_of(within.replace("(45/235)", "(45 / 235)", 1))[0].endswith(
        "the correct option (A) is 14 characters long, more than 1.2 times the longest other option (10): shorten it "
        "or lengthen a distractor, so that its length does not give the answer away")


def test_the_length_of_an_option_ignores_markup_and_citations():
    from scripts.checks.assessment import option_length

    assert option_length("*Two*  sites [@a2020; @b2021], `n`") == len("Two sites , n")
    assert option_length("警报为真，AI") == 5 * 2 + 2  # Chinese characters and full-width marks count two


def balance_of(keys: str, places: str = "") -> list[str]:
    """Problems of a set of items keyed with the letters in ``keys``, each key at the place in
    length order given by ``places`` (1 the longest, 4 the shortest; by default 1, 2, 3, 4 in
    turn)."""
    from scripts.assessment import Item, Option
    from scripts.checks.assessment import check_answer_balance

    items = []
    for n, key in enumerate(keys):
        length = {"1": 35, "2": 25, "3": 15, "4": 5}[places[n] if places else "1234"[n % 4]]
        others = iter((10, 20, 30))
        items.append(Item(f"i{n}", n, ("o",), "concept", "stem", tuple(
            Option(letter, "x" * (length if letter == key else next(others)), "why", letter == key)
            for letter in "ABCD")))
    return [str(p) for p in check_answer_balance(items, "docs/assessment", "the section pages'")]


def spread_of(places: str) -> list[str]:
    """Problems of items keyed on each letter in turn, with their keys at the given places."""
    return balance_of(("ABCD" * len(places))[:len(places)], places)


def test_one_letter_keyed_too_often_is_reported():
    assert balance_of("ABCD" * 4) == []
    assert balance_of("BBBB" + "ABCD" * 3) == [
        "docs/assessment: in the section pages' 16 multiple-choice items the correct answer is A in 3, B in 7, "
        "C in 3 and D in 3; each letter should be correct in 3 to 5 of them, so that a reader who always "
        "picks one letter gains nothing"]


def test_keys_that_are_mostly_the_longest_option_are_reported():
    assert balance_of("ABCD" * 3, places="111122233444") == []
    assert balance_of("ABCD" * 3, places="111111111234") == [
        "docs/assessment: in 9 of the section pages' 12 multiple-choice items the correct option is the longest; "
        "at most 4 may be (a third), or length gives the answer away"]


def test_a_key_mostly_in_one_place_in_length_order_is_reported():
    assert spread_of("1234" * 3) == []
    assert spread_of("2222" + "1234" * 2) == [
        "docs/assessment: in 6 of the section pages' 12 multiple-choice items the correct option is the second "
        "longest; at most 4 may be (40%), or the order of lengths still points to the answer"]


def test_a_place_in_length_order_the_key_almost_never_takes_is_reported():
    """A key that is almost never the shortest lets a reader rule the shortest option out."""
    assert spread_of("123" * 7 + "4" + "12") == [
        "docs/assessment: in only 1 of the section pages' 24 multiple-choice items is the correct option the "
        "shortest; at least 2 should be (one in 12), or a reader can rule that option out"]
