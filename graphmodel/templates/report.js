(function () {
  "use strict";
  // The map of circles: pointing at, focusing or clicking a circle or a connector shows its
  // details panel (made with the page, hidden) and lights up its ties.
  var map = document.getElementById("circle-map");
  if (!map) { return; }
  var panels = document.querySelectorAll(".map-detail");
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function select(item) {
    var panel = document.getElementById(item.getAttribute("data-detail"));
    if (!panel) { return; }
    each(panels, function (p) { p.hidden = p !== panel; });
    each(map.querySelectorAll(".selected"), function (n) { n.classList.remove("selected"); });
    each(map.querySelectorAll(".lit"), function (n) { n.classList.remove("lit"); });
    item.classList.add("selected");
    var circle = item.getAttribute("data-circle");
    var connector = item.getAttribute("data-connector");
    if (circle !== null) {
      each(map.querySelectorAll(".tie"), function (line) {
        if (line.getAttribute("data-a") === circle || line.getAttribute("data-b") === circle) {
          line.classList.add("lit");
        }
      });
    } else if (connector !== null) {
      each(map.querySelectorAll(".spoke"), function (line) {
        if (line.getAttribute("data-connector") === connector) { line.classList.add("lit"); }
      });
    }
  }
  each(map.querySelectorAll(".disc, .connector"), function (item) {
    item.addEventListener("mouseenter", function () { select(item); });
    item.addEventListener("focus", function () { select(item); });
    item.addEventListener("click", function () { select(item); });
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(item); }
    });
  });
})();
