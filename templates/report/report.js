// Filters for the change report: level, rule, resource and free text; anchors open their change.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var roots = Array.prototype.slice.call(document.querySelectorAll("details.root"));
  var count = document.getElementById("shown-count");

  function checkedLevels() {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=level]"), function (box) {
      out[box.value] = box.checked;
    });
    return out;
  }

  function apply() {
    var levels = checkedLevels();
    var rule = form.elements.rule.value;
    var resource = form.elements.resource.value;
    var text = form.elements.q.value.trim().toLowerCase();
    var shown = 0;
    roots.forEach(function (el) {
      var ok = levels[el.dataset.level] &&
        (!rule || el.dataset.rule === rule) &&
        (!resource || (" " + el.dataset.resources + " ").indexOf(" " + resource + " ") >= 0) &&
        (!text || el.dataset.text.indexOf(text) >= 0);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.pair").forEach(function (section) {
      var visible = section.querySelectorAll("details.root:not([hidden])").length;
      section.querySelector(".visible-count").textContent = String(visible);
    });
    count.textContent = String(shown);
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") {
      el.hidden = false;
      el.open = true;
      el.scrollIntoView();
    }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", openTarget);
  apply();
  openTarget();
}());
