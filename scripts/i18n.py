"""The words the build writes into pages (headings, labels, notes), in each language of the
site. The language of a build is its theme language (``theme.language`` in mkdocs.yml and
mkdocs.zh.yml). A test checks that every language has every key."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "objectives.title": "Learning objectives",
        "objectives.intro": "After reading this page you can:",
        "quiz.heading": "Test yourself",
        "quiz.intro": ("Choose an answer to see why each option is right or wrong; your choices stay in your "
                       "browser. Open questions have a model answer and a marking rubric."),
        "quiz.question": "Question {n}.",
        "quiz.answer": "Answer {n}",
        "quiz.correct": "**{letter}** is correct.",
        "quiz.rubric": "**Marking rubric** (one point each):",
        "quiz.assesses": "Assesses objective {numbers} · {kind}",
        "quiz.assesses_many": "Assesses objectives {numbers} · {kind}",
        "quiz.kind.concept": "concept",
        "quiz.kind.calculation": "calculation",
        "quiz.kind.appraisal": "appraisal",
        "quiz.kind.vignette": "vignette",
        "quiz.appendix": "Answers and marking rubrics",
        "references.heading": "References",
        "references.note": "References are numbered in the order they are first cited on this page.{more}",
        "references.more": ' The <a href="{root}references/">full bibliography</a> lists them all.',
        "figure.label": "Figure {n}.",
        "figure.link": "Figure {n}",
        "figure.download": "Download",
        "figure.words": "Figure {n} in words",
        "reading": "About {n} minute{s} to read",
        "chart.numbers": "The numbers behind this chart",
        "chart.studies": "Studies",
        "chart.all": "All",
        "chart.section.title": "Studies on this page by design and validation",
        "chart.section.caption": ("The {n} studies in the table below by design (rows) and type of validation "
                                  "(colours). The rules for each code are on the evidence map."),
        "chart.years.title": "Studies by year of publication and design",
        "chart.years.caption": "All {n} studies by year of publication, coloured by the kind of design.",
        "chart.sections.title": "Studies by page and type of validation",
        "chart.sections.caption": ("Studies by the page that discusses them, coloured by type of validation; a "
                                   "study discussed on two pages counts on each."),
        "chart.design": "Design",
        "chart.year": "Year",
        "chart.page": "Page",
        "table.header": "| Study | Task | Design | Data | Validation | Headline result |",
        "table.summary": "The {n} studies in a table",
        "table.note": ("*Design and validation as reported by each study "
                       "([how they are coded](evidence.md#method)). "
                       "[Download every study as CSV](studies.csv) or open the [evidence map](evidence.md).*"),
        "instructors.learners": "After reading the page, learners can:",
        "instructors.questions": "questions",
        "instructors.sections": "Sections:",
        "instructors.guide": "discussion guide",
        "instructors.notes": "Facilitator notes",
        "instructors.discussion": "{n} questions for discussion, each with facilitator notes",
        "instructors.journal": "**Journal club.**",
        "instructors.reading": "| Page | Reading time |",
        "instructors.minutes": "{n} min",
        "instructors.from": "From",
        "instructors.from_end": ". ",
        "figures.table": "| Figure | On the page | Download |",
        "language.name": "English",
        "language.switch": "Read this page in English",
    },
    "zh": {
        "objectives.title": "学习目标",
        "objectives.intro": "读完本页，你将能够：",
        "quiz.heading": "自测",
        "quiz.intro": ("选择一个答案，即可看到每个选项对或错的理由；你的选择只保留在你的浏览器中。"
                       "开放题附参考答案和评分要点。"),
        "quiz.question": "第 {n} 题",
        "quiz.answer": "第 {n} 题答案",
        "quiz.correct": "正确答案为 **{letter}**。",
        "quiz.rubric": "**评分要点**（每项 1 分）：",
        "quiz.assesses": "对应学习目标 {numbers} · {kind}",
        "quiz.assesses_many": "对应学习目标 {numbers} · {kind}",
        "quiz.kind.concept": "概念题",
        "quiz.kind.calculation": "计算题",
        "quiz.kind.appraisal": "文献评价题",
        "quiz.kind.vignette": "病例题",
        "quiz.appendix": "答案与评分要点",
        "references.heading": "参考文献",
        "references.note": "参考文献按在本页首次引用的先后顺序编号。{more}",
        "references.more": '<a href="{root}references/">全部参考文献</a>列出了本站引用的所有文献。',
        "figure.label": "图 {n}.",
        "figure.link": "图 {n}",
        "figure.download": "下载",
        "figure.words": "图 {n} 的文字说明",
        "reading": "阅读约需 {n} 分钟",
        "chart.numbers": "本图的数据",
        "chart.studies": "研究数",
        "chart.all": "合计",
        "chart.section.title": "本页研究的设计与验证方式",
        "chart.section.caption": "下表中的 {n} 项研究，按设计（行）和验证方式（颜色）统计。各类编码的规则见证据地图。",
        "chart.years.title": "按发表年份与设计统计的研究",
        "chart.years.caption": "全部 {n} 项研究按发表年份统计，颜色表示设计类别。",
        "chart.sections.title": "按页面与验证方式统计的研究",
        "chart.sections.caption": ("按讨论该研究的页面统计，颜色表示验证方式；"
                                   "一项研究若在两个页面讨论，则在两处各计一次。"),
        "chart.design": "设计",
        "chart.year": "年份",
        "chart.page": "页面",
        "table.header": "| 研究 | 任务 | 设计 | 数据 | 验证 | 主要结果 |",
        "table.summary": "{n} 项研究一览表",
        "table.note": ("*设计与验证方式依各研究的报告（[编码规则](evidence.md#method)）。"
                       "[下载全部研究（CSV）](studies.csv)，或打开[证据地图](evidence.md)。*"),
        "instructors.learners": "读完本页，学员将能够：",
        "instructors.questions": "题目",
        "instructors.sections": "各节：",
        "instructors.guide": "讨论指南",
        "instructors.notes": "主持人提示",
        "instructors.discussion": "{n} 道讨论题，每题附主持人提示",
        "instructors.journal": "**文献研读。**",
        "instructors.reading": "| 页面 | 阅读时间 |",
        "instructors.minutes": "{n} 分钟",
        "instructors.from": "出自",
        "instructors.from_end": "。",
        "figures.table": "| 图 | 所在页面 | 下载 |",
        "language.name": "中文",
        "language.switch": "阅读本页中文版",
    },
}
LANGUAGES = tuple(STRINGS)
DEFAULT = "en"

# The study file's codes (designs, validations, the year chart's groups of designs) as each
# language shows them; English shows the codes themselves. The Chinese names are those of the
# coding rules on /zh/evidence/ (#method).
CODE_LABELS = {
    "zh": {
        "phantom": "体模研究", "animal": "动物研究", "simulation study": "模拟研究",
        "cross-sectional survey": "横断面调查", "reader study": "阅片研究", "case series": "病例系列",
        "retrospective single-center": "回顾性单中心", "retrospective multicenter": "回顾性多中心",
        "retrospective": "回顾性", "registry or database analysis": "登记研究或数据库分析",
        "prospective single-center": "前瞻性单中心", "prospective multicenter": "前瞻性多中心",
        "prospective": "前瞻性", "post hoc analysis of a trial": "试验的事后分析",
        "randomized trial": "随机对照试验", "meta-analysis": "Meta 分析", "systematic review": "系统评价",
        "design not reported": "设计未报告",
        "internal": "内部验证", "external": "外部验证", "none": "无", "not applicable": "不适用",
        "Bench (phantom, animal, simulation)": "实验研究（体模、动物、模拟）",
        "Surveys and reader studies": "调查与阅片研究",
        "Retrospective and case series": "回顾性研究与病例系列",
        "Registries and post hoc analyses": "登记研究与事后分析",
        "Prospective": "前瞻性研究",
        "Randomized trials": "随机对照试验",
        "Reviews and meta-analyses": "系统评价与 Meta 分析",
    },
}
# "prospective" is both a design and a validation; as a validation it reads differently.
VALIDATION_LABELS = {"zh": {"prospective": "前瞻性验证"}}


def code_label(lang: str, code: str, validation: bool = False) -> str:
    """How a study-file code reads in ``lang``."""
    if validation and code in VALIDATION_LABELS.get(lang, {}):
        return VALIDATION_LABELS[lang][code]
    return CODE_LABELS.get(lang, {}).get(code, code)


def text(lang: str, key: str, **values) -> str:
    """The words for ``key`` in ``lang`` (English where a language lacks a build language)."""
    strings = STRINGS.get(lang, STRINGS[DEFAULT])
    return strings[key].format(**values) if values else strings[key]
