/* The static export's behaviour: charts from the embedded JSON (plotly.js shipped locally and
 * loaded after the map),
 * table sorting and search, and the map search (posted to site_map.js).
 * Data text is never parsed as HTML here: the table is rendered (escaped) by the template. */
(function () {
  'use strict';

  // ---- charts: after the map ------------------------------------------------------------
  // plotly.js (~1.2 MB) is loaded only once site_map.js says the map's first marker is drawn
  // (site_map.js posts {type: 'zb-map-drawn'}): parsing it and building the charts would
  // otherwise compete with the map for the processor. Without a map: once the page has
  // loaded; if the message never comes (a map with no markers): at most 3 s after the load.
  var figureData = document.getElementById('figures');
  var figures = null;  // parsed when the charts are drawn, not while the map is
  var chartBox = document.getElementById('charts');
  var mapBox = document.getElementById('map-box');
  var chartsStarted = false;
  function chartsMissing() { document.getElementById('charts-missing').hidden = false; }
  function drawCharts() {
    if (!window.Plotly) { chartsMissing(); return; }
    figures.forEach(function (f) {
      var div = document.getElementById(f.id);
      if (div) {
        // f.config: the app's chart config (atlas.views.charts.png_config), one toolbar rule
        window.Plotly.newPlot(div, f.figure.data, f.figure.layout, f.config);
      }
    });
  }
  function loadCharts() {
    if (chartsStarted || !chartBox) { return; }
    figures = figures || JSON.parse((figureData && figureData.textContent) || '[]');
    if (!figures.length) { return; }
    chartsStarted = true;
    var script = document.createElement('script');
    script.src = chartBox.getAttribute('data-plotly');
    script.onload = drawCharts;
    script.onerror = chartsMissing;
    document.body.appendChild(script);
  }
  window.addEventListener('message', function (event) {
    if (mapBox && event.source === window && (event.data || {}).type === 'zb-map-drawn') {
      setTimeout(loadCharts, 0);
    }
  });
  function afterLoad() { setTimeout(loadCharts, mapBox ? 3000 : 0); }
  if (document.readyState === 'complete') { afterLoad(); } else { window.addEventListener('load', afterLoad); }

  // ---- table: search and sort ----------------------------------------------------------
  var table = document.getElementById('projects');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById('rows-shown');
  var search = document.getElementById('table-search');

  function norm(text) {
    return (text || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  var haystack = null;  // each row's text, normalised: made on the first search, not at load

  function count() {
    var n = rows.filter(function (r) { return !r.hidden; }).length;
    shown.textContent = shown.getAttribute('data-template').replace('{n}', n).replace('{total}', rows.length);
  }
  search.addEventListener('input', function () {
    var words = norm(search.value).split(/\s+/).filter(Boolean);
    haystack = haystack || rows.map(function (r) { return norm(r.textContent); });
    rows.forEach(function (r, i) {
      r.hidden = !words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
    });
    count();
  });

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir);
      var kind = th.getAttribute('data-kind');
      var sign = dir === 'ascending' ? 1 : -1;
      var keyed = rows.map(function (r) {
        var cell = r.cells[col];
        return {row: r, key: !cell ? '' : cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent};
      });
      keyed.sort(function (a, b) {
        // Unknown values (empty keys) always last, whatever the direction.
        if (!a.key || !b.key) { return (a.key ? 0 : 1) - (b.key ? 0 : 1); }
        if (kind === 'number') { return sign * (parseFloat(a.key) - parseFloat(b.key)); }
        return sign * a.key.localeCompare(b.key, document.documentElement.lang);
      });
      keyed.forEach(function (k) { body.appendChild(k.row); });
    });
  });
  count();

  // ---- map search: the query goes to site_map.js ----------------------------------------
  var mapSearch = document.getElementById('map-search');
  if (mapSearch && mapBox) {
    mapSearch.addEventListener('input', function () {
      window.postMessage({type: 'zb-search', query: mapSearch.value}, '*');
    });
  }
})();
