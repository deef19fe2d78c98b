/* The project map's behaviour in the browser: boundaries, programme markers, rings, legend.
 *
 * geo/mapbuilder.py emits one short call per layer: zbMap.boundaries, .markers, .rings and
 * .legend, each with the Leaflet map and JSON data (see each function below).
 * Every data-derived string is inserted as text (textContent, setAttribute), never parsed as
 * HTML: project names, places, labels and URLs are shown exactly as they are and cannot add
 * markup or scripts. Colours are checked against a hex pattern before they reach CSS or SVG.
 * Needs Leaflet (L) and Leaflet.markercluster, served locally.
 */
(function () {
  'use strict';

  var HEX = /^#[0-9a-fA-F]{3,8}$/;
  var HTTP = /^https?:\/\//i;

  function colour(value, fallback) {
    return HEX.test(value || '') ? value : (fallback || '#ffffff');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* The programme's marker shape as SVG markup, from a checked colour and numbers only. */
  function markerSvg(fill, shape, size) {
    var s = size, h = s / 2, c = colour(fill, '#888888');
    var stroke = ' fill="' + c + '" stroke="#1a1a1a" stroke-width="1.5"';
    var body;
    if (shape === 'square') {
      body = '<rect x="2.5" y="2.5" width="' + (s - 5) + '" height="' + (s - 5) + '"' + stroke + '/>';
    } else if (shape === 'diamond') {
      body = '<polygon points="' + h + ',1.5 ' + (s - 1.5) + ',' + h + ' ' + h + ',' + (s - 1.5) + ' 1.5,' + h + '"' + stroke + '/>';
    } else if (shape === 'triangle') {
      body = '<polygon points="' + h + ',1.5 ' + (s - 1.5) + ',' + (s - 2.5) + ' 1.5,' + (s - 2.5) + '"' + stroke + '/>';
    } else if (shape === 'star') {
      var pts = [];
      for (var k = 0; k < 10; k++) {
        var r = k % 2 === 0 ? h - 1.5 : s / 5;
        pts.push((h + r * Math.sin(Math.PI * k / 5)).toFixed(1) + ',' + (h - r * Math.cos(Math.PI * k / 5)).toFixed(1));
      }
      body = '<polygon points="' + pts.join(' ') + '"' + stroke + '/>';
    } else {
      body = '<circle cx="' + h + '" cy="' + h + '" r="' + (h - 2) + '"' + stroke + '/>';
    }
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + s + '" height="' + s + '" viewBox="0 0 ' + s + ' ' + s + '">' + body + '</svg>';
  }

  /* Marker rows: [lat, lon, id, name, municipality, neighbourhood, organisation, period, budget,
   * status, status_note, precision, confidence, [source URLs]] (geo.mapbuilder.ROW_FIELDS). */
  function tooltip(row, programme) {
    var box = el('span');
    box.appendChild(el('b', null, row[3]));
    box.appendChild(el('br'));
    box.appendChild(document.createTextNode(programme));
    box.appendChild(el('br'));
    box.appendChild(document.createTextNode(row[4]));
    return box;
  }

  function popup(row, programme, T) {
    var box = el('div', 'zb-pop');
    box.appendChild(el('b', null, row[3]));
    box.appendChild(el('div', 'zb-prog', programme));
    var table = el('table');
    function tr(label, value) {
      if (!value || (value.length !== undefined && value.length === 0)) { return; }
      var line = el('tr');
      line.appendChild(el('th', null, label));
      var cell = el('td');
      if (value.nodeType) { cell.appendChild(value); } else { cell.textContent = String(value); }
      line.appendChild(cell);
      table.appendChild(line);
    }
    tr(T.municipality, row[4]); tr(T.neighbourhood, row[5]); tr(T.organisation, row[6]);
    tr(T.period, row[7]); tr(T.budget, row[8]); tr(T.status, row[9]); tr('', row[10]);
    tr(T.precision, row[11]); tr(T.confidence, row[12]);
    var links = document.createDocumentFragment();
    (row[13] || []).forEach(function (url, i) {
      if (!HTTP.test(url)) { return; }
      var a = el('a', null, '[' + (i + 1) + ']');
      a.setAttribute('href', url);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
      if (links.childNodes.length) { links.appendChild(document.createTextNode(' ')); }
      links.appendChild(a);
    });
    if (links.childNodes.length) { tr(T.sources, links); }
    box.appendChild(table);
    return box;
  }

  function registry(map) {
    map._zbLayers = map._zbLayers || {};
    return map._zbLayers;
  }

  var zb = window.zbMap = {markerSvg: markerSvg};

  /* config: {group, label, colour, shape, labels: {field: label}, options: {...}, rows: [...]} */
  zb.markers = function (map, config) {
    var icon = L.divIcon({html: markerSvg(config.colour, config.shape, 18),
                          className: 'zb-marker zb-' + config.group, iconSize: [18, 18], iconAnchor: [9, 9]});
    var fill = colour(config.colour, '#888888');
    var options = L.extend({}, config.options, {
      iconCreateFunction: function (cluster) {
        var badge = el('div', 'zb-cluster', cluster.getChildCount());
        badge.style.background = fill;
        return L.divIcon({html: badge, className: 'zb-cluster-wrap', iconSize: [28, 28]});
      }
    });
    var cluster = L.markerClusterGroup(options);
    var T = config.labels || {};
    var rows = config.rows || [];
    for (var i = 0; i < rows.length; i++) {
      (function (row) {
        var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon, alt: String(row[2]), keyboard: true});
        marker.options.zbId = row[2];
        marker.options.zbSearch = [row[3], row[4], row[5], row[6]].join(' ');  // the static export's search
        marker.bindTooltip(function () { return tooltip(row, config.label); });
        marker.bindPopup(function () { return popup(row, config.label, T); }, {maxWidth: 320});
        marker.addTo(cluster);
      })(rows[i]);
    }
    cluster.addTo(map);
    registry(map)[config.group] = cluster;
    return cluster;
  };

  /* options: {fills: {nis: colour}, selected: [nis, ...], selectedFill, interactive, colour, weight,
   *           fill, fillOpacity}. Selected municipalities get a heavy outline and, without a
   *           choropleth, a highlight fill. */
  zb.boundaries = function (map, options, geojson) {
    var fills = options.fills || {};
    var selected = {};
    (options.selected || []).forEach(function (nis) { selected[nis] = true; });
    var highlight = colour(options.selectedFill, '');
    var base = function (f) {
      var nis = f.properties.nis || f.properties.province_nis;
      var sel = selected[nis] === true;
      var lit = sel && highlight && !fills[nis];
      return {color: sel ? '#1a1a1a' : colour(options.colour, '#8a8a8a'), weight: sel ? 3 : options.weight,
              fill: options.fill, fillColor: lit ? highlight : colour(fills[nis], '#ffffff'),
              fillOpacity: lit ? 0.55 : options.fillOpacity};
    };
    var layer = L.geoJson(geojson, {
      style: base,
      interactive: options.interactive,
      onEachFeature: function (f, l) {
        if (!options.interactive) { return; }
        l.bindTooltip(function () { return el('span', null, f.properties.name); }, {sticky: true});
        l.on('mouseover', function () { l.setStyle({weight: 2, color: '#333333'}); });
        l.on('mouseout', function () { l.setStyle(base(f)); });
      }
    });
    return layer.addTo(map);
  };

  /* config: {colour, points: [[lat, lon], ...]}: a ring around each highlighted project. */
  zb.rings = function (map, config) {
    var group = L.featureGroup();
    (config.points || []).forEach(function (p) {
      L.circleMarker(p, {radius: 14, color: colour(config.colour, '#d7191c'), weight: 3, fill: false,
                         interactive: false}).addTo(group);
    });
    return group.addTo(map);
  };

  /* config: {title, position, groups: [{key, label, colour, shape}],
   *          sections: [{title, rows: [{kind: fill|boundary|province|ring, colour, label}]}]}
   * Unticking a programme row hides that programme's markers. */
  zb.legend = function (map, config) {
    var control = L.control({position: config.position || 'topleft'});
    control.onAdd = function () {
      var div = el('div', 'zb-legend');
      div.appendChild(el('h4', null, config.title));
      (config.groups || []).forEach(function (g) {
        var row = el('label', 'row');
        var box = el('input');
        box.type = 'checkbox';
        box.checked = true;
        box.setAttribute('data-layer', g.key);
        box.setAttribute('aria-label', g.name || g.label);
        box.addEventListener('change', function () {
          var layer = registry(map)[g.key];
          if (!layer) { return; }
          if (box.checked) { map.addLayer(layer); } else { map.removeLayer(layer); }
        });
        var icon = el('span', 'zb-icon');
        icon.innerHTML = markerSvg(g.colour, g.shape, 16);  // numbers and a checked colour only
        row.appendChild(box);
        row.appendChild(icon);
        row.appendChild(el('span', null, g.label));
        div.appendChild(row);
      });
      (config.sections || []).forEach(function (section) {
        if (section.title) { div.appendChild(el('h4', null, section.title)); }
        (section.rows || []).forEach(function (r) {
          var row = el('div', 'row');
          var swatch = el('span', 'sw sw-' + (r.kind || 'fill'));
          if (r.colour) { swatch.style.background = colour(r.colour); }
          row.appendChild(swatch);
          row.appendChild(el('span', null, r.label));
          div.appendChild(row);
        });
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    return control;
  };
})();
