/* Plan items with a place, on a Leaflet map; works without tiles (pins only). */
(function () {
  "use strict";
  var el = document.getElementById("plan-map");
  if (!el || typeof L === "undefined") { return; }
  var cfg = JSON.parse(document.getElementById("plan-map-config").textContent);
  var points = JSON.parse(document.getElementById("plan-points").textContent);
  var map = L.map(el, { keyboard: true, zoomAnimation: false }).setView(cfg.centre, cfg.zoom);
  if (cfg.tile_url) {
    L.tileLayer(cfg.tile_url, { attribution: cfg.attribution, maxZoom: 19 }).addTo(map);
  } else {
    el.classList.add("no-tiles");
  }
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 9, weight: 2, color: p.late ? "#c62828" : "#0b5cad",
      fillColor: p.late ? "#c62828" : "#0b5cad", fillOpacity: 0.6
    }).addTo(map);
    var a = document.createElement("a");
    a.href = cfg.item_url.replace("0", String(p.url));
    a.textContent = p.title + " — " + Math.round(p.progress) + "%";
    marker.bindPopup(a);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20] }); }
})();
