// kg view page script. Every string from documents reaches the DOM through textContent,
// never innerHTML, so names and sentences cannot inject markup or script.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
  const large = data.nodes.length > 1000;

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function tooltip(lines) {
    const box = element("div", "kg-tip");
    for (const [className, text] of lines) if (text) box.appendChild(element("div", className, text));
    return box;
  }

  let maxDegree = 1;
  for (const n of data.nodes) maxDegree = Math.max(maxDegree, n.degree);
  const enabled = new Set(Object.keys(data.classes));

  const nodes = new vis.DataSet(data.nodes.map(n => {
    const style = data.classes[n.cls] || {color: "#999", shape: "dot"};
    return {
      id: n.id, label: n.label, cls: n.cls, x: n.x, y: n.y,
      shape: style.shape, color: style.color,
      size: 8 + 22 * Math.sqrt(n.degree / maxDegree),
      title: tooltip([["name", n.label], ["meta", n.cls + " · " + n.degree + " relations"],
                      ["meta", n.aliases.length ? "aliases: " + n.aliases.join(", ") : ""],
                      ["sentence", n.sentence ? "“" + n.sentence + "”" : ""]]),
    };
  }));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, label: e.label,
    color: {color: data.edgeColors[e.label] || "#999"},
    title: tooltip([["name", e.label], ["sentence", e.sentence ? "“" + e.sentence + "”" : ""], ["meta", e.doc]]),
  })));
  const visibleNodes = new vis.DataView(nodes, {filter: n => enabled.has(n.cls)});

  const options = {
    autoResize: true,
    layout: {improvedLayout: false},
    physics: data.physics ? {solver: "forceAtlas2Based", stabilization: {iterations: 150, fit: true}} : false,
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large},
    nodes: {font: {face: FONT, size: 14}, borderWidth: 1},
    edges: {smooth: false, arrows: {to: {enabled: true, scaleFactor: 0.5}},
            font: {face: FONT, size: 10, align: "middle"}},
  };
  const network = new vis.Network(document.getElementById("kg-network"), {}, options);

  function markReady() {
    if (window.kgReady) return;
    window.kgReady = performance.now();
    document.body.dataset.ready = "true";
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({physics: false});
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }
  network.setData({nodes: visibleNodes, edges: edges});

  document.getElementById("kg-counts").textContent =
    data.nodes.length + " entities · " + data.edges.length + " relations";

  // Legend: one checkbox per class present, which filters the view.
  const counts = {};
  for (const n of data.nodes) counts[n.cls] = (counts[n.cls] || 0) + 1;
  const classList = document.getElementById("kg-classes");
  for (const [cls, style] of Object.entries(data.classes)) {
    if (!counts[cls]) continue;
    const item = element("li");
    item.dataset.cls = cls;
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => {
      if (box.checked) enabled.add(cls); else enabled.delete(cls);
      visibleNodes.refresh();
    });
    const swatch = element("span", "kg-swatch");
    swatch.style.background = style.color;
    label.append(box, swatch, element("span", "", cls + " (" + counts[cls] + ")"));
    item.appendChild(label);
    classList.appendChild(item);
  }
  const relationList = document.getElementById("kg-relations");
  for (const [relation, color] of Object.entries(data.edgeColors)) {
    const item = element("li");
    const swatch = element("span", "kg-swatch");
    swatch.style.background = color;
    item.append(swatch, element("span", "", relation));
    relationList.appendChild(item);
  }

  // Search: exact label or alias first, else the first label containing the text.
  const labels = document.getElementById("kg-labels");
  for (const n of data.nodes.slice(0, 5000)) labels.appendChild(element("option")).value = n.label;
  const search = document.getElementById("kg-search");
  const status = document.getElementById("kg-search-status");
  function find(text) {
    text = text.trim();
    if (!text) return null;
    return data.nodes.find(n => n.label === text || n.aliases.includes(text)) ||
           data.nodes.find(n => n.label.includes(text)) || null;
  }
  function focusOn(text) {
    const found = find(text);
    if (!found) { status.textContent = "not found"; return; }
    if (!enabled.has(found.cls)) { status.textContent = found.cls + " is hidden"; return; }
    status.textContent = found.label + " (" + found.cls + ")";
    network.selectNodes([found.id]);
    network.focus(found.id, {scale: 1.2, animation: false});
  }
  search.addEventListener("change", () => focusOn(search.value));
  search.addEventListener("keydown", e => { if (e.key === "Enter") focusOn(search.value); });

  window.kgView = {network: network, nodes: nodes, edges: edges, visibleNodes: visibleNodes, focusOn: focusOn};
})();
