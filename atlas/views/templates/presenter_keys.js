// Presenter mode's keys (atlas.publish_view): → / space / PageDown next, ← / PageUp previous,
// Home start again. They press the step bar's own buttons, so a key does what a click does.
// Runs in a same-origin iframe and listens on the app's document; each run replaces the
// previous listener (the iframe is drawn again on every rerun).
(function () {
  "use strict";
  var top = window.parent;
  var doc = top.document;
  var KEYS = {
    ArrowRight: "presenter_next", PageDown: "presenter_next", " ": "presenter_next",
    ArrowLeft: "presenter_prev", PageUp: "presenter_prev", Home: "presenter_reset"
  };
  function onKey(event) {
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " && tag === "button") return;  // space on a focused button presses that button
    var key = KEYS[event.key];
    if (!key) return;
    var button = doc.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  }
  if (top.__zbPresenterKeys) doc.removeEventListener("keydown", top.__zbPresenterKeys, true);
  top.__zbPresenterKeys = onKey;
  doc.addEventListener("keydown", onKey, true);
})();
