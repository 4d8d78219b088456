// The dashboard view: filters, map, timeline, event list, details panel.
import { h, $, api, replace, clear, TYPES, swatch, actorsOf, fmtNumber } from './dom.js';
import { loadBasemap, drawMap, selectCircle } from './map.js';
import { drawTimeline } from './timeline.js';

const PAGE = 50;
const MAP_LIMIT = 500;

const form = $('#filters');
let cursor = null;
let generation = 0; // answers to an older filter are dropped

/** The filters as query parameters (empty ones left out). */
function params({ dates = true } = {}) {
  const p = new URLSearchParams();
  for (const name of ['since', 'until', 'type', 'actor', 'country', 'text']) {
    if (!dates && (name === 'since' || name === 'until')) continue;
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v);
  }
  return p;
}

function status(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

export function initDashboard() {
  const typeSelect = form.elements.type;
  for (const [t] of TYPES) typeSelect.appendChild(h('option', { value: t }, t));
  replace($('#legend'), TYPES.map(([t]) => h('li', {}, swatch(t), t)));

  form.addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
  $('#clear-filters').addEventListener('click', () => { form.reset(); refresh(); });
  $('#load-more').addEventListener('click', () => loadList(false).catch((e) => status(e.message, true)));

  // actor autocomplete from /api/actors
  let timer = 0;
  form.elements.actor.addEventListener('input', () => {
    clearTimeout(timer);
    const q = form.elements.actor.value.trim();
    if (!q) return;
    timer = setTimeout(async () => {
      try {
        const r = await api(`/api/actors?${new URLSearchParams({ q, limit: '20' })}`);
        replace($('#actor-options'), r.actors.map((a) => h('option', { value: a.name }, a.parent ? `${a.name} (${a.parent})` : a.name)));
      } catch { /* autocomplete is a convenience */ }
    }, 150);
  });
}

/** Fetches everything for the current filters. */
export async function refresh() {
  const mine = ++generation;
  status('Loading…');
  try {
    const [map, stats, events] = await Promise.all([
      loadBasemap(),
      api(`/api/stats?${params({ dates: false })}`),
      api(`/api/events?${withLimit(params(), MAP_LIMIT)}`),
    ]);
    if (mine !== generation) return;
    drawMap($('#map'), $('#map-note'), events.events, map, showDetails);
    if (events.total > events.events.length) {
      $('#map-note').textContent += ` The map shows the newest ${events.events.length} of ${events.total}.`;
    }
    const range = { since: form.elements.since.value, until: form.elements.until.value };
    drawTimeline($('#timeline'), $('#timeline-axis'), stats.by_week, range, (since, until) => {
      form.elements.since.value = since;
      form.elements.until.value = until;
      refresh();
    });
    if (!$('#country-options').children.length) {
      replace($('#country-options'), stats.by_country.map((c) => h('option', { value: c.key }, c.name || c.key)));
    }
    await loadList(true);
    if (mine === generation) status(`${events.total} event${events.total === 1 ? '' : 's'}`);
  } catch (e) {
    if (mine === generation) status(e.message, true);
  }
}

function withLimit(p, limit) {
  p.set('limit', String(limit));
  return p;
}

async function loadList(fresh) {
  const mine = generation;
  const p = withLimit(params(), PAGE);
  if (!fresh && cursor) p.set('cursor', cursor);
  const page = await api(`/api/events?${p}`);
  if (mine !== generation) return;
  const body = $('#event-list tbody');
  if (fresh) clear(body);
  for (const e of page.events) body.appendChild(row(e));
  cursor = page.next_cursor;
  $('#load-more').hidden = !cursor;
  $('#list-title').textContent = `Events (${body.children.length} of ${page.total})`;
}

function row(e) {
  const disagree = e.contradictions && e.contradictions.length
    ? h('span', { class: 'warn', title: 'sources disagree: ' + e.contradictions.map((c) => c.field).join(', ') }, '⚠')
    : null;
  const tr = h('tr', { 'data-id': e.id },
    h('td', { 'data-label': 'Date' }, e.date),
    h('td', { 'data-label': 'Type' }, swatch(e.event_type), e.sub_event_type),
    h('td', { 'data-label': 'Place' }, [e.location, e.country].filter(Boolean).join(', ')),
    h('td', { 'data-label': 'Actors' }, actorsOf(e).join(' vs ') || '–'),
    h('td', { 'data-label': 'Fatalities', class: 'num' }, fmtNumber(e.fatalities)),
    h('td', { 'data-label': 'Sources', class: 'num' }, String(e.source_count), disagree ? ' ' : '', disagree),
    h('td', { 'data-label': 'Event' }, h('a', { href: `#/event/${encodeURIComponent(e.id)}` }, e.id),
      e.review ? h('span', { class: `badge ${e.review}` }, e.review) : null));
  tr.addEventListener('click', (ev) => { if (!ev.target.closest('a')) showDetails(e); });
  return tr;
}

function showDetails(e) {
  selectCircle($('#map'), e.id);
  const dl = h('dl', {},
    h('dt', {}, 'Date'), h('dd', {}, `${e.date} (${e.date_precision})`),
    h('dt', {}, 'Type'), h('dd', {}, swatch(e.event_type), `${e.event_type} · ${e.sub_event_type}`),
    h('dt', {}, 'Place'), h('dd', {}, [e.location, e.admin1, e.country].filter(Boolean).join(', '), ` (${e.precision})`),
    h('dt', {}, 'Actors'), h('dd', {}, actorsOf(e).join(' vs ') || '–'),
    h('dt', {}, 'Fatalities'), h('dd', {}, fmtNumber(e.fatalities)),
    h('dt', {}, 'Certainty'), h('dd', {}, e.certainty),
    h('dt', {}, 'Sources'), h('dd', {}, String(e.source_count),
      e.contradictions.length ? h('span', { class: 'warn' }, ` ⚠ disagree on ${e.contradictions.map((c) => c.field).join(', ')}`) : null));
  replace($('#details'),
    h('h2', {}, e.id),
    h('p', { class: 'summary' }, e.summary),
    dl,
    h('p', {}, h('a', { class: 'button', href: `#/event/${encodeURIComponent(e.id)}` }, 'Evidence and review →')));
}
