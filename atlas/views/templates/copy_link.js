// "Kopieer link": copy the link of the current view to the clipboard.
// The link comes from the server (filters as URL parameters) as JSON in #data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var button = document.getElementById("copy");
  var label = document.getElementById("label");

  function absolute(link) {
    if (/^https?:\/\//.test(link)) return link;
    try {  // a relative link: resolve it against the app's page (same origin)
      return new URL(link, window.parent.location.href).href;
    } catch (e) {
      return link;
    }
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    return ok;
  }

  function show(text, ok) {
    label.textContent = text;
    button.classList.toggle("done", ok);
    window.setTimeout(function () {
      label.textContent = data.label;
      button.classList.remove("done");
    }, 2500);
  }

  button.addEventListener("click", function () {
    var link = absolute(data.link);
    button.dataset.link = link;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(
        function () { show(data.done, true); },
        function () { show(fallbackCopy(link) ? data.done : data.failed, true); }
      );
    } else {
      var ok = fallbackCopy(link);
      show(ok ? data.done : data.failed, ok);
      if (!ok) window.prompt(data.failed, link);
    }
  });
})();
