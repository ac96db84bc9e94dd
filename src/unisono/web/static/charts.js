// Draws the charts whose data a page carries as JSON (no inline script: see the CSP).
(function () {
  "use strict";
  var accent = ["#2f5d62", "#c9822b"];

  function trend(element, data) {
    var traces = [];
    data.series.forEach(function (serie, index) {
      var color = accent[index % accent.length];
      var band = data.weeks.map(function (_, i) { return serie.low[i]; });
      traces.push({ x: data.weeks, y: serie.high, mode: "lines", line: { width: 0 },
        hoverinfo: "skip", showlegend: false, connectgaps: false });
      traces.push({ x: data.weeks, y: band, mode: "lines", line: { width: 0 }, fill: "tonexty",
        fillcolor: color + "22", hoverinfo: "skip", showlegend: false, connectgaps: false });
      traces.push({ x: data.weeks, y: serie.values, name: serie.name, mode: "lines+markers",
        line: { color: color, width: 2.5 }, marker: { size: 6 }, connectgaps: false,
        hovertemplate: "%{y:.1f}<extra>" + serie.name + "</extra>" });
    });
    traces.push({ x: data.weeks, y: data.volume, name: data.labels.volume, type: "bar", yaxis: "y2",
      marker: { color: "#d9e3e1" }, hovertemplate: "%{y}<extra>" + data.labels.volume + "</extra>" });
    var layout = {
      margin: { l: 40, r: 40, t: 10, b: 40 }, font: { family: "Inter, system-ui, sans-serif", size: 12, color: "#1e2a32" },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      legend: { orientation: "h", y: -0.18 }, hovermode: "x unified",
      xaxis: { type: "date", gridcolor: "#eef1ef", tickformat: "%d %b" },
      yaxis: { gridcolor: "#eef1ef", zeroline: false },
      yaxis2: { overlaying: "y", side: "right", showgrid: false, rangemode: "tozero", tickformat: "d", nticks: 4 },
      barmode: "overlay"
    };
    // the bars sit behind the lines
    traces.unshift(traces.pop());
    window.Plotly.newPlot(element, traces, layout, { displayModeBar: false, responsive: true, locale: data.locale });
  }

  function draw() {
    var source = document.getElementById("trend-data");
    var target = document.getElementById("trend-chart");
    if (source && target && window.Plotly) { trend(target, JSON.parse(source.textContent)); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
