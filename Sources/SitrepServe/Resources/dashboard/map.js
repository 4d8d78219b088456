// The event map: equirectangular, fitted to the events, country outlines
// from /api/basemap (or a graticule without one), circles sized by fatalities.
import { h, clear, colourOf, actorsOf } from './dom.js';

const W = 1000;
const H = 620;

let basemap; // undefined: not asked yet; null: none imported

export async function loadBasemap() {
  if (basemap !== undefined) return basemap;
  try {
    const r = await fetch('/api/basemap', { headers: { Accept: 'application/json' } });
    basemap = r.ok ? await r.json() : null;
  } catch {
    basemap = null;
  }
  return basemap;
}

/** A projection fitted to the points (with a margin and a minimum span). */
function fit(points) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of points) {
    x0 = Math.min(x0, lon); x1 = Math.max(x1, lon);
    y0 = Math.min(y0, lat); y1 = Math.max(y1, lat);
  }
  if (!points.length) [x0, x1, y0, y1] = [25, 63, 12, 42]; // the Middle East
  const minSpan = 6;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  let dx = Math.max(x1 - x0, minSpan) * 1.3, dy = Math.max(y1 - y0, minSpan) * 1.3;
  const k = Math.cos((cy * Math.PI) / 180); // shrink longitudes at this latitude
  // widen the box to the picture's shape
  if ((dx * k) / dy < W / H) dx = (dy * (W / H)) / k;
  else dy = (dx * k) / (W / H);
  const s = H / dy;
  const left = cx - dx / 2, top = cy + dy / 2;
  const project = ([lon, lat]) => [(lon - left) * k * s, (top - lat) * s];
  return { project, west: left, east: left + dx, south: top - dy, north: top };
}

function ringPath(ring, project) {
  let d = '';
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i]);
    d += (i ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
  }
  return d + 'Z';
}

function overlaps(rings, view) {
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      if (lon >= view.west - 15 && lon <= view.east + 15 && lat >= view.south - 15 && lat <= view.north + 15) return true;
    }
  }
  return false;
}

export const radius = (fatalities) => Math.max(5, 4 + 3 * Math.sqrt(fatalities || 0));

/** Draws the map; `onSelect(event)` runs when a circle is clicked. */
export function drawMap(svg, note, events, map, onSelect) {
  clear(svg);
  const located = events.filter((e) => typeof e.lat === 'number' && typeof e.lon === 'number');
  const view = fit(located.map((e) => [e.lon, e.lat]));
  svg.appendChild(h('rect', { class: 'sea', x: 0, y: 0, width: W, height: H }));
  const land = h('g', { class: 'land' });
  if (map && map.countries) {
    for (const c of map.countries) {
      if (!overlaps(c.rings, view)) continue;
      const path = h('path', { d: c.rings.map((r) => ringPath(r, view.project)).join(''), 'fill-rule': 'evenodd' },
        h('title', {}, c.name));
      land.appendChild(path);
    }
  }
  svg.appendChild(land);
  // a graticule every 5 degrees (over the land, faint)
  const grid = h('g', { class: 'graticule' });
  for (let lon = Math.ceil(view.west / 5) * 5; lon <= view.east; lon += 5) {
    const [x] = view.project([lon, 0]);
    grid.appendChild(h('line', { x1: x, x2: x, y1: 0, y2: H }));
    grid.appendChild(h('text', { x: x + 3, y: H - 6 }, `${lon}°`));
  }
  for (let lat = Math.ceil(view.south / 5) * 5; lat <= view.north; lat += 5) {
    const [, y] = view.project([0, lat]);
    grid.appendChild(h('line', { x1: 0, x2: W, y1: y, y2: y }));
    grid.appendChild(h('text', { x: 4, y: y - 3 }, `${lat}°`));
  }
  svg.appendChild(grid);

  // radii in screen pixels, whatever the width the map is drawn at
  const unit = W / (svg.clientWidth || W);
  const dots = h('g', { class: 'events', 'stroke-width': (1.5 * unit).toFixed(2) });
  // big circles first, so small ones stay clickable on top
  const sorted = [...located].sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  for (const e of sorted) {
    const [x, y] = view.project([e.lon, e.lat]);
    const c = h('circle', {
      cx: x.toFixed(1), cy: y.toFixed(1), r: (radius(e.fatalities) * unit).toFixed(1), fill: colourOf(e.event_type),
      tabindex: 0, role: 'button', 'data-id': e.id,
      'aria-label': `${e.id}: ${e.event_type}, ${e.location}, ${e.date}`,
      onclick: () => onSelect(e),
      onkeydown: (k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); onSelect(e); } },
    }, h('title', {}, `${e.date} · ${e.sub_event_type} · ${e.location}` +
      (actorsOf(e).length ? ` · ${actorsOf(e).join(' vs ')}` : '') + ` · fatalities ${e.fatalities ?? 'unknown'}`));
    dots.appendChild(c);
  }
  svg.appendChild(dots);

  const unplaced = events.length - located.length;
  const parts = [];
  if (!map) parts.push('No base map imported: run `sitrep basemap import FILE` with a Natural Earth admin-0 countries GeoJSON to draw country outlines.');
  else parts.push(`Outlines: ${map.source}.`);
  if (unplaced) parts.push(`${unplaced} event${unplaced === 1 ? '' : 's'} without coordinates not shown.`);
  parts.push('Circle area grows with fatalities.');
  note.textContent = parts.join(' ');
}

export function selectCircle(svg, id) {
  for (const c of svg.querySelectorAll('circle.selected')) {
    c.classList.remove('selected');
    c.removeAttribute('stroke-width');
  }
  const c = svg.querySelector(`circle[data-id="${CSS.escape(id)}"]`);
  if (c) {
    c.classList.add('selected');
    c.setAttribute('stroke-width', (3 * (W / (svg.clientWidth || W))).toFixed(2));
    c.parentNode.appendChild(c); // on top
  }
}
