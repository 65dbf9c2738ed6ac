/* Charts of Chỉ Tiêu, drawn by the Chart.js served from this site. Numbers arrive as exact
   decimal strings and are shown in Vietnamese format. */
(function () {
  "use strict";
  var vn = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 3 });

  function read(id) { return JSON.parse(document.getElementById(id).textContent); }

  function series(canvasId, pickId, dataId) {
    var data = read(dataId);
    var pick = document.getElementById(pickId);
    var chart = null;
    function draw() {
      var item = data[pick.value];
      if (chart) { chart.destroy(); }
      chart = new Chart(document.getElementById(canvasId), {
        type: "line",
        data: {
          labels: item.years,
          datasets: [{ label: item.label, data: item.values.map(function (v) { return v === null ? null : Number(v); }),
                       borderColor: "#0b5cad", backgroundColor: "#0b5cad", spanGaps: false, tension: 0.2 }]
        },
        options: { animation: false, scales: { y: { ticks: { callback: function (v) { return vn.format(v); } } } },
                   plugins: { tooltip: { callbacks: { label: function (c) { return vn.format(c.parsed.y); } } } } }
      });
    }
    pick.addEventListener("change", draw);
    draw();
  }

  function overview(canvasId, dataId) {
    var data = read(dataId);
    new Chart(document.getElementById(canvasId), {
      type: "bar",
      data: {
        labels: data.units,
        datasets: [
          { label: data.names.achieved, data: data.achieved, backgroundColor: "#1b7f3b" },
          { label: data.names.missed, data: data.missed, backgroundColor: "#d0d5dd" }
        ]
      },
      options: { animation: false, indexAxis: "y", scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } }
    });
  }

  function ranking(canvasId, dataId) {
    var data = read(dataId);
    new Chart(document.getElementById(canvasId), {
      type: "bar",
      data: { labels: data.units, datasets: [{ label: data.names.points, data: data.points.map(Number), backgroundColor: "#a31d1d" }] },
      options: { animation: false, indexAxis: "y", plugins: { legend: { display: false } } }
    });
  }

  window.ChiTieuCharts = { series: series, overview: overview, ranking: ranking };

  // Each canvas names its chart and data (no inline script: the Content-Security-Policy).
  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      var data = canvas.getAttribute("data-chart-data");
      if (kind === "series") { series(canvas.id, canvas.getAttribute("data-chart-pick"), data); }
      else if (kind === "overview") { overview(canvas.id, data); }
      else if (kind === "ranking") { ranking(canvas.id, data); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); }
  else { drawAll(); }
})();
