// Events per week as bars, with a brush (mouse, pen or touch) that picks a date range.
import { h, clear } from './dom.js';

const W = 1000;
const H = 150;
const DAY = 86400000;

const parse = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
export const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** Every week from the first to the last bucket, the empty ones too. */
function weeks(byWeek) {
  if (!byWeek.length) return [];
  const counts = new Map(byWeek.map((b) => [b.key, b.count]));
  const out = [];
  for (let t = parse(byWeek[0].key); t <= parse(byWeek[byWeek.length - 1].key); t += 7 * DAY) {
    out.push({ start: t, count: counts.get(iso(t)) || 0 });
  }
  return out;
}

/**
 * Draws the histogram. `range` is the current {since, until} (ISO dates or '');
 * `onBrush(since, until)` gets the picked weeks, or ('', '') when cleared.
 */
export function drawTimeline(svg, axis, byWeek, range, onBrush) {
  clear(svg);
  clear(axis);
  const ws = weeks(byWeek);
  if (!ws.length) {
    svg.appendChild(h('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'No events dated to a day'));
    return;
  }
  const max = Math.max(...ws.map((w) => w.count), 1);
  const bw = W / ws.length;
  const gap = Math.min(2, bw * 0.15);
  const since = range.since ? parse(range.since) : null;
  const until = range.until ? parse(range.until) : null;
  const bars = h('g', { class: 'bars' });
  ws.forEach((w, i) => {
    const bh = (w.count / max) * (H - 12);
    const inRange = (since === null || w.start + 6 * DAY >= since) && (until === null || w.start <= until);
    bars.appendChild(h('rect', {
      x: (i * bw + gap / 2).toFixed(2), y: (H - bh).toFixed(2), width: Math.max(bw - gap, 1).toFixed(2), height: bh.toFixed(2),
      class: inRange ? 'bar' : 'bar out',
    }, h('title', {}, `week of ${iso(w.start)}: ${w.count} event${w.count === 1 ? '' : 's'}`)));
  });
  svg.appendChild(bars);
  const sel = h('rect', { class: 'brush', x: 0, y: 0, width: 0, height: H, visibility: 'hidden' });
  svg.appendChild(sel);

  // axis labels: about six dates
  const step = Math.max(1, Math.ceil(ws.length / 6));
  for (let i = 0; i < ws.length; i += step) {
    const label = h('span', {}, iso(ws[i].start));
    label.style.left = `${((i + 0.5) / ws.length) * 100}%`;
    axis.appendChild(label);
  }

  // the brush: pointer events cover mouse, pen and touch alike
  const index = (ev) => {
    const r = svg.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * W;
    return Math.min(ws.length - 1, Math.max(0, Math.floor(x / bw)));
  };
  let anchor = null;
  const show = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    sel.setAttribute('x', (lo * bw).toFixed(2));
    sel.setAttribute('width', ((hi - lo + 1) * bw).toFixed(2));
    sel.setAttribute('visibility', 'visible');
  };
  svg.onpointerdown = (ev) => {
    anchor = index(ev);
    svg.setPointerCapture(ev.pointerId);
    show(anchor, anchor);
    ev.preventDefault();
  };
  svg.onpointermove = (ev) => { if (anchor !== null) show(anchor, index(ev)); };
  svg.onpointerup = (ev) => {
    if (anchor === null) return;
    const b = index(ev);
    const [lo, hi] = anchor <= b ? [anchor, b] : [b, anchor];
    anchor = null;
    onBrush(iso(ws[lo].start), iso(ws[hi].start + 6 * DAY));
  };
  svg.onpointercancel = () => { anchor = null; sel.setAttribute('visibility', 'hidden'); };
  svg.ondblclick = () => onBrush('', '');
}
