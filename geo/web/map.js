/* The project map's behaviour in the browser: boundaries, programme markers, rings, legend.
 *
 * geo/mapbuilder.py emits one short call per layer: zbMap.boundaries (with municipality
 * labels), then zbMap.layer, whose layer group takes .style, .markers, .rings and .legend,
 * each with JSON data (see each function below). The boundaries are the same on every rerun
 * (fetched from a static URL the browser caches, or inlined in exports); everything that
 * follows the filters lives in the zbMap.layer group, which streamlit-folium swaps on a rerun
 * without rebuilding the map.
 * Every data-derived string is inserted as text (textContent, setAttribute), never parsed as
 * HTML: project names, places, labels and URLs are shown exactly as they are and cannot add
 * markup or scripts. Colours are checked against a hex pattern before they reach CSS.
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

  /* The programme's marker shape in an `s` pixels square box, from numbers only: the corners of
   * a square, diamond, triangle or five-pointed star, or null for a circle of radius s/2 - 2. */
  function shapePoints(shape, s) {
    var h = s / 2;
    if (shape === 'square') { return [[2.5, 2.5], [s - 2.5, 2.5], [s - 2.5, s - 2.5], [2.5, s - 2.5]]; }
    if (shape === 'diamond') { return [[h, 1.5], [s - 1.5, h], [h, s - 1.5], [1.5, h]]; }
    if (shape === 'triangle') { return [[h, 1.5], [s - 1.5, s - 2.5], [1.5, s - 2.5]]; }
    if (shape === 'star') {
      var pts = [];
      for (var k = 0; k < 10; k++) {
        var r = k % 2 === 0 ? h - 1.5 : s / 5;
        pts.push([h + r * Math.sin(Math.PI * k / 5), h - r * Math.cos(Math.PI * k / 5)]);
      }
      return pts;
    }
    return null;
  }

  /* The polygon with every edge moved outward by d (inward for a negative d), its corners mitred
   * as an SVG stroke's are. The points run clockwise on screen (y down). */
  function offsetPolygon(pts, d) {
    var n = pts.length;
    function normal(p, q) {  // the outward unit normal of the edge p -> q
      var dx = q[0] - p[0], dy = q[1] - p[1], len = Math.sqrt(dx * dx + dy * dy);
      return [dy / len, -dx / len];
    }
    return pts.map(function (p, i) {
      var a = normal(pts[(i + n - 1) % n], p), b = normal(p, pts[(i + 1) % n]);
      var k = d / (1 + a[0] * b[0] + a[1] * b[1]);
      return [p[0] + k * (a[0] + b[0]), p[1] + k * (a[1] + b[1])];
    });
  }

  /* A CSS clip-path drawing the shape's outline grown by d pixels, in percentages of the box, so
   * that it follows the element's size. */
  function shapeClip(shape, s, d) {
    function pct(v) { return (100 * v / s).toFixed(2) + '%'; }
    var pts = shapePoints(shape, s);
    if (!pts) { return 'circle(' + pct(s / 2 - 2 + d) + ' at 50% 50%)'; }
    return 'polygon(' + offsetPolygon(pts, d).map(function (p) { return pct(p[0]) + ' ' + pct(p[1]); }).join(', ') + ')';
  }

  /* One CSS class per marker look (colour, shape, size): the element's two pseudo-elements
   * (map.css) are the shape's 1.5 px near-black outline and its fill in the programme's colour,
   * each cut out by a clip-path. Every marker of a programme is a plain element with that class:
   * no image to decode and no SVG per marker (issue 22). An SVG image as the class's background
   * cost a whole SVG document each when the style was first resolved (~2 ms per programme before
   * the first marker could be drawn). Built from a checked colour and numbers only. */
  var iconClasses = {};
  var iconSheet = null;
  function iconClass(fill, shape, size) {
    var c = colour(fill, '#888888');
    var key = c + '|' + shape + '|' + size;
    if (!iconClasses[key]) {
      if (!iconSheet) {
        var style = document.createElement('style');
        (document.head || document.documentElement).appendChild(style);
        iconSheet = style.sheet;
      }
      var name = 'zb-i' + Object.keys(iconClasses).length;
      iconSheet.insertRule('.' + name + '::before { background: #1a1a1a; clip-path: ' + shapeClip(shape, size, 0.75) + '; }',
                           iconSheet.cssRules.length);
      iconSheet.insertRule('.' + name + '::after { background: ' + c + '; clip-path: ' + shapeClip(shape, size, -0.75) + '; }',
                           iconSheet.cssRules.length);
      iconClasses[key] = name;
    }
    return iconClasses[key];
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
    if (T.report && T.report_href && row[2]) {  /* the report link (issue 20): the app's form for this project */
      var report = el('a', 'zb-report', T.report);
      report.setAttribute('href', T.report_href + encodeURIComponent(row[2]));
      report.setAttribute('target', '_top');
      box.appendChild(report);
    }
    return box;
  }

  /* The Leaflet map behind a target: the map itself or a zbMap.layer group. */
  function mapOf(target) { return target._zbMap || target; }

  function registry(target) {
    var map = mapOf(target);
    map._zbLayers = map._zbLayers || {};
    return map._zbLayers;
  }

  /* Row i of columnar marker data {lat, lon, cols} (geo.mapbuilder.marker_columns):
   * [lat, lon, id, name, ...] in ROW_FIELDS order; dictionary-encoded columns are {v, i}. */
  function rowAt(config, i) {
    var row = [config.lat[i], config.lon[i]];
    (config.cols || []).forEach(function (col) { row.push(col.i ? col.v[col.i[i]] : col[i]); });
    return row;
  }

  // Markers and clusters are not tab stops: the map is one stop (its iframe), the project
  // table under it is the keyboard way through the projects. Each still has a name.
  if (window.L && L.MarkerCluster) {
    L.MarkerCluster.prototype.options = L.extend(Object.create(L.Marker.prototype.options), {keyboard: false});
  }

  function name(marker, text) {
    marker.on('add', function () {
      var node = marker.getElement();
      if (node) { node.setAttribute('role', 'img'); node.setAttribute('aria-label', String(text)); }
    });
  }

  /* Popups fit inside the map: at most its width and height (measured when the popup opens, so
   * making the markers reads no size: issue 22), scrolling inside when longer. */
  var FittedPopup = window.L ? L.Popup.extend({
    onAdd: function (map) {
      var size = map.getSize();
      L.setOptions(this, {maxWidth: Math.max(160, Math.min(320, size.x - 60)), maxHeight: Math.max(120, size.y - 90)});
      return L.Popup.prototype.onAdd.call(this, map);
    }
  }) : null;

  var zb = window.zbMap = {};

  /* Boundary GeoJSON that came with the script (the app's one-file bundle): url -> data, so
   * zb.boundaries draws at once instead of fetching after the map script has run. */
  var preloaded = {};
  zb.preload = function (data) {
    Object.keys(data).forEach(function (url) { preloaded[url] = data[url]; });
  };

  /* Esc closes an open popup (and tooltip). */
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') { return; }
    (zb.maps || []).forEach(function (map) { map.closePopup(); });
  });

  /* view: {bounds: [[s, w], [n, e]], title}. The group for everything that follows the filters;
   * the previous one's legend goes with it. Fits `bounds` to the frame when they change (and
   * again when the frame is resized, until the user moves the map); sets the map's title. */
  zb.layer = function (map, view) {
    var group = L.layerGroup();
    group._zbMap = map;
    if (map._zbLegend) { map.removeControl(map._zbLegend); map._zbLegend = null; }
    if (!map._zbSetUp) { setUp(map); }
    if (view.title) {
      map.getContainer().setAttribute('aria-label', view.title);
      try {
        if (window.frameElement) { window.frameElement.setAttribute('title', view.title); }
      } catch (e) { /* another origin: the title stays the host's */ }
    }
    var key = JSON.stringify(view.bounds);
    if (key !== map._zbBoundsKey) {
      map._zbBoundsKey = key;
      map._zbBounds = L.latLngBounds(view.bounds);
      map._zbUserMoved = false;  // a new place to show: fitted (again) once the legend is drawn
    }
    return group.addTo(map);
  };

  function setUp(map) {
    map._zbSetUp = true;
    zb.maps = (zb.maps || []).concat([map]);
    map.on('resize', function () {
      sizeLegend(map);
      if (!map._zbUserMoved) { fit(map); }
    });
    if (window.ResizeObserver) {  // the frame gets its size after the map is made
      new ResizeObserver(function () { map.invalidateSize({pan: false}); }).observe(map.getContainer());
    }
    map.on('dragstart', function () { map._zbUserMoved = true; });
    map.getContainer().addEventListener('wheel', function () { map._zbUserMoved = true; }, {passive: true});
    map.on('zoomstart', function () { if (!map._zbFitting) { map._zbUserMoved = true; } });
    map.on('zoomend', function () { showLabels(map); });
  }

  /* A short map (a projector's 1280 x 720 gives the app's map ~400 px) gets a compact legend
   * whose list scrolls inside it, ending above the scale bar (bottom left), so the scale and most
   * of the map stay visible; its title still folds it. Nothing is measured on a taller map. */
  var SHORT_MAP = 480;
  function sizeLegend(map) {
    var div = map._zbLegend && map._zbLegend.getContainer();
    if (!div) { return; }
    var height = map.getSize().y;
    var compact = height > 0 && height < SHORT_MAP;
    div.classList.toggle('zb-compact', compact);
    if (!compact) {
      if (div.style.maxHeight) { div.style.maxHeight = ''; }  // (no style change, no new layout)
      return;
    }
    var scale = map.getContainer().querySelector('.leaflet-control-scale');
    var bottom = scale ? scale.offsetHeight + 20 : 10;  // the scale bar and its margins
    div.style.maxHeight = Math.max(60, height - div.offsetTop - bottom) + 'px';
  }

  /* Fit the view bounds, keeping them clear of the legend (top-left): beside it or below it,
   * whichever leaves the larger map. */
  function fit(map) {
    var size = map.getSize();
    if (!map._zbBounds || size.x < 80 || size.y < 80) { return; }  // not laid out yet: fitted on resize
    var legend = map._zbLegend && map._zbLegend.getContainer();
    // (at most half the frame: before map.css applies, the legend is as wide as the map)
    var w = Math.min(legend ? legend.offsetWidth + 20 : 10, size.x / 2);
    var h = Math.min(legend ? legend.offsetHeight + 20 : 10, size.y / 2);
    var beside = {paddingTopLeft: [w, 10], paddingBottomRight: [10, 10]};
    var below = {paddingTopLeft: [10, h], paddingBottomRight: [10, 10]};
    var zBeside = map.getBoundsZoom(map._zbBounds, false, L.point(w + 10, 20));
    var zBelow = map.getBoundsZoom(map._zbBounds, false, L.point(20, h + 10));
    // The same fit again (the legend's and the map's ResizeObservers report their first size
    // right after the fit in zb.legend): nothing to move. Leaflet would still fire moveend, and
    // the boundaries would be clipped and drawn anew and the clusters recomputed (issue 22).
    var key = [size.x, size.y, w, h, map._zbBoundsKey].join('|');
    if (map._loaded && map._zbFitKey === key + '|' + viewKey(map)) { return; }
    map._zbFitting = true;
    map.fitBounds(map._zbBounds, L.extend(zBelow > zBeside ? below : beside, {animate: false}));
    map._zbFitting = false;
    map._zbFitKey = key + '|' + viewKey(map);
  }

  function viewKey(map) {  // the view to the pixel (Leaflet's centre moves in the last digits)
    return map.getZoom() + ',' + map.project(map.getCenter()).round();
  }

  /* Municipality names, at zoom LABEL_ZOOM and closer; made the first time the map gets there
   * (issue 22: ~300 label markers are not built while the map is first drawn). */
  var LABEL_ZOOM = 10;
  function showLabels(map) {
    var on = map._loaded && map.getZoom() >= LABEL_ZOOM;
    if (on && !map._zbLabels && map._zbLabelData) { makeLabels(map); }
    var labels = map._zbLabels;
    if (!labels) { return; }
    if (on && !map.hasLayer(labels)) { labels.addTo(map); }
    if (!on && map.hasLayer(labels)) { map.removeLayer(labels); }
  }

  /* options: {fills: {nis: colour}, selected: [nis, ...], selectedFill, fillOpacity}: the
   * municipal layer's colours for this view (kept until its data has arrived). Selected
   * municipalities get a heavy outline and, without a choropleth, a highlight fill. */
  zb.style = function (target, options) {
    var map = mapOf(target);
    map._zbStyle = options;
    if (map._zbBase) { map._zbBase.setStyle(map._zbBase._zbStyleFn); }
  };

  function styleFor(map, options, f) {
    var st = map._zbStyle || {};
    var fills = st.fills || {};
    var nis = f.properties.nis || f.properties.province_nis;
    var sel = (st.selected || []).indexOf(nis) >= 0;
    var highlight = colour(st.selectedFill, '');
    var lit = sel && highlight && !fills[nis];
    return {color: sel ? '#1a1a1a' : colour(options.colour, '#8a8a8a'), weight: sel ? 3 : options.weight,
            fill: options.fill, fillColor: lit ? highlight : colour(fills[nis], '#ffffff'),
            fillOpacity: lit ? 0.55 : (st.fillOpacity || 0.35)};
  }

  /* config: {group, label, colour, shape, labels: {field: label}, options: {...}, lat, lon, cols} */
  zb.markers = function (map, config) {
    var icon = L.divIcon({html: '', className: 'zb-marker zb-' + config.group + ' ' + iconClass(config.colour, config.shape, 18),
                          iconSize: [18, 18], iconAnchor: [9, 9]});
    var fill = colour(config.colour, '#888888');
    var options = L.extend({}, config.options, {
      iconCreateFunction: function (cluster) {
        var badge = el('div', 'zb-cluster', cluster.getChildCount());
        badge.style.background = fill;
        badge.setAttribute('role', 'img');
        badge.setAttribute('aria-label', config.label + ': ' + cluster.getChildCount());
        return L.divIcon({html: badge, className: 'zb-cluster-wrap', iconSize: [28, 28]});
      }
    });
    var cluster = L.markerClusterGroup(options);
    var T = config.labels || {};
    var n = (config.lat || []).length;
    var markers = [];
    for (var i = 0; i < n; i++) {
      (function (row) {
        var marker = L.marker(new L.LatLng(row[0], row[1]), {icon: icon, keyboard: false});
        marker.options.zbId = row[2];
        name(marker, row[3] + ' (' + config.label + ')');
        marker.options.zbSearch = [row[3], row[4], row[5], row[6]].join(' ');  // the static export's search
        marker.bindTooltip(function () { return tooltip(row, config.label); });
        marker.bindPopup(new FittedPopup({autoPanPadding: [10, 10]}, marker)
          .setContent(function () { return popup(row, config.label, T); }));
        markers.push(marker);
      })(rowAt(config, i));
    }
    cluster.addLayers(markers);
    cluster.addTo(map);
    registry(map)[config.group] = cluster;
    cluster._zbParent = map;
    return cluster;
  };

  /* options: {interactive, colour, weight, fill, labels, base}; source: a GeoJSON
   * FeatureCollection, or the URL of one (preloaded with the script, else fetched; the browser
   * caches it). The municipal layer
   * (base) takes its fills and selection from zbMap.style; with `labels`, each feature's name
   * is shown at its label point (properties.lp, [lat, lon]) when zoomed in. */
  zb.boundaries = function (map, options, source) {
    var layer = L.geoJson(null, {
      style: function (f) { return styleFor(map, options, f); },
      interactive: options.interactive,
      onEachFeature: function (f, l) {
        if (!options.interactive) { return; }
        l.bindTooltip(function () { return el('span', null, f.properties.name); }, {sticky: true});
        l.on('mouseover', function () { l.setStyle({weight: 2, color: '#333333'}); });
        l.on('mouseout', function () { l.setStyle(styleFor(map, options, f)); });
      }
    });
    layer._zbStyleFn = function (f) { return styleFor(map, options, f); };
    if (options.base) { map._zbBase = layer; }
    if (!map._zbSetUp) { setUp(map); }
    layer.addTo(map);
    var add = function (geojson) {
      layer.addData(geojson);
      if (options.labels) { addLabels(map, geojson); }
    };
    if (typeof source === 'string' && preloaded[source]) {
      add(preloaded[source]);
    } else if (typeof source === 'string') {
      fetch(source).then(function (r) { return r.json(); }).then(add);
    } else {
      add(source);
    }
    return layer;
  };

  function addLabels(map, geojson) {
    if (map._zbLabels && map.hasLayer(map._zbLabels)) { map.removeLayer(map._zbLabels); }
    map._zbLabelData = geojson;
    map._zbLabels = null;
    showLabels(map);
  }

  function makeLabels(map) {
    if (!map.getPane('zbLabels')) {
      var pane = map.createPane('zbLabels');
      pane.style.zIndex = 450;  // above the boundaries, below the markers
      pane.style.pointerEvents = 'none';
    }
    var group = L.layerGroup();
    (map._zbLabelData.features || []).forEach(function (f) {
      var p = f.properties || {};
      if (!p.lp || !p.name) { return; }
      var label = el('span', null, p.name);
      L.marker(p.lp, {icon: L.divIcon({html: label, className: 'zb-label', iconSize: null}), pane: 'zbLabels',
                      interactive: false, keyboard: false}).addTo(group);
    });
    map._zbLabels = group;
  }

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
  zb.legend = function (target, config) {
    var map = mapOf(target);
    var control = L.control({position: config.position || 'topleft'});
    control.onAdd = function () {
      var div = el('div', 'zb-legend');
      // A narrow map (a phone) starts with the legend folded (below, once it is in the map): its
      // title is a button.
      var toggle = el('button', 'zb-legend-toggle', config.title);
      toggle.type = 'button';
      var folded = false;
      var setFolded = function (value) {
        folded = value;
        div.classList.toggle('zb-folded', folded);
        toggle.setAttribute('aria-expanded', String(!folded));
      };
      toggle.addEventListener('click', function () { setFolded(!folded); });
      setFolded(folded);
      control._zbSetFolded = setFolded;
      var head = el('h4');
      head.appendChild(toggle);
      div.appendChild(head);
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
          var parent = layer._zbParent || map;
          if (box.checked) { parent.addLayer(layer); } else { parent.removeLayer(layer); }
        });
        var icon = el('span', 'zb-icon ' + iconClass(g.colour, g.shape, 18));  // the markers' own image
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
    if (map._zbLegend) { map.removeControl(map._zbLegend); }
    control.addTo(map);
    // The map's size read with the legend already in it: one layout for the map's size and the
    // legend's (the fit's), not one before the legend and one after (issue 22).
    var size = map.getSize();
    if (size.x < 600 || (size.y > 0 && size.y < 300)) { control._zbSetFolded(true); }
    if (window.ResizeObserver) {  // the legend's size settles when map.css applies or it folds
      new ResizeObserver(function () {
        if (map._zbLegend === control && !map._zbUserMoved) { fit(map); }
      }).observe(control.getContainer());
    }
    map._zbLegend = control;
    sizeLegend(map);
    if (!map._zbUserMoved) { fit(map); }
    return control;
  };
})();
