// Filters the film catalog as the reader types: a film stays when every word typed appears in
// its row (title, year, director, themes). Decades left with no film are hidden. Without
// JavaScript the catalog is still complete, sorted and grouped; the filter box stays hidden.
(function () {
  "use strict";

  function setUp() {
    var box = document.querySelector(".catalog-filter");
    var input = document.getElementById("catalog-filter-input");
    var count = document.getElementById("catalog-filter-count");
    if (!box || !input || !count) return;
    var content = box.closest("article") || document.body;
    var rows = Array.prototype.slice.call(content.querySelectorAll("table tbody tr"));
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    box.hidden = false;

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      content.querySelectorAll("h2").forEach(function (heading) {
        var table = heading.nextElementSibling;
        while (table && !table.querySelector("table") && table.tagName !== "TABLE") {
          table = table.nextElementSibling;
        }
        if (!table) return;
        var visible = table.querySelectorAll("tbody tr:not([hidden])").length > 0;
        heading.hidden = !visible;
        table.hidden = !visible;
      });
      count.textContent = words.length
        ? shown + " of " + rows.length + " films match."
        : rows.length + " films.";
    }

    input.addEventListener("input", apply);
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
