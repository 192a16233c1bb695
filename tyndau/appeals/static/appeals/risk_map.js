/* The staff risk map. Every value from the database is inserted as text (textContent),
   never as HTML, so an appeal number like <img onerror=…> stays text. */
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("risk-map");
    var data = document.getElementById("risk-points");
    if (!el || !data || typeof L === "undefined") { return; }
    var points = JSON.parse(data.textContent);
    var colours = {yellow: "#e6b800", orange: "#e06c00", red: "#c62828", none: "#607080"};
    var map = L.map(el).setView([53.28, 69.39], 12);
    var tiles = el.getAttribute("data-tiles");
    if (tiles) { L.tileLayer(tiles, {maxZoom: 18, attribution: "© OpenStreetMap"}).addTo(map); }
    var bounds = [];
    points.forEach(function (p) {
      var box = document.createElement("div");
      var a = document.createElement("a");
      a.href = "../" + encodeURIComponent(String(p.id)) + "/";
      a.textContent = String(p.number);
      box.appendChild(a);
      box.appendChild(document.createTextNode(" · " + String(p.risk_score)));
      L.circleMarker([p.latitude, p.longitude], {radius: 7, color: colours[p.risk_band] || colours.none, fillOpacity: 0.8})
        .bindPopup(box)
        .addTo(map);
      bounds.push([p.latitude, p.longitude]);
    });
    el.setAttribute("data-markers", String(points.length));
    if (bounds.length) { map.fitBounds(bounds, {maxZoom: 15}); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
