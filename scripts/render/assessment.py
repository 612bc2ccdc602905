"""A section page's learning objectives and "Test yourself" items, as Markdown (so that each
``[@key]`` becomes a numbered citation on the page), from its assessment file.

Each multiple-choice item is a block that reads well without JavaScript (the options as a list,
the answer and every option's explanation in a collapsed "Answer" block) and that
docs/assets/quiz.js turns into a group of radio buttons with feedback for the chosen option and a
score for the page. Open items show a model answer and the marking rubric."""

from __future__ import annotations

from scripts.assessment import Assessment, Item
from scripts.i18n import STRINGS, text

STRING_KEYS = set(STRINGS["en"])


def _indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def objective_numbers(found: Assessment) -> dict[str, int]:
    return {key: number for number, key in enumerate(found.objectives, start=1)}


def objectives_box(found: Assessment, lang: str = "en") -> str:
    """The "Learning objectives" box at the top of the page, numbered so that items can name
    the objective they assess."""
    lines = [f'!!! abstract "{text(lang, "objectives.title")}"', f"    {text(lang, 'objectives.intro')}", ""]
    lines += [f"    {number}. {text}" for number, text in enumerate(found.objectives.values(), start=1)]
    return "\n".join(lines) + "\n"


def _about(item: Item, numbers: dict[str, int], lang: str) -> str:
    assessed = ", ".join(str(numbers[o]) for o in item.objectives if o in numbers)
    key = "quiz.assesses_many" if "," in assessed else "quiz.assesses"
    kind = text(lang, f"quiz.kind.{item.kind}") if f"quiz.kind.{item.kind}" in STRING_KEYS else item.kind
    return f'<p class="quiz-about">{text(lang, key, numbers=assessed, kind=kind)}</p>'


def item_markdown(item: Item, number: int, numbers: dict[str, int], answers: bool = True, prefix: str = "",
                  lang: str = "en") -> str:
    """One item. Without ``answers`` (the print edition) the answer block is left out; it goes
    to the appendix instead (answer_markdown). ``prefix`` keeps ids unique where several
    pages' items share one page (the print edition)."""
    kind = "choice" if item.is_multiple_choice else "open"
    key = f' data-answer="{item.correct.letter}"' if item.correct else ""
    parts = [f'<div class="quiz quiz--{kind}" id="q-{prefix}{item.id}"{key} markdown="1">', "",
             f"**{text(lang, 'quiz.question', n=number)}** {item.stem}", ""]
    if item.is_multiple_choice:
        parts += ['<div class="quiz-options" markdown="1">', ""]
        parts += [f"- **{o.letter}.** {o.text}" for o in item.options]
        parts += ["", "</div>", ""]
    parts += [_about(item, numbers, lang), ""]
    if answers:
        parts += [f'??? success "{text(lang, "quiz.answer", n=number)}"', _indent(answer_markdown(item, lang)), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


def answer_markdown(item: Item, lang: str = "en") -> str:
    """The answer to an item: the key and a reason for every option, or the model answer and
    the rubric."""
    if item.is_multiple_choice:
        correct = item.correct
        head = text(lang, "quiz.correct", letter=correct.letter) if correct else ""
        whys = [f"- **{o.letter}.** {o.why}" for o in item.options]
        return "\n".join([head, "", *whys])
    rubric = "\n".join(f"{n}. {point}" for n, point in enumerate(item.rubric, start=1))
    return f"{item.answer}\n\n{text(lang, 'quiz.rubric')}\n\n{rubric}"


def items_section(found: Assessment, answers: bool = True, prefix: str = "", lang: str = "en") -> str:
    numbers = objective_numbers(found)
    intro = text(lang, "quiz.intro")
    score = '<p class="quiz-score" role="status" aria-live="polite" hidden></p>'
    body = "\n".join(item_markdown(item, n, numbers, answers, prefix, lang)
                     for n, item in enumerate(found.items, start=1))
    return f"## {text(lang, 'quiz.heading')} {{#test-yourself}}\n\n{intro}\n\n{score}\n\n{body}"


def answers_appendix(pages: list[tuple[str, str, Assessment]], lang: str = "en") -> str:
    """For the print edition: every page's answers and rubrics, in page order. ``pages`` is
    (slug, title, assessment)."""
    parts = [f"## {text(lang, 'quiz.appendix')} {{#answers}}", ""]
    for slug, title, found in pages:
        parts += [f"### {title} {{#answers-{slug}}}", ""]
        for number, item in enumerate(found.items, start=1):
            parts += [f"**{text(lang, 'quiz.question', n=number)}** " + answer_markdown(item, lang), ""]
    return "\n".join(parts)
