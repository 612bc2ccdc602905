/* Evidence map filters: show the rows that match the chosen section, design and validation,
   and update the counts and the status line. Without filters only the first rows show (the
   table's data-first; an inline script and docs/assets/extra.css do that before the page is
   painted), with a button to show the rest. Without JavaScript every row stays visible and the
   form never appears. Hand-written because no MkDocs or Material feature filters a table by
   several columns; it needs no network and works with the keyboard (native <select> and
   <button> elements). */
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("evidence-filters");
    var table = document.getElementById("evidence-table");
    if (!form || !table || form.getAttribute("data-ready")) {
      return;
    }
    form.setAttribute("data-ready", "true");
    form.hidden = false;
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var status = document.getElementById("evidence-status");
    var more = document.getElementById("evidence-more");
    var first = Number(table.getAttribute("data-first")) || rows.length;
    var fields = ["section", "design", "validation"];
    // The status line's words in the page's language, from the table (scripts/render/evidence.py).
    function words(name, shown, total, first) {
      return (table.getAttribute("data-words-" + name) || "")
        .replace("{shown}", shown).replace("{total}", total).replace("{first}", first);
    }
    var expanded = false;  // the reader asked for every row

    function wanted() {
      var values = {};
      fields.forEach(function (name) {
        values[name] = form.elements[name].value;
      });
      return values;
    }

    function apply() {
      var filters = wanted();
      var filtered = fields.some(function (name) { return filters[name]; });
      var shown = 0;
      rows.forEach(function (row) {
        // data-section lists every section of a study, separated by spaces
        var match = fields.every(function (name) {
          var value = row.getAttribute("data-" + name);
          return !filters[name] || (name === "section"
            ? (" " + value + " ").indexOf(" " + filters[name] + " ") !== -1
            : value === filters[name]);
        });
        if (row.hidden === match) row.hidden = !match;
        if (match) shown += 1;
      });
      // Filters show every match; without filters, the first rows unless the reader asked.
      var truncated = !filtered && !expanded && rows.length > first;
      table.toggleAttribute("data-truncated", truncated);
      if (more) {
        more.hidden = filtered || rows.length <= first;
        more.setAttribute("aria-expanded", String(!truncated));
        more.textContent = truncated ? words("more", shown, rows.length, first)
          : words("fewer", shown, rows.length, first);
      }
      status.textContent = truncated ? words("first", shown, rows.length, first)
        : words("showing", shown, rows.length, first);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      expanded = false;
      window.setTimeout(apply, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    if (more) {
      more.addEventListener("click", function () {
        expanded = !expanded;
        apply();
      });
      more.hidden = false;
    }
    // The page arrives in the unfiltered state; only a form the browser restored (going back)
    // needs the rows filtered now.
    if (fields.some(function (name) { return form.elements[name].value; })) {
      apply();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
