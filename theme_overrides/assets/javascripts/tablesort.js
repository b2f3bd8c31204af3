// Sortable tables: a table after an element with class "vb-sortable" gets header buttons.
// A cell may carry its sort value in data-sort (ISO dates); numbers sort as numbers,
// text with the Vietnamese collation of the browser.
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function value(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var marked = cell.querySelector("[data-sort]");
    return marked ? marked.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    if (a === "" || b === "") return a === "" ? 1 : -1;  // empty cells last
    return collator.compare(a, b);
  }

  function sortBy(table, i, button) {
    var th = button.parentNode;
    var descending = th.getAttribute("aria-sort") !== "descending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compare(value(r1, i), value(r2, i));
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function init() {
    document.querySelectorAll(".vb-sortable").forEach(function (marker) {
      var table = marker.parentNode.querySelector("table");
      if (!table || !table.tHead) return;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "vb-sort";
        button.textContent = th.textContent;
        button.title = "Sắp xếp theo cột này";
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, i, button); });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
