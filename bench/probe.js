/* Timing probe for `python -m bench browser`, injected into the page (add_init_script).
 *
 * window.__zbProbe collects epoch times (performance.timeOrigin + now()):
 * - in each st_folium iframe (watched from the top document when it loads; the component's
 *   iframe starts as about:blank and keeps that window, so an init script there is too early):
 *   first marker icon, first vector layer (canvas/path in the overlay pane), the last change of
 *   the marker pane, and how many map documents were loaded (a rebuilt map is a new one);
 * - in the page: the time each plotly chart got its first SVG.
 */
(function () {
  'use strict';
  if (window !== window.top) { return; }
  function now() { return performance.timeOrigin + performance.now(); }
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
    new MutationObserver(check).observe(doc.documentElement, {childList: true, subtree: true});
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
    document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').forEach(function (s) {
      var plot = s.closest('[data-testid="stPlotlyChart"]');
      if (plot && !seenPlots.has(plot)) { seenPlots.add(plot); probe.charts.push(now()); }
    });
  }

  var start = function () { new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']}); };
  if (document.documentElement) { start(); } else { document.addEventListener('DOMContentLoaded', start); }
})();
