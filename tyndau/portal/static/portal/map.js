/* Tyndau portal maps: a pin picker for the appeal form and a map of public appeals.
   Works without map tiles (TYNDAU_MAP_TILE_URL empty): the pin still goes where you tap. */
(function () {
  "use strict";
  function config(el) {
    return JSON.parse(document.getElementById(el.getAttribute("data-config")).textContent);
  }
  function baseMap(el, cfg) {
    var map = L.map(el, { keyboard: true, zoomAnimation: false }).setView(cfg.centre, cfg.zoom || 13);
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
    var lat = document.getElementById(cfg.lat_input);
    var lon = document.getElementById(cfg.lon_input);
    var status = document.getElementById(cfg.status);
    var clear = document.getElementById(cfg.clear);
    var here = document.getElementById(cfg.centre_button);
    var marker = null;
    function show() {
      if (marker) {
        var p = marker.getLatLng();
        status.textContent = cfg.placed + " " + p.lat.toFixed(5) + ", " + p.lng.toFixed(5);
        clear.hidden = false;
      } else {
        status.textContent = cfg.empty;
        clear.hidden = true;
      }
    }
    function place(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(latlng); }
      else {
        marker = L.marker(latlng, { draggable: true, keyboard: true, title: cfg.marker_title }).addTo(map);
        marker.on("dragend", function () { place(marker.getLatLng()); });
      }
      show();
    }
    map.on("click", function (e) { place(e.latlng); });
    here.addEventListener("click", function () { place(map.getCenter()); });
    clear.addEventListener("click", function () {
      if (marker) { map.removeLayer(marker); marker = null; }
      lat.value = ""; lon.value = "";
      show();
    });
    if (lat.value && lon.value) {
      place(L.latLng(parseFloat(lat.value), parseFloat(lon.value)));
      map.setView(marker.getLatLng(), 15, { animate: false });
    } else { show(); }
  }
  function appealsMap(el) {
    var cfg = config(el);
    var map = baseMap(el, cfg);
    var bounds = [];
    cfg.points.forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, color: "#0b3d6e", fillColor: "#0b5cad", fillOpacity: 0.7 }).addTo(map);
      var box = document.createElement("div");
      var a = document.createElement("a");
      a.href = p.url; a.textContent = p.number;
      box.appendChild(a);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(p.topic + " · " + p.status));
      m.bindPopup(box);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30], animate: false }); }
    el.setAttribute("data-markers", String(cfg.points.length));
  }
  function init() {
    document.querySelectorAll("[data-map=pin]").forEach(pinPicker);
    document.querySelectorAll("[data-map=appeals]").forEach(appealsMap);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
