/* Evidence map filters: show the rows that match the chosen section, design and validation,
   and update the counts and the status line. Without JavaScript every row stays visible and
   the (hidden) form never appears. Hand-written because no MkDocs or Material feature filters
   a table by several columns; it needs no network and works with the keyboard (native
   <select> and <button> elements). */
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
    var fields = ["section", "design", "validation"];

    function apply() {
      var wanted = {};
      fields.forEach(function (name) {
        wanted[name] = form.elements[name].value;
      });
      var shown = 0;
      var tally = { design: {}, validation: {} };
      rows.forEach(function (row) {
        var match = fields.every(function (name) {
          return !wanted[name] || row.getAttribute("data-" + name) === wanted[name];
        });
        row.hidden = !match;
        if (match) {
          shown += 1;
          ["design", "validation"].forEach(function (name) {
            var value = row.getAttribute("data-" + name);
            tally[name][value] = (tally[name][value] || 0) + 1;
          });
        }
      });
      ["design", "validation"].forEach(function (name) {
        var cells = document.querySelectorAll("[data-count-" + name + "]");
        Array.prototype.forEach.call(cells, function (cell) {
          cell.textContent = String(tally[name][cell.getAttribute("data-count-" + name)] || 0);
        });
      });
      status.textContent = "Showing " + shown + " of " + rows.length + " studies.";
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
