// "/" focuses the search box of the header, unless the reader is typing somewhere.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var t = event.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  var box = document.getElementById("vb-q") || document.getElementById("vb-search-header");
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});
