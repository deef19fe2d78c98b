/* Client-side search in the exported map (drawn in index.html): site.js posts {type: 'zb-search', query};
 * markers whose name, municipality, neighbourhood or organisation contain every word stay,
 * the others leave their cluster; an empty query brings all back; the page hears when the
 * first marker is drawn ({type: 'zb-map-drawn'}). The markers come from
 * geo/web/map.js (each carries options.zbSearch); this script only moves them. */
(function () {
  'use strict';

  function theMap() {
    for (var key in window) {
      if (key.indexOf('map_') === 0 && window[key] instanceof L.Map) { return window[key]; }
    }
    return null;
  }
  function norm(text) {
    return (text || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  var all = null;  // group key -> every marker of that group, as drawn first
  function markers(map) {
    if (all) { return all; }
    all = {};
    var layers = map._zbLayers || {};
    Object.keys(layers).forEach(function (k) { all[k] = layers[k].getLayers(); });
    return all;
  }

  function apply(query) {
    var map = theMap();
    if (!map) { return; }
    var words = norm(query).split(/\s+/).filter(Boolean);
    var groups = markers(map);
    var found = 0;
    Object.keys(groups).forEach(function (k) {
      var cluster = map._zbLayers[k];
      var keep = groups[k].filter(function (m) {
        var text = norm(m.options.zbSearch);
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      found += keep.length;
      cluster.clearLayers();
      cluster.addLayers(keep);
    });
    document.documentElement.setAttribute('data-found', String(found));
  }

  window.addEventListener('message', function (event) {
    var msg = event.data || {};
    if (event.source === window && msg.type === 'zb-search') { apply(String(msg.query || '')); }
  });

  // The map is made without a view (atlas.static_site.view_on_first_fit): map.js's first fit
  // sets it. If none did by the end of the parse (the map had no size), the starting view.
  document.addEventListener('DOMContentLoaded', function () {
    var map = theMap();
    if (map && !map._loaded && map.options.zbCenter) { map.setView(map.options.zbCenter, map.options.zoom); }
  });

  // Tell the page once the first marker is on screen: it loads plotly.js and draws its charts
  // only then (site.js), so they never hold up the map.
  function drawn() { return document.querySelector('.leaflet-marker-icon'); }
  function tell() {
    requestAnimationFrame(function () { window.postMessage({type: 'zb-map-drawn'}, '*'); });
  }
  if (drawn()) {
    tell();
  } else {
    var watch = new MutationObserver(function () {
      if (drawn()) { watch.disconnect(); tell(); }
    });
    watch.observe(document.body, {childList: true, subtree: true});
  }
})();
