/* Timing probe for `python -m bench browser`, injected into the page (add_init_script).
 *
 * window.__zbProbe collects epoch times (performance.timeOrigin + now()):
 * - in each st_folium iframe (watched from the top document when it loads; the component's
 *   iframe starts as about:blank and keeps that window, so an init script there is too early):
 *   first marker icon, first vector layer (canvas/path in the overlay pane), the last change of
 *   the marker pane, and how many map documents were loaded (a rebuilt map is a new one);
 * - in the page: the time each plotly chart got its first SVG;
 * - from file:// (the static export and its plain Leaflet floor): the page's own document is
 *   watched as a map too, and a file:// frame (the export's map.html, which the page cannot
 *   read: each file is its own origin) posts its first marker / vector layer times to the top.
 */
(function () {
  'use strict';
  function now() { return performance.timeOrigin + performance.now(); }
  var fromFile = location.protocol === 'file:';
  if (window !== window.top) {
    if (!fromFile) { return; }
    var sent = {};
    var report = function () {
      var found = {marker: document.querySelector('.leaflet-marker-icon'),
                   overlay: document.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path')};
      Object.keys(found).forEach(function (k) {
        if (found[k] && !sent[k]) { sent[k] = now(); window.top.postMessage({zbProbe: k, t: sent[k]}, '*'); }
      });
    };
    var observe = function () {
      new MutationObserver(report).observe(document.documentElement, {childList: true, subtree: true});
      report();  // what the parser already built (observe may run only at DOMContentLoaded)
    };
    if (document.documentElement) { observe(); } else { document.addEventListener('DOMContentLoaded', observe); }
    return;
  }
  var probe = window.__zbProbe = {mapDocs: 0, charts: [], marker: 0, overlay: 0, lastMarker: 0,
                                  origin: performance.timeOrigin};
  var seenPlots = new WeakSet();
  var seenFrames = new WeakSet();

  function watchMap(doc) {
    probe.mapDocs += 1;
    var check = function (records) {
      var t = now();
      if (!probe.marker && doc.querySelector('.leaflet-marker-icon')) { probe.marker = t; }
      if (!probe.overlay && doc.querySelector('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path')) {
        probe.overlay = t;
      }
      for (var i = 0; i < (records || []).length; i++) {
        var target = records[i].target;
        if (target.closest && target.closest('.leaflet-marker-pane')) { probe.lastMarker = t; break; }
      }
    };
    new MutationObserver(check).observe(doc, {childList: true, subtree: true});
    check([]);
  }

  function scan() {
    document.querySelectorAll('iframe').forEach(function (frame) {
      if (seenFrames.has(frame) || (frame.src || '').indexOf('streamlit_folium') < 0) { return; }
      seenFrames.add(frame);
      frame.addEventListener('load', function () {
        try { watchMap(frame.contentDocument); } catch (e) { probe.error = String(e); }
      });
    });
    var plotSel = fromFile ? '.chart' : '[data-testid="stPlotlyChart"]';  // the export's chart boxes
    document.querySelectorAll(plotSel + ' .main-svg').forEach(function (s) {
      var plot = s.closest(plotSel);
      if (plot && !seenPlots.has(plot)) { seenPlots.add(plot); probe.charts.push(now()); }
    });
  }

  if (fromFile) {
    window.addEventListener('message', function (e) {
      var d = e.data || {};
      if ((d.zbProbe === 'marker' || d.zbProbe === 'overlay') && !probe[d.zbProbe]) { probe[d.zbProbe] = d.t; }
    });
  }
  // A page from file:// is watched from its creation (an init script runs before its <html>
  // element exists): a marker inserted while the rest of the page is still parsed, as the static
  // export's is, counts when it is inserted, not at DOMContentLoaded (until issue 22's fourth pass).
  if (fromFile) { watchMap(document); }
  var start = function () {
    new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']});
    scan();  // what the parser already built (start may run only at DOMContentLoaded)
  };
  if (document.documentElement) { start(); } else { document.addEventListener('DOMContentLoaded', start); }
})();
