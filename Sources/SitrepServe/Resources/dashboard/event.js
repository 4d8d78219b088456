// The event page (#/event/ID): every field next to the sentence that supports
// it, every source article with its evidence highlighted and its furniture
// dimmed, the review history, and the review actions.
import { h, api, replace, swatch, token, fmtNumber } from './dom.js';

const EDITABLE = ['sub_event_type', 'date', 'location', 'actor1', 'actor2', 'fatalities', 'injuries', 'certainty', 'background'];

/** Offsets from the API are Unicode code points; a JS string indexes UTF-16
 *  units, so texts are handled as arrays of code points (Array.from). */
const codePoints = (s) => Array.from(s);

/** The sentence around [start, end) of a code-point array, as [start, end). */
function sentenceAround(cps, start, end) {
  const stop = (i) => /[.!?]/.test(cps[i]) && (i + 1 >= cps.length || /\s/.test(cps[i + 1]));
  let s = start;
  while (s > 0 && start - s < 500 && cps[s - 1] !== '\n' && !(/\s/.test(cps[s - 1]) && s >= 2 && stop(s - 2))) s--;
  let e = end;
  while (e < cps.length && e - end < 500 && cps[e] !== '\n') {
    if (stop(e)) { e++; break; }
    e++;
  }
  while (s < start && /\s/.test(cps[s])) s++;
  return [s, e];
}

/** One piece of evidence: its sentence with the span highlighted (as text nodes only). */
function quote(item, articles) {
  const a = articles.get(item.document);
  let body;
  if (a && a.cps) {
    const [s, e] = sentenceAround(a.cps, item.start, item.end);
    body = h('q', {}, a.cps.slice(s, item.start).join(''), h('mark', {}, a.cps.slice(item.start, item.end).join('')),
      a.cps.slice(item.end, e).join(''));
  } else {
    body = h('q', {}, h('mark', {}, item.text));
  }
  return h('blockquote', { class: 'evidence' }, body,
    h('cite', {}, h('a', { href: `#source-${item.document}` }, item.document), ` · ${item.field} · ${item.rule}`));
}

/** Which table row each evidence field belongs to. */
function rowOf(field) {
  const f = field.toLowerCase();
  if (f === 'event_type' || f === 'sub_event_type') return 'type';
  if (f === 'location') return 'place';
  if (f === 'reported_by') return 'certainty';
  if (f === 'reference') return 'background';
  if (f.includes('injur')) return 'injuries';
  if (f.includes('fatal') || f.includes('killed') || f.includes('dead') || f.startsWith('casualties')) return 'fatalities';
  return f;
}

function fieldRows(x, articles) {
  const e = x.event;
  const loc = e.location;
  const coords = typeof loc.lat === 'number' ? `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}` : 'no coordinates';
  const rows = [
    ['type', 'Type', [swatch(e.event_type), `${e.event_type} · ${e.sub_event_type}`]],
    ['date', 'Date', `${e.date} (known to the ${e.date_precision})`],
    ['place', 'Place', [[loc.name, loc.admin1, loc.country].filter(Boolean).join(', '), h('br'),
      h('span', { class: 'muted' }, `precision: ${loc.precision} · ${coords}`)]],
    ['actor1', 'Actor 1', e.actor1 ? e.actor1.name : '–'],
    ['actor2', 'Actor 2', e.actor2 ? e.actor2.name : '–'],
    ['weapons', 'Weapons', e.weapons.length ? e.weapons.join(', ') : '–'],
    ['fatalities', 'Fatalities', fmtNumber(e.fatalities)],
    ['injuries', 'Injuries', fmtNumber(e.injuries)],
    ['certainty', 'Certainty', e.certainty],
    ['background', 'Background', e.background ? 'yes: an older incident mentioned for context' : 'no'],
    ['contradictions', 'Contradictions', e.contradictions.length
      ? h('ul', {}, e.contradictions.map((c) => h('li', {}, h('strong', {}, c.field), ': ',
        c.claims.map((cl, i) => [i ? '; ' : '', cl.value, ' ', h('a', { href: `#source-${cl.document}` }, `(${cl.document})`)]))))
      : 'none: the sources agree'],
    ['review', 'Review', e.review || 'not reviewed'],
  ];
  const byRow = new Map();
  const other = [];
  for (const item of [...x.evidence, ...x.casualty_claims]) {
    const key = rowOf(item.field);
    if (rows.some((r) => r[0] === key)) {
      if (!byRow.has(key)) byRow.set(key, []);
      byRow.get(key).push(item);
    } else other.push(item);
  }
  const table = h('table', { class: 'fields' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Value'), h('th', {}, 'Supporting sentence'))),
    h('tbody', {}, rows.map(([key, label, value]) => h('tr', { 'data-field': key },
      h('th', { scope: 'row' }, label),
      h('td', { class: 'value' }, value),
      h('td', {}, (byRow.get(key) || []).map((item) => quote(item, articles)))))));
  if (other.length) {
    table.tBodies[0].appendChild(h('tr', {}, h('th', { scope: 'row' }, 'Other evidence'), h('td', {}, ''),
      h('td', {}, other.map((item) => quote(item, articles)))));
  }
  return table;
}

/** An article's text: this event's evidence marked, page furniture dimmed. */
function articleText(a, eventID) {
  const cps = a.cps;
  const marks = a.evidence.filter((s) => s.event === eventID);
  const cuts = new Set([0, cps.length]);
  for (const s of [...marks, ...a.furniture]) {
    cuts.add(Math.max(0, Math.min(cps.length, s.start)));
    cuts.add(Math.max(0, Math.min(cps.length, s.end)));
  }
  const points = [...cuts].sort((p, q) => p - q);
  const out = h('div', { class: 'article-text' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const text = cps.slice(s, e).join('');
    const inMark = marks.filter((m) => m.start <= s && e <= m.end);
    const inFurniture = a.furniture.some((f) => f.start <= s && e <= f.end);
    let node = document.createTextNode(text);
    if (inMark.length) node = h('mark', { title: inMark.map((m) => `${m.field} (${m.rule})`).join(', ') }, node);
    if (inFurniture) node = h('span', { class: 'furniture', title: 'page furniture' }, node);
    out.appendChild(node);
  }
  return out;
}

function sourceSection(doc, a, x) {
  const src = x.event.sources.filter((s) => s.document === doc);
  if (!a || a.error) {
    return h('article', { class: 'source', id: `source-${doc}` }, h('h3', {}, doc),
      h('p', { class: 'error' }, a ? a.error : 'not loaded'));
  }
  const meta = [a.outlet, a.published].filter(Boolean).join(' · ');
  return h('article', { class: 'source', id: `source-${doc}` },
    h('h3', {}, a.title || doc),
    h('p', { class: 'muted' }, `${doc}${meta ? ' · ' + meta : ''} · `,
      a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : 'no link',
      src.some((s) => s.reported_by) ? ` · reported by ${src.map((s) => s.reported_by).filter(Boolean).join(', ')}` : ''),
    h('details', { open: true }, h('summary', {}, 'Article text (evidence highlighted, page furniture dimmed)'), articleText(a, x.event.id)));
}

function history(x) {
  if (!x.reviews.length) return h('p', { class: 'muted' }, 'No analyst has reviewed this event yet.');
  return h('table', { class: 'history' },
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Before', 'After', 'Note'].map((t) => h('th', {}, t)))),
    h('tbody', {}, x.reviews.map((r) => h('tr', {},
      h('td', {}, r.at), h('td', {}, r.who), h('td', {}, r.action), h('td', {}, r.before ?? '–'),
      h('td', {}, r.after ?? '–'), h('td', {}, r.note ?? '')))));
}

function reviewPanel(x, reload) {
  const id = x.event.id;
  const message = h('p', { class: 'message', role: 'alert' });
  const analyst = h('input', { type: 'text', value: sessionStorage.getItem('sitrep.analyst') || '', placeholder: 'your name', maxlength: 100 });
  analyst.addEventListener('change', () => sessionStorage.setItem('sitrep.analyst', analyst.value.trim()));
  const note = h('input', { type: 'text', placeholder: 'why (optional)' });
  const who = () => {
    const body = {};
    if (analyst.value.trim()) body.analyst = analyst.value.trim();
    if (note.value.trim()) body.note = note.value.trim();
    return body;
  };
  const send = async (path, body, after) => {
    if (!token.get()) {
      message.className = 'message error';
      message.textContent = 'Type the review token (the content of the --token-file) in the box at the top first.';
      return;
    }
    message.className = 'message';
    message.textContent = 'Saving…';
    try {
      const r = await api(path, { method: 'POST', body: { ...body, ...who() }, auth: true });
      await after(r);
    } catch (e) {
      message.className = 'message error';
      message.textContent = `${e.status || ''} ${e.message}`.trim();
    }
  };
  const done = (text) => async () => { await reload(); const m = document.querySelector('#event-view .message'); if (m) m.textContent = text; };

  const field = h('select', {}, EDITABLE.map((f) => h('option', { value: f }, f)));
  const value = h('input', { type: 'text', placeholder: 'new value' });
  const docs = [...new Set(x.event.sources.map((s) => s.document))];
  const splitDoc = h('select', {}, docs.map((d) => h('option', { value: d }, d)));
  const other = h('input', { type: 'text', placeholder: 'evt-000123', pattern: 'evt-[0-9]+' });

  return h('section', { class: 'review' },
    h('h2', {}, 'Review'),
    h('div', { class: 'row' }, h('label', {}, 'Analyst ', analyst), h('label', {}, 'Note ', note)),
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => send(`/api/events/${id}/review`, { status: 'confirmed' }, done('Confirmed.')) }, 'Confirm'),
      h('button', { type: 'button', class: 'danger', onclick: () => send(`/api/events/${id}/review`, { status: 'rejected' }, done('Rejected.')) }, 'Reject'),
      h('button', { type: 'button', class: 'secondary', onclick: () => send(`/api/events/${id}/review`, { status: null }, done('Reopened.')) }, 'Reopen')),
    h('div', { class: 'row' },
      h('label', {}, 'Field ', field), h('label', {}, 'Value ', value),
      h('button', { type: 'button', onclick: () => send(`/api/events/${id}/edit`, { set: { [field.value]: value.value } }, done(`${field.value} set.`)) }, 'Set'),
      h('button', { type: 'button', class: 'secondary', onclick: () => send(`/api/events/${id}/edit`, { set: { [field.value]: null } }, done(`${field.value} unset.`)) }, 'Unset')),
    h('div', { class: 'row' },
      h('label', {}, 'Source ', splitDoc),
      h('button', { type: 'button', onclick: () => send(`/api/events/${id}/split`, { article: splitDoc.value },
        async (r) => { await reload(); const m = document.querySelector('#event-view .message'); if (m) m.textContent = `Split off: ${(r.split_off || []).join(', ') || r.split_off}.`; }) }, 'Split off')),
    h('div', { class: 'row' },
      h('label', {}, 'Merge with ', other),
      h('button', { type: 'button', onclick: () => send('/api/events/merge', { events: [id, other.value.trim()] },
        async (r) => { location.hash = `#/event/${encodeURIComponent(r.event)}`; }) }, 'Merge')),
    message);
}

/** Renders the page of event `id` into `root`. */
export async function showEvent(root, id) {
  document.title = `Sitrep · ${id}`;
  replace(root, h('p', { class: 'muted' }, `Loading ${id}…`));
  let x;
  try {
    x = await api(`/api/events/${encodeURIComponent(id)}`);
  } catch (e) {
    replace(root, h('p', {}, h('a', { href: '#/' }, '← all events')), h('p', { class: 'error' }, e.message));
    return;
  }
  const docs = [...new Set([...x.event.sources, ...x.evidence, ...x.casualty_claims].map((s) => s.document))];
  const articles = new Map(await Promise.all(docs.map(async (d) => {
    try {
      const a = await api(`/api/articles/${encodeURIComponent(d)}`);
      a.cps = codePoints(a.text);
      return [d, a];
    } catch (e) {
      return [d, { error: e.message }];
    }
  })));
  const e = x.event;
  replace(root,
    h('p', {}, h('a', { href: '#/' }, '← all events')),
    h('h1', {}, swatch(e.event_type), `${e.id}: ${e.sub_event_type}, ${e.location.name}, ${e.date}`),
    h('p', { class: 'summary' }, e.summary),
    h('div', { class: 'event-grid' },
      h('section', { class: 'event-fields' }, h('h2', {}, 'Fields and their evidence'), fieldRows(x, articles)),
      reviewPanel(x, () => showEvent(root, id))),
    x.reports.length > 1 ? h('section', {}, h('h2', {}, 'Reports merged into this event'),
      h('ul', {}, x.reports.map((r) => h('li', {}, `${r.document}: ${r.date}, ${r.location}, ${r.sub_event_type}` +
        (r.fatalities !== null && r.fatalities !== undefined ? `, ${r.fatalities} killed` : '')))),
      x.resolution.length ? h('ul', { class: 'muted' }, x.resolution.map((s) => h('li', {}, s))) : null) : null,
    h('section', {}, h('h2', {}, 'Review history'), history(x)),
    h('section', {}, h('h2', {}, `Sources (${docs.length})`), docs.map((d) => sourceSection(d, articles.get(d), x))));
}
