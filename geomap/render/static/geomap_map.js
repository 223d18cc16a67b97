/* geomap offline event map client (part of geomap, MIT licence).
 *
 * geomapRender(map, dataId) reads the JSON embedded in <script type="application/json" id=dataId>
 * and builds every layer client-side. Document text is only ever put into the page with
 * textContent (or esc() for the few Leaflet APIs that take HTML strings), never innerHTML.
 *
 * Event rows (payload.E), by column:
 *  0 lon, 1 lat (null: no location), 2 type index, 3 first day, 4 last day (days since 1970-01-01,
 *  null: undated), 5 date label, 6 geo precision (1 town, 2 near, 3 region), 7 radius km,
 *  8 region index (-1: none), 9 in buffer zone (0/1), 10 place, 11 quote, 12 actors,
 *  13 sub-event type, 14 sources, 15 url, 16 doc, 17 event id, 18 mention, 19 admin1, 20 country,
 *  21 confidence (0-1, null: none given).
 * Columns 5 and 10-20 are indexes into payload.S (interned strings).
 * Place rows (payload.P): 0 lon, 1 lat, 2 name, 3 kind, 4 country, 5 place id, 6 mentions,
 *  7 documents, 8 mention forms (2-5, 8 index payload.PS).
 */
(function () {
  'use strict';

  var SHAPES = {
    circle: '<circle cx="10" cy="10" r="6.5"/>',
    square: '<rect x="4" y="4" width="12" height="12"/>',
    triangle: '<polygon points="10,3 17.5,16.5 2.5,16.5"/>',
    diamond: '<polygon points="10,2.5 17.5,10 10,17.5 2.5,10"/>',
    star: '<polygon points="10,2 12.3,7.6 18.2,7.8 13.6,11.6 15.1,17.4 10,14.1 4.9,17.4 6.4,11.6 1.8,7.8 7.7,7.6"/>',
    plus: '<polygon points="7.5,2.5 12.5,2.5 12.5,7.5 17.5,7.5 17.5,12.5 12.5,12.5 12.5,17.5 7.5,17.5 7.5,12.5 2.5,12.5 2.5,7.5 7.5,7.5"/>',
    hexagon: '<polygon points="10,2.5 16.5,6.25 16.5,13.75 10,17.5 3.5,13.75 3.5,6.25"/>'
  };
  var SITE_SVG = {
    camp: '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20">' +
      '<path d="M10 2.5 L18.5 17.5 H1.5 Z" fill="#ffffff" stroke="#1f5130" stroke-width="1.8" stroke-linejoin="round"/>' +
      '<path d="M10 2.5 V17.5 M6.8 17.5 L10 11 L13.2 17.5" fill="none" stroke="#1f5130" stroke-width="1.5"/></svg>',
    prison: '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20">' +
      '<rect x="2.5" y="2.5" width="15" height="15" rx="1.5" fill="#ffffff" stroke="#222222" stroke-width="1.8"/>' +
      '<path d="M7 2.5 V17.5 M10 2.5 V17.5 M13 2.5 V17.5" stroke="#222222" stroke-width="1.4"/></svg>',
    crossing: '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 20 20">' +
      '<rect x="1" y="5" width="18" height="10" rx="3" fill="#ffffff" stroke="#7a4b00" stroke-width="1.6"/>' +
      '<path d="M4 10 H16 M4 10 L7 7.5 M4 10 L7 12.5 M16 10 L13 7.5 M16 10 L13 12.5" fill="none" ' +
      'stroke="#7a4b00" stroke-width="1.4" stroke-linecap="round"/></svg>'
  };
  var PRECISION = {
    1: 'town (exact place)',
    2: 'near a town or part of a region',
    3: 'region only'
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function esc(s) {
    return String(s).replace(/[&<>"'`]/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }

  function safeColour(c) {
    return /^#[0-9a-fA-F]{6}$/.test(c) ? c : '#555555';
  }

  function symbolSvg(shape, colour, size) {
    var body = SHAPES[shape] || SHAPES.circle;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="0 0 20 20"><g fill="' + safeColour(colour) +
      '" stroke="#ffffff" stroke-width="1.5">' + body + '</g></svg>';
  }

  function isoDay(d) {
    return new Date(d * 86400000).toISOString().slice(0, 10);
  }

  function row(parent, label, value) {
    if (value === undefined || value === null || value === '') return null;
    var r = el('div', 'gm-row');
    r.appendChild(el('span', 'gm-key', label + ': '));
    r.appendChild(el('span', 'gm-val', value));
    parent.appendChild(r);
    return r;
  }

  /* The sentence with the place name marked (all text nodes, no HTML parsing). */
  function highlighted(quote, needles) {
    var q = el('blockquote', 'gm-quote');
    var lower = quote.toLowerCase();
    for (var k = 0; k < needles.length; k++) {
      var n = needles[k];
      if (!n) continue;
      var at = lower.indexOf(n.toLowerCase());
      if (at >= 0) {
        q.appendChild(document.createTextNode(quote.slice(0, at)));
        q.appendChild(el('mark', 'gm-mark', quote.slice(at, at + n.length)));
        q.appendChild(document.createTextNode(quote.slice(at + n.length)));
        return q;
      }
    }
    q.textContent = quote;
    return q;
  }

  function safeUrl(u) {
    return /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
  }

  /* folium.LayerControl() (or any L.control.layers(...).addTo(map)) on a geomap map joins the
     map's own layer control instead of drawing a second one; the call returns that control. */
  var addLayersControl = L.Control.Layers.prototype.addTo;
  L.Control.Layers.prototype.addTo = function (m) {
    var own = m && m._geomapLayerControl;
    if (!own || own === this) return addLayersControl.call(this, m);
    this._layers.forEach(function (x) {
      if (x.overlay) own.addOverlay(x.layer, x.name);
      else own.addBaseLayer(x.layer, x.name);
    });
    this._layers = [];
    return own;
  };

  window.geomapRender = function (map, dataId) {
    var t0 = performance.now();
    var D = JSON.parse(document.getElementById(dataId).textContent);
    var S = D.S, E = D.E, TYPES = D.types;
    var api = window.geomap = {map: map, ready: false, data: D, layers: {}, markers: []};
    map.options.maxZoom = map.options.maxZoom || 18;
    map.getContainer().classList.add('gm-map');
    var canvas = L.canvas({padding: 0.3});
    var popup = L.popup({maxWidth: 380, minWidth: 240, autoPanPadding: [20, 20]});
    var b = D.bounds;
    if (b[0][0] === b[1][0] && b[0][1] === b[1][1]) map.setView(b[0], 9, {animate: false});
    else map.fitBounds(b, {padding: [30, 30], maxZoom: 10, animate: false});

    /* ---------- popups ---------- */
    function eventBlock(i, compact) {
      var e = E[i], ty = TYPES[e[2]];
      var box = el('div', 'gm-event');
      var head = el('div', 'gm-head');
      var sw = el('span', 'gm-sw');
      sw.innerHTML = symbolSvg(ty.s, ty.c, 14);  /* our own constants only */
      head.appendChild(sw);
      head.appendChild(el('strong', null, ty.n));
      if (S[e[13]]) head.appendChild(el('span', 'gm-sub', ' \u2014 ' + S[e[13]]));
      box.appendChild(head);
      row(box, 'Date', S[e[5]]);
      row(box, 'Actors', S[e[12]]);
      if (e[21] !== null && e[21] !== undefined) row(box, 'Confidence', e[21].toFixed(2));
      var where = S[e[10]] || '(unnamed place)';
      if (e[0] === null) where += ' \u2014 no map location';
      else where += ' \u2014 ' + PRECISION[e[6]] + (e[6] === 2 ? ' (~' + e[7] + ' km)' : '');
      row(box, 'Place', where);
      if (e[9]) box.appendChild(el('div', 'gm-inbuf', 'Inside the ' + D.buffer.km + ' km border strip'));
      if (S[e[11]]) box.appendChild(highlighted(S[e[11]], [S[e[18]], S[e[10]]]));
      if (!compact) {
        var src = el('div', 'gm-row');
        src.appendChild(el('span', 'gm-key', 'Source: '));
        var url = safeUrl(S[e[15]]);
        var label = S[e[14]] || S[e[16]] || (url ? url : 'unknown');
        if (url) {
          var a = el('a', null, label);
          a.href = url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          src.appendChild(a);
        } else {
          src.appendChild(el('span', 'gm-val', label));
        }
        box.appendChild(src);
        var ids = [S[e[17]], S[e[16]] ? 'doc ' + S[e[16]] : ''].filter(Boolean).join(' \u00b7 ');
        if (ids) box.appendChild(el('div', 'gm-muted', ids));
      }
      return box;
    }

    function openEvent(i, latlng) {
      var c = el('div', 'gm-popup');
      c.appendChild(eventBlock(i, false));
      popup.setLatLng(latlng).setContent(c).openOn(map);
    }

    function openList(idx, latlng, heading) {
      var c = el('div', 'gm-popup gm-list');
      c.appendChild(el('div', 'gm-list-head', heading));
      var n = Math.min(idx.length, 40);
      for (var k = 0; k < n; k++) c.appendChild(eventBlock(idx[k], true));
      if (idx.length > n) c.appendChild(el('div', 'gm-muted', '\u2026 and ' + (idx.length - n) + ' more'));
      popup.setLatLng(latlng).setContent(c).openOn(map);
    }

    /* ---------- basemap and context ---------- */
    function fc(items, props) {
      return {type: 'FeatureCollection', features: items.map(function (it) {
        return {type: 'Feature', geometry: it.g, properties: props(it)};
      })};
    }
    function tip(text) { return el('span', null, text); }

    map.createPane('gmBase').style.zIndex = 250;  /* under every overlay, like tiles */
    var base = L.geoJSON(fc(D.base.countries, function (c) { return {c: c.c}; }), {
      style: {color: '#b9b1a3', weight: 0.5, fillColor: '#f3f0e8', fillOpacity: 1},
      interactive: false, pane: 'gmBase', renderer: L.svg({pane: 'gmBase'})
    });
    var bases = {'Offline basemap (Natural Earth)': base};
    var firstBase = base;
    (D.tiles || []).forEach(function (t) {
      var layer = L.tileLayer(t[1], {maxZoom: 18});
      layer.getAttribution = function () { return esc(t[2]); };
      bases[esc(t[0]) + ' (online)'] = layer;
      if (t[3]) firstBase = layer;  /* asked for by name (--tiles): shown first */
    });
    firstBase.addTo(map);
    var overlays = {};

    var borders = L.layerGroup();
    L.geoJSON(fc(D.base.countries, function () { return {}; }), {
      style: {color: '#6b6257', weight: 1, fill: false}, interactive: false
    }).addTo(borders);
    D.base.borders.forEach(function (b) {
      L.geoJSON(b.g, {style: {color: '#3b3129', weight: 2.4, dashArray: '8 3 2 3'}})
        .bindTooltip(tip(b.n), {sticky: true}).addTo(borders);
    });
    overlays['International borders'] = borders.addTo(map);

    var admin = L.layerGroup(), adminLabels = L.layerGroup(), adminMarkers = [];
    D.base.admin1.forEach(function (a) {
      var g = L.geoJSON(a.g, {style: {color: '#8a7f70', weight: 0.8, dashArray: '3 3', fill: true,
        fillOpacity: 0}}).bindTooltip(tip(a.n + (a.cn ? ', ' + a.cn : '')), {sticky: true});
      g.addTo(admin);
      var c = a.p ? L.latLng(a.p[1], a.p[0]) : g.getBounds().getCenter();
      adminMarkers.push(L.marker(c, {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gm-admin', html: '<span class="gm-admin-label">' + esc(a.n) + '</span>',
        iconSize: [0, 0], iconAnchor: [0, 0]})
      }).addTo(adminLabels));
    });
    overlays['Provinces (admin-1) with names'] = admin.addTo(map);
    function adminLabelZoom() {
      var show = map.hasLayer(admin) && map.getZoom() >= 7;
      if (show && !map.hasLayer(adminLabels)) adminLabels.addTo(map);
      if (!show && map.hasLayer(adminLabels)) map.removeLayer(adminLabels);
    }

    var rivers = L.layerGroup();
    D.base.rivers.forEach(function (r) {
      L.geoJSON(r.g, {style: {color: '#4a90c2', weight: 1.8, opacity: 0.9}})
        .bindTooltip(tip(r.n), {sticky: true}).addTo(rivers);
    });
    overlays['Rivers'] = rivers.addTo(map);

    /* Town labels: a dot and a name in one DOM element, so both show or hide together. Which
       ones show is decided in the browser after every zoom (declutter): a town must be big enough
       for the zoom (TOWN_MIN_POP), and its box may not overlap the box of a bigger town's label
       already kept (towns come sorted by population, biggest first); province names come last. */
    var TOWN_MIN_POP = [[3, 1000000], [4, 300000], [5, 150000], [6, 80000], [7, 40000]];
    function townMinPop(z) {
      for (var i = 0; i < TOWN_MIN_POP.length; i++) if (z <= TOWN_MIN_POP[i][0]) return TOWN_MIN_POP[i][1];
      return 0;
    }
    var towns = L.layerGroup(), townMarkers = [];
    D.base.towns.forEach(function (t) {
      var m = L.marker([t.y, t.x], {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gm-town', iconSize: [0, 0], iconAnchor: [0, 0],
        html: '<span class="gm-town-label"><i class="gm-town-dot"></i>' + esc(t.n) + '</span>'})});
      m._gmPop = t.p;
      townMarkers.push(m.addTo(towns));
    });
    overlays['Towns'] = towns.addTo(map);
    function declutter() {
      var minPop = townMinPop(map.getZoom()), cell = 80, grid = {}, PAD = 2;
      var found = [];
      townMarkers.concat(adminMarkers).forEach(function (m) {  /* read every box, then write */
        var label = m._icon && m._icon.firstChild;
        if (!label) return;
        var small = m._gmPop !== undefined && m._gmPop < minPop;
        found.push([label, small ? null : label.getBoundingClientRect()]);
      });
      found.forEach(function (f) {
        var r = f[1], show = !!r && r.width > 0;
        if (show) {
          var x0 = Math.floor(r.left / cell), x1 = Math.floor(r.right / cell);
          var y0 = Math.floor(r.top / cell), y1 = Math.floor(r.bottom / cell), x, y, k, list, o;
          for (x = x0; x <= x1 && show; x++) for (y = y0; y <= y1 && show; y++) {
            list = grid[x + ',' + y] || [];
            for (k = 0; k < list.length; k++) {
              o = list[k];
              if (r.left < o.right + PAD && o.left < r.right + PAD && r.top < o.bottom + PAD &&
                  o.top < r.bottom + PAD) { show = false; break; }
            }
          }
          if (show) for (x = x0; x <= x1; x++) for (y = y0; y <= y1; y++) {
            (grid[x + ',' + y] = grid[x + ',' + y] || []).push(r);
          }
        }
        f[0].parentNode.classList.toggle('gm-label-hidden', !show);
      });
    }
    api.declutter = declutter;

    /* Context sites are hollow, dark, drawn symbols (a tent, a barred window, a two-way gate):
       never one of the filled, coloured event shapes. */
    var SITE_KINDS = {
      camp: {label: 'Camp (displaced people, detention)', svg: SITE_SVG.camp},
      prison: {label: 'Detention site / prison', svg: SITE_SVG.prison},
      border_crossing: {label: 'Border crossing', svg: SITE_SVG.crossing}
    };
    var sites = L.layerGroup(), crossings = L.layerGroup(), sitesSeen = {};
    D.base.sites.forEach(function (s) {
      var kind = SITE_KINDS[s.k] ? s.k : 'camp';
      sitesSeen[kind] = true;
      var icon = L.divIcon({className: 'gm-site gm-site-' + kind, html: SITE_KINDS[kind].svg,
        iconSize: [18, 18], iconAnchor: [9, 9]});
      var box = el('div', 'gm-popup');
      box.appendChild(el('strong', null, s.n));
      row(box, 'Kind', SITE_KINDS[kind].label);
      row(box, 'Gazetteer id', s.id);
      if (s.note) box.appendChild(el('div', 'gm-muted', s.note));
      L.marker([s.y, s.x], {icon: icon}).bindTooltip(tip(s.n)).bindPopup(box)
        .addTo(kind === 'border_crossing' ? crossings : sites);
    });
    if (crossings.getLayers().length) overlays['Border crossings'] = crossings;
    if (sites.getLayers().length) overlays['Camps and detention sites'] = sites.addTo(map);

    /* ---------- events ---------- */
    var icons = TYPES.map(function (t) {
      return L.divIcon({className: 'gm-ev', html: symbolSvg(t.s, t.c, 18), iconSize: [18, 18],
        iconAnchor: [9, 9], popupAnchor: [0, -8]});
    });
    var groups = [], clusters = [], byType = [];
    /* country-, province- and region-level events: their own layer, shown at first only when no
       event is precise to a town or near one (they would otherwise pull the eye to whole countries) */
    var regionLayer = L.layerGroup(), regionAreas = L.featureGroup().addTo(regionLayer);
    var areas = [regionAreas];
    var pending = 0;
    function chunkDone(processed, total) {
      if (processed >= total) {
        pending -= 1;
        if (pending <= 0) markReady();
      }
    }
    TYPES.forEach(function (t, ti) {
      var colour = safeColour(t.c);
      var cl = L.markerClusterGroup({
        chunkedLoading: true, chunkInterval: 150, chunkProgress: chunkDone,
        maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
        iconCreateFunction: function (c) {
          var n = c.getChildCount();
          var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
          return L.divIcon({className: 'marker-cluster gm-cluster', iconSize: [size, size],
            html: '<div style="background:' + colour + '"><span>' + n + '</span></div>'});
        }
      });
      cl.on('click', function (ev) { openEvent(ev.layer._gi, ev.layer.getLatLng()); });
      var g = L.layerGroup([cl]);
      groups.push(g); clusters.push(cl); byType.push([]);
      var name = '<span class="gm-sw">' + symbolSvg(t.s, t.c, 14) + '</span>' + esc(t.n) +
        ' <span class="gm-count">(' + t.k + ')</span>';
      overlays[name] = g.addTo(map);
    });

    var markers = api.markers;
    var unlocated = [], inBuffer = [];
    for (var i = 0; i < E.length; i++) {
      var e = E[i];
      if (e[0] === null) { unlocated.push(i); markers.push(null); continue; }
      if (e[9]) inBuffer.push(i);
      var m = null;
      if (e[6] === 1) {
        m = L.marker([e[1], e[0]], {icon: icons[e[2]]});
      } else if (e[6] === 2) {
        m = L.circle([e[1], e[0]], {radius: e[7] * 1000, color: safeColour(TYPES[e[2]].c), weight: 1.5,
          dashArray: '4 3', fillOpacity: 0.12});
      }
      if (m) m._gi = i;
      markers.push(m);
      byType[e[2]].push(i);
    }

    var nRegion = E.filter(function (e) { return e[0] !== null && e[6] === 3; }).length;
    if (nRegion) {
      overlays['Country- and province-level events <span class="gm-count">(' + nRegion + ')</span>'] =
        D.regionsOn ? regionLayer.addTo(map) : regionLayer;
    }
    api.regionLayer = regionLayer;

    /* What is shown: the time range, the event types switched on (the panel's type filter and
       the layer control's type layers are one switch) and the lowest confidence (events that
       give none are always kept, as with --min-confidence). */
    var state = {from: D.time ? D.time[0] : 0, to: D.time ? D.time[1] : 0, undated: true,
      types: TYPES.map(function () { return true; }), minConf: 0};
    function visible(i) {
      var e = E[i];
      if (!state.types[e[2]]) return false;
      if (state.minConf > 0 && e[21] !== null && e[21] !== undefined && e[21] < state.minConf) return false;
      if (e[3] === null) return state.undated;
      return e[4] >= state.from && e[3] <= state.to;
    }

    /* Region-level events: one outline per region (never a shaded country) with the number of
       events inside it, over all event types currently switched on. */
    var regionShown = [];
    function buildAreas() {
      regionAreas.clearLayers();
      var buckets = {}, order = [];
      regionShown.forEach(function (i) {
        var e = E[i];
        if (!map.hasLayer(groups[e[2]])) return;
        var key = e[8] >= 0 ? 'r' + e[8] : 'p' + e[0] + ',' + e[1] + ',' + e[7];
        if (!buckets[key]) { buckets[key] = []; order.push(key); }
        buckets[key].push(i);
      });
      order.forEach(function (key) {
        var idx = buckets[key], e = E[idx[0]], layer, label, centre;
        var style = {color: '#5b4a8a', weight: 1.8, dashArray: '6 4', fill: false};
        if (e[8] >= 0) {
          var r = D.regions[e[8]];
          layer = L.geoJSON(r.g, {style: style});
          label = r.n;
          centre = L.latLng(r.c[1], r.c[0]);
        } else {
          layer = L.circle([e[1], e[0]], L.extend({radius: e[7] * 1000}, style));
          label = S[e[10]] || 'an unnamed region';
          centre = L.latLng(e[1], e[0]);
        }
        var perType = {};
        idx.forEach(function (i) { var n = TYPES[E[i][2]].n; perType[n] = (perType[n] || 0) + 1; });
        var heading = idx.length + ' event' + (idx.length > 1 ? 's' : '') + ' located only to ' + label +
          ' (' + Object.keys(perType).map(function (n) { return perType[n] + ' ' + n; }).join(', ') + ')';
        var badge = L.marker(centre, {keyboard: false, icon: L.divIcon({className: 'gm-region-count',
          html: '<span>' + idx.length + '</span>', iconSize: [30, 30], iconAnchor: [15, 15]})});
        [layer, badge].forEach(function (x) {
          x.bindTooltip(tip(heading), {sticky: x === layer});
          x.on('click', function (ev) { openList(idx, ev.latlng || centre, heading); });
          regionAreas.addLayer(x);
        });
      });
    }
    var listChanged = function () {};  /* set by the side panel */
    map.on('overlayadd overlayremove', function (ev) {
      var ti = groups.indexOf(ev.layer);
      if (ti < 0) return;
      var on = ev.type === 'overlayadd';
      if (state.types[ti] !== on) {  /* ticked in the layer control: the panel follows */
        state.types[ti] = on;
        applyFilter(false);
        listChanged();
      } else {
        buildAreas();
      }
    });

    var density = null, rings = L.layerGroup(), shownCount = 0;
    function applyFilter(first) {
      var pts = [];
      regionShown = [];
      shownCount = 0;
      rings.clearLayers();
      for (var ti = 0; ti < TYPES.length; ti++) {
        var shown = byType[ti].filter(visible);
        shownCount += shown.length;
        var ms = [];
        shown.forEach(function (i) {
          var e = E[i];
          if (e[6] < 3) pts.push([e[1], e[0]]);  /* density: only events placed at or near a town */
          if (markers[i]) ms.push(markers[i]);
          if (e[9]) {
            L.circleMarker([e[1], e[0]], {renderer: canvas, radius: 12, color: '#d0021b', weight: 2.5,
              fill: false, interactive: false}).addTo(rings);
          }
        });
        clusters[ti].clearLayers();
        if (first && ms.length && map.hasLayer(clusters[ti])) pending += 1;
        clusters[ti].addLayers(ms);
        shown.forEach(function (i) { if (E[i][6] === 3) regionShown.push(i); });
      }
      shownCount += unlocated.filter(visible).length;
      buildAreas();
      if (density) density.setPoints(pts);
      else density = new Density(pts);
      if (timeLabel) updateTimeLabel();
      if (offscreenEl) updateOffscreen();
    }

    /* ---------- density (own canvas layer: grid counts, blurred, coloured) ---------- */
    var Density = L.Layer.extend({
      initialize: function (pts) { this._pts = pts; },
      setPoints: function (pts) { this._pts = pts; if (this._map) this._draw(); },
      onAdd: function (m) {
        this._canvas = L.DomUtil.create('canvas', 'gm-density leaflet-zoom-hide');
        this.getPane().appendChild(this._canvas);
        m.on('moveend resize', this._draw, this);
        this._draw();
      },
      onRemove: function (m) {
        m.off('moveend resize', this._draw, this);
        L.DomUtil.remove(this._canvas);
      },
      _stamp: function (r) {
        var c = document.createElement('canvas');
        c.width = c.height = 2 * r;
        var ctx = c.getContext('2d');
        var g = ctx.createRadialGradient(r, r, 0, r, r, r);
        g.addColorStop(0, 'rgba(0,0,0,1)');
        g.addColorStop(1, 'rgba(0,0,0,0)');
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, 2 * r, 2 * r);
        return c;
      },
      _draw: function () {
        var m = this._map, size = m.getSize(), cv = this._canvas;
        L.DomUtil.setPosition(cv, m.containerPointToLayerPoint([0, 0]));
        cv.width = size.x; cv.height = size.y;
        var ctx = cv.getContext('2d');
        var cell = 6, r = 18, gw = Math.ceil(size.x / cell) + 1, gh = Math.ceil(size.y / cell) + 1;
        var grid = new Float32Array(gw * gh), max = 0, k;
        for (k = 0; k < this._pts.length; k++) {
          var p = m.latLngToContainerPoint(this._pts[k]);
          if (p.x < -r || p.y < -r || p.x > size.x + r || p.y > size.y + r) continue;
          var gx = Math.max(0, Math.min(gw - 1, Math.round(p.x / cell)));
          var gy = Math.max(0, Math.min(gh - 1, Math.round(p.y / cell)));
          var v = grid[gy * gw + gx] += 1;
          if (v > max) max = v;
        }
        if (!max) return;
        var stamp = this._stamp(r), lmax = Math.log(1 + max);
        for (k = 0; k < grid.length; k++) {
          if (!grid[k]) continue;
          ctx.globalAlpha = Math.min(1, 0.15 + 0.85 * Math.log(1 + grid[k]) / lmax);
          ctx.drawImage(stamp, (k % gw) * cell - r, Math.floor(k / gw) * cell - r);
        }
        var img = ctx.getImageData(0, 0, size.x, size.y), px = img.data;
        for (k = 0; k < px.length; k += 4) {
          var a = px[k + 3];
          if (!a) continue;
          var t = a / 255;  /* blue -> green -> yellow -> red */
          px[k] = t < 0.5 ? Math.round(510 * t * 0.9) : 230;
          px[k + 1] = t < 0.5 ? 150 + Math.round(160 * t) : Math.round(230 - 400 * (t - 0.5));
          px[k + 2] = t < 0.35 ? 220 - Math.round(500 * t) : 30;
          px[k + 3] = Math.round(60 + 170 * t);
        }
        ctx.putImageData(img, 0, 0);
      }
    });

    /* ---------- buffer zone ---------- */
    var bufferLayer = null;
    if (D.buffer) {
      bufferLayer = L.layerGroup();
      var zoneTip = 'Border strip: ' + D.buffer.km + ' km deep on the Syrian side, ' +
        D.buffer.lon[0] + '\u00b0E to ' + D.buffer.lon[1] + '\u00b0E \u2014 ' + D.buffer.n + ' events inside';
      L.geoJSON(D.buffer.g, {style: {color: '#d0021b', weight: 2, dashArray: '10 5', fillColor: '#d0021b',
        fillOpacity: 0.07}}).bindTooltip(tip(zoneTip), {sticky: true})
        .on('click', function (ev) { if (inBuffer.length) openList(inBuffer.filter(visible), ev.latlng, zoneTip); })
        .addTo(bufferLayer);
      rings.addTo(bufferLayer);
      overlays['Border strip (' + esc(D.buffer.km) + ' km) and events inside'] = bufferLayer.addTo(map);
    }

    /* ---------- strips along a border or line (--buffer SPEC) ---------- */
    var STRIP_COLOUR = '#0b7a75';  /* teal: no event type and no context symbol uses it */
    api.strips = [];
    (D.strips || []).forEach(function (st) {
      var layer = L.layerGroup();
      var label = st.km + ' km strip along the ' + st.n;
      var stTip = label + ' \u2014 ' + st.e.length + ' event' + (st.e.length === 1 ? '' : 's') + ' inside';
      L.geoJSON(st.g, {style: {color: STRIP_COLOUR, weight: 1.8, dashArray: '2 4', fillColor: STRIP_COLOUR,
        fillOpacity: 0.1}}).bindTooltip(tip(stTip), {sticky: true})
        .on('click', function (ev) { if (st.e.length) openList(st.e.filter(visible), ev.latlng, stTip); })
        .addTo(layer);
      overlays['Strip: ' + esc(label) + ' <span class="gm-count">(' + st.e.length + ')</span>'] = layer.addTo(map);
      api.strips.push(layer);
    });

    /* ---------- places mentioned ---------- */
    if (D.P && D.P.length) {
      var PS = D.PS, placeLayer = L.layerGroup();
      D.P.forEach(function (p) {
        var cm = L.circleMarker([p[1], p[0]], {renderer: canvas, radius: Math.min(9, 2.5 + Math.log(p[6]) * 1.3),
          color: '#555', weight: 1, fillColor: '#9a9a9a', fillOpacity: 0.55});
        cm.on('click', function (ev) {
          var box = el('div', 'gm-popup');
          box.appendChild(el('strong', null, PS[p[2]] || PS[p[5]]));
          row(box, 'Kind', [PS[p[3]], PS[p[4]]].filter(Boolean).join(', '));
          row(box, 'Mentions', p[6] + ' in ' + p[7] + ' document' + (p[7] === 1 ? '' : 's'));
          row(box, 'Written as', PS[p[8]]);
          row(box, 'Gazetteer id', PS[p[5]]);
          popup.setLatLng(ev.latlng).setContent(box).openOn(map);
        });
        cm.addTo(placeLayer);
      });
      overlays['Places mentioned (' + D.P.length + ')'] = placeLayer.addTo(map);
    }

    /* ---------- time control ---------- */
    var timeLabel = null;
    function updateTimeLabel() {
      timeLabel.textContent = isoDay(state.from) + ' \u2013 ' + isoDay(state.to) + ' \u00b7 ' +
        shownCount + ' of ' + E.length + ' events';
    }
    applyFilter(true);
    overlays['Event density'] = density;

    if (D.time) {
      var TimeControl = L.Control.extend({
        options: {position: 'bottomleft'},
        onAdd: function () {
          var box = el('div', 'gm-time leaflet-bar');
          box.appendChild(el('div', 'gm-time-title', 'Time (events overlapping the range; a month-precision event spans its month)'));
          timeLabel = el('div', 'gm-time-label');
          box.appendChild(timeLabel);
          function slider(value) {
            var s = el('input', 'gm-slider');
            s.type = 'range'; s.min = D.time[0]; s.max = D.time[1]; s.step = 1; s.value = value;
            box.appendChild(s);
            return s;
          }
          var a = slider(D.time[0]), b = slider(D.time[1]);
          var lab = el('label', 'gm-check'), cb = el('input');
          cb.type = 'checkbox'; cb.checked = true;
          lab.appendChild(cb); lab.appendChild(document.createTextNode(' include undated events'));
          box.appendChild(lab);
          var reset = el('button', 'gm-reset', 'All dates');
          reset.type = 'button';
          box.appendChild(reset);
          var timer = null;
          function changed() {
            var x = +a.value, y = +b.value;
            state.from = Math.min(x, y); state.to = Math.max(x, y); state.undated = cb.checked;
            updateTimeLabel();
            clearTimeout(timer);
            timer = setTimeout(function () { applyFilter(false); listChanged(); }, 200);
          }
          a.addEventListener('input', changed); b.addEventListener('input', changed);
          cb.addEventListener('change', changed);
          reset.addEventListener('click', function () { a.value = D.time[0]; b.value = D.time[1]; cb.checked = true; changed(); });
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          api.time = {from: a, to: b, undated: cb, apply: function () { changed(); applyFilter(false); }};
          return box;
        }
      });
      new TimeControl().addTo(map);
      updateTimeLabel();
    }

    /* ---------- layer control, legend, side panel ---------- */
    api.layerControl = L.control.layers(bases, overlays, {collapsed: false, position: 'topright'}).addTo(map);
    map._geomapLayerControl = api.layerControl;
    api.layers = overlays;

    var Legend = L.Control.extend({
      options: {position: 'bottomright'},
      onAdd: function () {
        var box = el('div', 'gm-legend');
        box.appendChild(el('div', 'gm-legend-title', 'Event types'));
        TYPES.forEach(function (t) {
          var r = el('div', 'gm-legend-row');
          var sw = el('span', 'gm-sw');
          sw.innerHTML = symbolSvg(t.s, t.c, 14);
          r.appendChild(sw);
          r.appendChild(el('span', null, t.n + ' (' + t.k + ')'));
          box.appendChild(r);
        });
        box.appendChild(el('div', 'gm-legend-title', 'Location precision'));
        [['gm-lg-pin', 'symbol: the town itself'], ['gm-lg-near', 'dashed circle: near a town (~10 km)'],
          ['gm-lg-area', 'outline with a count: country or province only'], ['gm-lg-ring', 'red ring: inside the border strip']]
          .filter(function (x) { return D.buffer || x[0] !== 'gm-lg-ring'; })
          .forEach(function (x) {
            var r = el('div', 'gm-legend-row');
            r.appendChild(el('span', 'gm-lg ' + x[0]));
            r.appendChild(el('span', null, x[1]));
            box.appendChild(r);
          });
        var context = Object.keys(SITE_KINDS).filter(function (k) { return sitesSeen[k]; });
        if (context.length || (D.strips || []).length) {
          box.appendChild(el('div', 'gm-legend-title', 'Context'));
          (D.strips || []).forEach(function (st) {
            var r = el('div', 'gm-legend-row gm-legend-strip');
            r.appendChild(el('span', 'gm-lg gm-lg-strip'));
            r.appendChild(el('span', null, st.km + ' km strip along the ' + st.n));
            box.appendChild(r);
          });
          context.forEach(function (k) {
            var r = el('div', 'gm-legend-row gm-legend-site');
            var sw = el('span', 'gm-sw');
            sw.innerHTML = SITE_KINDS[k].svg;  /* our own constants only */
            r.appendChild(sw);
            r.appendChild(el('span', null, SITE_KINDS[k].label));
            box.appendChild(r);
          });
        }
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);

    /* A popup opened from the panel must not sit under it: pan the point into the free part of
       the map, and keep Leaflet's auto-pan clear of the panel. */
    function panelClearance() {
      var pe = document.querySelector('.gm-panel');
      if (!pe) return 0;
      var pr = pe.getBoundingClientRect(), mr = map.getContainer().getBoundingClientRect();
      return Math.max(0, pr.right - mr.left);
    }
    function showFromPanel(i, latlng) {
      var free = panelClearance();
      popup.options.autoPanPaddingTopLeft = L.point(free + 20, 20);
      var x = map.latLngToContainerPoint(latlng).x, size = map.getSize();
      if (x < free + 40 || x > size.x - 40) map.panBy([x - (free + size.x) / 2, 0], {animate: false});
      openEvent(i, latlng);
      popup.options.autoPanPaddingTopLeft = null;
    }
    function eventListItem(i) {
      var e = E[i], li = el('li', 'gm-item');
      li.setAttribute('data-gi', i);
      var kind = e[0] === null ? ' \u00b7 no map location' : e[6] === 3 ? ' \u00b7 region-level' : '';
      if (e[21] !== null && e[21] !== undefined) kind += ' \u00b7 confidence ' + e[21].toFixed(2);
      li.appendChild(el('div', 'gm-item-head', TYPES[e[2]].n + kind));
      if (S[e[11]]) li.appendChild(el('div', 'gm-item-quote', S[e[11]]));
      li.addEventListener('click', function () {
        if (e[0] === null) {
          var c = el('div', 'gm-popup');
          c.appendChild(eventBlock(i, false));
          popup.setLatLng(map.getCenter()).setContent(c).openOn(map);
          return;
        }
        var m = markers[i], ll = L.latLng(e[1], e[0]);
        if (e[6] === 3 && !map.hasLayer(regionLayer)) regionLayer.addTo(map);
        if (m && m instanceof L.Marker && clusters[e[2]].hasLayer(m)) {
          clusters[e[2]].zoomToShowLayer(m, function () { showFromPanel(i, m.getLatLng()); });
        } else {
          map.setView(ll, e[6] === 3 ? Math.min(map.getZoom(), 7) : Math.max(map.getZoom(), 9),
            {animate: false});
          showFromPanel(i, ll);
        }
      });
      return li;
    }
    function section(panel, heading, idx, open, cls) {
      var d = el('details', 'gm-section ' + cls);
      d.open = open;
      d.appendChild(el('summary', null, heading + ' (' + idx.length + ')'));
      var ul = el('ul', 'gm-items'), n = Math.min(idx.length, 300);
      for (var k = 0; k < n; k++) ul.appendChild(eventListItem(idx[k]));
      if (idx.length > n) ul.appendChild(el('li', 'gm-muted', '\u2026 and ' + (idx.length - n) + ' more'));
      d.appendChild(ul);
      panel.appendChild(d);
    }
    /* Every event, grouped by place and day (by date, then place), searchable; about 500 events
       are listed at a time ("Show more"), so a 100,000-event map stays responsive. */
    function allEvents(panel) {
      var groupsBy = {}, order = [];
      for (var i = 0; i < E.length; i++) {
        var e = E[i], key = e[5] + '|' + e[10] + '|' + (e[0] === null ? 'x' : '');
        if (!groupsBy[key]) { groupsBy[key] = []; order.push(key); }
        groupsBy[key].push(i);
      }
      order.sort(function (a, b) {
        var ea = E[groupsBy[a][0]], eb = E[groupsBy[b][0]];
        var da = ea[3] === null ? Infinity : ea[3], db = eb[3] === null ? Infinity : eb[3];
        if (da !== db) return da < db ? -1 : 1;
        var pa = S[ea[10]], pb = S[eb[10]];
        return pa < pb ? -1 : pa > pb ? 1 : 0;
      });
      var d = el('details', 'gm-section gm-all');
      d.open = true;
      d.appendChild(el('summary', null, 'All events (' + E.length + ')'));
      var search = el('input', 'gm-search');
      search.type = 'search';
      search.placeholder = 'Search place, type, actor, text\u2026';
      d.appendChild(search);
      d.appendChild(filters());
      var ul = el('ul', 'gm-items'), done = 0, more = el('button', 'gm-more');
      more.type = 'button';
      function addItems(inner, idx, from, to) {
        for (var k = from; k < to; k++) inner.appendChild(eventListItem(idx[k]));
        if (to < idx.length) {
          var rest = el('li', 'gm-more-items', 'Show ' + (idx.length - to) + ' more here');
          rest.addEventListener('click', function () {
            inner.removeChild(rest);
            addItems(inner, idx, to, idx.length);
            filterList();
          });
          inner.appendChild(rest);
        }
      }
      /* Adds groups until about n more events are listed (a group shows its first 50). */
      function addGroups(n) {
        var added = 0;
        for (; done < order.length && added < n; done++) {
          var idx = groupsBy[order[done]], e0 = E[idx[0]];
          var gl = el('li', 'gm-group');
          gl.appendChild(el('div', 'gm-group-head', (S[e0[10]] || '(unnamed place)') + ' \u00b7 ' +
            S[e0[5]] + (idx.length > 1 ? ' (' + idx.length + ')' : '')));
          var inner = el('ul', 'gm-items');
          addItems(inner, idx, 0, Math.min(idx.length, 50));
          added += Math.min(idx.length, 50);
          gl.appendChild(inner);
          ul.appendChild(gl);
        }
        more.style.display = done < order.length ? '' : 'none';
        more.textContent = 'Show more (' + (order.length - done) + ' places and days left)';
        filterList();
      }
      /* A group shows when its text matches the search and one of its events passes the type,
         confidence and time filters; inside it, only the events that pass are listed. */
      function filterList() {
        var q = search.value.trim().toLowerCase();
        Array.prototype.forEach.call(ul.children, function (gl) {
          var any = false;
          Array.prototype.forEach.call(gl.querySelectorAll('.gm-item'), function (li) {
            var ok = visible(+li.getAttribute('data-gi'));
            li.style.display = ok ? '' : 'none';
            any = any || ok;
          });
          var show = any && (!q || gl.textContent.toLowerCase().indexOf(q) >= 0);
          gl.style.display = show ? '' : 'none';
        });
        countEl.textContent = listedCount();
      }
      listChanged = function () {
        typeBoxes.forEach(function (cb, ti) { cb.checked = state.types[ti]; });
        filterList();
      };
      more.addEventListener('click', function () { addGroups(500); });
      search.addEventListener('input', function () {
        if (search.value && done < order.length) addGroups(Infinity);  /* search everything */
        filterList();
      });
      d.appendChild(ul);
      d.appendChild(more);
      addGroups(500);
      panel.appendChild(d);
      api.showAllEvents = function () { addGroups(Infinity); };
    }
    /* The panel's filters: one box per event type (the same switch as the type's layer in the
       layer control) and, when events carry a confidence, a lowest-confidence slider. Both narrow
       the list and the map alike. */
    var typeBoxes = [], countEl = el('div', 'gm-muted gm-filter-count');
    function listedCount() {
      var n = 0;
      for (var i = 0; i < E.length; i++) if (visible(i)) n += 1;
      return n === E.length ? 'All ' + n + ' events listed' : n + ' of ' + E.length + ' events pass the filters';
    }
    function filters() {
      var box = el('div', 'gm-filters');
      box.appendChild(el('div', 'gm-filter-title', 'Event types'));
      TYPES.forEach(function (t, ti) {
        var lab = el('label', 'gm-filter-type'), cb = el('input');
        cb.type = 'checkbox'; cb.checked = state.types[ti]; cb.setAttribute('data-type', t.n);
        lab.appendChild(cb);
        var sw = el('span', 'gm-sw');
        sw.innerHTML = symbolSvg(t.s, t.c, 12);  /* our own constants only */
        lab.appendChild(sw);
        lab.appendChild(document.createTextNode(t.n + ' (' + t.k + ')'));
        cb.addEventListener('change', function () {
          state.types[ti] = cb.checked;
          /* the layer control's box for the type follows (its layer joins or leaves the map) */
          if (cb.checked && !map.hasLayer(groups[ti])) map.addLayer(groups[ti]);
          else if (!cb.checked && map.hasLayer(groups[ti])) map.removeLayer(groups[ti]);
          applyFilter(false);
          listChanged();
        });
        typeBoxes.push(cb);
        box.appendChild(lab);
      });
      var confs = E.filter(function (e) { return e[21] !== null && e[21] !== undefined; });
      if (confs.length) {
        var lab = el('label', 'gm-filter-conf'), val = el('span', 'gm-conf-value', '0.00');
        lab.appendChild(document.createTextNode('Confidence at least '));
        lab.appendChild(val);
        var slider = el('input', 'gm-conf-slider');
        slider.type = 'range'; slider.min = 0; slider.max = 1; slider.step = 0.05; slider.value = 0;
        slider.addEventListener('input', function () {
          state.minConf = +slider.value;
          val.textContent = state.minConf.toFixed(2);
          applyFilter(false);
          listChanged();
        });
        box.appendChild(lab);
        box.appendChild(slider);
        if (confs.length < E.length) {
          box.appendChild(el('div', 'gm-muted', (E.length - confs.length) +
            ' events give no confidence and are always listed'));
        }
        api.confidence = slider;
      }
      countEl.textContent = listedCount();
      box.appendChild(countEl);
      return box;
    }

    /* How many events the current view leaves out (the panel still lists them). */
    var offscreenEl = null;
    function updateOffscreen() {
      if (!offscreenEl) return;
      var view = map.getBounds(), out = 0, hidden = 0, n = 0;
      for (var i = 0; i < E.length; i++) {
        var e = E[i];
        if (e[0] === null || !visible(i)) continue;
        if (e[6] === 3 && !map.hasLayer(regionLayer)) { hidden += 1; continue; }
        n += 1;
        if (!view.contains([e[1], e[0]])) out += 1;
      }
      var parts = [out ? out + ' of ' + n + ' mapped events are off screen' : 'All ' + n + ' mapped events are in view'];
      if (hidden) parts.push(hidden + ' country- or province-level events are in a hidden layer');
      offscreenEl.textContent = parts.join('; ') + '.';
      api.offscreen = out;
    }
    var Panel = L.Control.extend({
      options: {position: 'topleft'},
      onAdd: function () {
        var box = el('div', 'gm-panel');
        box.appendChild(el('div', 'gm-title', D.title));
        var c = D.counts;
        box.appendChild(el('div', 'gm-muted', c.events + ' events: ' + c.precise +
          ' located to a town or near one, ' + (c.located - c.precise) + ' to a country or province only, ' +
          (c.events - c.located) + ' without a map location'));
        if (D.minConfidence !== null && D.minConfidence !== undefined) {
          box.appendChild(el('div', 'gm-muted gm-confidence-note', D.belowConfidence +
            ' event' + (D.belowConfidence === 1 ? '' : 's') + ' below confidence ' +
            D.minConfidence + ' left out'));
        }
        offscreenEl = el('div', 'gm-offscreen');
        box.appendChild(offscreenEl);
        if (!E.length) box.appendChild(el('div', 'gm-empty', 'No events to show.'));
        if (D.buffer) section(box, 'Events in the ' + D.buffer.km + ' km border strip', inBuffer, false, 'gm-inbuffer');
        if (E.length) allEvents(box);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    new Panel().addTo(map);
    if (!D.counts.located) {
      var notice = el('div', 'gm-notice', E.length ?
        'None of the ' + E.length + ' events has a map location; they are listed in the panel.' :
        'No events to show: the map has only its context layers.');
      map.getContainer().appendChild(notice);
    }

    /* Fit the opening view again, now that the panel (left) and the layer control and legend
       (right) are drawn: the events must be visible beside them, not underneath. When the map is
       too narrow for that, the right side (then the left) is allowed to overlap. */
    function fitOpening() {
      var mr = map.getContainer().getBoundingClientRect(), size = map.getSize();
      var left = panelClearance(), right = 0;
      document.querySelectorAll('.leaflet-right .leaflet-control').forEach(function (c) {
        right = Math.max(right, mr.right - c.getBoundingClientRect().left);
      });
      if (size.x - left - right < 0.4 * size.x) right = 0;
      if (size.x - left - right < 0.4 * size.x) left = 0;
      var b = D.bounds;
      if (b[0][0] === b[1][0] && b[0][1] === b[1][1]) {
        map.setView(b[0], 9, {animate: false});
        map.panBy([(right - left) / 2, 0], {animate: false});
      } else {
        map.fitBounds(b, {paddingTopLeft: [left + 20, 20], paddingBottomRight: [right + 20, 20],
          maxZoom: 10, animate: false});
      }
    }
    fitOpening();
    api.fitOpening = fitOpening;

    map.on('zoomend overlayadd overlayremove', adminLabelZoom);
    /* once the zoom's layers are drawn (next frame); moveend also follows a resized window */
    var declutterFrame = 0;
    map.on('zoomend moveend resize overlayadd overlayremove', function () {
      if (!declutterFrame) declutterFrame = requestAnimationFrame(function () {
        declutterFrame = 0; declutter(); });
    });
    map.on('moveend overlayadd overlayremove', updateOffscreen);
    adminLabelZoom(); declutter(); updateOffscreen();

    function markReady() {
      if (api.ready) return;
      api.ready = true;
      api.buildMs = performance.now() - t0;
      document.documentElement.setAttribute('data-geomap-ready', '1');
    }
    if (pending <= 0) markReady();
    api.applyFilter = applyFilter;
    api.clusters = clusters;
    api.areas = areas;
    api.sites = sites;
    api.crossings = crossings;
    api.rings = rings;
    api.density = density;
  };
})();
