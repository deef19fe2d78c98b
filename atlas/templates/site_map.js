/* Client-side search in the exported map (map.html): the page posts {type: 'zb-search', query};
 * markers whose name, municipality, neighbourhood or organisation contain every word stay,
 * the others leave their cluster; an empty query brings all back. The markers come from
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
    if (msg.type === 'zb-search') { apply(String(msg.query || '')); }
  });
})();
