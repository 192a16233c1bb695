/* Tyndau maps (Leaflet, no build step, no inline script: each map reads its settings from a
   <script type="application/json"> element named by data-config).

   data-map="pin"     a pin picker: the filing form and the clerk's registration page. It
                      centres on the chosen village, has "locate me" (browser geolocation)
                      and an address search over the office's own street list.
   data-map="appeals" points with popups (public appeals, the staff inbox's open appeals).
   data-map="point"   one pin, read-only (the staff appeal page).

   Works without map tiles (TYNDAU_TILE_URL empty): the pin still goes where you tap. Every
   value from the server is inserted as text, never as HTML. Control titles come from the
   page's language (cfg.labels). */
(function () {
  "use strict";
  function config(el) {
    return JSON.parse(document.getElementById(el.getAttribute("data-config")).textContent);
  }
  function label(cfg, key, fallback) {
    return (cfg.labels && cfg.labels[key]) || fallback;
  }
  function byId(id) { return id ? document.getElementById(id) : null; }
  function baseMap(el, cfg) {
    var map = L.map(el, { keyboard: true, zoomAnimation: false, zoomControl: false })
      .setView(cfg.centre, cfg.zoom || 13);
    L.control.zoom({
      zoomInTitle: label(cfg, "zoom_in", "+"),
      zoomOutTitle: label(cfg, "zoom_out", "-")
    }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (cfg.tile_url) {
      L.tileLayer(cfg.tile_url, { attribution: cfg.attribution, maxZoom: 19 }).addTo(map);
    } else {
      el.classList.add("no-tiles");
    }
    return map;
  }

  function pinPicker(el) {
    var cfg = config(el);
    var map = baseMap(el, cfg);
    var lat = byId(cfg.lat_input);
    var lon = byId(cfg.lon_input);
    var status = byId(cfg.status);
    var clear = byId(cfg.clear);
    var here = byId(cfg.centre_button);
    var place_select = byId(cfg.territory_input);
    var address = byId(cfg.address_input);
    var street = byId(cfg.street_input);
    var centres = cfg.centres || {};
    var marker = null;
    function say(text) { if (status) { status.textContent = text; } }
    function show() {
      if (marker) {
        var p = marker.getLatLng();
        say(cfg.placed + " " + p.lat.toFixed(5) + ", " + p.lng.toFixed(5));
        if (clear) { clear.hidden = false; }
      } else {
        say(cfg.empty);
        if (clear) { clear.hidden = true; }
      }
      el.setAttribute("data-pin", marker ? "1" : "0");
    }
    function place(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(latlng); }
      else {
        marker = L.marker(latlng, { draggable: true, keyboard: true, title: cfg.marker_title, alt: cfg.marker_title }).addTo(map);
        marker.on("dragend", function () { place(marker.getLatLng()); });
      }
      show();
    }
    function centreOnPlace() {
      if (!place_select) { return; }
      var c = centres[place_select.value];
      if (c) { map.setView(c, cfg.place_zoom || 15, { animate: false }); }
      el.setAttribute("data-centre", place_select.value || "");
    }
    function nearestPlace(latlng) {
      /* "Locate me" with no village chosen yet: choose the nearest one that has a centre. */
      if (!place_select || place_select.value) { return; }
      var best = null, bestD = Infinity;
      Object.keys(centres).forEach(function (id) {
        var c = centres[id];
        var d = Math.pow(c[0] - latlng.lat, 2) + Math.pow((c[1] - latlng.lng) * Math.cos(latlng.lat * Math.PI / 180), 2);
        if (d < bestD && place_select.querySelector("option[value='" + id + "']")) { best = id; bestD = d; }
      });
      if (best !== null) { place_select.value = best; }
    }
    map.on("click", function (e) { place(e.latlng); });
    if (here) { here.addEventListener("click", function () { place(map.getCenter()); }); }
    if (clear) {
      clear.addEventListener("click", function () {
        if (marker) { map.removeLayer(marker); marker = null; }
        lat.value = ""; lon.value = "";
        show();
      });
    }
    if (place_select) { place_select.addEventListener("change", centreOnPlace); }

    var locate = byId(cfg.locate_button);
    if (locate) {
      if (!("geolocation" in navigator)) { locate.hidden = true; }
      locate.addEventListener("click", function () {
        say(label(cfg, "locating", "…"));
        navigator.geolocation.getCurrentPosition(function (pos) {
          var latlng = L.latLng(pos.coords.latitude, pos.coords.longitude);
          nearestPlace(latlng);
          map.setView(latlng, 17, { animate: false });
          place(latlng);
        }, function () {
          say(label(cfg, "locate_failed", "?"));
        }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
      });
    }

    var search = byId(cfg.search_input);
    var results = byId(cfg.search_results);
    if (search && results && cfg.search_url) {
      var timer = null, asked = 0;
      function choose(s) {
        var latlng = L.latLng(s.lat, s.lon);
        map.setView(latlng, 17, { animate: false });
        place(latlng);
        if (address && !address.value.trim()) { address.value = s.name + ", "; }
        if (street) { street.value = s.street || s.name; }
        if (place_select && s.territory && place_select.querySelector("option[value='" + s.territory + "']")) {
          place_select.value = String(s.territory);
        }
        results.textContent = "";
        search.value = s.name;
        say(label(cfg, "street_chosen", "") + " " + s.name);
      }
      function render(list, mine) {
        if (mine !== asked) { return; }
        results.textContent = "";
        if (!list.length) {
          var none = document.createElement("li");
          none.textContent = label(cfg, "no_streets", "—");
          results.appendChild(none);
          return;
        }
        list.forEach(function (s) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button";
          b.className = "link-button";
          b.textContent = s.name + (s.place ? " (" + s.place + ")" : "");
          b.addEventListener("click", function () { choose(s); });
          li.appendChild(b);
          results.appendChild(li);
        });
      }
      search.addEventListener("input", function () {
        clearTimeout(timer);
        var q = search.value.trim();
        if (q.length < 2) { results.textContent = ""; return; }
        timer = setTimeout(function () {
          var mine = ++asked;
          var url = cfg.search_url + "?q=" + encodeURIComponent(q) +
            "&territory=" + encodeURIComponent(place_select ? place_select.value : (cfg.territory || ""));
          fetch(url, { headers: { "Accept": "application/json" } })
            .then(function (r) { return r.json(); })
            .then(function (data) { render(data.results || [], mine); })
            .catch(function () { render([], mine); });
        }, 250);
      });
      search.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {  /* choose the first match, never send the form */
          e.preventDefault();
          var first = results.querySelector("button");
          if (first) { first.click(); }
        }
      });
    }

    if (lat.value && lon.value) {
      place(L.latLng(parseFloat(lat.value), parseFloat(lon.value)));
      map.setView(marker.getLatLng(), 16, { animate: false });
    } else {
      centreOnPlace();
      show();
    }
  }

  function appealsMap(el) {
    var cfg = config(el);
    var map = baseMap(el, cfg);
    var colours = { yellow: "#e6b800", orange: "#e06c00", red: "#c62828" };
    var bounds = [];
    cfg.points.forEach(function (p) {
      var colour = colours[p.band] || "#0b5cad";
      var m = L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, color: "#0b3d6e", fillColor: colour, fillOpacity: 0.75 }).addTo(map);
      var box = document.createElement("div");
      var a = document.createElement("a");
      a.href = p.url; a.textContent = p.number;
      box.appendChild(a);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode((p.topic ? p.topic + " · " : "") + p.status));
      m.bindPopup(box);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30], animate: false }); }
    el.setAttribute("data-markers", String(cfg.points.length));
  }

  function pointMap(el) {
    var cfg = config(el);
    cfg.zoom = cfg.zoom || 16;
    var map = baseMap(el, cfg);
    L.marker(cfg.centre, { keyboard: true, title: cfg.marker_title, alt: cfg.marker_title }).addTo(map);
    el.setAttribute("data-markers", "1");
  }

  var KINDS = { pin: pinPicker, appeals: appealsMap, point: pointMap };
  function init() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(function (el) {
      var make = KINDS[el.getAttribute("data-map")];
      if (make && !el.hasAttribute("data-ready")) {
        el.setAttribute("data-ready", "1");
        make(el);
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
  /* The staff inbox swaps its results (with their map) in place (HTMX). */
  document.addEventListener("htmx:afterSettle", init);
})();
