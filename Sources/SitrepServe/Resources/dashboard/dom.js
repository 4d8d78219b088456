// Small DOM and API helpers. Data is only ever inserted as text nodes:
// nothing in this dashboard uses innerHTML, so article text cannot become markup.

/** Makes an element: h('a', {href: '#/', class: 'x'}, 'text', otherNode). */
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'g', 'path', 'circle', 'rect', 'line', 'text', 'title'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'href' && !safeHref(String(v))) continue;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Links go to this dashboard or to http(s) pages, never to javascript: or data: URLs. */
export function safeHref(url) {
  return url.startsWith('#') || url.startsWith('/') || /^https?:\/\//i.test(url);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** The review token: typed by the user, kept for this tab only. */
export const token = {
  get: () => sessionStorage.getItem('sitrep.token') || '',
  set: (t) => (t ? sessionStorage.setItem('sitrep.token', t) : sessionStorage.removeItem('sitrep.token')),
};

/** An API error with the server's message ({"error": {"code", "message"}}). */
export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** fetch + JSON; a non-2xx answer throws an APIError carrying the server's message. */
export async function api(path, { method = 'GET', body, auth = false, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth) {
    const t = token.get();
    if (t) headers.Authorization = `Bearer ${t}`;
  }
  const r = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try {
    data = await r.json();
  } catch {
    data = null;
  }
  if (!r.ok) {
    const e = data && data.error;
    throw new APIError(r.status, e ? e.code : `http_${r.status}`, e ? e.message : `${r.status} ${r.statusText}`);
  }
  return data;
}

/** ACLED event types and their colours (the map, the legend, the list). */
export const TYPES = [
  ['Battles', '#d62728'],
  ['Explosions/Remote violence', '#ff7f0e'],
  ['Violence against civilians', '#9467bd'],
  ['Protests', '#2ca02c'],
  ['Riots', '#e7298a'],
  ['Strategic developments', '#1f77b4'],
];
const typeColours = new Map(TYPES);
export const colourOf = (type) => typeColours.get(type) || '#555555';

export function swatch(type) {
  const s = h('span', { class: 'swatch', 'data-type': type });
  s.style.background = colourOf(type);
  return s;
}

export const actorsOf = (e) => [e.actor1, e.actor2].filter(Boolean).map((a) => (typeof a === 'string' ? a : a.name));

export function fmtNumber(n) {
  return n === null || n === undefined ? '–' : String(n);
}
