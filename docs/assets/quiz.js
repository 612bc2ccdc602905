/* Test yourself: turns each multiple-choice question (a list of options and a collapsed
   "Answer" block with a reason for every option, which is what readers without JavaScript and
   printed pages get) into a group of radio buttons. Choosing an option shows, in a polite live
   region, whether it is right and why; a line at the top of the section keeps the score for
   the page. Nothing is stored or sent anywhere. Hand-written because no MkDocs or Material
   feature does this; the markup comes from scripts/render/assessment.py. */
(function () {
  "use strict";

  var LETTERS = "ABCD";
  // The words it writes, in the page's language (<html lang>).
  var WORDS = {
    en: { legend: "Your answer to question {n}", right: "Correct.", wrong: "Not quite.",
          key: "The answer is {key}.",
          score: "Your score on this page: {right} of {answered} answered correctly ({total} multiple-choice questions)." },
    zh: { legend: "第 {n} 题：你的答案", right: "回答正确。", wrong: "还不对。", key: "正确答案为 {key}。",
          score: "本页得分：已答 {answered} 题，答对 {right} 题（共 {total} 道选择题）。" }
  };
  var lang = (document.documentElement.lang || "en").slice(0, 2);
  function say(name, values) {
    var text = (WORDS[lang] || WORDS.en)[name];
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }

  function copyWithoutIds(node) {
    var copy = node.cloneNode(true);
    if (copy.removeAttribute) copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) {
      el.removeAttribute("id");
    });
    return copy;
  }

  // Each question is turned into radio buttons when it comes within a screen or so of view,
  // not all at once while the page loads: building every question's group at load, and a
  // class on <html> that restyled the whole document, cost a phone over 200 ms of main-thread
  // time on the longest pages (make bench). Only the question itself gets a class.
  var NEAR = "800px 0px";

  function init() {
    var quizzes = document.querySelectorAll(".quiz--choice");
    var score = document.querySelector(".quiz-score");
    if (!quizzes.length) return;
    var results = {};

    function updateScore() {
      if (!score) return;
      var ids = Object.keys(results);
      var right = ids.filter(function (id) { return results[id]; }).length;
      score.hidden = false;
      score.textContent = say("score", { right: right, answered: ids.length, total: quizzes.length });
    }

    function enhance(quiz, index) {
      if (quiz.classList.contains("quiz--enhanced")) return;
      var list = quiz.querySelector(".quiz-options ul");
      // The reasons, one per option in order, are the list in the collapsed answer block.
      var whys = quiz.querySelectorAll("details > ul > li");
      var key = quiz.getAttribute("data-answer");
      if (!list || !key || whys.length !== list.children.length) return;
      var number = index + 1;
      var heading = quiz.querySelector("p > strong");
      if (heading) number = heading.textContent.replace(/\D+/g, "") || number;

      var fieldset = document.createElement("fieldset");
      fieldset.className = "quiz-choices";
      var legend = document.createElement("legend");
      legend.textContent = say("legend", { n: number });
      fieldset.appendChild(legend);
      Array.prototype.forEach.call(list.children, function (item, i) {
        var label = document.createElement("label");
        var input = document.createElement("input");
        input.type = "radio";
        input.name = quiz.id + "-choice";
        input.value = LETTERS.charAt(i);
        label.appendChild(input);
        var text = document.createElement("span");
        Array.prototype.forEach.call(copyWithoutIds(item).childNodes, function (child) {
          text.appendChild(child.cloneNode(true));
        });
        label.appendChild(text);
        fieldset.appendChild(label);
      });
      var feedback = document.createElement("div");
      feedback.className = "quiz-feedback";
      feedback.setAttribute("role", "status");
      feedback.setAttribute("aria-live", "polite");
      list.parentNode.insertBefore(fieldset, list.nextSibling);
      fieldset.parentNode.insertBefore(feedback, fieldset.nextSibling);
      quiz.classList.add("quiz--enhanced");

      fieldset.addEventListener("change", function (event) {
        var letter = event.target.value;
        var right = letter === key;
        var verdict = document.createElement("p");
        var strong = document.createElement("strong");
        strong.textContent = say(right ? "right" : "wrong");
        verdict.appendChild(strong);
        if (!right) verdict.appendChild(document.createTextNode(" " + say("key", { key: key })));
        var reason = copyWithoutIds(whys[LETTERS.indexOf(letter)]);
        var why = document.createElement("p");
        Array.prototype.forEach.call(reason.childNodes, function (child) {
          why.appendChild(child.cloneNode(true));
        });
        feedback.replaceChildren(verdict, why);
        quiz.classList.toggle("quiz--right", right);
        quiz.classList.toggle("quiz--wrong", !right);
        results[quiz.id] = right;
        updateScore();
      });
    }

    if (!("IntersectionObserver" in window)) {
      Array.prototype.forEach.call(quizzes, enhance);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        enhance(entry.target, Array.prototype.indexOf.call(quizzes, entry.target));
      });
    }, { rootMargin: NEAR });
    Array.prototype.forEach.call(quizzes, function (quiz) { observer.observe(quiz); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
